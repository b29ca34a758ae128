import { isPrismindError } from '@prismind/board/contracts';
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_MANAGER_OPTIONS,
  DEFAULT_TRAINING_SETTINGS,
  type TrainingManagerOptions,
} from './options';
import {
  normalizeSearch,
  parseConfigureOptions,
  parseManagerOptions,
  parseStartOptions,
  resolveSettings,
} from './options-parse';

function problemOf(run: () => unknown): { message: string; fields: string[] } {
  try {
    run();
  } catch (error) {
    expect(isPrismindError(error, 'INVALID_OPTIONS')).toBe(true);
    const problems = (error as { details: { problems: { field: string }[] } }).details.problems;
    return { message: (error as Error).message, fields: problems.map((p) => p.field) };
  }
  throw new Error('expected INVALID_OPTIONS');
}

describe('manager options', () => {
  it('fills in the defaults', () => {
    const c = parseManagerOptions({ runDir: 'runs/a' });
    expect(c).toMatchObject({
      backend: 'auto',
      threads: 1,
      seed: undefined,
      stages: 10,
      logLevel: 'info',
      compression: { compress: false, level: 1, codec: 'zlib' },
      retention: { keepLast: 5, keepEvery: 0 },
      errorThreshold: 0.01,
      errorWindowGames: 10_000,
      errorAction: 'pause',
      watchdog: { stallSeconds: 120, stopGraceSeconds: 5, maxRestarts: 3 },
      handleSignals: false,
    });
  });

  it('takes every default from the exported DEFAULT_MANAGER_OPTIONS and DEFAULT_TRAINING_SETTINGS', () => {
    expect(parseManagerOptions({ runDir: 'r' })).toEqual({
      ...DEFAULT_MANAGER_OPTIONS,
      runDir: 'r',
      seed: undefined,
      engineFactory: undefined,
    });
    const settings = resolveSettings(undefined, parseStartOptions({ targetGames: 5 }));
    expect(settings).toEqual({ ...DEFAULT_TRAINING_SETTINGS, targetGames: 5 });
  });

  it('normalises compression and retention shorthands', () => {
    const c = parseManagerOptions({ runDir: 'r', compression: { level: 6 }, retention: 3 });
    expect(c.compression).toEqual({ compress: true, level: 6, codec: 'zlib' });
    expect(c.retention).toEqual({ keepLast: 3, keepEvery: 0 });
  });

  it.each<[string, Partial<TrainingManagerOptions>]>([
    ['threads', { threads: 0 }],
    ['threads', { threads: 1.5 }],
    ['seed', { seed: -1 }],
    ['seed', { seed: 2 ** 32 }],
    ['backend', { backend: 'cuda' as 'js' }],
    ['stages', { stages: 62 }],
    ['logLevel', { logLevel: 'verbose' as 'info' }],
    ['compression.level', { compression: { level: 10 } }],
    ['retention', { retention: 0 }],
    ['errorThreshold', { errorThreshold: 0 }],
    ['errorWindowGames', { errorWindowGames: 1005 }],
    ['watchdog.stallSeconds', { watchdog: { stallSeconds: -1 } }],
    ['engineFactory', { engineFactory: 'js' as never }],
  ])('names the field: %s', (field, bad) => {
    const { fields, message } = problemOf(() => parseManagerOptions({ runDir: 'r', ...bad }));
    expect(fields).toContain(field);
    expect(message).toContain(`${field}:`);
  });

  it('lists every problem at once, unknown keys included', () => {
    const { fields } = problemOf(() =>
      parseManagerOptions({ runDir: '', threads: -2, thread: 4 } as TrainingManagerOptions),
    );
    expect(fields).toEqual(expect.arrayContaining(['runDir', 'threads', '(options)']));
  });
});

describe('start options', () => {
  it('keeps only what was given, with the search normalised', () => {
    const p = parseStartOptions({ targetGames: 500, epsilon: 0.2, search: { timeMs: 15 } });
    expect(p.targetGames).toBe(500);
    expect(p.overrides).toEqual({
      epsilon: 0.2,
      search: { depth: 20, timeMs: 15, exactEmpties: 0 },
    });
  });

  it.each([
    ['targetGames', { targetGames: 0 }],
    ['checkpointInterval', { checkpointInterval: 1.5 }],
    ['callbackInterval', { callbackInterval: 0 }],
    ['search.depth', { search: { depth: 21 } }],
    ['epsilon', { epsilon: 1.5 }],
    ['learningRate', { learningRate: 0 }],
    ['onProgress', { onProgress: 3 as never }],
  ])('names the field: %s', (field, bad) => {
    expect(problemOf(() => parseStartOptions(bad)).fields).toContain(field);
  });

  it('needs a target for a new run, not for a continued one', () => {
    const none = parseStartOptions({});
    expect(problemOf(() => resolveSettings(undefined, none)).fields).toEqual(['targetGames']);
    const stored = resolveSettings(undefined, parseStartOptions({ targetGames: 100 }));
    expect(stored).toEqual({
      targetGames: 100,
      checkpointInterval: 0,
      checkpointMinutes: 10,
      callbackInterval: 1000,
      search: { depth: 1, exactEmpties: 0 },
      epsilon: 0.3,
      lambda: 0.7,
      learningRate: 0.005,
      learningRateEnd: 0.0005,
      learningRateDecayGames: 1_000_000,
    });
    const continued = resolveSettings(stored, parseStartOptions({ learningRate: 0.01 }));
    expect(continued).toEqual({ ...stored, learningRate: 0.01 });
    expect(resolveSettings(stored, parseStartOptions({ targetGames: 300 })).targetGames).toBe(300);
  });
});

describe('configure options and search', () => {
  it('validates configure() and normalises a search', () => {
    expect(parseConfigureOptions({ logLevel: 'debug', epsilon: 0 })).toEqual({
      logLevel: 'debug',
      epsilon: 0,
    });
    expect(problemOf(() => parseConfigureOptions({ threads: 2 } as never)).fields).toEqual([
      '(options)',
    ]);
    expect(normalizeSearch({})).toEqual({ depth: 1, exactEmpties: 0 });
    expect(normalizeSearch({ depth: 3, timeMs: 15 })).toEqual({
      depth: 3,
      timeMs: 15,
      exactEmpties: 0,
    });
  });
});
