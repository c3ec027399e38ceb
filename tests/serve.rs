//! `rareflow serve` against the CLI: the real binary serves on `127.0.0.1:0`, and each
//! endpoint's JSON equals the document `rareflow … --format json` prints for the same
//! question on the same store (one test per endpoint, each with several flag sets).
//! Compared as JSON values.
//!
//! The tests that touch the store (reads, imports and removals, editions, saved runs, two
//! `rareflow serve` processes on one store) run twice: on a SQLite file and on a fresh
//! schema on the PostgreSQL server `RAREFLOW_PG_URL` names (`.ci/run` starts one; with
//! `CI` set a missing URL fails, elsewhere the leg shows as ignored).

use crate::util::{repo, Session};
use serde_json::Value;
use server::testing::{Client, Reply};
use std::ffi::OsStr;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};

/// The token the served binary is started with.
pub const TOKEN: &str = "serve-test-token";

/// A `rareflow serve` process, stopped (by its id) when dropped.
pub struct Served {
    child: Child,
    /// The address it listens on.
    pub client: Client,
}

impl Served {
    /// Starts `rareflow serve` on the session's store with `extra` flags, and waits for the
    /// line that says where it listens.
    pub fn start(session: &Session, extra: &[&str]) -> Served {
        Served::start_at(session.location(), extra)
    }

    /// The same, on the store at `db` (a SQLite file or a PostgreSQL URL).
    pub fn start_at(db: impl AsRef<OsStr>, extra: &[&str]) -> Served {
        let mut child = Command::new(env!("CARGO_BIN_EXE_rareflow"))
            .args([
                "serve",
                "--addr",
                "127.0.0.1:0",
                "--rate-limit",
                "off",
                "--db",
            ])
            .arg(db)
            .args(extra)
            .env("RAREFLOW_TOKEN", TOKEN)
            .env_remove("RAREFLOW_DB")
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .expect("start rareflow serve");
        let stderr = child.stderr.take().unwrap();
        let mut lines = BufReader::new(stderr).lines();
        let first = lines
            .next()
            .expect("rareflow serve says where it listens")
            .unwrap();
        let addr = first
            .split("http://")
            .nth(1)
            .and_then(|rest| rest.split_whitespace().next())
            .unwrap_or_else(|| panic!("no address in {first:?}"))
            .parse()
            .unwrap();
        // Keep reading stderr so the server never blocks on a full pipe.
        std::thread::spawn(move || for _ in lines {});
        Served {
            child,
            client: Client { addr },
        }
    }

    /// The server's process id.
    pub fn pid(&self) -> u32 {
        self.child.id()
    }
}

impl Drop for Served {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Asserts that `GET url` answers what `rareflow args --format json` prints.
fn same(served: &Served, session: &Session, args: &[&str], url: &str) {
    let api = served.client.get(url);
    assert_eq!(api.status, 200, "GET {url}: {}", api.text());
    let cli = session.json(args);
    assert_json_eq(
        &api.json(),
        &cli,
        &format!("GET {url} vs rareflow {}", args.join(" ")),
    );
}

/// JSON equality with a readable first difference.
fn assert_json_eq(a: &Value, b: &Value, what: &str) {
    if a != b {
        let (sa, sb) = (
            serde_json::to_string_pretty(a).unwrap(),
            serde_json::to_string_pretty(b).unwrap(),
        );
        let line = sa
            .lines()
            .zip(sb.lines())
            .position(|(x, y)| x != y)
            .unwrap_or(0);
        panic!(
            "{what}: the API and the CLI differ from line {}:\nAPI: {}\nCLI: {}",
            line + 1,
            sa.lines().skip(line).take(3).collect::<Vec<_>>().join("\n"),
            sb.lines().skip(line).take(3).collect::<Vec<_>>().join("\n"),
        );
    }
}

/// Runs a test body on each backend: `$s` is a [`Session`] on a SQLite file, then on a
/// fresh PostgreSQL schema; with `$api`, a `rareflow serve` process on the same store.
macro_rules! both {
    ($name:ident, |$s:ident, $api:ident| $body:block) => {
        both!($name, |$s| {
            let $api = Served::start(&$s, &[]);
            $body
        });
    };
    ($name:ident, |$s:ident| $body:block) => {
        mod $name {
            #[allow(unused_imports)]
            use super::*;

            #[test]
            fn sqlite() {
                let $s = Session::new();
                $body
            }

            crate::util::postgres::postgres_leg!(Session::postgres(stringify!($name)), |$s| $body);
        }
    };
}

fn served() -> (Session, Served) {
    let session = Session::new();
    let served = Served::start(&session, &[]);
    (session, served)
}

both!(overview, |s, api| {
    same(&api, &s, &["overview"], "/api/v1/overview");
    same(
        &api,
        &s,
        &["overview", "--edition", "mcs2025"],
        "/api/v1/overview?edition=mcs2025",
    );
    same(
        &api,
        &s,
        &[
            "overview",
            "--edition",
            "MCS2025",
            "--year",
            "2023",
            "--unit",
            "Mt",
        ],
        "/api/v1/overview?edition=MCS2025&year=2023&unit=Mt",
    );
});

both!(rank, |s, api| {
    same(
        &api,
        &s,
        &["rank", "--metric", "reserves"],
        "/api/v1/rank?metric=reserves",
    );
    same(
        &api,
        &s,
        &[
            "rank",
            "--metric",
            "mine-production",
            "--edition",
            "MCS2025",
            "--year",
            "2024",
            "--top",
            "5",
        ],
        "/api/v1/rank?metric=mine-production&edition=MCS2025&year=2024&top=5",
    );
    same(
        &api,
        &s,
        &[
            "rank",
            "--metric",
            "mine-production",
            "--denominator",
            "country-sum",
            "--unit",
            "kt",
        ],
        "/api/v1/rank?metric=mine-production&denominator=country-sum&unit=kt",
    );
});

both!(concentration, |s, api| {
    same(&api, &s, &["concentration"], "/api/v1/concentration");
    same(
        &api,
        &s,
        &[
            "concentration",
            "--metric",
            "reserves",
            "--edition",
            "MCS2024",
        ],
        "/api/v1/concentration?metric=reserves&edition=MCS2024",
    );
});

both!(compare, |s, api| {
    same(
        &api,
        &s,
        &["compare", "--country", "RUS", "--metric", "reserves"],
        "/api/v1/compare?country=RUS&metric=reserves",
    );
    same(
        &api,
        &s,
        &[
            "compare",
            "--country",
            "Burma",
            "--metric",
            "mine-production",
            "--year",
            "2023",
            "--unit",
            "kt",
        ],
        "/api/v1/compare?country=Burma&metric=mine-production&year=2023&unit=kt",
    );
});

#[test]
fn cite() {
    let (s, api) = served();
    same(
        &api,
        &s,
        &[
            "cite",
            "--country",
            "RUS",
            "--metric",
            "reserves",
            "--value",
            "3.8Mt",
        ],
        "/api/v1/cite?country=RUS&metric=reserves&value=3.8Mt",
    );
    same(
        &api,
        &s,
        &["cite", "--value", "270kt"],
        "/api/v1/cite?value=270kt",
    );
}

both!(country, |s, api| {
    same(&api, &s, &["country", "RUS"], "/api/v1/country/RUS");
    same(
        &api,
        &s,
        &["country", "United Kingdom"],
        "/api/v1/country/United%20Kingdom",
    );
    same(
        &api,
        &s,
        &["country", "us", "--edition", "MCS2024", "--year", "2023"],
        "/api/v1/country/us?edition=MCS2024&year=2023",
    );
});

both!(sources, |s, api| {
    same(&api, &s, &["sources"], "/api/v1/sources");
});

#[test]
fn chain() {
    let (s, api) = served();
    same(&api, &s, &["chain"], "/api/v1/chain");
    same(
        &api,
        &s,
        &["chain", "--element", "Nd", "--top", "2"],
        "/api/v1/chain?element=Nd&top=2",
    );
    same(
        &api,
        &s,
        &["chain", "--element", "magnet_REE", "--year", "2024"],
        "/api/v1/chain?element=magnet_REE&year=2024",
    );
}

#[test]
fn balance() {
    let (s, api) = served();
    same(&api, &s, &["balance"], "/api/v1/balance");
    same(
        &api,
        &s,
        &["balance", "--year", "2023", "--unit", "kt"],
        "/api/v1/balance?year=2023&unit=kt",
    );
}

#[test]
fn projects() {
    let (s, api) = served();
    same(&api, &s, &["projects"], "/api/v1/projects");
    same(
        &api,
        &s,
        &["projects", "--country", "RUS"],
        "/api/v1/projects?country=RUS",
    );
    same(
        &api,
        &s,
        &["projects", "--status", "construction"],
        "/api/v1/projects?status=construction",
    );
}

#[test]
fn risk_eu() {
    let (s, api) = served();
    for m in ["Dy", "Nd", "HREE", "Scandium", "tb"] {
        same(
            &api,
            &s,
            &["risk", "eu", "--material", m],
            &format!("/api/v1/risk/eu?material={m}"),
        );
    }
    same(&api, &s, &["risk", "eu", "--all"], "/api/v1/risk/eu?all");
}

#[test]
fn risk_usgs() {
    let (s, api) = served();
    same(&api, &s, &["risk", "usgs"], "/api/v1/risk/usgs");
    same(
        &api,
        &s,
        &["risk", "usgs", "--commodity", "yttrium"],
        "/api/v1/risk/usgs?commodity=yttrium",
    );
}

#[test]
fn demand() {
    let (s, api) = served();
    same(
        &api,
        &s,
        &["demand", "--scenario", "stated-policies"],
        "/api/v1/demand?scenario=stated-policies",
    );
    same(
        &api,
        &s,
        &[
            "demand",
            "--scenario",
            "net-zero",
            "--element",
            "Nd",
            "--by-technology",
            "--from",
            "2024",
            "--to",
            "2032",
        ],
        "/api/v1/demand?scenario=net-zero&element=Nd&by-technology&from=2024&to=2032",
    );
    same(
        &api,
        &s,
        &[
            "demand",
            "--scenario",
            "announced-pledges",
            "--extend",
            "hold-last",
            "--unit",
            "kt",
        ],
        "/api/v1/demand?scenario=announced-pledges&extend=hold-last&unit=kt",
    );
}

#[test]
fn trade() {
    let (s, api) = served();
    same(&api, &s, &["trade"], "/api/v1/trade");
    same(
        &api,
        &s,
        &[
            "trade",
            "--exporter",
            "CHN",
            "--stage",
            "magnet",
            "--year",
            "2024",
        ],
        "/api/v1/trade?exporter=CHN&stage=magnet&year=2024",
    );
}

fn inputs() -> PathBuf {
    repo().join("tests/golden/inputs")
}

/// Runs the CLI in `dir` (so a file is named as the API names its upload).
fn cli_in(session: &Session, dir: &Path, args: &[&str]) -> Value {
    let mut c = session.command(args);
    c.arg("--format").arg("json").current_dir(dir);
    let r = crate::util::finish(c.output().unwrap());
    assert_eq!(r.code, 0, "rareflow {args:?}: {}", r.stderr);
    serde_json::from_str(&r.stdout).unwrap()
}

fn post(api: &Served, url: &str, content_type: &str, body: &[u8]) -> Reply {
    let auth = format!("Bearer {TOKEN}");
    api.client.request(
        "POST",
        url,
        &[("Content-Type", content_type), ("Authorization", &auth)],
        body,
    )
}

#[test]
fn stock() {
    let (s, api) = served();
    for (args, url, file) in [
        (
            vec![
                "stock",
                "--inflow",
                "inflow.csv",
                "--lifetime",
                "weibull:2.5,15",
            ],
            "/api/v1/stock?inflow=inflow.csv&lifetime=weibull:2.5,15",
            "inflow.csv",
        ),
        (
            vec![
                "stock",
                "--inflow",
                "inflow.csv",
                "--lifetime",
                "fixed:3",
                "--by-cohort",
            ],
            "/api/v1/stock?inflow=inflow.csv&lifetime=fixed:3&by-cohort",
            "inflow.csv",
        ),
        (
            vec![
                "stock",
                "--stock",
                "stock.csv",
                "--lifetime",
                "normal:10,3",
                "--negative-inflow-correct",
            ],
            "/api/v1/stock?stock=stock.csv&lifetime=normal:10,3&negative-inflow-correct",
            "stock.csv",
        ),
    ] {
        let r = post(
            &api,
            url,
            "text/csv",
            &std::fs::read(inputs().join(file)).unwrap(),
        );
        assert_eq!(r.status, 200, "{url}: {}", r.text());
        assert_json_eq(&r.json(), &cli_in(&s, &inputs(), &args), url);
    }
}

both!(import_editions_and_remove, |s, api| {
    let file = std::fs::read(inputs().join("mcs2024x.csv")).unwrap();
    // The CLI imports, the API lists; the CLI removes; the API imports, the CLI lists; the
    // API removes: each document the same as the other face's.
    let cli_import = cli_in(&s, &inputs(), &["import", "usgs-mcs", "mcs2024x.csv"]);
    same(&api, &s, &["editions"], "/api/v1/editions");
    let cli_remove = s.json(&["remove", "MCS2024X"]);
    let r = post(&api, "/api/v1/import?file=mcs2024x.csv", "text/csv", &file);
    assert_eq!(r.status, 200, "{}", r.text());
    assert_json_eq(&r.json(), &cli_import, "import");
    same(&api, &s, &["editions"], "/api/v1/editions");
    // Imported editions join the answers of both faces.
    same(
        &api,
        &s,
        &["compare", "--country", "RUS", "--metric", "reserves"],
        "/api/v1/compare?country=RUS&metric=reserves",
    );
    let auth = format!("Bearer {TOKEN}");
    let r = api.client.request(
        "DELETE",
        "/api/v1/editions/mcs2024x",
        &[("Authorization", &auth)],
        b"",
    );
    assert_eq!(r.status, 200, "{}", r.text());
    assert_json_eq(&r.json(), &cli_remove, "remove");
    // With the import flags.
    let cli = cli_in(
        &s,
        &inputs(),
        &[
            "import",
            "usgs-mcs",
            "mcs2024x.csv",
            "--publisher",
            "Ministry X",
            "--kind",
            "government-claim",
        ],
    );
    s.json(&["remove", "MCS2024X"]);
    let r = post(
        &api,
        "/api/v1/import/usgs-mcs?file=mcs2024x.csv&publisher=Ministry%20X&kind=government-claim",
        "text/csv",
        &file,
    );
    assert_eq!(r.status, 200, "{}", r.text());
    assert_json_eq(&r.json(), &cli, "import with flags");
    let r = post(
        &api,
        "/api/v1/import?file=mcs2024x.csv&replace",
        "text/csv",
        &file,
    );
    assert_eq!(r.json()["replaced"], true);
});

// An edition imported through the API answers every reading question as the CLI answers
// it from the same store: the rows really come from the store, on either backend.
both!(an_imported_edition_answers_alike, |s, api| {
    let file = std::fs::read(inputs().join("mcs2024x.csv")).unwrap();
    let r = post(&api, "/api/v1/import?file=mcs2024x.csv", "text/csv", &file);
    assert_eq!(r.status, 200, "{}", r.text());
    let ranked = api
        .client
        .get("/api/v1/rank?metric=reserves&edition=MCS2024X")
        .json();
    let russia = ranked
        .as_array()
        .unwrap()
        .iter()
        .find(|row| row["country"] == "RUS")
        .expect("Russia is ranked");
    assert_eq!(russia["edition"], "MCS2024X", "{russia}");
    for (args, url) in [
        (
            vec!["rank", "--metric", "reserves", "--edition", "MCS2024X"],
            "/api/v1/rank?metric=reserves&edition=MCS2024X",
        ),
        (
            vec![
                "rank",
                "--metric",
                "mine-production",
                "--edition",
                "mcs2024x",
                "--year",
                "2022",
            ],
            "/api/v1/rank?metric=mine-production&edition=mcs2024x&year=2022",
        ),
        (
            vec!["overview", "--edition", "MCS2024X"],
            "/api/v1/overview?edition=MCS2024X",
        ),
        (
            vec![
                "concentration",
                "--metric",
                "reserves",
                "--edition",
                "MCS2024X",
            ],
            "/api/v1/concentration?metric=reserves&edition=MCS2024X",
        ),
        (
            vec!["country", "RUS", "--edition", "MCS2024X"],
            "/api/v1/country/RUS?edition=MCS2024X",
        ),
        (
            vec![
                "compare",
                "--country",
                "Burma",
                "--metric",
                "mine-production",
            ],
            "/api/v1/compare?country=Burma&metric=mine-production",
        ),
        (vec!["sources"], "/api/v1/sources"),
    ] {
        same(&api, &s, &args, url);
    }
});

// Two `rareflow serve` processes on one store: a run saved through one is listed and read
// whole (inputs, seed, checksums, result) through the other, and runs again there to the
// same bytes; and the other way round.
both!(two_serve_processes_share_saved_runs, |s| {
    let a = Served::start(&s, &[]);
    let b = Served::start(&s, &[]);
    assert_ne!(a.pid(), b.pid());
    let auth = format!("Bearer {TOKEN}");
    let r = a.client.request(
        "POST",
        "/api/v1/runs?scenario=myanmar-halt",
        &[("Authorization", &auth)],
        b"",
    );
    assert_eq!(r.status, 200, "{}", r.text());
    let saved = r.json();
    let id = saved["run"]["id"].as_str().unwrap().to_string();

    let listed = b.client.get("/api/v1/runs").json();
    assert_json_eq(
        &listed,
        &Value::Array(vec![saved["run"].clone()]),
        "runs on B",
    );
    let read = b.client.get(&format!("/api/v1/runs/{id}"));
    assert_eq!(read.status, 200, "{}", read.text());
    let read = read.json();
    assert_json_eq(&read, &saved, "the run read on B");
    assert_eq!(read["run"]["seed"], 0);
    assert_eq!(
        read["inputs"]["scenario_text"].as_str().unwrap(),
        std::fs::read_to_string(repo().join("scenarios/myanmar-halt.toml")).unwrap()
    );
    for checksum in ["dataset_sha256", "scenario_sha256", "result_sha256"] {
        assert_eq!(
            read["run"][checksum].as_str().unwrap().len(),
            64,
            "{checksum}"
        );
    }
    // B, which never ran it, runs it again to the same bytes; the result is the CLI's.
    let check = b.client.get(&format!("/api/v1/runs/{id}/verify")).json();
    assert_eq!(check["reproduced"], true, "{check}");
    assert_eq!(check["same_dataset"], true, "{check}");
    assert_eq!(check["rerun_sha256"], saved["run"]["result_sha256"]);
    assert_json_eq(
        &read["result"],
        &s.json(&["sim", "run", "myanmar-halt"]),
        "the saved result vs rareflow sim run",
    );

    // The other way: an uploaded scenario saved on B, read on A, newest first.
    let dir = repo().join("examples/sim");
    let r = b.client.request(
        "POST",
        "/api/v1/runs?file=world-net-zero.toml",
        &[
            ("Authorization", &auth),
            ("Content-Type", "application/toml"),
        ],
        &std::fs::read(dir.join("world-net-zero.toml")).unwrap(),
    );
    assert_eq!(r.status, 200, "{}", r.text());
    let second = r.json();
    let id2 = second["run"]["id"].as_str().unwrap();
    let listed = a.client.get("/api/v1/runs").json();
    assert_json_eq(
        &listed,
        &Value::Array(vec![second["run"].clone(), saved["run"].clone()]),
        "runs on A",
    );
    assert_json_eq(
        &a.client.get(&format!("/api/v1/runs/{id2}")).json(),
        &second,
        "B's run read on A",
    );
    let page = a.client.get("/runs");
    assert_eq!(page.status, 200);
    assert!(page.text().contains(&id) && page.text().contains(id2));
});

#[test]
fn sim_list_and_network() {
    let (s, api) = served();
    same(&api, &s, &["sim", "list"], "/api/v1/sim/list");
    same(&api, &s, &["sim", "network"], "/api/v1/sim/network");
}

#[test]
fn sim_run() {
    let (s, api) = served();
    for name in ["baseline", "china-2025-controls", "us-deals"] {
        same(
            &api,
            &s,
            &["sim", "run", name],
            &format!("/api/v1/sim/run?scenario={name}"),
        );
    }
    // An uploaded scenario on the bundled network, named as the CLI names its file.
    let dir = repo().join("examples/sim");
    let toml = std::fs::read(dir.join("world-net-zero.toml")).unwrap();
    let r = post(
        &api,
        "/api/v1/sim/run?file=world-net-zero.toml",
        "application/toml",
        &toml,
    );
    assert_eq!(r.status, 200, "{}", r.text());
    assert_json_eq(
        &r.json(),
        &cli_in(&s, &dir, &["sim", "run", "world-net-zero.toml"]),
        "uploaded",
    );
    // One on its own network, sent as JSON with the network's files.
    let read = |f: &str| std::fs::read_to_string(dir.join(f)).unwrap();
    let body = serde_json::json!({
        "scenario": read("ban.toml"),
        "scenario_file": "ban.toml",
        "network": {"folder": "network", "nodes": read("network/nodes.csv"),
            "links": read("network/links.csv"), "demand": read("network/demand.csv")},
    });
    let r = post(
        &api,
        "/api/v1/sim/run",
        "application/json",
        body.to_string().as_bytes(),
    );
    assert_eq!(r.status, 200, "{}", r.text());
    assert_json_eq(
        &r.json(),
        &cli_in(&s, &dir, &["sim", "run", "ban.toml"]),
        "with its network",
    );
}

/// A plan's document without what changes from run to run (the solver's seconds).
fn untimed(mut v: Value) -> Value {
    v["plan"]["seconds"] = Value::Null;
    v["metadata"]["seconds"] = Value::Null;
    v
}

#[test]
fn plan() {
    let (s, api) = served();
    same(&api, &s, &["plan", "list"], "/api/v1/plan/list");
    for (name, simulate) in [
        ("us-mine-to-magnet", Some("china-2025-controls")),
        ("eu-crma-2030", None),
        ("russia-2030", None),
    ] {
        let (url, args) = match simulate {
            Some(sc) => (
                format!("/api/v1/plan?roadmap={name}&simulate={sc}"),
                vec!["plan", name, "--simulate", sc],
            ),
            None => (format!("/api/v1/plan?roadmap={name}"), vec!["plan", name]),
        };
        let r = api.client.get(&url);
        assert_eq!(r.status, 200, "GET {url}: {}", r.text());
        assert_json_eq(
            &untimed(r.json()),
            &untimed(s.json(&args)),
            &format!("GET {url} vs rareflow {}", args.join(" ")),
        );
    }
    // An uploaded roadmap, named as the CLI names its file.
    let dir = repo().join("roadmaps");
    let toml = std::fs::read(dir.join("russia-2030.toml")).unwrap();
    let r = post(
        &api,
        "/api/v1/plan?file=russia-2030.toml",
        "application/toml",
        &toml,
    );
    assert_eq!(r.status, 200, "{}", r.text());
    assert_json_eq(
        &untimed(r.json()),
        &untimed(cli_in(&s, &dir, &["plan", "russia-2030.toml"])),
        "uploaded roadmap",
    );
    // A bad roadmap gets the CLI's located message with a 400; a path is refused.
    let bad = String::from_utf8(toml)
        .unwrap()
        .replace("group = \"RUS\"", "group = \"XYZ\"");
    let r = post(
        &api,
        "/api/v1/plan?file=bad.toml",
        "application/toml",
        bad.as_bytes(),
    );
    assert_eq!(r.status, 400, "{}", r.text());
    assert!(
        r.text().contains("bad.toml:")
            && r.text().contains("(key group): invalid value \\\"XYZ\\\""),
        "{}",
        r.text()
    );
    let r = api.client.get("/api/v1/plan?roadmap=../etc/passwd");
    assert_eq!(r.status, 400, "{}", r.text());
    let r = api.client.get("/api/v1/plan?roadmap=russia-2031");
    assert_eq!(r.status, 404, "{}", r.text());
}

#[test]
fn the_roadmap_page_and_its_csv_are_the_plan() {
    let (s, api) = served();
    let page = api.client.get("/roadmaps?roadmap=us-mine-to-magnet");
    assert_eq!(page.status, 200, "{}", page.text());
    for want in [
        "Chosen projects",
        "Aclara Louisiana",
        "chart-roadmap-output",
        "chart-roadmap-costs",
        "Candidates left out",
    ] {
        assert!(
            page.text().contains(want),
            "the roadmap page lacks {want:?}"
        );
    }
    // The cost curve's CSV is the plan's cost rows: its discounted totals sum to the
    // objective the CLI reports.
    let csv = api
        .client
        .get("/charts/roadmap-costs.csv?roadmap=us-mine-to-magnet");
    assert_eq!(csv.status, 200, "{}", csv.text());
    let sum: f64 = csv
        .text()
        .lines()
        .skip(1)
        .filter(|l| l.contains(",\"total, discounted\","))
        .map(|l| l.rsplit(',').next().unwrap().parse::<f64>().unwrap())
        .sum();
    let cli = s.json(&["plan", "us-mine-to-magnet"]);
    let objective = cli["plan"]["objective"].as_f64().unwrap();
    assert!(
        (sum - objective).abs() < 1e-6 * objective,
        "{sum} vs {objective}"
    );
    let bad = api.client.get("/roadmaps?roadmap=../x");
    assert_eq!(bad.status, 400);
}

#[test]
fn sim_check_and_compare() {
    let (s, api) = served();
    same(
        &api,
        &s,
        &["sim", "check", "myanmar-halt"],
        "/api/v1/sim/check?scenario=myanmar-halt",
    );
    let dir = repo().join("examples/sim");
    let toml = std::fs::read(dir.join("world-net-zero.toml")).unwrap();
    let r = post(
        &api,
        "/api/v1/sim/check?file=world-net-zero.toml",
        "application/toml",
        &toml,
    );
    assert_eq!(r.status, 200, "{}", r.text());
    assert_json_eq(
        &r.json(),
        &cli_in(&s, &dir, &["sim", "check", "world-net-zero.toml"]),
        "check",
    );
    same(
        &api,
        &s,
        &["sim", "compare", "baseline", "myanmar-halt"],
        "/api/v1/sim/compare?a=baseline&b=myanmar-halt",
    );
}

// Bad input gets the message the CLI prints after `error: `, and 400.
both!(errors_carry_the_clis_message, |s, api| {
    for (args, url) in [
        (
            vec!["rank", "--metric", "reserves", "--edition", "MCS2030"],
            "/api/v1/rank?metric=reserves&edition=MCS2030",
        ),
        (vec!["country", "Atlantis"], "/api/v1/country/Atlantis"),
        (vec!["cite", "--value", "lots"], "/api/v1/cite?value=lots"),
        (
            vec!["risk", "eu", "--material", "Gold"],
            "/api/v1/risk/eu?material=Gold",
        ),
        (
            vec!["demand", "--scenario", "hope"],
            "/api/v1/demand?scenario=hope",
        ),
    ] {
        let cli = s.run(&args);
        assert_ne!(cli.code, 0);
        let r = api.client.get(url);
        assert!((400..500).contains(&r.status), "{url}: {}", r.text());
        let message = r.json()["error"]["message"].as_str().unwrap().to_string();
        assert_eq!(cli.stderr.trim(), format!("error: {message}"), "{url}");
    }
    // A located message from a patched real file.
    let text = String::from_utf8(std::fs::read(inputs().join("mcs2024x.csv")).unwrap())
        .unwrap()
        .replacen(",210000,240000,", ",210000,lots,", 1);
    let path = s.write("bad.csv", &text);
    let cli = s.run(&["import", "usgs-mcs", path.to_str().unwrap()]);
    let r = post(
        &api,
        &format!(
            "/api/v1/import?file={}",
            path.file_name().unwrap().to_str().unwrap()
        ),
        "text/csv",
        text.as_bytes(),
    );
    assert_eq!(r.status, 400);
    let message = r.json()["error"]["message"].as_str().unwrap().to_string();
    assert_eq!(
        cli.stderr.trim().replace(path.to_str().unwrap(), "bad.csv"),
        format!("error: {message}")
    );
});

/// SIGTERM stops the server cleanly: it says so and exits with success.
#[test]
fn sigterm_stops_the_server_cleanly() {
    let session = Session::new();
    let mut child = Command::new(env!("CARGO_BIN_EXE_rareflow"))
        .args(["serve", "--addr", "127.0.0.1:0", "--db"])
        .arg(session.db())
        .env_remove("RAREFLOW_TOKEN")
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(child.stderr.take().unwrap()).lines();
    let first = lines.next().unwrap().unwrap();
    assert!(first.contains("writes disabled"), "{first}");
    let addr = first
        .split("http://")
        .nth(1)
        .unwrap()
        .split_whitespace()
        .next()
        .unwrap();
    let client = Client {
        addr: addr.parse().unwrap(),
    };
    assert_eq!(client.get("/api/v1/sources").status, 200);
    let killed = Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(killed.success());
    let started = std::time::Instant::now();
    let status = loop {
        if let Some(s) = child.try_wait().unwrap() {
            break s;
        }
        assert!(
            started.elapsed() < std::time::Duration::from_secs(15),
            "still running after SIGTERM"
        );
        std::thread::sleep(std::time::Duration::from_millis(50));
    };
    assert!(status.success(), "{status:?}");
    let rest: Vec<String> = lines.map_while(Result::ok).collect();
    assert!(rest.iter().any(|l| l.contains("stopped")), "{rest:?}");
}
