//! The cleaned EU CRM 2023 tables, derived from the transcriptions in `data/raw/eu-crm/`
//! (`data/TRANSFORMS.md` lists the steps): `data/clean/eu_crm_2023_t.csv`, every input of
//! every rare-earth row of the results table in the inputs format of [`super`], and
//! `data/clean/eu_crm_by_assessment.csv`, the published scores of 2011-2023.

use super::annex::{
    read_over_time, read_results, read_shares, read_trade_parameters, read_uses, PrintedScore,
    PrintedShare, ShareRow,
};
use crate::error::{DataError, Result};
use crate::table::write_csv;
use model::num;
use model::Countries;
use std::collections::BTreeMap;

/// The edition every derived row cites (in `data/sources.csv`).
pub const EDITION: &str = "EU-CRM-2023-T";

/// `(file name, text)` of each transcription, the cp1252 ones already decoded.
#[derive(Debug, Clone, Copy)]
pub struct AnnexTexts<'a> {
    /// `critmat_eureport_results.csv`.
    pub results: (&'a str, &'a str),
    /// `critmat_eureport_tradeparameters.csv`.
    pub trade_parameters: (&'a str, &'a str),
    /// `global_supply_shares_and_t.csv`.
    pub global_shares: (&'a str, &'a str),
    /// `eu_supply_shares_and_t.csv`.
    pub eu_shares: (&'a str, &'a str),
    /// `material_use_shares.csv`.
    pub uses: (&'a str, &'a str),
    /// `crms_over_time.csv`.
    pub over_time: (&'a str, &'a str),
}

/// The cleaned tables, as file text.
#[derive(Debug, Clone, PartialEq)]
pub struct EuCrmCleaned {
    /// `data/clean/eu_crm_2023_t.csv`.
    pub inputs: String,
    /// `data/clean/eu_crm_by_assessment.csv`.
    pub by_assessment: String,
}

/// One output row.
struct Out {
    material: String,
    stage: &'static str,
    input: &'static str,
    country: String,
    value: String,
    unit: &'static str,
    notes: String,
    at: String,
}

impl Out {
    fn new(material: &str, stage: &'static str, input: &'static str, at: String) -> Out {
        Out {
            material: material.to_string(),
            stage,
            input,
            country: String::new(),
            value: String::new(),
            unit: "",
            notes: String::new(),
            at,
        }
    }

    fn value(mut self, value: String, unit: &'static str) -> Out {
        self.value = value;
        self.unit = unit;
        self
    }

    fn country(mut self, country: &str) -> Out {
        self.country = country.to_string();
        self
    }

    fn notes(mut self, notes: impl Into<String>) -> Out {
        self.notes = notes.into();
        self
    }
}

/// Derives both cleaned tables. `countries` resolves the annex tables' country names.
pub fn derive_eu_crm(raw: &AnnexTexts<'_>, countries: &Countries) -> Result<EuCrmCleaned> {
    let at = |file: &str, line: u64| format!("{file}:{line}");
    let results = read_results(raw.results.0, raw.results.1)?;
    if let Some((line, name)) =
        read_trade_parameters(raw.trade_parameters.0, raw.trade_parameters.1)?.first()
    {
        return Err(DataError::Line {
            file: raw.trade_parameters.0.to_string(),
            line: *line,
            message: format!("a trade-related variable for {name}: rareflow takes t from the annex share tables, expected no rare-earth rows here (review the derivation before adding one)"),
        });
    }
    let global = read_shares(raw.global_shares.0, raw.global_shares.1, countries)?;
    let eu = read_shares(raw.eu_shares.0, raw.eu_shares.1, countries)?;
    let uses = read_uses(raw.uses.0, raw.uses.1)?;
    let over_time = read_over_time(raw.over_time.0, raw.over_time.1)?;

    let mut out: Vec<Out> = Vec::new();
    for r in &results {
        let id = r.id;
        let here = at(raw.results.0, r.line);
        // Every spelling the files print for the material, first where it is printed.
        let mut names: Vec<(String, String)> = vec![(r.name.clone(), here.clone())];
        let mut spelling = |name: &str, file: &str, line: u64| {
            if !names.iter().any(|(n, _)| n == name) {
                names.push((name.to_string(), at(file, line)));
            }
        };
        let eu_names = spellings(raw.eu_shares.1, id);
        for (name, line) in eu_names {
            spelling(&name, raw.eu_shares.0, line);
        }
        for (name, line) in spellings(raw.over_time.1, id) {
            spelling(&name, raw.over_time.0, line);
        }
        for (name, place) in names {
            out.push(Out::new(id, "all", "name", place).value(name, ""));
        }
        let index = |x: f64| num::text(x);
        out.push(Out::new(id, "all", "published_sr", here.clone()).value(index(r.sr), "index"));
        out.push(Out::new(id, "all", "published_ei", here.clone()).value(index(r.ei), "index"));
        out.push(
            Out::new(id, "all", "stage_used", here.clone()).value(r.stage_used.id().into(), ""),
        );
        for (k, stage) in ["extraction", "processing"].into_iter().enumerate() {
            let Some(basis) = r.basis[k] else {
                continue;
            };
            out.push(Out::new(id, stage, "supply_used", here.clone()).value(basis.id().into(), ""));
            let published = Out::new(id, stage, "published_stage_sr", here.clone());
            out.push(match &r.stage_sr[k] {
                PrintedScore::Number(x) => published.value(index(*x), "index"),
                PrintedScore::PercentFormatted { value, printed } => published
                    .value(index(*value), "index")
                    .notes(format!("printed \"{printed}\" in the transcription: read as {}, a score in a cell formatted as a percentage", index(*value))),
                PrintedScore::Blank => published
                    .unit("index")
                    .notes("blank in the results table"),
            });
            let ir = Out::new(id, stage, "import_reliance", here.clone());
            out.push(match r.import_reliance[k] {
                Some(x) => ir.value(num::text(x), "fraction"),
                None => ir.unit("fraction").notes("blank in the results table"),
            });
        }
        out.push(
            Out::new(id, "all", "eol_rir", here.clone()).value(num::text(r.eol_rir), "fraction"),
        );
        for (input, si) in [("si_sr", r.si_sr), ("si_ei", r.si_ei)] {
            let row = Out::new(id, "all", input, here.clone());
            out.push(match si {
                Some(x) => row.value(num::text(x), "index"),
                None => row.unit("index").notes("blank in the results table"),
            });
        }
        for (rows, file, share, t) in [
            (
                &global,
                raw.global_shares.0,
                "global_supply_share",
                "global_supply_t",
            ),
            (&eu, raw.eu_shares.0, "eu_sourcing_share", "eu_sourcing_t"),
        ] {
            for s in rows.iter().filter(|s| s.id == id) {
                out.extend(share_rows(s, file, share, t));
            }
        }
        let mine: Vec<_> = uses.iter().filter(|u| u.id == Some(id)).collect();
        if mine.is_empty() {
            out.push(
                Out::new(id, "all", "end_use_share", String::new())
                    .unit("fraction")
                    .notes(format!("no rows for {} in {}", r.name, raw.uses.0)),
            );
        }
        for u in mine {
            let share = u.share.map_or(String::new(), num::text);
            let row = Out::new(id, "all", "end_use_share", at(raw.uses.0, u.line))
                .value(share, "fraction")
                .country(&u.nace);
            out.push(if u.nace.is_empty() {
                row.notes(format!(
                    "{}; printed without a NACE sector or value added",
                    u.application
                ))
            } else {
                row.notes(u.application.clone())
            });
        }
    }

    // Sector value added: the value most rows print for each NACE code (five Manganese rows
    // print a neighbour's), and the largest of them, max Q.
    let mut by_code: BTreeMap<&str, BTreeMap<u64, Vec<&super::annex::UseRow>>> = BTreeMap::new();
    for u in &uses {
        if let Some(va) = u.value_added {
            by_code
                .entry(u.nace.as_str())
                .or_default()
                .entry(va.to_bits())
                .or_default()
                .push(u);
        }
    }
    let mut largest: Option<(f64, &str, String)> = None;
    for (code, values) in &by_code {
        let Some((bits, rows)) = values.iter().max_by_key(|(_, rows)| rows.len()) else {
            continue;
        };
        let va = f64::from_bits(*bits);
        let mut note = format!(
            "{} (on {} row{})",
            rows[0].sector,
            rows.len(),
            if rows.len() == 1 { "" } else { "s" }
        );
        for (other, odd) in values.iter().filter(|(b, _)| *b != bits) {
            for u in odd {
                note.push_str(&format!(
                    "; line {} prints {} for {code}",
                    u.line,
                    num::text(f64::from_bits(*other))
                ));
            }
        }
        let first = at(raw.uses.0, rows[0].line);
        if largest.as_ref().is_none_or(|(x, _, _)| va > *x) {
            largest = Some((va, code, first.clone()));
        }
        out.push(
            Out::new("all", "all", "sector_value_added", first)
                .value(num::text(va), "MEUR")
                .country(code)
                .notes(note),
        );
    }
    if let Some((va, code, first)) = largest {
        out.push(
            Out::new("all", "all", "max_sector_value_added", first)
                .value(num::text(va), "MEUR")
                .country(code)
                .notes("the largest sector value added in the table (max Q)"),
        );
    }

    let inputs = write_csv(
        &[
            "material", "stage", "input", "country", "value", "unit", "source", "notes", "at",
        ],
        out.into_iter().map(|o| {
            [
                o.material,
                o.stage.to_string(),
                o.input.to_string(),
                o.country,
                o.value,
                o.unit.to_string(),
                EDITION.to_string(),
                o.notes,
                o.at,
            ]
        }),
    );
    let by_assessment = write_csv(
        &["material", "year", "sr", "ei", "source", "at"],
        over_time.iter().map(|o| {
            [
                o.id.to_string(),
                o.year.to_string(),
                o.sr.map_or(String::new(), num::text),
                o.ei.map_or(String::new(), num::text),
                EDITION.to_string(),
                at(raw.over_time.0, o.line),
            ]
        }),
    );
    Ok(EuCrmCleaned {
        inputs,
        by_assessment,
    })
}

impl Out {
    fn unit(mut self, unit: &'static str) -> Out {
        self.unit = unit;
        self
    }
}

/// The rows of a share and its t.
fn share_rows(s: &ShareRow, file: &str, share: &'static str, t: &'static str) -> [Out; 2] {
    let here = format!("{file}:{}", s.line);
    let code = s.country.as_str();
    let share_row = Out::new(s.id, s.stage.id(), share, here.clone()).country(code);
    [
        match s.share {
            PrintedShare::Fraction(x) => share_row.value(num::text(x), "fraction"),
            PrintedShare::Below(x) => share_row.unit("fraction").notes(format!(
                "printed <{}%: below a share that can be used",
                num::text(x * 100.0)
            )),
        },
        Out::new(s.id, s.stage.id(), t, here)
            .country(code)
            .value(num::text(s.t), "factor"),
    ]
}

/// Every spelling a table's first column prints for material `id`, with its first line.
fn spellings(text: &str, id: &str) -> Vec<(String, u64)> {
    let Ok(t) = crate::table::CsvTable::parse("", text) else {
        return Vec::new();
    };
    let mut out: Vec<(String, u64)> = Vec::new();
    for row in &t.rows {
        let name = t.cell(row, 0).trimmed();
        if super::annex::material_id(name) == Some(id) && !out.iter().any(|(n, _)| n == name) {
            out.push((name.to_string(), row.line));
        }
    }
    out
}
