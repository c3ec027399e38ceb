//! The world network the simulator runs on by default: one base year (2024), every stage
//! by country, the four magnet elements (Nd, Pr, Dy, Tb) resolved, everything else
//! `unspecified` (or La and Ce where a distribution is published), built from the bundled
//! tables by the rules below. Each node, link and demand figure carries the reason it has
//! its value, and `checks` sets the network's figures beside the published ones it was not
//! forced to match.
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

use crate::trade::chosen_links;
use model::demand::MAGNET_ELEMENTS;
use model::sim::{DemandPoint, LinkSpec, NodeSpec, Region, SimNetwork, Species};
use model::trade::{
    split_species, OutputPlace, SplitItem, SplitValue, TradeItem, TradeUnit, WorldDemandItem,
    WorldTables,
};
use model::{
    CountryCode, Dataset, EditionId, Element, ElementGroup, Material, Metric, Place, Stage, Table,
    Year,
};
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

type Vector = BTreeMap<Species, f64>;
/// A link's key: from region and stage, to region and stage, species.
type LinkKey = (Region, Stage, Region, Stage, Species);
/// A figure and the reason for it.
type Reasoned = (f64, String);

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

fn fmt_t(t: f64) -> String {
    model::num::text(t)
}

/// Builds the world network for `year` from the dataset's mine production and the world
/// tables.
pub fn build_world(
    d: &Dataset,
    world: &WorldTables,
    year: i32,
) -> Result<WorldNetwork, WorldError> {
    let missing = |what: String| WorldError::Missing { year, what };
    let inconsistent = |what: String| WorldError::Inconsistent { year, what };
    let published = |id: &EditionId| d.source(id).map_or(i32::MIN, |s| s.year);
    let mut notes = Vec::new();
    let mut checks = Vec::new();

    // 1. Demand.
    let mut demand: BTreeMap<(Region, Species), (f64, String)> = BTreeMap::new();
    for r in world.demand.iter().filter(|r| {
        r.year == year
            && r.scenario == "historical"
            && matches!(r.item, WorldDemandItem::Element(_))
    }) {
        let (WorldDemandItem::Element(e), OutputPlace::Region(region), Some(v)) =
            (r.item, r.place, r.value)
        else {
            continue;
        };
        let t = v * 1000.0 * e.reo_per_element();
        let why = format!(
            "data/demand/world.csv line {}: {v} kt {} ({}, {}) x {:.4} oxide/element; {}",
            r.line,
            e.symbol(),
            r.basis.id(),
            r.editions
                .iter()
                .map(|e| e.0.as_str())
                .collect::<Vec<_>>()
                .join("; "),
            e.reo_per_element(),
            r.arithmetic
        );
        demand.insert((region, Species::Element(e)), (t, why));
    }
    // 2. World supply.
    let mut supply: Vector = BTreeMap::new();
    for e in MAGNET_ELEMENTS {
        let sp = Species::Element(e);
        let w: f64 = demand
            .iter()
            .filter(|((_, s), _)| *s == sp)
            .map(|(_, v)| v.0)
            .sum();
        if w <= 0.0 {
            return Err(missing(format!(
                "{} demand by region in data/demand/world.csv (item {}, scenario historical)",
                e.symbol(),
                e.symbol()
            )));
        }
        supply.insert(sp, w);
    }
    let nd = Species::Element(Element::Nd);
    let pr = Species::Element(Element::Pr);
    let nd_of_ndpr = supply[&nd] / (supply[&nd] + supply[&pr]);
    notes.push(format!(
        "World supply of Nd, Pr, Dy and Tb in {year} = world demand (no stock change assumed). NdPr is split {:.1}% Nd / {:.1}% Pr, the proportion of world demand (oxide).",
        nd_of_ndpr * 100.0,
        (1.0 - nd_of_ndpr) * 100.0
    ));

    // 3. Mining.
    let treo = Material::Group(ElementGroup::Treo);
    let edition = d
        .latest_statistical_edition(Metric::MineProduction, treo, Some(Year(year)))
        .ok_or_else(|| {
            missing(format!(
                "mine production for {year} in a statistical edition"
            ))
        })?;
    let mut mining: Vec<(CountryCode, f64)> = Vec::new();
    for o in d.observations.iter().filter(|o| {
        o.edition == edition.edition
            && o.table == Table::World
            && o.metric == Metric::MineProduction
            && o.year == Year(year)
            && o.material == treo
    }) {
        match (o.place, o.value.magnitude()) {
            (Place::Country(c), Some(t)) if t > 0.0 => mining.push((c, t)),
            (Place::Country(_), _) => {}
            (_, Some(t)) => notes.push(format!(
                "{}: {} t not in the network (an aggregate has no node).",
                o.label,
                fmt_t(t)
            )),
            _ => {}
        }
    }
    mining.sort_by_key(|m| m.0);
    let mined_in = |c: CountryCode| mining.iter().find(|m| m.0 == c).map(|m| m.1);
    let mut content: BTreeMap<CountryCode, (Vector, Vec<String>)> = BTreeMap::new();
    let ndpr = |t: f64| [(nd, t * nd_of_ndpr), (pr, t * (1.0 - nd_of_ndpr))];
    let mut rest_rows = Vec::new();
    for s in &world.mine_splits {
        let Region::Country(c) = s.country else {
            continue;
        };
        let Some(treo_c) = mined_in(c) else {
            notes.push(format!(
                "data/mine_splits.csv line {}: {c} mined nothing in {year} in {}; the row is not used.",
                s.line, edition.edition
            ));
            continue;
        };
        let why = format!(
            "data/mine_splits.csv line {} ({}, {}): {}",
            s.line,
            s.basis.id(),
            s.edition,
            if s.note.is_empty() {
                &s.citation
            } else {
                &s.note
            }
        );
        let tonnes: Vec<(Species, f64)> = match (s.value, s.item) {
            (SplitValue::Rest, _) => {
                rest_rows.push(s);
                continue;
            }
            (SplitValue::CountryPercent(p), SplitItem::NdPr) => ndpr(treo_c * p / 100.0).to_vec(),
            (SplitValue::Tonnes(t), SplitItem::NdPr) => ndpr(t).to_vec(),
            (SplitValue::CountryPercent(p), SplitItem::Element(e)) => {
                vec![(Species::Element(e), treo_c * p / 100.0)]
            }
            (SplitValue::Tonnes(t), SplitItem::Element(e)) => vec![(Species::Element(e), t)],
            (SplitValue::WorldPercent(p), item) => split_species(item)
                .into_iter()
                .map(|sp| {
                    supply
                        .get(&sp)
                        .map(|w| (sp, w * p / 100.0))
                        .ok_or_else(|| inconsistent(format!("data/mine_splits.csv line {}: a share of the world is only known for Nd, Pr, Dy and Tb", s.line)))
                })
                .collect::<Result<_, _>>()?,
        };
        let entry = content.entry(c).or_default();
        for (sp, t) in tonnes {
            *entry.0.entry(sp).or_default() += t;
        }
        entry.1.push(why);
    }
    for s in rest_rows {
        let Region::Country(c) = s.country else {
            continue;
        };
        for sp in split_species(s.item) {
            let w = *supply.get(&sp).ok_or_else(|| {
                inconsistent(format!(
                    "data/mine_splits.csv line {}: a 'rest' is only known for Nd, Pr, Dy and Tb",
                    s.line
                ))
            })?;
            let others: f64 = content
                .iter()
                .filter(|(k, _)| **k != c)
                .map(|(_, v)| v.0.get(&sp).copied().unwrap_or(0.0))
                .sum();
            if others > w * (1.0 + 1e-9) {
                return Err(inconsistent(format!(
                    "the other countries' {sp} ({}) exceeds the world's supply ({}): data/mine_splits.csv line {} has no rest to take",
                    fmt_t(others),
                    fmt_t(w),
                    s.line
                )));
            }
            let entry = content.entry(c).or_default();
            *entry.0.entry(sp).or_default() += (w - others).max(0.0);
            entry.1.push(format!(
                "data/mine_splits.csv line {} ({}): {sp} = world supply {} - other countries {} ; {}",
                s.line,
                s.basis.id(),
                fmt_t(w),
                fmt_t(others),
                s.note
            ));
        }
    }
    let mut b = Builder::default();
    for &(c, treo_c) in &mining {
        let (mut v, whys) = content.remove(&c).unwrap_or_default();
        let named: f64 = v.values().sum();
        if named > treo_c * (1.0 + 1e-9) {
            return Err(inconsistent(format!(
                "{c}'s element content ({} t) exceeds its mine production ({} t in {})",
                fmt_t(named),
                fmt_t(treo_c),
                edition.edition
            )));
        }
        v.insert(Species::Unspecified, (treo_c - named).max(0.0));
        let base = format!(
            "{} t REO mined in {year} ({} {})",
            fmt_t(treo_c),
            edition.label(),
            edition.edition
        );
        v.retain(|_, t| *t > 0.0);
        for (sp, t) in &v {
            let why = if *sp == Species::Unspecified {
                format!("{base}; unspecified = what no element split names")
            } else {
                format!("{base}; {}", whys.join(" | "))
            };
            b.nodes
                .insert((Region::Country(c), Stage::Mining, *sp), (*t, why));
        }
        // 4. Mine → separation.
        let chosen = chosen_links(
            world,
            &published,
            Region::Country(c),
            Stage::Mining,
            &[TradeItem::Treo],
            year,
        );
        let dest: Vec<_> = chosen
            .map(|(_, l)| l)
            .unwrap_or_default()
            .into_iter()
            .filter(|l| l.row.to_stage == Stage::Separation)
            .collect();
        let listed: f64 = dest.iter().map(|l| l.tonnes).sum();
        if listed <= 0.0 {
            notes.push(format!("{c}: no trade link from its mines in data/trade_links.csv: its output stays at the mine (gap)."));
            continue;
        }
        if (listed - treo_c).abs() > 0.5 {
            notes.push(format!(
                "{c}: the trade links from its mines list {} t against mine production of {} t; the output is shared in their proportions.",
                fmt_t(listed),
                fmt_t(treo_c)
            ));
        }
        for l in &dest {
            let why = l.provenance();
            for (sp, t) in &v {
                b.link(
                    (Region::Country(c), Stage::Mining),
                    (l.row.importer, Stage::Separation),
                    *sp,
                    t * l.tonnes / listed,
                    &why,
                );
            }
        }
    }

    // 5. Magnet makers.
    let mut latest: BTreeMap<Region, &model::trade::StageOutput> = BTreeMap::new();
    for o in world.stage_output.iter().filter(|o| {
        o.year == year
            && o.stage == Stage::Magnet
            && o.item == TradeItem::NdFeB
            && o.unit == TradeUnit::Percent
    }) {
        let OutputPlace::Region(r) = o.place else {
            continue;
        };
        let newer = |old: &&model::trade::StageOutput| {
            (published(&o.edition), o.line) > (published(&old.edition), old.line)
        };
        if latest.get(&r).is_none_or(newer) {
            latest.insert(r, o);
        }
    }
    let mut makers: Vec<(Region, f64, String)> = latest
        .into_iter()
        .map(|(r, o)| {
            (
                r,
                o.value / 100.0,
                format!(
                    "data/stage_output.csv line {} ({}, {}): {}% of world magnet output{}",
                    o.line,
                    o.basis.id(),
                    o.edition,
                    o.value,
                    if o.arithmetic.is_empty() || o.arithmetic.starts_with("n/a") {
                        String::new()
                    } else {
                        format!("; {}", o.arithmetic)
                    }
                ),
            )
        })
        .collect();
    let share_sum: f64 = makers.iter().map(|m| m.1).sum();
    if makers.is_empty() || (share_sum - 1.0).abs() > 0.005 {
        return Err(missing(format!(
            "magnet-stage shares (NdFeB, %) in data/stage_output.csv for {year} that sum to 100% (they sum to {:.1}%)",
            share_sum * 100.0
        )));
    }
    makers.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
    let hub = makers[0].0;

    // 6. Separation → metal, for the magnet elements.
    let magnet_species: Vec<Species> = MAGNET_ELEMENTS
        .iter()
        .map(|e| Species::Element(*e))
        .collect();
    let separators: Vec<Region> = {
        let mut v: Vec<Region> = b
            .links
            .keys()
            .filter(|k| k.3 == Stage::Separation)
            .map(|k| k.2)
            .collect();
        v.sort();
        v.dedup();
        v
    };
    for &c in separators.iter().filter(|c| **c != hub) {
        let items = [
            TradeItem::NdPr,
            TradeItem::Element(Element::Nd),
            TradeItem::Element(Element::Pr),
            TradeItem::Element(Element::Dy),
            TradeItem::Element(Element::Tb),
        ];
        let links = chosen_links(world, &published, c, Stage::Separation, &items, year)
            .map(|(_, l)| l)
            .unwrap_or_default();
        for &sp in &magnet_species {
            let out = b.inflow((c, Stage::Separation), sp);
            if out <= 0.0 {
                continue;
            }
            let of_sp: Vec<_> = links
                .iter()
                .filter(|l| match l.row.item {
                    TradeItem::NdPr => sp == nd || sp == pr,
                    TradeItem::Element(e) => Species::Element(e) == sp,
                    _ => false,
                })
                .collect();
            let listed: f64 = of_sp.iter().map(|l| l.tonnes).sum();
            if listed <= 0.0 {
                notes.push(format!(
                    "{c}: {} t of separated {sp} has no separation→metal trade link: it stays at separation (gap).",
                    fmt_t(out)
                ));
                continue;
            }
            for l in of_sp {
                if !makers.iter().any(|m| m.0 == l.row.importer) {
                    return Err(inconsistent(format!(
                        "data/trade_links.csv line {}: {} makes no magnets in {year} (data/stage_output.csv), so its metal stage has nowhere to send {sp}",
                        l.row.line, l.row.importer
                    )));
                }
                b.link(
                    (c, Stage::Separation),
                    (l.row.importer, Stage::Metal),
                    sp,
                    out * l.tonnes / listed,
                    &l.provenance(),
                );
            }
        }
    }
    for &sp in &magnet_species {
        let w = supply[&sp];
        for (m, share, why) in makers.iter().filter(|m| m.0 != hub) {
            let need = w * share;
            let have = b.inflow((*m, Stage::Metal), sp);
            if have > need * (1.0 + 1e-9) {
                return Err(inconsistent(format!(
                    "{m}'s metal stage receives {} t of {sp} by trade links, more than its magnet share needs ({} t)",
                    fmt_t(have),
                    fmt_t(need)
                )));
            }
            b.link(
                (hub, Stage::Separation),
                (*m, Stage::Metal),
                sp,
                need - have,
                &format!("DERIVED: {m}'s magnet output ({} x world supply {}; {why}) minus what its other suppliers send; from the hub {hub}", share, fmt_t(w)),
            );
        }
        let hub_out = b.inflow((hub, Stage::Separation), sp);
        let sent: f64 = b
            .links
            .iter()
            .filter(|((f, fs, _, _, x), _)| *f == hub && *fs == Stage::Separation && *x == sp)
            .map(|(_, v)| v.0)
            .sum();
        b.link(
            (hub, Stage::Separation),
            (hub, Stage::Metal),
            sp,
            hub_out - sent,
            &format!("DERIVED: the rest of {hub}'s separated output goes to its own metal stage"),
        );
        // 7. Metal → magnet → end use.
        for (m, share, why) in &makers {
            b.link(
                (*m, Stage::Metal),
                (*m, Stage::Magnet),
                sp,
                b.inflow((*m, Stage::Metal), sp),
                "ASSUMED: metal and alloy are made where the magnets are (no metal trade by country is published)",
            );
            if *m != hub {
                let made = w * share;
                let own = demand.get(&(*m, sp)).map_or(0.0, |d| d.0);
                if made > own * (1.0 + 1e-9) {
                    return Err(inconsistent(format!(
                        "{m} makes {} t of {sp} magnets ({why}) but its demand is {} t: the network has nowhere else to send them",
                        fmt_t(made),
                        fmt_t(own)
                    )));
                }
                b.link(
                    (*m, Stage::Magnet),
                    (*m, Stage::EndUse),
                    sp,
                    made,
                    &format!("ASSUMED: {m}'s magnets supply its own demand first ({why})"),
                );
            }
        }
        for ((r, s2), (dem, _)) in demand.iter().filter(|((_, s2), _)| *s2 == sp) {
            let own: f64 = makers
                .iter()
                .filter(|m| m.0 != hub && m.0 == *r)
                .map(|m| w * m.1)
                .sum();
            b.link(
                (hub, Stage::Magnet),
                (*r, Stage::EndUse),
                *s2,
                dem - own,
                &format!("DERIVED: {r}'s demand minus its own makers' magnets; the hub {hub} supplies the rest"),
            );
        }
    }

    // Nodes beyond mining: capacity = throughput.
    let mut downstream: Vec<(Region, Stage, Species)> = b
        .links
        .keys()
        .filter(|k| k.3 != Stage::EndUse)
        .map(|k| (k.2, k.3, k.4))
        .collect();
    downstream.sort();
    downstream.dedup();
    for (r, s, sp) in downstream {
        let t = b.inflow((r, s), sp);
        b.nodes.insert(
            (r, s, sp),
            (
                t,
                "capacity = base-year throughput (ASSUMED: no spare capacity is published)".into(),
            ),
        );
    }

    // Checks beside published figures.
    for o in world.stage_output.iter().filter(|o| o.year == year) {
        let OutputPlace::Region(r) = o.place else {
            continue;
        };
        let network = match (o.item, o.unit) {
            (TradeItem::NdPr, TradeUnit::Tonnes) => {
                b.inflow((r, o.stage), nd) + b.inflow((r, o.stage), pr)
            }
            (TradeItem::Treo, TradeUnit::Tonnes) => {
                Species::all().map(|sp| b.inflow((r, o.stage), sp)).sum()
            }
            (TradeItem::MagnetRee, TradeUnit::Percent) | (TradeItem::NdFeB, TradeUnit::Percent) => {
                let mine: f64 = magnet_species
                    .iter()
                    .map(|sp| b.inflow((r, o.stage), *sp))
                    .sum();
                let all: f64 = magnet_species.iter().map(|sp| supply[sp]).sum();
                100.0 * mine / all
            }
            _ => continue,
        };
        checks.push(WorldCheck {
            what: format!("{} {} {}", r, o.stage, o.item),
            // An empty sum is -0.0; a check prints 0.
            network: network + 0.0,
            sourced: o.value,
            unit: o.unit.id().to_string(),
            source: format!(
                "data/stage_output.csv line {} ({}, {})",
                o.line,
                o.basis.id(),
                o.edition
            ),
        });
    }

    // The network in the simulator's vocabulary, in key order.
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
            year,
            demand_t: t,
        });
        demand_notes.push(why);
    }
    Ok(WorldNetwork {
        year,
        network,
        node_notes,
        link_notes,
        demand_notes,
        checks,
        notes,
    })
}
