//! USGS net import reliance, as the Mineral Commodity Summaries define it: imports minus
//! exports plus adjustments for government and industry stock changes, as a percent of
//! apparent consumption; with apparent consumption = primary production + secondary
//! production + imports − exports ± stock changes, that is `1 − (primary + secondary
//! production) / apparent consumption`. The rare-earth salient tables report no secondary
//! production (MCS: recycling "in limited quantities", unquantified) and lump ore with compound
//! exports, so the reliance is computed from production and apparent consumption with
//! secondary production zero. A country whose exports exceed its imports is a net exporter ("E").

use super::RiskError;

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
