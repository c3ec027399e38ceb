//! Rules 5–8: the magnet makers and their shares, separation → metal (trade links for every
//! separator but the hub, the hub's separation supplying the rest), metal → magnet in the
//! maker's country, magnets → end use, and capacity = base-year throughput.

use super::{fmt_t, Builder, Ctx, Reasoned, Vector, WorldError};
use crate::trade::chosen_links;
use model::demand::MAGNET_ELEMENTS;
use model::sim::{Region, Species};
use model::trade::{OutputPlace, StageOutput, TradeItem, TradeUnit};
use model::{Element, Stage};
use std::collections::BTreeMap;

/// A magnet maker: its region, its share of world output and the reason.
type Maker = (Region, f64, String);

/// Adds the nodes and links from separation to end use, and every node's capacity.
pub(super) fn build(
    cx: &mut Ctx<'_>,
    supply: &Vector,
    demand: &BTreeMap<(Region, Species), Reasoned>,
    b: &mut Builder,
) -> Result<(), WorldError> {
    let makers = makers(cx)?;
    let hub = makers[0].0;
    separators_to_metal(cx, &makers, hub, b)?;
    for e in MAGNET_ELEMENTS {
        let sp = Species::Element(e);
        hub_to_metal(cx, &makers, hub, sp, supply[&sp], b)?;
        to_end_use(cx, &makers, hub, sp, supply[&sp], demand, b)?;
    }
    capacity_is_throughput(b);
    Ok(())
}

/// Rule 5: the magnet-stage shares (NdFeB, %) of `data/stage_output.csv` for the base year,
/// the latest edition per place; they must sum to 100%. Largest first: the first is the hub.
fn makers(cx: &Ctx<'_>) -> Result<Vec<Maker>, WorldError> {
    let mut latest: BTreeMap<Region, &StageOutput> = BTreeMap::new();
    for o in cx.world.stage_output.iter().filter(|o| {
        o.year == cx.year
            && o.stage == Stage::Magnet
            && o.item == TradeItem::NdFeB
            && o.unit == TradeUnit::Percent
    }) {
        let OutputPlace::Region(r) = o.place else {
            continue;
        };
        let newer = |old: &&StageOutput| {
            (cx.published(&o.edition), o.line) > (cx.published(&old.edition), old.line)
        };
        if latest.get(&r).is_none_or(newer) {
            latest.insert(r, o);
        }
    }
    let mut makers: Vec<Maker> = latest
        .into_iter()
        .map(|(r, o)| {
            let arithmetic = if o.arithmetic.is_empty() || o.arithmetic.starts_with("n/a") {
                String::new()
            } else {
                format!("; {}", o.arithmetic)
            };
            (
                r,
                o.value / 100.0,
                format!(
                    "data/stage_output.csv line {} ({}, {}): {}% of world magnet output{arithmetic}",
                    o.line,
                    o.basis.id(),
                    o.edition,
                    o.value
                ),
            )
        })
        .collect();
    let share_sum: f64 = makers.iter().map(|m| m.1).sum();
    if makers.is_empty() || (share_sum - 1.0).abs() > 0.005 {
        return Err(cx.missing(format!(
            "magnet-stage shares (NdFeB, %) in data/stage_output.csv for {} that sum to 100% (they sum to {:.1}%)",
            cx.year,
            share_sum * 100.0
        )));
    }
    makers.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
    Ok(makers)
}

/// Rule 6, first half: every separating country but the hub sends its separated magnet
/// elements along its separation→metal trade links, in the proportion of their figures.
fn separators_to_metal(
    cx: &mut Ctx<'_>,
    makers: &[Maker],
    hub: Region,
    b: &mut Builder,
) -> Result<(), WorldError> {
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
    let items = [
        TradeItem::NdPr,
        TradeItem::Element(Element::Nd),
        TradeItem::Element(Element::Pr),
        TradeItem::Element(Element::Dy),
        TradeItem::Element(Element::Tb),
    ];
    let (nd, pr) = (Species::Element(Element::Nd), Species::Element(Element::Pr));
    let world = cx.world;
    for &c in separators.iter().filter(|c| **c != hub) {
        let published = |id: &model::EditionId| cx.published(id);
        let links = chosen_links(world, &published, c, Stage::Separation, &items, cx.year)
            .map(|(_, l)| l)
            .unwrap_or_default();
        for sp in MAGNET_ELEMENTS.map(Species::Element) {
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
                cx.notes.push(format!(
                    "{c}: {} t of separated {sp} has no separation→metal trade link: it stays at separation (gap).",
                    fmt_t(out)
                ));
                continue;
            }
            for l in of_sp {
                if !makers.iter().any(|m| m.0 == l.row.importer) {
                    return Err(cx.inconsistent(format!(
                        "data/trade_links.csv line {}: {} makes no magnets in {} (data/stage_output.csv), so its metal stage has nowhere to send {sp}",
                        l.row.line, l.row.importer, cx.year
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
    Ok(())
}

/// Rule 6, second half: the hub's separation supplies what each other maker still lacks
/// for its share, and keeps the rest for its own metal stage.
fn hub_to_metal(
    cx: &Ctx<'_>,
    makers: &[Maker],
    hub: Region,
    sp: Species,
    world_supply: f64,
    b: &mut Builder,
) -> Result<(), WorldError> {
    for (m, share, why) in makers.iter().filter(|m| m.0 != hub) {
        let need = world_supply * share;
        let have = b.inflow((*m, Stage::Metal), sp);
        if have > need * (1.0 + 1e-9) {
            return Err(cx.inconsistent(format!(
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
            &format!(
                "DERIVED: {m}'s magnet output ({share} x world supply {}; {why}) minus what its other suppliers send; from the hub {hub}",
                fmt_t(world_supply)
            ),
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
    Ok(())
}

/// Rule 7: metal → magnet in each maker's country; a maker other than the hub supplies its
/// own region; the hub supplies every region what its own makers do not.
fn to_end_use(
    cx: &Ctx<'_>,
    makers: &[Maker],
    hub: Region,
    sp: Species,
    world_supply: f64,
    demand: &BTreeMap<(Region, Species), Reasoned>,
    b: &mut Builder,
) -> Result<(), WorldError> {
    for (m, share, why) in makers {
        b.link(
            (*m, Stage::Metal),
            (*m, Stage::Magnet),
            sp,
            b.inflow((*m, Stage::Metal), sp),
            "ASSUMED: metal and alloy are made where the magnets are (no metal trade by country is published)",
        );
        if *m == hub {
            continue;
        }
        let made = world_supply * share;
        let own = demand.get(&(*m, sp)).map_or(0.0, |d| d.0);
        if made > own * (1.0 + 1e-9) {
            return Err(cx.inconsistent(format!(
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
    for ((r, _), (dem, _)) in demand.iter().filter(|((_, s), _)| *s == sp) {
        let own: f64 = makers
            .iter()
            .filter(|m| m.0 != hub && m.0 == *r)
            .map(|m| world_supply * m.1)
            .sum();
        b.link(
            (hub, Stage::Magnet),
            (*r, Stage::EndUse),
            sp,
            dem - own,
            &format!(
                "DERIVED: {r}'s demand minus its own makers' magnets; the hub {hub} supplies the rest"
            ),
        );
    }
    Ok(())
}

/// Rule 8: every node beyond the mine gets its base-year throughput as capacity.
fn capacity_is_throughput(b: &mut Builder) {
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
}
