//! `rareflow demand` rendered: the yearly table (optionally by technology), the notes that
//! say what the totals cover and where each input comes from, and an SVG chart of demand
//! and recycled supply by element.

use super::read_named;
use crate::chart::{self, Line};
use crate::output::{Report, Val};
use service::demand::{DemandResult, Flows};
use service::session::DemandTexts;
use std::path::Path;

/// The user's demand tables in `dir` (`alternatives.csv` and `end_uses.csv` optional).
pub fn read_tables(dir: &Path) -> anyhow::Result<DemandTexts> {
    let optional = |name: &str| -> anyhow::Result<_> {
        let p = dir.join(name);
        p.exists().then(|| read_named(&p)).transpose()
    };
    Ok(DemandTexts {
        technologies: read_named(&dir.join("technologies.csv"))?,
        deployment: read_named(&dir.join("deployment.csv"))?,
        recovery: read_named(&dir.join("recovery.csv"))?,
        alternatives: optional("alternatives.csv")?,
        end_uses: optional("end_uses.csv")?,
    })
}

/// `x` to `digits` significant figures (for notes).
fn round_sig(x: f64, digits: i32) -> f64 {
    if x == 0.0 || !x.is_finite() {
        return x;
    }
    let scale = 10f64.powi(digits - 1 - x.abs().log10().floor() as i32);
    (x * scale).round() / scale
}

fn flow_cells(f: &Flows) -> [Val; 7] {
    [
        f.demand,
        f.demand_reo,
        f.in_products,
        f.stock,
        f.end_of_life,
        f.recycled,
        f.primary,
    ]
    .map(Val::Tonnes)
}

/// Renders a demand run; `by_technology` adds each technology's rows.
pub fn render(r: &DemandResult, by_technology: bool) -> Report {
    let mut rep = Report {
        title: vec![format!(
            "Magnet rare-earth demand, scenario {}, {}–{} (tonnes of element; demand REO in tonnes of oxide; stock at year end)",
            r.scenario, r.from, r.to
        )],
        ..Report::default()
    };
    let mut headers: Vec<String> = vec!["year".into(), "element".into()];
    if by_technology {
        headers.push("technology".into());
    }
    headers.extend(
        [
            "demand ({unit})",
            "demand REO ({unit})",
            "in products ({unit})",
            "in-use stock ({unit})",
            "end of life ({unit})",
            "recycled ({unit})",
            "primary ({unit})",
            "technologies",
        ]
        .map(String::from),
    );
    rep.listing.headers = headers;
    for row in &r.rows {
        let mut cells = vec![
            Val::Text(row.year.to_string()),
            Val::Text(row.element.symbol().into()),
        ];
        if by_technology {
            cells.push(Val::Text("all covered".into()));
        }
        cells.extend(flow_cells(&row.flows));
        let mut what = if row.flows.demand.is_some() {
            row.covered.join(", ")
        } else if row.covered.is_empty() && row.missing.is_empty() {
            "none (gap)".into()
        } else {
            format!(
                "gap: no figure for {}",
                row.missing
                    .iter()
                    .filter(|m| m.reason.starts_with("no deployment figure"))
                    .map(|m| m.technology.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            )
        };
        if row.lower_bound {
            what.push_str("; stock a lower bound (later cohorts missing)");
        }
        cells.push(Val::Text(what));
        rep.listing.rows.push(cells);
        if by_technology {
            for t in &row.by_technology {
                let mut cells = vec![
                    Val::Text(row.year.to_string()),
                    Val::Text(row.element.symbol().into()),
                    Val::Text(t.technology.clone()),
                ];
                cells.extend(flow_cells(&t.flows));
                cells.push(Val::Text(format!("deployment {}", t.deployment_basis)));
                rep.listing.rows.push(cells);
            }
        }
    }
    rep.notes.extend(r.notes.iter().cloned());
    for tech in &r.technologies {
        if let (Some(a), Some(b)) = (tech.first_year, tech.last_year) {
            rep.notes.push(format!(
                "{}: deployment published or interpolated {a}–{b}; {} stock and end of life count only cohorts from {a}.",
                tech.id,
                if r.extend == "hold-last" {
                    format!("after {b} held at the {b} figure (extended);")
                } else {
                    "no figure outside those years (a gap, not extrapolated: --extend hold-last holds the last one);".into()
                }
            ));
        }
    }
    for g in &r.gaps {
        let e = g
            .element
            .map(|e| format!(" {}", e.symbol()))
            .unwrap_or_default();
        rep.notes
            .push(format!("gap: {}{e}: {}", g.technology, g.reason));
    }
    for a in &r.alternatives {
        if let (Some(year), Some(value), Some(ratio)) = (a.used_year, a.used_value, a.ratio) {
            rep.notes.push(format!(
                "other estimate: {} {} = {} {} [{}: {}]; this run uses {} {} ({year}), the other is {:.2}× it",
                a.technology,
                a.quantity,
                a.value,
                a.unit,
                a.source,
                a.citation,
                round_sig(value, 4),
                a.unit,
                ratio
            ));
        }
    }
    rep.notes
        .push("Inputs (source edition: citation; editions are in `rareflow sources`):".into());
    for i in &r.inputs {
        rep.notes.push(format!(
            "  {} {}{} = {} {} [{}: {}]",
            i.technology.as_deref().unwrap_or("all technologies"),
            i.parameter,
            i.year.map(|y| format!(" {y}")).unwrap_or_default(),
            i.value,
            i.unit,
            i.source,
            i.citation
        ));
    }
    rep
}

/// Draws demand and recycled supply by element.
pub fn draw(r: &DemandResult, path: &Path) -> anyhow::Result<()> {
    let mut elements = Vec::new();
    for row in &r.rows {
        if !elements.contains(&row.element) {
            elements.push(row.element);
        }
    }
    let mut lines = Vec::new();
    for e in &elements {
        let rows: Vec<_> = r.rows.iter().filter(|row| row.element == *e).collect();
        for (what, pick, width) in [
            (
                "demand",
                (|f: &Flows| f.demand) as fn(&Flows) -> Option<model::Mass>,
                2,
            ),
            ("recycled", |f: &Flows| f.recycled, 1),
        ] {
            lines.push(Line {
                label: format!("{} {what}", e.symbol()),
                points: rows
                    .iter()
                    .filter_map(|row| Some((row.year.0, pick(&row.flows)?.tonnes().get())))
                    .collect(),
                width,
            });
        }
    }
    let mut editions: Vec<&str> = r.inputs.iter().map(|i| i.source.as_str()).collect();
    editions.sort_unstable();
    editions.dedup();
    chart::lines(
        path,
        &format!("Magnet rare-earth demand, {} (t element)", r.scenario),
        "t",
        &lines,
        &format!(
            "rareflow demand --scenario {}; inputs from {} (see `rareflow sources`)",
            r.scenario,
            editions.join(", ")
        ),
    )
}
