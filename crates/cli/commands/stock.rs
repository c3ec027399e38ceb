//! `rareflow stock --inflow FILE | --stock FILE --lifetime SPEC`: a dynamic stock model on
//! a user's own series, with the JSON contract `{year, inflow, stock, outflow,
//! stock_change, balance}` (plus `stock_by_cohort` and `outflow_by_cohort` with `--by-cohort`).

use crate::chart::{self, Line};
use crate::output::{json_number, Report, Val};
use anyhow::Context as _;
use data::series::{read_series, SeriesKind};
use mfa::{inflow_driven, stock_driven, Detail, Lifetimes, NegativeInflow, StockModel};
use model::Lifetime;
use serde_json::{json, Value as Json};
use std::path::Path;

/// `stock`.
pub fn stock(
    inflow: Option<&Path>,
    stock: Option<&Path>,
    lifetime: &str,
    correct: bool,
    by_cohort: bool,
    svg: Option<&Path>,
) -> anyhow::Result<Report> {
    let default: Lifetime = lifetime.parse()?;
    let (path, kind) = match (inflow, stock) {
        (Some(p), None) => (p, SeriesKind::Inflow),
        (None, Some(p)) => (p, SeriesKind::Stock),
        _ => anyhow::bail!("give exactly one of --inflow FILE and --stock FILE"),
    };
    let name = path.display().to_string();
    let text = std::fs::read_to_string(path).with_context(|| format!("cannot read {name}"))?;
    let series = read_series(&name, &text, kind, default)?;
    let lifetimes = if series.lifetimes.iter().all(|l| *l == default) {
        Lifetimes::Same(default)
    } else {
        Lifetimes::PerCohort(series.lifetimes.clone())
    };
    let detail = if by_cohort {
        Detail::ByCohort
    } else {
        Detail::Totals
    };
    let m = match kind {
        SeriesKind::Inflow => inflow_driven(&series.values, &lifetimes, detail),
        SeriesKind::Stock => stock_driven(
            &series.values,
            &lifetimes,
            if correct {
                NegativeInflow::Correct
            } else {
                NegativeInflow::Allow
            },
            detail,
        ),
    }
    .map_err(|e| anyhow::anyhow!("{name}: {e}"))?;
    if let Some(svg) = svg {
        draw(&series.years, &m, svg, &name)?;
        eprintln!("wrote {}", svg.display());
    }
    Ok(report(&series.years, &m, kind, default))
}

fn report(years: &[i32], m: &StockModel, kind: SeriesKind, lifetime: Lifetime) -> Report {
    let driven = match kind {
        SeriesKind::Inflow => "inflow-driven",
        SeriesKind::Stock => "stock-driven",
    };
    let mut r = Report { title: vec![format!("Dynamic stock model, {driven}, lifetime {lifetime} (per-cohort columns override it); stock at year end")], ..Report::default() };
    r.listing.headers = [
        "year",
        "inflow",
        "stock",
        "outflow",
        "stock change",
        "balance",
    ]
    .map(String::from)
    .to_vec();
    for (t, y) in years.iter().enumerate() {
        r.listing.rows.push(vec![
            Val::Text(y.to_string()),
            Val::Num(Some(m.inflow[t]), 4),
            Val::Num(Some(m.stock[t]), 4),
            Val::Num(Some(m.outflow[t]), 4),
            Val::Num(Some(m.stock_change[t]), 4),
            Val::Num(Some(m.balance[t]), 4),
        ]);
    }
    let arr = |v: &[f64]| Json::Array(v.iter().map(|x| json_number(*x)).collect());
    let mut doc = json!({
        "year": years,
        "inflow": arr(&m.inflow),
        "stock": arr(&m.stock),
        "outflow": arr(&m.outflow),
        "stock_change": arr(&m.stock_change),
        "balance": arr(&m.balance),
    });
    if let (Some(s), Some(o)) = (&m.stock_by_cohort, &m.outflow_by_cohort) {
        doc["stock_by_cohort"] = Json::Array(s.rows().map(arr).collect());
        doc["outflow_by_cohort"] = Json::Array(o.rows().map(arr).collect());
    }
    r.json = doc;
    r
}

fn draw(years: &[i32], m: &StockModel, path: &Path, name: &str) -> anyhow::Result<()> {
    use plotters::style::{BLUE, GREEN, RED};
    let line = |label: &str, series: &[f64], color| Line {
        label: label.into(),
        points: years.iter().copied().zip(series.iter().copied()).collect(),
        color,
        width: 2,
    };
    chart::lines(
        path,
        &format!("Dynamic stock model: {name}"),
        "",
        &[
            line("stock", &m.stock, BLUE),
            line("inflow", &m.inflow, GREEN),
            line("outflow", &m.outflow, RED),
        ],
    )
}
