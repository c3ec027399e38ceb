//! `rareflow trade` and `rareflow sim network` rendered as tables.

use crate::output::{Listing, Report, Val};
use service::trade::{TradeResult, WorldNetworkResult};

/// Renders the trade links.
pub fn render(r: &TradeResult) -> Report {
    let mut report = Report {
        title: vec![format!(
            "{} trade links (data/trade_links.csv): quantities as published, t REO where they convert",
            r.links.len()
        )],
        ..Report::default()
    };
    report.listing.headers = [
        "exporter", "importer", "stages", "item", "year", "quantity", "unit", "basis", "t REO",
        "status", "edition", "note",
    ]
    .map(String::from)
    .to_vec();
    for l in &r.links {
        report.listing.rows.push(vec![
            Val::Text(l.exporter.clone()),
            Val::Text(l.importer.clone()),
            Val::Text(format!("{}→{}", l.from_stage.id(), l.to_stage.id())),
            Val::Text(l.element.clone()),
            Val::Text(l.year.to_string()),
            Val::Num(l.quantity, 0),
            Val::Text(l.unit.clone()),
            Val::Text(l.basis.clone()),
            Val::Num(l.t_reo, 0),
            Val::Text(match &l.superseded_by {
                Some(by) => format!("superseded by {by}"),
                None => l.status.clone(),
            }),
            Val::Text(l.edition.clone()),
            Val::Text(l.note.clone()),
        ]);
    }
    report.notes.push("status: used = the latest edition of the link with a figure in t REO (the one the networks use); superseded = an earlier edition of it; not_in_t_reo = a share, or a gross weight with no stated content; no_figure = the link exists, its tonnage is a gap. Citations: --format json or csv.".into());
    report
}

/// Renders the world network: nodes, links, demand and checks.
pub fn render_world(r: &WorldNetworkResult) -> Report {
    let mut report = Report {
        title: vec![format!(
            "The bundled world network, base year {}: {} nodes, {} links, {} demand figures (t oxide)",
            r.year,
            r.nodes.len(),
            r.links.len(),
            r.demand.len()
        )],
        ..Report::default()
    };
    report.listing.headers = [
        "country",
        "stage",
        "element",
        "baseline (t)",
        "capacity (t)",
    ]
    .map(String::from)
    .to_vec();
    for n in &r.nodes {
        report.listing.rows.push(vec![
            Val::Text(n.country.clone()),
            Val::Text(n.stage.id().into()),
            Val::Text(n.element.clone()),
            Val::Num(Some(n.baseline_t), 0),
            Val::Num(Some(n.capacity_t), 0),
        ]);
    }
    let mut links = Listing {
        headers: ["from", "to", "element", "t"].map(String::from).to_vec(),
        ..Listing::default()
    };
    for l in &r.links {
        links.rows.push(vec![
            Val::Text(format!("{}/{}", l.from_country, l.from_stage.id())),
            Val::Text(format!("{}/{}", l.to_country, l.to_stage.id())),
            Val::Text(l.element.clone()),
            Val::Num(Some(l.baseline_t), 0),
        ]);
    }
    report.more.push(("Links".into(), links));
    let mut demand = Listing {
        headers: ["country", "element", "year", "demand (t)"]
            .map(String::from)
            .to_vec(),
        ..Listing::default()
    };
    for d in &r.demand {
        demand.rows.push(vec![
            Val::Text(d.country.clone()),
            Val::Text(d.element.clone()),
            Val::Text(d.year.to_string()),
            Val::Num(Some(d.demand_t), 0),
        ]);
    }
    report.more.push(("Demand".into(), demand));
    let mut checks = Listing {
        headers: [
            "figure",
            "network",
            "sourced",
            "unit",
            "difference",
            "source",
        ]
        .map(String::from)
        .to_vec(),
        ..Listing::default()
    };
    for c in &r.checks {
        checks.rows.push(vec![
            Val::Text(c.what.clone()),
            Val::Num(Some(c.network), 1),
            Val::Num(Some(c.sourced), 1),
            Val::Text(c.unit.clone()),
            Val::Text(
                c.difference_pct
                    .map(|d| format!("{d:+.1}%"))
                    .unwrap_or_default(),
            ),
            Val::Text(c.source.clone()),
        ]);
    }
    report.more.push((
        "The network beside published figures it was not built to match".into(),
        checks,
    ));
    report.notes.extend(r.notes.iter().cloned());
    report.notes.push("Why each figure is what it is: --format json, or --out DIR (a `why` column in each file). Rules: docs/model/world.md.".into());
    report
}
