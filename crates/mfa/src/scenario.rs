//! A demand scenario assembled from its tables and run year by year.
//!
//! Rules, so that every number in a result can be traced to a row:
//! - deployment is known only between a technology's first and last published year in the
//!   scenario (its `historical` rows count for every scenario); years between published
//!   figures are interpolated linearly and labelled, years outside are gaps (never
//!   extrapolated);
//! - a parameter given for the scenario replaces the one given for every scenario; an
//!   undated parameter holds for every year; dated numbers are interpolated between their
//!   years and held at the nearest one outside them (a magnet intensity published for 2023 is
//!   the best figure for 2024 too); a dated lifetime holds for the cohorts from its year on
//!   (a distribution is not interpolated); every such row is listed as an input;
//! - a technology whose element intensity, PM share, lifetime or recovery parameters are
//!   missing has that element as a named gap, and totals say which technologies they cover.

use crate::demand::{
    element_flows, interpolate, DemandError, ElementFlows, FlowsAt, RecoverySeries,
};
use crate::dsm::Lifetimes;
use model::demand::{
    AltQuantity, Alternative, DeployUnit, Deployment, EndUseShare, ParamValue, Provenance,
    RecoveryParameter, ScenarioTables, TechParam, TechParameter, HISTORICAL, MAGNET_ELEMENTS,
};
use model::{Element, Lifetime};

/// How a deployment figure for a year was obtained.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Basis {
    /// Printed in the source.
    Published,
    /// Linear between two published years.
    Interpolated,
    /// After the last published year, held at its value (`Extend::HoldLast`).
    Extended,
    /// After the last published year with no figure: nothing is sold, so the stock holds
    /// only earlier cohorts (a lower bound) and demand is a gap.
    NoData,
}

impl Basis {
    /// The id outputs use.
    pub fn id(self) -> &'static str {
        match self {
            Basis::Published => "published",
            Basis::Interpolated => "interpolated",
            Basis::Extended => "extended",
            Basis::NoData => "no_data",
        }
    }

    /// Whether the year has a deployment figure (published, interpolated or extended).
    pub fn has_figure(self) -> bool {
        self != Basis::NoData
    }
}

/// What a run does after a technology's last published deployment year.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Extend {
    /// Nothing: those years have no deployment figure (demand is a gap; products sold
    /// before stay in the stock and keep reaching end of life).
    #[default]
    None,
    /// Hold each technology's last published deployment, labelled `extended`.
    HoldLast,
}

/// How a scenario is run.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct RunOptions {
    /// After the data end.
    pub extend: Extend,
    /// Run every technology at least to this year (its stock and end of life go on after
    /// its last published deployment).
    pub until: Option<i32>,
}

/// One input row a run used.
#[derive(Debug, Clone, PartialEq)]
pub struct InputUse {
    /// Technology, or `None` for a recovery parameter of every technology.
    pub technology: Option<String>,
    /// Parameter name (`deployment`, `magnet_kg_per_unit`, `collection`, ...).
    pub parameter: String,
    /// Year the row is dated, if any.
    pub year: Option<i32>,
    /// Value as written (a number or a lifetime spec).
    pub value: String,
    /// Unit.
    pub unit: String,
    /// Source.
    pub provenance: Provenance,
}

/// A figure the run needed and did not have.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Gap {
    /// Technology.
    pub technology: String,
    /// Element, or `None` when the whole technology is missing.
    pub element: Option<Element>,
    /// What is missing.
    pub reason: String,
}

/// One technology's run.
#[derive(Debug, Clone, PartialEq)]
pub struct TechnologyRun {
    /// Technology id.
    pub id: String,
    /// Unit of deployment.
    pub unit: Option<DeployUnit>,
    /// Years with deployment (first to last published year).
    pub years: Vec<i32>,
    /// Units deployed each year (base unit).
    pub deployment: Vec<f64>,
    /// Published or interpolated, per year.
    pub basis: Vec<Basis>,
    /// Flows of each element that could be computed.
    pub elements: Vec<(Element, ElementFlows)>,
    /// kg of each computed element per magnet-using unit, by year.
    pub kg_per_unit: Vec<(Element, Vec<f64>)>,
}

impl TechnologyRun {
    /// The flows of `element` in `year`, if computed.
    pub fn at(&self, element: Element, year: i32) -> Option<FlowsAt> {
        let t = self.index(year)?;
        let flows = self.elements.iter().find(|(e, _)| *e == element)?;
        Some(flows.1.at(t))
    }

    /// The index of `year` in the run's years.
    pub fn index(&self, year: i32) -> Option<usize> {
        self.years.iter().position(|y| *y == year)
    }

    /// Whether the run computed `element`'s flows.
    pub fn has_element(&self, element: Element) -> bool {
        self.elements.iter().any(|(e, _)| *e == element)
    }

    /// The first and last years with a published (or interpolated) deployment figure.
    pub fn published_years(&self) -> Option<(i32, i32)> {
        let mut with = self
            .years
            .iter()
            .zip(&self.basis)
            .filter(|(_, b)| matches!(b, Basis::Published | Basis::Interpolated))
            .map(|(y, _)| *y);
        let first = with.next()?;
        Some((first, with.next_back().unwrap_or(first)))
    }
}

/// A scenario's run.
#[derive(Debug, Clone, PartialEq)]
pub struct ScenarioRun {
    /// Scenario id.
    pub scenario: String,
    /// Technologies, in first-mention order.
    pub technologies: Vec<TechnologyRun>,
    /// Every row used.
    pub inputs: Vec<InputUse>,
    /// Every figure missing.
    pub gaps: Vec<Gap>,
}

/// Totals over the technologies that cover an element in a year (tonnes of element).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Total {
    /// The summed flows; `None` when no technology covers the year, or when one of them has
    /// no deployment figure for it (a gap, not a zero and not a partial sum).
    pub flows: Option<FlowsAt>,
    /// Stock, end of life and recycled supply summed over every technology with cohorts in
    /// use, including those whose deployment data have ended; `None` when there are none.
    pub in_use: Option<InUse>,
    /// Whether `in_use` lacks later cohorts (a technology's data ended): a lower bound.
    pub lower_bound: bool,
    /// Technologies summed.
    pub covered: Vec<String>,
    /// Technologies not summed, with why.
    pub missing: Vec<(String, String)>,
}

/// What is in use and leaves it in a year, which earlier cohorts determine.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct InUse {
    /// In use at year end.
    pub stock: model::Tonnes,
    /// Leaving use.
    pub end_of_life: model::Tonnes,
    /// Recovered.
    pub recycled: model::Tonnes,
}

impl InUse {
    fn add(&mut self, f: &FlowsAt) {
        self.stock = self.stock + f.stock;
        self.end_of_life = self.end_of_life + f.end_of_life;
        self.recycled = self.recycled + f.recycled;
    }
}

impl ScenarioRun {
    /// Totals for `element` in `year`.
    pub fn total(&self, element: Element, year: i32) -> Total {
        let mut total = Total::default();
        let mut sum = None::<FlowsAt>;
        let mut complete = true;
        for tech in &self.technologies {
            let flows = tech.at(element, year);
            let basis = tech.index(year).map(|t| tech.basis[t]);
            if let Some(f) = &flows {
                total.in_use.get_or_insert_with(InUse::default).add(f);
            }
            match (flows, basis) {
                (Some(f), Some(b)) if b.has_figure() => {
                    *sum.get_or_insert_with(FlowsAt::default) += f;
                    total.covered.push(tech.id.clone());
                }
                (flows, basis) => {
                    // A technology without a deployment figure this year makes the total a
                    // gap; one that cannot compute this element (a parameter gap) does not.
                    let no_figure = basis.is_none_or(|b| !b.has_figure()) && tech.unit.is_some();
                    if no_figure && (flows.is_some() || tech.has_element(element)) {
                        complete = false;
                        total.lower_bound |= basis == Some(Basis::NoData);
                    }
                    total
                        .missing
                        .push((tech.id.clone(), self.why_missing(tech, element, year)));
                }
            }
        }
        total.flows = if complete { sum } else { None };
        total
    }

    /// What the run used for `quantity` of `technology` in its first year, with that year:
    /// the figure an alternative estimate is set beside.
    pub fn used(&self, technology: &str, quantity: AltQuantity) -> Option<(i32, f64)> {
        let tech = self.technologies.iter().find(|t| t.id == technology)?;
        let year = *tech.years.first()?;
        let kg = |e: Element| {
            tech.kg_per_unit
                .iter()
                .find(|(x, _)| *x == e)
                .map(|(_, v)| v[0])
        };
        let value = match quantity {
            AltQuantity::ElementKgPerUnit(e) => kg(e)?,
            AltQuantity::ReeKgPerUnit => MAGNET_ELEMENTS
                .iter()
                .map(|e| kg(*e))
                .sum::<Option<f64>>()?,
        };
        Some((year, value))
    }

    fn why_missing(&self, tech: &TechnologyRun, element: Element, year: i32) -> String {
        let gap = self.gaps.iter().find(|g| {
            g.technology == tech.id && (g.element.is_none() || g.element == Some(element))
        });
        match (gap, tech.published_years()) {
            (Some(g), _) => g.reason.clone(),
            (None, Some((a, b))) if year < a || year > b => {
                format!("no deployment figure for {year} (published {a}–{b})")
            }
            _ => "not computed".into(),
        }
    }
}

/// What a run's totals cover, from the end uses' shares of NdFeB demand.
#[derive(Debug, Clone, PartialEq)]
pub struct Coverage {
    /// End uses with their share that the technologies model.
    pub modelled: Vec<(String, f64)>,
    /// End uses not modelled, with their share.
    pub not_modelled: Vec<(String, f64)>,
    /// Source editions of the shares.
    pub editions: Vec<String>,
}

impl Coverage {
    /// The coverage of `end_uses`; `None` when there are none.
    pub fn of(end_uses: &[EndUseShare]) -> Option<Coverage> {
        if end_uses.is_empty() {
            return None;
        }
        let (modelled, not): (Vec<&EndUseShare>, Vec<&EndUseShare>) =
            end_uses.iter().partition(|u| !u.technologies.is_empty());
        let mut editions: Vec<String> = end_uses
            .iter()
            .map(|u| u.provenance.edition.clone())
            .collect();
        editions.dedup();
        let pair = |u: &&EndUseShare| (u.end_use.clone(), u.share);
        Some(Coverage {
            modelled: modelled.iter().map(pair).collect(),
            not_modelled: not.iter().map(pair).collect(),
            editions,
        })
    }

    /// The modelled uses' share of NdFeB demand together.
    pub fn modelled_share(&self) -> f64 {
        self.modelled.iter().map(|(_, s)| s).sum()
    }

    /// The sentence a run prints about its coverage.
    pub fn note(&self) -> String {
        let part = |(u, s): &(String, f64)| format!("{u} {:.0}%", s * 100.0);
        format!(
            "Coverage: the totals model {} ({:.0}% of NdFeB demand together); not modelled, for want of sourced deployment and intensity: {} [source: {}]",
            self.modelled.iter().map(part).collect::<Vec<_>>().join(", "),
            self.modelled_share() * 100.0,
            self.not_modelled.iter().map(part).collect::<Vec<_>>().join(", "),
            self.editions.join(", "),
        )
    }
}

/// An alternative published estimate set beside what a run used.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct AlternativeBeside {
    /// The year of the figure the run used.
    pub used_year: i32,
    /// The figure the run used (kg per unit).
    pub used_value: f64,
    /// Alternative ÷ used.
    pub ratio: f64,
}

impl ScenarioRun {
    /// `alternative` beside the figure this run used for the same quantity, if it used one.
    pub fn beside(&self, alternative: &Alternative) -> Option<AlternativeBeside> {
        let (used_year, used_value) = self.used(&alternative.technology, alternative.quantity)?;
        Some(AlternativeBeside {
            used_year,
            used_value,
            ratio: alternative.value / used_value,
        })
    }
}

/// Why a scenario cannot be run.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum ScenarioError {
    /// The scenario id is not in the tables.
    #[error("unknown scenario {scenario:?}: {}", if known.is_empty() { "the tables name no scenario (deployment.csv has no rows for one)".to_string() } else { format!("expected one of {}", known.join(", ")) })]
    Unknown {
        /// Asked for.
        scenario: String,
        /// Known ids.
        known: Vec<String>,
    },
    /// Rows that contradict each other or do not fit together.
    #[error("technology {technology}: {problem}")]
    Inconsistent {
        /// Technology (or `recovery`).
        technology: String,
        /// What is wrong.
        problem: String,
    },
    /// The flows could not be computed.
    #[error("technology {technology}, {element}: {problem}")]
    Flows {
        /// Technology.
        technology: String,
        /// Element.
        element: &'static str,
        /// Why.
        problem: DemandError,
    },
}

/// Runs `scenario` over its tables, each technology over its published years.
pub fn run(tables: &ScenarioTables, scenario: &str) -> Result<ScenarioRun, ScenarioError> {
    run_with(tables, scenario, RunOptions::default())
}

/// Runs `scenario` over its tables with `options` (what happens after the data end).
pub fn run_with(
    tables: &ScenarioTables,
    scenario: &str,
    options: RunOptions,
) -> Result<ScenarioRun, ScenarioError> {
    let known = tables.scenarios();
    if !known.iter().any(|s| s == scenario) {
        return Err(ScenarioError::Unknown {
            scenario: scenario.into(),
            known,
        });
    }
    let mut ids: Vec<&str> = Vec::new();
    for id in tables
        .deployment
        .iter()
        .map(|d| d.technology.as_str())
        .chain(tables.technologies.iter().map(|t| t.technology.as_str()))
    {
        if !ids.contains(&id) {
            ids.push(id);
        }
    }
    let mut out = ScenarioRun {
        scenario: scenario.into(),
        technologies: Vec::new(),
        inputs: Vec::new(),
        gaps: Vec::new(),
    };
    for id in ids {
        let tech = run_technology(tables, scenario, id, options, &mut out)?;
        out.technologies.push(tech);
    }
    Ok(out)
}

fn inconsistent(technology: &str, problem: String) -> ScenarioError {
    ScenarioError::Inconsistent {
        technology: technology.into(),
        problem,
    }
}

fn run_technology(
    tables: &ScenarioTables,
    scenario: &str,
    id: &str,
    options: RunOptions,
    out: &mut ScenarioRun,
) -> Result<TechnologyRun, ScenarioError> {
    let gap = |out: &mut ScenarioRun, element: Option<Element>, reason: String| {
        out.gaps.push(Gap {
            technology: id.into(),
            element,
            reason,
        })
    };
    let mut tech = TechnologyRun {
        id: id.into(),
        unit: None,
        years: Vec::new(),
        deployment: Vec::new(),
        basis: Vec::new(),
        elements: Vec::new(),
        kg_per_unit: Vec::new(),
    };
    // Deployment: the scenario's rows, with history under them (a scenario row replaces a
    // historical one of the same year); only the rows that count are listed as inputs.
    let mut chosen: Vec<&Deployment> = Vec::new();
    for d in tables.deployment.iter().filter(|d| d.technology == id) {
        if d.scenario != scenario && d.scenario != HISTORICAL {
            continue;
        }
        if tech.unit.is_some_and(|u| u != d.unit.base) {
            return Err(inconsistent(
                id,
                format!(
                    "deployment in {} and in {}",
                    d.unit.base.as_str(),
                    tech.unit.map_or("", |u| u.as_str())
                ),
            ));
        }
        tech.unit = Some(d.unit.base);
        match chosen.iter_mut().find(|c| c.year == d.year) {
            None => chosen.push(d),
            Some(c) if c.scenario == d.scenario => {
                return Err(inconsistent(
                    id,
                    format!("two deployment figures for {} in {}", d.year, d.scenario),
                ))
            }
            Some(c) if d.scenario != HISTORICAL => *c = d,
            Some(_) => {}
        }
    }
    let mut points: Vec<(i32, f64)> = Vec::new();
    for d in chosen {
        points.push((d.year, d.value * d.unit.factor));
        out.inputs.push(InputUse {
            technology: Some(id.into()),
            parameter: "deployment".into(),
            year: Some(d.year),
            value: d.value.to_string(),
            unit: format!("{} ({})", d.unit.name, d.scenario),
            provenance: d.provenance.clone(),
        });
    }
    points.sort_by_key(|p| p.0);
    let (Some(first), Some(last)) = (points.first().map(|p| p.0), points.last().map(|p| p.0))
    else {
        gap(
            out,
            None,
            format!("no deployment figures in scenario {scenario}"),
        );
        return Ok(tech);
    };
    let end = options.until.map_or(last, |u| u.max(last));
    tech.years = (first..=end).collect();
    let published = interpolate(&points, first, last);
    let last_value = points.last().map_or(0.0, |p| p.1);
    for &y in &tech.years {
        let (value, basis) = if y > last {
            match options.extend {
                Extend::HoldLast => (last_value, Basis::Extended),
                Extend::None => (0.0, Basis::NoData),
            }
        } else {
            // Every year from the first to the last point lies on a point or between two,
            // where `interpolate` always has a value.
            let v = published[(y - first) as usize]
                .expect("a year between the first and last published points");
            let b = if points.iter().any(|p| p.0 == y) {
                Basis::Published
            } else {
                Basis::Interpolated
            };
            (v, b)
        };
        tech.deployment.push(value);
        tech.basis.push(basis);
    }
    let unit = tech.unit.unwrap_or(DeployUnit::Vehicle);
    let params = Params {
        rows: &tables.technologies,
        scenario,
        id,
    };
    let years = tech.years.clone();
    let kg_unit = format!("kg/{}", unit.as_str());
    for (parameter, rows) in params.all() {
        for r in &rows {
            if matches!(
                parameter,
                TechParameter::MagnetKgPerUnit | TechParameter::ElementKgPerUnit(_)
            ) && r.unit != kg_unit
            {
                return Err(inconsistent(
                    id,
                    format!(
                        "{parameter} in {} but deployment is per {} (expected {kg_unit})",
                        r.unit,
                        unit.as_str()
                    ),
                ));
            }
            out.inputs.push(InputUse {
                technology: Some(id.into()),
                parameter: parameter.to_string(),
                year: r.year,
                value: match r.value {
                    ParamValue::Number(x) => x.to_string(),
                    ParamValue::Lifetime(l) => l.to_string(),
                },
                unit: r.unit.clone(),
                provenance: r.provenance.clone(),
            });
        }
    }
    let Some(pm_share) = params.series(TechParameter::PmShare, &years)? else {
        gap(
            out,
            None,
            "no pm_share (share of units with NdFeB magnets)".into(),
        );
        return Ok(tech);
    };
    let Some(lifetimes) = params.lifetimes(&years)? else {
        gap(out, None, "no lifetime".into());
        return Ok(tech);
    };
    let Some(recovery) = recovery(tables, scenario, &years, id, out)? else {
        return Ok(tech);
    };
    let magnet = params.series(TechParameter::MagnetKgPerUnit, &years)?;
    for element in MAGNET_ELEMENTS {
        let direct = params.series(TechParameter::ElementKgPerUnit(element), &years)?;
        let via_magnet = match (
            &magnet,
            params.series(TechParameter::Content(element), &years)?,
        ) {
            (Some(m), Some(c)) => Some(m.iter().zip(&c).map(|(m, c)| m * c).collect()),
            _ => None,
        };
        let Some(kg) = direct.or(via_magnet) else {
            gap(
                out,
                Some(element),
                format!(
                    "no element_kg_per_unit_{0}, and no magnet_kg_per_unit with content_{0}",
                    element.symbol()
                ),
            );
            continue;
        };
        let in_products: Vec<f64> = (0..years.len())
            .map(|t| tech.deployment[t] * pm_share[t] * kg[t] / 1000.0)
            .collect();
        let flows = element_flows(&in_products, &lifetimes, &recovery).map_err(|problem| {
            ScenarioError::Flows {
                technology: id.into(),
                element: element.symbol(),
                problem,
            }
        })?;
        tech.elements.push((element, flows));
        tech.kg_per_unit.push((element, kg));
    }
    Ok(tech)
}

/// The rows that apply in `scenario`: its own rows if it has any, else the rows for every
/// scenario (`scenario_of` gives `None`).
fn applicable<'a, T>(
    rows: impl Iterator<Item = &'a T> + Clone,
    scenario: &str,
    scenario_of: impl Fn(&T) -> Option<&str>,
) -> Vec<&'a T> {
    let own: Vec<&T> = rows
        .clone()
        .filter(|r| scenario_of(r) == Some(scenario))
        .collect();
    if own.is_empty() {
        rows.filter(|r| scenario_of(r).is_none()).collect()
    } else {
        own
    }
}

/// The parameter rows of one technology in one scenario.
struct Params<'a> {
    rows: &'a [TechParam],
    scenario: &'a str,
    id: &'a str,
}

impl<'a> Params<'a> {
    /// The rows of `p` that apply: the scenario's own, else those for every scenario.
    fn rows(&self, p: TechParameter) -> Vec<&'a TechParam> {
        applicable(
            self.rows
                .iter()
                .filter(|r| r.technology == self.id && r.parameter == p),
            self.scenario,
            |r| r.scenario.as_deref(),
        )
    }

    fn all(&self) -> Vec<(TechParameter, Vec<&'a TechParam>)> {
        let mut ps = vec![
            TechParameter::MagnetKgPerUnit,
            TechParameter::PmShare,
            TechParameter::Lifetime,
        ];
        for e in MAGNET_ELEMENTS {
            ps.push(TechParameter::Content(e));
            ps.push(TechParameter::ElementKgPerUnit(e));
        }
        ps.into_iter().map(|p| (p, self.rows(p))).collect()
    }

    fn series(&self, p: TechParameter, years: &[i32]) -> Result<Option<Vec<f64>>, ScenarioError> {
        let points: Vec<(Option<i32>, f64)> = self
            .rows(p)
            .iter()
            .filter_map(|r| match r.value {
                ParamValue::Number(x) => Some((r.year, x)),
                ParamValue::Lifetime(_) => None,
            })
            .collect();
        resolve(&points, years).map_err(|problem| inconsistent(self.id, format!("{p}: {problem}")))
    }

    fn lifetimes(&self, years: &[i32]) -> Result<Option<Lifetimes>, ScenarioError> {
        let mut rows: Vec<(Option<i32>, Lifetime)> = self
            .rows(TechParameter::Lifetime)
            .iter()
            .filter_map(|r| match r.value {
                ParamValue::Lifetime(l) => Some((r.year, l)),
                ParamValue::Number(_) => None,
            })
            .collect();
        rows.sort_by_key(|r| r.0);
        match rows.as_slice() {
            [] => Ok(None),
            [(None, l)] => Ok(Some(Lifetimes::Same(*l))),
            _ if rows.iter().any(|r| r.0.is_none()) => Err(inconsistent(
                self.id,
                "lifetime given both for every year and for some years".into(),
            )),
            // A cohort takes the lifetime of the latest row dated at or before it.
            _ => Ok(Some(Lifetimes::PerCohort(
                years
                    .iter()
                    .map(|y| {
                        rows.iter()
                            .rev()
                            .find(|r| r.0.is_some_and(|ry| ry <= *y))
                            .unwrap_or(&rows[0])
                            .1
                    })
                    .collect(),
            ))),
        }
    }
}

/// Values over `years` from undated or dated points (see the module rules).
fn resolve(points: &[(Option<i32>, f64)], years: &[i32]) -> Result<Option<Vec<f64>>, String> {
    match points {
        [] => Ok(None),
        [(None, x)] => Ok(Some(vec![*x; years.len()])),
        _ if points.iter().any(|p| p.0.is_none()) => {
            Err("given both for every year and for some years".into())
        }
        _ => {
            let mut dated: Vec<(i32, f64)> = points
                .iter()
                .filter_map(|(y, x)| y.map(|y| (y, *x)))
                .collect();
            dated.sort_by_key(|p| p.0);
            if let Some(w) = dated.windows(2).find(|w| w[0].0 == w[1].0) {
                return Err(format!("two values for {}", w[0].0));
            }
            let (a, b) = (dated[0], dated[dated.len() - 1]);
            Ok(Some(
                years
                    .iter()
                    .map(|y| match *y {
                        y if y <= a.0 => a.1,
                        y if y >= b.0 => b.1,
                        y => interpolate(&dated, y, y)[0].unwrap_or(a.1),
                    })
                    .collect(),
            ))
        }
    }
}

fn recovery(
    tables: &ScenarioTables,
    scenario: &str,
    years: &[i32],
    id: &str,
    out: &mut ScenarioRun,
) -> Result<Option<RecoverySeries>, ScenarioError> {
    let mut series = Vec::new();
    for p in [
        RecoveryParameter::ManufacturingYield,
        RecoveryParameter::Collection,
        RecoveryParameter::RecyclingYield,
    ] {
        let rows = applicable(
            tables.recovery.iter().filter(|r| r.parameter == p),
            scenario,
            |r| r.scenario.as_deref(),
        );
        for r in &rows {
            let used = InputUse {
                technology: None,
                parameter: p.to_string(),
                year: r.year,
                value: r.value.to_string(),
                unit: "fraction".into(),
                provenance: r.provenance.clone(),
            };
            if !out.inputs.contains(&used) {
                out.inputs.push(used);
            }
        }
        let points: Vec<(Option<i32>, f64)> = rows.iter().map(|r| (r.year, r.value)).collect();
        match resolve(&points, years).map_err(|e| inconsistent("recovery", format!("{p}: {e}")))? {
            Some(s) => series.push(s),
            None => {
                out.gaps.push(Gap {
                    technology: id.into(),
                    element: None,
                    reason: format!("no {p} in scenario {scenario}"),
                });
                return Ok(None);
            }
        }
    }
    // The loop above pushed one series per parameter, in this order, or returned early.
    let [manufacturing_yield, collection, recycling_yield]: [Vec<f64>; 3] = series
        .try_into()
        .expect("one series for each of the three recovery parameters");
    Ok(Some(RecoverySeries {
        manufacturing_yield,
        collection,
        recycling_yield,
    }))
}

#[cfg(test)]
mod tests {
    use super::*;
    use model::demand::{Deployment, RecoveryParam, ScaledUnit};

    fn prov() -> Provenance {
        Provenance {
            edition: "TEST".into(),
            citation: "p. 1".into(),
        }
    }

    fn param(
        technology: &str,
        year: Option<i32>,
        p: &str,
        value: ParamValue,
        unit: &str,
    ) -> TechParam {
        TechParam {
            technology: technology.into(),
            scenario: None,
            year,
            parameter: p.parse().unwrap(),
            value,
            unit: unit.into(),
            provenance: prov(),
        }
    }

    fn tables() -> ScenarioTables {
        let n = ParamValue::Number;
        let dep = |scenario: &str, year, value| Deployment {
            scenario: scenario.into(),
            technology: "ev".into(),
            year,
            value,
            unit: "million vehicles".parse::<ScaledUnit>().unwrap(),
            provenance: prov(),
        };
        let rec = |p: &str, value| RecoveryParam {
            scenario: None,
            year: None,
            parameter: p.parse().unwrap(),
            value,
            provenance: prov(),
        };
        ScenarioTables {
            technologies: vec![
                param("ev", None, "magnet_kg_per_unit", n(2.0), "kg/vehicle"),
                param("ev", None, "content_Nd", n(0.25), "mass fraction"),
                param("ev", Some(2020), "content_Dy", n(0.04), "mass fraction"),
                param("ev", Some(2030), "content_Dy", n(0.02), "mass fraction"),
                param("ev", None, "pm_share", n(0.5), "share"),
                param(
                    "ev",
                    None,
                    "lifetime",
                    ParamValue::Lifetime(Lifetime::Fixed { mean: 2.0 }),
                    "years",
                ),
            ],
            deployment: vec![
                dep(HISTORICAL, 2020, 1.0),
                dep("fast", 2030, 11.0),
                dep("fast", 2020, 99.0),
            ],
            recovery: vec![
                rec("manufacturing_yield", 0.8),
                rec("collection", 0.5),
                rec("recycling_yield", 0.9),
            ],
        }
    }

    #[test]
    fn a_scenario_runs_with_history_interpolation_and_named_gaps() {
        let r = run(&tables(), "fast").unwrap();
        let ev = &r.technologies[0];
        assert_eq!(ev.years, (2020..=2030).collect::<Vec<_>>());
        // The scenario's own 2020 figure wins over history; 2025 lies halfway to 2030.
        assert_eq!(ev.deployment[0], 99e6);
        assert_eq!(ev.deployment[5], 55e6);
        assert_eq!(ev.basis[5], Basis::Interpolated);
        // Nd in 2025: 55e6 vehicles × 0.5 × 2 kg × 0.25 / 1000 = 13,750 t, ÷ 0.8 yield.
        let nd = ev.at(Element::Nd, 2025).unwrap();
        assert!((nd.in_products.get() - 13_750.0).abs() < 1e-6);
        assert!((nd.demand.get() - 13_750.0 / 0.8).abs() < 1e-6);
        // Dy content thrifts from 4% (2020) to 2% (2030): 3% in 2025.
        let dy = ev.at(Element::Dy, 2025).unwrap();
        assert!((dy.in_products.get() - 55e6 * 2.0 * 0.5 * 0.03 / 1000.0).abs() < 1e-6);
        // Pr and Tb have no content: named gaps, and totals say so.
        assert!(r.gaps.iter().any(|g| g.element == Some(Element::Tb)));
        let total = r.total(Element::Pr, 2025);
        assert!(total.covered.is_empty() && total.flows.is_none());
        assert!(total.missing[0].1.contains("content_Pr"));
        // Outside the published years nothing is extrapolated.
        assert!(r.total(Element::Nd, 2031).missing[0]
            .1
            .contains("2020–2030"));
        // Every row used is listed with its source.
        assert!(r
            .inputs
            .iter()
            .any(|i| i.parameter == "deployment" && i.year == Some(2030)));
        assert!(r.inputs.iter().all(|i| i.provenance.edition == "TEST"));
        // The historical 2020 figure was replaced, so it is not listed as used.
        assert!(!r
            .inputs
            .iter()
            .any(|i| i.parameter == "deployment" && i.unit.contains("historical")));
        // The figure an alternative estimate is set beside: 2 kg × 25% Nd = 0.5 kg Nd per car;
        // no total, since Pr and Tb are gaps.
        assert_eq!(
            r.used("ev", AltQuantity::ElementKgPerUnit(Element::Nd)),
            Some((2020, 0.5))
        );
        assert_eq!(r.used("ev", AltQuantity::ReeKgPerUnit), None);
        // Unknown scenario ids are refused with the known ones.
        assert_eq!(
            run(&tables(), "slow").unwrap_err().to_string(),
            "unknown scenario \"slow\": expected one of fast"
        );
    }

    #[test]
    fn two_figures_for_one_year_are_refused() {
        let mut t = tables();
        let mut twice = t.deployment[1].clone();
        twice.value = 12.0;
        t.deployment.push(twice);
        assert_eq!(
            run(&t, "fast").unwrap_err().to_string(),
            "technology ev: two deployment figures for 2030 in fast"
        );
    }

    #[test]
    fn missing_recovery_and_unit_mismatch_are_reported() {
        let mut t = tables();
        t.recovery
            .retain(|r| r.parameter != RecoveryParameter::ManufacturingYield);
        let r = run(&t, "fast").unwrap();
        assert_eq!(r.gaps[0].reason, "no manufacturing_yield in scenario fast");
        assert!(r.technologies[0].elements.is_empty());
        let mut t = tables();
        t.technologies[0].unit = "kg/MW".into();
        assert!(run(&t, "fast")
            .unwrap_err()
            .to_string()
            .contains("expected kg/vehicle"));
    }
}
