import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { crc32c, maskCrc32c } from './crc32c';
import { TFEVENTS_FILE_VERSION, decodeTfEvents } from './event';
import { TfEventsWriter, readTfEventsFile } from './writer';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'prismind-tfevents-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

/** Walks the raw TFRecord framing independently of the package's reader. */
function rawRecords(bytes: Buffer): Buffer[] {
  const out: Buffer[] = [];
  let offset = 0;
  while (offset < bytes.length) {
    const length = Number(bytes.readBigUInt64LE(offset));
    expect(bytes.readUInt32LE(offset + 8)).toBe(
      maskCrc32c(crc32c(bytes.subarray(offset, offset + 8))),
    );
    const payload = bytes.subarray(offset + 12, offset + 12 + length);
    expect(bytes.readUInt32LE(offset + 12 + length)).toBe(maskCrc32c(crc32c(payload)));
    out.push(payload);
    offset += 16 + length;
  }
  expect(offset).toBe(bytes.length);
  return out;
}

describe('TfEventsWriter', () => {
  it('names the file events.out.tfevents.<seconds>.<hostname>', () => {
    const writer = new TfEventsWriter({
      logdir: join(dir, 'run-1'),
      hostname: 'box',
      clock: () => 1_700_000_123_456,
    });
    writer.close();
    expect(readdirSync(join(dir, 'run-1'))).toEqual(['events.out.tfevents.1700000123.box']);
  });

  it('writes the file_version event first, then scalars that read back with valid framing and CRCs', () => {
    let now = 1_700_000_000_000;
    const writer = new TfEventsWriter({ logdir: dir, hostname: 'h', clock: () => now });
    now += 1500;
    writer.addScalars({ 'train/avg_disc_diff': 1.25, 'train/draw_rate': 0.1 }, 100);
    now += 1500;
    writer.addScalar('train/games_per_second', 812.5, 200);
    writer.addScalar('train/large_step', -3, 2 ** 40);
    writer.close();

    const bytes = readFileSync(writer.path);
    expect(rawRecords(bytes)).toHaveLength(4);

    const events = readTfEventsFile(writer.path);
    expect(events[0]).toEqual({
      wallTime: 1_700_000_000,
      step: 0,
      fileVersion: TFEVENTS_FILE_VERSION,
      scalars: [],
    });
    expect(events[0]!.fileVersion).toBe('brain.Event:2');
    expect(events[1]!.wallTime).toBe(1_700_000_001.5);
    expect(events[1]!.step).toBe(100);
    expect(events[1]!.scalars).toEqual([
      { tag: 'train/avg_disc_diff', value: 1.25 },
      { tag: 'train/draw_rate', value: Math.fround(0.1) },
    ]);
    expect(events[2]).toMatchObject({
      step: 200,
      scalars: [{ tag: 'train/games_per_second', value: 812.5 }],
    });
    expect(events[3]).toMatchObject({
      step: 2 ** 40,
      scalars: [{ tag: 'train/large_step', value: -3 }],
    });
  });

  it('takes a new name when another writer already has this second', () => {
    const clock = (): number => 5_000;
    const a = new TfEventsWriter({ logdir: dir, hostname: 'h', clock });
    const b = new TfEventsWriter({ logdir: dir, hostname: 'h', clock });
    a.close();
    b.close();
    expect(a.path).not.toBe(b.path);
    expect(readdirSync(dir).sort()).toEqual([
      'events.out.tfevents.5.h',
      'events.out.tfevents.5.h.1',
    ]);
  });

  it('rejects a negative or fractional step', () => {
    const writer = new TfEventsWriter({ logdir: dir, hostname: 'h' });
    expect(() => writer.addScalar('x', 1, -1)).toThrow(
      expect.objectContaining({ code: 'INVALID_ARGUMENT' }),
    );
    expect(() => writer.addScalar('x', 1, 1.5)).toThrow(
      expect.objectContaining({ code: 'INVALID_ARGUMENT' }),
    );
    writer.close();
  });

  it('throws IO_FAILED when the directory cannot be created', () => {
    const blocker = join(dir, 'file');
    writeFileSync(blocker, 'x');
    expect(() => new TfEventsWriter({ logdir: join(blocker, 'run') })).toThrow(
      expect.objectContaining({ code: 'IO_FAILED' }),
    );
  });
});

describe('decodeTfEvents', () => {
  function sample(): Buffer {
    const writer = new TfEventsWriter({ logdir: dir, hostname: 'h', clock: () => 1_000 });
    writer.addScalar('loss', 0.5, 1);
    writer.close();
    return readFileSync(writer.path);
  }

  it('detects a flipped payload byte', () => {
    const bytes = sample();
    bytes[bytes.length - 6]! ^= 0x01;
    expect(() => decodeTfEvents(bytes)).toThrow(/record 1 .*payload CRC mismatch/);
  });

  it('detects a corrupted length', () => {
    const bytes = sample();
    bytes[0]! ^= 0x40;
    expect(() => decodeTfEvents(bytes)).toThrow(/record 0 at byte 0: length CRC mismatch/);
  });

  it('detects a truncated file', () => {
    const bytes = sample();
    expect(() => decodeTfEvents(bytes.subarray(0, bytes.length - 3))).toThrow(
      expect.objectContaining({ code: 'TFEVENTS_CORRUPT' }),
    );
    expect(() => decodeTfEvents(bytes.subarray(0, bytes.length - 30))).toThrow(
      /overruns|truncated/,
    );
  });
});

describe('interoperability with TensorBoard', () => {
  // Written by TensorBoard 2.21's own EventFileWriter (Python): three events with two scalars each.
  const TENSORBOARD_FILE =
    'SAAAAAAAAAD+kkidCZeqBXgOwdpBGg1icmFpbi5FdmVudDoyUi4KLHRlbnNvcmJvYXJkLnN1bW1hcnkud3JpdGVyLmV2ZW50X2ZpbGVfd3JpdGVyHZtJYCsAAAAAAAAAhhvDSwkAAFBA/FTZQRABKh4KCwoEbG9zcxUAAAA/Cg8KCGFjYy90b3AxFb03hjWPSJdOKwAAAAAAAACGG8NLCQAAkED8VNlBEAIqHgoLCgRsb3NzFQAAoL8KDwoIYWNjL3RvcDEVvTcGNojgai4tAAAAAAAAADxBivsJAAAQ0MxY2UEQwIQ9Kh4KCwoEbG9zcxUAAEBACg8KCGFjYy90b3AxFQAAgD/8k8pj';

  it('decodes an event file written by TensorBoard itself', () => {
    const events = decodeTfEvents(Buffer.from(TENSORBOARD_FILE, 'base64'));
    expect(events[0]!.fileVersion).toBe('brain.Event:2');
    expect(events.slice(1).map((e) => [e.step, e.wallTime])).toEqual([
      [1, 1_700_000_001.25],
      [2, 1_700_000_002.25],
      [1_000_000, 1_701_000_000.25],
    ]);
    expect(events[2]!.scalars).toEqual([
      { tag: 'loss', value: -1.25 },
      { tag: 'acc/top1', value: Math.fround(2e-6) },
    ]);
    expect(events[3]!.scalars[0]).toEqual({ tag: 'loss', value: 3 });
  });
});
