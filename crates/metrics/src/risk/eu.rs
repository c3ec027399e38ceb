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
use model::eucrm::EuInput;
use model::wgi::WgiRow;
use model::{CountryCode, ElementGroup, Material};
use serde::Serialize;
use utoipa::ToSchema;

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

/// The years whose WGI the EU averages (the 2023 assessment's reference period 2016-2020;
/// secondary, see data/sources.csv EU-CRM-2023-ANNEX7).
pub const WGI_YEARS: std::ops::RangeInclusive<i32> = 2016..=2020;

/// The two stages the EU assesses, upstream first.
pub const STAGES: [&str; 2] = ["extraction", "processing"];

/// A value of an input as the table gives it: a number, or text (`GS+EU`).
#[derive(Debug, Clone, PartialEq, Serialize, ToSchema)]
#[serde(untagged)]
pub enum InputValue {
    /// A number rareflow computed (a scaled WGI).
    Number(f64),
    /// The value as written in the inputs table.
    Text(String),
}

/// One input an assessment used, with its source.
#[derive(Debug, Clone, PartialEq, Serialize, ToSchema)]
pub struct InputUsed {
    /// Which input (`global_supply_share`, `si_sr`, `wgi_scaled`, ...).
    pub name: String,
    /// `extraction`, `processing` or `all`.
    pub stage: String,
    /// ISO3 code for country rows, else empty.
    pub country: String,
    /// The value.
    pub value: InputValue,
    /// Unit.
    pub unit: String,
    /// Source edition id, or how rareflow computed it.
    pub source: String,
    /// Note.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// One stage's score.
#[derive(Debug, Clone, PartialEq, Serialize, ToSchema)]
pub struct StageAssessment {
    /// Computed SR; null when inputs are gaps.
    pub sr: Option<f64>,
    /// `HHI_WGI,t` of global supply.
    pub hhi_wgi: Option<f64>,
    /// `HHI_WGI,t` of EU sourcing.
    pub hhi_wgi_eu: Option<f64>,
    /// The published stage SR.
    pub published_sr: Option<f64>,
    /// The trade factor used (1: no trade adjustment).
    pub trade_factor: f64,
}

/// Both stages.
#[derive(Debug, Clone, PartialEq, Serialize, ToSchema)]
pub struct Stages {
    /// Extraction (mining).
    pub extraction: StageAssessment,
    /// Processing (refining, separation).
    pub processing: StageAssessment,
}

impl Stages {
    /// A stage by name.
    pub fn get(&self, stage: &str) -> Option<&StageAssessment> {
        match stage {
            "extraction" => Some(&self.extraction),
            "processing" => Some(&self.processing),
            _ => None,
        }
    }
}

/// The published scores.
#[derive(Debug, Clone, PartialEq, Serialize, ToSchema)]
pub struct Published {
    /// Published SR.
    pub sr: Option<f64>,
    /// Published EI.
    pub ei: Option<f64>,
    /// Whether the published scores pass both thresholds.
    pub critical: Option<bool>,
    /// Who published them (the citation).
    pub source: String,
}

/// An assessment: computed scores beside the published ones, the inputs, the gaps.
#[derive(Debug, Clone, PartialEq, Serialize, ToSchema)]
pub struct Assessment {
    /// The material as asked.
    pub material: String,
    /// Computed SR (the bottleneck stage's); null when a stage has gaps.
    pub sr: Option<f64>,
    /// Computed EI; null when inputs are gaps.
    pub ei: Option<f64>,
    /// Whether the computed scores pass both thresholds.
    pub critical: Option<bool>,
    /// Where computed and published differ by more than 0.3, with the reason known.
    pub differences: Vec<String>,
    /// The stage with the larger SR.
    pub bottleneck: Option<String>,
    /// Each stage.
    pub stages: Stages,
    /// Every input used.
    pub inputs: Vec<InputUsed>,
    /// Inputs missing.
    pub gaps: Vec<String>,
    /// The published scores.
    pub published: Published,
    /// Whether the material is a group (HREE, LREE).
    #[serde(skip)]
    pub group: bool,
    /// Warnings (rounded tables rescaled).
    #[serde(skip)]
    pub warnings: Vec<String>,
    /// The rows of the inputs table for this material (for listings).
    #[serde(skip)]
    pub rows: Vec<EuInput>,
}

/// The materials the inputs table has, in first-mention order.
pub fn materials(all: &[EuInput]) -> Vec<String> {
    let mut m: Vec<String> = Vec::new();
    for i in all.iter().filter(|i| i.material != "all") {
        if !m.contains(&i.material) {
            m.push(i.material.clone());
        }
    }
    m
}

/// The mean of WGI_scaled over [`WGI_YEARS`] for `country`, if WGI has any of those years.
pub fn wgi_scaled_mean(wgi: &[WgiRow], country: CountryCode) -> Result<Option<f64>, RiskError> {
    let mut scaled = Vec::new();
    for w in wgi
        .iter()
        .filter(|w| w.iso3 == Some(country) && WGI_YEARS.contains(&w.year))
    {
        if let Some(m) = w.mean6() {
            scaled.push(wgi_scaled(country.as_str(), m)?);
        }
    }
    Ok((!scaled.is_empty()).then(|| scaled.iter().sum::<f64>() / scaled.len() as f64))
}

/// Why an assessment cannot be made at all.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum AssessError {
    /// No inputs for the material.
    #[error("no EU CRM inputs for {material:?}: the bundled table has {}", known.join(", "))]
    UnknownMaterial {
        /// Asked for.
        material: String,
        /// Known materials.
        known: Vec<String>,
    },
    /// A share's country is not an ISO3 code.
    #[error("{0} is not an ISO3 code")]
    NotACountry(String),
    /// The inputs are inconsistent.
    #[error(transparent)]
    Risk(#[from] RiskError),
}

/// Assesses `material` from the inputs table and WGI: each stage's SR where its inputs are
/// complete, the bottleneck, EI from end-use shares and sector value added, the published
/// scores beside them, every input used and every one missing. `citation` names a source
/// edition for the reader.
pub fn assess(
    material: &str,
    all: &[EuInput],
    wgi: &[WgiRow],
    citation: &dyn Fn(&str) -> String,
) -> Result<Assessment, AssessError> {
    let key = material.trim();
    let rows: Vec<&EuInput> = all
        .iter()
        .filter(|i| i.material.eq_ignore_ascii_case(key))
        .collect();
    if rows.is_empty() {
        return Err(AssessError::UnknownMaterial {
            material: key.into(),
            known: materials(all),
        });
    }
    let find = |stage: &str, input: &str| {
        rows.iter()
            .find(|i| (i.stage == stage || i.stage == "all") && i.input == input)
            .copied()
    };
    let mut inputs: Vec<InputUsed> = rows
        .iter()
        .map(|i| InputUsed {
            name: i.input.clone(),
            stage: i.stage.clone(),
            country: i.country.clone(),
            value: InputValue::Text(i.value.clone()),
            unit: i.unit.clone(),
            source: i.source.clone(),
            note: Some(i.notes.clone()),
        })
        .collect();
    let mut gaps: Vec<String> = Vec::new();
    let mut warnings = Vec::new();
    let mut computed: Vec<(&str, f64)> = Vec::new();
    let mut differences = Vec::new();
    let mut stages = Vec::new();
    for stage in STAGES {
        let mut missing = Vec::new();
        let mut number = |input: &str| match find(stage, input).and_then(|i| i.number()) {
            Some(x) => Some(x),
            None => {
                missing.push(format!("{stage}: {input}"));
                None
            }
        };
        let (ir, eol, si) = (
            number("import_reliance"),
            number("eol_rir"),
            number("si_sr"),
        );
        let mut suppliers =
            |input: &str, missing: &mut Vec<String>| -> Result<Vec<Supplier>, AssessError> {
                let mut out = Vec::new();
                for s in rows.iter().filter(|i| i.stage == stage && i.input == input) {
                    let code = CountryCode::parse(&s.country)
                        .ok_or_else(|| AssessError::NotACountry(s.country.clone()))?;
                    match wgi_scaled_mean(wgi, code)? {
                        Some(w) => {
                            inputs.push(InputUsed {
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
                            });
                            out.push(Supplier {
                                country: s.country.clone(),
                                share: s.number().unwrap_or(0.0),
                                wgi_scaled: w,
                                trade: 1.0,
                            });
                        }
                        None => missing.push(format!("{stage}: WGI of {}", s.country)),
                    }
                }
                if out.is_empty() {
                    return Ok(out);
                }
                // Published tables are rounded; rescale those that miss one by less than 2%, and say so.
                let (out, rescaled) = rescale_rounded(&format!("{stage} {input}"), out, 0.02)?;
                if let Some(sum) = rescaled {
                    warnings.push(format!(
                    "{key} {stage} {input} sums to {:.1}% as published (rounded); rescaled to 100%",
                    sum * 100.0
                ));
                }
                Ok(out)
            };
        let global = suppliers("global_supply_share", &mut missing)?;
        if global.is_empty() {
            missing.push(format!("{stage}: global supply shares by country"));
        }
        let gs_only = find(stage, "supply_used").is_some_and(|i| i.value == "GS");
        let eu_sourcing = if gs_only {
            None
        } else {
            let eu = suppliers("eu_sourcing_share", &mut missing)?;
            if eu.is_empty() {
                missing.push(format!(
                    "{stage}: EU sourcing shares by country (the EU uses GS+EU here)"
                ));
            }
            Some(eu)
        };
        let published_row = find(stage, "published_stage_sr").filter(|i| i.stage == stage);
        let published = published_row.and_then(|i| i.number());
        let mut entry = StageAssessment {
            sr: None,
            hhi_wgi: None,
            hhi_wgi_eu: None,
            published_sr: published,
            trade_factor: 1.0,
        };
        if missing.is_empty() {
            let s = stage_sr(&StageInputs {
                global,
                eu_sourcing,
                import_reliance: ir.unwrap_or(1.0),
                eol_rir: eol.unwrap_or(0.0),
                si_sr: si.unwrap_or(1.0),
            })?;
            entry.sr = Some(s.sr);
            entry.hhi_wgi = Some(s.hhi_global);
            entry.hhi_wgi_eu = Some(s.hhi_eu);
            computed.push((stage, s.sr));
            if let Some(p) = published {
                if (s.sr - p).abs() > 0.3 {
                    differences.push(format!(
                        "{stage} SR computed {:.2} vs published {p}: {}",
                        s.sr,
                        published_row.map_or("", |r| r.notes.as_str())
                    ));
                }
            }
        }
        gaps.extend(missing);
        stages.push(entry);
    }
    // Economic importance from end-use shares and sector value added.
    let uses: Vec<&&EuInput> = rows.iter().filter(|i| i.input == "end_use_share").collect();
    let sector_va = |sector: &str| {
        all.iter()
            .find(|i| i.input == "sector_value_added" && i.country == sector)
            .and_then(|i| i.number())
    };
    let max_q = all
        .iter()
        .find(|i| i.input == "max_sector_value_added")
        .and_then(|i| i.number());
    let si_ei = find("all", "si_ei").and_then(|i| i.number());
    let mut ei = None;
    if !uses.is_empty() {
        let sectors: Option<Vec<(f64, f64)>> = uses
            .iter()
            .map(|u| Some((u.number()?, sector_va(&u.country)?)))
            .collect();
        match (sectors, max_q, si_ei) {
            (Some(sectors), Some(max_q), Some(si)) => ei = Some(economic_importance(&sectors, max_q, si)?),
            _ => gaps.push("economic importance: a sector's value added, the largest sector's value added or SI_EI".into()),
        }
        for u in &uses {
            inputs.push(InputUsed {
                name: "end_use_share".into(),
                stage: "all".into(),
                country: u.country.clone(),
                value: InputValue::Text(u.value.clone()),
                unit: u.unit.clone(),
                source: u.source.clone(),
                note: Some(u.notes.clone()),
            });
        }
    } else {
        gaps.push("economic importance: end-use shares A_s with their NACE sectors (not found for this material)".into());
    }
    let both = computed.len() == 2;
    let bottleneck = both
        .then(|| {
            computed
                .iter()
                .max_by(|a, b| a.1.total_cmp(&b.1))
                .map(|(s, _)| s.to_string())
        })
        .flatten();
    let sr = both
        .then(|| computed.iter().map(|(_, x)| *x).reduce(f64::max))
        .flatten();
    let group = matches!(
        key.parse::<Material>(),
        Ok(Material::Group(ElementGroup::Hree | ElementGroup::Lree))
    );
    let mut stages = stages.into_iter();
    let (Some(extraction), Some(processing)) = (stages.next(), stages.next()) else {
        unreachable!("one entry per stage of STAGES, which has two")
    };
    Ok(Assessment {
        material: key.into(),
        sr,
        ei,
        critical: sr.zip(ei).map(|(s, e)| is_critical(s, e)),
        differences,
        bottleneck,
        stages: Stages {
            extraction,
            processing,
        },
        inputs,
        gaps,
        published: {
            let (sr, ei) = (
                find("all", "published_sr").and_then(|i| i.number()),
                find("all", "published_ei").and_then(|i| i.number()),
            );
            Published {
                sr,
                ei,
                critical: sr.zip(ei).map(|(s, e)| is_critical(s, e)),
                source: citation("EU-CRM-2023"),
            }
        },
        group,
        warnings,
        rows: rows.into_iter().cloned().collect(),
    })
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
