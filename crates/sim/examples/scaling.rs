//! How a run's time grows with years, countries and events, on the seeded synthetic
//! network (`sim::bench_support`): the best of 15 runs of each size, printed as a table for
//! `docs/performance.md`. Run with `cargo run --release -p sim --example scaling`.

use sim::bench_support::{synthetic, Size};
use std::time::Instant;

fn best_ms(size: &Size) -> f64 {
    let (network, scenario) = synthetic(size, 42);
    (0..15)
        .map(|_| {
            let t = Instant::now();
            let (_, run) = sim::simulate(&network, &network.demand, &scenario, &Default::default())
                .expect("a synthetic scenario runs");
            std::hint::black_box(run.max_balance_residual);
            t.elapsed().as_secs_f64() * 1e3
        })
        .fold(f64::INFINITY, f64::min)
}

fn main() {
    let base = Size {
        countries: 60,
        species: 18,
        links: 3,
        years: 26,
        events: 6,
    };
    println!("| varied | value | nodes | ms (best of 15) |");
    println!("|---|---|---|---|");
    for years in [6, 13, 26, 52] {
        let s = Size { years, ..base };
        println!("| years | {years} | {} | {:.2} |", 60 * 18 * 5, best_ms(&s));
    }
    for countries in [15, 30, 60, 120] {
        let s = Size { countries, ..base };
        println!(
            "| countries | {countries} | {} | {:.2} |",
            countries * 18 * 5,
            best_ms(&s)
        );
    }
    for events in [0, 6, 60, 600] {
        let s = Size { events, ..base };
        println!(
            "| events | {events} | {} | {:.2} |",
            60 * 18 * 5,
            best_ms(&s)
        );
    }
}
