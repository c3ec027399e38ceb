//! Criterion benchmarks of the planner on the seeded synthetic instances of
//! `plan::synthetic` (`docs/performance.md`): check → build → solve → extract to a 1% gap,
//! at sizes a criterion run can repeat; the 100 × 26 figure and the growth with projects
//! and years come from `cargo run --release -p plan --example plan_scaling`.

use criterion::{criterion_group, criterion_main, Criterion};
use lp::Highs;
use std::hint::black_box;

fn solve(c: &mut Criterion, n: usize, years: u32) {
    let mut inputs = plan::synthetic::instance(n, years, 1);
    inputs.roadmap.limits.mip_gap = 0.01;
    c.bench_function(
        &format!("plan synthetic {n} projects x {years} years, 1% gap"),
        |b| b.iter(|| plan::plan(black_box(&inputs), &Highs).expect("a synthetic instance plans")),
    );
}

fn benches(c: &mut Criterion) {
    solve(c, 10, 10);
    solve(c, 25, 10);
    solve(c, 25, 26);
}

criterion_group! {
    name = planner;
    config = Criterion::default().sample_size(10);
    targets = benches
}
criterion_main!(planner);
