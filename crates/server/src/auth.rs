//! Who may do what: writes (importing or deleting an edition, saving a run) need the
//! server's bearer token; with no token configured they are disabled (403
//! `writes_disabled`), with one they need it (401 `unauthorized`); reads are open unless the
//! server is `--private`. Checked in a middleware before any body is read, so a refused
//! write costs the server nothing and changes nothing.

use crate::error::{ApiError, Code};
use crate::state::AppState;
use axum::body::Body;
use axum::extract::State;
use axum::http::{header, HeaderMap, Method, Request};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

/// Whether a request changes the store: the one list of write endpoints.
pub fn is_write(method: &Method, path: &str) -> bool {
    let path = path.trim_end_matches('/');
    (method == Method::POST
        && (path == "/api/v1/import"
            || path == "/api/v1/import/usgs-mcs"
            || path == "/api/v1/runs"))
        || (method == Method::DELETE && path.starts_with("/api/v1/editions/"))
}

/// The bearer token a request carries, if any.
fn bearer(headers: &HeaderMap) -> Option<&str> {
    let v = headers.get(header::AUTHORIZATION)?.to_str().ok()?;
    let (scheme, token) = v.trim().split_once(' ')?;
    scheme.eq_ignore_ascii_case("bearer").then(|| token.trim())
}

/// Checks a request's token against the server's; `what` says what needed it.
fn check(state: &AppState, headers: &HeaderMap, what: &str) -> Result<(), ApiError> {
    let Some(token) = &state.config.token else {
        return Err(ApiError::new(
            Code::WritesDisabled,
            format!("{what} is disabled on this server: start it with RAREFLOW_TOKEN or --token-file to allow writes"),
        ));
    };
    match bearer(headers) {
        Some(given) if token.matches(given) => Ok(()),
        Some(_) => Err(ApiError::new(
            Code::Unauthorized,
            format!("{what} needs this server's token: the token given is not it"),
        )),
        None => Err(ApiError::new(
            Code::Unauthorized,
            format!("{what} needs this server's token: send `Authorization: Bearer TOKEN`"),
        )),
    }
}

/// The middleware: a write needs the token; with `--private`, so does every read.
pub async fn guard(State(state): State<AppState>, req: Request<Body>, next: Next) -> Response {
    let path = req.uri().path();
    let verdict = if is_write(req.method(), path) {
        check(&state, req.headers(), "writing to the store")
    } else if state.config.private && !path.starts_with("/assets/") {
        // `check` reports a missing token as writes being disabled; a private server
        // always has a token (the CLI refuses `--private` without one).
        check(&state, req.headers(), "reading from this private server")
    } else {
        Ok(())
    };
    match verdict {
        Ok(()) => next.run(req).await,
        Err(e) => {
            let mut r = e.into_response();
            if r.status() == axum::http::StatusCode::UNAUTHORIZED {
                r.headers_mut().insert(
                    header::WWW_AUTHENTICATE,
                    header::HeaderValue::from_static("Bearer"),
                );
            }
            r
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_write_endpoints_are_these() {
        assert!(is_write(&Method::POST, "/api/v1/import"));
        assert!(is_write(&Method::POST, "/api/v1/import/usgs-mcs"));
        assert!(is_write(&Method::POST, "/api/v1/runs/"));
        assert!(is_write(&Method::DELETE, "/api/v1/editions/X2027"));
        assert!(!is_write(&Method::GET, "/api/v1/editions"));
        assert!(!is_write(&Method::GET, "/api/v1/runs"));
        assert!(!is_write(&Method::POST, "/api/v1/sim/run"));
    }

    #[test]
    fn bearer_tokens_are_read_from_the_header() {
        let mut h = HeaderMap::new();
        assert_eq!(bearer(&h), None);
        h.insert(header::AUTHORIZATION, "Bearer abc".parse().unwrap());
        assert_eq!(bearer(&h), Some("abc"));
        h.insert(header::AUTHORIZATION, "Basic abc".parse().unwrap());
        assert_eq!(bearer(&h), None);
    }
}
