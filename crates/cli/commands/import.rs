//! `rareflow import usgs-mcs FILE` rendered: one line saying what was stored where.

use crate::output::{Report, Val};
use service::import::{EditionsResult, ImportResult, RemoveResult};

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

/// Renders the imported editions.
pub fn render_editions(r: &EditionsResult) -> Report {
    let mut report = Report::default();
    report.listing.headers = [
        "edition",
        "publisher",
        "kind",
        "year",
        "observations",
        "title",
    ]
    .map(String::from)
    .to_vec();
    for e in &r.editions {
        report.listing.rows.push(vec![
            Val::Text(e.edition.to_string()),
            Val::Text(e.publisher.clone()),
            Val::Text(e.kind.id().into()),
            Val::Text(e.year.to_string()),
            Val::Num(Some(e.observations as f64), 0),
            Val::Text(e.title.clone()),
        ]);
    }
    if r.editions.is_empty() {
        report
            .notes
            .push("No imported editions (`rareflow import usgs-mcs FILE` adds one).".into());
    }
    report
}

/// Renders a removal.
pub fn render_remove(r: &RemoveResult) -> Report {
    Report {
        title: vec![format!(
            "removed {} ({} observations) from {}",
            r.edition, r.observations, r.store
        )],
        ..Report::default()
    }
}
