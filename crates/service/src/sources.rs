//! `sources`: every edition, bundled and imported, with its licence and citation.

use crate::error::Result;
use crate::Session;
use model::{EditionId, SourceKind};
use serde::Serialize;
use utoipa::ToSchema;

/// One edition.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct SourceRow {
    /// Edition id.
    pub edition: EditionId,
    /// Publisher.
    pub publisher: String,
    /// Title.
    pub title: String,
    /// Year of publication.
    pub year: i32,
    /// Kind.
    pub kind: SourceKind,
    /// Licence.
    pub licence: String,
    /// Citation.
    pub citation: String,
    /// Whether a user imported it.
    pub imported: bool,
    /// Series.
    pub series: String,
    /// DOI or URL.
    pub url: String,
    /// Whether transcribed by hand.
    pub transcribed: bool,
    /// Note.
    pub note: String,
}

/// Every source, serialised as its rows.
#[derive(Debug, Clone, Serialize)]
#[serde(transparent)]
pub struct SourcesResult {
    /// The editions.
    pub sources: Vec<SourceRow>,
}

impl Session {
    /// Every source and edition, bundled and imported.
    pub async fn sources(&self) -> Result<SourcesResult> {
        let imported = self.store().editions().await?;
        Ok(SourcesResult {
            sources: self
                .bundled()
                .dataset
                .sources
                .iter()
                .chain(imported.iter())
                .map(|s| SourceRow {
                    edition: s.edition.clone(),
                    publisher: s.publisher.clone(),
                    title: s.title.clone(),
                    year: s.year,
                    kind: s.kind,
                    licence: s.licence.clone(),
                    citation: s.citation.clone(),
                    imported: s.imported,
                    series: s.series.clone(),
                    url: s.url.clone(),
                    transcribed: s.transcribed,
                    note: s.note.clone(),
                })
                .collect(),
        })
    }
}

crate::values::rows_schema!(SourcesResult, SourceRow);
