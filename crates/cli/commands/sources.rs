//! `rareflow sources`: every edition, bundled and imported, with its licence and citation.

use crate::output::{Report, Val};
use model::Dataset;
use serde_json::json;

/// Lists the sources.
pub fn sources(d: &Dataset) -> Report {
    let mut r = Report::default();
    r.listing.headers = [
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
    let mut items = Vec::new();
    for s in &d.sources {
        r.listing.rows.push(vec![
            Val::Text(s.edition.to_string()),
            Val::Text(s.publisher.clone()),
            Val::Text(s.year.to_string()),
            Val::Text(s.kind.id().into()),
            Val::Text(s.licence.clone()),
            Val::Text(if s.imported { "yes" } else { "no" }.into()),
            Val::Text(format!("{}. {}", s.title, s.citation)),
        ]);
        items.push(json!({
            "edition": s.edition.0,
            "publisher": s.publisher,
            "title": s.title,
            "year": s.year,
            "kind": s.kind.id(),
            "licence": s.licence,
            "citation": s.citation,
            "imported": s.imported,
            "series": s.series,
            "url": s.url,
            "transcribed": s.transcribed,
            "note": s.note,
        }));
    }
    r.json = serde_json::Value::Array(items);
    r
}
