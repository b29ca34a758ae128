// The shared RNG lives in @prismind/board (the engines, the arena and the tests draw from one
// generator, docs/engine-spec.md "Random numbers"); the engine's modules import it from here.
export { Rng, splitmix32Sequence } from '@prismind/board';
