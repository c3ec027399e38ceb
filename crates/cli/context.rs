//! Where the user's store is, and the session every command is answered from.

use anyhow::anyhow;
use service::Session;

/// The store location: `--db`, else `RAREFLOW_DB` (clap reads both), else the user's data directory.
pub fn store_location(db: Option<&str>) -> anyhow::Result<String> {
    if let Some(db) = db {
        return Ok(db.to_string());
    }
    let dir = dirs::data_dir().ok_or_else(|| {
        anyhow!("no user data directory on this system: pass --db PATH or set RAREFLOW_DB")
    })?;
    Ok(dir
        .join("rareflow")
        .join("rareflow.db")
        .display()
        .to_string())
}

/// The session over the bundled data and the user's store (opened when a command first
/// needs it; only rareflow's own default folder is created if missing).
pub fn session(db: Option<&str>) -> anyhow::Result<Session> {
    let location = store_location(db)?;
    Ok(Session::open(&location, db.is_none())?)
}
