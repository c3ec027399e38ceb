//! The demand scenario tables in `data/demand/`: technology parameters
//! (`technologies.csv`), deployment by scenario and year (`deployment.csv`) and recovery
//! parameters (`recovery.csv`). Every row carries its source; a value interpolated between
//! published years is computed at run time and labelled, never stored.

use crate::error::{DataError, Result};
use crate::table::CsvTable;
use model::Lifetime;

/// One technology parameter.
#[derive(Debug, Clone, PartialEq)]
pub struct TechParam {
    /// Technology id.
    pub technology: String,
    /// Parameter: `magnet_kg_per_unit`, `pm_share`, `content_Nd`, `content_Pr`, `content_Dy`,
    /// `content_Tb`, `lifetime`.
    pub parameter: String,
    /// A number, or a lifetime spec for `lifetime`.
    pub value: String,
    /// Unit.
    pub unit: String,
    /// Source.
    pub source: String,
}

/// One published deployment figure.
#[derive(Debug, Clone, PartialEq)]
pub struct Deployment {
    /// Scenario id (`stated-policies`, `announced-pledges`, `net-zero`).
    pub scenario: String,
    /// Technology id.
    pub technology: String,
    /// Year.
    pub year: i32,
    /// Units deployed in the year (vehicles, MW, ...).
    pub value: f64,
    /// Source.
    pub source: String,
}

/// One recovery parameter of a scenario.
#[derive(Debug, Clone, PartialEq)]
pub struct RecoveryParam {
    /// Scenario id, or `all`.
    pub scenario: String,
    /// `manufacturing_yield`, `collection` or `recycling_yield`.
    pub parameter: String,
    /// Fraction 0..1.
    pub value: f64,
    /// Source.
    pub source: String,
}

const TECH_PARAMS: [&str; 7] = [
    "magnet_kg_per_unit",
    "pm_share",
    "content_Nd",
    "content_Pr",
    "content_Dy",
    "content_Tb",
    "lifetime",
];

/// Reads `technologies.csv`.
pub fn read_technologies(file: &str, text: &str) -> Result<Vec<TechParam>> {
    let t = CsvTable::parse(file, text)?;
    let col = t.require_all(&["technology", "parameter", "value", "unit", "source"])?;
    t.rows
        .iter()
        .map(|row| {
            let c = |i: usize| t.cell(row, col[i]);
            let parameter = c(1).trimmed().to_string();
            if !TECH_PARAMS.contains(&parameter.as_str()) {
                return Err(c(1).invalid(format!("one of {}", TECH_PARAMS.join(", "))));
            }
            let value = c(2).trimmed().to_string();
            if parameter == "lifetime" {
                value
                    .parse::<Lifetime>()
                    .map_err(|e| c(2).invalid(format!("a lifetime ({})", e.problem)))?;
            } else {
                match value.parse::<f64>() {
                    Ok(x) if x.is_finite() && x >= 0.0 => {}
                    _ => return Err(c(2).invalid("a number not below 0")),
                }
            }
            if c(4).trimmed().is_empty() {
                return Err(c(4).invalid("a source for the value"));
            }
            Ok(TechParam {
                technology: c(0).trimmed().into(),
                parameter,
                value,
                unit: c(3).trimmed().into(),
                source: c(4).trimmed().into(),
            })
        })
        .collect()
}

/// Reads `deployment.csv`.
pub fn read_deployment(file: &str, text: &str) -> Result<Vec<Deployment>> {
    let t = CsvTable::parse(file, text)?;
    let col = t.require_all(&["scenario", "technology", "year", "value", "source"])?;
    t.rows
        .iter()
        .map(|row| {
            let c = |i: usize| t.cell(row, col[i]);
            let year: i32 = c(2).trimmed().parse().map_err(|_| c(2).invalid("a year"))?;
            let value: f64 = match c(3).trimmed().parse::<f64>() {
                Ok(x) if x.is_finite() && x >= 0.0 => x,
                _ => return Err(c(3).invalid("a number of units not below 0")),
            };
            if c(4).trimmed().is_empty() {
                return Err(c(4).invalid("a source for the value"));
            }
            Ok(Deployment {
                scenario: c(0).trimmed().into(),
                technology: c(1).trimmed().into(),
                year,
                value,
                source: c(4).trimmed().into(),
            })
        })
        .collect()
}

/// Reads `recovery.csv`.
pub fn read_recovery(file: &str, text: &str) -> Result<Vec<RecoveryParam>> {
    let t = CsvTable::parse(file, text)?;
    let col = t.require_all(&["scenario", "parameter", "value", "source"])?;
    t.rows
        .iter()
        .map(|row| {
            let c = |i: usize| t.cell(row, col[i]);
            let parameter = c(1).trimmed().to_string();
            if !["manufacturing_yield", "collection", "recycling_yield"]
                .contains(&parameter.as_str())
            {
                return Err(c(1).invalid("manufacturing_yield, collection or recycling_yield"));
            }
            let value: f64 = match c(2).trimmed().parse::<f64>() {
                Ok(x) if (0.0..=1.0).contains(&x) => x,
                _ => return Err(c(2).invalid("a fraction from 0 to 1")),
            };
            if c(3).trimmed().is_empty() {
                return Err(DataError::Line {
                    file: file.into(),
                    line: row.line,
                    message: "every recovery parameter needs a source".into(),
                });
            }
            Ok(RecoveryParam {
                scenario: c(0).trimmed().into(),
                parameter,
                value,
                source: c(3).trimmed().into(),
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_are_checked_and_sources_required() {
        let ok = "technology,parameter,value,unit,source\nbev,lifetime,\"normal:15,4\",years,IEA\nbev,pm_share,0.9,share,Adamas\n";
        assert_eq!(read_technologies("t.csv", ok).unwrap().len(), 2);
        let bad =
            "technology,parameter,value,unit,source\nbev,lifetime,\"normal:15,0\",years,IEA\n";
        assert!(read_technologies("t.csv", bad)
            .unwrap_err()
            .to_string()
            .starts_with("t.csv:2:3 (column value)"));
        let unsourced = "technology,parameter,value,unit,source\nbev,pm_share,0.9,share,\n";
        assert_eq!(
            read_technologies("t.csv", unsourced)
                .unwrap_err()
                .to_string(),
            "t.csv:2:5 (column source): invalid value \"\": expected a source for the value"
        );
        let dep = "scenario,technology,year,value,source\nnet-zero,bev,2030,-1,IEA\n";
        assert!(read_deployment("d.csv", dep).is_err());
        let rec = "scenario,parameter,value,source\nall,collection,1.5,x\n";
        assert!(read_recovery("r.csv", rec)
            .unwrap_err()
            .to_string()
            .contains("a fraction from 0 to 1"));
    }
}
