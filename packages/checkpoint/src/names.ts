import { randomBytes } from 'node:crypto';
import { basename, dirname, join } from 'node:path';

/** Games are zero-padded to this many digits so names sort in games order. */
export const GAMES_DIGITS = 12;
const CHECKPOINT_NAME = /^ckpt-(\d{12,})\.prsm$/;
/** A temp file: starts with a dot and ends in .tmp-<pid>-<hex>: never a checkpoint name. */
const TEMP_NAME = /^\.(.+)\.tmp-(\d+)-([0-9a-f]+)$/;

/** `ckpt-000000010000.prsm` for 10,000 games. */
export function checkpointFileName(gamesCompleted: number): string {
  return `ckpt-${String(gamesCompleted).padStart(GAMES_DIGITS, '0')}.prsm`;
}

/** The games count a checkpoint file name encodes, or undefined for any other name. */
export function parseCheckpointFileName(name: string): number | undefined {
  const match = CHECKPOINT_NAME.exec(name);
  if (match === null) return undefined;
  const games = Number(match[1]);
  return Number.isSafeInteger(games) ? games : undefined;
}

/** A temp path beside `finalPath`, unique to this process and attempt. */
export function tempPathFor(finalPath: string): string {
  const name = `.${basename(finalPath)}.tmp-${process.pid}-${randomBytes(6).toString('hex')}`;
  return join(dirname(finalPath), name);
}

/** The pid that created a temp file, or undefined when `name` is not one of ours. */
export function parseTempFileName(name: string): { pid: number; target: string } | undefined {
  const match = TEMP_NAME.exec(name);
  if (match === null) return undefined;
  return { pid: Number(match[2]), target: match[1]! };
}
