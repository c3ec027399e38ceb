//! The integration-test binary: every test runs the real `rareflow` binary on the bundled
//! data (or on a patched copy of a real file) with its own temporary store.
//!
//! - `util`: the harness (temporary store, command builder, JSON helpers).
//! - `known_answers`: published figures reproduced from the bundled data.
//! - `errors`: bad input, patched one cell at a time into real files; exact messages.
//! - `hostile`: bad input never poisons the store, aborts or hangs (issue 11).
//! - `import`: import round trips, `--replace`, and imported editions joining queries.
//! - `cli`: formats, units, exit codes, the `--db` flag and `RAREFLOW_DB`.
//! - `aliases`: every country spelling in the bundled files resolves or is listed as unmapped.
//! - `chain`: stages beyond the mine, the baseline mass balance, projects.
//! - `stock`: the dynamic stock model command (contract, known answers, errors).
//! - `demand`: technology demand scenarios (citations, hand-computed answers, mass balance, gaps).
//! - `risk`: EU CRM and USGS methods against published values, with gaps listed.
//! - `golden`: every command on the bundled data in three formats, against `tests/golden/`.
//! - `schema`: each command's result schema, its copy in `docs/schemas/`, goldens validated.
//! - `regression`: one test per fixed finding, named after its issue and item.
//! - `sim`: the simulator on hand-built networks with hand-computed answers.
//! - `world`: the bundled world network and its seven scenarios (balance, sourced figures,
//!   the 2025 back-test, golden files).
//! - `plan`: the roadmap planner (bundled roadmaps, goldens, `--simulate`, bad roadmaps).
//! - `serve`: `rareflow serve`'s API answers every question with the CLI's JSON (issue 16).
//! - `robustness`: the server under 10,000 malformed requests and 100 slow bodies.
//! - `tidy`: repository rules (crate dependency directions, `//!` docs, SQL only
//!   parameterised).

// The test binary exports nothing; `pub` marks what the harness shares between modules.
#![allow(unreachable_pub, missing_docs)]

mod aliases;
mod chain;
mod cli;
mod demand;
mod errors;
mod golden;
mod hostile;
mod import;
mod known_answers;
mod plan;
mod regression;
mod risk;
mod robustness;
mod schema;
mod serve;
mod sim;
mod stock;
mod tidy;
mod util;
mod world;
