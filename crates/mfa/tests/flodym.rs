//! Cross-check against flodym, the maintained successor of ODYM.
//!
//! `known_answers.rs` pins a handful of published numbers; this file compares whole series
//! and both cohort matrices, year by year, with reference runs of flodym 1.1.0 that
//! `bench/flodym_reference.py` writes to `tests/data/flodym/*.json` (flodym with
//! `inflow_at="end"` and `n_pts_per_interval=1`, which are ODYM's conventions). Every case must
//! agree to `|x − ref| ≤ 1e-9·|ref| + 1e-12·max|ref series|` in inflow, stock, outflow,
//! stock change, stock by cohort and outflow by cohort, for totals-only and cohort runs.
//!
//! flodym's `LogNormalLifetime(mean, std)` takes the mean and sd of the lifetime itself, as
//! rareflow's `Lifetime::LogNormal` does, so the parameters are passed through unchanged.
//! flodym has no negative-inflow correction, so the negative-inflow cases are compared with
//! [`NegativeInflow::Allow`] only.

use mfa::{inflow_driven, stock_driven, Detail, Lifetimes, NegativeInflow, StockModel};
use model::Lifetime;
use serde_json::Value;
use std::path::{Path, PathBuf};

/// Cases skipped because flodym's convention differs from rareflow's, with the reason.
///
/// Empty: with `inflow_at="end"` and the textbook LogNormal, no case differs by convention.
/// Two cases (`inflow_lognormal_30_10_ramp10`, `stock_lognormal_30_10_ramp10`) are NOT
/// excluded although they fail, because the cause is rounding, not a convention: with a 30-year
/// lifetime over 10 years nearly every unit survives (sf ≈ 1 − 1e-12), so the outflows are
/// tiny (largest 1.5e-4), and rareflow forms a cohort's outflow as the fall of its stock,
/// `s[t−1][c] − s[t][c]` (each rounded at the size of the stock, ~5), while flodym forms
/// `inflow[c]·(sf[t−1] − sf[t])`. The difference, ~4e-16, is a few times the absolute term
/// `1e-12·max|ref|`. `survival_with_flodyms_outflow_formula_matches_flodym` shows that
/// rareflow's survival with flodym's formula passes; the fix belongs in `src/dsm.rs`.
const EXCLUDED: &[(&str, &str)] = &[];

fn data_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/flodym")
}

fn num(v: &Value, what: &str) -> f64 {
    v.as_f64()
        .unwrap_or_else(|| panic!("{what}: expected a number, got {v}"))
}

fn series(doc: &Value, key: &str) -> Vec<f64> {
    doc[key]
        .as_array()
        .unwrap_or_else(|| panic!("{key}: expected an array"))
        .iter()
        .map(|v| num(v, key))
        .collect()
}

fn matrix(doc: &Value, key: &str) -> Vec<Vec<f64>> {
    doc[key]
        .as_array()
        .unwrap_or_else(|| panic!("{key}: expected an array of rows"))
        .iter()
        .map(|row| {
            row.as_array()
                .unwrap_or_else(|| panic!("{key}: expected a row"))
                .iter()
                .map(|v| num(v, key))
                .collect()
        })
        .collect()
}

fn lifetime(doc: &Value) -> Lifetime {
    let l = &doc["lifetime"];
    let p = &l["params"];
    let get = |k: &str| num(&p[k], k);
    match l["kind"].as_str() {
        Some("Fixed") => Lifetime::Fixed { mean: get("mean") },
        Some("Normal") => Lifetime::Normal {
            mean: get("mean"),
            sd: get("sd"),
        },
        Some("Weibull") => Lifetime::Weibull {
            shape: get("shape"),
            scale: get("scale"),
        },
        Some("LogNormal") => Lifetime::LogNormal {
            mean: get("mean"),
            sd: get("sd"),
        },
        other => panic!("unknown lifetime kind {other:?}"),
    }
}

/// Compares `got` with `reference`, element by element, scaled by the largest |reference|;
/// returns a description of the worst violation, if any.
fn compare(name: &str, got: &[f64], reference: &[f64]) -> Option<String> {
    if got.len() != reference.len() {
        return Some(format!(
            "{name}: {} values, reference has {}",
            got.len(),
            reference.len()
        ));
    }
    let scale = reference.iter().fold(0.0f64, |a, b| a.max(b.abs()));
    let mut worst: Option<(f64, usize)> = None;
    for (i, (x, r)) in got.iter().zip(reference).enumerate() {
        let allowed = 1e-9 * r.abs() + 1e-12 * scale;
        let excess = (x - r).abs() / allowed.max(f64::MIN_POSITIVE);
        // Written so that a NaN counts as outside the tolerance.
        let within = (x - r).abs() <= allowed;
        if !within && worst.is_none_or(|(w, _)| excess > w) {
            worst = Some((excess, i));
        }
    }
    worst.map(|(excess, i)| {
        format!(
            "{name}[{i}]: {} vs flodym {} ({excess:.1}× the tolerance)",
            got[i], reference[i]
        )
    })
}

fn compare_matrix(name: &str, got: &[Vec<f64>], reference: &[Vec<f64>]) -> Option<String> {
    if got.len() != reference.len() || got.iter().zip(reference).any(|(a, b)| a.len() != b.len()) {
        return Some(format!("{name}: shape differs from the reference"));
    }
    let n = reference.first().map_or(0, Vec::len);
    let flat = |m: &[Vec<f64>]| m.iter().flatten().copied().collect::<Vec<f64>>();
    compare(name, &flat(got), &flat(reference)).map(|s| {
        // Report [t][c] rather than the flat index.
        match s.split_once('[').and_then(|(_, rest)| rest.split_once(']')) {
            Some((i, rest)) if n > 0 => {
                let i: usize = i.parse().unwrap_or(0);
                format!("{name}[t={}][c={}]{rest}", i / n, i % n)
            }
            _ => s,
        }
    })
}

fn solve(doc: &Value, detail: Detail) -> StockModel {
    let lifetimes = Lifetimes::Same(lifetime(doc));
    let input = series(doc, "input");
    match doc["driven"].as_str() {
        Some("inflow") => inflow_driven(&input, &lifetimes, detail),
        Some("stock") => stock_driven(&input, &lifetimes, NegativeInflow::Allow, detail),
        other => panic!("unknown driven {other:?}"),
    }
    .unwrap_or_else(|e| panic!("rareflow refused the case: {e}"))
}

fn check_case(path: &Path) -> Vec<String> {
    let text = std::fs::read_to_string(path).unwrap();
    let doc: Value = serde_json::from_str(&text).unwrap();
    let mut problems = Vec::new();
    for detail in [Detail::Totals, Detail::ByCohort] {
        let m = solve(&doc, detail);
        for (name, got) in [
            ("inflow", &m.inflow),
            ("stock", &m.stock),
            ("outflow", &m.outflow),
            ("stock_change", &m.stock_change),
        ] {
            problems
                .extend(compare(name, got, &series(&doc, name)).map(|s| format!("{detail:?} {s}")));
        }
        if detail == Detail::ByCohort {
            for (name, got) in [
                ("stock_by_cohort", &m.stock_by_cohort),
                ("outflow_by_cohort", &m.outflow_by_cohort),
            ] {
                let got = got.as_ref().expect("ByCohort keeps the matrices");
                problems.extend(compare_matrix(name, &got.to_rows(), &matrix(&doc, name)));
            }
        }
    }
    problems
}

#[test]
fn matches_flodym_reference_runs() {
    let mut paths: Vec<PathBuf> = std::fs::read_dir(data_dir())
        .expect("tests/data/flodym exists (bench/flodym_reference.py writes it)")
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    paths.sort();
    assert!(paths.len() >= 30, "only {} reference cases", paths.len());
    let mut failures = Vec::new();
    let (mut checked, mut failing) = (0, 0);
    for path in &paths {
        let case = path.file_stem().unwrap().to_string_lossy().into_owned();
        if EXCLUDED.iter().any(|(c, _)| *c == case) {
            continue;
        }
        checked += 1;
        let problems = check_case(path);
        failing += usize::from(!problems.is_empty());
        failures.extend(problems.into_iter().map(|p| format!("{case}: {p}")));
    }
    assert!(
        failures.is_empty(),
        "{failing} of {checked} cases checked disagree with flodym (worst element per series):\n{}",
        failures.join("\n")
    );
}

#[test]
fn reference_files_are_flodym_runs_with_odym_conventions() {
    for e in std::fs::read_dir(data_dir()).unwrap() {
        let path = e.unwrap().path();
        let doc: Value = serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
        assert!(
            doc["flodym_version"]
                .as_str()
                .is_some_and(|v| !v.is_empty()),
            "{path:?}: no flodym_version"
        );
        assert_eq!(doc["flodym_lifetime"]["inflow_at"], "end", "{path:?}");
        assert_eq!(doc["flodym_lifetime"]["n_pts_per_interval"], 1, "{path:?}");
    }
}

/// rareflow's survival curve, with the solved inflow and flodym's own outflow formula
/// `inflow[c]·(sf[t−1][c] − sf[t][c])` (`inflow[c]·(1 − sf[c][c])` in the inflow year), gives
/// flodym's outflow by cohort within the tolerance in every case: the survival functions
/// agree, and any disagreement in `matches_flodym_reference_runs` comes from how rareflow
/// forms the outflow (the fall of the cohort stock, `s[t−1][c] − s[t][c]`), not from the
/// lifetime conventions.
#[test]
fn survival_with_flodyms_outflow_formula_matches_flodym() {
    let mut failures = Vec::new();
    for e in std::fs::read_dir(data_dir()).unwrap() {
        let path = e.unwrap().path();
        let case = path.file_stem().unwrap().to_string_lossy().into_owned();
        let doc: Value = serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
        let inflow = solve(&doc, Detail::Totals).inflow;
        let n = inflow.len();
        let sf = mfa::survival::survival_curve(lifetime(&doc), n);
        let outflow: Vec<Vec<f64>> = (0..n)
            .map(|t| {
                (0..n)
                    .map(|c| match t {
                        t if t < c => 0.0,
                        t if t == c => inflow[c] * (1.0 - sf[0]),
                        t => inflow[c] * (sf[t - c - 1] - sf[t - c]),
                    })
                    .collect()
            })
            .collect();
        failures.extend(
            compare_matrix(
                "outflow_by_cohort",
                &outflow,
                &matrix(&doc, "outflow_by_cohort"),
            )
            .map(|s| format!("{case}: {s}")),
        );
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
