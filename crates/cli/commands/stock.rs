//! `rareflow stock` rendered: the yearly table, and inflow, outflow and stock as an SVG chart.

use crate::chart::{self, Line};
use crate::output::{Listing, Report, Val};
use service::stock::{Driven, StockResult};
use std::path::Path;

/// Renders a stock model.
pub fn render(m: &StockResult) -> Report {
    let driven = match m.driven {
        Some(Driven::Stock) => "stock-driven",
        _ => "inflow-driven",
    };
    let mut r = Report {
        title: vec![format!("Dynamic stock model, {driven}, lifetime {} (per-cohort columns override it); stock at year end", m.lifetime)],
        ..Report::default()
    };
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
    for (t, y) in m.year.iter().enumerate() {
        r.listing.rows.push(vec![
            Val::Text(y.to_string()),
            Val::Num(Some(m.inflow[t]), 4),
            Val::Num(Some(m.stock[t]), 4),
            Val::Num(Some(m.outflow[t]), 4),
            Val::Num(Some(m.stock_change[t]), 4),
            Val::Num(Some(m.balance[t]), 4),
        ]);
    }
    if let (Some(stock), Some(outflow)) = (&m.stock_by_cohort, &m.outflow_by_cohort) {
        let mut long = Listing {
            headers: ["year", "cohort", "stock", "outflow"]
                .map(String::from)
                .to_vec(),
            rows: Vec::new(),
        };
        for (t, y) in m.year.iter().enumerate() {
            for (c, cohort) in m.year.iter().enumerate().take(t + 1) {
                long.rows.push(vec![
                    Val::Text(y.to_string()),
                    Val::Text(cohort.to_string()),
                    Val::Num(stock.get(t).and_then(|r| r.get(c)).copied(), 4),
                    Val::Num(outflow.get(t).and_then(|r| r.get(c)).copied(), 4),
                ]);
            }
        }
        r.more.push((
            "By cohort (cohort = the year it entered use; rows for cohorts not yet in use are left out)".into(),
            long.clone(),
        ));
        r.csv = Some(long);
    }
    r
}

/// Draws inflow, outflow and stock by year.
pub fn draw(m: &StockResult, path: &Path) -> anyhow::Result<()> {
    let line = |label: &str, series: &[f64]| Line {
        label: label.into(),
        points: m
            .year
            .iter()
            .map(|y| y.0)
            .zip(series.iter().copied())
            .collect(),
        width: 2,
    };
    chart::lines(
        path,
        &format!("Dynamic stock model: {}", m.file),
        "",
        &[
            line("stock", &m.stock),
            line("inflow", &m.inflow),
            line("outflow", &m.outflow),
        ],
        &format!(
            "your series {}; rareflow stock, lifetime {} (ODYM conventions)",
            m.file, m.lifetime
        ),
    )
}
