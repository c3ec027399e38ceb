//! A CSV file held in memory with its header, so every cell can be reported by line,
//! column number and column name.
//!
//! USGS files carry a byte-order mark, stray spaces in header names and trailing empty
//! columns and rows; this is the one place that copes with them.

use crate::error::{DataError, Result};

/// A CSV file: header names (trimmed, BOM removed) and records with their line numbers.
#[derive(Debug)]
pub struct CsvTable {
    /// The file name used in messages.
    pub file: String,
    /// Header names, trimmed.
    pub headers: Vec<String>,
    /// Records (skipping rows whose cells are all empty), each with its 1-based line.
    pub rows: Vec<Row>,
}

/// One record.
#[derive(Debug)]
pub struct Row {
    /// 1-based line where the record starts (header = 1).
    pub line: u64,
    /// The cells as written.
    pub cells: Vec<String>,
}

/// A cell with everything a message about it needs.
#[derive(Debug, Clone, Copy)]
pub struct Cell<'a> {
    /// The table it belongs to.
    pub table: &'a CsvTable,
    /// 1-based line.
    pub line: u64,
    /// 0-based column index.
    pub index: usize,
    /// The text, untrimmed.
    pub text: &'a str,
}

impl<'a> Cell<'a> {
    /// The error for this cell holding something other than `expected`.
    pub fn invalid(&self, expected: impl Into<String>) -> DataError {
        DataError::InvalidValue {
            file: self.table.file.clone(),
            line: self.line,
            column: self.index + 1,
            name: self.table.headers[self.index].clone(),
            value: self.text.to_string(),
            expected: expected.into(),
        }
    }

    /// The text, trimmed (including non-breaking spaces).
    pub fn trimmed(&self) -> &'a str {
        self.text
            .trim_matches(|c: char| c.is_whitespace() || c == '\u{a0}')
    }

    /// The cell as a year from 1900 to 2200 ([`model::units::YEARS`]).
    pub fn year(&self) -> Result<i32> {
        let t = self.trimmed();
        let expected = || {
            format!(
                "a year from {} to {}",
                model::units::YEARS.start(),
                model::units::YEARS.end()
            )
        };
        match t.parse::<i32>() {
            Ok(y) if model::Year::checked(y).is_some() && t.chars().all(|c| c.is_ascii_digit()) => {
                Ok(y)
            }
            _ => Err(self.invalid(expected())),
        }
    }

    /// The cell as a plain decimal number (digits, a point, an exponent; no `NaN`, `inf`
    /// or hexadecimal), finite and within `range`; `expected` says what it should be.
    pub fn number_in(&self, range: std::ops::RangeInclusive<f64>, expected: &str) -> Result<f64> {
        match plain_number(self.trimmed()) {
            Some(x) if range.contains(&x) => Ok(x),
            _ => Err(self.invalid(expected)),
        }
    }
}

/// A plain decimal numeral (`-3`, `1500`, `0.25`, `2.5e3`) as a finite number; `None` for
/// anything else, including `NaN`, `inf`, and numerals too large for a finite `f64`.
pub fn plain_number(text: &str) -> Option<f64> {
    let t = text.trim();
    let body = t.strip_prefix(['-', '+']).unwrap_or(t);
    let (mantissa, exponent) = match body.find(['e', 'E']) {
        Some(i) => (&body[..i], Some(&body[i + 1..])),
        None => (body, None),
    };
    let digits_ok = !mantissa.is_empty()
        && mantissa.chars().filter(|c| *c == '.').count() <= 1
        && mantissa.chars().any(|c| c.is_ascii_digit())
        && mantissa.chars().all(|c| c.is_ascii_digit() || c == '.');
    let exponent_ok = exponent.is_none_or(|e| {
        let e = e.strip_prefix(['-', '+']).unwrap_or(e);
        !e.is_empty() && e.len() <= 4 && e.chars().all(|c| c.is_ascii_digit())
    });
    if !digits_ok || !exponent_ok {
        return None;
    }
    t.parse::<f64>().ok().filter(|x| x.is_finite())
}

/// The 1-based line on which byte `offset` of `text` lies.
fn line_at(text: &str, offset: u64) -> u64 {
    LineCounter {
        text: text.as_bytes(),
        offset: 0,
        line: 1,
    }
    .line_at(offset)
}

/// Counts lines up to increasing byte offsets, so a whole file costs one pass.
struct LineCounter<'a> {
    text: &'a [u8],
    offset: usize,
    line: u64,
}

impl LineCounter<'_> {
    fn line_at(&mut self, offset: u64) -> u64 {
        let mut end = usize::try_from(offset)
            .unwrap_or(usize::MAX)
            .min(self.text.len());
        // The csv crate may report a record as starting at the previous line's terminator;
        // the record itself starts after it.
        while end < self.text.len() && matches!(self.text[end], b'\r' | b'\n') {
            end += 1;
        }
        if end < self.offset {
            self.offset = 0;
            self.line = 1;
        }
        self.line += self.text[self.offset..end]
            .iter()
            .filter(|&&b| b == b'\n')
            .count() as u64;
        self.offset = end;
        self.line
    }
}

/// The most columns a file may have: far more than any table rareflow reads, far fewer
/// than a file built to make a reader slow.
pub const MAX_COLUMNS: usize = 1000;

/// Where a quoted field opens and never closes (a file cut short): its 1-based line and
/// column. The `csv` crate reads such a field to the end of the file without complaint.
fn unterminated_quote(text: &str) -> Option<(u64, usize)> {
    let (mut line, mut column) = (1u64, 1usize);
    let mut field_start = true;
    let mut open: Option<(u64, usize)> = None;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match (open, c) {
            (Some(_), '"') if chars.peek() == Some(&'"') => {
                chars.next();
            }
            (Some(_), '"') => open = None,
            (Some(_), '\n') => line += 1,
            (Some(_), _) => {}
            (None, '"') if field_start => open = Some((line, column)),
            (None, ',') => {
                column += 1;
                field_start = true;
                continue;
            }
            (None, '\n') => {
                line += 1;
                column = 1;
                field_start = true;
                continue;
            }
            (None, _) => {}
        }
        field_start = false;
    }
    open
}

impl CsvTable {
    /// Reads a whole CSV text.
    pub fn parse(file: &str, text: &str) -> Result<CsvTable> {
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        if let Some((line, column)) = unterminated_quote(text) {
            return Err(DataError::Line {
                file: file.to_string(),
                line,
                message: format!(
                    "column {column}: a quoted field opens here and never closes (the file may be cut short): expected a closing \""
                ),
            });
        }
        let mut reader = csv::ReaderBuilder::new()
            .flexible(true)
            .has_headers(true)
            .from_reader(text.as_bytes());
        let fail = |e: csv::Error| {
            let line = e.position().map_or(0, |p| line_at(text, p.byte()));
            DataError::Line {
                file: file.to_string(),
                line,
                message: format!("not valid CSV: {e}"),
            }
        };
        let headers: Vec<String> = reader
            .headers()
            .map_err(fail)?
            .iter()
            .map(|h| h.trim().to_string())
            .collect();
        if headers.len() > MAX_COLUMNS {
            return Err(DataError::Line {
                file: file.to_string(),
                line: 1,
                message: format!("{} columns: expected at most {MAX_COLUMNS}", headers.len()),
            });
        }
        if headers.iter().all(String::is_empty) {
            return Err(DataError::File {
                file: file.to_string(),
                message: "no header line: expected a CSV file with a header".into(),
            });
        }
        let mut rows = Vec::new();
        let mut lines = LineCounter {
            text: text.as_bytes(),
            offset: 0,
            line: 1,
        };
        for record in reader.records() {
            let record = record.map_err(fail)?;
            // Lines are counted from the record's byte offset: the csv crate's own line
            // counter can lag a line behind.
            let line = record.position().map_or(0, |p| lines.line_at(p.byte()));
            if record.iter().all(|c| c.trim().is_empty()) {
                continue;
            }
            if record.len() > headers.len()
                && record
                    .iter()
                    .skip(headers.len())
                    .any(|c| !c.trim().is_empty())
            {
                return Err(DataError::Line {
                    file: file.to_string(),
                    line,
                    message: format!(
                        "{} cells but the header has {} columns",
                        record.len(),
                        headers.len()
                    ),
                });
            }
            rows.push(Row {
                line,
                cells: record.iter().map(str::to_string).collect(),
            });
        }
        Ok(CsvTable {
            file: file.to_string(),
            headers,
            rows,
        })
    }

    /// The index of the first column whose name satisfies `pred`.
    pub fn find(&self, pred: impl Fn(&str) -> bool) -> Option<usize> {
        self.headers.iter().position(|h| pred(h))
    }

    /// The index of a column by exact (case-insensitive) name, or a missing-column error.
    pub fn require(&self, name: &str, expected: &str) -> Result<usize> {
        self.find(|h| h.eq_ignore_ascii_case(name))
            .ok_or_else(|| DataError::MissingColumn {
                file: self.file.clone(),
                name: name.to_string(),
                expected: expected.to_string(),
            })
    }

    /// The indices of every named column, in order, or an error naming the first missing one.
    pub fn require_all(&self, names: &[&str]) -> Result<Vec<usize>> {
        let expected = names.join(",");
        names.iter().map(|n| self.require(n, &expected)).collect()
    }

    /// A cell of a row (an absent trailing cell reads as empty).
    pub fn cell<'a>(&'a self, row: &'a Row, index: usize) -> Cell<'a> {
        Cell {
            table: self,
            line: row.line,
            index,
            text: row.cells.get(index).map_or("", String::as_str),
        }
    }
}

/// Writes a header and records as CSV text with `\n` line ends.
pub fn write_csv<R, F>(header: &[&str], records: impl IntoIterator<Item = R>) -> String
where
    R: IntoIterator<Item = F>,
    F: AsRef<[u8]>,
{
    let mut w = csv::WriterBuilder::new()
        .terminator(csv::Terminator::Any(b'\n'))
        .from_writer(Vec::new());
    // Writing to a Vec cannot fail, and every field is UTF-8 text, so none of these fire.
    w.write_record(header).expect("in-memory write");
    for r in records {
        w.write_record(r).expect("in-memory write");
    }
    String::from_utf8(w.into_inner().expect("in-memory flush")).expect("UTF-8 in, UTF-8 out")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bom_trailing_columns_and_blank_rows_are_tolerated() {
        let t = CsvTable::parse("x.csv", "\u{feff}A, B ,,\n1,2,,\n,,,\n3,4,,\n").unwrap();
        assert_eq!(t.headers, ["A", "B", "", ""]);
        assert_eq!(t.rows.len(), 2);
        assert_eq!(t.rows[1].line, 4);
        let e = t.cell(&t.rows[1], 1).invalid("a number");
        assert_eq!(
            e.to_string(),
            "x.csv:4:2 (column B): invalid value \"4\": expected a number"
        );
    }

    #[test]
    fn a_cut_quoted_field_and_absurd_widths_are_errors() {
        let e = CsvTable::parse("s.csv", "year,inflow\n2000,1\n2001,\"2").unwrap_err();
        assert_eq!(
            e.to_string(),
            "s.csv:3: column 2: a quoted field opens here and never closes (the file may be cut short): expected a closing \""
        );
        assert!(CsvTable::parse("q.csv", "a,b\n\"x \"\"y\"\"\", 2\n").is_ok());
        let wide = (0..=MAX_COLUMNS)
            .map(|i| format!("c{i}"))
            .collect::<Vec<_>>()
            .join(",");
        let e = CsvTable::parse("w.csv", &wide).unwrap_err();
        assert_eq!(
            e.to_string(),
            "w.csv:1: 1001 columns: expected at most 1000"
        );
        assert_eq!(plain_number("NaN"), None);
        assert_eq!(plain_number("inf"), None);
        assert_eq!(plain_number(&"9".repeat(400)), None);
        assert_eq!(plain_number("2.5e3"), Some(2500.0));
        assert_eq!(plain_number("-3"), Some(-3.0));
    }
}
