import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { readLines } from './line-reader';

/** Everything a reader reports for `chunks` written in turn, then the end. */
async function read(chunks: (string | Buffer)[], maxBytes: number) {
  const input = new PassThrough();
  const events: string[] = [];
  const ended = new Promise<void>((resolve) => {
    readLines(
      input,
      {
        line: (text) => events.push(`line ${text}`),
        tooLong: (max) => events.push(`too long ${max}`),
        end: () => {
          events.push('end');
          resolve();
        },
      },
      maxBytes,
    );
  });
  for (const chunk of chunks) input.write(chunk);
  input.end();
  await ended;
  return events;
}

describe('readLines', () => {
  it('splits lines across chunks, drops \\r before \\n, and keeps a last line without newline', async () => {
    expect(await read(['pi', 'ng 1\r\ngo\n', '\nquit'], 100)).toEqual([
      'line ping 1',
      'line go',
      'line ',
      'line quit',
      'end',
    ]);
  });

  it('keeps UTF-8 characters split between chunks whole', async () => {
    const bytes = Buffer.from('set myname Prismind-é\n', 'utf8');
    const cut = bytes.indexOf(0xa9);
    expect(await read([bytes.subarray(0, cut), bytes.subarray(cut)], 100)).toEqual([
      'line set myname Prismind-é',
      'end',
    ]);
  });

  it('drops a line over the cap as it streams in, once, and reads on', async () => {
    const huge = 'x'.repeat(1000);
    const events = await read(['ping 1\nset game ', huge, huge, huge, '\nping 2\n'], 64);
    expect(events).toEqual(['line ping 1', 'too long 64', 'line ping 2', 'end']);
  });

  it('drops an over-long last line without a newline', async () => {
    expect(await read(['ok\n', 'y'.repeat(200)], 64)).toEqual(['line ok', 'too long 64', 'end']);
  });
});
