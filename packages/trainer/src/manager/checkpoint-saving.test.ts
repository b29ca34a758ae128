import { describe, expect, it } from 'vitest';
import { saveFailureReason } from './checkpoint-saving';

describe('saveFailureReason', () => {
  it('names a full disk in words and keeps any other system code as it is', () => {
    expect(saveFailureReason({ errno: 'ENOSPC', message: 'no space left on device' })).toBe(
      'checkpoint-failed: disk full (ENOSPC)',
    );
    expect(saveFailureReason({ errno: 'EACCES', message: 'permission denied' })).toBe(
      'checkpoint-failed: EACCES',
    );
  });
});
