//! The ISO country table (derived from the datasets/country-codes file) and the alias
//! table (`data/aliases.csv`) that maps every spelling the sources use.

use crate::error::{DataError, Result};
use crate::table::{write_csv, CsvTable};
use model::country::{Alias, AliasTarget};
use model::{Aggregate, Country, CountryCode};

/// Derives the cleaned country table from the raw `country-codes.csv`: rows with an
/// ISO3 code only; the name is the CLDR display name unless that is an abbreviation of
/// three letters or fewer ("US", "UK"), where the official English name is used.
pub fn derive_countries(file: &str, raw: &str) -> Result<String> {
    let t = CsvTable::parse(file, raw)?;
    let expected = "the datasets/country-codes columns";
    let cols = [
        "ISO3166-1-Alpha-3",
        "ISO3166-1-Alpha-2",
        "ISO3166-1-numeric",
        "CLDR display name",
        "official_name_en",
        "Region Name",
    ]
    .map(|n| t.require(n, expected));
    let [a3, a2, num, cldr, official, region] = cols;
    let (a3, a2, num, cldr, official, region) = (a3?, a2?, num?, cldr?, official?, region?);
    let mut records = Vec::new();
    for row in &t.rows {
        let code = t.cell(row, a3).trimmed();
        if code.is_empty() {
            continue;
        }
        if CountryCode::parse(code).is_none() {
            return Err(t.cell(row, a3).invalid("an ISO 3166-1 alpha-3 code"));
        }
        let numeric = match t.cell(row, num).trimmed().parse::<u32>() {
            Ok(n) => format!("{n:03}"),
            Err(_) => String::new(),
        };
        let short = t.cell(row, cldr).trimmed();
        let official_name = t.cell(row, official).trimmed();
        let name = if short.chars().count() <= 3 && !official_name.is_empty() {
            official_name
        } else {
            short
        };
        records.push([
            code.to_string(),
            t.cell(row, a2).trimmed().to_string(),
            numeric,
            name.to_string(),
            official_name.to_string(),
            t.cell(row, region).trimmed().to_string(),
        ]);
    }
    Ok(write_csv(
        &["iso3", "iso2", "numeric", "name", "official_name", "region"],
        records,
    ))
}

/// Reads the cleaned country table.
pub fn read_countries(file: &str, text: &str) -> Result<Vec<Country>> {
    let t = CsvTable::parse(file, text)?;
    let names = ["iso3", "iso2", "numeric", "name", "official_name", "region"];
    let col = t.require_all(&names)?;
    t.rows
        .iter()
        .map(|row| {
            let c = |i: usize| t.cell(row, col[i]);
            Ok(Country {
                code: CountryCode::parse(c(0).trimmed())
                    .ok_or_else(|| c(0).invalid("an ISO 3166-1 alpha-3 code"))?,
                iso2: c(1).trimmed().into(),
                numeric: c(2).trimmed().into(),
                name: c(3).trimmed().into(),
                official_name: c(4).trimmed().into(),
                region: c(5).trimmed().into(),
            })
        })
        .collect()
}

/// Reads the alias table: `alias,iso3,aggregate,unmapped_reason,origin,note`; exactly one
/// of `iso3`, `aggregate` and `unmapped_reason` is filled on each line.
pub fn read_aliases(file: &str, text: &str, countries: &[Country]) -> Result<Vec<Alias>> {
    let t = CsvTable::parse(file, text)?;
    let names = ["alias", "iso3", "aggregate", "unmapped_reason", "origin"];
    let col = t.require_all(&names)?;
    let mut out = Vec::new();
    for row in &t.rows {
        let c = |i: usize| t.cell(row, col[i]);
        let target = match (c(1).trimmed(), c(2).trimmed(), c(3).trimmed()) {
            (code, "", "") if !code.is_empty() => {
                let code = CountryCode::parse(code)
                    .filter(|k| countries.iter().any(|x| x.code == *k))
                    .ok_or_else(|| c(1).invalid("an ISO3 code from the country table"))?;
                AliasTarget::Country(code)
            }
            ("", "world_total", "") => AliasTarget::Aggregate(Aggregate::WorldTotal),
            ("", "other", "") => AliasTarget::Aggregate(Aggregate::Other),
            ("", "", why) if !why.is_empty() => AliasTarget::Unmapped(why.into()),
            _ => return Err(DataError::Line {
                file: file.into(),
                line: row.line,
                message:
                    "fill exactly one of iso3, aggregate (world_total or other) and unmapped_reason"
                        .into(),
            }),
        };
        out.push(Alias {
            alias: c(0).text.to_string(),
            target,
            origin: c(4).trimmed().into(),
        });
    }
    Ok(out)
}
