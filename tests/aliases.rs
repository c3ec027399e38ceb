//! Every country spelling in the bundled raw files (all USGS country cells, every WGI
//! code) resolves through the alias table, or is listed there as deliberately unmapped.

use crate::util::{raw, repo};
use data::table::CsvTable;
use model::country::Resolved;

fn column(file: &str, name: &str) -> Vec<String> {
    let t = CsvTable::parse(file, &raw(file)).unwrap();
    let i = t.find(|h| h.eq_ignore_ascii_case(name)).unwrap();
    let mut v: Vec<String> = t
        .rows
        .iter()
        .map(|r| t.cell(r, i).trimmed().to_string())
        .filter(|s| !s.is_empty())
        .collect();
    v.sort();
    v.dedup();
    v
}

#[test]
fn every_usgs_and_wgi_spelling_resolves_or_is_listed_unmapped() {
    let countries = data::bundled::countries().unwrap();
    let mut spellings = Vec::new();
    for (file, col) in [
        ("data/raw/usgs/MCS2025_World_Data.csv", "COUNTRY"),
        ("data/raw/usgs/mcs2024-raree_world.csv", "Country"),
        (
            "data/raw/usgs/mcs2026-rare-earths_world_transcribed.csv",
            "COUNTRY",
        ),
        ("data/raw/wgi/wgidataset.csv", "code"),
    ] {
        spellings.extend(column(file, col).into_iter().map(|s| (file, s)));
    }
    assert!(spellings.len() > 350, "{}", spellings.len());
    let mut unknown = Vec::new();
    let mut unmapped = Vec::new();
    for (file, s) in &spellings {
        match countries.resolve(s) {
            Resolved::Place { .. } => {}
            Resolved::Unmapped(why) => unmapped.push(format!("{s} ({why})")),
            Resolved::Unknown(near) => {
                unknown.push(format!("{file}: {s:?} (closest: {})", near.join(", ")))
            }
        }
    }
    assert!(
        unknown.is_empty(),
        "spellings neither resolved nor listed as unmapped in data/aliases.csv:\n{}",
        unknown.join("\n")
    );
    // The deliberate exceptions are exactly the ones the alias table lists.
    unmapped.sort();
    assert_eq!(unmapped.len(), 3, "{unmapped:?}");
    let _ = repo();
}

#[test]
fn the_sources_spellings_map_where_the_news_expects() {
    let countries = data::bundled::countries().unwrap();
    for (spelling, code) in [
        ("Burma", "MMR"),
        ("Russia ", "RUS"),
        ("ROM", "ROU"),
        ("ZAR", "COD"),
        ("Congo (Kinshasa)", "COD"),
        ("Korea, Republic of", "KOR"),
        ("United\u{a0}States (kyanite)", "USA"),
    ] {
        match countries.resolve(spelling) {
            Resolved::Place { place, .. } => assert_eq!(place.id(), code, "{spelling}"),
            other => panic!("{spelling}: {other:?}"),
        }
    }
    assert!(matches!(countries.resolve("KSV"), Resolved::Unmapped(_)));
}
