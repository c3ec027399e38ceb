//! Bad input never poisons the store, never aborts, never hangs (issue 11): each finding of
//! the hostile test, reproduced with a small or generated input. Every run here must end
//! with exit code 0, 1 or 2, print no `NaN` or `inf`, and finish within a generous time
//! limit (which catches hangs only: speed is a benchmark's business).

use crate::util::{raw, s, Run, Session};
use std::time::{Duration, Instant};

/// How long any single run may take before the test calls it a hang.
const HANG: Duration = Duration::from_secs(60);

/// Runs a command with a time limit and the invariants every run must keep.
fn bounded(rf: &Session, args: &[&str]) -> Run {
    bounded_at(rf, None, args)
}

fn bounded_at(rf: &Session, db: Option<&str>, args: &[&str]) -> Run {
    let mut c = rf.command(args);
    if let Some(db) = db {
        c = std::process::Command::new(env!("CARGO_BIN_EXE_rareflow"));
        c.args(args).arg("--db").arg(db).env_remove("RAREFLOW_DB");
    }
    let mut child = c
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    // Both pipes are drained while the child runs, so a long output cannot block it.
    let drain = |mut pipe: Box<dyn std::io::Read + Send>| {
        std::thread::spawn(move || {
            let mut buf = Vec::new();
            let _ = pipe.read_to_end(&mut buf);
            buf
        })
    };
    let out = drain(Box::new(child.stdout.take().unwrap()));
    let err = drain(Box::new(child.stderr.take().unwrap()));
    let start = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if start.elapsed() > HANG {
            let _ = child.kill();
            panic!("rareflow {args:?} hung for more than {HANG:?}");
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    let r = Run {
        code: status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.join().unwrap()).into(),
        stderr: String::from_utf8_lossy(&err.join().unwrap()).into(),
    };
    assert!(
        matches!(r.code, 0..=2),
        "rareflow {args:?} exited {}: {}",
        r.code,
        r.stderr
    );
    for text in [&r.stdout, &r.stderr] {
        for token in text.split(|c: char| !c.is_ascii_alphanumeric()) {
            assert!(
                !matches!(token, "NaN" | "nan" | "inf" | "Infinity"),
                "rareflow {args:?} printed {token}: {text}"
            );
        }
    }
    r
}

fn mcs2025_as(id: &str) -> String {
    raw("data/raw/usgs/MCS2025_World_Data.csv").replace("MCS2025,", &format!("{id},"))
}

// Finding 1.
#[test]
fn h01_a_note_never_becomes_a_value_and_a_bad_value_never_enters_the_store() {
    let rf = Session::new();
    // USGS writes a no-break space before "million".
    let poisoned = mcs2025_as("P2025").replace("were 3.3\u{a0}million", "were NaN\u{a0}million");
    assert!(poisoned.contains("were NaN"));
    let f = rf.write("poison.csv", &poisoned);
    let r = bounded(&rf, &["import", "usgs-mcs", s(&f)]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    // The note stays text: no JORC value was made of it, and every command still works.
    let c = rf.json(&["compare", "--country", "AUS", "--metric", "reserves"]);
    assert!(c
        .as_array()
        .unwrap()
        .iter()
        .all(|o| !(o["edition"] == "P2025" && o["metric"] == "reserves_jorc")));
    for args in [
        &["sources"][..],
        &["rank", "--metric", "reserves"],
        &["editions"],
    ] {
        assert_eq!(bounded(&rf, args).code, 0);
    }
    // A negative or infinite value is refused where it is read, and the store is unchanged.
    for (bad, what) in [("-5000000", "minus"), ("1e999", "huge")] {
        let text = mcs2025_as("Q2025").replace(",44000000,", &format!(",{bad},"));
        let g = rf.write(&format!("{what}.csv"), &text);
        let r = bounded(&rf, &["import", "usgs-mcs", s(&g)]);
        assert_eq!(r.code, 1, "{bad}: {}", r.stderr);
        assert!(
            r.stderr.contains(&format!("invalid value \"{bad}\"")),
            "{}",
            r.stderr
        );
    }
    let e = rf.json(&["editions"]);
    assert_eq!(e.as_array().unwrap().len(), 1, "only P2025: {e}");
}

// Finding 2.
#[test]
fn h02_years_outside_1900_2200_are_located_errors() {
    let rf = Session::new();
    let dir = rf.path("tables");
    std::fs::create_dir(&dir).unwrap();
    for f in ["technologies.csv", "recovery.csv"] {
        std::fs::write(dir.join(f), raw(&format!("data/demand/{f}"))).unwrap();
    }
    for year in ["-2147483648", "2147483647", "200000"] {
        let text = format!(
            "scenario,technology,year,value,unit,edition,citation\nhistorical,ev_car,2019,2.1,million vehicles,X,c\nnet-zero,ev_car,{year},70,million vehicles,X,c\n"
        );
        std::fs::write(dir.join("deployment.csv"), text).unwrap();
        let r = bounded(
            &rf,
            &["demand", "--scenario", "net-zero", "--tables", s(&dir)],
        );
        assert_eq!(r.code, 1);
        assert!(
            r.stderr.contains(&format!("deployment.csv:3:3 (column year): invalid value \"{year}\": expected a year from 1900 to 2200")),
            "{}",
            r.stderr
        );
    }
    let r = bounded(
        &rf,
        &[
            "demand",
            "--scenario",
            "net-zero",
            "--from",
            "-5",
            "--to",
            "200000",
        ],
    );
    assert_eq!(r.code, 2, "{}", r.stderr);
}

fn series(rf: &Session, name: &str, rows: usize, per_row_mean: bool) -> std::path::PathBuf {
    let mut text = String::from(if per_row_mean {
        "year,inflow,mean\n"
    } else {
        "year,inflow\n"
    });
    for i in 0..rows {
        // Years wrap within the allowed range only for the year check; consecutive years
        // need the range: rows beyond 301 use a year column past 2200 and must be refused.
        let line = if per_row_mean {
            format!("{},{},{}\n", 1900 + i, i % 7 + 1, 5 + i)
        } else {
            format!("{},{}\n", 1900 + i, i % 7 + 1)
        };
        text.push_str(&line);
    }
    rf.write(name, &text)
}

// Finding 3.
#[test]
fn h03_a_run_that_needs_too_much_memory_is_refused_with_the_figure() {
    let rf = Session::new();
    // 301 years is the whole allowed range; a 2 MB limit stands in for a machine too small.
    let f = series(&rf, "long.csv", 301, true);
    let r = bounded(
        &rf,
        &[
            "stock",
            "--inflow",
            s(&f),
            "--lifetime",
            "normal:10,3",
            "--by-cohort",
            "--max-memory",
            "2MB",
        ],
    );
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(
        r.stderr.contains("this run needs about") && r.stderr.contains("--max-memory"),
        "{}",
        r.stderr
    );
    let r = bounded(
        &rf,
        &[
            "stock",
            "--inflow",
            s(&f),
            "--lifetime",
            "normal:10,3",
            "--max-memory",
            "1MB",
        ],
    );
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(
        r.stderr.contains("distinct per-cohort lifetimes"),
        "{}",
        r.stderr
    );
    // Within the default limit the same run completes.
    assert_eq!(
        bounded(
            &rf,
            &[
                "stock",
                "--inflow",
                s(&f),
                "--lifetime",
                "normal:10,3",
                "--by-cohort",
                "--format",
                "csv"
            ]
        )
        .code,
        0
    );
    // Beyond the year range a long series is refused where it goes wrong.
    let g = series(&rf, "longer.csv", 400, false);
    let r = bounded(&rf, &["stock", "--inflow", s(&g), "--lifetime", "fixed:5"]);
    assert_eq!(r.code, 1);
    assert!(
        r.stderr
            .contains("longer.csv:303:1 (column year): invalid value \"2201\""),
        "{}",
        r.stderr
    );
}

// Findings 4 and 5.
#[test]
fn h04_05_no_infinite_or_nan_result_reaches_an_output_or_a_chart() {
    let rf = Session::new();
    let big = rf.write("big.csv", "year,inflow\n2000,1e308\n2001,1e308\n");
    let svg = rf.path("big.svg");
    let r = bounded(
        &rf,
        &[
            "stock",
            "--inflow",
            s(&big),
            "--lifetime",
            "normal:10,3",
            "--svg",
            s(&svg),
        ],
    );
    assert_eq!(r.code, 1);
    assert!(
        r.stderr.contains("big.csv:2:2 (column inflow)"),
        "{}",
        r.stderr
    );
    assert!(!svg.exists(), "nothing drawn");
    let two = rf.write("two.csv", "year,inflow\n2000,1\n2001,2\n");
    let r = bounded(
        &rf,
        &[
            "stock",
            "--inflow",
            s(&two),
            "--lifetime",
            "lognormal:1,1e-10",
        ],
    );
    assert_eq!(r.code, 1);
    assert!(
        r.stderr.contains("a distribution too narrow to compute"),
        "{}",
        r.stderr
    );
    let digits = "9".repeat(400);
    let text = mcs2025_as("D2025").replace(",44000000,", &format!(",{digits},"));
    let f = rf.write("digits.csv", &text);
    let r = bounded(&rf, &["import", "usgs-mcs", s(&f)]);
    assert_eq!(r.code, 1);
    assert!(
        r.stderr.contains("(column RESERVES_2024): invalid value"),
        "{}",
        r.stderr
    );
}

// Finding 6.
#[test]
fn h06_absurdly_wide_headers_are_refused_and_wide_ones_are_linear() {
    let rf = Session::new();
    let wide = |n: usize| {
        (0..n)
            .map(|i| format!("C{i}"))
            .collect::<Vec<_>>()
            .join(",")
            + "\n"
    };
    let f = rf.write("wide.csv", &wide(10_000));
    let r = bounded(&rf, &["import", "usgs-mcs", s(&f)]);
    assert_eq!(r.code, 1);
    assert_eq!(
        r.stderr.trim(),
        format!("error: {}:1: 10000 columns: expected at most 1000", s(&f))
    );
    let header = "SOURCE,COUNTRY,TYPE,".to_string()
        + &(0..990)
            .map(|i| format!("PROD_{}_RAW,PROD_{}", 1900 + i % 300, 1900 + i % 300))
            .collect::<Vec<_>>()
            .join(",")[..]
        + "\n";
    let g = rf.write("many.csv", &header);
    let t = Instant::now();
    let r = bounded(&rf, &["import", "usgs-mcs", s(&g)]);
    assert_ne!(r.code, 0);
    assert!(t.elapsed() < Duration::from_secs(20));
}

// Finding 7 (and the store opened only when needed, finding 13).
#[test]
fn h07_an_unreachable_server_fails_fast_with_its_cause_and_bothers_no_one_else() {
    let rf = Session::new();
    let url = "postgres://rareflow@127.0.0.1:1/none";
    let t = Instant::now();
    let r = bounded_at(&rf, Some(url), &["sources"]);
    assert_eq!(r.code, 1);
    assert!(t.elapsed() < Duration::from_secs(15));
    assert!(
        r.stderr
            .contains("cannot reach the database at 127.0.0.1:1"),
        "{}",
        r.stderr
    );
    assert_eq!(
        r.stderr.matches("error:").count(),
        1,
        "said once: {}",
        r.stderr
    );
    let two = rf.write("two.csv", "year,inflow\n2000,1\n2001,2\n");
    let t = Instant::now();
    let ok = bounded_at(
        &rf,
        Some(url),
        &["stock", "--inflow", s(&two), "--lifetime", "fixed:2"],
    );
    assert_eq!(ok.code, 0, "{}", ok.stderr);
    assert!(t.elapsed() < Duration::from_secs(5), "stock needs no store");
}

// Finding 8.
#[test]
fn h08_a_country_twice_is_a_located_error_naming_both_lines() {
    let rf = Session::new();
    let text = raw("data/raw/usgs/mcs2024-raree_world.csv").replace("MCS2024,", "DUP2024,");
    let china = text
        .lines()
        .find(|l| l.starts_with("DUP2024,China,"))
        .unwrap()
        .to_string();
    let doubled = text.replacen(&china, &format!("{china}\n{china}"), 1);
    let f = rf.write("dup.csv", &doubled);
    let r = bounded(&rf, &["import", "usgs-mcs", s(&f)]);
    assert_eq!(r.code, 1);
    assert!(
        r.stderr.contains(":8:2 (column Country): invalid value \"China\": expected each country once per table: China already has a row on line 7"),
        "{}",
        r.stderr
    );
}

// Finding 9.
#[test]
fn h09_a_file_cut_inside_a_quoted_field_is_an_error() {
    let rf = Session::new();
    let text = raw("data/raw/usgs/mcs2024-raree_world.csv").replace("MCS2024,", "CUT2024,");
    let cut = &text[..text.find("Production quota").unwrap() - 30];
    let f = rf.write("cut.csv", cut);
    let r = bounded(&rf, &["import", "usgs-mcs", s(&f)]);
    assert_eq!(r.code, 1);
    assert!(
        r.stderr
            .contains("a quoted field opens here and never closes"),
        "{}",
        r.stderr
    );
    let g = rf.write("cut-series.csv", "year,inflow\n2000,1\n2001,\"2");
    let r = bounded(&rf, &["stock", "--inflow", s(&g), "--lifetime", "fixed:2"]);
    assert_eq!(r.code, 1);
    assert!(
        r.stderr
            .contains("cut-series.csv:3: column 2: a quoted field"),
        "{}",
        r.stderr
    );
}

// Findings 10 and 11.
#[test]
fn h10_11_an_empty_or_mistyped_store_address_is_a_usage_error() {
    let rf = Session::new();
    let f = rf.write("x.csv", &mcs2025_as("E2025"));
    let here = rf.path("");
    for (db, says) in [
        ("", "an empty address"),
        ("mysql://localhost/x", "unsupported scheme \"mysql\""),
        (
            "postgress://localhost/x",
            "did you mean postgres://localhost/x",
        ),
        (
            "postgres:/localhost/x",
            "did you mean postgres://localhost/x",
        ),
    ] {
        let r = std::process::Command::new(env!("CARGO_BIN_EXE_rareflow"))
            .current_dir(&here)
            .args(["import", "usgs-mcs", s(&f), "--db", db])
            .output()
            .unwrap();
        let r = crate::util::finish(r);
        assert_eq!(r.code, 2, "{db}: {}", r.stderr);
        assert!(r.stderr.contains(says), "{db}: {}", r.stderr);
    }
    let left: Vec<_> = std::fs::read_dir(&here)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().to_string())
        .collect();
    assert!(
        !left
            .iter()
            .any(|n| n.starts_with("mysql") || n.starts_with("postgres")),
        "{left:?}"
    );
}

// Finding 12.
#[test]
fn h12_errors_say_what_and_where_in_the_users_terms() {
    let rf = Session::new();
    // A header-only ore table blames that table, not the bundled one.
    let ores = rf.write("ores.csv", "ore_type,deposit,component,percent,source\n");
    let r = bounded(&rf, &["balance", "--ore-types", s(&ores)]);
    assert_eq!(r.code, 1);
    assert!(
        r.stderr.contains(&format!("listed in {}", s(&ores))),
        "{}",
        r.stderr
    );
    // A header-only deployment table says there is no scenario.
    let dir = rf.path("t");
    std::fs::create_dir(&dir).unwrap();
    for f in ["technologies.csv", "recovery.csv"] {
        std::fs::write(dir.join(f), raw(&format!("data/demand/{f}"))).unwrap();
    }
    std::fs::write(
        dir.join("deployment.csv"),
        "scenario,technology,year,value,unit,edition,citation\n",
    )
    .unwrap();
    let r = bounded(
        &rf,
        &["demand", "--scenario", "net-zero", "--tables", s(&dir)],
    );
    assert!(
        r.stderr.contains("the tables name no scenario"),
        "{}",
        r.stderr
    );
    // A deployment of 1e308 is refused once, where it is.
    std::fs::write(dir.join("deployment.csv"), "scenario,technology,year,value,unit,edition,citation\nnet-zero,ev_car,2020,1e308,million vehicles,X,c\n").unwrap();
    let r = bounded(
        &rf,
        &["demand", "--scenario", "net-zero", "--tables", s(&dir)],
    );
    assert_eq!(r.stderr.matches("1e308").count(), 1, "{}", r.stderr);
    assert!(
        r.stderr.contains("deployment.csv:2:4 (column value)"),
        "{}",
        r.stderr
    );
    // A chart into a missing folder names the path.
    let two = rf.write("two.csv", "year,inflow\n2000,1\n2001,2\n");
    let svg = rf.path("nowhere/chart.svg");
    let r = bounded(
        &rf,
        &[
            "stock",
            "--inflow",
            s(&two),
            "--lifetime",
            "fixed:2",
            "--svg",
            s(&svg),
        ],
    );
    assert!(r.stderr.contains(s(&svg)), "{}", r.stderr);
    // --top -1 says what it must be.
    let r = bounded(&rf, &["rank", "--metric", "reserves", "--top", "-1"]);
    assert_eq!(r.code, 2);
    assert!(
        r.stderr.contains("expected a whole number of at least 1"),
        "{}",
        r.stderr
    );
    // A name in another script: resolved where the alias table has it, no unrelated guesses.
    assert_eq!(
        rf.json(&["compare", "--country", "Россия", "--metric", "reserves"])[0]["country"],
        "RUS"
    );
    let r = bounded(
        &rf,
        &["compare", "--country", "Ρωσία", "--metric", "reserves"],
    );
    assert!(!r.stderr.contains("ABW"), "{}", r.stderr);
    // A file that is not UTF-8 gets its line and byte.
    let latin1 = rf.path("latin1.csv");
    std::fs::write(&latin1, b"year,inflow\n2000,1\n2001,2\xe9\n").unwrap();
    let r = bounded(
        &rf,
        &["stock", "--inflow", s(&latin1), "--lifetime", "fixed:2"],
    );
    assert!(
        r.stderr.contains("latin1.csv:3: byte 7 of the line"),
        "{}",
        r.stderr
    );
}

// Finding 13.
#[test]
fn h13_overflowing_years_long_headers_and_big_tables() {
    let rf = Session::new();
    let f = rf.write("wrap.csv", "year,inflow\n2147483647,1\n-2147483648,1\n");
    let r = bounded(&rf, &["stock", "--inflow", s(&f), "--lifetime", "fixed:2"]);
    assert_eq!(r.code, 1);
    assert!(
        r.stderr.contains("wrap.csv:2:1 (column year)"),
        "{}",
        r.stderr
    );
    let text = raw("data/raw/usgs/mcs2024-raree_world.csv")
        .replace("MCS2024,", "Y2024,")
        .replace("Prod_t_est_2023", "PROD_99999");
    let g = rf.write("y.csv", &text);
    let r = bounded(&rf, &["import", "usgs-mcs", s(&g)]);
    assert_eq!(r.code, 1);
    assert!(r.stderr.contains("(column PROD_99999)"), "{}", r.stderr);
    let r = bounded(&rf, &["chain", "--year", "99999"]);
    assert_eq!(r.code, 2);
    let r = bounded(&rf, &["chain", "--year", "1950"]);
    assert_eq!(r.code, 1);
    assert!(
        r.stderr.contains("no stage has figures for 1950"),
        "{}",
        r.stderr
    );
    // A 50,000-row country ore table is read in linear time.
    let mut ores = String::from("country,ore_type,deposit,share,source\n");
    for _ in 0..50_000 {
        ores.push_str("CHN,unknown,,0.00002,test\n");
    }
    let o = rf.write("big-ores.csv", &ores);
    let t = Instant::now();
    let r = bounded(&rf, &["balance", "--country-ores", s(&o)]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(t.elapsed() < Duration::from_secs(20), "{:?}", t.elapsed());
}
