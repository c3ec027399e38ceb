//! The API under `/api/v1/`: one endpoint per `service` question, named as the CLI
//! command (`rank`, `risk/eu`, `sim/run`), its query parameters the command's long flags
//! as typed, its answer the same JSON document `--format json` prints (the result
//! serialised once, by [`service::json`]).
//!
//! - [`reads`]: the questions about the data (overview … trade, editions).
//! - [`compute`]: questions that compute from an upload or a scenario (stock, sim).
//! - [`writes`]: import, remove, saved runs.

pub mod compute;
pub mod plan;
pub mod reads;
pub mod writes;

use crate::state::AppState;
use axum::http::{header, HeaderValue};
use axum::response::{IntoResponse, Response};
use axum::routing::{delete, get, post};
use axum::Router;
use serde::Serialize;

/// A result sent as the CLI prints it with `--format json`.
#[derive(Debug)]
pub struct Answer<T>(pub T);

impl<T: Serialize> IntoResponse for Answer<T> {
    fn into_response(self) -> Response {
        let mut r = service::json::to_string_pretty(&self.0).into_response();
        r.headers_mut().insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static("application/json"),
        );
        r
    }
}

/// The API's routes (their OpenAPI description is [`crate::openapi::ApiDoc`]; a test checks
/// that both list the same endpoints).
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/api/v1/overview", get(reads::overview))
        .route("/api/v1/rank", get(reads::rank))
        .route("/api/v1/concentration", get(reads::concentration))
        .route("/api/v1/compare", get(reads::compare))
        .route("/api/v1/cite", get(reads::cite))
        .route("/api/v1/country/{country}", get(reads::country))
        .route("/api/v1/sources", get(reads::sources))
        .route("/api/v1/chain", get(reads::chain))
        .route("/api/v1/balance", get(reads::balance))
        .route("/api/v1/projects", get(reads::projects))
        .route("/api/v1/risk/eu", get(reads::risk_eu))
        .route("/api/v1/risk/usgs", get(reads::risk_usgs))
        .route("/api/v1/demand", get(reads::demand))
        .route("/api/v1/trade", get(reads::trade))
        .route("/api/v1/editions", get(reads::editions))
        .route("/api/v1/editions/{edition}", delete(writes::remove))
        .route("/api/v1/import", post(writes::import))
        .route("/api/v1/import/usgs-mcs", post(writes::import))
        .route("/api/v1/stock", post(compute::stock))
        .route("/api/v1/sim/list", get(compute::sim_list))
        .route("/api/v1/sim/network", get(compute::sim_network))
        .route(
            "/api/v1/sim/run",
            get(compute::sim_run_bundled).post(compute::sim_run_upload),
        )
        .route(
            "/api/v1/sim/check",
            get(compute::sim_check_bundled).post(compute::sim_check_upload),
        )
        .route("/api/v1/sim/compare", get(compute::sim_compare))
        .route("/api/v1/plan/list", get(plan::plan_list))
        .route(
            "/api/v1/plan",
            get(plan::plan_bundled).post(plan::plan_upload),
        )
        .route("/api/v1/runs", get(writes::runs).post(writes::save_run))
        .route("/api/v1/runs/{id}", get(writes::saved_run))
        .route("/api/v1/runs/{id}/verify", get(writes::verify_run))
}
