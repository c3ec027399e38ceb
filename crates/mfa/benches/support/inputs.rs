//! The inputs of the benchmark, shared by the criterion bench and the `bench_once`
//! example so both time exactly the same models: 100 regions × 200 years, inflow
//! `(1 + r/100)·(10 + 90/(1 + e^(−(k−100)/15)))`, Weibull shape 2.5, scale 15 + 0.05·r.

use mfa::Lifetimes;
use model::Lifetime;

/// Regions.
pub(crate) const REGIONS: usize = 100;
/// Years.
pub(crate) const YEARS: usize = 200;

/// One (inflow, lifetime) per region.
pub(crate) fn inputs() -> Vec<(Vec<f64>, Lifetimes)> {
    (0..REGIONS)
        .map(|r| {
            let rf = r as f64;
            let inflow = (0..YEARS)
                .map(|k| {
                    (1.0 + rf / 100.0)
                        * (10.0 + 90.0 / (1.0 + (-((k as f64) - 100.0) / 15.0).exp()))
                })
                .collect();
            (
                inflow,
                Lifetimes::Same(Lifetime::Weibull {
                    shape: 2.5,
                    scale: 15.0 + 0.05 * rf,
                }),
            )
        })
        .collect()
}
