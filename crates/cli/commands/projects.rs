//! `rareflow projects` rendered as a table.

use crate::output::{Report, Val};
use service::projects::ProjectsResult;

/// Renders the projects.
pub fn render(r: &ProjectsResult) -> Report {
    let mut report = Report {
        title: vec![format!(
            "{} projects and deposits (data/projects.csv)",
            r.projects.len()
        )],
        ..Report::default()
    };
    report.listing.headers = [
        "name",
        "country",
        "stages",
        "status",
        "capacity",
        "unit",
        "start",
        "grade % TREO",
        "Mt ore",
        "capex (M)",
        "notes",
    ]
    .map(String::from)
    .to_vec();
    for p in &r.projects {
        let stages = p
            .stages
            .iter()
            .map(|s| s.id())
            .collect::<Vec<_>>()
            .join("+");
        report.listing.rows.push(vec![
            Val::Text(p.name.clone()),
            Val::Text(p.country.to_string()),
            Val::Text(stages),
            Val::Text(p.status.clone()),
            Val::Num(p.capacity, 0),
            Val::Text(p.capacity_unit.clone()),
            Val::Text(p.start_year.map(|y| y.to_string()).unwrap_or_default()),
            Val::Num(p.grade_pct_treo, 2),
            Val::Num(p.tonnage_mt_ore, 1),
            Val::Text(
                p.capex
                    .map(|c| format!("{c} {}", p.capex_currency))
                    .unwrap_or_default(),
            ),
            Val::Text(p.notes.clone()),
        ]);
    }
    report.notes.push("Empty cells are not published (gaps); grade and tonnage are reserve or resource as each note says; capex is in its own currency, not converted.".into());
    report
}
