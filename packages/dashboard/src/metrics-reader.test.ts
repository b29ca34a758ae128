import { appendFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { JsonLinesReader } from './metrics-reader';

const dir = mkdtempSync(join(tmpdir(), 'prismind-jsonl-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function collect(reader: JsonLinesReader): { lines: unknown[]; resets: number; read: boolean } {
  const lines: unknown[] = [];
  let resets = 0;
  const read = reader.read(
    (line) => lines.push(line),
    () => resets++,
  );
  return { lines, resets, read };
}

describe('JsonLinesReader', () => {
  it('waits for a missing file and for a line without its newline', () => {
    const path = join(dir, 'a.jsonl');
    const reader = new JsonLinesReader(path);
    expect(collect(reader)).toEqual({ lines: [], resets: 0, read: false });
    writeFileSync(path, '{"n":1}\n{"n":');
    expect(collect(reader).lines).toEqual([{ n: 1 }]);
    appendFileSync(path, '2}\nnot json\n\n{"n":3}\n');
    expect(collect(reader).lines).toEqual([{ n: 2 }, { n: 3 }]);
    expect(collect(reader)).toEqual({ lines: [], resets: 0, read: false });
  });

  it('reads a file bigger than its slice whole, and starts again when the file shrank', () => {
    const path = join(dir, 'b.jsonl');
    const line = `${JSON.stringify({ pad: 'x'.repeat(1000) })}\n`;
    writeFileSync(path, line.repeat(3000)); // ~3 MB: three slices, lines cut across them
    const reader = new JsonLinesReader(path);
    expect(collect(reader).lines).toHaveLength(3000);
    writeFileSync(path, '{"new":true}\n');
    expect(collect(reader)).toEqual({ lines: [{ new: true }], resets: 1, read: true });
  });
});
