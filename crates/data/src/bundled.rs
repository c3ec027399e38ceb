//! The bundled dataset, embedded in the binary: nothing to download and nothing copied
//! into the store, so an upgraded binary always serves its own data.

use crate::clean::read_observations;
use crate::countries::{read_aliases, read_countries};
use crate::error::Result;
use crate::sources::read_sources;
use crate::wgi::{read_wgi, WgiRow};
use model::{Countries, Dataset};

/// `(file name, text)` of each embedded file.
pub const SOURCES: (&str, &str) = (
    "data/sources.csv",
    include_str!("../../../data/sources.csv"),
);
/// The alias table.
pub const ALIASES: (&str, &str) = (
    "data/aliases.csv",
    include_str!("../../../data/aliases.csv"),
);
/// The hand-kept statements (claims outside statistical tables).
pub const STATEMENTS: (&str, &str) = (
    "data/statements.csv",
    include_str!("../../../data/statements.csv"),
);
/// Stage data beyond the mine (separation, metal, magnet), in the cleaned format.
pub const CHAIN: (&str, &str) = ("data/chain.csv", include_str!("../../../data/chain.csv"));
/// Projects and deposits.
pub const PROJECTS: (&str, &str) = (
    "data/projects.csv",
    include_str!("../../../data/projects.csv"),
);
/// Element distributions of ore types.
pub const ORE_TYPES: (&str, &str) = (
    "data/ore_types.csv",
    include_str!("../../../data/ore_types.csv"),
);
/// Which ore types each country mines.
pub const COUNTRY_ORES: (&str, &str) = (
    "data/country_ores.csv",
    include_str!("../../../data/country_ores.csv"),
);
/// The EU CRM 2023 inputs as read before the transcriptions were bundled (hand-kept;
/// used where the transcriptions lack an input, and listed where they differ).
pub const EU_CRM_2023: (&str, &str) = (
    "data/eu_crm_2023.csv",
    include_str!("../../../data/eu_crm_2023.csv"),
);
/// The EU CRM 2023 inputs derived from the transcriptions in `data/raw/eu-crm/`.
pub const EU_CRM_2023_T: (&str, &str) = (
    "data/clean/eu_crm_2023_t.csv",
    include_str!("../../../data/clean/eu_crm_2023_t.csv"),
);
/// The published EU CRM scores by assessment (2011-2023).
pub const EU_CRM_BY_ASSESSMENT: (&str, &str) = (
    "data/clean/eu_crm_by_assessment.csv",
    include_str!("../../../data/clean/eu_crm_by_assessment.csv"),
);
/// Demand scenarios: technology parameters.
pub const DEMAND_TECHNOLOGIES: (&str, &str) = (
    "data/demand/technologies.csv",
    include_str!("../../../data/demand/technologies.csv"),
);
/// Demand scenarios: deployment by scenario and year.
pub const DEMAND_DEPLOYMENT: (&str, &str) = (
    "data/demand/deployment.csv",
    include_str!("../../../data/demand/deployment.csv"),
);
/// Demand scenarios: manufacturing yield, collection and recycling.
pub const DEMAND_RECOVERY: (&str, &str) = (
    "data/demand/recovery.csv",
    include_str!("../../../data/demand/recovery.csv"),
);
/// Demand scenarios: published estimates that differ from the ones the scenarios use.
pub const DEMAND_ALTERNATIVES: (&str, &str) = (
    "data/demand/alternatives.csv",
    include_str!("../../../data/demand/alternatives.csv"),
);
/// Demand scenarios: end uses' shares of NdFeB demand, and which technologies model them.
pub const DEMAND_END_USES: (&str, &str) = (
    "data/demand/end_uses.csv",
    include_str!("../../../data/demand/end_uses.csv"),
);
/// Trade links between countries and stages.
pub const TRADE_LINKS: (&str, &str) = (
    "data/trade_links.csv",
    include_str!("../../../data/trade_links.csv"),
);
/// Output by country and stage (published, derived or assumed).
pub const STAGE_OUTPUT: (&str, &str) = (
    "data/stage_output.csv",
    include_str!("../../../data/stage_output.csv"),
);
/// The element content of each country's mined output, as the world network carries it.
pub const MINE_SPLITS: (&str, &str) = (
    "data/mine_splits.csv",
    include_str!("../../../data/mine_splits.csv"),
);
/// World magnet rare-earth demand by region, element and scenario.
pub const WORLD_DEMAND: (&str, &str) = (
    "data/demand/world.csv",
    include_str!("../../../data/demand/world.csv"),
);
/// China's monthly magnet exports in 2025 (the back-test's observations).
pub const CHINA_MAGNET_EXPORTS: (&str, &str) = (
    "data/backtest/china_magnet_exports.csv",
    include_str!("../../../data/backtest/china_magnet_exports.csv"),
);
/// The cleaned country table.
pub const COUNTRIES: (&str, &str) = (
    "data/clean/countries.csv",
    include_str!("../../../data/clean/countries.csv"),
);
/// The cleaned observations.
pub const OBSERVATIONS: (&str, &str) = (
    "data/clean/observations.csv",
    include_str!("../../../data/clean/observations.csv"),
);
/// Exchange rates and the US price index the planner converts costs with.
pub const FX: (&str, &str) = ("data/fx.csv", include_str!("../../../data/fx.csv"));
/// Generic candidates of the roadmap planner (labelled assumptions).
pub const GENERIC_PROJECTS: (&str, &str) = (
    "data/generic_projects.csv",
    include_str!("../../../data/generic_projects.csv"),
);
/// The cleaned WGI table.
pub const WGI: (&str, &str) = (
    "data/clean/wgi.csv",
    include_str!("../../../data/clean/wgi.csv"),
);

/// A bundled network folder.
#[derive(Debug)]
pub struct BundledNetwork {
    /// The folder, as its scenarios name it.
    pub folder: &'static str,
    /// `nodes.csv`.
    pub nodes: (&'static str, &'static str),
    /// `links.csv`.
    pub links: (&'static str, &'static str),
    /// `demand.csv`.
    pub demand: Option<(&'static str, &'static str)>,
}

/// A bundled scenario: its name, its file, and the network folder it names (`None` for the
/// bundled world network).
#[derive(Debug)]
pub struct BundledScenario {
    /// The name `sim run NAME` takes.
    pub name: &'static str,
    /// `(file name, text)`.
    pub file: (&'static str, &'static str),
    /// Its network folder.
    pub network: Option<BundledNetwork>,
}

macro_rules! file {
    ($path:literal) => {
        ($path, include_str!(concat!("../../../", $path)))
    };
}

/// The hand-built example network of `examples/sim/`.
const EXAMPLE_NETWORK: BundledNetwork = BundledNetwork {
    folder: "examples/sim/network",
    nodes: file!("examples/sim/network/nodes.csv"),
    links: file!("examples/sim/network/links.csv"),
    demand: Some(file!("examples/sim/network/demand.csv")),
};

/// A scenario on the bundled world network.
macro_rules! world_scenario {
    ($name:literal) => {
        BundledScenario {
            name: $name,
            file: (
                concat!("scenarios/", $name, ".toml"),
                include_str!(concat!("../../../scenarios/", $name, ".toml")),
            ),
            network: None,
        }
    };
}

/// The bundled scenarios (`rareflow sim list`): seven on the world network, then the two
/// hand-built examples.
pub const SCENARIOS: &[BundledScenario] = &[
    world_scenario!("baseline"),
    world_scenario!("china-2025-controls"),
    world_scenario!("myanmar-halt"),
    world_scenario!("russia-roadmap-east"),
    world_scenario!("russia-roadmap-west"),
    world_scenario!("us-deals"),
    world_scenario!("china-depletion"),
    BundledScenario {
        name: "example-baseline",
        file: file!("examples/sim/baseline.toml"),
        network: Some(EXAMPLE_NETWORK),
    },
    BundledScenario {
        name: "example-ban",
        file: file!("examples/sim/ban.toml"),
        network: Some(EXAMPLE_NETWORK),
    },
];

/// A bundled roadmap (`rareflow plan NAME`).
#[derive(Debug)]
pub struct BundledRoadmap {
    /// The name `plan NAME` takes.
    pub name: &'static str,
    /// `(file name, text)`.
    pub file: (&'static str, &'static str),
}

macro_rules! roadmap {
    ($name:literal) => {
        BundledRoadmap {
            name: $name,
            file: (
                concat!("roadmaps/", $name, ".toml"),
                include_str!(concat!("../../../roadmaps/", $name, ".toml")),
            ),
        }
    };
}

/// The bundled roadmaps (`rareflow plan list`).
pub const ROADMAPS: &[BundledRoadmap] = &[
    roadmap!("russia-2030"),
    roadmap!("eu-crma-2030"),
    roadmap!("us-mine-to-magnet"),
];

/// Every bundled data file, for the dataset checksum a run records.
pub const ALL_FILES: &[(&str, &str)] = &[
    SOURCES,
    ALIASES,
    STATEMENTS,
    CHAIN,
    PROJECTS,
    GENERIC_PROJECTS,
    FX,
    ORE_TYPES,
    COUNTRY_ORES,
    EU_CRM_2023,
    EU_CRM_2023_T,
    EU_CRM_BY_ASSESSMENT,
    DEMAND_TECHNOLOGIES,
    DEMAND_DEPLOYMENT,
    DEMAND_RECOVERY,
    DEMAND_ALTERNATIVES,
    DEMAND_END_USES,
    TRADE_LINKS,
    STAGE_OUTPUT,
    MINE_SPLITS,
    WORLD_DEMAND,
    CHINA_MAGNET_EXPORTS,
    COUNTRIES,
    OBSERVATIONS,
    WGI,
];

/// The country registry (ISO table plus aliases).
pub fn countries() -> Result<Countries> {
    let list = read_countries(COUNTRIES.0, COUNTRIES.1)?;
    let aliases = read_aliases(ALIASES.0, ALIASES.1, &list)?;
    Ok(Countries::new(list, &aliases))
}

/// The bundled dataset: sources, observations (USGS tables and statements) and countries.
pub fn dataset() -> Result<Dataset> {
    let countries = countries()?;
    let mut observations = read_observations(OBSERVATIONS.0, OBSERVATIONS.1, &countries)?;
    observations.extend(read_observations(STATEMENTS.0, STATEMENTS.1, &countries)?);
    observations.extend(read_observations(CHAIN.0, CHAIN.1, &countries)?);
    Ok(Dataset {
        sources: read_sources(SOURCES.0, SOURCES.1)?,
        observations,
        countries,
    })
}

/// The EU CRM tables: the transcriptions' inputs, the earlier readings, the scores by
/// assessment.
pub fn eu_crm() -> Result<model::eucrm::EuTables> {
    Ok(model::eucrm::EuTables {
        inputs: crate::eucrm::read_eu_inputs(EU_CRM_2023_T.0, EU_CRM_2023_T.1)?,
        earlier: crate::eucrm::read_eu_inputs(EU_CRM_2023.0, EU_CRM_2023.1)?,
        by_assessment: crate::eucrm::read_eu_by_assessment(
            EU_CRM_BY_ASSESSMENT.0,
            EU_CRM_BY_ASSESSMENT.1,
        )?,
    })
}

/// The world tables (trade links, stage output, mine splits, world demand), checked
/// against the bundled sources.
pub fn world(
    countries: &Countries,
    sources: &[model::Source],
) -> Result<model::trade::WorldTables> {
    let editions: crate::trade::Editions = sources.iter().map(|s| s.edition.0.clone()).collect();
    crate::trade::read_world(
        TRADE_LINKS,
        STAGE_OUTPUT,
        MINE_SPLITS,
        WORLD_DEMAND,
        countries,
        &editions,
    )
}

/// The WGI table (read only by the commands that need governance data).
pub fn wgi() -> Result<Vec<WgiRow>> {
    read_wgi(WGI.0, WGI.1)
}
