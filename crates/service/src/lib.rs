//! rareflow's core: every question a user can ask, as a typed request and a typed result
//! that derives `Serialize` and `utoipa::ToSchema`. Faces render, `service` answers: the CLI
//! prints a result as a table, CSV or JSON (the JSON is the result serialised, nothing
//! more), and the HTTP server serves the same JSON and generates its OpenAPI document from
//! the same types. A rule written in a face would be a rule the other faces lack, so none is.
//!
//! # Layout
//! - [`Session`] (in [`session`]): bundled data (parsed once), tables (bundled or the
//!   user's, through one path), the user's store.
//! - One module per question, each with its request and result types: [`overview`],
//!   [`rank`] (and concentration), [`compare`] (and cite), [`country`], [`sources`],
//!   [`chain`], [`balance`], [`projects`], [`risk`], [`stock`], [`demand`], [`import`],
//!   [`sim`] (scenarios), [`trade`] (trade links and the world network), [`runs`] (saved
//!   simulator runs, with what reproduces them).
//! - [`schema`]: the JSON schema of each command's result.
//! - [`error`]: errors with a kind faces map to exit codes and HTTP statuses.

pub mod balance;
pub mod chain;
pub mod compare;
pub mod country;
pub mod demand;
pub mod error;
pub mod import;
pub mod json;
pub mod observations;
pub mod overview;
pub mod plan;
pub mod projects;
pub mod rank;
pub mod risk;
pub mod runs;
pub mod schema;
pub mod session;
pub mod sim;
pub mod sources;
pub mod stock;
pub mod trade;
pub mod values;

pub use error::{Error, ErrorKind, Location, Result};
pub use session::{NamedText, Session, UserTables};
