//! The roadmap planner: `plan list`, a bundled roadmap by name, or an uploaded roadmap (its
//! TOML as the body), optionally tested under a bundled scenario (`simulate`), answered
//! with the document `rareflow plan --format json` prints. A server caps the solver's time
//! ([`PLAN_MAX_SECONDS`]) below its request timeout; the answer says when it did.

use super::reads::NoQuery;
use super::Answer;
use crate::error::{ApiError, ErrorResponse};
use crate::params::{file_name, scenario_name, Query};
use crate::state::AppState;
use axum::body::Bytes;
use axum::extract::State;
use serde::Deserialize;
use service::plan::PlanRequest;
use service::NamedText;
use utoipa::IntoParams;

/// The most seconds a plan may take on a server (the command line has no cap).
pub const PLAN_MAX_SECONDS: f64 = 20.0;

/// A bundled roadmap, and the scenario to test it under.
#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
#[into_params(parameter_in = Query)]
pub struct PlanQuery {
    /// A bundled roadmap's name (GET /api/v1/plan/list), e.g. us-mine-to-magnet (required).
    roadmap: String,
    /// Run the chosen plan through the simulator under this bundled scenario.
    simulate: Option<String>,
}

/// An uploaded roadmap's name, and the scenario to test it under.
#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
#[into_params(parameter_in = Query)]
pub struct PlanUploadQuery {
    /// The roadmap file's name, for messages (default roadmap.toml).
    file: Option<String>,
    /// Run the chosen plan through the simulator under this bundled scenario.
    simulate: Option<String>,
}

fn request(
    s: &AppState,
    roadmap: NamedText,
    simulate: Option<&str>,
) -> Result<PlanRequest, ApiError> {
    let simulate = match simulate {
        Some(name) => Some(super::compute::bundled(s, name)?),
        None => None,
    };
    Ok(PlanRequest {
        roadmap,
        simulate,
        max_seconds: Some(PLAN_MAX_SECONDS),
    })
}

/// The bundled roadmaps.
#[utoipa::path(get, path = "/api/v1/plan/list", tag = "compute",
    responses((status = 200, body = service::plan::PlanListResult)))]
pub async fn plan_list(
    State(s): State<AppState>,
    Query(NoQuery {}): Query<NoQuery>,
) -> Result<Answer<service::plan::PlanListResult>, ApiError> {
    Ok(Answer(s.blocking(|session| session.plan_list()).await?))
}

/// The least-cost plan of a bundled roadmap: which projects, when, at what cost, what binds.
#[utoipa::path(get, path = "/api/v1/plan", params(PlanQuery), tag = "compute",
    responses((status = 200, body = service::plan::PlanResult), (status = 400, body = ErrorResponse), (status = 404, body = ErrorResponse)))]
pub async fn plan_bundled(
    State(s): State<AppState>,
    Query(q): Query<PlanQuery>,
) -> Result<Answer<service::plan::PlanResult>, ApiError> {
    let name = scenario_name("roadmap", &q.roadmap)?;
    let roadmap = s.session.plan_bundled(&name)?;
    let req = request(&s, roadmap, q.simulate.as_deref())?;
    Ok(Answer(s.blocking(move |session| session.plan(&req)).await?))
}

/// The least-cost plan of an uploaded roadmap (TOML body; docs/roadmaps.md); nothing is saved.
#[utoipa::path(post, path = "/api/v1/plan", params(PlanUploadQuery), tag = "compute",
    request_body(content = String, content_type = "application/toml"),
    responses((status = 200, body = service::plan::PlanResult), (status = 400, body = ErrorResponse), (status = 413, body = ErrorResponse)))]
pub async fn plan_upload(
    State(s): State<AppState>,
    Query(q): Query<PlanUploadQuery>,
    body: Bytes,
) -> Result<Answer<service::plan::PlanResult>, ApiError> {
    if body.is_empty() {
        return Err(ApiError::bad_input(
            "no roadmap: POST its TOML as the body, or GET /api/v1/plan?roadmap=NAME for a bundled one",
        ));
    }
    let name = file_name("file", q.file.as_deref().unwrap_or("roadmap.toml"))?;
    let roadmap = NamedText::from_bytes(name, body.to_vec())?;
    let req = request(&s, roadmap, q.simulate.as_deref())?;
    Ok(Answer(s.blocking(move |session| session.plan(&req)).await?))
}
