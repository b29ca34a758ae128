import {
  CANONICAL_OFFSETS,
  CANONICAL_SIGNS,
  finalScoreBoard,
  flipsInto,
  legalMovesInto,
  popcount32,
  START_O_HI,
  START_O_LO,
  START_P_HI,
  START_P_LO,
} from '@prismind/board';
import { childFeaturesInto, extractInto } from './features';
import { MAX_POSITIONS } from './td';

/**
 * A game being played or replayed from the standard start: the board from the side to move's view,
 * the colour to move, the current features (carried incrementally), and the record the TD update
 * needs: per recorded position (board before a move), its 46 weight offsets and signs.
 */
export class GameState {
  pLo: number = START_P_LO;
  pHi: number = START_P_HI;
  oLo: number = START_O_LO;
  oHi: number = START_O_HI;
  black = true;
  readonly feats: Int32Array = new Int32Array(46);
  /** Legal moves of the side to move (after legalMoves()). */
  readonly moves: Int32Array = new Int32Array(2);
  private readonly flips = new Int32Array(2);
  /** offs[46 k + f]: weight offset (canonical index) of feature f of recorded position k. */
  readonly offs: Int32Array = new Int32Array(MAX_POSITIONS * 46);
  /** signs[46 k + f]: how that feature reads its weight (1, -1 or 0). */
  readonly signs: Int8Array = new Int8Array(MAX_POSITIONS * 46);
  recorded = 0;
  movesPlayed = 0;

  constructor() {
    this.reset();
  }

  reset(): void {
    this.pLo = START_P_LO;
    this.pHi = START_P_HI;
    this.oLo = START_O_LO;
    this.oHi = START_O_HI;
    this.black = true;
    // Black to move: the mover's discs are black.
    extractInto(this.pLo, this.pHi, this.oLo, this.oHi, this.feats, 0);
    this.recorded = 0;
    this.movesPlayed = 0;
  }

  /** Legal moves into moves[0..1]; true when there is at least one. */
  legalMoves(): boolean {
    legalMovesInto(this.pLo, this.pHi, this.oLo, this.oHi, this.moves, 0);
    return (this.moves[0]! | this.moves[1]!) !== 0;
  }

  /** True when the opponent has a legal move (call when the side to move has none). */
  opponentCanMove(): boolean {
    legalMovesInto(this.oLo, this.oHi, this.pLo, this.pHi, this.flips, 0);
    return (this.flips[0]! | this.flips[1]!) !== 0;
  }

  pass(): void {
    const { pLo, pHi } = this;
    this.pLo = this.oLo;
    this.pHi = this.oHi;
    this.oLo = pLo;
    this.oHi = pHi;
    this.black = !this.black;
  }

  /** Record the current position for learning (stage base from `stageBase`). */
  record(stageBase: Int32Array): void {
    const discs = popcount32(this.pLo | this.oLo) + popcount32(this.pHi | this.oHi);
    const base = stageBase[discs]!;
    const at = this.recorded * 46;
    for (let f = 0; f < 46; f++) {
      const i = this.feats[f]!;
      this.offs[at + f] = base + CANONICAL_OFFSETS[i]!;
      this.signs[at + f] = CANONICAL_SIGNS[i]!;
    }
    this.recorded++;
  }

  /** Play `sq`, which must be legal (in moves). */
  play(sq: number): void {
    flipsInto(this.pLo, this.pHi, this.oLo, this.oHi, sq, this.flips, 0);
    const fLo = this.flips[0]!;
    const fHi = this.flips[1]!;
    childFeaturesInto(this.feats, 0, this.feats, 0, this.black, sq, fLo, fHi);
    const sLo = sq < 32 ? 1 << sq : 0;
    const sHi = sq < 32 ? 0 : 1 << (sq - 32);
    const nLo = this.pLo | fLo | sLo;
    const nHi = this.pHi | fHi | sHi;
    this.pLo = this.oLo ^ fLo;
    this.pHi = this.oHi ^ fHi;
    this.oLo = nLo;
    this.oHi = nHi;
    this.black = !this.black;
    this.movesPlayed++;
  }

  /** True when `sq` (0..63) is among moves[]. */
  isLegal(sq: number): boolean {
    return ((sq < 32 ? this.moves[0]! : this.moves[1]!) & (1 << (sq & 31))) !== 0;
  }

  /** Final score, black minus white, empties to the winner. */
  finalScoreBlack(): number {
    const s = finalScoreBoard(this.pLo, this.pHi, this.oLo, this.oHi);
    return this.black ? s : -s;
  }

  /** The legal moves in ascending square order. */
  moveList(out: Int32Array): number {
    let n = 0;
    let bits = this.moves[0]!;
    while (bits !== 0) {
      const bit = bits & -bits;
      bits ^= bit;
      out[n++] = 31 - Math.clz32(bit);
    }
    bits = this.moves[1]!;
    while (bits !== 0) {
      const bit = bits & -bits;
      bits ^= bit;
      out[n++] = 63 - Math.clz32(bit);
    }
    return n;
  }
}
