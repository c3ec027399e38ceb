//! The collection a query runs over: sources, observations and the country registry.
//!
//! The bundled data and the editions a user imported are merged here, so queries never
//! need to know where an edition came from. The edition and year policy lives here too,
//! once: by default a question is answered from the latest edition of a statistical
//! series that reports the metric and, within it, the latest year it reports; a pinned
//! edition or year overrides either. `metrics`, `network` and `service` all call it.

use crate::{
    country::Countries,
    element::Material,
    observation::{Observation, Table},
    source::{EditionId, Source, SourceKind},
    stage::Metric,
    units::Year,
};

/// What the user pinned.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Selection {
    /// A pinned edition id.
    pub edition: Option<EditionId>,
    /// A pinned year.
    pub year: Option<Year>,
}

/// A query that cannot be answered as asked.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum QueryError {
    /// The edition id is not known.
    #[error("unknown edition {id:?}: expected one of {known}")]
    UnknownEdition {
        /// What was asked.
        id: String,
        /// The known ids, comma-separated.
        known: String,
    },
    /// The edition has no country table for the metric, or not for that year.
    #[error("{edition} has no {metric} data for {year}: it reports {available}")]
    NoData {
        /// Edition.
        edition: String,
        /// Metric.
        metric: String,
        /// The year asked for (or "any year").
        year: String,
        /// What it does report.
        available: String,
    },
}

/// The answer to "which edition and year": the source and the year.
#[derive(Debug, Clone)]
pub struct Resolved<'a> {
    /// The source of the chosen edition.
    pub source: &'a Source,
    /// The chosen year.
    pub year: Year,
}

/// Sources, their observations and the country registry.
#[derive(Debug, Clone, Default)]
pub struct Dataset {
    /// Every edition, bundled and imported.
    pub sources: Vec<Source>,
    /// Every observation.
    pub observations: Vec<Observation>,
    /// The country registry.
    pub countries: Countries,
}

impl Dataset {
    /// The source of an edition.
    pub fn source(&self, edition: &EditionId) -> Option<&Source> {
        self.sources.iter().find(|s| &s.edition == edition)
    }

    /// Adds an edition and its observations (an import); the caller has checked the id is new.
    pub fn add_edition(&mut self, source: Source, observations: Vec<Observation>) {
        self.sources.push(source);
        self.observations.extend(observations);
    }

    /// Whether an edition id is known.
    pub fn has_edition(&self, edition: &EditionId) -> bool {
        self.source(edition).is_some()
    }

    /// The rows of one edition's country table for `metric` and `material`.
    pub fn table_rows<'a>(
        &'a self,
        edition: &'a EditionId,
        metric: Metric,
        material: Material,
    ) -> impl Iterator<Item = &'a Observation> {
        self.observations.iter().filter(move |o| {
            &o.edition == edition
                && o.table == Table::World
                && o.metric == metric
                && o.material == material
        })
    }

    /// The latest edition of a statistical series whose country table reports `metric`
    /// for `material` (for `year`, when given). Between editions of the same publication
    /// year, an imported one wins: the user imported it to be used.
    pub fn latest_statistical_edition(
        &self,
        metric: Metric,
        material: Material,
        year: Option<Year>,
    ) -> Option<&Source> {
        self.sources
            .iter()
            .filter(|s| s.kind == SourceKind::StatisticalSurvey)
            .filter(|s| {
                self.table_rows(&s.edition, metric, material)
                    .any(|o| year.is_none_or(|y| o.year == y))
            })
            .max_by_key(|s| (s.year, s.imported))
    }

    /// Picks the edition and year for a country-table question about `metric`: the pinned
    /// edition or the latest statistical one, then the pinned year or its latest.
    pub fn resolve(
        &self,
        metric: Metric,
        material: Material,
        sel: &Selection,
    ) -> Result<Resolved<'_>, QueryError> {
        let source = match &sel.edition {
            Some(id) => self.source(id).ok_or_else(|| QueryError::UnknownEdition {
                id: id.to_string(),
                known: self
                    .sources
                    .iter()
                    .map(|s| s.edition.to_string())
                    .collect::<Vec<_>>()
                    .join(", "),
            })?,
            None => self
                .latest_statistical_edition(metric, material, None)
                .ok_or_else(|| QueryError::NoData {
                    edition: "no edition".into(),
                    metric: metric.id().into(),
                    year: "any year".into(),
                    available: "nothing".into(),
                })?,
        };
        let mut years: Vec<Year> = self
            .table_rows(&source.edition, metric, material)
            .map(|o| o.year)
            .collect();
        years.sort();
        years.dedup();
        let no_data = |year: String| QueryError::NoData {
            edition: source.edition.to_string(),
            metric: metric.id().into(),
            year,
            available: if years.is_empty() {
                "no country table for it".into()
            } else {
                years
                    .iter()
                    .map(|y| y.to_string())
                    .collect::<Vec<_>>()
                    .join(", ")
            },
        };
        let year = match sel.year {
            Some(y) if years.contains(&y) => y,
            Some(y) => return Err(no_data(y.to_string())),
            None => *years.last().ok_or_else(|| no_data("any year".into()))?,
        };
        Ok(Resolved { source, year })
    }
}
