import { readFileSync } from 'node:fs';
import { hostname as osHostname } from 'node:os';
import { join } from 'node:path';
import { type Clock, systemClock } from '../clock';
import { TelemetryError } from '../errors';
import { closeQuietly, describe, openForAppend, writeAllSync } from '../fs-sync';
import {
  TFEVENTS_FILE_VERSION,
  type TfEvent,
  decodeTfEvents,
  encodeEvent,
  frameRecord,
} from './event';

/** Anything that takes named scalars at a step (the TensorBoard writer, or a test double). */
export interface ScalarSink {
  addScalars(values: Readonly<Record<string, number>>, step: number): void;
}

export interface TfEventsWriterOptions {
  /** The directory TensorBoard reads, usually the run directory (`tensorboard --logdir runs/`). */
  logdir: string;
  /** The file name's last part; default `os.hostname()`. */
  hostname?: string | undefined;
  clock?: Clock | undefined;
  /** Called when writes start failing (once per run of failures); records are then dropped. */
  onError?: ((error: TelemetryError) => void) | undefined;
}

const MAX_NAME_ATTEMPTS = 100;

/**
 * Writes TensorBoard event files (`events.out.tfevents.<seconds>.<hostname>`) with no native
 * dependency: TFRecord framing with masked CRC-32C, Event protobufs encoded by hand. The first
 * record is the `brain.Event:2` file_version event. Writes are synchronous.
 */
export class TfEventsWriter implements ScalarSink {
  readonly path: string;
  private readonly clock: Clock;
  private readonly onError: ((error: TelemetryError) => void) | undefined;
  private fd: number | null;
  private failing = false;
  private droppedCount = 0;

  /** Creates the directory and a new event file; throws IO_FAILED when it cannot. */
  constructor(options: TfEventsWriterOptions) {
    this.clock = options.clock ?? systemClock;
    this.onError = options.onError;
    const host = (options.hostname ?? osHostname()).replace(/[\\/]/g, '_') || 'localhost';
    const base = join(
      options.logdir,
      `events.out.tfevents.${Math.floor(this.clock() / 1000)}.${host}`,
    );
    const { fd, path } = createUnique(base);
    this.fd = fd;
    this.path = path;
    this.writeEvent({
      wallTime: this.clock() / 1000,
      step: 0,
      fileVersion: TFEVENTS_FILE_VERSION,
      scalars: [],
    });
  }

  /** Records dropped because the file could not be written. */
  get dropped(): number {
    return this.droppedCount;
  }

  addScalar(tag: string, value: number, step: number): void {
    this.addScalars({ [tag]: value }, step);
  }

  /** One Event holding every value as a simple_value scalar (float32) at `step`. */
  addScalars(values: Readonly<Record<string, number>>, step: number): void {
    if (!Number.isSafeInteger(step) || step < 0) {
      throw new TelemetryError('INVALID_ARGUMENT', `step must be an integer >= 0, got ${step}`, {
        details: { step },
      });
    }
    const scalars = Object.entries(values)
      .filter((entry): entry is [string, number] => typeof entry[1] === 'number')
      .map(([tag, value]) => ({ tag, value }));
    if (scalars.length === 0) return;
    this.writeEvent({ wallTime: this.clock() / 1000, step, scalars });
  }

  close(): void {
    closeQuietly(this.fd);
    this.fd = null;
  }

  private writeEvent(event: TfEvent): void {
    if (this.fd === null) {
      throw new TelemetryError('INVALID_STATE', `TfEventsWriter for ${this.path} is closed`);
    }
    try {
      writeAllSync(this.fd, frameRecord(encodeEvent(event)));
      this.failing = false;
    } catch (cause) {
      this.droppedCount += 1;
      if (this.failing) return;
      this.failing = true;
      this.onError?.(
        new TelemetryError('IO_FAILED', `cannot write ${this.path}: ${describe(cause)}`, {
          cause,
          details: { path: this.path },
        }),
      );
    }
  }
}

/** Opens `base`, or `base.1`, `base.2`, ... when a writer already took that name this second. */
function createUnique(base: string): { fd: number; path: string } {
  for (let attempt = 0; attempt < MAX_NAME_ATTEMPTS; attempt++) {
    const path = attempt === 0 ? base : `${base}.${attempt}`;
    try {
      return { fd: openForAppend(path, 'wx'), path };
    } catch (error) {
      const code = ((error as TelemetryError).cause as NodeJS.ErrnoException | undefined)?.code;
      if (code !== 'EEXIST') throw error;
    }
  }
  throw new TelemetryError('IO_FAILED', `cannot find a free event file name near ${base}`, {
    details: { path: base },
  });
}

/** Reads and decodes an event file, verifying its framing and CRCs (TFEVENTS_CORRUPT if not). */
export function readTfEventsFile(path: string): TfEvent[] {
  return decodeTfEvents(readFileSync(path));
}
