//! Rendering: one report, three formats. Tables are for people (aligned, thousands
//! separators, units in headers, flag marks with a legend); CSV and JSON are documents for
//! tools, alone on stdout, with notes and warnings on stderr.

use crate::args::{Format, UnitArg};
use model::{num, Flags, Mass, Share, TonnesUnit};
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
    /// A number in its own unit, printed with its own significant figures.
    Plain(Option<f64>),
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
            Some(Amount::Number(x)) => Val::Plain(Some(x)),
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
    /// CSV rows, when the CSV differs from the table (headline results as leading
    /// `summary` rows, a long form).
    pub csv: Option<Listing>,
    /// Further tables printed after the main one, each with its title.
    pub more: Vec<(String, Listing)>,
    /// Lines after a table (in CSV/JSON: on stderr).
    pub notes: Vec<String>,
    /// Flags shown outside the listing (in a title) that the legend must explain too.
    pub legend_flags: Flags,
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
                service::json::write_pretty(&mut w, result)?;
                for n in &report.notes {
                    eprintln!("{n}");
                }
            }
            Format::Csv => {
                let listing = report.csv.as_ref().unwrap_or(&report.listing);
                let mut c = csv::Writer::from_writer(&mut w);
                c.write_record(
                    listing
                        .headers
                        .iter()
                        .map(|h| h.replace("{unit}", self.unit.symbol())),
                )?;
                for row in &listing.rows {
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
                for (title, listing) in &report.more {
                    writeln!(w, "{title}")?;
                    writeln!(w, "{}", self.table(listing))?;
                }
                let legend = legend(&report.listing, report.legend_flags);
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
            Val::Tonnes(t) => t.map(|t| num::text(t.shown())).unwrap_or_default(),
            Val::Share(s) => s.map(|s| num::text(s.get())).unwrap_or_default(),
            Val::Num(n, _) | Val::Plain(n) => n.map(num::text).unwrap_or_default(),
            Val::Flags(f) => f.to_ids(),
        }
    }

    fn table_cell(&self, v: &Val) -> String {
        match v {
            Val::Text(s) => s.clone(),
            Val::Tonnes(t) => tonnes_text(*t),
            Val::Share(s) => s.map_or_else(|| "—".into(), percent),
            Val::Num(n, d) => n.map_or_else(|| "—".into(), |n| group_thousands_fixed(n, *d)),
            Val::Plain(n) => n.map_or_else(|| "—".into(), group_thousands),
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
                    if matches!(
                        v,
                        Val::Tonnes(_) | Val::Share(_) | Val::Num(..) | Val::Plain(_)
                    ) {
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

/// The legend for the flag marks a listing (and its title) shows.
fn legend(l: &Listing, also: Flags) -> Vec<String> {
    let seen = l.rows.iter().flatten().fold(also, |acc, v| match v {
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

/// Groups thousands: 270000 → "270,000"; 3.8 → "3.8"; up to three decimals, trailing
/// zeros dropped; a value below one keeps two significant figures beyond them, so a
/// non-zero value never prints as 0 (2,600 t in Mt → "0.0026").
pub fn group_thousands(x: f64) -> String {
    let fixed = format!("{:.*}", decimals_for(x, 3), num::tidy(x));
    let trimmed = if fixed.contains('.') {
        fixed.trim_end_matches('0').trim_end_matches('.')
    } else {
        &fixed
    };
    separate(trimmed)
}

/// Decimals that show `x` with at least `min` decimals and, below one, two significant figures.
fn decimals_for(x: f64, min: usize) -> usize {
    if x == 0.0 || !x.is_finite() || x.abs() >= 1.0 {
        return min;
    }
    let leading_zeros = (-x.abs().log10().floor()) as usize;
    min.max(leading_zeros + 1).min(15)
}

/// Groups thousands with a fixed number of decimals (more for a value that would
/// otherwise print as 0).
pub fn group_thousands_fixed(x: f64, decimals: usize) -> String {
    if x != 0.0
        && x.abs() < 1.0
        && format!("{:.*}", decimals, x.abs())
            .trim_matches(['0', '.'])
            .is_empty()
    {
        return group_thousands(x);
    }
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
        assert_eq!(group_thousands(0.0026), "0.0026");
        assert_eq!(group_thousands(0.000411), "0.00041");
        assert_eq!(group_thousands(7524.999999999999), "7,525");
        assert_eq!(group_thousands_fixed(0.4, 0), "0.4");
        assert_eq!(group_thousands_fixed(0.0, 0), "0");
        assert_eq!(group_thousands_fixed(5023.8, 0), "5,024");
        assert_eq!(percent(Share::new(0.692307).unwrap()), "69.23%");
    }
}
