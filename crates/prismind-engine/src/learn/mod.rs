//! Learning (docs/engine-spec.md, "Self-play game" and "TD(λ) update"): self-play games, the
//! offline TD(λ) gradient with λ-return errors, and lazy Adam with running beta powers.

mod adam;
mod gradient;
mod params;
mod replay;
mod selfplay;
mod td;
#[cfg(test)]
mod tests;

pub use params::{SelfPlaySearch, TdParams};
pub use replay::{learn_from_game, LearnOutcome};
pub use selfplay::{self_play_game, GameRecord};

pub(crate) use adam::Moments;
pub(crate) use gradient::Gradient;
pub(crate) use params::check as check_range;
pub(crate) use selfplay::{play_game, Recorded};
pub(crate) use td::{position_values, td_update};
