//! Rule 3 (each country's mined TREO and its element content) and rule 4 (where the mine's
//! output goes: the mining→separation trade links).

use super::demand::nd_share_of_ndpr;
use super::{fmt_t, Builder, Ctx, Vector, WorldError};
use crate::trade::chosen_links;
use model::sim::{Region, Species};
use model::trade::{split_species, MineSplit, SplitItem, SplitValue, TradeItem};
use model::{CountryCode, Element, ElementGroup, Material, Metric, Place, Stage, Table, Year};
use std::collections::BTreeMap;

/// A country's element content and the reasons for it.
type Content = BTreeMap<CountryCode, (Vector, Vec<String>)>;

/// Adds the mining nodes and the mine → separation links.
pub(super) fn build(cx: &mut Ctx<'_>, supply: &Vector, b: &mut Builder) -> Result<(), WorldError> {
    let (label, mining) = production(cx)?;
    let mut content = element_content(cx, &mining, supply)?;
    for &(c, treo) in &mining {
        let (mut v, whys) = content.remove(&c).unwrap_or_default();
        let named: f64 = v.values().sum();
        if named > treo * (1.0 + 1e-9) {
            return Err(cx.inconsistent(format!(
                "{c}'s element content ({} t) exceeds its mine production ({} t in {label})",
                fmt_t(named),
                fmt_t(treo)
            )));
        }
        v.insert(Species::Unspecified, (treo - named).max(0.0));
        v.retain(|_, t| *t > 0.0);
        let base = format!("{} t REO mined in {} ({label})", fmt_t(treo), cx.year);
        for (sp, t) in &v {
            let why = if *sp == Species::Unspecified {
                format!("{base}; unspecified = what no element split names")
            } else {
                format!("{base}; {}", whys.join(" | "))
            };
            b.nodes
                .insert((Region::Country(c), Stage::Mining, *sp), (*t, why));
        }
        to_separation(cx, c, treo, &v, b);
    }
    Ok(())
}

/// Mine production by country from the latest statistical edition reporting the year.
fn production(cx: &mut Ctx<'_>) -> Result<(String, Vec<(CountryCode, f64)>), WorldError> {
    let treo = Material::Group(ElementGroup::Treo);
    let year = Year(cx.year);
    let edition =
        cx.d.latest_statistical_edition(Metric::MineProduction, treo, Some(year))
            .ok_or_else(|| {
                cx.missing(format!(
                    "mine production for {} in a statistical edition",
                    cx.year
                ))
            })?;
    let mut mining = Vec::new();
    for o in cx.d.observations.iter().filter(|o| {
        o.edition == edition.edition
            && o.table == Table::World
            && o.metric == Metric::MineProduction
            && o.year == year
            && o.material == treo
    }) {
        match (o.place, o.value.magnitude()) {
            (Place::Country(c), Some(t)) if t > 0.0 => mining.push((c, t)),
            (Place::Country(_), _) => {}
            (_, Some(t)) => cx.notes.push(format!(
                "{}: {} t not in the network (an aggregate has no node).",
                o.label,
                fmt_t(t)
            )),
            _ => {}
        }
    }
    mining.sort_by_key(|m| m.0);
    Ok((format!("{} {}", edition.label(), edition.edition), mining))
}

/// Each mining country's content of the magnet elements (and La, Ce where published), from
/// `data/mine_splits.csv`: shares of its TREO or of the world's supply, tonnes, and last the
/// `rest` rows.
fn element_content(
    cx: &mut Ctx<'_>,
    mining: &[(CountryCode, f64)],
    supply: &Vector,
) -> Result<Content, WorldError> {
    let nd_share = nd_share_of_ndpr(supply);
    let ndpr = |t: f64| {
        vec![
            (Species::Element(Element::Nd), t * nd_share),
            (Species::Element(Element::Pr), t * (1.0 - nd_share)),
        ]
    };
    let mut content = Content::new();
    let mut rest_rows: Vec<&MineSplit> = Vec::new();
    let world = cx.world;
    for s in &world.mine_splits {
        let Region::Country(c) = s.country else {
            continue;
        };
        let Some(treo) = mining.iter().find(|m| m.0 == c).map(|m| m.1) else {
            cx.notes.push(format!(
                "data/mine_splits.csv line {}: {c} mined nothing in {}; the row is not used.",
                s.line, cx.year
            ));
            continue;
        };
        let tonnes = match (s.value, s.item) {
            (SplitValue::Rest, _) => {
                rest_rows.push(s);
                continue;
            }
            (SplitValue::CountryPercent(p), SplitItem::NdPr) => ndpr(treo * p / 100.0),
            (SplitValue::Tonnes(t), SplitItem::NdPr) => ndpr(t),
            (SplitValue::CountryPercent(p), SplitItem::Element(e)) => {
                vec![(Species::Element(e), treo * p / 100.0)]
            }
            (SplitValue::Tonnes(t), SplitItem::Element(e)) => vec![(Species::Element(e), t)],
            (SplitValue::WorldPercent(p), item) => {
                let mut v = Vec::new();
                for sp in split_species(item) {
                    let w = supply.get(&sp).ok_or_else(|| {
                        cx.inconsistent(format!(
                            "data/mine_splits.csv line {}: a share of the world is only known for Nd, Pr, Dy and Tb",
                            s.line
                        ))
                    })?;
                    v.push((sp, w * p / 100.0));
                }
                v
            }
        };
        let entry = content.entry(c).or_default();
        for (sp, t) in tonnes {
            *entry.0.entry(sp).or_default() += t;
        }
        entry.1.push(format!(
            "data/mine_splits.csv line {} ({}, {}): {}",
            s.line,
            s.basis.id(),
            s.edition,
            if s.note.is_empty() {
                &s.citation
            } else {
                &s.note
            }
        ));
    }
    for s in rest_rows {
        take_rest(cx, s, supply, &mut content)?;
    }
    Ok(content)
}

/// A `rest` row: the world's supply of each of its elements less every other country's.
fn take_rest(
    cx: &Ctx<'_>,
    s: &MineSplit,
    supply: &Vector,
    content: &mut Content,
) -> Result<(), WorldError> {
    let Region::Country(c) = s.country else {
        return Ok(());
    };
    for sp in split_species(s.item) {
        let w = *supply.get(&sp).ok_or_else(|| {
            cx.inconsistent(format!(
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
            return Err(cx.inconsistent(format!(
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
    Ok(())
}

/// Rule 4: the mine's output shared over its mining→separation trade links in the
/// proportion of their figures, the same share for every species.
fn to_separation(cx: &mut Ctx<'_>, c: CountryCode, treo: f64, v: &Vector, b: &mut Builder) {
    let world = cx.world;
    let published = |id: &model::EditionId| cx.published(id);
    let dest: Vec<_> = chosen_links(
        world,
        &published,
        Region::Country(c),
        Stage::Mining,
        &[TradeItem::Treo],
        cx.year,
    )
    .map(|(_, l)| l)
    .unwrap_or_default()
    .into_iter()
    .filter(|l| l.row.to_stage == Stage::Separation)
    .collect();
    let listed: f64 = dest.iter().map(|l| l.tonnes).sum();
    if listed <= 0.0 {
        cx.notes.push(format!(
            "{c}: no trade link from its mines in data/trade_links.csv: its output stays at the mine (gap)."
        ));
        return;
    }
    if (listed - treo).abs() > 0.5 {
        cx.notes.push(format!(
            "{c}: the trade links from its mines list {} t against mine production of {} t; the output is shared in their proportions.",
            fmt_t(listed),
            fmt_t(treo)
        ));
    }
    for l in &dest {
        let why = l.provenance();
        for (sp, t) in v {
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
