//! The supply chain as a network: nodes are (country, stage) pairs plus end-use sectors,
//! a co-product stock per country, and a labelled `unallocated` node per country and stage
//! for the statistical difference public data always leave; links carry element-resolved
//! flows (17-vectors of tonnes REO) for one year.
//!
//! The one identity every node obeys each year is
//! `inflow = outflow + Δstock + losses`, with `losses = inflow·(1 − yield)` where a yield is
//! given. [`balance::check_balance`] reports every node-year that breaks it.
//!
//! # Layout
//! - [`vector`]: `ElementVector`, tonnes REO per element.
//! - [`graph`]: nodes, links, a year's flows, the network.
//! - [`balance`]: the mass-balance check.

pub mod balance;
pub mod baseline;
pub mod graph;
pub mod trade;
pub mod vector;
pub mod world;

pub use balance::{check_balance, Imbalance};
pub use graph::{Link, Network, Node, NodeId, NodeKind, Sector, YearFlows};
pub use vector::ElementVector;
