//! The benchmark: inflow- and stock-driven Weibull models over 100 regions × 200
//! years, one lifetime per region (shape 2.5, scale 15 + 0.05·r), inflow
//! `(1 + r/100)·(10 + 90/(1 + e^(−(k−100)/15)))`. Totals only, and full cohort matrices.
//! `bench/flodym_compare.py` runs flodym on the same inputs.

use criterion::{criterion_group, criterion_main, Criterion};
use mfa::{inflow_driven, stock_driven, Detail, NegativeInflow, Workspace};
use std::hint::black_box;

#[path = "support/inputs.rs"]
mod inputs;
use inputs::{inflow_matrices_reused, inputs, stock_matrices_reused};

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
    let mut ws = Workspace::default();
    c.bench_function(
        "inflow-driven weibull 100x200, cohort matrices reused",
        |b| b.iter(|| inflow_matrices_reused(&regions, &mut ws)),
    );
    c.bench_function(
        "stock-driven weibull 100x200, cohort matrices reused",
        |b| b.iter(|| stock_matrices_reused(&regions, &stocks, &mut ws)),
    );
}

criterion_group!(benches, bench);
criterion_main!(benches);
