//! Rules 1–2: each region's demand for each magnet element in the base year, and the
//! world's supply of it (= world demand: no stock change in the base year, an assumption).

use super::{Ctx, Reasoned, Vector, WorldError};
use model::demand::MAGNET_ELEMENTS;
use model::sim::{Region, Species};
use model::trade::{OutputPlace, WorldDemandItem};
use model::Element;
use std::collections::BTreeMap;

/// The region × element rows of `data/demand/world.csv` for the base year, in tonnes of
/// oxide.
pub(super) fn regional(cx: &Ctx<'_>) -> BTreeMap<(Region, Species), Reasoned> {
    let mut demand = BTreeMap::new();
    for r in cx
        .world
        .demand
        .iter()
        .filter(|r| r.year == cx.year && r.scenario == "historical")
    {
        let (WorldDemandItem::Element(e), OutputPlace::Region(region), Some(v)) =
            (r.item, r.place, r.value)
        else {
            continue;
        };
        let editions: Vec<&str> = r.editions.iter().map(|e| e.0.as_str()).collect();
        let why = format!(
            "data/demand/world.csv line {}: {v} kt {} ({}, {}) x {:.4} oxide/element; {}",
            r.line,
            e.symbol(),
            r.basis.id(),
            editions.join("; "),
            e.reo_per_element(),
            r.arithmetic
        );
        demand.insert(
            (region, Species::Element(e)),
            (v * 1000.0 * e.reo_per_element(), why),
        );
    }
    demand
}

/// The world's supply of each magnet element: the sum of regional demand.
pub(super) fn world_supply(
    cx: &mut Ctx<'_>,
    demand: &BTreeMap<(Region, Species), Reasoned>,
) -> Result<Vector, WorldError> {
    let mut supply = Vector::new();
    for e in MAGNET_ELEMENTS {
        let sp = Species::Element(e);
        let w: f64 = demand
            .iter()
            .filter(|((_, s), _)| *s == sp)
            .map(|(_, v)| v.0)
            .sum();
        if w <= 0.0 {
            return Err(cx.missing(format!(
                "{} demand by region in data/demand/world.csv (item {}, scenario historical)",
                e.symbol(),
                e.symbol()
            )));
        }
        supply.insert(sp, w);
    }
    let nd = nd_share_of_ndpr(&supply);
    cx.notes.push(format!(
        "World supply of Nd, Pr, Dy and Tb in {} = world demand (no stock change assumed). NdPr is split {:.1}% Nd / {:.1}% Pr, the proportion of world demand (oxide).",
        cx.year,
        nd * 100.0,
        (1.0 - nd) * 100.0
    ));
    Ok(supply)
}

/// Nd's share of NdPr oxide: the proportion of world supply, used wherever a source gives
/// NdPr as one figure.
pub(super) fn nd_share_of_ndpr(supply: &Vector) -> f64 {
    let (nd, pr) = (
        supply[&Species::Element(Element::Nd)],
        supply[&Species::Element(Element::Pr)],
    );
    nd / (nd + pr)
}
