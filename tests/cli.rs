//! Formats, units, the global `--db` flag and `RAREFLOW_DB`.

use crate::util::{finish, rows_with, Session};

#[test]
fn csv_and_json_put_only_the_document_on_stdout() {
    let rf = Session::new();
    let r = rf.run(&[
        "rank",
        "--metric",
        "reserves",
        "--edition",
        "MCS2025",
        "--format",
        "csv",
    ]);
    assert_eq!(r.code, 0);
    let mut reader = csv::Reader::from_reader(r.stdout.as_bytes());
    let headers = reader.headers().unwrap().clone();
    assert_eq!(
        headers.iter().collect::<Vec<_>>(),
        ["rank", "country", "name", "t", "share", "flags"]
    );
    let rows: Vec<_> = reader.records().map(|r| r.unwrap()).collect();
    assert_eq!(&rows[0][1], "CHN");
    assert_eq!(&rows[0][3], "44000000");
    assert!(r.stderr.contains("Aggregates"), "notes go to stderr");
    let j = rf.run(&[
        "compare",
        "--country",
        "RUS",
        "--metric",
        "reserves",
        "--format",
        "json",
    ]);
    serde_json::from_str::<serde_json::Value>(&j.stdout).expect("stdout is one JSON document");
    assert!(j.stderr.contains("Spread"));
}

#[test]
fn units_scale_every_format() {
    let rf = Session::new();
    let r = rf.json(&[
        "rank",
        "--metric",
        "reserves",
        "--edition",
        "MCS2025",
        "--unit",
        "Mt",
    ]);
    let russia = &rows_with(&r, "country", "RUS")[0];
    assert_eq!(russia["value"], 3.8);
    assert_eq!(russia["unit"], "Mt");
    let t = rf.run(&[
        "rank",
        "--metric",
        "mine-production",
        "--edition",
        "MCS2025",
        "--unit",
        "kt",
    ]);
    assert!(
        t.stdout.contains(" kt ") && t.stdout.contains("270"),
        "{}",
        t.stdout
    );
    let table = rf.run(&[
        "rank",
        "--metric",
        "mine-production",
        "--edition",
        "MCS2025",
    ]);
    assert!(
        table.stdout.contains("270,000"),
        "thousands separators: {}",
        table.stdout
    );
}

#[test]
fn the_store_comes_from_the_flag_before_or_after_the_command_or_the_environment() {
    let rf = Session::new();
    let bin = env!("CARGO_BIN_EXE_rareflow");
    // Only a write creates the store (issue 10, fix 15), so each form imports a file.
    let text =
        crate::util::raw("data/raw/usgs/MCS2025_World_Data.csv").replace("MCS2025,", "F2025,");
    let file = rf.write("f.csv", &text);
    let db = rf.path("env.db");
    let before = finish(
        std::process::Command::new(bin)
            .args(["--db", db.to_str().unwrap(), "import", "usgs-mcs"])
            .arg(&file)
            .env_remove("RAREFLOW_DB")
            .output()
            .unwrap(),
    );
    assert_eq!(before.code, 0, "{}", before.stderr);
    assert!(db.exists());
    let env_db = rf.path("from-env.db");
    let env = finish(
        std::process::Command::new(bin)
            .args(["import", "usgs-mcs"])
            .arg(&file)
            .env("RAREFLOW_DB", &env_db)
            .output()
            .unwrap(),
    );
    assert_eq!(env.code, 0, "{}", env.stderr);
    assert!(env_db.exists());
}
