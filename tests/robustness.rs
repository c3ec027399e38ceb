//! `rareflow serve` under hostile traffic: 10,000 malformed requests (bad JSON, huge
//! bodies, bad UTF-8, unknown fields, wrong types, broken HTTP) all get a 4xx and none a
//! 5xx; with `--request-timeout 1s`, 100 connections that send their body too slowly are
//! cut; and the server's resident memory grows by less than 50 MB over the whole test.

use crate::serve::{Served, TOKEN};
use crate::util::Session;
use std::io::{Read, Write};
use std::net::TcpStream;
use std::time::{Duration, Instant};

/// The server's resident memory, in bytes (Linux).
fn rss(pid: u32) -> u64 {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap_or_default();
    status
        .lines()
        .find(|l| l.starts_with("VmRSS:"))
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|kb| kb.parse::<u64>().ok())
        .map_or(0, |kb| kb * 1024)
}

/// A small deterministic generator (xorshift), so a failure can be replayed.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn bytes(&mut self, n: usize) -> Vec<u8> {
        (0..n).map(|_| self.next() as u8).collect()
    }
}

fn request(method: &str, target: &[u8], headers: &[(&str, String)], body: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    out.extend_from_slice(method.as_bytes());
    out.push(b' ');
    out.extend_from_slice(target);
    out.extend_from_slice(b" HTTP/1.1\r\nHost: x\r\nConnection: close\r\n");
    let mut has_length = false;
    for (k, v) in headers {
        has_length |= k.eq_ignore_ascii_case("content-length");
        out.extend_from_slice(format!("{k}: {v}\r\n").as_bytes());
    }
    if !has_length {
        out.extend_from_slice(format!("Content-Length: {}\r\n", body.len()).as_bytes());
    }
    out.extend_from_slice(b"\r\n");
    out.extend_from_slice(body);
    out
}

/// The `i`th malformed request: a kind (for the failure message) and its bytes.
fn malformed(rng: &mut Rng, i: usize) -> (&'static str, Vec<u8>) {
    let auth = ("Authorization", format!("Bearer {TOKEN}"));
    let json = ("Content-Type", "application/json".to_string());
    let toml = ("Content-Type", "application/toml".to_string());
    let scenario_json = [
        &b"{"[..],
        b"{\"scenario\": 5}",
        b"{\"scenario\": \"name = 1\", \"colour\": \"red\"}",
        b"[1, 2, 3]",
        b"{\"scenario\": \"x\", \"network\": {\"nodes\": 1}}",
        b"null",
        b"{\"scenario\": \"\\ud800\"}",
        b"\"just a string\"",
    ];
    let size = 1 + rng.below(500);
    match i % 16 {
        0 => (
            "bad JSON",
            request("POST", b"/api/v1/sim/run", &[json], &rng.bytes(size)),
        ),
        1 => (
            "wrong JSON types",
            request(
                "POST",
                b"/api/v1/runs",
                &[json, auth],
                scenario_json[rng.below(scenario_json.len())],
            ),
        ),
        2 => (
            "unknown field",
            request(
                "GET",
                format!("/api/v1/rank?metric=reserves&x{}=1", rng.below(1000)).as_bytes(),
                &[],
                b"",
            ),
        ),
        3 => {
            let bad = [
                "top=abc",
                "top=-1",
                "top=0",
                "year=1e99",
                "year=99999999999",
                "year=",
                "metric=gold",
                "denominator=all",
                "unit=mt",
                "top=1&top=2",
            ];
            (
                "wrong type",
                request(
                    "GET",
                    format!("/api/v1/rank?metric=reserves&{}", bad[rng.below(bad.len())])
                        .as_bytes(),
                    &[],
                    b"",
                ),
            )
        }
        4 => (
            "bad UTF-8 in the query",
            request(
                "GET",
                b"/api/v1/country/RUS?edition=%ff%fe%00&year=%80",
                &[],
                b"",
            ),
        ),
        5 => {
            let mut target = b"/api/v1/country/".to_vec();
            target.extend(rng.bytes(8).into_iter().map(|b| {
                if b.is_ascii_whitespace() || b < 0x21 {
                    b'%'
                } else {
                    b
                }
            }));
            ("bad bytes in the path", request("GET", &target, &[], b""))
        }
        6 => {
            let mut body = b"Source,Country,Type\nX,".to_vec();
            body.extend(rng.bytes(200));
            (
                "bad UTF-8 CSV",
                request("POST", b"/api/v1/import?file=x.csv", &[auth], &body),
            )
        }
        7 => (
            "huge body, announced",
            request(
                "POST",
                b"/api/v1/sim/run",
                &[toml, ("Content-Length", "2000000000".into())],
                b"name",
            ),
        ),
        8 if i % 64 == 8 => (
            "huge body, sent",
            request(
                "POST",
                b"/api/v1/stock?inflow=x.csv&lifetime=fixed:3",
                &[],
                &vec![b'1'; 1_100_000],
            ),
        ),
        8 => (
            "random TOML",
            request("POST", b"/api/v1/sim/check", &[toml], &rng.bytes(size)),
        ),
        9 => (
            "random CSV to stock",
            request(
                "POST",
                b"/api/v1/stock?inflow=s.csv&lifetime=weibull:2.5,15",
                &[],
                format!("year,inflow\n{},{}\n", rng.next() % 5000, rng.next()).as_bytes(),
            ),
        ),
        10 => {
            let lines = [
                "GARBAGE\r\n\r\n",
                "GET\r\n\r\n",
                "GET / HTTP/9.9\r\n\r\n",
                "GET / HTTP/1.1\r\nBad Header\r\n\r\n",
                "\x00\x01\x02\r\n\r\n",
                "GET / HTTP/1.1\r\nHost: x\r\nContent-Length: -5\r\n\r\n",
                "GET / HTTP/1.1\r\nHost: x\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\nab",
            ];
            (
                "broken HTTP",
                lines[rng.below(lines.len())].as_bytes().to_vec(),
            )
        }
        11 => (
            "bad lifetime",
            request(
                "POST",
                b"/api/v1/stock?inflow=s.csv&lifetime=weibull:-1,nan",
                &[],
                b"year,inflow\n2020,1\n",
            ),
        ),
        12 => (
            "unknown endpoint",
            request(
                ["GET", "POST", "DELETE", "PATCH"][rng.below(4)],
                format!("/api/v1/{}", rng.next()).as_bytes(),
                &[],
                b"",
            ),
        ),
        13 => (
            "no token",
            request("DELETE", b"/api/v1/editions/MCS2025", &[], b""),
        ),
        14 => ("bad chunked body", {
            let mut r = b"POST /api/v1/sim/run HTTP/1.1\r\nHost: x\r\nConnection: close\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n".to_vec();
            r.extend(rng.bytes(20));
            r
        }),
        _ => (
            "bad scenario name",
            request(
                "GET",
                format!(
                    "/api/v1/sim/run?scenario={}",
                    ["..%2F..%2Fetc", "%00", "a%20b", "x.toml", ""][rng.below(5)]
                )
                .as_bytes(),
                &[],
                b"",
            ),
        ),
    }
}

fn send(addr: std::net::SocketAddr, bytes: &[u8]) -> u16 {
    let mut s = TcpStream::connect(addr).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(30))).unwrap();
    let _ = s.write_all(bytes);
    let mut out = Vec::new();
    let _ = s.read_to_end(&mut out);
    server::testing::parse(&out).status
}

#[test]
fn malformed_requests_get_4xx_slow_bodies_are_cut_and_memory_stays_flat() {
    let session = Session::new();
    let served = Served::start(
        &session,
        &["--request-timeout", "1s", "--body-limit", "1MB"],
    );
    let addr = served.client.addr;
    // Warm up everything answered lazily (the world network, the store) before measuring.
    for path in [
        "/api/v1/sim/run?scenario=baseline",
        "/api/v1/editions",
        "/",
        "/charts/map.json",
    ] {
        assert_eq!(served.client.get(path).status, 200, "{path}");
    }
    let before = rss(served.pid());
    assert!(before > 0, "cannot read the server's memory");
    let mut peak = before;

    // 10,000 malformed requests from 4 clients at once.
    let results: Vec<Vec<(usize, &'static str, u16)>> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..4)
            .map(|t| {
                scope.spawn(move || {
                    let mut rng = Rng(0x9E37_79B9_7F4A_7C15 ^ (t as u64 + 1));
                    (0..2500)
                        .map(|k| {
                            let i = k * 4 + t;
                            let (kind, bytes) = malformed(&mut rng, i);
                            (i, kind, send(addr, &bytes))
                        })
                        .collect()
                })
            })
            .collect();
        handles.into_iter().map(|h| h.join().unwrap()).collect()
    });
    let all: Vec<&(usize, &str, u16)> = results.iter().flatten().collect();
    assert_eq!(all.len(), 10_000);
    let server_errors: Vec<_> = all.iter().filter(|r| r.2 >= 500).take(10).collect();
    assert!(server_errors.is_empty(), "5xx answers: {server_errors:?}");
    let not_4xx: Vec<_> = all
        .iter()
        .filter(|r| !(400..500).contains(&r.2))
        .take(10)
        .collect();
    assert!(not_4xx.is_empty(), "answers other than 4xx: {not_4xx:?}");
    peak = peak.max(rss(served.pid()));

    // 100 connections that send a head and part of a body, then nothing.
    let started = Instant::now();
    let mut slow: Vec<TcpStream> = (0..100)
        .map(|_| {
            let mut s = TcpStream::connect(addr).unwrap();
            s.write_all(b"POST /api/v1/sim/run HTTP/1.1\r\nHost: x\r\nContent-Type: application/toml\r\nContent-Length: 100000\r\n\r\nname = ").unwrap();
            s
        })
        .collect();
    peak = peak.max(rss(served.pid()));
    let mut statuses = Vec::new();
    for s in &mut slow {
        s.set_read_timeout(Some(Duration::from_secs(20))).unwrap();
        let mut out = Vec::new();
        let _ = s.read_to_end(&mut out);
        statuses.push(server::testing::parse(&out).status);
    }
    let elapsed = started.elapsed();
    assert!(statuses.iter().all(|s| *s == 408), "{statuses:?}");
    assert!(
        elapsed < Duration::from_secs(10),
        "the slow connections took {elapsed:?} to be cut"
    );
    // The server still answers.
    assert_eq!(served.client.get("/api/v1/sources").status, 200);
    peak = peak.max(rss(served.pid()));
    let grown = peak.saturating_sub(before);
    eprintln!(
        "resident memory: {} MB before, {} MB at most; slow bodies cut in {elapsed:?}",
        before / 1_000_000,
        peak / 1_000_000
    );
    assert!(
        grown < 50_000_000,
        "the server grew by {} MB",
        grown / 1_000_000
    );
}
