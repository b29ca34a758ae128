import { CheckpointError } from './errors';

/** Which checkpoints survive pruning. */
export interface RetentionPolicy {
  /** Keep the newest N (by games). At least 1. Default 5. */
  keepLast: number;
  /** Also keep, forever, every checkpoint whose games count is a multiple of K. 0: off. */
  keepEvery: number;
}

export const DEFAULT_RETENTION: Readonly<RetentionPolicy> = Object.freeze({
  keepLast: 5,
  keepEvery: 0,
});

export interface RetentionCandidate {
  name: string;
  gamesCompleted: number;
}

/** Checks a policy; throws CKPT_INVALID_OPTIONS. */
export function checkRetentionPolicy(policy: RetentionPolicy): RetentionPolicy {
  const { keepLast, keepEvery } = policy;
  if (!Number.isSafeInteger(keepLast) || keepLast < 1) {
    throw new CheckpointError(
      'CKPT_INVALID_OPTIONS',
      `retention keepLast ${keepLast}: expected an integer >= 1 (the newest is always kept)`,
    );
  }
  if (!Number.isSafeInteger(keepEvery) || keepEvery < 0) {
    throw new CheckpointError(
      'CKPT_INVALID_OPTIONS',
      `retention keepEvery ${keepEvery}: expected an integer >= 0 (0 turns it off)`,
    );
  }
  return { keepLast, keepEvery };
}

/**
 * Splits checkpoints into those to keep and those to delete, both newest first: the newest
 * `keepLast`, every multiple of `keepEvery`, and everything in `protect` are kept. Pure: the caller
 * makes sure a valid checkpoint stays among the kept ones before deleting anything.
 */
export function planRetention(
  candidates: readonly RetentionCandidate[],
  policy: RetentionPolicy,
  protect: ReadonlySet<string> = new Set(),
): { keep: RetentionCandidate[]; remove: RetentionCandidate[] } {
  const newestFirst = [...candidates].sort(
    (a, b) => b.gamesCompleted - a.gamesCompleted || (a.name < b.name ? 1 : -1),
  );
  const keep: RetentionCandidate[] = [];
  const remove: RetentionCandidate[] = [];
  newestFirst.forEach((candidate, rank) => {
    const milestone = policy.keepEvery > 0 && candidate.gamesCompleted % policy.keepEvery === 0;
    if (rank < policy.keepLast || milestone || protect.has(candidate.name)) keep.push(candidate);
    else remove.push(candidate);
  });
  return { keep, remove };
}
