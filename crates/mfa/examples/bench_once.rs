//! The issue's benchmark, timed once per case without criterion, so that
//! `bench/flodym_compare.py` can put rareflow's and flodym's times side by side.
//!
//! Inflow- and stock-driven Weibull models over 100 regions × 200 years, one lifetime per
//! region (shape 2.5, scale 15 + 0.05·r), inflow `(1 + r/100)·(10 + 90/(1 + e^(−(k−100)/15)))`
//! for r = 0..99, k = 0..199; the stock-driven runs are fed the inflow-driven stocks. Each case
//! runs all 100 regions; the time printed is the best of 20 runs (`std::time::Instant`), for
//! totals only ([`Detail::Totals`]), with the cohort matrices ([`Detail::ByCohort`]), and with
//! the cohort matrices recycled through one [`Workspace`] (`by_cohort_reused`).
//!
//! Output, one line per case: `rareflow <driven> <detail> <milliseconds> ms`.
//! With `--dump PATH` it also writes the totals (inflow, stock, outflow per region, `[r][t]`)
//! of the totals-only runs as JSON, for the flodym comparison.
//!
//! ```text
//! cargo run --release -p mfa --example bench_once [-- --dump totals.json]
//! ```

use mfa::{inflow_driven, stock_driven, Detail, NegativeInflow, StockModel, Workspace};
use std::hint::black_box;
use std::time::Instant;

#[path = "../benches/support/inputs.rs"]
mod inputs;
use inputs::{inflow_matrices_reused, inputs, stock_matrices_reused};

const RUNS: usize = 20;

/// Best of `RUNS` wall-clock times of `f`, in milliseconds.
fn best_ms(mut f: impl FnMut()) -> f64 {
    (0..RUNS)
        .map(|_| {
            let start = Instant::now();
            f();
            start.elapsed().as_secs_f64() * 1e3
        })
        .fold(f64::INFINITY, f64::min)
}

fn series_json(models: &[StockModel], pick: impl Fn(&StockModel) -> &Vec<f64>) -> String {
    let rows: Vec<String> = models
        .iter()
        .map(|m| {
            let v: Vec<String> = pick(m).iter().map(|x| format!("{x:?}")).collect();
            format!("[{}]", v.join(","))
        })
        .collect();
    format!("[{}]", rows.join(","))
}

fn model_json(models: &[StockModel]) -> String {
    format!(
        "{{\"inflow\":{},\"stock\":{},\"outflow\":{}}}",
        series_json(models, |m| &m.inflow),
        series_json(models, |m| &m.stock),
        series_json(models, |m| &m.outflow)
    )
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().collect();
    let dump = args
        .iter()
        .position(|a| a == "--dump")
        .map(|i| args.get(i + 1).cloned().ok_or("--dump needs a path"))
        .transpose()?;

    let regions = inputs();
    let forward: Vec<StockModel> = regions
        .iter()
        .map(|(i, l)| inflow_driven(i, l, Detail::Totals))
        .collect::<Result<_, _>>()?;
    let stocks: Vec<Vec<f64>> = forward.iter().map(|m| m.stock.clone()).collect();
    let backward: Vec<StockModel> = regions
        .iter()
        .zip(&stocks)
        .map(|((_, l), s)| stock_driven(s, l, NegativeInflow::Allow, Detail::Totals))
        .collect::<Result<_, _>>()?;

    for (label, detail) in [("totals", Detail::Totals), ("by_cohort", Detail::ByCohort)] {
        let ms = best_ms(|| {
            for (inflow, life) in &regions {
                black_box(inflow_driven(black_box(inflow), life, detail).ok());
            }
        });
        println!("rareflow inflow {label} {ms:.4} ms");
        let ms = best_ms(|| {
            for ((_, life), stock) in regions.iter().zip(&stocks) {
                black_box(stock_driven(black_box(stock), life, NegativeInflow::Allow, detail).ok());
            }
        });
        println!("rareflow stock {label} {ms:.4} ms");
    }

    // Cohort matrices again, with one workspace recycled between regions and runs.
    let mut ws = Workspace::default();
    let ms = best_ms(|| inflow_matrices_reused(&regions, &mut ws));
    println!("rareflow inflow by_cohort_reused {ms:.4} ms");
    let ms = best_ms(|| stock_matrices_reused(&regions, &stocks, &mut ws));
    println!("rareflow stock by_cohort_reused {ms:.4} ms");

    if let Some(path) = dump {
        let json = format!(
            "{{\"inflow_driven\":{},\"stock_driven\":{}}}\n",
            model_json(&forward),
            model_json(&backward)
        );
        std::fs::write(&path, json)?;
    }
    Ok(())
}
