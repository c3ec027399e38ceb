//! The sources table (`data/sources.csv`): one row per edition with publisher, title,
//! licence and the attribution the licence requires.

use crate::error::Result;
use crate::table::CsvTable;
use model::{EditionId, Source, SourceKind};

/// Reads the sources table.
pub fn read_sources(file: &str, text: &str) -> Result<Vec<Source>> {
    let t = CsvTable::parse(file, text)?;
    let names = [
        "edition",
        "series",
        "publisher",
        "title",
        "year",
        "kind",
        "licence",
        "citation",
        "url",
        "transcribed",
        "note",
    ];
    let col = t.require_all(&names)?;
    let mut out = Vec::new();
    for row in &t.rows {
        let c = |i: usize| t.cell(row, col[i]);
        let s = |i: usize| c(i).trimmed().to_string();
        let year: i32 = c(4).year()?;
        let kind = SourceKind::from_id(c(5).trimmed()).ok_or_else(|| {
            c(5).invalid(
                "statistical_survey, government_claim, company_report, literature or derived",
            )
        })?;
        let transcribed = match c(9).trimmed() {
            "yes" => true,
            "no" | "" => false,
            _ => return Err(c(9).invalid("yes or no")),
        };
        out.push(Source {
            edition: EditionId(s(0)),
            series: s(1),
            publisher: s(2),
            title: s(3),
            year,
            kind,
            licence: s(6),
            citation: s(7),
            url: s(8),
            transcribed,
            imported: false,
            note: s(10),
        });
    }
    Ok(out)
}
