//! Projects and deposits: mines, separation plants, metal and magnet plants, with status,
//! capacity, timing and cost where published. Later scenarios and the roadmap planner read
//! them; every field that is not published stays empty.

use crate::country::CountryCode;
use crate::stage::Stage;

/// Where a project stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ProjectStatus {
    /// Producing.
    Operating,
    /// Being built, refurbished or commissioned.
    Construction,
    /// Studied, permitted or financed, not yet built.
    Feasibility,
    /// An occurrence or exploration target.
    Exploration,
    /// Halted (by law, finance or war).
    Stalled,
}

impl ProjectStatus {
    /// Every status.
    pub const ALL: [ProjectStatus; 5] = [
        ProjectStatus::Operating,
        ProjectStatus::Construction,
        ProjectStatus::Feasibility,
        ProjectStatus::Exploration,
        ProjectStatus::Stalled,
    ];

    /// The id used in files, JSON and on the command line.
    pub fn id(self) -> &'static str {
        match self {
            ProjectStatus::Operating => "operating",
            ProjectStatus::Construction => "construction",
            ProjectStatus::Feasibility => "feasibility",
            ProjectStatus::Exploration => "exploration",
            ProjectStatus::Stalled => "stalled",
        }
    }

    /// Parses an id.
    pub fn from_id(s: &str) -> Option<ProjectStatus> {
        ProjectStatus::ALL.into_iter().find(|x| x.id() == s)
    }
}

/// A project or deposit.
#[derive(Debug, Clone, PartialEq)]
pub struct Project {
    /// Name.
    pub name: String,
    /// Country.
    pub country: CountryCode,
    /// Ore type ("" for plants that buy feed).
    pub ore_type: String,
    /// Stages it covers.
    pub stages: Vec<Stage>,
    /// Status.
    pub status: ProjectStatus,
    /// Capacity (or output, as the unit says), if published.
    pub capacity: Option<f64>,
    /// What the capacity counts.
    pub capacity_unit: String,
    /// Start or planned start year.
    pub start_year: Option<i32>,
    /// Owner.
    pub owner: String,
    /// Grade, % TREO (reserve or resource as the notes say).
    pub grade_pct_treo: Option<f64>,
    /// Tonnage, Mt of ore (reserve or resource as the notes say).
    pub tonnage_mt_ore: Option<f64>,
    /// Capital cost, in millions of `capex_currency`.
    pub capex: Option<f64>,
    /// Currency of the capex (not converted).
    pub capex_currency: String,
    /// Source.
    pub source: String,
    /// URL.
    pub url: String,
    /// Notes (what is reserve and what resource, occupation status, caveats).
    pub notes: String,
    /// Capacity in tonnes of oxide, timing and costs for the planner.
    pub economics: Economics,
}

/// What a project's capacity in tonnes of oxide counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum CapacityBasis {
    /// Total rare-earth oxide (of concentrate at a mine, of products at a plant).
    Treo,
    /// NdPr oxide (or the NdPr-equivalent content of a concentrate).
    NdPr,
    /// Magnet rare-earth oxides (Nd, Pr, Dy, Tb) as a plant publishes them.
    MagnetRee,
    /// Tonnes of NdFeB magnets, converted by the planner with a stated factor.
    Magnet,
    /// A feed throughput (what goes in, not what comes out): not a product capacity.
    Input,
}

impl CapacityBasis {
    /// Every basis.
    pub const ALL: [CapacityBasis; 5] = [
        CapacityBasis::Treo,
        CapacityBasis::NdPr,
        CapacityBasis::MagnetRee,
        CapacityBasis::Magnet,
        CapacityBasis::Input,
    ];

    /// The id used in `data/projects.csv`.
    pub fn id(self) -> &'static str {
        match self {
            CapacityBasis::Treo => "treo",
            CapacityBasis::NdPr => "ndpr",
            CapacityBasis::MagnetRee => "magnet_ree",
            CapacityBasis::Magnet => "magnet",
            CapacityBasis::Input => "input",
        }
    }

    /// Parses an id.
    pub fn from_id(s: &str) -> Option<CapacityBasis> {
        CapacityBasis::ALL.into_iter().find(|b| b.id() == s)
    }
}

/// A money figure as published: an amount in a currency of a year.
#[derive(Debug, Clone, PartialEq)]
pub struct Money {
    /// The amount.
    pub amount: f64,
    /// ISO 4217 code (`USD`, `AUD`, ...).
    pub currency: String,
    /// The year of the figure's prices (when it was stated), if known.
    pub year: Option<i32>,
}

/// What the roadmap planner needs of a project beyond the listing: capacity in tonnes of
/// oxide, timing and costs, each as published (currencies unconverted) with its source.
/// A field that is not published is `None`: the planner lists the project as excluded
/// when it needs that field.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Economics {
    /// Capacity in tonnes a year of what `basis` counts (converted where the conversion is
    /// stated in `conversion`).
    pub capacity_t: Option<f64>,
    /// What `capacity_t` counts.
    pub basis: Option<CapacityBasis>,
    /// How `capacity_t` was obtained from the published capacity.
    pub conversion: String,
    /// Years from the decision to build to the first output.
    pub lead_years: Option<f64>,
    /// Where the lead time comes from.
    pub lead_source: String,
    /// Years from the first output to full capacity.
    pub ramp_years: Option<u32>,
    /// The capex's year of prices (the capex itself is [`Project::capex`]).
    pub capex_year: Option<i32>,
    /// Operating cost as published.
    pub opex: Option<Money>,
    /// What the opex is per (e.g. `per kg NdPr oxide`).
    pub opex_unit: String,
    /// Edition (`data/sources.csv`) of the economics.
    pub edition: String,
    /// The quoted sentences the figures come from.
    pub citation: String,
}
