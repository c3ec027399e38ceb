//! Property tests: every reader, fed random bytes and mutations of the real files
//! (truncation, byte flips, swapped columns, a byte-order mark or CRLF line ends, hostile
//! cells: NaN, 1e308, 400 digits, a negative number, an unterminated quote), never panics,
//! and either reads a value (which, for the cleaned format, reads back identically after
//! writing) or fails with an error naming the file and, for a problem inside it, the line.
//!
//! The normal suite runs a bounded number of cases per reader; `docs/testing.md` gives the
//! command for a long run (`PROPTEST_CASES=...`) and records one.

use data::error::DataError;
use proptest::prelude::*;

/// A repository file, as text (a cp1252 file decoded, as `data::derive` does).
fn repo(rel: &str) -> String {
    let p = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .join(rel);
    let bytes = std::fs::read(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()));
    String::from_utf8(bytes.clone())
        .or_else(|_| data::cp1252::decode(rel, &bytes))
        .unwrap_or_else(|e| panic!("{}: {e}", p.display()))
}

/// Cells a hostile tester puts in a table.
const HOSTILE: [&str; 12] = [
    "NaN",
    "inf",
    "-inf",
    "1e308",
    "-5",
    "\"unterminated",
    "",
    "W",
    "—",
    "0x10",
    "1e-400",
    "ÿ",
];

/// One change to a file's text.
#[derive(Debug, Clone)]
enum Mutation {
    Truncate(f64),
    FlipByte(f64, u8),
    SwapColumns(usize, usize),
    Bom,
    Crlf,
    Cell(f64, usize, usize),
    LongNumber(f64, usize),
    Garbage(String),
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        (0.0..1.0f64).prop_map(Mutation::Truncate),
        (0.0..1.0f64, any::<u8>()).prop_map(|(p, b)| Mutation::FlipByte(p, b)),
        (0..12usize, 0..12usize).prop_map(|(a, b)| Mutation::SwapColumns(a, b)),
        Just(Mutation::Bom),
        Just(Mutation::Crlf),
        (0.0..1.0f64, 0..12usize, 0..HOSTILE.len()).prop_map(|(r, c, h)| Mutation::Cell(r, c, h)),
        (0.0..1.0f64, 0..12usize).prop_map(|(r, c)| Mutation::LongNumber(r, c)),
        ".{0,200}".prop_map(Mutation::Garbage),
    ]
}

/// Splits a line into cells, naively (mutations need not respect quoting: that is the point).
fn apply(text: &str, m: &Mutation) -> String {
    let lines: Vec<&str> = text.lines().collect();
    let pick = |f: f64| ((f * lines.len() as f64) as usize).min(lines.len().saturating_sub(1));
    match m {
        Mutation::Truncate(f) => {
            let mut at = (f * text.len() as f64) as usize;
            while at > 0 && !text.is_char_boundary(at) {
                at -= 1;
            }
            text[..at].to_string()
        }
        Mutation::FlipByte(f, b) => {
            let mut bytes = text.as_bytes().to_vec();
            if !bytes.is_empty() {
                let i = ((f * bytes.len() as f64) as usize).min(bytes.len() - 1);
                bytes[i] = *b;
            }
            String::from_utf8_lossy(&bytes).into_owned()
        }
        Mutation::SwapColumns(a, b) => {
            let mut out: Vec<String> = Vec::new();
            for (i, l) in lines.iter().enumerate() {
                let mut cells: Vec<&str> = l.split(',').collect();
                if i == 0 && *a < cells.len() && *b < cells.len() {
                    cells.swap(*a, *b);
                }
                out.push(cells.join(","));
            }
            out.join("\n")
        }
        Mutation::Bom => format!("\u{feff}{text}"),
        Mutation::Crlf => text.replace('\n', "\r\n"),
        Mutation::Cell(r, c, h) => replace_cell(&lines, pick(*r), *c, HOSTILE[*h]),
        Mutation::LongNumber(r, c) => replace_cell(&lines, pick(*r), *c, &"9".repeat(400)),
        Mutation::Garbage(g) => format!("{text}{g}"),
    }
}

fn replace_cell(lines: &[&str], row: usize, col: usize, with: &str) -> String {
    lines
        .iter()
        .enumerate()
        .map(|(i, l)| {
            if i != row || i == 0 {
                return l.to_string();
            }
            let mut cells: Vec<&str> = l.split(',').collect();
            let c = col.min(cells.len().saturating_sub(1));
            if !cells.is_empty() {
                cells[c] = with;
            }
            cells.join(",")
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// The error names the file and, unless it is about the whole file, a line in it.
fn located(file: &str, e: &DataError) -> Result<(), TestCaseError> {
    let text = e.to_string();
    prop_assert!(text.starts_with(file), "error does not name {file}: {text}");
    match e {
        DataError::File { .. } => {}
        DataError::InvalidValue { line, column, .. } => {
            prop_assert!(*line >= 1 && *column >= 1, "{text}")
        }
        DataError::MissingColumn { .. } => {}
        DataError::Line { line, .. } => prop_assert!(*line >= 1, "{text}"),
        DataError::Key { line, column, .. } => prop_assert!(*line >= 1 && *column >= 1, "{text}"),
    }
    Ok(())
}

fn cases() -> ProptestConfig {
    ProptestConfig {
        cases: std::env::var("PROPTEST_CASES")
            .ok()
            .and_then(|c| c.parse().ok())
            .unwrap_or(48),
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

macro_rules! reader_never_panics {
    ($name:ident, $file:expr, |$f:ident, $text:ident| $read:expr) => {
        proptest! {
            #![proptest_config(cases())]
            #[test]
            fn $name(ms in proptest::collection::vec(mutation(), 1..4), random in any::<bool>(), bytes in ".{0,300}") {
                let base = repo($file);
                let mut $text = if random { bytes } else { base };
                for m in &ms {
                    $text = apply(&$text, m);
                }
                let $f = "mutated.csv";
                let result = $read;
                if let Err(e) = &result {
                    located($f, e)?;
                }
            }
        }
    };
}

reader_never_panics!(
    usgs_world_2025,
    "data/raw/usgs/MCS2025_World_Data.csv",
    |f, t| {
        let countries = data::bundled::countries().unwrap();
        data::usgs::read_world_table(f, &t, &countries, false).map(|_| ())
    }
);
reader_never_panics!(
    usgs_world_2024,
    "data/raw/usgs/mcs2024-raree_world.csv",
    |f, t| {
        let countries = data::bundled::countries().unwrap();
        data::usgs::read_world_table(f, &t, &countries, false).map(|_| ())
    }
);
reader_never_panics!(
    usgs_world_2026,
    "data/raw/usgs/mcs2026-rare-earths_world_transcribed.csv",
    |f, t| {
        let countries = data::bundled::countries().unwrap();
        data::usgs::read_world_table(f, &t, &countries, true).map(|_| ())
    }
);
reader_never_panics!(
    usgs_salient,
    "data/raw/usgs/mcs2025-rareee_salient.csv",
    |f, t| { data::salient::read_salient(f, &t).map(|_| ()) }
);
reader_never_panics!(stock_series, "tests/golden/inputs/inflow.csv", |f, t| {
    data::series::read_series(
        f,
        &t,
        data::series::SeriesKind::Inflow,
        model::Lifetime::Fixed { mean: 10.0 },
    )
    .map(|_| ())
});
reader_never_panics!(
    demand_technologies,
    "data/demand/technologies.csv",
    |f, t| { data::demandfiles::read_technologies(f, &t).map(|_| ()) }
);
reader_never_panics!(demand_deployment, "data/demand/deployment.csv", |f, t| {
    data::demandfiles::read_deployment(f, &t).map(|_| ())
});
reader_never_panics!(demand_recovery, "data/demand/recovery.csv", |f, t| {
    data::demandfiles::read_recovery(f, &t).map(|_| ())
});
reader_never_panics!(
    demand_alternatives,
    "data/demand/alternatives.csv",
    |f, t| { data::demandfiles::read_alternatives(f, &t).map(|_| ()) }
);
reader_never_panics!(demand_end_uses, "data/demand/end_uses.csv", |f, t| {
    data::demandfiles::read_end_uses(f, &t).map(|_| ())
});
reader_never_panics!(ore_types, "data/ore_types.csv", |f, t| {
    data::chainfiles::read_ore_types(f, &t).map(|_| ())
});
reader_never_panics!(country_ores, "data/country_ores.csv", |f, t| {
    let types =
        data::chainfiles::read_ore_types(data::bundled::ORE_TYPES.0, data::bundled::ORE_TYPES.1)
            .unwrap();
    data::chainfiles::read_country_ores(f, &t, &types, "data/ore_types.csv").map(|_| ())
});
reader_never_panics!(projects, "data/projects.csv", |f, t| {
    data::chainfiles::read_projects(f, &t).map(|_| ())
});
reader_never_panics!(eu_crm, "data/eu_crm_2023.csv", |f, t| {
    data::eucrm::read_eu_inputs(f, &t).map(|_| ())
});
reader_never_panics!(eu_crm_clean, "data/clean/eu_crm_2023_t.csv", |f, t| {
    data::eucrm::read_eu_inputs(f, &t).map(|_| ())
});
reader_never_panics!(
    eu_crm_by_assessment,
    "data/clean/eu_crm_by_assessment.csv",
    |f, t| { data::eucrm::read_eu_by_assessment(f, &t).map(|_| ()) }
);
reader_never_panics!(
    eu_crm_results,
    "data/raw/eu-crm/critmat_eureport_results.csv",
    |f, t| { data::eucrm::annex::read_results(f, &t).map(|_| ()) }
);
reader_never_panics!(
    eu_crm_trade_parameters,
    "data/raw/eu-crm/critmat_eureport_tradeparameters.csv",
    |f, t| { data::eucrm::annex::read_trade_parameters(f, &t).map(|_| ()) }
);
reader_never_panics!(
    eu_crm_global_shares,
    "data/raw/eu-crm/global_supply_shares_and_t.csv",
    |f, t| {
        let countries = data::bundled::countries().unwrap();
        data::eucrm::annex::read_shares(f, &t, &countries).map(|_| ())
    }
);
reader_never_panics!(
    eu_crm_eu_shares,
    "data/raw/eu-crm/eu_supply_shares_and_t.csv",
    |f, t| {
        let countries = data::bundled::countries().unwrap();
        data::eucrm::annex::read_shares(f, &t, &countries).map(|_| ())
    }
);
reader_never_panics!(
    eu_crm_uses,
    "data/raw/eu-crm/material_use_shares.csv",
    |f, t| { data::eucrm::annex::read_uses(f, &t).map(|_| ()) }
);
reader_never_panics!(
    eu_crm_over_time,
    "data/raw/eu-crm/crms_over_time.csv",
    |f, t| { data::eucrm::annex::read_over_time(f, &t).map(|_| ()) }
);
reader_never_panics!(sources, "data/sources.csv", |f, t| {
    data::sources::read_sources(f, &t).map(|_| ())
});
reader_never_panics!(aliases, "data/aliases.csv", |f, t| {
    let list =
        data::countries::read_countries(data::bundled::COUNTRIES.0, data::bundled::COUNTRIES.1)
            .unwrap();
    data::countries::read_aliases(f, &t, &list).map(|_| ())
});
reader_never_panics!(wgi_clean, "data/clean/wgi.csv", |f, t| {
    data::wgi::read_wgi(f, &t).map(|_| ())
});

// The cleaned observation format (chain statements, the bundled observations): what reads
// back must read back identically after writing.
reader_never_panics!(clean_chain_statements, "data/chain.csv", |f, t| {
    let countries = data::bundled::countries().unwrap();
    data::clean::read_observations(f, &t, &countries).map(|obs| {
        let written = data::clean::write_observations(&obs);
        let again = data::clean::read_observations("again.csv", &written, &countries)
            .expect("what was read and written reads again");
        assert_eq!(obs, again, "a round trip changes nothing");
    })
});
reader_never_panics!(clean_statements, "data/statements.csv", |f, t| {
    let countries = data::bundled::countries().unwrap();
    data::clean::read_observations(f, &t, &countries).map(|obs| {
        let again = data::clean::read_observations(
            "again.csv",
            &data::clean::write_observations(&obs),
            &countries,
        )
        .expect("what was read and written reads again");
        assert_eq!(obs, again, "a round trip changes nothing");
    })
});

proptest! {
    #![proptest_config(cases())]
    /// Lifetimes, typed quantities and years as users type them never panic.
    #[test]
    fn arguments_never_panic(text in ".{0,40}", n in any::<i64>()) {
        let _ = text.parse::<model::Lifetime>();
        let _ = text.parse::<model::TypedTonnes>();
        let _ = model::Year::checked(n as i32);
        let spec = format!("lognormal:{},{}", n as f64 / 7.0, text.len());
        if let Ok(l) = spec.parse::<model::Lifetime>() {
            let _ = l.validate();
        }
    }
}

reader_never_panics!(scenario, "examples/sim/ban.toml", |f, t| {
    let countries = data::bundled::countries().unwrap();
    data::scenario::read_scenario(f, &t, &countries).map(|_| ())
});
reader_never_panics!(network_nodes, "examples/sim/network/nodes.csv", |f, t| {
    data::simfiles::read_nodes(f, &t, &data::bundled::countries().unwrap()).map(|_| ())
});
reader_never_panics!(network_links, "examples/sim/network/links.csv", |f, t| {
    let countries = data::bundled::countries().unwrap();
    let nodes =
        data::simfiles::read_nodes("n.csv", &repo("examples/sim/network/nodes.csv"), &countries)
            .unwrap();
    data::simfiles::read_links(f, &t, &countries, &nodes).map(|_| ())
});
reader_never_panics!(network_demand, "examples/sim/network/demand.csv", |f, t| {
    data::simfiles::read_demand(f, &t, &data::bundled::countries().unwrap()).map(|_| ())
});

fn editions() -> data::trade::Editions {
    data::sources::read_sources(data::bundled::SOURCES.0, data::bundled::SOURCES.1)
        .unwrap()
        .into_iter()
        .map(|s| s.edition.0)
        .collect()
}

reader_never_panics!(trade_links, "data/trade_links.csv", |f, t| {
    let countries = data::bundled::countries().unwrap();
    data::trade::read_trade_links(f, &t, &countries, &editions()).map(|_| ())
});
reader_never_panics!(stage_output, "data/stage_output.csv", |f, t| {
    let countries = data::bundled::countries().unwrap();
    data::trade::read_stage_output(f, &t, &countries, &editions()).map(|_| ())
});
reader_never_panics!(mine_splits, "data/mine_splits.csv", |f, t| {
    let countries = data::bundled::countries().unwrap();
    data::trade::read_mine_splits(f, &t, &countries, &editions()).map(|_| ())
});
reader_never_panics!(world_demand, "data/demand/world.csv", |f, t| {
    let countries = data::bundled::countries().unwrap();
    data::trade::read_world_demand(f, &t, &countries, &editions()).map(|_| ())
});
