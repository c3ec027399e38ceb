//! Dynamic stock models, following the conventions of ODYM's `DynamicStockModel` (and
//! flodym with `inflow_at="end"`), so results can be compared with them to 1e-9.
//!
//! Years are indices `0..T`; a cohort is the year its inflow entered. Stock is measured at
//! year end; `sf[t][c]` is the share of cohort `c` still in use at the end of year `t`.
//!
//! # Layout
//! - [`survival`]: `S(age)` for each lifetime, computed directly (erfc, exp), never `1 − cdf`.
//! - [`dsm`]: inflow-driven and stock-driven models, totals-only or with cohort matrices.
//! - [`demand`]: technology demand, end of life and recycling on top of the stock models.
//! - [`scenario`]: a demand scenario assembled from its tables, run year by year, with gaps.
//! - [`error`]: what invalid input is reported as.

pub mod demand;
pub mod dsm;
pub mod error;
pub mod scenario;
pub mod survival;

pub use dsm::{
    inflow_driven, inflow_driven_with, stock_driven, stock_driven_with, CohortMatrix, Detail,
    Lifetimes, NegativeInflow, StockModel, Workspace,
};
pub use error::MfaError;
