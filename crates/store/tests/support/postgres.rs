//! The PostgreSQL leg of every two-backend test (the store's, the server's and the CLI's
//! `rareflow serve` tests include this file with `#[path]`): a fresh schema on the server
//! `RAREFLOW_PG_URL` names, and the store location that points into it. With `CI` set, a
//! missing URL fails the test instead of skipping it; elsewhere the leg is marked ignored
//! (the `postgres_leg` cfg, set by `crates/store/build.rs`), so a skip shows in the summary.

/// A store location in a fresh schema of its own (named from `prefix`, the process id and
/// `test`) on the server `RAREFLOW_PG_URL` names; `None` when it names none outside CI.
pub(crate) async fn fresh_schema(prefix: &str, test: &str) -> Option<String> {
    let Ok(url) = std::env::var("RAREFLOW_PG_URL") else {
        // CI starts a server and sets the URL; there, a missing URL is a broken set-up, not a skip.
        assert!(
            std::env::var_os("CI").is_none(),
            "CI is set but RAREFLOW_PG_URL is not: .ci/run must start PostgreSQL"
        );
        return None;
    };
    // PostgreSQL cuts identifiers at 63 bytes; the unique part (prefix, process id) leads.
    let mut schema = format!("{prefix}_{}_{test}", std::process::id());
    schema.truncate(63);
    assert!(
        schema
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_'),
        "a schema name is a plain identifier: {schema}"
    );
    sqlx::any::install_default_drivers();
    let pool = sqlx::AnyPool::connect(&url)
        .await
        .expect("RAREFLOW_PG_URL is set but the server cannot be reached");
    sqlx::query(sqlx::AssertSqlSafe(format!(
        "DROP SCHEMA IF EXISTS {schema} CASCADE"
    )))
    .execute(&pool)
    .await
    .unwrap();
    sqlx::query(sqlx::AssertSqlSafe(format!("CREATE SCHEMA {schema}")))
        .execute(&pool)
        .await
        .unwrap();
    pool.close().await;
    let sep = if url.contains('?') { '&' } else { '?' };
    Some(format!("{url}{sep}options=-c%20search_path%3D{schema}"))
}

/// [`fresh_schema`] for a test without a runtime of its own.
#[allow(dead_code)] // The store's async tests call `fresh_schema` directly.
pub(crate) fn fresh_schema_blocking(prefix: &str, test: &str) -> Option<String> {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("a runtime")
        .block_on(fresh_schema(prefix, test))
}

/// The PostgreSQL leg of a synchronous two-backend test: a `#[test] fn postgres()` that
/// binds `$bound` from `$setup` (an `Option`, `None` outside CI without a server) and runs
/// `$body`. The store's async tests write theirs out.
#[allow(unused_macros)]
macro_rules! postgres_leg {
    ($setup:expr, |$bound:ident| $body:block) => {
        #[test]
        #[cfg_attr(
            not(postgres_leg),
            ignore = "PostgreSQL leg: set RAREFLOW_PG_URL to a server (.ci/run does) to run it"
        )]
        fn postgres() {
            let Some($bound) = $setup else {
                eprintln!("RAREFLOW_PG_URL not set: PostgreSQL leg not run here (CI runs it)");
                return;
            };
            $body
        }
    };
}
#[allow(unused_imports)]
pub(crate) use postgres_leg;
