//! rareflow's HTTP face: the API under `/api/v1/` and a dashboard, both over `service`.
//! Faces render, `service` answers: each endpoint builds the request the CLI builds from
//! the same flags and sends the document `--format json` prints; each page draws charts
//! from the same results, with their sources and a CSV of exactly what is drawn. No domain
//! rule lives here.
//!
//! # Layout
//! - [`app`]: the router over an [`AppState`] (testable without a socket); [`serve`] runs
//!   it on a listener until a shutdown future completes; [`run`] is `rareflow serve`.
//! - [`api`]: one handler per question; [`openapi`]: the document generated from them.
//! - [`dashboard`]: server-rendered pages (askama), chart data and CSV, embedded assets.
//! - [`error`]: the one error shape and status mapping; [`params`]: query parameters as
//!   the CLI's flags; [`auth`]: the token; [`limits`]: the rate limit; [`config`]: settings.

pub mod api;
pub mod auth;
pub mod config;
pub mod dashboard;
pub mod error;
pub mod limits;
pub mod openapi;
pub mod params;
pub mod serve;
pub mod state;
#[doc(hidden)]
pub mod testing;

pub use config::{Config, RateLimit, Token};
pub use state::AppState;

use axum::extract::DefaultBodyLimit;
use axum::http::StatusCode;
use axum::middleware::{from_fn, from_fn_with_state};
use axum::Router;
use std::net::SocketAddr;
use tower_http::compression::CompressionLayer;
use tower_http::limit::RequestBodyLimitLayer;
use tower_http::timeout::TimeoutLayer;

/// The whole application: API, OpenAPI document and browsable docs, dashboard, with the
/// token check, body and time limits, the rate limit and the one error shape around them.
pub fn app(state: AppState) -> Router {
    let config = state.config.clone();
    let docs: Router<AppState> = utoipa_swagger_ui::SwaggerUi::new("/api/docs")
        .url("/api/v1/openapi.json", openapi::document())
        .into();
    let router = Router::new()
        .merge(api::routes())
        .merge(dashboard::routes())
        .merge(docs)
        .layer(from_fn_with_state(state.clone(), auth::guard))
        .layer(DefaultBodyLimit::max(config.body_limit))
        .layer(RequestBodyLimitLayer::new(config.body_limit))
        .layer(TimeoutLayer::with_status_code(
            StatusCode::REQUEST_TIMEOUT,
            config.request_timeout,
        ))
        .with_state(state);
    limits::rate_limited(router, config.rate_limit)
        .layer(from_fn(error::uniform_errors))
        .layer(CompressionLayer::new())
}

/// Serves the application on `listener` until `shutdown` completes.
pub async fn serve(
    listener: tokio::net::TcpListener,
    state: AppState,
    shutdown: impl std::future::Future<Output = ()>,
) -> std::io::Result<()> {
    let head_timeout = state.config.request_timeout;
    serve::serve(listener, app(state), head_timeout, shutdown).await
}

/// A store location as messages may show it: a PostgreSQL URL loses its password.
pub fn redact(location: &str) -> String {
    let Some((scheme, rest)) = location.split_once("://") else {
        return location.to_string();
    };
    match rest.split_once('@') {
        Some((userinfo, host)) if userinfo.contains(':') => {
            let user = userinfo.split(':').next().unwrap_or("");
            format!("{scheme}://{user}:***@{host}")
        }
        _ => location.to_string(),
    }
}

/// A session over the bundled data and the store at `location` (opened on first use),
/// whose messages name the store without its password.
pub fn session(location: &str, create_folder: bool) -> Result<service::Session, service::Error> {
    service::Session::open_as(location, create_folder, &redact(location))
}

/// `rareflow serve`: binds `addr`, says where it listens on stderr, and serves until
/// Ctrl-C or SIGTERM.
pub async fn run(
    addr: SocketAddr,
    session: service::Session,
    config: Config,
) -> std::io::Result<()> {
    let listener = tokio::net::TcpListener::bind(addr).await?;
    let local = listener.local_addr()?;
    eprintln!(
        "rareflow serve: listening on {} (store {}; writes {}; reads {}; rate limit {}; request timeout {} s)",
        serve::url(local),
        session.store_location(),
        if config.token.is_some() { "need the token" } else { "disabled (no token configured)" },
        if config.private { "need the token" } else { "open" },
        match config.rate_limit {
            RateLimit::Off => "off".to_string(),
            RateLimit::PerSecond(n) => format!("{n}/s per client"),
        },
        config.request_timeout.as_secs_f64()
    );
    let state = AppState::new(session, config);
    serve(listener, state, serve::shutdown_signal()).await?;
    eprintln!("rareflow serve: stopped");
    Ok(())
}
