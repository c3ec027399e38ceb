//! Provenance: who published a number, in which edition and table, under what licence.
//!
//! Every observation points at a [`Source`] by its edition id, so a value can always be
//! cited, and two sources that disagree stay two rows instead of being merged.

use serde::Serialize;
use std::fmt;

/// The id of one edition of a source, e.g. `MCS2025` or `MNR-RU-2025`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(transparent)]
pub struct EditionId(pub String);

impl fmt::Display for EditionId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// What kind of publication a source is; it tells an analyst how far to trust it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum SourceKind {
    /// A statistical agency's survey (USGS, World Bank).
    StatisticalSurvey,
    /// A government's own claim, in its own categories.
    GovernmentClaim,
    /// A company's report.
    CompanyReport,
    /// A study or article.
    Literature,
    /// Computed by rareflow from other sources.
    Derived,
}

impl SourceKind {
    /// The id used in files and JSON.
    pub fn id(self) -> &'static str {
        match self {
            SourceKind::StatisticalSurvey => "statistical_survey",
            SourceKind::GovernmentClaim => "government_claim",
            SourceKind::CompanyReport => "company_report",
            SourceKind::Literature => "literature",
            SourceKind::Derived => "derived",
        }
    }

    /// Parses an id written by [`SourceKind::id`].
    pub fn from_id(s: &str) -> Option<SourceKind> {
        [
            SourceKind::StatisticalSurvey,
            SourceKind::GovernmentClaim,
            SourceKind::CompanyReport,
            SourceKind::Literature,
            SourceKind::Derived,
        ]
        .into_iter()
        .find(|k| k.id() == s)
    }
}

/// One edition of a publication.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Source {
    /// The edition id observations refer to.
    pub edition: EditionId,
    /// The series the edition belongs to (e.g. `USGS MCS`); the default query policy picks
    /// the latest edition of the statistical series.
    pub series: String,
    /// Who published it.
    pub publisher: String,
    /// Its title.
    pub title: String,
    /// Year of publication.
    pub year: i32,
    /// Its kind.
    pub kind: SourceKind,
    /// The licence its data are under.
    pub licence: String,
    /// The attribution the licence asks for, or the usual citation.
    pub citation: String,
    /// DOI or URL.
    pub url: String,
    /// Whether the data were transcribed by hand (every value then carries `transcribed`).
    pub transcribed: bool,
    /// Whether a user imported it (false for the bundled dataset).
    pub imported: bool,
    /// A note that applies to the whole edition.
    pub note: String,
}

impl Source {
    /// A short label, e.g. "USGS MCS 2025".
    pub fn label(&self) -> String {
        if self.series.is_empty() {
            self.edition.to_string()
        } else {
            format!("{} {}", self.series, self.year)
        }
    }
}
