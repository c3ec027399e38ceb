//! `rareflow risk eu` and `rareflow risk usgs` rendered: computed beside published, each
//! value with its status (✓ match, ~ close, ✗ differs, gap) and the reasons the inputs
//! show, each stage, a group's members, gaps, and every input with its source.

use crate::output::{Listing, Report, Val};
use model::num;
use service::risk::{
    score_text, Assessment, RiskEuAllResult, RiskEuResult, RiskUsgsResult, StageAssessment, Status,
};

/// The legend of the status marks.
const STATUS_LEGEND: &str = "Status: ✓ match (|computed − published| ≤ 0.1), ~ close (≤ 0.3), ✗ differs (more), gap (an input is missing), n/a (the report does not assess the stage).";

fn status_text(s: Status) -> String {
    match s {
        Status::Gap | Status::NotAssessed => s.symbol().to_string(),
        _ => format!("{} {}", s.symbol(), s.id()),
    }
}

/// Computed − published with its sign and two decimals (`+0.22`, `-0.00`).
fn difference(d: Option<f64>) -> Val {
    Val::Text(d.map_or_else(|| "—".into(), |d| format!("{d:+.2}")))
}

fn yes_no(b: Option<bool>) -> &'static str {
    b.map_or("—", |b| if b { "yes" } else { "no" })
}

/// The stage rows of an assessment, for the table.
fn stage_row(label: &str, stage: &str, e: &StageAssessment) -> Vec<Val> {
    vec![
        Val::Text(label.into()),
        Val::Text(stage.into()),
        Val::Text(e.basis.clone().unwrap_or_else(|| "—".into())),
        Val::Num(e.sr, 2),
        Val::Num(e.published_sr, 2),
        difference(e.difference),
        Val::Text(status_text(e.status)),
        Val::Num(e.hhi_wgi, 3),
        Val::Num(
            if e.basis.as_deref() == Some("GS") {
                None
            } else {
                e.hhi_wgi_eu
            },
            3,
        ),
    ]
}

/// Renders one EU assessment.
pub fn render_eu(r: &RiskEuResult) -> Report {
    let a = &r.assessment;
    let mut report = Report {
        title: vec![format!(
            "EU CRM supply risk and economic importance, {}: computed from the 2023 inputs beside the published values (2017 method)",
            if a.name == a.material { a.material.clone() } else { format!("{} ({})", a.material, a.name) }
        )],
        ..Report::default()
    };
    report.listing.headers = [
        "value",
        "stage",
        "basis",
        "computed",
        "published",
        "difference",
        "status",
        "HHI_WGI,t GS",
        "HHI_WGI,t EU",
    ]
    .map(String::from)
    .to_vec();
    let used = a.bottleneck.as_deref().unwrap_or("—");
    let at_used = a.bottleneck.as_deref().and_then(|b| a.stages.get(b));
    report.listing.rows.push(vec![
        Val::Text("SR".into()),
        Val::Text(format!("{used} (used)")),
        Val::Text(at_used.and_then(|s| s.basis.clone()).unwrap_or_else(|| {
            if a.group.is_some() {
                "members".into()
            } else {
                "—".into()
            }
        })),
        Val::Num(a.sr, 2),
        Val::Num(a.published.sr, 2),
        difference(a.difference.sr),
        Val::Text(status_text(a.status.sr)),
        Val::Num(None, 3),
        Val::Num(None, 3),
    ]);
    report.listing.rows.push(vec![
        Val::Text("EI".into()),
        Val::Text("all".into()),
        Val::Text(if a.group.is_some() {
            "members".into()
        } else {
            "—".into()
        }),
        Val::Num(a.ei, 2),
        Val::Num(a.published.ei, 2),
        difference(a.difference.ei),
        Val::Text(status_text(a.status.ei)),
        Val::Num(None, 3),
        Val::Num(None, 3),
    ]);
    for (stage, e) in [
        ("extraction", &a.stages.extraction),
        ("processing", &a.stages.processing),
    ] {
        report.listing.rows.push(stage_row("SR", stage, e));
    }
    if let Some(g) = &a.group {
        let mut members = Listing {
            headers: [
                "member",
                "SR",
                "published SR",
                "status",
                "SR extraction",
                "SR processing",
                "EI",
                "published EI",
                "status",
            ]
            .map(String::from)
            .to_vec(),
            rows: Vec::new(),
        };
        for m in &g.members {
            members.rows.push(vec![
                Val::Text(m.material.clone()),
                Val::Num(m.sr, 2),
                Val::Num(m.published_sr, 2),
                Val::Text(status_text(m.status.sr)),
                Val::Num(m.extraction_sr, 2),
                Val::Num(m.processing_sr, 2),
                Val::Num(m.ei, 2),
                Val::Num(m.published_ei, 2),
                Val::Text(status_text(m.status.ei)),
            ]);
        }
        members.rows.push(vec![
            Val::Text("mean".into()),
            Val::Num(a.sr, 2),
            Val::Num(g.published_members_mean.sr, 2),
            Val::Text(String::new()),
            Val::Num(a.stages.extraction.sr, 2),
            Val::Num(a.stages.processing.sr, 2),
            Val::Num(a.ei, 2),
            Val::Num(g.published_members_mean.ei, 2),
            Val::Text(String::new()),
        ]);
        report.more.push((
            format!("Members of {} (published columns: each member's published value; the mean row: their mean)", a.material),
            members,
        ));
        report
            .notes
            .push(format!("group weighting: {}", g.weighting));
    }
    report.notes.push(format!(
        "critical: {} computed, {} published (SR ≥ 1 and EI ≥ 2.8){}",
        yes_no(a.critical),
        yes_no(a.published.critical),
        if a.ei_lower_bound {
            "; the computed EI is a lower bound"
        } else {
            ""
        }
    ));
    report.notes.push(STATUS_LEGEND.into());
    let mut reason = |what: String, reasons: &[String]| {
        for x in reasons {
            report.notes.push(format!("{what}: {x}"));
        }
    };
    reason(format!("SR ({})", status_text(a.status.sr)), &a.reasons.sr);
    reason(format!("EI ({})", status_text(a.status.ei)), &a.reasons.ei);
    for (stage, e) in [
        ("extraction", &a.stages.extraction),
        ("processing", &a.stages.processing),
    ] {
        // The headline SR's reasons already give those of the stage it is taken at.
        if a.group.is_some() || a.bottleneck.as_deref() != Some(stage) || a.reasons.sr.is_empty() {
            reason(
                format!("{stage} SR ({})", status_text(e.status)),
                &e.reasons,
            );
        }
    }
    for n in &a.notes {
        report.notes.push(format!("note: {n}"));
    }
    for g in &a.gaps {
        report.notes.push(format!("gap: {g}"));
    }
    for o in &a.other_readings {
        report.notes.push(format!(
            "other reading: {} {} {} = {} [{}]; used {} [{}]",
            o.stage,
            o.name,
            o.country,
            o.other,
            o.other_source,
            if o.used.is_empty() { "(none)" } else { &o.used },
            o.used_source
        ));
    }
    for p in &a.published.by_assessment {
        report.notes.push(format!(
            "published {}: SR {}, EI {} [{}]",
            p.year,
            p.sr.map_or("—".into(), num::text),
            p.ei.map_or("—".into(), num::text),
            p.source
        ));
    }
    let mut sources: Vec<(&str, &str)> = Vec::new();
    for (i, citation) in &r.cited_rows {
        report.notes.push(format!(
            "input: {} {} {} = {} {}{} [{}]",
            i.stage,
            i.input,
            i.country,
            if i.value.is_empty() {
                "(gap)"
            } else {
                &i.value
            },
            i.unit,
            if i.at.is_empty() {
                String::new()
            } else {
                format!(" at {}", i.at)
            },
            i.source
        ));
        if !sources.iter().any(|(s, _)| *s == i.source) {
            sources.push((&i.source, citation));
        }
    }
    for (id, citation) in sources {
        report.notes.push(format!("source {id}: {citation}"));
    }
    report.csv = Some(eu_csv(a, None));
    report
}

/// Renders every EU assessment: one row per material, the reasons below.
pub fn render_eu_all(r: &RiskEuAllResult) -> Report {
    let mut report = Report {
        title: vec!["EU CRM 2023, every rare-earth row: computed from the inputs beside the published values (2017 method; stage cells: computed / published)".into()],
        ..Report::default()
    };
    report.listing.headers = [
        "material",
        "basis E/P",
        "SR extraction",
        "SR processing",
        "used",
        "SR",
        "published SR",
        "status",
        "EI",
        "published EI",
        "status",
    ]
    .map(String::from)
    .to_vec();
    let cell = |e: &StageAssessment| match e.status {
        Status::NotAssessed => "n/a".to_string(),
        s => format!(
            "{} / {} {}",
            e.sr.map_or("—".into(), |x| format!("{x:.2}")),
            e.published_sr.map_or("—".into(), score_text),
            s.symbol()
        ),
    };
    let mut csv: Option<Listing> = None;
    for one in &r.assessments {
        let a = &one.assessment;
        let basis = |e: &StageAssessment| e.basis.clone().unwrap_or_else(|| "—".into());
        report.listing.rows.push(vec![
            Val::Text(a.material.clone()),
            Val::Text(format!(
                "{} / {}",
                basis(&a.stages.extraction),
                basis(&a.stages.processing)
            )),
            Val::Text(cell(&a.stages.extraction)),
            Val::Text(cell(&a.stages.processing)),
            Val::Text(match a.bottleneck.as_deref() {
                Some("extraction") => "E".into(),
                Some("processing") => "P".into(),
                _ => "—".into(),
            }),
            Val::Num(a.sr, 2),
            Val::Num(a.published.sr, 2),
            Val::Text(status_text(a.status.sr)),
            Val::Num(a.ei, 2),
            Val::Num(a.published.ei, 2),
            Val::Text(status_text(a.status.ei)),
        ]);
        let rows = eu_csv(a, Some(&a.material));
        match &mut csv {
            Some(l) => l.rows.extend(rows.rows),
            None => csv = Some(rows),
        }
        for (what, s, reasons) in [
            ("SR", a.status.sr, &a.reasons.sr),
            ("EI", a.status.ei, &a.reasons.ei),
        ] {
            if s != Status::Match && !reasons.is_empty() {
                report.notes.push(format!(
                    "{} {what} {}: {}",
                    a.material,
                    status_text(s),
                    reasons.join("; ")
                ));
            }
        }
        for (stage, e) in [
            ("extraction", &a.stages.extraction),
            ("processing", &a.stages.processing),
        ] {
            if matches!(e.status, Status::Differs | Status::Close)
                && a.bottleneck.as_deref() != Some(stage)
            {
                report.notes.push(format!(
                    "{} {stage} SR {}: {}",
                    a.material,
                    status_text(e.status),
                    e.reasons.join("; ")
                ));
            }
        }
    }
    report.notes.insert(0, STATUS_LEGEND.into());
    report.notes.insert(1, "Groups (HREE, LREE): the means of their members' computed values (2017 study, p.11); `risk eu --material HREE` shows the members.".into());
    report.csv = csv;
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
/// rows, then one `stage` row per stage; with `material`, a leading column naming it (for
/// `--all`).
fn eu_csv(a: &Assessment, material: Option<&str>) -> Listing {
    let mut headers: Vec<String> = Vec::new();
    if material.is_some() {
        headers.push("material".into());
    }
    headers.extend(
        [
            "kind",
            "measure",
            "stage",
            "computed",
            "published",
            "hhi_wgi",
            "status",
        ]
        .map(String::from),
    );
    let mut l = Listing {
        headers,
        rows: Vec::new(),
    };
    let text = |s: &str| Val::Text(s.into());
    let yes_no = |b: Option<bool>| text(b.map_or("", |b| if b { "yes" } else { "no" }));
    let mut push = |mut row: Vec<Val>| {
        if let Some(m) = material {
            row.insert(0, text(m));
        }
        l.rows.push(row);
    };
    push(vec![
        text("summary"),
        text("sr"),
        text(a.bottleneck.as_deref().unwrap_or("")),
        Val::Num(a.sr, 2),
        Val::Num(a.published.sr, 2),
        Val::Num(None, 3),
        text(a.status.sr.id()),
    ]);
    push(vec![
        text("summary"),
        text("ei"),
        text(""),
        Val::Num(a.ei, 2),
        Val::Num(a.published.ei, 2),
        Val::Num(None, 3),
        text(a.status.ei.id()),
    ]);
    push(vec![
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
        push(vec![
            text("stage"),
            text("sr"),
            text(stage),
            Val::Num(e.sr, 2),
            Val::Num(e.published_sr, 2),
            Val::Num(e.hhi_wgi, 3),
            text(e.status.id()),
        ]);
    }
    l
}
