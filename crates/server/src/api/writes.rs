//! What changes the store, behind the token ([`crate::auth`]): importing an edition (the
//! CSV is the body, `import`'s flags the query), removing one, saving a simulator run; and
//! reading the saved runs back, which anyone who may read can do.

use super::compute::{upload, UploadQuery};
use super::reads::NoQuery;
use super::Answer;
use crate::error::{ApiError, ErrorResponse};
use crate::params::{file_name, flag, Query};
use crate::state::AppState;
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::HeaderMap;
use serde::Deserialize;
use service::NamedText;
use utoipa::{IntoParams, ToSchema};

/// Kinds of source, as `import usgs-mcs --kind` spells them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize, ToSchema)]
#[serde(rename_all = "kebab-case")]
pub enum KindParam {
    /// A statistical agency's survey (the default).
    #[default]
    StatisticalSurvey,
    /// A government's own claim.
    GovernmentClaim,
    /// A company's report.
    CompanyReport,
    /// A study or article.
    Literature,
}

/// `import usgs-mcs`'s flags; the file is the body.
#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
#[into_params(parameter_in = Query)]
pub struct ImportQuery {
    /// The file's name, for messages and the result (default upload.csv); never a path.
    file: Option<String>,
    /// Replace an imported edition of the same id.
    #[serde(default, deserialize_with = "flag")]
    #[param(value_type = Option<bool>)]
    replace: bool,
    /// Who published the file, when it is not the USGS.
    publisher: Option<String>,
    /// What kind of source the file is.
    #[param(inline)]
    #[serde(default)]
    kind: KindParam,
}

/// Imports a USGS MCS world table (the body) as a new edition, in one transaction.
#[utoipa::path(post, path = "/api/v1/import", params(ImportQuery), tag = "store",
    request_body(content = String, content_type = "text/csv"),
    security(("token" = [])),
    responses((status = 200, body = service::import::ImportResult), (status = 400, body = ErrorResponse),
        (status = 401, body = ErrorResponse), (status = 403, body = ErrorResponse), (status = 409, body = ErrorResponse), (status = 413, body = ErrorResponse)))]
pub async fn import(
    State(s): State<AppState>,
    Query(q): Query<ImportQuery>,
    body: Bytes,
) -> Result<Answer<service::import::ImportResult>, ApiError> {
    let name = file_name("file", q.file.as_deref().unwrap_or("upload.csv"))?;
    let file = NamedText::from_bytes(name, body.to_vec())?;
    let r = s
        .session
        .import(&service::import::ImportRequest {
            file,
            replace: q.replace,
            publisher: q.publisher,
            kind: Some(match q.kind {
                KindParam::StatisticalSurvey => model::SourceKind::StatisticalSurvey,
                KindParam::GovernmentClaim => model::SourceKind::GovernmentClaim,
                KindParam::CompanyReport => model::SourceKind::CompanyReport,
                KindParam::Literature => model::SourceKind::Literature,
            }),
        })
        .await?;
    Ok(Answer(r))
}

/// Removes an imported edition (one transaction; bundled editions stay).
#[utoipa::path(delete, path = "/api/v1/editions/{edition}", tag = "store",
    params(("edition" = String, Path, description = "The edition id (case-insensitive)")),
    security(("token" = [])),
    responses((status = 200, body = service::import::RemoveResult), (status = 401, body = ErrorResponse),
        (status = 403, body = ErrorResponse), (status = 404, body = ErrorResponse), (status = 409, body = ErrorResponse)))]
pub async fn remove(
    State(s): State<AppState>,
    Path(edition): Path<String>,
    Query(NoQuery {}): Query<NoQuery>,
) -> Result<Answer<service::import::RemoveResult>, ApiError> {
    Ok(Answer(s.session.remove(&edition).await?))
}

/// Runs a scenario (as `POST /api/v1/sim/run` takes it) and saves the run with its
/// inputs, seed, checksums and result.
#[utoipa::path(post, path = "/api/v1/runs", params(UploadQuery), tag = "runs",
    request_body(content(
        (String = "application/toml"),
        (super::compute::ScenarioUpload = "application/json"))),
    security(("token" = [])),
    responses((status = 200, body = service::runs::SavedRunResult), (status = 400, body = ErrorResponse),
        (status = 401, body = ErrorResponse), (status = 403, body = ErrorResponse)))]
pub async fn save_run(
    State(s): State<AppState>,
    Query(q): Query<UploadQuery>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Answer<service::runs::SavedRunResult>, ApiError> {
    let req = upload(&s, q, &headers, &body)?;
    let handle = tokio::runtime::Handle::current();
    // The run computes for a while: it runs on a blocking thread, which waits there for
    // the store's answer too.
    let r = s
        .blocking(move |session| handle.block_on(session.save_run(&req)))
        .await?;
    Ok(Answer(r))
}

/// Every saved run, newest first.
#[utoipa::path(get, path = "/api/v1/runs", tag = "runs",
    responses((status = 200, body = service::runs::RunsResult), (status = 503, body = ErrorResponse)))]
pub async fn runs(
    State(s): State<AppState>,
    Query(NoQuery {}): Query<NoQuery>,
) -> Result<Answer<service::runs::RunsResult>, ApiError> {
    Ok(Answer(s.session.runs().await?))
}

/// One saved run: its inputs, seed, checksums and result.
#[utoipa::path(get, path = "/api/v1/runs/{id}", tag = "runs",
    params(("id" = String, Path, description = "The run's id")),
    responses((status = 200, body = service::runs::SavedRunResult), (status = 404, body = ErrorResponse)))]
pub async fn saved_run(
    State(s): State<AppState>,
    Path(id): Path<String>,
    Query(NoQuery {}): Query<NoQuery>,
) -> Result<Answer<service::runs::SavedRunResult>, ApiError> {
    Ok(Answer(s.session.saved_run(&id).await?))
}

/// Runs a saved run's inputs again and says whether the result is the same bytes.
#[utoipa::path(get, path = "/api/v1/runs/{id}/verify", tag = "runs",
    params(("id" = String, Path, description = "The run's id")),
    responses((status = 200, body = service::runs::RunCheckResult), (status = 404, body = ErrorResponse)))]
pub async fn verify_run(
    State(s): State<AppState>,
    Path(id): Path<String>,
    Query(NoQuery {}): Query<NoQuery>,
) -> Result<Answer<service::runs::RunCheckResult>, ApiError> {
    let handle = tokio::runtime::Handle::current();
    let r = s
        .blocking(move |session| handle.block_on(session.verify_run(&id)))
        .await?;
    Ok(Answer(r))
}
