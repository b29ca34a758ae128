import { BODY_HEADER_SIZE, MAX_NAME_BYTES, MAX_SECTIONS, SECTION_ENTRY_SIZE } from './body';
import { assertLittleEndian, type DTypeInfo, dtypeByCode } from './dtypes';
import { CheckpointError, type CheckpointErrorCode } from './errors';
import type { SectionArray } from './types';

/** DEFLATE cannot expand data by more than ~1032:1; a body declaring more is a lie. */
const MAX_INFLATE_RATIO = 1032;
const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);

export interface BodyLimits {
  /** Payload bytes as stored in the file (already checked against the file size). */
  storedLength: number;
  compressed: boolean;
  /** Ceiling on the body's declared length (and so on what load allocates). */
  maxBytes: number;
  maxMetadataBytes: number;
}

/** One entry of the section table, checked. */
export interface SectionEntry {
  name: string;
  dtype: DTypeInfo;
  length: number;
  offset: number;
  byteLength: number;
}

export interface ParsedBody {
  metadata: Record<string, unknown>;
  entries: SectionEntry[];
  /** The arrays, in table order; empty when the parser was told not to keep data. */
  sections: Record<string, SectionArray>;
}

interface Target extends SectionEntry {
  dest: SectionArray | undefined;
}

/**
 * Consumes the body as a stream of chunks and checks everything it declares before allocating:
 * the body length against the stored size, the table against the body, each section against
 * its dtype. Arrays are allocated when their first byte arrives, so a compressed file can only
 * make it allocate what it really inflates to.
 */
export class BodyParser {
  private position = 0;
  private prefix = new Uint8Array(BODY_HEADER_SIZE);
  private prefixFilled = 0;
  private bodyLength = -1;
  private targets: Target[] | undefined;
  private next = 0;
  private metadata: Record<string, unknown> = {};

  constructor(
    private readonly where: string,
    private readonly limits: BodyLimits,
    private readonly keepData: boolean,
    /** Judges the prefix before any data is taken in; a reason refuses the file (CKPT_FOREIGN). */
    private readonly accept?: (prefix: Omit<ParsedBody, 'sections'>) => string | undefined,
  ) {
    assertLittleEndian();
  }

  /** True once the prefix (header, table, names, metadata) has been read and checked. */
  get prefixDone(): boolean {
    return this.targets !== undefined;
  }

  push(chunk: Uint8Array): void {
    let i = 0;
    while (i < chunk.length) {
      if (this.targets === undefined) i += this.fillPrefix(chunk, i);
      else i += this.consumeData(chunk, i);
    }
  }

  /**
   * Declares the data bytes consumed without reading them: for verify() of an uncompressed file,
   * where the table has been checked against a body whose every byte the CRC already covered.
   */
  skipData(): void {
    if (this.targets === undefined || this.keepData) {
      throw new Error('BodyParser.skipData: only after the prefix, and only when not keeping data');
    }
    this.position = this.bodyLength;
    this.next = this.targets.length;
  }

  finish(): ParsedBody {
    if (this.targets === undefined || this.position !== this.bodyLength) {
      const declared = this.bodyLength < 0 ? 'a body header' : `${this.bodyLength} bytes`;
      this.fail('CKPT_BAD_PAYLOAD', `body ends after ${this.position} bytes, declared ${declared}`);
    }
    const sections: Record<string, SectionArray> = {};
    if (this.keepData) {
      for (const target of this.targets) {
        const array = target.dest ?? new target.dtype.create(target.length);
        // defineProperty: a section named "__proto__" stays a plain own property.
        Object.defineProperty(sections, target.name, {
          value: array,
          enumerable: true,
          writable: true,
          configurable: true,
        });
      }
    }
    const entries = this.targets.map(({ dest: _dest, ...entry }) => entry);
    return { metadata: this.metadata, entries, sections };
  }

  private fail(code: CheckpointErrorCode, message: string): never {
    throw new CheckpointError(code, `${this.where}: ${message}`, { details: { path: this.where } });
  }

  private fillPrefix(chunk: Uint8Array, at: number): number {
    const take = Math.min(chunk.length - at, this.prefix.length - this.prefixFilled);
    this.prefix.set(chunk.subarray(at, at + take), this.prefixFilled);
    this.prefixFilled += take;
    this.position += take;
    if (this.prefixFilled === this.prefix.length) {
      if (this.bodyLength < 0) this.readBodyHeader();
      else this.readTable();
    }
    return take;
  }

  private readBodyHeader(): void {
    const view = new DataView(this.prefix.buffer);
    const { storedLength, compressed, maxBytes, maxMetadataBytes } = this.limits;
    const bodyLength64 = view.getBigUint64(0, true);
    if (bodyLength64 > MAX_SAFE) this.fail('CKPT_BAD_PAYLOAD', 'body length beyond 2^53');
    const bodyLength = Number(bodyLength64);
    if (!compressed && bodyLength !== storedLength) {
      this.fail(
        'CKPT_SIZE_MISMATCH',
        `body declares ${bodyLength} bytes, payload is ${storedLength}`,
      );
    }
    if (compressed && bodyLength > storedLength * MAX_INFLATE_RATIO + 1024) {
      this.fail(
        'CKPT_BAD_PAYLOAD',
        `body declares ${bodyLength} bytes, more than DEFLATE can make of ${storedLength}`,
      );
    }
    if (bodyLength > maxBytes) {
      this.fail('CKPT_BAD_PAYLOAD', `body declares ${bodyLength} bytes, the limit is ${maxBytes}`);
    }
    const count = view.getUint32(8, true);
    const entrySize = view.getUint32(12, true);
    const namesLength = view.getUint32(16, true);
    const metadataLength = view.getUint32(20, true);
    const dataStart = view.getBigUint64(24, true);
    if (entrySize !== SECTION_ENTRY_SIZE) {
      this.fail('CKPT_BAD_PAYLOAD', `section entries of ${entrySize} bytes, expected 40`);
    }
    if (count > MAX_SECTIONS) this.fail('CKPT_BAD_SECTION', `${count} sections, at most 65536`);
    if (namesLength > count * MAX_NAME_BYTES) {
      this.fail('CKPT_BAD_SECTION', `${namesLength} bytes of names for ${count} sections`);
    }
    if (metadataLength > maxMetadataBytes) {
      this.fail(
        'CKPT_BAD_METADATA',
        `metadata of ${metadataLength} bytes, limit ${maxMetadataBytes}`,
      );
    }
    const prefixLength =
      BODY_HEADER_SIZE + count * SECTION_ENTRY_SIZE + namesLength + metadataLength;
    if (prefixLength > bodyLength) {
      this.fail('CKPT_BAD_PAYLOAD', `prefix of ${prefixLength} bytes in a body of ${bodyLength}`);
    }
    if (dataStart < BigInt(prefixLength) || dataStart > bodyLength64 || dataStart % 8n !== 0n) {
      this.fail(
        'CKPT_BAD_PAYLOAD',
        `data start ${dataStart} is outside ${prefixLength}..${bodyLength}`,
      );
    }
    this.bodyLength = bodyLength;
    const full = new Uint8Array(prefixLength);
    full.set(this.prefix);
    this.prefix = full;
    if (this.prefixFilled === prefixLength) this.readTable();
  }

  private readTable(): void {
    const view = new DataView(this.prefix.buffer);
    const count = view.getUint32(8, true);
    const namesLength = view.getUint32(16, true);
    const dataStart = Number(view.getBigUint64(24, true));
    const namesAt = BODY_HEADER_SIZE + count * SECTION_ENTRY_SIZE;
    const names = this.prefix.subarray(namesAt, namesAt + namesLength);
    const seen = new Set<string>();
    const targets: Target[] = [];
    let previousEnd = dataStart;
    for (let i = 0; i < count; i++) {
      const entry = this.readEntry(view, BODY_HEADER_SIZE + i * SECTION_ENTRY_SIZE, names, i);
      if (seen.has(entry.name)) this.fail('CKPT_BAD_SECTION', `section "${entry.name}" twice`);
      seen.add(entry.name);
      if (entry.offset < previousEnd || entry.offset + entry.byteLength > this.bodyLength) {
        this.fail(
          'CKPT_BAD_SECTION',
          `section "${entry.name}" at ${entry.offset}+${entry.byteLength} overlaps another or ` +
            `lies outside ${previousEnd}..${this.bodyLength}`,
        );
      }
      previousEnd = entry.offset + entry.byteLength;
      targets.push({ ...entry, dest: undefined });
    }
    this.metadata = this.readMetadata(namesAt + namesLength);
    const refusal = this.accept?.({
      metadata: this.metadata,
      entries: targets.map(({ dest: _dest, ...entry }) => entry),
    });
    if (refusal !== undefined) this.fail('CKPT_FOREIGN', refusal);
    this.targets = targets;
  }

  private readEntry(view: DataView, at: number, names: Uint8Array, index: number): SectionEntry {
    const nameOffset = view.getUint32(at, true);
    const nameLength = view.getUint32(at + 4, true);
    const code = view.getUint32(at + 8, true);
    const reserved = view.getUint32(at + 12, true);
    const length = view.getBigUint64(at + 16, true);
    const offset = view.getBigUint64(at + 24, true);
    const byteLength = view.getBigUint64(at + 32, true);
    const dtype = dtypeByCode(code);
    const label = `section ${index}`;
    if (dtype === undefined) this.fail('CKPT_BAD_SECTION', `${label}: unknown dtype code ${code}`);
    if (reserved !== 0) this.fail('CKPT_BAD_SECTION', `${label}: reserved field is ${reserved}`);
    if (nameLength === 0 || nameLength > MAX_NAME_BYTES || nameOffset + nameLength > names.length) {
      this.fail('CKPT_BAD_SECTION', `${label}: name at ${nameOffset}+${nameLength} is invalid`);
    }
    if (length > MAX_SAFE || offset > MAX_SAFE || byteLength > MAX_SAFE) {
      this.fail('CKPT_BAD_SECTION', `${label}: sizes beyond 2^53`);
    }
    if (byteLength !== length * BigInt(dtype.bytes)) {
      this.fail('CKPT_BAD_SECTION', `${label}: ${byteLength} bytes for ${length} ${dtype.name}`);
    }
    let name: string;
    try {
      name = new TextDecoder('utf-8', { fatal: true }).decode(
        names.subarray(nameOffset, nameOffset + nameLength),
      );
    } catch {
      this.fail('CKPT_BAD_SECTION', `${label}: name is not UTF-8`);
    }
    return {
      name,
      dtype,
      length: Number(length),
      offset: Number(offset),
      byteLength: Number(byteLength),
    };
  }

  private readMetadata(at: number): Record<string, unknown> {
    const bytes = this.prefix.subarray(at);
    let value: unknown;
    try {
      value = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
    } catch (error) {
      this.fail('CKPT_BAD_METADATA', `metadata is not UTF-8 JSON (${(error as Error).message})`);
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      this.fail('CKPT_BAD_METADATA', 'metadata is not a JSON object');
    }
    return value as Record<string, unknown>;
  }

  private consumeData(chunk: Uint8Array, at: number): number {
    const targets = this.targets!;
    const available = chunk.length - at;
    if (this.position >= this.bodyLength) {
      this.fail('CKPT_BAD_PAYLOAD', `more than the declared ${this.bodyLength} bytes of body`);
    }
    while (this.next < targets.length && targets[this.next]!.byteLength === 0) this.next++;
    const target = targets[this.next];
    if (target === undefined || this.position < target.offset) {
      const until = target === undefined ? this.bodyLength : target.offset;
      const skip = Math.min(available, until - this.position);
      this.position += skip;
      return skip;
    }
    const end = target.offset + target.byteLength;
    const take = Math.min(available, end - this.position);
    if (this.keepData) {
      target.dest ??= new target.dtype.create(target.length);
      const bytes = new Uint8Array(target.dest.buffer);
      bytes.set(chunk.subarray(at, at + take), this.position - target.offset);
    }
    this.position += take;
    if (this.position === end) this.next++;
    return take;
  }
}
