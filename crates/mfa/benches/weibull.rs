//! The benchmark: inflow- and stock-driven Weibull models over 100 regions × 200
//! years, one lifetime per region (shape 2.5, scale 15 + 0.05·r), inflow
//! `(1 + r/100)·(10 + 90/(1 + e^(−(k−100)/15)))`. Totals only, and full cohort matrices.
//! `bench/flodym_compare.py` runs flodym on the same inputs.

use criterion::{criterion_group, criterion_main, Criterion};
use mfa::{inflow_driven, stock_driven, Detail, Lifetimes, NegativeInflow};
use model::Lifetime;
use std::hint::black_box;

const REGIONS: usize = 100;
const YEARS: usize = 200;

fn inputs() -> Vec<(Vec<f64>, Lifetimes)> {
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

fn bench(c: &mut Criterion) {
    let regions = inputs();
    let stocks: Vec<Vec<f64>> = regions
        .iter()
        .map(|(i, l)| {
            inflow_driven(i, l, Detail::Totals)
                .map(|m| m.stock)
                .unwrap_or_default()
        })
        .collect();
    for (name, detail) in [
        ("totals", Detail::Totals),
        ("cohort matrices", Detail::ByCohort),
    ] {
        c.bench_function(&format!("inflow-driven weibull 100x200, {name}"), |b| {
            b.iter(|| {
                for (inflow, life) in &regions {
                    black_box(inflow_driven(black_box(inflow), life, detail).ok());
                }
            })
        });
        c.bench_function(&format!("stock-driven weibull 100x200, {name}"), |b| {
            b.iter(|| {
                for ((_, life), stock) in regions.iter().zip(&stocks) {
                    black_box(
                        stock_driven(black_box(stock), life, NegativeInflow::Allow, detail).ok(),
                    );
                }
            })
        });
    }
}

criterion_group!(benches, bench);
criterion_main!(benches);
