//! Technology demand: what gets built × how much magnet it holds × what the magnet is made
//! of ÷ how much magnet making loses gives element demand; the same magnets leave use
//! after their lifetime, and what is collected and recycled comes back as secondary supply.
//!
//! For each technology and year:
//! `magnet_in_products = deployment · pm_share · magnet_kg_per_unit / 1000` (t NdFeB),
//! `element_demand[e] = magnet_in_products · content[e] / manufacturing_yield` (t element),
//! `reo_demand[e] = element_demand[e] · reo_per_element(e)`. The magnet in products enters
//! an inflow-driven stock model with the technology's lifetime; its outflow
//! `· collection · recycling_yield · content[e]` is secondary supply, and
//! `primary = element_demand − secondary`.

use crate::dsm::{inflow_driven, Detail, Lifetimes};
use crate::error::MfaError;
use model::{Element, Lifetime};

/// The magnet elements rareflow tracks in demand.
pub const MAGNET_ELEMENTS: [Element; 4] = [Element::Nd, Element::Pr, Element::Dy, Element::Tb];

/// A technology's parameters (each from a cited source in the scenario files).
#[derive(Debug, Clone, PartialEq)]
pub struct Technology {
    /// Id (e.g. `bev`, `wind_offshore`).
    pub id: String,
    /// Unit of deployment (`vehicle`, `MW`, ...).
    pub unit: String,
    /// kg of NdFeB per unit of deployment, for units that use permanent magnets.
    pub magnet_kg_per_unit: f64,
    /// Share of deployed units that use NdFeB magnets (1 − substitution).
    pub pm_share: f64,
    /// Mass fraction of each of [`MAGNET_ELEMENTS`] in the magnet.
    pub content: [f64; 4],
    /// Lifetime of the product.
    pub lifetime: Lifetime,
}

/// Scenario-wide parameters.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Recovery {
    /// Magnet-making yield: magnet out per alloy in (0..1].
    pub manufacturing_yield: f64,
    /// Share of end-of-life magnets collected (0..1).
    pub collection: f64,
    /// Share of collected magnet elements recovered (0..1).
    pub recycling_yield: f64,
}

/// Demand of one technology, by year.
#[derive(Debug, Clone, PartialEq)]
pub struct TechnologyDemand {
    /// Technology id.
    pub technology: String,
    /// t NdFeB entering use each year.
    pub magnet_inflow: Vec<f64>,
    /// t NdFeB in use at year end.
    pub magnet_stock: Vec<f64>,
    /// t NdFeB leaving use each year.
    pub magnet_outflow: Vec<f64>,
    /// t element demanded each year, per [`MAGNET_ELEMENTS`].
    pub element_demand: Vec<[f64; 4]>,
    /// t element recovered from end-of-life magnets each year.
    pub secondary: Vec<[f64; 4]>,
}

/// Why demand cannot be computed.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum DemandError {
    /// A parameter outside its range.
    #[error("technology {technology}: invalid {what} {value}: expected {expected}")]
    Parameter {
        /// Technology.
        technology: String,
        /// Parameter.
        what: String,
        /// Value.
        value: f64,
        /// Expected range.
        expected: String,
    },
    /// The stock model refused the series.
    #[error("technology {technology}: {source}")]
    Stock {
        /// Technology.
        technology: String,
        /// The stock model's error.
        source: MfaError,
    },
}

fn check(
    technology: &str,
    what: &str,
    value: f64,
    ok: bool,
    expected: &str,
) -> Result<(), DemandError> {
    if value.is_finite() && ok {
        Ok(())
    } else {
        Err(DemandError::Parameter {
            technology: technology.into(),
            what: what.into(),
            value,
            expected: expected.into(),
        })
    }
}

/// Demand, stock and secondary supply of one technology over a deployment series.
pub fn technology_demand(
    t: &Technology,
    deployment: &[f64],
    r: &Recovery,
) -> Result<TechnologyDemand, DemandError> {
    check(
        &t.id,
        "magnet mass per unit",
        t.magnet_kg_per_unit,
        t.magnet_kg_per_unit >= 0.0,
        "kg not below 0",
    )?;
    check(
        &t.id,
        "permanent-magnet share",
        t.pm_share,
        (0.0..=1.0).contains(&t.pm_share),
        "a share from 0 to 1",
    )?;
    check(
        &t.id,
        "manufacturing yield",
        r.manufacturing_yield,
        r.manufacturing_yield > 0.0 && r.manufacturing_yield <= 1.0,
        "a yield above 0 and at most 1",
    )?;
    check(
        &t.id,
        "collection rate",
        r.collection,
        (0.0..=1.0).contains(&r.collection),
        "a share from 0 to 1",
    )?;
    check(
        &t.id,
        "recycling yield",
        r.recycling_yield,
        (0.0..=1.0).contains(&r.recycling_yield),
        "a share from 0 to 1",
    )?;
    for c in t.content {
        check(
            &t.id,
            "element content",
            c,
            (0.0..=1.0).contains(&c),
            "a mass fraction from 0 to 1",
        )?;
    }
    let magnet_inflow: Vec<f64> = deployment
        .iter()
        .map(|d| d * t.pm_share * t.magnet_kg_per_unit / 1000.0)
        .collect();
    let model = inflow_driven(&magnet_inflow, &Lifetimes::Same(t.lifetime), Detail::Totals)
        .map_err(|source| DemandError::Stock {
            technology: t.id.clone(),
            source,
        })?;
    let element_demand = magnet_inflow
        .iter()
        .map(|m| t.content.map(|c| m * c / r.manufacturing_yield))
        .collect();
    let secondary = model
        .outflow
        .iter()
        .map(|o| t.content.map(|c| o * r.collection * r.recycling_yield * c))
        .collect();
    Ok(TechnologyDemand {
        technology: t.id.clone(),
        magnet_inflow,
        magnet_stock: model.stock,
        magnet_outflow: model.outflow,
        element_demand,
        secondary,
    })
}

/// Element tonnes as oxide (REO) tonnes, per [`MAGNET_ELEMENTS`].
pub fn as_reo(element_tonnes: [f64; 4]) -> [f64; 4] {
    let mut out = element_tonnes;
    for (x, e) in out.iter_mut().zip(MAGNET_ELEMENTS) {
        *x *= e.reo_per_element();
    }
    out
}

/// Linear interpolation of a series known at some years over `from..=to`; years before the
/// first or after the last known year are `None` (no extrapolation).
pub fn interpolate(points: &[(i32, f64)], from: i32, to: i32) -> Vec<Option<f64>> {
    let mut p = points.to_vec();
    p.sort_by_key(|x| x.0);
    (from..=to)
        .map(|y| {
            let i = p.iter().position(|x| x.0 >= y)?;
            if p[i].0 == y {
                return Some(p[i].1);
            }
            let (a, b) = (p.get(i.checked_sub(1)?)?, p[i]);
            Some(a.1 + (b.1 - a.1) * f64::from(y - a.0) / f64::from(b.0 - a.0))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ev() -> Technology {
        Technology {
            id: "ev".into(),
            unit: "vehicle".into(),
            magnet_kg_per_unit: 2.0,
            pm_share: 0.5,
            content: [0.25, 0.05, 0.04, 0.01],
            lifetime: Lifetime::Fixed { mean: 2.0 },
        }
    }

    #[test]
    fn demand_is_units_times_intensity_times_content_over_yield() {
        // 1,000,000 vehicles × 50% PM × 2 kg = 1,000 t NdFeB; Nd 25% / yield 0.8 = 312.5 t Nd.
        let r = Recovery {
            manufacturing_yield: 0.8,
            collection: 0.5,
            recycling_yield: 0.9,
        };
        let d = technology_demand(&ev(), &[1e6, 0.0, 0.0], &r).unwrap();
        assert_eq!(d.magnet_inflow[0], 1000.0);
        assert!((d.element_demand[0][0] - 312.5).abs() < 1e-9);
        // The magnets leave after two years; half collected, 90% recovered: 1000·0.45·0.25 t Nd.
        assert_eq!(d.magnet_outflow, [0.0, 0.0, 1000.0]);
        assert!((d.secondary[2][0] - 112.5).abs() < 1e-9);
        // Oxide: Nd2O3 per Nd.
        assert!(
            (as_reo(d.element_demand[0])[0] / d.element_demand[0][0]
                - Element::Nd.reo_per_element())
            .abs()
                < 1e-15
        );
        let bad = Recovery {
            manufacturing_yield: 0.0,
            ..r
        };
        assert!(technology_demand(&ev(), &[1.0], &bad)
            .unwrap_err()
            .to_string()
            .contains("manufacturing yield"));
    }

    #[test]
    fn interpolation_is_linear_and_never_extrapolates() {
        let v = interpolate(&[(2023, 14.0), (2030, 49.0)], 2022, 2031);
        assert_eq!(v[0], None);
        assert_eq!(v[1], Some(14.0));
        assert_eq!(v[2], Some(19.0));
        assert_eq!(v[8], Some(49.0));
        assert_eq!(v[9], None);
    }
}
