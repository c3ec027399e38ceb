//! The EU Critical Raw Materials supply risk (SR) and economic importance (EI), JRC
//! method of 2017 (Blengini et al.), used for the 2020 and 2023 lists:
//!
//! - `WGI_scaled = (2.5 − mean of the six WGI estimates)·2`, on 0..10;
//! - `HHI_WGI,t = Σ_c S_c²·WGI_scaled,c·t_c` with fractional shares (so 0..10);
//! - `SR = [HHI_WGI,t(GS)·IR/2 + HHI_WGI,t(EU)·(1 − IR/2)]·(1 − EoL_RIR)·SI_SR` per stage,
//!   the material's SR being the stage maximum (the bottleneck). Where the EU uses global
//!   supply only ("GS only"), `HHI(EU)` is `HHI(GS)` and the bracket reduces to `HHI(GS)`;
//! - `EI = [Σ_s A_s·Q_s·10 / max Q]·SI_EI`, `max Q` the largest manufacturing sector's value
//!   added overall;
//! - critical when `SR ≥ 1` and `EI ≥ 2.8`.

use super::{fraction, RiskError};

/// The EU's thresholds.
pub const SR_THRESHOLD: f64 = 1.0;
/// The EU's threshold for economic importance.
pub const EI_THRESHOLD: f64 = 2.8;

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
    let sum: f64 = suppliers.iter().map(|s| s.share).sum();
    if (sum - 1.0).abs() > 0.005 {
        return Err(RiskError::SharesDoNotSumToOne {
            what: what.into(),
            sum,
        });
    }
    for s in suppliers {
        fraction(&format!("share of {}", s.country), s.share)?;
    }
    Ok(suppliers
        .iter()
        .map(|s| s.share * s.share * s.wgi_scaled * s.trade)
        .sum())
}

/// Published share tables are rounded (EU sourcing 85 + 11 + 2 + 2 + 1 + 0.1 = 101.1%): a
/// table that misses one by more than ±0.5% but less than `rounding` is rescaled to sum to
/// one, and the original sum is returned so the caller can warn; beyond that it is an error.
pub fn rescale_rounded(
    what: &str,
    mut suppliers: Vec<Supplier>,
    rounding: f64,
) -> Result<(Vec<Supplier>, Option<f64>), RiskError> {
    let sum: f64 = suppliers.iter().map(|s| s.share).sum();
    if (sum - 1.0).abs() <= 0.005 {
        return Ok((suppliers, None));
    }
    if (sum - 1.0).abs() > rounding || sum <= 0.0 {
        return Err(RiskError::SharesDoNotSumToOne {
            what: what.into(),
            sum,
        });
    }
    for s in &mut suppliers {
        s.share /= sum;
    }
    Ok((suppliers, Some(sum)))
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

/// SR of one stage.
pub fn stage_sr(i: &StageInputs) -> Result<StageSr, RiskError> {
    let ir = fraction("import reliance", i.import_reliance)?;
    let eol = fraction("EoL-RIR", i.eol_rir)?;
    let si = fraction("SI_SR", i.si_sr)?;
    let hhi_global = hhi_wgi_t("global supply", &i.global)?;
    let hhi_eu = match &i.eu_sourcing {
        Some(eu) => hhi_wgi_t("EU sourcing", eu)?,
        None => hhi_global,
    };
    let sr = (hhi_global * ir / 2.0 + hhi_eu * (1.0 - ir / 2.0)) * (1.0 - eol) * si;
    Ok(StageSr {
        sr,
        hhi_global,
        hhi_eu,
    })
}

/// EI from end-use shares `A_s` and their sectors' value added `Q_s`, over the largest
/// manufacturing sector's value added `max_q`.
pub fn economic_importance(
    sectors: &[(f64, f64)],
    max_q: f64,
    si_ei: f64,
) -> Result<f64, RiskError> {
    let si = fraction("SI_EI", si_ei)?;
    let sum: f64 = sectors.iter().map(|(a, _)| a).sum();
    if (sum - 1.0).abs() > 0.005 {
        return Err(RiskError::SharesDoNotSumToOne {
            what: "end-use shares".into(),
            sum,
        });
    }
    // NaN or a non-positive largest sector cannot scale the sum.
    if max_q.is_nan() || max_q <= 0.0 {
        return Err(RiskError::Negative {
            what: "largest sector value added".into(),
            value: max_q,
        });
    }
    Ok(sectors.iter().map(|(a, q)| a * q).sum::<f64>() * 10.0 / max_q * si)
}

/// The EU's criticality test.
pub fn is_critical(sr: f64, ei: f64) -> bool {
    sr >= SR_THRESHOLD && ei >= EI_THRESHOLD
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
    fn rounded_tables_are_rescaled_with_a_warning_and_wrong_ones_refused() {
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
        let (v, warn) = rescale_rounded(
            "EU sourcing",
            t(&[0.85, 0.11, 0.02, 0.02, 0.01, 0.001]),
            0.02,
        )
        .unwrap();
        assert!((warn.unwrap() - 1.011).abs() < 1e-12);
        assert!((v.iter().map(|s| s.share).sum::<f64>() - 1.0).abs() < 1e-12);
        assert_eq!(rescale_rounded("x", t(&[0.5, 0.5]), 0.02).unwrap().1, None);
        assert!(rescale_rounded("x", t(&[0.5, 0.4]), 0.02).is_err());
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
        assert!(is_critical(1.0, 2.8) && !is_critical(0.99, 9.0) && !is_critical(5.0, 2.79));
    }
}
