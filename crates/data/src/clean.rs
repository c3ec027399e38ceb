//! The cleaned observation table: one row per sourced value, in the units and spellings
//! rareflow uses everywhere. The bundled `data/clean/observations.csv` and the hand-kept
//! `data/statements.csv` are both in this format.
//!
//! Writing then reading gives back the same observations (tested), so the file can be
//! regenerated from the raw files and checked byte for byte.

use crate::error::{DataError, Result};
use crate::table::{write_csv, CsvTable};
use model::country::Resolved;
use model::{
    Countries, EditionId, Flag, Flags, GapReason, Material, Metric, Observation, Place, Quantity,
    Stage, Table, Unit, Value, Year,
};

/// The header of the cleaned table.
pub const HEADER: [&str; 15] = [
    "edition", "table", "label", "place", "material", "stage", "metric", "form", "year", "value",
    "unit", "gap", "flags", "note", "citation",
];

/// Writes observations as the cleaned CSV.
pub fn write_observations(observations: &[Observation]) -> String {
    let records = observations.iter().map(|o| {
        let (value, gap) = match o.value {
            Value::Known(q) => (q.magnitude.to_string(), String::new()),
            Value::Gap(g) => (String::new(), g.id().to_string()),
        };
        [
            o.edition.0.clone(),
            o.table.id().to_string(),
            o.label.clone(),
            o.place.id().to_string(),
            o.material.id().to_string(),
            o.stage.id().to_string(),
            o.metric.id().to_string(),
            o.form.clone(),
            o.year.0.to_string(),
            value,
            o.unit.id().to_string(),
            gap,
            o.flags.to_ids(),
            o.note.clone(),
            o.citation.clone(),
        ]
    });
    write_csv(&HEADER, records)
}

/// Reads the cleaned CSV, checking every cell.
pub fn read_observations(
    file: &str,
    text: &str,
    countries: &Countries,
) -> Result<Vec<Observation>> {
    let t = CsvTable::parse(file, text)?;
    let col = t.require_all(&HEADER)?;
    let mut out = Vec::with_capacity(t.rows.len());
    for row in &t.rows {
        let c = |i: usize| t.cell(row, col[i]);
        let edition = c(0).trimmed().to_string();
        if edition.is_empty() {
            return Err(c(0).invalid("an edition id"));
        }
        let table = Table::from_id(c(1).trimmed())
            .ok_or_else(|| c(1).invalid("world, salient or statement"))?;
        let place = match Place::from_id(c(3).trimmed()) {
            Some(Place::Country(code)) if countries.get(code).is_none() => None,
            other => other,
        };
        let place = place.ok_or_else(|| {
            let hint = match countries.resolve(c(3).text) {
                Resolved::Unknown(near) => format!(" (closest: {})", near.join(", ")),
                _ => String::new(),
            };
            c(3).invalid(format!(
                "an ISO 3166 alpha-3 code, world_total or other{hint}"
            ))
        })?;
        let material: Material = c(4)
            .trimmed()
            .parse()
            .map_err(|_| c(4).invalid("an element symbol or TREO, LREE, HREE, magnet_REE, NdPr"))?;
        let stage = Stage::from_id(c(5).trimmed())
            .ok_or_else(|| c(5).invalid("mining, separation, metal, magnet or end_use"))?;
        let metric = Metric::parse(c(6).trimmed()).ok_or_else(|| {
            c(6).invalid(format!(
                "a metric: {}",
                Metric::ALL
                    .iter()
                    .map(|m| m.id())
                    .collect::<Vec<_>>()
                    .join(", ")
            ))
        })?;
        let year: i32 = c(8).year()?;
        let unit = Unit::from_id(c(10).trimmed())
            .ok_or_else(|| c(10).invalid("t, USD/kg, USD/g, % or persons"))?;
        let value = match (c(9).trimmed(), c(11).trimmed()) {
            ("", gap) => Value::Gap(GapReason::from_id(gap).ok_or_else(|| {
                c(11).invalid("a gap reason (not_available, withheld, not_reported, net_exporter) when value is empty")
            })?),
            (_, "") => {
                let x = c(9).number_in(
                    f64::MIN..=f64::MAX,
                    "a finite number",
                )?;
                if x < 0.0 && unit == Unit::TonnesReo {
                    return Err(c(9).invalid("a number of tonnes, not negative"));
                }
                Value::Known(Quantity { magnitude: x, unit })
            }
            _ => return Err(c(11).invalid("an empty gap when a value is given")),
        };
        let mut flags = Flags::NONE;
        for id in c(12)
            .trimmed()
            .split(';')
            .map(str::trim)
            .filter(|s| !s.is_empty())
        {
            let f = Flag::from_id(id).ok_or_else(|| {
                c(12).invalid(format!(
                    "flags separated by ';' from: {}",
                    Flag::ALL.map(Flag::id).join(", ")
                ))
            })?;
            flags.insert(f);
        }
        out.push(Observation {
            edition: EditionId(edition),
            table,
            label: c(2).trimmed().to_string(),
            place,
            material,
            stage,
            metric,
            form: c(7).trimmed().to_string(),
            year: Year(year),
            value,
            unit,
            flags,
            note: c(13).trimmed().to_string(),
            citation: c(14).trimmed().to_string(),
        });
    }
    Ok(out)
}

/// A read error for a file that is not in the cleaned format at all.
pub fn not_clean(file: &str) -> DataError {
    DataError::File {
        file: file.into(),
        message: format!(
            "expected the cleaned observation format ({})",
            HEADER.join(",")
        ),
    }
}
