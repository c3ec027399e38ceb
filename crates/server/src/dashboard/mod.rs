//! The dashboard: server-rendered pages (askama) whose charts ECharts draws in the browser
//! from data embedded in the page, each with its source line and a CSV of exactly the rows
//! drawn. Pages for what exists: the world map of any metric and edition, a country's
//! every estimate, the chain as a Sankey, conflicting estimates side by side, EU CRM risk
//! computed against published, demand scenarios with their gaps, scenarios run and
//! compared, saved runs.
//!
//! - [`charts`]: chart data from `service` results (also served as `/charts/NAME.json`
//!   and `.csv`).
//! - `pages`: templates and their view types; [`assets`]: the embedded files.
//!
//! A page for a later capability (the planner's roadmap: the timeline of chosen projects
//! and the cost curve) is a chart builder in [`charts`], a template, an entry in the
//! navigation (`pages::NAV`) and a route below.

pub mod assets;
pub mod charts;
mod pages;

use crate::api::reads::NoQuery;
use crate::error::ApiError;
use crate::params::{self, Query};
use crate::state::AppState;
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use charts::{Chart, MapMetric};
use pages::{html, ChartView, ObservationView, NAV};
use serde::Deserialize;

/// The dashboard's routes.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/", get(map_page))
        .route("/country/{country}", get(country_page))
        .route("/chain", get(chain_page))
        .route("/compare", get(compare_page))
        .route("/risk", get(risk_page))
        .route("/demand", get(demand_page))
        .route("/scenarios", get(scenarios_page))
        .route("/runs", get(runs_page))
        .route("/roadmaps", get(roadmaps_page))
        .route("/runs/{id}", get(run_page))
        .route("/about", get(about_page))
        .route("/charts/{file}", get(chart_file).post(chart_upload))
        .route("/assets/{*path}", get(assets::asset))
}

/// A page's failure as a page.
struct PageError(ApiError);

impl From<ApiError> for PageError {
    fn from(e: ApiError) -> PageError {
        PageError(e)
    }
}

impl From<service::Error> for PageError {
    fn from(e: service::Error) -> PageError {
        PageError(e.into())
    }
}

impl IntoResponse for PageError {
    fn into_response(self) -> Response {
        // The page says what the API would say about the same request.
        pages::error_page(self.0.status(), self.0.message())
    }
}

type Page = Result<Response, PageError>;

/// A chart and the query that reproduces it, as the page embeds it.
fn view(chart: &Chart, query: &str) -> ChartView {
    ChartView::new(chart, format!("/charts/{}.csv?{query}", chart.id))
}

fn query_string(pairs: &[(&str, String)]) -> String {
    let mut s = form_urlencoded::Serializer::new(String::new());
    for (k, v) in pairs.iter().filter(|(_, v)| !v.is_empty()) {
        s.append_pair(k, v);
    }
    s.finish()
}

/// The map page's and chart's parameters.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct MapQuery {
    #[serde(default)]
    metric: MapMetric,
    edition: Option<String>,
    year: Option<String>,
}

impl MapQuery {
    fn year(&self) -> Result<Option<i32>, ApiError> {
        match self.year.as_deref().map(str::trim) {
            None | Some("") => Ok(None),
            Some(y) => y.parse().map(Some).map_err(|_| {
                ApiError::bad_input(format!("query parameter year: {y:?} is not a year"))
            }),
        }
    }

    fn edition(&self) -> Option<String> {
        self.edition.clone().filter(|e| !e.trim().is_empty())
    }

    fn query(&self) -> String {
        query_string(&[
            ("metric", self.metric.id().to_string()),
            ("edition", self.edition().unwrap_or_default()),
            ("year", self.year.clone().unwrap_or_default()),
        ])
    }
}

async fn map_chart(s: &AppState, q: &MapQuery) -> Result<Chart, ApiError> {
    charts::map(&s.session, q.metric, q.edition(), q.year()?).await
}

async fn map_page(State(s): State<AppState>, Query(q): Query<MapQuery>) -> Page {
    let chart = map_chart(&s, &q).await?;
    let col = |name: &str| chart.columns.iter().position(|c| *c == name);
    let text = |row: &[charts::Cell], name: &str| match col(name).and_then(|i| row.get(i)) {
        Some(charts::Cell::Text(t)) => t.clone(),
        Some(charts::Cell::Num(x)) => model::num::text(*x),
        _ => String::new(),
    };
    let num = |row: &[charts::Cell], name: &str| match col(name).and_then(|i| row.get(i)) {
        Some(charts::Cell::Num(x)) => Some(*x),
        _ => None,
    };
    let stage_map = !matches!(q.metric, MapMetric::Reserves | MapMetric::MineProduction);
    let rows = chart
        .rows
        .iter()
        .map(|r| pages::MapRow {
            code: text(r, "country"),
            name: text(r, "name"),
            value: match num(r, "value") {
                Some(v) if stage_map => format!("{v:.1}%"),
                Some(v) => pages::tonnes(v),
                None => "—".into(),
            },
            share: pages::percent(num(r, "share")),
            year: text(r, "year"),
            source: text(r, "source"),
        })
        .collect();
    let editions = s
        .session
        .sources()
        .await?
        .sources
        .into_iter()
        .filter(|e| e.kind == model::SourceKind::StatisticalSurvey)
        .map(|e| e.edition.0)
        .collect();
    Ok(html(&pages::MapPage {
        title: "Who holds what: the world map".into(),
        nav: NAV,
        active: "Map",
        metrics: MapMetric::ALL.iter().map(|m| (m.1, m.2)).collect(),
        metric: q.metric.id().into(),
        editions,
        edition: q.edition().unwrap_or_default(),
        year: q.year.clone().unwrap_or_default(),
        charts: vec![view(&chart, &q.query())],
        rows,
    }))
}

fn observation_view(o: &service::observations::ObservationRow) -> ObservationView {
    let value = match o.value {
        Some(service::values::Amount::Mass(m)) => pages::tonnes(m.tonnes().get()),
        Some(service::values::Amount::Number(x)) => {
            format!("{} {}", pages::thousands(model::num::tidy(x)), o.unit_label)
        }
        None => "gap".into(),
    };
    let mut note = o.note.clone();
    if o.outlets.len() > 1 {
        note = format!(
            "{note} Reported by {} outlets: {}",
            o.outlets.len(),
            o.outlets.join(" | ")
        );
    } else if !o.citation.is_empty() {
        note = format!("{note} Reported by: {}", o.citation);
    }
    ObservationView {
        metric: if o.form.is_empty() {
            o.metric.id().replace('_', " ")
        } else {
            format!("{} ({})", o.metric.id().replace('_', " "), o.form)
        },
        year: o.year.0.to_string(),
        value,
        flags: o.flags.to_ids().replace(';', ", "),
        source: o.source.clone(),
        edition: o.edition.0.clone(),
        kind: o.kind.replace('_', " "),
        note: note.trim().to_string(),
    }
}

async fn country_page(
    State(s): State<AppState>,
    Path(country): Path<String>,
    Query(NoQuery {}): Query<NoQuery>,
) -> Page {
    let r = s
        .session
        .country(&service::country::CountryRequest {
            country,
            edition: None,
            year: None,
            unit: model::TonnesUnit::T,
        })
        .await?;
    let mut facts = Vec::new();
    if let Some(rp) = &r.rp_years {
        facts.push(format!(
            "Reserves-to-production ({} {}): {} years{}",
            rp.edition,
            rp.year,
            pages::thousands(rp.years.round()),
            if rp.lower_bound { " or more" } else { "" }
        ));
    }
    if let Some(w) = &r.wgi {
        facts.push(format!(
            "World Bank governance indicators {} (mean of six, −2.5 to 2.5): {} [{}; CC BY 4.0]",
            w.year,
            pages::opt(w.mean6),
            w.source
        ));
    }
    let links = ["reserves", "mine-production"]
        .iter()
        .map(|m| {
            (
                format!("{} estimates", m.replace('-', " ")),
                format!(
                    "/compare?{}",
                    query_string(&[("country", r.country.clone()), ("metric", (*m).into())])
                ),
            )
        })
        .collect();
    Ok(html(&pages::CountryPage {
        title: format!("{} ({})", r.name, r.country),
        nav: NAV,
        active: "",
        lede: format!(
            "{} — ISO {} / {} / {}; {}",
            r.official_name, r.country, r.iso2, r.numeric, r.region
        ),
        facts,
        rows: r.observations.iter().map(observation_view).collect(),
        links,
    }))
}

/// The chain page's and Sankey's parameters.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct ChainQuery {
    scenario: Option<String>,
    year: Option<String>,
    element: Option<String>,
}

impl ChainQuery {
    fn scenario(&self) -> Result<String, ApiError> {
        params::scenario_name(
            "scenario",
            self.scenario
                .as_deref()
                .filter(|s| !s.is_empty())
                .unwrap_or("baseline"),
        )
    }

    fn year(&self) -> Result<Option<i32>, ApiError> {
        MapQuery {
            year: self.year.clone(),
            ..MapQuery::default()
        }
        .year()
    }

    fn element(&self) -> Option<&str> {
        self.element
            .as_deref()
            .filter(|e| !e.is_empty() && *e != "all")
    }

    fn query(&self) -> Result<String, ApiError> {
        Ok(query_string(&[
            ("scenario", self.scenario()?),
            ("year", self.year.clone().unwrap_or_default()),
            ("element", self.element().unwrap_or_default().to_string()),
        ]))
    }
}

async fn sankey_chart(s: &AppState, q: &ChainQuery) -> Result<Chart, ApiError> {
    charts::sankey(&s.session, &q.scenario()?, q.year()?, q.element()).await
}

async fn chain_page(State(s): State<AppState>, Query(q): Query<ChainQuery>) -> Page {
    let chart = sankey_chart(&s, &q).await?;
    let scenarios = s
        .blocking(|session| session.sim_list())
        .await?
        .scenarios
        .into_iter()
        .map(|b| b.name)
        .collect();
    let mut elements = vec![("all".to_string(), "all rare earths".to_string())];
    elements.extend(["Nd", "Pr", "Dy", "Tb"].map(|e| (e.to_string(), e.to_string())));
    Ok(html(&pages::ChainPage {
        title: "The chain: mining to end use".into(),
        nav: NAV,
        active: "Chain",
        scenarios,
        scenario: q.scenario()?,
        year: q.year.clone().unwrap_or_default(),
        elements,
        element: q.element().unwrap_or("all").to_string(),
        stages: model::Stage::ALL.iter().map(|s| s.id()).collect(),
        charts: vec![view(&chart, &q.query()?)],
    }))
}

/// The compare page's parameters.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct CompareQuery {
    country: Option<String>,
    metric: Option<crate::api::reads::MetricParam>,
}

impl CompareQuery {
    fn country(&self) -> String {
        self.country
            .clone()
            .filter(|c| !c.trim().is_empty())
            .unwrap_or_else(|| "RUS".into())
    }

    fn metric(&self) -> model::Metric {
        match self.metric {
            Some(crate::api::reads::MetricParam::MineProduction) => model::Metric::MineProduction,
            _ => model::Metric::Reserves,
        }
    }

    fn query(&self) -> String {
        query_string(&[
            ("country", self.country()),
            ("metric", self.metric().id().replace('_', "-")),
        ])
    }
}

async fn compare_page(State(s): State<AppState>, Query(q): Query<CompareQuery>) -> Page {
    let chart = charts::compare(&s.session, &q.country(), q.metric()).await?;
    let r = s
        .session
        .compare(&service::compare::CompareRequest {
            country: q.country(),
            metric: q.metric(),
            year: None,
            unit: model::TonnesUnit::T,
        })
        .await?;
    Ok(html(&pages::ComparePage {
        title: "Conflicting estimates, side by side".into(),
        nav: NAV,
        active: "Compare",
        country: q.country(),
        metrics: vec![
            ("reserves", "Reserves"),
            ("mine-production", "Mine production"),
        ],
        metric: q.metric().id().replace('_', "-"),
        charts: vec![view(&chart, &q.query())],
        rows: r.estimates.iter().map(observation_view).collect(),
    }))
}

/// The risk page's parameters.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RiskQuery {
    material: Option<String>,
}

async fn risk_chart(s: &AppState) -> Result<(Chart, service::risk::RiskEuAllResult), ApiError> {
    let all = s.blocking(|session| session.risk_eu_all()).await?;
    let editions = vec!["EU-CRM-2023-T".to_string(), "WGI-2023".to_string()];
    let source = charts::source_line(&s.session, &editions, "inputs as each row cites them").await;
    Ok((charts::risk(&all, source), all))
}

async fn risk_page(State(s): State<AppState>, Query(q): Query<RiskQuery>) -> Page {
    let (chart, all) = risk_chart(&s).await?;
    let material = q
        .material
        .clone()
        .filter(|m| !m.is_empty())
        .unwrap_or_else(|| "Dy".into());
    let m = material.clone();
    let one = s
        .blocking(move |session| session.risk_eu(&service::risk::RiskEuRequest { material: m }))
        .await?;
    let a = &one.assessment;
    let summary = vec![
        (
            "supply risk (SR)".to_string(),
            pages::opt(a.sr),
            pages::opt(a.published.sr),
            a.status.sr.id().to_string(),
            a.reasons.sr.join("; "),
        ),
        (
            "economic importance (EI)".to_string(),
            pages::opt(a.ei),
            pages::opt(a.published.ei),
            a.status.ei.id().to_string(),
            a.reasons.ei.join("; "),
        ),
        (
            "critical".to_string(),
            a.critical.map_or("—".into(), |c| c.to_string()),
            a.published.critical.map_or("—".into(), |c| c.to_string()),
            String::new(),
            a.published.source.clone(),
        ),
    ];
    let stages = [
        ("extraction", &a.stages.extraction),
        ("processing", &a.stages.processing),
    ]
    .into_iter()
    .map(|(name, st)| {
        (
            name.to_string(),
            pages::opt(st.sr),
            pages::opt(st.published_sr),
            pages::opt(st.hhi_wgi),
            pages::percent(st.import_reliance),
            st.status.id().to_string(),
            st.reasons.join("; "),
        )
    })
    .collect();
    let inputs = a
        .inputs
        .iter()
        .map(|i| {
            let value = serde_json::to_value(&i.value)
                .map(|v| match v {
                    serde_json::Value::String(s) => s,
                    other => other.to_string(),
                })
                .unwrap_or_default();
            (
                i.name.clone(),
                i.stage.clone(),
                i.country.clone(),
                value,
                i.unit.clone(),
                i.source.clone(),
                [
                    i.at.clone().unwrap_or_default(),
                    i.note.clone().unwrap_or_default(),
                ]
                .iter()
                .filter(|x| !x.is_empty())
                .cloned()
                .collect::<Vec<_>>()
                .join(" — "),
            )
        })
        .collect();
    Ok(html(&pages::RiskPage {
        title: "Supply risk: EU CRM 2023, computed against published".into(),
        nav: NAV,
        active: "Risk",
        charts: vec![view(&chart, "")],
        materials: all
            .assessments
            .iter()
            .map(|r| {
                (
                    r.assessment.material.clone(),
                    format!("{} ({})", r.assessment.name, r.assessment.material),
                )
            })
            .collect(),
        material: a.material.clone(),
        name: a.name.clone(),
        summary,
        stages,
        gaps: a.gaps.clone(),
        inputs,
        notes: a.notes.clone(),
    }))
}

/// The demand page's and chart's parameters.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct DemandQuery {
    scenario: Option<String>,
    element: Option<String>,
    extend: Option<crate::api::reads::ExtendParam>,
}

impl DemandQuery {
    fn scenario(&self) -> String {
        self.scenario
            .clone()
            .filter(|s| !s.is_empty())
            .unwrap_or_else(|| "stated-policies".into())
    }

    fn element(&self) -> String {
        self.element
            .clone()
            .filter(|s| !s.is_empty())
            .unwrap_or_else(|| "Nd".into())
    }

    fn extend(&self) -> service::demand::Extend {
        match self.extend {
            Some(crate::api::reads::ExtendParam::HoldLast) => service::demand::Extend::HoldLast,
            _ => service::demand::Extend::None,
        }
    }

    fn extend_id(&self) -> &'static str {
        match self.extend() {
            service::demand::Extend::HoldLast => "hold-last",
            _ => "none",
        }
    }

    fn query(&self) -> String {
        query_string(&[
            ("scenario", self.scenario()),
            ("element", self.element()),
            ("extend", self.extend_id().into()),
        ])
    }
}

async fn demand_chart(
    s: &AppState,
    q: &DemandQuery,
) -> Result<(Chart, service::demand::DemandResult), ApiError> {
    let req = service::demand::DemandRequest {
        scenario: q.scenario(),
        element: Some(q.element()),
        from: service::demand::DEFAULT_YEARS.0,
        to: service::demand::DEFAULT_YEARS.1,
        unit: model::TonnesUnit::T,
        extend: q.extend(),
    };
    let r = s.blocking(move |session| session.demand(&req)).await?;
    let mut editions: Vec<String> = r.inputs.iter().map(|i| i.source.clone()).collect();
    editions.dedup();
    let source = charts::source_line(&s.session, &editions, "").await;
    Ok((charts::demand(&r, &q.element(), source), r))
}

async fn demand_page(State(s): State<AppState>, Query(q): Query<DemandQuery>) -> Page {
    let (chart, r) = demand_chart(&s, &q).await?;
    let gaps = r
        .gaps
        .iter()
        .map(|g| {
            format!(
                "{}{}: {}",
                g.technology,
                g.element.map_or(String::new(), |e| format!(" ({e})")),
                g.reason
            )
        })
        .chain(
            r.rows
                .iter()
                .filter(|row| !row.missing.is_empty())
                .take(1)
                .map(|row| {
                    format!(
                        "from {}: no deployment figure for {} — totals are gaps, not zero",
                        row.year.0,
                        row.missing
                            .iter()
                            .map(|m| m.technology.as_str())
                            .collect::<Vec<_>>()
                            .join(", ")
                    )
                }),
        )
        .collect();
    let inputs = r
        .inputs
        .iter()
        .map(|i| {
            (
                i.technology.clone().unwrap_or_default(),
                i.parameter.clone(),
                i.year.map_or(String::new(), |y| y.to_string()),
                i.value.clone(),
                i.unit.clone(),
                format!("{} — {}", i.source, i.citation),
            )
        })
        .collect();
    Ok(html(&pages::DemandPage {
        title: "Demand for the magnet rare earths".into(),
        nav: NAV,
        active: "Demand",
        scenarios: s.session.tables().demand.scenario.scenarios(),
        scenario: q.scenario(),
        elements: vec!["Nd", "Pr", "Dy", "Tb"],
        element: q.element(),
        extend: q.extend_id().into(),
        charts: vec![view(&chart, &q.query())],
        gaps,
        inputs,
    }))
}

/// A scenario page's parameters.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct ScenarioQuery {
    scenario: Option<String>,
}

async fn scenario_charts(
    s: &AppState,
    req: service::sim::SimRequest,
) -> Result<Vec<Chart>, ApiError> {
    let r = s.blocking(move |session| session.sim_run(&req)).await?;
    let source = charts::world_source(&s.session).await;
    Ok(charts::scenario(&r, &source))
}

async fn scenarios_page(State(s): State<AppState>, Query(q): Query<ScenarioQuery>) -> Page {
    let list = s.blocking(|session| session.sim_list()).await?;
    let mut views = Vec::new();
    if let Some(name) = q.scenario.as_deref().filter(|n| !n.is_empty()) {
        let req = crate::api::compute::bundled(&s, name)?;
        let query = query_string(&[("scenario", name.to_string())]);
        views = scenario_charts(&s, req)
            .await?
            .iter()
            .map(|c| ChartView::new(c, format!("/charts/{}.csv?{query}", c.id)))
            .collect();
    }
    Ok(html(&pages::ScenariosPage {
        title: "What if: scenarios".into(),
        nav: NAV,
        active: "Scenarios",
        scenarios: list.scenarios,
        scenario: q.scenario.unwrap_or_default(),
        charts: views,
    }))
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RoadmapQuery {
    roadmap: Option<String>,
}

async fn roadmap_plan(s: &AppState, name: &str) -> Result<service::plan::PlanResult, ApiError> {
    let name = params::scenario_name("roadmap", name)?;
    let roadmap = s.session.plan_bundled(&name)?;
    let req = service::plan::PlanRequest {
        roadmap,
        simulate: None,
        max_seconds: Some(crate::api::plan::PLAN_MAX_SECONDS),
    };
    s.blocking(move |session| session.plan(&req)).await
}

fn roadmap_source(r: &service::plan::PlanResult) -> String {
    format!(
        "Source: roadmaps/{}.toml ({}); projects from data/projects.csv, costs in USD of 2024 via data/fx.csv; solved by {}. Computed by rareflow.",
        r.roadmap,
        r.sources.join(", "),
        r.metadata.solver
    )
}

async fn roadmaps_page(State(s): State<AppState>, Query(q): Query<RoadmapQuery>) -> Page {
    let list = s.blocking(|session| session.plan_list()).await?;
    let mut page = pages::RoadmapsPage {
        title: "What it takes: roadmaps".into(),
        nav: NAV,
        active: "Roadmaps",
        roadmaps: list.roadmaps,
        roadmap: q.roadmap.clone().unwrap_or_default(),
        headline: String::new(),
        infeasible: String::new(),
        charts: Vec::new(),
        projects: Vec::new(),
        targets: Vec::new(),
        excluded: Vec::new(),
        assumptions: Vec::new(),
    };
    if let Some(name) = q.roadmap.as_deref().filter(|n| !n.is_empty()) {
        let r = roadmap_plan(&s, name).await?;
        let query = query_string(&[("roadmap", name.to_string())]);
        page.charts = charts::roadmap(&r, &roadmap_source(&r))
            .iter()
            .map(|c| ChartView::new(c, format!("/charts/{}.csv?{query}", c.id)))
            .collect();
        let p = &r.plan;
        page.headline = format!(
            "{}{}: {}",
            p.status.id(),
            if p.closest {
                " (closest feasible plan shown)"
            } else {
                ""
            },
            p.objective.map_or("no plan".to_string(), |o| format!(
                "{} projects, {} million USD of 2024 discounted",
                p.projects.len(),
                model::num::text((o * 10.0).round() / 10.0)
            ))
        );
        page.infeasible = p
            .infeasible
            .as_ref()
            .map_or(String::new(), |i| i.message.clone());
        page.projects = p.projects.clone();
        let n = |x: f64| model::num::text(x.round());
        page.targets = p
            .targets
            .iter()
            .map(|t| {
                (
                    t.year,
                    t.target.clone(),
                    n(t.required),
                    n(t.achieved),
                    t.shadow_price.map_or(String::new(), n),
                    if t.met { "yes" } else { "no" },
                )
            })
            .collect();
        page.excluded = p
            .excluded
            .iter()
            .map(|x| format!("{} ({}): {}", x.project, x.country, x.reason))
            .collect();
        page.assumptions = r.assumptions.clone();
    }
    Ok(html(&page))
}

async fn runs_page(State(s): State<AppState>, Query(NoQuery {}): Query<NoQuery>) -> Page {
    let r = s.session.runs().await?;
    Ok(html(&pages::RunsPage {
        title: "Saved runs".into(),
        nav: NAV,
        active: "Runs",
        runs: r.runs,
    }))
}

async fn run_page(
    State(s): State<AppState>,
    Path(id): Path<String>,
    Query(NoQuery {}): Query<NoQuery>,
) -> Page {
    let r = s.session.saved_run(&id).await?;
    let source = charts::world_source(&s.session).await;
    let query = query_string(&[("id", id.clone())]);
    let views = charts::scenario(&r.result, &source)
        .iter()
        .map(|c| ChartView::new(c, format!("/charts/run-{}.csv?{query}", c.id)))
        .collect();
    let run = &r.run;
    Ok(html(&pages::RunPage {
        title: format!("Run {}: {}", run.id, run.scenario),
        nav: NAV,
        active: "Runs",
        facts: vec![
            ("saved", run.created.clone()),
            (
                "scenario",
                format!("{} ({})", run.scenario, run.scenario_file),
            ),
            ("network", run.network.clone()),
            ("seed", run.seed.to_string()),
            ("rareflow", run.version.clone()),
            ("dataset SHA-256", run.dataset_sha256.clone()),
            ("scenario SHA-256", run.scenario_sha256.clone()),
            ("network", run.network_checksum.clone()),
            ("result SHA-256", run.result_sha256.clone()),
        ],
        reproduce: r.reproduce.clone(),
        charts: views,
        scenario_file: r.inputs.scenario_file.clone(),
        scenario_text: r.inputs.scenario_text.clone(),
        network: r
            .inputs
            .network
            .iter()
            .flat_map(|n| {
                [
                    (format!("{}/nodes.csv", n.folder), n.nodes.clone()),
                    (format!("{}/links.csv", n.folder), n.links.clone()),
                ]
                .into_iter()
                .chain(
                    n.demand
                        .clone()
                        .map(|d| (format!("{}/demand.csv", n.folder), d)),
                )
            })
            .collect(),
    }))
}

async fn about_page(State(s): State<AppState>, Query(NoQuery {}): Query<NoQuery>) -> Page {
    let sources = s
        .session
        .sources()
        .await?
        .sources
        .into_iter()
        .map(|r| (r.edition.0, r.citation, r.licence))
        .collect();
    Ok(html(&pages::AboutPage {
        title: "About: sources and licences".into(),
        nav: NAV,
        active: "",
        sources,
        licences: assets::LICENCES.to_vec(),
        notice: assets::echarts_notice().to_string(),
    }))
}

/// `/charts/NAME.json` or `.csv`: a chart's data, from the same function the page uses.
async fn chart_file(
    State(s): State<AppState>,
    Path(file): Path<String>,
    uri: axum::http::Uri,
) -> Result<Response, ApiError> {
    let (name, ext) = file.rsplit_once('.').ok_or_else(|| {
        ApiError::new(
            crate::error::Code::NotFound,
            format!("no chart {file:?}: expected NAME.json or NAME.csv"),
        )
    })?;
    let query = uri.query().unwrap_or("");
    let charts: Vec<Chart> = match name {
        "map" => vec![map_chart(&s, &params::parse(query)?).await?],
        "sankey" => vec![sankey_chart(&s, &params::parse(query)?).await?],
        "compare" => {
            let q: CompareQuery = params::parse(query)?;
            vec![charts::compare(&s.session, &q.country(), q.metric()).await?]
        }
        "risk" => {
            let NoQuery {} = params::parse(query)?;
            vec![risk_chart(&s).await?.0]
        }
        "demand" => vec![demand_chart(&s, &params::parse(query)?).await?.0],
        "scenario" | "shortfalls" | "prices" | "concentration" => {
            let q: ScenarioQuery = params::parse(query)?;
            let name_given = q.scenario.unwrap_or_default();
            let req = crate::api::compute::bundled(&s, &name_given)?;
            select(scenario_charts(&s, req).await?, name)
        }
        "scenario-compare" => {
            let q: ScenarioCompareQuery = params::parse(query)?;
            let (a, b) = (
                crate::api::compute::bundled(&s, &q.a)?,
                crate::api::compute::bundled(&s, &q.b)?,
            );
            let r = s.blocking(move |session| session.sim_compare(&a, &b)).await?;
            vec![charts::scenario_compare(&r, &charts::world_source(&s.session).await)]
        }
        "roadmap-output" | "roadmap-costs" => {
            let q: RoadmapQuery = params::parse(query)?;
            let r = roadmap_plan(&s, q.roadmap.as_deref().unwrap_or_default()).await?;
            select(charts::roadmap(&r, &roadmap_source(&r)), name)
        }
        "run" | "run-shortfalls" | "run-prices" | "run-concentration" => {
            let q: RunQuery = params::parse(query)?;
            let r = s.session.saved_run(&q.id).await?;
            let source = charts::world_source(&s.session).await;
            select(charts::scenario(&r.result, &source), name.trim_start_matches("run-"))
        }
        _ => {
            return Err(ApiError::new(
                crate::error::Code::NotFound,
                format!("no chart {name:?}: expected map, sankey, compare, risk, demand, scenario, scenario-compare, run or roadmap-output|roadmap-costs"),
            ))
        }
    };
    respond(charts, ext)
}

/// Two bundled scenarios compared.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ScenarioCompareQuery {
    a: String,
    b: String,
}

/// A saved run's charts.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RunQuery {
    id: String,
}

/// The charts a name asks for: all of a run's (`scenario`, `run`), or one of them.
fn select(charts: Vec<Chart>, name: &str) -> Vec<Chart> {
    if name == "scenario" || name == "run" {
        charts
    } else {
        charts.into_iter().filter(|c| c.id == name).collect()
    }
}

fn respond(charts: Vec<Chart>, ext: &str) -> Result<Response, ApiError> {
    match ext {
        "json" => {
            let mut r = pages::script_json(&charts).into_response();
            r.headers_mut().insert(header::CONTENT_TYPE, HeaderValue::from_static("application/json"));
            Ok(r)
        }
        "csv" if charts.len() == 1 => {
            let mut r = charts[0].csv().into_response();
            let h = r.headers_mut();
            h.insert(header::CONTENT_TYPE, HeaderValue::from_static("text/csv; charset=utf-8"));
            if let Ok(v) = HeaderValue::from_str(&format!("attachment; filename=\"{}.csv\"", charts[0].id)) {
                h.insert(header::CONTENT_DISPOSITION, v);
            }
            Ok(r)
        }
        "csv" => Err(ApiError::bad_input(
            "a CSV holds one chart: ask for shortfalls, prices or concentration (or run-shortfalls …)",
        )),
        other => Err(ApiError::new(
            crate::error::Code::NotFound,
            format!("no chart format {other:?}: expected json or csv"),
        )),
    }
}

/// `POST /charts/scenario.json`: the charts of an uploaded scenario (as `POST
/// /api/v1/sim/run` takes it), for the scenario page; nothing is saved.
async fn chart_upload(
    State(s): State<AppState>,
    Path(file): Path<String>,
    Query(q): Query<crate::api::compute::UploadQuery>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Response, ApiError> {
    if file != "scenario.json" {
        return Err(ApiError::bad_input(format!(
            "POST /charts/{file}: only /charts/scenario.json takes an upload"
        ))
        .with_status(StatusCode::METHOD_NOT_ALLOWED));
    }
    let req = crate::api::compute::upload(&s, q, &headers, &body)?;
    respond(scenario_charts(&s, req).await?, "json")
}
