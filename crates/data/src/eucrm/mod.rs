//! The EU CRM 2023 inputs: one row per input of the EU's supply-risk and
//! economic-importance scores (material, stage, input, country, value, unit, source
//! edition, and where it was read), so every number the `risk eu` command uses has its
//! source.
//!
//! Two tables share this format: `data/clean/eu_crm_2023_t.csv`, derived from the annex
//! transcriptions in `data/raw/eu-crm/` ([`annex`] reads them, [`clean`] derives the
//! table), and the hand-kept `data/eu_crm_2023.csv` (earlier readings). The published
//! scores by assessment are `data/clean/eu_crm_by_assessment.csv`.

pub mod annex;
pub mod clean;

use crate::error::Result;
use crate::table::CsvTable;

pub use model::eucrm::{EuInput, EuPublished};

const STAGES: [&str; 3] = ["extraction", "processing", "all"];

/// Inputs whose value is a word, with the words each admits (`None`: any non-empty text).
const TEXT_INPUTS: [(&str, Option<&[&str]>); 3] = [
    ("supply_used", Some(&["GS", "GS+EU", "EU"])),
    ("stage_used", Some(&["extraction", "processing"])),
    ("name", None),
];

/// Reads an inputs table, checking stages, the words of text inputs, and that every other
/// value is a number not below 0 (a fraction from 0 to 1 where the unit is `fraction`) or
/// empty with its reason in `notes` (a gap). The `at` column is optional.
pub fn read_eu_inputs(file: &str, text: &str) -> Result<Vec<EuInput>> {
    let t = CsvTable::parse(file, text)?;
    let col = t.require_all(&[
        "material", "stage", "input", "country", "value", "unit", "source", "notes",
    ])?;
    let at = t.find(|h| h.eq_ignore_ascii_case("at"));
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
            let unit = s(5);
            let notes = s(7);
            match TEXT_INPUTS.iter().find(|(name, _)| *name == input) {
                Some((_, Some(words))) if !words.contains(&value.as_str()) => {
                    return Err(c(4).invalid(words.join(" or ")));
                }
                Some((_, None)) if value.is_empty() => {
                    return Err(c(4).invalid("a name as a source prints it"));
                }
                Some(_) => {}
                None if value.is_empty() => {
                    if notes.is_empty() {
                        return Err(c(4).invalid(
                            "a number, or an empty value with the reason for the gap in notes",
                        ));
                    }
                }
                None => {
                    let range = if unit == "fraction" {
                        0.0..=1.0
                    } else {
                        0.0..=f64::MAX
                    };
                    let expected = if unit == "fraction" {
                        "a fraction from 0 to 1"
                    } else {
                        "a number not below 0"
                    };
                    c(4).number_in(range, expected)?;
                }
            }
            Ok(EuInput {
                material: s(0),
                stage: s(1),
                input,
                country: s(3),
                value,
                unit,
                source: s(6),
                notes,
                at: at.map_or(String::new(), |i| t.cell(row, i).trimmed().to_string()),
            })
        })
        .collect()
}

/// Reads the published scores by assessment (`material,year,sr,ei,source,at`; an empty
/// score: not assessed).
pub fn read_eu_by_assessment(file: &str, text: &str) -> Result<Vec<EuPublished>> {
    let t = CsvTable::parse(file, text)?;
    let col = t.require_all(&["material", "year", "sr", "ei", "source", "at"])?;
    t.rows
        .iter()
        .map(|row| {
            let c = |i: usize| t.cell(row, col[i]);
            let score = |i: usize| match c(i).trimmed() {
                "" => Ok(None),
                _ => c(i)
                    .number_in(0.0..=10.0, "a score from 0 to 10, or empty")
                    .map(Some),
            };
            Ok(EuPublished {
                material: c(0).trimmed().to_string(),
                year: c(1).year()?,
                sr: score(2)?,
                ei: score(3)?,
                source: c(4).trimmed().to_string(),
                at: c(5).trimmed().to_string(),
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    const HEAD: &str = "material,stage,input,country,value,unit,source,notes,at\n";

    #[test]
    fn gaps_need_a_reason_and_fractions_stay_in_range() {
        let ok = format!("{HEAD}Dy,all,end_use_share,,,fraction,T,no rows for Dysprosium,f:1\nNd,extraction,import_reliance,,0.8,fraction,T,,f:47\n");
        let rows = read_eu_inputs("t.csv", &ok).unwrap();
        assert!(rows[0].is_gap() && rows[0].number().is_none());
        assert_eq!(rows[1].number(), Some(0.8));
        assert_eq!(rows[1].at, "f:47");
        let e = read_eu_inputs("t.csv", &format!("{HEAD}Dy,all,si_sr,,,index,T,,\n")).unwrap_err();
        assert_eq!(e.to_string(), "t.csv:2:5 (column value): invalid value \"\": expected a number, or an empty value with the reason for the gap in notes");
        let e = read_eu_inputs(
            "t.csv",
            &format!("{HEAD}Dy,all,eol_rir,,1.5,fraction,T,,\n"),
        )
        .unwrap_err();
        assert_eq!(
            e.to_string(),
            "t.csv:2:5 (column value): invalid value \"1.5\": expected a fraction from 0 to 1"
        );
        let e = read_eu_inputs("t.csv", &format!("{HEAD}Dy,all,stage_used,,mining,,T,,\n"))
            .unwrap_err();
        assert_eq!(
            e.to_string(),
            "t.csv:2:5 (column value): invalid value \"mining\": expected extraction or processing"
        );
    }

    #[test]
    fn scores_by_assessment_read_with_their_gaps() {
        let rows = read_eu_by_assessment(
            "o.csv",
            "material,year,sr,ei,source,at\nHREE,2023,5.1,4.2,T,f:313\nSc,2011,,,T,f:56\n",
        )
        .unwrap();
        assert_eq!(rows[0].sr, Some(5.1));
        assert_eq!(rows[1].ei, None);
        let e = read_eu_by_assessment(
            "o.csv",
            "material,year,sr,ei,source,at\nHREE,2023,51,4.2,T,\n",
        )
        .unwrap_err();
        assert_eq!(
            e.to_string(),
            "o.csv:2:3 (column sr): invalid value \"51\": expected a score from 0 to 10, or empty"
        );
    }
}
