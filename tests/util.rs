//! The test harness: a temporary store per test and a command builder, so a test reads
//! like a transcript of a user's session.

use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

#[path = "../crates/store/tests/support/postgres.rs"]
pub mod postgres;

/// The repository root.
pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A user's session: its own store in a temporary directory, or (for the PostgreSQL leg of
/// the `serve` tests) in a fresh schema on the server `RAREFLOW_PG_URL` names.
pub struct Session {
    dir: tempfile::TempDir,
    postgres: Option<String>,
}

/// What a command did.
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Session {
    pub fn new() -> Session {
        let dir = tempfile::tempdir().expect("temp dir");
        // The store's folder exists, as a user's would: rareflow creates no folder for a
        // path it is given.
        std::fs::create_dir(dir.path().join("store")).expect("store folder");
        Session {
            dir,
            postgres: None,
        }
    }

    /// A session whose store is a fresh schema on the PostgreSQL server `RAREFLOW_PG_URL`
    /// names; `None` when it names none outside CI (with `CI` set, a missing URL fails).
    pub fn postgres(test: &str) -> Option<Session> {
        let location = postgres::fresh_schema_blocking("cli", test)?;
        Some(Session {
            postgres: Some(location),
            ..Session::new()
        })
    }

    /// Where the store is, as `--db` takes it: the SQLite file, or the PostgreSQL URL.
    pub fn location(&self) -> std::ffi::OsString {
        match &self.postgres {
            Some(url) => url.into(),
            None => self.db().into(),
        }
    }

    /// The SQLite store file of this session (unused on the PostgreSQL leg).
    pub fn db(&self) -> PathBuf {
        self.dir.path().join("store").join("rareflow.db")
    }

    /// A path inside the session's directory.
    pub fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    /// The command, with `--db` pointing at this session's store.
    pub fn command(&self, args: &[&str]) -> Command {
        let mut c = Command::new(env!("CARGO_BIN_EXE_rareflow"));
        c.args(args)
            .arg("--db")
            .arg(self.location())
            .env_remove("RAREFLOW_DB");
        c
    }

    /// Runs a command against the store at `db` instead of the session's.
    pub fn run_at(&self, db: &Path, args: &[&str]) -> Run {
        let mut c = Command::new(env!("CARGO_BIN_EXE_rareflow"));
        c.args(args).arg("--db").arg(db).env_remove("RAREFLOW_DB");
        finish(c.output().expect("run rareflow"))
    }

    /// Runs a command.
    pub fn run(&self, args: &[&str]) -> Run {
        finish(self.command(args).output().expect("run rareflow"))
    }

    /// Runs a command that must succeed and returns its JSON document.
    pub fn json(&self, args: &[&str]) -> Value {
        let mut all = args.to_vec();
        all.extend(["--format", "json"]);
        let r = self.run(&all);
        assert_eq!(r.code, 0, "rareflow {all:?} failed: {}", r.stderr);
        serde_json::from_str(&r.stdout)
            .unwrap_or_else(|e| panic!("stdout of {all:?} is not JSON ({e}): {}", r.stdout))
    }

    /// Writes a file into the session's directory.
    pub fn write(&self, name: &str, text: &str) -> PathBuf {
        let p = self.path(name);
        std::fs::write(&p, text).unwrap();
        p
    }
}

pub fn finish(o: Output) -> Run {
    Run {
        code: o.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&o.stdout).into(),
        stderr: String::from_utf8_lossy(&o.stderr).into(),
    }
}

/// A raw data file of the repository, as text.
pub fn raw(rel: &str) -> String {
    std::fs::read_to_string(repo().join(rel)).unwrap()
}

/// Replaces exactly one occurrence of `from` in `text` (panics if it is not exactly one).
pub fn patch(text: &str, from: &str, to: &str) -> String {
    assert_eq!(
        text.matches(from).count(),
        1,
        "{from:?} must occur exactly once"
    );
    text.replacen(from, to, 1)
}

/// The rows of a JSON array whose `key` equals `value`.
pub fn rows_with<'a>(doc: &'a Value, key: &str, value: &str) -> Vec<&'a Value> {
    doc.as_array()
        .expect("a JSON array")
        .iter()
        .filter(|r| r[key] == value)
        .collect()
}

/// Rounds to `digits` decimals.
pub fn round(x: f64, digits: i32) -> f64 {
    let f = 10f64.powi(digits);
    (x * f).round() / f
}

/// A path as &str.
pub fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

/// Compares `files` of `out` with their goldens in `dir` (rewrites them with
/// `UPDATE_EXPECT`), adding the golden's path to `differ` where they differ.
pub fn check_golden_files(out: &Path, dir: &Path, files: &[&str], differ: &mut Vec<String>) {
    let update = std::env::var_os("UPDATE_EXPECT").is_some();
    std::fs::create_dir_all(dir).unwrap();
    for file in files {
        let got = std::fs::read_to_string(out.join(file)).unwrap();
        let path = dir.join(file);
        if update {
            std::fs::write(&path, &got).unwrap();
        } else if std::fs::read_to_string(&path).ok().as_deref() != Some(got.as_str()) {
            differ.push(path.strip_prefix(repo()).unwrap().display().to_string());
        }
    }
}
