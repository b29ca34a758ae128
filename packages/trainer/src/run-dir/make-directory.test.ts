import { existsSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { makeRunDirectory } from './make-directory';

let root: string;
afterEach(() => rmSync(root, { recursive: true, force: true }));

describe('makeRunDirectory', () => {
  it('creates the directory and its missing parents; an existing one is fine', () => {
    root = mkdtempSync(join(tmpdir(), 'prismind-mkdir-'));
    const dir = join(root, 'a', 'b', 'run');
    makeRunDirectory(dir);
    expect(statSync(dir).isDirectory()).toBe(true);
    expect(() => makeRunDirectory(dir)).not.toThrow();
  });

  it('fails with a coded error where a file stands in the way', () => {
    root = mkdtempSync(join(tmpdir(), 'prismind-mkdir-'));
    writeFileSync(join(root, 'file'), 'x');
    expect(() => makeRunDirectory(join(root, 'file', 'run'))).toThrow(
      expect.objectContaining({ code: 'RUN_NOT_FOUND' }),
    );
    expect(() => makeRunDirectory(join(root, 'file'))).toThrow(/cannot create the run directory/);
  });

  it.runIf(existsSync('/proc/self'))(
    'fails at once where the parent exists but mkdir says ENOENT (procfs), instead of looping',
    () => {
      root = mkdtempSync(join(tmpdir(), 'prismind-mkdir-'));
      expect(() => makeRunDirectory('/proc/prismind-run/x')).toThrow(
        expect.objectContaining({
          code: 'RUN_NOT_FOUND',
          details: expect.objectContaining({ errno: 'ENOENT' }),
        }),
      );
    },
  );
});
