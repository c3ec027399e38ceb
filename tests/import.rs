//! Import round trips: a real file under a new edition id comes back through every query
//! exactly as the bundled edition it copies; `--replace`; imported editions join queries.

use crate::util::{raw, rows_with, s, Session};
use serde_json::Value;

fn strip_edition(doc: &Value) -> Vec<Value> {
    doc.as_array()
        .unwrap()
        .iter()
        .map(|r| {
            let mut r = r.clone();
            let o = r.as_object_mut().unwrap();
            o.remove("edition");
            o.remove("source");
            o.remove("note");
            r
        })
        .collect()
}

#[test]
fn the_mcs2025_world_data_round_trips_under_a_new_id() {
    let rf = Session::new();
    let text = raw("data/raw/usgs/MCS2025_World_Data.csv").replace("MCS2025,", "MCS2025X,");
    let f = rf.write("world.csv", &text);
    let r = rf.run(&["import", "usgs-mcs", s(&f)]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stdout.contains("imported MCS2025X"), "{}", r.stdout);
    for metric in ["mine-production", "reserves"] {
        let bundled = rf.json(&["rank", "--metric", metric, "--edition", "MCS2025"]);
        let imported = rf.json(&["rank", "--metric", metric, "--edition", "MCS2025X"]);
        assert_eq!(
            strip_edition(&bundled),
            strip_edition(&imported),
            "{metric}"
        );
    }
    let sources = rf.json(&["sources"]);
    assert_eq!(
        rows_with(&sources, "edition", "MCS2025X")[0]["imported"],
        true
    );
    // Again without --replace: refused, and nothing changes.
    let again = rf.run(&["import", "usgs-mcs", s(&f)]);
    assert_eq!(again.code, 1);
    assert_eq!(again.stderr.trim(), format!("error: {}: edition MCS2025X already exists in the store: pass --replace to replace an imported edition", s(&f)));
    // With --replace, a corrected file replaces the edition.
    let corrected = rf.write(
        "world2.csv",
        &text.replace(
            "Russia ,\"Mine production, rare-earth-oxide equivalent\",metric tons,2500,2500",
            "Russia ,\"Mine production, rare-earth-oxide equivalent\",metric tons,2500,2600",
        ),
    );
    let r = rf.run(&["import", "usgs-mcs", "--replace", s(&corrected)]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let c = rf.json(&[
        "compare",
        "--country",
        "RUS",
        "--metric",
        "mine-production",
        "--year",
        "2024",
    ]);
    assert_eq!(rows_with(&c, "edition", "MCS2025X")[0]["value"], 2600.0);
    assert_eq!(rows_with(&c, "edition", "MCS2025X").len(), 1);
}

#[test]
fn the_mcs2024_table_round_trips_and_a_newer_edition_becomes_the_default() {
    let rf = Session::new();
    let text = raw("data/raw/usgs/mcs2024-raree_world.csv").replace("MCS2024,", "MCS2027,");
    let f = rf.write("mcs2027.csv", &text);
    let r = rf.run(&["import", "usgs-mcs", s(&f)]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let bundled = rf.json(&["rank", "--metric", "reserves", "--edition", "MCS2024"]);
    let imported = rf.json(&["rank", "--metric", "reserves", "--edition", "MCS2027"]);
    // The edition year moves the reserves year with it (reserves are as of the year before).
    let imported: Vec<Value> = strip_edition(&imported)
        .into_iter()
        .map(|mut r| {
            r["year"] = 2023.into();
            r
        })
        .collect();
    assert_eq!(strip_edition(&bundled), imported);
    // MCS2027 is now the latest statistical edition: the default answer comes from it.
    let default = rf.json(&["rank", "--metric", "mine-production"]);
    assert_eq!(
        rows_with(&default, "country", "CHN")[0]["edition"],
        "MCS2027"
    );
    // And it joins `compare` beside the bundled editions.
    let c = rf.json(&["compare", "--country", "RUS", "--metric", "reserves"]);
    assert_eq!(rows_with(&c, "edition", "MCS2027")[0]["value"], 10e6);
}

#[test]
fn the_store_is_created_on_first_write_never_on_a_read() {
    let rf = Session::new();
    assert!(!rf.db().exists());
    assert_eq!(rf.run(&["sources"]).code, 0);
    assert!(
        !rf.db().exists(),
        "a read creates nothing (issue 10, fix 15)"
    );
    let text = raw("data/raw/usgs/MCS2025_World_Data.csv").replace("MCS2025,", "W2025,");
    let f = rf.write("w.csv", &text);
    assert_eq!(rf.run(&["import", "usgs-mcs", s(&f)]).code, 0);
    assert!(rf.db().exists());
}
