//! Times the planner on synthetic instances (`plan::synthetic`, seeded) and prints one line
//! per run: projects, years, seed, gap asked, status, seconds, objective, bound, gap.
//! `cargo run --release -p plan --example plan_scaling [-- N YEARS SEED GAP]`; with no
//! arguments it runs the table of `docs/performance.md` (`PLAN_TIME_LIMIT=SECONDS` caps
//! each run; default 600).

use lp::Highs;
use std::time::Instant;

fn run(n: usize, years: u32, seed: u64, gap: f64) {
    let mut inputs = plan::synthetic::instance(n, years, seed);
    inputs.roadmap.limits.mip_gap = gap;
    inputs.roadmap.limits.time_limit_s = std::env::var("PLAN_TIME_LIMIT")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(600.0);
    let c = plan::check::check(&inputs).expect("a synthetic instance checks");
    let b = plan::build::build(&c, plan::build::Variant::default());
    let (vars, rows) = (b.model.vars.len(), b.model.rows.len());
    let started = Instant::now();
    let p = plan::plan(&inputs, &Highs).expect("a synthetic instance plans");
    let wall = started.elapsed().as_secs_f64();
    println!(
        "{n:>4} projects {years:>3} years seed {seed:>3} gap {gap:<6} vars {vars:>6} rows {rows:>6}: {:<10} {wall:>7.2} s (solver {:.2} s) objective {:.1} bound {:.1} gap {:.4}",
        p.status.id(),
        p.seconds,
        p.objective.unwrap_or(f64::NAN),
        p.bound.unwrap_or(f64::NAN),
        p.gap.unwrap_or(f64::NAN),
    );
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.len() == 4 {
        let n = args[0].parse().expect("N");
        let years = args[1].parse().expect("YEARS");
        let seed = args[2].parse().expect("SEED");
        let gap = args[3].parse().expect("GAP");
        run(n, years, seed, gap);
        return;
    }
    for seed in [1, 2, 3] {
        run(100, 26, seed, 0.01);
    }
    run(100, 26, 1, 1e-6);
    for n in [25, 50] {
        run(n, 26, 1, 0.01);
    }
    for years in [10, 18] {
        run(100, years, 1, 0.01);
    }
}
