//! rareflow's roadmap planner: which projects to build and when, at least cost, so that a
//! group (a country, the EU, the world outside China) reaches its targets (volume, share of
//! world output, self-sufficiency, diversification) within a budget, and what binds.
//!
//! The solve is a pipeline of named steps, each callable and testable alone:
//! [`check`] → [`build`] → solve (through [`lp`], the only crate that links a solver) →
//! [`extract`] → report ([`plan`] runs them all and answers a [`Plan`]). An infeasible
//! target is an answer that names the target, the year and the constraint that stops it;
//! a solver failure or time-out is an answer with the solver's status, never a panic.
//! The math is in `docs/model/plan.md`.
//!
//! # Layout
//! - [`check`]: decision years, throughput, feed and contributions of each candidate;
//!   the group's spare feed; targets' baselines, demand and right-hand sides.
//! - [`build`]: the MILP as an [`lp::Model`] with an index of its variables and rows.
//! - [`solve`]: the pipeline, marginal costs, infeasibility diagnosis, closest plan.
//! - [`extract`]: a solution as tables; duals and binding rows.
//! - [`report`]: the answer's types.
//! - [`synthetic`]: the seeded generator of the benchmark.

pub mod build;
pub mod check;
pub mod error;
pub mod extract;
pub mod report;
pub mod solve;
pub mod synthetic;

pub use error::PlanError;
pub use report::{Plan, Status};
pub use solve::plan;
