//! USGS net import reliance, as the Mineral Commodity Summaries define it: imports minus
//! exports plus adjustments for government and industry stock changes, as a percent of
//! apparent consumption; with apparent consumption = primary production + secondary
//! production + imports − exports ± stock changes, that is `1 − (primary + secondary
//! production) / apparent consumption`. The rare-earth salient tables report no secondary
//! production (MCS: recycling "in limited quantities", unquantified) and lump ore with compound
//! exports, so the reliance is computed from production and apparent consumption with
//! secondary production zero. A country whose exports exceed its imports is a net exporter ("E").

use super::RiskError;
use model::{CountryCode, Dataset, Element, ElementGroup, Flag, Material, Metric, Place, Year};
use serde::Serialize;
use utoipa::ToSchema;

/// Net import reliance.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum NetImportReliance {
    /// A fraction of apparent consumption (0..1).
    Fraction(f64),
    /// Exports exceed imports: the country is a net exporter ("E").
    NetExporter,
}

/// Net import reliance from production and apparent consumption (tonnes).
pub fn net_import_reliance(
    production: f64,
    apparent_consumption: f64,
) -> Result<NetImportReliance, RiskError> {
    for (what, v) in [
        ("production", production),
        ("apparent consumption", apparent_consumption),
    ] {
        if !v.is_finite() || v < 0.0 {
            return Err(RiskError::Negative {
                what: what.into(),
                value: v,
            });
        }
    }
    if production >= apparent_consumption {
        return Ok(NetImportReliance::NetExporter);
    }
    Ok(NetImportReliance::Fraction(
        1.0 - production / apparent_consumption,
    ))
}

/// The years of the MCS 2025 salient statistics.
pub const YEARS: std::ops::RangeInclusive<i32> = 2020..=2024;

/// One year of a net-import-reliance table.
#[derive(Debug, Clone, PartialEq, Serialize, ToSchema)]
pub struct NirYear {
    /// Year.
    pub year: i32,
    /// Primary production (t).
    pub production: Option<f64>,
    /// Apparent consumption (t).
    pub apparent_consumption: Option<f64>,
    /// Computed NIR (0..1); null for a net exporter or a gap.
    pub nir: Option<f64>,
    /// Whether the computation says net exporter.
    pub net_exporter: bool,
    /// The published NIR, percent.
    pub published_nir_pct: Option<f64>,
    /// Whether the published NIR is a lower bound (USGS prints `>95`).
    pub published_nir_lower_bound: bool,
}

/// The USGS answer for one commodity: computed beside published, and what is not computed.
#[derive(Debug, Clone, PartialEq, Serialize, ToSchema)]
pub struct NirAssessment {
    /// The commodity as asked.
    pub commodity: String,
    /// Always USA: USGS reports the United States' reliance.
    pub country: String,
    /// The form the figures are for.
    pub stage: String,
    /// One row per year.
    pub years: Vec<NirYear>,
    /// What is not computed, and why.
    pub gaps: Vec<String>,
    /// Source edition.
    pub source: String,
}

/// Why the USGS 2021/2022 supply-risk score is not computed (shown wherever a user looks for it).
pub const SUPPLY_RISK_GAP: &str = "USGS 2021/2022 supply risk (Nassar and Fortier, Open-File Report 2021-1045; Nassar et al. 2020, Sci. Adv. eaay8647): not computed. The reports' own equations for disruption potential, trade exposure and economic vulnerability, their governance index and their aggregation could not be read from the sources reachable to this project (only abstracts and captions: supply risk per commodity and year, list threshold 0.40 on a 2015-2018 recency-weighted mean); their inputs (governance/policy indices, U.S. industry value added and margins) are gaps. See research/usgs-risk/README.md";

/// Why a commodity cannot be assessed.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum UsgsError {
    /// Not a USGS commodity rareflow bundles.
    #[error("unknown commodity {0:?}: expected rare-earths, yttrium or scandium (USGS's names)")]
    UnknownCommodity(String),
    /// Inputs out of range.
    #[error(transparent)]
    Risk(#[from] RiskError),
}

/// The United States' net import reliance for a commodity from the salient statistics:
/// computed from production and apparent consumption, beside the published figure.
pub fn assess(d: &Dataset, commodity: &str) -> Result<NirAssessment, UsgsError> {
    // Each salient table has its own columns: the rare-earth one gives compounds and
    // metals (and concentrate apart), yttrium and scandium one reliance with no form.
    let (material, form, stage) = match commodity.trim().to_lowercase().replace(' ', "-").as_str() {
        "rare-earths" => (
            Material::Group(ElementGroup::Treo),
            "compounds and metals",
            "compounds and metals",
        ),
        "yttrium" => (Material::Element(Element::Y), "", "all forms"),
        "scandium" => (Material::Element(Element::Sc), "", "all forms"),
        other => return Err(UsgsError::UnknownCommodity(other.into())),
    };
    let usa = Place::Country(
        CountryCode::parse("USA").ok_or_else(|| UsgsError::UnknownCommodity("USA".into()))?,
    );
    let find = |metric: Metric, form: &str, year: i32| {
        d.observations.iter().find(|o| {
            o.place == usa
                && o.material == material
                && o.metric == metric
                && o.form == form
                && o.year == Year(year)
        })
    };
    let value = |metric: Metric, form: &str, year: i32| {
        find(metric, form, year).and_then(|o| o.value.magnitude())
    };
    let mut years = Vec::new();
    for year in YEARS {
        let prod = match form {
            "" => value(Metric::MineProduction, "", year),
            f => value(Metric::Production, f, year),
        };
        let cons = value(Metric::ApparentConsumption, form, year);
        let published = find(Metric::NetImportReliance, form, year);
        let computed = match (prod, cons) {
            (Some(p), Some(c)) => Some(net_import_reliance(p, c)?),
            _ => None,
        };
        years.push(NirYear {
            year,
            production: prod,
            apparent_consumption: cons,
            nir: match computed {
                Some(NetImportReliance::Fraction(f)) => Some(f),
                _ => None,
            },
            net_exporter: matches!(computed, Some(NetImportReliance::NetExporter)),
            published_nir_pct: published.and_then(|o| o.value.magnitude()),
            published_nir_lower_bound: published
                .is_some_and(|o| o.flags.contains(Flag::LowerBound)),
        });
    }
    Ok(NirAssessment {
        commodity: commodity.into(),
        country: "USA".into(),
        stage: stage.into(),
        years,
        gaps: vec![SUPPLY_RISK_GAP.into()],
        source: "MCS2025".into(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn us_rare_earth_compounds_and_metals_2024_is_80_percent() {
        // MCS 2025 salient statistics: production 1,300 t, apparent consumption 6,600 t.
        match net_import_reliance(1300.0, 6600.0).unwrap() {
            NetImportReliance::Fraction(f) => assert_eq!((f * 100.0).round(), 80.0),
            other => panic!("{other:?}"),
        }
        // Concentrate: 45,000 t mined, exports 43,000 t: more produced than consumed.
        assert_eq!(
            net_import_reliance(45000.0, 2000.0).unwrap(),
            NetImportReliance::NetExporter
        );
        assert!(net_import_reliance(-1.0, 10.0).is_err());
    }
}
