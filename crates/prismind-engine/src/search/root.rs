//! The root of a search (docs/engine-spec.md, "Search"): no-move cases, the exact solve, and
//! iterative deepening with the spec's root order and strict-improvement selection, which make the
//! best move as reproducible as the value.

use super::context::Context;
use super::endgame::Solver;
use super::limits::{SearchLimits, SearchResult, MAX_DEPTH};
use super::midgame::negamax;
use super::node::Node;
use super::tt::{EndEntry, MidEntry, Table};
use crate::board::{legal_moves, squares, Position};
use crate::eval::WeightTable;
use crate::features::Features;

struct RootMove {
    square: u8,
    node: Node,
    /// sign · evaluate(child): the child's static value from the root's side to move.
    static_value: f64,
}

pub struct Root<'t> {
    pub mid: &'t mut Table<MidEntry>,
    /// The endgame table, allocated on first use with `end_bytes`.
    pub end: &'t mut Option<Table<EndEntry>>,
    pub end_bytes: usize,
}

impl Root<'_> {
    pub fn search<W: WeightTable + ?Sized>(
        &mut self,
        ctx: &mut Context<'_, W>,
        position: &Position,
        features: &Features,
        limits: &SearchLimits,
    ) -> SearchResult {
        let moves = position.legal_moves();
        if moves == 0 {
            if position.is_game_over() {
                return result(
                    -1,
                    f64::from(position.board().final_score()),
                    0,
                    true,
                    Vec::new(),
                );
            }
            // A forced pass: the opponent's search under the same limits, seen from our side.
            let mut r = self.search(ctx, &position.pass(), features, limits);
            r.best_move = -1;
            r.score = -r.score;
            r.pv.clear();
            return r;
        }

        let root = Node {
            board: position.board(),
            side: position.side(),
            features: *features,
        };
        let sign = position.side().sign();
        let mut children: Vec<RootMove> = squares(moves)
            .map(|square| {
                let node = root.child(usize::from(square), root.board.flips(usize::from(square)));
                let static_value = sign * node.evaluate(ctx);
                RootMove {
                    square,
                    node,
                    static_value,
                }
            })
            .collect();
        // Descending static value; the sort is stable, so ties keep ascending squares. `+ 0.0` makes
        // -0.0 and 0.0 the tie they are for `<` (total_cmp alone would order them; it is used
        // because it never panics, even on NaN weights).
        children.sort_by(|a, b| (b.static_value + 0.0).total_cmp(&(a.static_value + 0.0)));

        let empties = position.empty_count();
        if empties <= limits.exact_empties {
            ctx.interruptible = true;
            if let Some((best, value)) = self.exact(ctx, &children) {
                let pv = self.end_pv(position, children[best].square, empties);
                return result(
                    children[best].square.into(),
                    f64::from(value),
                    empties,
                    true,
                    pv,
                );
            }
            // Interrupted: a depth-1 search instead (docs/engine-spec.md).
            ctx.aborted = false;
            ctx.interruptible = false;
            let order: Vec<usize> = (0..children.len()).collect();
            let (best, value) = self
                .iterate(ctx, &children, &order, 1)
                .expect("depth 1 is not interruptible");
            return result(
                children[best].square.into(),
                value,
                1,
                false,
                vec![children[best].square],
            );
        }
        self.deepen(ctx, position, &children, limits)
    }

    fn deepen<W: WeightTable + ?Sized>(
        &mut self,
        ctx: &mut Context<'_, W>,
        position: &Position,
        children: &[RootMove],
        limits: &SearchLimits,
    ) -> SearchResult {
        let max_depth = limits.depth.unwrap_or(MAX_DEPTH);
        let empties = position.empty_count();
        let mut best: Option<(usize, f64)> = None;
        let mut completed = 0;
        for depth in 1..=max_depth {
            ctx.interruptible = depth > 1;
            if depth > 1 && (ctx.stop_requested() || ctx.past_deadline()) {
                break;
            }
            let order = root_order(children.len(), best.map(|b| b.0));
            match self.iterate(ctx, children, &order, depth) {
                Some(found) => {
                    best = Some(found);
                    completed = depth;
                }
                None => break,
            }
            if depth >= empties {
                // Every line now reaches the end of the game: deeper iterations would return this
                // same value and move, so report the depth asked for without searching it again.
                if limits.depth.is_some() {
                    completed = max_depth;
                }
                break;
            }
        }
        let (best, value) = best.expect("depth 1 always completes");
        let pv = self.mid_pv(position, children[best].square, completed);
        result(children[best].square.into(), value, completed, false, pv)
    }

    /// One full-width iteration; None when interrupted. Returns (index into children, value).
    fn iterate<W: WeightTable + ?Sized>(
        &mut self,
        ctx: &mut Context<'_, W>,
        children: &[RootMove],
        order: &[usize],
        depth: u32,
    ) -> Option<(usize, f64)> {
        let mut best: Option<(usize, f64)> = None;
        for &i in order {
            let child = &children[i];
            let alpha = best.map_or(f64::NEG_INFINITY, |b| b.1);
            let value = if depth == 1 {
                // The child is a leaf whose value the ordering already computed, unless the game
                // is over there (a finished game is worth its final score at any depth).
                ctx.enter();
                let board = child.node.board;
                if board.legal_moves() == 0 && legal_moves(board.opponent, board.player) == 0 {
                    -f64::from(board.final_score())
                } else {
                    child.static_value
                }
            } else {
                -negamax(
                    ctx,
                    self.mid,
                    &child.node,
                    depth - 1,
                    f64::NEG_INFINITY,
                    -alpha,
                )
            };
            if ctx.aborted {
                return None;
            }
            // Strictly greater only: a later move that ties is not chosen.
            if best.is_none() || value > alpha {
                best = Some((i, value));
            }
        }
        best
    }

    /// The exact solve with the root order and selection rule; None when interrupted.
    fn exact<W: WeightTable + ?Sized>(
        &mut self,
        ctx: &mut Context<'_, W>,
        children: &[RootMove],
    ) -> Option<(usize, i32)> {
        let end_bytes = self.end_bytes;
        let tt = self.end.get_or_insert_with(|| Table::with_bytes(end_bytes));
        let mut solver = Solver { ctx, tt };
        let mut best: Option<(usize, i32)> = None;
        for (i, child) in children.iter().enumerate() {
            let board = child.node.board;
            let value = match best {
                None => -solver.solve(board, -64, 64),
                Some((_, alpha)) => {
                    let probe = -solver.solve(board, -alpha - 1, -alpha);
                    if probe > alpha {
                        -solver.solve(board, -64, -alpha)
                    } else {
                        probe
                    }
                }
            };
            if solver.ctx.aborted {
                return None;
            }
            if best.is_none_or(|(_, alpha)| value > alpha) {
                best = Some((i, value));
            }
        }
        best
    }

    fn mid_pv(&self, position: &Position, first: u8, depth: u32) -> Vec<u8> {
        let mut pv = vec![first];
        let mut pos = position.play(usize::from(first));
        while (pv.len() as u32) < depth {
            let board = pos.board();
            let key = super::tt::hash(board.player, board.opponent) ^ u64::from(pos.side().as_u8());
            let e = self.mid.slot(key);
            let hit = e.generation == self.mid.generation()
                && e.player == board.player
                && e.opponent == board.opponent
                && e.side == pos.side().as_u8();
            if !hit || !pos.is_legal(usize::from(e.best)) {
                break;
            }
            pv.push(e.best);
            pos = pos.play(usize::from(e.best));
        }
        pv
    }

    fn end_pv(&self, position: &Position, first: u8, empties: u32) -> Vec<u8> {
        let mut pv = vec![first];
        let Some(end) = self.end.as_ref() else {
            return pv;
        };
        let mut pos = position.play(usize::from(first));
        while (pv.len() as u32) < empties {
            let board = pos.board();
            let Some(e) = end.probe(board.player, board.opponent) else {
                break;
            };
            if !pos.is_legal(usize::from(e.best)) {
                break;
            }
            pv.push(e.best);
            pos = pos.play(usize::from(e.best));
        }
        pv
    }
}

/// The previous iteration's best first, then the static order.
fn root_order(len: usize, previous_best: Option<usize>) -> Vec<usize> {
    let mut order = Vec::with_capacity(len);
    order.extend(previous_best);
    order.extend((0..len).filter(|&i| Some(i) != previous_best));
    order
}

fn result(best_move: i32, score: f64, depth: u32, exact: bool, pv: Vec<u8>) -> SearchResult {
    SearchResult {
        best_move,
        score,
        depth,
        nodes: 0,
        time_ms: 0.0,
        exact,
        pv,
    }
}
