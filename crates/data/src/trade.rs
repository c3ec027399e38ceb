//! Readers for the world tables: `data/trade_links.csv`, `data/stage_output.csv`,
//! `data/mine_splits.csv` and `data/demand/world.csv`, into [`model::trade`] types.
//!
//! Every row must name an edition of `data/sources.csv` (a number without a source is
//! refused), a `share` in percent must lie in 0–100, tonnages must be finite and not
//! negative, a link must go downstream (a domestic link such as CHN→CHN mining→separation
//! is allowed), and an `assumed` row must say why in its note. Errors name file, line,
//! column and value.

use crate::error::{DataError, Result};
use crate::simfiles::{region, stage};
use crate::table::{Cell, CsvTable, Row};
use model::trade::{
    FigureBasis, MineSplit, OutputPlace, SplitItem, SplitValue, StageOutput, TradeBasis, TradeItem,
    TradeLink, TradeUnit, WorldDemandItem, WorldDemandRow, WorldTables,
};
use model::units::MAX_TONNES;
use model::{Countries, EditionId, Element};
use std::collections::HashSet;

/// The editions rows may cite.
pub type Editions = HashSet<String>;

fn place(c: &Cell<'_>, countries: &Countries) -> Result<OutputPlace> {
    if c.trimmed().eq_ignore_ascii_case("WLD") {
        return Ok(OutputPlace::World);
    }
    region(c, countries)
        .map(OutputPlace::Region)
        .map_err(|_| c.invalid("an ISO 3166 alpha-3 code of a known country, EU27, ROW or WLD"))
}

fn item(c: &Cell<'_>) -> Result<TradeItem> {
    TradeItem::parse(c.trimmed())
        .ok_or_else(|| c.invalid("TREO, NdPr, NdFeB, magnet_REE or an element symbol"))
}

fn edition(c: &Cell<'_>, editions: &Editions) -> Result<EditionId> {
    let t = c.trimmed();
    if editions.contains(t) {
        Ok(EditionId(t.to_string()))
    } else {
        Err(c.invalid("an edition id of data/sources.csv"))
    }
}

fn figure_basis(c: &Cell<'_>) -> Result<FigureBasis> {
    FigureBasis::parse(c.trimmed()).ok_or_else(|| c.invalid("published, DERIVED or assumed"))
}

fn required_text(c: &Cell<'_>, expected: &str) -> Result<String> {
    match c.trimmed() {
        "" => Err(c.invalid(expected)),
        t => Ok(t.to_string()),
    }
}

fn unit(c: &Cell<'_>) -> Result<TradeUnit> {
    match c.trimmed() {
        "t" => Ok(TradeUnit::Tonnes),
        "%" => Ok(TradeUnit::Percent),
        _ => Err(c.invalid("t or %")),
    }
}

/// A quantity in `unit`: tonnes within 0–1e12, percent within 0–100.
fn quantity(c: &Cell<'_>, unit: TradeUnit) -> Result<f64> {
    match unit {
        TradeUnit::Tonnes => c.number_in(0.0..=MAX_TONNES, "tonnes, not below 0 (at most 1e12)"),
        TradeUnit::Percent => c.number_in(0.0..=100.0, "a percentage from 0 to 100"),
    }
}

/// Reads `data/trade_links.csv`
/// (`exporter,importer,from_stage,to_stage,element,year,quantity,unit,basis,edition,citation,note`).
pub fn read_trade_links(
    file: &str,
    text: &str,
    countries: &Countries,
    editions: &Editions,
) -> Result<Vec<TradeLink>> {
    let t = CsvTable::parse(file, text)?;
    let col = t.require_all(&[
        "exporter",
        "importer",
        "from_stage",
        "to_stage",
        "element",
        "year",
        "quantity",
        "unit",
        "basis",
        "edition",
        "citation",
        "note",
    ])?;
    let mut out = Vec::with_capacity(t.rows.len());
    for row in &t.rows {
        let c = |i: usize| t.cell(row, col[i]);
        let (exporter, importer) = (region(&c(0), countries)?, region(&c(1), countries)?);
        let (from_stage, to_stage) = (stage(&c(2))?, stage(&c(3))?);
        if to_stage <= from_stage {
            return Err(c(3).invalid(format!(
                "a stage after {from_stage}: a link goes downstream"
            )));
        }
        let item = item(&c(4))?;
        let year = c(5).year()?;
        let unit = unit(&c(7))?;
        let basis = TradeBasis::parse(c(8).trimmed())
            .ok_or_else(|| c(8).invalid("gross_weight, t_reo, share or assumed"))?;
        match (basis, unit) {
            (TradeBasis::Share, TradeUnit::Tonnes) => {
                return Err(c(7).invalid("% for a share"));
            }
            (b, TradeUnit::Percent) if b != TradeBasis::Share => {
                return Err(c(7).invalid(format!("t for basis {}", b.id())));
            }
            _ => {}
        }
        let quantity = match c(6).trimmed() {
            "" => None,
            _ => Some(quantity(&c(6), unit)?),
        };
        let note = c(11).trimmed().to_string();
        if basis == TradeBasis::Assumed && note.is_empty() {
            return Err(c(11).invalid("the reasoning of an assumed link"));
        }
        out.push(TradeLink {
            exporter,
            importer,
            from_stage,
            to_stage,
            item,
            year,
            quantity,
            unit,
            basis,
            edition: edition(&c(9), editions)?,
            citation: required_text(&c(10), "a citation")?,
            note,
            line: row.line,
        });
    }
    Ok(out)
}

/// Reads `data/stage_output.csv`
/// (`country,stage,element_or_basis,year,value,unit,basis,edition,citation,arithmetic`).
pub fn read_stage_output(
    file: &str,
    text: &str,
    countries: &Countries,
    editions: &Editions,
) -> Result<Vec<StageOutput>> {
    let t = CsvTable::parse(file, text)?;
    let col = t.require_all(&[
        "country",
        "stage",
        "element_or_basis",
        "year",
        "value",
        "unit",
        "basis",
        "edition",
        "citation",
        "arithmetic",
    ])?;
    let mut out = Vec::with_capacity(t.rows.len());
    for row in &t.rows {
        let c = |i: usize| t.cell(row, col[i]);
        let unit = unit(&c(5))?;
        let basis = figure_basis(&c(6))?;
        let arithmetic = c(9).trimmed().to_string();
        if basis != FigureBasis::Published && arithmetic.is_empty() {
            return Err(c(9).invalid(format!(
                "the arithmetic or reasoning of a {} figure",
                basis.id()
            )));
        }
        out.push(StageOutput {
            place: place(&c(0), countries)?,
            stage: stage(&c(1))?,
            item: item(&c(2))?,
            year: c(3).year()?,
            value: quantity(&c(4), unit)?,
            unit,
            basis,
            edition: edition(&c(7), editions)?,
            citation: required_text(&c(8), "a citation")?,
            arithmetic,
            line: row.line,
        });
    }
    Ok(out)
}

/// Reads `data/mine_splits.csv` (`country,element,value,unit,basis,edition,citation,note`;
/// `unit` is `% of country TREO`, `% of world`, `t` or `rest`, whose value is blank).
pub fn read_mine_splits(
    file: &str,
    text: &str,
    countries: &Countries,
    editions: &Editions,
) -> Result<Vec<MineSplit>> {
    let t = CsvTable::parse(file, text)?;
    let col = t.require_all(&[
        "country", "element", "value", "unit", "basis", "edition", "citation", "note",
    ])?;
    let mut seen = std::collections::HashMap::new();
    let mut out = Vec::with_capacity(t.rows.len());
    for row in &t.rows {
        let c = |i: usize| t.cell(row, col[i]);
        let country = region(&c(0), countries)?;
        let item = match c(1).trimmed() {
            s if s.eq_ignore_ascii_case("NdPr") => SplitItem::NdPr,
            s => SplitItem::Element(
                s.parse::<Element>()
                    .map_err(|_| c(1).invalid("an element symbol or NdPr"))?,
            ),
        };
        let value = match c(3).trimmed() {
            "% of country TREO" => SplitValue::CountryPercent(
                c(2).number_in(0.0..=100.0, "a percentage from 0 to 100")?,
            ),
            "% of world" => {
                SplitValue::WorldPercent(c(2).number_in(0.0..=100.0, "a percentage from 0 to 100")?)
            }
            "t" => SplitValue::Tonnes(
                c(2).number_in(0.0..=MAX_TONNES, "tonnes, not below 0 (at most 1e12)")?,
            ),
            "rest" => {
                if !c(2).trimmed().is_empty() {
                    return Err(
                        c(2).invalid("nothing: a 'rest' row takes what the other countries leave")
                    );
                }
                SplitValue::Rest
            }
            _ => return Err(c(3).invalid("% of country TREO, % of world, t or rest")),
        };
        if let Some(first) = seen.insert((country, item), row.line) {
            return Err(c(1).invalid(format!(
                "one row per country and element: already on line {first}"
            )));
        }
        let basis = figure_basis(&c(4))?;
        let note = c(7).trimmed().to_string();
        if basis != FigureBasis::Published && note.is_empty() {
            return Err(c(7).invalid(format!("the reasoning of a {} split", basis.id())));
        }
        out.push(MineSplit {
            country,
            item,
            value,
            basis,
            edition: edition(&c(5), editions)?,
            citation: required_text(&c(6), "a citation")?,
            note,
            line: row.line,
        });
    }
    // NdPr and Nd (or Pr) for one country would count the same tonnes twice.
    for s in &out {
        if s.item == SplitItem::NdPr {
            if let Some(dup) = out.iter().find(|o| {
                o.country == s.country
                    && matches!(o.item, SplitItem::Element(Element::Nd | Element::Pr))
            }) {
                return Err(DataError::Line {
                    file: file.into(),
                    line: dup.line,
                    message: format!(
                        "{} has an NdPr row (line {}) and a row for one of Nd and Pr: give one or the other",
                        s.country, s.line
                    ),
                });
            }
        }
    }
    Ok(out)
}

fn demand_item(c: &Cell<'_>) -> Result<WorldDemandItem> {
    let t = c.trimmed();
    let expected = "Nd, Pr, Dy, Tb, clean_tech_<element>, clean_tech, other_uses, total, consumption_share or context";
    let magnet = |s: &str| match s.parse::<Element>() {
        Ok(e) if model::demand::MAGNET_ELEMENTS.contains(&e) => Some(e),
        _ => None,
    };
    Ok(match t {
        "clean_tech" => WorldDemandItem::CleanTechTotal,
        "other_uses" => WorldDemandItem::OtherUses,
        "total" => WorldDemandItem::Total,
        "consumption_share" => WorldDemandItem::ConsumptionShare,
        "context" => WorldDemandItem::Context,
        s => match s.strip_prefix("clean_tech_") {
            Some(e) => WorldDemandItem::CleanTech(magnet(e).ok_or_else(|| c.invalid(expected))?),
            None => WorldDemandItem::Element(magnet(s).ok_or_else(|| c.invalid(expected))?),
        },
    })
}

fn demand_value(c: &Cell<'_>, item: WorldDemandItem, unit: &str) -> Result<Option<f64>> {
    if c.trimmed().is_empty() {
        return Ok(None);
    }
    match item {
        WorldDemandItem::Context => c.number_in(0.0..=MAX_TONNES, "a number, not below 0"),
        WorldDemandItem::ConsumptionShare if unit == "share" => {
            c.number_in(0.0..=1.0, "a share from 0 to 1")
        }
        WorldDemandItem::ConsumptionShare => Err(c.invalid("a share from 0 to 1 (unit share)")),
        _ if unit == "kt element" => {
            c.number_in(0.0..=MAX_TONNES, "kilotonnes of element, not below 0")
        }
        _ => Err(c.invalid("kilotonnes of element (unit kt element)")),
    }
    .map(Some)
}

/// Reads `data/demand/world.csv`
/// (`region,item,label,year,scenario,value,unit,basis,edition,citation,arithmetic`).
pub fn read_world_demand(
    file: &str,
    text: &str,
    countries: &Countries,
    editions: &Editions,
) -> Result<Vec<WorldDemandRow>> {
    let t = CsvTable::parse(file, text)?;
    let col = t.require_all(&[
        "region",
        "item",
        "label",
        "year",
        "scenario",
        "value",
        "unit",
        "basis",
        "edition",
        "citation",
        "arithmetic",
    ])?;
    let mut out = Vec::with_capacity(t.rows.len());
    for row in &t.rows {
        out.push(demand_row(row, &t, &col, countries, editions)?);
    }
    Ok(out)
}

fn demand_row(
    row: &Row,
    t: &CsvTable,
    col: &[usize],
    countries: &Countries,
    editions: &Editions,
) -> Result<WorldDemandRow> {
    let c = |i: usize| t.cell(row, col[i]);
    let item = demand_item(&c(1))?;
    let unit = c(6).trimmed().to_string();
    let value = demand_value(&c(5), item, &unit)?;
    let ids: Vec<&str> = c(8)
        .trimmed()
        .split(';')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .collect();
    if ids.is_empty() && value.is_some() {
        return Err(c(8).invalid("an edition id of data/sources.csv (several separated by ;)"));
    }
    let mut editions_of_row = Vec::with_capacity(ids.len());
    for id in ids {
        if !editions.contains(id) {
            return Err(c(8).invalid(format!("edition ids of data/sources.csv: {id} is not one")));
        }
        editions_of_row.push(EditionId(id.to_string()));
    }
    // A context row may name a region rareflow does not model (EUR, Europe); no computation
    // reads it, so it is filed under the world with the region kept in its label.
    let (place, label) = match (place(&c(0), countries), item) {
        (Ok(p), _) => (p, c(2).trimmed().to_string()),
        (Err(_), WorldDemandItem::Context) if !c(0).trimmed().is_empty() => (
            OutputPlace::World,
            format!("({}) {}", c(0).trimmed(), c(2).trimmed()),
        ),
        (Err(e), _) => return Err(e),
    };
    Ok(WorldDemandRow {
        place,
        item,
        label,
        year: c(3).year()?,
        scenario: required_text(&c(4), "a scenario (historical, STEPS, APS, NZE, ...)")?,
        value,
        unit,
        basis: figure_basis(&c(7))?,
        editions: editions_of_row,
        citation: required_text(&c(9), "a citation or the assumptions")?,
        arithmetic: c(10).trimmed().to_string(),
        line: row.line,
    })
}

/// Reads the four world tables.
pub fn read_world(
    trade: (&str, &str),
    stage_output: (&str, &str),
    mine_splits: (&str, &str),
    demand: (&str, &str),
    countries: &Countries,
    editions: &Editions,
) -> Result<WorldTables> {
    Ok(WorldTables {
        trade: read_trade_links(trade.0, trade.1, countries, editions)?,
        stage_output: read_stage_output(stage_output.0, stage_output.1, countries, editions)?,
        mine_splits: read_mine_splits(mine_splits.0, mine_splits.1, countries, editions)?,
        demand: read_world_demand(demand.0, demand.1, countries, editions)?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn setup() -> (Countries, Editions) {
        let c = crate::bundled::countries().unwrap();
        let e = ["MCS2026", "IEA-2025-10"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        (c, e)
    }

    const HEAD: &str = "exporter,importer,from_stage,to_stage,element,year,quantity,unit,basis,edition,citation,note\n";

    fn err(body: &str) -> String {
        let (c, e) = setup();
        read_trade_links("t.csv", &format!("{HEAD}{body}\n"), &c, &e)
            .unwrap_err()
            .to_string()
    }

    #[test]
    fn bad_trade_rows_are_located() {
        assert_eq!(
            err("XXX,CHN,mining,separation,TREO,2024,1,t,t_reo,MCS2026,c,"),
            "t.csv:2:1 (column exporter): invalid value \"XXX\": expected an ISO 3166 alpha-3 code of a known country, EU27 or ROW"
        );
        assert_eq!(
            err("MMR,CHN,separation,mining,TREO,2024,1,t,t_reo,MCS2026,c,"),
            "t.csv:2:4 (column to_stage): invalid value \"mining\": expected a stage after separation: a link goes downstream"
        );
        assert_eq!(
            err("MMR,CHN,mining,separation,TREO,2024,-5,t,t_reo,MCS2026,c,"),
            "t.csv:2:7 (column quantity): invalid value \"-5\": expected tonnes, not below 0 (at most 1e12)"
        );
        assert_eq!(
            err("MMR,CHN,mining,separation,TREO,2024,150,%,share,MCS2026,c,"),
            "t.csv:2:7 (column quantity): invalid value \"150\": expected a percentage from 0 to 100"
        );
        assert_eq!(
            err("MMR,CHN,mining,separation,TREO,2024,1,t,share,MCS2026,c,"),
            "t.csv:2:8 (column unit): invalid value \"t\": expected % for a share"
        );
        assert_eq!(
            err("MMR,CHN,mining,separation,TREO,2024,1,t,t_reo,NOPE,c,"),
            "t.csv:2:10 (column edition): invalid value \"NOPE\": expected an edition id of data/sources.csv"
        );
        assert_eq!(
            err("MMR,CHN,mining,separation,TREO,2024,1,t,assumed,MCS2026,c,"),
            "t.csv:2:12 (column note): invalid value \"\": expected the reasoning of an assumed link"
        );
        assert_eq!(
            err("MMR,CHN,mining,separation,Xx,2024,1,t,t_reo,MCS2026,c,"),
            "t.csv:2:5 (column element): invalid value \"Xx\": expected TREO, NdPr, NdFeB, magnet_REE or an element symbol"
        );
        assert_eq!(
            err("MMR,CHN,mining,separation,TREO,20x4,1,t,t_reo,MCS2026,c,"),
            "t.csv:2:6 (column year): invalid value \"20x4\": expected a year from 1900 to 2200"
        );
    }

    #[test]
    fn a_good_row_reads_with_its_conversion() {
        let (c, e) = setup();
        let rows = read_trade_links(
            "t.csv",
            &format!("{HEAD}CHN,USA,magnet,end_use,NdFeB,2024,1000,t,gross_weight,IEA-2025-10,c,\nMMR,CHN,mining,separation,TREO,2024,,t,t_reo,MCS2026,c,\n"),
            &c,
            &e,
        )
        .unwrap();
        let (t, _) = rows[0].tonnes_reo().unwrap();
        assert!((t - 1000.0 * 0.31 * Element::Nd.reo_per_element()).abs() < 1e-9);
        assert_eq!(rows[1].quantity, None);
        assert_eq!(rows[1].tonnes_reo(), None);
    }

    #[test]
    fn splits_refuse_double_counting_and_bad_units() {
        let (c, e) = setup();
        let head = "country,element,value,unit,basis,edition,citation,note\n";
        let bad = read_mine_splits(
            "s.csv",
            &format!("{head}USA,NdPr,15,% of country TREO,published,MCS2026,c,\nUSA,Nd,1,t,published,MCS2026,c,\n"),
            &c,
            &e,
        )
        .unwrap_err();
        assert_eq!(bad.to_string(), "s.csv:3: USA has an NdPr row (line 2) and a row for one of Nd and Pr: give one or the other");
        let bad = read_mine_splits(
            "s.csv",
            &format!("{head}CHN,Dy,5,rest,assumed,MCS2026,c,why\n"),
            &c,
            &e,
        )
        .unwrap_err();
        assert!(
            bad.to_string().starts_with("s.csv:2:3 (column value)"),
            "{bad}"
        );
    }
}
