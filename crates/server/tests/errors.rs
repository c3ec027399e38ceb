//! The one error shape, `{"error": {"code", "message", "location"?}}`, with its status for
//! every code: bad input (with the located message the CLI prints), not found, conflict,
//! too large, rate limited, store unavailable; and never a 500 for a user's input.

use crate::util::{mcs2024x, open, sqlite_server, with_token};
use server::testing::{Reply, TestServer};

fn assert_error(r: &Reply, status: u16, code: &str) -> serde_json::Value {
    assert_eq!(r.status, status, "{}", r.text());
    assert_eq!(
        r.header("content-type"),
        Some("application/json"),
        "{}",
        r.text()
    );
    let v = r.json();
    let e = v["error"]
        .as_object()
        .unwrap_or_else(|| panic!("not the error shape: {v}"));
    assert_eq!(e["code"], code, "{v}");
    assert!(e["message"].as_str().is_some_and(|m| !m.is_empty()), "{v}");
    let keys: Vec<&String> = e.keys().collect();
    assert!(
        keys.iter()
            .all(|k| ["code", "message", "location"].contains(&k.as_str())),
        "{v}"
    );
    assert_eq!(v.as_object().unwrap().len(), 1, "{v}");
    v
}

#[test]
fn bad_input_is_400_and_says_where() {
    let (server, _dir) = sqlite_server(with_token("t"));
    let c = server.client();
    let v = assert_error(&c.get("/api/v1/rank?metric=gold"), 400, "bad_input");
    assert!(
        v["error"]["message"]
            .as_str()
            .unwrap()
            .contains("query parameter metric"),
        "{v}"
    );
    let v = assert_error(&c.get("/api/v1/rank"), 400, "bad_input");
    assert_eq!(v["error"]["message"], "query parameter metric is required");
    assert_error(
        &c.get("/api/v1/rank?metric=reserves&colour=red"),
        400,
        "bad_input",
    );
    assert_error(
        &c.get("/api/v1/rank?metric=reserves&top=0"),
        400,
        "bad_input",
    );
    assert_error(
        &c.get("/api/v1/rank?metric=reserves&year=abc"),
        400,
        "bad_input",
    );
    assert_error(
        &c.get("/api/v1/rank?metric=reserves&year=1800"),
        400,
        "bad_input",
    );
    assert_error(&c.get("/api/v1/risk/eu"), 400, "bad_input");
    assert_error(&c.get("/api/v1/risk/eu?material=Dy&all"), 400, "bad_input");

    // A file with a bad cell: the message and the location the CLI gives for that file.
    let text =
        String::from_utf8(mcs2024x())
            .unwrap()
            .replacen(",210000,240000,", ",210000,lots,", 1);
    let r = c.request(
        "POST",
        "/api/v1/import?file=mcs2024x.csv",
        &[("Authorization", "Bearer t")],
        text.as_bytes(),
    );
    let v = assert_error(&r, 400, "bad_input");
    // The message `rareflow import usgs-mcs mcs2024x.csv` prints after `error: `.
    assert_eq!(
        v["error"]["message"],
        "mcs2024x.csv:7:5 (column Prod_t_est_2023): invalid value \"lots\": expected a number of tonnes"
    );
    assert_eq!(
        v["error"]["location"],
        serde_json::json!({"file": "mcs2024x.csv", "line": 7, "column": 5})
    );

    // Not UTF-8: located too, never a 500.
    let r = c.request(
        "POST",
        "/api/v1/import?file=x.csv",
        &[("Authorization", "Bearer t")],
        b"Source,Country\n\xff\xfe,1\n",
    );
    let v = assert_error(&r, 400, "bad_input");
    assert_eq!(v["error"]["location"]["line"], 2, "{v}");
}

#[test]
fn not_found_conflict_and_wrong_methods() {
    let (server, _dir) = sqlite_server(with_token("t"));
    let c = server.client();
    assert_error(&c.get("/api/v1/nothing"), 404, "not_found");
    assert_error(&c.get("/api/v1/country/Atlantis"), 404, "not_found");
    assert_error(
        &c.get("/api/v1/rank?metric=reserves&edition=MCS1999"),
        404,
        "not_found",
    );
    assert_error(&c.get("/api/v1/runs/0123456789abcdef"), 404, "not_found");
    assert_error(
        &c.get("/api/v1/sim/run?scenario=atlantis"),
        404,
        "not_found",
    );
    assert_error(
        &c.request("PUT", "/api/v1/rank?metric=reserves", &[], b""),
        405,
        "bad_input",
    );
    let auth = [("Authorization", "Bearer t")];
    let first = c.request("POST", "/api/v1/import?file=a.csv", &auth, &mcs2024x());
    assert_eq!(first.status, 200, "{}", first.text());
    let again = c.request("POST", "/api/v1/import?file=a.csv", &auth, &mcs2024x());
    assert_error(&again, 409, "conflict");
    let replace = c.request(
        "POST",
        "/api/v1/import?file=a.csv&replace",
        &auth,
        &mcs2024x(),
    );
    assert_eq!(replace.status, 200, "{}", replace.text());
    assert_eq!(replace.json()["replaced"], true);
    // Bundled editions stay.
    assert_error(
        &c.request("DELETE", "/api/v1/editions/MCS2025", &auth, b""),
        409,
        "conflict",
    );
    assert_error(
        &c.request("DELETE", "/api/v1/editions/NOPE", &auth, b""),
        404,
        "not_found",
    );
}

#[test]
fn a_body_over_the_limit_is_413() {
    let (server, _dir) = sqlite_server(server::Config {
        body_limit: 1000,
        ..with_token("t")
    });
    let c = server.client();
    let big = vec![b'a'; 5000];
    let r = c.request(
        "POST",
        "/api/v1/import?file=a.csv",
        &[("Authorization", "Bearer t")],
        &big,
    );
    assert_error(&r, 413, "too_large");
    let r = c.request("POST", "/api/v1/sim/run", &[], &big);
    assert_error(&r, 413, "too_large");
    // Announced as chunked, without a length: cut all the same.
    let mut raw = format!(
        "POST /api/v1/sim/run HTTP/1.1\r\nHost: x\r\nConnection: close\r\nTransfer-Encoding: chunked\r\n\r\n{:x}\r\n",
        big.len()
    )
    .into_bytes();
    raw.extend_from_slice(&big);
    raw.extend_from_slice(b"\r\n0\r\n\r\n");
    assert_error(&c.raw(&raw), 413, "too_large");
}

#[test]
fn too_many_requests_are_429_with_a_retry_after() {
    let (server, _dir) = sqlite_server(server::Config {
        rate_limit: server::RateLimit::PerSecond(3),
        ..server::Config::default()
    });
    let c = server.client();
    let replies: Vec<Reply> = (0..12).map(|_| c.get("/api/v1/sources")).collect();
    let limited: Vec<&Reply> = replies.iter().filter(|r| r.status == 429).collect();
    assert!(
        !limited.is_empty(),
        "12 requests at once passed a 3/s limit"
    );
    assert!(replies[0].status == 200);
    let v = assert_error(limited[0], 429, "rate_limited");
    assert!(limited[0].header("retry-after").is_some(), "{v}");
}

#[test]
fn an_unreachable_store_is_503() {
    // Nothing listens on port 1: the store cannot be reached.
    let server = TestServer::start("postgres://rareflow@127.0.0.1:1/none", open());
    let c = server.client();
    let v = assert_error(&c.get("/api/v1/editions"), 503, "store_unavailable");
    assert!(
        v["error"]["message"]
            .as_str()
            .unwrap()
            .contains("127.0.0.1:1"),
        "{v}"
    );
    assert_error(&c.get("/api/v1/runs"), 503, "store_unavailable");
    // Questions on the bundled tables alone still answer.
    assert_eq!(c.get("/api/v1/risk/eu?material=Dy").status, 200);
}

#[test]
fn a_password_in_the_store_address_is_never_shown() {
    let server = TestServer::start("postgres://rareflow:hunter2@127.0.0.1:1/none", open());
    let r = server.client().get("/api/v1/editions");
    assert_eq!(r.status, 503);
    assert!(!r.text().contains("hunter2"), "{}", r.text());
    assert_eq!(
        server::redact("postgres://u:p@h/db"),
        "postgres://u:***@h/db"
    );
    assert_eq!(server::redact("/tmp/x.db"), "/tmp/x.db");
}

#[test]
fn a_slow_body_is_cut_at_the_request_timeout() {
    use std::io::{Read, Write};
    let (server, _dir) = sqlite_server(server::Config {
        request_timeout: std::time::Duration::from_millis(500),
        ..open()
    });
    let mut s = std::net::TcpStream::connect(server.addr).unwrap();
    s.write_all(b"POST /api/v1/sim/run HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\nname")
        .unwrap();
    let started = std::time::Instant::now();
    let mut out = Vec::new();
    s.set_read_timeout(Some(std::time::Duration::from_secs(10)))
        .unwrap();
    let _ = s.read_to_end(&mut out);
    let elapsed = started.elapsed();
    let r = server::testing::parse(&out);
    assert_error(&r, 408, "bad_input");
    assert!(elapsed < std::time::Duration::from_secs(5), "{elapsed:?}");
    // A head sent too slowly is cut as well (the connection closes without an answer).
    let mut s = std::net::TcpStream::connect(server.addr).unwrap();
    s.write_all(b"GET /api/v1/sources HTTP/1.1\r\nHost: x\r\n")
        .unwrap();
    s.set_read_timeout(Some(std::time::Duration::from_secs(10)))
        .unwrap();
    let started = std::time::Instant::now();
    let mut out = Vec::new();
    let _ = s.read_to_end(&mut out);
    assert!(started.elapsed() < std::time::Duration::from_secs(5));
}
