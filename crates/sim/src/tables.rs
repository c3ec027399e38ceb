//! A run as the tables users read (`flows`, `production`, `shortfalls`, `stocks`,
//! `prices`, `concentration`), rows sorted by year, then by their key columns in order:
//! countries by code, stages in chain order, elements in rareflow's order then
//! `unspecified`. The same run always gives the same rows.

use crate::compile::{Compiled, EdgeKind};
use crate::run::{Run, STOCK_KINDS};
use model::sim::Species;
use model::Stage;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// A flow between two nodes in a year.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct FlowRow {
    /// Year.
    pub year: i32,
    /// Exporting region.
    pub from_country: String,
    /// Exporting stage.
    pub from_stage: Stage,
    /// Importing region.
    pub to_country: String,
    /// Importing stage.
    pub to_stage: Stage,
    /// Species.
    pub element: String,
    /// Tonnes of oxide.
    pub t: f64,
}

/// A node's output and capacity in a year.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct ProductionRow {
    /// Year.
    pub year: i32,
    /// Region.
    pub country: String,
    /// Stage.
    pub stage: Stage,
    /// Species.
    pub element: String,
    /// Output (mine output, throughput, or end-use deliveries), t.
    pub t: f64,
    /// Capacity, t a year (blank at end use).
    pub capacity_t: Option<f64>,
}

/// Demand met and not met at a region's end use.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct ShortfallRow {
    /// Year.
    pub year: i32,
    /// Region.
    pub country: String,
    /// Species.
    pub element: String,
    /// Demand, t.
    pub demand_t: f64,
    /// Delivered by the network, t.
    pub delivered_t: f64,
    /// Released from stockpiles, t.
    pub released_t: f64,
    /// Not met, t.
    pub shortfall_t: f64,
}

/// A stock's change and level.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct StockRow {
    /// Year.
    pub year: i32,
    /// Region.
    pub country: String,
    /// Stage.
    pub stage: Stage,
    /// Species.
    pub element: String,
    /// `unprocessed`, `unplaced`, `withheld`, `surplus` or `stockpile`.
    pub kind: String,
    /// Change in the year, t.
    pub change_t: f64,
    /// Level at year end, t.
    pub level_t: f64,
}

/// A species' world price.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct PriceRow {
    /// Year.
    pub year: i32,
    /// Species.
    pub element: String,
    /// Price, USD per kg of oxide (blank without a base price).
    pub price: Option<f64>,
    /// Unit of `price`.
    pub unit: String,
    /// Price over the base price.
    pub ratio_to_base: f64,
}

/// Concentration of a stage's output for one species.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct ConcentrationRow {
    /// Year.
    pub year: i32,
    /// Stage.
    pub stage: Stage,
    /// Species.
    pub element: String,
    /// HHI, 0–10,000.
    pub hhi: f64,
    /// Share of the three largest (0–1).
    pub top3_share: f64,
    /// The largest region.
    pub largest_country: String,
    /// Its share (0–1).
    pub largest_share: f64,
}

/// Every table of a run.
#[derive(Debug, Clone, Default, PartialEq, Serialize, ToSchema)]
pub struct Tables {
    /// Flows.
    pub flows: Vec<FlowRow>,
    /// Production.
    pub production: Vec<ProductionRow>,
    /// Shortfalls.
    pub shortfalls: Vec<ShortfallRow>,
    /// Stocks.
    pub stocks: Vec<StockRow>,
    /// Prices.
    pub prices: Vec<PriceRow>,
    /// Concentration.
    pub concentration: Vec<ConcentrationRow>,
}

fn stage_order(s: Stage) -> usize {
    Stage::ALL.iter().position(|x| *x == s).unwrap_or(0)
}

/// The tables of `run`; `base_price[species index]` is the base price in USD per kg of oxide.
pub fn tables(c: &Compiled, run: &Run, base_price: &[Option<f64>; Species::COUNT]) -> Tables {
    let (n_nodes, n_edges) = (c.nodes.len(), c.edges.len());
    let node = |i: usize| &c.nodes[i];
    let mut out = Tables::default();
    for (t, &year) in run.years.iter().enumerate() {
        // Flows: every link and deal, and hand-offs that carried something; edges between
        // the same two nodes are one flow.
        let mut flows: Vec<((usize, usize), f64)> = Vec::new();
        for (e, edge) in c.edges.iter().enumerate() {
            let f = run.flows[t * n_edges + e];
            if edge.kind == EdgeKind::OwnNext && f == 0.0 {
                continue;
            }
            match flows.iter_mut().find(|x| x.0 == (edge.from, edge.to)) {
                Some(x) => x.1 += f,
                None => flows.push(((edge.from, edge.to), f)),
            }
        }
        let mut rows: Vec<FlowRow> = flows
            .into_iter()
            .map(|((a, b), f)| FlowRow {
                year,
                from_country: node(a).region.id().into(),
                from_stage: node(a).stage,
                to_country: node(b).region.id().into(),
                to_stage: node(b).stage,
                element: node(a).species.id().into(),
                t: f,
            })
            .collect();
        rows.sort_by(|a, b| {
            (
                &a.from_country,
                stage_order(a.from_stage),
                &a.to_country,
                stage_order(a.to_stage),
                species_order(&a.element),
            )
                .cmp(&(
                    &b.from_country,
                    stage_order(b.from_stage),
                    &b.to_country,
                    stage_order(b.to_stage),
                    species_order(&b.element),
                ))
        });
        out.flows.extend(rows);
        let mut prod: Vec<ProductionRow> = (0..n_nodes)
            .map(|i| ProductionRow {
                year,
                country: node(i).region.id().into(),
                stage: node(i).stage,
                element: node(i).species.id().into(),
                t: run.output[t * n_nodes + i],
                capacity_t: (node(i).stage != Stage::EndUse).then(|| run.capacity[t * n_nodes + i]),
            })
            .collect();
        prod.sort_by(|a, b| {
            (&a.country, stage_order(a.stage), species_order(&a.element)).cmp(&(
                &b.country,
                stage_order(b.stage),
                species_order(&b.element),
            ))
        });
        // Concentration per stage (not end use) and species, from production.
        let mut groups: Vec<(Stage, String)> = prod
            .iter()
            .filter(|p| p.stage != Stage::EndUse)
            .map(|p| (p.stage, p.element.clone()))
            .collect();
        groups.sort_by(|a, b| {
            (stage_order(a.0), species_order(&a.1)).cmp(&(stage_order(b.0), species_order(&b.1)))
        });
        groups.dedup();
        for (stage, element) in groups {
            let parts: Vec<(&str, f64)> = prod
                .iter()
                .filter(|p| p.stage == stage && p.element == element && p.t > 0.0)
                .map(|p| (p.country.as_str(), p.t))
                .collect();
            let total: f64 = parts.iter().map(|p| p.1).sum();
            if total <= 0.0 {
                continue;
            }
            let mut shares: Vec<(&str, f64)> = parts.iter().map(|(c, x)| (*c, x / total)).collect();
            shares.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(b.0)));
            out.concentration.push(ConcentrationRow {
                year,
                stage,
                element: element.clone(),
                hhi: shares.iter().map(|(_, s)| (100.0 * s).powi(2)).sum(),
                top3_share: shares.iter().take(3).map(|(_, s)| s).sum(),
                largest_country: shares[0].0.into(),
                largest_share: shares[0].1,
            });
        }
        out.production.extend(prod);
        let mut short: Vec<ShortfallRow> = run
            .end_use
            .iter()
            .filter(|u| u.t == t)
            .map(|u| ShortfallRow {
                year,
                country: node(u.node).region.id().into(),
                element: node(u.node).species.id().into(),
                demand_t: u.demand,
                delivered_t: u.delivered,
                released_t: u.released,
                shortfall_t: u.shortfall,
            })
            .collect();
        short.sort_by(|a, b| {
            (&a.country, species_order(&a.element)).cmp(&(&b.country, species_order(&b.element)))
        });
        out.shortfalls.extend(short);
        let mut stocks: Vec<StockRow> = run
            .stocks
            .iter()
            .filter(|s| s.t == t)
            .map(|s| StockRow {
                year,
                country: node(s.node).region.id().into(),
                stage: node(s.node).stage,
                element: node(s.node).species.id().into(),
                kind: STOCK_KINDS[s.kind].into(),
                change_t: s.change,
                level_t: s.level,
            })
            .collect();
        stocks.sort_by(|a, b| {
            (
                &a.country,
                stage_order(a.stage),
                species_order(&a.element),
                &a.kind,
            )
                .cmp(&(
                    &b.country,
                    stage_order(b.stage),
                    species_order(&b.element),
                    &b.kind,
                ))
        });
        out.stocks.extend(stocks);
        for p in run.prices.iter().filter(|p| p.t == t && p.demand > 0.0) {
            out.prices.push(PriceRow {
                year,
                element: p.species.id().into(),
                price: base_price[p.species.index()].map(|b| b * p.ratio),
                unit: "USD/kg".into(),
                ratio_to_base: p.ratio,
            });
        }
    }
    out
}

fn species_order(id: &str) -> usize {
    Species::parse(id).map_or(usize::MAX, Species::index)
}
