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

/// All regions inflow-driven with cohort matrices, recycled through `ws`.
pub(crate) fn inflow_matrices_reused(regions: &[(Vec<f64>, Lifetimes)], ws: &mut mfa::Workspace) {
    for (inflow, life) in regions {
        let run = mfa::inflow_driven_with(
            std::hint::black_box(inflow),
            life,
            mfa::Detail::ByCohort,
            ws,
        );
        if let Ok(m) = run {
            ws.recycle(std::hint::black_box(m));
        }
    }
}

/// All regions stock-driven (fed `stocks`) with cohort matrices, recycled through `ws`.
pub(crate) fn stock_matrices_reused(
    regions: &[(Vec<f64>, Lifetimes)],
    stocks: &[Vec<f64>],
    ws: &mut mfa::Workspace,
) {
    for ((_, life), stock) in regions.iter().zip(stocks) {
        let run = mfa::stock_driven_with(
            std::hint::black_box(stock),
            life,
            mfa::NegativeInflow::Allow,
            mfa::Detail::ByCohort,
            ws,
        );
        if let Ok(m) = run {
            ws.recycle(std::hint::black_box(m));
        }
    }
}
