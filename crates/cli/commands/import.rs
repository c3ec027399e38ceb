//! `rareflow import usgs-mcs FILE` rendered: one line saying what was stored where.

use crate::output::Report;
use service::import::ImportResult;

/// Renders an import.
pub fn render(r: &ImportResult) -> Report {
    Report {
        title: vec![format!(
            "imported {} from {} into {}: {} observations ({} gaps, of which {} blank and not read as zero; {} blanks read as zero)",
            r.edition, r.file, r.store, r.observations, r.gaps, r.unreported, r.blank_read_as_zero
        )],
        ..Report::default()
    }
}
