//! Questions that compute from what the client sends: a stock model on an uploaded series,
//! and the simulator on a bundled scenario (by name) or an uploaded one (its TOML as the
//! body, or JSON with its network's files). The server never reads a client-named file
//! from its own disk: a name only labels an upload in messages.

use super::reads::NoQuery;
use super::Answer;
use crate::config::STOCK_MAX_MEMORY;
use crate::error::{ApiError, ErrorResponse};
use crate::params::{file_name, flag, scenario_name, Query};
use crate::state::AppState;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::{header, HeaderMap};
use serde::Deserialize;
use service::sim::{NetworkTexts, SimRequest};
use service::NamedText;
use utoipa::{IntoParams, ToSchema};

/// `stock`'s flags; the series is the body, and `inflow` or `stock` names it.
#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
#[into_params(parameter_in = Query)]
pub struct StockQuery {
    /// The body is a `year,inflow` series (inflow-driven); the value is its file name.
    inflow: Option<String>,
    /// The body is a `year,stock` series (stock-driven); the value is its file name.
    stock: Option<String>,
    /// fixed:MEAN | normal:MEAN,SD | weibull:SHAPE,SCALE | lognormal:MEAN,SD (required).
    lifetime: String,
    /// Stock-driven: set a negative inflow to 0 and cut older cohorts instead.
    #[serde(default, deserialize_with = "flag")]
    #[param(value_type = Option<bool>)]
    negative_inflow_correct: bool,
    /// Add the stock and outflow matrices by cohort.
    #[serde(default, deserialize_with = "flag")]
    #[param(value_type = Option<bool>)]
    by_cohort: bool,
    /// The most memory the run may take (e.g. 200MB; at most 256MB on a server).
    max_memory: Option<String>,
}

/// A dynamic stock model (ODYM conventions) on the series in the body.
#[utoipa::path(post, path = "/api/v1/stock", params(StockQuery), tag = "compute",
    request_body(content = String, content_type = "text/csv", description = "year,inflow or year,stock (optional mean, sd, shape, scale)"),
    responses((status = 200, body = service::stock::StockResult), (status = 400, body = ErrorResponse), (status = 413, body = ErrorResponse)))]
pub async fn stock(
    State(s): State<AppState>,
    Query(q): Query<StockQuery>,
    body: Bytes,
) -> Result<Answer<service::stock::StockResult>, ApiError> {
    let (name, driven) = match (q.inflow, q.stock) {
        (Some(n), None) => (n, service::stock::Driven::Inflow),
        (None, Some(n)) => (n, service::stock::Driven::Stock),
        _ => {
            return Err(ApiError::bad_input(
                "give exactly one of the query parameters inflow=NAME and stock=NAME (the series is the body)",
            ))
        }
    };
    let name = file_name(
        if driven == service::stock::Driven::Inflow {
            "inflow"
        } else {
            "stock"
        },
        &if name.is_empty() {
            "series.csv".to_string()
        } else {
            name
        },
    )?;
    let max_memory = match q.max_memory.as_deref() {
        None => STOCK_MAX_MEMORY,
        Some(m) => {
            let bytes = service::stock::parse_bytes(m)?;
            if bytes > STOCK_MAX_MEMORY {
                return Err(ApiError::bad_input(format!(
                    "query parameter max-memory: {m} is more than this server allows a stock run ({}): run larger models with the command line",
                    service::stock::human_bytes(STOCK_MAX_MEMORY)
                )));
            }
            bytes
        }
    };
    let series = NamedText::from_bytes(name, body.to_vec())?;
    let req = service::stock::StockRequest {
        series,
        driven,
        lifetime: q.lifetime,
        negative_inflow_correct: q.negative_inflow_correct,
        by_cohort: q.by_cohort,
        max_memory,
    };
    let r = s.blocking(move |session| session.stock(&req)).await?;
    Ok(Answer(r))
}

/// The bundled scenarios.
#[utoipa::path(get, path = "/api/v1/sim/list", tag = "compute",
    responses((status = 200, body = service::sim::SimListResult)))]
pub async fn sim_list(
    State(s): State<AppState>,
    Query(NoQuery {}): Query<NoQuery>,
) -> Result<Answer<service::sim::SimListResult>, ApiError> {
    Ok(Answer(s.blocking(|session| session.sim_list()).await?))
}

/// The bundled world network: every node, link and demand figure with its reason.
#[utoipa::path(get, path = "/api/v1/sim/network", tag = "compute",
    responses((status = 200, body = service::trade::WorldNetworkResult)))]
pub async fn sim_network(
    State(s): State<AppState>,
    Query(NoQuery {}): Query<NoQuery>,
) -> Result<Answer<service::trade::WorldNetworkResult>, ApiError> {
    Ok(Answer(s.blocking(|session| session.world_network()).await?))
}

/// A bundled scenario, by name.
#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
#[into_params(parameter_in = Query)]
pub struct ScenarioQuery {
    /// A bundled scenario's name (GET /api/v1/sim/list), e.g. china-2025-controls (required).
    scenario: String,
}

/// An uploaded scenario's name.
#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
#[into_params(parameter_in = Query)]
pub struct UploadQuery {
    /// The scenario file's name, for messages (default scenario.toml); a TOML body only.
    file: Option<String>,
    /// A bundled scenario's name instead of a body.
    scenario: Option<String>,
}

/// A scenario and its network as JSON, for a scenario that does not run on the bundled
/// network (or to name the files).
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ScenarioUpload {
    /// The scenario file's text (TOML).
    pub scenario: String,
    /// The scenario file's name, for messages (default scenario.toml).
    pub scenario_file: Option<String>,
    /// The network's files, when the scenario names a network folder.
    pub network: Option<NetworkUpload>,
}

/// A network folder's files.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NetworkUpload {
    /// The folder's name, for messages (default network).
    pub folder: Option<String>,
    /// `nodes.csv`.
    pub nodes: String,
    /// `links.csv`.
    pub links: String,
    /// `demand.csv`, if any.
    pub demand: Option<String>,
}

/// The request a bundled scenario's name stands for.
pub fn bundled(s: &AppState, name: &str) -> Result<SimRequest, ApiError> {
    let name = scenario_name("scenario", name)?;
    Ok(s.session.sim_bundled(&name)?)
}

/// The request an upload stands for: a bundled name (`?scenario=`), a JSON body with the
/// scenario and its network, or a TOML body.
pub fn upload(
    s: &AppState,
    q: UploadQuery,
    headers: &HeaderMap,
    body: &Bytes,
) -> Result<SimRequest, ApiError> {
    if let Some(name) = q.scenario {
        if !body.is_empty() || q.file.is_some() {
            return Err(ApiError::bad_input(
                "give a bundled scenario's name (query parameter scenario) or a scenario file (the body), not both",
            ));
        }
        return bundled(s, &name);
    }
    if body.is_empty() {
        return Err(ApiError::bad_input(
            "no scenario: POST its TOML as the body (or JSON with its network), or give a bundled scenario's name as the query parameter scenario",
        ));
    }
    let json = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.trim_start().starts_with("application/json"));
    if !json {
        let name = file_name("file", q.file.as_deref().unwrap_or("scenario.toml"))?;
        return Ok(SimRequest {
            scenario: NamedText::from_bytes(name, body.to_vec())?,
            network: None,
        });
    }
    if q.file.is_some() {
        return Err(ApiError::bad_input(
            "query parameter file: with a JSON body, name the scenario in its scenario_file field",
        ));
    }
    let up: ScenarioUpload =
        serde_path_to_error::deserialize(&mut serde_json::Deserializer::from_slice(body))
            .map_err(|e| ApiError::bad_input(format!("body: {} at {}", e.inner(), e.path())))?;
    let scenario_file = file_name(
        "scenario_file",
        up.scenario_file.as_deref().unwrap_or("scenario.toml"),
    )?;
    let network = match up.network {
        None => None,
        Some(n) => {
            let folder = file_name("network.folder", n.folder.as_deref().unwrap_or("network"))?;
            Some(NetworkTexts {
                nodes: NamedText::new(format!("{folder}/nodes.csv"), n.nodes),
                links: NamedText::new(format!("{folder}/links.csv"), n.links),
                demand: n
                    .demand
                    .map(|d| NamedText::new(format!("{folder}/demand.csv"), d)),
                folder,
            })
        }
    };
    Ok(SimRequest {
        scenario: NamedText::new(scenario_file, up.scenario),
        network,
    })
}

/// Runs a bundled scenario: who runs short of what, when, at what price.
#[utoipa::path(get, path = "/api/v1/sim/run", params(ScenarioQuery), tag = "compute",
    responses((status = 200, body = service::sim::SimResult), (status = 400, body = ErrorResponse), (status = 404, body = ErrorResponse)))]
pub async fn sim_run_bundled(
    State(s): State<AppState>,
    Query(q): Query<ScenarioQuery>,
) -> Result<Answer<service::sim::SimResult>, ApiError> {
    let req = bundled(&s, &q.scenario)?;
    Ok(Answer(
        s.blocking(move |session| session.sim_run(&req)).await?,
    ))
}

/// Runs an uploaded scenario (TOML body, or JSON with its network); nothing is saved.
#[utoipa::path(post, path = "/api/v1/sim/run", params(UploadQuery), tag = "compute",
    request_body(content(
        (String = "application/toml"),
        (ScenarioUpload = "application/json"))),
    responses((status = 200, body = service::sim::SimResult), (status = 400, body = ErrorResponse), (status = 413, body = ErrorResponse)))]
pub async fn sim_run_upload(
    State(s): State<AppState>,
    Query(q): Query<UploadQuery>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Answer<service::sim::SimResult>, ApiError> {
    let req = upload(&s, q, &headers, &body)?;
    Ok(Answer(
        s.blocking(move |session| session.sim_run(&req)).await?,
    ))
}

/// Validates a bundled scenario and its network without running it.
#[utoipa::path(get, path = "/api/v1/sim/check", params(ScenarioQuery), tag = "compute",
    responses((status = 200, body = service::sim::SimCheckResult), (status = 400, body = ErrorResponse)))]
pub async fn sim_check_bundled(
    State(s): State<AppState>,
    Query(q): Query<ScenarioQuery>,
) -> Result<Answer<service::sim::SimCheckResult>, ApiError> {
    let req = bundled(&s, &q.scenario)?;
    Ok(Answer(
        s.blocking(move |session| session.sim_check(&req)).await?,
    ))
}

/// Validates an uploaded scenario and its network without running it.
#[utoipa::path(post, path = "/api/v1/sim/check", params(UploadQuery), tag = "compute",
    request_body(content(
        (String = "application/toml"),
        (ScenarioUpload = "application/json"))),
    responses((status = 200, body = service::sim::SimCheckResult), (status = 400, body = ErrorResponse)))]
pub async fn sim_check_upload(
    State(s): State<AppState>,
    Query(q): Query<UploadQuery>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Answer<service::sim::SimCheckResult>, ApiError> {
    let req = upload(&s, q, &headers, &body)?;
    Ok(Answer(
        s.blocking(move |session| session.sim_check(&req)).await?,
    ))
}

/// Two bundled scenarios, as `sim compare A B` names them.
#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
#[into_params(parameter_in = Query)]
pub struct SimCompareQuery {
    /// Scenario A (a bundled scenario's name; required).
    a: String,
    /// Scenario B (a bundled scenario's name; required).
    b: String,
}

/// Two scenarios compared: shortfalls, prices and concentration by year, with B − A.
#[utoipa::path(get, path = "/api/v1/sim/compare", params(SimCompareQuery), tag = "compute",
    responses((status = 200, body = service::sim::SimCompareResult), (status = 400, body = ErrorResponse)))]
pub async fn sim_compare(
    State(s): State<AppState>,
    Query(q): Query<SimCompareQuery>,
) -> Result<Answer<service::sim::SimCompareResult>, ApiError> {
    let (a, b) = (bundled(&s, &q.a)?, bundled(&s, &q.b)?);
    Ok(Answer(
        s.blocking(move |session| session.sim_compare(&a, &b))
            .await?,
    ))
}
