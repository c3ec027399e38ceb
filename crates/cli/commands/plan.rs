//! `rareflow plan ROADMAP.toml|NAME|list`: reads a roadmap (a file, or a bundled one by
//! name), asks `service` for the least-cost plan, and renders which projects, when, what it
//! costs and what binds; `--out` writes the plan's files into a new folder, `--svg` draws
//! the projects' timeline over the cost per year, `--simulate` tests the plan under a
//! scenario.

use super::read_named;
use super::sim::{check_empty, request, write_out};
use crate::args::PlanArgs;
use crate::chart;
use crate::output::{Out, Report, Val};
use plotters::prelude::*;
use service::plan::{PlanListResult, PlanRequest, PlanResult};
use service::Session;
use std::path::{Path, PathBuf};

/// Runs `plan`.
pub fn plan(session: &Session, out: &Out, args: PlanArgs) -> anyhow::Result<()> {
    if args.roadmap == "list" {
        let r = session.plan_list()?;
        return out.emit(&render_list(&r), &r);
    }
    let path = PathBuf::from(&args.roadmap);
    let roadmap = if path.exists() || args.roadmap.ends_with(".toml") {
        read_named(&path)?
    } else {
        session.plan_bundled(&args.roadmap)?
    };
    if let Some(d) = &args.out {
        check_empty(d)?;
    }
    if let Some(s) = &args.svg {
        chart::writable(s)?;
    }
    let simulate = match &args.simulate {
        Some(s) => Some(request(session, s, None)?),
        None => None,
    };
    let r = session.plan(&PlanRequest {
        roadmap,
        simulate,
        max_seconds: None,
    })?;
    if let Some(d) = &args.out {
        write_out(d, &service::plan::output_files(&r))?;
        eprintln!("wrote {}", d.display());
    }
    if let Some(path) = &args.svg {
        draw(&r, path)?;
        eprintln!("wrote {}", path.display());
    }
    if out.format == crate::args::Format::Csv {
        print!("{}", service::plan::projects_csv(&r));
        return Ok(());
    }
    out.emit(&render(&r), &r)
}

fn render_list(r: &PlanListResult) -> Report {
    let mut report = Report::default();
    report.listing.headers = ["name", "group", "years", "targets", "description"]
        .map(String::from)
        .to_vec();
    for m in &r.roadmaps {
        report.listing.rows.push(vec![
            Val::Text(m.name.clone()),
            Val::Text(m.group.clone()),
            Val::Text(format!("{}–{}", m.from, m.to)),
            Val::Text(m.targets.join("; ")),
            Val::Text(m.description.clone()),
        ]);
    }
    report
        .notes
        .push("Plan one with `rareflow plan NAME`.".into());
    report
}

fn render(r: &PlanResult) -> Report {
    let p = &r.plan;
    let mut title = vec![format!(
        "Roadmap {} ({}, {}–{}): {}{}",
        r.roadmap,
        r.group,
        r.from,
        r.to,
        p.status.id(),
        if p.closest {
            " (closest feasible plan shown)"
        } else {
            ""
        }
    )];
    if let Some(obj) = p.objective {
        title.push(format!(
            "Discounted cost {} million USD of 2024{}; {} solver, {:.2} s",
            model::num::text(round2(obj)),
            p.gap
                .map_or(String::new(), |g| format!(", gap {:.2}%", g * 100.0)),
            r.metadata.solver,
            p.seconds
        ));
    }
    if let Some(inf) = &p.infeasible {
        title.push(format!("Cannot be met: {}", inf.message));
    }
    let mut report = Report {
        title,
        ..Report::default()
    };
    report.listing.headers = [
        "project",
        "country",
        "stage",
        "decide",
        "first output",
        "capacity t",
        "capex MUSD2024",
        "opex USD2024/t",
    ]
    .map(String::from)
    .to_vec();
    for c in &p.projects {
        report.listing.rows.push(vec![
            Val::Text(format!(
                "{}{}",
                c.project,
                if c.generic { " (generic)" } else { "" }
            )),
            Val::Text(c.country.clone()),
            Val::Text(c.stage.clone()),
            Val::Text(c.decide_year.to_string()),
            Val::Text(c.first_output_year.to_string()),
            Val::Num(Some(c.capacity_t), 0),
            Val::Num(Some(c.capex), 1),
            Val::Num(Some(c.opex), 0),
        ]);
    }
    let mut targets = crate::output::Listing {
        headers: [
            "year",
            "target",
            "required t",
            "achieved t",
            "marginal USD/t",
            "met",
        ]
        .map(String::from)
        .to_vec(),
        rows: Vec::new(),
    };
    for t in &p.targets {
        targets.rows.push(vec![
            Val::Text(t.year.to_string()),
            Val::Text(t.target.clone()),
            Val::Num(Some(t.required), 0),
            Val::Num(Some(t.achieved), 0),
            Val::Num(t.shadow_price, 0),
            Val::Text(if t.met { "yes" } else { "NO" }.into()),
        ]);
    }
    report.more.push(("Targets".into(), targets));
    let mut costs = crate::output::Listing {
        headers: [
            "year",
            "capex",
            "opex",
            "co-product stock",
            "total",
            "discounted",
        ]
        .map(String::from)
        .to_vec(),
        rows: Vec::new(),
    };
    for c in &p.costs {
        costs.rows.push(vec![
            Val::Text(c.year.to_string()),
            Val::Num(Some(c.capex), 1),
            Val::Num(Some(c.opex), 1),
            Val::Num(Some(c.coproduct_stock), 1),
            Val::Num(Some(c.total), 1),
            Val::Num(Some(c.discounted), 1),
        ]);
    }
    report
        .more
        .push(("Costs, million USD of 2024".into(), costs));
    if let Some(s) = &r.simulation {
        let mut sim = crate::output::Listing {
            headers: ["year", "target", "required t", "simulated t", "met"]
                .map(String::from)
                .to_vec(),
            rows: Vec::new(),
        };
        for t in &s.targets {
            sim.rows.push(vec![
                Val::Text(t.year.to_string()),
                Val::Text(t.target.clone()),
                Val::Num(Some(t.required), 0),
                Val::Num(Some(t.achieved), 0),
                Val::Text(if t.met { "yes" } else { "NO" }.into()),
            ]);
        }
        report.more.push((
            format!(
                "Under scenario {}: the targets {}",
                s.scenario,
                if s.holds { "hold" } else { "do NOT all hold" }
            ),
            sim,
        ));
        report
            .notes
            .extend(s.notes.iter().map(|n| format!("simulation: {n}")));
    }
    for b in &p.binding {
        report.notes.push(format!(
            "binds: {}{}",
            b.constraint,
            b.dual.map_or(String::new(), |d| format!(
                " (dual {} USD/t)",
                model::num::text(d.round())
            ))
        ));
    }
    for x in &p.excluded {
        report.notes.push(format!(
            "excluded: {} ({}): {}",
            x.project, x.country, x.reason
        ));
    }
    report
        .notes
        .extend(r.assumptions.iter().map(|a| format!("assumption: {a}")));
    report
        .notes
        .extend(p.notes.iter().map(|n| format!("note: {n}")));
    report
        .notes
        .extend(r.sources.iter().map(|s| format!("source: {s}")));
    report
}

fn round2(x: f64) -> f64 {
    (x * 100.0).round() / 100.0
}

/// The chosen projects as bars (deciding to first output light, producing dark) above the
/// cost per year (undiscounted capex + opex, million USD of 2024).
fn draw(r: &PlanResult, path: &Path) -> anyhow::Result<()> {
    let p = &r.plan;
    let root = SVGBackend::new(path, (900, 300 + 28 * p.projects.len() as u32)).into_drawing_area();
    root.fill(&WHITE)?;
    let (top, bottom) = root.split_vertically(60 + 28 * p.projects.len() as u32);
    let years = (r.from as f64)..(r.to as f64 + 1.0);
    let n = p.projects.len().max(1) as f64;
    let mut gantt = ChartBuilder::on(&top)
        .caption(
            format!("Roadmap {}: projects ({})", r.roadmap, p.status.id()),
            ("sans-serif", 18),
        )
        .margin(10)
        .x_label_area_size(25)
        .y_label_area_size(260)
        .build_cartesian_2d(years.clone(), 0.0..n)?;
    gantt
        .configure_mesh()
        .disable_y_mesh()
        .y_labels(0)
        .x_label_formatter(&|x| format!("{x:.0}"))
        .draw()?;
    // Project names in the label area, level with their bars.
    for (i, c) in p.projects.iter().enumerate() {
        let (_, py) = gantt
            .plotting_area()
            .map_coordinate(&(r.from as f64, n - i as f64 - 0.5));
        let name: String = c
            .project
            .replace("GENERIC (ASSUMPTION) ", "generic: ")
            .chars()
            .take(48)
            .collect();
        top.draw(&Text::new(
            name,
            (8, py - 6),
            ("sans-serif", 10).into_font(),
        ))?;
    }
    for (i, c) in p.projects.iter().enumerate() {
        let y0 = n - i as f64 - 0.85;
        let y1 = n - i as f64 - 0.15;
        let colour = chart::colour(i);
        gantt.draw_series(std::iter::once(Rectangle::new(
            [(c.decide_year as f64, y0), (c.first_output_year as f64, y1)],
            colour.mix(0.3).filled(),
        )))?;
        gantt.draw_series(std::iter::once(Rectangle::new(
            [(c.first_output_year as f64, y0), (r.to as f64 + 1.0, y1)],
            colour.filled(),
        )))?;
    }
    let max = p
        .costs
        .iter()
        .map(|c| c.capex + c.opex + c.coproduct_stock)
        .fold(0.0_f64, f64::max)
        .max(1.0);
    let mut cost = ChartBuilder::on(&bottom)
        .caption("Cost per year, million USD of 2024", ("sans-serif", 14))
        .margin(10)
        .x_label_area_size(25)
        .y_label_area_size(260)
        .build_cartesian_2d(years, 0.0..max * 1.05)?;
    cost.configure_mesh()
        .x_label_formatter(&|x| format!("{x:.0}"))
        .draw()?;
    for (i, (label, f)) in [
        (
            "capex",
            (|c: &plan::report::CostYear| c.capex) as fn(&plan::report::CostYear) -> f64,
        ),
        ("opex", |c: &plan::report::CostYear| c.opex),
    ]
    .into_iter()
    .enumerate()
    {
        let colour = chart::colour(i);
        cost.draw_series(LineSeries::new(
            p.costs.iter().map(|c| (c.year as f64 + 0.5, f(c))),
            colour.stroke_width(2),
        ))?
        .label(label)
        .legend(move |(x, y)| PathElement::new(vec![(x, y), (x + 20, y)], colour.stroke_width(2)));
    }
    cost.configure_series_labels()
        .border_style(BLACK)
        .background_style(WHITE.mix(0.8))
        .draw()?;
    chart::source_line(
        &root,
        &format!(
            "rareflow plan {}; projects from data/projects.csv (see excluded.csv); {}",
            r.roadmap, r.metadata.solver
        ),
    )?;
    root.present()?;
    Ok(())
}
