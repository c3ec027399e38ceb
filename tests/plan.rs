//! The roadmap planner from the command line (issue 15): the bundled roadmaps come back
//! optimal or infeasible with the binding constraint named, with sources; `--out` writes
//! the contract's files (compared with `tests/golden/roadmaps/`, not the timing fields);
//! `--simulate` runs the plan through the simulator and can say a target fails; bad
//! roadmaps get located errors and exit 1. The hand-built instances solved by hand are in
//! `crates/plan/tests/hand.rs`.

use crate::util::{repo, s, Session};
use serde_json::Value;

const ROADMAPS: [&str; 3] = ["russia-2030", "eu-crma-2030", "us-mine-to-magnet"];

fn f(v: &Value) -> f64 {
    v.as_f64().unwrap_or_else(|| panic!("not a number: {v}"))
}

#[test]
fn plan_list_names_the_three_bundled_roadmaps() {
    let rf = Session::new();
    let v = rf.json(&["plan", "list"]);
    let names: Vec<&str> = v["roadmaps"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ROADMAPS);
}

#[test]
fn every_bundled_roadmap_is_optimal_or_names_what_binds() {
    let rf = Session::new();
    let schema = crate::schema::schema(&rf, &["plan".to_string()]);
    for name in ROADMAPS {
        let v = rf.json(&["plan", name]);
        let validator = jsonschema::validator_for(&schema).unwrap();
        let errors: Vec<String> = validator
            .iter_errors(&v)
            .take(3)
            .map(|e| e.to_string())
            .collect();
        assert!(errors.is_empty(), "{name}: {errors:?}");
        let p = &v["plan"];
        let status = p["status"].as_str().unwrap();
        assert!(
            !v["sources"].as_array().unwrap().is_empty(),
            "{name}: no sources"
        );
        assert!(v["metadata"]["solver"]
            .as_str()
            .unwrap()
            .starts_with("highs 1."));
        assert_eq!(v["metadata"]["status"], status);
        match status {
            "optimal" => {
                assert!(p["infeasible"].is_null());
                for t in p["targets"].as_array().unwrap() {
                    assert_eq!(t["met"], true, "{name}: {t}");
                }
            }
            "infeasible" => {
                let inf = &p["infeasible"];
                let binding = inf["binding"].as_str().unwrap();
                assert!(
                    ["lead_time", "capacity", "budget", "feed", "combined"].contains(&binding),
                    "{name}: {inf}"
                );
                let msg = inf["message"].as_str().unwrap();
                assert!(msg.contains(&inf["year"].to_string()), "{name}: {msg}");
                assert!(f(&inf["achievable"]) < f(&inf["required"]), "{name}: {inf}");
            }
            other => panic!("{name}: status {other}"),
        }
        // Every candidate left out says why.
        for x in p["excluded"].as_array().unwrap() {
            assert!(!x["reason"].as_str().unwrap().is_empty(), "{name}: {x}");
        }
    }
}

#[test]
fn the_us_chain_reaches_its_magnet_target_at_least_cost() {
    let rf = Session::new();
    let v = rf.json(&["plan", "us-mine-to-magnet"]);
    let p = &v["plan"];
    assert_eq!(p["status"], "optimal");
    // 10,000 t NdFeB x 0.31 x 1.1664 = 3,616 t magnet REO from 2029, met exactly (it binds,
    // so it has a marginal cost).
    let targets = p["targets"].as_array().unwrap();
    assert_eq!(targets.len(), 7);
    for t in targets {
        assert_eq!(f(&t["required"]), 3616.0);
        assert!((f(&t["achieved"]) - 3616.0).abs() < 1e-6, "{t}");
        assert!(f(&t["shadow_price"]) > 0.0, "{t}");
    }
    // The objective is the sum of the discounted costs of the years.
    let sum: f64 = p["costs"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| f(&c["discounted"]))
        .sum();
    assert!(
        (sum - f(&p["objective"])).abs() < 1e-6 * sum,
        "{sum} vs {}",
        p["objective"]
    );
    // No magnet plant runs without US-separated oxide: nothing is bought.
    for y in p["feed"].as_array().unwrap() {
        assert_eq!(f(&y["oxide_bought"]), 0.0);
        assert_eq!(f(&y["concentrate_bought"]), 0.0);
    }
    // The RUB- and 2026-USD-costed candidates are excluded with the reason.
    let excluded = p["excluded"].as_array().unwrap();
    let wm2 = excluded
        .iter()
        .find(|x| x["project"] == "Energy Fuels White Mesa Phase 2")
        .expect("White Mesa Phase 2 is listed");
    assert!(
        wm2["reason"].as_str().unwrap().contains("CPI-U) for 2026"),
        "{wm2}"
    );
}

#[test]
fn russia_cannot_reach_3000_t_by_2030_and_the_answer_says_why() {
    let rf = Session::new();
    let v = rf.json(&["plan", "russia-2030"]);
    let p = &v["plan"];
    assert_eq!(p["status"], "infeasible");
    assert_eq!(p["infeasible"]["year"], 2030);
    assert_eq!(p["closest"], true);
    // Solikamsk and Glazov are costed in roubles, which data/fx.csv has no rate for.
    let excluded = p["excluded"].as_array().unwrap();
    let x = excluded
        .iter()
        .find(|x| x["project"] == "Glazov permanent magnet plant (Rosatom)")
        .unwrap();
    assert!(
        x["reason"]
            .as_str()
            .unwrap()
            .contains("no exchange rate for RUB"),
        "{x}"
    );
}

#[test]
fn the_eu_extraction_benchmark_cannot_be_met_in_2030() {
    let rf = Session::new();
    let v = rf.json(&["plan", "eu-crma-2030"]);
    let p = &v["plan"];
    assert_eq!(p["status"], "infeasible");
    let inf = &p["infeasible"];
    assert_eq!(inf["target"], "extraction 10%");
    assert_eq!(inf["year"], 2030);
    // 10% of the EU's demand (6.4% of the world's, stated-policies) is required.
    assert!(f(&inf["required"]) > 0.0);
    // The supplier share of the 65% rule is filled from the world network, with its source.
    assert!(v["assumptions"]
        .as_array()
        .unwrap()
        .iter()
        .any(|a| a.as_str().unwrap().contains("supplier share")));
}

#[test]
fn out_writes_the_contract_files_and_they_match_their_goldens() {
    let rf = Session::new();
    let mut differ = Vec::new();
    for name in ROADMAPS {
        let out = rf.path(&format!("out-{name}"));
        let r = rf.run(&["plan", name, "--out", s(&out)]);
        assert_eq!(r.code, 0, "{name}: {}", r.stderr);
        let header = |file: &str| {
            let text = std::fs::read_to_string(out.join(file)).unwrap();
            text.lines().next().unwrap_or_default().to_string()
        };
        assert_eq!(
            header("projects.csv"),
            "project,country,stage,decide_year,first_output_year,capacity_t,capex,opex,currency"
        );
        assert_eq!(header("output.csv"), "year,project,element,t");
        assert_eq!(
            header("targets.csv"),
            "year,target,required,achieved,shadow_price"
        );
        let meta: Value =
            serde_json::from_str(&std::fs::read_to_string(out.join("metadata.json")).unwrap())
                .unwrap();
        for key in [
            "solver",
            "status",
            "objective",
            "gap",
            "seconds",
            "roadmap_sha256",
            "dataset_sha256",
        ] {
            assert!(meta.get(key).is_some(), "{name}: metadata.json lacks {key}");
        }
        let dir = repo().join("tests/golden/roadmaps").join(name);
        let files = [
            "projects.csv",
            "output.csv",
            "targets.csv",
            "costs.csv",
            "excluded.csv",
        ];
        crate::util::check_golden_files(&out, &dir, &files, &mut differ);
    }
    assert!(
        differ.is_empty(),
        "plan outputs differ from their goldens; run UPDATE_EXPECT=1 cargo test --test integration plan and review the diff:\n{}",
        differ.join("\n")
    );
}

#[test]
fn svg_draws_the_timeline_and_the_cost_curve_with_a_source_line() {
    let rf = Session::new();
    let svg = rf.path("us.svg");
    let r = rf.run(&["plan", "us-mine-to-magnet", "--svg", s(&svg)]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let text = std::fs::read_to_string(&svg).unwrap();
    assert!(text.starts_with("<svg"), "not an SVG");
    for want in [
        "Aclara Louisiana",
        "Cost per year",
        "capex",
        "opex",
        "Source: rareflow plan us-mine-to-magnet",
    ] {
        assert!(text.contains(want), "the chart lacks {want:?}");
    }
    // A chart into a folder that does not exist is refused before anything is solved.
    let r = rf.run(&[
        "plan",
        "us-mine-to-magnet",
        "--svg",
        s(&rf.path("no/such/x.svg")),
    ]);
    assert_eq!(r.code, 1);
    assert!(r.stderr.contains("does not exist"), "{}", r.stderr);
}

#[test]
fn a_plan_tested_under_a_scenario_holds_or_says_when_it_fails() {
    let rf = Session::new();
    let v = rf.json(&[
        "plan",
        "us-mine-to-magnet",
        "--simulate",
        "china-2025-controls",
    ]);
    let sim = &v["simulation"];
    assert_eq!(sim["scenario"], "china-2025-controls");
    assert!(sim["events"].as_u64().unwrap() > 0);
    // The chain is American: China's controls do not reach it.
    assert_eq!(sim["holds"], true, "{sim}");
    let years: Vec<i64> = sim["targets"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["year"].as_i64().unwrap())
        .collect();
    assert_eq!(years, [2029, 2030]);
    // A scenario that halts US separation from 2029 breaks it, and the answer says so.
    let halt = rf.write(
        "us-halt.toml",
        "name = \"us-separation-halt\"\nfrom = 2024\nto = 2030\nnetwork = \"bundled\"\n\n[[events]]\ntype = \"disruption\"\ncountry = \"USA\"\nstage = \"separation\"\nfraction = 1\nstart = 2029\n",
    );
    let v = rf.json(&["plan", "us-mine-to-magnet", "--simulate", s(&halt)]);
    let sim = &v["simulation"];
    assert_eq!(sim["holds"], false, "{sim}");
    let t2029 = &sim["targets"][0];
    assert_eq!(t2029["met"], false);
    assert!(f(&t2029["achieved"]) < f(&t2029["required"]));
}

/// A valid roadmap to patch one value at a time.
const OK: &str = "name = \"t\"\nfrom = 2026\nto = 2030\ngroup = \"USA\"\nexclude = [\"Mountain Pass\"]\n\n[budget]\nper_year_musd = 500\n\n[[targets]]\nkind = \"volume\"\nelement = \"NdPr\"\nstage = \"separation\"\ntonnes = 1000\nfrom = 2028\n";

#[test]
fn bad_roadmaps_get_located_errors_and_exit_1() {
    let rf = Session::new();
    let run = |text: &str| {
        let p = rf.write("bad.toml", text);
        let r = rf.run(&["plan", s(&p)]);
        (r.code, r.stderr.replace(s(&p), "bad.toml"))
    };
    let (code, err) = run(OK);
    assert_eq!(code, 0, "{err}");
    let cases = [
        (
            OK.replace("\"Mountain Pass\"", "\"Mountain Pas\""),
            "bad.toml:5:12 (key exclude[0]): unknown project \"Mountain Pas\": expected a project of data/projects.csv (did you mean Mountain Pass",
        ),
        (
            OK.replace("group = \"USA\"", "group = \"XYZ\""),
            "bad.toml:4:9 (key group): invalid value \"XYZ\": expected an ISO 3166 alpha-3 code of a known country",
        ),
        (
            OK.replace("\"NdPr\"", "\"Xx\""),
            "bad.toml:12:11 (key targets[0].element): invalid value \"Xx\"",
        ),
        (
            OK.replace("kind = \"volume\"", "kind = \"share\"").replace("tonnes = 1000", "share = 1.5"),
            "bad.toml:14:9 (key targets[0].share): invalid value 1.5: expected a share from 0 to 1",
        ),
        (
            OK.replace("per_year_musd = 500", "per_year_musd = -5"),
            "bad.toml:8:17 (key budget.per_year_musd): invalid value -5: expected million USD (2024), not below 0",
        ),
        (
            OK.replace("from = 2028", "from = 2031"),
            "bad.toml:15:8 (key targets[0].from): invalid value 2031: expected a year within the horizon (2026 to 2030)",
        ),
    ];
    for (text, expected) in cases {
        let (code, err) = run(&text);
        assert_eq!(code, 1, "{err}");
        assert!(err.contains(expected), "expected {expected:?} in:\n{err}");
    }
    // An unknown bundled name suggests the near one.
    let r = rf.run(&["plan", "russia-2031"]);
    assert_eq!(r.code, 1);
    assert!(
        r.stderr.contains("did you mean russia-2030"),
        "{}",
        r.stderr
    );
}
