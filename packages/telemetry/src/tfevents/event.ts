import { TelemetryError } from '../errors';
import { crc32c, maskCrc32c } from './crc32c';
import {
  ProtoWriter,
  WIRE_FIXED32,
  WIRE_FIXED64,
  WIRE_LENGTH_DELIMITED,
  WIRE_VARINT,
  fieldDouble,
  fieldFloat,
  fieldString,
  readFields,
} from './protobuf';

// Field numbers from tensorflow/core/util/event.proto and framework/summary.proto.
const EVENT_WALL_TIME = 1;
const EVENT_STEP = 2;
const EVENT_FILE_VERSION = 3;
const EVENT_SUMMARY = 5;
const SUMMARY_VALUE = 1;
const VALUE_TAG = 1;
const VALUE_SIMPLE_VALUE = 2;

/** The file_version TensorBoard expects in the first record of an event file. */
export const TFEVENTS_FILE_VERSION = 'brain.Event:2';

/** One scalar of a Summary. */
export interface TfScalar {
  tag: string;
  value: number;
}

/** The part of a TensorFlow `Event` this package writes and reads back. */
export interface TfEvent {
  /** Seconds since the epoch (a double, as TensorFlow stores it). */
  wallTime: number;
  step: number;
  fileVersion?: string | undefined;
  scalars: TfScalar[];
}

/** Encodes an Event protobuf: wall_time, step, and file_version or a Summary of simple values. */
export function encodeEvent(event: TfEvent): Uint8Array {
  const writer = new ProtoWriter().double(EVENT_WALL_TIME, event.wallTime);
  if (event.step !== 0) writer.varint(EVENT_STEP, event.step);
  if (event.fileVersion !== undefined) writer.string(EVENT_FILE_VERSION, event.fileVersion);
  if (event.scalars.length > 0) {
    const summary = new ProtoWriter();
    for (const scalar of event.scalars) {
      summary.message(
        SUMMARY_VALUE,
        new ProtoWriter().string(VALUE_TAG, scalar.tag).float(VALUE_SIMPLE_VALUE, scalar.value),
      );
    }
    writer.message(EVENT_SUMMARY, summary);
  }
  return writer.finish();
}

/** Decodes an Event, keeping wall_time, step, file_version and simple-value scalars. */
export function decodeEvent(payload: Uint8Array): TfEvent {
  const event: TfEvent = { wallTime: 0, step: 0, scalars: [] };
  for (const f of readFields(payload)) {
    if (f.field === EVENT_WALL_TIME && f.wireType === WIRE_FIXED64) {
      event.wallTime = fieldDouble(f.value as Uint8Array);
    } else if (f.field === EVENT_STEP && f.wireType === WIRE_VARINT) {
      event.step = Number(BigInt.asIntN(64, f.value as bigint));
    } else if (f.field === EVENT_FILE_VERSION && f.wireType === WIRE_LENGTH_DELIMITED) {
      event.fileVersion = fieldString(f.value as Uint8Array);
    } else if (f.field === EVENT_SUMMARY && f.wireType === WIRE_LENGTH_DELIMITED) {
      for (const v of readFields(f.value as Uint8Array)) {
        if (v.field === SUMMARY_VALUE && v.wireType === WIRE_LENGTH_DELIMITED) {
          const scalar = decodeValue(v.value as Uint8Array);
          if (scalar !== null) event.scalars.push(scalar);
        }
      }
    }
  }
  return event;
}

function decodeValue(data: Uint8Array): TfScalar | null {
  let tag = '';
  let value: number | null = null;
  for (const f of readFields(data)) {
    if (f.field === VALUE_TAG && f.wireType === WIRE_LENGTH_DELIMITED) {
      tag = fieldString(f.value as Uint8Array);
    } else if (f.field === VALUE_SIMPLE_VALUE && f.wireType === WIRE_FIXED32) {
      value = fieldFloat(f.value as Uint8Array);
    }
  }
  return value === null ? null : { tag, value };
}

/**
 * Frames a payload as a TFRecord: u64 length (LE), masked CRC-32C of those 8 bytes, the payload,
 * masked CRC-32C of the payload.
 */
export function frameRecord(payload: Uint8Array): Uint8Array {
  const out = new Uint8Array(12 + payload.length + 4);
  const view = new DataView(out.buffer);
  view.setBigUint64(0, BigInt(payload.length), true);
  view.setUint32(8, maskCrc32c(crc32c(out.subarray(0, 8))), true);
  out.set(payload, 12);
  view.setUint32(12 + payload.length, maskCrc32c(crc32c(payload)), true);
  return out;
}

/**
 * Splits a TFRecord stream into payloads, verifying both CRCs of every record. Throws
 * TFEVENTS_CORRUPT naming the record and offset; a truncated last record is an error too.
 */
export function unframeRecords(data: Uint8Array): Uint8Array[] {
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  const payloads: Uint8Array[] = [];
  let offset = 0;
  while (offset < data.length) {
    const where = { record: payloads.length, offset };
    if (data.length - offset < 12) throw corrupt('truncated record header', where);
    const length = view.getBigUint64(offset, true);
    const lengthCrc = view.getUint32(offset + 8, true);
    if (lengthCrc !== maskCrc32c(crc32c(data.subarray(offset, offset + 8)))) {
      throw corrupt('length CRC mismatch', where);
    }
    if (length > BigInt(data.length - offset - 16)) {
      throw corrupt(`record length ${length} overruns the file`, where);
    }
    const start = offset + 12;
    const end = start + Number(length);
    const payload = data.subarray(start, end);
    if (view.getUint32(end, true) !== maskCrc32c(crc32c(payload))) {
      throw corrupt('payload CRC mismatch', where);
    }
    payloads.push(payload);
    offset = end + 4;
  }
  return payloads;
}

/** Decodes a whole event file's bytes (framing, CRCs, then each Event). */
export function decodeTfEvents(data: Uint8Array): TfEvent[] {
  return unframeRecords(data).map(decodeEvent);
}

function corrupt(message: string, where: { record: number; offset: number }): TelemetryError {
  return new TelemetryError(
    'TFEVENTS_CORRUPT',
    `tfevents record ${where.record} at byte ${where.offset}: ${message}`,
    { details: where },
  );
}
