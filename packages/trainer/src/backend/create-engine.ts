import {
  type BackendChoice,
  type BackendKind,
  DEFAULT_STAGES,
  type Engine,
  PrismindError,
} from '@prismind/board/contracts';
import { createJsEngine } from '@prismind/js-core';
import { describeLoadFailure, importNativeCore, type NativeImporter } from './native-loader';

/** What an engine factory is asked for. `attempt` is 0, then 1, 2, ... after watchdog restarts. */
export interface EngineRequest {
  backend: BackendChoice;
  stages: number;
  attempt: number;
}

/**
 * Makes an engine for the TrainingManager instead of createEngine() (custom backends, tests). It may
 * return the engine, or an EngineSelection (what createEngine gives) so the run records its reason.
 */
export type EngineFactory = (
  request: EngineRequest,
) => Engine | EngineSelection | Promise<Engine | EngineSelection>;

/** A pino-compatible logger (only `info` is used). */
export interface SelectionLogger {
  info(obj: Record<string, unknown>, msg: string): void;
}

export interface CreateEngineOptions {
  /** Default 'auto': native when `@prismind/native-core` imports and its binary loads, else js. */
  backend?: BackendChoice | undefined;
  /** Stage count of the fresh model. Default 30. */
  stages?: number | undefined;
  /** Hears which backend was taken and why. */
  logger?: SelectionLogger | undefined;
  /** How `@prismind/native-core` is imported; tests inject a missing or broken package here. */
  importNative?: NativeImporter | undefined;
}

/** The engine, which backend it is, and why that one was taken. */
export interface EngineSelection {
  engine: Engine;
  backend: BackendKind;
  reason: string;
  /** Why native was not taken, when auto fell back to js. */
  nativeError?: string | undefined;
}

interface NativeModule {
  createNativeEngine: (options?: { stages?: number }) => Engine | Promise<Engine>;
}

function isNativeModule(value: unknown): value is NativeModule {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { createNativeEngine?: unknown }).createNativeEngine === 'function'
  );
}

/** Imports native-core and builds its engine; throws a message-bearing Error when it cannot. */
async function loadNativeEngine(importer: NativeImporter, stages: number): Promise<Engine> {
  let module: unknown;
  try {
    module = await importer();
  } catch (error) {
    throw new Error(describeLoadFailure(error), { cause: error });
  }
  const candidate = (module as { default?: unknown }).default;
  const api = isNativeModule(module) ? module : isNativeModule(candidate) ? candidate : undefined;
  if (api === undefined) {
    throw new Error('@prismind/native-core does not export createNativeEngine()');
  }
  try {
    return await api.createNativeEngine({ stages });
  } catch (error) {
    if (isMissingBinary(error)) throw error;
    throw new Error(`the native binary did not load: ${(error as Error).message}`, {
      cause: error,
    });
  }
}

/**
 * native-core's NATIVE_BINARY_MISSING already names the platform, the package, the load error and
 * the fallback, so it is passed on as it is. Told by its code, not instanceof: the trainer may run
 * as CommonJS while native-core, imported dynamically, is ESM with its own copy of the class.
 */
function isMissingBinary(error: unknown): error is PrismindError<string> {
  return (error as { code?: unknown } | null)?.code === 'NATIVE_BINARY_MISSING';
}

/**
 * Creates an engine for `backend`: 'js' is the TypeScript engine (@prismind/js-core); 'native' is
 * @prismind/native-core (an optional dependency, imported dynamically) and throws
 * ENGINE_UNAVAILABLE when the package does not load, NATIVE_BINARY_MISSING when its binary does not;
 * 'auto' takes native when it loads, else js, saying why in `reason`. Logs which it took and why.
 */
export async function createEngine(options: CreateEngineOptions = {}): Promise<EngineSelection> {
  const requested = options.backend ?? 'auto';
  const stages = options.stages ?? DEFAULT_STAGES;
  if (requested !== 'auto' && requested !== 'native' && requested !== 'js') {
    throw new PrismindError(
      'INVALID_OPTIONS',
      `backend "${String(requested)}": expected 'auto', 'native' or 'js'`,
      { details: { backend: requested } },
    );
  }
  let selection: EngineSelection;
  if (requested === 'js') {
    selection = { engine: createJsEngine({ stages }), backend: 'js', reason: 'js requested' };
  } else {
    try {
      const engine = await loadNativeEngine(options.importNative ?? importNativeCore, stages);
      const reason = requested === 'native' ? 'native requested' : 'native binary loaded';
      selection = { engine, backend: 'native', reason };
    } catch (error) {
      const why = (error as Error).message;
      if (requested === 'native') {
        if (isMissingBinary(error)) throw error;
        throw new PrismindError('ENGINE_UNAVAILABLE', `backend 'native' requested but ${why}`, {
          cause: error,
          details: { backend: 'native' },
        });
      }
      selection = {
        engine: createJsEngine({ stages }),
        backend: 'js',
        reason: `auto fell back to the TypeScript engine: ${why}`,
        nativeError: why,
      };
    }
  }
  options.logger?.info(
    { event: 'backend_selected', requested, backend: selection.backend, reason: selection.reason },
    `backend ${selection.backend} (${selection.reason})`,
  );
  return selection;
}
