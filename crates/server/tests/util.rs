//! The harness: a macro that runs a test body once on a SQLite file and once on a fresh
//! PostgreSQL schema (as the store's tests do), and the real files tests send.

use std::path::PathBuf;

/// The repository root.
pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// A real USGS MCS 2024-style table, as the CLI's golden tests import it.
pub fn mcs2024x() -> Vec<u8> {
    std::fs::read(repo().join("tests/golden/inputs/mcs2024x.csv")).unwrap()
}

#[path = "../../store/tests/support/postgres.rs"]
pub mod postgres;

/// A store location in a schema of its own on the server `RAREFLOW_PG_URL` names; `None`
/// when it names none (outside CI).
pub fn pg_location(test: &str) -> Option<String> {
    postgres::fresh_schema_blocking("srv", test)
}

/// Runs a test body against each backend: `$location` is the store's location.
macro_rules! server_test {
    ($name:ident, |$location:ident| $body:block) => {
        mod $name {
            #[allow(unused_imports)]
            use super::*;

            #[test]
            fn sqlite() {
                let dir = tempfile::tempdir().unwrap();
                let $location = dir.path().join("rareflow.db").display().to_string();
                $body
            }

            crate::util::postgres::postgres_leg!(
                crate::util::pg_location(stringify!($name)),
                |$location| $body
            );
        }
    };
}
pub(crate) use server_test;

/// A server on a fresh SQLite store with `config`, and the folder that holds the store.
pub fn sqlite_server(config: server::Config) -> (server::testing::TestServer, tempfile::TempDir) {
    let dir = tempfile::tempdir().unwrap();
    let location = dir.path().join("rareflow.db").display().to_string();
    (server::testing::TestServer::start(&location, config), dir)
}

/// Settings with a token and no rate limit.
pub fn with_token(token: &str) -> server::Config {
    server::Config {
        token: server::Token::new(token),
        rate_limit: server::RateLimit::Off,
        ..server::Config::default()
    }
}

/// Settings without a token and without a rate limit.
pub fn open() -> server::Config {
    server::Config {
        rate_limit: server::RateLimit::Off,
        ..server::Config::default()
    }
}
