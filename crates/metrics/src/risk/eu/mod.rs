//! The EU Critical Raw Materials supply risk (SR) and economic importance (EI), the method
//! of the 2017 study (Deloitte, BGS, BRGM and TNO for DG GROW), used for the 2020 and
//! 2023 lists:
//!
//! - `WGI_scaled = (2.5 − mean of the six WGI estimates)·2`, on 0..10;
//! - `HHI_WGI,t = Σ_c S_c²·WGI_scaled,c·t_c` with fractional shares (so 0..10);
//! - `SR = [HHI_WGI,t(GS)·IR/2 + HHI_WGI,t(EU)·(1 − IR/2)]·(1 − EoL_RIR)·SI_SR` per stage.
//!   Where the EU used global supply only ("GS only") the bracket is `HHI(GS)`; where it
//!   used EU sourcing only, `HHI(EU)`. The material's SR is the SR of the stage the report
//!   took (its bottleneck);
//! - `EI = [Σ_s A_s·Q_s·10 / max Q]·SI_EI`, `max Q` the largest sector's value added;
//! - critical when `SR ≥ 1` and `EI ≥ 2.8`;
//! - a group (HREE, LREE) scores the arithmetic mean of its members (2017 study p.11).
//!
//! `docs/model/risk.md` says which of these the 2017 study states and which come from
//! secondary sources.
//!
//! # Layout
//! - this file: the formulas;
//! - [`types`]: the assessment as serialised;
//! - `inputs`: the inputs of one material, the preferred transcription over earlier
//!   readings;
//! - `element`: one element's assessment; `group`: a group's, from its members;
//! - `diagnose`: the reasons a computed value differs from the published one;
//! - `assess`: the entry points [`assess`] and [`assess_all`].

mod assess;
mod diagnose;
mod element;
mod group;
mod inputs;
pub mod types;

pub use assess::{assess, assess_all, materials, AssessError};
pub use types::*;

use super::{fraction, RiskError};
use model::wgi::WgiRow;
use model::CountryCode;

/// The EU's threshold for supply risk.
pub const SR_THRESHOLD: f64 = 1.0;
/// The EU's threshold for economic importance.
pub const EI_THRESHOLD: f64 = 2.8;

/// How far a published share table may miss 100% and still be read as rounded (the
/// transcribed tables print 100.1%, 101% and 101.1%); beyond it the table is refused.
pub const ROUNDING: f64 = 0.02;

/// The years whose WGI the EU averages for 2023 (the reference period of the supply data,
/// 2016-2020; secondary: the CritMAT preset, see `docs/model/risk.md`).
pub const WGI_YEARS: std::ops::RangeInclusive<i32> = 2016..=2020;

/// The single WGI years tried when a computed SR differs (the report's WGI vintage and
/// window are not stated).
pub const WGI_YEARS_TRIED: std::ops::RangeInclusive<i32> = 2016..=2022;

/// The two stages the EU assesses, upstream first.
pub const STAGES: [&str; 2] = ["extraction", "processing"];

/// Scales a six-indicator WGI mean to the EU's 0..10 governance score (10 = worst).
pub fn wgi_scaled(country: &str, mean6: f64) -> Result<f64, RiskError> {
    if !mean6.is_finite() || !(-2.5..=2.5).contains(&mean6) {
        return Err(RiskError::WgiOutOfRange {
            country: country.into(),
            mean: mean6,
        });
    }
    Ok((2.5 - mean6) * 2.0)
}

/// One supplier in a supply table.
#[derive(Debug, Clone, PartialEq)]
pub struct Supplier {
    /// Country (ISO3 or a name, for messages).
    pub country: String,
    /// Share of the supply (0..1).
    pub share: f64,
    /// Scaled governance (0..10).
    pub wgi_scaled: f64,
    /// Trade factor `t_c` (1 by default; export restrictions raise it, EU agreements lower it to 0.8).
    pub trade: f64,
}

/// `HHI_WGI,t` of a supply table whose shares must sum to one within ±0.5%.
pub fn hhi_wgi_t(what: &str, suppliers: &[Supplier]) -> Result<f64, RiskError> {
    printed_hhi_wgi_t(what, suppliers, 0.005).map(|(h, _)| h)
}

/// `HHI_WGI,t` of a table of shares as printed: rounded tables (101.1%) are used as they
/// are, not rescaled, when they miss one by at most `rounding`; the sum is returned so the
/// caller can say so. A table that misses by more is an error.
pub fn printed_hhi_wgi_t(
    what: &str,
    suppliers: &[Supplier],
    rounding: f64,
) -> Result<(f64, f64), RiskError> {
    for s in suppliers {
        fraction(&format!("share of {}", s.country), s.share)?;
    }
    let sum: f64 = suppliers.iter().map(|s| s.share).sum();
    if (sum - 1.0).abs() > rounding {
        return Err(RiskError::SharesDoNotSumToOne {
            what: what.into(),
            sum,
            within: format!("{}%", model::num::text(rounding * 100.0)),
        });
    }
    let hhi = suppliers
        .iter()
        .map(|s| s.share * s.share * s.wgi_scaled * s.trade)
        .sum();
    Ok((hhi, sum))
}

/// A stage's inputs.
#[derive(Debug, Clone, PartialEq)]
pub struct StageInputs {
    /// Global supply.
    pub global: Vec<Supplier>,
    /// EU sourcing; `None` where the EU uses global supply only.
    pub eu_sourcing: Option<Vec<Supplier>>,
    /// Import reliance (0..1).
    pub import_reliance: f64,
    /// End-of-life recycling input rate (0..1).
    pub eol_rir: f64,
    /// Substitution index for supply risk (0..1).
    pub si_sr: f64,
}

/// A stage's result.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct StageSr {
    /// Supply risk.
    pub sr: f64,
    /// `HHI_WGI,t` of global supply.
    pub hhi_global: f64,
    /// `HHI_WGI,t` of EU sourcing (equal to the global one under "GS only").
    pub hhi_eu: f64,
}

/// SR of one stage from shares that sum to one within ±0.5%.
pub fn stage_sr(i: &StageInputs) -> Result<StageSr, RiskError> {
    let hhi_global = hhi_wgi_t("global supply", &i.global)?;
    let hhi_eu = match &i.eu_sourcing {
        Some(eu) => Some(hhi_wgi_t("EU sourcing", eu)?),
        None => None,
    };
    let sr = supply_risk(hhi_global, hhi_eu, i.import_reliance, i.eol_rir, i.si_sr)?;
    Ok(StageSr {
        sr,
        hhi_global,
        hhi_eu: hhi_eu.unwrap_or(hhi_global),
    })
}

/// The SR formula on concentrations already computed: with EU sourcing,
/// `[HHI(GS)·IR/2 + HHI(EU)·(1 − IR/2)]·(1 − EoL_RIR)·SI_SR`; without (GS only),
/// `HHI(GS)·(1 − EoL_RIR)·SI_SR`. EU sourcing only is the first with IR = 0.
pub fn supply_risk(
    hhi_global: f64,
    hhi_eu: Option<f64>,
    import_reliance: f64,
    eol_rir: f64,
    si_sr: f64,
) -> Result<f64, RiskError> {
    let ir = fraction("import reliance", import_reliance)?;
    let eol = fraction("EoL-RIR", eol_rir)?;
    let si = fraction("SI_SR", si_sr)?;
    let core = match hhi_eu {
        Some(eu) => hhi_global * ir / 2.0 + eu * (1.0 - ir / 2.0),
        None => hhi_global,
    };
    Ok(core * (1.0 - eol) * si)
}

/// EI from end-use shares `A_s` and their sectors' value added `Q_s` (which must sum to
/// one within ±0.5%), over the largest sector's value added `max_q`.
pub fn economic_importance(
    sectors: &[(f64, f64)],
    max_q: f64,
    si_ei: f64,
) -> Result<f64, RiskError> {
    let sum: f64 = sectors.iter().map(|(a, _)| a).sum();
    if (sum - 1.0).abs() > 0.005 {
        return Err(RiskError::SharesDoNotSumToOne {
            what: "end-use shares".into(),
            sum,
            within: "0.5%".into(),
        });
    }
    let with: Vec<(f64, Option<f64>)> = sectors.iter().map(|(a, q)| (*a, Some(*q))).collect();
    printed_economic_importance(&with, max_q, si_ei).map(|e| e.ei)
}

/// EI over end uses as printed.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PrintedEi {
    /// The EI over the uses that have a sector (a lower bound when `unassigned > 0`).
    pub ei: f64,
    /// The sum of the printed shares (1.02 for a table that prints a use twice).
    pub share_sum: f64,
    /// The share of uses printed without a sector ("Other"): counted as nothing.
    pub unassigned: f64,
    /// `Σ A_s·Q_s` over the uses with a sector, million EUR.
    pub sum_aq: f64,
}

/// EI from end uses as printed: `(A_s, Q_s)` with `Q_s = None` for a use printed without
/// a sector, which adds nothing (so the EI is a lower bound) and is reported apart.
pub fn printed_economic_importance(
    uses: &[(f64, Option<f64>)],
    max_q: f64,
    si_ei: f64,
) -> Result<PrintedEi, RiskError> {
    let si = fraction("SI_EI", si_ei)?;
    // NaN or a non-positive largest sector cannot scale the sum.
    if max_q.is_nan() || max_q <= 0.0 {
        return Err(RiskError::Negative {
            what: "largest sector value added".into(),
            value: max_q,
        });
    }
    let mut out = PrintedEi {
        ei: 0.0,
        share_sum: 0.0,
        unassigned: 0.0,
        sum_aq: 0.0,
    };
    for (a, q) in uses {
        let a = fraction("end-use share", *a)?;
        out.share_sum += a;
        match q {
            Some(q) if q.is_finite() && *q >= 0.0 => out.sum_aq += a * q,
            Some(q) => {
                return Err(RiskError::Negative {
                    what: "sector value added".into(),
                    value: *q,
                })
            }
            None => out.unassigned += a,
        }
    }
    out.ei = out.sum_aq * 10.0 / max_q * si;
    Ok(out)
}

/// The EU's criticality test.
pub fn is_critical(sr: f64, ei: f64) -> bool {
    sr >= SR_THRESHOLD && ei >= EI_THRESHOLD
}

/// The mean of WGI_scaled over [`WGI_YEARS`] for `country`, if WGI has any of those years.
pub fn wgi_scaled_mean(wgi: &[WgiRow], country: CountryCode) -> Result<Option<f64>, RiskError> {
    wgi_scaled_over(wgi, country, WGI_YEARS)
}

/// The mean of WGI_scaled over `years` for `country` (the years with all six estimates),
/// if there is any.
pub fn wgi_scaled_over(
    wgi: &[WgiRow],
    country: CountryCode,
    years: std::ops::RangeInclusive<i32>,
) -> Result<Option<f64>, RiskError> {
    let mut scaled = Vec::new();
    for w in wgi
        .iter()
        .filter(|w| w.iso3 == Some(country) && years.contains(&w.year))
    {
        if let Some(m) = w.mean6() {
            scaled.push(wgi_scaled(country.as_str(), m)?);
        }
    }
    Ok((!scaled.is_empty()).then(|| scaled.iter().sum::<f64>() / scaled.len() as f64))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn one(x: f64) -> Vec<Supplier> {
        vec![Supplier {
            country: "X".into(),
            share: 1.0,
            wgi_scaled: x,
            trade: 1.0,
        }]
    }

    #[test]
    fn a_single_supplier_gives_its_governance() {
        for x in [0.0, 2.5, 5.713, 10.0] {
            let s = stage_sr(&StageInputs {
                global: one(x),
                eu_sourcing: Some(one(x)),
                import_reliance: 1.0,
                eol_rir: 0.0,
                si_sr: 1.0,
            })
            .unwrap();
            assert!((s.sr - x).abs() < 1e-12, "{x}");
        }
    }

    #[test]
    fn dysprosium_processing_reproduces_the_published_5_6() {
        // 100% China at processing, GS only, EoL-RIR 1%, SI_SR 0.99, China's WGI_scaled as
        // the 2016-2020 mean from the bundled WGI (5.713): 5.60 against the published 5.6.
        let s = stage_sr(&StageInputs {
            global: one(5.713),
            eu_sourcing: None,
            import_reliance: 1.0,
            eol_rir: 0.01,
            si_sr: 0.99,
        })
        .unwrap();
        assert!((s.sr - 5.6).abs() < 0.05, "{}", s.sr);
    }

    #[test]
    fn rounded_tables_are_used_as_printed_and_wrong_ones_refused() {
        let t = |shares: &[f64]| {
            shares
                .iter()
                .map(|s| Supplier {
                    country: "X".into(),
                    share: *s,
                    wgi_scaled: 1.0,
                    trade: 1.0,
                })
                .collect::<Vec<_>>()
        };
        let (h, sum) = printed_hhi_wgi_t(
            "EU sourcing",
            &t(&[0.85, 0.11, 0.02, 0.02, 0.01, 0.001]),
            ROUNDING,
        )
        .unwrap();
        assert!((sum - 1.011).abs() < 1e-12);
        assert!((h - (0.7225 + 0.0121 + 0.0004 + 0.0004 + 0.0001 + 0.000001)).abs() < 1e-12);
        assert!(printed_hhi_wgi_t("x", &t(&[0.5, 0.4]), ROUNDING).is_err());
        assert!(hhi_wgi_t("x", &t(&[0.5, 0.51])).is_err());
    }

    #[test]
    fn eu_only_and_gs_only_are_the_two_ends_of_the_weighting() {
        let gs = supply_risk(4.0, None, 1.0, 0.0, 1.0).unwrap();
        let eu_only = supply_risk(4.0, Some(2.0), 0.0, 0.0, 1.0).unwrap();
        let both = supply_risk(4.0, Some(2.0), 1.0, 0.0, 1.0).unwrap();
        assert_eq!((gs, eu_only, both), (4.0, 2.0, 3.0));
    }

    #[test]
    fn bad_inputs_are_errors() {
        assert!(
            wgi_scaled("SYR", -2.75).is_err(),
            "a six-indicator mean cannot be below -2.5"
        );
        assert_eq!(wgi_scaled("CHN", -0.29).unwrap(), 5.58);
        let half = vec![Supplier {
            country: "A".into(),
            share: 0.5,
            wgi_scaled: 1.0,
            trade: 1.0,
        }];
        assert_eq!(
            hhi_wgi_t("global supply", &half).unwrap_err().to_string(),
            "supply shares of global supply sum to 0.5: expected 1 within ±0.5%"
        );
        let e = stage_sr(&StageInputs {
            global: one(1.0),
            eu_sourcing: None,
            import_reliance: 1.2,
            eol_rir: 0.0,
            si_sr: 1.0,
        })
        .unwrap_err();
        assert_eq!(
            e.to_string(),
            "invalid import reliance 1.2: expected a fraction from 0 to 1"
        );
        assert!(economic_importance(&[(0.6, 10.0), (0.3, 5.0)], 100.0, 1.0).is_err());
        assert!(
            (economic_importance(&[(0.5, 50.0), (0.5, 100.0)], 100.0, 0.9).unwrap() - 6.75).abs()
                < 1e-12
        );
        let p = printed_economic_importance(&[(0.74, Some(64990.0)), (0.26, None)], 204200.0, 1.0)
            .unwrap();
        assert!((p.ei - 2.355).abs() < 0.001 && (p.unassigned - 0.26).abs() < 1e-12);
        assert!(is_critical(1.0, 2.8) && !is_critical(0.99, 9.0) && !is_critical(5.0, 2.79));
    }
}
