//! Published figures reproduced from the bundled data: USGS MCS shares, HHI, ranks,
//! revisions between editions, lower bounds, and the conflicting Russian estimates.

use crate::util::{round, rows_with, Session};

#[test]
fn mcs2025_mine_production_2024_shares_and_hhi() {
    let rf = Session::new();
    let c = rf.json(&[
        "concentration",
        "--metric",
        "mine-production",
        "--edition",
        "MCS2025",
        "--year",
        "2024",
    ]);
    assert_eq!(c["edition"], "MCS2025");
    assert_eq!(c["year"], 2024);
    assert_eq!(c["world_total"], 390000.0);
    let share = |code: &str| {
        c["shares"]
            .as_array()
            .unwrap()
            .iter()
            .find(|s| s["country"] == code)
            .unwrap()["share"]
            .as_f64()
            .unwrap()
    };
    // China: 270,000 of the rounded world total 390,000.
    assert_eq!(round(share("CHN"), 4), 0.6923);
    // Russia: 2,500 t, the press's 0.64%.
    assert_eq!(round(share("RUS"), 5), 0.00641);
    // HHI on the world-total denominator, USGS MCS 2025.
    assert_eq!(c["hhi_world_total"].as_f64().unwrap().round(), 5024.0);
    // Over the sum of the reporting countries (392,850 t, not the rounded 390,000) the HHI differs.
    let values: Vec<f64> = c["shares"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["value"].as_f64().unwrap())
        .collect();
    let sum: f64 = values.iter().sum();
    assert_eq!(sum, 392850.0);
    let expected: f64 = values.iter().map(|v| (100.0 * v / sum).powi(2)).sum();
    // Documents carry 12 significant digits (issue 10, fix 9).
    assert!((c["hhi_country_sum"].as_f64().unwrap() - expected).abs() < 1e-7);
    // Aggregates never enter the shares.
    assert!(c["shares"]
        .as_array()
        .unwrap()
        .iter()
        .all(|s| s["country"] != "other" && s["country"] != "world_total"));
    let top3 = c["top3_share"].as_f64().unwrap();
    assert_eq!(
        round(top3, 4),
        round((270000.0 + 45000.0 + 31000.0) / 390000.0, 4)
    );
}

#[test]
fn mcs2025_reserves_rank_russia_fifth() {
    let rf = Session::new();
    let r = rf.json(&["rank", "--metric", "reserves", "--edition", "MCS2025"]);
    let ranked: Vec<(String, f64, u64)> = r
        .as_array()
        .unwrap()
        .iter()
        .filter(|x| !x["rank"].is_null())
        .map(|x| {
            (
                x["country"].as_str().unwrap().to_string(),
                x["value"].as_f64().unwrap(),
                x["rank"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        ranked[..5],
        [
            ("CHN".into(), 44e6, 1),
            ("BRA".into(), 21e6, 2),
            ("IND".into(), 6.9e6, 3),
            ("AUS".into(), 5.7e6, 4),
            ("RUS".into(), 3.8e6, 5)
        ]
    );
    // The world total is a lower bound (">90 Mt"): every share over it is an upper bound.
    let world = rows_with(&r, "kind", "world_total");
    assert_eq!(world[0]["value"], 90e6);
    assert!(world[0]["flags"]
        .as_array()
        .unwrap()
        .contains(&"lower_bound".into()));
    assert!(r
        .as_array()
        .unwrap()
        .iter()
        .filter(|x| !x["rank"].is_null())
        .all(|x| x["flags"]
            .as_array()
            .unwrap()
            .contains(&"upper_bound".into())));
    // Gaps (Burma's reserves: NA) come after the ranked values, with value null.
    let burma = rows_with(&r, "country", "MMR");
    assert!(burma[0]["value"].is_null() && burma[0]["rank"].is_null());
    assert!(burma[0]["flags"].as_array().unwrap().contains(&"NA".into()));
    let pos = |code: &str| {
        r.as_array()
            .unwrap()
            .iter()
            .position(|x| x["country"] == code)
            .unwrap()
    };
    assert!(pos("MMR") > pos("THA"), "gaps follow every ranked value");
}

#[test]
fn mcs2024_world_reserves_are_110_mt_and_not_a_bound() {
    let rf = Session::new();
    let r = rf.json(&["rank", "--metric", "reserves", "--edition", "MCS2024"]);
    let world = rows_with(&r, "kind", "world_total");
    assert_eq!(world[0]["value"], 110e6);
    assert!(!world[0]["flags"]
        .as_array()
        .unwrap()
        .contains(&"lower_bound".into()));
    assert_eq!(world[0]["year"], 2023);
}

#[test]
fn russia_reserves_every_estimate_side_by_side() {
    let rf = Session::new();
    let c = rf.json(&["compare", "--country", "RUS", "--metric", "reserves"]);
    let has = |edition: &str, value: f64| {
        c.as_array()
            .unwrap()
            .iter()
            .any(|x| x["edition"] == edition && x["value"] == value)
    };
    assert!(has("MCS2024", 10e6));
    assert!(has("MCS2025", 3.8e6));
    assert!(has("MCS2026", 3.8e6));
    assert!(has("MNR-RU-2025", 28.5e6));
    assert!(has("MNR-RU-2025", 28.7e6));
    let ministry = rows_with(&c, "edition", "MNR-RU-2025");
    assert!(ministry.iter().all(|m| m["kind"] == "government_claim"));
    assert!(ministry
        .iter()
        .any(|m| m["value"] == 28.5e6 && m["citation"].as_str().unwrap().starts_with("CNBC")));
    assert!(ministry.iter().any(|m| m["value"] == 28.7e6
        && m["citation"]
            .as_str()
            .unwrap()
            .starts_with("Rare Earth Exchanges")));
    assert!(ministry
        .iter()
        .all(|m| m["note"].as_str().unwrap().contains("A+B+C1+C2")));
    let table = rf.run(&["compare", "--country", "RUS", "--metric", "reserves"]);
    assert!(table.stdout.contains("max/min 7.55"), "{}", table.stdout);
}

#[test]
fn revisions_between_editions_stay_visible() {
    let rf = Session::new();
    let c = rf.json(&[
        "compare",
        "--country",
        "CHN",
        "--metric",
        "mine-production",
        "--year",
        "2023",
    ]);
    let v = |e: &str| rows_with(&c, "edition", e)[0]["value"].as_f64().unwrap();
    assert_eq!(v("MCS2024"), 240000.0);
    assert_eq!(v("MCS2025"), 255000.0);
}

#[test]
fn the_default_is_the_latest_edition_and_year_flagged_transcribed() {
    let rf = Session::new();
    let r = rf.json(&["rank", "--metric", "mine-production"]);
    let china = &rows_with(&r, "country", "CHN")[0];
    assert_eq!(china["edition"], "MCS2026");
    assert_eq!(china["year"], 2025);
    assert_eq!(china["source"], "USGS MCS 2026");
    let flags = china["flags"].as_array().unwrap();
    assert!(flags.contains(&"transcribed".into()) && flags.contains(&"estimated".into()));
}

#[test]
fn only_an_editions_latest_year_is_estimated() {
    let rf = Session::new();
    let c = rf.json(&["compare", "--country", "CHN", "--metric", "mine-production"]);
    for row in c
        .as_array()
        .unwrap()
        .iter()
        .filter(|x| x["table"] == "world")
    {
        let estimated = row["flags"]
            .as_array()
            .unwrap()
            .contains(&"estimated".into());
        let latest = match row["edition"].as_str().unwrap() {
            "MCS2024" => 2023,
            "MCS2025" => 2024,
            "MCS2026" => 2025,
            other => panic!("{other}"),
        };
        assert_eq!(estimated, row["year"] == latest, "{row}");
    }
}

#[test]
fn a_blank_reads_as_zero_only_where_other_editions_print_zero() {
    let rf = Session::new();
    let r = rf.json(&[
        "rank",
        "--metric",
        "mine-production",
        "--edition",
        "MCS2025",
        "--year",
        "2024",
    ]);
    let canada = &rows_with(&r, "country", "CAN")[0];
    assert_eq!(canada["value"], 0.0);
    assert!(canada["flags"]
        .as_array()
        .unwrap()
        .contains(&"blank_read_as_zero".into()));
    // Nigeria's reserves are blank with NA in the notes column: a gap, not zero.
    let res = rf.json(&["rank", "--metric", "reserves", "--edition", "MCS2025"]);
    assert!(rows_with(&res, "country", "NGA")[0]["value"].is_null());
}

#[test]
fn australia_jorc_reserves_are_their_own_observation() {
    let rf = Session::new();
    let c = rf.json(&["compare", "--country", "AUS", "--metric", "reserves"]);
    let jorc: Vec<_> = c
        .as_array()
        .unwrap()
        .iter()
        .filter(|x| x["metric"] == "reserves_jorc")
        .collect();
    assert!(
        jorc.iter()
            .any(|x| x["edition"] == "MCS2025" && x["value"] == 3.3e6),
        "{c}"
    );
    assert!(c
        .as_array()
        .unwrap()
        .iter()
        .any(|x| x["edition"] == "MCS2025" && x["metric"] == "reserves" && x["value"] == 5.7e6));
}

#[test]
fn cite_matches_the_digits_typed() {
    let rf = Session::new();
    let c = rf.json(&[
        "cite",
        "--country",
        "RUS",
        "--metric",
        "reserves",
        "--value",
        "3.8Mt",
    ]);
    let editions: Vec<_> = c
        .as_array()
        .unwrap()
        .iter()
        .map(|x| x["edition"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(editions, ["MCS2025", "MCS2026"]);
    let ministry = rf.json(&["cite", "--country", "RUS", "--value", "28.5Mt"]);
    assert_eq!(
        ministry.as_array().unwrap().len(),
        2,
        "CNBC and Interfax report 28.5 Mt"
    );
}

#[test]
fn us_net_import_reliance_2024_is_80_percent() {
    let rf = Session::new();
    let c = rf.json(&["country", "USA"]);
    let nir: Vec<_> = c["observations"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|o| {
            o["metric"] == "net_import_reliance" && o["year"] == 2024 && o["material"] == "TREO"
        })
        .collect();
    let compounds = nir
        .iter()
        .find(|o| o["form"] == "compounds and metals")
        .unwrap();
    assert_eq!(compounds["value"], 80.0);
    assert_eq!(compounds["unit"], "%");
    let concentrate = nir.iter().find(|o| o["form"] == "concentrate").unwrap();
    assert!(
        concentrate["value"].is_null()
            && concentrate["flags"]
                .as_array()
                .unwrap()
                .contains(&"net_exporter".into())
    );
    // Exports of ores and compounds in 2024: 43,000 t, mostly concentrate sent to China.
    assert!(c["observations"]
        .as_array()
        .unwrap()
        .iter()
        .any(|o| o["metric"] == "exports_ores_compounds"
            && o["year"] == 2024
            && o["value"] == 43000.0));
    assert_eq!(c["wgi"]["year"], 2023);
}

#[test]
fn overview_shows_the_news_figures() {
    let rf = Session::new();
    let o = rf.json(&["overview", "--edition", "MCS2025"]);
    assert_eq!(o["mine_production_year"], 2024);
    assert_eq!(o["world"]["mine_production"], 390000.0);
    let russia = o["countries"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["country"] == "RUS")
        .unwrap();
    assert_eq!(russia["mine_production"], 2500.0);
    assert_eq!(russia["reserves"], 3.8e6);
    assert_eq!(russia["highlight"], true);
    assert!(o["claims"]
        .as_array()
        .unwrap()
        .iter()
        .any(|c| c["value"] == 28.5e6));
    let table = rf.run(&["overview"]);
    assert_eq!(table.code, 0, "{}", table.stderr);
    assert!(
        table.stdout.contains("◀ in the news") && table.stdout.contains("Flags:"),
        "{}",
        table.stdout
    );
}
