import { isPrismindError, PrismindError } from '@prismind/board/contracts';
import { describe, expect, it } from 'vitest';
import { CheckpointError, errnoOf, isCheckpointError } from './errors';

describe('CheckpointError', () => {
  it('is a PrismindError with the checkpoint codes and name', () => {
    const error = new CheckpointError('CKPT_WRITE_FAILED', 'saving ckpt-100.prsm failed twice', {
      details: { errno: 'ENOSPC' },
    });
    expect(error).toBeInstanceOf(PrismindError);
    expect(error.name).toBe('CheckpointError');
    expect(isPrismindError(error)).toBe(true);
    expect(isCheckpointError(error, 'CKPT_WRITE_FAILED')).toBe(true);
    expect(isCheckpointError(error, 'CKPT_NOT_FOUND')).toBe(false);
    expect(errnoOf(error)).toBe('ENOSPC');
    expect(new CheckpointError('CKPT_NOT_FOUND', 'no checkpoint').details).toEqual({});
  });
});
