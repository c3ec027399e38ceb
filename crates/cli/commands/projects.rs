//! `rareflow projects [--country RUS] [--status stalled]`: the projects and deposits table.

use crate::context::Context;
use crate::output::{json_number, Report, Val};
use model::project::ProjectStatus;
use serde_json::{json, Value as Json};

/// `projects`.
pub fn projects(
    ctx: &Context,
    country: Option<&str>,
    status: Option<ProjectStatus>,
) -> anyhow::Result<Report> {
    let place = country.map(|c| ctx.country(c)).transpose()?;
    let all =
        data::chainfiles::read_projects(data::bundled::PROJECTS.0, data::bundled::PROJECTS.1)?;
    let list: Vec<_> = all
        .iter()
        .filter(|p| place.is_none_or(|pl| pl.country() == Some(p.country)))
        .filter(|p| status.is_none_or(|s| p.status == s))
        .collect();
    let mut r = Report {
        title: vec![format!(
            "{} projects and deposits (data/projects.csv)",
            list.len()
        )],
        ..Report::default()
    };
    r.listing.headers = [
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
    let num = |x: Option<f64>| x.map_or(Json::Null, json_number);
    let mut items = Vec::new();
    for p in &list {
        let stages = p
            .stages
            .iter()
            .map(|s| s.id())
            .collect::<Vec<_>>()
            .join("+");
        r.listing.rows.push(vec![
            Val::Text(p.name.clone()),
            Val::Text(p.country.to_string()),
            Val::Text(stages.clone()),
            Val::Text(p.status.id().into()),
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
        items.push(json!({
            "name": p.name, "country": p.country.to_string(), "ore_type": p.ore_type, "stages": p.stages.iter().map(|s| s.id()).collect::<Vec<_>>(),
            "status": p.status.id(), "capacity": num(p.capacity), "capacity_unit": p.capacity_unit, "start_year": p.start_year, "owner": p.owner,
            "grade_pct_treo": num(p.grade_pct_treo), "tonnage_mt_ore": num(p.tonnage_mt_ore), "capex": num(p.capex), "capex_currency": p.capex_currency,
            "source": p.source, "url": p.url, "notes": p.notes,
        }));
    }
    r.notes.push("Empty cells are not published (gaps); grade and tonnage are reserve or resource as each note says; capex is in its own currency, not converted.".into());
    r.json = Json::Array(items);
    Ok(r)
}
