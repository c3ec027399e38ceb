//! The answer: which projects, when to decide, when they produce, what it costs each year,
//! each target's requirement, achievement and marginal cost, which constraints bind, and,
//! for a target that cannot be met, which constraint and year stop it.

use serde::Serialize;
use utoipa::ToSchema;

/// How the planning ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ToSchema)]
#[serde(rename_all = "snake_case")]
// `Status` alone would collide in an OpenAPI document with the EU assessment's status.
#[schema(as = PlanStatus)]
pub enum Status {
    /// A plan, proven least-cost.
    Optimal,
    /// No plan meets every target (see `infeasible`; a closest plan when asked).
    Infeasible,
    /// The solver stopped at its time limit (with the best plan found, if any).
    TimeLimit,
    /// The solver stopped at the requested gap (with its plan).
    GapLimit,
    /// The solver failed (its status is in the notes).
    Error,
}

impl Status {
    /// The id outputs use.
    pub fn id(self) -> &'static str {
        match self {
            Status::Optimal => "optimal",
            Status::Infeasible => "infeasible",
            Status::TimeLimit => "time_limit",
            Status::GapLimit => "gap_limit",
            Status::Error => "error",
        }
    }
}

/// A project the plan builds.
#[derive(Debug, Clone, PartialEq, Serialize, ToSchema)]
pub struct ChosenProject {
    /// Name.
    pub project: String,
    /// Country.
    pub country: String,
    /// Stages, joined by `+`.
    pub stage: String,
    /// Year the decision to build is taken.
    pub decide_year: i32,
    /// First year of output.
    pub first_output_year: i32,
    /// Capacity at full ramp, t a year of `basis`.
    pub capacity_t: f64,
    /// What the capacity counts (`TREO`, `NdPr`, `magnet_REE`).
    pub basis: String,
    /// Capital cost, million USD of 2024 (undiscounted; what falls before the first year
    /// of a decided project is sunk and not in the plan's costs).
    pub capex: f64,
    /// Operating cost, USD of 2024 per t of output.
    pub opex: f64,
    /// The currency of `capex` and `opex`.
    pub currency: String,
    /// Whether it is a generic candidate (a labelled assumption).
    pub generic: bool,
    /// Whether it was decided before the plan's first year (under construction).
    pub decided_before: bool,
}

/// One project's output of one element (or group, or unspecified oxide) in one year.
#[derive(Debug, Clone, PartialEq, Serialize, ToSchema)]
pub struct OutputRow {
    /// Year.
    pub year: i32,
    /// Project.
    pub project: String,
    /// Element symbol, group id or `unspecified`.
    pub element: String,
    /// Tonnes of oxide.
    pub t: f64,
}

/// A target in one year.
#[derive(Debug, Clone, PartialEq, Serialize, ToSchema)]
pub struct TargetYear {
    /// Year.
    pub year: i32,
    /// Target name.
    pub target: String,
    /// What the group must produce, t (for a share: the share of that year's world output).
    pub required: f64,
    /// What it produces in the plan, t.
    pub achieved: f64,
    /// Marginal cost of one more tonne, USD of 2024 discounted to the first year: the dual
    /// of the target's row in the LP re-solved with the build decisions fixed; `null` when
    /// the target does not bind.
    pub shadow_price: Option<f64>,
    /// Whether `achieved ≥ required` (within 1e-6 t).
    pub met: bool,
}

/// Costs of one year, million USD of 2024.
#[derive(Debug, Clone, PartialEq, Serialize, ToSchema)]
pub struct CostYear {
    /// Year.
    pub year: i32,
    /// Capital spent.
    pub capex: f64,
    /// Operating costs.
    pub opex: f64,
    /// Co-products stocked × their stock cost.
    pub coproduct_stock: f64,
    /// The sum.
    pub total: f64,
    /// `(1 + r)^-(year − first year)`.
    pub discount_factor: f64,
    /// `total × discount_factor`; these sum to the objective.
    pub discounted: f64,
}

/// Feed and co-products of one year, t of oxide.
#[derive(Debug, Clone, PartialEq, Serialize, ToSchema)]
pub struct FeedYear {
    /// Year.
    pub year: i32,
    /// Concentrate the group's new plants take.
    pub concentrate_used: f64,
    /// Concentrate bought from the baseline market.
    pub concentrate_bought: f64,
    /// Magnet oxide the group's new metal and magnet plants take.
    pub oxide_used: f64,
    /// Magnet oxide bought from the baseline market.
    pub oxide_bought: f64,
    /// La and Ce oxide out of the new separation.
    pub coproducts: f64,
    /// Of which stocked.
    pub coproducts_stocked: f64,
}

/// A constraint that binds.
#[derive(Debug, Clone, PartialEq, Serialize, ToSchema)]
pub struct Binding {
    /// The row's name (`target NAME 2030`, `budget 2028`, `feed oxide 2029`, ...).
    pub constraint: String,
    /// `target`, `budget`, `feed`, `market` or `coproducts`.
    pub kind: String,
    /// Year, where the row has one.
    pub year: Option<i32>,
    /// Its dual in the LP with the build decisions fixed, USD of 2024 per t (targets,
    /// feed and market rows).
    pub dual: Option<f64>,
}

/// Why a target cannot be met.
#[derive(Debug, Clone, PartialEq, Serialize, ToSchema)]
pub struct Infeasibility {
    /// The target.
    pub target: String,
    /// The first year it cannot be met.
    pub year: i32,
    /// `lead_time`, `capacity`, `budget`, `feed` or `combined`.
    pub binding: String,
    /// What it requires that year, t.
    pub required: f64,
    /// The most that can be reached that year (`lead_time` and `capacity`: with every
    /// candidate built as early as it can be; otherwise in the closest plan), t.
    pub achievable: f64,
    /// In words.
    pub message: String,
}

/// A candidate left out, with the reason.
#[derive(Debug, Clone, PartialEq, Serialize, ToSchema)]
pub struct Excluded {
    /// Project.
    pub project: String,
    /// Country (empty for a generic template not placed).
    pub country: String,
    /// Why.
    pub reason: String,
}

/// A plan.
#[derive(Debug, Clone, PartialEq, Serialize, ToSchema)]
pub struct Plan {
    /// How the planning ended.
    pub status: Status,
    /// Whether the plan shown is the closest feasible one (an infeasible roadmap that asked
    /// for it): the least unmet target-tonnes, then the least cost.
    pub closest: bool,
    /// Discounted cost, million USD of 2024 (`null` without a plan).
    pub objective: Option<f64>,
    /// The solver's best bound on it.
    pub bound: Option<f64>,
    /// Relative gap between objective and bound.
    pub gap: Option<f64>,
    /// Seconds the solver took, over every solve.
    pub seconds: f64,
    /// Projects built.
    pub projects: Vec<ChosenProject>,
    /// Their output.
    pub output: Vec<OutputRow>,
    /// Targets by year.
    pub targets: Vec<TargetYear>,
    /// Costs by year.
    pub costs: Vec<CostYear>,
    /// Feed and co-products by year.
    pub feed: Vec<FeedYear>,
    /// Constraints that bind.
    pub binding: Vec<Binding>,
    /// Why the roadmap cannot be met, when it cannot.
    pub infeasible: Option<Infeasibility>,
    /// Candidates that cannot produce within the horizon.
    pub excluded: Vec<Excluded>,
    /// What the planner assumed or noticed.
    pub notes: Vec<String>,
}
