//! `rareflow sources` rendered as a table.

use crate::output::{Report, Val};
use service::sources::SourcesResult;

/// Renders the sources.
pub fn render(r: &SourcesResult) -> Report {
    let mut report = Report::default();
    report.listing.headers = [
        "edition",
        "publisher",
        "year",
        "kind",
        "licence",
        "imported",
        "title / citation",
    ]
    .map(String::from)
    .to_vec();
    for s in &r.sources {
        report.listing.rows.push(vec![
            Val::Text(s.edition.to_string()),
            Val::Text(s.publisher.clone()),
            Val::Text(s.year.to_string()),
            Val::Text(s.kind.id().into()),
            Val::Text(s.licence.clone()),
            Val::Text(if s.imported { "yes" } else { "no" }.into()),
            Val::Text(format!("{}. {}", s.title, s.citation)),
        ]);
    }
    report
}
