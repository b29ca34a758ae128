import type { BodyPlan, SectionInput } from './body';
import {
  DEFAULT_MAX_BYTES,
  DEFAULT_MAX_METADATA_BYTES,
  MAX_NAME_BYTES,
  MAX_SECTIONS,
  planBody,
} from './body';
import { bytesOf, dtypeOf } from './dtypes';
import { CheckpointError } from './errors';
import type { CheckpointState } from './types';

/** A state checked and turned into what the writer streams. */
export interface NormalizedState {
  gamesCompleted: number;
  timestamp: number;
  /** Where every byte of the body goes. */
  plan: BodyPlan;
}

/** The writer refuses what a reader with the same limits would refuse. */
export interface StateLimits {
  maxBytes?: number;
  maxMetadataBytes?: number;
}

function invalid(message: string, details: Record<string, unknown> = {}): never {
  throw new CheckpointError('CKPT_INVALID_STATE', `checkpoint state: ${message}`, { details });
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

function metadataJson(metadata: unknown): string {
  if (!isPlainObject(metadata)) invalid('metadata must be a plain object');
  let json: string;
  try {
    json = JSON.stringify(metadata);
  } catch (error) {
    invalid(`metadata is not JSON-serialisable (${(error as Error).message})`);
  }
  return json;
}

/**
 * Checks a state before anything touches the disk: a bad state is the caller's bug, reported as
 * CKPT_INVALID_STATE and never retried.
 */
export function normalizeState(
  state: CheckpointState,
  limits: StateLimits = {},
  now: number = Date.now(),
): NormalizedState {
  if (typeof state !== 'object' || state === null) invalid('expected an object');
  const { gamesCompleted, timestamp = now } = state;
  if (!Number.isSafeInteger(gamesCompleted) || gamesCompleted < 0) {
    invalid(`gamesCompleted must be a non-negative safe integer, got ${gamesCompleted}`);
  }
  if (!Number.isSafeInteger(timestamp)) {
    invalid(`timestamp must be integer milliseconds since the epoch, got ${timestamp}`);
  }
  if (!isPlainObject(state.sections)) invalid('sections must be a plain object of typed arrays');
  const entries = Object.entries(state.sections);
  if (entries.length > MAX_SECTIONS) invalid(`${entries.length} sections, at most ${MAX_SECTIONS}`);
  const encoder = new TextEncoder();
  const sections = entries.map(([name, array]): SectionInput => {
    const dtype = dtypeOf(array);
    if (dtype === undefined) {
      invalid(`section "${name}" is not a supported typed array`, { section: name });
    }
    const nameBytes = encoder.encode(name).length;
    if (nameBytes === 0 || nameBytes > MAX_NAME_BYTES) {
      invalid(`section name "${name}" must be 1..${MAX_NAME_BYTES} UTF-8 bytes`, { section: name });
    }
    return { name, dtype, length: array.length, bytes: bytesOf(array) };
  });
  const json = metadataJson(state.metadata);
  const plan = planBody(json, sections);
  const maxMetadataBytes = limits.maxMetadataBytes ?? DEFAULT_MAX_METADATA_BYTES;
  const metadataBytes = encoder.encode(json).length;
  if (metadataBytes > maxMetadataBytes) {
    invalid(`metadata is ${metadataBytes} bytes of JSON, the limit is ${maxMetadataBytes}`);
  }
  const maxBytes = limits.maxBytes ?? DEFAULT_MAX_BYTES;
  if (plan.bodyLength > maxBytes) {
    invalid(`state is ${plan.bodyLength} bytes, the limit is ${maxBytes} (raise maxBytes)`);
  }
  return { gamesCompleted, timestamp, plan };
}
