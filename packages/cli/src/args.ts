import type { BackendChoice } from '@prismind/board/contracts';
import type { ManagerLogLevel } from '@prismind/trainer';
import { badArgument } from './errors';

/**
 * Flag parsers for yargs' `coerce`: each turns the raw value into what the command takes or throws
 * a one-line BAD_ARGUMENT naming the flag and what it expects (exit 2).
 */

function last(value: unknown): unknown {
  // a flag given twice arrives as an array: the last one wins
  return Array.isArray(value) ? value[value.length - 1] : value;
}

/** An integer in [min, max]. */
export function integer(flag: string, min: number, max: number): (value: unknown) => number {
  return (raw) => {
    const value = last(raw);
    const n = typeof value === 'number' ? value : Number(String(value).replace(/_/g, ''));
    if (!Number.isInteger(n) || n < min || n > max) {
      throw badArgument(
        `--${flag}`,
        `"${String(value)}" is not an integer ${min.toLocaleString('en-US')}..${max.toLocaleString('en-US')}`,
      );
    }
    return n;
  };
}

/** A number in [min, max]. */
export function decimal(flag: string, min: number, max: number): (value: unknown) => number {
  return (raw) => {
    const value = last(raw);
    const n = typeof value === 'number' ? value : Number(value);
    if (!Number.isFinite(n) || n < min || n > max || String(value).trim() === '') {
      throw badArgument(`--${flag}`, `"${String(value)}" is not a number ${min}..${max}`);
    }
    return n;
  };
}

/** One of a few words. */
export function oneOf<T extends string>(flag: string, words: readonly T[]): (value: unknown) => T {
  return (raw) => {
    const value = String(last(raw));
    if (!words.includes(value as T)) {
      throw badArgument(`--${flag}`, `"${value}" is not one of ${words.join(', ')}`);
    }
    return value as T;
  };
}

export const BACKENDS: readonly BackendChoice[] = ['auto', 'native', 'js'];
export const LOG_LEVELS: readonly ManagerLogLevel[] = ['debug', 'info', 'warn', 'error', 'silent'];
export const backendArg: (value: unknown) => BackendChoice = oneOf('backend', BACKENDS);
export const logLevelArg: (value: unknown) => ManagerLogLevel = oneOf('log-level', LOG_LEVELS);
