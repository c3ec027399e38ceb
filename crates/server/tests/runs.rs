//! Saved runs: a run saved through the API keeps its inputs, seed and checksums, lists and
//! reads back (API and page), runs again to the same bytes, and two servers on one store
//! see each other's runs.

use crate::util::{repo, server_test, with_token};
use server::testing::TestServer;

const AUTH: [(&str, &str); 1] = [("Authorization", "Bearer s3cret")];

server_test!(a_saved_run_keeps_what_reproduces_it, |location| {
    let server = TestServer::start(&location, with_token("s3cret"));
    let c = server.client();
    let r = c.request("POST", "/api/v1/runs?scenario=myanmar-halt", &AUTH, b"");
    assert_eq!(r.status, 200, "{}", r.text());
    let saved = r.json();
    let id = saved["run"]["id"].as_str().unwrap().to_string();
    assert_eq!(id.len(), 16);
    assert_eq!(saved["run"]["seed"], 0);
    assert_eq!(saved["run"]["network"], "bundled");
    assert_eq!(saved["run"]["scenario"], saved["result"]["scenario"]);
    // The result is what an unsaved run of the same scenario answers.
    let plain = c.get("/api/v1/sim/run?scenario=myanmar-halt").json();
    assert_eq!(saved["result"], plain);
    // The checksums are the run's own.
    assert_eq!(
        saved["run"]["scenario_sha256"],
        plain["metadata"]["scenario_sha256"]
    );
    assert_eq!(
        saved["run"]["dataset_sha256"],
        plain["metadata"]["dataset_sha256"]
    );
    assert_eq!(
        saved["inputs"]["scenario_text"].as_str().unwrap(),
        std::fs::read_to_string(repo().join("scenarios/myanmar-halt.toml")).unwrap()
    );

    let listed = c.get("/api/v1/runs").json();
    assert_eq!(listed.as_array().unwrap().len(), 1);
    assert_eq!(listed[0], saved["run"]);
    let read = c.get(&format!("/api/v1/runs/{id}")).json();
    assert_eq!(read, saved);
    let check = c.get(&format!("/api/v1/runs/{id}/verify")).json();
    assert_eq!(check["reproduced"], true, "{check}");
    assert_eq!(check["same_dataset"], true);
    assert_eq!(check["rerun_sha256"], saved["run"]["result_sha256"]);

    // An uploaded scenario on its own network is saved with the network's files.
    let dir = repo().join("examples/sim");
    let body = serde_json::json!({
        "scenario": std::fs::read_to_string(dir.join("ban.toml")).unwrap(),
        "scenario_file": "ban.toml",
        "network": {
            "folder": "network",
            "nodes": std::fs::read_to_string(dir.join("network/nodes.csv")).unwrap(),
            "links": std::fs::read_to_string(dir.join("network/links.csv")).unwrap(),
            "demand": std::fs::read_to_string(dir.join("network/demand.csv")).ok(),
        }
    });
    let mut headers = AUTH.to_vec();
    headers.push(("Content-Type", "application/json"));
    let r = c.request(
        "POST",
        "/api/v1/runs",
        &headers,
        body.to_string().as_bytes(),
    );
    assert_eq!(r.status, 200, "{}", r.text());
    let second = r.json();
    assert_eq!(second["run"]["network"], "network");
    assert_eq!(
        second["run"]["network_checksum"].as_str().unwrap().len(),
        64
    );
    let id2 = second["run"]["id"].as_str().unwrap();
    assert_eq!(
        c.get(&format!("/api/v1/runs/{id2}/verify")).json()["reproduced"],
        true
    );
    assert_eq!(c.get("/api/v1/runs").json().as_array().unwrap().len(), 2);

    // The pages.
    let page = c.get("/runs");
    assert_eq!(page.status, 200);
    assert!(page.text().contains(&id) && page.text().contains(id2));
    let page = c.get(&format!("/runs/{id}"));
    assert_eq!(page.status, 200, "{}", page.text());
    assert!(page
        .text()
        .contains(saved["run"]["result_sha256"].as_str().unwrap()));
    let csv = c.get(&format!("/charts/run-shortfalls.csv?id={id}"));
    assert_eq!(csv.status, 200, "{}", csv.text());
    assert!(
        csv.text().starts_with("year,series,value,demand_t\n"),
        "{}",
        csv.text()
    );
});

server_test!(two_servers_on_one_store_see_each_others_runs, |location| {
    let a = TestServer::start(&location, with_token("s3cret"));
    let b = TestServer::start(&location, with_token("s3cret"));
    let r = a
        .client()
        .request("POST", "/api/v1/runs?scenario=baseline", &AUTH, b"");
    assert_eq!(r.status, 200, "{}", r.text());
    let id = r.json()["run"]["id"].as_str().unwrap().to_string();
    let on_b = b.client().get("/api/v1/runs").json();
    assert_eq!(on_b[0]["id"], id.as_str(), "{on_b}");
    let r = b
        .client()
        .request("POST", "/api/v1/runs?scenario=us-deals", &AUTH, b"");
    assert_eq!(r.status, 200, "{}", r.text());
    let on_a = a.client().get("/api/v1/runs").json();
    assert_eq!(on_a.as_array().unwrap().len(), 2, "{on_a}");
    assert_eq!(b.client().get(&format!("/api/v1/runs/{id}")).status, 200);
});
