//! The yearly step, mode `sticky` (`docs/model/sim.md` states every rule with its
//! formula). For each year, species and stage in chain order (within a stage, regions in
//! code order): capacity and output under the year's events, throughput, allocation
//! (deals first, then the baseline links in proportion, then the node's own next stage),
//! export restrictions, withheld tonnes, end use with stockpiles and shortfalls, and the
//! world price of each species. A run is a pure function of its inputs.

use crate::compile::{demand_at, Compiled, EdgeKind};
use model::sim::Species;
use model::Stage;

/// The kinds of stock a node can hold.
pub const STOCK_KINDS: [&str; 5] = [
    "unprocessed",
    "unplaced",
    "withheld",
    "surplus",
    "stockpile",
];
const UNPROCESSED: usize = 0;
const UNPLACED: usize = 1;
const WITHHELD: usize = 2;
const SURPLUS: usize = 3;
const STOCKPILE: usize = 4;

/// One end-use node's year.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct EndUseYear {
    /// Year index.
    pub t: usize,
    /// Node.
    pub node: usize,
    /// Demand.
    pub demand: f64,
    /// Delivered by the network.
    pub delivered: f64,
    /// Released from a stockpile.
    pub released: f64,
    /// Demand not met.
    pub shortfall: f64,
}

/// A stock's change and level in a year (only stocks that exist).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct StockYear {
    /// Year index.
    pub t: usize,
    /// Node.
    pub node: usize,
    /// Kind (index into [`STOCK_KINDS`]).
    pub kind: usize,
    /// Change in the year.
    pub change: f64,
    /// Level at year end.
    pub level: f64,
}

/// A species' world price in a year.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PriceYear {
    /// Year index.
    pub t: usize,
    /// Species.
    pub species: Species,
    /// World demand.
    pub demand: f64,
    /// World shortfall.
    pub shortfall: f64,
    /// Price over the base price.
    pub ratio: f64,
}

/// A run's results, dense by year.
#[derive(Debug, Clone)]
pub struct Run {
    /// Years, in order.
    pub years: Vec<i32>,
    /// Flow on each edge, `flows[t * edges + e]`.
    pub flows: Vec<f64>,
    /// Output of each node (mine output, throughput, or end-use deliveries), `[t * nodes + n]`.
    pub output: Vec<f64>,
    /// Capacity of each node (0 for end use), `[t * nodes + n]`.
    pub capacity: Vec<f64>,
    /// End-use years.
    pub end_use: Vec<EndUseYear>,
    /// Stock years.
    pub stocks: Vec<StockYear>,
    /// Prices.
    pub prices: Vec<PriceYear>,
    /// The largest node balance residual (t).
    pub max_balance_residual: f64,
}

/// What a run takes besides the compiled network: the years and each species' elasticity
/// and price cap.
#[derive(Debug, Clone)]
pub struct RunSettings {
    /// First year.
    pub from: i32,
    /// Last year.
    pub to: i32,
    /// Elasticity per species (index).
    pub elasticity: [f64; Species::COUNT],
    /// Cap as a multiple of the base price.
    pub cap: f64,
}

/// A relative difference below which two tonnages are the same (floating-point rounding
/// in a network built to balance, e.g. capacity set to the base year's throughput).
pub const ROUNDING: f64 = 1e-9;

/// The world price over its base: `(D / (D − S))^(1/ε)`, capped at `cap`; `cap` when the
/// shortfall is the whole demand, 1 when there is no demand.
pub fn price_ratio(demand: f64, shortfall: f64, elasticity: f64, cap: f64) -> f64 {
    if demand <= 0.0 {
        return 1.0;
    }
    if shortfall >= demand {
        return cap;
    }
    (demand / (demand - shortfall))
        .powf(1.0 / elasticity)
        .min(cap)
}

impl Run {
    /// An empty run, to be filled by [`step_into`].
    pub fn empty() -> Run {
        Run {
            years: Vec::new(),
            flows: Vec::new(),
            output: Vec::new(),
            capacity: Vec::new(),
            end_use: Vec::new(),
            stocks: Vec::new(),
            prices: Vec::new(),
            max_balance_residual: 0.0,
        }
    }

    /// Clears the run for `years` years of `c`, keeping its allocations (many runs, such as
    /// Monte Carlo draws, then fault in no fresh memory).
    fn reset(&mut self, c: &Compiled, years: Vec<i32>) {
        let (n_nodes, n_edges, n) = (c.nodes.len(), c.edges.len(), years.len());
        let zero = |v: &mut Vec<f64>, len: usize| {
            v.clear();
            v.resize(len, 0.0);
        };
        zero(&mut self.flows, n * n_edges);
        zero(&mut self.output, n * n_nodes);
        zero(&mut self.capacity, n * n_nodes);
        self.end_use.clear();
        self.stocks.clear();
        self.prices.clear();
        self.max_balance_residual = 0.0;
        self.years = years;
    }
}

/// Steps `c` from `s.from` to `s.to`.
pub fn step(c: &Compiled, s: &RunSettings) -> Run {
    let mut run = Run::empty();
    step_into(c, s, &mut run);
    run
}

/// [`step`] into `run`, reusing its allocations.
pub fn step_into(c: &Compiled, s: &RunSettings, run: &mut Run) {
    let (n_nodes, n_edges) = (c.nodes.len(), c.edges.len());
    let years: Vec<i32> = (s.from..=s.to).collect();
    run.reset(c, years.clone());
    let mut stock = vec![[0.0f64; 5]; n_nodes];
    let mut exists = vec![[false; 5]; n_nodes];
    let mut stockpile_added = vec![false; c.stockpiles.len()];
    // Per-year scratch, reused.
    let mut cap = vec![0.0; n_nodes];
    let mut mine = vec![0.0; n_nodes];
    let mut demand_now = vec![0.0; n_nodes];
    let mut inflow = vec![0.0; n_nodes];
    let mut outflow = vec![0.0; n_nodes];
    let mut dstock = vec![[0.0f64; 5]; n_nodes];
    let mut keep = vec![1.0; n_edges];
    let restricted_edges: Vec<usize> = (0..n_edges)
        .filter(|&k| !c.edge_restrictions[k].is_empty())
        .collect();
    let mut added = vec![0.0; n_nodes];
    let mut released_at = vec![0.0; n_nodes];
    let mut consumed_at = vec![0.0; n_nodes];
    let mut deal_q = vec![0.0; c.deals.len()];
    for (t, &y) in years.iter().enumerate() {
        // Capacities and mine output under the year's events.
        added.iter_mut().for_each(|x| *x = 0.0);
        for a in &c.additions {
            added[a.node] += a.capacity_t * a.span.ramp(y, a.ramp_years) * a.span.share_of_year(y);
        }
        let disrupted: Vec<f64> = c
            .disruptions
            .iter()
            .map(|d| d.fraction * d.span.share_of_year(y))
            .collect();
        let depleted: Vec<f64> = c
            .depletions
            .iter()
            .map(|d| {
                if y >= d.span.start_year() {
                    (1.0 - d.fraction).powi(y - d.span.start_year() + 1)
                } else {
                    1.0
                }
            })
            .collect();
        let changed: Vec<(f64, f64)> = c
            .demand_changes
            .iter()
            .map(|d| {
                let share = d.share_by_year.as_deref().map_or(1.0, |s| demand_at(s, y));
                (share * d.span.share_of_year(y), d.factor)
            })
            .collect();
        for (i, n) in c.nodes.iter().enumerate() {
            let disruption: f64 = c.node_disruptions[i]
                .iter()
                .map(|&d| disrupted[d])
                .sum::<f64>()
                .min(1.0);
            let depletion: f64 = c.node_depletions[i].iter().map(|&d| depleted[d]).product();
            let keep_share = 1.0 - disruption;
            cap[i] = if n.stage == Stage::EndUse {
                0.0
            } else {
                (n.capacity_t + added[i]) * keep_share * depletion
            };
            mine[i] = if n.stage == Stage::Mining {
                (n.baseline_t + added[i]) * keep_share * depletion
            } else {
                0.0
            };
            demand_now[i] = if n.stage == Stage::EndUse {
                let multiplier: f64 = c.node_demand_changes[i]
                    .iter()
                    .map(|&d| 1.0 - changed[d].0 * (1.0 - changed[d].1))
                    .product();
                demand_at(&n.demand, y) * multiplier
            } else {
                0.0
            };
        }
        let restricted: Vec<f64> = c
            .restrictions
            .iter()
            .map(|r| 1.0 - r.span.share_of_year(y) * (1.0 - r.allowed))
            .collect();
        for &k in &restricted_edges {
            keep[k] = c.edge_restrictions[k]
                .iter()
                .map(|&r| restricted[r])
                .product();
        }
        for (k, d) in c.deals.iter().enumerate() {
            deal_q[k] = d.quantity_t * d.span.ramp(y, d.ramp_years) * d.span.share_of_year(y);
        }
        for (k, p) in c.stockpiles.iter().enumerate() {
            if !stockpile_added[k] && p.span.share_of_year(y) > 0.0 {
                stockpile_added[k] = true;
                stock[p.node][STOCKPILE] += p.stock_t;
                exists[p.node][STOCKPILE] = true;
                dstock[p.node][STOCKPILE] += p.stock_t;
            }
        }
        inflow.iter_mut().for_each(|x| *x = 0.0);
        outflow.iter_mut().for_each(|x| *x = 0.0);
        let flows = &mut run.flows[t * n_edges..(t + 1) * n_edges];
        released_at.iter_mut().for_each(|x| *x = 0.0);
        consumed_at.iter_mut().for_each(|x| *x = 0.0);
        let mut world = [(0.0f64, 0.0f64); Species::COUNT];
        for ranges in &c.ranges {
            for range in ranges.iter() {
                for i in range.clone() {
                    let n = &c.nodes[i];
                    if n.stage == Stage::EndUse {
                        let demand = demand_now[i];
                        let delivered = inflow[i];
                        // A difference within rounding of the demand is no difference.
                        let tol = ROUNDING * demand.max(delivered);
                        let lack = demand - delivered;
                        let released = if lack > tol {
                            stock[i][STOCKPILE].min(lack)
                        } else {
                            0.0
                        };
                        stock[i][STOCKPILE] -= released;
                        dstock[i][STOCKPILE] -= released;
                        let shortfall = match demand - delivered - released {
                            s if s > tol => s,
                            _ => 0.0,
                        };
                        let surplus = match delivered - demand {
                            s if s > tol => s,
                            _ => 0.0,
                        };
                        if surplus > 0.0 {
                            stock[i][SURPLUS] += surplus;
                            dstock[i][SURPLUS] += surplus;
                            exists[i][SURPLUS] = true;
                        }
                        released_at[i] = released;
                        consumed_at[i] = delivered + released - surplus;
                        run.output[t * n_nodes + i] = delivered;
                        let w = &mut world[n.species.index()];
                        w.0 += demand;
                        w.1 += shortfall;
                        if demand > 0.0 || delivered > 0.0 || released > 0.0 || !n.demand.is_empty()
                        {
                            run.end_use.push(EndUseYear {
                                t,
                                node: i,
                                demand,
                                delivered,
                                released,
                                shortfall,
                            });
                        }
                        continue;
                    }
                    let throughput = if n.stage == Stage::Mining {
                        mine[i]
                    } else {
                        // Inflow over capacity by rounding only (a network whose capacity is
                        // its base-year throughput) is processed, not stocked.
                        let thr = if inflow[i] <= cap[i] * (1.0 + ROUNDING) {
                            inflow[i]
                        } else {
                            cap[i]
                        };
                        let excess = inflow[i] - thr;
                        if excess > 0.0 {
                            stock[i][UNPROCESSED] += excess;
                            dstock[i][UNPROCESSED] += excess;
                            exists[i][UNPROCESSED] = true;
                        }
                        thr
                    };
                    run.output[t * n_nodes + i] = throughput;
                    run.capacity[t * n_nodes + i] = cap[i];
                    let mut send =
                        |edge: usize, amount: f64, inflow: &mut [f64], outflow: &mut [f64]| {
                            if amount > 0.0 {
                                flows[edge] += amount;
                                inflow[c.edges[edge].to] += amount;
                                outflow[i] += amount;
                            }
                        };
                    let mut remaining = throughput;
                    let mut withheld = 0.0;
                    for &e in &n.deals {
                        let EdgeKind::Deal(k) = c.edges[e].kind else {
                            continue;
                        };
                        let q = remaining.min(deal_q[k]);
                        remaining -= q;
                        send(e, q * keep[e], &mut inflow, &mut outflow);
                        withheld += q * (1.0 - keep[e]);
                    }
                    if n.has_link_shares {
                        for &e in &n.links {
                            let amount = remaining * c.edges[e].share;
                            send(e, amount * keep[e], &mut inflow, &mut outflow);
                            withheld += amount * (1.0 - keep[e]);
                        }
                    } else if let Some(e) = n.own_next {
                        send(e, remaining, &mut inflow, &mut outflow);
                    } else if remaining > 0.0 {
                        stock[i][UNPLACED] += remaining;
                        dstock[i][UNPLACED] += remaining;
                        exists[i][UNPLACED] = true;
                    }
                    if withheld > 0.0 {
                        // Withheld tonnes go to the exporter's own next stage up to its
                        // spare room, the rest to the restricting node's stock.
                        let moved = match n.own_next {
                            Some(e) => {
                                let to = c.edges[e].to;
                                let room = if c.nodes[to].stage == Stage::EndUse {
                                    (demand_now[to] - inflow[to]).max(0.0)
                                } else {
                                    (cap[to] - inflow[to]).max(0.0)
                                };
                                let m = withheld.min(room);
                                send(e, m, &mut inflow, &mut outflow);
                                m
                            }
                            None => 0.0,
                        };
                        let rest = withheld - moved;
                        if rest > 0.0 {
                            stock[i][WITHHELD] += rest;
                            dstock[i][WITHHELD] += rest;
                            exists[i][WITHHELD] = true;
                        }
                    }
                }
            }
        }
        // Balance: inflow + extraction + released = outflow + Δstock + consumption.
        for (i, n) in c.nodes.iter().enumerate() {
            let extraction = if n.stage == Stage::Mining {
                mine[i]
            } else {
                0.0
            };
            let d: f64 = dstock[i][..STOCKPILE].iter().sum();
            let lhs = inflow[i] + extraction + released_at[i];
            let rhs = outflow[i] + d + consumed_at[i];
            let residual = (lhs - rhs).abs();
            if residual > run.max_balance_residual {
                run.max_balance_residual = residual;
            }
        }
        for (i, kinds) in exists.iter().enumerate() {
            for (k, &there) in kinds.iter().enumerate() {
                if there {
                    run.stocks.push(StockYear {
                        t,
                        node: i,
                        kind: k,
                        change: dstock[i][k],
                        level: stock[i][k],
                    });
                }
            }
        }
        for d in dstock.iter_mut() {
            *d = [0.0; 5];
        }
        for sp in Species::all() {
            let (demand, shortfall) = world[sp.index()];
            run.prices.push(PriceYear {
                t,
                species: sp,
                demand,
                shortfall,
                ratio: price_ratio(demand, shortfall, s.elasticity[sp.index()], s.cap),
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_price_rises_with_the_shortfall_and_stops_at_the_cap() {
        // Half the demand short, elasticity 0.5: (1 / 0.5)^(1/0.5) = 4.
        assert_eq!(price_ratio(100.0, 50.0, 0.5, 10.0), 4.0);
        assert_eq!(price_ratio(100.0, 0.0, 0.5, 10.0), 1.0);
        assert_eq!(price_ratio(100.0, 90.0, 0.5, 10.0), 10.0);
        assert_eq!(price_ratio(100.0, 100.0, 0.5, 10.0), 10.0);
        assert_eq!(price_ratio(0.0, 0.0, 0.5, 10.0), 1.0);
    }
}
