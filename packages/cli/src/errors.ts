import { PrismindError } from '@prismind/board/contracts';
import { type CliIO, println } from './io';

/** Exit codes of prismind-cli (README, "Exit codes"). */
export const EXIT: Readonly<{
  OK: 0;
  FAILURE: 1;
  USAGE: 2;
  NOT_PROMOTED: 3;
}> = Object.freeze({
  /** Done. */
  OK: 0,
  /** Something the user asked for could not be done: missing run, bad checkpoint, failed run. */
  FAILURE: 1,
  /** Bad command line: unknown command or flag, a flag value out of range. */
  USAGE: 2,
  /** `evaluate --strict`: a promotion threshold was missed. */
  NOT_PROMOTED: 3,
});

/** Stable codes of the CLI's own errors. */
export type CliErrorCode =
  /** A flag or argument value is wrong (exit 2). */
  | 'BAD_ARGUMENT'
  /** A path does not exist or is not what the command needs. */
  | 'NOT_FOUND'
  /** The run is in a state that does not allow the command. */
  | 'BAD_STATE'
  /** A file is not a usable model checkpoint. */
  | 'BAD_CHECKPOINT'
  /** Anything else that went wrong while doing the work. */
  | 'FAILED';

/** An error the user can cause and fix: printed as one line, never with a stack trace. */
export class CliError extends PrismindError<CliErrorCode> {
  override readonly name: string = 'CliError';
  readonly exitCode: number = this.code === 'BAD_ARGUMENT' ? EXIT.USAGE : EXIT.FAILURE;
}

/** A bad flag value: `--name: what was wrong; what is expected`. */
export function badArgument(flag: string, message: string): CliError {
  return new CliError('BAD_ARGUMENT', `${flag}: ${message}`);
}

/** Codes of other packages' errors that mean "the user gave a bad value" (exit 2). */
const USAGE_CODES = new Set([
  'INVALID_OPTIONS',
  'INVALID_LIMITS',
  'CKPT_INVALID_OPTIONS',
  // positions and moves typed on the command line (--moves, --obf, --pattern)
  'INVALID_NOTATION',
  'INVALID_OBF',
  'INVALID_SQUARE',
  'ILLEGAL_MOVE',
  'INVALID_BOARD',
  'DEBUG_INVALID_INPUT',
]);

/** Codes that the user caused and a message fully explains: no stack trace without --verbose. */
function isExpected(error: unknown): boolean {
  // every package's errors are PrismindErrors; Node's file-system errors carry string codes too
  return error instanceof PrismindError || codeOf(error) !== undefined;
}

/** The exit code for an error. */
export function exitCodeOf(error: unknown): number {
  if (error instanceof CliError) return error.exitCode;
  const code = codeOf(error);
  return code !== undefined && USAGE_CODES.has(code) ? EXIT.USAGE : EXIT.FAILURE;
}

/** One line, whatever the message holds. */
export function oneLine(text: string): string {
  return text.replace(/\s*\n\s*/g, '; ').trim();
}

/** The error's stable code (a package's code, or Node's errno name), if it has one. */
function codeOf(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

/**
 * Prints an error as `prismind-cli: <message> [CODE]` on stderr and returns its exit code: the
 * message for people, the code for scripts and for searching the docs. Unexpected errors (bugs)
 * say so; the stack trace is printed only with `--verbose`.
 */
export function reportError(error: unknown, io: CliIO): number {
  const message = error instanceof Error ? error.message : String(error);
  const prefix = isExpected(error) ? '' : 'unexpected error: ';
  const code = codeOf(error);
  // Some packages name the code in their message already (checkpoint errors do).
  const suffix = code === undefined || message.includes(code) ? '' : ` [${code}]`;
  println(io.stderr, `prismind-cli: ${prefix}${oneLine(message)}${suffix}`);
  if (io.verbose && error instanceof Error && error.stack !== undefined) {
    println(io.stderr, error.stack);
    if (error.cause !== undefined) println(io.stderr, `caused by: ${String(error.cause)}`);
  } else if (!isExpected(error)) {
    println(io.stderr, 'prismind-cli: run again with --verbose for the stack trace');
  }
  return exitCodeOf(error);
}
