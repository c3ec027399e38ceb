//! One element's assessment (Dy, Nd, Sc, ...): each stage's SR from its shares with the
//! basis the report used, the SR at the stage the report took, the EI from its end uses,
//! each beside the published value with its status and reasons.

use super::diagnose::{ei_reasons, stage_reasons, EiFacts, StageFacts, Use};
use super::inputs::{shared, MaterialInputs};
use super::types::*;
use super::{
    is_critical, printed_economic_importance, printed_hhi_wgi_t, supply_risk, wgi_scaled_mean,
    AssessError, Supplier, ROUNDING, STAGES, WGI_YEARS,
};
use model::eucrm::{EuInput, EuTables};
use model::wgi::WgiRow;
use model::{num, CountryCode};

/// An input row as listed in an assessment.
pub(super) fn input_used(r: &EuInput) -> InputUsed {
    InputUsed {
        name: r.input.clone(),
        stage: r.stage.clone(),
        country: r.country.clone(),
        value: InputValue::Text(r.value.clone()),
        unit: r.unit.clone(),
        source: r.source.clone(),
        note: Some(r.notes.clone()),
        at: (!r.at.is_empty()).then(|| r.at.clone()),
    }
}

/// What an assessment collects while it works.
pub(super) struct Collect {
    /// Inputs used.
    pub inputs: Vec<InputUsed>,
    /// Gaps.
    pub gaps: Vec<String>,
    /// Notes.
    pub notes: Vec<String>,
    /// Other readings.
    pub other_readings: Vec<OtherReading>,
}

/// The suppliers of a share table at a stage, with their scaled WGI and t; missing WGI
/// and gap rows go to `missing`.
fn suppliers(
    m: &MaterialInputs,
    stage: &str,
    share: &str,
    trade: &str,
    wgi: &[WgiRow],
    c: &mut Collect,
    missing: &mut Vec<String>,
) -> Result<Vec<Supplier>, AssessError> {
    let mut out = Vec::new();
    for s in m.table(stage, share) {
        let code = CountryCode::parse(&s.country)
            .ok_or_else(|| AssessError::NotACountry(s.country.clone()))?;
        let Some(x) = s.number() else {
            missing.push(format!("{stage}: {share} of {} ({})", s.country, s.notes));
            continue;
        };
        let t = m
            .table(stage, trade)
            .into_iter()
            .find(|r| r.country == s.country)
            .and_then(EuInput::number)
            .unwrap_or(1.0);
        match wgi_scaled_mean(wgi, code)? {
            Some(w) => {
                if !c
                    .inputs
                    .iter()
                    .any(|i| i.name == "wgi_scaled" && i.stage == stage && i.country == s.country)
                {
                    c.inputs.push(InputUsed {
                        name: "wgi_scaled".into(),
                        stage: stage.into(),
                        country: s.country.clone(),
                        value: InputValue::Number(w),
                        unit: "0-10".into(),
                        source: format!(
                            "WGI2024, mean of (2.5 - mean of six estimates) x 2 over {}-{}",
                            WGI_YEARS.start(),
                            WGI_YEARS.end()
                        ),
                        note: None,
                        at: None,
                    });
                }
                out.push(Supplier {
                    country: s.country.clone(),
                    share: x,
                    wgi_scaled: w,
                    trade: t,
                });
            }
            None => missing.push(format!("{stage}: WGI of {}", s.country)),
        }
    }
    Ok(out)
}

/// `HHI_WGI,t` of a table as printed, noting a rounded sum; an impossible sum is a gap.
fn hhi(
    what: &str,
    suppliers: &[Supplier],
    c: &mut Collect,
    missing: &mut Vec<String>,
) -> Option<f64> {
    match printed_hhi_wgi_t(what, suppliers, ROUNDING) {
        Ok((h, sum)) => {
            if (sum - 1.0).abs() > 0.0005 {
                c.notes.push(format!(
                    "{what}: the shares sum to {}% as printed (rounded); used as printed, not rescaled",
                    num::text((sum * 1000.0).round() / 10.0)
                ));
            }
            Some(h)
        }
        Err(e) => {
            missing.push(e.to_string());
            None
        }
    }
}

/// One stage.
fn stage(
    m: &MaterialInputs,
    stage: &str,
    wgi: &[WgiRow],
    c: &mut Collect,
) -> Result<StageAssessment, AssessError> {
    let mut st = StageAssessment::empty(Status::Gap);
    let published_row = m.at_stage(stage, "published_stage_sr");
    st.published_sr = published_row.and_then(EuInput::number);
    let mut printed = published_row
        .map(|r| r.notes.clone())
        .filter(|n| !n.is_empty());
    let headline = m.number("all", "published_sr");
    if st.published_sr.is_none() && m.text("all", "stage_used") == Some(stage) {
        if let Some(h) = headline {
            st.published_sr = Some(h);
            let derived = format!(
                "the report takes the SR ({}) at this stage, so that is the stage's published SR",
                score_text(h)
            );
            printed = Some(match printed {
                Some(n) => format!("{n}; {derived}"),
                None => format!("no stage SR; {derived}"),
            });
        }
    }
    if let Some(n) = printed {
        st.reasons.push(format!("published: {n}"));
    }
    let Some(basis) = m.at_stage(stage, "supply_used").map(|r| r.value.clone()) else {
        if st.published_sr.is_none() {
            st.status = Status::NotAssessed;
            st.reasons
                .push("the report does not assess this stage".into());
        } else {
            c.gaps
                .push(format!("{stage}: the supply the report used (GS or GS+EU)"));
        }
        return Ok(st);
    };
    st.basis = Some(basis.clone());
    let mut missing = Vec::new();
    let number = |input: &str, missing: &mut Vec<String>| {
        let x = m.number(stage, input);
        if x.is_none() {
            missing.push(format!("{stage}: {input}"));
        }
        x
    };
    let eol = number("eol_rir", &mut missing);
    let si = number("si_sr", &mut missing);
    let ir = match basis.as_str() {
        "GS+EU" => number("import_reliance", &mut missing),
        "EU" => Some(0.0),
        _ => Some(1.0),
    };
    let global = if basis == "EU" {
        Vec::new()
    } else {
        let g = suppliers(
            m,
            stage,
            "global_supply_share",
            "global_supply_t",
            wgi,
            c,
            &mut missing,
        )?;
        if g.is_empty() {
            missing.push(format!("{stage}: global supply shares by country"));
        }
        g
    };
    let eu = if basis == "GS" {
        Vec::new()
    } else {
        let e = suppliers(
            m,
            stage,
            "eu_sourcing_share",
            "eu_sourcing_t",
            wgi,
            c,
            &mut missing,
        )?;
        if e.is_empty() {
            missing.push(format!(
                "{stage}: EU sourcing shares by country (the report uses {basis} here)"
            ));
        }
        e
    };
    if !missing.is_empty() {
        c.gaps.extend(missing);
        return Ok(st);
    }
    let hhi_global = if basis == "EU" {
        Some(0.0)
    } else {
        hhi(
            &format!("{} {stage} global supply", m.id),
            &global,
            c,
            &mut missing,
        )
    };
    let hhi_eu = if basis == "GS" {
        Some(None)
    } else {
        hhi(
            &format!("{} {stage} EU sourcing", m.id),
            &eu,
            c,
            &mut missing,
        )
        .map(Some)
    };
    let (Some(hg), Some(he), Some(ir), Some(eol), Some(si)) = (hhi_global, hhi_eu, ir, eol, si)
    else {
        c.gaps.extend(missing);
        return Ok(st);
    };
    let sr = supply_risk(hg, he, ir, eol, si)?;
    st.sr = Some(sr);
    st.hhi_wgi = (basis != "EU").then_some(hg);
    st.hhi_wgi_eu = Some(he.unwrap_or(hg));
    st.import_reliance = (basis == "GS+EU").then_some(ir);
    st.trade_factor = global
        .iter()
        .chain(&eu)
        .map(|s| s.trade)
        .fold(1.0, f64::max);
    st.status = Status::of(st.sr, st.published_sr);
    st.difference = st.published_sr.map(|p| sr - p);
    if let (Status::Close | Status::Differs, Some(p)) = (st.status, st.published_sr) {
        let facts = StageFacts {
            basis: &basis,
            computed: sr,
            published: p,
            hhi_global: hg,
            hhi_eu: he,
            ir,
            eol,
            si,
            global: &global,
            eu: &eu,
        };
        st.reasons.extend(stage_reasons(&facts, wgi));
    }
    Ok(st)
}

/// The EI, its lower-bound flag, its reasons; gaps and inputs go to `c`.
fn economic_importance(
    m: &MaterialInputs,
    tables: &EuTables,
    c: &mut Collect,
) -> Result<(Option<f64>, bool, Vec<String>), AssessError> {
    let uses = m.table("all", "end_use_share");
    let mut reasons = Vec::new();
    if uses.iter().all(|u| u.is_gap()) {
        let why = uses
            .iter()
            .map(|u| u.notes.clone())
            .find(|n| !n.is_empty())
            .unwrap_or_else(|| format!("no end-use shares for {}", m.id));
        c.gaps.push(format!("economic importance: {why}"));
        reasons.push(why);
        return Ok((None, false, reasons));
    }
    let (max_q, other) = shared(tables, "max_sector_value_added", None);
    c.other_readings.extend(other);
    let si = m.number("all", "si_ei");
    let mut sectors: Vec<Use> = Vec::new();
    let mut missing = Vec::new();
    for u in &uses {
        let Some(share) = u.number() else {
            missing.push(format!("end-use share of {} ({})", u.country, u.notes));
            continue;
        };
        let value_added = if u.country.is_empty() {
            None
        } else {
            let (row, other) = shared(tables, "sector_value_added", Some(&u.country));
            c.other_readings.extend(other);
            match row.and_then(EuInput::number) {
                Some(q) => {
                    if let Some(r) = row {
                        if !c
                            .inputs
                            .iter()
                            .any(|i| i.name == r.input && i.country == r.country)
                        {
                            c.inputs.push(input_used(r));
                        }
                    }
                    Some(q)
                }
                None => {
                    missing.push(format!("value added of sector {}", u.country));
                    None
                }
            }
        };
        sectors.push(Use {
            application: u.notes.split(';').next().unwrap_or("").trim(),
            share,
            nace: &u.country,
            value_added,
        });
    }
    if let Some(r) = max_q {
        c.inputs.push(input_used(r));
    }
    let (Some(q), Some(si)) = (max_q.and_then(EuInput::number), si) else {
        missing.push("the largest sector's value added (max Q) or SI_EI".into());
        c.gaps
            .extend(missing.iter().map(|g| format!("economic importance: {g}")));
        reasons.extend(missing);
        return Ok((None, false, reasons));
    };
    if !missing.is_empty() {
        c.gaps
            .extend(missing.iter().map(|g| format!("economic importance: {g}")));
        reasons.extend(missing);
        return Ok((None, false, reasons));
    }
    let pairs: Vec<(f64, Option<f64>)> = sectors.iter().map(|s| (s.share, s.value_added)).collect();
    let p = printed_economic_importance(&pairs, q, si)?;
    let published = m.number("all", "published_ei");
    let status = Status::of(Some(p.ei), published);
    if let (Status::Close | Status::Differs, Some(published)) = (status, published) {
        let all_sectors: Vec<(String, f64)> = tables
            .inputs
            .iter()
            .chain(&tables.earlier)
            .filter(|r| r.material == "all" && r.input == "sector_value_added")
            .filter_map(|r| Some((r.country.clone(), r.number()?)))
            .fold(Vec::new(), |mut v, (code, va)| {
                if !v.iter().any(|(c, _): &(String, f64)| *c == code) {
                    v.push((code, va));
                }
                v
            });
        let facts = EiFacts {
            id: &m.id,
            computed: p.ei,
            published,
            uses: &sectors,
            sum_aq: p.sum_aq,
            unassigned: p.unassigned,
            share_sum: p.share_sum,
            max_q: q,
            si,
        };
        reasons.extend(ei_reasons(&facts, &tables.inputs, &all_sectors));
    } else if p.unassigned > 0.0 {
        c.notes.push(format!(
            "EI: {}% of the uses is printed without a NACE sector or value added and counts as nothing (the EI is a lower bound)",
            num::text((p.unassigned * 1000.0).round() / 10.0)
        ));
    }
    Ok((Some(p.ei), p.unassigned > 0.0, reasons))
}

/// The assessment of one element from its merged inputs.
pub(super) fn assess_element(
    m: &MaterialInputs,
    tables: &EuTables,
    wgi: &[WgiRow],
    citation: &dyn Fn(&str) -> String,
) -> Result<Assessment, AssessError> {
    let mut c = Collect {
        inputs: Vec::new(),
        gaps: Vec::new(),
        notes: m.notes.clone(),
        other_readings: m.other_readings.clone(),
    };
    let used: Vec<&EuInput> = m.rows.iter().filter(|r| r.input != "name").collect();
    c.inputs.extend(used.iter().map(|r| input_used(r)));
    let extraction = stage(m, STAGES[0], wgi, &mut c)?;
    let processing = stage(m, STAGES[1], wgi, &mut c)?;
    let stages = Stages {
        extraction,
        processing,
    };
    let (ei, ei_lower_bound, ei_why) = economic_importance(m, tables, &mut c)?;
    let computed: Vec<(&str, f64)> = STAGES
        .iter()
        .filter_map(|s| Some((*s, stages.get(s)?.sr?)))
        .collect();
    let computed_bottleneck = (computed.len() == 2)
        .then(|| {
            computed
                .iter()
                .max_by(|a, b| a.1.total_cmp(&b.1))
                .map(|(s, _)| s.to_string())
        })
        .flatten();
    let bottleneck = m
        .text("all", "stage_used")
        .map(str::to_string)
        .or_else(|| computed_bottleneck.clone());
    let at_bottleneck = bottleneck.as_deref().and_then(|b| stages.get(b));
    let sr = at_bottleneck.and_then(|s| s.sr);
    let published = published(m, tables, citation);
    let status = ValueStatus {
        sr: Status::of(sr, published.sr),
        ei: Status::of(ei, published.ei),
    };
    let mut reasons = ValueReasons::default();
    if status.sr != Status::Match {
        if let (Some(b), Some(s)) = (&bottleneck, at_bottleneck) {
            reasons
                .sr
                .extend(s.reasons.iter().map(|r| format!("{b}: {r}")));
        }
        if sr.is_none() {
            reasons
                .sr
                .push("an input of the stage the report used is missing (see gaps)".into());
        }
    }
    if let (Some(cb), Some(b)) = (&computed_bottleneck, &bottleneck) {
        if let (true, Some(x)) = (cb != b, stages.get(cb).and_then(|s| s.sr)) {
            reasons.sr.push(format!(
                "computed, {cb} has the larger SR ({x:.2}); the report took {b}, and so does rareflow"
            ));
        }
    }
    if status.ei != Status::Match {
        reasons.ei = ei_why;
    }
    let differences = differences(&stages, &status, sr, ei, &published, &reasons);
    Ok(Assessment {
        material: m.id.clone(),
        name: m.name(),
        sr,
        ei,
        critical: sr.zip(ei).map(|(s, e)| is_critical(s, e)),
        differences,
        bottleneck,
        computed_bottleneck,
        stages,
        inputs: c.inputs,
        gaps: c.gaps,
        difference: ValueDifference {
            sr: sr.zip(published.sr).map(|(c, p)| c - p),
            ei: ei.zip(published.ei).map(|(c, p)| c - p),
        },
        published,
        status,
        reasons,
        ei_lower_bound,
        group: None,
        other_readings: c.other_readings,
        notes: c.notes,
        rows: used.into_iter().cloned().collect(),
    })
}

/// The published scores of a material.
pub(super) fn published(
    m: &MaterialInputs,
    tables: &EuTables,
    citation: &dyn Fn(&str) -> String,
) -> Published {
    let sr_row = m.find("all", "published_sr");
    let (sr, ei) = (
        sr_row.and_then(EuInput::number),
        m.number("all", "published_ei"),
    );
    Published {
        sr,
        ei,
        critical: sr.zip(ei).map(|(s, e)| is_critical(s, e)),
        source: citation(sr_row.map_or("EU-CRM-2023", |r| r.source.as_str())),
        stage_used: m.text("all", "stage_used").map(str::to_string),
        by_assessment: tables
            .by_assessment
            .iter()
            .filter(|p| p.material.eq_ignore_ascii_case(&m.id))
            .map(|p| PublishedScore {
                year: p.year,
                sr: p.sr,
                ei: p.ei,
                source: p.source.clone(),
            })
            .collect(),
    }
}

/// Every value that differs by more than 0.3, with its reasons.
pub(super) fn differences(
    stages: &Stages,
    status: &ValueStatus,
    sr: Option<f64>,
    ei: Option<f64>,
    published: &Published,
    reasons: &ValueReasons,
) -> Vec<String> {
    let mut out = Vec::new();
    let mut line = |what: &str, s: Status, c: Option<f64>, p: Option<f64>, why: &[String]| {
        if let (Status::Differs, Some(c), Some(p)) = (s, c, p) {
            out.push(format!(
                "{what} computed {c:.2} vs published {}: {}",
                score_text(p),
                why.join("; ")
            ));
        }
    };
    line("SR", status.sr, sr, published.sr, &reasons.sr);
    line("EI", status.ei, ei, published.ei, &reasons.ei);
    for s in STAGES {
        if let Some(st) = stages.get(s) {
            line(
                &format!("{s} SR"),
                st.status,
                st.sr,
                st.published_sr,
                &st.reasons,
            );
        }
    }
    out
}
