//! Readers for the USGS Mineral Commodity Summaries world tables (mine production,
//! reserves and capacity by country) in the three layouts rareflow meets:
//!
//! - the MCS 2025 world-data release (`SOURCE,COMMODITY,COUNTRY,TYPE,UNIT_MEAS,PROD_2023,
//!   PROD_EST_ 2024,...`), all commodities in one file: only rare earths, yttrium and
//!   scandium rows are read, the rest are skipped;
//! - the MCS 2024 per-commodity table (`Source,Country,Type,Prod_t_est_2022,...`), whose
//!   unit sits at the end of the `Type` text, with empty trailing columns and rows;
//! - the MCS 2026 table transcribed from the PDF, whose `*_RAW` columns keep the
//!   printed strings ("—", "NA", ">85,000,000").
//!
//! Columns are found by name, not position, so a new edition with other years reads too.
//! Column names do not decide what is an estimate: MCS marks only the edition's latest
//! year with `e`, so that year alone is flagged `estimated`.

use crate::cell::{read_usgs_cell, RawValue};
use crate::error::{DataError, Result};
use crate::table::{CsvTable, Row};
use model::country::Resolved;
use model::{
    Countries, EditionId, Element, ElementGroup, Flag, Flags, GapReason, Material, Metric,
    Observation, Place, Quantity, Stage, Table, Unit, Value, Year,
};

/// The expected-form text for quantity cells.
pub const EXPECT_TONNES: &str = "a number of tonnes";

/// One edition read from a world table, before blanks are resolved against other editions.
#[derive(Debug, Clone)]
pub struct WorldEdition {
    /// The edition id, from the `SOURCE` column.
    pub edition: EditionId,
    /// The publication year (from the id's digits).
    pub year: i32,
    /// Observations; blank cells are `Gap(NotReported)` until [`resolve_blanks`] runs.
    pub observations: Vec<Observation>,
}

/// Units the world tables use, with their factor to tonnes.
const UNITS: [(&str, f64); 4] = [
    ("metric tons", 1.0),
    ("thousand metric tons", 1e3),
    ("million metric tons", 1e6),
    ("kilograms", 1e-3),
];

fn unit_factor(text: &str) -> Option<f64> {
    let t = text.trim().to_lowercase();
    UNITS.iter().find(|(u, _)| *u == t).map(|(_, f)| *f)
}

fn expected_units() -> String {
    format!(
        "a unit from the unit table: {}",
        UNITS.iter().map(|(u, _)| *u).collect::<Vec<_>>().join(", ")
    )
}

/// The material a commodity name means, if rareflow reads it.
fn commodity_material(name: &str) -> Option<Material> {
    match name.trim().to_lowercase().as_str() {
        "rare earths" => Some(Material::Group(ElementGroup::Treo)),
        "yttrium" => Some(Material::Element(Element::Y)),
        "scandium" => Some(Material::Element(Element::Sc)),
        _ => None,
    }
}

/// The year inside a column name or id: the last run of exactly four digits, within
/// 1900..=2200 (`PROD_99999` holds no year, not 9999).
fn year_in(text: &str) -> Option<i32> {
    text.split(|c: char| !c.is_ascii_digit())
        .rfind(|run| !run.is_empty())
        .filter(|run| run.len() == 4)
        .and_then(|run| run.parse().ok())
        .filter(|y| model::Year::checked(*y).is_some())
}

/// What a value column holds.
#[derive(Debug, Clone, Copy, PartialEq)]
enum ColumnKind {
    Production,
    Capacity,
    Reserves,
}

/// A value column: kind, year (None for reserves without a year), and the `_RAW` twin.
#[derive(Debug, Clone, Copy)]
struct ValueColumn {
    index: usize,
    kind: ColumnKind,
    year: Option<i32>,
    raw: Option<usize>,
}

/// Which metric a note column annotates.
#[derive(Debug, Clone, Copy)]
enum NoteKind {
    Production,
    Capacity,
    Reserves,
    /// One column for all notes: classified by what it says.
    Any,
}

struct Layout {
    source: usize,
    commodity: Option<usize>,
    country: usize,
    kind: usize,
    unit: Option<usize>,
    values: Vec<ValueColumn>,
    notes: Vec<(usize, NoteKind)>,
}

fn layout(t: &CsvTable) -> Result<Layout> {
    let expected = "SOURCE, COUNTRY, TYPE and production or reserves columns";
    // Each header normalised once, and the `_RAW` twins found through a map: linear in the
    // number of columns however wide a file is.
    let normalised: Vec<String> = t
        .headers
        .iter()
        .map(|h| h.to_uppercase().replace(' ', ""))
        .collect();
    let by_name: std::collections::HashMap<&str, usize> = normalised
        .iter()
        .enumerate()
        .rev()
        .map(|(i, h)| (h.as_str(), i))
        .collect();
    let upper = |i: usize| normalised[i].clone();
    let mut values = Vec::new();
    let mut notes = Vec::new();
    for i in 0..t.headers.len() {
        let h = upper(i);
        if h.is_empty() || h.ends_with("_RAW") {
            continue;
        }
        if h.contains("NOTES") {
            let kind = if h.starts_with("PROD") {
                NoteKind::Production
            } else if h.starts_with("CAP") {
                NoteKind::Capacity
            } else if h.starts_with("RESERVE") {
                NoteKind::Reserves
            } else {
                NoteKind::Any
            };
            notes.push((i, kind));
            continue;
        }
        let kind = if h.starts_with("PROD") {
            ColumnKind::Production
        } else if h.starts_with("CAP") {
            ColumnKind::Capacity
        } else if h.starts_with("RESERVES") {
            ColumnKind::Reserves
        } else {
            continue;
        };
        let year = year_in(&h);
        if kind != ColumnKind::Reserves && year.is_none() {
            return Err(DataError::InvalidValue {
                file: t.file.clone(),
                line: 1,
                column: i + 1,
                name: t.headers[i].clone(),
                value: t.headers[i].clone(),
                expected: "a production or capacity column named with its year (1900 to 2200), e.g. PROD_2023".into(),
            });
        }
        let raw = by_name.get(format!("{h}_RAW").as_str()).copied();
        values.push(ValueColumn {
            index: i,
            kind,
            year,
            raw,
        });
    }
    if values.is_empty() {
        return Err(DataError::MissingColumn {
            file: t.file.clone(),
            name: "PROD_<year> or RESERVES".into(),
            expected: expected.into(),
        });
    }
    Ok(Layout {
        source: t.require("SOURCE", expected)?,
        commodity: t.find(|h| h.eq_ignore_ascii_case("COMMODITY")),
        country: t.require("COUNTRY", expected)?,
        kind: t.require("TYPE", expected)?,
        unit: t.find(|h| h.eq_ignore_ascii_case("UNIT_MEAS")),
        values,
        notes,
    })
}

/// Reads a USGS MCS world table. `transcribed` flags every value (MCS 2026 from the PDF).
pub fn read_world_table(
    file: &str,
    text: &str,
    countries: &Countries,
    transcribed: bool,
) -> Result<WorldEdition> {
    let t = CsvTable::parse(file, text)?;
    let mut l = layout(&t)?;
    // A value column that is blank on every row read (capacity, for rare earths) does not
    // apply to these commodities: it yields no observations rather than a column of gaps.
    let read_rows: Vec<&Row> = t
        .rows
        .iter()
        .filter(|r| {
            l.commodity
                .is_none_or(|c| commodity_material(t.cell(r, c).text).is_some())
        })
        .collect();
    l.values.retain(|v| {
        read_rows
            .iter()
            .any(|r| !t.cell(r, v.raw.unwrap_or(v.index)).trimmed().is_empty())
    });
    let mut edition: Option<(String, u64)> = None;
    let latest_production_year = l
        .values
        .iter()
        .filter(|v| v.kind == ColumnKind::Production)
        .filter_map(|v| v.year)
        .max();
    let mut observations: Vec<Observation> = Vec::new();
    // Which line gave each (place, material, metric, year): a second line for the same is
    // an error naming both, never a country counted twice.
    let mut seen: std::collections::HashMap<(Place, Material, Metric, i32), u64> =
        std::collections::HashMap::new();
    for row in &t.rows {
        let material = match l.commodity {
            Some(c) => match commodity_material(t.cell(row, c).text) {
                Some(m) => m,
                None => continue,
            },
            None => type_material(t.cell(row, l.kind).text),
        };
        let src = t.cell(row, l.source);
        let id = src.trimmed().to_string();
        match &edition {
            None if id.is_empty() => return Err(src.invalid("an edition id such as MCS2025")),
            None => edition = Some((id.clone(), row.line)),
            Some((first, line)) if *first != id => {
                return Err(src.invalid(format!(
                    "the same edition id as line {line} ({first}): one edition per file"
                )))
            }
            Some(_) => {}
        }
        let before = observations.len();
        read_world_row(
            &t,
            &l,
            row,
            material,
            countries,
            latest_production_year,
            &mut observations,
        )?;
        for o in &observations[before..] {
            let key = (o.place, o.material, o.metric, o.year.0);
            if let Some(first) = seen.insert(key, row.line) {
                if first != row.line {
                    let c = t.cell(row, l.country);
                    return Err(c.invalid(format!(
                        "each country once per table: {} already has a row on line {first}",
                        c.trimmed()
                    )));
                }
            }
        }
    }
    let Some((id, _)) = edition else {
        return Err(DataError::File {
            file: file.to_string(),
            message: "no rare-earth, yttrium or scandium rows: expected a USGS MCS world table"
                .into(),
        });
    };
    let year = year_in(&id)
        .or(latest_production_year.map(|y| y + 1))
        .unwrap_or(0);
    let edition = EditionId(id);
    for o in &mut observations {
        o.edition = edition.clone();
        // Reserves columns without a year are as of the year before publication.
        if matches!(o.metric, Metric::Reserves | Metric::ReservesJorc) && o.year == Year(0) {
            o.year = Year(year - 1);
        }
        if transcribed {
            o.flags.insert(Flag::Transcribed);
        }
    }
    Ok(WorldEdition {
        edition,
        year,
        observations,
    })
}

/// The material named at the start of a `Type` text ("Rare earths, mine production, ..."),
/// rare earths when it names none.
fn type_material(text: &str) -> Material {
    text.split(',')
        .next()
        .and_then(commodity_material)
        .unwrap_or(Material::Group(ElementGroup::Treo))
}

fn read_world_row(
    t: &CsvTable,
    l: &Layout,
    row: &Row,
    material: Material,
    countries: &Countries,
    latest_production_year: Option<i32>,
    out: &mut Vec<Observation>,
) -> Result<()> {
    let country = t.cell(row, l.country);
    let place = match countries.resolve(country.text) {
        Resolved::Place { place, .. } => place,
        Resolved::Unmapped(why) => {
            return Err(country.invalid(format!(
                "a country or aggregate (the alias table leaves it unmapped: {why})"
            )))
        }
        Resolved::Unknown(near) => {
            return Err(country.invalid(format!(
                "a country name or ISO3 code (closest: {})",
                near.join(", ")
            )))
        }
    };
    let kind_cell = t.cell(row, l.kind);
    let factor = match l.unit {
        Some(u) => {
            let c = t.cell(row, u);
            unit_factor(c.text).ok_or_else(|| c.invalid(expected_units()))?
        }
        None => {
            let unit = kind_cell.text.rsplit(',').next().unwrap_or("");
            unit_factor(unit).ok_or_else(|| {
                kind_cell.invalid(format!("a Type text ending in {}", expected_units()))
            })?
        }
    };
    let type_text = kind_cell.trimmed().to_lowercase();
    let (prod_stage, prod_metric) = if type_text.contains("mine production") {
        (Stage::Mining, Metric::MineProduction)
    } else if type_text.contains("capacity") {
        (Stage::Separation, Metric::Capacity)
    } else {
        (Stage::Separation, Metric::Production)
    };

    // Notes first, so each value gets the note about its own metric.
    let mut production_note = String::new();
    let mut capacity_note = String::new();
    let mut reserves_note = String::new();
    let mut reserves_na = false;
    for &(i, kind) in &l.notes {
        let text = t.cell(row, i).trimmed().to_string();
        if text.is_empty() {
            continue;
        }
        let target = match kind {
            NoteKind::Production => &mut production_note,
            NoteKind::Capacity => &mut capacity_note,
            NoteKind::Reserves if text == "NA" => {
                reserves_na = true;
                continue;
            }
            NoteKind::Reserves => &mut reserves_note,
            NoteKind::Any if text.to_lowercase().contains("reserve") => &mut reserves_note,
            NoteKind::Any => &mut production_note,
        };
        if !target.is_empty() {
            target.push(' ');
        }
        target.push_str(&text);
    }

    for v in &l.values {
        let cell = t.cell(row, v.raw.unwrap_or(v.index));
        let raw = read_usgs_cell(&cell, EXPECT_TONNES)?;
        let (stage, metric, note) = match v.kind {
            ColumnKind::Production => (prod_stage, prod_metric, &production_note),
            ColumnKind::Capacity => (prod_stage, Metric::Capacity, &capacity_note),
            ColumnKind::Reserves => (Stage::Mining, Metric::Reserves, &reserves_note),
        };
        let mut flags = Flags::NONE;
        if v.kind != ColumnKind::Reserves && v.year == latest_production_year {
            flags.insert(Flag::Estimated);
        }
        if place == Place::Aggregate(model::Aggregate::WorldTotal) {
            flags.insert(Flag::RoundedTotal);
        }
        if let RawValue::Number { value, .. } = raw {
            if value * factor > model::units::MAX_TONNES {
                return Err(cell.invalid(format!(
                    "{EXPECT_TONNES} no larger than {:e} t",
                    model::units::MAX_TONNES
                )));
            }
        }
        let value = match raw {
            RawValue::NetExporter => return Err(cell.invalid(EXPECT_TONNES)),
            RawValue::Blank if v.kind == ColumnKind::Reserves && reserves_na => {
                RawValue::NotAvailable.into_value(Unit::TonnesReo, factor, &mut flags)
            }
            other => other.into_value(Unit::TonnesReo, factor, &mut flags),
        };
        out.push(Observation {
            edition: EditionId(String::new()),
            table: Table::World,
            label: country.trimmed().to_string(),
            place,
            material,
            stage,
            metric,
            form: String::new(),
            year: Year(v.year.unwrap_or(0)),
            value,
            unit: Unit::TonnesReo,
            flags,
            note: note.clone(),
            citation: String::new(),
        });
        if v.kind == ColumnKind::Reserves {
            if let Some(jorc) = jorc_reserves(&reserves_note) {
                out.push(Observation {
                    metric: Metric::ReservesJorc,
                    value: Value::Known(Quantity {
                        magnitude: jorc,
                        unit: Unit::TonnesReo,
                    }),
                    flags: Flags::NONE,
                    ..out[out.len() - 1].clone()
                });
            }
        }
    }
    Ok(())
}

/// The JORC figure a reserves note states ("...Joint Ore Reserves Committee-compliant or
/// equivalent reserves were 3.3 million tons."), in tonnes. This is the one rule by which a
/// note becomes a value (TRANSFORMS.md): the number must be plain digits (with commas and
/// one point) and the result a mass within `MAX_TONNES`; "NaN", "-5" or "inf" stay text.
pub fn jorc_reserves(note: &str) -> Option<f64> {
    let marker = "Joint Ore Reserves Committee-compliant or equivalent reserves were ";
    let rest = &note[note.find(marker)? + marker.len()..];
    let mut words = rest.split_whitespace();
    let numeral = words.next()?.replace(',', "");
    if numeral.is_empty() || !numeral.chars().all(|c| c.is_ascii_digit() || c == '.') {
        return None;
    }
    let number: f64 = crate::table::plain_number(&numeral)?;
    let scale = match words.next()?.trim_end_matches('.') {
        "million" => 1e6,
        "thousand" => 1e3,
        "tons" => 1.0,
        _ => return None,
    };
    Some(number * scale).filter(|t| *t <= model::units::MAX_TONNES)
}

/// Reads blanks the way the source means them: a blank world-table cell becomes 0 with
/// `blank_read_as_zero` when another edition prints 0 or "—" for the same country and
/// metric; otherwise it stays a gap (`not_reported`).
pub fn resolve_blanks(new: &mut [Observation], others: &[Observation]) {
    for o in new
        .iter_mut()
        .filter(|o| o.table == Table::World && o.value == Value::Gap(GapReason::NotReported))
    {
        let printed_zero = others.iter().any(|x| {
            x.edition != o.edition
                && x.table == Table::World
                && x.place == o.place
                && x.metric == o.metric
                && x.material == o.material
                && x.value.magnitude() == Some(0.0)
                && !x.flags.contains(Flag::BlankReadAsZero)
        });
        if printed_zero {
            o.value = Value::Known(Quantity {
                magnitude: 0.0,
                unit: o.unit,
            });
            o.flags.insert(Flag::BlankReadAsZero);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn years_and_jorc_notes_are_read() {
        assert_eq!(year_in("PROD_EST_2024"), Some(2024));
        assert_eq!(year_in("Prod_t_est_2022"), Some(2022));
        assert_eq!(year_in("RESERVES"), None);
        assert_eq!(year_in("MCS2026"), Some(2026));
        assert_eq!(
            jorc_reserves("For Australia, Joint Ore Reserves Committee-compliant or equivalent reserves were 3.3 million tons."),
            Some(3.3e6)
        );
        assert_eq!(jorc_reserves("Reported."), None);
        for bad in ["NaN", "-5", "inf", "1e400"] {
            let note = format!("Joint Ore Reserves Committee-compliant or equivalent reserves were {bad} million tons.");
            assert_eq!(jorc_reserves(&note), None, "{bad}");
        }
        assert_eq!(year_in("PROD_99999"), None);
        assert_eq!(year_in("PROD_1850"), None);
    }
}
