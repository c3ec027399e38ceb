//! How the cleaned tables are made from the raw files, step by step (the same steps
//! `data/TRANSFORMS.md` describes). A test runs this on the raw copies in `data/raw/` and
//! compares the output with the committed cleaned tables byte for byte.

use crate::clean::write_observations;
use crate::countries::{derive_countries, read_aliases, read_countries};
use crate::error::Result;
use crate::eucrm::clean::{derive_eu_crm, AnnexTexts, EuCrmCleaned};
use crate::salient::read_salient;
use crate::sources::read_sources;
use crate::usgs::{read_world_table, resolve_blanks};
use crate::wgi::derive_wgi;
use model::{Countries, EditionId};

/// The raw inputs, as text, with the names they are reported under.
#[derive(Debug, Clone, Copy)]
pub struct RawInputs<'a> {
    /// `(file name, text)` of the USGS world tables, oldest edition first.
    pub world_tables: [(&'a str, &'a str); 3],
    /// `(file name, text)` of the salient-statistics files.
    pub salient: [(&'a str, &'a str); 3],
    /// The datasets/country-codes table.
    pub country_codes: (&'a str, &'a str),
    /// The WGI long-format file.
    pub wgi: (&'a str, &'a str),
    /// `data/sources.csv`.
    pub sources: (&'a str, &'a str),
    /// `data/aliases.csv`.
    pub aliases: (&'a str, &'a str),
    /// The EU CRM 2023 transcriptions (cp1252 files decoded).
    pub eu_crm: AnnexTexts<'a>,
}

/// The cleaned tables, as file text.
#[derive(Debug, Clone, PartialEq)]
pub struct Cleaned {
    /// `data/clean/countries.csv`.
    pub countries: String,
    /// `data/clean/observations.csv`.
    pub observations: String,
    /// `data/clean/wgi.csv`.
    pub wgi: String,
    /// `data/clean/eu_crm_2023_t.csv` and `data/clean/eu_crm_by_assessment.csv`.
    pub eu_crm: EuCrmCleaned,
}

/// Runs every transformation.
pub fn derive(raw: &RawInputs<'_>) -> Result<Cleaned> {
    let countries_csv = derive_countries(raw.country_codes.0, raw.country_codes.1)?;
    let country_list = read_countries("data/clean/countries.csv", &countries_csv)?;
    let aliases = read_aliases(raw.aliases.0, raw.aliases.1, &country_list)?;
    let registry = Countries::new(country_list, &aliases);
    let sources = read_sources(raw.sources.0, raw.sources.1)?;
    let transcribed = |id: &EditionId| sources.iter().any(|s| &s.edition == id && s.transcribed);

    let mut editions = Vec::new();
    for (file, text) in raw.world_tables {
        let mut e = read_world_table(file, text, &registry, false)?;
        if transcribed(&e.edition) {
            e = read_world_table(file, text, &registry, true)?;
        }
        editions.push(e);
    }
    let all: Vec<_> = editions
        .iter()
        .flat_map(|e| e.observations.clone())
        .collect();
    let mut observations = Vec::new();
    for mut e in editions {
        resolve_blanks(&mut e.observations, &all);
        observations.extend(e.observations);
    }
    for (file, text) in raw.salient {
        observations.extend(read_salient(file, text)?.1);
    }
    Ok(Cleaned {
        countries: countries_csv,
        observations: write_observations(&observations),
        wgi: derive_wgi(raw.wgi.0, raw.wgi.1, &registry)?,
        eu_crm: derive_eu_crm(&raw.eu_crm, &registry)?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;

    fn repo() -> PathBuf {
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
    }

    fn read(rel: &str) -> String {
        std::fs::read_to_string(repo().join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
    }

    /// A cp1252 file, decoded (the first step of `data/TRANSFORMS.md` for the EU CRM annexes).
    fn read_cp1252(rel: &str) -> String {
        let bytes = std::fs::read(repo().join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"));
        crate::cp1252::decode(rel, &bytes).unwrap_or_else(|e| panic!("{e}"))
    }

    /// Re-derives the cleaned tables from the raw files and compares them with the
    /// committed ones. `UPDATE_EXPECT=1 cargo test -p data` rewrites them instead (then
    /// review the diff before committing).
    #[test]
    fn cleaned_tables_rederive_from_the_raw_files() {
        let files = [
            "data/raw/usgs/mcs2024-raree_world.csv",
            "data/raw/usgs/MCS2025_World_Data.csv",
            "data/raw/usgs/mcs2026-rare-earths_world_transcribed.csv",
            "data/raw/usgs/mcs2025-rareee_salient.csv",
            "data/raw/usgs/mcs2025-yttri_salient.csv",
            "data/raw/usgs/mcs2025-scand_salient.csv",
            "data/raw/geo/country-codes.csv",
            "data/raw/wgi/wgidataset.csv",
            "data/sources.csv",
            "data/aliases.csv",
            "data/raw/eu-crm/critmat_eureport_results.csv",
            "data/raw/eu-crm/critmat_eureport_tradeparameters.csv",
            "data/raw/eu-crm/global_supply_shares_and_t.csv",
            "data/raw/eu-crm/eu_supply_shares_and_t.csv",
            "data/raw/eu-crm/material_use_shares.csv",
            "data/raw/eu-crm/crms_over_time.csv",
        ];
        // The CritMAT files are UTF-8; the erikemilsson annex files are cp1252.
        let text: Vec<String> = files
            .iter()
            .enumerate()
            .map(|(i, f)| if i >= 12 { read_cp1252(f) } else { read(f) })
            .collect();
        let p = |i: usize| (files[i], text[i].as_str());
        let raw = RawInputs {
            world_tables: [p(0), p(1), p(2)],
            salient: [p(3), p(4), p(5)],
            country_codes: p(6),
            wgi: p(7),
            sources: p(8),
            aliases: p(9),
            eu_crm: AnnexTexts {
                results: p(10),
                trade_parameters: p(11),
                global_shares: p(12),
                eu_shares: p(13),
                uses: p(14),
                over_time: p(15),
            },
        };
        let cleaned = derive(&raw).unwrap_or_else(|e| panic!("{e}"));
        let outputs = [
            ("data/clean/countries.csv", &cleaned.countries),
            ("data/clean/observations.csv", &cleaned.observations),
            ("data/clean/wgi.csv", &cleaned.wgi),
            ("data/clean/eu_crm_2023_t.csv", &cleaned.eu_crm.inputs),
            (
                "data/clean/eu_crm_by_assessment.csv",
                &cleaned.eu_crm.by_assessment,
            ),
        ];
        for (rel, derived) in outputs {
            if std::env::var_os("UPDATE_EXPECT").is_some() {
                std::fs::write(repo().join(rel), derived).unwrap();
            } else {
                let committed = std::fs::read_to_string(repo().join(rel)).unwrap_or_default();
                assert!(committed == *derived, "{rel} differs from what the raw files give; run UPDATE_EXPECT=1 cargo test -p data and review the diff");
            }
        }
    }
}

#[cfg(test)]
mod raw_files_are_byte_identical {
    use sha2::{Digest, Sha256};
    use std::path::PathBuf;

    /// Every raw file hashes to the SHA-256 that `data/SOURCES.md` records for it, and every
    /// file in `data/raw/` is listed there.
    #[test]
    fn raw_files_match_their_recorded_sha256() {
        let data = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../data");
        let sources = std::fs::read_to_string(data.join("SOURCES.md")).unwrap();
        let block = sources
            .split("## SHA-256 of the raw files")
            .nth(1)
            .expect("SOURCES.md has the SHA-256 section");
        let mut listed = 0;
        for line in block
            .lines()
            .filter(|l| l.len() > 66 && l.as_bytes()[64] == b' ')
        {
            let (sum, rel) = (&line[..64], line[66..].trim());
            let bytes = std::fs::read(data.join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"));
            assert_eq!(
                format!("{:x}", Sha256::digest(&bytes)),
                sum,
                "{rel} is not byte-identical to its origin"
            );
            listed += 1;
        }
        let mut on_disk = 0;
        for dir in std::fs::read_dir(data.join("raw")).unwrap() {
            on_disk += std::fs::read_dir(dir.unwrap().path()).unwrap().count();
        }
        assert_eq!(listed, on_disk, "every raw file has a recorded SHA-256");
    }
}
