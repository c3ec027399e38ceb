//! How a server is set up: who may write (a token), whether reads are private, how fast a
//! client may ask, and the limits that keep a slow or huge request from holding the server.
//! The CLI fills it from flags; tests build it directly.

use std::time::Duration;
use subtle::ConstantTimeEq;

/// A bearer token, compared in constant time (through SHA-256 digests, so neither the
/// content nor the length leaks through timing).
#[derive(Clone)]
pub struct Token([u8; 32]);

impl Token {
    /// A token from its text; surrounding whitespace (a file's final newline) is dropped.
    /// `None` for an empty one, which would let anyone in.
    pub fn new(text: &str) -> Option<Token> {
        let t = text.trim();
        (!t.is_empty()).then(|| Token(digest(t.as_bytes())))
    }

    /// Whether `given` is this token.
    pub fn matches(&self, given: &str) -> bool {
        bool::from(digest(given.as_bytes()).ct_eq(&self.0))
    }
}

impl std::fmt::Debug for Token {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Token(..)")
    }
}

fn digest(b: &[u8]) -> [u8; 32] {
    use sha2::{Digest, Sha256};
    Sha256::digest(b).into()
}

/// A rate limit per client address.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RateLimit {
    /// No limit (for load tests on loopback).
    Off,
    /// At most this many requests a second, in bursts of as many.
    PerSecond(u32),
}

impl std::str::FromStr for RateLimit {
    type Err = String;

    /// `off`, `N`, or `N/s`.
    fn from_str(s: &str) -> Result<RateLimit, String> {
        let t = s.trim();
        if t.eq_ignore_ascii_case("off") {
            return Ok(RateLimit::Off);
        }
        match t.trim_end_matches("/s").trim().parse::<u32>() {
            Ok(n) if n >= 1 => Ok(RateLimit::PerSecond(n)),
            _ => Err(format!(
                "{s:?}: expected a number of requests a second such as 50/s, or off"
            )),
        }
    }
}

/// The default rate limit: 50 requests a second per client.
pub const DEFAULT_RATE_LIMIT: RateLimit = RateLimit::PerSecond(50);
/// The default time a request may take, body included.
pub const DEFAULT_REQUEST_TIMEOUT: Duration = Duration::from_secs(30);
/// The default largest request body: 16 MiB (a USGS world-data release is under 1 MiB).
pub const DEFAULT_BODY_LIMIT: usize = 16 * 1024 * 1024;
/// The most memory a stock run may take on a server (the CLI allows 2 GB by default).
pub const STOCK_MAX_MEMORY: u64 = 256_000_000;

/// A server's settings.
#[derive(Debug, Clone)]
pub struct Config {
    /// The token writes need; `None`: writes are disabled.
    pub token: Option<Token>,
    /// Reads need the token too.
    pub private: bool,
    /// Requests per second per client.
    pub rate_limit: RateLimit,
    /// How long a request may take, from its first byte to the end of its answer.
    pub request_timeout: Duration,
    /// The largest request body.
    pub body_limit: usize,
}

impl Default for Config {
    fn default() -> Config {
        Config {
            token: None,
            private: false,
            rate_limit: DEFAULT_RATE_LIMIT,
            request_timeout: DEFAULT_REQUEST_TIMEOUT,
            body_limit: DEFAULT_BODY_LIMIT,
        }
    }
}

/// A duration as typed: `1s`, `500ms`, `2m`, or a number of seconds.
pub fn parse_duration(s: &str) -> Result<Duration, String> {
    let t = s.trim();
    let bad = || format!("{s:?}: expected a duration such as 30s, 500ms or 2m");
    let (num, factor) = if let Some(n) = t.strip_suffix("ms") {
        (n, 0.001)
    } else if let Some(n) = t.strip_suffix('s') {
        (n, 1.0)
    } else if let Some(n) = t.strip_suffix('m') {
        (n, 60.0)
    } else {
        (t, 1.0)
    };
    match num.trim().parse::<f64>() {
        Ok(x) if x.is_finite() && x > 0.0 && x * factor <= 86_400.0 => {
            Ok(Duration::from_secs_f64(x * factor))
        }
        _ => Err(bad()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_match_only_themselves() {
        let t = Token::new("s3cret\n").unwrap();
        assert!(t.matches("s3cret"));
        assert!(!t.matches("s3cret "));
        assert!(!t.matches("s3cre"));
        assert!(!t.matches(""));
        assert!(Token::new(" \n").is_none());
    }

    #[test]
    fn limits_and_durations_read_as_typed() {
        assert_eq!("50/s".parse(), Ok(RateLimit::PerSecond(50)));
        assert_eq!("7".parse(), Ok(RateLimit::PerSecond(7)));
        assert_eq!("off".parse(), Ok(RateLimit::Off));
        assert!("0/s".parse::<RateLimit>().is_err());
        assert!("fast".parse::<RateLimit>().is_err());
        assert_eq!(parse_duration("1s"), Ok(Duration::from_secs(1)));
        assert_eq!(parse_duration("250ms"), Ok(Duration::from_millis(250)));
        assert_eq!(parse_duration("2m"), Ok(Duration::from_secs(120)));
        assert!(parse_duration("-1s").is_err());
        assert!(parse_duration("soon").is_err());
    }
}
