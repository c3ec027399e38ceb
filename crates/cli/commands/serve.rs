//! `rareflow serve`: reads the token and limits from the flags, opens the store the other
//! commands use, and hands over to the `server` crate until Ctrl-C or SIGTERM.

use crate::args::ServeArgs;
use anyhow::Context as _;

/// Runs the server.
pub async fn serve(args: ServeArgs, db: Option<&str>) -> anyhow::Result<()> {
    let token_text = match &args.token_file {
        Some(path) => Some(
            std::fs::read_to_string(path)
                .with_context(|| format!("cannot read the token file {}", path.display()))?,
        ),
        None => std::env::var("RAREFLOW_TOKEN").ok(),
    };
    let token = match token_text {
        Some(t) => Some(server::Token::new(&t).ok_or_else(|| {
            service::Error::Usage(
                "the token is empty: put a secret in RAREFLOW_TOKEN or the --token-file".into(),
            )
        })?),
        None => None,
    };
    if args.private && token.is_none() {
        return Err(service::Error::Usage(
            "--private needs a token (RAREFLOW_TOKEN or --token-file): readers would have none to send".into(),
        )
        .into());
    }
    let body_limit = usize::try_from(service::stock::parse_bytes(&args.body_limit)?)
        .context("--body-limit is too large")?;
    let config = server::Config {
        token,
        private: args.private,
        rate_limit: args.rate_limit,
        request_timeout: args.request_timeout,
        body_limit,
    };
    let location = crate::context::store_location(db)?;
    let session = server::session(&location, db.is_none())?;
    server::run(args.addr, session, config)
        .await
        .with_context(|| format!("cannot serve on {}", args.addr))
}
