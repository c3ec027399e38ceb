//! Repository rules enforced by a test, so code and ARCHITECTURE.md cannot drift apart:
//! each crate depends only on the crates the dependency table allows, every crate is in
//! the table, and every Rust source file opens with a `//!` doc saying why it exists.

use crate::util::repo;
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// The table between the `deps:begin` and `deps:end` markers: crate → allowed internal deps.
fn allowed() -> BTreeMap<String, BTreeSet<String>> {
    let text = std::fs::read_to_string(repo().join("ARCHITECTURE.md")).unwrap();
    let start = text
        .find("<!-- deps:begin -->")
        .expect("ARCHITECTURE.md has a deps:begin marker");
    let end = text
        .find("<!-- deps:end -->")
        .expect("ARCHITECTURE.md has a deps:end marker");
    let mut table = BTreeMap::new();
    for line in text[start..end].lines().filter(|l| l.starts_with("| `")) {
        let cells: Vec<&str> = line.split('|').map(str::trim).collect();
        let name = cells[1].trim_matches('`').to_string();
        let deps = cells[3]
            .split(',')
            .map(|d| d.trim().trim_matches('`').to_string())
            .filter(|d| !d.is_empty() && d != "—")
            .collect();
        table.insert(name, deps);
    }
    table
}

fn manifests() -> Vec<(String, toml::Table)> {
    let mut out = Vec::new();
    let root: toml::Table =
        toml::from_str(&std::fs::read_to_string(repo().join("Cargo.toml")).unwrap()).unwrap();
    out.push(("rareflow".to_string(), root.clone()));
    for member in root["workspace"]["members"].as_array().unwrap() {
        let path = repo().join(member.as_str().unwrap()).join("Cargo.toml");
        let t: toml::Table = toml::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
        out.push((t["package"]["name"].as_str().unwrap().to_string(), t));
    }
    out
}

#[test]
fn crates_depend_only_as_the_architecture_allows() {
    let table = allowed();
    let manifests = manifests();
    let internal: BTreeSet<String> = manifests.iter().map(|(n, _)| n.clone()).collect();
    let mut problems = Vec::new();
    for (name, m) in &manifests {
        let Some(allowed) = table.get(name) else {
            problems.push(format!(
                "crate {name} is missing from the dependency table in ARCHITECTURE.md"
            ));
            continue;
        };
        let deps = m
            .get("dependencies")
            .and_then(|d| d.as_table())
            .cloned()
            .unwrap_or_default();
        for dep in deps.keys().filter(|d| internal.contains(*d)) {
            if !allowed.contains(dep) {
                problems.push(format!(
                    "{name} depends on {dep}, which ARCHITECTURE.md does not allow"
                ));
            }
        }
    }
    for name in table.keys() {
        if !internal.contains(name) {
            problems.push(format!(
                "ARCHITECTURE.md lists {name}, which is not a workspace crate"
            ));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

fn rust_files(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let p = entry.unwrap().path();
        if p.is_dir() && p.file_name().is_some_and(|n| n != "target") {
            rust_files(&p, out);
        } else if p.extension().is_some_and(|e| e == "rs") {
            out.push(p);
        }
    }
}

#[test]
fn every_source_file_says_why_it_exists() {
    let mut files = Vec::new();
    rust_files(&repo().join("crates"), &mut files);
    rust_files(&repo().join("tests"), &mut files);
    assert!(files.len() > 20);
    let missing: Vec<_> = files
        .iter()
        .filter(|f| {
            !std::fs::read_to_string(f)
                .unwrap()
                .trim_start()
                .starts_with("//!")
        })
        .map(|f| f.strip_prefix(repo()).unwrap().display().to_string())
        .collect();
    assert!(
        missing.is_empty(),
        "files without a //! doc comment: {missing:?}"
    );
}

/// Faces render, `service` answers: no file of the CLI builds JSON by hand or reads the
/// observations directly (a rule written there would be a rule the server lacks).
#[test]
fn the_cli_renders_and_never_answers() {
    let mut files = Vec::new();
    rust_files(&repo().join("crates/cli"), &mut files);
    assert!(!files.is_empty());
    let forbidden = [
        ("json!", "builds JSON by hand"),
        ("serde_json::Value", "builds a serde_json::Value"),
        ("serde_json::Map", "builds a serde_json::Map"),
        ("Value::Object", "builds a serde_json::Value"),
        ("Dataset", "uses a model::Dataset (questions go to service)"),
        ("observations.iter", "reads observations directly"),
    ];
    let mut problems = Vec::new();
    for f in &files {
        let text = std::fs::read_to_string(f).unwrap();
        for (pattern, what) in forbidden {
            if text.contains(pattern) {
                problems.push(format!(
                    "{} {what} ({pattern})",
                    f.strip_prefix(repo()).unwrap().display()
                ));
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// SQL is only ever parameterised: every query the store sends is a string literal with
/// `$n` placeholders, or a literal joined to the constant column list; no value reaches a
/// query's text. And no crate but the store speaks SQL.
#[test]
fn sql_is_only_parameterised() {
    let mut files = Vec::new();
    rust_files(&repo().join("crates"), &mut files);
    let mut problems = Vec::new();
    for f in &files {
        let text = std::fs::read_to_string(f).unwrap();
        let rel = f.strip_prefix(repo()).unwrap().display().to_string();
        let in_store = rel.starts_with("crates/store/");
        let is_test = rel.contains("/tests/");
        if !in_store && !is_test && text.contains("sqlx::") {
            problems.push(format!("{rel} speaks SQL (only the store may)"));
        }
        if !in_store || is_test {
            continue;
        }
        let compact: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
        for (i, _) in compact.match_indices("sqlx::query(") {
            let after = compact[i + "sqlx::query(".len()..].trim_start();
            let literal = after.starts_with('"');
            let constant_join = after
                .replace(' ', "")
                .starts_with("sqlx::AssertSqlSafe(format!(\"{SELECT_OBSERVATIONS}");
            if !literal && !constant_join {
                problems.push(format!(
                    "{rel}: a query whose text is not a literal: sqlx::query({}",
                    &after[..after.len().min(60)]
                ));
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}
