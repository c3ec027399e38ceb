//! The demand scenario tables in `data/demand/`: technology parameters
//! (`technologies.csv`), deployment by scenario and year (`deployment.csv`) and recovery
//! parameters (`recovery.csv`). Every row names its source edition (in `data/sources.csv`)
//! and a citation; values between published years are interpolated at run time and
//! labelled as such, never stored.

use crate::error::Result;
use crate::table::{Cell, CsvTable, Row};
use model::demand::{
    Alternative, Deployment, EndUseShare, ParamValue, Provenance, RecoveryParam, ScenarioTables,
    TechParam, TechParameter, HISTORICAL,
};
use model::Lifetime;

/// Reads the three tables (file names are used in error messages).
pub fn read_scenario_tables(
    technologies: (&str, &str),
    deployment: (&str, &str),
    recovery: (&str, &str),
) -> Result<ScenarioTables> {
    Ok(ScenarioTables {
        technologies: read_technologies(technologies.0, technologies.1)?,
        deployment: read_deployment(deployment.0, deployment.1)?,
        recovery: read_recovery(recovery.0, recovery.1)?,
    })
}

fn provenance(t: &CsvTable, row: &Row, edition: usize, citation: usize) -> Result<Provenance> {
    let e = t.cell(row, edition);
    if e.trimmed().is_empty() {
        return Err(e.invalid("the source edition of the value (an id in data/sources.csv)"));
    }
    let c = t.cell(row, citation);
    if c.trimmed().is_empty() {
        return Err(c.invalid("a citation (page, table or quote) for the value"));
    }
    Ok(Provenance {
        edition: e.trimmed().into(),
        citation: c.trimmed().into(),
    })
}

/// Parses `text`, requires `columns`, and makes one value per row (`col[i]` is the index of
/// `columns[i]`).
fn read_rows<T>(
    file: &str,
    text: &str,
    columns: &[&str],
    make: impl Fn(&CsvTable, &Row, &[usize]) -> Result<T>,
) -> Result<Vec<T>> {
    let t = CsvTable::parse(file, text)?;
    let col = t.require_all(columns)?;
    t.rows.iter().map(|row| make(&t, row, &col)).collect()
}

fn optional_scenario(c: Cell<'_>) -> Option<String> {
    Some(c.trimmed())
        .filter(|s| !s.is_empty())
        .map(String::from)
}

fn optional_year(c: Cell<'_>) -> Result<Option<i32>> {
    match c.trimmed() {
        "" => Ok(None),
        _ => c.year().map(Some),
    }
}

/// A cell parsed by a `FromStr` whose error says what was expected.
fn parsed<T: std::str::FromStr<Err = String>>(c: Cell<'_>) -> Result<T> {
    c.trimmed()
        .parse()
        .map_err(|expected: String| c.invalid(expected))
}

fn number(c: Cell<'_>, ok: impl Fn(f64) -> bool, expected: &str) -> Result<f64> {
    match crate::table::plain_number(c.trimmed()) {
        Some(x) if ok(x) && x.abs() <= model::units::MAX_TONNES * 1e3 => Ok(x),
        _ => Err(c.invalid(expected)),
    }
}

/// Reads `technologies.csv`: `technology,scenario,year,parameter,value,unit,edition,citation`.
pub fn read_technologies(file: &str, text: &str) -> Result<Vec<TechParam>> {
    read_rows(
        file,
        text,
        &[
            "technology",
            "scenario",
            "year",
            "parameter",
            "value",
            "unit",
            "edition",
            "citation",
        ],
        |t, row, col| {
            let c = |i: usize| t.cell(row, col[i]);
            let parameter: TechParameter = parsed(c(3))?;
            let value =
                match parameter {
                    TechParameter::Lifetime => ParamValue::Lifetime(
                        c(4).trimmed()
                            .parse::<Lifetime>()
                            .map_err(|e| c(4).invalid(format!("a lifetime ({})", e.problem)))?,
                    ),
                    TechParameter::Content(_) | TechParameter::PmShare => ParamValue::Number(
                        number(c(4), |x| (0.0..=1.0).contains(&x), "a fraction from 0 to 1")?,
                    ),
                    TechParameter::MagnetKgPerUnit | TechParameter::ElementKgPerUnit(_) => {
                        ParamValue::Number(number(c(4), |x| x >= 0.0, "kg per unit, not below 0")?)
                    }
                };
            Ok(TechParam {
                technology: c(0).trimmed().into(),
                scenario: optional_scenario(c(1)),
                year: optional_year(c(2))?,
                parameter,
                value,
                unit: c(5).trimmed().into(),
                provenance: provenance(t, row, col[6], col[7])?,
            })
        },
    )
}

/// Reads `deployment.csv`: `scenario,technology,year,value,unit,edition,citation`
/// (`historical` rows hold for every scenario).
pub fn read_deployment(file: &str, text: &str) -> Result<Vec<Deployment>> {
    read_rows(
        file,
        text,
        &[
            "scenario",
            "technology",
            "year",
            "value",
            "unit",
            "edition",
            "citation",
        ],
        |t, row, col| {
            let c = |i: usize| t.cell(row, col[i]);
            let scenario = c(0).trimmed();
            if scenario.is_empty() {
                return Err(c(0).invalid(format!("a scenario id, or {HISTORICAL}")));
            }
            let year = optional_year(c(2))?.ok_or_else(|| c(2).invalid("a year"))?;
            Ok(Deployment {
                scenario: scenario.into(),
                technology: c(1).trimmed().into(),
                year,
                value: number(c(3), |x| x >= 0.0, "a number of units not below 0")?,
                unit: parsed(c(4))?,
                provenance: provenance(t, row, col[5], col[6])?,
            })
        },
    )
}

/// Reads `recovery.csv`: `scenario,year,parameter,value,edition,citation`.
pub fn read_recovery(file: &str, text: &str) -> Result<Vec<RecoveryParam>> {
    read_rows(
        file,
        text,
        &[
            "scenario",
            "year",
            "parameter",
            "value",
            "edition",
            "citation",
        ],
        |t, row, col| {
            let c = |i: usize| t.cell(row, col[i]);
            Ok(RecoveryParam {
                scenario: optional_scenario(c(0)),
                year: optional_year(c(1))?,
                parameter: parsed(c(2))?,
                value: number(c(3), |x| (0.0..=1.0).contains(&x), "a fraction from 0 to 1")?,
                provenance: provenance(t, row, col[4], col[5])?,
            })
        },
    )
}

/// Reads `alternatives.csv`: `technology,quantity,value,unit,edition,citation`.
pub fn read_alternatives(file: &str, text: &str) -> Result<Vec<Alternative>> {
    read_rows(
        file,
        text,
        &[
            "technology",
            "quantity",
            "value",
            "unit",
            "edition",
            "citation",
        ],
        |t, row, col| {
            let c = |i: usize| t.cell(row, col[i]);
            Ok(Alternative {
                technology: c(0).trimmed().into(),
                quantity: parsed(c(1))?,
                value: number(c(2), |x| x >= 0.0, "kg per unit, not below 0")?,
                unit: c(3).trimmed().into(),
                provenance: provenance(t, row, col[4], col[5])?,
            })
        },
    )
}

/// Reads `end_uses.csv`: `end_use,share,technologies,edition,citation` (technology ids
/// separated by spaces; empty when the use is not modelled).
pub fn read_end_uses(file: &str, text: &str) -> Result<Vec<EndUseShare>> {
    read_rows(
        file,
        text,
        &["end_use", "share", "technologies", "edition", "citation"],
        |t, row, col| {
            let c = |i: usize| t.cell(row, col[i]);
            Ok(EndUseShare {
                end_use: c(0).trimmed().into(),
                share: number(c(1), |x| (0.0..=1.0).contains(&x), "a fraction from 0 to 1")?,
                technologies: c(2)
                    .trimmed()
                    .split_whitespace()
                    .map(String::from)
                    .collect(),
                provenance: provenance(t, row, col[3], col[4])?,
            })
        },
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    const TECH: &str = "technology,scenario,year,parameter,value,unit,edition,citation\n";

    #[test]
    fn rows_are_checked_and_sources_required() {
        let ok = format!("{TECH}ev_car,,,lifetime,\"normal:15,4\",years,X,p. 3\nev_car,net-zero,2030,pm_share,0.9,share,X,p. 4\n");
        let rows = read_technologies("t.csv", &ok).unwrap();
        assert_eq!(rows.len(), 2);
        assert_eq!(rows[1].scenario.as_deref(), Some("net-zero"));
        assert_eq!(rows[1].year, Some(2030));
        let bad = format!("{TECH}ev_car,,,lifetime,\"normal:15,0\",years,X,p. 3\n");
        assert!(read_technologies("t.csv", &bad)
            .unwrap_err()
            .to_string()
            .starts_with("t.csv:2:5 (column value)"));
        let unsourced = format!("{TECH}ev_car,,,pm_share,0.9,share,X,\n");
        assert_eq!(
            read_technologies("t.csv", &unsourced).unwrap_err().to_string(),
            "t.csv:2:8 (column citation): invalid value \"\": expected a citation (page, table or quote) for the value"
        );
        let content = format!("{TECH}ev_car,,,content_Nd,1.2,mass fraction,X,p\n");
        assert!(read_technologies("t.csv", &content)
            .unwrap_err()
            .to_string()
            .contains("a fraction from 0 to 1"));
        let dep = "scenario,technology,year,value,unit,edition,citation\nnet-zero,ev_car,2030,-1,million vehicles,X,p\n";
        assert!(read_deployment("d.csv", dep)
            .unwrap_err()
            .to_string()
            .starts_with("d.csv:2:4 (column value)"));
        let unit = "scenario,technology,year,value,unit,edition,citation\nnet-zero,ev_car,2030,1,cars,X,p\n";
        assert!(read_deployment("d.csv", unit)
            .unwrap_err()
            .to_string()
            .contains("million vehicles"));
        let rec = "scenario,year,parameter,value,edition,citation\n,,collection,1.5,X,p\n";
        assert!(read_recovery("r.csv", rec)
            .unwrap_err()
            .to_string()
            .contains("a fraction from 0 to 1"));
    }
}

#[cfg(test)]
mod bundled_tables {
    use super::*;
    use crate::bundled;
    use model::demand::MAGNET_ELEMENTS;

    fn tables() -> ScenarioTables {
        read_scenario_tables(
            bundled::DEMAND_TECHNOLOGIES,
            bundled::DEMAND_DEPLOYMENT,
            bundled::DEMAND_RECOVERY,
        )
        .unwrap()
    }

    /// Every row's edition is one `data/sources.csv` describes, and the three scenario ids
    /// later scenario files refer to are there.
    #[test]
    fn every_row_cites_a_known_edition_and_the_scenarios_exist() {
        let sources = crate::sources::read_sources(bundled::SOURCES.0, bundled::SOURCES.1).unwrap();
        let known: Vec<String> = sources.iter().map(|s| s.edition.0.clone()).collect();
        let t = tables();
        let alternatives = read_alternatives(
            bundled::DEMAND_ALTERNATIVES.0,
            bundled::DEMAND_ALTERNATIVES.1,
        )
        .unwrap();
        assert!(!alternatives.is_empty());
        let end_uses =
            read_end_uses(bundled::DEMAND_END_USES.0, bundled::DEMAND_END_USES.1).unwrap();
        let total: f64 = end_uses.iter().map(|u| u.share).sum();
        assert!((total - 1.0).abs() < 1e-9, "end-use shares sum to {total}");
        let editions = t
            .technologies
            .iter()
            .map(|r| &r.provenance)
            .chain(t.deployment.iter().map(|r| &r.provenance))
            .chain(t.recovery.iter().map(|r| &r.provenance))
            .chain(alternatives.iter().map(|r| &r.provenance))
            .chain(end_uses.iter().map(|r| &r.provenance));
        for p in editions {
            assert!(
                known.contains(&p.edition),
                "{} is not in data/sources.csv",
                p.edition
            );
        }
        assert_eq!(
            t.scenarios(),
            ["announced-pledges", "net-zero", "stated-policies"]
        );
    }

    /// The wind intensities are the medians of the bundled literature values (TRANSFORMS.md).
    #[test]
    fn wind_intensities_are_the_medians_of_the_raw_file() {
        let raw = include_str!("../../../data/raw/intensity/wind_ree_intensity_t_per_gw.csv");
        let raw = CsvTable::parse("wind_ree_intensity_t_per_gw.csv", raw).unwrap();
        let col = raw
            .require_all(&["technology", "Material", "value"])
            .unwrap();
        let mut checked = 0;
        for p in tables().technologies {
            let TechParameter::ElementKgPerUnit(e) = p.parameter else {
                continue;
            };
            let tech = p.technology.replace("wind_", "") + " wind";
            let mut v: Vec<f64> = raw
                .rows
                .iter()
                .filter(|r| {
                    raw.cell(r, col[0]).trimmed() == tech
                        && raw.cell(r, col[1]).trimmed().eq_ignore_ascii_case(e.name())
                })
                .map(|r| raw.cell(r, col[2]).trimmed().parse().unwrap())
                .collect();
            v.sort_by(f64::total_cmp);
            let median = if v.len() % 2 == 1 {
                v[v.len() / 2]
            } else {
                (v[v.len() / 2 - 1] + v[v.len() / 2]) / 2.0
            };
            assert_eq!(
                p.value,
                ParamValue::Number(median),
                "{} {}",
                p.technology,
                e.symbol()
            );
            checked += 1;
        }
        assert_eq!(checked, 2 * MAGNET_ELEMENTS.len());
    }
}
