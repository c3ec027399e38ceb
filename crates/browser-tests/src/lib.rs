//! The harness of the browser tests: a real rareflow server on `127.0.0.1:0`, a real
//! `chromedriver` on a free port driving headless Chromium, and a test body that gets a
//! WebDriver client and the server's base URL; when the body fails, a screenshot of the
//! page is saved (its path is printed) before the failure is reported.
//!
//! The crate stands apart from `server` so that the WebDriver client's dependencies are
//! built only for these tests and never change how the server or the solver is built.

use fantoccini::{Client, ClientBuilder};
use std::future::Future;
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// Where Debian installs the browser and its driver (`.ci/run` installs them).
pub const CHROMIUM: &str = "/usr/bin/chromium";
/// The WebDriver server for Chromium.
pub const CHROMEDRIVER: &str = "chromedriver";

/// A `chromedriver` process, stopped (by its id) when dropped.
struct Driver {
    child: Child,
    port: u16,
}

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn free_port() -> u16 {
    // A port the system just handed out and released: free in practice for the moment the
    // driver needs to take it.
    TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free port")
}

impl Driver {
    fn start() -> Driver {
        let port = free_port();
        let child = Command::new(CHROMEDRIVER)
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("chromedriver runs (apt-get install chromium chromium-driver)");
        let started = Instant::now();
        let addr = SocketAddr::from(([127, 0, 0, 1], port));
        while TcpStream::connect_timeout(&addr, Duration::from_millis(200)).is_err() {
            assert!(
                started.elapsed() < Duration::from_secs(20),
                "chromedriver did not listen on {port} within 20 s"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
        Driver { child, port }
    }
}

/// A browser session on a fresh Chromium profile.
async fn browser(driver: &Driver, profile: &std::path::Path) -> Client {
    let args = [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--disable-dev-shm-usage",
        "--window-size=1400,1000",
        &format!("--user-data-dir={}", profile.display()),
    ];
    let mut caps = serde_json::Map::new();
    caps.insert(
        "goog:chromeOptions".into(),
        serde_json::json!({ "args": args, "binary": CHROMIUM }),
    );
    ClientBuilder::new(hyper_util::client::legacy::connect::HttpConnector::new())
        .capabilities(caps)
        .connect(&format!("http://127.0.0.1:{}", driver.port))
        .await
        .expect("a WebDriver session in headless Chromium")
}

/// Runs `body` against a fresh server and browser; on failure saves `NAME.png` into
/// `shots` (or `RAREFLOW_SCREENSHOTS` when set) and fails with the body's message.
pub fn run<F, Fut>(shots: PathBuf, name: &str, body: F)
where
    F: FnOnce(Client, String) -> Fut + Send + 'static,
    Fut: Future<Output = ()> + Send + 'static,
{
    let dir = tempfile::tempdir().expect("a temporary folder");
    let store = dir.path().join("rareflow.db").display().to_string();
    let server = server::testing::TestServer::start(
        &store,
        server::Config {
            rate_limit: server::RateLimit::Off,
            ..server::Config::default()
        },
    );
    let base = format!("http://{}", server.addr);
    let driver = Driver::start();
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .expect("a runtime");
    let profile = dir.path().join("profile");
    let outcome = runtime.block_on(async {
        let client = browser(&driver, &profile).await;
        let outcome = tokio::spawn(body(client.clone(), base)).await;
        if outcome.is_err() {
            let shots = std::env::var_os("RAREFLOW_SCREENSHOTS").map_or(shots, PathBuf::from);
            let _ = std::fs::create_dir_all(&shots);
            let path = shots.join(format!("{name}.png"));
            match client
                .screenshot()
                .await
                .map(|png| std::fs::write(&path, png))
            {
                Ok(Ok(())) => eprintln!("screenshot of the failure: {}", path.display()),
                _ => eprintln!("no screenshot could be taken"),
            }
        }
        let _ = client.close().await;
        outcome
    });
    drop(driver);
    drop(server);
    if let Err(e) = outcome {
        match e.try_into_panic() {
            Ok(p) => std::panic::resume_unwind(p),
            Err(e) => panic!("the test did not finish: {e}"),
        }
    }
}

/// Waits until `script` (returning a boolean) is true in the page, up to `secs` seconds.
pub async fn until(client: &Client, script: &str, secs: u64) {
    let started = Instant::now();
    loop {
        let v = client
            .execute(&format!("return Boolean({script});"), vec![])
            .await
            .expect("the script runs");
        if v == serde_json::Value::Bool(true) {
            return;
        }
        assert!(
            started.elapsed() < Duration::from_secs(secs),
            "not true within {secs} s: {script}"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}
