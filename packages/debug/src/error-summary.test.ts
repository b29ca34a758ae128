import { describe, expect, it } from 'vitest';
import { errorSummary } from './error-summary';
import { writeRunFixture } from './run-fixture';
import { tempDir } from './test-support';

describe('errorSummary', () => {
  it('counts warn+ lines and lines with err/error, grouped by kind', async () => {
    const dir = await tempDir();
    await writeRunFixture(dir);
    const s = await errorSummary(dir);
    expect(s.lines).toBe(8);
    expect(s.unparsable).toBe(1);
    expect(s.total).toBe(6);
    expect(s.byLevel).toEqual({ warn: 2, error: 1, fatal: 1, other: 2 });
    expect(s.groups.map((g) => [g.key, g.count])).toEqual([
      ['game_failed', 2],
      ['worker restarted, attempt #', 2],
      ['fatal: out of memory', 1],
      ['checkpoint save at # games failed', 1],
    ]);
    const failed = s.groups[0]!;
    expect(failed).toMatchObject({ levelName: 'warn', firstTime: 1100, lastTime: 1200 });
    expect(failed.example.message).toBe('game 12 failed (panic): boom; skipped');
    expect(s.groups[3]!.example.error).toBe('ENOSPC: no space left');
  });

  it('a run without a log has nothing to report', async () => {
    const s = await errorSummary(await tempDir());
    expect(s.total).toBe(0);
    expect(s.groups).toEqual([]);
  });
});
