//! What every handler reads: the session (bundled data, tables, the store) and the
//! server's settings. Cloned per request; both halves are shared behind `Arc`s.

use crate::config::Config;
use crate::error::ApiError;
use service::Session;
use std::sync::Arc;

/// The handlers' state.
#[derive(Debug, Clone)]
pub struct AppState {
    /// Answers questions.
    pub session: Session,
    /// Token, privacy and limits.
    pub config: Arc<Config>,
}

impl AppState {
    /// A state over `session` with `config`.
    pub fn new(session: Session, config: Config) -> AppState {
        AppState {
            session,
            config: Arc::new(config),
        }
    }

    /// Runs a question that computes without awaiting (a simulation, a stock model) on a
    /// thread meant for blocking work, so it never stalls the threads serving others.
    pub async fn blocking<T, F>(&self, f: F) -> Result<T, ApiError>
    where
        T: Send + 'static,
        F: FnOnce(Session) -> Result<T, service::Error> + Send + 'static,
    {
        let session = self.session.clone();
        match tokio::task::spawn_blocking(move || f(session)).await {
            Ok(r) => r.map_err(ApiError::from),
            Err(e) => {
                eprintln!("error: a question's thread failed: {e}");
                Err(ApiError::new(
                    crate::error::Code::Internal,
                    "rareflow could not answer: see the server's log",
                ))
            }
        }
    }
}
