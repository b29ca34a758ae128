// The pure-TypeScript engine (docs/engine-spec.md): backend 'js'.
export { JsEngine, createJsEngine } from './engine';
export { DEFAULT_TT_BYTES, MAX_TT_BYTES } from './options';
export type { JsEngineOptions } from './options';
