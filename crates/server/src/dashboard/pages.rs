//! The pages' templates (askama, compiled into the binary from `templates/`) and the small
//! view types they read: numbers already formatted, charts already serialised. Templates
//! only lay out; every value comes from a `service` result.

use super::charts::Chart;
use askama::Template;
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};

/// The navigation bar: (label, path). A page for a later capability (the planner's
/// roadmap, once `rareflow plan` exists) is one more entry here, one template and one
/// route in [`super::routes`].
pub(super) const NAV: &[(&str, &str)] = &[
    ("Map", "/"),
    ("Chain", "/chain"),
    ("Compare", "/compare"),
    ("Risk", "/risk"),
    ("Demand", "/demand"),
    ("Scenarios", "/scenarios"),
    ("Runs", "/runs"),
    ("Roadmaps", "/roadmaps"),
    ("API", "/api/docs"),
];

/// A chart as a page embeds it: the data, its JSON (safe inside `<script>`), its CSV link.
#[derive(Debug, Clone)]
pub(super) struct ChartView {
    /// Its name.
    pub(super) id: String,
    /// Title.
    pub(super) title: String,
    /// Note.
    pub(super) note: String,
    /// Source line.
    pub(super) source: String,
    /// The CSV of its rows.
    pub(super) csv: String,
    /// The chart as JSON.
    pub(super) json: String,
}

impl ChartView {
    /// A chart embedded with its CSV link (`query`: the page's chart parameters).
    pub(super) fn new(chart: &Chart, csv: String) -> ChartView {
        ChartView {
            id: chart.id.clone(),
            title: chart.title.clone(),
            note: chart.note.clone(),
            source: chart.source.clone(),
            csv,
            json: script_json(chart),
        }
    }
}

/// JSON that can sit inside a `<script>` element: `<`, `>` and `&` are escaped, so no
/// string in the data can close the element.
pub(super) fn script_json<T: serde::Serialize>(value: &T) -> String {
    serde_json::to_string(value)
        .unwrap_or_else(|_| "null".into())
        .replace('<', "\\u003c")
        .replace('>', "\\u003e")
        .replace('&', "\\u0026")
}

/// A rendered page, or the error page when rendering fails.
pub(super) fn html<T: Template>(page: &T) -> Response {
    match page.render() {
        Ok(body) => {
            let mut r = body.into_response();
            r.headers_mut().insert(
                header::CONTENT_TYPE,
                HeaderValue::from_static("text/html; charset=utf-8"),
            );
            r
        }
        Err(e) => {
            eprintln!("error: a page did not render: {e}");
            error_page(
                StatusCode::INTERNAL_SERVER_ERROR,
                "this page could not be drawn: see the server's log",
            )
        }
    }
}

/// An error as a page (the API answers errors in JSON; a person gets a page).
pub(super) fn error_page(status: StatusCode, message: &str) -> Response {
    let page = ErrorPage {
        title: "Not answered".into(),
        nav: NAV,
        active: "",
        message: message.to_string(),
    };
    let body = page
        .render()
        .unwrap_or_else(|_| format!("<p>{}</p>", status.as_u16()));
    let mut r = (status, body).into_response();
    r.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/html; charset=utf-8"),
    );
    crate::error::keep_as_is(&mut r);
    r
}

/// Tonnes as a person reads them: `3.8 Mt`, `2,600 t`.
pub(super) fn tonnes(t: f64) -> String {
    if t.abs() >= 1e6 {
        format!("{} Mt", model::num::text(model::num::tidy(t / 1e6)))
    } else {
        format!("{} t", thousands(model::num::tidy(t)))
    }
}

/// A number with thousands separators (`12,500`, `0.0026`).
pub(super) fn thousands(x: f64) -> String {
    let s = model::num::text(x);
    let (int, frac) = s.split_once('.').map_or((s.as_str(), ""), |(i, f)| (i, f));
    let (sign, digits) = int.strip_prefix('-').map_or(("", int), |d| ("-", d));
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    if frac.is_empty() {
        format!("{sign}{out}")
    } else {
        format!("{sign}{out}.{frac}")
    }
}

/// An optional number, or `—` for a gap.
pub(super) fn opt(x: Option<f64>) -> String {
    x.map_or_else(
        || "—".to_string(),
        |v| model::num::text(model::num::tidy(v)),
    )
}

/// A share as a percentage.
pub(super) fn percent(x: Option<f64>) -> String {
    x.map_or_else(|| "—".to_string(), |v| format!("{:.1}%", v * 100.0))
}

/// The map page.
#[derive(Template)]
#[template(path = "map.html")]
pub(super) struct MapPage {
    pub(super) title: String,
    pub(super) nav: &'static [(&'static str, &'static str)],
    pub(super) active: &'static str,
    pub(super) metrics: Vec<(&'static str, &'static str)>,
    pub(super) metric: String,
    pub(super) editions: Vec<String>,
    pub(super) edition: String,
    pub(super) year: String,
    pub(super) charts: Vec<ChartView>,
    pub(super) rows: Vec<MapRow>,
}

/// A country the map colours.
#[derive(Debug, Clone)]
pub(super) struct MapRow {
    pub(super) code: String,
    pub(super) name: String,
    pub(super) value: String,
    pub(super) share: String,
    pub(super) year: String,
    pub(super) source: String,
}

/// A country's page.
#[derive(Template)]
#[template(path = "country.html")]
pub(super) struct CountryPage {
    pub(super) title: String,
    pub(super) nav: &'static [(&'static str, &'static str)],
    pub(super) active: &'static str,
    pub(super) lede: String,
    pub(super) facts: Vec<String>,
    pub(super) rows: Vec<ObservationView>,
    pub(super) links: Vec<(String, String)>,
}

/// An observation as a table row.
#[derive(Debug, Clone)]
pub(super) struct ObservationView {
    pub(super) metric: String,
    pub(super) year: String,
    pub(super) value: String,
    pub(super) flags: String,
    pub(super) source: String,
    pub(super) edition: String,
    pub(super) kind: String,
    pub(super) note: String,
}

/// The chain page.
#[derive(Template)]
#[template(path = "chain.html")]
pub(super) struct ChainPage {
    pub(super) title: String,
    pub(super) nav: &'static [(&'static str, &'static str)],
    pub(super) active: &'static str,
    pub(super) scenarios: Vec<String>,
    pub(super) scenario: String,
    pub(super) year: String,
    pub(super) elements: Vec<(String, String)>,
    pub(super) element: String,
    pub(super) stages: Vec<&'static str>,
    pub(super) charts: Vec<ChartView>,
}

/// The compare page.
#[derive(Template)]
#[template(path = "compare.html")]
pub(super) struct ComparePage {
    pub(super) title: String,
    pub(super) nav: &'static [(&'static str, &'static str)],
    pub(super) active: &'static str,
    pub(super) country: String,
    pub(super) metrics: Vec<(&'static str, &'static str)>,
    pub(super) metric: String,
    pub(super) charts: Vec<ChartView>,
    pub(super) rows: Vec<ObservationView>,
}

/// The risk page.
#[derive(Template)]
#[template(path = "risk.html")]
pub(super) struct RiskPage {
    pub(super) title: String,
    pub(super) nav: &'static [(&'static str, &'static str)],
    pub(super) active: &'static str,
    pub(super) charts: Vec<ChartView>,
    pub(super) materials: Vec<(String, String)>,
    pub(super) material: String,
    pub(super) name: String,
    pub(super) summary: Vec<(String, String, String, String, String)>,
    pub(super) stages: Vec<(String, String, String, String, String, String, String)>,
    pub(super) gaps: Vec<String>,
    pub(super) inputs: Vec<(String, String, String, String, String, String, String)>,
    pub(super) notes: Vec<String>,
}

/// The demand page.
#[derive(Template)]
#[template(path = "demand.html")]
pub(super) struct DemandPage {
    pub(super) title: String,
    pub(super) nav: &'static [(&'static str, &'static str)],
    pub(super) active: &'static str,
    pub(super) scenarios: Vec<String>,
    pub(super) scenario: String,
    pub(super) elements: Vec<&'static str>,
    pub(super) element: String,
    pub(super) extend: String,
    pub(super) charts: Vec<ChartView>,
    pub(super) gaps: Vec<String>,
    pub(super) inputs: Vec<(String, String, String, String, String, String)>,
}

/// The scenarios page.
#[derive(Template)]
#[template(path = "scenarios.html")]
pub(super) struct ScenariosPage {
    pub(super) title: String,
    pub(super) nav: &'static [(&'static str, &'static str)],
    pub(super) active: &'static str,
    pub(super) scenarios: Vec<service::sim::BundledScenario>,
    pub(super) scenario: String,
    pub(super) charts: Vec<ChartView>,
}

/// The roadmap planner's page.
#[derive(Template)]
#[template(path = "roadmaps.html")]
pub(super) struct RoadmapsPage {
    pub(super) title: String,
    pub(super) nav: &'static [(&'static str, &'static str)],
    pub(super) active: &'static str,
    pub(super) roadmaps: Vec<service::plan::BundledRoadmap>,
    pub(super) roadmap: String,
    pub(super) headline: String,
    pub(super) infeasible: String,
    pub(super) charts: Vec<ChartView>,
    pub(super) projects: Vec<service::plan::report::ChosenProject>,
    /// year, target, required, achieved, marginal cost, met (formatted).
    pub(super) targets: Vec<(i32, String, String, String, String, &'static str)>,
    pub(super) excluded: Vec<String>,
    pub(super) assumptions: Vec<String>,
}

/// The saved runs.
#[derive(Template)]
#[template(path = "runs.html")]
pub(super) struct RunsPage {
    pub(super) title: String,
    pub(super) nav: &'static [(&'static str, &'static str)],
    pub(super) active: &'static str,
    pub(super) runs: Vec<service::runs::RunSummary>,
}

/// One saved run.
#[derive(Template)]
#[template(path = "run.html")]
pub(super) struct RunPage {
    pub(super) title: String,
    pub(super) nav: &'static [(&'static str, &'static str)],
    pub(super) active: &'static str,
    pub(super) facts: Vec<(&'static str, String)>,
    pub(super) reproduce: String,
    pub(super) charts: Vec<ChartView>,
    pub(super) scenario_file: String,
    pub(super) scenario_text: String,
    pub(super) network: Vec<(String, String)>,
}

/// Licences.
#[derive(Template)]
#[template(path = "about.html")]
pub(super) struct AboutPage {
    pub(super) title: String,
    pub(super) nav: &'static [(&'static str, &'static str)],
    pub(super) active: &'static str,
    pub(super) sources: Vec<(String, String, String)>,
    pub(super) licences: Vec<&'static str>,
    pub(super) notice: String,
}

/// An error.
#[derive(Template)]
#[template(path = "error.html")]
pub(super) struct ErrorPage {
    pub(super) title: String,
    pub(super) nav: &'static [(&'static str, &'static str)],
    pub(super) active: &'static str,
    pub(super) message: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_read_as_people_write_them() {
        assert_eq!(tonnes(3_800_000.0), "3.8 Mt");
        assert_eq!(tonnes(28_500_000.0), "28.5 Mt");
        assert_eq!(tonnes(2_600.0), "2,600 t");
        assert_eq!(thousands(1_234_567.5), "1,234,567.5");
        assert_eq!(thousands(-1000.0), "-1,000");
        assert_eq!(percent(Some(0.6923)), "69.2%");
        assert_eq!(opt(None), "—");
    }

    #[test]
    fn embedded_json_cannot_close_its_script() {
        let s = script_json(&"</script><b>&");
        assert!(
            !s.contains('<') && !s.contains('>') && !s.contains('&'),
            "{s}"
        );
        let back: String = serde_json::from_str(&s).unwrap();
        assert_eq!(back, "</script><b>&");
    }
}
