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
}
