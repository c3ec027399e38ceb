//! The edition and year policy. By default a question is answered from the latest edition
//! of a statistical series that reports the metric (MCS 2026 today) and, within it, the
//! latest year it reports; `--edition` and `--year` pin either.

use model::{Dataset, EditionId, Material, Metric, Observation, Source, SourceKind, Table, Year};

/// What the user pinned.
#[derive(Debug, Clone, Default)]
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

fn table_rows<'a>(
    d: &'a Dataset,
    edition: &'a EditionId,
    metric: Metric,
    material: Material,
) -> impl Iterator<Item = &'a Observation> {
    d.observations.iter().filter(move |o| {
        &o.edition == edition
            && o.table == Table::World
            && o.metric == metric
            && o.material == material
    })
}

/// Picks the edition and year for a country-table question about `metric`.
pub fn resolve<'a>(
    d: &'a Dataset,
    metric: Metric,
    material: Material,
    sel: &Selection,
) -> Result<Resolved<'a>, QueryError> {
    let source = match &sel.edition {
        Some(id) => d.source(id).ok_or_else(|| QueryError::UnknownEdition {
            id: id.to_string(),
            known: d
                .sources
                .iter()
                .map(|s| s.edition.to_string())
                .collect::<Vec<_>>()
                .join(", "),
        })?,
        None => d
            .sources
            .iter()
            .filter(|s| s.kind == SourceKind::StatisticalSurvey)
            .filter(|s| table_rows(d, &s.edition, metric, material).next().is_some())
            .max_by_key(|s| (s.year, s.imported))
            .ok_or_else(|| QueryError::NoData {
                edition: "no edition".into(),
                metric: metric.id().into(),
                year: "any year".into(),
                available: "nothing".into(),
            })?,
    };
    let mut years: Vec<Year> = table_rows(d, &source.edition, metric, material)
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
