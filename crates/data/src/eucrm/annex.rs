//! Readers of the EU CRM 2023 transcriptions in `data/raw/eu-crm/`, as the transcribers
//! wrote them: the results table (meyerdata/CritMAT), the annex tables of global supply
//! shares, EU sourcing shares and material use shares, and the scores by assessment
//! (erikemilsson). The cp1252 files arrive here already decoded ([`crate::cp1252`]).
//!
//! Only the rare-earth rows (and Sc) are read and checked; rows of other materials are
//! skipped, except that the material-use reader reads every row's sector and value added,
//! because the largest sector (max Q of the EI formula) is taken over the whole table.
//! Every error names file, line, column and value.

use crate::error::Result;
use crate::table::{Cell, CsvTable};
use model::country::Resolved;
use model::{Countries, CountryCode, Element};

/// The id rareflow uses for a material name as the transcriptions print it: an element's
/// name → its symbol (Dysprosium → Dy, Scandium → Sc); `HREE`, `HREEs` and `Heavy Rare
/// earths Elements` → HREE; `LREE` and `LREEs` → LREE. `None`: not a rare earth.
pub fn material_id(name: &str) -> Option<&'static str> {
    let n = name.trim();
    match n {
        "HREE" | "HREEs" | "Heavy Rare earths Elements" => Some("HREE"),
        "LREE" | "LREEs" => Some("LREE"),
        _ => Element::ALL
            .into_iter()
            .find(|e| e.name().eq_ignore_ascii_case(n))
            .map(Element::symbol),
    }
}

/// The two stages of the annex tables (`E`, `P`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AnnexStage {
    /// Extraction (`E`).
    Extraction,
    /// Processing (`P`).
    Processing,
}

impl AnnexStage {
    /// `extraction` or `processing`.
    pub fn id(self) -> &'static str {
        match self {
            AnnexStage::Extraction => "extraction",
            AnnexStage::Processing => "processing",
        }
    }

    fn parse(cell: &Cell<'_>) -> Result<AnnexStage> {
        match cell.trimmed() {
            "E" => Ok(AnnexStage::Extraction),
            "P" => Ok(AnnexStage::Processing),
            _ => Err(cell.invalid("E or P")),
        }
    }
}

/// Which supply the EU used at a stage (the results table's `eu_used_supply_*`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Basis {
    /// `GSonly`: global supply only.
    GlobalOnly,
    /// `GS+EU`: global supply and EU sourcing, weighted by import reliance.
    GlobalAndEu,
    /// `EUonly`: EU sourcing only.
    EuOnly,
}

impl Basis {
    /// The word of the cleaned table: `GS`, `GS+EU`, `EU`.
    pub fn id(self) -> &'static str {
        match self {
            Basis::GlobalOnly => "GS",
            Basis::GlobalAndEu => "GS+EU",
            Basis::EuOnly => "EU",
        }
    }
}

/// A published stage SR as the results table prints it.
#[derive(Debug, Clone, PartialEq)]
pub enum PrintedScore {
    /// A plain number.
    Number(f64),
    /// A number printed with a percent sign (`281%`): read as the number over 100, the
    /// reading of a spreadsheet cell formatted as a percentage.
    PercentFormatted {
        /// The number read (2.81).
        value: f64,
        /// The text as printed.
        printed: String,
    },
    /// Blank.
    Blank,
}

/// One rare-earth row of the results table.
#[derive(Debug, Clone, PartialEq)]
pub struct ResultRow {
    /// 1-based line.
    pub line: u64,
    /// The name as printed.
    pub name: String,
    /// rareflow's id.
    pub id: &'static str,
    /// Published SR.
    pub sr: f64,
    /// Published EI.
    pub ei: f64,
    /// The stage the report took the SR at.
    pub stage_used: AnnexStage,
    /// The basis at each assessed stage (extraction, processing); `None`: not assessed.
    pub basis: [Option<Basis>; 2],
    /// The published SR of each stage.
    pub stage_sr: [PrintedScore; 2],
    /// SI_EI (blank on group rows).
    pub si_ei: Option<f64>,
    /// SI_SR (blank on group rows).
    pub si_sr: Option<f64>,
    /// Import reliance of each stage, as a fraction.
    pub import_reliance: [Option<f64>; 2],
    /// End-of-life recycling input rate, as a fraction.
    pub eol_rir: f64,
}

const RESULTS_COLUMNS: [&str; 13] = [
    "material_name",
    "supply_risk",
    "economic_importance",
    "eu_used_stage",
    "eu_stages",
    "eu_used_supply_primary",
    "supply_risk_primary",
    "eu_used_supply_refined",
    "supply_risk_refined",
    "si_ei",
    "si_sr",
    "import_reliance_primary",
    "import_reliance_refined",
];

/// Reads the rare-earth rows of the results table (`critmat_eureport_results.csv`).
pub fn read_results(file: &str, text: &str) -> Result<Vec<ResultRow>> {
    let t = CsvTable::parse(file, text)?;
    let mut names: Vec<&str> = RESULTS_COLUMNS.to_vec();
    names.push("end_of_life");
    let col = t.require_all(&names)?;
    let mut out = Vec::new();
    for row in &t.rows {
        let c = |i: usize| t.cell(row, col[i]);
        let name = c(0).trimmed();
        let Some(id) = material_id(name) else {
            continue;
        };
        let score = |i: usize| c(i).number_in(0.0..=10.0, "a score from 0 to 10");
        let optional =
            |i: usize, range: std::ops::RangeInclusive<f64>, what: &str| match c(i).trimmed() {
                "" => Ok(None),
                _ => c(i).number_in(range, what).map(Some),
            };
        let stage_used = match c(3).trimmed() {
            "Extraction" => AnnexStage::Extraction,
            "Processing" => AnnexStage::Processing,
            _ => return Err(c(3).invalid("Extraction or Processing")),
        };
        let assessed = match c(4).trimmed() {
            "E" => [true, false],
            "P" => [false, true],
            "E+P" => [true, true],
            _ => return Err(c(4).invalid("E, P or E+P")),
        };
        let mut basis = [None, None];
        let mut stage_sr = [PrintedScore::Blank, PrintedScore::Blank];
        let mut import_reliance = [None, None];
        for (k, (b, s, ir)) in [(5, 6, 11), (7, 8, 12)].into_iter().enumerate() {
            basis[k] = match (c(b).trimmed(), assessed[k]) {
                ("", false) => None,
                ("GSonly", true) => Some(Basis::GlobalOnly),
                ("GS+EU", true) => Some(Basis::GlobalAndEu),
                ("EUonly", true) => Some(Basis::EuOnly),
                (_, true) => return Err(c(b).invalid("GSonly, GS+EU or EUonly")),
                (_, false) => {
                    return Err(c(b).invalid(format!(
                        "an empty cell (eu_stages {:?} does not assess this stage)",
                        c(4).trimmed()
                    )))
                }
            };
            stage_sr[k] = printed_score(&c(s))?;
            import_reliance[k] =
                optional(ir, 0.0..=100.0, "a percentage from 0 to 100")?.map(|x| x / 100.0);
        }
        let eol = c(13).number_in(0.0..=100.0, "a percentage from 0 to 100")?;
        out.push(ResultRow {
            line: row.line,
            name: name.to_string(),
            id,
            sr: score(1)?,
            ei: score(2)?,
            stage_used,
            basis,
            stage_sr,
            si_ei: optional(9, 0.0..=1.0, "a substitution index from 0 to 1, or empty")?,
            si_sr: optional(10, 0.0..=1.0, "a substitution index from 0 to 1, or empty")?,
            import_reliance,
            eol_rir: eol / 100.0,
        });
    }
    Ok(out)
}

fn printed_score(cell: &Cell<'_>) -> Result<PrintedScore> {
    let text = cell.trimmed();
    let expected = "a score from 0 to 10, a percent-formatted score such as 281%, or empty";
    if text.is_empty() {
        return Ok(PrintedScore::Blank);
    }
    if let Some(number) = text.strip_suffix('%') {
        return match crate::table::plain_number(number) {
            Some(x) if (0.0..=1000.0).contains(&x) => Ok(PrintedScore::PercentFormatted {
                value: x / 100.0,
                printed: text.to_string(),
            }),
            _ => Err(cell.invalid(expected)),
        };
    }
    cell.number_in(0.0..=10.0, expected)
        .map(PrintedScore::Number)
}

/// A rare-earth row of the trade-parameter table (`critmat_eureport_tradeparameters.csv`):
/// its line and the material as printed. The table has none today, so t = 1 applies.
pub fn read_trade_parameters(file: &str, text: &str) -> Result<Vec<(u64, String)>> {
    let t = CsvTable::parse(file, text)?;
    let col = t.require_all(&["material_name", "country_name", "parameter", "scope"])?;
    let mut out = Vec::new();
    for row in &t.rows {
        let name = t.cell(row, col[0]).trimmed();
        if material_id(name).is_some() {
            t.cell(row, col[2])
                .number_in(0.0..=10.0, "a trade factor t")?;
            out.push((row.line, name.to_string()));
        }
    }
    Ok(out)
}

/// A share as the annex prints it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum PrintedShare {
    /// `68.3%`, as a fraction (0.683).
    Fraction(f64),
    /// `<0.1%`: below the fraction given.
    Below(f64),
}

/// One rare-earth row of a supply-share table.
#[derive(Debug, Clone, PartialEq)]
pub struct ShareRow {
    /// 1-based line.
    pub line: u64,
    /// rareflow's material id.
    pub id: &'static str,
    /// The stage.
    pub stage: AnnexStage,
    /// The country's ISO3 code.
    pub country: CountryCode,
    /// The share.
    pub share: PrintedShare,
    /// The trade-related variable t.
    pub t: f64,
}

/// Reads the rare-earth rows of a supply-share table (`global_supply_shares_and_t.csv`,
/// `eu_supply_shares_and_t.csv`: `Material,Stage,Country,Share,t`), resolving each
/// country name through `countries` (the ISO table and `data/aliases.csv`).
pub fn read_shares(file: &str, text: &str, countries: &Countries) -> Result<Vec<ShareRow>> {
    let t = CsvTable::parse(file, text)?;
    let col = t.require_all(&["Material", "Stage", "Country", "Share", "t"])?;
    let mut out = Vec::new();
    for row in &t.rows {
        let c = |i: usize| t.cell(row, col[i]);
        let Some(id) = material_id(c(0).trimmed()) else {
            continue;
        };
        let country = match countries.resolve(c(2).trimmed()) {
            Resolved::Place { place, .. } => place.country(),
            _ => None,
        }
        .ok_or_else(|| {
            c(2).invalid("a country the ISO table or data/aliases.csv knows by this name")
        })?;
        out.push(ShareRow {
            line: row.line,
            id,
            stage: AnnexStage::parse(&c(1))?,
            country,
            share: printed_share(&c(3))?,
            t: c(4).number_in(0.0..=10.0, "a trade factor t (1 by default)")?,
        });
    }
    Ok(out)
}

fn printed_share(cell: &Cell<'_>) -> Result<PrintedShare> {
    let text = cell.trimmed();
    let (below, number) = match text.strip_prefix('<') {
        Some(rest) => (true, rest),
        None => (false, text),
    };
    let x = number
        .strip_suffix('%')
        .and_then(crate::table::plain_number)
        .filter(|x| (0.0..=100.0).contains(x))
        .ok_or_else(|| cell.invalid("a percentage such as 68.3% or <0.1%"))?;
    // The printed text has at most a few decimals: model::num keeps x/100 free of noise.
    let f = model::num::tidy(x / 100.0);
    Ok(if below {
        PrintedShare::Below(f)
    } else {
        PrintedShare::Fraction(f)
    })
}

/// One row of the material-use table.
#[derive(Debug, Clone, PartialEq)]
pub struct UseRow {
    /// 1-based line where the record starts.
    pub line: u64,
    /// rareflow's id, for rare earths (other materials' rows are kept for their sectors).
    pub id: Option<&'static str>,
    /// The application as printed.
    pub application: String,
    /// The share, as a fraction (read for rare earths only).
    pub share: Option<f64>,
    /// The NACE Rev. 2 code (the text before ` - `), or empty where no sector is printed.
    pub nace: String,
    /// The sector's name as printed, with runs of white space (a quoted line break) folded.
    pub sector: String,
    /// The sector's value added, million EUR; `None` where none is printed.
    pub value_added: Option<f64>,
}

/// Reads the material-use table (`material_use_shares.csv`: `Material,Application,Share,NACE
/// sector,VA in million €`). The value-added column is found by its name's start, so the
/// euro sign's encoding does not matter.
pub fn read_uses(file: &str, text: &str) -> Result<Vec<UseRow>> {
    let t = CsvTable::parse(file, text)?;
    let col = t.require_all(&["Material", "Application", "Share", "NACE sector"])?;
    let va = t.find(|h| h.starts_with("VA in million")).ok_or_else(|| {
        crate::error::DataError::MissingColumn {
            file: file.to_string(),
            name: "VA in million €".into(),
            expected: "Material,Application,Share,NACE sector,VA in million €".into(),
        }
    })?;
    let mut out = Vec::new();
    for row in &t.rows {
        let c = |i: usize| t.cell(row, col[i]);
        let id = material_id(c(0).trimmed());
        let sector = c(3)
            .trimmed()
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        let nace = sector.split(" - ").next().unwrap_or("").to_string();
        if !sector.is_empty() && !is_nace_code(&nace) {
            return Err(c(3).invalid(
                "a NACE Rev. 2 code and name such as \"C25 - Manufacture of fabricated metal products\", or empty",
            ));
        }
        let value = t.cell(row, va);
        let value_added = match value.trimmed() {
            "" => None,
            _ => Some(value.number_in(0.0..=1e9, "value added in million EUR, or empty")?),
        };
        if value_added.is_some() == sector.is_empty() {
            return Err(value.invalid(if sector.is_empty() {
                "an empty cell: the row names no sector"
            } else {
                "the value added of the sector the row names"
            }));
        }
        let share = match id {
            Some(_) => Some(
                c(2).trimmed()
                    .strip_suffix('%')
                    .and_then(crate::table::plain_number)
                    .filter(|x| (0.0..=100.0).contains(x))
                    .map(|x| model::num::tidy(x / 100.0))
                    .ok_or_else(|| c(2).invalid("a percentage such as 80%"))?,
            ),
            None => None,
        };
        out.push(UseRow {
            line: row.line,
            id,
            application: c(1).trimmed().to_string(),
            share,
            nace,
            sector,
            value_added,
        });
    }
    Ok(out)
}

/// `C25`, `B06`: a section letter and two digits.
fn is_nace_code(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() == 3 && b[0].is_ascii_uppercase() && b[1].is_ascii_digit() && b[2].is_ascii_digit()
}

/// One rare-earth row of the scores by assessment (`crms_over_time.csv`).
#[derive(Debug, Clone, PartialEq)]
pub struct OverTimeRow {
    /// 1-based line.
    pub line: u64,
    /// rareflow's id.
    pub id: &'static str,
    /// The assessment's year.
    pub year: i32,
    /// Published SR (`-`: not assessed).
    pub sr: Option<f64>,
    /// Published EI.
    pub ei: Option<f64>,
}

/// Reads the rare-earth rows of `crms_over_time.csv` (`Material,Year,SR,EI`).
pub fn read_over_time(file: &str, text: &str) -> Result<Vec<OverTimeRow>> {
    let t = CsvTable::parse(file, text)?;
    let col = t.require_all(&["Material", "Year", "SR", "EI"])?;
    let mut out = Vec::new();
    for row in &t.rows {
        let c = |i: usize| t.cell(row, col[i]);
        let Some(id) = material_id(c(0).trimmed()) else {
            continue;
        };
        let score = |i: usize| match c(i).trimmed() {
            "-" => Ok(None),
            _ => c(i)
                .number_in(0.0..=10.0, "a score from 0 to 10, or - (not assessed)")
                .map(Some),
        };
        out.push(OverTimeRow {
            line: row.line,
            id,
            year: c(1).year()?,
            sr: score(2)?,
            ei: score(3)?,
        });
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn countries() -> Countries {
        crate::bundled::countries().unwrap()
    }

    #[test]
    fn names_map_to_ids() {
        assert_eq!(material_id("Dysprosium"), Some("Dy"));
        assert_eq!(material_id("Scandium"), Some("Sc"));
        assert_eq!(material_id("Heavy Rare earths Elements"), Some("HREE"));
        assert_eq!(material_id("LREEs"), Some("LREE"));
        assert_eq!(material_id("Tin"), None);
    }

    #[test]
    fn the_results_table_reads_its_typo_and_blanks() {
        let head = "material_name,supply_risk,economic_importance,eu_used_stage,eu_stages,eu_used_supply_primary,supply_risk_primary,eu_used_supply_refined,supply_risk_refined,si_ei,si_sr,import_reliance_primary,import_reliance_refined,end_of_life,source_name,publish_year,date_year\n";
        let text = format!("{head}Tin,1,1,Extraction,E,odd,,,,,,,,0,X,1,1\nLREE,3.7,5.9,Processing,E+P,GS+EU,281%,GS+EU,3.58,,,80,100,1,EUREPORT,2025,2025\nScandium,2.4,3.7,Processing,P,,,GSonly,2.4,0.86,0.87,,100,0,EUREPORT,2025,2025\n");
        let rows = read_results("r.csv", &text).unwrap();
        assert_eq!(rows.len(), 2, "Tin is not read");
        assert_eq!(
            rows[0].stage_sr[0],
            PrintedScore::PercentFormatted {
                value: 2.81,
                printed: "281%".into()
            }
        );
        assert_eq!(rows[0].import_reliance, [Some(0.8), Some(1.0)]);
        assert_eq!(rows[1].basis, [None, Some(Basis::GlobalOnly)]);
        assert_eq!(rows[1].stage_sr[0], PrintedScore::Blank);
        let bad = text.replace("GSonly,2.4", "GSonly,x");
        assert_eq!(
            read_results("r.csv", &bad).unwrap_err().to_string(),
            "r.csv:4:9 (column supply_risk_refined): invalid value \"x\": expected a score from 0 to 10, a percent-formatted score such as 281%, or empty"
        );
    }

    #[test]
    fn shares_resolve_countries_and_locate_bad_cells() {
        let text = "Material,Stage,Country,Share,t\r\nGold,E,Nowhere,<0.1%,1.0\r\nYttrium,P,\"Korea, South\",1%,1\r\nCerium,E,China,68.3%,1.0\r\n";
        let rows = read_shares("s.csv", text, &countries()).unwrap();
        assert_eq!(rows.len(), 2);
        assert_eq!(rows[0].country.as_str(), "KOR");
        assert_eq!(rows[1].share, PrintedShare::Fraction(0.683));
        let e = read_shares("s.csv", &text.replace("68.3%", "68.3"), &countries()).unwrap_err();
        assert_eq!(
            e.to_string(),
            "s.csv:4:4 (column Share): invalid value \"68.3\": expected a percentage such as 68.3% or <0.1%"
        );
        let e = read_shares("s.csv", &text.replace("China", "Cathay"), &countries()).unwrap_err();
        assert_eq!(
            e.to_string(),
            "s.csv:4:3 (column Country): invalid value \"Cathay\": expected a country the ISO table or data/aliases.csv knows by this name"
        );
    }

    #[test]
    fn uses_fold_quoted_line_breaks_and_check_sectors() {
        let text = "Material,Application,Share,NACE sector,VA in million \u{20ac}\r\nLanthanum,Autocatalysts,29%,\"C29 - Manufacture of motor\nvehicles\",194448\r\nErbium,Other,26%,,\r\nCobalt,Other,>5%,C20 - Chemicals,132361\r\n";
        let rows = read_uses("u.csv", text).unwrap();
        assert_eq!(rows[0].nace, "C29");
        assert_eq!(rows[0].sector, "C29 - Manufacture of motor vehicles");
        assert_eq!(rows[1].line, 4, "the record after a quoted line break");
        assert_eq!((rows[1].share, rows[1].value_added), (Some(0.26), None));
        assert_eq!(rows[2].share, None, "other materials' shares are not read");
        let e = read_uses("u.csv", &text.replace("194448", "lots")).unwrap_err();
        assert_eq!(
            e.to_string(),
            "u.csv:2:5 (column VA in million \u{20ac}): invalid value \"lots\": expected value added in million EUR, or empty"
        );
    }
}
