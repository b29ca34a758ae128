import { DEFAULT_STORED_GAMES_BYTES } from '../run-dir/stored-games';
import { DEFAULT_STRENGTH_SETTINGS, type StrengthSettings } from '../strength/in-run';
import type { BackendChoice } from '@prismind/board/contracts';
import { DEFAULT_MEMORY_BUDGET_BYTES } from '@prismind/telemetry';
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
  /** Stage count of the model. Default 10 (TRAINING_STAGES). */
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
  /**
   * Games per engine batch; progress is reported at least this often. Default 1,000: each batch
   * costs a few milliseconds outside the games (the call into the engine, the manager's accounting),
   * so 100-game batches cost about 15% of the native engine's speed (docs/decisions.md). A pause or
   * a stop interrupts a batch, so its length does not delay them.
   */
  callbackInterval?: number | undefined;
  search?: SearchOptions | undefined;
  /** Exploration rate. Default 0.3, not the engines' 0.1 (docs/strength.md, round 2). */
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
    callbackInterval: 1000,
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
