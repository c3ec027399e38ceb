//! The server's integration tests: each starts a real server on `127.0.0.1:0` and talks
//! HTTP to it, on SQLite and (when `RAREFLOW_PG_URL` names one) PostgreSQL.
//!
//! - `util`: the two-backend harness and shared inputs.
//! - `security`: tokens, `--private`, disabled writes, paths that try to leave the server.
//! - `errors`: the one error shape and every status it is sent with.
//! - `runs`: saving, listing, reading and re-running simulator runs; two servers, one store.
//! - `openapi`: the document lists every route, and every answer validates against it.
//! - `dashboard`: pages and chart data (what the browser tests draw is checked there).

#![allow(unreachable_pub, missing_docs)]

mod dashboard;
mod errors;
mod openapi;
mod runs;
mod security;
mod util;
