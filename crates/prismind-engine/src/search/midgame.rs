//! Fixed-depth negamax alpha-beta (fail-soft) over evaluations. Values are exact for the given
//! remaining depth whatever the move order, because the transposition table cuts off only on an
//! entry of equal remaining depth and identical position (docs/engine-spec.md, "Search").
//!
//! Inner move order: the table's best move first, then, two plies or more from the leaves, children
//! by their static value for the mover (a cheap one-ply preview that pays off below).

use super::context::Context;
use super::node::Node;
use super::tt::{hash, Bound, MidEntry, Table, NO_MOVE};
use crate::board::{legal_moves, squares};
use crate::eval::WeightTable;

/// Remaining depth from which the table is probed and children are sorted; nearer the leaves the
/// bookkeeping costs more than it saves.
const ORDER_DEPTH: u32 = 2;

#[derive(Clone, Copy, Default)]
struct Move {
    square: u8,
    flipped: u64,
    key: f64,
}

pub fn negamax<W: WeightTable + ?Sized>(
    ctx: &mut Context<'_, W>,
    tt: &mut Table<MidEntry>,
    node: &Node,
    depth: u32,
    alpha: f64,
    beta: f64,
) -> f64 {
    if ctx.enter() {
        return 0.0;
    }
    let board = node.board;
    let moves = board.legal_moves();
    if moves == 0 {
        if legal_moves(board.opponent, board.player) == 0 {
            return f64::from(board.final_score());
        }
        if depth == 0 {
            // Passing and evaluating from the other side gives the same value: sign flips twice.
            return node.leaf_value(ctx);
        }
        return -negamax(ctx, tt, &node.pass(), depth, -beta, -alpha);
    }
    if depth == 0 {
        return node.leaf_value(ctx);
    }
    if depth < ORDER_DEPTH {
        return shallow(ctx, tt, node, moves, depth, alpha, beta);
    }

    let key = hash(board.player, board.opponent) ^ u64::from(node.side_bit());
    let mut tt_move = NO_MOVE;
    {
        let e = tt.slot(key);
        if e.generation == tt.generation()
            && e.player == board.player
            && e.opponent == board.opponent
            && e.side == node.side_bit()
        {
            if u32::from(e.depth) == depth {
                let cut = match e.bound {
                    Bound::Exact => true,
                    Bound::Lower => e.value >= beta,
                    Bound::Upper => e.value <= alpha,
                };
                if cut {
                    return e.value;
                }
            }
            tt_move = e.best;
        }
    }

    let mut list = [Move::default(); 64];
    let mut len = 0;
    for square in squares(moves) {
        let flipped = board.flips(usize::from(square));
        list[len] = Move {
            square,
            flipped,
            key: 0.0,
        };
        len += 1;
    }
    let list = &mut list[..len];
    for m in list.iter_mut() {
        m.key = if m.square == tt_move {
            f64::INFINITY
        } else {
            // The child's static value for the mover: minus the child's own leaf value.
            -node.child(usize::from(m.square), m.flipped).leaf_value(ctx)
        };
    }
    // Stable: equal keys keep ascending squares, so the order is reproducible.
    list.sort_by(|a, b| b.key.total_cmp(&a.key));

    let mut best = f64::NEG_INFINITY;
    let mut best_move = NO_MOVE;
    let mut a = alpha;
    for (i, m) in list.iter().enumerate() {
        let child = node.child(usize::from(m.square), m.flipped);
        let value = if i == 0 {
            -negamax(ctx, tt, &child, depth - 1, -beta, -a)
        } else {
            // Principal variation search: prove the move no better than `a` with a null window
            // (nothing lies strictly between `a` and the next float), search it fully only if not.
            let probe = -negamax(ctx, tt, &child, depth - 1, -next_up(a), -a);
            if probe > a && probe < beta && !ctx.aborted {
                -negamax(ctx, tt, &child, depth - 1, -beta, -a)
            } else {
                probe
            }
        };
        if ctx.aborted {
            return 0.0;
        }
        if value > best {
            best = value;
            best_move = m.square;
            if value >= beta {
                break;
            }
            if value > a {
                a = value;
            }
        }
    }

    let bound = if best <= alpha {
        Bound::Upper
    } else if best >= beta {
        Bound::Lower
    } else {
        Bound::Exact
    };
    let generation = tt.generation();
    *tt.slot_mut(key) = MidEntry {
        player: board.player,
        opponent: board.opponent,
        value: best,
        generation,
        depth: depth as u8,
        bound,
        best: best_move,
        side: node.side_bit(),
    };
    best
}

/// Near the leaves: no table, moves in square order.
fn shallow<W: WeightTable + ?Sized>(
    ctx: &mut Context<'_, W>,
    tt: &mut Table<MidEntry>,
    node: &Node,
    moves: u64,
    depth: u32,
    alpha: f64,
    beta: f64,
) -> f64 {
    let mut best = f64::NEG_INFINITY;
    let mut a = alpha;
    for square in squares(moves) {
        let square = usize::from(square);
        let child = node.child(square, node.board.flips(square));
        let value = -negamax(ctx, tt, &child, depth - 1, -beta, -a);
        if ctx.aborted {
            return 0.0;
        }
        if value > best {
            best = value;
            if value >= beta {
                break;
            }
            if value > a {
                a = value;
            }
        }
    }
    best
}

/// The smallest f64 above `x` (`f64::next_up`, which needs a newer Rust than the crate's floor).
fn next_up(x: f64) -> f64 {
    if x.is_nan() || x == f64::INFINITY {
        x
    } else if x == 0.0 {
        f64::from_bits(1)
    } else if x > 0.0 {
        f64::from_bits(x.to_bits() + 1)
    } else {
        f64::from_bits(x.to_bits() - 1)
    }
}
