//! The world network the simulator runs on by default: one base year (2024), every stage
//! by country, the four magnet elements (Nd, Pr, Dy, Tb) resolved, everything else
//! `unspecified` (or La and Ce where a distribution is published), built from the bundled
//! tables by the rules below. Each node, link and demand figure carries the reason it has
//! its value, and `checks` sets the network's figures beside the published ones it was not
//! forced to match.
//!
//! # Layout
//! - [`demand`]: rules 1–2 (regional demand, world supply).
//! - [`mining`]: rule 3 (mine output and its element content) and rule 4 (mine → separation).
//! - [`downstream`]: rules 5–8 (magnet makers, separation → metal → magnet → end use,
//!   capacity).
//! - [`checks`]: the network beside published stage figures.
//!
//! # Rules (docs/model/world.md gives them with the arithmetic)
//! 1. **Demand** of each region for each magnet element: the rows of
//!    `data/demand/world.csv` (kt of element, × the oxide factor).
//! 2. **World supply** of each magnet element in the base year = world demand (a labelled
//!    assumption: no stock change in the base year, so the baseline has no shortfall).
//! 3. **Mining**: each country's TREO from the latest statistical edition; its element
//!    content from `data/mine_splits.csv` (a share of its TREO, a share of the world's
//!    supply, tonnes, or the `rest` of the world's supply); NdPr is split into Nd and Pr in
//!    the proportion of world demand; what no row names is `unspecified`.
//! 4. **Mine → separation**: the trade-link rows (latest edition; shares of the mine's
//!    output in the proportion of their figures).
//! 5. **Magnet makers**: the magnet-stage shares of `data/stage_output.csv` for the base
//!    year (they must sum to 100%); each makes its share of the world's supply, from metal
//!    made in the same country (no metal trade is published: an assumption).
//! 6. **Separation → metal**: for every separating country but the largest magnet maker
//!    (the hub), its separation→metal trade rows (shares of its output); the hub's
//!    separation supplies what each other maker still lacks and keeps the rest.
//! 7. **Magnet → end use**: a maker other than the hub supplies its own region; the hub
//!    supplies every region what its own makers do not.
//! 8. **Capacity** of every node = its base-year throughput (no spare capacity is
//!    published: an assumption that scenarios change with `capacity` events).
//!
//! Species other than the magnet elements stop at separation: their downstream uses are
//! not modelled (no element-resolved demand), so the simulator keeps them there as stock.

mod checks;
mod demand;
mod downstream;
mod mining;

use model::sim::{DemandPoint, LinkSpec, NodeSpec, Region, SimNetwork, Species};
use model::trade::WorldTables;
use model::{Dataset, EditionId, Stage};
use std::collections::BTreeMap;

/// Why the world network cannot be built from the tables given.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum WorldError {
    /// A figure the rules need is not in the tables.
    #[error("the world network for {year} needs {what}")]
    Missing {
        /// The base year.
        year: i32,
        /// What is missing.
        what: String,
    },
    /// The tables contradict each other.
    #[error("the world network for {year}: {what}")]
    Inconsistent {
        /// The base year.
        year: i32,
        /// What does not add up.
        what: String,
    },
}

/// A figure of the network beside a published (or derived) one it was not built to match.
#[derive(Debug, Clone, PartialEq)]
pub struct WorldCheck {
    /// What is compared.
    pub what: String,
    /// The network's figure.
    pub network: f64,
    /// The sourced figure.
    pub sourced: f64,
    /// Unit of both.
    pub unit: String,
    /// Where the sourced figure comes from.
    pub source: String,
}

/// The world network of one base year, with the reason for every figure.
#[derive(Debug, Clone, PartialEq)]
pub struct WorldNetwork {
    /// The base year.
    pub year: i32,
    /// Nodes, links and demand, as the simulator reads them.
    pub network: SimNetwork,
    /// Why each node has its figures (same order as `network.nodes`).
    pub node_notes: Vec<String>,
    /// Why each link has its figure (same order as `network.links`).
    pub link_notes: Vec<String>,
    /// Where each demand figure comes from (same order as `network.demand`).
    pub demand_notes: Vec<String>,
    /// Figures beside the published ones.
    pub checks: Vec<WorldCheck>,
    /// What the builder assumed or left out.
    pub notes: Vec<String>,
}

pub(crate) type Vector = BTreeMap<Species, f64>;
/// A link's key: from region and stage, to region and stage, species.
type LinkKey = (Region, Stage, Region, Stage, Species);
/// A figure and the reason for it.
pub(crate) type Reasoned = (f64, String);

/// The network being built: nodes and links by key, with their reasons.
#[derive(Default)]
struct Builder {
    nodes: BTreeMap<(Region, Stage, Species), Reasoned>,
    links: BTreeMap<LinkKey, Reasoned>,
}

impl Builder {
    fn link(&mut self, from: (Region, Stage), to: (Region, Stage), sp: Species, t: f64, why: &str) {
        if t <= 0.0 {
            return;
        }
        let e = self
            .links
            .entry((from.0, from.1, to.0, to.1, sp))
            .or_insert((0.0, String::new()));
        e.0 += t;
        if e.1.is_empty() {
            e.1 = why.to_string();
        } else if !e.1.contains(why) {
            e.1.push_str(" + ");
            e.1.push_str(why);
        }
    }

    fn inflow(&self, to: (Region, Stage), sp: Species) -> f64 {
        self.links
            .iter()
            .filter(|((_, _, r, s, x), _)| (*r, *s) == to && *x == sp)
            .map(|(_, v)| v.0)
            .sum()
    }
}

pub(crate) fn fmt_t(t: f64) -> String {
    model::num::text(t)
}

/// What every step reads: the dataset, the tables, the base year, and the notes it adds to.
struct Ctx<'a> {
    d: &'a Dataset,
    world: &'a WorldTables,
    year: i32,
    notes: Vec<String>,
}

impl Ctx<'_> {
    /// The year an edition was published (the later edition of a link wins).
    fn published(&self, id: &EditionId) -> i32 {
        self.d.source(id).map_or(i32::MIN, |s| s.year)
    }

    fn missing(&self, what: String) -> WorldError {
        WorldError::Missing {
            year: self.year,
            what,
        }
    }

    fn inconsistent(&self, what: String) -> WorldError {
        WorldError::Inconsistent {
            year: self.year,
            what,
        }
    }
}

/// Builds the world network for `year` from the dataset's mine production and the world
/// tables.
pub fn build_world(
    d: &Dataset,
    world: &WorldTables,
    year: i32,
) -> Result<WorldNetwork, WorldError> {
    let mut cx = Ctx {
        d,
        world,
        year,
        notes: Vec::new(),
    };
    let demand = demand::regional(&cx);
    let supply = demand::world_supply(&mut cx, &demand)?;
    let mut b = Builder::default();
    mining::build(&mut cx, &supply, &mut b)?;
    downstream::build(&mut cx, &supply, &demand, &mut b)?;
    let checks = checks::against_stage_output(&cx, &supply, &b);
    Ok(finish(cx, b, demand, checks))
}

/// The network in the simulator's vocabulary, in key order, with the reasons beside it.
fn finish(
    cx: Ctx<'_>,
    b: Builder,
    demand: BTreeMap<(Region, Species), Reasoned>,
    checks: Vec<WorldCheck>,
) -> WorldNetwork {
    let (mut network, mut node_notes, mut link_notes, mut demand_notes) =
        (SimNetwork::default(), Vec::new(), Vec::new(), Vec::new());
    for ((r, s, sp), (t, why)) in b.nodes {
        network.nodes.push(NodeSpec {
            region: r,
            stage: s,
            species: sp,
            baseline_t: t,
            capacity_t: t,
        });
        node_notes.push(why);
    }
    for ((fr, fs, tr, ts, sp), (t, why)) in b.links {
        network.links.push(LinkSpec {
            from_region: fr,
            from_stage: fs,
            to_region: tr,
            to_stage: ts,
            species: sp,
            baseline_t: t,
        });
        link_notes.push(why);
    }
    for ((r, sp), (t, why)) in demand {
        network.demand.push(DemandPoint {
            region: r,
            species: sp,
            year: cx.year,
            demand_t: t,
        });
        demand_notes.push(why);
    }
    WorldNetwork {
        year: cx.year,
        network,
        node_notes,
        link_notes,
        demand_notes,
        checks,
        notes: cx.notes,
    }
}
