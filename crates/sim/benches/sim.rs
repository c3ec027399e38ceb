//! How long one deterministic run takes: on a network the size of the bundled one, and on
//! a synthetic world-size network (60 countries × 5 stages × 18 species, 3 links per node,
//! from a seeded generator; `docs/performance.md`), and how time grows with years,
//! countries and events.

use criterion::{criterion_group, criterion_main, Criterion};
use sim::bench_support::{synthetic, Size};

fn bench(c: &mut Criterion) {
    for (name, size) in [
        (
            "bundled-size 2025-2050",
            Size {
                countries: 15,
                species: 18,
                links: 2,
                years: 26,
                events: 6,
            },
        ),
        (
            "world-size 2025-2050",
            Size {
                countries: 60,
                species: 18,
                links: 3,
                years: 26,
                events: 6,
            },
        ),
    ] {
        let (network, scenario) = synthetic(&size, 42);
        c.bench_function(name, |b| {
            b.iter(|| {
                let (_, run) =
                    sim::simulate(&network, &network.demand, &scenario, &Default::default())
                        .unwrap();
                std::hint::black_box(run.max_balance_residual)
            })
        });
        let compiled =
            sim::compile(&network, &network.demand, &scenario, &Default::default()).unwrap();
        let settings = sim::settings(&scenario).unwrap();
        c.bench_function(&format!("{name}: compile only"), |b| {
            b.iter(|| {
                std::hint::black_box(
                    sim::compile(&network, &network.demand, &scenario, &Default::default())
                        .unwrap()
                        .nodes
                        .len(),
                )
            })
        });
        c.bench_function(&format!("{name}: step only"), |b| {
            b.iter(|| std::hint::black_box(sim::step(&compiled, &settings).max_balance_residual))
        });
        let mut run = sim::Run::empty();
        c.bench_function(&format!("{name}: step, reused buffers"), |b| {
            b.iter(|| {
                sim::step_into(&compiled, &settings, &mut run);
                std::hint::black_box(run.max_balance_residual)
            })
        });
    }
}

criterion_group!(benches, bench);
criterion_main!(benches);
