//! What a solve is asked ([`Options`]) and what it answers ([`Outcome`]): a feasible
//! solution with its status, gap and (for LPs) row duals, or a typed reason there is none.

use crate::model::{Model, Row, Var};

/// Limits for one solve.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Options {
    /// Wall-clock limit in seconds (`None`: no limit).
    pub time_limit: Option<f64>,
    /// Relative MIP gap at which to stop (`None`: the solver's default).
    pub mip_rel_gap: Option<f64>,
    /// Threads (`None`: the solver's choice).
    pub threads: Option<u32>,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            time_limit: None,
            mip_rel_gap: Some(Options::PROVEN_GAP),
            threads: None,
        }
    }
}

impl Options {
    /// The gap under which a MIP counts as proven optimal (HiGHS's own zero).
    pub const PROVEN_GAP: f64 = 1e-6;
}

/// How a solve that found a feasible answer ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    /// Proven optimal (an LP, or a MIP within [`Options::PROVEN_GAP`]).
    Optimal,
    /// Stopped at the time limit with a feasible answer.
    TimeLimit,
    /// Stopped at the requested gap, above [`Options::PROVEN_GAP`].
    GapLimit,
}

impl Status {
    /// The id outputs use.
    pub fn id(self) -> &'static str {
        match self {
            Status::Optimal => "optimal",
            Status::TimeLimit => "time_limit",
            Status::GapLimit => "gap_limit",
        }
    }
}

/// Why a solve stopped without a feasible answer (other than infeasibility).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stop {
    /// The time limit.
    TimeLimit,
    /// Another limit (iterations, memory, an interrupt).
    OtherLimit,
}

impl Stop {
    /// The id outputs use.
    pub fn id(self) -> &'static str {
        match self {
            Stop::TimeLimit => "time_limit",
            Stop::OtherLimit => "limit",
        }
    }
}

/// A feasible answer.
#[derive(Debug, Clone, PartialEq)]
pub struct Solution {
    /// How the solve ended.
    pub status: Status,
    /// Objective value.
    pub objective: f64,
    /// Best bound on the objective (MIP; the objective itself for an LP).
    pub bound: f64,
    /// Relative gap between objective and bound (0 for an LP).
    pub gap: f64,
    /// Value of each variable.
    pub values: Vec<f64>,
    /// Dual of each row (LPs only: a MIP has none).
    pub duals: Option<Vec<f64>>,
    /// Wall-clock seconds the solver took.
    pub seconds: f64,
}

impl Solution {
    /// A variable's value; the solver's round-off around zero (`-1e-17`, `-0`) reads as 0
    /// so that no answer prints a negative zero.
    pub fn value(&self, v: Var) -> f64 {
        let x = self.values.get(v.0).copied().unwrap_or(0.0);
        if x.abs() < 1e-9 {
            0.0
        } else {
            x
        }
    }

    /// A row's dual, when the model was an LP: the change of the objective per unit
    /// increase of the row's right-hand side.
    pub fn dual(&self, r: Row) -> Option<f64> {
        self.duals.as_ref().and_then(|d| d.get(r.0).copied())
    }
}

/// How a solve ended.
#[derive(Debug, Clone, PartialEq)]
pub enum Outcome {
    /// A feasible answer.
    Solved(Solution),
    /// No answer satisfies every row.
    Infeasible,
    /// The objective has no lower bound.
    Unbounded,
    /// A limit stopped the solver before it found a feasible answer.
    Stopped {
        /// Which limit.
        stop: Stop,
        /// Seconds spent.
        seconds: f64,
    },
}

/// A failure of the solver or of the model handed to it.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum LpError {
    /// The model holds a number no solver may see.
    #[error("the model is invalid: {0}")]
    InvalidModel(String),
    /// The solver reported an error.
    #[error("{solver} failed: {status}")]
    Solver {
        /// The solver and its version.
        solver: String,
        /// The solver's own status.
        status: String,
    },
}

/// A solver backend.
pub trait Solver {
    /// Its name and version, e.g. `highs 1.16.0`.
    fn name(&self) -> String;

    /// Solves `model` (a minimisation) within `options`.
    fn solve(&self, model: &Model, options: &Options) -> Result<Outcome, LpError>;
}
