//! rareflow's scenario simulator: a scenario's events stepped year by year through the
//! rare-earth network, mode `sticky` (baseline trade shares kept where they can be). It
//! answers who runs short of what, when, at what price, and how concentration moves at
//! each stage. A run is a pure function of its inputs (network, demand, scenario), so the
//! same inputs give the same bytes, and a Monte Carlo can run it many times in parallel.
//!
//! The rules, with their formulas, are in `docs/model/sim.md`.
//!
//! # Layout
//! - [`time`]: an event's share of a year and its ramp.
//! - [`compile`]: nodes in stepping order, edges, events as per-node terms.
//! - [`run`]: the yearly step, stocks, prices and the balance check.
//! - [`tables`]: a run as sorted tables (flows, production, shortfalls, stocks, prices,
//!   concentration).
//! - [`error`]: what stops a scenario from running on a network.

#[doc(hidden)]
pub mod bench_support;
pub mod compile;
pub mod error;
pub mod run;
pub mod tables;
pub mod time;

pub use compile::{compile, Compiled, TechnologyShares};
pub use error::SimError;
pub use run::{step, step_into, Run, RunSettings};
pub use tables::{tables, Tables};

use model::sim::{DemandPoint, Scenario, SimNetwork, Species};

/// The settings of a scenario's run: its years, elasticities and price cap.
pub fn settings(scenario: &Scenario) -> Result<RunSettings, SimError> {
    let years = model::units::YEARS;
    if !years.contains(&scenario.from)
        || !years.contains(&scenario.to)
        || scenario.from > scenario.to
    {
        return Err(SimError::Years {
            from: scenario.from,
            to: scenario.to,
        });
    }
    let mut elasticity = [model::sim::PriceSettings::DEFAULT_ELASTICITY; Species::COUNT];
    for s in Species::all() {
        elasticity[s.index()] = scenario.prices.elasticity_of(s);
    }
    Ok(RunSettings {
        from: scenario.from,
        to: scenario.to,
        elasticity,
        cap: scenario.prices.cap,
    })
}

/// Compiles and runs `scenario` on `network` with `demand`.
pub fn simulate(
    network: &SimNetwork,
    demand: &[DemandPoint],
    scenario: &Scenario,
    technology_shares: &TechnologyShares,
) -> Result<(Compiled, Run), SimError> {
    let s = settings(scenario)?;
    let c = compile(network, demand, scenario, technology_shares)?;
    let r = step(&c, &s);
    Ok((c, r))
}
