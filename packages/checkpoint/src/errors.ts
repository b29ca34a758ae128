import { isCodedError, PrismindError } from '@prismind/board/contracts';

/**
 * Stable codes for everything that can go wrong with a checkpoint. Scripts and the trainer match on
 * `code`; messages are for people.
 */
export type CheckpointErrorCode =
  /** No checkpoint at that path, or no valid checkpoint in the directory. */
  | 'CKPT_NOT_FOUND'
  /** The file could not be read (EACCES, EISDIR, EIO, ...); `details.errno` says which. */
  | 'CKPT_READ_FAILED'
  /** A save failed twice; `details.errno` carries the system code (ENOSPC, EACCES, EIO, ...). */
  | 'CKPT_WRITE_FAILED'
  /** The first four bytes are not `PRSM`. */
  | 'CKPT_BAD_MAGIC'
  /** A format version (or flag bit) this reader does not know. */
  | 'CKPT_UNSUPPORTED_VERSION'
  /** The header's own CRC does not match, or a header field is out of range. */
  | 'CKPT_BAD_HEADER'
  /** The file is shorter than its header says. */
  | 'CKPT_TRUNCATED'
  /** The file is longer than its header says, or the payload disagrees with the header on size. */
  | 'CKPT_SIZE_MISMATCH'
  /** The payload's CRC32 does not match the header. */
  | 'CKPT_CRC_MISMATCH'
  /** The payload's structure is inconsistent (bad body header, inflate failure, wrong length). */
  | 'CKPT_BAD_PAYLOAD'
  /** The section table is invalid: out of bounds, overlapping, absurd sizes, unknown dtype. */
  | 'CKPT_BAD_SECTION'
  /** The metadata block is not valid UTF-8 JSON describing an object. */
  | 'CKPT_BAD_METADATA'
  /** A valid .prsm file that is not what the reader expects (ReadOptions.accept refused it). */
  | 'CKPT_FOREIGN'
  /** The state handed to save() cannot be written (bad games count, unsupported array, ...). */
  | 'CKPT_INVALID_STATE'
  /** An option is out of range. */
  | 'CKPT_INVALID_OPTIONS'
  /** This host cannot read or write the format (big-endian). */
  | 'CKPT_UNSUPPORTED_PLATFORM';

/** The one error type of @prismind/checkpoint (a PrismindError with a checkpoint code). */
export class CheckpointError extends PrismindError<CheckpointErrorCode> {
  override readonly name: string = 'CheckpointError';
}

/** True when `error` is a CheckpointError, optionally with the given code. */
export function isCheckpointError(
  error: unknown,
  code?: CheckpointErrorCode,
): error is CheckpointError {
  return isCodedError(error, CheckpointError, code);
}

/** The system error code (ENOSPC, EACCES, ...) of an fs failure, or undefined. */
export function errnoOf(error: unknown): string | undefined {
  if (error instanceof CheckpointError && typeof error.details.errno === 'string') {
    return error.details.errno;
  }
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && /^E[A-Z0-9]+$/.test(code) ? code : undefined;
}
