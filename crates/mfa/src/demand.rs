//! Element demand of one technology: the element put into products each year, divided by
//! the magnet-making yield, is what must be supplied; the same element leaves use after the
//! product's lifetime, and what is collected and recycled comes back as secondary supply.
//!
//! Per year `t`, for one element (tonnes of element):
//! `demand[t] = in_products[t] / manufacturing_yield[t]`;
//! `stock`, `end_of_life` = an inflow-driven stock model of `in_products` with the product
//! lifetime; `recycled[t] = end_of_life[t] · collection[t] · recycling_yield[t]`;
//! `primary[t] = demand[t] − recycled[t]`. Scrap from magnet making counts as demand and is
//! not credited back: rareflow has no sourced figure for how much of it is recycled.

use crate::dsm::{inflow_driven, Detail, Lifetimes};
use crate::error::MfaError;
use model::Tonnes;

/// Recovery parameters by year (one value per year of the series).
#[derive(Debug, Clone, PartialEq)]
pub struct RecoverySeries {
    /// Magnet out per magnet alloy in, (0..1].
    pub manufacturing_yield: Vec<f64>,
    /// Share of end-of-life magnets collected, 0..1.
    pub collection: Vec<f64>,
    /// Share of the collected element recovered, 0..1.
    pub recycling_yield: Vec<f64>,
}

/// One element's flows through one technology, by year (tonnes of element).
#[derive(Debug, Clone, PartialEq)]
pub struct ElementFlows {
    /// Put into new products.
    pub in_products: Vec<f64>,
    /// Demanded from supply (in products ÷ manufacturing yield).
    pub demand: Vec<f64>,
    /// In use at year end.
    pub stock: Vec<f64>,
    /// Leaving use.
    pub end_of_life: Vec<f64>,
    /// Recovered from end-of-life products.
    pub recycled: Vec<f64>,
    /// Demand minus recycled.
    pub primary: Vec<f64>,
}

/// The six flows of one year (tonnes of element).
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct FlowsAt {
    /// Put into new products.
    pub in_products: Tonnes,
    /// Demanded from supply.
    pub demand: Tonnes,
    /// In use at year end.
    pub stock: Tonnes,
    /// Leaving use.
    pub end_of_life: Tonnes,
    /// Recovered.
    pub recycled: Tonnes,
    /// Demand minus recycled.
    pub primary: Tonnes,
}

impl FlowsAt {
    /// Demand in tonnes of `element`'s oxide (REO).
    pub fn demand_reo(&self, element: model::Element) -> Tonnes {
        self.demand.scaled(element.reo_per_element())
    }
}

impl std::ops::AddAssign for FlowsAt {
    fn add_assign(&mut self, o: FlowsAt) {
        self.in_products = self.in_products + o.in_products;
        self.demand = self.demand + o.demand;
        self.stock = self.stock + o.stock;
        self.end_of_life = self.end_of_life + o.end_of_life;
        self.recycled = self.recycled + o.recycled;
        self.primary = self.primary + o.primary;
    }
}

impl ElementFlows {
    /// The flows of year index `t`.
    pub fn at(&self, t: usize) -> FlowsAt {
        // The series are computed from finite inputs; a non-finite value would have been
        // refused where it arose, so `Tonnes::raw` only carries the number.
        FlowsAt {
            in_products: Tonnes::raw(self.in_products[t]),
            demand: Tonnes::raw(self.demand[t]),
            stock: Tonnes::raw(self.stock[t]),
            end_of_life: Tonnes::raw(self.end_of_life[t]),
            recycled: Tonnes::raw(self.recycled[t]),
            primary: Tonnes::raw(self.primary[t]),
        }
    }
}

/// Why flows cannot be computed.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum DemandError {
    /// A recovery parameter outside its range.
    #[error("year index {index}: invalid {what} {value}: expected {expected}")]
    Parameter {
        /// Year index.
        index: usize,
        /// Parameter.
        what: &'static str,
        /// Value.
        value: f64,
        /// Expected range.
        expected: &'static str,
    },
    /// Series of different lengths.
    #[error("{what} has {got} values for {years} years")]
    Length {
        /// Which series.
        what: &'static str,
        /// Its length.
        got: usize,
        /// Years.
        years: usize,
    },
    /// The stock model refused the series.
    #[error(transparent)]
    Stock(#[from] MfaError),
}

fn check(
    what: &'static str,
    values: &[f64],
    years: usize,
    ok: impl Fn(f64) -> bool,
    expected: &'static str,
) -> Result<(), DemandError> {
    if values.len() != years {
        return Err(DemandError::Length {
            what,
            got: values.len(),
            years,
        });
    }
    match values.iter().position(|v| !v.is_finite() || !ok(*v)) {
        None => Ok(()),
        Some(index) => Err(DemandError::Parameter {
            index,
            what,
            value: values[index],
            expected,
        }),
    }
}

/// The flows of one element through one technology.
pub fn element_flows(
    in_products: &[f64],
    lifetimes: &Lifetimes,
    r: &RecoverySeries,
) -> Result<ElementFlows, DemandError> {
    let n = in_products.len();
    let fraction = |x: f64| (0.0..=1.0).contains(&x);
    check(
        "manufacturing yield",
        &r.manufacturing_yield,
        n,
        |x| x > 0.0 && x <= 1.0,
        "a yield above 0 and at most 1",
    )?;
    check(
        "collection rate",
        &r.collection,
        n,
        fraction,
        "a share from 0 to 1",
    )?;
    check(
        "recycling yield",
        &r.recycling_yield,
        n,
        fraction,
        "a share from 0 to 1",
    )?;
    let model = inflow_driven(in_products, lifetimes, Detail::Totals)?;
    let demand: Vec<f64> = in_products
        .iter()
        .zip(&r.manufacturing_yield)
        .map(|(m, y)| m / y)
        .collect();
    let recycled: Vec<f64> = (0..n)
        .map(|t| model.outflow[t] * r.collection[t] * r.recycling_yield[t])
        .collect();
    let primary = demand.iter().zip(&recycled).map(|(d, s)| d - s).collect();
    Ok(ElementFlows {
        in_products: in_products.to_vec(),
        demand,
        stock: model.stock,
        end_of_life: model.outflow,
        recycled,
        primary,
    })
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
    use model::Lifetime;

    fn recovery(n: usize, y: f64, c: f64, r: f64) -> RecoverySeries {
        RecoverySeries {
            manufacturing_yield: vec![y; n],
            collection: vec![c; n],
            recycling_yield: vec![r; n],
        }
    }

    #[test]
    fn demand_divides_by_yield_and_recycling_follows_the_lifetime() {
        // 250 t Nd into products, yield 0.8 → 312.5 t demanded; the products leave after two
        // years, half are collected and 90% of their Nd recovered: 112.5 t.
        let l = Lifetimes::Same(Lifetime::Fixed { mean: 2.0 });
        let f = element_flows(&[250.0, 0.0, 0.0], &l, &recovery(3, 0.8, 0.5, 0.9)).unwrap();
        assert_eq!(f.demand, [312.5, 0.0, 0.0]);
        assert_eq!(f.stock, [250.0, 250.0, 0.0]);
        assert_eq!(f.end_of_life, [0.0, 0.0, 250.0]);
        assert!((f.recycled[2] - 112.5).abs() < 1e-9);
        assert!((f.primary[2] + 112.5).abs() < 1e-9);
        // Mass balance of the products: in = end of life + stock change.
        let mut previous = 0.0;
        for t in 0..3 {
            let balance = f.in_products[t] - f.end_of_life[t] - (f.stock[t] - previous);
            assert!(balance.abs() < 1e-9);
            previous = f.stock[t];
        }
        let err = element_flows(&[1.0], &l, &recovery(1, 0.0, 0.5, 0.9)).unwrap_err();
        assert_eq!(
            err.to_string(),
            "year index 0: invalid manufacturing yield 0: expected a yield above 0 and at most 1"
        );
        let short = RecoverySeries {
            collection: vec![0.5],
            ..recovery(2, 0.8, 0.5, 0.9)
        };
        assert!(element_flows(&[1.0, 1.0], &l, &short).is_err());
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
