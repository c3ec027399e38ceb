//! Tells the browser tests whether to run: they run when `chromedriver` is on the PATH or
//! `CI` is set (where a missing browser must fail, not skip: `.ci/run` installs it);
//! elsewhere they are marked ignored with the reason, so the skip shows in `cargo test`.

fn main() {
    println!("cargo::rustc-check-cfg=cfg(browser_leg)");
    println!("cargo::rerun-if-env-changed=CI");
    println!("cargo::rerun-if-env-changed=PATH");
    let found = std::env::var_os("PATH").is_some_and(|paths| {
        std::env::split_paths(&paths).any(|p| p.join("chromedriver").is_file())
    });
    if found || std::env::var_os("CI").is_some() {
        println!("cargo::rustc-cfg=browser_leg");
    }
}
