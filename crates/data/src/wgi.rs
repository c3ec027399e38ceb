//! The World Bank Worldwide Governance Indicators: the six estimates per economy and
//! year, keyed by ISO3 (WGI's own codes such as ROM and ZAR go through the alias table).
//!
//! The EU supply-risk method scales these; this module only reads them.

use crate::error::Result;
use crate::table::{write_csv, CsvTable};
use model::country::Resolved;
use model::{Countries, CountryCode};
use std::collections::BTreeMap;

/// The six indicators, in WGI's order.
pub const INDICATORS: [&str; 6] = ["va", "pv", "ge", "rq", "rl", "cc"];

pub use model::wgi::WgiRow;

/// Derives the cleaned WGI table (`iso3,wgi_code,year,va,pv,ge,rq,rl,cc`, one row per
/// economy-year, estimates only) from the long-format WGI file.
pub fn derive_wgi(file: &str, raw: &str, countries: &Countries) -> Result<String> {
    let t = CsvTable::parse(file, raw)?;
    let expected = "code, year, indicator, estimate";
    let (code, year, indicator, estimate) = (
        t.require("code", expected)?,
        t.require("year", expected)?,
        t.require("indicator", expected)?,
        t.require("estimate", expected)?,
    );
    let mut table: BTreeMap<(String, i32), [String; 6]> = BTreeMap::new();
    for row in &t.rows {
        let y = t.cell(row, year);
        let y: i32 = y.trimmed().parse().map_err(|_| y.invalid("a year"))?;
        let ind = t.cell(row, indicator);
        let k = INDICATORS
            .iter()
            .position(|i| *i == ind.trimmed())
            .ok_or_else(|| ind.invalid("one of va, pv, ge, rq, rl, cc"))?;
        let e = t.cell(row, estimate);
        let v = match e.trimmed() {
            ".." | "" => String::new(),
            s => {
                let x: f64 = s.parse().map_err(|_| e.invalid("a number or .."))?;
                x.to_string()
            }
        };
        table
            .entry((t.cell(row, code).trimmed().to_string(), y))
            .or_default()[k] = v;
    }
    let records = table.into_iter().map(|((wgi_code, y), est)| {
        let iso3 = match countries.resolve(&wgi_code) {
            Resolved::Place { place, .. } => {
                place.country().map(|c| c.to_string()).unwrap_or_default()
            }
            _ => String::new(),
        };
        let mut rec = vec![iso3, wgi_code, y.to_string()];
        rec.extend(est);
        rec
    });
    Ok(write_csv(
        &[
            "iso3", "wgi_code", "year", "va", "pv", "ge", "rq", "rl", "cc",
        ],
        records,
    ))
}

/// Reads the cleaned WGI table.
pub fn read_wgi(file: &str, text: &str) -> Result<Vec<WgiRow>> {
    let t = CsvTable::parse(file, text)?;
    let names = [
        "iso3", "wgi_code", "year", "va", "pv", "ge", "rq", "rl", "cc",
    ];
    let col = t.require_all(&names)?;
    t.rows
        .iter()
        .map(|row| {
            let c = |i: usize| t.cell(row, col[i]);
            let mut estimates = [None; 6];
            for (k, e) in estimates.iter_mut().enumerate() {
                let cell = c(3 + k);
                *e = match cell.trimmed() {
                    "" => None,
                    s => Some(
                        s.parse::<f64>()
                            .map_err(|_| cell.invalid("a WGI estimate"))?,
                    ),
                };
            }
            Ok(WgiRow {
                iso3: CountryCode::parse(c(0).trimmed()),
                wgi_code: c(1).trimmed().into(),
                year: c(2).trimmed().parse().map_err(|_| c(2).invalid("a year"))?,
                estimates,
            })
        })
        .collect()
}
