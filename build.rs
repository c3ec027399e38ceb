//! Tells the integration tests (`tests/serve.rs`) whether to run their PostgreSQL leg, as
//! the store's and the server's tests do: it runs when `RAREFLOW_PG_URL` names a server or
//! `CI` is set (where a missing URL must fail, not skip); elsewhere the leg is marked
//! ignored, with its reason, so a skip is visible in `cargo test`'s own summary.

fn main() {
    println!("cargo::rustc-check-cfg=cfg(postgres_leg)");
    println!("cargo::rerun-if-env-changed=RAREFLOW_PG_URL");
    println!("cargo::rerun-if-env-changed=CI");
    if std::env::var_os("RAREFLOW_PG_URL").is_some() || std::env::var_os("CI").is_some() {
        println!("cargo::rustc-cfg=postgres_leg");
    }
}
