//! A second, deliberately plain learner for probing algorithm changes before anyone ports them to
//! the engines (learner=probe). With its defaults it follows docs/engine-spec.md's self-play game
//! and TD(λ) update at depth 1 (ε-greedy on the child values, offline λ-returns with the weights
//! at the end of the game, lazy Adam); each key below changes one thing:
//!
//! target=disc|win|sign  the final disc difference; tanh(Σ weights) toward sign(z) (win/loss/draw);
//!                   or the plain sum toward sign(z) (the win target without the squashing)
//! cut=0|1           1: no update for a position whose move was random, and no λ-tail across it
//! offpolicy=x       a position whose move was random learns toward what an x-greedy player
//!                   expects there: (1 - x) · the greedy child's value + x · the children's mean
//!                   (x = 0: the greedy child, Watkins's Q(λ) backup); the λ-tail after the random
//!                   move is cut. Unset: on-policy, the engines' rule (every move's successor)
//! target_eps=x     off-policy TD(λ) by per-decision importance sampling: the values of an
//!                   x-greedy player learned from the ε-greedy games, E_k = ρ_k (δ_k + λ E_{k+1}) with
//!                   ρ_k = π_x(a_k) / π_ε(a_k), π_y(a) = y / n + (1 - y) [a is the greedy move]
//! clip=c           λ-return errors clipped to [-c, c] discs before the gradient (a Huber loss):
//!                   a game decided by a random blunder moves the weights no more than c
//! role_eps=x        role-asymmetric self-play: each game one side (drawn per game) explores at
//!                   eps and the other, its opponent, at x; only the positions where the opponent
//!                   is to move are learned (by TD(λ) over that subsequence, two plies a step), so
//!                   the values a 1-ply choice compares (its children, the opponent to move) assume
//!                   a careful self and an opponent of exploration x; role_share=p (1): the
//!                   share of games played so, the others plain self-play; role_self=y (eps):
//!                   the careful side's exploration in those games; role_tables=1: every
//!                   position is learned, those with the careful side to move in a second table
//!                   of their own (the noisy side's values), the League reading the first
//! eps_spread=s      each game draws its own ε uniformly from [eps - s, eps + s] (a generator of
//!                   its own): games from nearly greedy to very random, the same mean
//! snapshot_every=N, snapshot_share=p  opponent diversity: every N games the weights are copied
//!                   into a frozen snapshot; a share p of the games (drawn per game) then has one
//!                   side, drawn at random, choose its greedy moves with the snapshot instead of the
//!                   live weights (same ε). Every position is learned from, as in self-play.
//! mobility=0|1      1: a mobility term beside the patterns: per stage a weight per legal-move
//!                   count (0..=32, capped), the value adding w[black's count] - w[white's count]
//!                   (tied by colour like the patterns); learned by the same TD update and Adam
//! frontier=0|1      1: the same kind of term for the frontier instead: per stage a weight per
//!                   count of a side's discs next to an empty square (potential mobility, capped)
//! tempo=0|1         1: the same kind of term for having the move: per stage one weight for the side
//!                   to move (a child whose opponent must pass reads it for the player again)
//! corners=0|1       1: the same kind of term for the corners a side could take now (legal for it)
//! corners_mover=0|1 1: as corners, with separate weights for the side to move and the other
//! discs=0|1         1: the same kind of term for a side's disc count (capped)
//! wipeout=0|1       1: per stage a weight for "the side to move has a move that flips every disc
//!                   of the other side" (a one-move lookahead inside the value, as mobility is)
//!                   (one count term at a time: mobility, frontier, tempo, corners, corners_mover,
//!                   discs or wipeout)
//! grab=p            an exploring move is, with probability p, the move flipping the most discs
//! terminal=0|1      1: the finished board is learned from too, toward its own result
//! win_bonus=b       the disc target plus b discs toward the winner, z + b · sign(z): the values
//!                   weigh winning as well as the margin (the League counts wins)
//! distill=FILE      search-bootstrapped targets: the model starts from a saved table (the teacher,
//!                   save=) and every position learns toward the teacher's one-move backup (the
//!                   mover's best child, a finished game exact) instead of its λ-return, so a 1-ply
//!                   choice on it approaches the teacher's depth-2 choice (a count term starts at 0)
//! distill_children=1 with distill: every child of a position where a move is chosen learns too
//! distill_eps=x     with distill: the backup of an x-greedy mover, (1 - x) · best + x · mean child
//! net=H             a one-hidden-layer net of H ReLU units beside the patterns (net.rs), learned
//!                   by the same TD errors; net_lr (0.001) its Adam rate, or net_scale=x for x · lr
//! decay=x           decoupled weight decay (AdamW): a touched weight shrinks by lr · x per update
//! rank=FILE|self    comparison training toward a depth-2 choice: at every position with two or
//!                   more moves, the teacher (a saved table, or `self`: the live weights) picks the
//!                   child best after the opponent's best reply (a finished game exact); each other
//!                   child the teacher finds worse by at least rank_gap discs (1) but the student's
//!                   1-ply values do not rank below it by rank_margin discs (2) pulls the two apart
//!                   by a hinge loss of weight rank_weight (1), beside the TD(λ) update: the 1-ply
//!                   choice is taught the search's choice rather than its values
//! init=FILE         (main.rs) start from a saved table instead of zeros
//! opt=lazy|count|sgd lazy Adam (bias correction by the global step, as the engines), Adam with a
//!                   per-weight step count, or plain SGD scaled by lr / 46
//!
//! The probe reads and updates weights through the engine's canonical references (tied mirror
//! images and colour inverses, a sign per configuration), so the League scores the model it learned.
//! Round 1's `sym` key and round 3's `colour` key (untied variants) went when the pattern sets
//! `prismind-v2` and `prismind-v3` made the ties part of the model.

use crate::league;
use crate::net::{Active, Net};
use prismind_engine::{
    canonical_offsets, flips, legal_moves, reference_sign, referenced_offset, squares, stage_of,
    Color, Features, Model, Position, Rng, FEATURES, FEATURE_COUNT, SHAPE_OFFSETS,
    WEIGHTS_PER_STAGE,
};

#[derive(Clone, Copy, PartialEq)]
pub enum Target {
    Disc,
    Win,
    Sign,
}

#[derive(Clone, Copy, PartialEq)]
pub enum Optimizer {
    LazyAdam,
    CountAdam,
    Sgd,
}

pub struct Probe {
    pub model: Model,
    adam_m: Vec<f32>,
    adam_v: Vec<f32>,
    counts: Vec<u32>,
    step: i32,
    target: Target,
    cut: bool,
    optimizer: Optimizer,
    /// offpolicy=x: the target policy's exploration rate; None for on-policy learning.
    pub off_policy: Option<f64>,
    /// target_eps=x: the target policy's ε for importance-sampled off-policy learning.
    pub target_eps: Option<f64>,
    /// clip=c: the bound on |E_k| (infinite when unset).
    pub clip: f64,
    /// grab=p: an exploring move is, with probability p, the move that flips the most discs
    /// (lowest square on ties) instead of a uniform one: self-play that also meets disc grabbing.
    pub grab: f64,
    /// terminal=1: the finished board is a training position too, toward its own result, so a
    /// wiped-out board (never a position where a move is chosen) gets a learned value.
    pub terminal: bool,
    /// win_bonus=b: the disc target gains b discs toward the winner (z + b·sign z), so the values
    /// weigh winning as well as the margin.
    pub win_bonus: f64,
    /// eps_spread=s: the half-width of the per-game ε draw.
    pub eps_spread: f64,
    /// role_eps=x: the opponent's exploration in role-asymmetric self-play (see the header).
    pub role_eps: Option<f64>,
    /// role_share=p: the share of games played with roles (the others are plain self-play).
    pub role_share: f64,
    /// role_self=x: the careful side's exploration in those games (default: eps).
    pub role_self_eps: Option<f64>,
    /// role_tables=1: positions with the careful side to move read a second table (after the
    /// count term's weights in `mobility`), so each role's values are its own.
    role_tables: bool,
    /// The careful side of the game being played (None outside role games and between games).
    careful: Option<Color>,
    /// Weights of the count term at the start of `mobility` (0: off).
    count_len: usize,
    pub opponents: Option<Opponents>,
    /// The mobility weights (mobility=1), stages × (MOBILITY_CAP + 1); empty when off. They follow
    /// the model's weights in the probe's offset space.
    mobility: Vec<f32>,
    /// What the count term counts (mobility=1 or frontier=1).
    pub count_kind: CountKind,
    /// distill=FILE: a fixed teacher whose one-move backup every position learns toward (see
    /// `teacher_backup`), instead of the λ-return.
    pub teacher: Option<Model>,
    /// distill_children=1: every child of a position where a move is chosen learns too (the
    /// positions the 1-ply choice compares), not only the positions played.
    pub distill_children: bool,
    /// distill_eps=x: the mover's exploration in the teacher's backup (0: its best child).
    pub distill_eps: f64,
    /// net=H: a small non-linear value added to the patterns' (see net.rs), learned by the same
    /// TD errors with its own Adam at `net_lr`.
    pub net: Option<Net>,
    pub net_lr: f64,
    /// net_scale=x: the net's rate follows the patterns' schedule, x · lr, instead of net_lr.
    pub net_scale: Option<f64>,
    /// decay=x: each touched weight shrinks by lr · x after its Adam step (0: none).
    pub decay: f64,
    /// rank=: comparison training toward a depth-2 choice (see `Ranking`).
    pub ranking: Option<Ranking>,
    /// heuristic_share=p: a diagnostic outside the rules (self-play only): in a share p of
    /// the games one side, drawn per game, is the League's own opponent (the 1-ply standard WPC,
    /// exploring at `heuristic_eps`), so a run can show how far fitting to the yardstick's opponent
    /// would go. Never a product setting.
    pub heuristic_share: f64,
    pub heuristic_eps: f64,
}

/// rank=FILE|self: who picks the depth-2 move, and the hinge loss that teaches it to the 1-ply
/// choice.
pub struct Ranking {
    /// The teacher's table; None: the live weights (the model's own depth-2 choice).
    pub teacher: Option<Model>,
    /// rank_weight: the hinge loss's scale against the TD errors (in discs).
    pub weight: f64,
    /// rank_margin: how far (discs) the student must rank the teacher's move above another.
    pub margin: f64,
    /// rank_gap: only moves the teacher finds worse by at least this many discs are pushed down.
    pub gap: f64,
    /// The hinge terms of the game so far, applied with its TD update.
    terms: Vec<(u32, f64)>,
    /// Positions ranked and pairs that violated the margin (a diagnostic for the header line).
    pub positions: u64,
    pub violations: u64,
}

impl Ranking {
    pub fn new(teacher: Option<Model>, weight: f64, margin: f64, gap: f64) -> Ranking {
        Ranking {
            teacher,
            weight,
            margin,
            gap,
            terms: Vec::new(),
            positions: 0,
            violations: 0,
        }
    }
}

/// Black's value of `child` under `teacher` after the opponent's best reply (depth 2 from the
/// parent); a finished game is worth its final score; a child whose opponent must pass reads static.
fn depth_two_value(teacher: &Model, child: &Position, mover_sign: f64) -> f64 {
    if child.is_game_over() {
        return f64::from(child.final_score_black());
    }
    let replies = child.legal_moves();
    if replies == 0 {
        return teacher.evaluate(child);
    }
    squares(replies)
        .map(|square| {
            let reply = child.play(usize::from(square));
            if reply.is_game_over() {
                f64::from(reply.final_score_black())
            } else {
                teacher.evaluate(&reply)
            }
        })
        .min_by(|a, b| (mover_sign * a).total_cmp(&(mover_sign * b)))
        .expect("at least one reply")
}

/// The global count beside the patterns: legal moves, or frontier discs.
#[derive(Clone, Copy, PartialEq)]
pub enum CountKind {
    Mobility,
    Frontier,
    /// 1 for the side to move, 0 for the other: one weight per stage for having the move (tempo),
    /// which the colour-tied patterns cannot hold; at 1 ply it tells a child whose opponent must pass.
    Tempo,
    /// The corners a side could take now (legal for it, whoever is to move).
    Corners,
    /// As Corners, with separate weights for the side to move (slots 0-4) and the other (5-9).
    CornersMover,
    /// 1 when the other side is to move and has a move that flips every disc of this side (a
    /// wipeout threat): a one-move lookahead inside the value, as mobility is, measured to size
    /// the wipeouts' share of the 1-ply losses.
    WipeoutThreat,
    /// A side's disc count: a table per count can say that a side with a disc or two left may be
    /// wiped out (a sum over squares, which the patterns are, cannot).
    Discs,
}

const CORNERS: u64 = 0x8100_0000_0000_0081;

const NOT_FILE_A: u64 = 0xfefe_fefe_fefe_fefe;
const NOT_FILE_H: u64 = 0x7f7f_7f7f_7f7f_7f7f;

/// The squares next to any of `bits` (a1 = bit 0, b1 = bit 1, a2 = bit 8).
fn neighbours(bits: u64) -> u64 {
    ((bits << 1 | bits << 9 | bits >> 7) & NOT_FILE_A)
        | ((bits >> 1 | bits >> 9 | bits << 7) & NOT_FILE_H)
        | bits << 8
        | bits >> 8
}

/// Black's value of `position` one move deeper under `teacher`, as an x-greedy mover expects it:
/// (1 - x) · the mover's best child + x · the mean child, a finished game worth its final score (a
/// position whose mover must pass reads as the other side's). Learning toward it with x = 0 makes a
/// 1-ply choice on the student approach the teacher's depth-2 choice.
fn teacher_backup(teacher: &Model, position: &Position, x: f64) -> f64 {
    let position = if position.legal_moves() == 0 {
        position.pass()
    } else {
        *position
    };
    let sign = position.side().sign();
    let (mut best, mut total, mut count) = (f64::NEG_INFINITY, 0.0, 0.0);
    for square in squares(position.legal_moves()) {
        let child = position.play(usize::from(square));
        let value = if child.is_game_over() {
            f64::from(child.final_score_black())
        } else {
            teacher.evaluate(&child)
        };
        best = best.max(sign * value);
        total += value;
        count += 1.0;
    }
    (1.0 - x) * sign * best + x * total / count
}

/// The legal move that flips the most discs (the lowest square on ties).
fn most_flips(position: &Position, moves: u64) -> u8 {
    let (own, other) = match position.side() {
        Color::Black => (position.black(), position.white()),
        Color::White => (position.white(), position.black()),
    };
    let mut best = (0, 0u8);
    for square in squares(moves) {
        let count = flips(usize::from(square), own, other).count_ones();
        if count > best.0 {
            best = (count, square);
        }
    }
    best.1
}

/// Legal-move counts above this share the last mobility weight.
const MOBILITY_CAP: u32 = 32;

/// Games against a frozen earlier copy of the weights (snapshot_every, snapshot_share).
pub struct Opponents {
    pub every: u64,
    pub share: f64,
    frozen: Option<Vec<f32>>,
}

impl Opponents {
    pub fn new(every: u64, share: f64) -> Opponents {
        Opponents {
            every,
            share,
            frozen: None,
        }
    }
}

/// With probability `share`, a side drawn at random (one game's special role: the frozen snapshot,
/// the careful side, the heuristic); two draws from the game's own generator, so the game's moves
/// draw the same numbers as without it.
fn drawn_side(draw: &mut Rng, share: f64) -> Option<Color> {
    if draw.next_float() >= share {
        return None;
    }
    Some(if draw.next_float() < 0.5 {
        Color::Black
    } else {
        Color::White
    })
}

/// Each feature's weight offset and the sign it reads it with (1, -1 or 0); then the two mobility
/// weights (black's count read as it is, white's negated; sign 0 when the term is off).
type Offsets = [(u32, f64); FEATURE_COUNT + 2];

/// A recorded position and what its update needs beside its value.
struct Step {
    reads: Offsets,
    /// Its move was random.
    explored: bool,
    /// offpolicy: the backup value it learns toward instead of its λ-return.
    backup: Option<f64>,
    /// target_eps: the importance ratio of its move (1 otherwise).
    ratio: f64,
    /// net=H: the net's active inputs and the mover's sign (black's value = sign · the net's).
    net_in: Option<(Active, f64)>,
}

const BETA1: f64 = 0.9;
const BETA2: f64 = 0.999;

impl Probe {
    pub fn new(
        model: Model,
        target: Target,
        cut: bool,
        optimizer: Optimizer,
        mobility: bool,
    ) -> Probe {
        let mobility_len = if mobility {
            model.stages() as usize * (MOBILITY_CAP as usize + 1)
        } else {
            0
        };
        let len = model.weights().len() + mobility_len;
        Probe {
            model,
            adam_m: vec![0.0; len],
            adam_v: vec![0.0; len],
            counts: vec![0; len],
            step: 0,
            target,
            cut,
            optimizer,
            off_policy: None,
            target_eps: None,
            clip: f64::INFINITY,
            win_bonus: 0.0,
            terminal: false,
            grab: 0.0,
            eps_spread: 0.0,
            role_eps: None,
            role_share: 1.0,
            role_self_eps: None,
            role_tables: false,
            careful: None,
            count_len: mobility_len,
            opponents: None,
            mobility: vec![0.0; mobility_len],
            count_kind: CountKind::Mobility,
            teacher: None,
            distill_children: false,
            distill_eps: 0.0,
            net: None,
            net_lr: 0.0,
            net_scale: None,
            decay: 0.0,
            ranking: None,
            heuristic_share: 0.0,
            heuristic_eps: 0.1,
        }
    }

    /// role_tables=1: a second pattern table, read by the positions where the careful side of a
    /// role game is to move (the noisy side's children), so the two roles' values stay apart.
    pub fn enable_role_tables(&mut self) {
        let extra = self.model.weights().len();
        self.mobility.resize(self.count_len + extra, 0.0);
        let len = self.adam_m.len() + extra;
        self.adam_m.resize(len, 0.0);
        self.adam_v.resize(len, 0.0);
        self.counts.resize(len, 0);
        self.role_tables = true;
    }

    fn offsets(&self, position: &Position, features: &Features) -> Offsets {
        let stage = stage_of(position.disc_count(), self.model.stages());
        let second = self.role_tables && self.careful == Some(position.side());
        let table = if second {
            self.model.weights().len() + self.count_len
        } else {
            0
        };
        let base = table + stage as usize * WEIGHTS_PER_STAGE;
        let canon = canonical_offsets();
        std::array::from_fn(|f| {
            if f >= FEATURE_COUNT {
                return self.mobility_read(position, stage, f == FEATURE_COUNT);
            }
            let shape = usize::from(FEATURES[f].shape);
            let reference = canon[SHAPE_OFFSETS[shape] + usize::from(features.indices[f])];
            let offset = base + referenced_offset(reference);
            (offset as u32, reference_sign(reference))
        })
    }

    /// The mobility weight of black's (or white's) legal-move count, with its sign.
    fn mobility_read(&self, position: &Position, stage: u32, black: bool) -> (u32, f64) {
        if self.count_len == 0 {
            return (0, 0.0);
        }
        let (own, other) = if black {
            (position.black(), position.white())
        } else {
            (position.white(), position.black())
        };
        let corners = || (legal_moves(own, other) & CORNERS).count_ones();
        let count = match self.count_kind {
            CountKind::Mobility => legal_moves(own, other).count_ones(),
            CountKind::Frontier => (own & neighbours(!(own | other))).count_ones(),
            CountKind::Discs => own.count_ones(),
            CountKind::WipeoutThreat => {
                let waiting = (position.side() == Color::Black) != black;
                let threat = waiting
                    && squares(legal_moves(other, own))
                        .any(|square| flips(usize::from(square), other, own) == own);
                u32::from(threat)
            }
            CountKind::Tempo => u32::from((position.side() == Color::Black) == black),
            CountKind::Corners => corners(),
            CountKind::CornersMover => {
                let waiting = (position.side() == Color::Black) != black;
                corners() + if waiting { 5 } else { 0 }
            }
        }
        .min(MOBILITY_CAP);
        let offset = self.model.weights().len() as u32 + stage * (MOBILITY_CAP + 1) + count;
        (offset, if black { 1.0 } else { -1.0 })
    }

    fn sum(&self, offsets: &Offsets) -> f64 {
        sum_with(self.model.weights(), &self.mobility, offsets)
    }

    /// The value of a position in discs (the League's evaluation of the probe's model).
    pub fn evaluate(&self, position: &Position) -> f64 {
        self.sum(&self.offsets(position, &Features::of(position))) + self.net_value(position)
    }

    /// net=H: the net's inputs at `position` with the mover's sign; None without a net.
    fn net_read(&self, position: &Position) -> Option<(Active, f64)> {
        self.net
            .as_ref()
            .map(|_| (Net::active(position), position.side().sign()))
    }

    /// Black's value from the net for these inputs (0 without a net).
    fn net_term(&self, read: &Option<(Active, f64)>) -> f64 {
        match (&self.net, read) {
            (Some(net), Some((active, sign))) => sign * net.mover_value(active),
            _ => 0.0,
        }
    }

    /// Black's value of `position` from the net (0 without a net).
    fn net_value(&self, position: &Position) -> f64 {
        self.net_term(&self.net_read(position))
    }
}

/// Σ sign · weight over a position's reads: pattern offsets index `patterns`, the ones after them
/// `mobility`.
fn sum_with(patterns: &[f32], mobility: &[f32], offsets: &Offsets) -> f64 {
    let read = |o: u32| {
        let o = o as usize;
        if o < patterns.len() {
            patterns[o]
        } else {
            mobility[o - patterns.len()]
        }
    };
    offsets
        .iter()
        .map(|&(o, sign)| sign * f64::from(read(o)))
        .sum()
}

impl Probe {
    /// The value in target units: discs, or tanh for the win target.
    fn squash(&self, sum: f64) -> f64 {
        match self.target {
            Target::Disc | Target::Sign => sum,
            Target::Win => sum.tanh(),
        }
    }

    fn outcome(&self, final_score_black: i32) -> f64 {
        match self.target {
            Target::Disc => {
                f64::from(final_score_black)
                    + self.win_bonus * f64::from(final_score_black.signum())
            }
            Target::Win | Target::Sign => f64::from(final_score_black.signum()),
        }
    }

    /// Black's value of a child in target units under `weights`; a finished game is its outcome.
    fn child_value(&self, weights: &[f32], child: &Position, features: &Features) -> f64 {
        if child.is_game_over() {
            self.outcome(child.final_score_black())
        } else {
            self.squash(
                sum_with(weights, &self.mobility, &self.offsets(child, features))
                    + self.net_value(child),
            )
        }
    }

    /// The side played by the frozen snapshot in this game, if any (its own generator, so the
    /// game's moves draw the same numbers as without opponents).
    fn snapshot_side(&mut self, seed: u32, game: u64) -> Option<Color> {
        let weights = self.model.weights();
        let opponents = self.opponents.as_mut()?;
        if game > 0 && game % opponents.every == 0 {
            opponents.frozen = Some(weights.to_vec());
        }
        opponents.frozen.as_ref()?;
        drawn_side(
            &mut Rng::for_game(seed ^ 0x5eed_0ff5, game),
            opponents.share,
        )
    }

    /// The side the standard heuristic plays in this game (heuristic_share), if any.
    fn heuristic_side(&self, seed: u32, game: u64) -> Option<Color> {
        drawn_side(
            &mut Rng::for_game(seed ^ 0x0057_a9d0, game),
            self.heuristic_share,
        )
    }

    /// Each legal move with black's value of its child under `weights` (target units).
    fn child_values<'a>(
        &'a self,
        weights: &'a [f32],
        position: &'a Position,
        features: &'a Features,
        moves: u64,
    ) -> impl Iterator<Item = (u8, f64)> + 'a {
        squares(moves).map(move |square| {
            let square_index = usize::from(square);
            let flipped = position.board().flips(square_index);
            let after = features.after_move(position.side(), square_index, flipped);
            let child = position.play(square_index);
            (square, self.child_value(weights, &child, &after))
        })
    }

    /// The 1-ply move under `weights`: the child best for the mover, ties to the first square.
    fn greedy_move(
        &self,
        weights: &[f32],
        position: &Position,
        features: &Features,
        moves: u64,
    ) -> u8 {
        let sign = position.side().sign();
        let mut best = (f64::NEG_INFINITY, 0);
        for (square, value) in self.child_values(weights, position, features, moves) {
            if sign * value > best.0 {
                best = (sign * value, square);
            }
        }
        best.1
    }

    /// Black's expected value after the move of an x-greedy player at `position`: (1 - x) · the
    /// mover's best child + x · the mean child, in target units.
    fn expected_child(&self, position: &Position, features: &Features, moves: u64, x: f64) -> f64 {
        let sign = position.side().sign();
        let (mut best, mut total, mut count) = (f64::NEG_INFINITY, 0.0, 0.0);
        for (_, value) in self.child_values(self.model.weights(), position, features, moves) {
            best = best.max(sign * value);
            total += value;
            count += 1.0;
        }
        (1.0 - x) * sign * best + x * total / count
    }

    pub fn game(&mut self, seed: u32, game: u64, epsilon: f64, lambda: f64, lr: f64) {
        let snapshot_side = self.snapshot_side(seed, game);
        let epsilon = if self.eps_spread > 0.0 {
            let u = Rng::for_game(seed ^ 0x0e95_1100, game).next_float();
            (epsilon + self.eps_spread * (2.0 * u - 1.0)).clamp(0.0, 1.0)
        } else {
            epsilon
        };
        let mut roles = Rng::for_game(seed ^ 0x00c0_1055, game);
        let careful_side = self
            .role_eps
            .and_then(|_| drawn_side(&mut roles, self.role_share));
        self.careful = careful_side.filter(|_| self.role_tables);
        let heuristic_side = self.heuristic_side(seed, game);
        let mut rng = Rng::for_game(seed, game);
        let mut position = Position::initial();
        let mut recorded: Vec<Step> = Vec::with_capacity(60);
        while !position.is_game_over() {
            let moves = position.legal_moves();
            if moves == 0 {
                position = position.pass();
                continue;
            }
            // role_eps: the opponent explores at its own rate, and only its positions are learned.
            let opponent_moves = careful_side.is_some_and(|side| side != position.side());
            let heuristic_moves = heuristic_side == Some(position.side());
            let mover_epsilon = match (careful_side, self.role_eps) {
                _ if heuristic_moves => self.heuristic_eps,
                (Some(_), Some(x)) if opponent_moves => x,
                (Some(_), _) => self.role_self_eps.unwrap_or(epsilon),
                _ => epsilon,
            };
            let learned = careful_side.is_none() || opponent_moves || self.role_tables;
            let explore = rng.next_float() < mover_epsilon;
            let features = Features::of(&position);
            let backup = match (explore, self.off_policy, &self.teacher) {
                (_, _, Some(teacher)) => Some(teacher_backup(teacher, &position, self.distill_eps)),
                (true, Some(x), _) => Some(self.expected_child(&position, &features, moves, x)),
                _ => None,
            };
            if self.distill_children {
                self.record_children(&position, moves, &mut recorded);
            }
            if self.ranking.is_some() && moves.count_ones() >= 2 {
                self.rank_children(&position, &features, moves);
            }
            let reads = self.offsets(&position, &features);
            let square = if explore {
                let pick = rng.next_int(moves.count_ones()) as usize;
                let uniform = squares(moves).nth(pick).expect("pick < count");
                if self.grab > 0.0 && rng.next_float() < self.grab {
                    most_flips(&position, moves)
                } else {
                    uniform
                }
            } else if heuristic_moves {
                league::wpc_move(&position, false) as u8
            } else {
                let weights = match (&self.opponents, snapshot_side) {
                    (
                        Some(Opponents {
                            frozen: Some(frozen),
                            ..
                        }),
                        Some(side),
                    ) if side == position.side() => frozen.as_slice(),
                    _ => self.model.weights(),
                };
                self.greedy_move(weights, &position, &features, moves)
            };
            let ratio = match self.target_eps {
                Some(x) => {
                    let greedy = if explore {
                        self.greedy_move(self.model.weights(), &position, &features, moves)
                            == square
                    } else {
                        true
                    };
                    let n = f64::from(moves.count_ones());
                    let chance = |y: f64| y / n + if greedy { 1.0 - y } else { 0.0 };
                    chance(x) / chance(epsilon)
                }
                None => 1.0,
            };
            if learned {
                recorded.push(Step {
                    reads,
                    explored: explore,
                    backup,
                    ratio,
                    net_in: self.net_read(&position),
                });
            }
            position = position.play(usize::from(square));
        }
        let z = self.outcome(position.final_score_black());
        if self.terminal {
            // The finished board learns its own result, outside the λ-chain (see `learn`).
            recorded.push(Step {
                reads: self.offsets(&position, &Features::of(&position)),
                explored: false,
                backup: Some(z),
                ratio: 1.0,
                net_in: self.net_read(&position),
            });
        }
        self.learn(&recorded, z, lambda, lr);
        self.careful = None;
    }

    /// rank=: the hinge terms that push the student's 1-ply values of `position`'s children toward
    /// the teacher's depth-2 choice (see `Ranking`).
    fn rank_children(&mut self, position: &Position, features: &Features, moves: u64) {
        let Some(ranking) = self.ranking.as_ref() else {
            return;
        };
        let sign = position.side().sign();
        let teacher = ranking.teacher.as_ref().unwrap_or(&self.model);
        // (reads of the child, or None when finished; student value; teacher value), mover's view.
        let children: Vec<(Option<Offsets>, f64, f64)> = squares(moves)
            .map(|square| {
                let child = position.play(usize::from(square));
                let after = features.after_move(
                    position.side(),
                    usize::from(square),
                    position.board().flips(usize::from(square)),
                );
                let student = sign * self.child_value(self.model.weights(), &child, &after);
                let searched = sign * depth_two_value(teacher, &child, sign);
                let reads = (!child.is_game_over()).then(|| self.offsets(&child, &after));
                (reads, student, searched)
            })
            .collect();
        let best = (0..children.len())
            .max_by(|&a, &b| children[a].2.total_cmp(&children[b].2))
            .expect("two or more moves");
        let (margin, gap, weight) = (ranking.margin, ranking.gap, ranking.weight);
        let mut terms = Vec::new();
        let mut violations = 0;
        for (i, (reads, student, searched)) in children.iter().enumerate() {
            let worse = *searched <= children[best].2 - gap;
            if i == best || !worse || *student + margin <= children[best].1 {
                continue;
            }
            violations += 1;
            // d/dw of weight · (margin + s·V(other) − s·V(best)): up for the other's reads,
            // down for the best's (a finished child has no weights to move).
            let mut push = |reads: &Option<Offsets>, direction: f64| {
                if let Some(reads) = reads {
                    terms.extend(
                        reads
                            .iter()
                            .map(|&(o, r)| (o, direction * weight * sign * r)),
                    );
                }
            };
            push(reads, 1.0);
            push(&children[best].0, -1.0);
        }
        let ranking = self.ranking.as_mut().expect("checked above");
        ranking.positions += 1;
        ranking.violations += violations;
        ranking.terms.extend(terms);
    }

    /// distill_children: each unfinished child of `position` with its teacher backup as a step.
    fn record_children(&self, position: &Position, moves: u64, recorded: &mut Vec<Step>) {
        let Some(teacher) = &self.teacher else { return };
        for square in squares(moves) {
            let child = position.play(usize::from(square));
            if child.is_game_over() {
                continue;
            }
            recorded.push(Step {
                reads: self.offsets(&child, &Features::of(&child)),
                explored: false,
                backup: Some(teacher_backup(teacher, &child, self.distill_eps)),
                ratio: 1.0,
                net_in: self.net_read(&child),
            });
        }
    }

    fn learn(&mut self, recorded: &[Step], z: f64, lambda: f64, lr: f64) {
        let sums: Vec<f64> = recorded
            .iter()
            .map(|step| self.sum(&step.reads) + self.net_term(&step.net_in))
            .collect();
        let values: Vec<f64> = sums.iter().map(|&s| self.squash(s)).collect();
        let t = values.len();
        let mut errors = vec![0.0; t];
        let mut next: Option<(f64, f64)> = None; // (V_{k+1}, E_{k+1}), None after the last
        for k in (0..t).rev() {
            let error = match (recorded[k].backup, next) {
                (Some(backup), _) => backup - values[k],
                (None, None) => z - values[k],
                (None, Some((v, e))) => v - values[k] + lambda * e,
            };
            let explored = self.cut && recorded[k].explored;
            let error = (recorded[k].ratio * error).clamp(-self.clip, self.clip);
            errors[k] = if explored { 0.0 } else { error };
            // A random move breaks the chain: the position before it learns a one-step target.
            next = Some((values[k], if explored { 0.0 } else { error }));
            if self.terminal && k == t - 1 {
                next = None; // the last position before the end still learns toward z itself
            }
        }
        let mut terms: Vec<(u32, f64)> = Vec::with_capacity(t * FEATURE_COUNT);
        for (k, step) in recorded.iter().enumerate() {
            let slope = match self.target {
                Target::Disc | Target::Sign => 1.0,
                Target::Win => 1.0 - values[k] * values[k],
            };
            let g = -errors[k] * slope;
            if g != 0.0 {
                terms.extend(step.reads.iter().map(|&(o, sign)| (o, g * sign)));
                if let (Some(net), Some((active, sign))) = (self.net.as_mut(), &step.net_in) {
                    net.accumulate(active, g * sign);
                }
            }
        }
        if let Some(net) = self.net.as_mut() {
            net.apply(self.net_scale.map_or(self.net_lr, |scale| scale * lr));
        }
        if let Some(ranking) = self.ranking.as_mut() {
            terms.append(&mut ranking.terms);
        }
        terms.sort_unstable_by_key(|&(o, _)| o);
        self.step += 1;
        let mut i = 0;
        while i < terms.len() {
            let offset = terms[i].0;
            let mut g = 0.0;
            while i < terms.len() && terms[i].0 == offset {
                g += terms[i].1;
                i += 1;
            }
            self.apply(offset as usize, g, lr);
        }
    }

    fn apply(&mut self, i: usize, g: f64, lr: f64) {
        let patterns = self.model.weights().len();
        let w = if i < patterns {
            &mut self.model.weights_mut()[i]
        } else {
            &mut self.mobility[i - patterns]
        };
        if self.optimizer == Optimizer::Sgd {
            *w = (f64::from(*w) - lr / FEATURE_COUNT as f64 * g) as f32;
            return;
        }
        let m = BETA1 * f64::from(self.adam_m[i]) + (1.0 - BETA1) * g;
        let v = BETA2 * f64::from(self.adam_v[i]) + (1.0 - BETA2) * g * g;
        self.adam_m[i] = m as f32;
        self.adam_v[i] = v as f32;
        let steps = match self.optimizer {
            Optimizer::CountAdam => {
                self.counts[i] += 1;
                self.counts[i] as i32
            }
            _ => self.step,
        };
        let m_hat = m / (1.0 - BETA1.powi(steps));
        let v_hat = v / (1.0 - BETA2.powi(steps));
        // decay=x: decoupled weight decay (AdamW) on the weights an update touches.
        let shrink = 1.0 - lr * self.decay;
        *w = ((f64::from(*w) - lr * m_hat / (v_hat.sqrt() + 1e-8)) * shrink) as f32;
    }
}
