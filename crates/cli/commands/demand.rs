//! `rareflow demand --scenario ID`: magnet rare-earth demand, in-use stock, end-of-life
//! flows and recycled supply by year and element, with every input and gap listed.

use crate::args::DemandArgs;
use crate::chart::{self, Line};
use crate::output::{json_number, Out, Report, Val};
use anyhow::Context as _;
use data::bundled;
use data::demandfiles::{read_alternatives, read_scenario_tables};
use mfa::scenario::{run, Basis, ScenarioRun, Total};
use model::demand::{Alternative, ScenarioTables, MAGNET_ELEMENTS};
use model::Element;
use serde_json::{json, Value as Json};
use std::path::Path;

/// Uses the run does not cover, as the Chinese Society of Rare Earths splits NdFeB demand.
const NOT_MODELLED: &str = "Covers electric cars and wind turbines only: the Chinese Society of Rare Earths (via Metalnomist, Oct 2024) puts EVs at 30% and wind at 12% of NdFeB demand; inverter air conditioners (16%), industrial robots (16%) and other uses (26%) have no sourced deployment and intensity here and are not in the totals.";

/// `demand`.
pub fn demand(out: &Out, req: &DemandArgs) -> anyhow::Result<Report> {
    let elements: Vec<Element> = match &req.element {
        None => MAGNET_ELEMENTS.to_vec(),
        Some(s) => {
            let e: Element = s.parse()?;
            anyhow::ensure!(
                MAGNET_ELEMENTS.contains(&e),
                "invalid element {s:?}: expected one of Nd, Pr, Dy, Tb (the magnet rare earths demand is modelled for)"
            );
            vec![e]
        }
    };
    anyhow::ensure!(
        req.from <= req.to,
        "invalid years: --from {} is after --to {}",
        req.from,
        req.to
    );
    let (tables, alternatives) = load(req.tables.as_deref())?;
    let r = run(&tables, &req.scenario)?;
    if let Some(svg) = &req.svg {
        draw(&r, &elements, req.from, req.to, svg)?;
        eprintln!("wrote {}", svg.display());
    }
    Ok(report(out, &r, &elements, req, &alternatives))
}

/// The scenario tables and the alternative estimates: bundled, or from `dir` (where
/// `alternatives.csv` is optional).
fn load(dir: Option<&Path>) -> anyhow::Result<(ScenarioTables, Vec<Alternative>)> {
    let Some(dir) = dir else {
        return Ok((
            read_scenario_tables(
                bundled::DEMAND_TECHNOLOGIES,
                bundled::DEMAND_DEPLOYMENT,
                bundled::DEMAND_RECOVERY,
            )?,
            read_alternatives(
                bundled::DEMAND_ALTERNATIVES.0,
                bundled::DEMAND_ALTERNATIVES.1,
            )?,
        ));
    };
    let read = |name: &str| -> anyhow::Result<(String, String)> {
        let path = dir.join(name);
        let text = std::fs::read_to_string(&path)
            .with_context(|| format!("cannot read {}", path.display()))?;
        Ok((path.display().to_string(), text))
    };
    let (t, d, r) = (
        read("technologies.csv")?,
        read("deployment.csv")?,
        read("recovery.csv")?,
    );
    let tables = read_scenario_tables((&t.0, &t.1), (&d.0, &d.1), (&r.0, &r.1))?;
    let alternatives = if dir.join("alternatives.csv").exists() {
        let a = read("alternatives.csv")?;
        read_alternatives(&a.0, &a.1)?
    } else {
        Vec::new()
    };
    Ok((tables, alternatives))
}

/// `x` to `digits` significant figures (for notes).
fn round_sig(x: f64, digits: i32) -> f64 {
    if x == 0.0 || !x.is_finite() {
        return x;
    }
    let scale = 10f64.powi(digits - 1 - x.abs().log10().floor() as i32);
    (x * scale).round() / scale
}

/// The five flows of a total, or gaps when no technology covers the year.
fn flows(t: &Total) -> [Option<f64>; 6] {
    if t.covered.is_empty() {
        return [None; 6];
    }
    [
        Some(t.demand),
        Some(t.in_products),
        Some(t.stock),
        Some(t.end_of_life),
        Some(t.recycled),
        Some(t.primary),
    ]
}

fn report(
    out: &Out,
    r: &ScenarioRun,
    elements: &[Element],
    req: &DemandArgs,
    alternatives: &[Alternative],
) -> Report {
    let mut rep = Report {
        title: vec![format!(
            "Magnet rare-earth demand, scenario {}, {}–{} (tonnes of element; demand REO in tonnes of oxide; stock at year end)",
            r.scenario, req.from, req.to
        )],
        ..Report::default()
    };
    let mut headers: Vec<String> = vec!["year".into(), "element".into()];
    if req.by_technology {
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
    let mut rows_json = Vec::new();
    for year in req.from..=req.to {
        for &e in elements {
            let total = r.total(e, year);
            let f = flows(&total);
            let reo = f[0].map(|d| d * e.reo_per_element());
            let mut row = vec![Val::Text(year.to_string()), Val::Text(e.symbol().into())];
            if req.by_technology {
                row.push(Val::Text("all covered".into()));
            }
            row.extend([f[0], reo, f[1], f[2], f[3], f[4], f[5]].map(Val::Tonnes));
            row.push(Val::Text(if total.covered.is_empty() {
                "none (gap)".into()
            } else {
                total.covered.join(", ")
            }));
            rep.listing.rows.push(row);
            let mut by_tech = Vec::new();
            for tech in &r.technologies {
                let Some((fl, t)) = tech.at(e, year) else {
                    continue;
                };
                let v = [
                    fl.demand[t],
                    fl.in_products[t],
                    fl.stock[t],
                    fl.end_of_life[t],
                    fl.recycled[t],
                    fl.primary[t],
                ];
                if req.by_technology {
                    let mut row = vec![
                        Val::Text(year.to_string()),
                        Val::Text(e.symbol().into()),
                        Val::Text(tech.id.clone()),
                    ];
                    row.extend(
                        [
                            Some(v[0]),
                            Some(v[0] * e.reo_per_element()),
                            Some(v[1]),
                            Some(v[2]),
                            Some(v[3]),
                            Some(v[4]),
                            Some(v[5]),
                        ]
                        .map(Val::Tonnes),
                    );
                    row.push(Val::Text(match tech.basis[t] {
                        Basis::Published => "deployment published".into(),
                        Basis::Interpolated => "deployment interpolated".into(),
                    }));
                    rep.listing.rows.push(row);
                }
                by_tech.push(json!({
                    "technology": tech.id,
                    "deployment": json_number(tech.deployment[t]),
                    "deployment_unit": tech.unit.map(|u| u.as_str()),
                    "deployment_basis": match tech.basis[t] { Basis::Published => "published", Basis::Interpolated => "interpolated" },
                    "demand": out.tonnes_json(Some(v[0])),
                    "in_products": out.tonnes_json(Some(v[1])),
                    "stock": out.tonnes_json(Some(v[2])),
                    "end_of_life": out.tonnes_json(Some(v[3])),
                    "recycled": out.tonnes_json(Some(v[4])),
                    "primary": out.tonnes_json(Some(v[5])),
                }));
            }
            rows_json.push(json!({
                "year": year,
                "element": e.symbol(),
                "demand": out.tonnes_json(f[0]),
                "demand_reo": out.tonnes_json(reo),
                "in_products": out.tonnes_json(f[1]),
                "stock": out.tonnes_json(f[2]),
                "end_of_life": out.tonnes_json(f[3]),
                "recycled": out.tonnes_json(f[4]),
                "primary": out.tonnes_json(f[5]),
                "covered": total.covered,
                "missing": total.missing.iter().map(|(t, why)| json!({"technology": t, "reason": why})).collect::<Vec<_>>(),
                "by_technology": by_tech,
            }));
        }
    }
    let inputs: Vec<Json> = r
        .inputs
        .iter()
        .map(|i| {
            json!({
                "technology": i.technology,
                "parameter": i.parameter,
                "year": i.year,
                "value": i.value,
                "unit": i.unit,
                "source": i.provenance.edition,
                "citation": i.provenance.citation,
            })
        })
        .collect();
    let gaps: Vec<Json> = r
        .gaps
        .iter()
        .map(|g| json!({"technology": g.technology, "element": g.element.map(|e| e.symbol()), "reason": g.reason}))
        .collect();
    rep.notes.push(NOT_MODELLED.into());
    for tech in &r.technologies {
        if let (Some(a), Some(b)) = (tech.years.first(), tech.years.last()) {
            rep.notes.push(format!(
                "{}: deployment published or interpolated {a}–{b}; no figure outside those years (a gap, not extrapolated); stock and end of life count only cohorts from {a}.",
                tech.id
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
    let mut alternatives_json = Vec::new();
    for a in alternatives {
        let used = r.used(&a.technology, a.quantity);
        if let Some((year, value)) = used {
            rep.notes.push(format!(
                "other estimate: {} {} = {} {} [{}: {}]; this run uses {} {} ({year}), the other is {:.2}× it",
                a.technology,
                a.quantity,
                a.value,
                a.unit,
                a.provenance.edition,
                a.provenance.citation,
                round_sig(value, 4),
                a.unit,
                a.value / value
            ));
        }
        alternatives_json.push(json!({
            "technology": a.technology,
            "quantity": a.quantity.to_string(),
            "value": json_number(a.value),
            "unit": a.unit,
            "source": a.provenance.edition,
            "citation": a.provenance.citation,
            "used_value": used.map(|u| json_number(u.1)),
            "used_year": used.map(|u| u.0),
            "ratio": used.map(|u| json_number(a.value / u.1)),
        }));
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
            i.provenance.edition,
            i.provenance.citation
        ));
    }
    rep.json = json!({
        "scenario": r.scenario,
        "from": req.from,
        "to": req.to,
        "unit": out.unit.symbol(),
        "basis": "tonnes of element; demand_reo in tonnes of oxide",
        "rows": rows_json,
        "technologies": r.technologies.iter().map(|t| json!({
            "id": t.id,
            "unit": t.unit.map(|u| u.as_str()),
            "first_year": t.years.first(),
            "last_year": t.years.last(),
        })).collect::<Vec<_>>(),
        "inputs": inputs,
        "gaps": gaps,
        "alternatives": alternatives_json,
        "notes": [NOT_MODELLED],
    });
    rep
}

fn draw(
    r: &ScenarioRun,
    elements: &[Element],
    from: i32,
    to: i32,
    path: &Path,
) -> anyhow::Result<()> {
    use plotters::style::{BLUE, GREEN, MAGENTA, RED};
    let mut lines = Vec::new();
    for (e, color) in elements.iter().zip([BLUE, RED, GREEN, MAGENTA]) {
        let of = |pick: fn(&Total) -> f64| -> Vec<(i32, f64)> {
            (from..=to)
                .filter_map(|y| {
                    let t = r.total(*e, y);
                    (!t.covered.is_empty()).then(|| (y, pick(&t)))
                })
                .collect()
        };
        lines.push(Line {
            label: format!("{} demand", e.symbol()),
            points: of(|t| t.demand),
            color,
            width: 2,
        });
        lines.push(Line {
            label: format!("{} recycled", e.symbol()),
            points: of(|t| t.recycled),
            color,
            width: 1,
        });
    }
    chart::lines(
        path,
        &format!("Magnet rare-earth demand, {} (t element)", r.scenario),
        "t",
        &lines,
    )
}
