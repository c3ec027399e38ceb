//! The network's figures beside the published stage figures of `data/stage_output.csv` it
//! was not built to match.

use super::{Builder, Ctx, Vector, WorldCheck};
use model::demand::MAGNET_ELEMENTS;
use model::sim::Species;
use model::trade::{OutputPlace, TradeItem, TradeUnit};
use model::Element;

/// One check per stage figure of the base year that the network can be read against.
pub(super) fn against_stage_output(cx: &Ctx<'_>, supply: &Vector, b: &Builder) -> Vec<WorldCheck> {
    let magnet_species = MAGNET_ELEMENTS.map(Species::Element);
    let mut checks = Vec::new();
    for o in cx.world.stage_output.iter().filter(|o| o.year == cx.year) {
        let OutputPlace::Region(r) = o.place else {
            continue;
        };
        let at = |sp: Species| b.inflow((r, o.stage), sp);
        let network = match (o.item, o.unit) {
            (TradeItem::NdPr, TradeUnit::Tonnes) => {
                at(Species::Element(Element::Nd)) + at(Species::Element(Element::Pr))
            }
            (TradeItem::Treo, TradeUnit::Tonnes) => Species::all().map(at).sum(),
            (TradeItem::MagnetRee | TradeItem::NdFeB, TradeUnit::Percent) => {
                let here: f64 = magnet_species.iter().map(|sp| at(*sp)).sum();
                let all: f64 = magnet_species.iter().map(|sp| supply[sp]).sum();
                100.0 * here / all
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
    checks
}
