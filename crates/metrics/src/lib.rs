//! Queries and indicators over a [`model::Dataset`]: which edition and year a question is
//! answered from, ranks and shares, concentration (HHI, top-3), every estimate side by
//! side, which sources state a value, and reserves-to-production years.
//!
//! Aggregates ("World total", "Other countries") are never ranked and never enter an
//! HHI; they are returned apart. A share over a lower-bound total carries `upper_bound`.
//!
//! # Layout
//! - [`select`]: the edition and year policy (latest edition, latest year; or pinned).
//! - [`rank`]: ranks with ties, shares over a stated denominator, gaps listed last.
//! - [`concentration`]: HHI on the 0–10,000 scale over either denominator, top-3 share.
//! - [`compare`]: every estimate for one country and metric, with the spread.
//! - [`cite`]: which sources state a typed value.
//! - [`reserves_to_production`]: R/P years.

pub mod chain;
pub mod cite;
pub mod compare;
pub mod concentration;
pub mod rank;
pub mod reserves_to_production;
pub mod risk;
pub mod select;

pub use select::{QueryError, Selection};
