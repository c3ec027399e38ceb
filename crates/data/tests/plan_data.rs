//! The roadmap planner's bundled data (issue 15): `data/projects.csv` with its economics
//! columns, `data/generic_projects.csv` and `data/fx.csv` read, hold the conventions
//! `data/TRANSFORMS.md` states, and cite only editions of `data/sources.csv`.
//!
//! The files are read from the repository here (not through `data::bundled`), so these
//! tests check the data whatever constants the crate embeds.

use data::chainfiles::read_projects;
use data::planfiles::{read_fx, read_generic};
use data::sources::read_sources;
use model::plan::{FxRate, GenericTemplate, CPI_U};
use model::project::{CapacityBasis, Project, ProjectStatus};
use std::collections::{BTreeSet, HashSet};

const PROJECTS: (&str, &str) = (
    "data/projects.csv",
    include_str!("../../../data/projects.csv"),
);
const GENERIC: (&str, &str) = (
    "data/generic_projects.csv",
    include_str!("../../../data/generic_projects.csv"),
);
const FX: (&str, &str) = ("data/fx.csv", include_str!("../../../data/fx.csv"));
const SOURCES: (&str, &str) = (
    "data/sources.csv",
    include_str!("../../../data/sources.csv"),
);

fn projects() -> Vec<Project> {
    read_projects(PROJECTS.0, PROJECTS.1).unwrap()
}

fn generic() -> Vec<GenericTemplate> {
    read_generic(GENERIC.0, GENERIC.1).unwrap()
}

fn fx() -> Vec<FxRate> {
    read_fx(FX.0, FX.1).unwrap()
}

fn project(name: &str) -> Project {
    projects()
        .into_iter()
        .find(|p| p.name == name)
        .unwrap_or_else(|| panic!("no project {name}"))
}

fn rate(rates: &[FxRate], currency: &str, year: i32) -> Option<f64> {
    rates
        .iter()
        .find(|r| r.currency == currency && r.year == year)
        .map(|r| r.usd_per_unit)
}

#[test]
fn the_bundled_projects_read_with_their_economics() {
    let all = projects();
    assert_eq!(all.len(), 60, "28 listed before issue 15 + 32 candidates");
    let names: HashSet<&str> = all.iter().map(|p| p.name.as_str()).collect();
    assert_eq!(names.len(), all.len(), "project names are unique");
    assert!(
        all.iter().all(|p| !p.name.starts_with("GENERIC")),
        "generic candidates live in data/generic_projects.csv"
    );
    let with_capacity = all
        .iter()
        .filter(|p| p.economics.capacity_t.is_some())
        .count();
    let with_capex = all.iter().filter(|p| p.capex.is_some()).count();
    assert_eq!((with_capacity, with_capex), (39, 32));
}

#[test]
fn known_answers_nolans_mount_weld_and_others() {
    let nolans = project("Nolans");
    let e = &nolans.economics;
    assert_eq!(e.capacity_t, Some(4440.0));
    assert_eq!(e.basis, Some(CapacityBasis::NdPr));
    assert_eq!(
        (nolans.capex, nolans.capex_currency.as_str()),
        (Some(1600.0), "AUD")
    );
    assert_eq!(e.capex_year, Some(2024));
    let opex = e.opex.as_ref().unwrap();
    assert_eq!(
        (opex.amount, opex.currency.as_str(), opex.year),
        (24.76, "USD", Some(2021))
    );
    assert_eq!(e.opex_unit, "per kg NdPr oxide");
    assert_eq!(e.edition, "ARU-NOLANS-2024");
    assert!(e.citation.contains("4,440 tpa NdPr oxide"));
    assert_eq!(e.lead_years, None, "no investment decision yet: a gap");

    let weld = project("Mount Weld");
    assert_eq!(weld.economics.capacity_t, Some(12000.0));
    assert_eq!(weld.economics.basis, Some(CapacityBasis::NdPr));
    assert_eq!(weld.status, ProjectStatus::Operating);

    // A published range of cost: the upper end (A$1.7-1.8bn).
    let eneabba = project("Iluka Eneabba refinery");
    assert_eq!(
        (eneabba.capex, eneabba.capex_currency.as_str()),
        (Some(1800.0), "AUD")
    );
    assert_eq!(eneabba.economics.lead_years, Some(5.0));

    // Capex in the published currency, not the source's conversion.
    let kalgoorlie = project("Lynas Kalgoorlie processing facility");
    assert_eq!(
        (kalgoorlie.capex, kalgoorlie.capex_currency.as_str()),
        (Some(800.0), "AUD")
    );
    let solikamsk = project("Solikamsk Magnesium Plant (rare-earth separation)");
    assert_eq!(
        (solikamsk.capex, solikamsk.capex_currency.as_str()),
        (Some(7000.0), "RUB")
    );

    // Magnets stay magnets; the planner converts them.
    let evac = project("e-VAC Magnetics Sumter magnet plant");
    assert_eq!(evac.economics.capacity_t, Some(2000.0));
    assert_eq!(evac.economics.basis, Some(CapacityBasis::Magnet));

    // A capacity in tonnes of ore is a gap, with the reason.
    let tomtor = project("Tomtor (Buranny)");
    assert_eq!(tomtor.economics.capacity_t, None);
    assert!(tomtor
        .economics
        .conversion
        .starts_with("GAP: capacity published in t of ore"));

    // One-step conversions written down.
    let yangibana = project("Hastings Yangibana");
    assert_eq!(yangibana.economics.capacity_t, Some(9990.0));
    assert!(yangibana
        .economics
        .conversion
        .contains("37,000 t concentrate a year x 27% REO"));
}

#[test]
fn the_economics_hold_the_stated_conventions() {
    for p in projects() {
        let e = &p.economics;
        let at = &p.name;
        assert_eq!(
            e.capacity_t.is_some(),
            e.basis.is_some(),
            "{at}: capacity and basis together"
        );
        assert!(
            !e.conversion.is_empty(),
            "{at}: how the capacity was obtained, or why it is a gap"
        );
        if e.capacity_t.is_none() {
            assert!(e.conversion.starts_with("GAP"), "{at}: a gap says so");
        }
        if e.lead_years.is_some() {
            assert!(
                !e.lead_source.is_empty(),
                "{at}: a lead time has its source"
            );
        }
        if let Some(opex) = &e.opex {
            assert!(
                e.opex_unit.starts_with("per kg ") || e.opex_unit.starts_with("per t "),
                "{at}: opex unit {:?}",
                e.opex_unit
            );
            assert!(
                !opex.currency.is_empty() && opex.year.is_some(),
                "{at}: opex currency and year"
            );
        } else {
            assert!(e.opex_unit.is_empty(), "{at}: an opex unit without an opex");
        }
        if p.capex.is_some() {
            assert!(!p.capex_currency.is_empty(), "{at}: capex currency");
        }
        if e.capex_year.is_some() {
            assert!(p.capex.is_some(), "{at}: a capex year without a capex");
        }
        if !e.edition.is_empty() {
            assert!(!e.citation.is_empty(), "{at}: an edition is quoted");
        }
    }
}

#[test]
fn the_generic_templates_are_labelled_and_complete() {
    let all = generic();
    assert_eq!(all.len(), 10);
    for g in &all {
        let at = &g.name;
        assert!(g.name.starts_with("GENERIC (ASSUMPTION)"), "{at}");
        assert!(
            g.notes.starts_with("ASSUMPTION"),
            "{at}: notes say what it copies and why"
        );
        assert!(
            g.capex.is_some_and(|c| c > 0.0) && !g.capex_currency.is_empty(),
            "{at}: capex"
        );
        assert!(g.economics.capex_year.is_some(), "{at}: capex year");
        assert!(
            g.economics.capacity_t.is_some_and(|c| c > 0.0),
            "{at}: capacity"
        );
        assert!(g.economics.basis.is_some(), "{at}: basis");
        assert!(
            !g.economics.edition.is_empty() && !g.economics.citation.is_empty(),
            "{at}"
        );
        if g.stages.contains(&model::Stage::Magnet) {
            assert_eq!(
                g.economics.basis,
                Some(CapacityBasis::Magnet),
                "{at}: magnets in t NdFeB"
            );
        }
    }
    // Each copies a named project of data/projects.csv: its size and cost.
    let projects = projects();
    let copies = [
        ("Ucore LA-SMC", "Ucore Louisiana Strategic Metals Complex"),
        ("White Mesa Phase 2", "Energy Fuels White Mesa Phase 2"),
        (
            "Aclara Louisiana",
            "Aclara Louisiana heavy rare earth separation plant",
        ),
        ("Iluka Eneabba", "Iluka Eneabba refinery"),
        ("Neo Narva phase 1", "Neo Magnequench Narva magnet plant"),
        ("SGI Vina", "SGI Vina magnet plant (Quang Nam)"),
        ("MP Independence", "MP Independence magnetics (Fort Worth)"),
        ("e-VAC Sumter", "e-VAC Magnetics Sumter magnet plant"),
        ("Songwe Hill", "Songwe Hill"),
        ("Ngualla", "Ngualla"),
    ];
    for g in &all {
        let (_, name) = copies
            .iter()
            .find(|(k, _)| g.name.contains(k))
            .unwrap_or_else(|| panic!("{}: which project does it copy?", g.name));
        let p = projects.iter().find(|p| &p.name == name).unwrap();
        assert_eq!(
            (p.capex, &p.capex_currency),
            (g.capex, &g.capex_currency),
            "{}",
            g.name
        );
        assert_eq!(p.economics.capex_year, g.economics.capex_year, "{}", g.name);
        assert_eq!(p.economics.capacity_t, g.economics.capacity_t, "{}", g.name);
        assert_eq!(p.economics.basis, g.economics.basis, "{}", g.name);
        assert_eq!(p.economics.edition, g.economics.edition, "{}", g.name);
    }
}

#[test]
fn the_bundled_fx_reads_and_has_the_files_values() {
    let rates = fx();
    assert_eq!(rates.len(), 180);
    assert_eq!(rate(&rates, "AUD", 2024), Some(0.6597));
    assert_eq!(rate(&rates, "EUR", 2023), Some(1.0817));
    assert_eq!(rate(&rates, CPI_U, 2024), Some(1.0));
    assert_eq!(rate(&rates, CPI_U, 2022), Some(1.0719));
    assert!(
        rates.iter().all(|r| r.currency != "RUB"),
        "RUB has no sourced rate: a gap"
    );
    assert!(
        rate(&rates, CPI_U, 2026).is_none(),
        "no 2026 price index yet"
    );
}

/// The costs that cannot be brought to USD 2024 with the bundled rates: the planner
/// excludes these candidates (or leaves out their opex) and says why. A new rate or a
/// new figure changes this list on purpose.
#[test]
fn the_costs_without_a_rate_are_the_known_gaps() {
    let rates = fx();
    let convertible = |currency: &str, year: Option<i32>| match year {
        None => false,
        Some(y) => {
            (currency == "USD" || rate(&rates, currency, y).is_some())
                && rate(&rates, CPI_U, y).is_some()
        }
    };
    let mut gaps = BTreeSet::new();
    for p in projects() {
        if p.capex.is_some() && !convertible(&p.capex_currency, p.economics.capex_year) {
            gaps.insert(format!(
                "{} capex {} {:?}",
                p.name, p.capex_currency, p.economics.capex_year
            ));
        }
        if let Some(o) = &p.economics.opex {
            if !convertible(&o.currency, o.year) {
                gaps.insert(format!("{} opex {} {:?}", p.name, o.currency, o.year));
            }
        }
    }
    for g in generic() {
        if !convertible(&g.capex_currency, g.economics.capex_year) {
            gaps.insert(format!(
                "{} capex {} {:?}",
                g.name, g.capex_currency, g.economics.capex_year
            ));
        }
    }
    let expected: BTreeSet<String> = [
        "Energy Fuels White Mesa Phase 2 capex USD Some(2026)",
        "Energy Fuels White Mesa Phase 2 opex USD Some(2026)",
        "GENERIC (ASSUMPTION) separation plant, replica of Energy Fuels White Mesa Phase 2 capex USD Some(2026)",
        "Glazov permanent magnet plant (Rosatom) capex RUB Some(2024)",
        "KSM Metals Ochang metals plant (ASM) capex KRW None",
        "Solikamsk Magnesium Plant (rare-earth separation) capex RUB Some(2024)",
        "Zashikhinskoye capex RUB None",
    ]
    .into_iter()
    .map(String::from)
    .collect();
    assert_eq!(gaps, expected);
}

#[test]
fn every_edition_cited_exists_once_in_the_sources() {
    let sources = read_sources(SOURCES.0, SOURCES.1).unwrap();
    let mut ids = HashSet::new();
    for s in &sources {
        assert!(
            ids.insert(s.edition.0.clone()),
            "edition {} twice in data/sources.csv",
            s.edition.0
        );
    }
    let mut cited: Vec<(String, String)> = Vec::new();
    for p in projects() {
        cited.push((p.name.clone(), p.economics.edition.clone()));
    }
    for g in generic() {
        cited.push((g.name.clone(), g.economics.edition.clone()));
    }
    for r in fx() {
        cited.push((format!("fx {} {}", r.currency, r.year), r.source.clone()));
    }
    for (who, edition) in &cited {
        if edition.is_empty() {
            assert_eq!(
                who, "Yastrubetske",
                "only the row without any source cites nothing"
            );
            continue;
        }
        assert!(
            ids.contains(edition),
            "{who} cites {edition}, not in data/sources.csv"
        );
    }
}
