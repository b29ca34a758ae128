import { isPrismindError, type PrismindError } from '../src/contracts/errors';

/** The PrismindError that `fn` throws; any other error is rethrown, no error fails the test. */
export function errorOf(fn: () => unknown): PrismindError<string> {
  try {
    fn();
  } catch (error) {
    if (isPrismindError(error)) return error;
    throw error;
  }
  throw new Error('expected a PrismindError');
}
