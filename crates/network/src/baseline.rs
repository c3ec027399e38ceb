//! The baseline network of one year, built from the bundled data: mine production split
//! into elements, moved to separation along sourced (or labelled, assumed) links, and
//! whatever the published figures do not explain put in labelled `unallocated` terms.
//!
//! Rules, each written into the provenance of the link it makes:
//! 1. Mine production per country from the latest statistical edition that reports the year.
//! 2. A country whose USGS note says its production is "estimated based on reported import
//!    data for China" sends it to China's separation (it *is* China's import from it).
//! 3. The United States sends its exports of ores and compounds (USGS salient statistics) to
//!    China (MP Materials' 10-K: concentrate sold mainly to Shenghe) and keeps the rest.
//! 4. Australia sends its output to Malaysia (Lynas separates Mount Weld feed at LAMP).
//! 5. Nigeria sends its output to China (monazite; China's customs data).
//! 6. Everyone else separates at home (assumption).
//! 7. A separation node's published output (a quota or company output) leaves with the
//!    element mix of its feed; the difference between feed and output is the node's
//!    `unallocated` term. Separated output goes on to the metal stage's `unallocated` term,
//!    because no tonnage by country is published for metal, magnet and end use (a gap).

use crate::graph::{Link, Network, NodeId, NodeKind};
use crate::vector::ElementVector;
use model::ore::OreTable;
use model::{
    CountryCode, Dataset, EditionId, ElementGroup, Material, Metric, Place, Stage, Table, Year,
};

/// What the builder could not place, for the note.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct BaselineNotes {
    /// Lines to show the user: aggregates left out, assumptions made.
    pub lines: Vec<String>,
}

fn code(c: &str) -> CountryCode {
    // The literals passed here are valid ISO3 codes.
    CountryCode::parse(c).expect("a literal ISO3 code")
}

/// Builds the baseline for `year`. Returns `None` when no edition reports mine production for it.
pub fn build(d: &Dataset, ores: &OreTable, year: Year) -> Option<(Network, BaselineNotes)> {
    build_from(d, ores, year, None)
}

/// [`build`] with mine production read from `edition` (which must report `year`) instead of
/// the latest statistical edition that reports it.
pub fn build_from(
    d: &Dataset,
    ores: &OreTable,
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
    let china_sep = net.node(NodeKind::Stage {
        country: code("CHN"),
        stage: Stage::Separation,
    });
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
        let (to_china, why) = if o.note.contains("import data for China") {
            (1.0, format!("USGS {}: production 'estimated based on reported import data for China', so it is China's import", edition.edition))
        } else {
            match country.as_str() {
                "CHN" => (1.0, "assumption: China's mined output is separated in China".to_string()),
                "NGA" => (1.0, "assumption from China's customs data: Nigerian monazite goes to China (25% of China's 2023 monazite imports, giti.sg)".to_string()),
                "USA" => {
                    let exports = d
                        .observations
                        .iter()
                        .filter(|x| x.place == o.place && x.metric == Metric::ExportsOresCompounds && x.year == year)
                        .filter_map(|x| x.value.magnitude())
                        .next();
                    match exports {
                        Some(e) => (
                            (e / tonnes).min(1.0),
                            format!("USGS salient statistics: exports of ores and compounds {e} t; destination China per MP Materials' 10-K (concentrate sold mainly to Shenghe): assumption that all go to China"),
                        ),
                        None => (0.0, String::new()),
                    }
                }
                _ => (0.0, String::new()),
            }
        };
        if to_china > 0.0 {
            links.push(Link {
                from: mine,
                to: china_sep,
                flow: ore * to_china,
                provenance: why,
            });
        }
        if to_china < 1.0 {
            let (dest, why) = match country.as_str() {
                "AUS" => (
                    code("MYS"),
                    "assumption: Lynas separates Mount Weld concentrate at Lynas Malaysia (LAMP)"
                        .to_string(),
                ),
                _ => (
                    country,
                    "assumption: separated in the country of mining".to_string(),
                ),
            };
            let sep = net.node(NodeKind::Stage {
                country: dest,
                stage: Stage::Separation,
            });
            links.push(Link {
                from: mine,
                to: sep,
                flow: ore * (1.0 - to_china),
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
