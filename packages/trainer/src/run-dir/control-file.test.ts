import { truncateSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempDir } from '../../test/support/run-dir';
import { ControlWatcher } from './control';
import { ControlFileReader, MAX_CONTROL_BYTES } from './control-file';
import { CONTROL_FILE } from './names';

let dir: string;
let cleanup: () => Promise<void>;
beforeEach(async () => {
  ({ dir, cleanup } = await tempDir());
});
afterEach(() => cleanup());

describe('ControlFileReader', () => {
  it('reads the file only when it changed', () => {
    const path = join(dir, CONTROL_FILE);
    const reader = new ControlFileReader(path);
    expect(reader.read()).toEqual({ kind: 'absent' });
    writeFileSync(path, '{"a":1}');
    expect(reader.read()).toEqual({ kind: 'text', text: '{"a":1}' });
    expect(reader.read()).toEqual({ kind: 'unchanged' });
    writeFileSync(path, '{"a":22}');
    expect(reader.read()).toEqual({ kind: 'text', text: '{"a":22}' });
    // same size, new mtime: read again
    writeFileSync(path, '{"a":33}');
    utimesSync(path, new Date(), new Date(Date.now() + 5_000));
    expect(reader.read()).toEqual({ kind: 'text', text: '{"a":33}' });
  });

  it('refuses a control.json over the limit without reading it', () => {
    const path = join(dir, CONTROL_FILE);
    writeFileSync(path, '');
    // a sparse 300 MB file: reading it would cost 300 MB, a stat costs nothing
    truncateSync(path, 300 * 1024 ** 2);
    const before = process.memoryUsage().arrayBuffers;
    const reader = new ControlFileReader(path);
    expect(reader.read()).toEqual({ kind: 'too-large', bytes: 300 * 1024 ** 2 });
    expect(reader.read()).toEqual({ kind: 'unchanged' });
    expect(process.memoryUsage().arrayBuffers - before).toBeLessThan(16 * 1024 ** 2);
  });

  it('the trainer ignores an oversized control.json with one warning', () => {
    const path = join(dir, CONTROL_FILE);
    writeFileSync(path, '');
    truncateSync(path, MAX_CONTROL_BYTES + 1);
    const seen: string[] = [];
    const problems: string[] = [];
    const watcher = new ControlWatcher(
      dir,
      1_000,
      (r) => seen.push(r.id),
      (m) => problems.push(m),
    );
    watcher.poll();
    watcher.poll();
    expect(seen).toEqual([]);
    expect(problems).toEqual([expect.stringContaining('ignored, not read')]);
  });
});
