import { PATTERN_SET_NAME } from '../pattern-bases.generated';

/** 0 empty, 1 black, 2 white. */
export type Cell = 0 | 1 | 2;
/** 1 black, 2 white. */
export type Player = 1 | 2;
export const BLACK: Player = 1;
export const WHITE: Player = 2;

/** 64 cells in square order (a1 = 0, b1 = 1, …, h8 = 63), each 0, 1 or 2. */
export type CellsInput = readonly number[] | Int8Array | Uint8Array;

/** Which engine implementation runs: the Rust core through napi-rs, or the TypeScript engine. */
export type BackendKind = 'native' | 'js';
/** What a user asks for: `auto` takes native when its binary loads, else js. */
export type BackendChoice = 'auto' | BackendKind;

export const PATTERN_SET_ID: typeof PATTERN_SET_NAME = PATTERN_SET_NAME;
export type PatternSetId = typeof PATTERN_SET_ID;
export const DEFAULT_STAGES = 30;
/** The most stages a model may have (docs/engine-spec.md, "Stages": 1..61). */
export const MAX_STAGES = 61;
