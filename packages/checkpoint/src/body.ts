import { assertLittleEndian, type DTypeInfo } from './dtypes';

/**
 * The body is what the payload holds once inflated (or as is, uncompressed): a 32-byte body header,
 * the section table, the section names, the metadata JSON, then the section data, each section
 * starting on a DATA_ALIGN boundary. Offsets are relative to the body's first byte. FORMAT.md has
 * the byte-level table.
 */
export const BODY_HEADER_SIZE = 32;
export const SECTION_ENTRY_SIZE = 40;
export const DATA_ALIGN = 64;
export const MAX_SECTIONS = 65_536;
export const MAX_NAME_BYTES = 1024;
/** Default ceiling on a body (what a load may allocate); writers refuse to exceed it too. */
export const DEFAULT_MAX_BYTES: number = 2 * 1024 ** 3;
/** Default ceiling on the metadata JSON. */
export const DEFAULT_MAX_METADATA_BYTES: number = 64 * 1024 ** 2;

/** One section as the writer lays it out. */
export interface PlannedSection {
  name: string;
  dtype: DTypeInfo;
  length: number;
  bytes: Uint8Array;
  offset: number;
}

/** Everything the writer needs to stream a body without building it in memory. */
export interface BodyPlan {
  /** Body header, table, names and metadata: small, built in memory. */
  prefix: Uint8Array;
  dataStart: number;
  sections: PlannedSection[];
  bodyLength: number;
}

export interface SectionInput {
  name: string;
  dtype: DTypeInfo;
  length: number;
  bytes: Uint8Array;
}

function alignUp(n: number, to: number): number {
  return Math.ceil(n / to) * to;
}

/** Lays out a body: offsets for every section, and the prefix bytes. */
export function planBody(metadataJson: string, inputs: readonly SectionInput[]): BodyPlan {
  assertLittleEndian();
  const encoder = new TextEncoder();
  const names = inputs.map((s) => encoder.encode(s.name));
  const metadata = encoder.encode(metadataJson);
  const namesLength = names.reduce((sum, n) => sum + n.length, 0);
  const tableEnd = BODY_HEADER_SIZE + inputs.length * SECTION_ENTRY_SIZE;
  const prefixLength = tableEnd + namesLength + metadata.length;
  const dataStart = alignUp(prefixLength, DATA_ALIGN);

  const sections: PlannedSection[] = [];
  let cursor = dataStart;
  let bodyLength = dataStart;
  for (const input of inputs) {
    sections.push({ ...input, offset: cursor });
    bodyLength = cursor + input.bytes.length;
    cursor = alignUp(bodyLength, DATA_ALIGN);
  }

  const prefix = new Uint8Array(prefixLength);
  const view = new DataView(prefix.buffer);
  view.setBigUint64(0, BigInt(bodyLength), true);
  view.setUint32(8, inputs.length, true);
  view.setUint32(12, SECTION_ENTRY_SIZE, true);
  view.setUint32(16, namesLength, true);
  view.setUint32(20, metadata.length, true);
  view.setBigUint64(24, BigInt(dataStart), true);
  let nameOffset = 0;
  sections.forEach((section, i) => {
    const at = BODY_HEADER_SIZE + i * SECTION_ENTRY_SIZE;
    const name = names[i]!;
    view.setUint32(at, nameOffset, true);
    view.setUint32(at + 4, name.length, true);
    view.setUint32(at + 8, section.dtype.code, true);
    view.setUint32(at + 12, 0, true);
    view.setBigUint64(at + 16, BigInt(section.length), true);
    view.setBigUint64(at + 24, BigInt(section.offset), true);
    view.setBigUint64(at + 32, BigInt(section.bytes.length), true);
    prefix.set(name, tableEnd + nameOffset);
    nameOffset += name.length;
  });
  prefix.set(metadata, tableEnd + namesLength);
  return { prefix, dataStart, sections, bodyLength };
}

const ZEROS = new Uint8Array(DATA_ALIGN);

/**
 * The body as a sequence of chunks: the prefix, then views into the caller's arrays (no copies),
 * at most `chunkBytes` each, with zero padding between sections.
 */
export function* bodyChunks(plan: BodyPlan, chunkBytes: number): Generator<Uint8Array> {
  yield plan.prefix;
  let position = plan.prefix.length;
  for (const section of plan.sections) {
    if (section.offset > position) yield ZEROS.subarray(0, section.offset - position);
    for (let at = 0; at < section.bytes.length; at += chunkBytes) {
      yield section.bytes.subarray(at, Math.min(at + chunkBytes, section.bytes.length));
    }
    position = section.offset + section.bytes.length;
  }
  if (plan.bodyLength > position) yield ZEROS.subarray(0, plan.bodyLength - position);
}
