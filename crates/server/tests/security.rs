//! Who may write and read, and what a request can reach: a write without the token, or
//! with a wrong one, gets 401 and changes nothing; with no token configured writes get 403
//! `writes_disabled`; `--private` closes reads; no parameter or path reads a file from the
//! server's disk.

use crate::util::{mcs2024x, open, server_test, with_token};
use server::testing::{Client, Reply, TestServer};

const TOKEN: &str = "correct horse battery staple";

fn editions(c: &Client) -> serde_json::Value {
    let r = c.get("/api/v1/editions");
    assert_eq!(r.status, 200, "{}", r.text());
    r.json()
}

fn import(c: &Client, auth: Option<&str>) -> Reply {
    let header;
    let mut headers = vec![("Content-Type", "text/csv")];
    if let Some(a) = auth {
        header = a.to_string();
        headers.push(("Authorization", &header));
    }
    c.request(
        "POST",
        "/api/v1/import?file=mcs2024x.csv",
        &headers,
        &mcs2024x(),
    )
}

server_test!(
    writes_need_the_token_and_a_refused_write_changes_nothing,
    |location| {
        let server = TestServer::start(&location, with_token(TOKEN));
        let c = server.client();
        for auth in [
            None,
            Some("Bearer wrong"),
            Some("Bearer "),
            Some("Basic Y29ycmVjdA=="),
        ] {
            let r = import(&c, auth);
            assert_eq!(r.status, 401, "{auth:?}: {}", r.text());
            assert_eq!(r.error_code().as_deref(), Some("unauthorized"));
            assert_eq!(r.header("www-authenticate"), Some("Bearer"));
            assert_eq!(
                editions(&c),
                serde_json::json!([]),
                "{auth:?} changed the store"
            );
        }
        let r = import(&c, Some(&format!("Bearer {TOKEN}")));
        assert_eq!(r.status, 200, "{}", r.text());
        let edition = r.json()["edition"].as_str().unwrap().to_string();
        assert_eq!(editions(&c).as_array().unwrap().len(), 1);

        // Deleting and saving a run are writes too.
        let path = format!("/api/v1/editions/{edition}");
        for auth in [None, Some("Bearer wrong")] {
            let headers: Vec<(&str, &str)> = auth.iter().map(|a| ("Authorization", *a)).collect();
            assert_eq!(c.request("DELETE", &path, &headers, b"").status, 401);
            assert_eq!(
                c.request("POST", "/api/v1/runs?scenario=baseline", &headers, b"")
                    .status,
                401
            );
        }
        assert_eq!(editions(&c).as_array().unwrap().len(), 1);
        assert_eq!(c.get("/api/v1/runs").json(), serde_json::json!([]));
        let bearer = format!("Bearer {TOKEN}");
        let r = c.request("DELETE", &path, &[("Authorization", &bearer)], b"");
        assert_eq!(r.status, 200, "{}", r.text());
        assert_eq!(editions(&c), serde_json::json!([]));
    }
);

server_test!(without_a_token_writes_are_disabled, |location| {
    let server = TestServer::start(&location, open());
    let c = server.client();
    for r in [
        import(&c, None),
        import(&c, Some("Bearer anything")),
        c.request("DELETE", "/api/v1/editions/MCS2024", &[], b""),
        c.request("POST", "/api/v1/runs?scenario=baseline", &[], b""),
    ] {
        assert_eq!(r.status, 403, "{}", r.text());
        assert_eq!(r.error_code().as_deref(), Some("writes_disabled"));
    }
    assert_eq!(editions(&c), serde_json::json!([]));
    // Reads are open.
    assert_eq!(c.get("/api/v1/rank?metric=reserves").status, 200);
});

#[test]
fn a_private_server_needs_the_token_for_reads_but_not_for_its_scripts() {
    let (server, _dir) = crate::util::sqlite_server(server::Config {
        private: true,
        ..with_token(TOKEN)
    });
    let c = server.client();
    let bearer = format!("Bearer {TOKEN}");
    for path in [
        "/api/v1/rank?metric=reserves",
        "/",
        "/api/v1/openapi.json",
        "/charts/map.json",
    ] {
        let r = c.get(path);
        assert_eq!(r.status, 401, "{path}: {}", r.text());
        assert_eq!(r.error_code().as_deref(), Some("unauthorized"));
        let r = c.request("GET", path, &[("Authorization", &bearer)], b"");
        assert_eq!(r.status, 200, "{path}: {}", r.text());
    }
    assert_eq!(c.get("/assets/dashboard.js").status, 200);
}

/// Every way a request could name a file: each is refused (4xx), and no answer holds the
/// file's content.
#[test]
fn no_parameter_or_path_reads_a_file_of_the_server() {
    let (server, _dir) = crate::util::sqlite_server(with_token(TOKEN));
    let c = server.client();
    let bearer = format!("Bearer {TOKEN}");
    let secret = "root:x:0:0";
    let gets = [
        "/api/v1/balance?ore-types=../../../../etc/passwd",
        "/api/v1/balance?country-ores=/etc/passwd",
        "/api/v1/demand?scenario=net-zero&tables=/etc",
        "/api/v1/chain?svg=/tmp/x.svg",
        "/api/v1/sim/run?scenario=../../../../etc/passwd",
        "/api/v1/sim/run?scenario=/etc/passwd",
        "/api/v1/sim/run?scenario=..%2F..%2Fetc%2Fpasswd",
        "/api/v1/sim/run?scenario=baseline&network=/etc",
        "/api/v1/sim/check?scenario=../scenarios/baseline.toml",
        "/api/v1/sim/compare?a=/etc/passwd&b=baseline",
        "/api/v1/country/..%2F..%2Fetc%2Fpasswd",
        "/api/v1/runs/..%2F..%2Fetc%2Fpasswd",
        "/assets/../../../../etc/passwd",
        "/assets/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
        "/assets/vendor/..%2f..%2f..%2fCargo.toml",
        "/charts/..%2f..%2f..%2fetc%2fpasswd",
        "/chain?scenario=../../../../etc/passwd",
        "/scenarios?scenario=/etc/passwd",
    ];
    for path in gets {
        let r = c.get(path);
        assert!(
            (400..500).contains(&r.status),
            "{path}: {} {}",
            r.status,
            r.text()
        );
        assert!(!r.text().contains(secret), "{path} leaked a file");
    }
    let posts: [(&str, &[u8]); 5] = [
        ("/api/v1/import?file=../../../../etc/passwd", &[]),
        ("/api/v1/import?file=/etc/passwd", &[]),
        (
            "/api/v1/stock?inflow=../../../etc/passwd&lifetime=fixed:10",
            b"year,inflow\n2020,1\n",
        ),
        ("/api/v1/sim/run?file=../../etc/passwd", b"name = \"x\"\n"),
        (
            "/api/v1/runs?file=..%2F..%2Fetc%2Fpasswd",
            b"name = \"x\"\n",
        ),
    ];
    for (path, body) in posts {
        let r = c.request("POST", path, &[("Authorization", &bearer)], body);
        assert_eq!(r.status, 400, "{path}: {}", r.text());
        assert!(!r.text().contains(secret), "{path} leaked a file");
    }
    // A scenario that names a network folder is not read from the server's disk either.
    let r = c.request(
        "POST",
        "/api/v1/sim/run",
        &[("Content-Type", "application/toml")],
        std::fs::read(crate::util::repo().join("examples/sim/ban.toml"))
            .unwrap()
            .as_slice(),
    );
    assert_eq!(r.status, 400, "{}", r.text());
    assert!(r.text().contains("network folder"), "{}", r.text());
}
