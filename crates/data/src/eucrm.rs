//! The EU CRM 2023 inputs table (`data/eu_crm_2023.csv`): one row per input of the EU's
//! supply-risk and economic-importance scores (material, stage, input, country, value,
//! unit, source edition), so every number the `risk eu` command uses has its source.

use crate::error::Result;
use crate::table::CsvTable;

pub use model::eucrm::EuInput;

const STAGES: [&str; 3] = ["extraction", "processing", "all"];

/// Reads the table, checking stages and that every value but `supply_used` is a number.
pub fn read_eu_inputs(file: &str, text: &str) -> Result<Vec<EuInput>> {
    let t = CsvTable::parse(file, text)?;
    let col = t.require_all(&[
        "material", "stage", "input", "country", "value", "unit", "source", "notes",
    ])?;
    t.rows
        .iter()
        .map(|row| {
            let c = |i: usize| t.cell(row, col[i]);
            let s = |i: usize| c(i).trimmed().to_string();
            if !STAGES.contains(&c(1).trimmed()) {
                return Err(c(1).invalid("extraction, processing or all"));
            }
            let input = s(2);
            let value = s(4);
            if input == "supply_used" {
                if value != "GS" && value != "GS+EU" {
                    return Err(c(4).invalid("GS or GS+EU"));
                }
            } else {
                match crate::table::plain_number(&value) {
                    Some(x) if x >= 0.0 => {}
                    _ => return Err(c(4).invalid("a number not below 0")),
                }
            }
            Ok(EuInput {
                material: s(0),
                stage: s(1),
                input,
                country: s(3),
                value,
                unit: s(5),
                source: s(6),
                notes: s(7),
            })
        })
        .collect()
}
