//! `rareflow compare` and `rareflow cite`.

use super::observation_report;
use crate::context::Context;
use crate::output::{group_thousands, Out, Report};
use metrics::compare::{compare as compute_compare, spreads};
use model::{Metric, TypedTonnes, Year};

/// `compare`: every estimate side by side, then the spread.
pub fn compare(
    ctx: &Context,
    out: &Out,
    country: &str,
    metric: Metric,
    year: Option<i32>,
) -> anyhow::Result<Report> {
    let place = ctx.country(country)?;
    let d = &ctx.dataset;
    let estimates = compute_compare(d, place, metric, year.map(Year));
    let obs: Vec<_> = estimates.iter().map(|e| e.observation).collect();
    let name = d.countries.name_of(&place);
    let mut report = observation_report(
        d,
        out,
        vec![format!(
            "{} of {} ({}): every estimate, oldest source first",
            metric.label(),
            name,
            place.id()
        )],
        &obs,
    );
    for (y, s) in spreads(&estimates, metric) {
        let over = y.map_or_else(|| "over all estimates".to_string(), |y| format!("for {y}"));
        let ratio = s.ratio.map_or("—".to_string(), |r| format!("{r:.2}"));
        report.notes.push(format!(
            "Spread {over} ({} values): min {} {u}, max {} {u}, max/min {ratio}",
            s.count,
            group_thousands(s.min / out.unit.factor()),
            group_thousands(s.max / out.unit.factor()),
            u = out.unit.symbol()
        ));
    }
    if obs.is_empty() {
        report.notes.push(format!(
            "No estimates of {} for {}.",
            metric.id(),
            place.id()
        ));
    }
    Ok(report)
}

/// `cite`: which sources state a value.
pub fn cite(
    ctx: &Context,
    out: &Out,
    country: Option<&str>,
    metric: Option<Metric>,
    value: &str,
) -> anyhow::Result<Report> {
    let typed: TypedTonnes = value.parse()?;
    let place = country.map(|c| ctx.country(c)).transpose()?;
    let obs = metrics::cite::cite(&ctx.dataset, place, metric, &typed);
    let mut report = observation_report(
        &ctx.dataset,
        out,
        vec![format!(
            "Sources stating {value} ({} significant figures)",
            typed.significant_figures
        )],
        &obs,
    );
    if obs.is_empty() {
        report.notes.push(format!("No source states {value}."));
    }
    Ok(report)
}
