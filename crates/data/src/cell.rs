//! What a USGS cell can say: a number, a lower bound, zero ("—"), not available, withheld,
//! net exporter, or nothing at all.
//!
//! Reading a cell never decides what a blank means; that needs the other editions (see
//! [`crate::usgs::resolve_blanks`]).

use crate::error::Result;
use crate::table::Cell;
use model::{Flag, Flags, GapReason, Quantity, Unit, Value};

/// The meaning of one USGS cell.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum RawValue {
    /// A number; `lower_bound` when written with a leading `>`.
    Number {
        /// The number as written (before any unit conversion).
        value: f64,
        /// Whether the source wrote `>`.
        lower_bound: bool,
    },
    /// An em dash or hyphen: zero.
    Zero,
    /// `NA`.
    NotAvailable,
    /// `W`.
    Withheld,
    /// `E` (net exporter, in import-reliance columns).
    NetExporter,
    /// An empty cell.
    Blank,
}

impl RawValue {
    /// The value the cell states, its number multiplied by `factor` into `unit`, adding to
    /// `flags` what its symbols imply. A blank stays a gap (`not_reported`) here: what it
    /// means is decided against the other editions.
    pub fn into_value(self, unit: Unit, factor: f64, flags: &mut Flags) -> Value {
        let gap = |flags: &mut Flags, flag: Flag, reason: GapReason| {
            flags.insert(flag);
            Value::Gap(reason)
        };
        match self {
            RawValue::Number { value, lower_bound } => {
                if lower_bound {
                    flags.insert(Flag::LowerBound);
                }
                Value::Known(Quantity {
                    magnitude: value * factor,
                    unit,
                })
            }
            RawValue::Zero => Value::Known(Quantity {
                magnitude: 0.0,
                unit,
            }),
            RawValue::NotAvailable => gap(flags, Flag::NotAvailable, GapReason::NotAvailable),
            RawValue::Withheld => gap(flags, Flag::Withheld, GapReason::Withheld),
            RawValue::NetExporter => gap(flags, Flag::NetExporter, GapReason::NetExporter),
            RawValue::Blank => Value::Gap(GapReason::NotReported),
        }
    }
}

/// Reads a cell as USGS writes quantities: `1,500`, `>90000000`, `—`, `NA`, `W`, `E`, or blank.
/// Negative numbers and other text are errors naming `expected`.
pub fn read_usgs_cell(cell: &Cell<'_>, expected: &str) -> Result<RawValue> {
    let t = cell.trimmed();
    Ok(match t {
        "" => RawValue::Blank,
        "—" | "–" | "-" | "--" => RawValue::Zero,
        "NA" => RawValue::NotAvailable,
        "W" => RawValue::Withheld,
        "E" => RawValue::NetExporter,
        _ => {
            let (lower_bound, digits) = match t.strip_prefix('>') {
                Some(rest) => (true, rest.trim()),
                None => (false, t),
            };
            let plain = digits.replace(',', "");
            let ok = !plain.is_empty() && plain.chars().all(|c| c.is_ascii_digit() || c == '.');
            // A numeral too long for a finite number (400 digits) is refused, not read as inf.
            let value: f64 = match crate::table::plain_number(&plain) {
                Some(x) if ok => x,
                _ => return Err(cell.invalid(expected)),
            };
            RawValue::Number { value, lower_bound }
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::table::CsvTable;

    #[test]
    fn usgs_symbols_are_read() {
        let t =
            CsvTable::parse("f.csv", "v\n\">17,000,000\"\n—\nNA\nW\n\n1500\nlots\n-5\n").unwrap();
        let read = |i: usize| read_usgs_cell(&t.cell(&t.rows[i], 0), "a number of tonnes");
        assert_eq!(
            read(0).unwrap(),
            RawValue::Number {
                value: 17e6,
                lower_bound: true
            }
        );
        assert_eq!(read(1).unwrap(), RawValue::Zero);
        assert_eq!(read(2).unwrap(), RawValue::NotAvailable);
        assert_eq!(read(3).unwrap(), RawValue::Withheld);
        assert_eq!(
            read(4).unwrap(),
            RawValue::Number {
                value: 1500.0,
                lower_bound: false
            }
        );
        assert_eq!(
            read(5).unwrap_err().to_string(),
            "f.csv:8:1 (column v): invalid value \"lots\": expected a number of tonnes"
        );
        assert!(read(6).is_err());
    }
}
