//! Result schemas: `rareflow schema COMMAND...` prints each command's JSON schema, the
//! copies in `docs/schemas/` match it, and every golden JSON output validates against it
//! (so the schema describes what the command really prints).

use crate::golden::CASES;
use crate::util::{repo, Session};
use serde_json::Value;

/// The command words of the schema a golden case's JSON must satisfy.
fn words(args: &[&str]) -> Vec<String> {
    match args {
        [first @ "plan", second @ "list", ..] => vec![first.to_string(), second.to_string()],
        [first @ ("risk" | "import" | "sim"), second, ..] => {
            vec![first.to_string(), second.to_string()]
        }
        [first, ..] => vec![first.to_string()],
        [] => vec![],
    }
}

/// Commands whose output has no golden (it carries timings) but whose schema is in
/// `docs/schemas/`; their output is validated where they are tested (`plan`: tests/plan.rs).
const WITHOUT_GOLDEN: &[&[&str]] = &[&["plan"]];

pub fn schema(rf: &Session, words: &[String]) -> Value {
    let mut args = vec!["schema"];
    args.extend(words.iter().map(String::as_str));
    let r = rf.run(&args);
    assert_eq!(r.code, 0, "rareflow {args:?}: {}", r.stderr);
    serde_json::from_str(&r.stdout).expect("a schema is JSON")
}

#[test]
fn docs_schemas_match_the_commands() {
    let rf = Session::new();
    let update = std::env::var_os("UPDATE_EXPECT").is_some();
    let dir = repo().join("docs/schemas");
    let mut seen: Vec<Vec<String>> = Vec::new();
    let mut differ = Vec::new();
    let extra = WITHOUT_GOLDEN.iter().map(|w| ("", *w));
    for (_, args) in CASES.iter().copied().chain(extra) {
        let w = words(args);
        if seen.contains(&w) {
            continue;
        }
        seen.push(w.clone());
        let got = schema(&rf, &w);
        let path = dir.join(format!("{}.json", w.join("-")));
        let text = serde_json::to_string_pretty(&got).unwrap() + "\n";
        if update {
            std::fs::create_dir_all(&dir).unwrap();
            std::fs::write(&path, text).unwrap();
        } else if std::fs::read_to_string(&path)
            .ok()
            .and_then(|t| serde_json::from_str::<Value>(&t).ok())
            != Some(got)
        {
            differ.push(path.display().to_string());
        }
    }
    assert!(
        differ.is_empty(),
        "schemas differ from docs/schemas (UPDATE_EXPECT=1 rewrites them): {differ:?}"
    );
    let files = std::fs::read_dir(&dir).unwrap().count();
    assert_eq!(files, seen.len(), "docs/schemas holds a file per command");
}

#[test]
fn every_golden_json_validates_against_its_schema() {
    let rf = Session::new();
    let mut failures = Vec::new();
    for (name, args) in CASES {
        let schema = schema(&rf, &words(args));
        let validator = jsonschema::validator_for(&schema)
            .unwrap_or_else(|e| panic!("schema of {name} is not a valid JSON Schema: {e}"));
        let path = repo().join(format!("tests/golden/{name}.json"));
        let doc: Value = serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
        for e in validator.iter_errors(&doc).take(3) {
            failures.push(format!("{name}: {e} at {}", e.instance_path()));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn an_unknown_command_has_no_schema() {
    let rf = Session::new();
    let r = rf.run(&["schema", "frobnicate"]);
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(
        r.stderr.contains("expected one of overview, rank"),
        "{}",
        r.stderr
    );
}
