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
  flipsInto,
  playInto,
  hasLegalMove,
  countLegalMoves,
  isGameOverBoard,
  finalScoreBoard,
  perft,
  popcount32,
  popcount64,
  lowestSquare,
  START_P_LO,
  START_P_HI,
  START_O_LO,
  START_O_HI,
} from './bitboard';
