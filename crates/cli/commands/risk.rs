//! `rareflow risk eu` and `rareflow risk usgs` rendered: computed beside published, each
//! stage, gaps, differences and every input with its source.

use crate::output::{Listing, Report, Val};
use model::num;
use service::risk::{RiskEuResult, RiskUsgsResult};

/// Renders an EU assessment.
pub fn render_eu(r: &RiskEuResult) -> Report {
    let a = &r.assessment;
    let mut report = Report {
        title: vec![format!(
            "EU CRM supply risk, {} (JRC 2017 method; inputs of the 2023 assessment)",
            a.material
        )],
        ..Report::default()
    };
    report.listing.headers = [
        "stage",
        "computed SR",
        "published SR",
        "HHI_WGI,t",
        "status",
    ]
    .map(String::from)
    .to_vec();
    for (stage, e) in [
        ("extraction", &a.stages.extraction),
        ("processing", &a.stages.processing),
    ] {
        let status = if e.sr.is_none() {
            "gaps: not computed"
        } else {
            "computed from cited inputs"
        };
        report.listing.rows.push(vec![
            Val::Text(stage.into()),
            Val::Num(e.sr, 2),
            Val::Num(e.published_sr, 2),
            Val::Num(e.hhi_wgi, 3),
            Val::Text(status.into()),
        ]);
    }
    report.notes.push(format!(
        "SR: computed {} against published {} ({}); EI: computed {} against published {}; critical: {}",
        a.sr.map_or("— (gaps)".into(), |x| format!("{x:.2}")),
        a.published.sr.map_or("—".into(), |x| format!("{x}")),
        a.bottleneck.as_deref().map_or("bottleneck undetermined".into(), |b| format!("bottleneck {b}")),
        a.ei.map_or("— (gaps)".into(), |x| format!("{x:.2}")),
        a.published.ei.map_or("—".into(), |x| format!("{x}")),
        match a.published.critical {
            Some(c) => format!("{} by the published scores (SR ≥ 1 and EI ≥ 2.8)", if c { "yes" } else { "no" }),
            None => "undetermined".into(),
        }
    ));
    report.csv = Some(eu_csv(r));
    if a.group {
        report.notes.push("Group scores: the EU's table gives no substitution indices for HREE and LREE; their published scores equal the means of the members' published scores (derived), which rareflow does not echo as a computation.".into());
    }
    for d in &a.differences {
        report.notes.push(format!("difference: {d}"));
    }
    for g in &a.gaps {
        report.notes.push(format!("gap: {g}"));
    }
    for (i, citation) in &r.cited_rows {
        report.notes.push(format!(
            "input: {} {} {} = {} {} [{}]",
            i.stage, i.input, i.country, i.value, i.unit, citation
        ));
    }
    report
}

/// Renders the USGS net import reliance.
pub fn render_usgs(r: &RiskUsgsResult) -> Report {
    let a = &r.assessment;
    let mut report = Report {
        title: vec![format!(
            "USGS net import reliance, United States, {} (MCS 2025 salient statistics)",
            a.commodity
        )],
        ..Report::default()
    };
    report.listing.headers = [
        "year",
        "primary production (t)",
        "apparent consumption (t)",
        "computed NIR",
        "published NIR",
    ]
    .map(String::from)
    .to_vec();
    for y in &a.years {
        let text = match (y.nir, y.net_exporter) {
            (Some(f), _) => format!("{:.0}%", f * 100.0),
            (None, true) => "E".into(),
            (None, false) => "— (gap)".into(),
        };
        let published = y.published_nir_pct.map_or("—".into(), |p| {
            format!(
                "{}{}%",
                if y.published_nir_lower_bound { ">" } else { "" },
                num::text(p)
            )
        });
        report.listing.rows.push(vec![
            Val::Text(y.year.to_string()),
            Val::Num(y.production, 0),
            Val::Num(y.apparent_consumption, 0),
            Val::Text(text),
            Val::Text(published),
        ]);
    }
    report.notes.push("NIR = 1 − primary production / apparent consumption (MCS definition: imports − exports ± stock adjustments, as a share of apparent consumption). Concentrate: the US is a net exporter (E). `>95%`: USGS gives a lower bound.".into());
    for g in &a.gaps {
        report.notes.push(format!("gap: {g}"));
    }
    report
}

/// The EU assessment as CSV: the headline results (SR, EI, critical) as leading `summary`
/// rows, then one `stage` row per stage.
fn eu_csv(r: &RiskEuResult) -> Listing {
    let a = &r.assessment;
    let mut l = Listing {
        headers: [
            "kind",
            "measure",
            "stage",
            "computed",
            "published",
            "hhi_wgi",
            "status",
        ]
        .map(String::from)
        .to_vec(),
        rows: Vec::new(),
    };
    let text = |s: &str| Val::Text(s.into());
    let yes_no = |b: Option<bool>| text(b.map_or("", |b| if b { "yes" } else { "no" }));
    l.rows.push(vec![
        text("summary"),
        text("sr"),
        text(a.bottleneck.as_deref().unwrap_or("")),
        Val::Num(a.sr, 2),
        Val::Num(a.published.sr, 2),
        Val::Num(None, 3),
        text(if a.sr.is_some() { "computed" } else { "gaps" }),
    ]);
    l.rows.push(vec![
        text("summary"),
        text("ei"),
        text(""),
        Val::Num(a.ei, 2),
        Val::Num(a.published.ei, 2),
        Val::Num(None, 3),
        text(if a.ei.is_some() { "computed" } else { "gaps" }),
    ]);
    l.rows.push(vec![
        text("summary"),
        text("critical"),
        text(""),
        yes_no(a.critical),
        yes_no(a.published.critical),
        Val::Num(None, 3),
        text("SR >= 1 and EI >= 2.8"),
    ]);
    for (stage, e) in [
        ("extraction", &a.stages.extraction),
        ("processing", &a.stages.processing),
    ] {
        l.rows.push(vec![
            text("stage"),
            text("sr"),
            text(stage),
            Val::Num(e.sr, 2),
            Val::Num(e.published_sr, 2),
            Val::Num(e.hhi_wgi, 3),
            text(if e.sr.is_some() { "computed" } else { "gaps" }),
        ]);
    }
    l
}
