//! `import`: a user's file becomes an edition in the store, in one transaction. Bundled
//! editions can never be shadowed: an edition id the bundled data use is refused, and an
//! imported one is replaced only when the request says so.

use crate::error::{Error, Result};
use crate::session::NamedText;
use crate::Session;
use model::{EditionId, Flag, GapReason, SourceKind, Value};
use serde::Serialize;
use utoipa::ToSchema;

/// An import.
#[derive(Debug, Clone)]
pub struct ImportRequest {
    /// The file.
    pub file: NamedText,
    /// Replace an imported edition of the same id.
    pub replace: bool,
    /// Who published the file, when it is not the USGS.
    pub publisher: Option<String>,
    /// What kind of source it is (default: a statistical survey, as the USGS's).
    pub kind: Option<SourceKind>,
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
        let mut edition = data::import::read_usgs_mcs(name, &req.file.text, &dataset)?;
        if let Some(p) = req
            .publisher
            .as_deref()
            .map(str::trim)
            .filter(|p| !p.is_empty())
        {
            let s = &mut edition.source;
            s.publisher = p.to_string();
            s.series = p.to_string();
            s.citation = format!("{p}, {}, {}", s.year, s.title);
            s.licence = "as the publisher states (not recorded)".into();
        }
        if let Some(kind) = req.kind {
            edition.source.kind = kind;
        }
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

/// An imported edition.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct EditionRow {
    /// Edition id.
    pub edition: EditionId,
    /// Publisher.
    pub publisher: String,
    /// Kind.
    pub kind: SourceKind,
    /// Year of publication.
    pub year: i32,
    /// Title.
    pub title: String,
    /// Observations stored.
    pub observations: u64,
}

/// The imported editions, serialised as their rows.
#[derive(Debug, Clone, Serialize)]
#[serde(transparent)]
pub struct EditionsResult {
    /// The editions.
    pub editions: Vec<EditionRow>,
}
crate::values::rows_schema!(EditionsResult, EditionRow);

/// What was removed.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct RemoveResult {
    /// Edition id.
    pub edition: EditionId,
    /// Observations deleted with it.
    pub observations: u64,
    /// The store.
    pub store: String,
}

impl Session {
    /// The editions users imported into the store.
    pub async fn editions(&self) -> Result<EditionsResult> {
        let counts = self.store().observation_counts().await?;
        let editions = self
            .store()
            .editions()
            .await?
            .into_iter()
            .map(|s| EditionRow {
                observations: counts
                    .iter()
                    .find(|(e, _)| *e == s.edition)
                    .map_or(0, |c| c.1),
                edition: s.edition,
                publisher: s.publisher,
                kind: s.kind,
                year: s.year,
                title: s.title,
            })
            .collect();
        Ok(EditionsResult { editions })
    }

    /// Removes an imported edition, in one transaction; bundled editions cannot be removed.
    pub async fn remove(&self, edition: &str) -> Result<RemoveResult> {
        let id = self.edition_id(edition).await?;
        if self.bundled().dataset.has_edition(&id) {
            return Err(Error::Conflict(format!(
                "edition {id} is bundled with rareflow and cannot be removed (only imported editions can)"
            )));
        }
        let counts = self.store().observation_counts().await?;
        let observations = counts.iter().find(|(e, _)| *e == id).map_or(0, |c| c.1);
        if !self.store().delete_edition(&id).await? {
            return Err(Error::NotFound(format!(
                "edition {id} is not in the store {}",
                self.store_location()
            )));
        }
        Ok(RemoveResult {
            edition: id,
            observations,
            store: self.store_location().to_string(),
        })
    }
}
