import {
  flipsInto,
  hasLegalMove,
  finalScoreBoard,
  legalMovesInto,
  popcount32,
} from '@prismind/board';
import { SearchContext } from './context';
import { Endgame } from './endgame';
import { copy46 } from './features';
import { Midgame } from './midgame';
import { SearchStack } from './stack';
import { hashBoard, MidTable } from './tt';

/**
 * The root of a search (docs/engine-spec.md, "Search"): the no-move cases, the exact solve, and
 * iterative deepening with the spec's root order and strict-improvement selection, which make the
 * best move as reproducible as the value.
 */

/** The deepest iteration (there are at most 60 empties). */
export const MAX_DEPTH = 60;

export interface RootLimits {
  depth?: number | undefined;
  timeMs?: number | undefined;
  nodes?: number | undefined;
  exactEmpties?: number | undefined;
}

export interface SearchOutcome {
  /** 0..63, or -1 when the side to move must pass or the game is over. */
  move: number;
  /** Side to move's view, discs. */
  score: number;
  depth: number;
  nodes: number;
  exact: boolean;
  pv: number[];
}

/** How one search runs, besides its limits. */
export interface SearchRun {
  /** A shared flag array: element `stopIndex` (default 0) non-zero stops the search, polled like the time limit. */
  stop?: Int32Array | null | undefined;
  stopIndex?: number | undefined;
  /** Read a principal variation back (default true). */
  wantPv?: boolean | undefined;
  /** When the time limit starts counting (performance.now() of this thread; default now). */
  startedAt?: number | undefined;
}

export class Searcher {
  readonly ctx: SearchContext = new SearchContext();
  readonly stack: SearchStack = new SearchStack();
  readonly mid: Midgame;
  readonly end: Endgame;
  /** Root children by slot (ascending squares): square, board, features, static value. */
  private readonly rootSq = new Int32Array(64);
  private readonly rootBoard = new Int32Array(4 * 64);
  private readonly rootFeats = new Int32Array(46 * 64);
  private readonly rootStatic = new Float64Array(64);
  /** Slots in static root order. */
  private readonly rootOrder = new Int32Array(64);
  private rootCount = 0;
  private rootBlack = 1;

  /** `ttBytes`: both tables together, half each (each a power of two of entries). */
  constructor(ttBytes: number) {
    this.mid = new Midgame(this.ctx, this.stack, new MidTable(ttBytes / 2));
    this.end = new Endgame(this.ctx, this.stack, ttBytes / 2);
  }

  /** The weight table to evaluate with and its stage bases (stageBaseTable). */
  setWeights(weights: Float32Array, stageBase: Int32Array): void {
    this.mid.weights = weights;
    this.mid.stageBase = stageBase;
  }

  /**
   * Search a position: side-relative board, the colour to move, its 46 feature offsets. Starts
   * from cleared tables, so the result never depends on earlier searches.
   */
  search(
    pLo: number,
    pHi: number,
    oLo: number,
    oHi: number,
    black: boolean,
    feats: Int32Array,
    featsAt: number,
    limits: RootLimits,
    run: SearchRun = {},
  ): SearchOutcome {
    const ctx = this.ctx;
    ctx.reset(limits.nodes, limits.timeMs, run.startedAt ?? performance.now());
    ctx.stop = run.stop ?? null;
    ctx.stopIndex = run.stopIndex ?? 0;
    this.mid.tt.clear();
    this.end.ttIfAny?.clear();
    this.stack.setPly(0, pLo, pHi, oLo, oHi, black, feats, featsAt);
    const outcome = this.root(limits, run.wantPv ?? true);
    outcome.nodes = ctx.nodes;
    return outcome;
  }

  /** The root at ply 0 of the stack. */
  private root(limits: RootLimits, wantPv: boolean): SearchOutcome {
    const st = this.stack;
    const board = st.board;
    const pLo = board[0]!;
    const pHi = board[1]!;
    const oLo = board[2]!;
    const oHi = board[3]!;
    st.genMoves(0);
    const mLo = st.moves[0]!;
    const mHi = st.moves[1]!;
    if ((mLo | mHi) === 0) {
      if (!hasLegalMove(oLo, oHi, pLo, pHi)) {
        return outcome(-1, finalScoreBoard(pLo, pHi, oLo, oHi), 0, true, []);
      }
      // A forced pass: the opponent's search under the same limits, seen from our side.
      board[0] = oLo;
      board[1] = oHi;
      board[2] = pLo;
      board[3] = pHi;
      st.black[0] = st.black[0]! ^ 1;
      const r = this.root(limits, wantPv);
      return outcome(-1, -r.score, r.depth, r.exact, []);
    }
    this.buildChildren(mLo, mHi);
    const empties = 64 - popcount32(pLo | oLo) - popcount32(pHi | oHi);
    if (empties <= (limits.exactEmpties ?? 0)) return this.exactRoot(pLo, pHi, oLo, oHi, empties);
    return this.deepen(limits, empties, wantPv);
  }

  /**
   * Root children in ascending squares (slot i: square, board, features, static value) and the
   * static root order over slots: descending value, equal values keeping ascending squares.
   */
  private buildChildren(mLo: number, mHi: number): void {
    const st = this.stack;
    const sign = st.black[0] === 1 ? 1 : -1;
    this.rootBlack = st.black[0]!;
    const flips = st.flips;
    const board = st.board;
    const { rootSq, rootStatic, rootBoard, rootOrder } = this;
    let n = 0;
    let bits = mLo;
    let off = 0;
    for (let half = 0; half < 2; half++) {
      while (bits !== 0) {
        const bit = bits & -bits;
        bits ^= bit;
        const sq = off + 31 - Math.clz32(bit);
        st.genFlips(0, sq);
        st.makeChild(0, sq, flips[0]!, flips[1]!, true);
        const value = sign * this.mid.evalAt(1);
        rootSq[n] = sq;
        rootStatic[n] = value;
        rootBoard[n * 4] = board[4]!;
        rootBoard[n * 4 + 1] = board[5]!;
        rootBoard[n * 4 + 2] = board[6]!;
        rootBoard[n * 4 + 3] = board[7]!;
        copy46(st.feats, 46, this.rootFeats, n * 46);
        let j = n;
        while (j > 0 && rootStatic[rootOrder[j - 1]!]! < value) {
          rootOrder[j] = rootOrder[j - 1]!;
          j--;
        }
        rootOrder[j] = n;
        n++;
      }
      bits = mHi;
      off = 32;
    }
    this.rootCount = n;
  }

  /** Put root child `i` at ply 1 of the stack. */
  private loadChild(i: number): void {
    const rb = this.rootBoard;
    const b = i * 4;
    this.stack.setPly(
      1,
      rb[b]!,
      rb[b + 1]!,
      rb[b + 2]!,
      rb[b + 3]!,
      this.rootBlack === 0,
      this.rootFeats,
      i * 46,
    );
  }

  private deepen(limits: RootLimits, empties: number, wantPv: boolean): SearchOutcome {
    const ctx = this.ctx;
    const maxDepth = limits.depth ?? MAX_DEPTH;
    let best = -1;
    let bestValue = 0;
    let completed = 0;
    for (let depth = 1; depth <= maxDepth; depth++) {
      ctx.interruptible = depth > 1;
      if (depth > 1 && (ctx.stopRequested() || ctx.pastDeadline())) break;
      const found = this.iterate(depth, best);
      if (found < 0) break;
      best = found;
      bestValue = this.lastValue;
      completed = depth;
      if (depth >= empties) {
        // Every line now reaches the end of the game: deeper iterations would return this same
        // value and move, so report the depth asked for without searching it again.
        if (limits.depth !== undefined) completed = maxDepth;
        break;
      }
    }
    const sq = this.rootSq[best]!;
    const pv = wantPv ? this.midPv(best, completed) : [sq];
    return outcome(sq, bestValue, completed, false, pv);
  }

  private lastValue = 0;

  /**
   * One full-width iteration in root order (`first`, the previous best, then the static order);
   * returns the slot of the best child (its value in lastValue), or -1 when interrupted.
   */
  private iterate(depth: number, first: number): number {
    const ctx = this.ctx;
    let best = -1;
    let alpha = Number.NEGATIVE_INFINITY;
    for (let k = first < 0 ? 0 : -1; k < this.rootCount; k++) {
      const i = k < 0 ? first : this.rootOrder[k]!;
      if (k >= 0 && i === first) continue;
      let value: number;
      if (depth === 1) {
        // The child is a leaf whose value the ordering already computed, unless the game is over
        // there (a finished game is worth its final score at any depth).
        ctx.enter();
        const rb = this.rootBoard;
        const b = i * 4;
        const cpLo = rb[b]!;
        const cpHi = rb[b + 1]!;
        const coLo = rb[b + 2]!;
        const coHi = rb[b + 3]!;
        value =
          !hasLegalMove(cpLo, cpHi, coLo, coHi) && !hasLegalMove(coLo, coHi, cpLo, cpHi)
            ? -finalScoreBoard(cpLo, cpHi, coLo, coHi)
            : this.rootStatic[i]!;
      } else {
        this.loadChild(i);
        value = -this.mid.negamax(1, depth - 1, Number.NEGATIVE_INFINITY, -alpha);
      }
      if (ctx.aborted) return -1;
      // Strictly greater only: a later move that ties is not chosen.
      if (best < 0 || value > alpha) {
        best = i;
        alpha = value;
      }
    }
    this.lastValue = alpha;
    return best;
  }

  /** The exact solve in static root order; an interrupted solve falls back to depth 1. */
  private exactRoot(
    pLo: number,
    pHi: number,
    oLo: number,
    oHi: number,
    empties: number,
  ): SearchOutcome {
    const ctx = this.ctx;
    ctx.interruptible = true;
    const solver = this.end;
    let best = -1;
    let alpha = 0;
    for (let k = 0; k < this.rootCount; k++) {
      const i = this.rootOrder[k]!;
      this.loadChild(i);
      let value: number;
      if (best < 0) {
        value = -solver.solve(1, empties - 1, -64, 64);
      } else {
        value = -solver.solve(1, empties - 1, -alpha - 1, -alpha);
        if (value > alpha && !ctx.aborted) value = -solver.solve(1, empties - 1, -64, -alpha);
      }
      if (ctx.aborted) break;
      if (best < 0 || value > alpha) {
        best = i;
        alpha = value;
      }
    }
    if (!ctx.aborted) {
      const sq = this.rootSq[best]!;
      return outcome(sq, alpha, empties, true, this.endPv(pLo, pHi, oLo, oHi, sq, empties));
    }
    // Interrupted: a depth-1 search instead (docs/engine-spec.md).
    ctx.aborted = false;
    ctx.interruptible = false;
    const i = this.iterate(1, -1);
    return outcome(this.rootSq[i]!, this.lastValue, 1, false, [this.rootSq[i]!]);
  }

  /** The best move, then the midgame table's best moves while they are stored and legal. */
  private midPv(best: number, depth: number): number[] {
    const pv = [this.rootSq[best]!];
    const b = this.rootBoard.subarray(best * 4, best * 4 + 4);
    let [pLo, pHi, oLo, oHi] = [b[0]!, b[1]!, b[2]!, b[3]!];
    let side = this.rootBlack === 1 ? 2 : 1;
    const tt = this.mid.tt;
    while (pv.length < depth) {
      const e = tt.find(hashBoard(pLo, pHi, oLo, oHi, side), pLo, pHi, oLo, oHi, side);
      if (e < 0) break;
      const sq = tt.bestOf(e);
      const next = playIfLegal(pLo, pHi, oLo, oHi, sq);
      if (next === null) break;
      pv.push(sq);
      [pLo, pHi, oLo, oHi] = next;
      side = 3 - side;
    }
    return pv;
  }

  /** The best move, then the endgame table's best moves while they are stored and legal. */
  private endPv(
    pLo: number,
    pHi: number,
    oLo: number,
    oHi: number,
    first: number,
    empties: number,
  ): number[] {
    const pv = [first];
    const tt = this.end.ttIfAny;
    let next = playIfLegal(pLo, pHi, oLo, oHi, first);
    while (tt !== null && next !== null && pv.length < empties) {
      [pLo, pHi, oLo, oHi] = next;
      const e = tt.find(hashBoard(pLo, pHi, oLo, oHi, 0), pLo, pHi, oLo, oHi);
      if (e < 0) break;
      const sq = tt.ints[e + 7]!;
      next = playIfLegal(pLo, pHi, oLo, oHi, sq);
      if (next === null) break;
      pv.push(sq);
    }
    return pv;
  }
}

const PV_SCRATCH = new Int32Array(2);

/** The child board (next side to move's view) after `sq`, or null when it is not a legal move. */
function playIfLegal(
  pLo: number,
  pHi: number,
  oLo: number,
  oHi: number,
  sq: number,
): [number, number, number, number] | null {
  if (sq < 0 || sq > 63) return null;
  legalMovesInto(pLo, pHi, oLo, oHi, PV_SCRATCH, 0);
  if (((sq < 32 ? PV_SCRATCH[0]! : PV_SCRATCH[1]!) & (1 << (sq & 31))) === 0) return null;
  flipsInto(pLo, pHi, oLo, oHi, sq, PV_SCRATCH, 0);
  const fLo = PV_SCRATCH[0]!;
  const fHi = PV_SCRATCH[1]!;
  const sLo = sq < 32 ? 1 << sq : 0;
  const sHi = sq < 32 ? 0 : 1 << (sq - 32);
  return [oLo ^ fLo, oHi ^ fHi, pLo | fLo | sLo, pHi | fHi | sHi];
}

function outcome(
  move: number,
  score: number,
  depth: number,
  exact: boolean,
  pv: number[],
): SearchOutcome {
  return { move, score, depth, nodes: 0, exact, pv };
}
