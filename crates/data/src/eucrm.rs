//! The EU CRM 2023 inputs table (`data/eu_crm_2023.csv`): one row per input of the EU's
//! supply-risk and economic-importance scores (material, stage, input, country, value,
//! unit, source edition), so every number the `risk eu` command uses has its source.

use crate::error::Result;
use crate::table::CsvTable;

/// One input.
#[derive(Debug, Clone, PartialEq)]
pub struct EuInput {
    /// Material as the EU names it (Dy, Nd, HREE, LREE, ...).
    pub material: String,
    /// `extraction`, `processing` or `all`.
    pub stage: String,
    /// Which input (`import_reliance`, `eol_rir`, `si_sr`, `si_ei`, `global_supply_share`,
    /// `supply_used`, `published_sr`, ...).
    pub input: String,
    /// ISO3 code for shares, else empty.
    pub country: String,
    /// The value as written (a number, or `GS` / `GS+EU` for `supply_used`).
    pub value: String,
    /// Unit.
    pub unit: String,
    /// Source edition id (in `data/sources.csv`).
    pub source: String,
    /// Note.
    pub notes: String,
}

impl EuInput {
    /// The value as a number (percent converted to a fraction).
    pub fn number(&self) -> Option<f64> {
        let x: f64 = self.value.parse().ok()?;
        Some(if self.unit == "%" { x / 100.0 } else { x })
    }
}

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
                match value.parse::<f64>() {
                    Ok(x) if x.is_finite() && x >= 0.0 => {}
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
