//! `plan`, `plan list`: a roadmap read and assembled into the planner's inputs (candidates
//! costed in USD of 2024, the baseline's existing output, the group's demand), solved by
//! `plan` on HiGHS, and, with `--simulate`, the chosen projects run through the simulator
//! as capacity events under a scenario to see whether the targets still hold.
//!
//! The rules that turn a project of `data/projects.csv` into a candidate (which fields are
//! needed, how currencies are converted, what a gap excludes) live here, once:
//! `docs/model/plan.md` states them.

/// The planner's answer types, for faces that render them.
pub use ::plan::report;

use crate::error::{Error, Result};
use crate::session::NamedText;
use crate::sim::SimRequest;
use crate::Session;
use model::plan::{
    Candidate, DemandPoint as PlanDemand, Existing, FxRate, GenericTemplate, Mix, Part, PlanInputs,
    Roadmap, CPI_U,
};
use model::project::{CapacityBasis, Economics, Project, ProjectStatus};
use model::sim::{CapacityOf, Event, EventKind, Region, Species, When};
use model::{CountryCode, Element, ElementGroup, Material, Metric, Place, Stage, Table, Year};
use serde::Serialize;
use std::sync::OnceLock;
use utoipa::ToSchema;

/// A planning request: the roadmap file and, with `--simulate`, a scenario to test the
/// chosen plan under.
#[derive(Debug, Clone)]
pub struct PlanRequest {
    /// The roadmap (TOML).
    pub roadmap: NamedText,
    /// The scenario the plan is tested under.
    pub simulate: Option<SimRequest>,
    /// The most seconds the solver may take, whatever the roadmap asks (a server's cap).
    pub max_seconds: Option<f64>,
}

/// A candidate as the planner saw it: its economics converted, or why it was left out.
#[derive(Debug, Clone, PartialEq, Serialize, ToSchema)]
pub struct CandidateRow {
    /// Project (or generic template and country).
    pub project: String,
    /// Country.
    pub country: String,
    /// Stages, joined by `+`.
    pub stage: String,
    /// Status in `data/projects.csv` (`generic` for a generic candidate).
    pub status: String,
    /// Capacity at full ramp, t a year of `basis`.
    pub capacity_t: Option<f64>,
    /// What the capacity counts (`TREO`, `NdPr`, `magnet_REE`).
    pub basis: Option<String>,
    /// Whole years from decision to first output.
    pub lead_years: Option<u32>,
    /// Years to full capacity.
    pub ramp_years: Option<u32>,
    /// Capital cost, million USD of 2024.
    pub capex_musd_2024: Option<f64>,
    /// Operating cost, USD of 2024 per t of output.
    pub opex_usd_2024_per_t: Option<f64>,
    /// How each figure was obtained (conversions, defaults used).
    pub derivation: Vec<String>,
    /// Edition of the economics.
    pub edition: String,
    /// Why it is not a candidate (empty when it is).
    pub excluded: String,
}

/// What makes a plan reproducible.
#[derive(Debug, Clone, PartialEq, Serialize, ToSchema)]
pub struct PlanMetadata {
    /// The solver and its version (`highs 1.x`).
    pub solver: String,
    /// `optimal`, `infeasible`, `time_limit`, `gap_limit` or `error`.
    pub status: String,
    /// Discounted cost, million USD of 2024.
    pub objective: Option<f64>,
    /// Relative MIP gap.
    pub gap: Option<f64>,
    /// Seconds in the solver.
    pub seconds: f64,
    /// rareflow's version.
    pub version: String,
    /// SHA-256 of the bundled data.
    pub dataset_sha256: String,
    /// SHA-256 of the roadmap file's bytes.
    pub roadmap_sha256: String,
    /// SHA-256 of the scenario file's bytes, with `--simulate`.
    pub scenario_sha256: Option<String>,
}

/// A target in one year of the simulated plan.
#[derive(Debug, Clone, PartialEq, Serialize, ToSchema)]
pub struct SimulatedTarget {
    /// Year.
    pub year: i32,
    /// Target.
    pub target: String,
    /// What the plan required, t (a share target: of the simulated world output).
    pub required: f64,
    /// What the group's nodes put out in the simulation, t.
    pub achieved: f64,
    /// Whether `achieved ≥ required` (within 1e-6 t).
    pub met: bool,
}

/// The plan run through the simulator.
#[derive(Debug, Clone, PartialEq, Serialize, ToSchema)]
pub struct PlanSimulation {
    /// The scenario.
    pub scenario: String,
    /// Whether every target holds in every year the simulation covers.
    pub holds: bool,
    /// Targets by year (the years both the plan and the scenario cover).
    pub targets: Vec<SimulatedTarget>,
    /// Capacity events the plan added.
    pub events: usize,
    /// What the translation assumed.
    pub notes: Vec<String>,
}

/// A plan's answer.
#[derive(Debug, Clone, PartialEq, Serialize, ToSchema)]
pub struct PlanResult {
    /// The roadmap's name.
    pub roadmap: String,
    /// Its description.
    pub description: String,
    /// Whose chain is planned.
    pub group: String,
    /// First decision year.
    pub from: i32,
    /// Last year.
    pub to: i32,
    /// The plan.
    pub plan: plan::Plan,
    /// Every project of the group (and generic candidate) with its converted economics.
    pub candidates: Vec<CandidateRow>,
    /// The roadmap's sources and its targets'.
    pub sources: Vec<String>,
    /// The labelled assumptions the plan rests on.
    pub assumptions: Vec<String>,
    /// Reproducibility.
    pub metadata: PlanMetadata,
    /// The plan under a scenario, with `--simulate`.
    pub simulation: Option<PlanSimulation>,
}

/// A bundled roadmap.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct BundledRoadmap {
    /// Name to plan it by.
    pub name: String,
    /// Its description.
    pub description: String,
    /// Whose chain.
    pub group: String,
    /// First decision year.
    pub from: i32,
    /// Last year.
    pub to: i32,
    /// Targets.
    pub targets: Vec<String>,
}

/// `plan list`.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct PlanListResult {
    /// The bundled roadmaps.
    pub roadmaps: Vec<BundledRoadmap>,
}

/// Tonnes of magnet rare-earth oxide in a tonne of NdFeB magnets: 0.31 t of rare-earth
/// metal (the trade links' conversion, YANG-2017) × Nd₂O₃/2Nd.
pub fn magnet_oxide_per_t() -> f64 {
    model::trade::NDFEB_RE_CONTENT * Element::Nd.reo_per_element()
}

struct PlanTables {
    fx: Vec<FxRate>,
    generic: Vec<GenericTemplate>,
}

fn plan_tables() -> Result<&'static PlanTables> {
    static T: OnceLock<std::result::Result<PlanTables, String>> = OnceLock::new();
    let t = T.get_or_init(|| {
        let fx = data::planfiles::read_fx(data::bundled::FX.0, data::bundled::FX.1)
            .map_err(|e| e.to_string())?;
        let generic = data::planfiles::read_generic(
            data::bundled::GENERIC_PROJECTS.0,
            data::bundled::GENERIC_PROJECTS.1,
        )
        .map_err(|e| e.to_string())?;
        Ok(PlanTables { fx, generic })
    });
    t.as_ref().map_err(|e| {
        Error::Bundled(data::DataError::File {
            file: "bundled planner tables".into(),
            message: e.clone(),
        })
    })
}

/// Converts an amount of `currency` stated in `year` to USD of 2024: the year's average
/// exchange rate (USD per unit), then the US CPI-U factor of the year.
pub fn to_usd_2024(
    amount: f64,
    currency: &str,
    year: i32,
    fx: &[FxRate],
) -> std::result::Result<(f64, String), String> {
    let rate = |c: &str| fx.iter().find(|r| r.currency == c && r.year == year);
    let Some(cpi) = rate(CPI_U) else {
        return Err(format!(
            "no US price index (CPI-U) for {year} in data/fx.csv to bring {currency} of {year} to 2024"
        ));
    };
    if currency == "USD" {
        let how = format!("{amount} USD of {year} x CPI-U {}", cpi.usd_per_unit);
        return Ok((amount * cpi.usd_per_unit, how));
    }
    let Some(fx) = rate(currency) else {
        return Err(format!(
            "no exchange rate for {currency} in {year} in data/fx.csv"
        ));
    };
    let value = amount * fx.usd_per_unit * cpi.usd_per_unit;
    let how = format!(
        "{amount} {currency} of {year} x {} USD/{currency} ({}) x CPI-U {}",
        fx.usd_per_unit, fx.source, cpi.usd_per_unit
    );
    Ok((value, how))
}

fn basis_material(b: CapacityBasis) -> Option<Material> {
    match b {
        CapacityBasis::Treo => Some(Material::Group(ElementGroup::Treo)),
        CapacityBasis::NdPr => Some(Material::Group(ElementGroup::NdPr)),
        CapacityBasis::MagnetRee | CapacityBasis::Magnet => {
            Some(Material::Group(ElementGroup::MagnetRee))
        }
        CapacityBasis::Input => None,
    }
}

/// One project (or generic template placed in a country) as the planner describes it.
struct Listing<'a> {
    name: String,
    country: CountryCode,
    stages: &'a [Stage],
    /// `None` for a generic candidate.
    status: Option<ProjectStatus>,
    ore_type: &'a str,
    start_year: Option<i32>,
    capex: Option<f64>,
    capex_currency: &'a str,
    economics: &'a Economics,
    generic: bool,
}

impl Session {
    /// The bundled roadmaps.
    pub fn plan_list(&self) -> Result<PlanListResult> {
        let mut roadmaps = Vec::new();
        for b in data::bundled::ROADMAPS {
            let r = self.roadmap(&NamedText::new(b.file.0, b.file.1))?;
            roadmaps.push(BundledRoadmap {
                name: b.name.into(),
                description: r.description,
                group: r.group.id(),
                from: r.from,
                to: r.to,
                targets: r.targets.iter().map(|t| t.name.clone()).collect(),
            });
        }
        Ok(PlanListResult { roadmaps })
    }

    /// A bundled roadmap's file, by name.
    pub fn plan_bundled(&self, name: &str) -> Result<NamedText> {
        match data::bundled::ROADMAPS
            .iter()
            .find(|b| b.name.eq_ignore_ascii_case(name))
        {
            Some(b) => Ok(NamedText::new(b.file.0, b.file.1)),
            None => {
                let names: Vec<&str> = data::bundled::ROADMAPS.iter().map(|b| b.name).collect();
                let near = model::suggest::closest(name, names.iter().copied(), 3);
                Err(Error::NotFound(format!(
                    "no bundled roadmap {name:?} and no such file: {}",
                    if near.is_empty() {
                        format!("expected a .toml file or one of {}", names.join(", "))
                    } else {
                        format!("did you mean {}?", near.join(", "))
                    }
                )))
            }
        }
    }

    /// Reads a roadmap and checks the project names it gives against the projects.
    pub fn roadmap(&self, file: &NamedText) -> Result<Roadmap> {
        let r =
            data::roadmap::read_roadmap(&file.name, &file.text, &self.bundled().dataset.countries)?;
        let projects = &self.tables().projects;
        for n in r.exclude.iter().chain(&r.require) {
            if !projects
                .iter()
                .any(|p| p.name.eq_ignore_ascii_case(&n.name))
            {
                let near =
                    model::suggest::closest(&n.name, projects.iter().map(|p| p.name.as_str()), 3);
                return Err(data::DataError::Key {
                    file: file.name.clone(),
                    line: n.line,
                    column: n.column,
                    key: n.key.clone(),
                    message: format!(
                        "unknown project {:?}: expected a project of data/projects.csv{}",
                        n.name,
                        if near.is_empty() {
                            String::new()
                        } else {
                            format!(" (did you mean {}?)", near.join(", "))
                        }
                    ),
                }
                .into());
            }
        }
        Ok(r)
    }

    /// Plans a roadmap (and tests the plan under a scenario, when asked).
    pub fn plan(&self, req: &PlanRequest) -> Result<PlanResult> {
        let mut roadmap = self.roadmap(&req.roadmap)?;
        let mut assumptions = Vec::new();
        let asked_seconds = roadmap.limits.time_limit_s;
        let capped = req.max_seconds.filter(|c| *c < asked_seconds);
        if let Some(cap) = capped {
            roadmap.limits.time_limit_s = cap;
        }
        self.fill_supplier_shares(&mut roadmap, &mut assumptions)?;
        let (candidates, rows) = self.candidates(&roadmap)?;
        let existing = self.existing()?;
        let demand = self.plan_demand(&roadmap, &mut assumptions)?;
        if roadmap.discount_rate_default {
            assumptions.push(format!(
                "discount rate {} a year (real): rareflow's default, a labelled assumption",
                Roadmap::DEFAULT_DISCOUNT_RATE
            ));
        }
        if !roadmap.defaults.source.is_empty() {
            assumptions.push(format!(
                "defaults for unpublished lead times, ramps and operating costs: {}",
                roadmap.defaults.source
            ));
        }
        if roadmap.omit_missing_opex {
            assumptions.push("missing_opex = \"omit\": candidates without a published operating cost (and no default for their stage) are kept with their operating cost left out of the objective, so the cost is a lower bound; each says so in its derivation (candidates)".into());
        }
        assumptions.push(format!(
            "magnet capacities in t of NdFeB count as magnet rare-earth oxide at {:.4} t per t (0.31 rare earths, YANG-2017, x 1.1664 oxide/metal)",
            magnet_oxide_per_t()
        ));
        assumptions.push(format!(
            "existing output: the bundled world network of {} (Nd, Pr, Dy, Tb by country and stage) and the latest USGS mine production (TREO), held flat over the horizon",
            crate::session::WORLD_BASE_YEAR
        ));
        let sources = {
            let mut s = roadmap.sources.clone();
            for t in &roadmap.targets {
                for x in &t.sources {
                    if !s.contains(x) {
                        s.push(x.clone());
                    }
                }
            }
            s
        };
        let inputs = PlanInputs {
            roadmap: roadmap.clone(),
            candidates,
            existing,
            demand,
        };
        let mut p = plan::plan(&inputs, &lp::Highs).map_err(|e| match e {
            plan::PlanError::Model(m) => Error::Invalid(format!("{}: {m}", req.roadmap.name)),
            other => Error::Invalid(format!("{}: {other}", req.roadmap.name)),
        })?;
        if let (Some(cap), plan::Status::TimeLimit) = (capped, p.status) {
            p.notes.push(format!(
                "the solver's time limit is capped at {cap} s here (the roadmap asks {asked_seconds} s): run it from the command line for more"
            ));
        }
        for r in rows.iter().filter(|r| !r.excluded.is_empty()) {
            p.excluded.push(plan::report::Excluded {
                project: r.project.clone(),
                country: r.country.clone(),
                reason: r.excluded.clone(),
            });
        }
        let simulation = match &req.simulate {
            Some(s) => Some(self.simulate_plan(&roadmap, &inputs, &p, s)?),
            None => None,
        };
        let metadata = PlanMetadata {
            solver: format!("highs {}", lp::highs::version()),
            status: p.status.id().into(),
            objective: p.objective,
            gap: p.gap,
            seconds: p.seconds,
            version: crate::sim::version(),
            dataset_sha256: self.bundled_sha256(),
            roadmap_sha256: crate::sim::sha256_hex(&[req.roadmap.text.as_bytes()]),
            scenario_sha256: req
                .simulate
                .as_ref()
                .map(|s| crate::sim::sha256_hex(&[s.scenario.text.as_bytes()])),
        };
        Ok(PlanResult {
            roadmap: roadmap.name.clone(),
            description: roadmap.description.clone(),
            group: roadmap.group.id(),
            from: roadmap.from,
            to: roadmap.to,
            plan: p,
            candidates: rows,
            sources,
            assumptions,
            metadata,
            simulation,
        })
    }

    /// A diversification target without a supplier share takes the supplier's share of
    /// world output at the target's stage from the bundled world network.
    fn fill_supplier_shares(&self, r: &mut Roadmap, assumptions: &mut Vec<String>) -> Result<()> {
        let net = &self.bundled().world_network()?.network;
        for t in &mut r.targets {
            if let model::plan::TargetKind::Diversification {
                supplier,
                supplier_share,
                ..
            } = &mut t.kind
            {
                if supplier_share.is_some() {
                    continue;
                }
                let within = |s: &Species| species_part(*s).within(t.material);
                let world: f64 = net
                    .nodes
                    .iter()
                    .filter(|n| n.stage == t.stage && within(&n.species))
                    .map(|n| n.baseline_t)
                    .sum();
                let of: f64 = net
                    .nodes
                    .iter()
                    .filter(|n| {
                        n.stage == t.stage
                            && within(&n.species)
                            && n.region == Region::Country(*supplier)
                    })
                    .map(|n| n.baseline_t)
                    .sum();
                if world > 0.0 {
                    let share = of / world;
                    let source = format!(
                        "bundled world network {}: {supplier}'s {} at {} {:.0} of {:.0} t",
                        crate::session::WORLD_BASE_YEAR,
                        t.material,
                        t.stage.id(),
                        of,
                        world
                    );
                    assumptions.push(format!(
                        "target {}: supplier share {share:.3} from the {source}",
                        t.name
                    ));
                    *supplier_share = Some(model::plan::SourcedShare { share, source });
                }
            }
        }
        Ok(())
    }

    /// Every project of the roadmap's group (and each generic template in each of the
    /// roadmap's generic countries), converted, or excluded with the reason.
    fn candidates(&self, r: &Roadmap) -> Result<(Vec<Candidate>, Vec<CandidateRow>)> {
        let t = plan_tables()?;
        let mut listings: Vec<Listing<'_>> = Vec::new();
        for p in self
            .tables()
            .projects
            .iter()
            .filter(|p| r.group.contains(p.country))
        {
            listings.push(listing(p));
        }
        for g in &t.generic {
            for c in &r.generic_countries {
                listings.push(Listing {
                    name: format!("{} in {}", g.name, c.as_str()),
                    country: *c,
                    stages: &g.stages,
                    status: None,
                    ore_type: "",
                    start_year: None,
                    capex: g.capex,
                    capex_currency: &g.capex_currency,
                    economics: &g.economics,
                    generic: true,
                });
            }
        }
        let mut candidates = Vec::new();
        let mut rows = Vec::new();
        for l in &listings {
            let (cand, row) = self.candidate(r, l, &t.fx);
            if let Some(c) = cand {
                candidates.push(c);
            }
            rows.push(row);
        }
        Ok((candidates, rows))
    }

    fn candidate(
        &self,
        r: &Roadmap,
        l: &Listing<'_>,
        fx: &[FxRate],
    ) -> (Option<Candidate>, CandidateRow) {
        let e = l.economics;
        let mut row = CandidateRow {
            project: l.name.clone(),
            country: l.country.as_str().into(),
            stage: l
                .stages
                .iter()
                .map(|s| s.id())
                .collect::<Vec<_>>()
                .join("+"),
            status: l.status.map_or("generic", ProjectStatus::id).into(),
            capacity_t: None,
            basis: None,
            lead_years: None,
            ramp_years: None,
            capex_musd_2024: None,
            opex_usd_2024_per_t: None,
            derivation: Vec::new(),
            edition: e.edition.clone(),
            excluded: String::new(),
        };
        let excluded_by_roadmap = r
            .exclude
            .iter()
            .any(|n| n.name.eq_ignore_ascii_case(&l.name));
        let required = r
            .require
            .iter()
            .any(|n| n.name.eq_ignore_ascii_case(&l.name));
        let reason = match l.status {
            Some(ProjectStatus::Operating) => {
                Some("operating: its output is in the baseline".to_string())
            }
            Some(ProjectStatus::Stalled) => Some("stalled".to_string()),
            _ if excluded_by_roadmap => Some("excluded by the roadmap".to_string()),
            _ => None,
        };
        let first = l.stages.first().copied().unwrap_or(Stage::Mining);
        let last = l.stages.last().copied().unwrap_or(Stage::Mining);
        // Capacity and what it counts.
        let capacity = match (e.capacity_t, e.basis) {
            (_, Some(CapacityBasis::Input)) => {
                Err("its capacity is a feed throughput, not an output".to_string())
            }
            (Some(c), Some(CapacityBasis::Magnet)) => {
                row.derivation.push(format!(
                    "capacity {c} t NdFeB x {:.4} t oxide per t = {:.1} t magnet_REE",
                    magnet_oxide_per_t(),
                    c * magnet_oxide_per_t()
                ));
                Ok((
                    c * magnet_oxide_per_t(),
                    Material::Group(ElementGroup::MagnetRee),
                ))
            }
            (Some(c), Some(b)) => Ok((
                c,
                basis_material(b).unwrap_or(Material::Group(ElementGroup::Treo)),
            )),
            (Some(_), None) => {
                Err("its capacity's basis (TREO, NdPr, magnet REO) is not stated".to_string())
            }
            (None, _) => Err(format!(
                "capacity in t of oxide not published{}",
                if e.conversion.is_empty() {
                    String::new()
                } else {
                    format!(" ({})", e.conversion)
                }
            )),
        };
        if let Ok((c, b)) = &capacity {
            row.capacity_t = Some(*c);
            row.basis = Some(b.id().into());
        }
        // Lead time: published, else the roadmap's default for the first stage.
        let lead = match e.lead_years {
            Some(x) => Ok(x),
            None => match r.defaults.lead_years.iter().find(|(s, _)| *s == first) {
                Some((_, x)) => {
                    row.derivation.push(format!(
                        "lead time {x} years: the roadmap's default for {}",
                        first.id()
                    ));
                    Ok(*x)
                }
                None => Err(format!(
                    "lead time not published and the roadmap gives no default for {}",
                    first.id()
                )),
            },
        }
        .map(|x| {
            let whole = x.ceil() as u32;
            if (whole as f64 - x).abs() > 1e-9 {
                row.derivation
                    .push(format!("lead time {x} years rounded up to {whole}"));
            }
            whole
        });
        if let Ok(x) = &lead {
            row.lead_years = Some(*x);
        }
        let ramp = match e.ramp_years.or(r.defaults.ramp_years) {
            Some(x) => {
                if e.ramp_years.is_none() {
                    row.derivation
                        .push(format!("ramp {x} years: the roadmap's default"));
                }
                Ok(x)
            }
            None => Err("ramp years not published and the roadmap gives no default".to_string()),
        };
        if let Ok(x) = &ramp {
            row.ramp_years = Some(*x);
        }
        let capex = match (l.capex, e.capex_year) {
            (None, _) => Err("capex not published".to_string()),
            (Some(_), None) => Err(format!(
                "the year of its capex ({} {}) is not known",
                l.capex.unwrap_or(0.0),
                l.capex_currency
            )),
            (Some(x), Some(y)) => to_usd_2024(x, l.capex_currency.trim(), y, fx).map(|(v, how)| {
                row.derivation
                    .push(format!("capex {how} = {v:.1} million USD 2024"));
                v
            }),
        };
        if let Ok(x) = &capex {
            row.capex_musd_2024 = Some(*x);
        }
        let opex = match &e.opex {
            Some(m) => {
                let per = e.opex_unit.trim_start();
                let scale = if per.starts_with("per kg") {
                    Ok(1000.0)
                } else if per.starts_with("per t") {
                    Ok(1.0)
                } else {
                    Err(format!(
                        "opex unit {:?} is neither per kg nor per t",
                        e.opex_unit
                    ))
                };
                match (scale, m.year.or(e.capex_year)) {
                    (Err(w), _) => Err(w),
                    (_, None) => Err("the year of its opex is not known".to_string()),
                    (Ok(k), Some(y)) => {
                        to_usd_2024(m.amount * k, m.currency.trim(), y, fx).map(|(v, how)| {
                            row.derivation.push(format!(
                                "opex {} {} {} ({how}) = {v:.0} USD 2024 per t",
                                m.amount, m.currency, e.opex_unit
                            ));
                            Some(v)
                        })
                    }
                }
            }
            None => match r.defaults.opex_usd_per_t.iter().find(|(s, _)| *s == last) {
                Some((_, v)) => {
                    row.derivation.push(format!(
                        "opex {v} USD 2024 per t: the roadmap's default for {}",
                        last.id()
                    ));
                    Ok(Some(*v))
                }
                None if r.omit_missing_opex => {
                    row.derivation.push(
                        "opex not published: left out of the cost (missing_opex = \"omit\")".into(),
                    );
                    Ok(None)
                }
                None => Err(format!(
                    "opex not published and the roadmap gives no default for {}",
                    last.id()
                )),
            },
        };
        if let Ok(Some(x)) = &opex {
            row.opex_usd_2024_per_t = Some(*x);
        }
        let first_problem = [
            reason.clone(),
            capacity.as_ref().err().cloned(),
            lead.as_ref().err().cloned(),
            ramp.as_ref().err().cloned(),
            capex.as_ref().err().cloned(),
            opex.as_ref().err().cloned(),
        ]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>();
        if !first_problem.is_empty() {
            // The status (or the roadmap) decides alone; otherwise every gap, each once.
            let mut reasons: Vec<String> = Vec::new();
            for p in first_problem {
                if !reasons.contains(&p) {
                    reasons.push(p);
                }
            }
            row.excluded = match reason {
                Some(r) => r,
                None => reasons.join("; "),
            };
            return (None, row);
        }
        let (capacity_t, basis) = capacity.unwrap_or((0.0, Material::Group(ElementGroup::Treo)));
        let lead_years = lead.unwrap_or(0);
        let (mix, mix_source) = self.mix(l.ore_type, basis);
        row.derivation.push(format!("mix: {mix_source}"));
        // A project under construction was decided before the plan: its first output is
        // its published start (or as soon as its lead time allows).
        let decided = (l.status == Some(ProjectStatus::Construction)).then_some(r.from - 1);
        let lead_years = match (decided, l.start_year) {
            (Some(d), Some(s)) if s > d => {
                let remaining = (s - d) as u32;
                row.derivation.push(format!(
                    "under construction: decided before {}, first output in its published start year {s}",
                    r.from
                ));
                remaining
            }
            _ => lead_years,
        };
        let earliest_output = match l.status {
            Some(ProjectStatus::Feasibility | ProjectStatus::Exploration) => l.start_year,
            _ => None,
        };
        let cand = Candidate {
            name: l.name.clone(),
            country: l.country,
            stages: l.stages.to_vec(),
            capacity_t,
            basis,
            mix,
            mix_source,
            earliest_output,
            lead_years,
            ramp_years: ramp.unwrap_or(0),
            capex_musd: capex.unwrap_or(0.0),
            opex_usd_per_t: opex.ok().flatten().unwrap_or(0.0),
            decided,
            required: required || decided.is_some(),
            generic: l.generic,
        };
        (Some(cand), row)
    }

    /// The oxide mix of a candidate's ore: the ore table's distribution of its ore type
    /// where it names elements; else, for a capacity that counts a group (NdPr, magnet
    /// REO) or an element, that; else unknown (TREO only).
    fn mix(&self, ore_type: &str, basis: Material) -> (Mix, String) {
        let ores = &self.tables().ores;
        let from_components = |comps: &[(model::ore::Component, f64)]| -> Mix {
            comps
                .iter()
                .map(|(c, s)| {
                    (
                        match c {
                            model::ore::Component::Element(e) => Part::Element(*e),
                            model::ore::Component::Unspecified => Part::Unspecified,
                        },
                        *s,
                    )
                })
                .collect()
        };
        if !ore_type.is_empty() {
            if let Some(d) = ores
                .distributions
                .iter()
                .find(|d| d.ore_type.eq_ignore_ascii_case(ore_type))
            {
                let total: f64 = d.components.iter().map(|(_, s)| s).sum();
                if total > 0.0
                    && d.components
                        .iter()
                        .any(|(c, _)| matches!(c, model::ore::Component::Element(_)))
                {
                    let mix = from_components(&d.components)
                        .into_iter()
                        .map(|(p, s)| (p, s / total))
                        .collect();
                    return (
                        mix,
                        format!("data/ore_types.csv {ore_type} ({})", d.deposit),
                    );
                }
            }
        }
        match basis {
            Material::Group(g) if g != ElementGroup::Treo => (
                vec![(Part::Group(g), 1.0)],
                format!(
                    "its product is {} (its ore's element split is a gap)",
                    g.id()
                ),
            ),
            Material::Element(e) => (
                vec![(Part::Element(e), 1.0)],
                format!("its product is {}", e.symbol()),
            ),
            _ => (
                vec![(Part::Unspecified, 1.0)],
                "the element split of its ore is a gap: it counts towards TREO only".into(),
            ),
        }
    }

    /// The baseline's output by country and stage: the world network's nodes (Nd, Pr, Dy,
    /// Tb) and, at mining, the latest USGS mine production (TREO), the rest unspecified.
    fn existing(&self) -> Result<Vec<Existing>> {
        let b = self.bundled();
        let net = &b.world_network()?.network;
        let mut out: Vec<Existing> = Vec::new();
        for n in &net.nodes {
            if let Region::Country(c) = n.region {
                add_existing(
                    &mut out,
                    c,
                    n.stage,
                    species_part(n.species),
                    n.baseline_t,
                    "bundled world network",
                );
            }
        }
        // Mining: the rest of each country's mined TREO, unspecified.
        let treo = Material::Group(ElementGroup::Treo);
        let year = Year(crate::session::WORLD_BASE_YEAR);
        if let Some(edition) =
            b.dataset
                .latest_statistical_edition(Metric::MineProduction, treo, Some(year))
        {
            for o in b.dataset.observations.iter().filter(|o| {
                o.edition == edition.edition
                    && o.table == Table::World
                    && o.metric == Metric::MineProduction
                    && o.year == year
                    && o.material == treo
            }) {
                if let (Place::Country(c), Some(t)) = (o.place, o.value.magnitude()) {
                    let known: f64 = out
                        .iter()
                        .filter(|e| e.country == c && e.stage == Stage::Mining)
                        .flat_map(|e| e.parts.iter().map(|(_, t)| *t))
                        .sum();
                    if t > known {
                        add_existing(
                            &mut out,
                            c,
                            Stage::Mining,
                            Part::Unspecified,
                            t - known,
                            "USGS mine production",
                        );
                    }
                }
            }
        }
        // Separation's feed: the network's links into each separation node.
        for e in out.iter_mut().filter(|e| e.stage == Stage::Separation) {
            let feed: f64 = net
                .links
                .iter()
                .filter(|l| {
                    l.to_stage == Stage::Separation && l.to_region == Region::Country(e.country)
                })
                .map(|l| l.baseline_t)
                .sum();
            e.feed_t = Some(feed);
        }
        out.sort_by_key(|e| (e.country, e.stage));
        Ok(out)
    }

    /// The roadmap group's demand by element and year: world demand under the roadmap's
    /// demand scenario × the group's (labelled) share of it.
    fn plan_demand(&self, r: &Roadmap, assumptions: &mut Vec<String>) -> Result<Vec<PlanDemand>> {
        let Some(spec) = &r.demand else {
            return Ok(Vec::new());
        };
        let world = self.world_demand_path(&spec.scenario, r.to)?;
        assumptions.push(format!(
            "the group's demand: {} x world demand of the {} demand scenario ({})",
            spec.share.share, spec.scenario, spec.share.source
        ));
        let mut out = Vec::new();
        for e in model::demand::MAGNET_ELEMENTS {
            for y in r.from..=r.to {
                out.push(PlanDemand {
                    element: e,
                    year: y,
                    tonnes: world(e, y) * spec.share.share,
                });
            }
        }
        Ok(out)
    }
}

fn listing(p: &Project) -> Listing<'_> {
    Listing {
        name: p.name.clone(),
        country: p.country,
        stages: &p.stages,
        status: Some(p.status),
        ore_type: &p.ore_type,
        start_year: p.start_year,
        capex: p.capex,
        capex_currency: &p.capex_currency,
        economics: &p.economics,
        generic: false,
    }
}

fn add_existing(
    out: &mut Vec<Existing>,
    country: CountryCode,
    stage: Stage,
    part: Part,
    t: f64,
    source: &str,
) {
    match out
        .iter_mut()
        .find(|e| e.country == country && e.stage == stage)
    {
        Some(e) => match e.parts.iter_mut().find(|(p, _)| *p == part) {
            Some(x) => x.1 += t,
            None => e.parts.push((part, t)),
        },
        None => out.push(Existing {
            country,
            stage,
            parts: vec![(part, t)],
            feed_t: None,
            source: source.into(),
        }),
    }
}

fn species_part(s: Species) -> Part {
    match s {
        Species::Element(e) => Part::Element(e),
        Species::Unspecified => Part::Unspecified,
    }
}

impl Session {
    /// The chosen plan as capacity events, run under a scenario; each target re-checked
    /// against the simulated output of the group's nodes.
    fn simulate_plan(
        &self,
        roadmap: &Roadmap,
        inputs: &PlanInputs,
        p: &plan::Plan,
        req: &SimRequest,
    ) -> Result<PlanSimulation> {
        let mut scenario = self.sim_scenario(&req.scenario)?;
        if req.network.is_some() || !matches!(scenario.network, model::sim::NetworkSource::Bundled)
        {
            return Err(Error::Invalid(format!(
                "{}: --simulate needs a scenario on the bundled world network (network = \"bundled\")",
                req.scenario.name
            )));
        }
        let net = &self.bundled().world_network()?.network;
        let regions: Vec<Region> = net.nodes.iter().map(|n| n.region).collect();
        let split = crate::sim::world_demand_in(net, crate::session::WORLD_BASE_YEAR);
        let mut notes = Vec::new();
        let mut events = 0;
        let mut known: std::collections::HashSet<(Region, Stage, Species)> = net
            .nodes
            .iter()
            .map(|n| (n.region, n.stage, n.species))
            .collect();
        // Capacity first, then deals: a deal needs its exporting node to exist.
        let mut protected: std::collections::HashSet<(Region, Stage, Stage)> = Default::default();
        let before = scenario.events.len();
        let mut projects: Vec<&plan::report::ChosenProject> = p.projects.iter().collect();
        projects.sort_by_key(|c| c.first_output_year);
        for chosen in projects {
            let Some(c) = inputs.candidates.iter().find(|c| c.name == chosen.project) else {
                continue;
            };
            let region = if regions.contains(&Region::Country(c.country)) {
                Region::Country(c.country)
            } else if model::plan::EU27.contains(&c.country.as_str())
                && regions.contains(&Region::Eu27)
            {
                Region::Eu27
            } else {
                notes.push(format!(
                    "{}: {} has no node in the world network: its capacity goes to ROW",
                    c.name,
                    c.country.as_str()
                ));
                Region::Row
            };
            // Each stage the project covers gets capacity for each element its output
            // counts (the network follows Nd, Pr, Dy and Tb only), and its feed comes by
            // deals from its own country's previous stage: the plan's chain is domestic,
            // and the simulator's baseline links would otherwise send that feed abroad.
            let product: Vec<(Part, f64)> = match c.stages.last() {
                Some(s) if *s >= Stage::Metal => vec![(Part::Group(ElementGroup::MagnetRee), 1.0)],
                _ => c.mix.clone(),
            };
            let first = c.stages.first().copied().unwrap_or(Stage::Mining);
            let mut chain: Vec<Stage> = Vec::new();
            if first >= Stage::Separation {
                chain.push(if first == Stage::Separation {
                    Stage::Mining
                } else {
                    Stage::Separation
                });
            }
            chain.extend(c.stages.iter().copied());
            let start = When {
                year: chosen.first_output_year,
                month: None,
            };
            // A group whose split is not known is split over the elements its feed node
            // has (a US plant takes no Dy where US separation has no Dy node).
            let fed: Vec<(Element, f64)> = split
                .iter()
                .copied()
                .filter(|(e, _)| {
                    chain.len() < 2
                        || first == Stage::Mining
                        || known.contains(&(region, chain[0], Species::Element(*e)))
                })
                .collect();
            let fed = if fed.is_empty() { split.clone() } else { fed };
            for e in model::demand::MAGNET_ELEMENTS {
                let share = element_share(&product, e, &fed);
                if share <= 0.0 {
                    continue;
                }
                let species = Species::Element(e);
                let t = c.capacity_t * share;
                for &stage in &c.stages {
                    scenario.events.push(Event {
                        kind: EventKind::Capacity {
                            region,
                            stage,
                            of: CapacityOf::Species(species),
                            capacity_t: Some(t),
                            ramp_years: c.ramp_years,
                        },
                        start,
                        end: None,
                        sources: vec![format!("plan {}", roadmap.name)],
                        description: format!("{} ({})", c.name, stage.id()),
                        line: 0,
                    });
                    known.insert((region, stage, species));
                    events += 1;
                }
                for pair in chain.windows(2) {
                    protected.insert((region, pair[0], pair[1]));
                    if !known.contains(&(region, pair[0], species)) {
                        notes.push(format!(
                            "{}: {} has no {} {} node to take its feed from: none is simulated",
                            c.name,
                            region.id(),
                            pair[0].id(),
                            e.symbol()
                        ));
                        continue;
                    }
                    scenario.events.push(Event {
                        kind: EventKind::Deal {
                            exporter: region,
                            from_stage: pair[0],
                            importer: region,
                            to_stage: pair[1],
                            species,
                            quantity_t: t,
                            ramp_years: c.ramp_years,
                        },
                        start,
                        end: None,
                        sources: vec![format!("plan {}", roadmap.name)],
                        description: format!("{}: feed from {}", c.name, pair[0].id()),
                        line: 0,
                    });
                    events += 1;
                }
            }
        }
        let plan_events = scenario.events.len() - before;
        // The simulator splits what is left after deals over a node's baseline links in
        // proportion, so the plan's deals would also shrink the existing domestic links
        // that the planner counts as untouched: each such link is kept whole by a deal of
        // its baseline amount, ahead of the plan's deals.
        let mut keep: Vec<Event> = Vec::new();
        for l in net.links.iter().filter(|l| {
            l.from_region == l.to_region
                && protected.contains(&(l.from_region, l.from_stage, l.to_stage))
        }) {
            keep.push(Event {
                kind: EventKind::Deal {
                    exporter: l.from_region,
                    from_stage: l.from_stage,
                    importer: l.to_region,
                    to_stage: l.to_stage,
                    species: l.species,
                    quantity_t: l.baseline_t,
                    ramp_years: 0,
                },
                start: When {
                    year: roadmap.from,
                    month: None,
                },
                end: None,
                sources: vec!["the bundled world network".into()],
                description: format!(
                    "{} {} -> {}: the domestic baseline link kept whole",
                    l.from_region.id(),
                    l.from_stage.id(),
                    l.to_stage.id()
                ),
                line: 0,
            });
        }
        if !keep.is_empty() {
            notes.push(format!(
                "{} domestic baseline links the plan's feed passes through are kept whole by deals of their baseline amount (the simulator would otherwise shrink them in proportion to the plan's deals); what the links' share of the rest adds goes to the plants' stock or on along their links",
                keep.len()
            ));
        }
        events += keep.len();
        let at = scenario.events.len() - plan_events;
        scenario.events.splice(at..at, keep);
        notes.push(format!(
            "a plan's magnet-REO (or NdPr) output whose element split is not known is split by world demand's {} proportions in the world network ({}); oxide outside Nd, Pr, Dy and Tb is not simulated",
            crate::session::WORLD_BASE_YEAR,
            split
                .iter()
                .map(|(e, t)| format!("{} {t:.0} t", e.symbol()))
                .collect::<Vec<_>>()
                .join(", ")
        ));
        let text =
            crate::session::NamedText::new(req.scenario.name.clone(), req.scenario.text.clone());
        let run = self.sim_run_resolved(&text, scenario)?;
        let mut targets = Vec::new();
        for ty in &p.targets {
            let Some(t) = roadmap.targets.iter().find(|t| t.name == ty.target) else {
                continue;
            };
            let out_of = |pred: &dyn Fn(&str) -> bool| -> f64 {
                run.production
                    .iter()
                    .filter(|r| r.year == ty.year && r.stage == t.stage && pred(&r.country))
                    .filter(|r| {
                        Species::parse(&r.element)
                            .is_some_and(|s| species_part(s).within(t.material))
                    })
                    .map(|r| r.t)
                    .sum()
            };
            if !run.production.iter().any(|r| r.year == ty.year) {
                continue;
            }
            let member = |c: &str| match CountryCode::parse(c) {
                Some(cc) => t.group.contains(cc),
                None => c == "EU27" && t.group == model::plan::Group::Eu,
            };
            let achieved = out_of(&member);
            let required = match t.kind {
                model::plan::TargetKind::Share { share } => share * out_of(&|_| true),
                _ => ty.required,
            };
            targets.push(SimulatedTarget {
                year: ty.year,
                target: ty.target.clone(),
                required,
                achieved,
                met: achieved + 1e-6 >= required,
            });
        }
        Ok(PlanSimulation {
            scenario: run.scenario,
            holds: targets.iter().all(|t| t.met),
            targets,
            events,
            notes,
        })
    }
}

/// The share of a tonne of `product` that is element `e`; a group whose split is not
/// known is split by `split` (world demand's proportions in the network's base year).
fn element_share(product: &[(Part, f64)], e: Element, split: &[(Element, f64)]) -> f64 {
    let within = |g: ElementGroup| -> f64 {
        let total: f64 = split
            .iter()
            .filter(|(x, _)| g.contains(*x))
            .map(|(_, t)| t)
            .sum();
        match split.iter().find(|(x, _)| *x == e) {
            Some((_, t)) if g.contains(e) && total > 0.0 => t / total,
            _ => 0.0,
        }
    };
    product
        .iter()
        .map(|(p, s)| match p {
            Part::Element(x) if *x == e => *s,
            Part::Group(g) => s * within(*g),
            _ => 0.0,
        })
        .sum()
}

/// The files `plan --out` writes: `projects.csv`, `output.csv`, `targets.csv`,
/// `excluded.csv`, `costs.csv` and `metadata.json`.
pub fn output_files(r: &PlanResult) -> Vec<(&'static str, String)> {
    let n = |x: f64| model::num::text(x);
    let o = |x: Option<f64>| x.map_or(String::new(), model::num::text);
    let csv = crate::sim::csv_text;
    vec![
        ("projects.csv", projects_csv(r)),
        (
            "output.csv",
            csv(
                &["year", "project", "element", "t"],
                r.plan
                    .output
                    .iter()
                    .map(|x| {
                        vec![
                            x.year.to_string(),
                            x.project.clone(),
                            x.element.clone(),
                            n(x.t),
                        ]
                    })
                    .collect(),
            ),
        ),
        (
            "targets.csv",
            csv(
                &["year", "target", "required", "achieved", "shadow_price"],
                r.plan
                    .targets
                    .iter()
                    .map(|t| {
                        vec![
                            t.year.to_string(),
                            t.target.clone(),
                            n(t.required),
                            n(t.achieved),
                            o(t.shadow_price),
                        ]
                    })
                    .collect(),
            ),
        ),
        (
            "costs.csv",
            csv(
                &[
                    "year",
                    "capex",
                    "opex",
                    "coproduct_stock",
                    "total",
                    "discount_factor",
                    "discounted",
                ],
                r.plan
                    .costs
                    .iter()
                    .map(|c| {
                        vec![
                            c.year.to_string(),
                            n(c.capex),
                            n(c.opex),
                            n(c.coproduct_stock),
                            n(c.total),
                            n(c.discount_factor),
                            n(c.discounted),
                        ]
                    })
                    .collect(),
            ),
        ),
        (
            "excluded.csv",
            csv(
                &["project", "country", "reason"],
                r.plan
                    .excluded
                    .iter()
                    .map(|x| vec![x.project.clone(), x.country.clone(), x.reason.clone()])
                    .collect(),
            ),
        ),
        ("metadata.json", crate::json::to_string_pretty(&r.metadata)),
    ]
}

/// `projects.csv` (what `plan --format csv` prints).
pub fn projects_csv(r: &PlanResult) -> String {
    let n = |x: f64| model::num::text(x);
    crate::sim::csv_text(
        &[
            "project",
            "country",
            "stage",
            "decide_year",
            "first_output_year",
            "capacity_t",
            "capex",
            "opex",
            "currency",
        ],
        r.plan
            .projects
            .iter()
            .map(|p| {
                vec![
                    p.project.clone(),
                    p.country.clone(),
                    p.stage.clone(),
                    p.decide_year.to_string(),
                    p.first_output_year.to_string(),
                    n(p.capacity_t),
                    n(p.capex),
                    n(p.opex),
                    p.currency.clone(),
                ]
            })
            .collect(),
    )
}
