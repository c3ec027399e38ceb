//! Why a computed value differs from the published one, as far as the inputs show: the
//! concentration or recycling rate the published value would need (back-solved from the
//! formula), whether any single WGI year reaches it, uses printed without a sector, an
//! application filed under another sector for another material. Arithmetic on a
//! hypothesis is labelled "what-if"; it never replaces a computed value.

use super::types::score_text;
use super::{supply_risk, wgi_scaled_over, Supplier, WGI_YEARS, WGI_YEARS_TRIED};
use model::eucrm::EuInput;
use model::num;
use model::wgi::WgiRow;
use model::CountryCode;

/// One stage's inputs and results, for its diagnosis.
pub(super) struct StageFacts<'a> {
    /// `GS`, `GS+EU` or `EU`.
    pub basis: &'a str,
    /// Computed SR.
    pub computed: f64,
    /// Published SR.
    pub published: f64,
    /// `HHI_WGI,t` of global supply (0 when not used).
    pub hhi_global: f64,
    /// `HHI_WGI,t` of EU sourcing, where used.
    pub hhi_eu: Option<f64>,
    /// Import reliance used in the weighting.
    pub ir: f64,
    /// EoL-RIR.
    pub eol: f64,
    /// SI_SR.
    pub si: f64,
    /// Global suppliers.
    pub global: &'a [Supplier],
    /// EU suppliers.
    pub eu: &'a [Supplier],
}

fn pct(x: f64) -> String {
    format!("{}%", num::text((x * 1000.0).round() / 10.0))
}

/// The supplier that scores highest alone (share 1), and its score.
fn highest(suppliers: &[Supplier]) -> Option<(&str, f64)> {
    suppliers
        .iter()
        .map(|s| (s.country.as_str(), s.wgi_scaled * s.trade))
        .max_by(|a, b| a.1.total_cmp(&b.1))
}

/// The reasons for a stage SR that is not a match.
pub(super) fn stage_reasons(f: &StageFacts<'_>, wgi: &[WgiRow]) -> Vec<String> {
    let mut out = Vec::new();
    let scale = (1.0 - f.eol) * f.si;
    if scale > 0.0 {
        let core = f.published / scale;
        match (f.basis, f.hhi_eu) {
            ("GS+EU", Some(eu)) if f.ir < 2.0 => {
                let needed = (core - f.hhi_global * f.ir / 2.0) / (1.0 - f.ir / 2.0);
                let mut r = format!(
                    "the published {} needs an HHI_WGI,t of EU sourcing of {:.2} (with {:.3} for global supply); the printed EU rows give {:.3}",
                    score_text(f.published),
                    needed,
                    f.hhi_global,
                    eu
                );
                if needed < 0.0 {
                    r.push_str(": global supply alone already exceeds it");
                } else if let Some((c, top)) = highest(f.eu).filter(|(_, top)| needed > *top) {
                    r.push_str(&format!(", and no mix of the printed EU suppliers can reach {needed:.2} (the highest alone, {c}, scores {top:.2})"));
                }
                out.push(r);
                if (eu - f.hhi_global).abs() <= 0.02 * f.hhi_global {
                    out.push(format!(
                        "the printed EU-sourcing rows give the same concentration as the global ones ({eu:.3} against {:.3}): they look like the global rows rounded, not the EU's sourcing mix",
                        f.hhi_global
                    ));
                }
            }
            (_, hhi) => {
                let (what, h, suppliers) = match hhi {
                    Some(eu) if f.basis == "EU" => ("EU sourcing", eu, f.eu),
                    _ => ("global supply", f.hhi_global, f.global),
                };
                let weight = |s: &Supplier| s.share * s.share * s.trade;
                if let [only] = suppliers
                    .iter()
                    .filter(|s| weight(s) > 0.0)
                    .collect::<Vec<_>>()[..]
                {
                    let w = core / weight(only);
                    out.push(format!(
                        "the published {} needs WGI_scaled({}) = {w:.2}; its {}-{} mean is {:.3}",
                        score_text(f.published),
                        only.country,
                        WGI_YEARS.start(),
                        WGI_YEARS.end(),
                        only.wgi_scaled
                    ));
                } else {
                    let mut r = format!(
                        "the published {} needs an HHI_WGI,t of {what} of {core:.2}; the printed shares give {h:.3}",
                        score_text(f.published)
                    );
                    if let Some((c, top)) = highest(suppliers).filter(|(_, top)| core > *top) {
                        r.push_str(&format!(", and no mix of the printed suppliers can reach it (the highest alone, {c}, scores {top:.2})"));
                    }
                    out.push(r);
                }
            }
        }
    }
    // The recycling rate that would give the published value, everything else as printed.
    if f.computed > 0.0 {
        let eol = 1.0 - f.published * (1.0 - f.eol) / f.computed;
        if (0.0..1.0).contains(&eol) && (eol - f.eol).abs() >= 0.005 {
            out.push(format!(
                "what-if: an EoL-RIR of {} instead of the transcribed {} gives the published value",
                pct(eol),
                pct(f.eol)
            ));
        }
    }
    out.push(wgi_years(f, wgi));
    out
}

/// Whether any single WGI year brings the SR within 0.1 of the published value.
fn wgi_years(f: &StageFacts<'_>, wgi: &[WgiRow]) -> String {
    let rescored = |suppliers: &[Supplier], year: i32| -> Option<f64> {
        let mut h = 0.0;
        for s in suppliers {
            let code = CountryCode::parse(&s.country)?;
            let w = wgi_scaled_over(wgi, code, year..=year).ok()??;
            h += s.share * s.share * w * s.trade;
        }
        Some(h)
    };
    let mut by_year = Vec::new();
    for year in WGI_YEARS_TRIED {
        let global = if f.basis == "EU" {
            Some(0.0)
        } else {
            rescored(f.global, year)
        };
        let eu = if f.hhi_eu.is_some() {
            rescored(f.eu, year).map(Some)
        } else {
            Some(None)
        };
        if let (Some(g), Some(e)) = (global, eu) {
            if let Ok(sr) = supply_risk(g, e, f.ir, f.eol, f.si) {
                by_year.push((year, sr));
            }
        }
    }
    let matching: Vec<String> = by_year
        .iter()
        .filter(|(_, sr)| (sr - f.published).abs() <= super::MATCH_WITHIN + 1e-9)
        .map(|(y, sr)| format!("{y} ({sr:.2})"))
        .collect();
    if !matching.is_empty() {
        return format!(
            "a WGI vintage or window may explain it: the WGI of {} alone gives a match",
            matching.join(", ")
        );
    }
    let lo = by_year.iter().min_by(|a, b| a.1.total_cmp(&b.1));
    let hi = by_year.iter().max_by(|a, b| a.1.total_cmp(&b.1));
    match (lo, hi) {
        (Some((ly, l)), Some((hy, h))) => format!(
            "not the WGI window: no single WGI year from {} to {} brings it within 0.1 ({l:.2} with {ly} to {h:.2} with {hy})",
            WGI_YEARS_TRIED.start(),
            WGI_YEARS_TRIED.end()
        ),
        _ => "the WGI of single years is incomplete for these suppliers".into(),
    }
}

/// One end use with its sector's value added.
pub(super) struct Use<'a> {
    /// The application as printed.
    pub application: &'a str,
    /// Share.
    pub share: f64,
    /// NACE code (empty: none printed).
    pub nace: &'a str,
    /// Value added of the sector.
    pub value_added: Option<f64>,
}

/// An EI's inputs and result, for its diagnosis.
pub(super) struct EiFacts<'a> {
    /// The material's id.
    pub id: &'a str,
    /// Computed EI.
    pub computed: f64,
    /// Published EI.
    pub published: f64,
    /// The uses.
    pub uses: &'a [Use<'a>],
    /// Σ A·Q over uses with a sector.
    pub sum_aq: f64,
    /// Shares printed without a sector.
    pub unassigned: f64,
    /// Sum of the printed shares.
    pub share_sum: f64,
    /// max Q.
    pub max_q: f64,
    /// SI_EI.
    pub si: f64,
}

/// The reasons for an EI that is not a match. `rows` are every input row (to find the
/// sectors other materials file an application under); `sectors` every sector's value
/// added.
pub(super) fn ei_reasons(
    f: &EiFacts<'_>,
    rows: &[EuInput],
    sectors: &[(String, f64)],
) -> Vec<String> {
    let mut out = Vec::new();
    let per_va = 10.0 / f.max_q * f.si;
    if f.unassigned > 0.0 && per_va > 0.0 {
        let needed = (f.published / per_va - f.sum_aq) / f.unassigned;
        let lo = ((f.published - 0.05) / per_va - f.sum_aq) / f.unassigned;
        let hi = ((f.published + 0.05) / per_va - f.sum_aq) / f.unassigned;
        let mut r = format!(
            "{} of the uses is printed without a NACE sector or value added and counts as nothing, so {:.2} is a lower bound (an input missing)",
            pct(f.unassigned),
            f.computed
        );
        if hi <= 0.0 {
            r.push_str(&format!(
                "; the published {} is reached without them",
                score_text(f.published)
            ));
        } else {
            let within: Vec<String> = sectors
                .iter()
                .filter(|(_, va)| *va >= lo && *va < hi)
                .map(|(c, va)| format!("{c} {}", num::text(*va)))
                .collect();
            r.push_str(&format!(
                "; what-if: the published {} needs a value added of about {} MEUR for them (sectors within ±0.05 of the EI: {})",
                score_text(f.published),
                num::text(needed.round()),
                if within.is_empty() { "none".into() } else { within.join(", ") }
            ));
        }
        out.push(r);
    }
    if (f.share_sum - 1.0).abs() > 0.005 && f.share_sum > 0.0 {
        let mut r = format!("the end-use shares sum to {} as printed", pct(f.share_sum));
        let mut seen: Vec<&str> = Vec::new();
        for u in f.uses {
            let twice: Vec<&str> = f
                .uses
                .iter()
                .filter(|v| v.application.eq_ignore_ascii_case(u.application))
                .map(|v| v.nace)
                .collect();
            if twice.len() > 1 && !seen.iter().any(|a| a.eq_ignore_ascii_case(u.application)) {
                seen.push(u.application);
                r.push_str(&format!(
                    " ('{}' is printed {} times: {})",
                    u.application,
                    twice.len(),
                    twice.join(", ")
                ));
            }
        }
        r.push_str(&format!(
            "; what-if: scaled to 100% the EI is {:.2}",
            f.computed / f.share_sum
        ));
        out.push(r);
    }
    // The same application under another sector for another material.
    for (i, u) in f.uses.iter().enumerate() {
        if u.nace.is_empty() {
            continue;
        }
        let mut elsewhere: Vec<(String, Vec<String>)> = Vec::new();
        let application = |r: &EuInput| r.notes.split(';').next().unwrap_or("").trim().to_string();
        // A sector the material itself also files the application under is no alternative.
        let own: Vec<&str> = f
            .uses
            .iter()
            .filter(|v| v.application.eq_ignore_ascii_case(u.application))
            .map(|v| v.nace)
            .collect();
        for r in rows.iter().filter(|r| {
            r.input == "end_use_share"
                && !r.material.eq_ignore_ascii_case(f.id)
                && !r.country.is_empty()
                && !own.contains(&r.country.as_str())
                && application(r).eq_ignore_ascii_case(u.application)
        }) {
            match elsewhere.iter_mut().find(|(c, _)| *c == r.country) {
                Some((_, ms)) if !ms.contains(&r.material) => ms.push(r.material.clone()),
                Some(_) => {}
                None => elsewhere.push((r.country.clone(), vec![r.material.clone()])),
            }
        }
        for (code, materials) in elsewhere {
            let Some((_, va)) = sectors.iter().find(|(c, _)| *c == code) else {
                continue;
            };
            let sum_aq: f64 = f
                .uses
                .iter()
                .enumerate()
                .map(|(j, v)| {
                    let q = if j == i { Some(*va) } else { v.value_added };
                    v.share * q.unwrap_or(0.0)
                })
                .sum();
            out.push(format!(
                "'{}' is filed under {} here but under {code} for {}: with {code} the EI would be {:.2} (what-if)",
                u.application,
                u.nace,
                materials.join(", "),
                sum_aq * per_va
            ));
        }
    }
    if out.is_empty() {
        out.push("no cause found in the inputs".into());
    }
    out
}
