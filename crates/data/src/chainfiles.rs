//! Readers for the supply-chain tables: ore distributions (`data/ore_types.csv`), country
//! ore mixes (`data/country_ores.csv`) and projects (`data/projects.csv`). A user may
//! supply their own ore tables; the same checks apply: shares must sum to one within
//! ±0.5%, elements and stages must be known, no share may be negative.

use crate::error::{DataError, Result};
use crate::table::CsvTable;
use model::ore::{Component, CountryOre, OreDistribution, OreTable};
use model::project::{CapacityBasis, Economics, Money, Project, ProjectStatus};
use model::{CountryCode, Element, Stage};

/// How far a set of shares may miss one.
pub const SHARE_TOLERANCE: f64 = 0.005;

fn number(cell: &crate::table::Cell<'_>, expected: &str) -> Result<Option<f64>> {
    match cell.trimmed() {
        "" => Ok(None),
        t => match crate::table::plain_number(t) {
            Some(x) => Ok(Some(x)),
            None => Err(cell.invalid(expected)),
        },
    }
}

/// Reads ore distributions; each (ore type, deposit) must sum to 100 percent ± 0.5.
pub fn read_ore_types(file: &str, text: &str) -> Result<Vec<OreDistribution>> {
    let t = CsvTable::parse(file, text)?;
    let col = t.require_all(&["ore_type", "deposit", "component", "percent", "source"])?;
    let mut out: Vec<(OreDistribution, u64)> = Vec::new();
    // Where each (ore type, deposit) is in `out`: linear in the rows however many there are.
    let mut index: std::collections::HashMap<(String, String), usize> =
        std::collections::HashMap::new();
    for row in &t.rows {
        let c = |i: usize| t.cell(row, col[i]);
        let component =
            match c(2).trimmed() {
                "unspecified" => Component::Unspecified,
                s => Component::Element(s.parse::<Element>().map_err(|_| {
                    c(2).invalid("an element symbol (La, Ce, Nd, ...) or unspecified")
                })?),
            };
        let percent = number(&c(3), "a percentage from 0 to 100")?
            .filter(|p| (0.0..=100.0).contains(p))
            .ok_or_else(|| c(3).invalid("a percentage from 0 to 100"))?;
        let (ore_type, deposit) = (c(0).trimmed().to_string(), c(1).trimmed().to_string());
        if ore_type.is_empty() {
            return Err(c(0).invalid("an ore type"));
        }
        match index.get(&(ore_type.clone(), deposit.clone())) {
            Some(&i) => {
                let d = &mut out[i].0;
                d.components.push((component, percent / 100.0));
                d.sources.push(c(4).trimmed().to_string());
            }
            None => {
                index.insert((ore_type.clone(), deposit.clone()), out.len());
                out.push((
                    OreDistribution {
                        ore_type,
                        deposit,
                        components: vec![(component, percent / 100.0)],
                        sources: vec![c(4).trimmed().to_string()],
                    },
                    row.line,
                ))
            }
        }
    }
    for (d, line) in &out {
        let sum: f64 = d.components.iter().map(|(_, f)| f).sum();
        if (sum - 1.0).abs() > SHARE_TOLERANCE {
            return Err(DataError::Line {
                file: file.into(),
                line: *line,
                message: format!(
                    "the distribution of {} ({}) sums to {:.2}%: expected 100% within ±0.5% (put what is not known in an 'unspecified' row)",
                    d.ore_type,
                    if d.deposit.is_empty() { "no deposit" } else { &d.deposit },
                    sum * 100.0
                ),
            });
        }
    }
    Ok(out.into_iter().map(|(d, _)| d).collect())
}

/// Reads country ore mixes; each country's shares must sum to 1 ± 0.005, and each
/// (ore type, deposit) must have a distribution.
pub fn read_country_ores(
    file: &str,
    text: &str,
    distributions: &[OreDistribution],
    distributions_file: &str,
) -> Result<Vec<CountryOre>> {
    let known: std::collections::HashSet<(&str, &str)> = distributions
        .iter()
        .map(|d| (d.ore_type.as_str(), d.deposit.as_str()))
        .collect();
    let t = CsvTable::parse(file, text)?;
    let col = t.require_all(&["country", "ore_type", "deposit", "share", "source"])?;
    let mut out: Vec<(CountryOre, u64)> = Vec::new();
    for row in &t.rows {
        let c = |i: usize| t.cell(row, col[i]);
        let country = CountryCode::parse(c(0).trimmed())
            .ok_or_else(|| c(0).invalid("an ISO 3166 alpha-3 code"))?;
        let (ore_type, deposit) = (c(1).trimmed().to_string(), c(2).trimmed().to_string());
        if !known.contains(&(ore_type.as_str(), deposit.as_str())) {
            // Either table may be the one to fix; both are named, the distributions first
            // (a user who replaced only that table sees their own file blamed).
            return Err(c(1).invalid(format!(
                "an ore type and deposit listed in {distributions_file} (it has no row for {ore_type:?}, deposit {deposit:?})"
            )));
        }
        let share = number(&c(3), "a share from 0 to 1")?
            .filter(|s| (0.0..=1.0).contains(s))
            .ok_or_else(|| c(3).invalid("a share from 0 to 1"))?;
        out.push((
            CountryOre {
                country,
                ore_type,
                deposit,
                share,
                source: c(4).trimmed().to_string(),
            },
            row.line,
        ));
    }
    // Sums per country in one pass (linear however long the table).
    let mut sums: std::collections::HashMap<CountryCode, f64> = std::collections::HashMap::new();
    for (o, _) in &out {
        *sums.entry(o.country).or_default() += o.share;
    }
    for (o, line) in &out {
        let sum = sums[&o.country];
        if (sum - 1.0).abs() > SHARE_TOLERANCE {
            return Err(DataError::Line {
                file: file.into(),
                line: *line,
                message: format!(
                    "the ore shares of {} sum to {sum}: expected 1 within ±0.5%",
                    o.country
                ),
            });
        }
    }
    Ok(out.into_iter().map(|(o, _)| o).collect())
}

/// Reads both ore tables.
pub fn read_ore_table(ore_types: (&str, &str), country_ores: (&str, &str)) -> Result<OreTable> {
    let distributions = read_ore_types(ore_types.0, ore_types.1)?;
    let countries = read_country_ores(country_ores.0, country_ores.1, &distributions, ore_types.0)?;
    Ok(OreTable {
        distributions,
        countries,
    })
}

/// Reads the projects table.
pub fn read_projects(file: &str, text: &str) -> Result<Vec<Project>> {
    let t = CsvTable::parse(file, text)?;
    let col = t.require_all(&[
        "name",
        "country",
        "ore_type",
        "stages",
        "status",
        "capacity",
        "capacity_unit",
        "start_year",
        "owner",
        "grade_pct_treo",
        "tonnage_mt_ore",
        "capex",
        "capex_currency",
        "source",
        "url",
        "notes",
    ])?;
    // The planner's columns are optional, so a listing without economics still reads.
    let opt: Vec<Option<usize>> = ECONOMICS_COLUMNS
        .iter()
        .map(|n| t.find(|h| h.eq_ignore_ascii_case(n)))
        .collect();
    t.rows
        .iter()
        .map(|row| {
            let c = |i: usize| t.cell(row, col[i]);
            let s = |i: usize| c(i).trimmed().to_string();
            let economics = economics(&t, row, &opt)?;
            let stages = c(3)
                .trimmed()
                .split('+')
                .map(|x| {
                    Stage::from_id(x.trim()).ok_or_else(|| {
                        c(3).invalid("stages joined by '+': mining, separation, metal, magnet")
                    })
                })
                .collect::<Result<Vec<_>>>()?;
            let status = ProjectStatus::from_id(c(4).trimmed()).ok_or_else(|| {
                c(4).invalid("operating, construction, feasibility, exploration or stalled")
            })?;
            let capacity = number(&c(5), "a capacity (a number, or empty)")?;
            if capacity.is_some_and(|x| x < 0.0) {
                return Err(c(5).invalid("a capacity not below 0"));
            }
            let start_year = match c(7).trimmed() {
                "" => None,
                _ => Some(c(7).year()?),
            };
            Ok(Project {
                name: s(0),
                country: CountryCode::parse(c(1).trimmed())
                    .ok_or_else(|| c(1).invalid("an ISO 3166 alpha-3 code"))?,
                ore_type: s(2),
                stages,
                status,
                capacity,
                capacity_unit: s(6),
                start_year,
                owner: s(8),
                grade_pct_treo: number(&c(9), "a grade in % TREO")?,
                tonnage_mt_ore: number(&c(10), "a tonnage in Mt of ore")?,
                capex: number(&c(11), "a capital cost in millions")?,
                capex_currency: s(12),
                source: s(13),
                url: s(14),
                notes: s(15),
                economics,
            })
        })
        .collect()
}

/// The planner's columns of `data/projects.csv`, in the order [`economics`] reads them.
pub const ECONOMICS_COLUMNS: [&str; 13] = [
    "capacity_t_reo",
    "capacity_basis",
    "conversion",
    "lead_time_years",
    "lead_time_source",
    "ramp_years",
    "capex_year",
    "opex",
    "opex_unit",
    "opex_currency",
    "opex_year",
    "economics_edition",
    "economics_citation",
];

/// A project's economics from the optional columns (absent columns read as empty).
pub(crate) fn economics(
    t: &CsvTable,
    row: &crate::table::Row,
    col: &[Option<usize>],
) -> Result<Economics> {
    let c = |i: usize| col[i].map(|j| t.cell(row, j));
    let text = |i: usize| c(i).map_or(String::new(), |x| x.trimmed().to_string());
    let num = |i: usize, expected: &str| -> Result<Option<f64>> {
        match c(i) {
            Some(x) => number(&x, expected),
            None => Ok(None),
        }
    };
    let year = |i: usize| -> Result<Option<i32>> {
        match c(i) {
            Some(x) if !x.trimmed().is_empty() => x.year().map(Some),
            _ => Ok(None),
        }
    };
    let capacity_t = num(0, "tonnes a year, not below 0 (or empty)")?;
    if let (Some(x), Some(cell)) = (capacity_t, c(0)) {
        if !(0.0..=model::units::MAX_TONNES).contains(&x) {
            return Err(cell.invalid("tonnes a year, not below 0 (or empty)"));
        }
    }
    let basis = match c(1) {
        Some(x) if !x.trimmed().is_empty() => Some(
            CapacityBasis::from_id(x.trimmed())
                .ok_or_else(|| x.invalid("treo, ndpr, magnet_ree, magnet or input"))?,
        ),
        _ => None,
    };
    let lead_years = num(
        3,
        "years from decision to first output, 0 to 100 (or empty)",
    )?;
    if let (Some(x), Some(cell)) = (lead_years, c(3)) {
        if !(0.0..=100.0).contains(&x) {
            return Err(cell.invalid("years from decision to first output, 0 to 100 (or empty)"));
        }
    }
    let ramp_years = match c(5) {
        Some(x) if !x.trimmed().is_empty() => Some(
            x.trimmed()
                .parse::<u32>()
                .ok()
                .filter(|r| *r <= 100)
                .ok_or_else(|| x.invalid("whole years from 0 to 100 (or empty)"))?,
        ),
        _ => None,
    };
    let opex_expected = "an operating cost, not below 0 (or empty)";
    let opex = match c(7) {
        Some(cell) => match number(&cell, opex_expected)? {
            Some(x) if x < 0.0 => return Err(cell.invalid(opex_expected)),
            Some(amount) => Some(Money {
                amount,
                currency: text(9),
                year: year(10)?,
            }),
            None => None,
        },
        None => None,
    };
    Ok(Economics {
        capacity_t,
        basis,
        conversion: text(2),
        lead_years,
        lead_source: text(4),
        ramp_years,
        capex_year: year(6)?,
        opex,
        opex_unit: text(8),
        edition: text(11),
        citation: text(12),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_distribution_that_does_not_sum_to_one_is_refused() {
        let text = "ore_type,deposit,component,percent,source\nx,A,La,50,s\nx,A,Ce,40,s\n";
        let e = read_ore_types("ores.csv", text).unwrap_err().to_string();
        assert_eq!(e, "ores.csv:2: the distribution of x (A) sums to 90.00%: expected 100% within ±0.5% (put what is not known in an 'unspecified' row)");
        let ok = "ore_type,deposit,component,percent,source\nx,A,La,50,s\nx,A,Ce,49.6,s\n";
        assert!(read_ore_types("ores.csv", ok).is_ok(), "within ±0.5%");
        let bad_element = "ore_type,deposit,component,percent,source\nx,A,Xx,100,s\n";
        assert_eq!(
            read_ore_types("ores.csv", bad_element).unwrap_err().to_string(),
            "ores.csv:2:3 (column component): invalid value \"Xx\": expected an element symbol (La, Ce, Nd, ...) or unspecified"
        );
        let negative = "ore_type,deposit,component,percent,source\nx,A,La,-5,s\n";
        assert!(read_ore_types("ores.csv", negative)
            .unwrap_err()
            .to_string()
            .contains("invalid value \"-5\""));
    }

    #[test]
    fn the_bundled_tables_read_and_every_country_split_sums_to_one() {
        let ores = read_ore_table(crate::bundled::ORE_TYPES, crate::bundled::COUNTRY_ORES).unwrap();
        for c in &ores.countries {
            let split = ores.split(c.country);
            assert!(
                (split.iter().sum::<f64>() - 1.0).abs() < 1e-12,
                "{}",
                c.country
            );
        }
        let usa = ores.split(CountryCode::parse("USA").unwrap());
        assert!((usa[3] - 0.502).abs() < 1e-12, "Ce at Mountain Pass");
        let projects =
            read_projects(crate::bundled::PROJECTS.0, crate::bundled::PROJECTS.1).unwrap();
        assert!(projects.len() >= 28);
    }
}
