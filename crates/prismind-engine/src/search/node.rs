//! A search node: the side-relative board, the colour to move (evaluation is in absolute colours)
//! and the feature indices, carried incrementally from parent to child.

use super::context::Context;
use crate::board::{Board, Color};
use crate::eval::{evaluate_features, stage_base, WeightTable};
use crate::features::Features;

#[derive(Clone, Copy)]
pub struct Node {
    pub board: Board,
    pub side: Color,
    pub features: Features,
}

impl Node {
    /// The child after a legal move at `square` flipping `flipped`.
    #[inline]
    pub fn child(&self, square: usize, flipped: u64) -> Node {
        Node {
            board: self.board.play_flips(square, flipped),
            side: self.side.opponent(),
            features: self.features.after_move(self.side, square, flipped),
        }
    }

    #[inline]
    pub fn pass(&self) -> Node {
        Node {
            board: self.board.pass(),
            side: self.side.opponent(),
            features: self.features,
        }
    }

    /// evaluate(position), black's view.
    #[inline]
    pub fn evaluate<W: WeightTable + ?Sized>(&self, ctx: &Context<'_, W>) -> f64 {
        let base = stage_base(self.board.disc_count(), ctx.stages);
        evaluate_features(ctx.weights, base, &self.features)
    }

    /// The leaf rule: sign · evaluate(position), the side to move's view.
    #[inline]
    pub fn leaf_value<W: WeightTable + ?Sized>(&self, ctx: &Context<'_, W>) -> f64 {
        self.side.sign() * self.evaluate(ctx)
    }

    /// A key component that tells the colours apart (the board alone does not).
    #[inline]
    pub fn side_bit(&self) -> u8 {
        self.side.as_u8()
    }
}
