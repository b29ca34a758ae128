import { existsSync, mkdirSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import { TrainerError } from '../manager/errors';

/**
 * Creates a run directory and its missing parents. Unlike `mkdirSync(path, { recursive: true })`,
 * which loops for ever when a filesystem answers ENOENT for a directory whose parent exists
 * (procfs, sysfs: `--run-dir /proc/x` hung the trainer), it fails with a clear error.
 */
export function makeRunDirectory(path: string): void {
  try {
    mkdirSync(path);
    return;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST' && statSync(path).isDirectory()) return;
    const parent = dirname(path);
    if (code !== 'ENOENT' || parent === path || existsSync(parent)) {
      throw new TrainerError(
        'RUN_NOT_FOUND',
        `${path}: cannot create the run directory (${code})`,
        {
          cause: error,
          details: { runDir: path, errno: code },
        },
      );
    }
    makeRunDirectory(parent);
  }
  makeRunDirectory(path);
}
