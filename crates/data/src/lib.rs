//! Readers and validators that turn rareflow's input files into the `model` types, with
//! errors that name file, line, column and value.
//!
//! # Layout
//! - [`table`] and [`cell`]: CSV in memory with positions; USGS cell symbols.
//! - [`usgs`] and [`salient`]: the USGS MCS world tables and salient statistics.
//! - [`countries`], [`wgi`], [`sources`]: the ISO table and aliases, WGI, the sources table.
//! - [`clean`]: the cleaned observation format (bundled tables and statements).
//! - [`eucrm`]: the EU CRM 2023 transcriptions ([`eucrm::annex`]), their cleaned tables
//!   ([`eucrm::clean`]) and the inputs format; [`cp1252`] decodes the annex files.
//! - [`derive`]: raw files → cleaned tables (re-run by a test).
//! - [`bundled`]: the embedded dataset.
//! - [`import`]: a user's file → a new edition.
//! - [`simfiles`], [`scenario`]: the simulator's network folder and scenario files.

pub mod bundled;
pub mod cell;
pub mod chainfiles;
pub mod clean;
pub mod countries;
pub mod cp1252;
pub mod demandfiles;
pub mod derive;
pub mod error;
pub mod eucrm;
pub mod import;
pub mod planfiles;
pub mod roadmap;
pub mod salient;
pub mod scenario;
pub mod series;
pub mod simfiles;
pub mod sources;
pub mod table;
pub mod trade;
pub mod usgs;
pub mod wgi;

pub use error::DataError;
