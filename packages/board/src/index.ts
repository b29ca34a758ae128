// Shared contracts (also on the '@prismind/board/contracts' subpath).
export {
  PrismindError,
  isCodedError,
  isPrismindError,
  schemaError,
  BLACK,
  WHITE,
  PATTERN_SET_ID,
  DEFAULT_STAGES,
  MAX_STAGES,
} from './contracts/index';
export type {
  PrismindErrorCode,
  PrismindErrorOptions,
  SchemaIssue,
  Cell,
  Player,
  CellsInput,
} from './contracts/index';

// The fast, allocation-free core over int32 halves (pLo, pHi, oLo, oHi: side to move's view).
export {
  legalMovesInto,
  hasLegalMove,
  countLegalMoves,
  isGameOverBoard,
  finalScoreBoard,
  START_P_LO,
  START_P_HI,
  START_O_LO,
  START_O_HI,
} from './moves';
export { flipsInto, playInto, passInto } from './flips';
export { popcount32, popcount64, lowestSquare, hasSquare } from './bits';
export { perft } from './perft';

// Validation shared by both engines.
export { parseCells, parsePlayer, MIN_DISCS } from './validate';
export type { ParseCellsOptions } from './validate';
export { validateModelState } from './model-state';
export type { ValidateModelStateOptions } from './model-state';

// The immutable API and notation.
export { Position, bitsToSquares } from './position';
export type { DiscCounts } from './position';
export { SQUARE_NAMES, squareToName, nameToSquare, parseSquare, isSquare } from './squares';
export {
  PASS,
  parseTranscript,
  replayMoves,
  replayTranscript,
  movesToTranscript,
} from './transcript';
export type { GameRecord, ReplayOptions } from './transcript';
export { parseObf, toObf } from './obf';
export { toAscii } from './ascii';
export type { AsciiOptions } from './ascii';

// The shared random generator (docs/engine-spec.md, "Random numbers").
export { Rng } from './rng';

// Symmetries and pattern geometry.
export {
  SYMMETRY_COUNT,
  SYMMETRY_TABLE,
  INVERSE_SYMMETRY,
  inverseSymmetry,
  transformSquare,
  transformBitsInto,
  transformPosition,
  transformCells,
} from './symmetry';
export {
  PATTERN_SHAPES,
  PATTERN_FEATURES,
  FEATURE_COUNT,
  WEIGHTS_PER_STAGE,
  SHAPE_OFFSETS,
  SHAPE_COUNT,
  FEATURE_SHAPE,
  FEATURE_START,
  FEATURE_SQUARES,
  SQUARE_TERM_START,
  SQUARE_TERM_FEATURE,
  SQUARE_TERM_POWER,
} from './patterns';
export type { PatternShape, PatternInstance, PatternFeature } from './patterns';
export {
  CANONICAL_OFFSETS,
  CANONICAL_SIGNS,
  canonicalReference,
  inverseIndex,
  mirrorIndex,
  selfSymmetryMaps,
} from './canonical';
export { featureIndices, featureIndicesInto, stageOf, weightOffset, weightSign } from './features';
