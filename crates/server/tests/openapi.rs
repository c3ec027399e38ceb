//! The OpenAPI document: it lists exactly the API's routes, and every endpoint's answer
//! (200 and errors alike) validates against the schema the document gives for it.

use crate::util::{mcs2024x, repo, sqlite_server, with_token};
use serde_json::{json, Value};
use server::testing::{Client, Reply};

/// One request per operation of the document: (method, path as the document writes it,
/// the request's path and query, body, content type).
const EXAMPLES: &[(&str, &str, &str, &str, &str)] = &[
    (
        "get",
        "/api/v1/overview",
        "/api/v1/overview?edition=mcs2025&unit=Mt",
        "",
        "",
    ),
    (
        "get",
        "/api/v1/rank",
        "/api/v1/rank?metric=reserves&edition=MCS2025",
        "",
        "",
    ),
    (
        "get",
        "/api/v1/concentration",
        "/api/v1/concentration?metric=mine-production&denominator=country-sum",
        "",
        "",
    ),
    (
        "get",
        "/api/v1/compare",
        "/api/v1/compare?country=RUS&metric=reserves",
        "",
        "",
    ),
    (
        "get",
        "/api/v1/cite",
        "/api/v1/cite?country=RUS&value=3.8Mt",
        "",
        "",
    ),
    (
        "get",
        "/api/v1/country/{country}",
        "/api/v1/country/Russia?unit=kt",
        "",
        "",
    ),
    ("get", "/api/v1/sources", "/api/v1/sources", "", ""),
    (
        "get",
        "/api/v1/chain",
        "/api/v1/chain?element=Nd&top=3",
        "",
        "",
    ),
    (
        "get",
        "/api/v1/balance",
        "/api/v1/balance?year=2024",
        "",
        "",
    ),
    (
        "get",
        "/api/v1/projects",
        "/api/v1/projects?country=RUS",
        "",
        "",
    ),
    (
        "get",
        "/api/v1/risk/eu",
        "/api/v1/risk/eu?material=Dy",
        "",
        "",
    ),
    ("get", "/api/v1/risk/usgs", "/api/v1/risk/usgs", "", ""),
    (
        "get",
        "/api/v1/demand",
        "/api/v1/demand?scenario=net-zero&element=Nd&by-technology",
        "",
        "",
    ),
    (
        "get",
        "/api/v1/trade",
        "/api/v1/trade?exporter=CHN&stage=magnet",
        "",
        "",
    ),
    ("get", "/api/v1/editions", "/api/v1/editions", "", ""),
    (
        "post",
        "/api/v1/import",
        "/api/v1/import?file=mcs2024x.csv",
        "@mcs2024x",
        "text/csv",
    ),
    (
        "delete",
        "/api/v1/editions/{edition}",
        "/api/v1/editions/MCS2024X",
        "",
        "",
    ),
    (
        "post",
        "/api/v1/runs",
        "/api/v1/runs?scenario=baseline",
        "",
        "",
    ),
    ("get", "/api/v1/runs", "/api/v1/runs", "", ""),
    ("get", "/api/v1/runs/{id}", "/api/v1/runs/{id}", "", ""),
    (
        "get",
        "/api/v1/runs/{id}/verify",
        "/api/v1/runs/{id}/verify",
        "",
        "",
    ),
    (
        "post",
        "/api/v1/stock",
        "/api/v1/stock?inflow=inflow.csv&lifetime=weibull:2.5,15&by-cohort",
        "@inflow",
        "text/csv",
    ),
    ("get", "/api/v1/sim/list", "/api/v1/sim/list", "", ""),
    ("get", "/api/v1/sim/network", "/api/v1/sim/network", "", ""),
    (
        "get",
        "/api/v1/sim/run",
        "/api/v1/sim/run?scenario=china-2025-controls",
        "",
        "",
    ),
    (
        "post",
        "/api/v1/sim/run",
        "/api/v1/sim/run?file=ban.toml",
        "@world-net-zero",
        "application/toml",
    ),
    (
        "get",
        "/api/v1/sim/check",
        "/api/v1/sim/check?scenario=us-deals",
        "",
        "",
    ),
    (
        "post",
        "/api/v1/sim/check",
        "/api/v1/sim/check",
        "@world-net-zero",
        "application/toml",
    ),
    (
        "get",
        "/api/v1/sim/compare",
        "/api/v1/sim/compare?a=baseline&b=myanmar-halt",
        "",
        "",
    ),
    ("get", "/api/v1/plan/list", "/api/v1/plan/list", "", ""),
    (
        "get",
        "/api/v1/plan",
        "/api/v1/plan?roadmap=us-mine-to-magnet&simulate=china-2025-controls",
        "",
        "",
    ),
    (
        "post",
        "/api/v1/plan",
        "/api/v1/plan?file=russia-2030.toml",
        "@russia-2030",
        "application/toml",
    ),
];

fn document(c: &Client) -> Value {
    let r = c.get("/api/v1/openapi.json");
    assert_eq!(r.status, 200);
    r.json()
}

/// A validator for the schema of `op`'s response with `status`, resolving references
/// against the document's components.
fn validator(doc: &Value, path: &str, method: &str, status: u16) -> jsonschema::Validator {
    let op = &doc["paths"][path][method];
    let response = &op["responses"][status.to_string()];
    let schema = response["content"]["application/json"]["schema"].clone();
    assert!(
        !schema.is_null(),
        "{method} {path} documents no {status} body: {op}"
    );
    let root = json!({
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "allOf": [schema],
        "components": doc["components"],
    });
    jsonschema::validator_for(&root).unwrap_or_else(|e| panic!("{method} {path}: {e}"))
}

fn body(name: &str) -> Vec<u8> {
    match name {
        "" => Vec::new(),
        "@mcs2024x" => mcs2024x(),
        "@inflow" => std::fs::read(repo().join("tests/golden/inputs/inflow.csv")).unwrap(),
        "@russia-2030" => std::fs::read(repo().join("roadmaps/russia-2030.toml")).unwrap(),
        "@world-net-zero" => {
            std::fs::read(repo().join("examples/sim/world-net-zero.toml")).unwrap()
        }
        other => panic!("no body {other}"),
    }
}

fn send(c: &Client, method: &str, url: &str, b: &str, content_type: &str) -> Reply {
    let mut headers = vec![("Authorization", "Bearer t")];
    if !content_type.is_empty() {
        headers.push(("Content-Type", content_type));
    }
    c.request(&method.to_uppercase(), url, &headers, &body(b))
}

#[test]
fn the_document_lists_every_endpoint_and_every_answer_validates() {
    let (server, _dir) = sqlite_server(with_token("t"));
    let c = server.client();
    let doc = document(&c);
    assert_eq!(doc["openapi"].as_str().map(|v| &v[..2]), Some("3."));
    // The examples cover every operation of the document, and only those.
    let mut documented: Vec<(String, String)> = Vec::new();
    for (path, item) in doc["paths"].as_object().unwrap() {
        for method in item.as_object().unwrap().keys() {
            if ["get", "post", "delete", "put", "patch"].contains(&method.as_str()) {
                documented.push((method.clone(), path.clone()));
            }
        }
    }
    documented.sort();
    let mut examples: Vec<(String, String)> = EXAMPLES
        .iter()
        .map(|e| (e.0.to_string(), e.1.to_string()))
        .collect();
    examples.sort();
    assert_eq!(documented, examples);

    let mut run_id = String::new();
    for (method, path, url, b, content_type) in EXAMPLES {
        let url = url.replace("{id}", &run_id);
        let r = send(&c, method, &url, b, content_type);
        assert_eq!(r.status, 200, "{method} {url}: {}", r.text());
        assert_eq!(r.header("content-type"), Some("application/json"), "{url}");
        let v = r.json();
        if *path == "/api/v1/runs" && *method == "post" {
            run_id = v["run"]["id"].as_str().unwrap().to_string();
        }
        let errors: Vec<String> = validator(&doc, path, method, 200)
            .iter_errors(&v)
            .map(|e| format!("{} at {}", e, e.instance_path()))
            .take(5)
            .collect();
        assert!(
            errors.is_empty(),
            "{method} {url} does not match its schema: {errors:?}"
        );
    }

    // An error body matches the documented error shape.
    let r = c.get("/api/v1/rank?metric=gold");
    assert_eq!(r.status, 400);
    let errors: Vec<String> = validator(&doc, "/api/v1/rank", "get", 400)
        .iter_errors(&r.json())
        .map(|e| e.to_string())
        .collect();
    assert!(errors.is_empty(), "{errors:?}");
}

/// Every route the API serves is in the document: a request to an undocumented `/api/v1`
/// path is a 404, and every documented one answers something other than 404 or 405.
#[test]
fn the_routes_are_the_documented_ones() {
    let (server, _dir) = sqlite_server(with_token("t"));
    let c = server.client();
    let doc = document(&c);
    for (path, item) in doc["paths"].as_object().unwrap() {
        for method in item.as_object().unwrap().keys() {
            let url = path
                .replace("{country}", "RUS")
                .replace("{edition}", "X")
                .replace("{id}", "x");
            let r = c.request(
                &method.to_uppercase(),
                &url,
                &[("Authorization", "Bearer t")],
                b"",
            );
            assert!(
                r.status != 405 && !r.text().contains("no such page or endpoint"),
                "{method} {url} is documented but not routed: {} {}",
                r.status,
                r.text()
            );
        }
    }
    let ui = c.get("/api/docs/");
    assert_eq!(ui.status, 200, "{}", ui.text());
    assert!(ui.text().contains("swagger"), "{}", ui.text());
}
