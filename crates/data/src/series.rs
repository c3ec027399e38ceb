//! The input of `rareflow stock`: a yearly series (`year` plus `inflow` or `stock`) with
//! optional per-cohort lifetime columns (`mean`, `sd`, `shape`, `scale`) that override the
//! `--lifetime` given on the command line row by row.
//!
//! Everything is checked here, where the file, line and column are still known: finite
//! numbers, consecutive years, no negative inflow or stock, valid lifetime parameters.

use crate::error::{DataError, Result};
use crate::table::CsvTable;
use model::Lifetime;

/// The largest inflow or stock a series may hold (1e15, in whatever unit the user's
/// series is in): larger values are typos or attacks, and refusing them here keeps every
/// sum over cohorts finite.
pub const MAX_VALUE: f64 = 1e15;

/// The largest lifetime parameter read (years), far beyond any product's life.
pub const MAX_LIFETIME: f64 = 1e4;

/// Which series a file holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SeriesKind {
    /// Inflow by year (inflow-driven model).
    Inflow,
    /// Stock by year (stock-driven model).
    Stock,
}

impl SeriesKind {
    fn column(self) -> &'static str {
        match self {
            SeriesKind::Inflow => "inflow",
            SeriesKind::Stock => "stock",
        }
    }
}

/// A checked series.
#[derive(Debug, Clone, PartialEq)]
pub struct Series {
    /// Consecutive years.
    pub years: Vec<i32>,
    /// Values, finite and not negative.
    pub values: Vec<f64>,
    /// One lifetime per year (the default, overridden by the row's columns).
    pub lifetimes: Vec<Lifetime>,
}

/// Reads a series file; `default` is the `--lifetime` (its kind decides which columns apply).
pub fn read_series(file: &str, text: &str, kind: SeriesKind, default: Lifetime) -> Result<Series> {
    let t = CsvTable::parse(file, text)?;
    let year_col = t.require("year", &format!("year,{}", kind.column()))?;
    let value_col = t.require(kind.column(), &format!("year,{}", kind.column()))?;
    let opt = |name: &str| t.find(|h| h.eq_ignore_ascii_case(name));
    let (mean_col, sd_col, shape_col, scale_col) =
        (opt("mean"), opt("sd"), opt("shape"), opt("scale"));
    let mut s = Series {
        years: Vec::new(),
        values: Vec::new(),
        lifetimes: Vec::new(),
    };
    for row in &t.rows {
        let year_cell = t.cell(row, year_col);
        let year: i32 = year_cell.year()?;
        if let Some(&previous) = s.years.last() {
            // Years are within 1900..=2200, so `previous + 1` cannot overflow.
            if year != previous + 1 {
                return Err(
                    year_cell.invalid(format!("{} (years must be consecutive)", previous + 1))
                );
            }
        }
        let v = t.cell(row, value_col);
        let expected = format!(
            "a finite number not below 0 ({} in year {year})",
            kind.column()
        );
        let value: f64 = match v.trimmed() {
            "" => return Err(v.invalid(format!("{expected}; the value is missing"))),
            x => crate::table::plain_number(x).ok_or_else(|| v.invalid(expected.clone()))?,
        };
        if value < 0.0 {
            return Err(v.invalid(expected));
        }
        if value > MAX_VALUE {
            return Err(v.invalid(format!(
                "a number not above {MAX_VALUE:e} ({} in year {year}): larger values are typos",
                kind.column()
            )));
        }
        // A per-row parameter, if the column exists and the cell is filled.
        let param = |col: Option<usize>, what: &str| -> Result<Option<f64>> {
            let Some(i) = col else { return Ok(None) };
            let c = t.cell(row, i);
            match c.trimmed() {
                "" => Ok(None),
                x => match crate::table::plain_number(x) {
                    Some(p) if p.abs() <= MAX_LIFETIME => Ok(Some(p)),
                    _ => Err(c.invalid(what)),
                },
            }
        };
        let lifetime = match default {
            Lifetime::Fixed { mean } => Lifetime::Fixed {
                mean: param(mean_col, "a mean lifetime in years")?.unwrap_or(mean),
            },
            Lifetime::Normal { mean, sd } => Lifetime::Normal {
                mean: param(mean_col, "a mean lifetime in years")?.unwrap_or(mean),
                sd: param(sd_col, "a standard deviation in years")?.unwrap_or(sd),
            },
            Lifetime::LogNormal { mean, sd } => Lifetime::LogNormal {
                mean: param(mean_col, "a mean lifetime in years")?.unwrap_or(mean),
                sd: param(sd_col, "a standard deviation in years")?.unwrap_or(sd),
            },
            Lifetime::Weibull { shape, scale } => Lifetime::Weibull {
                shape: param(shape_col, "a Weibull shape")?.unwrap_or(shape),
                scale: param(scale_col, "a Weibull scale in years")?.unwrap_or(scale),
            },
        };
        if let Err(e) = lifetime.validate() {
            // Name the column whose value is out of range, and what it must be.
            let (col, expected) = if e.problem.contains("standard deviation") {
                (sd_col, "a standard deviation greater than 0")
            } else if e.problem.contains("scale") {
                (scale_col, "a scale greater than 0")
            } else if e.problem.contains("shape") {
                (shape_col, "a shape not below 0")
            } else {
                (mean_col, "a mean not below 0")
            };
            return Err(match col {
                Some(i) if !t.cell(row, i).trimmed().is_empty() => t.cell(row, i).invalid(expected),
                _ => DataError::Line {
                    file: file.into(),
                    line: row.line,
                    message: e.to_string(),
                },
            });
        }
        s.years.push(year);
        s.values.push(value);
        s.lifetimes.push(lifetime);
    }
    if s.years.is_empty() {
        return Err(DataError::File {
            file: file.into(),
            message: format!("no rows: expected year,{} rows", kind.column()),
        });
    }
    Ok(s)
}

#[cfg(test)]
mod tests {
    use super::*;

    const NORMAL: Lifetime = Lifetime::Normal {
        mean: 10.0,
        sd: 3.0,
    };

    fn err(text: &str, kind: SeriesKind, l: Lifetime) -> String {
        read_series("in.csv", text, kind, l)
            .unwrap_err()
            .to_string()
    }

    #[test]
    fn rows_override_the_default_lifetime() {
        let s = read_series(
            "in.csv",
            "year,inflow,mean\n2000,1,\n2001,2,12\n",
            SeriesKind::Inflow,
            NORMAL,
        )
        .unwrap();
        assert_eq!(
            s.lifetimes,
            [
                NORMAL,
                Lifetime::Normal {
                    mean: 12.0,
                    sd: 3.0
                }
            ]
        );
    }

    #[test]
    fn bad_rows_name_line_column_and_value() {
        assert_eq!(err("year,inflow\n2000,1\n2001,-2\n", SeriesKind::Inflow, NORMAL), "in.csv:3:2 (column inflow): invalid value \"-2\": expected a finite number not below 0 (inflow in year 2001)");
        assert_eq!(err("year,stock\n2000,NaN\n", SeriesKind::Stock, NORMAL), "in.csv:2:2 (column stock): invalid value \"NaN\": expected a finite number not below 0 (stock in year 2000)");
        assert_eq!(err("year,inflow\n2000,1\n2002,1\n", SeriesKind::Inflow, NORMAL), "in.csv:3:1 (column year): invalid value \"2002\": expected 2001 (years must be consecutive)");
        assert_eq!(err("year,inflow\n2000,\n", SeriesKind::Inflow, NORMAL), "in.csv:2:2 (column inflow): invalid value \"\": expected a finite number not below 0 (inflow in year 2000); the value is missing");
        assert_eq!(err("year,inflow,sd\n2000,1,0\n", SeriesKind::Inflow, NORMAL), "in.csv:2:3 (column sd): invalid value \"0\": expected a standard deviation greater than 0");
        let w = Lifetime::Weibull {
            shape: 2.0,
            scale: 10.0,
        };
        assert_eq!(
            err("year,inflow,scale\n2000,1,-1\n", SeriesKind::Inflow, w),
            "in.csv:2:3 (column scale): invalid value \"-1\": expected a scale greater than 0"
        );
        assert_eq!(
            err("year,inflow,shape\n2000,1,-1\n", SeriesKind::Inflow, w),
            "in.csv:2:3 (column shape): invalid value \"-1\": expected a shape not below 0"
        );
        assert!(err("year,stock\n", SeriesKind::Stock, NORMAL).contains("no rows"));
    }
}
