//! The API's one error shape, `{"error": {"code", "message", "location"?}}`, and the one
//! place that maps failures to HTTP statuses. Handlers return [`ApiError`]; a response that
//! left a layer without this shape (a body limit's 413, a timeout's 408, a route that does
//! not exist) is rewritten by [`uniform_errors`], so a client never sees two shapes.

use axum::body::Body;
use axum::http::{header, HeaderValue, Request, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use serde::Serialize;
use service::{ErrorKind, Location};
use utoipa::ToSchema;

/// What kind of failure a response reports; its id is the `code` clients switch on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Code {
    /// The request is malformed or a value in it is invalid (400; 405, 408 and 415 too).
    BadInput,
    /// Something named does not exist (404).
    NotFound,
    /// The request conflicts with what is stored (409).
    Conflict,
    /// A token is needed and was missing or wrong (401).
    Unauthorized,
    /// Writes need a token and the server has none configured (403).
    WritesDisabled,
    /// The body is larger than the server accepts (413).
    TooLarge,
    /// The client sent too many requests (429).
    RateLimited,
    /// The store cannot be reached (503).
    StoreUnavailable,
    /// A fault of rareflow itself (500): never the answer to a user's input.
    Internal,
}

impl Code {
    /// The status a code is sent with unless a layer chose a more precise one.
    pub fn status(self) -> StatusCode {
        match self {
            Code::BadInput => StatusCode::BAD_REQUEST,
            Code::NotFound => StatusCode::NOT_FOUND,
            Code::Conflict => StatusCode::CONFLICT,
            Code::Unauthorized => StatusCode::UNAUTHORIZED,
            Code::WritesDisabled => StatusCode::FORBIDDEN,
            Code::TooLarge => StatusCode::PAYLOAD_TOO_LARGE,
            Code::RateLimited => StatusCode::TOO_MANY_REQUESTS,
            Code::StoreUnavailable => StatusCode::SERVICE_UNAVAILABLE,
            Code::Internal => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }
}

/// The error body's inner object.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ErrorBody {
    /// What kind of failure.
    pub code: Code,
    /// What is wrong, in the user's terms (the CLI's message for the same input).
    pub message: String,
    /// Where in an uploaded file the bad input is.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub location: Option<Location>,
}

/// Every error response: `{"error": {...}}`.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ErrorResponse {
    /// The error.
    pub error: ErrorBody,
}

/// A failed request: a code, a message, maybe a location, and the status to send.
#[derive(Debug, Clone)]
pub struct ApiError {
    status: StatusCode,
    body: ErrorBody,
}

impl ApiError {
    /// An error of `code` with its usual status.
    pub fn new(code: Code, message: impl Into<String>) -> ApiError {
        ApiError {
            status: code.status(),
            body: ErrorBody {
                code,
                message: message.into(),
                location: None,
            },
        }
    }

    /// The same error sent with another status (405, 408, 415 are `bad_input`).
    pub fn with_status(mut self, status: StatusCode) -> ApiError {
        self.status = status;
        self
    }

    /// A `bad_input` error.
    pub fn bad_input(message: impl Into<String>) -> ApiError {
        ApiError::new(Code::BadInput, message)
    }

    /// The error's code.
    pub fn code(&self) -> Code {
        self.body.code
    }

    /// The status it is sent with.
    pub fn status(&self) -> StatusCode {
        self.status
    }

    /// What is wrong, in words.
    pub fn message(&self) -> &str {
        &self.body.message
    }
}

impl From<service::Error> for ApiError {
    fn from(e: service::Error) -> ApiError {
        let code = match e.kind() {
            ErrorKind::BadInput | ErrorKind::Usage => Code::BadInput,
            ErrorKind::NotFound => Code::NotFound,
            ErrorKind::Conflict => Code::Conflict,
            ErrorKind::StoreUnavailable => Code::StoreUnavailable,
            ErrorKind::Internal => Code::Internal,
        };
        if code == Code::Internal {
            // The details of rareflow's own faults go to the log, not to the client.
            eprintln!("error: internal: {e}");
            return ApiError::new(code, "rareflow could not answer: see the server's log");
        }
        let location = e.location();
        let mut err = ApiError::new(code, e.to_string());
        err.body.location = location;
        err
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let body = service::json::to_string_pretty(&ErrorResponse { error: self.body });
        let mut r = (self.status, body).into_response();
        r.headers_mut().insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static("application/json"),
        );
        r.extensions_mut().insert(ShapedError);
        r
    }
}

/// Marks a response whose body is already the error shape (or, for a page, an error page
/// meant for a person).
#[derive(Debug, Clone, Copy)]
struct ShapedError;

/// Keeps an error response as it is: [`uniform_errors`] leaves it alone (the dashboard's
/// error pages are HTML for a person, not the API's JSON).
pub fn keep_as_is(r: &mut Response) {
    r.extensions_mut().insert(ShapedError);
}

/// Rewrites any 4xx/5xx response that is not in the error shape (axum's 404 and 405,
/// tower-http's 408 and 413, a rate limiter's 429) into it, keeping the status.
pub async fn uniform_errors(req: Request<Body>, next: Next) -> Response {
    let path = req.uri().path().to_string();
    let response = next.run(req).await;
    let status = response.status();
    if !(status.is_client_error() || status.is_server_error())
        || response.extensions().get::<ShapedError>().is_some()
    {
        return response;
    }
    let retry_after = response.headers().get(header::RETRY_AFTER).cloned();
    let (code, message) = match status {
        StatusCode::NOT_FOUND => (Code::NotFound, format!("no such page or endpoint: {path}")),
        StatusCode::METHOD_NOT_ALLOWED => (
            Code::BadInput,
            format!("{path} does not take this method (see /api/v1/openapi.json)"),
        ),
        StatusCode::REQUEST_TIMEOUT => (
            Code::BadInput,
            "the request took longer than the server allows (its body came too slowly, or the question took too long)".to_string(),
        ),
        StatusCode::PAYLOAD_TOO_LARGE => (
            Code::TooLarge,
            "the request body is larger than the server accepts".to_string(),
        ),
        StatusCode::TOO_MANY_REQUESTS => (
            Code::RateLimited,
            "too many requests from this client: slow down and try again".to_string(),
        ),
        StatusCode::UNSUPPORTED_MEDIA_TYPE => (
            Code::BadInput,
            "unsupported content type for this endpoint".to_string(),
        ),
        StatusCode::UNAUTHORIZED => (Code::Unauthorized, "a valid token is needed".to_string()),
        s if s.is_server_error() => {
            eprintln!("error: {path} answered {s} without an error body");
            (Code::Internal, "rareflow could not answer: see the server's log".to_string())
        }
        s => (Code::BadInput, format!("the request was refused ({s})")),
    };
    let mut shaped = ApiError::new(code, message)
        .with_status(status)
        .into_response();
    if let Some(v) = retry_after {
        shaped.headers_mut().insert(header::RETRY_AFTER, v);
    }
    shaped
}
