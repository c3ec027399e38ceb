//! Bad input: one cell of a real file patched at a time, the exact message asserted, the
//! store left as it was, and the exit code 1 (2 for usage errors).

use crate::util::{patch, raw, s, Session};

const MCS2024: &str = "data/raw/usgs/mcs2024-raree_world.csv";
const MCS2025: &str = "data/raw/usgs/MCS2025_World_Data.csv";

fn imported_count(rf: &Session) -> usize {
    rf.json(&["sources"])
        .as_array()
        .unwrap()
        .iter()
        .filter(|s| s["imported"] == true)
        .count()
}

#[test]
fn a_word_in_a_number_column_names_file_line_column_and_value() {
    let rf = Session::new();
    let text = raw(MCS2024).replace("MCS2024,", "MCS2024B,");
    let text = patch(&text, ",210000,240000,", ",210000,lots,");
    let f = rf.write("patched.csv", &text);
    let r = rf.run(&["import", "usgs-mcs", s(&f)]);
    assert_eq!(r.code, 1);
    assert_eq!(r.stderr.trim(), format!("error: {}:7:5 (column Prod_t_est_2023): invalid value \"lots\": expected a number of tonnes", s(&f)));
    assert_eq!(imported_count(&rf), 0, "a failed import writes nothing");
}

#[test]
fn an_unknown_unit_is_an_error_with_the_unit_table() {
    let rf = Session::new();
    let text = raw(MCS2025).replace("MCS2025,", "MCS2025X,");
    let china = "China,\"Mine production, rare-earth-oxide equivalent\",metric tons,255000";
    let text = patch(&text, china, &china.replace("metric tons", "metric tonnes"));
    let f = rf.write("units.csv", &text);
    let r = rf.run(&["import", "usgs-mcs", s(&f)]);
    assert_eq!(r.code, 1);
    let line = text
        .lines()
        .position(|l| l.contains("metric tonnes"))
        .unwrap()
        + 1;
    assert_eq!(
        r.stderr.trim(),
        format!(
            "error: {}:{line}:5 (column UNIT_MEAS): invalid value \"metric tonnes\": expected a unit from the unit table: metric tons, thousand metric tons, million metric tons, kilograms",
            s(&f)
        )
    );
}

#[test]
fn an_unknown_country_suggests_the_closest() {
    let rf = Session::new();
    let text = raw(MCS2024).replace("MCS2024,", "MCS2024B,");
    let text = patch(&text, "MCS2024B,China,", "MCS2024B,Chnia,");
    let f = rf.write("country.csv", &text);
    let r = rf.run(&["import", "usgs-mcs", s(&f)]);
    assert_eq!(r.code, 1);
    assert!(r.stderr.starts_with(&format!("error: {}:7:2 (column Country): invalid value \"Chnia\": expected a country name or ISO3 code (closest: CHN (China)", s(&f))), "{}", r.stderr);
}

#[test]
fn a_negative_quantity_is_refused() {
    let rf = Session::new();
    let text = raw(MCS2024).replace("MCS2024,", "MCS2024B,");
    let text = patch(&text, ",2600,2600,,10000000,", ",2600,-2600,,10000000,");
    let f = rf.write("negative.csv", &text);
    let r = rf.run(&["import", "usgs-mcs", s(&f)]);
    assert_eq!(r.code, 1);
    assert!(
        r.stderr.contains(
            "(column Prod_t_est_2023): invalid value \"-2600\": expected a number of tonnes"
        ),
        "{}",
        r.stderr
    );
}

#[test]
fn bundled_editions_cannot_be_imported_again() {
    let rf = Session::new();
    let r = rf.run(&["import", "usgs-mcs", s(&crate::util::repo().join(MCS2025))]);
    assert_eq!(r.code, 1);
    assert!(
        r.stderr
            .contains("edition MCS2025 already exists in the bundled dataset"),
        "{}",
        r.stderr
    );
    let r = rf.run(&[
        "import",
        "usgs-mcs",
        "--replace",
        s(&crate::util::repo().join(MCS2025)),
    ]);
    assert_eq!(r.code, 1, "--replace does not shadow bundled data");
    assert_eq!(imported_count(&rf), 0);
}

#[test]
fn files_that_are_not_tables_fail_cleanly() {
    let rf = Session::new();
    for (name, bytes) in [
        ("binary.csv", vec![0u8, 159, 146, 150, 0, 1]),
        ("empty.csv", vec![]),
        ("other.csv", b"a,b\n1,2\n".to_vec()),
    ] {
        let f = rf.path(name);
        std::fs::write(&f, bytes).unwrap();
        let r = rf.run(&["import", "usgs-mcs", s(&f)]);
        assert_eq!(r.code, 1, "{name}: {}", r.stderr);
        assert!(
            r.stderr.starts_with(&format!("error: {}", s(&f))),
            "{name}: {}",
            r.stderr
        );
        assert!(!r.stderr.contains("panicked"));
    }
    let r = rf.run(&["import", "usgs-mcs", "/nonexistent/file.csv"]);
    assert_eq!(r.code, 1);
    assert!(
        r.stderr.contains("cannot read /nonexistent/file.csv"),
        "{}",
        r.stderr
    );
}

#[test]
fn usage_errors_exit_2_and_user_errors_exit_1() {
    let rf = Session::new();
    assert_eq!(rf.run(&["rank", "--metric", "tonnage"]).code, 2);
    assert_eq!(rf.run(&["frobnicate"]).code, 2);
    let r = rf.run(&["compare", "--country", "RUSS", "--metric", "reserves"]);
    assert_eq!(r.code, 1);
    assert_eq!(r.stderr.trim(), "error: unknown country \"RUSS\": expected an ISO 3166 alpha-3 code or a name; did you mean RUS (Russia), REU (Réunion), ROU (Romania)?");
    let r = rf.run(&["rank", "--metric", "reserves", "--edition", "MCS1999"]);
    assert_eq!(r.code, 1);
    assert!(
        r.stderr.starts_with(
            "error: unknown edition \"MCS1999\": expected one of MCS2024, MCS2025, MCS2026"
        ),
        "{}",
        r.stderr
    );
    let r = rf.run(&[
        "rank",
        "--metric",
        "reserves",
        "--edition",
        "MCS2025",
        "--year",
        "2019",
    ]);
    assert_eq!(r.code, 1);
    assert_eq!(
        r.stderr.trim(),
        "error: MCS2025 has no reserves data for 2019: it reports 2024"
    );
    // A value that is not a quantity is a usage error (exit 2) since issue 10, fix 11.
    let r = rf.run(&["cite", "--value", "lots"]);
    assert_eq!(r.code, 2);
    assert_eq!(r.stderr.trim(), "error: invalid quantity \"lots\": expected a number with a unit t, kt or Mt, such as 3.8Mt");
}
