//! `rareflow rank` and `rareflow concentration` rendered as tables.

use crate::output::{group_thousands_fixed, percent, Listing, Report, Val};
use model::{Flag, Flags};
use service::rank::{ConcentrationResult, RankResult, RankingAbout, RowKind, ShareOf};

fn title(a: &RankingAbout) -> String {
    let denominator = match a.denominator.unwrap_or_default() {
        ShareOf::WorldTotal => "the source's rounded world total",
        ShareOf::CountrySum => "the sum of reporting countries",
    };
    format!(
        "{} {}, {} ({}); shares of {denominator}",
        a.metric_label, a.year, a.source, a.edition
    )
}

/// Renders a ranking.
pub fn render_rank(r: &RankResult) -> Report {
    let mut report = Report {
        title: vec![title(&r.about)],
        ..Report::default()
    };
    report.listing.headers = ["rank", "country", "name", "{unit}", "share", "flags"]
        .map(String::from)
        .to_vec();
    for row in &r.rows {
        report.listing.rows.push(vec![
            Val::Text(row.rank.map(|k| k.to_string()).unwrap_or_default()),
            Val::Text(row.country.map(|c| c.to_string()).unwrap_or_default()),
            Val::Text(row.name.clone()),
            Val::Tonnes(row.value),
            Val::Share(row.share),
            Val::Flags(row.flags),
        ]);
    }
    let gaps: Vec<&str> = r
        .rows
        .iter()
        .filter(|g| g.kind == RowKind::Country && g.value.is_none())
        .map(|g| g.name.as_str())
        .collect();
    if !gaps.is_empty() {
        report.notes.push(format!(
            "Gaps (no value in {}): {}",
            r.about.edition,
            gaps.join(", ")
        ));
    }
    report
        .notes
        .push("Aggregates (world total, other countries) are shown apart and never ranked.".into());
    if r.about.lower_bound_total {
        report.notes.push(
            "The world total is a lower bound: shares over it are upper bounds (flag <).".into(),
        );
    }
    report
}

/// Renders a concentration.
pub fn render_concentration(c: &ConcentrationResult) -> Report {
    let hhi = |h: Option<f64>| h.map_or("—".to_string(), |h| group_thousands_fixed(h, 0));
    let at_most = |f: Flags| {
        if f.contains(Flag::UpperBound) {
            "at most "
        } else {
            ""
        }
    };
    let mut report = Report {
        title: vec![
            title(&c.about),
            format!(
                "HHI (0–10,000): {}{} over the world total, {} over the sum of reporting countries; top-3 share {}{}",
                at_most(c.hhi_world_total_flags),
                hhi(c.hhi_world_total),
                hhi(c.hhi_country_sum),
                at_most(c.top3_share_flags),
                c.top3_share.map_or("—".into(), percent)
            ),
        ],
        ..Report::default()
    };
    report.listing.headers = ["country", "name", "{unit}", "share", "flags"]
        .map(String::from)
        .to_vec();
    for row in &c.shares {
        report.listing.rows.push(vec![
            Val::Text(row.country.clone()),
            Val::Text(row.name.clone()),
            Val::Tonnes(row.value),
            Val::Share(row.share),
            Val::Flags(row.flags),
        ]);
    }
    report.csv = Some(concentration_csv(c));
    if c.world_total_lower_bound {
        report
            .notes
            .push("The world total is a lower bound: shares over it are upper bounds.".into());
    }
    report
}

/// The concentration as CSV: the headline results as leading `summary` rows (`measure`,
/// `value`), then one `share` row per country.
fn concentration_csv(c: &ConcentrationResult) -> Listing {
    let mut l = Listing {
        headers: [
            "kind", "measure", "value", "country", "name", "{unit}", "share", "flags",
        ]
        .map(String::from)
        .to_vec(),
        rows: Vec::new(),
    };
    let summary = |measure: &str, value: Val, flags: Flags| {
        vec![
            Val::Text("summary".into()),
            Val::Text(measure.into()),
            value,
            Val::Text(String::new()),
            Val::Text(String::new()),
            Val::Text(String::new()),
            Val::Text(String::new()),
            Val::Flags(flags),
        ]
    };
    l.rows.push(summary(
        "world_total",
        Val::Tonnes(c.world_total),
        Flags::NONE,
    ));
    l.rows.push(summary(
        "country_sum",
        Val::Tonnes(c.country_sum),
        Flags::NONE,
    ));
    l.rows.push(summary(
        "hhi_world_total",
        Val::Num(c.hhi_world_total, 0),
        c.hhi_world_total_flags,
    ));
    l.rows.push(summary(
        "hhi_country_sum",
        Val::Num(c.hhi_country_sum, 0),
        Flags::NONE,
    ));
    l.rows.push(summary(
        "top3_share",
        Val::Num(c.top3_share.map(|s| s.get()), 4),
        c.top3_share_flags,
    ));
    for row in &c.shares {
        l.rows.push(vec![
            Val::Text("share".into()),
            Val::Text(String::new()),
            Val::Text(String::new()),
            Val::Text(row.country.clone()),
            Val::Text(row.name.clone()),
            Val::Tonnes(row.value),
            Val::Share(row.share),
            Val::Flags(row.flags),
        ]);
    }
    l
}
