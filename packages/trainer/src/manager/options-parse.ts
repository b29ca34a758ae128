// The options' zod schemas and parsers: what a caller passes, checked and filled in with the
// defaults of options.ts (which holds the types and the defaults).
import { MAX_STAGES, PrismindError } from '@prismind/board/contracts';
import { z } from 'zod';
import { DEFAULT_STRENGTH_SETTINGS } from '../strength/in-run';
import type { EngineFactory } from '../backend/create-engine';
import {
  type ConfigureOptions,
  DEFAULT_MANAGER_OPTIONS,
  DEFAULT_TRAINING_SETTINGS,
  type ManagerConfig,
  type ProgressCallback,
  type SearchOptions,
  type StartOptions,
  type TrainingManagerOptions,
  type TrainingSettings,
} from './options';

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
