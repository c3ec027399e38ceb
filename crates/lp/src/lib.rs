//! A small solver adapter: a linear or mixed-integer [`Model`] with named rows, one
//! [`Solver`] trait, and the HiGHS backend ([`Highs`]). It is the only crate that links a
//! solver, so the planner (and later the simulator's reroute mode) never see one.
//!
//! Outcomes are typed: a model is [`Outcome::Solved`] (optimal, or stopped at a time or
//! gap limit with a feasible answer), [`Outcome::Infeasible`], [`Outcome::Unbounded`], or
//! [`Outcome::Stopped`] without an answer; a failure of the solver itself is an
//! [`LpError`] carrying the solver's status, never a panic.
//!
//! # Layout
//! - [`model`]: variables, rows, the objective, and [`Model::fixed`] (the LP left when the
//!   integer variables are fixed at a solution, whose row duals are marginal costs).
//! - [`solve`]: options, outcomes, solutions and the [`Solver`] trait.
//! - [`highs`]: the HiGHS backend, through `good_lp`.

pub mod highs;
pub mod model;
pub mod solve;

pub use highs::Highs;
pub use model::{Cmp, Model, Row, Var, VarKind};
pub use solve::{LpError, Options, Outcome, Solution, Solver, Status, Stop};
