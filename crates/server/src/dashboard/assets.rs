//! The dashboard's files, embedded in the binary so it works with no network: the vendored
//! ECharts, topojson-client and world map (with their licences), and rareflow's own script
//! and style sheet. Served with a long cache lifetime except rareflow's own files.

use axum::extract::Path;
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};

/// An embedded file: its path under `/assets/`, content type, bytes.
type Asset = (&'static str, &'static str, &'static [u8]);

const JS: &str = "text/javascript; charset=utf-8";
const TEXT: &str = "text/plain; charset=utf-8";

/// Every embedded file.
pub const ASSETS: &[Asset] = &[
    (
        "dashboard.js",
        JS,
        include_bytes!("../../assets/dashboard.js"),
    ),
    (
        "dashboard.css",
        "text/css; charset=utf-8",
        include_bytes!("../../assets/dashboard.css"),
    ),
    (
        "vendor/echarts.min.js",
        JS,
        include_bytes!("../../assets/vendor/echarts.min.js"),
    ),
    (
        "vendor/topojson-client.min.js",
        JS,
        include_bytes!("../../assets/vendor/topojson-client.min.js"),
    ),
    (
        "vendor/countries-110m.json",
        "application/json",
        include_bytes!("../../assets/vendor/countries-110m.json"),
    ),
    (
        "vendor/licenses/echarts-LICENSE",
        TEXT,
        include_bytes!("../../assets/vendor/licenses/echarts-LICENSE"),
    ),
    (
        "vendor/licenses/echarts-NOTICE",
        TEXT,
        include_bytes!("../../assets/vendor/licenses/echarts-NOTICE"),
    ),
    (
        "vendor/licenses/echarts-LICENSE-d3",
        TEXT,
        include_bytes!("../../assets/vendor/licenses/echarts-LICENSE-d3"),
    ),
    (
        "vendor/licenses/topojson-client-LICENSE",
        TEXT,
        include_bytes!("../../assets/vendor/licenses/topojson-client-LICENSE"),
    ),
    (
        "vendor/licenses/world-atlas-LICENSE",
        TEXT,
        include_bytes!("../../assets/vendor/licenses/world-atlas-LICENSE"),
    ),
];

/// The licence files the about page links.
pub const LICENCES: [&str; 5] = [
    "echarts-LICENSE",
    "echarts-NOTICE",
    "echarts-LICENSE-d3",
    "topojson-client-LICENSE",
    "world-atlas-LICENSE",
];

/// ECharts' NOTICE, which Apache-2.0 §4(d) asks every redistribution to show.
pub fn echarts_notice() -> &'static str {
    ASSETS
        .iter()
        .find(|a| a.0 == "vendor/licenses/echarts-NOTICE")
        .and_then(|a| std::str::from_utf8(a.2).ok())
        .unwrap_or("")
}

/// `GET /assets/{*path}`: an embedded file, or 404. Paths are looked up in the table, never
/// on disk, so `..` finds nothing.
pub async fn asset(Path(path): Path<String>) -> Response {
    let Some((name, kind, bytes)) = ASSETS.iter().find(|a| a.0 == path) else {
        return StatusCode::NOT_FOUND.into_response();
    };
    let mut r = (*bytes).into_response();
    let h = r.headers_mut();
    h.insert(header::CONTENT_TYPE, HeaderValue::from_static(kind));
    h.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static(if name.starts_with("vendor/") {
            "public, max-age=86400"
        } else {
            "no-cache"
        }),
    );
    r
}
