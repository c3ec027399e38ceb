//! Readers for the planner's tables: exchange rates and the US price index (`data/fx.csv`)
//! and generic candidates (`data/generic_projects.csv`). Projects' economics are columns of
//! `data/projects.csv` ([`crate::chainfiles::read_projects`]).

use crate::chainfiles::{economics, ECONOMICS_COLUMNS};
use crate::error::{DataError, Result};
use crate::table::CsvTable;
use model::plan::{FxRate, GenericTemplate};
use model::Stage;

/// Reads `data/fx.csv`: one rate per (currency, year), positive and finite.
pub fn read_fx(file: &str, text: &str) -> Result<Vec<FxRate>> {
    let t = CsvTable::parse(file, text)?;
    let col = t.require_all(&["currency", "year", "usd_per_unit", "source"])?;
    let mut out: Vec<FxRate> = Vec::new();
    for row in &t.rows {
        let c = |i: usize| t.cell(row, col[i]);
        let currency = c(0).trimmed().to_string();
        if currency.is_empty() {
            return Err(c(0).invalid("an ISO 4217 code (AUD, EUR, ...) or USD-CPIU"));
        }
        let year = c(1).year()?;
        let usd_per_unit = c(2).number_in(1e-9..=1e9, "USD per unit, above 0")?;
        if out.iter().any(|r| r.currency == currency && r.year == year) {
            return Err(DataError::Line {
                file: file.into(),
                line: row.line,
                message: format!("a second rate for {currency} in {year}: expected one a year"),
            });
        }
        out.push(FxRate {
            currency,
            year,
            usd_per_unit,
            source: c(3).trimmed().to_string(),
        });
    }
    Ok(out)
}

/// Reads `data/generic_projects.csv`: templates of a named project's size and cost.
pub fn read_generic(file: &str, text: &str) -> Result<Vec<GenericTemplate>> {
    let t = CsvTable::parse(file, text)?;
    let col = t.require_all(&["name", "stages", "capex", "capex_currency", "notes"])?;
    let opt: Vec<Option<usize>> = ECONOMICS_COLUMNS
        .iter()
        .map(|n| t.find(|h| h.eq_ignore_ascii_case(n)))
        .collect();
    t.rows
        .iter()
        .map(|row| {
            let c = |i: usize| t.cell(row, col[i]);
            let name = c(0).trimmed().to_string();
            if !name.starts_with("GENERIC") {
                return Err(c(0).invalid("a name starting with GENERIC (a labelled assumption)"));
            }
            let stages = c(1)
                .trimmed()
                .split('+')
                .map(|x| {
                    Stage::from_id(x.trim()).ok_or_else(|| {
                        c(1).invalid("stages joined by '+': mining, separation, metal, magnet")
                    })
                })
                .collect::<Result<Vec<_>>>()?;
            let capex = match c(2).trimmed() {
                "" => None,
                _ => Some(c(2).number_in(0.0..=1e9, "a capital cost in millions, not below 0")?),
            };
            Ok(GenericTemplate {
                name,
                stages,
                capex,
                capex_currency: c(3).trimmed().to_string(),
                economics: economics(&t, row, &opt)?,
                notes: c(4).trimmed().to_string(),
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_second_rate_for_a_year_is_refused() {
        let text = "currency,year,usd_per_unit,source\nAUD,2024,0.66,FRB\nAUD,2024,0.67,FRB\n";
        assert_eq!(
            read_fx("fx.csv", text).unwrap_err().to_string(),
            "fx.csv:3: a second rate for AUD in 2024: expected one a year"
        );
        let text = "currency,year,usd_per_unit,source\nAUD,2024,-1,FRB\n";
        assert!(read_fx("fx.csv", text)
            .unwrap_err()
            .to_string()
            .starts_with("fx.csv:2:3 (column usd_per_unit): invalid value \"-1\""));
    }
}
