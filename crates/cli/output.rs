//! Rendering: one report, three formats. Tables are for people (aligned, thousands
//! separators, units in headers, flag marks with a legend); CSV and JSON are documents for
//! tools, alone on stdout, with notes and warnings on stderr.

use crate::args::{Format, UnitArg};
use model::{Flags, Mass, Share, TonnesUnit};
use service::values::Amount;
use std::io::Write;

/// A cell with its type, so each format can render it properly.
#[derive(Debug, Clone)]
pub enum Val {
    /// Text.
    Text(String),
    /// A mass in its unit (None for a gap).
    Tonnes(Option<Mass>),
    /// A fraction shown as a percentage.
    Share(Option<Share>),
    /// A plain number with the given decimals in tables.
    Num(Option<f64>, usize),
    /// Flags, as marks in tables and ids in CSV.
    Flags(Flags),
}

/// Rows for a table or CSV.
#[derive(Debug, Clone, Default)]
pub struct Listing {
    /// Column headers; a header containing `{unit}` gets the tonnes unit substituted.
    pub headers: Vec<String>,
    /// Rows.
    pub rows: Vec<Vec<Val>>,
}

impl Val {
    /// A listing value: a mass, or a number with two decimals in tables.
    pub fn amount(a: Option<Amount>) -> Val {
        match a {
            None => Val::Tonnes(None),
            Some(Amount::Mass(m)) => Val::Tonnes(Some(m)),
            Some(Amount::Number(x)) => Val::Num(Some(x), 2),
        }
    }
}

/// A command's result for people: a table with its title and notes, or CSV rows. The JSON
/// document is the result itself, serialised.
#[derive(Debug, Default)]
pub struct Report {
    /// Lines printed above a table.
    pub title: Vec<String>,
    /// The table or CSV rows.
    pub listing: Listing,
    /// Lines after a table (in CSV/JSON: on stderr).
    pub notes: Vec<String>,
}

/// Output settings.
#[derive(Debug, Clone, Copy)]
pub struct Out {
    /// The format.
    pub format: Format,
    /// The unit of tonnes.
    pub unit: TonnesUnit,
}

impl Out {
    /// Settings from the flags.
    pub fn new(format: Format, unit: UnitArg) -> Out {
        let unit = match unit {
            UnitArg::T => TonnesUnit::T,
            UnitArg::Kt => TonnesUnit::Kt,
            UnitArg::Mt => TonnesUnit::Mt,
        };
        Out { format, unit }
    }

    /// Prints a report, or with `--format json` the result itself.
    pub fn emit<T: serde::Serialize>(&self, report: &Report, result: &T) -> anyhow::Result<()> {
        let stdout = std::io::stdout();
        let mut w = stdout.lock();
        match self.format {
            Format::Json => {
                serde_json::to_writer_pretty(&mut w, result)?;
                writeln!(w)?;
                for n in &report.notes {
                    eprintln!("{n}");
                }
            }
            Format::Csv => {
                let mut c = csv::Writer::from_writer(&mut w);
                c.write_record(
                    report
                        .listing
                        .headers
                        .iter()
                        .map(|h| h.replace("{unit}", self.unit.symbol())),
                )?;
                for row in &report.listing.rows {
                    c.write_record(row.iter().map(|v| self.csv_cell(v)))?;
                }
                c.flush()?;
                drop(c);
                for n in &report.notes {
                    eprintln!("{n}");
                }
            }
            Format::Table => {
                for t in &report.title {
                    writeln!(w, "{t}")?;
                }
                if !report.listing.headers.is_empty() {
                    writeln!(w, "{}", self.table(&report.listing))?;
                }
                let legend = legend(&report.listing);
                for n in report.notes.iter().chain(legend.iter()) {
                    writeln!(w, "{n}")?;
                }
            }
        }
        Ok(())
    }

    fn csv_cell(&self, v: &Val) -> String {
        match v {
            Val::Text(s) => s.clone(),
            Val::Tonnes(t) => t.map(|t| t.shown().to_string()).unwrap_or_default(),
            Val::Share(s) => s.map(|s| s.get().to_string()).unwrap_or_default(),
            Val::Num(n, _) => n.map(|n| n.to_string()).unwrap_or_default(),
            Val::Flags(f) => f.to_ids(),
        }
    }

    fn table_cell(&self, v: &Val) -> String {
        match v {
            Val::Text(s) => s.clone(),
            Val::Tonnes(t) => tonnes_text(*t),
            Val::Share(s) => s.map_or_else(|| "—".into(), percent),
            Val::Num(n, d) => n.map_or_else(|| "—".into(), |n| group_thousands_fixed(n, *d)),
            Val::Flags(f) => f.marks(),
        }
    }

    /// Renders an aligned table.
    pub fn table(&self, l: &Listing) -> comfy_table::Table {
        use comfy_table::{CellAlignment, ColumnConstraint, Table};
        let mut t = Table::new();
        t.load_preset(comfy_table::presets::ASCII_BORDERS_ONLY_CONDENSED);
        t.set_header(
            l.headers
                .iter()
                .map(|h| h.replace("{unit}", self.unit.symbol())),
        );
        for row in &l.rows {
            t.add_row(row.iter().map(|v| self.table_cell(v)));
        }
        if let Some(first) = l.rows.first() {
            for (i, v) in first.iter().enumerate() {
                if let Some(col) = t.column_mut(i) {
                    if matches!(v, Val::Tonnes(_) | Val::Share(_) | Val::Num(..)) {
                        col.set_cell_alignment(CellAlignment::Right);
                    }
                    if i == first.len() - 1 && matches!(v, Val::Text(_)) {
                        col.set_constraint(ColumnConstraint::UpperBoundary(
                            comfy_table::Width::Fixed(70),
                        ));
                    }
                }
            }
        }
        t
    }
}

/// The legend for the flag marks a listing shows.
fn legend(l: &Listing) -> Vec<String> {
    let seen = l.rows.iter().flatten().fold(Flags::NONE, |acc, v| match v {
        Val::Flags(f) => acc.union(*f),
        _ => acc,
    });
    let parts: Vec<String> = seen
        .iter()
        .map(|f| format!("{} {}", f.mark(), f.meaning()))
        .collect();
    if parts.is_empty() {
        vec![]
    } else {
        vec![format!("Flags: {}", parts.join("; "))]
    }
}

/// A mass for a table: thousands separators, in its unit; a dash for a gap.
pub fn tonnes_text(t: Option<Mass>) -> String {
    t.map_or_else(|| "—".to_string(), |t| group_thousands(t.shown()))
}

/// A share as a percentage with two decimals.
pub fn percent(s: Share) -> String {
    format!("{:.2}%", s.get() * 100.0)
}

/// Groups thousands: 270000 → "270,000"; 3.8 → "3.8"; up to three decimals, trailing zeros dropped.
pub fn group_thousands(x: f64) -> String {
    let fixed = format!("{:.3}", x);
    let trimmed = fixed.trim_end_matches('0').trim_end_matches('.');
    separate(trimmed)
}

/// Groups thousands with a fixed number of decimals.
pub fn group_thousands_fixed(x: f64, decimals: usize) -> String {
    separate(&format!("{:.*}", decimals, x))
}

fn separate(s: &str) -> String {
    let (sign, s) = s.strip_prefix('-').map_or(("", s), |r| ("-", r));
    let (int, frac) = s.split_once('.').map_or((s, None), |(i, f)| (i, Some(f)));
    let mut out = String::new();
    for (i, ch) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(ch);
    }
    match frac {
        Some(f) => format!("{sign}{out}.{f}"),
        None => format!("{sign}{out}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_grouped() {
        assert_eq!(group_thousands(270000.0), "270,000");
        assert_eq!(group_thousands(3.8), "3.8");
        assert_eq!(group_thousands(1234567.25), "1,234,567.25");
        assert_eq!(group_thousands(0.0), "0");
        assert_eq!(group_thousands_fixed(5023.8, 0), "5,024");
        assert_eq!(percent(Share::new(0.692307).unwrap()), "69.23%");
    }
}
