export {
  PrismindError,
  isPrismindError,
  BLACK,
  WHITE,
  PATTERN_SET_ID,
  DEFAULT_STAGES,
} from './contracts/index';
export type { PrismindErrorCode, Cell, Player, CellsInput } from './contracts/index';
