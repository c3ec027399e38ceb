//! The dashboard without a browser: every page answers, every chart's CSV is exactly the
//! rows of its JSON, and the map's rows are countries the world map can colour. (What a
//! browser draws from them is checked by the browser tests.)

use crate::util::{open, repo, sqlite_server};
use serde_json::Value;

const PAGES: &[&str] = &[
    "/",
    "/?metric=mine-production&edition=MCS2024",
    "/?metric=separation",
    "/?metric=magnet",
    "/country/RUS",
    "/country/United%20States",
    "/chain",
    "/chain?scenario=china-2025-controls&year=2026&element=Dy",
    "/compare?country=RUS&metric=reserves",
    "/risk?material=Nd",
    "/demand?scenario=net-zero&element=Dy&extend=hold-last",
    "/scenarios",
    "/scenarios?scenario=myanmar-halt",
    "/runs",
    "/about",
];

#[test]
fn every_page_answers_with_html() {
    let (server, _dir) = sqlite_server(open());
    let c = server.client();
    for p in PAGES {
        let r = c.get(p);
        assert_eq!(r.status, 200, "{p}: {}", r.text());
        assert_eq!(
            r.header("content-type"),
            Some("text/html; charset=utf-8"),
            "{p}"
        );
        assert!(
            r.text().contains("<figure") || !p.contains('?') || p.starts_with("/country"),
            "{p}"
        );
    }
    // A page that cannot be drawn says why, as a page.
    let r = c.get("/country/Atlantis");
    assert_eq!(r.status, 404);
    assert!(r.text().contains("Atlantis"), "{}", r.text());
    assert_eq!(c.get("/assets/vendor/echarts.min.js").status, 200);
    let notice = c.get("/about").text();
    assert!(
        notice.contains("The Apache Software Foundation"),
        "the NOTICE of ECharts is shown"
    );
}

fn csv_rows(text: &str) -> Vec<Vec<String>> {
    let mut r = csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(text.as_bytes());
    r.records()
        .map(|x| x.unwrap().iter().map(str::to_string).collect())
        .collect()
}

fn cell_text(v: &Value) -> String {
    match v {
        Value::Null => String::new(),
        Value::String(s) => s.clone(),
        Value::Number(n) => {
            let x = n.as_f64().unwrap();
            if x == x.trunc() && x.abs() < 1e15 {
                format!("{}", x as i64)
            } else {
                format!("{x}")
            }
        }
        other => other.to_string(),
    }
}

#[test]
fn each_csv_is_exactly_the_rows_drawn() {
    let (server, _dir) = sqlite_server(open());
    let c = server.client();
    for q in [
        "map.{}?metric=reserves&edition=MCS2025",
        "map.{}?metric=separation",
        "sankey.{}?scenario=baseline&year=2024",
        "compare.{}?country=RUS&metric=reserves",
        "risk.{}",
        "demand.{}?scenario=stated-policies&element=Nd",
        "shortfalls.{}?scenario=china-2025-controls",
        "scenario-compare.{}?a=baseline&b=myanmar-halt",
    ] {
        let json = c.get(&format!("/charts/{}", q.replace("{}", "json")));
        assert_eq!(json.status, 200, "{q}: {}", json.text());
        let charts = json.json();
        let chart = &charts[0];
        let csv = c.get(&format!("/charts/{}", q.replace("{}", "csv")));
        assert_eq!(csv.status, 200, "{q}: {}", csv.text());
        let rows = csv_rows(&csv.text());
        let header: Vec<String> = chart["columns"]
            .as_array()
            .unwrap()
            .iter()
            .map(cell_text)
            .collect();
        assert_eq!(rows[0], header, "{q}");
        let drawn: Vec<Vec<String>> = chart["rows"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r.as_array().unwrap().iter().map(cell_text).collect())
            .collect();
        assert_eq!(rows[1..].to_vec(), drawn, "{q}");
        assert!(!drawn.is_empty(), "{q} draws nothing");
        assert!(
            chart["source"].as_str().unwrap().starts_with("Source: "),
            "{q}"
        );
    }
}

#[test]
fn the_map_colours_countries_the_world_map_has() {
    let (server, _dir) = sqlite_server(open());
    let c = server.client();
    let topo: Value = serde_json::from_slice(
        &std::fs::read(repo().join("crates/server/assets/vendor/countries-110m.json")).unwrap(),
    )
    .unwrap();
    let ids: Vec<&str> = topo["objects"]["countries"]["geometries"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|g| g["id"].as_str())
        .collect();
    let chart = &c
        .get("/charts/map.json?metric=reserves&edition=MCS2025")
        .json()[0];
    let rank = c.get("/api/v1/rank?metric=reserves&edition=MCS2025").json();
    let countries_with_value = rank
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["kind"] == "country" && r["value"].is_number())
        .count();
    let rows = chart["rows"].as_array().unwrap();
    assert_eq!(
        rows.len(),
        countries_with_value,
        "one row per ranked country with a value"
    );
    for r in rows {
        assert!(
            ids.contains(&r[0].as_str().unwrap()),
            "{r} is not on the world map"
        );
    }
    let russia = rows.iter().find(|r| r[1] == "RUS").unwrap();
    assert_eq!(russia[0], "643");
    assert_eq!(russia[3], 3_800_000.0);
}
