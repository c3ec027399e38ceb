//! A network and its scenario compiled for stepping: nodes in stepping order (species,
//! then stage in chain order, then region code), every edge a flow can take (baseline
//! links, deals, the hand-off to a node's own next stage), and the scenario's events
//! turned into per-node terms. Compiling checks what a file reader cannot: that a deal
//! leaves a node that exists, and that capacity events are resolved to species.

use crate::error::SimError;
use crate::time::Span;
use model::sim::{
    CapacityOf, DemandOf, DemandPoint, EventKind, Region, Scenario, Selector, SimNetwork, Species,
};
use model::Stage;
use rustc_hash::FxHashMap as HashMap;

/// A node.
#[derive(Debug, Clone)]
pub struct Node {
    /// Region.
    pub region: Region,
    /// Stage.
    pub stage: Stage,
    /// Species.
    pub species: Species,
    /// Output in the base year (mining) or 0.
    pub baseline_t: f64,
    /// Capacity before events.
    pub capacity_t: f64,
    /// Out-links (edge indices), in file order.
    pub links: Vec<usize>,
    /// Whether the out-links' baselines sum to more than 0 (else output goes to the own
    /// next stage).
    pub has_link_shares: bool,
    /// Deals from the node (edge indices), in scenario order.
    pub deals: Vec<usize>,
    /// The edge to the node's own country's next existing stage, if any.
    pub own_next: Option<usize>,
    /// Demand points (end use only), by year.
    pub demand: Vec<(i32, f64)>,
}

/// What an edge is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EdgeKind {
    /// A baseline link.
    Link,
    /// A deal (index of its event).
    Deal(usize),
    /// The hand-off to the node's own next stage.
    OwnNext,
}

/// An edge a flow can take.
#[derive(Debug, Clone)]
pub struct Edge {
    /// From node.
    pub from: usize,
    /// To node.
    pub to: usize,
    /// What it is.
    pub kind: EdgeKind,
    /// Baseline flow (links).
    pub baseline_t: f64,
    /// The link's share of its node's baseline links (links; 0 when they sum to 0).
    pub share: f64,
}

/// A capacity addition on a node.
#[derive(Debug, Clone)]
pub struct Addition {
    /// Node.
    pub node: usize,
    /// Tonnes a year at full ramp.
    pub capacity_t: f64,
    /// When.
    pub span: Span,
    /// Ramp years.
    pub ramp_years: u32,
}

/// A disruption of a region's stage.
#[derive(Debug, Clone)]
pub struct Disruption {
    /// Region.
    pub region: Region,
    /// Stage.
    pub stage: Stage,
    /// Share lost.
    pub fraction: f64,
    /// When.
    pub span: Span,
}

/// A deal's terms.
#[derive(Debug, Clone)]
pub struct Deal {
    /// Tonnes a year at full ramp.
    pub quantity_t: f64,
    /// When.
    pub span: Span,
    /// Ramp years.
    pub ramp_years: u32,
}

/// An export restriction.
#[derive(Debug, Clone)]
pub struct Restriction {
    /// Exporter.
    pub exporter: Region,
    /// Exporting stages.
    pub stages: Vec<Stage>,
    /// Species.
    pub species: Selector<Species>,
    /// Importers.
    pub importers: Selector<Region>,
    /// Share allowed.
    pub allowed: f64,
    /// When.
    pub span: Span,
    /// Line in the scenario file (notes).
    pub line: u64,
}

impl Restriction {
    /// Whether the restriction acts on an edge from `from` to `to` (a magnet is one
    /// product: at the magnet stage naming any element restricts every element).
    pub fn matches(&self, from: &Node, to: &Node) -> bool {
        let species = match (&self.species, from.stage) {
            (Selector::Only(v), Stage::Magnet) => !v.is_empty(),
            (s, _) => s.contains(&from.species),
        };
        from.region == self.exporter
            && self.stages.contains(&from.stage)
            && species
            && to.region != self.exporter
            && self.importers.contains(&to.region)
    }
}

/// A stockpile.
#[derive(Debug, Clone)]
pub struct Stockpile {
    /// The end-use node it releases into.
    pub node: usize,
    /// Tonnes.
    pub stock_t: f64,
    /// When it becomes available.
    pub span: Span,
}

/// Depletion of a region's mines.
#[derive(Debug, Clone)]
pub struct Depletion {
    /// Region.
    pub region: Region,
    /// The species whose output declines.
    pub species: Selector<Species>,
    /// Share lost per year.
    pub fraction: f64,
    /// From when.
    pub span: Span,
}

/// A demand change.
#[derive(Debug, Clone)]
pub struct DemandChange {
    /// Species.
    pub species: Species,
    /// The share of that species' demand it acts on, by year (a technology's part); `None`
    /// for all of it.
    pub share_by_year: Option<Vec<(i32, f64)>>,
    /// Factor.
    pub factor: f64,
    /// Region, or all.
    pub region: Option<Region>,
    /// When.
    pub span: Span,
}

/// Everything a run steps.
#[derive(Debug, Clone)]
pub struct Compiled {
    /// Nodes in stepping order.
    pub nodes: Vec<Node>,
    /// Edges.
    pub edges: Vec<Edge>,
    /// For each species, the node range of each stage: `ranges[species][stage]`.
    pub ranges: Vec<[std::ops::Range<usize>; 5]>,
    /// Capacity additions.
    pub additions: Vec<Addition>,
    /// Disruptions.
    pub disruptions: Vec<Disruption>,
    /// Deal terms, by the deal's index.
    pub deals: Vec<Deal>,
    /// Restrictions.
    pub restrictions: Vec<Restriction>,
    /// Stockpiles.
    pub stockpiles: Vec<Stockpile>,
    /// Depletions.
    pub depletions: Vec<Depletion>,
    /// Demand changes.
    pub demand_changes: Vec<DemandChange>,
    /// Notes found while compiling.
    pub notes: Vec<String>,
    /// The restrictions that act on each edge (indices), found once.
    pub edge_restrictions: Vec<Vec<usize>>,
    /// The disruptions that act on each node (indices).
    pub node_disruptions: Vec<Vec<usize>>,
    /// The depletions that act on each mining node (indices).
    pub node_depletions: Vec<Vec<usize>>,
    /// The demand changes that act on each end-use node (indices).
    pub node_demand_changes: Vec<Vec<usize>>,
}

fn stage_index(s: Stage) -> usize {
    Stage::ALL.iter().position(|x| *x == s).unwrap_or(0)
}

/// Technology shares of each species' demand, by year, for `demand_change` events that name
/// a technology: `(technology, species) → [(year, share)]`.
pub type TechnologyShares = std::collections::HashMap<(String, Species), Vec<(i32, f64)>>;

/// Compiles `network` with `demand` for `scenario`.
pub fn compile(
    network: &SimNetwork,
    demand: &[DemandPoint],
    scenario: &Scenario,
    technology_shares: &TechnologyShares,
) -> Result<Compiled, SimError> {
    // Every node: the file's, end-use nodes named by demand or links, and nodes that
    // capacity events or deals create.
    let mut specs: HashMap<(Species, Stage, Region), (f64, f64)> = HashMap::default();
    for n in &network.nodes {
        specs.insert((n.species, n.stage, n.region), (n.baseline_t, n.capacity_t));
    }
    for d in demand {
        specs
            .entry((d.species, Stage::EndUse, d.region))
            .or_insert((0.0, 0.0));
    }
    for l in &network.links {
        if l.to_stage == Stage::EndUse {
            specs
                .entry((l.species, Stage::EndUse, l.to_region))
                .or_insert((0.0, 0.0));
        }
    }
    let mut notes = Vec::new();
    for e in &scenario.events {
        match &e.kind {
            EventKind::Capacity {
                region, stage, of, ..
            } => {
                let CapacityOf::Species(s) = of else {
                    return Err(SimError::Unresolved { line: e.line });
                };
                if let std::collections::hash_map::Entry::Vacant(v) =
                    specs.entry((*s, *stage, *region))
                {
                    notes.push(format!(
                        "line {}: a capacity event creates the node {region} {stage} {s} (capacity 0 before it)",
                        e.line
                    ));
                    v.insert((0.0, 0.0));
                }
            }
            EventKind::Deal {
                exporter,
                from_stage,
                importer,
                to_stage,
                species,
                ..
            } => {
                if !specs.contains_key(&(*species, *from_stage, *exporter)) {
                    return Err(SimError::NoNode {
                        line: e.line,
                        what: "deal",
                        node: format!("{exporter} {from_stage} {species}"),
                    });
                }
                if let std::collections::hash_map::Entry::Vacant(v) =
                    specs.entry((*species, *to_stage, *importer))
                {
                    notes.push(format!(
                        "line {}: the deal's receiving node {importer} {to_stage} {species} has no capacity of its own (a plant without capacity makes nothing: its feed goes to stock)",
                        e.line
                    ));
                    v.insert((0.0, 0.0));
                }
            }
            EventKind::Stockpile {
                holder, species, ..
            } => {
                specs
                    .entry((*species, Stage::EndUse, *holder))
                    .or_insert((0.0, 0.0));
            }
            _ => {}
        }
    }
    let mut keys: Vec<(Species, Stage, Region)> = specs.keys().copied().collect();
    keys.sort_by(|a, b| {
        (a.0.index(), stage_index(a.1), a.2.id()).cmp(&(b.0.index(), stage_index(b.1), b.2.id()))
    });
    let index: HashMap<(Species, Stage, Region), usize> =
        keys.iter().enumerate().map(|(i, k)| (*k, i)).collect();
    let mut nodes: Vec<Node> = keys
        .iter()
        .map(|k| {
            let (baseline_t, capacity_t) = specs[k];
            Node {
                region: k.2,
                stage: k.1,
                species: k.0,
                baseline_t,
                capacity_t,
                links: Vec::new(),
                has_link_shares: false,
                deals: Vec::new(),
                own_next: None,
                demand: Vec::new(),
            }
        })
        .collect();
    let mut ranges = vec![std::array::from_fn(|_| 0..0); Species::COUNT];
    for (i, n) in nodes.iter().enumerate() {
        let r = &mut ranges[n.species.index()][stage_index(n.stage)];
        if r.start == r.end {
            *r = i..i + 1;
        } else {
            r.end = i + 1;
        }
    }
    let mut edges = Vec::new();
    for l in &network.links {
        let (from, to) = (
            index[&(l.species, l.from_stage, l.from_region)],
            index[&(l.species, l.to_stage, l.to_region)],
        );
        nodes[from].links.push(edges.len());
        edges.push(Edge {
            from,
            to,
            kind: EdgeKind::Link,
            baseline_t: l.baseline_t,
            share: 0.0,
        });
    }
    let mut deals = Vec::new();
    let mut restrictions = Vec::new();
    let mut additions = Vec::new();
    let mut disruptions = Vec::new();
    let mut stockpiles = Vec::new();
    let mut depletions = Vec::new();
    let mut demand_changes = Vec::new();
    for e in &scenario.events {
        let span = Span::new(e.start, e.end);
        match &e.kind {
            EventKind::Deal {
                exporter,
                from_stage,
                importer,
                to_stage,
                species,
                quantity_t,
                ramp_years,
            } => {
                let (from, to) = (
                    index[&(*species, *from_stage, *exporter)],
                    index[&(*species, *to_stage, *importer)],
                );
                nodes[from].deals.push(edges.len());
                edges.push(Edge {
                    from,
                    to,
                    kind: EdgeKind::Deal(deals.len()),
                    baseline_t: 0.0,
                    share: 0.0,
                });
                deals.push(Deal {
                    quantity_t: *quantity_t,
                    span,
                    ramp_years: *ramp_years,
                });
            }
            EventKind::ExportRestriction {
                exporter,
                stages,
                species,
                importers,
                allowed,
            } => restrictions.push(Restriction {
                exporter: *exporter,
                stages: stages.clone(),
                species: species.clone(),
                importers: importers.clone(),
                allowed: *allowed,
                span,
                line: e.line,
            }),
            EventKind::Capacity {
                region,
                stage,
                of: CapacityOf::Species(s),
                capacity_t,
                ramp_years,
            } => additions.push(Addition {
                node: index[&(*s, *stage, *region)],
                capacity_t: capacity_t.ok_or(SimError::Unresolved { line: e.line })?,
                span,
                ramp_years: *ramp_years,
            }),
            EventKind::Capacity { .. } => return Err(SimError::Unresolved { line: e.line }),
            EventKind::Disruption {
                region,
                stage,
                fraction,
            } => disruptions.push(Disruption {
                region: *region,
                stage: *stage,
                fraction: *fraction,
                span,
            }),
            EventKind::Stockpile {
                holder,
                species,
                stock_t,
            } => stockpiles.push(Stockpile {
                node: index[&(*species, Stage::EndUse, *holder)],
                stock_t: *stock_t,
                span,
            }),
            EventKind::Depletion {
                region,
                fraction_per_year,
                species,
            } => depletions.push(Depletion {
                region: *region,
                species: species.clone(),
                fraction: *fraction_per_year,
                span,
            }),
            EventKind::DemandChange { of, factor, region } => match of {
                DemandOf::Species(s) => demand_changes.push(DemandChange {
                    species: *s,
                    share_by_year: None,
                    factor: *factor,
                    region: *region,
                    span,
                }),
                DemandOf::Technology(t) => {
                    let mut any = false;
                    for ((tech, s), shares) in technology_shares {
                        if tech == t {
                            any = true;
                            demand_changes.push(DemandChange {
                                species: *s,
                                share_by_year: Some(shares.clone()),
                                factor: *factor,
                                region: *region,
                                span,
                            });
                        }
                    }
                    if !any {
                        return Err(SimError::UnknownTechnology {
                            line: e.line,
                            technology: t.clone(),
                        });
                    }
                }
            },
        }
    }
    // Own next stage: the nearest later stage of the same region and species that exists.
    for (i, node) in nodes.iter_mut().enumerate() {
        let (r, s, sp) = (node.region, node.stage, node.species);
        if s == Stage::EndUse {
            continue;
        }
        let next = Stage::ALL
            .iter()
            .skip(stage_index(s) + 1)
            .find_map(|st| index.get(&(sp, *st, r)).copied());
        if let Some(to) = next {
            node.own_next = Some(edges.len());
            edges.push(Edge {
                from: i,
                to,
                kind: EdgeKind::OwnNext,
                baseline_t: 0.0,
                share: 0.0,
            });
        }
    }
    for n in &mut nodes {
        let total: f64 = n.links.iter().map(|&e| edges[e].baseline_t).sum();
        if total > 0.0 {
            n.has_link_shares = true;
            for &e in &n.links {
                edges[e].share = edges[e].baseline_t / total;
            }
        }
    }
    for d in demand {
        let n = index[&(d.species, Stage::EndUse, d.region)];
        nodes[n].demand.push((d.year, d.demand_t));
    }
    for n in &mut nodes {
        n.demand.sort_by_key(|p| p.0);
    }
    for r in &restrictions {
        if let Selector::Only(named) = &r.species {
            let absent: Vec<&str> = named
                .iter()
                .filter(|sp| !nodes.iter().any(|n| n.species == **sp))
                .map(|sp| sp.id())
                .collect();
            if !absent.is_empty() {
                notes.push(format!(
                    "line {}: the export restriction names {} but the network carries no such tonnage (their oxide is in `unspecified`, whose element split is not published): on those elements it acts on nothing{}",
                    r.line,
                    absent.join(", "),
                    if r.stages.contains(&Stage::Magnet) {
                        ", except through the magnet rule (a magnet is one product)"
                    } else {
                        ""
                    }
                ));
            }
        }
        let hits = edges
            .iter()
            .any(|e| r.matches(&nodes[e.from], &nodes[e.to]) && e.kind != EdgeKind::OwnNext);
        if !hits {
            notes.push(format!(
                "line {}: the export restriction on {} matches no link or deal of the network (it changes nothing)",
                r.line, r.exporter
            ));
        }
    }
    let edge_restrictions = edges
        .iter()
        .map(|e| match e.kind {
            EdgeKind::OwnNext => Vec::new(),
            _ => (0..restrictions.len())
                .filter(|&r| restrictions[r].matches(&nodes[e.from], &nodes[e.to]))
                .collect(),
        })
        .collect();
    let node_disruptions = nodes
        .iter()
        .map(|n| {
            (0..disruptions.len())
                .filter(|&d| disruptions[d].region == n.region && disruptions[d].stage == n.stage)
                .collect()
        })
        .collect();
    let node_depletions = nodes
        .iter()
        .map(|n| {
            (0..depletions.len())
                .filter(|&d| {
                    n.stage == Stage::Mining
                        && depletions[d].region == n.region
                        && depletions[d].species.contains(&n.species)
                })
                .collect()
        })
        .collect();
    let node_demand_changes = nodes
        .iter()
        .map(|n| {
            (0..demand_changes.len())
                .filter(|&d| {
                    let dc: &DemandChange = &demand_changes[d];
                    n.stage == Stage::EndUse
                        && dc.species == n.species
                        && dc.region.is_none_or(|r| r == n.region)
                })
                .collect()
        })
        .collect();
    Ok(Compiled {
        edge_restrictions,
        node_disruptions,
        node_depletions,
        node_demand_changes,
        nodes,
        edges,
        ranges,
        additions,
        disruptions,
        deals,
        restrictions,
        stockpiles,
        depletions,
        demand_changes,
        notes,
    })
}

/// Demand of an end-use node in `year`: linear between its years, flat outside them.
pub fn demand_at(points: &[(i32, f64)], year: i32) -> f64 {
    match points {
        [] => 0.0,
        [(y, d), ..] if year <= *y => *d,
        [.., (y, d)] if year >= *y => *d,
        _ => {
            let i = points
                .iter()
                .position(|p| p.0 >= year)
                .unwrap_or(points.len() - 1);
            let ((y0, d0), (y1, d1)) = (points[i - 1], points[i]);
            if y1 == year {
                return d1;
            }
            d0 + (d1 - d0) * f64::from(year - y0) / f64::from(y1 - y0)
        }
    }
}
