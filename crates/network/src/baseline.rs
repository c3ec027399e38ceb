//! The baseline network of one year, built from the bundled data: mine production split
//! into elements, moved to separation along sourced (or labelled, assumed) links, and
//! whatever the published figures do not explain put in labelled `unallocated` terms.
//!
//! Rules, each written into the provenance of the link it makes:
//! 1. Mine production per country from the latest statistical edition that reports the year.
//! 2. Where it goes: the mining→separation rows of `data/trade_links.csv` for the year (or,
//!    where a country has none that year, its latest earlier year, applied as shares), each
//!    link's latest edition with a figure in tonnes of oxide; the output is shared in the
//!    proportions of those figures. A country's USGS production "estimated based on reported
//!    import data for China" *is* China's import from it; domestic links (CHN→CHN, USA→USA)
//!    and assumed destinations are labelled rows of that file, never defaults in code.
//! 3. A country with no row keeps its output at the mine, in its `unallocated` term (a gap).
//! 4. A separation node's published output (a quota or company output) leaves with the
//!    element mix of its feed; the difference between feed and output is the node's
//!    `unallocated` term. Separated output goes on to the metal stage's `unallocated` term,
//!    because no tonnage by country is published for metal, magnet and end use (a gap).

use crate::graph::{Link, Network, NodeId, NodeKind};
use crate::trade::chosen_links;
use crate::vector::ElementVector;
use model::ore::OreTable;
use model::sim::Region;
use model::trade::{TradeItem, WorldTables};
use model::{
    CountryCode, Dataset, EditionId, ElementGroup, Material, Metric, Place, Stage, Table, Year,
};

/// What the builder could not place, for the note.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct BaselineNotes {
    /// Lines to show the user: aggregates left out, assumptions made.
    pub lines: Vec<String>,
}

/// Builds the baseline for `year`. Returns `None` when no edition reports mine production for it.
pub fn build(
    d: &Dataset,
    ores: &OreTable,
    world: &WorldTables,
    year: Year,
) -> Option<(Network, BaselineNotes)> {
    build_from(d, ores, world, year, None)
}

/// [`build`] with mine production read from `edition` (which must report `year`) instead of
/// the latest statistical edition that reports it.
pub fn build_from(
    d: &Dataset,
    ores: &OreTable,
    world: &WorldTables,
    year: Year,
    edition: Option<&EditionId>,
) -> Option<(Network, BaselineNotes)> {
    let treo = Material::Group(ElementGroup::Treo);
    let edition = match edition {
        Some(id) => d.source(id).filter(|s| {
            d.table_rows(&s.edition, Metric::MineProduction, treo)
                .any(|o| o.year == year)
        })?,
        None => d.latest_statistical_edition(Metric::MineProduction, treo, Some(year))?,
    };
    let mut net = Network::default();
    let mut notes = BaselineNotes::default();
    notes.lines.push(format!(
        "Mine production {year} from {} ({}).",
        edition.label(),
        edition.edition
    ));
    let mining: Vec<_> = d
        .observations
        .iter()
        .filter(|o| {
            o.edition == edition.edition
                && o.table == Table::World
                && o.metric == Metric::MineProduction
                && o.year == year
                && o.material == treo
        })
        .collect();
    let mut links = Vec::new();
    let mut extraction = Vec::new();
    for o in &mining {
        let Some(tonnes) = o.value.magnitude().filter(|t| *t > 0.0) else {
            continue;
        };
        let Place::Country(country) = o.place else {
            notes.lines.push(format!(
                "{}: {tonnes} t not in the network (an aggregate has no node).",
                o.label
            ));
            continue;
        };
        let mine = net.node(NodeKind::Stage {
            country,
            stage: Stage::Mining,
        });
        let ore = ElementVector::split(tonnes, &ores.split(country));
        extraction.push((mine, ore));
        let published = |id: &EditionId| d.source(id).map_or(i32::MIN, |s| s.year);
        let chosen = chosen_links(
            world,
            &published,
            Region::Country(country),
            Stage::Mining,
            &[TradeItem::Treo],
            year.0,
        );
        let destinations: Vec<(CountryCode, f64, String)> = match &chosen {
            Some((at, links)) => links
                .iter()
                .filter(|l| l.row.to_stage == Stage::Separation)
                .filter_map(|l| match l.row.importer {
                    Region::Country(c) => Some((
                        c,
                        l.tonnes,
                        if *at == year.0 {
                            l.provenance()
                        } else {
                            format!("{} (the latest year with rows for {country}, applied to {year} as shares)", l.provenance())
                        },
                    )),
                    _ => None,
                })
                .collect(),
            None => Vec::new(),
        };
        let listed: f64 = destinations.iter().map(|d| d.1).sum();
        if listed <= 0.0 {
            let kept = net.node(NodeKind::Unallocated {
                country,
                stage: Stage::Mining,
            });
            links.push(Link {
                from: mine,
                to: kept,
                flow: ore,
                provenance: format!("no trade link from {country}'s mines in data/trade_links.csv for {year} or before (gap): kept at the mine"),
            });
            continue;
        }
        if (listed - tonnes).abs() > 0.5 {
            notes.lines.push(format!(
                "{country}: the trade links from its mines list {listed} t against mine production of {tonnes} t; the output is shared in their proportions."
            ));
        }
        for (dest, t, why) in destinations {
            let sep = net.node(NodeKind::Stage {
                country: dest,
                stage: Stage::Separation,
            });
            links.push(Link {
                from: mine,
                to: sep,
                flow: ore * (t / listed),
                provenance: why,
            });
        }
    }
    // Separation: published output leaves with the feed's element mix; the rest is unallocated.
    let separation_nodes: Vec<NodeId> = net
        .nodes
        .iter()
        .enumerate()
        .filter(|(_, n)| {
            matches!(
                n.kind,
                NodeKind::Stage {
                    stage: Stage::Separation,
                    ..
                }
            )
        })
        .map(|(i, _)| NodeId(i))
        .collect();
    for sep in separation_nodes {
        let NodeKind::Stage { country, .. } = net.nodes[sep.0].kind else {
            continue;
        };
        let feed: ElementVector = links.iter().filter(|l| l.to == sep).map(|l| l.flow).sum();
        let output = separation_output(d, country, year);
        let unallocated = net.node(NodeKind::Unallocated {
            country,
            stage: Stage::Separation,
        });
        let downstream = net.node(NodeKind::Unallocated {
            country,
            stage: Stage::Metal,
        });
        match output {
            Some((out, why)) if feed.total() > 0.0 => {
                let ratio = out / feed.total();
                let product = if ratio <= 1.0 {
                    feed * ratio
                } else {
                    feed + ElementVector::split(out - feed.total(), &unspecified())
                };
                links.push(Link { from: sep, to: downstream, flow: product, provenance: format!("{why}; element mix of the feed (assumption). Metal, magnet and end-use tonnage by country: not published (gap)") });
                if ratio <= 1.0 {
                    links.push(Link { from: sep, to: unallocated, flow: feed * (1.0 - ratio), provenance: format!("feed minus published output ({why}): stock change, losses or unreported output") });
                } else {
                    links.push(Link { from: unallocated, to: sep, flow: product - feed, provenance: format!("published output exceeds the feed the data show ({why}): unreported feed or stock release") });
                }
            }
            _ => {
                links.push(Link {
                    from: sep,
                    to: unallocated,
                    flow: feed,
                    provenance: "no published separation output for this country and year (gap)"
                        .into(),
                });
            }
        }
    }
    let y = net.year(year);
    y.links = links;
    y.extraction = extraction;
    // Unallocated nodes hold what reaches them: their stock change is their net inflow.
    let mut stock = Vec::new();
    for (i, n) in net.nodes.iter().enumerate() {
        if matches!(n.kind, NodeKind::Unallocated { .. }) {
            let id = NodeId(i);
            let yf = &net.years[0];
            let net_in: ElementVector = yf
                .links
                .iter()
                .filter(|l| l.to == id)
                .map(|l| l.flow)
                .sum::<ElementVector>()
                - yf.links
                    .iter()
                    .filter(|l| l.from == id)
                    .map(|l| l.flow)
                    .sum();
            stock.push((id, net_in));
        }
    }
    net.years[0].stock_change = stock;
    Some((net, notes))
}

fn unspecified() -> [f64; 18] {
    let mut f = [0.0; 18];
    f[ElementVector::UNSPECIFIED] = 1.0;
    f
}

/// The published separation output (tonnes REO) of a country in a year, with its source:
/// a company's or agency's production figure, else a quota.
fn separation_output(d: &Dataset, country: CountryCode, year: Year) -> Option<(f64, String)> {
    let treo = Material::Group(ElementGroup::Treo);
    let find = |metric: Metric| {
        d.observations.iter().find(|o| {
            o.place == Place::Country(country)
                && o.stage == Stage::Separation
                && o.metric == metric
                && o.year == year
                && o.material == treo
                && o.unit == model::Unit::TonnesReo
        })
    };
    let o = find(Metric::Production).or_else(|| find(Metric::Quota))?;
    let v = o.value.magnitude()?;
    Some((
        v,
        format!(
            "{} {} {} t ({})",
            o.edition,
            o.metric,
            v,
            if o.form.is_empty() {
                o.table.id()
            } else {
                &o.form
            }
        ),
    ))
}
