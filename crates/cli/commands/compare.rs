//! `rareflow compare` and `rareflow cite` rendered as observation listings.

use super::observation_report;
use crate::output::{group_thousands, Report};
use service::compare::{CiteResult, CompareResult};

/// Renders every estimate, then the spreads.
pub fn render_compare(r: &CompareResult) -> Report {
    let (name, code, metric) = &r.about;
    let mut report = observation_report(
        vec![format!(
            "{} of {} ({}): every estimate, oldest source first",
            metric.label(),
            name,
            code
        )],
        &r.estimates,
    );
    for s in &r.spreads {
        let over = s
            .year
            .map_or_else(|| "over all estimates".to_string(), |y| format!("for {y}"));
        let ratio = s.ratio.map_or("—".to_string(), |r| format!("{r:.2}"));
        report.notes.push(format!(
            "Spread {over} ({} values): min {} {u}, max {} {u}, max/min {ratio}",
            s.count,
            group_thousands(s.min.shown()),
            group_thousands(s.max.shown()),
            u = s.min.unit().symbol()
        ));
    }
    if r.estimates.is_empty() {
        report
            .notes
            .push(format!("No estimates of {} for {code}.", metric.id()));
    }
    report
}

/// Renders the observations that state a value.
pub fn render_cite(r: &CiteResult) -> Report {
    let (value, figures) = &r.typed;
    let mut report = observation_report(
        vec![format!(
            "Sources stating {value} ({figures} significant figures)"
        )],
        &r.estimates,
    );
    if r.estimates.is_empty() {
        report.notes.push(format!("No source states {value}."));
    }
    report
}
