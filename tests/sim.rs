//! The simulator on hand-built networks, every answer computed by hand and written here:
//! a ban, a partial cap, a month start, a deal that feeds a new plant, a stockpile, a
//! price at a known shortfall, a disruption that ends, a ramped plant; mass balance on
//! every run, the same bytes from the same inputs, and located errors for bad input.

use crate::util::{repo, s, Session};
use serde_json::Value;

/// One network: China mines 100 t of Nd, separates it, and sells 60 t to the US and 40 t
/// to Japan, whose demand is exactly that.
const NODES: &str =
    "country,stage,element,baseline_t,capacity_t\nCHN,mining,Nd,100,\nCHN,separation,Nd,0,200\n";
const LINKS: &str = "from_country,from_stage,to_country,to_stage,element,baseline_t\nCHN,mining,CHN,separation,Nd,100\nCHN,separation,USA,end_use,Nd,60\nCHN,separation,JPN,end_use,Nd,40\n";
const DEMAND: &str = "country,element,year,demand_t\nUSA,Nd,2025,60\nJPN,Nd,2025,40\n";

fn network(rf: &Session, dir: &str, nodes: &str, links: &str, demand: &str) {
    let d = rf.path(dir);
    std::fs::create_dir_all(&d).unwrap();
    std::fs::write(d.join("nodes.csv"), nodes).unwrap();
    std::fs::write(d.join("links.csv"), links).unwrap();
    std::fs::write(d.join("demand.csv"), demand).unwrap();
}

/// Runs a scenario (written beside the `net` folder) and returns its JSON, after checking
/// the mass balance every run must keep.
fn run(rf: &Session, name: &str, body: &str) -> Value {
    let f = rf.write(name, body);
    let v = rf.json(&["sim", "run", s(&f)]);
    let residual = v["metadata"]["max_balance_residual"].as_f64().unwrap();
    assert!(residual <= 1e-9, "{name}: balance residual {residual}");
    v
}

fn shortfall(v: &Value, year: i64, country: &str) -> f64 {
    v["shortfalls"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["year"] == year && r["country"] == country)
        .unwrap_or_else(|| panic!("no {country} {year}"))["shortfall_t"]
        .as_f64()
        .unwrap()
}

fn head(from: i32, to: i32) -> String {
    format!("name = \"t\"\nfrom = {from}\nto = {to}\nnetwork = \"net\"\n")
}

const BAN: &str = "[[events]]\ntype = \"export_restriction\"\nexporter = \"CHN\"\nstages = [\"separation\"]\nelements = [\"Nd\"]\nimporters = \"all\"\nallowed = ALLOWED\nstart = START\n";

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-9 * b.abs().max(1.0)
}

#[test]
fn a_ban_a_partial_cap_and_a_month_start() {
    let rf = Session::new();
    network(&rf, "net", NODES, LINKS, DEMAND);
    // A ban from 1 January: nothing leaves China's separation; the 100 t wait in its stock.
    let v = run(
        &rf,
        "ban.toml",
        &(head(2025, 2025) + &BAN.replace("ALLOWED", "0").replace("START", "2025")),
    );
    assert_eq!(
        (shortfall(&v, 2025, "USA"), shortfall(&v, 2025, "JPN")),
        (60.0, 40.0)
    );
    let withheld = &v["stocks"].as_array().unwrap()[0];
    assert_eq!(
        (withheld["kind"].as_str(), withheld["level_t"].as_f64()),
        (Some("withheld"), Some(100.0))
    );
    // Half allowed: each importer gets half.
    let v = run(
        &rf,
        "half.toml",
        &(head(2025, 2025) + &BAN.replace("ALLOWED", "0.5").replace("START", "2025")),
    );
    assert_eq!(
        (shortfall(&v, 2025, "USA"), shortfall(&v, 2025, "JPN")),
        (30.0, 20.0)
    );
    // A ban from 1 April 2025: 275 of 365 days, so 90/365 of the year's flow still leaves.
    let v = run(
        &rf,
        "april.toml",
        &(head(2025, 2026) + &BAN.replace("ALLOWED", "0").replace("START", "\"2025-04\"")),
    );
    assert!(close(shortfall(&v, 2025, "USA"), 60.0 * 275.0 / 365.0));
    assert!(close(shortfall(&v, 2025, "JPN"), 40.0 * 275.0 / 365.0));
    assert_eq!(shortfall(&v, 2026, "USA"), 60.0);
}

#[test]
fn a_price_at_a_known_demand_and_shortfall() {
    let rf = Session::new();
    network(&rf, "net", NODES, LINKS, DEMAND);
    // Demand 100 t, shortfall 50 t, elasticity 0.5: p = 56 · (100 / 50)^(1/0.5) = 224 USD/kg.
    let v = run(
        &rf,
        "half.toml",
        &(head(2025, 2025) + &BAN.replace("ALLOWED", "0.5").replace("START", "2025")),
    );
    let p = &v["prices"].as_array().unwrap()[0];
    assert_eq!(
        (
            p["element"].as_str(),
            p["ratio_to_base"].as_f64(),
            p["price"].as_f64()
        ),
        (Some("Nd"), Some(4.0), Some(224.0))
    );
    // The whole demand short: the cap, 10 × 56.
    let v = run(
        &rf,
        "ban.toml",
        &(head(2025, 2025) + &BAN.replace("ALLOWED", "0").replace("START", "2025")),
    );
    assert_eq!(v["prices"][0]["price"], 560.0);
}

#[test]
fn a_stockpile_cuts_cumulative_shortfall_by_exactly_its_size() {
    let rf = Session::new();
    network(&rf, "net", NODES, LINKS, DEMAND);
    let ban = head(2025, 2027) + &BAN.replace("ALLOWED", "0").replace("START", "2025");
    let total = |v: &Value| (2025..=2027).map(|y| shortfall(v, y, "USA")).sum::<f64>();
    let without = run(&rf, "ban.toml", &ban);
    let with = run(&rf, "stockpile.toml", &(ban.clone() + "[[events]]\ntype = \"stockpile\"\nholder = \"USA\"\nelement = \"Nd\"\nstock_t = 100\nstart = 2025\n"));
    assert_eq!(total(&without), 180.0);
    assert_eq!(total(&with), 80.0);
    // 60 t released in 2025, the remaining 40 t in 2026.
    let released: Vec<f64> = (2025..=2027)
        .map(|y| {
            with["shortfalls"]
                .as_array()
                .unwrap()
                .iter()
                .find(|r| r["year"] == y && r["country"] == "USA")
                .unwrap()["released_t"]
                .as_f64()
                .unwrap()
        })
        .collect();
    assert_eq!(released, [60.0, 40.0, 0.0]);
}

#[test]
fn a_disruption_that_ends_and_a_ramped_plant() {
    let rf = Session::new();
    network(&rf, "net", NODES, LINKS, DEMAND);
    let v = run(&rf, "disruption.toml", &(head(2025, 2027) + "[[events]]\ntype = \"disruption\"\ncountry = \"CHN\"\nstage = \"mining\"\nfraction = 0.5\nstart = 2026\nend = 2026\n"));
    let mine = |y: i64| {
        v["production"]
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r["year"] == y && r["stage"] == "mining")
            .unwrap()["t"]
            .as_f64()
            .unwrap()
    };
    assert_eq!((mine(2025), mine(2026), mine(2027)), (100.0, 50.0, 100.0));
    assert_eq!(
        (shortfall(&v, 2026, "USA"), shortfall(&v, 2026, "JPN")),
        (30.0, 20.0)
    );
    // A separation plant of 300 t ramped over 3 years on 300 t of ore: 100, 200, 300 t
    // separated; the rest waits unprocessed.
    let nodes =
        "country,stage,element,baseline_t,capacity_t\nCHN,mining,Nd,300,\nCHN,separation,Nd,0,0\n";
    let links = "from_country,from_stage,to_country,to_stage,element,baseline_t\nCHN,mining,CHN,separation,Nd,300\nCHN,separation,USA,end_use,Nd,300\n";
    network(
        &rf,
        "ramp",
        nodes,
        links,
        "country,element,year,demand_t\nUSA,Nd,2025,300\n",
    );
    let v = run(&rf, "ramp.toml", "name = \"ramp\"\nfrom = 2025\nto = 2027\nnetwork = \"ramp\"\n[[events]]\ntype = \"capacity\"\ncountry = \"CHN\"\nstage = \"separation\"\nelement = \"Nd\"\ncapacity_t = 300\nstart = 2025\nramp_years = 3\n");
    let sep: Vec<f64> = (2025..=2027)
        .map(|y| {
            v["production"]
                .as_array()
                .unwrap()
                .iter()
                .find(|r| r["year"] == y && r["stage"] == "separation")
                .unwrap()["t"]
                .as_f64()
                .unwrap()
        })
        .collect();
    assert_eq!(sep, [100.0, 200.0, 300.0]);
    let unprocessed: Vec<f64> = v["stocks"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["level_t"].as_f64().unwrap())
        .collect();
    assert_eq!(unprocessed, [200.0, 300.0, 300.0]);
}

#[test]
fn a_deal_feeds_a_new_magnet_plant_that_makes_nothing_without_it() {
    let rf = Session::new();
    // Australia separates 50 t and sells it all to Japan; the US, wanting 20 t, builds a
    // magnet plant in 2026.
    let nodes =
        "country,stage,element,baseline_t,capacity_t\nAUS,mining,Nd,50,\nAUS,separation,Nd,0,100\n";
    let links = "from_country,from_stage,to_country,to_stage,element,baseline_t\nAUS,mining,AUS,separation,Nd,50\nAUS,separation,JPN,end_use,Nd,50\n";
    network(
        &rf,
        "net",
        nodes,
        links,
        "country,element,year,demand_t\nUSA,Nd,2025,20\nJPN,Nd,2025,50\n",
    );
    let plant = "[[events]]\ntype = \"capacity\"\ncountry = \"USA\"\nstage = \"magnet\"\nelement = \"Nd\"\ncapacity_t = 30\nstart = 2026\n";
    let v = run(&rf, "plant.toml", &(head(2025, 2027) + plant));
    // Without oxide the plant makes nothing.
    assert_eq!(shortfall(&v, 2027, "USA"), 20.0);
    let deal = "[[events]]\ntype = \"deal\"\nexporter = \"AUS\"\nfrom_stage = \"separation\"\nimporter = \"USA\"\nto_stage = \"magnet\"\nelement = \"Nd\"\nquantity_t = 20\nstart = 2026\n";
    let v = run(&rf, "deal.toml", &(head(2025, 2027) + plant + deal));
    assert_eq!(
        (shortfall(&v, 2025, "USA"), shortfall(&v, 2026, "USA")),
        (20.0, 0.0)
    );
    // The deal comes off the top: Japan gets the other 30 t.
    assert_eq!(shortfall(&v, 2026, "JPN"), 20.0);
    let magnet = v["production"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["year"] == 2027 && r["country"] == "USA" && r["stage"] == "magnet")
        .unwrap()
        .clone();
    assert_eq!(
        (magnet["t"].as_f64(), magnet["capacity_t"].as_f64()),
        (Some(20.0), Some(30.0))
    );
}

#[test]
fn the_same_inputs_give_the_same_bytes_and_the_example_runs_by_name_or_file() {
    let rf = Session::new();
    let file = repo().join("examples/sim/ban.toml");
    let (a, b) = (rf.path("a"), rf.path("b"));
    assert_eq!(rf.run(&["sim", "run", s(&file), "--out", s(&a)]).code, 0);
    assert_eq!(
        rf.run(&["sim", "run", "example-ban", "--out", s(&b)]).code,
        0
    );
    for f in [
        "flows.csv",
        "production.csv",
        "shortfalls.csv",
        "stocks.csv",
        "prices.csv",
        "concentration.csv",
        "metadata.json",
    ] {
        assert_eq!(
            std::fs::read(a.join(f)).unwrap(),
            std::fs::read(b.join(f)).unwrap(),
            "{f}"
        );
    }
    // --out refuses a folder that is not empty.
    let again = rf.run(&["sim", "run", s(&file), "--out", s(&a)]);
    assert_eq!(again.code, 2, "{}", again.stderr);
    let list = rf.json(&["sim", "list"]);
    assert!(list
        .as_array()
        .unwrap()
        .iter()
        .any(|s| s["name"] == "example-ban"));
    let c = rf.run(&[
        "sim",
        "compare",
        "example-baseline",
        "example-ban",
        "--format",
        "csv",
    ]);
    assert!(
        c.stdout
            .starts_with("year,table,key,element,a,b,difference\n"),
        "{}",
        c.stdout
    );
    assert!(
        c.stdout.contains("2026,shortfalls,EU27,Nd,0,500,500\n"),
        "{}",
        c.stdout
    );
    assert_eq!(rf.run(&["sim", "check", s(&file)]).code, 0);
}

#[test]
fn bad_scenarios_and_networks_are_located_errors_and_write_nothing() {
    let rf = Session::new();
    network(&rf, "net", NODES, LINKS, DEMAND);
    let out = rf.path("out");
    let cases: Vec<(String, &str)> = vec![
        (head(2025, 2026) + "[[events]]\ntype = \"export_restriction\"\nexporter = \"XYZ\"\nstages = [\"separation\"]\nelements = \"all\"\nimporters = \"all\"\nallowed = 0\nstart = 2025\n", "bad.toml:7:12 (key events[0].exporter): invalid value \"XYZ\": expected an ISO 3166 alpha-3 code of a known country, EU27 or ROW"),
        (head(2025, 2026) + "[[events]]\ntype = \"disruption\"\ncountry = \"CHN\"\nstage = \"smelting\"\nfraction = 0.5\nstart = 2025\n", "bad.toml:8:9 (key events[0].stage): invalid value \"smelting\": expected a stage: mining, separation, metal, magnet or end_use"),
        (head(2025, 2026) + "[[events]]\ntype = \"stockpile\"\nholder = \"USA\"\nelement = \"Xx\"\nstock_t = 5\nstart = 2025\n", "bad.toml:8:11 (key events[0].element): invalid value \"Xx\": expected an element symbol (Nd, Dy, ...) or unspecified"),
        (head(2025, 2026) + "[[events]]\ntype = \"meteor\"\nstart = 2025\n", "bad.toml:6:8 (key events[0].type): invalid value \"meteor\""),
        (head(2025, 2026) + "[[events]]\ntype = \"disruption\"\ncountry = \"CHN\"\nstage = \"mining\"\nstart = 2025\n", "bad.toml:5:1 (key events[0].fraction): missing key fraction"),
        (head(2025, 2026) + "[[events]]\ntype = \"stockpile\"\nholder = \"USA\"\nelement = \"Nd\"\nstock_t = -5\nstart = 2025\n", "bad.toml:9:11 (key events[0].stock_t): invalid value -5: expected tonnes of oxide"),
        (head(2025, 2026) + "[[events]]\ntype = \"disruption\"\ncountry = \"CHN\"\nstage = \"mining\"\nfraction = 0.5\nstart = 2026\nend = 2025\n", "bad.toml:11:7 (key events[0].end): invalid value 2025: expected a time not before start"),
        (head(2025, 2026) + &BAN.replace("ALLOWED", "1.5").replace("START", "2025"), "bad.toml:11:11 (key events[0].allowed): invalid value 1.5: expected a fraction from 0 to 1"),
        (head(2025, 2026) + "[[events]]\ntype = \"deal\"\nexporter = \"MYS\"\nfrom_stage = \"separation\"\nimporter = \"USA\"\nto_stage = \"magnet\"\nelement = \"Nd\"\nquantity_t = 5\nstart = 2025\n", "bad.toml:5:1 (key events): the deal leaves MYS separation Nd, which the network has no node for"),
    ];
    for (body, expected) in cases {
        let f = rf.write("bad.toml", &body);
        let r = rf.run(&["sim", "run", s(&f), "--out", s(&out)]);
        assert_eq!(r.code, 1, "{expected}: {}", r.stderr);
        assert!(
            r.stderr.starts_with(&format!(
                "error: {}",
                s(&rf.path(expected.split(':').next().unwrap()))
            )),
            "{}",
            r.stderr
        );
        assert!(
            r.stderr.contains(expected.split_once(':').unwrap().1),
            "expected {expected:?}, got {}",
            r.stderr
        );
        assert!(!out.exists(), "nothing written");
    }
    // A link to an earlier stage, in the network's own file.
    network(&rf, "back", NODES, "from_country,from_stage,to_country,to_stage,element,baseline_t\nCHN,separation,CHN,mining,Nd,1\n", DEMAND);
    let f = rf.write(
        "back.toml",
        "name = \"x\"\nfrom = 2025\nto = 2025\nnetwork = \"back\"\n",
    );
    let r = rf.run(&["sim", "run", s(&f)]);
    assert_eq!(r.code, 1);
    assert!(r.stderr.contains("links.csv:2:4 (column to_stage): invalid value \"mining\": expected a stage after separation"), "{}", r.stderr);
    // A restriction that matches nothing is a note, not an error.
    let f = rf.write(
        "none.toml",
        &(head(2025, 2025)
            + &BAN
                .replace("ALLOWED", "0")
                .replace("START", "2025")
                .replace("\"CHN\"", "\"USA\"")),
    );
    let r = rf.run(&["sim", "run", s(&f)]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stdout.contains("matches no link or deal"), "{}", r.stdout);
}
