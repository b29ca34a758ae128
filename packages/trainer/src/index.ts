// The pure-TypeScript engine (docs/engine-spec.md): backend 'js'.
export { JsEngine, createJsEngine } from './js-engine/engine';
export { DEFAULT_TT_BYTES } from './js-engine/options';
export type { JsEngineOptions } from './js-engine/options';
export { Rng, splitmix32Sequence } from './js-engine/rng';
