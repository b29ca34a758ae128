import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempDir } from '../../test/support/run-dir';
import { readJsonFile, removeStaleJsonTemps, writeJsonAtomic } from './atomic-json';

let dir: string;
let cleanup: () => Promise<void>;
beforeEach(async () => {
  ({ dir, cleanup } = await tempDir());
});
afterEach(() => cleanup());

describe('writeJsonAtomic', () => {
  it('replaces the file whole, durable or not, and leaves no temp file', () => {
    const path = join(dir, 'manifest.json');
    writeJsonAtomic(path, { a: 1 }, true);
    writeJsonAtomic(path, { a: 2 });
    expect(readJsonFile(path)).toEqual({ a: 2 });
    expect(readFileSync(path, 'utf8')).toBe('{\n  "a": 2\n}\n');
    expect(readdirSync(dir)).toEqual(['manifest.json']);
  });

  it('leaves the old file when the rename fails, and removes its temp', () => {
    const path = join(dir, 'status.json');
    writeJsonAtomic(path, { ok: true });
    expect(() => writeJsonAtomic(join(dir, 'missing', 'status.json'), {})).toThrow(/ENOENT/);
    expect(readdirSync(dir)).toEqual(['status.json']);
  });

  it('readJsonFile: undefined for a missing file, throws on bad JSON', () => {
    expect(readJsonFile(join(dir, 'nope.json'))).toBeUndefined();
    writeFileSync(join(dir, 'bad.json'), '{');
    expect(() => readJsonFile(join(dir, 'bad.json'))).toThrow(SyntaxError);
  });

  it('removeStaleJsonTemps removes temps of dead writers and of this process only', () => {
    const dead = `.status.json.tmp-999999999-abcd1234`;
    const other = 'notes.txt';
    writeFileSync(join(dir, dead), '{');
    writeFileSync(join(dir, other), 'keep');
    expect(removeStaleJsonTemps(dir)).toEqual([dead]);
    expect(readdirSync(dir)).toEqual([other]);
  });
});
