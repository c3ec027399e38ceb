//! Limits per client: a rate limit keyed on the client's address (`tower_governor`), whose
//! refusals become the API's 429 `rate_limited`. A request without a known address (an
//! in-process test) shares one key rather than failing.

use crate::config::RateLimit;
use axum::extract::ConnectInfo;
use axum::http::Request;
use axum::Router;
use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::time::Duration;
use tower_governor::governor::GovernorConfigBuilder;
use tower_governor::key_extractor::KeyExtractor;
use tower_governor::{GovernorError, GovernorLayer};

/// The client's IP address, or one shared key when it is not known.
#[derive(Debug, Clone, Copy)]
pub struct ClientIp;

impl KeyExtractor for ClientIp {
    type Key = IpAddr;

    fn extract<T>(&self, req: &Request<T>) -> Result<IpAddr, GovernorError> {
        Ok(req
            .extensions()
            .get::<ConnectInfo<SocketAddr>>()
            .map_or(IpAddr::V4(Ipv4Addr::UNSPECIFIED), |c| c.0.ip()))
    }
}

/// `router` behind a rate limit of `limit` (unchanged when it is off). A task forgets
/// clients quiet for a minute, so the limiter's memory does not grow with every address.
pub fn rate_limited(router: Router, limit: RateLimit) -> Router {
    let RateLimit::PerSecond(n) = limit else {
        return router;
    };
    // One request's worth of quota comes back every 1/n s; a client may burst n at once.
    let Some(config) = GovernorConfigBuilder::default()
        .key_extractor(ClientIp)
        .per_nanosecond((1_000_000_000 / u64::from(n)).max(1))
        .burst_size(n)
        .finish()
    else {
        // `finish` refuses only a zero period or burst, which `n >= 1` rules out.
        return router;
    };
    let limiter = config.limiter().clone();
    if let Ok(handle) = tokio::runtime::Handle::try_current() {
        handle.spawn(async move {
            let mut tick = tokio::time::interval(Duration::from_secs(60));
            loop {
                tick.tick().await;
                limiter.retain_recent();
            }
        });
    }
    router.layer(GovernorLayer::new(config))
}
