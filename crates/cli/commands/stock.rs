//! `rareflow stock` rendered: the yearly table, and inflow, outflow and stock as an SVG chart.

use crate::chart::{self, Line};
use crate::output::{Report, Val};
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
    r
}

/// Draws inflow, outflow and stock by year.
pub fn draw(m: &StockResult, path: &Path) -> anyhow::Result<()> {
    use plotters::style::{BLUE, GREEN, RED};
    let line = |label: &str, series: &[f64], color| Line {
        label: label.into(),
        points: m
            .year
            .iter()
            .map(|y| y.0)
            .zip(series.iter().copied())
            .collect(),
        color,
        width: 2,
    };
    chart::lines(
        path,
        &format!("Dynamic stock model: {}", m.file),
        "",
        &[
            line("stock", &m.stock, BLUE),
            line("inflow", &m.inflow, GREEN),
            line("outflow", &m.outflow, RED),
        ],
    )
}
