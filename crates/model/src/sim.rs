//! The vocabulary of the scenario simulator: regions (ISO3 codes plus the groups `EU27`
//! and `ROW`), species (the 17 elements and `unspecified` oxide), the network a scenario
//! runs on (nodes, baseline links, demand), and the scenario itself (its events).
//!
//! `data` reads these from files with located errors and `sim` steps them; nothing here
//! does IO. Every number of a scenario is a plain value today; the types keep each one in
//! one place so that a later Monte Carlo can draw it from a distribution.

use crate::country::CountryCode;
use crate::element::Element;
use crate::stage::Stage;
use std::fmt;

/// Where a node is: a country, or a group a source reports only as a whole.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Region {
    /// One country (ISO 3166 alpha-3).
    Country(CountryCode),
    /// The EU member states together (`EU27`).
    Eu27,
    /// The rest of the world (`ROW`).
    Row,
}

impl Region {
    /// The code files and outputs use.
    pub fn id(&self) -> &str {
        match self {
            Region::Country(c) => c.as_str(),
            Region::Eu27 => "EU27",
            Region::Row => "ROW",
        }
    }

    /// A region from its code (case-insensitive); countries must be three letters.
    pub fn parse(s: &str) -> Option<Region> {
        match s.trim().to_ascii_uppercase().as_str() {
            "EU27" => Some(Region::Eu27),
            "ROW" => Some(Region::Row),
            t => CountryCode::parse(t).map(Region::Country),
        }
    }
}

impl fmt::Display for Region {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.id())
    }
}

/// What a flow of oxide is: one element, or oxide whose element is not known.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Species {
    /// One element's oxide.
    Element(Element),
    /// Oxide whose element split is not published.
    Unspecified,
}

impl Species {
    /// Every species, in rareflow's element order then `unspecified`.
    pub fn all() -> impl Iterator<Item = Species> {
        Element::ALL
            .into_iter()
            .map(Species::Element)
            .chain(std::iter::once(Species::Unspecified))
    }

    /// How many species there are (17 elements and `unspecified`).
    pub const COUNT: usize = 18;

    /// Its position in [`Species::all`].
    pub fn index(self) -> usize {
        match self {
            Species::Element(e) => Element::ALL.iter().position(|x| *x == e).unwrap_or(0),
            Species::Unspecified => 17,
        }
    }

    /// The id files and outputs use (`Nd`, `unspecified`).
    pub fn id(self) -> &'static str {
        match self {
            Species::Element(e) => e.symbol(),
            Species::Unspecified => "unspecified",
        }
    }

    /// A species from its id (an element symbol or name, or `unspecified`).
    pub fn parse(s: &str) -> Option<Species> {
        if s.trim().eq_ignore_ascii_case("unspecified") {
            return Some(Species::Unspecified);
        }
        s.parse::<Element>().ok().map(Species::Element)
    }
}

impl fmt::Display for Species {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.id())
    }
}

/// A node of the network as a file gives it.
#[derive(Debug, Clone, PartialEq)]
pub struct NodeSpec {
    /// Region.
    pub region: Region,
    /// Stage (not `end_use`: end-use nodes come from demand and links).
    pub stage: Stage,
    /// Species.
    pub species: Species,
    /// Output in the base year (t REO per year).
    pub baseline_t: f64,
    /// Capacity (t REO per year), not below the baseline.
    pub capacity_t: f64,
}

/// A baseline link: a flow from one node to a node of a later stage.
#[derive(Debug, Clone, PartialEq)]
pub struct LinkSpec {
    /// Exporting region.
    pub from_region: Region,
    /// Exporting stage.
    pub from_stage: Stage,
    /// Importing region.
    pub to_region: Region,
    /// Importing stage (later than `from_stage`).
    pub to_stage: Stage,
    /// Species.
    pub species: Species,
    /// Flow in the base year (t REO per year).
    pub baseline_t: f64,
}

/// One demand figure at a region's end use.
#[derive(Debug, Clone, PartialEq)]
pub struct DemandPoint {
    /// Region.
    pub region: Region,
    /// Species.
    pub species: Species,
    /// Year.
    pub year: i32,
    /// Demand (t REO).
    pub demand_t: f64,
}

/// A network: nodes, baseline links and demand, as read.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SimNetwork {
    /// Nodes.
    pub nodes: Vec<NodeSpec>,
    /// Baseline links.
    pub links: Vec<LinkSpec>,
    /// Demand at end use (linear between years, flat outside them).
    pub demand: Vec<DemandPoint>,
}

/// A point in time an event starts or ends at: a year, or a month of it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct When {
    /// Year.
    pub year: i32,
    /// Month (1–12), if given.
    pub month: Option<u8>,
}

/// All of a set, or the listed members.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Selector<T> {
    /// Every member (`"all"`).
    All,
    /// Only these.
    Only(Vec<T>),
}

impl<T: PartialEq> Selector<T> {
    /// Whether `x` is selected.
    pub fn contains(&self, x: &T) -> bool {
        match self {
            Selector::All => true,
            Selector::Only(v) => v.contains(x),
        }
    }
}

/// What a `capacity` event adds capacity of.
#[derive(Debug, Clone, PartialEq)]
pub enum CapacityOf {
    /// One species.
    Species(Species),
    /// An ore type, split by its element distribution (resolved before a run).
    OreType(String),
    /// A project of `data/projects.csv` (resolved before a run).
    Project(String),
}

/// An event of a scenario.
#[derive(Debug, Clone, PartialEq)]
pub enum EventKind {
    /// Exports from a country at some stages are cut to `allowed` of the baseline.
    ExportRestriction {
        /// The restricting country.
        exporter: Region,
        /// The exporting node's stages.
        stages: Vec<Stage>,
        /// Which species.
        species: Selector<Species>,
        /// Which importers (`All`: every country but the exporter).
        importers: Selector<Region>,
        /// Share of the flow still allowed (0 = a ban).
        allowed: f64,
    },
    /// A share of a node's output is lost.
    Disruption {
        /// Region.
        region: Region,
        /// Stage.
        stage: Stage,
        /// Share lost (0..1).
        fraction: f64,
    },
    /// New capacity (and, at mining, output).
    Capacity {
        /// Region.
        region: Region,
        /// Stage.
        stage: Stage,
        /// What the capacity is of.
        of: CapacityOf,
        /// Capacity added (t REO per year); `None` for a project (its own figure).
        capacity_t: Option<f64>,
        /// Years to full capacity.
        ramp_years: u32,
    },
    /// A bilateral deal that takes a fixed quantity before the baseline split.
    Deal {
        /// Exporting region.
        exporter: Region,
        /// Exporting stage.
        from_stage: Stage,
        /// Importing region.
        importer: Region,
        /// Importing stage.
        to_stage: Stage,
        /// Species.
        species: Species,
        /// Quantity a year at full ramp (t REO).
        quantity_t: f64,
        /// Years to the full quantity.
        ramp_years: u32,
    },
    /// A stockpile that releases into a region's end use when it runs short.
    Stockpile {
        /// Holder.
        holder: Region,
        /// Species.
        species: Species,
        /// Quantity held (t REO).
        stock_t: f64,
    },
    /// Grade decline at a country's mines: output × (1 − f) each year.
    Depletion {
        /// Region.
        region: Region,
        /// Share lost per year.
        fraction_per_year: f64,
        /// Only the mines' output of these species (`All`: every species).
        species: Selector<Species>,
    },
    /// Demand scaled by `1 − d + d × factor`.
    DemandChange {
        /// Which demand: one species, or one technology of the demand model.
        of: DemandOf,
        /// The factor.
        factor: f64,
        /// Only this region's demand (all when `None`).
        region: Option<Region>,
    },
}

/// What a demand change scales.
#[derive(Debug, Clone, PartialEq)]
pub enum DemandOf {
    /// One species' demand.
    Species(Species),
    /// One technology's part of the demand (needs a demand scenario).
    Technology(String),
}

/// An event with its time span and sources.
#[derive(Debug, Clone, PartialEq)]
pub struct Event {
    /// What happens.
    pub kind: EventKind,
    /// When it starts (inclusive).
    pub start: When,
    /// When it ends (inclusive); `None` for never.
    pub end: Option<When>,
    /// Sources the event's numbers come from.
    pub sources: Vec<String>,
    /// Free text.
    pub description: String,
    /// The line of the scenario file where the event is (for notes).
    pub line: u64,
}

/// Where a scenario's demand comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DemandSource {
    /// The network folder's `demand.csv`.
    Network,
    /// The `from` year's demand held flat.
    Flat,
    /// A demand scenario of the demand model (`net-zero`, ...).
    Scenario(String),
}

/// Where a scenario's network comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NetworkSource {
    /// The bundled world network.
    Bundled,
    /// A folder of `nodes.csv`, `links.csv` and `demand.csv`, relative to the scenario file.
    Folder(String),
}

/// Price response settings.
#[derive(Debug, Clone, PartialEq)]
pub struct PriceSettings {
    /// Elasticity per species (default [`PriceSettings::DEFAULT_ELASTICITY`]).
    pub elasticity: Vec<(Species, f64)>,
    /// Cap as a multiple of the base price.
    pub cap: f64,
}

impl PriceSettings {
    /// The default elasticity, a labelled assumption a scenario's `[prices]` may change.
    pub const DEFAULT_ELASTICITY: f64 = 0.5;
    /// The default cap, a labelled assumption.
    pub const DEFAULT_CAP: f64 = 10.0;

    /// The elasticity of `s`.
    pub fn elasticity_of(&self, s: Species) -> f64 {
        self.elasticity
            .iter()
            .find(|(x, _)| *x == s)
            .map_or(Self::DEFAULT_ELASTICITY, |(_, e)| *e)
    }
}

impl Default for PriceSettings {
    fn default() -> Self {
        PriceSettings {
            elasticity: Vec::new(),
            cap: Self::DEFAULT_CAP,
        }
    }
}

/// How the simulator places flows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Mode {
    /// Baseline shares are kept where they can be (sticky relationships).
    #[default]
    Sticky,
}

/// A scenario: what changes in the world, year by year.
#[derive(Debug, Clone, PartialEq)]
pub struct Scenario {
    /// Name.
    pub name: String,
    /// Description.
    pub description: String,
    /// Narrative (free text).
    pub narrative: String,
    /// First year.
    pub from: i32,
    /// Last year.
    pub to: i32,
    /// Demand.
    pub demand: DemandSource,
    /// Network.
    pub network: NetworkSource,
    /// Mode.
    pub mode: Mode,
    /// Prices.
    pub prices: PriceSettings,
    /// Events, in file order.
    pub events: Vec<Event>,
    /// Sources for the scenario as a whole.
    pub sources: Vec<String>,
}
