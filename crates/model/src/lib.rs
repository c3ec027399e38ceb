//! The rareflow domain model: the vocabulary every other crate speaks.
//!
//! It holds no IO, no SQL, no HTTP and no randomness, so that every rule about what a
//! value *means* (its unit, its source, whether it is a gap) lives in one place that can
//! be tested without files.
//!
//! # Layout
//! - [`element`]: the 17 rare-earth elements, their oxides and REO↔element factors, and the
//!   groups (TREO, LREE, HREE, magnet REE).
//! - [`country`]: ISO 3166 alpha-3 codes, places (a country or an aggregate such as the world
//!   total) and the country registry with the alias table the sources need.
//! - [`stage`]: supply-chain stages and metrics, with their one spelling per interface.
//! - [`units`]: quantity types (`Tonnes`, `Share`, `Year`) and typed-quantity parsing ("3.8Mt").
//! - [`source`]: provenance: who published a number, where and under which licence.
//! - [`observation`]: one sourced value (or a gap) with its flags.
//! - [`dataset`]: the sources, observations and countries a query runs over.
//! - [`demand`]: technology demand scenario rows (deployment, magnet intensity, recovery).
//! - [`wgi`], [`eucrm`]: governance estimates and EU CRM assessment inputs.
//! - [`sim`]: regions, species, the simulator's network and scenario vocabulary.
//! - [`project`]: projects and deposits with their economics; [`plan`]: roadmaps, targets,
//!   groups, and the costed candidates and baseline the roadmap planner reads.
//! - [`trade`]: trade links, stage output, mine splits and world demand: the world network's data.

pub mod country;
pub mod dataset;
pub mod demand;
pub mod element;
pub mod eucrm;
pub mod lifetime;
pub mod num;
pub mod observation;
pub mod ore;
pub mod plan;
pub mod project;
pub mod schema;
pub mod sim;
pub mod source;
pub mod stage;
pub mod suggest;
pub mod trade;
pub mod units;
pub mod wgi;

pub use country::{Aggregate, Countries, Country, CountryCode, Place};
pub use dataset::{Dataset, QueryError, Selection};
pub use element::{Element, ElementGroup, Material};
pub use lifetime::Lifetime;
pub use observation::{Flag, Flags, GapReason, Observation, Table, Value};
pub use source::{EditionId, Source, SourceKind};
pub use stage::{Metric, Stage};
pub use units::{Mass, Quantity, Share, Tonnes, TonnesUnit, TypedTonnes, Unit, Year};
