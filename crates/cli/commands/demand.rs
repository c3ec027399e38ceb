//! `rareflow demand --scenario ID`: magnet rare-earth demand, in-use stock, end-of-life
//! flows and recycled supply by year and element, with every input and gap listed.

use crate::args::DemandArgs;
use crate::chart::{self, Line};
use crate::output::{json_number, Out, Report, Val};
use anyhow::Context as _;
use data::bundled;
use data::demandfiles::{read_alternatives, read_end_uses, read_scenario_tables};
use mfa::demand::FlowsAt;
use mfa::scenario::{run, Basis, ScenarioRun};
use model::demand::{Alternative, EndUseShare, ScenarioTables, MAGNET_ELEMENTS};
use model::Element;
use serde_json::{json, Map, Value as Json};
use std::path::Path;

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
    let loaded = load(req.tables.as_deref())?;
    let r = run(&loaded.tables, &req.scenario)?;
    if let Some(svg) = &req.svg {
        draw(&r, &elements, req.from, req.to, svg)?;
        eprintln!("wrote {}", svg.display());
    }
    Ok(report(out, &r, &elements, req, &loaded))
}

/// What a run reads: the scenario tables, other published estimates, and the end uses'
/// shares of demand (what the totals cover).
struct Loaded {
    tables: ScenarioTables,
    alternatives: Vec<Alternative>,
    end_uses: Vec<EndUseShare>,
}

/// The bundled tables, or those in `dir` (where `alternatives.csv` and `end_uses.csv` are
/// optional).
fn load(dir: Option<&Path>) -> anyhow::Result<Loaded> {
    let Some(dir) = dir else {
        return Ok(Loaded {
            tables: read_scenario_tables(
                bundled::DEMAND_TECHNOLOGIES,
                bundled::DEMAND_DEPLOYMENT,
                bundled::DEMAND_RECOVERY,
            )?,
            alternatives: read_alternatives(
                bundled::DEMAND_ALTERNATIVES.0,
                bundled::DEMAND_ALTERNATIVES.1,
            )?,
            end_uses: read_end_uses(bundled::DEMAND_END_USES.0, bundled::DEMAND_END_USES.1)?,
        });
    };
    let read = |name: &str| -> anyhow::Result<(String, String)> {
        let path = dir.join(name);
        let text = std::fs::read_to_string(&path)
            .with_context(|| format!("cannot read {}", path.display()))?;
        Ok((path.display().to_string(), text))
    };
    let optional = |name: &str| -> anyhow::Result<Option<(String, String)>> {
        dir.join(name).exists().then(|| read(name)).transpose()
    };
    let (t, d, r) = (
        read("technologies.csv")?,
        read("deployment.csv")?,
        read("recovery.csv")?,
    );
    Ok(Loaded {
        tables: read_scenario_tables((&t.0, &t.1), (&d.0, &d.1), (&r.0, &r.1))?,
        alternatives: match optional("alternatives.csv")? {
            Some(a) => read_alternatives(&a.0, &a.1)?,
            None => Vec::new(),
        },
        end_uses: match optional("end_uses.csv")? {
            Some(u) => read_end_uses(&u.0, &u.1)?,
            None => Vec::new(),
        },
    })
}

/// What the totals cover, from the end uses' shares of NdFeB demand.
fn coverage(end_uses: &[EndUseShare]) -> Option<String> {
    let part = |u: &EndUseShare| format!("{} {:.0}%", u.end_use, u.share * 100.0);
    let (modelled, not): (Vec<&EndUseShare>, Vec<&EndUseShare>) =
        end_uses.iter().partition(|u| !u.technologies.is_empty());
    if end_uses.is_empty() {
        return None;
    }
    let mut editions: Vec<&str> = end_uses
        .iter()
        .map(|u| u.provenance.edition.as_str())
        .collect();
    editions.dedup();
    Some(format!(
        "Coverage: the totals model {} ({:.0}% of NdFeB demand together); not modelled, for want of sourced deployment and intensity: {} [source: {}]",
        modelled.iter().map(|u| part(u)).collect::<Vec<_>>().join(", "),
        modelled.iter().map(|u| u.share).sum::<f64>() * 100.0,
        not.iter().map(|u| part(u)).collect::<Vec<_>>().join(", "),
        editions.join(", "),
    ))
}

/// `x` to `digits` significant figures (for notes).
fn round_sig(x: f64, digits: i32) -> f64 {
    if x == 0.0 || !x.is_finite() {
        return x;
    }
    let scale = 10f64.powi(digits - 1 - x.abs().log10().floor() as i32);
    (x * scale).round() / scale
}

/// A year's flows as table cells (demand, demand REO, in products, stock, end of life,
/// recycled, primary); gaps when `f` is `None`.
fn flow_cells(f: Option<FlowsAt>, e: Element) -> [Val; 7] {
    [
        f.map(|f| f.demand),
        f.map(|f| f.demand * e.reo_per_element()),
        f.map(|f| f.in_products),
        f.map(|f| f.stock),
        f.map(|f| f.end_of_life),
        f.map(|f| f.recycled),
        f.map(|f| f.primary),
    ]
    .map(Val::Tonnes)
}

/// A year's flows as JSON fields in the output unit; `null`s when `f` is `None`.
fn flow_json(out: &Out, f: Option<FlowsAt>, e: Element) -> Map<String, Json> {
    let mut m = Map::new();
    for (key, v) in [
        ("demand", f.map(|f| f.demand)),
        ("demand_reo", f.map(|f| f.demand * e.reo_per_element())),
        ("in_products", f.map(|f| f.in_products)),
        ("stock", f.map(|f| f.stock)),
        ("end_of_life", f.map(|f| f.end_of_life)),
        ("recycled", f.map(|f| f.recycled)),
        ("primary", f.map(|f| f.primary)),
    ] {
        m.insert(key.into(), out.tonnes_json(v));
    }
    m
}

fn basis_id(b: Basis) -> &'static str {
    match b {
        Basis::Published => "published",
        Basis::Interpolated => "interpolated",
    }
}

fn report(
    out: &Out,
    r: &ScenarioRun,
    elements: &[Element],
    req: &DemandArgs,
    loaded: &Loaded,
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
            let mut row = vec![Val::Text(year.to_string()), Val::Text(e.symbol().into())];
            if req.by_technology {
                row.push(Val::Text("all covered".into()));
            }
            row.extend(flow_cells(total.flows, e));
            row.push(Val::Text(if total.covered.is_empty() {
                "none (gap)".into()
            } else {
                total.covered.join(", ")
            }));
            rep.listing.rows.push(row);
            let mut by_tech = Vec::new();
            for tech in &r.technologies {
                let (Some(f), Some(t)) = (tech.at(e, year), tech.index(year)) else {
                    continue;
                };
                if req.by_technology {
                    let mut row = vec![
                        Val::Text(year.to_string()),
                        Val::Text(e.symbol().into()),
                        Val::Text(tech.id.clone()),
                    ];
                    row.extend(flow_cells(Some(f), e));
                    row.push(Val::Text(format!("deployment {}", basis_id(tech.basis[t]))));
                    rep.listing.rows.push(row);
                }
                let mut j = Map::new();
                j.insert("technology".into(), json!(tech.id));
                j.insert("deployment".into(), json_number(tech.deployment[t]));
                j.insert(
                    "deployment_unit".into(),
                    json!(tech.unit.map(|u| u.as_str())),
                );
                j.insert("deployment_basis".into(), json!(basis_id(tech.basis[t])));
                j.extend(flow_json(out, Some(f), e));
                by_tech.push(Json::Object(j));
            }
            let mut j = Map::new();
            j.insert("year".into(), json!(year));
            j.insert("element".into(), json!(e.symbol()));
            j.extend(flow_json(out, total.flows, e));
            j.insert("covered".into(), json!(total.covered));
            j.insert(
                "missing".into(),
                total
                    .missing
                    .iter()
                    .map(|(t, why)| json!({"technology": t, "reason": why}))
                    .collect(),
            );
            j.insert("by_technology".into(), Json::Array(by_tech));
            rows_json.push(Json::Object(j));
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
    let coverage = coverage(&loaded.end_uses);
    rep.notes.extend(coverage.clone());
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
    for a in &loaded.alternatives {
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
        "end_uses": loaded.end_uses.iter().map(|u| json!({
            "end_use": u.end_use,
            "share": json_number(u.share),
            "technologies": u.technologies,
            "source": u.provenance.edition,
            "citation": u.provenance.citation,
        })).collect::<Vec<_>>(),
        "notes": coverage.into_iter().collect::<Vec<_>>(),
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
        let flows: Vec<(i32, FlowsAt)> = (from..=to)
            .filter_map(|y| r.total(*e, y).flows.map(|f| (y, f)))
            .collect();
        for (what, pick, width) in [
            ("demand", (|f: &FlowsAt| f.demand) as fn(&FlowsAt) -> f64, 2),
            ("recycled", |f: &FlowsAt| f.recycled, 1),
        ] {
            lines.push(Line {
                label: format!("{} {what}", e.symbol()),
                points: flows.iter().map(|(y, f)| (*y, pick(f))).collect(),
                color,
                width,
            });
        }
    }
    chart::lines(
        path,
        &format!("Magnet rare-earth demand, {} (t element)", r.scenario),
        "t",
        &lines,
    )
}
