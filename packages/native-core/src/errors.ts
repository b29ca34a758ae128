import { PrismindError, type PrismindErrorCode } from '@prismind/board/contracts';

/**
 * Every code the binding may put in front of a message (`CODE: message`): the engine's own
 * (crates/prismind-engine ErrorCode) and the binding's (ENGINE_FAILURE, TRAINING_BUSY,
 * ENGINE_DISPOSED). Anything else is not ours to trust and becomes ENGINE_FAILURE.
 */
const NATIVE_CODES: ReadonlySet<string> = new Set<PrismindErrorCode>([
  'INVALID_BOARD',
  'INVALID_PLAYER',
  'INVALID_SQUARE',
  'ILLEGAL_MOVE',
  'INVALID_LIMITS',
  'INVALID_OPTIONS',
  'INVALID_STATE',
  'INVALID_PATTERN',
  'ENGINE_FAILURE',
  'TRAINING_BUSY',
  'ENGINE_DISPOSED',
]);

const CODED_MESSAGE = /^([A-Z][A-Z_]*): ([\s\S]*)$/;

/**
 * Turn what the binding threw into a PrismindError with the native error as `cause`. The binding
 * prefixes every message with a stable code; a message without one (napi's own argument
 * conversion, say) is an ENGINE_FAILURE that names the operation.
 */
export function fromNative(error: unknown, operation: string): PrismindError {
  if (error instanceof PrismindError) return error;
  const message = error instanceof Error ? error.message : String(error);
  const match = CODED_MESSAGE.exec(message);
  if (match !== null && NATIVE_CODES.has(match[1]!)) {
    return new PrismindError(match[1] as PrismindErrorCode, match[2]!, { cause: error });
  }
  return new PrismindError('ENGINE_FAILURE', `native ${operation} failed: ${message}`, {
    cause: error,
  });
}

/** Call into the binding, translating whatever it throws. */
export function callNative<T>(operation: string, call: () => T): T {
  try {
    return call();
  } catch (error) {
    throw fromNative(error, operation);
  }
}
