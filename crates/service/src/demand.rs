//! `demand`: magnet rare-earth demand of a scenario by year and element: demand (also as
//! oxide), in-use stock, end of life, recycled and primary supply, which technologies the
//! totals cover and why the others are missing, every input with its source, and other
//! published estimates beside the ones used (never merged).

use crate::error::{Error, Result};
use crate::Session;
use mfa::demand::FlowsAt;
pub use mfa::scenario::Extend;
use mfa::scenario::{run_with, Coverage, InUse, RunOptions};
use model::demand::MAGNET_ELEMENTS;
use model::{Element, Mass, Tonnes, TonnesUnit, Year};
use serde::Serialize;
use utoipa::ToSchema;

/// The years a demand run shows when a face's user does not say (every face's default).
pub const DEFAULT_YEARS: (i32, i32) = (2025, 2050);

/// A demand question.
#[derive(Debug, Clone)]
pub struct DemandRequest {
    /// Scenario id.
    pub scenario: String,
    /// Only this element (symbol); `None` for the four magnet rare earths.
    pub element: Option<String>,
    /// First year shown.
    pub from: i32,
    /// Last year shown.
    pub to: i32,
    /// Unit of masses.
    pub unit: TonnesUnit,
    /// What happens after a technology's last published deployment.
    pub extend: Extend,
}

/// The six flows of a year, plus demand as oxide; all null for a year no figure covers.
#[derive(Debug, Clone, Copy, Default, Serialize, ToSchema)]
pub struct Flows {
    /// Demanded from supply (t of element).
    pub demand: Option<Mass>,
    /// Demand as oxide (t REO).
    pub demand_reo: Option<Mass>,
    /// Put into new products.
    pub in_products: Option<Mass>,
    /// In use at year end.
    pub stock: Option<Mass>,
    /// Leaving use.
    pub end_of_life: Option<Mass>,
    /// Recovered from end-of-life products.
    pub recycled: Option<Mass>,
    /// Demand minus recycled.
    pub primary: Option<Mass>,
}

impl Flows {
    /// Flows whose demand side is a gap, with what is in use from earlier cohorts.
    fn in_use_only(u: Option<InUse>, unit: TonnesUnit) -> Flows {
        let m = |t: Option<Tonnes>| t.and_then(|t| Mass::from_t(t.get(), unit));
        Flows {
            stock: m(u.map(|u| u.stock)),
            end_of_life: m(u.map(|u| u.end_of_life)),
            recycled: m(u.map(|u| u.recycled)),
            ..Flows::default()
        }
    }

    fn of(f: Option<FlowsAt>, e: Element, unit: TonnesUnit) -> Flows {
        let m = |pick: fn(&FlowsAt) -> Tonnes| {
            f.as_ref().and_then(|f| Mass::from_t(pick(f).get(), unit))
        };
        Flows {
            demand: m(|f| f.demand),
            demand_reo: f.and_then(|f| Mass::from_t(f.demand_reo(e).get(), unit)),
            in_products: m(|f| f.in_products),
            stock: m(|f| f.stock),
            end_of_life: m(|f| f.end_of_life),
            recycled: m(|f| f.recycled),
            primary: m(|f| f.primary),
        }
    }
}

/// A technology that a total leaves out, with why.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Missing {
    /// Technology id.
    pub technology: String,
    /// Why it is not in the total.
    pub reason: String,
}

/// One technology's part of a year's total.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct TechnologyFlows {
    /// Technology id.
    pub technology: String,
    /// Units deployed in the year (base unit); null after the data end.
    pub deployment: Option<f64>,
    /// The base unit of deployment.
    pub deployment_unit: Option<String>,
    /// `published`, `interpolated`, `extended` (held at the last published value) or
    /// `no_data` (after the data end: demand a gap, the stock lacks later cohorts).
    pub deployment_basis: String,
    /// The flows.
    #[serde(flatten)]
    pub flows: Flows,
}

/// One year and element.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct DemandRow {
    /// Year.
    pub year: Year,
    /// Element symbol.
    pub element: Element,
    /// Totals over the technologies that cover the year; the demand side is null when a
    /// technology has no deployment figure for the year.
    #[serde(flatten)]
    pub flows: Flows,
    /// Whether stock, end of life and recycled lack later cohorts (a lower bound).
    pub lower_bound: bool,
    /// Technologies summed.
    pub covered: Vec<String>,
    /// Technologies not summed, with why.
    pub missing: Vec<Missing>,
    /// Each covered technology's part.
    pub by_technology: Vec<TechnologyFlows>,
}

/// A technology of the run.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct TechnologyInfo {
    /// Technology id.
    pub id: String,
    /// The base unit of deployment.
    pub unit: Option<String>,
    /// First year with a deployment figure.
    pub first_year: Option<Year>,
    /// Last year with a deployment figure.
    pub last_year: Option<Year>,
}

/// An input row the run used.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct DemandInput {
    /// Technology; null for a recovery parameter of every technology.
    pub technology: Option<String>,
    /// Parameter name.
    pub parameter: String,
    /// Year the row is dated, if any.
    pub year: Option<i32>,
    /// Value as written.
    pub value: String,
    /// Unit.
    pub unit: String,
    /// Source edition.
    pub source: String,
    /// Citation.
    pub citation: String,
}

/// A figure the run needed and did not have.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct DemandGap {
    /// Technology.
    pub technology: String,
    /// Element; null when the whole technology is missing.
    pub element: Option<Element>,
    /// What is missing.
    pub reason: String,
}

/// Another published estimate beside the figure used.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct AlternativeRow {
    /// Technology.
    pub technology: String,
    /// What it measures.
    pub quantity: String,
    /// Its value (kg per unit).
    pub value: f64,
    /// Unit.
    pub unit: String,
    /// Source edition.
    pub source: String,
    /// Citation.
    pub citation: String,
    /// The figure the run used.
    pub used_value: Option<f64>,
    /// Its year.
    pub used_year: Option<i32>,
    /// Alternative ÷ used.
    pub ratio: Option<f64>,
}

/// An end use's share of NdFeB demand.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct EndUseRow {
    /// End use.
    pub end_use: String,
    /// Share of NdFeB demand.
    pub share: f64,
    /// Technologies that model it.
    pub technologies: Vec<String>,
    /// Source edition.
    pub source: String,
    /// Citation.
    pub citation: String,
}

/// A demand scenario's answer.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct DemandResult {
    /// Scenario id.
    pub scenario: String,
    /// First year shown.
    pub from: Year,
    /// Last year shown.
    pub to: Year,
    /// Unit of masses.
    pub unit: TonnesUnit,
    /// What the masses count.
    pub basis: String,
    /// What happens after the data end: `none` or `hold-last`.
    pub extend: String,
    /// One row per year and element.
    pub rows: Vec<DemandRow>,
    /// Technologies.
    pub technologies: Vec<TechnologyInfo>,
    /// Every input used.
    pub inputs: Vec<DemandInput>,
    /// Every figure missing.
    pub gaps: Vec<DemandGap>,
    /// Other published estimates.
    pub alternatives: Vec<AlternativeRow>,
    /// End uses' shares of NdFeB demand.
    pub end_uses: Vec<EndUseRow>,
    /// Notes (coverage).
    pub notes: Vec<String>,
}

impl Session {
    /// Magnet rare-earth demand of a scenario, year by year.
    pub fn demand(&self, req: &DemandRequest) -> Result<DemandResult> {
        let elements: Vec<Element> = match &req.element {
            None => MAGNET_ELEMENTS.to_vec(),
            Some(s) => {
                let e: Element = s
                    .parse()
                    .map_err(|e: model::element::UnknownMaterial| Error::Invalid(e.to_string()))?;
                if !MAGNET_ELEMENTS.contains(&e) {
                    return Err(Error::Invalid(format!(
                        "invalid element {s:?}: expected one of Nd, Pr, Dy, Tb (the magnet rare earths demand is modelled for)"
                    )));
                }
                vec![e]
            }
        };
        crate::values::check_year(req.from)?;
        crate::values::check_year(req.to)?;
        if req.from > req.to {
            return Err(Error::Invalid(format!(
                "invalid years: from {} is after to {}",
                req.from, req.to
            )));
        }
        let tables = &self.tables().demand;
        let r = run_with(
            &tables.scenario,
            &req.scenario,
            RunOptions {
                extend: req.extend,
                until: Some(req.to),
            },
        )?;
        let unit = req.unit;
        let mut rows = Vec::new();
        for year in req.from..=req.to {
            for &e in &elements {
                let total = r.total(e, year);
                let by_technology = r
                    .technologies
                    .iter()
                    .filter_map(|tech| {
                        let (f, t) = (tech.at(e, year)?, tech.index(year)?);
                        let basis = tech.basis[t];
                        Some(TechnologyFlows {
                            technology: tech.id.clone(),
                            deployment: basis.has_figure().then_some(tech.deployment[t]),
                            deployment_unit: tech.unit.map(|u| u.as_str().to_string()),
                            deployment_basis: basis.id().into(),
                            flows: if basis.has_figure() {
                                Flows::of(Some(f), e, unit)
                            } else {
                                let u = InUse {
                                    stock: f.stock,
                                    end_of_life: f.end_of_life,
                                    recycled: f.recycled,
                                };
                                Flows::in_use_only(Some(u), unit)
                            },
                        })
                    })
                    .collect();
                rows.push(DemandRow {
                    year: Year(year),
                    element: e,
                    flows: match total.flows {
                        Some(f) => Flows::of(Some(f), e, unit),
                        None => Flows::in_use_only(total.in_use, unit),
                    },
                    lower_bound: total.lower_bound,
                    covered: total.covered,
                    missing: total
                        .missing
                        .into_iter()
                        .map(|(technology, reason)| Missing { technology, reason })
                        .collect(),
                    by_technology,
                });
            }
        }
        let coverage = Coverage::of(&tables.end_uses).map(|c| c.note());
        Ok(DemandResult {
            scenario: r.scenario.clone(),
            from: Year(req.from),
            to: Year(req.to),
            unit,
            basis: "tonnes of element; demand_reo in tonnes of oxide".into(),
            extend: match req.extend {
                Extend::None => "none".into(),
                Extend::HoldLast => "hold-last".into(),
            },
            rows,
            technologies: r
                .technologies
                .iter()
                .map(|t| TechnologyInfo {
                    id: t.id.clone(),
                    unit: t.unit.map(|u| u.as_str().to_string()),
                    first_year: t.published_years().map(|p| Year(p.0)),
                    last_year: t.published_years().map(|p| Year(p.1)),
                })
                .collect(),
            inputs: r
                .inputs
                .iter()
                .map(|i| DemandInput {
                    technology: i.technology.clone(),
                    parameter: i.parameter.clone(),
                    year: i.year,
                    value: i.value.clone(),
                    unit: i.unit.clone(),
                    source: i.provenance.edition.clone(),
                    citation: i.provenance.citation.clone(),
                })
                .collect(),
            gaps: r
                .gaps
                .iter()
                .map(|g| DemandGap {
                    technology: g.technology.clone(),
                    element: g.element,
                    reason: g.reason.clone(),
                })
                .collect(),
            alternatives: tables
                .alternatives
                .iter()
                .map(|a| {
                    let beside = r.beside(a);
                    AlternativeRow {
                        technology: a.technology.clone(),
                        quantity: a.quantity.to_string(),
                        value: a.value,
                        unit: a.unit.clone(),
                        source: a.provenance.edition.clone(),
                        citation: a.provenance.citation.clone(),
                        used_value: beside.map(|b| b.used_value),
                        used_year: beside.map(|b| b.used_year),
                        ratio: beside.map(|b| b.ratio),
                    }
                })
                .collect(),
            end_uses: tables
                .end_uses
                .iter()
                .map(|u| EndUseRow {
                    end_use: u.end_use.clone(),
                    share: u.share,
                    technologies: u.technologies.clone(),
                    source: u.provenance.edition.clone(),
                    citation: u.provenance.citation.clone(),
                })
                .collect(),
            notes: coverage.into_iter().collect(),
        })
    }
}
