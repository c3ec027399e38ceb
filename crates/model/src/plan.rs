//! The vocabulary of the roadmap planner: a roadmap (targets, budget, discount rate, what
//! may be bought), the groups targets speak of, and the inputs `service` assembles for the
//! `plan` crate (costed candidates, the existing output of the baseline, demand).
//!
//! `data` reads roadmaps from TOML with located errors; `service` turns projects, exchange
//! rates, the ore table, the baseline network and the demand model into [`PlanInputs`];
//! `plan` builds and solves the MILP. Nothing here does IO.

use crate::country::CountryCode;
use crate::element::{Element, ElementGroup, Material};
use crate::stage::Stage;
use std::fmt;

/// The EU's member states (27 since 1 February 2020; europa.eu, "EU countries").
pub const EU27: [&str; 27] = [
    "AUT", "BEL", "BGR", "HRV", "CYP", "CZE", "DNK", "EST", "FIN", "FRA", "DEU", "GRC", "HUN",
    "IRL", "ITA", "LVA", "LTU", "LUX", "MLT", "NLD", "POL", "PRT", "ROU", "SVK", "SVN", "ESP",
    "SWE",
];

/// A set of countries a target speaks of.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Group {
    /// Every country but China (`non_china`).
    NonChina,
    /// The EU's 27 member states (`eu`).
    Eu,
    /// The listed countries (one code, or a list).
    Countries(Vec<CountryCode>),
}

impl Group {
    /// Whether `c` belongs to the group.
    pub fn contains(&self, c: CountryCode) -> bool {
        match self {
            Group::NonChina => c.as_str() != "CHN",
            Group::Eu => EU27.contains(&c.as_str()),
            Group::Countries(v) => v.contains(&c),
        }
    }

    /// The id outputs use: `non_china`, `eu`, a code, or codes joined by `+`.
    pub fn id(&self) -> String {
        match self {
            Group::NonChina => "non_china".into(),
            Group::Eu => "eu".into(),
            Group::Countries(v) => v.iter().map(|c| c.as_str()).collect::<Vec<_>>().join("+"),
        }
    }
}

impl fmt::Display for Group {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.id())
    }
}

/// A share of a target's value published by a source (or assumed, with the reason).
#[derive(Debug, Clone, PartialEq)]
pub struct SourcedShare {
    /// The share (0..1).
    pub share: f64,
    /// Where it comes from.
    pub source: String,
}

/// What a target asks for, every year from its first.
#[derive(Debug, Clone, PartialEq)]
pub enum TargetKind {
    /// The group produces at least `tonnes` a year.
    Volume {
        /// Tonnes of oxide a year.
        tonnes: f64,
    },
    /// The group's share of world output is at least `share`.
    Share {
        /// 0..1.
        share: f64,
    },
    /// The group's output is at least `fraction` of its demand.
    SelfSufficiency {
        /// 0..1 (or more).
        fraction: f64,
    },
    /// No single supplier provides more than `max_share` of the group's supply.
    Diversification {
        /// 0..1.
        max_share: f64,
        /// The supplier (the largest one, as the roadmap names it).
        supplier: CountryCode,
        /// The supplier's share of the rest of the world's output at the stage: from the
        /// roadmap, or filled by `service` from the data.
        supplier_share: Option<SourcedShare>,
    },
}

impl TargetKind {
    /// The id used in roadmap files and outputs.
    pub fn id(&self) -> &'static str {
        match self {
            TargetKind::Volume { .. } => "volume",
            TargetKind::Share { .. } => "share",
            TargetKind::SelfSufficiency { .. } => "self_sufficiency",
            TargetKind::Diversification { .. } => "diversification",
        }
    }
}

/// A target: a constraint every year from `from` to the horizon.
#[derive(Debug, Clone, PartialEq)]
pub struct Target {
    /// Name (unique in its roadmap).
    pub name: String,
    /// What it asks.
    pub kind: TargetKind,
    /// Whose output.
    pub group: Group,
    /// Which element or group of elements (tonnes of oxide).
    pub material: Material,
    /// At which stage.
    pub stage: Stage,
    /// First year it must hold.
    pub from: i32,
    /// Sources of its numbers.
    pub sources: Vec<String>,
    /// Free text.
    pub description: String,
    /// Line of the roadmap file where it is.
    pub line: u64,
}

/// A name written in a roadmap (a project), with where it was written, so that `service`
/// can locate an error once it knows the projects.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NameAt {
    /// The name.
    pub name: String,
    /// The key (`exclude[2]`).
    pub key: String,
    /// 1-based line.
    pub line: u64,
    /// 1-based column.
    pub column: usize,
}

/// Spending limits on capital (USD 2024, undiscounted).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Budget {
    /// Million USD a year.
    pub per_year_musd: Option<f64>,
    /// Million USD over the horizon.
    pub total_musd: Option<f64>,
    /// Where the figures come from.
    pub source: String,
}

/// Where a group's demand comes from when a target needs it.
#[derive(Debug, Clone, PartialEq)]
pub struct DemandSpec {
    /// A demand scenario of the demand model (`stated-policies`, ...).
    pub scenario: String,
    /// The group's share of world demand (the demand model is world-only): a labelled,
    /// sourced assumption.
    pub share: SourcedShare,
}

/// Values used where a candidate does not publish one, each a labelled assumption.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Defaults {
    /// Lead time by stage (the candidate's first stage), years.
    pub lead_years: Vec<(Stage, f64)>,
    /// Ramp years.
    pub ramp_years: Option<u32>,
    /// Operating cost by stage (the candidate's last stage), USD 2024 per tonne of output.
    pub opex_usd_per_t: Vec<(Stage, f64)>,
    /// Where the defaults come from.
    pub source: String,
}

/// What happens to co-products (La, Ce) of separation.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Coproducts {
    /// Tonnes a year the group can sell; the rest goes to stock.
    pub market_t: f64,
    /// Cost of stocking a tonne, USD 2024.
    pub stock_usd_per_t: f64,
    /// Where the figures come from.
    pub source: String,
}

/// The solver's limits for a roadmap.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct SolveLimits {
    /// Seconds.
    pub time_limit_s: f64,
    /// Relative MIP gap at which the solver may stop.
    pub mip_gap: f64,
}

impl Default for SolveLimits {
    fn default() -> Self {
        SolveLimits {
            time_limit_s: 60.0,
            mip_gap: 1e-6,
        }
    }
}

/// A roadmap: whose chain is planned, over which years, towards which targets, under which
/// budget.
#[derive(Debug, Clone, PartialEq)]
pub struct Roadmap {
    /// Name.
    pub name: String,
    /// One line.
    pub description: String,
    /// Free text.
    pub narrative: String,
    /// Sources for the roadmap as a whole.
    pub sources: Vec<String>,
    /// First year a decision can be taken.
    pub from: i32,
    /// Last year of the horizon.
    pub to: i32,
    /// Whose chain is planned: the candidates are the group's projects.
    pub group: Group,
    /// Targets.
    pub targets: Vec<Target>,
    /// Capital budget.
    pub budget: Budget,
    /// Real discount rate a year.
    pub discount_rate: f64,
    /// Whether the discount rate is rareflow's default (a labelled assumption).
    pub discount_rate_default: bool,
    /// Feed (t REO a year) the group may buy from the baseline market at each boundary.
    pub market_feed_t: f64,
    /// Where generic candidates (labelled assumptions) may be placed.
    pub generic_countries: Vec<CountryCode>,
    /// Projects left out.
    pub exclude: Vec<NameAt>,
    /// Projects that must be built.
    pub require: Vec<NameAt>,
    /// Demand, when a target needs it.
    pub demand: Option<DemandSpec>,
    /// Defaults for unpublished lead and ramp times.
    pub defaults: Defaults,
    /// Co-products.
    pub coproducts: Coproducts,
    /// Whether candidates without a published operating cost (and no default for their
    /// stage) are kept with the cost left out (`missing_opex = "omit"`), instead of being
    /// excluded (`"exclude"`, the default).
    pub omit_missing_opex: bool,
    /// Whether an infeasible roadmap comes back with the closest feasible plan.
    pub closest_feasible: bool,
    /// Solver limits.
    pub limits: SolveLimits,
}

impl Roadmap {
    /// rareflow's default discount rate (8% a year, real), a labelled assumption.
    pub const DEFAULT_DISCOUNT_RATE: f64 = 0.08;
}

/// A part of an oxide mix: one element, a group whose split is not known, or oxide whose
/// element is not known.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Part {
    /// One element.
    Element(Element),
    /// A group, split unknown (NdPr, magnet REE).
    Group(ElementGroup),
    /// Not known.
    Unspecified,
}

impl Part {
    /// Whether this part is wholly inside `m`, so that it counts towards a target on `m`.
    pub fn within(self, m: Material) -> bool {
        match (self, m) {
            (_, Material::Group(ElementGroup::Treo)) => true,
            (Part::Unspecified, _) => false,
            (Part::Element(e), Material::Element(f)) => e == f,
            (Part::Element(e), Material::Group(g)) => g.contains(e),
            (Part::Group(_), Material::Element(_)) => false,
            (Part::Group(g), Material::Group(h)) => g.members().iter().all(|e| h.contains(*e)),
        }
    }

    /// The id outputs use (`Nd`, `NdPr`, `unspecified`).
    pub fn id(self) -> &'static str {
        match self {
            Part::Element(e) => e.symbol(),
            Part::Group(g) => g.id(),
            Part::Unspecified => "unspecified",
        }
    }
}

/// Shares of a tonne of oxide by part (they sum to 1).
pub type Mix = Vec<(Part, f64)>;

/// The share of `mix` that counts towards `m`.
pub fn share_within(mix: &[(Part, f64)], m: Material) -> f64 {
    mix.iter()
        .filter(|(p, _)| p.within(m))
        .map(|(_, s)| s)
        .sum()
}

/// A candidate the planner may build, costed in USD 2024.
#[derive(Debug, Clone, PartialEq)]
pub struct Candidate {
    /// Name (a project of `data/projects.csv`, or a generic template placed in a country).
    pub name: String,
    /// Country.
    pub country: CountryCode,
    /// Stages it covers, upstream first.
    pub stages: Vec<Stage>,
    /// Capacity at full ramp, tonnes of `basis` a year (magnets converted to oxide).
    pub capacity_t: f64,
    /// What the capacity counts: `TREO`, `NdPr` or `magnet_REE`.
    pub basis: Material,
    /// The oxide mix of its ore (a mine) or of the feed it is assumed to take (a plant).
    pub mix: Mix,
    /// Where the mix comes from.
    pub mix_source: String,
    /// The earliest year of first output (a published planned start), if any.
    pub earliest_output: Option<i32>,
    /// Whole years from decision to first output.
    pub lead_years: u32,
    /// Years from first output to full capacity.
    pub ramp_years: u32,
    /// Capital cost, million USD 2024.
    pub capex_musd: f64,
    /// Operating cost, USD 2024 per tonne of output.
    pub opex_usd_per_t: f64,
    /// A decision already taken before the plan's first year (a project under
    /// construction): its year. Spending before the first year is sunk.
    pub decided: Option<i32>,
    /// Whether the roadmap requires it.
    pub required: bool,
    /// Whether it is a generic candidate (a labelled assumption).
    pub generic: bool,
}

/// Output that exists before the plan (the baseline), at one country and stage.
#[derive(Debug, Clone, PartialEq)]
pub struct Existing {
    /// Country.
    pub country: CountryCode,
    /// Stage.
    pub stage: Stage,
    /// Output by part, tonnes of oxide a year (held flat over the horizon).
    pub parts: Vec<(Part, f64)>,
    /// At separation: the concentrate it takes (t REO a year).
    pub feed_t: Option<f64>,
    /// Where the figures come from.
    pub source: String,
}

/// A group's demand for one element in one year (tonnes of oxide).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct DemandPoint {
    /// Element.
    pub element: Element,
    /// Year.
    pub year: i32,
    /// Tonnes of oxide.
    pub tonnes: f64,
}

/// Everything the planner reads.
#[derive(Debug, Clone, PartialEq)]
pub struct PlanInputs {
    /// The roadmap (diversification targets with their supplier share filled).
    pub roadmap: Roadmap,
    /// Candidates.
    pub candidates: Vec<Candidate>,
    /// The baseline's existing output.
    pub existing: Vec<Existing>,
    /// Demand of the roadmap's demand group (the roadmap's `group`), by element and year.
    pub demand: Vec<DemandPoint>,
}

/// An exchange rate or a price index: USD per unit of a currency in a year's average, or
/// (currency `USD-CPIU`) USD of 2024 per USD of the year.
#[derive(Debug, Clone, PartialEq)]
pub struct FxRate {
    /// ISO 4217 code, or `USD-CPIU` for the US consumer price index factor.
    pub currency: String,
    /// Year.
    pub year: i32,
    /// USD per unit (or USD 2024 per USD of `year`).
    pub usd_per_unit: f64,
    /// Edition id of the source.
    pub source: String,
}

/// The currency id of the US CPI-U deflator rows of `data/fx.csv`.
pub const CPI_U: &str = "USD-CPIU";

/// A generic candidate: a plant or mine of a named project's size and cost, placed by a
/// roadmap in any of its `generic_countries` (a labelled assumption).
#[derive(Debug, Clone, PartialEq)]
pub struct GenericTemplate {
    /// Name (starts with `GENERIC`).
    pub name: String,
    /// Stages it covers.
    pub stages: Vec<Stage>,
    /// Capex in millions of `capex_currency`.
    pub capex: Option<f64>,
    /// Currency of the capex.
    pub capex_currency: String,
    /// Capacity, timing and costs.
    pub economics: crate::project::Economics,
    /// What it copies and why.
    pub notes: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parts_count_towards_the_materials_that_contain_them() {
        let nd = Part::Element(Element::Nd);
        let ndpr = Part::Group(ElementGroup::NdPr);
        let mag = Material::Group(ElementGroup::MagnetRee);
        assert!(
            nd.within(mag) && ndpr.within(mag) && ndpr.within(Material::Group(ElementGroup::Treo))
        );
        assert!(!ndpr.within(Material::Element(Element::Nd)));
        assert!(!Part::Unspecified.within(mag));
        assert!(Part::Unspecified.within(Material::Group(ElementGroup::Treo)));
        assert!(!Part::Group(ElementGroup::MagnetRee).within(Material::Group(ElementGroup::NdPr)));
        let mix = vec![
            (nd, 0.2),
            (Part::Element(Element::La), 0.5),
            (Part::Unspecified, 0.3),
        ];
        assert!((share_within(&mix, mag) - 0.2).abs() < 1e-12);
    }

    #[test]
    fn groups_know_their_members() {
        let fra = CountryCode::parse("FRA").unwrap();
        let chn = CountryCode::parse("CHN").unwrap();
        assert!(Group::Eu.contains(fra) && !Group::Eu.contains(chn));
        assert!(Group::NonChina.contains(fra) && !Group::NonChina.contains(chn));
        assert_eq!(Group::Countries(vec![fra, chn]).id(), "FRA+CHN");
    }
}
