import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { type ErrorEmittingStream, guardClosedPipe } from './closed-pipe';

/** A stream whose writes succeed until `failWith` is set; then they fail as a closed pipe does. */
class FakeStream extends EventEmitter implements ErrorEmittingStream {
  written: string[] = [];
  failWith: 'emit' | 'throw' | undefined;
  isTTY = false;
  columns = 80;
  write(chunk: string): boolean {
    const error = Object.assign(new Error('write EPIPE'), { code: 'EPIPE' });
    if (this.failWith === 'throw') throw error;
    if (this.failWith === 'emit') {
      this.emit('error', error);
      return false;
    }
    this.written.push(chunk);
    return true;
  }
}

describe('guardClosedPipe', () => {
  it('passes writes and terminal facts through while the reader is there', () => {
    const stream = new FakeStream();
    const out = guardClosedPipe(stream, () => undefined);
    expect(out.write('a\n')).toBe(true);
    expect(stream.written).toEqual(['a\n']);
    expect(out.isTTY).toBe(false);
    expect(out.columns).toBe(80);
    expect(out.closedBy).toBeUndefined();
  });

  it.each(['emit', 'throw'] as const)(
    'a write that fails by %s closes the output once, quietly, and drops later writes',
    (how) => {
      const stream = new FakeStream();
      let told = 0;
      const out = guardClosedPipe(stream, () => told++);
      stream.failWith = how;
      expect(() => out.write('lost\n')).not.toThrow();
      expect(out.closedBy).toBe('EPIPE');
      stream.failWith = undefined;
      expect(out.write('after\n')).toBe(false);
      stream.emit('error', Object.assign(new Error('again'), { code: 'EPIPE' }));
      expect(stream.written).toEqual([]);
      expect(told).toBe(1);
    },
  );
});
