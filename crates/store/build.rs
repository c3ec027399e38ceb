//! Tells the two-backend tests whether to run their PostgreSQL leg: it runs when
//! `RAREFLOW_PG_URL` names a server or `CI` is set (where a missing URL must fail, not
//! skip); elsewhere the leg is marked ignored, with its reason, so a skip is visible in
//! `cargo test`'s own summary. The build script of the store, of `server` and of the
//! `rareflow` package (their `Cargo.toml` point here), so the rule is written once.

fn main() {
    println!("cargo::rustc-check-cfg=cfg(postgres_leg)");
    println!("cargo::rerun-if-env-changed=RAREFLOW_PG_URL");
    println!("cargo::rerun-if-env-changed=CI");
    if std::env::var_os("RAREFLOW_PG_URL").is_some() || std::env::var_os("CI").is_some() {
        println!("cargo::rustc-cfg=postgres_leg");
    }
}
