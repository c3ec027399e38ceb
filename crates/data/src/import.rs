//! Turning a user's file into a new edition: the same readers as the bundled data, plus
//! blanks read against the other editions. Whether an id may be stored is the store's and
//! the service's rule, not this reader's.

use crate::error::Result;
use crate::usgs::{read_world_table, resolve_blanks};
use model::{Dataset, Observation, Source, SourceKind};

/// An edition read from a user's file, ready to store.
#[derive(Debug, Clone)]
pub struct ImportedEdition {
    /// Its source record (`imported: true`).
    pub source: Source,
    /// Its observations, blanks resolved against the other editions.
    pub observations: Vec<Observation>,
}

/// Reads a USGS MCS world table (the MCS 2025 world-data release, all commodities, or an
/// MCS 2024-style rare-earth table) as a new edition. `dataset` supplies the country
/// registry and the other editions against which blanks are read.
pub fn read_usgs_mcs(file: &str, text: &str, dataset: &Dataset) -> Result<ImportedEdition> {
    let e = read_world_table(file, text, &dataset.countries, false)?;
    let mut observations = e.observations;
    let others: Vec<Observation> = dataset
        .observations
        .iter()
        .filter(|o| o.edition != e.edition)
        .cloned()
        .collect();
    resolve_blanks(&mut observations, &others);
    let source = Source {
        edition: e.edition.clone(),
        series: "USGS MCS".into(),
        publisher: "U.S. Geological Survey".into(),
        title: format!(
            "Mineral Commodity Summaries {} (imported from {})",
            e.year,
            file_name(file)
        ),
        year: e.year,
        kind: SourceKind::StatisticalSurvey,
        licence: "Public domain (U.S. Government work)".into(),
        citation: format!(
            "U.S. Geological Survey, {}, Mineral commodity summaries {}",
            e.year, e.year
        ),
        url: String::new(),
        transcribed: false,
        imported: true,
        note: format!("Imported by the user from {}", file_name(file)),
    };
    Ok(ImportedEdition {
        source,
        observations,
    })
}

fn file_name(path: &str) -> &str {
    path.rsplit(['/', '\\']).next().unwrap_or(path)
}
