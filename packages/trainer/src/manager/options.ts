import { DEFAULT_STORED_GAMES_BYTES } from '../run-dir/stored-games';
import { DEFAULT_STRENGTH_SETTINGS, type StrengthSettings } from '../strength/in-run';
import type { BackendChoice } from '@prismind/board/contracts';
import { MAX_STAGES, PrismindError } from '@prismind/board/contracts';
import { DEFAULT_MEMORY_BUDGET_BYTES } from '@prismind/telemetry';
import { z } from 'zod';
import type { EngineFactory } from '../backend/create-engine';

/** Log levels of the run's logger (`silent` writes nothing). */
export type ManagerLogLevel = 'debug' | 'info' | 'warn' | 'error' | 'silent';

/** The simple progress callback: games so far, recent mean disc difference, black's win rate. */
export type ProgressCallback = (
  games: number,
  stoneDiff: number,
  winRate: number,
  elapsedSeconds: number,
) => void;

/** How self-play moves are searched when not exploring. */
export interface SearchOptions {
  /** Search depth. Default 1 (or the batch limit, 20, when only `timeMs` is given). */
  depth?: number | undefined;
  /** A per-move time limit (the original design used 15 ms). Makes games non-reproducible. */
  timeMs?: number | undefined;
  /** Solve exactly at this many empties or fewer. Default 0 (never). */
  exactEmpties?: number | undefined;
}

/** What `new TrainingManager(options)` accepts. Everything but `runDir` has a default. */
export interface TrainingManagerOptions {
  /** The run directory (created if needed); an existing run in it is continued. */
  runDir: string;
  /** Default 'auto': native when its binary loads, else js. */
  backend?: BackendChoice | undefined;
  /** Worker threads of the engine. Default 1 (deterministic). */
  threads?: number | undefined;
  /** u32. Default: random for a new run; a continued run keeps its own seed. */
  seed?: number | undefined;
  /** Stage count of the model. Default 30. */
  stages?: number | undefined;
  /** Default 'info'. */
  logLevel?: ManagerLogLevel | undefined;
  /** Also print log lines on the console: 'auto' (default) does so on a TTY. */
  logEcho?: boolean | 'auto' | undefined;
  /** Compress checkpoints (DEFLATE); an object picks level and codec. Default false. */
  compression?: boolean | { level?: number; codec?: 'zlib' | 'fflate' } | undefined;
  /** Checkpoints kept: the newest N (default 5), and optionally every multiple of `keepEvery`. */
  retention?: number | { keepLast?: number; keepEvery?: number } | undefined;
  /** Error rate that pauses the run. Default 0.01 (1%). */
  errorThreshold?: number | undefined;
  /** Games in the error-rate window (a multiple of 10). Default 10,000. */
  errorWindowGames?: number | undefined;
  /** What an error storm does after its checkpoint: 'pause' (default) or 'stop'. */
  errorAction?: 'pause' | 'stop' | undefined;
  watchdog?:
    | {
        /** A batch with no progress for this long is hung. Default 120. */
        stallSeconds?: number | undefined;
        /** A batch asked to stop that has not settled after this long is hung. Default 5. */
        stopGraceSeconds?: number | undefined;
        /** Engine restarts allowed without a checkpoint in between. Default 3. */
        maxRestarts?: number | undefined;
      }
    | undefined;
  /** status.json heartbeat period. Default 2000 ms. */
  statusIntervalMs?: number | undefined;
  /** control.json polling period. Default 150 ms. */
  controlPollMs?: number | undefined;
  /** At most one progress event per this many ms. Default 250. */
  progressIntervalMs?: number | undefined;
  /** SIGINT/SIGTERM stop the run cleanly (save, outcome, exit 0). For CLIs. Default false. */
  handleSignals?: boolean | undefined;
  /** TensorBoard event files in the run directory. Default true. */
  tensorboard?: boolean | undefined;
  /** Resident memory that triggers a warning. Default 600 MiB. */
  memoryBudgetBytes?: number | undefined;
  /** Makes the engine instead of createEngine() (custom backends, tests). */
  engineFactory?: EngineFactory | undefined;
  /**
   * The run measures its strength while it trains (League score, solved-endgame accuracy) and
   * keeps its strongest model as checkpoints/best.prsm; false turns that off. Default
   * DEFAULT_STRENGTH_SETTINGS: every 3 minutes of training, and at the end of a run that trained
   * for at least a minute.
   */
  strength?: Partial<StrengthSettings> | false | undefined;
  /** Keep every this-many-th self-play game in games.jsonl (0 = none). Default 1000. */
  storeGamesEvery?: number | undefined;
  /** games.jsonl's bound before it rotates (docs/architecture.md). Default 2 MiB. */
  storedGamesBytes?: number | undefined;
}

/** What `start()` accepts. */
export interface StartOptions {
  /** Games the run should reach (counted over the whole run). Required for a new run. */
  targetGames?: number | undefined;
  /**
   * Also save a checkpoint every this many games (at exact multiples). Default off: at thousands
   * of games a second a game interval writes far too often; the time interval is the default.
   */
  checkpointInterval?: number | undefined;
  /** Save a checkpoint every this many minutes of training (0: off). Default 10. */
  checkpointMinutes?: number | undefined;
  /** Games per engine batch; progress is reported at least this often. Default 100. */
  callbackInterval?: number | undefined;
  search?: SearchOptions | undefined;
  /** Exploration rate. Default 0.1. */
  epsilon?: number | undefined;
  /** TD(λ). Default 0.7. */
  lambda?: number | undefined;
  /** Adam's learning rate at the start of the run. Default 0.005. */
  learningRate?: number | undefined;
  /**
   * The rate the learning rate decays to, exponentially from `learningRate` over the first
   * `learningRateDecayGames` games of the run (learning-rate.ts). Equal to `learningRate`:
   * constant. Default 0.0005.
   */
  learningRateEnd?: number | undefined;
  /** Games over which the learning rate decays (counted from the run's first game). Default 1,000,000. */
  learningRateDecayGames?: number | undefined;
  onProgress?: ProgressCallback | undefined;
}

/** What `configure()` changes between batches. */
export interface ConfigureOptions {
  search?: SearchOptions | undefined;
  epsilon?: number | undefined;
  lambda?: number | undefined;
  learningRate?: number | undefined;
  /** With learningRate: the rate it decays to; without: only the end of the schedule changes. */
  learningRateEnd?: number | undefined;
  logLevel?: ManagerLogLevel | undefined;
}

export interface ManagerConfig {
  runDir: string;
  backend: BackendChoice;
  threads: number;
  seed: number | undefined;
  stages: number;
  logLevel: ManagerLogLevel;
  logEcho: boolean | 'auto';
  compression: { compress: boolean; level: number; codec: 'zlib' | 'fflate' };
  retention: { keepLast: number; keepEvery: number };
  errorThreshold: number;
  errorWindowGames: number;
  errorAction: 'pause' | 'stop';
  watchdog: { stallSeconds: number; stopGraceSeconds: number; maxRestarts: number };
  statusIntervalMs: number;
  controlPollMs: number;
  progressIntervalMs: number;
  handleSignals: boolean;
  tensorboard: boolean;
  memoryBudgetBytes: number;
  engineFactory: EngineFactory | undefined;
  strength: StrengthSettings | false;
  storeGamesEvery: number;
  storedGamesBytes: number;
}

/** The manager's settings that have a default (all but the run directory, seed and factory). */
export type ManagerDefaults = Omit<ManagerConfig, 'runDir' | 'seed' | 'engineFactory'>;

/** The training settings of a run: saved in checkpoints and the manifest, reused on resume. */
export interface TrainingSettings {
  targetGames: number;
  /** Games between checkpoints (exact multiples); 0: off. */
  checkpointInterval: number;
  /** Minutes of training between checkpoints; 0 or absent (runs from before it existed): off. */
  checkpointMinutes?: number | undefined;
  callbackInterval: number;
  search: { depth: number; timeMs?: number | undefined; exactEmpties: number };
  epsilon: number;
  lambda: number;
  learningRate: number;
  /** The rate reached after `learningRateDecayGames` games; absent (runs from before it): constant. */
  learningRateEnd?: number | undefined;
  /** Games of the decay; absent: the default, LEARNING_RATE_DECAY_GAMES. */
  learningRateDecayGames?: number | undefined;
}

/** What a run's settings default to: `start()` without options, the CLI's help. */
export const DEFAULT_TRAINING_SETTINGS: Readonly<Omit<TrainingSettings, 'targetGames'>> =
  Object.freeze({
    checkpointInterval: 0,
    checkpointMinutes: 10,
    callbackInterval: 100,
    search: Object.freeze({ depth: 1, exactEmpties: 0 }),
    // Exploration 0.3, not the engines' 0.1: self-play then covers the positions other players
    // reach, and the League score rises from ~0.83 to ~0.91 (docs/strength.md, experiments E4-E9).
    epsilon: 0.3,
    lambda: 0.7,
    learningRate: 0.005,
    learningRateEnd: 0.0005,
    learningRateDecayGames: 1_000_000,
  });

/** Stages of a new run's model unless asked otherwise (the engines' own default is 30). */
export const TRAINING_STAGES = 10;

/** What the manager's options default to (`new TrainingManager({ runDir })`; the CLI's help). */
export const DEFAULT_MANAGER_OPTIONS: Readonly<ManagerDefaults> = Object.freeze({
  backend: 'auto',
  threads: 1,
  // 10 stages learn faster than the engines' 30 and reach the same level (docs/strength.md)
  stages: TRAINING_STAGES,
  logLevel: 'info',
  logEcho: 'auto',
  compression: Object.freeze({ compress: false, level: 1, codec: 'zlib' }),
  retention: Object.freeze({ keepLast: 5, keepEvery: 0 }),
  errorThreshold: 0.01,
  errorWindowGames: 10_000,
  errorAction: 'pause',
  watchdog: Object.freeze({ stallSeconds: 120, stopGraceSeconds: 5, maxRestarts: 3 }),
  statusIntervalMs: 2_000,
  controlPollMs: 150,
  progressIntervalMs: 250,
  handleSignals: false,
  tensorboard: true,
  memoryBudgetBytes: DEFAULT_MEMORY_BUDGET_BYTES,
  strength: DEFAULT_STRENGTH_SETTINGS,
  storeGamesEvery: 1_000,
  storedGamesBytes: DEFAULT_STORED_GAMES_BYTES,
});

const defaults = DEFAULT_MANAGER_OPTIONS;
const MAX_BATCH_DEPTH = 20;
const logLevel = z.enum(['debug', 'info', 'warn', 'error', 'silent']);
const fn = <T>(what: string) =>
  z.custom<T>((value) => typeof value === 'function', { message: `expected ${what}` });

const searchSchema = z
  .object({
    depth: z.number().int().min(1).max(MAX_BATCH_DEPTH).optional(),
    timeMs: z.number().int().min(1).max(60_000).optional(),
    exactEmpties: z.number().int().min(0).max(30).optional(),
  })
  .strict();

const managerSchema = z
  .object({
    runDir: z.string().min(1),
    backend: z.enum(['auto', 'native', 'js']).default(defaults.backend),
    threads: z.number().int().min(1).max(256).default(defaults.threads),
    seed: z.number().int().min(0).max(0xffff_ffff).optional(),
    stages: z.number().int().min(1).max(MAX_STAGES).default(defaults.stages),
    logLevel: logLevel.default(defaults.logLevel),
    logEcho: z.union([z.boolean(), z.literal('auto')]).default(defaults.logEcho),
    compression: z
      .union([
        z.boolean(),
        z
          .object({
            level: z.number().int().min(1).max(9).optional(),
            codec: z.enum(['zlib', 'fflate']).optional(),
          })
          .strict(),
      ])
      .default(defaults.compression.compress),
    retention: z
      .union([
        z.number().int().min(1).max(1_000_000),
        z
          .object({
            keepLast: z.number().int().min(1).max(1_000_000).optional(),
            keepEvery: z.number().int().min(0).optional(),
          })
          .strict(),
      ])
      .default(defaults.retention.keepLast),
    errorThreshold: z.number().gt(0).max(1).default(defaults.errorThreshold),
    errorWindowGames: z
      .number()
      .int()
      .min(10)
      .refine((n) => n % 10 === 0, 'expected a multiple of 10')
      .default(defaults.errorWindowGames),
    errorAction: z.enum(['pause', 'stop']).default(defaults.errorAction),
    watchdog: z
      .object({
        stallSeconds: z.number().gt(0).max(86_400).optional(),
        stopGraceSeconds: z.number().gt(0).max(3_600).optional(),
        maxRestarts: z.number().int().min(0).max(1_000).optional(),
      })
      .strict()
      .default({}),
    statusIntervalMs: z.number().int().min(10).max(600_000).default(defaults.statusIntervalMs),
    controlPollMs: z.number().int().min(10).max(60_000).default(defaults.controlPollMs),
    progressIntervalMs: z.number().int().min(0).max(600_000).default(defaults.progressIntervalMs),
    handleSignals: z.boolean().default(defaults.handleSignals),
    tensorboard: z.boolean().default(defaults.tensorboard),
    strength: z
      .union([
        z.literal(false),
        z
          .object({
            everyGames: z.number().int().min(0).optional(),
            everyMinutes: z.number().min(0).optional(),
            leagueGames: z.number().int().min(2).max(1_000_000).optional(),
            endgamePositions: z.number().int().min(1).optional(),
            seed: z.number().int().min(0).max(0xffff_ffff).optional(),
          })
          .strict(),
      ])
      .default({}),
    memoryBudgetBytes: z.number().int().min(1).default(defaults.memoryBudgetBytes),
    storeGamesEvery: z.number().int().min(0).max(100_000_000).default(defaults.storeGamesEvery),
    storedGamesBytes: z.number().int().min(1_024).default(defaults.storedGamesBytes),
    engineFactory: fn<EngineFactory>('a function returning an Engine').optional(),
  })
  .strict();

const startSchema = z
  .object({
    targetGames: z.number().int().min(1).max(Number.MAX_SAFE_INTEGER).optional(),
    checkpointInterval: z.number().int().min(1).max(100_000_000).optional(),
    checkpointMinutes: z.number().min(0).max(10_080).optional(),
    callbackInterval: z.number().int().min(1).max(1_000_000).optional(),
    search: searchSchema.optional(),
    epsilon: z.number().min(0).max(1).optional(),
    lambda: z.number().min(0).max(1).optional(),
    learningRate: z.number().gt(0).max(10).optional(),
    learningRateEnd: z.number().gt(0).max(10).optional(),
    learningRateDecayGames: z.number().int().min(1).max(Number.MAX_SAFE_INTEGER).optional(),
    onProgress: fn<ProgressCallback>('a function').optional(),
  })
  .strict();

const configureSchema = z
  .object({
    search: searchSchema.optional(),
    epsilon: z.number().min(0).max(1).optional(),
    lambda: z.number().min(0).max(1).optional(),
    learningRate: z.number().gt(0).max(10).optional(),
    learningRateEnd: z.number().gt(0).max(10).optional(),
    logLevel: logLevel.optional(),
  })
  .strict();

/** Training settings as stored in a checkpoint or manifest (validated when read back). */
export const trainingSettingsSchema: z.ZodType<TrainingSettings> = z.object({
  targetGames: z.number().int().min(1),
  checkpointInterval: z.number().int().min(0),
  checkpointMinutes: z.number().min(0).optional(),
  callbackInterval: z.number().int().min(1),
  search: z.object({
    depth: z.number().int().min(1).max(MAX_BATCH_DEPTH),
    timeMs: z.number().int().min(1).optional(),
    exactEmpties: z.number().int().min(0).max(30),
  }),
  epsilon: z.number().min(0).max(1),
  lambda: z.number().min(0).max(1),
  learningRate: z.number().gt(0).max(10),
  learningRateEnd: z.number().gt(0).max(10).optional(),
  learningRateDecayGames: z.number().int().min(1).optional(),
});

/** Every problem at once, each naming its field: `threads: Too small: expected ... >=1`. */
function invalid(what: string, error: z.ZodError): PrismindError {
  const problems = error.issues.map((issue) => {
    const field = issue.path.length === 0 ? '(options)' : issue.path.join('.');
    return { field, message: issue.message };
  });
  const text = problems.map((p) => `${p.field}: ${p.message}`).join('; ');
  return new PrismindError('INVALID_OPTIONS', `invalid ${what}: ${text}`, {
    details: { problems },
  });
}

function parse<T>(schema: z.ZodType<T>, value: unknown, what: string): T {
  const result = schema.safeParse(value);
  if (!result.success) throw invalid(what, result.error);
  return result.data;
}

export function parseManagerOptions(options: TrainingManagerOptions): ManagerConfig {
  const o = parse(managerSchema, options, 'TrainingManager options');
  const compression = typeof o.compression === 'boolean' ? {} : o.compression;
  const retention = typeof o.retention === 'number' ? { keepLast: o.retention } : o.retention;
  return {
    ...o,
    seed: o.seed,
    compression: {
      compress: o.compression !== false,
      level: compression.level ?? defaults.compression.level,
      codec: compression.codec ?? defaults.compression.codec,
    },
    retention: {
      keepLast: retention.keepLast ?? defaults.retention.keepLast,
      keepEvery: retention.keepEvery ?? defaults.retention.keepEvery,
    },
    watchdog: {
      stallSeconds: o.watchdog.stallSeconds ?? defaults.watchdog.stallSeconds,
      stopGraceSeconds: o.watchdog.stopGraceSeconds ?? defaults.watchdog.stopGraceSeconds,
      maxRestarts: o.watchdog.maxRestarts ?? defaults.watchdog.maxRestarts,
    },
    engineFactory: o.engineFactory,
    strength: o.strength === false ? false : { ...DEFAULT_STRENGTH_SETTINGS, ...o.strength },
  };
}

export interface ParsedStart {
  targetGames: number | undefined;
  onProgress: ProgressCallback | undefined;
  overrides: Partial<Omit<TrainingSettings, 'targetGames'>>;
}

export function parseStartOptions(options: StartOptions): ParsedStart {
  const o = parse(startSchema, options, 'start() options');
  const { targetGames, onProgress, search, ...rest } = o;
  const overrides: Partial<Omit<TrainingSettings, 'targetGames'>> = { ...rest };
  if (search !== undefined) overrides.search = normalizeSearch(search);
  return { targetGames, onProgress, overrides };
}

export function parseConfigureOptions(options: ConfigureOptions): ConfigureOptions {
  return parse(configureSchema, options, 'configure() options');
}

/** Depth 1 by default; with only a time limit, the depth limit steps aside. */
export function normalizeSearch(search: SearchOptions): TrainingSettings['search'] {
  const fallback = DEFAULT_TRAINING_SETTINGS.search;
  const depth = search.depth ?? (search.timeMs === undefined ? fallback.depth : MAX_BATCH_DEPTH);
  const exactEmpties = search.exactEmpties ?? fallback.exactEmpties;
  const normalized: TrainingSettings['search'] = { depth, exactEmpties };
  if (search.timeMs !== undefined) normalized.timeMs = search.timeMs;
  return normalized;
}

/** Settings for a run: stored ones (a continued run), then defaults, then what was given. */
export function resolveSettings(
  stored: TrainingSettings | undefined,
  start: ParsedStart,
): TrainingSettings {
  const targetGames = start.targetGames ?? stored?.targetGames;
  if (targetGames === undefined) {
    throw new PrismindError(
      'INVALID_OPTIONS',
      'invalid start() options: targetGames: required for a new run (no checkpoint to continue)',
      { details: { problems: [{ field: 'targetGames', message: 'required for a new run' }] } },
    );
  }
  const base = stored ?? { ...DEFAULT_TRAINING_SETTINGS, targetGames };
  return { ...base, ...start.overrides, targetGames };
}

/** The JSON-safe part of the manager config, for the manifest. */
export function configForManifest(config: ManagerConfig): Record<string, unknown> {
  const { engineFactory, ...rest } = config;
  return { ...rest, engineFactory: engineFactory === undefined ? undefined : 'custom' };
}
