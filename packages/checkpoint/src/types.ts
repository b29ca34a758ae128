/** Every typed array a section may hold. The file records which one as a dtype. */
export type SectionArray =
  | Uint8Array
  | Int8Array
  | Uint8ClampedArray
  | Uint16Array
  | Int16Array
  | Uint32Array
  | Int32Array
  | BigUint64Array
  | BigInt64Array
  | Float32Array
  | Float64Array;

/** The dtype names of FORMAT.md's section table. */
export type DType =
  | 'u8'
  | 'i8'
  | 'u8c'
  | 'u16'
  | 'i16'
  | 'u32'
  | 'i32'
  | 'u64'
  | 'i64'
  | 'f32'
  | 'f64';

/**
 * What a checkpoint holds. The package does not know what the sections mean: the trainer decides
 * (weights, Adam moments, counters, RNG state, ...).
 */
export interface CheckpointState {
  /** Games completed when the state was taken: a non-negative safe integer. */
  gamesCompleted: number;
  /** Milliseconds since the epoch; save() uses Date.now() when absent. */
  timestamp?: number;
  /** Anything JSON can carry (an object at the top level). */
  metadata: Record<string, unknown>;
  /** Named typed arrays, written in insertion order. */
  sections: Record<string, SectionArray>;
}

/** A loaded state: the same shape, with the timestamp the file recorded. */
export interface LoadedState extends CheckpointState {
  timestamp: number;
}

/** A logger compatible with pino's `(obj, msg)` calls. */
export interface CheckpointLogger {
  info(obj: Record<string, unknown>, msg: string): void;
  warn(obj: Record<string, unknown>, msg: string): void;
}

/** Which DEFLATE implementation compresses or inflates. Files are the same either way. */
export type CompressionCodecName = 'zlib' | 'fflate';
