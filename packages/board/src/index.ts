export {
  PrismindError,
  isPrismindError,
  BLACK,
  WHITE,
  PATTERN_SET_ID,
  DEFAULT_STAGES,
} from './contracts/index';
export type { PrismindErrorCode, Cell, Player, CellsInput } from './contracts/index';
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
