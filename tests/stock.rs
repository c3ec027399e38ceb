//! `rareflow stock`: the JSON contract, known answers through the CLI, round trips and
//! located errors.

use crate::util::{s, Session};

fn one_to_ten(rf: &Session) -> std::path::PathBuf {
    let mut text = "year,inflow\n".to_string();
    for i in 1..=10 {
        text.push_str(&format!("{},{i}\n", 1999 + i));
    }
    rf.write("inflow.csv", &text)
}

#[test]
fn the_odym_fixed_lifetime_answer_through_the_cli() {
    let rf = Session::new();
    let f = one_to_ten(&rf);
    let d = rf.json(&[
        "stock",
        "--inflow",
        s(&f),
        "--lifetime",
        "fixed:5",
        "--by-cohort",
    ]);
    let v = |k: &str| {
        d[k].as_array()
            .unwrap()
            .iter()
            .map(|x| x.as_f64().unwrap())
            .collect::<Vec<_>>()
    };
    assert_eq!(
        v("stock"),
        [1.0, 3.0, 6.0, 10.0, 15.0, 20.0, 25.0, 30.0, 35.0, 40.0]
    );
    assert_eq!(
        v("outflow"),
        [0.0, 0.0, 0.0, 0.0, 0.0, 1.0, 2.0, 3.0, 4.0, 5.0]
    );
    assert_eq!(d["year"][0], 2000);
    assert!(v("balance").iter().all(|b| *b == 0.0));
    // Matrices: [t][c], row = year index, column = cohort index.
    assert_eq!(d["stock_by_cohort"].as_array().unwrap().len(), 10);
    assert_eq!(d["stock_by_cohort"][4][0], 1.0);
    assert_eq!(d["stock_by_cohort"][5][0], 0.0);
    assert_eq!(d["outflow_by_cohort"][5][0], 1.0);
    let normal = rf.json(&["stock", "--inflow", s(&f), "--lifetime", "normal:5,1.5"]);
    assert_eq!(
        (normal["stock"][9].as_f64().unwrap() * 1e8).round() / 1e8,
        41.45873561
    );
    assert!(normal.get("stock_by_cohort").is_none());
}

#[test]
fn a_stock_driven_run_gives_back_the_inflow() {
    let rf = Session::new();
    let f = one_to_ten(&rf);
    let forward = rf.json(&["stock", "--inflow", s(&f), "--lifetime", "weibull:2.5,4"]);
    let mut text = "year,stock\n".to_string();
    for (i, x) in forward["stock"].as_array().unwrap().iter().enumerate() {
        text.push_str(&format!("{},{}\n", 2000 + i, x.as_f64().unwrap()));
    }
    let back = rf.json(&[
        "stock",
        "--stock",
        s(&rf.write("stock.csv", &text)),
        "--lifetime",
        "weibull:2.5,4",
    ]);
    for (i, x) in back["inflow"].as_array().unwrap().iter().enumerate() {
        assert!(
            (x.as_f64().unwrap() - (i + 1) as f64).abs() < 1e-9,
            "{i}: {x}"
        );
    }
}

#[test]
fn per_cohort_columns_override_the_lifetime() {
    let rf = Session::new();
    let f = rf.write("per.csv", "year,inflow,mean\n2000,1,1\n2001,1,\n2002,1,\n");
    let d = rf.json(&["stock", "--inflow", s(&f), "--lifetime", "fixed:10"]);
    // Cohort 2000 lives one year; the others ten.
    assert_eq!(d["stock"], serde_json::json!([1.0, 1.0, 2.0]));
}

#[test]
fn bad_series_name_row_column_and_value() {
    let rf = Session::new();
    let cases = [
        ("year,inflow\n2000,1\n2001,-3\n", "normal:5,1", "3:2 (column inflow): invalid value \"-3\": expected a finite number not below 0 (inflow in year 2001)"),
        ("year,inflow\n2000,1\n2001,inf\n", "normal:5,1", "3:2 (column inflow): invalid value \"inf\": expected a finite number not below 0 (inflow in year 2001)"),
        ("year,inflow\n2000,1\n2003,1\n", "normal:5,1", "3:1 (column year): invalid value \"2003\": expected 2001 (years must be consecutive)"),
        ("year,inflow,sd\n2000,1,-1\n", "normal:5,1", "2:3 (column sd): invalid value \"-1\": expected a standard deviation greater than 0"),
        ("year,inflow,scale\n2000,1,0\n", "weibull:2,5", "2:3 (column scale): invalid value \"0\": expected a scale greater than 0"),
        ("year,inflow\n2000,\n", "fixed:5", "2:2 (column inflow): invalid value \"\": expected a finite number not below 0 (inflow in year 2000); the value is missing"),
    ];
    for (i, (text, lifetime, message)) in cases.iter().enumerate() {
        let f = rf.write(&format!("bad{i}.csv"), text);
        let r = rf.run(&[
            "stock",
            "--inflow",
            s(&f),
            "--lifetime",
            lifetime,
            "--format",
            "json",
        ]);
        assert_eq!(r.code, 1, "{text}");
        assert_eq!(r.stderr.trim(), format!("error: {}:{message}", s(&f)));
        assert!(
            r.stdout.is_empty(),
            "no NaN or partial document reaches stdout"
        );
    }
    let f = rf.write("neg.csv", "year,stock\n2000,-1\n");
    let r = rf.run(&["stock", "--stock", s(&f), "--lifetime", "fixed:5"]);
    assert_eq!(r.stderr.trim(), format!("error: {}:2:2 (column stock): invalid value \"-1\": expected a finite number not below 0 (stock in year 2000)", s(&f)));
    let r = rf.run(&["stock", "--inflow", s(&f), "--lifetime", "weibull:-1,2"]);
    assert_eq!(
        r.stderr.trim(),
        "error: invalid lifetime weibull:-1,2: the shape must not be negative"
    );
    let gone = rf.write("gone.csv", "year,stock\n2000,5\n");
    let r = rf.run(&["stock", "--stock", s(&gone), "--lifetime", "fixed:0"]);
    assert_eq!(r.code, 1);
    assert!(
        r.stderr.contains("cannot") || r.stderr.contains("survival 0"),
        "{}",
        r.stderr
    );
}

#[test]
fn stock_draws_an_svg() {
    let rf = Session::new();
    let f = one_to_ten(&rf);
    let svg = rf.path("stock.svg");
    let r = rf.run(&[
        "stock",
        "--inflow",
        s(&f),
        "--lifetime",
        "lognormal:5,2",
        "--svg",
        s(&svg),
    ]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let text = std::fs::read_to_string(&svg).unwrap();
    assert!(text.starts_with("<svg") && text.contains("polyline") && text.contains("outflow"));
}
