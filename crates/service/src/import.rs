//! `import`: a user's file becomes an edition in the store, in one transaction. Bundled
//! editions can never be shadowed: an edition id the bundled data use is refused, and an
//! imported one is replaced only when the request says so.

use crate::error::{Error, Result};
use crate::session::NamedText;
use crate::Session;
use model::{EditionId, Flag, GapReason, Value};
use serde::Serialize;
use utoipa::ToSchema;

/// An import.
#[derive(Debug, Clone)]
pub struct ImportRequest {
    /// The file.
    pub file: NamedText,
    /// Replace an imported edition of the same id.
    pub replace: bool,
}

/// What was imported.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ImportResult {
    /// Edition id.
    pub edition: EditionId,
    /// The file.
    pub file: String,
    /// The store.
    pub store: String,
    /// Observations stored.
    pub observations: usize,
    /// Of which gaps.
    pub gaps: usize,
    /// Blanks read as zero.
    pub blank_read_as_zero: usize,
    /// Whether an edition was replaced.
    pub replaced: bool,
    /// Blank cells not read as zero (tables).
    #[serde(skip)]
    pub unreported: usize,
}

impl Session {
    /// Imports a USGS MCS world table as a new edition.
    pub async fn import(&self, req: &ImportRequest) -> Result<ImportResult> {
        let name = &req.file.name;
        let dataset = self.dataset().await?;
        let edition = data::import::read_usgs_mcs(name, &req.file.text, &dataset)?;
        let id = &edition.source.edition;
        if let Some(existing) = dataset.source(id) {
            if !existing.imported || !req.replace {
                return Err(Error::EditionExists {
                    file: name.clone(),
                    edition: id.to_string(),
                    bundled: !existing.imported,
                });
            }
        }
        self.store()
            .import(&edition.source, &edition.observations, req.replace)
            .await
            .map_err(|e| match e {
                // Another process stored the same id since the check above.
                store::StoreError::EditionExists(id) => Error::EditionExists {
                    file: name.clone(),
                    edition: id,
                    bundled: false,
                },
                e => e.into(),
            })?;
        let obs = &edition.observations;
        Ok(ImportResult {
            edition: id.clone(),
            file: name.clone(),
            store: self.store_location().to_string(),
            observations: obs.len(),
            gaps: obs.iter().filter(|o| o.value.magnitude().is_none()).count(),
            blank_read_as_zero: obs
                .iter()
                .filter(|o| o.flags.contains(Flag::BlankReadAsZero))
                .count(),
            replaced: req.replace,
            unreported: obs
                .iter()
                .filter(|o| o.value == Value::Gap(GapReason::NotReported))
                .count(),
        })
    }
}
