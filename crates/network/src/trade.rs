//! Which trade-link rows a network uses: for an exporter's stage and a year, the rows of
//! the latest year (not after it) that has any, and for each link the latest edition that
//! gives a figure in tonnes of oxide. The rows not used are kept beside the chosen one, so
//! that the user sees both editions.

use model::sim::Region;
use model::trade::{TradeItem, TradeLink, WorldTables};
use model::{EditionId, Stage};

/// One link as a network uses it.
#[derive(Debug, Clone, PartialEq)]
pub struct ChosenLink<'a> {
    /// The row whose figure is used.
    pub row: &'a TradeLink,
    /// Its figure in tonnes of oxide.
    pub tonnes: f64,
    /// How the figure was converted to tonnes of oxide.
    pub conversion: &'static str,
    /// Other rows for the same link (other editions, or figures that are not in tonnes of
    /// oxide), latest first.
    pub others: Vec<&'a TradeLink>,
}

impl ChosenLink<'_> {
    /// The provenance a network writes on the link.
    pub fn provenance(&self) -> String {
        let r = self.row;
        let mut s = format!(
            "trade_links.csv line {}: {} {} {} t {} ({}; {})",
            r.line,
            r.edition,
            r.year,
            r.quantity.map_or("-".into(), |q| format!("{q}")),
            r.item,
            r.basis.id(),
            self.conversion
        );
        if !r.note.is_empty() {
            s.push_str("; ");
            s.push_str(&r.note);
        }
        if !self.others.is_empty() {
            let lines: Vec<String> = self
                .others
                .iter()
                .map(|o| format!("{} (line {})", o.edition, o.line))
                .collect();
            s.push_str(&format!("; also given by {}", lines.join(", ")));
        }
        s
    }
}

/// The links leaving `exporter`'s `from_stage` in `year` (or, when that year has no rows
/// from it, the latest earlier year that has), restricted to `items`; `None` when no year
/// up to `year` has a row with a figure in tonnes of oxide. `published` gives the year an
/// edition was published (the later edition wins; on a tie, the later row).
pub fn chosen_links<'a>(
    world: &'a WorldTables,
    published: &dyn Fn(&EditionId) -> i32,
    exporter: Region,
    from_stage: Stage,
    items: &[TradeItem],
    year: i32,
) -> Option<(i32, Vec<ChosenLink<'a>>)> {
    let usable = |t: &TradeLink| {
        t.exporter == exporter
            && t.from_stage == from_stage
            && items.contains(&t.item)
            && t.year <= year
            && t.tonnes_reo().is_some()
    };
    let at = world
        .trade
        .iter()
        .filter(|t| usable(t))
        .map(|t| t.year)
        .max()?;
    let mut keys: Vec<_> = world
        .trade
        .iter()
        .filter(|t| usable(t) && t.year == at)
        .map(|t| t.key())
        .collect();
    keys.sort();
    keys.dedup();
    let links = keys
        .iter()
        .filter_map(|k| {
            let rows = world.editions_of(k, published);
            let pos = rows.iter().position(|r| r.tonnes_reo().is_some())?;
            let row = rows[pos];
            let (tonnes, conversion) = row.tonnes_reo()?;
            let others = rows
                .iter()
                .enumerate()
                .filter(|(i, _)| *i != pos)
                .map(|(_, r)| *r)
                .collect();
            Some(ChosenLink {
                row,
                tonnes,
                conversion,
                others,
            })
        })
        .collect();
    Some((at, links))
}
