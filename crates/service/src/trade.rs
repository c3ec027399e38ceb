//! `trade`: the trade links between countries and stages, with their sources, and which
//! row of each link the networks use; `world_network`: the bundled world network the
//! simulator runs on, every figure with its reason, beside the published figures it was
//! not built to match.

use crate::error::{Error, Result};
use crate::Session;
use model::sim::Region;
use model::trade::TradeLink;
use model::Stage;
use serde::Serialize;
use utoipa::ToSchema;

/// A trade question: every filter is optional.
#[derive(Debug, Clone, Default)]
pub struct TradeRequest {
    /// Only links from this exporter (a country code or name, `EU27` or `ROW`).
    pub exporter: Option<String>,
    /// Only links to this importer.
    pub importer: Option<String>,
    /// Only links that leave or reach this stage.
    pub stage: Option<Stage>,
    /// Only this year.
    pub year: Option<i32>,
}

/// One row of `data/trade_links.csv`, with whether a network uses it.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct TradeRow {
    /// Exporter (ISO3, `EU27` or `ROW`).
    pub exporter: String,
    /// Importer.
    pub importer: String,
    /// Exporter's stage.
    pub from_stage: Stage,
    /// Importer's stage.
    pub to_stage: Stage,
    /// What is counted (`TREO`, `NdPr`, an element, `NdFeB`).
    pub element: String,
    /// Year.
    pub year: i32,
    /// Quantity as published (blank: the link exists, no figure).
    pub quantity: Option<f64>,
    /// Its unit (`t` or `%`).
    pub unit: String,
    /// `gross_weight`, `t_reo`, `share` or `assumed`.
    pub basis: String,
    /// The quantity in tonnes of oxide, where it converts.
    pub t_reo: Option<f64>,
    /// How it was converted.
    pub conversion: String,
    /// `used` (the latest edition of the link with a figure in tonnes of oxide),
    /// `superseded` (an earlier edition of a used link), `not_in_t_reo` (a share or a
    /// gross weight without a stated content) or `no_figure`.
    pub status: String,
    /// The edition that supersedes it.
    pub superseded_by: Option<String>,
    /// Edition.
    pub edition: String,
    /// Citation.
    pub citation: String,
    /// Note: reasoning, arithmetic, caveats.
    pub note: String,
    /// Line in `data/trade_links.csv`.
    pub line: u64,
}

/// The trade links, serialised as their rows.
#[derive(Debug, Clone, Serialize)]
#[serde(transparent)]
pub struct TradeResult {
    /// Rows, in file order.
    pub links: Vec<TradeRow>,
}
crate::values::rows_schema!(TradeResult, TradeRow);

/// One node of the world network.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct WorldNodeRow {
    /// Region.
    pub country: String,
    /// Stage.
    pub stage: Stage,
    /// Species (an element or `unspecified`).
    pub element: String,
    /// Base-year output (mining) or throughput (t oxide).
    pub baseline_t: f64,
    /// Capacity (t oxide per year).
    pub capacity_t: f64,
    /// Why.
    pub why: String,
}

/// One link of the world network.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct WorldLinkRow {
    /// Exporting region.
    pub from_country: String,
    /// Its stage.
    pub from_stage: Stage,
    /// Importing region.
    pub to_country: String,
    /// Its stage.
    pub to_stage: Stage,
    /// Species.
    pub element: String,
    /// Base-year flow (t oxide).
    pub baseline_t: f64,
    /// Why.
    pub why: String,
}

/// One demand figure of the world network.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct WorldDemandOut {
    /// Region.
    pub country: String,
    /// Element.
    pub element: String,
    /// Year.
    pub year: i32,
    /// Demand (t oxide).
    pub demand_t: f64,
    /// Where it comes from.
    pub why: String,
}

/// A network figure beside a sourced one.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct WorldCheckRow {
    /// What is compared.
    pub what: String,
    /// The network's figure.
    pub network: f64,
    /// The sourced figure.
    pub sourced: f64,
    /// Unit of both.
    pub unit: String,
    /// (network − sourced) / sourced, percent; blank when the sourced figure is 0.
    pub difference_pct: Option<f64>,
    /// The source.
    pub source: String,
}

/// The bundled world network.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct WorldNetworkResult {
    /// Base year.
    pub year: i32,
    /// Nodes.
    pub nodes: Vec<WorldNodeRow>,
    /// Links.
    pub links: Vec<WorldLinkRow>,
    /// Demand.
    pub demand: Vec<WorldDemandOut>,
    /// Figures beside sourced ones.
    pub checks: Vec<WorldCheckRow>,
    /// What the builder assumed or left out.
    pub notes: Vec<String>,
}

fn region(s: &Session, text: &str) -> Result<Region> {
    if let Some(r @ (Region::Eu27 | Region::Row)) = Region::parse(text) {
        return Ok(r);
    }
    let place = crate::values::country(&s.bundled().dataset.countries, text)?;
    place
        .country()
        .map(Region::Country)
        .ok_or_else(|| Error::Invalid(format!("invalid value {text:?}: expected a country")))
}

impl Session {
    /// Trade links between countries and stages, with sources and which row is used.
    pub fn trade(&self, req: &TradeRequest) -> Result<TradeResult> {
        let exporter = req
            .exporter
            .as_deref()
            .map(|t| region(self, t))
            .transpose()?;
        let importer = req
            .importer
            .as_deref()
            .map(|t| region(self, t))
            .transpose()?;
        if let Some(y) = req.year {
            crate::values::check_year(y)?;
        }
        let world = &self.bundled().world;
        let d = &self.bundled().dataset;
        let published = |id: &model::EditionId| d.source(id).map_or(i32::MIN, |s| s.year);
        let status = |t: &TradeLink| -> (String, Option<String>) {
            if t.quantity.is_none() {
                return ("no_figure".into(), None);
            }
            if t.tonnes_reo().is_none() {
                return ("not_in_t_reo".into(), None);
            }
            let rows = world.editions_of(&t.key(), published);
            match rows.iter().find(|r| r.tonnes_reo().is_some()) {
                Some(r) if r.line == t.line => ("used".into(), None),
                Some(r) => ("superseded".into(), Some(r.edition.0.clone())),
                None => ("used".into(), None),
            }
        };
        let links = world
            .trade
            .iter()
            .filter(|t| exporter.is_none_or(|e| t.exporter == e))
            .filter(|t| importer.is_none_or(|i| t.importer == i))
            .filter(|t| {
                req.stage
                    .is_none_or(|s| t.from_stage == s || t.to_stage == s)
            })
            .filter(|t| req.year.is_none_or(|y| t.year == y))
            .map(|t| {
                let (st, by) = status(t);
                let conv = t.tonnes_reo();
                TradeRow {
                    exporter: t.exporter.to_string(),
                    importer: t.importer.to_string(),
                    from_stage: t.from_stage,
                    to_stage: t.to_stage,
                    element: t.item.to_string(),
                    year: t.year,
                    quantity: t.quantity,
                    unit: t.unit.id().into(),
                    basis: t.basis.id().into(),
                    t_reo: conv.map(|c| model::num::tidy(c.0)),
                    conversion: conv.map(|c| c.1.to_string()).unwrap_or_default(),
                    status: st,
                    superseded_by: by,
                    edition: t.edition.0.clone(),
                    citation: t.citation.clone(),
                    note: t.note.clone(),
                    line: t.line,
                }
            })
            .collect();
        Ok(TradeResult { links })
    }

    /// The bundled world network, with the reason for every figure.
    pub fn world_network(&self) -> Result<WorldNetworkResult> {
        let w = self.bundled().world_network()?;
        let n = &w.network;
        let tidy = model::num::tidy;
        Ok(WorldNetworkResult {
            year: w.year,
            nodes: n
                .nodes
                .iter()
                .zip(&w.node_notes)
                .map(|(x, why)| WorldNodeRow {
                    country: x.region.to_string(),
                    stage: x.stage,
                    element: x.species.to_string(),
                    baseline_t: tidy(x.baseline_t),
                    capacity_t: tidy(x.capacity_t),
                    why: why.clone(),
                })
                .collect(),
            links: n
                .links
                .iter()
                .zip(&w.link_notes)
                .map(|(l, why)| WorldLinkRow {
                    from_country: l.from_region.to_string(),
                    from_stage: l.from_stage,
                    to_country: l.to_region.to_string(),
                    to_stage: l.to_stage,
                    element: l.species.to_string(),
                    baseline_t: tidy(l.baseline_t),
                    why: why.clone(),
                })
                .collect(),
            demand: n
                .demand
                .iter()
                .zip(&w.demand_notes)
                .map(|(d, why)| WorldDemandOut {
                    country: d.region.to_string(),
                    element: d.species.to_string(),
                    year: d.year,
                    demand_t: tidy(d.demand_t),
                    why: why.clone(),
                })
                .collect(),
            checks: w
                .checks
                .iter()
                .map(|c| WorldCheckRow {
                    what: c.what.clone(),
                    network: tidy(c.network),
                    sourced: c.sourced,
                    unit: c.unit.clone(),
                    difference_pct: (c.sourced != 0.0)
                        .then(|| tidy(100.0 * (c.network - c.sourced) / c.sourced)),
                    source: c.source.clone(),
                })
                .collect(),
            notes: w.notes.clone(),
        })
    }
}

/// The world network as the simulator's network folder (`nodes.csv`, `links.csv`,
/// `demand.csv`), each with a `why` column the simulator ignores: a user can edit the
/// files and run them with `sim run --network DIR`.
pub fn world_network_files(r: &WorldNetworkResult) -> Vec<(&'static str, String)> {
    let n = model::num::text;
    let nodes = data::table::write_csv(
        &[
            "country",
            "stage",
            "element",
            "baseline_t",
            "capacity_t",
            "why",
        ],
        r.nodes.iter().map(|x| {
            vec![
                x.country.clone(),
                x.stage.id().into(),
                x.element.clone(),
                n(x.baseline_t),
                n(x.capacity_t),
                x.why.clone(),
            ]
        }),
    );
    let links = data::table::write_csv(
        &[
            "from_country",
            "from_stage",
            "to_country",
            "to_stage",
            "element",
            "baseline_t",
            "why",
        ],
        r.links.iter().map(|l| {
            vec![
                l.from_country.clone(),
                l.from_stage.id().into(),
                l.to_country.clone(),
                l.to_stage.id().into(),
                l.element.clone(),
                n(l.baseline_t),
                l.why.clone(),
            ]
        }),
    );
    let demand = data::table::write_csv(
        &["country", "element", "year", "demand_t", "why"],
        r.demand.iter().map(|d| {
            vec![
                d.country.clone(),
                d.element.clone(),
                d.year.to_string(),
                n(d.demand_t),
                d.why.clone(),
            ]
        }),
    );
    vec![
        ("nodes.csv", nodes),
        ("links.csv", links),
        ("demand.csv", demand),
    ]
}
