//! What every command needs: the bundled dataset joined with the editions in the store,
//! and helpers that turn user words (a country, an edition) into model values with
//! "did you mean" errors.

use anyhow::{anyhow, bail, Context as _};
use model::country::Resolved;
use model::{Dataset, Place};
use store::{SqlStore, Store};

/// The loaded dataset and the open store.
pub struct Context {
    /// Bundled plus imported.
    pub dataset: Dataset,
    /// The store.
    pub store: SqlStore,
    /// Where the store is (for messages).
    pub location: String,
}

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

impl Context {
    /// Loads the bundled dataset and the store's editions.
    pub async fn load(db: Option<&str>) -> anyhow::Result<Context> {
        let mut dataset = data::bundled::dataset()
            .context("the bundled dataset does not load (a build from a modified checkout?)")?;
        let location = store_location(db)?;
        let store = store::open(&location)
            .await
            .with_context(|| format!("opening the store {location}"))?;
        let imported = store.observations().await?;
        for source in store.editions().await? {
            let obs: Vec<_> = imported
                .iter()
                .filter(|o| o.edition == source.edition)
                .cloned()
                .collect();
            dataset.add_edition(source, obs);
        }
        Ok(Context {
            dataset,
            store,
            location,
        })
    }

    /// A country from a code or name, or an error with the closest matches.
    pub fn country(&self, text: &str) -> anyhow::Result<Place> {
        match self.dataset.countries.resolve(text) {
            Resolved::Place {
                place: p @ Place::Country(_),
                ..
            } => Ok(p),
            Resolved::Place { .. } => {
                bail!("invalid value {text:?}: expected a country, not an aggregate")
            }
            Resolved::Unmapped(why) => bail!(
                "invalid value {text:?}: expected a country (it is deliberately unmapped: {why})"
            ),
            Resolved::Unknown(near) => {
                bail!("unknown country {text:?}: expected an ISO 3166 alpha-3 code or a name; did you mean {}?", near.join(", "))
            }
        }
    }
}
