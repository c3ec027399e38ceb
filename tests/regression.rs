//! Regressions, named after their issue and item: each test failed before its fix.
//!
//! Issue 10 ("What analysts and newcomers hit when they tried it: eighteen fixes").

use crate::util::{raw, repo, rows_with, s, Session};
use serde_json::Value;

/// Numbers in a text that carry more than 12 significant digits (floating-point noise).
fn noisy_numbers(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    for ch in text.chars().chain(std::iter::once(' ')) {
        if ch.is_ascii_digit() || ch == '.' {
            cur.push(ch);
        } else {
            let digits: String = cur.chars().filter(|c| c.is_ascii_digit()).collect();
            let significant = digits.trim_start_matches('0').trim_end_matches('0');
            if cur.contains('.') && significant.len() > 12 {
                out.push(cur.clone());
            }
            cur.clear();
        }
    }
    out
}

fn row<'a>(doc: &'a Value, year: i64, element: &str) -> &'a Value {
    doc["rows"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["year"] == year && r["element"] == element)
        .unwrap()
}

// See: issue 10, fix 1.
#[test]
fn r10_01_demand_totals_never_fall_because_data_stop() {
    let rf = Session::new();
    let args = [
        "demand",
        "--scenario",
        "net-zero",
        "--element",
        "Nd",
        "--from",
        "2029",
        "--to",
        "2032",
    ];
    let d = rf.json(&args);
    let (y2030, y2031) = (row(&d, 2030, "Nd"), row(&d, 2031, "Nd"));
    assert!(y2030["demand"].as_f64().unwrap() > 40_000.0);
    // No deployment figure for cars after 2030: the total is a gap, not 9,743 t.
    assert!(y2031["demand"].is_null(), "{y2031}");
    let missing: Vec<&str> = y2031["missing"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["technology"].as_str().unwrap())
        .collect();
    assert!(missing.contains(&"ev_car"), "{missing:?}");
    // Cars already sold stay in use: the stock does not fall, and it is a lower bound.
    assert!(y2031["stock"].as_f64().unwrap() >= y2030["stock"].as_f64().unwrap());
    assert_eq!(y2031["lower_bound"], true);
    // Holding the last published deployment gives a labelled, non-null total.
    let mut held = args.to_vec();
    held.extend(["--extend", "hold-last"]);
    let h = rf.json(&held);
    let h2031 = row(&h, 2031, "Nd");
    assert!(h2031["demand"].as_f64().unwrap() > 40_000.0, "{h2031}");
    assert_eq!(h2031["lower_bound"], false);
    let car = h2031["by_technology"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["technology"] == "ev_car")
        .unwrap();
    assert_eq!(car["deployment_basis"], "extended");
    assert_eq!(h["extend"], "hold-last");
}

fn stroke_colours(svg: &str) -> std::collections::BTreeSet<String> {
    svg.split("<polyline")
        .skip(1)
        .filter_map(|p| {
            let at = p.find("stroke=\"")? + 8;
            Some(p[at..at + 7].to_string())
        })
        .filter(|c| c != "#000000")
        .collect()
}

// See: issue 10, fix 2.
#[test]
fn r10_02_every_series_has_its_own_colour_a_legend_and_a_source_line() {
    let rf = Session::new();
    let svg = rf.path("demand.svg");
    let r = rf.run(&["demand", "--scenario", "net-zero", "--svg", s(&svg)]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let text = std::fs::read_to_string(&svg).unwrap();
    // Four elements, demand and recycled each: eight lines, eight colours.
    assert_eq!(
        stroke_colours(&text).len(),
        8,
        "{:?}",
        stroke_colours(&text)
    );
    for label in ["Nd demand", "Nd recycled", "Tb demand"] {
        assert!(text.contains(label), "legend lacks {label}");
    }
    assert!(text.contains("Source: rareflow demand --scenario net-zero"));
    let stock = rf.path("stock.svg");
    let input = repo().join("tests/golden/inputs/inflow.csv");
    let r = rf.run(&[
        "stock",
        "--inflow",
        s(&input),
        "--lifetime",
        "fixed:3",
        "--svg",
        s(&stock),
    ]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let text = std::fs::read_to_string(&stock).unwrap();
    assert_eq!(stroke_colours(&text).len(), 3);
    assert!(text.contains("Source: your series"));
    let chain = rf.path("chain.svg");
    assert_eq!(rf.run(&["chain", "--svg", s(&chain)]).code, 0);
    assert!(std::fs::read_to_string(&chain)
        .unwrap()
        .contains("Source: "));
}

// See: issue 10, fixes 3 and 4.
#[test]
fn r10_03_04_usgs_reliance_for_every_commodity_with_its_bounds() {
    let rf = Session::new();
    for commodity in ["yttrium", "scandium"] {
        let d = rf.json(&["risk", "usgs", "--commodity", commodity]);
        let y2024 = d["years"].as_array().unwrap().last().unwrap();
        assert_eq!(y2024["published_nir_pct"], 100.0, "{commodity}: {y2024}");
    }
    let d = rf.json(&["risk", "usgs"]);
    let y2021 = &d["years"][1];
    assert_eq!(y2021["published_nir_pct"], 95.0);
    assert_eq!(y2021["published_nir_lower_bound"], true);
    let table = rf.run(&["risk", "usgs"]).stdout;
    assert!(table.contains(">95%") && table.contains("80%"), "{table}");
}

// See: issue 10, fix 5.
#[test]
fn r10_05_prices_print_as_prices_and_unit_converts_only_tonnes() {
    let rf = Session::new();
    let t = rf.run(&["country", "USA"]).stdout;
    assert!(t.contains("USD/kg of Nd2O3"), "{t}");
    assert!(t.contains("people"), "{t}");
    let d = rf.json(&["country", "USA", "--unit", "kt"]);
    let nd = d["observations"]
        .as_array()
        .unwrap()
        .iter()
        .find(|o| o["metric"] == "price" && o["material"] == "Nd" && o["year"] == 2024)
        .unwrap();
    // 56 USD/kg stays 56 under --unit kt.
    assert_eq!(nd["value"], 56.0);
    let input = repo().join("tests/golden/inputs/inflow.csv");
    let r = rf.run(&[
        "stock",
        "--inflow",
        s(&input),
        "--lifetime",
        "fixed:3",
        "--unit",
        "kt",
    ]);
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(
        r.stderr.contains("`rareflow stock` prints none"),
        "{}",
        r.stderr
    );
}

// See: issue 10, fix 6.
#[test]
fn r10_06_csv_leads_with_the_headline_results() {
    let rf = Session::new();
    let r = rf.run(&[
        "concentration",
        "--metric",
        "mine-production",
        "--edition",
        "MCS2025",
        "--format",
        "csv",
    ]);
    let lines: Vec<&str> = r.stdout.lines().collect();
    assert_eq!(lines[0], "kind,measure,value,country,name,t,share,flags");
    assert!(
        lines
            .iter()
            .any(|l| l.starts_with("summary,hhi_world_total,5023.78")),
        "{}",
        r.stdout
    );
    assert!(lines.iter().any(|l| l.starts_with("summary,top3_share,")));
    assert!(lines
        .iter()
        .any(|l| l.starts_with("share,,,CHN,China,270000,")));
    let r = rf.run(&["risk", "eu", "--material", "Dy", "--format", "csv"]);
    assert!(
        r.stdout.starts_with(
            "kind,measure,stage,computed,published,hhi_wgi,status\nsummary,sr,processing,5.59898"
        ),
        "{}",
        r.stdout
    );
    assert!(r.stdout.contains("summary,critical,"));
}

// See: issue 10, fix 7.
#[test]
fn r10_07_imports_name_their_publisher_and_can_be_listed_and_removed() {
    let rf = Session::new();
    let text = raw("data/raw/usgs/MCS2025_World_Data.csv").replace("MCS2025,", "GEO2025,");
    let f = rf.write("geo.csv", &text);
    let r = rf.run(&[
        "import",
        "usgs-mcs",
        s(&f),
        "--publisher",
        "Geological Survey of Nowhere",
        "--kind",
        "company-report",
    ]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let e = rf.json(&["editions"]);
    assert_eq!(e[0]["edition"], "GEO2025");
    assert_eq!(e[0]["publisher"], "Geological Survey of Nowhere");
    assert_eq!(e[0]["kind"], "company_report");
    assert!(e[0]["observations"].as_u64().unwrap() > 10);
    let gone = rf.run(&["remove", "geo2025"]);
    assert_eq!(gone.code, 0, "{}", gone.stderr);
    assert_eq!(rf.json(&["editions"]), serde_json::json!([]));
    let bundled = rf.run(&["remove", "MCS2025"]);
    assert_eq!(bundled.code, 1);
    assert!(
        bundled
            .stderr
            .contains("bundled with rareflow and cannot be removed"),
        "{}",
        bundled.stderr
    );
    assert_eq!(rf.run(&["remove", "GEO2025"]).code, 1);
}

// See: issue 10, fix 8.
#[test]
fn r10_08_chain_balance_and_country_take_an_edition() {
    let rf = Session::new();
    let c = rf.json(&["chain", "--edition", "MCS2025"]);
    let mining: Vec<_> = rows_with(&c, "stage", "mining")
        .into_iter()
        .filter(|r| r["metric"] == "mine_production")
        .collect();
    assert!(!mining.is_empty());
    assert!(mining
        .iter()
        .all(|r| r["edition"] == "MCS2025" && r["year"] == 2024));
    let b = rf.json(&["balance", "--edition", "MCS2025"]);
    assert!(
        b["notes"][0].as_str().unwrap().contains("(MCS2025)"),
        "{}",
        b["notes"]
    );
    let k = rf.json(&["country", "RUS", "--edition", "MCS2024", "--year", "2023"]);
    let obs = k["observations"].as_array().unwrap();
    assert!(
        !obs.is_empty()
            && obs
                .iter()
                .all(|o| o["edition"] == "MCS2024" && o["year"] == 2023)
    );
    assert_eq!(k["rp_years"]["edition"], "MCS2024");
}

// See: issue 10, fix 9.
#[test]
fn r10_09_no_floating_point_noise_in_documents() {
    let rf = Session::new();
    for args in [
        &["balance", "--format", "json"][..],
        &["balance", "--format", "csv"],
        &[
            "demand",
            "--scenario",
            "stated-policies",
            "--format",
            "json",
        ],
        &["concentration", "--metric", "reserves", "--format", "csv"],
    ] {
        let r = rf.run(args);
        assert_eq!(r.code, 0);
        let noise = noisy_numbers(&r.stdout);
        assert!(noise.is_empty(), "{args:?}: {noise:?}");
    }
}

// See: issue 10, fix 10.
#[test]
fn r10_10_small_values_keep_their_digits() {
    let rf = Session::new();
    let t = rf
        .run(&[
            "rank",
            "--metric",
            "mine-production",
            "--edition",
            "MCS2025",
            "--unit",
            "Mt",
        ])
        .stdout;
    let russia = t.lines().find(|l| l.contains("RUS")).unwrap();
    assert!(russia.contains("0.0025"), "{russia}");
}

// See: issue 10, fix 11.
#[test]
fn r10_11_a_value_needs_its_unit_and_a_decimal_point() {
    let rf = Session::new();
    let r = rf.run(&["cite", "--value", "3.8"]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("3.8Mt"), "{}", r.stderr);
    let r = rf.run(&["cite", "--value", "3,8Mt"]);
    assert_eq!(r.code, 2);
    assert!(
        r.stderr.contains("a comma may only separate thousands"),
        "{}",
        r.stderr
    );
    assert_eq!(rf.run(&["cite", "--value", "2,500t"]).code, 0);
}

// See: issue 10, fix 12.
#[test]
fn r10_12_countries_by_alpha2_and_common_names_editions_in_any_case() {
    let rf = Session::new();
    for (typed, code) in [
        ("CN", "CHN"),
        ("RU", "RUS"),
        ("UK", "GBR"),
        ("Burma", "MMR"),
    ] {
        let c = rf.json(&["country", typed]);
        assert_eq!(c["country"], code, "{typed}");
    }
    let r = rf.json(&["rank", "--metric", "reserves", "--edition", "mcs2025"]);
    assert_eq!(r[0]["edition"], "MCS2025");
    let bad = rf.run(&["rank", "--metric", "reserves", "--edition", "MCS2052"]);
    assert_eq!(bad.code, 1);
    assert_eq!(
        bad.stderr.trim(),
        "error: unknown edition \"MCS2052\": did you mean MCS2025, MCS2024, MCS2026?"
    );
}

// See: issue 10, fix 13.
#[test]
fn r10_13_one_statement_counts_once_however_many_outlets_report_it() {
    let rf = Session::new();
    let c = rf.json(&["compare", "--country", "RUS", "--metric", "reserves"]);
    let claims: Vec<&Value> = c
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["edition"] == "MNR-RU-2025" && r["value"] == 28_500_000.0)
        .collect();
    assert_eq!(claims.len(), 1, "{claims:?}");
    let outlets = claims[0]["outlets"].as_array().unwrap();
    assert_eq!(outlets.len(), 2);
    let r = rf.run(&["compare", "--country", "RUS", "--metric", "reserves"]);
    assert!(r.stdout.contains("(5 values)"), "{}", r.stdout);
}

// See: issue 10, fix 14.
#[test]
fn r10_14_overview_lists_the_top_ten_of_either_and_the_rest() {
    let rf = Session::new();
    let o = rf.json(&["overview"]);
    let countries = o["countries"].as_array().unwrap();
    assert!(
        countries.iter().any(|c| c["country"] == "BRA"),
        "Brazil, 2nd in reserves"
    );
    let share: f64 = countries
        .iter()
        .filter_map(|c| c["share"].as_f64())
        .sum::<f64>()
        + o["other"]["share"].as_f64().unwrap();
    assert!((share - 1.0).abs() < 1e-9, "{share}");
    let t = rf.run(&["overview"]).stdout;
    for explained in [
        "> lower bound",
        "r rounded total",
        "◀ in the news:",
        "R/P years:",
    ] {
        assert!(t.contains(explained), "legend lacks {explained}");
    }
    let c = rf.json(&["concentration", "--metric", "reserves"]);
    assert_eq!(
        c["hhi_world_total_flags"],
        serde_json::json!(["upper_bound"])
    );
    assert!(rf
        .run(&["rank", "--metric", "reserves"])
        .stdout
        .contains("shares over it are upper bounds"));
}

// See: issue 10, fix 15.
#[test]
fn r10_15_reading_creates_no_store_and_a_missing_folder_is_an_error() {
    let rf = Session::new();
    let dir = rf.path("here");
    std::fs::create_dir(&dir).unwrap();
    let db = dir.join("store.db");
    let r = rf.run_at(&db, &["rank", "--metric", "reserves"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(!db.exists(), "a read-only command created the store file");
    let nowhere = dir.join("no/such/folder/store.db");
    let text = raw("data/raw/usgs/MCS2025_World_Data.csv").replace("MCS2025,", "X2025,");
    let f = rf.write("x.csv", &text);
    let r = rf.run_at(&nowhere, &["import", "usgs-mcs", s(&f)]);
    assert_ne!(r.code, 0);
    assert!(r.stderr.contains("does not exist"), "{}", r.stderr);
    assert!(!dir.join("no").exists(), "no folder is made");
}

// See: issue 10, fix 16.
#[test]
fn r10_16_by_cohort_in_table_and_csv() {
    let rf = Session::new();
    let input = repo().join("tests/golden/inputs/inflow.csv");
    let args = [
        "stock",
        "--inflow",
        s(&input),
        "--lifetime",
        "fixed:3",
        "--by-cohort",
    ];
    let csv = rf.run(&[&args[..], &["--format", "csv"]].concat());
    let mut lines = csv.stdout.lines();
    assert_eq!(lines.next(), Some("year,cohort,stock,outflow"));
    assert_eq!(lines.next(), Some("2000,2000,10,0"));
    // Fixed lifetime 3: the 2000 cohort leaves in 2003.
    assert!(csv.stdout.contains("2003,2000,0,10\n"), "{}", csv.stdout);
    let table = rf.run(&args);
    assert!(table.stdout.contains("By cohort"), "{}", table.stdout);
}

// See: issue 10, fix 17.
#[test]
fn r10_17_the_readme_says_what_a_newcomer_needs() {
    let readme = raw("README.md");
    let manifest: toml::Table = toml::from_str(&raw("Cargo.toml")).unwrap();
    let msrv = manifest["workspace"]["package"]["rust-version"]
        .as_str()
        .unwrap();
    assert_eq!(msrv, "1.94", "sqlx 0.9 needs Rust 1.94");
    assert!(
        readme.contains(&format!("Rust {msrv}")),
        "README names Rust {msrv}"
    );
    assert!(readme.contains("cargo install --path ."));
    assert!(
        readme.contains("target/"),
        "README says how much disk target/ needs"
    );
}

// See: issue 10, fix 18.
#[test]
fn r10_18_ci_requires_the_postgresql_leg_and_skips_are_visible() {
    assert!(raw(".ci/run").contains("export CI=1"));
    let store_tests = raw("crates/store/tests/store.rs");
    assert!(
        store_tests.contains("ignore = \"PostgreSQL leg"),
        "a skipped leg is an ignored test with its reason"
    );
}
