//! The model: weights and Adam's moments in the flat layout of docs/engine-spec.md, plus counters.
//! Arrays are plain `Vec<f32>` so a binding can hand them to JavaScript as typed arrays without
//! per-element copies (`weights()`, `weights_mut()`, ...).

use super::state::{check_state, ModelState, ModelStateRef};
use crate::board::Position;
use crate::error::{err, EngineResult, ErrorCode};
use crate::patterns::{canonical_offsets, SHAPES, SHAPE_COUNT, SHAPE_OFFSETS, WEIGHTS_PER_STAGE};

/// The original design's stage count.
pub const DEFAULT_STAGES: u32 = 30;
/// The stage formula's denominator: more stages than this would leave stages unused.
pub const MAX_STAGES: u32 = 61;

/// Adam's counters and the game counter (docs/engine-spec.md, "Model state").
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ModelCounters {
    /// Adam steps taken (one per game learned from).
    pub step: u64,
    /// β1^step and β2^step as running f64 products.
    pub beta1_power: f64,
    pub beta2_power: f64,
    /// Game numbers used up; the number of the next self-play game (seeding).
    pub games: u64,
}

impl Default for ModelCounters {
    fn default() -> Self {
        ModelCounters {
            step: 0,
            beta1_power: 1.0,
            beta2_power: 1.0,
            games: 0,
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct Model {
    stages: u32,
    weights: Vec<f32>,
    adam_m: Vec<f32>,
    adam_v: Vec<f32>,
    counters: ModelCounters,
}

impl Default for Model {
    fn default() -> Self {
        Model::fresh(DEFAULT_STAGES)
    }
}

impl Model {
    /// A fresh model: all zeros, counters at their start values.
    pub fn new(stages: u32) -> EngineResult<Model> {
        check_stages(stages)?;
        Ok(Model::fresh(stages))
    }

    fn fresh(stages: u32) -> Model {
        let len = stages as usize * WEIGHTS_PER_STAGE;
        Model {
            stages,
            weights: vec![0.0; len],
            adam_m: vec![0.0; len],
            adam_v: vec![0.0; len],
            counters: ModelCounters::default(),
        }
    }

    /// A model that takes ownership of a validated state (no copy).
    pub fn from_state(state: ModelState) -> EngineResult<Model> {
        check_state(&state.as_ref())?;
        Ok(Model {
            stages: state.stages,
            weights: state.weights,
            adam_m: state.adam_m,
            adam_v: state.adam_v,
            counters: state.counters,
        })
    }

    /// Replace the whole model from borrowed arrays; on error nothing changes.
    pub fn load_state(&mut self, state: ModelStateRef<'_>) -> EngineResult<()> {
        check_state(&state)?;
        let len = state.weights.len();
        if self.weights.len() != len {
            self.weights.resize(len, 0.0);
            self.adam_m.resize(len, 0.0);
            self.adam_v.resize(len, 0.0);
        }
        self.stages = state.stages;
        self.weights.copy_from_slice(state.weights);
        self.adam_m.copy_from_slice(state.adam_m);
        self.adam_v.copy_from_slice(state.adam_v);
        self.counters = state.counters;
        Ok(())
    }

    /// A copy of the whole state.
    pub fn to_state(&self) -> ModelState {
        self.clone().into_state()
    }

    pub fn into_state(self) -> ModelState {
        ModelState {
            pattern_set: crate::patterns::PATTERN_SET.to_string(),
            stages: self.stages,
            weights: self.weights,
            adam_m: self.adam_m,
            adam_v: self.adam_v,
            counters: self.counters,
        }
    }

    pub fn stages(&self) -> u32 {
        self.stages
    }

    pub fn weights(&self) -> &[f32] {
        &self.weights
    }

    pub fn weights_mut(&mut self) -> &mut [f32] {
        &mut self.weights
    }

    pub fn adam_m(&self) -> &[f32] {
        &self.adam_m
    }

    pub fn adam_m_mut(&mut self) -> &mut [f32] {
        &mut self.adam_m
    }

    pub fn adam_v(&self) -> &[f32] {
        &self.adam_v
    }

    pub fn adam_v_mut(&mut self) -> &mut [f32] {
        &mut self.adam_v
    }

    /// Every part at once, mutably: the learner borrows them separately.
    pub(crate) fn parts_mut(&mut self) -> (&mut [f32], &mut [f32], &mut [f32], &mut ModelCounters) {
        (
            &mut self.weights,
            &mut self.adam_m,
            &mut self.adam_v,
            &mut self.counters,
        )
    }

    pub fn counters(&self) -> ModelCounters {
        self.counters
    }

    /// Replace the counters after checking them like a loaded state's.
    pub fn set_counters(&mut self, counters: ModelCounters) -> EngineResult<()> {
        super::state::check_counters(&counters)?;
        self.counters = counters;
        Ok(())
    }

    /// Bytes held by the three arrays.
    pub fn memory_bytes(&self) -> usize {
        3 * self.weights.len() * std::mem::size_of::<f32>()
    }

    /// The static value of `position` (black's view, discs).
    pub fn evaluate(&self, position: &Position) -> f64 {
        super::evaluate(self, position)
    }

    /// One weight, addressed as the contract's `getWeight(shape, stage, index)`: the value the
    /// configuration contributes to the evaluation, its canonical weight as it reads it (itself,
    /// negated for a colour inverse, or 0).
    pub fn get_weight(&self, shape: u32, stage: u32, index: u32) -> EngineResult<f32> {
        let reference = self.reference(shape, stage, index)?;
        Ok((super::read_reference(self.weights.as_slice(), reference)) as f32)
    }

    /// The flat offset of the weight that `(shape, stage, index)` reads, checked.
    pub fn offset(&self, shape: u32, stage: u32, index: u32) -> EngineResult<usize> {
        Ok(super::referenced_offset(
            self.reference(shape, stage, index)?,
        ))
    }

    /// `stage · 167265 + shapeOffset[shape] + canon(shape, index)` with its sign flags, checked.
    pub(crate) fn reference(&self, shape: u32, stage: u32, index: u32) -> EngineResult<u32> {
        let Some(info) = SHAPES.get(shape as usize) else {
            return err(
                ErrorCode::InvalidPattern,
                format!(
                    "shape {shape} does not exist; expected 0..{}",
                    SHAPE_COUNT - 1
                ),
            );
        };
        if stage >= self.stages {
            return err(
                ErrorCode::InvalidPattern,
                format!(
                    "stage {stage} does not exist; expected 0..{} (the model has {} stages)",
                    self.stages - 1,
                    self.stages
                ),
            );
        }
        if index as usize >= info.weights() {
            return err(
                ErrorCode::InvalidPattern,
                format!(
                    "index {index} is outside shape {shape} ({}); expected 0..{}",
                    info.name,
                    info.weights() - 1
                ),
            );
        }
        let within = canonical_offsets()[SHAPE_OFFSETS[shape as usize] + index as usize];
        Ok((stage as usize * WEIGHTS_PER_STAGE) as u32 + within)
    }
}

pub(crate) fn check_stages(stages: u32) -> EngineResult<()> {
    if (1..=MAX_STAGES).contains(&stages) {
        Ok(())
    } else {
        err(
            ErrorCode::InvalidState,
            format!("stage count is {stages}; expected 1..{MAX_STAGES}"),
        )
    }
}
