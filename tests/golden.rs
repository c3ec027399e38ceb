//! Golden outputs: every command on the bundled data, in table, CSV and JSON, compared
//! byte for byte with `tests/golden/<case>.<format>`. They are the regression net: a golden
//! that changes is a change someone meant and explains in the commit.
//! `UPDATE_EXPECT=1 cargo test --test integration golden` rewrites them (review the diff).

use crate::util::{repo, Session};
use std::path::Path;

/// `(case name, arguments)`; `{inputs}` is replaced by the path of `tests/golden/inputs`.
pub const CASES: &[(&str, &[&str])] = &[
    ("overview", &["overview"]),
    ("plan-list", &["plan", "list"]),
    ("overview-mcs2025", &["overview", "--edition", "MCS2025"]),
    ("rank-reserves", &["rank", "--metric", "reserves"]),
    (
        "rank-mine-production-mcs2025-2024-top5",
        &[
            "rank",
            "--metric",
            "mine-production",
            "--edition",
            "MCS2025",
            "--year",
            "2024",
            "--top",
            "5",
        ],
    ),
    (
        "rank-mine-production-country-sum",
        &[
            "rank",
            "--metric",
            "mine-production",
            "--denominator",
            "country-sum",
        ],
    ),
    (
        "concentration",
        &["concentration", "--metric", "mine-production"],
    ),
    (
        "concentration-reserves-mcs2024",
        &[
            "concentration",
            "--metric",
            "reserves",
            "--edition",
            "MCS2024",
        ],
    ),
    (
        "compare-rus-reserves",
        &["compare", "--country", "RUS", "--metric", "reserves"],
    ),
    (
        "cite-rus-3.8Mt",
        &[
            "cite",
            "--country",
            "RUS",
            "--metric",
            "reserves",
            "--value",
            "3.8Mt",
        ],
    ),
    ("cite-270kt", &["cite", "--value", "270kt"]),
    ("country-rus", &["country", "RUS"]),
    ("country-usa", &["country", "USA"]),
    ("sources", &["sources"]),
    ("chain", &["chain"]),
    ("chain-nd", &["chain", "--element", "Nd"]),
    ("chain-magnet-ree", &["chain", "--element", "magnet_REE"]),
    ("balance", &["balance"]),
    ("projects", &["projects"]),
    ("projects-rus", &["projects", "--country", "RUS"]),
    ("risk-eu-dy", &["risk", "eu", "--material", "Dy"]),
    ("risk-eu-nd", &["risk", "eu", "--material", "Nd"]),
    ("risk-eu-hree", &["risk", "eu", "--material", "HREE"]),
    ("risk-eu-lree", &["risk", "eu", "--material", "LREE"]),
    ("risk-eu-all", &["risk", "eu", "--all"]),
    ("risk-eu-sc", &["risk", "eu", "--material", "Scandium"]),
    ("risk-eu-tb", &["risk", "eu", "--material", "tb"]),
    ("risk-eu-pr", &["risk", "eu", "--material", "Pr"]),
    ("risk-usgs", &["risk", "usgs"]),
    (
        "risk-usgs-yttrium",
        &["risk", "usgs", "--commodity", "yttrium"],
    ),
    (
        "stock-inflow-weibull",
        &[
            "stock",
            "--inflow",
            "{inputs}/inflow.csv",
            "--lifetime",
            "weibull:2.5,15",
        ],
    ),
    (
        "stock-inflow-by-cohort",
        &[
            "stock",
            "--inflow",
            "{inputs}/inflow.csv",
            "--lifetime",
            "fixed:3",
            "--by-cohort",
        ],
    ),
    (
        "stock-stock-normal",
        &[
            "stock",
            "--stock",
            "{inputs}/stock.csv",
            "--lifetime",
            "normal:10,3",
            "--negative-inflow-correct",
        ],
    ),
    (
        "demand-stated-policies",
        &["demand", "--scenario", "stated-policies"],
    ),
    (
        "demand-net-zero-nd-by-technology",
        &[
            "demand",
            "--scenario",
            "net-zero",
            "--element",
            "Nd",
            "--by-technology",
            "--from",
            "2024",
            "--to",
            "2032",
        ],
    ),
    (
        "demand-announced-pledges-2019-2035",
        &[
            "demand",
            "--scenario",
            "announced-pledges",
            "--from",
            "2019",
            "--to",
            "2035",
        ],
    ),
    (
        "import-usgs-mcs",
        &["import", "usgs-mcs", "{inputs}/mcs2024x.csv"],
    ),
    ("sim-list", &["sim", "list"]),
    ("sim-network", &["sim", "network"]),
    ("trade", &["trade"]),
    (
        "trade-usa-2024",
        &["trade", "--exporter", "United States", "--year", "2024"],
    ),
    ("trade-magnet", &["trade", "--stage", "magnet"]),
    (
        "sim-run-example-baseline",
        &["sim", "run", "example-baseline"],
    ),
    ("sim-run-example-ban", &["sim", "run", "example-ban"]),
    (
        "sim-compare-examples",
        &["sim", "compare", "example-baseline", "example-ban"],
    ),
];

const FORMATS: [(&str, &str); 3] = [("table", "txt"), ("csv", "csv"), ("json", "json")];

/// Runs one case in one format and returns its stdout, with the session's temporary paths
/// replaced by stable placeholders.
pub fn run_case(args: &[&str], format: &str) -> String {
    let rf = Session::new();
    let inputs = repo().join("tests/golden/inputs");
    let inputs = inputs.to_str().unwrap();
    let mut all: Vec<String> = args.iter().map(|a| a.replace("{inputs}", inputs)).collect();
    all.extend(["--format".into(), format.into()]);
    let refs: Vec<&str> = all.iter().map(String::as_str).collect();
    let r = rf.run(&refs);
    assert_eq!(r.code, 0, "rareflow {refs:?} failed: {}", r.stderr);
    let db = rf.db();
    without_version(
        &r.stdout
            .replace(db.to_str().unwrap(), "<store>")
            .replace(inputs, "<inputs>"),
    )
}

/// The output with rareflow's version (which names the git commit) replaced: a golden
/// compares what a run says, not which build said it.
fn without_version(text: &str) -> String {
    let key = "\"version\": \"";
    match text.find(key) {
        Some(i) => {
            let start = i + key.len();
            let end = text[start..].find('"').map_or(text.len(), |j| start + j);
            format!("{}<version>{}", &text[..start], &text[end..])
        }
        None => text.to_string(),
    }
}

#[test]
fn every_command_matches_its_golden_output() {
    let update = std::env::var_os("UPDATE_EXPECT").is_some();
    let dir = repo().join("tests/golden");
    let mut differ = Vec::new();
    for (name, args) in CASES {
        for (format, ext) in FORMATS {
            let got = run_case(args, format);
            let path = dir.join(format!("{name}.{ext}"));
            if update {
                std::fs::write(&path, &got).unwrap();
            } else if !same(format, read(&path).as_deref(), &got) {
                differ.push(format!(
                    "{} (rareflow {} --format {format})",
                    path.strip_prefix(repo()).unwrap().display(),
                    args.join(" ")
                ));
            }
        }
    }
    assert!(
        differ.is_empty(),
        "outputs differ from their goldens; run UPDATE_EXPECT=1 cargo test --test integration golden and review the diff:\n{}",
        differ.join("\n")
    );
}

/// Whether an output equals its golden: byte for byte, except that JSON documents are
/// compared as values (key order is the result type's field order, not part of the contract).
fn same(format: &str, golden: Option<&str>, got: &str) -> bool {
    match (format, golden) {
        ("json", Some(g)) => {
            serde_json::from_str::<serde_json::Value>(g).ok()
                == serde_json::from_str::<serde_json::Value>(got).ok()
        }
        (_, Some(g)) => g == got,
        (_, None) => false,
    }
}

fn read(p: &Path) -> Option<String> {
    std::fs::read_to_string(p).ok()
}
