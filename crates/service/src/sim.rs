//! `sim run`, `sim check`, `sim compare`, `sim list`: a scenario read and resolved against
//! the tables (capacity by ore type or project split into elements, demand from the
//! network, held flat, or from a demand scenario), run by `sim`, and returned as the
//! tables users read with the metadata that makes the run reproducible.

use crate::error::{Error, Result};
use crate::session::NamedText;
use crate::Session;
use model::ore::Component;
use model::sim::{
    CapacityOf, DemandPoint, DemandSource, Event, EventKind, NetworkSource, Scenario, SimNetwork,
    Species,
};
use model::{Metric, Stage};
use serde::Serialize;
use sim::tables::{ConcentrationRow, FlowRow, PriceRow, ProductionRow, ShortfallRow, StockRow};
use utoipa::ToSchema;

/// A network folder's files, as read by the face (the scenario names the folder relative
/// to itself; `--network` overrides it).
#[derive(Debug, Clone)]
pub struct NetworkTexts {
    /// The folder, as the user named it (metadata and notes).
    pub folder: String,
    /// `nodes.csv`.
    pub nodes: NamedText,
    /// `links.csv`.
    pub links: NamedText,
    /// `demand.csv`, if present.
    pub demand: Option<NamedText>,
}

/// A run: the scenario file and, when it does not use the bundled network, its network.
#[derive(Debug, Clone)]
pub struct SimRequest {
    /// The scenario file.
    pub scenario: NamedText,
    /// The network (required unless the scenario uses the bundled one).
    pub network: Option<NetworkTexts>,
}

/// Who runs short of what: one line per region and species that ever runs short.
#[derive(Debug, Clone, Serialize, serde::Deserialize, ToSchema)]
pub struct ShortfallSummary {
    /// Region.
    pub country: String,
    /// Species.
    pub element: String,
    /// First year with a shortfall.
    pub first_year: i32,
    /// The year of the largest shortfall.
    pub peak_year: i32,
    /// The largest shortfall, t.
    pub peak_shortfall_t: f64,
    /// It as a share of that year's demand.
    pub peak_share_of_demand: f64,
    /// Shortfall over the whole run, t.
    pub cumulative_shortfall_t: f64,
    /// The species' highest world price over the run, over its base.
    pub peak_price_ratio: f64,
    /// That price, USD per kg of oxide, where a base price is known.
    pub peak_price: Option<f64>,
}

/// What makes a run reproducible.
#[derive(Debug, Clone, Serialize, serde::Deserialize, ToSchema)]
pub struct SimMetadata {
    /// rareflow's version and, where known, its git commit.
    pub version: String,
    /// SHA-256 of the bundled data the run read.
    pub dataset_sha256: String,
    /// SHA-256 of the scenario file's bytes.
    pub scenario_sha256: String,
    /// `bundled`, or the SHA-256 of the nodes, links and demand files' bytes in that order.
    pub network: String,
    /// Mode.
    pub mode: String,
    /// First year.
    pub from: i32,
    /// Last year.
    pub to: i32,
    /// The largest node balance residual, t.
    pub max_balance_residual: f64,
    /// What the run assumed or noticed.
    pub notes: Vec<String>,
}

/// A run's answer.
#[derive(Debug, Clone, Serialize, serde::Deserialize, ToSchema)]
pub struct SimResult {
    /// The scenario's name.
    pub scenario: String,
    /// First year.
    pub from: i32,
    /// Last year.
    pub to: i32,
    /// Who runs short of what, when, how much, at what price.
    pub summary: Vec<ShortfallSummary>,
    /// Demand, deliveries, releases and shortfalls by year, region and species.
    pub shortfalls: Vec<ShortfallRow>,
    /// World prices.
    pub prices: Vec<PriceRow>,
    /// Concentration of each stage.
    pub concentration: Vec<ConcentrationRow>,
    /// Flows.
    pub flows: Vec<FlowRow>,
    /// Output and capacity of every node.
    pub production: Vec<ProductionRow>,
    /// Stocks.
    pub stocks: Vec<StockRow>,
    /// Reproducibility.
    pub metadata: SimMetadata,
}

/// A scenario that passed validation.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct SimCheckResult {
    /// The scenario's name.
    pub scenario: String,
    /// First year.
    pub from: i32,
    /// Last year.
    pub to: i32,
    /// Events.
    pub events: usize,
    /// Nodes and links of the network.
    pub nodes: usize,
    /// Links.
    pub links: usize,
    /// Notes.
    pub notes: Vec<String>,
}

/// A bundled scenario.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct BundledScenario {
    /// Name to run it by.
    pub name: String,
    /// Its description.
    pub description: String,
    /// First year.
    pub from: i32,
    /// Last year.
    pub to: i32,
    /// Events.
    pub events: usize,
}

/// The bundled scenarios, serialised as their rows.
#[derive(Debug, Clone, Serialize)]
#[serde(transparent)]
pub struct SimListResult {
    /// Scenarios.
    pub scenarios: Vec<BundledScenario>,
}
crate::values::rows_schema!(SimListResult, BundledScenario);

/// One difference between two runs.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct CompareRow {
    /// Year.
    pub year: i32,
    /// `shortfalls`, `prices` or `concentration`.
    pub table: String,
    /// Region (shortfalls), stage (concentration), empty (prices).
    pub key: String,
    /// Species.
    pub element: String,
    /// In run A.
    pub a: Option<f64>,
    /// In run B.
    pub b: Option<f64>,
    /// B − A.
    pub difference: Option<f64>,
}

/// Two runs side by side, serialised as their rows.
#[derive(Debug, Clone, Serialize)]
#[serde(transparent)]
pub struct SimCompareResult {
    /// Rows.
    pub rows: Vec<CompareRow>,
    /// The two scenarios' names (titles).
    #[serde(skip)]
    pub names: (String, String),
}
crate::values::rows_schema!(SimCompareResult, CompareRow);

pub(crate) fn sha256_hex(parts: &[&[u8]]) -> String {
    use sha2::{Digest, Sha256};
    let mut h = Sha256::new();
    for p in parts {
        h.update(p);
    }
    h.finalize().iter().map(|b| format!("{b:02x}")).collect()
}

/// rareflow's version and git commit, where the build knew it.
pub fn version() -> String {
    match option_env!("RAREFLOW_GIT_COMMIT") {
        Some(c) if !c.is_empty() => format!("{} ({c})", env!("CARGO_PKG_VERSION")),
        _ => env!("CARGO_PKG_VERSION").to_string(),
    }
}

impl Session {
    /// Reads and validates a scenario file.
    pub fn sim_scenario(&self, file: &NamedText) -> Result<Scenario> {
        Ok(data::scenario::read_scenario(
            &file.name,
            &file.text,
            &self.bundled().dataset.countries,
        )?)
    }

    fn sim_network(
        &self,
        scenario: &Scenario,
        texts: Option<&NetworkTexts>,
    ) -> Result<(SimNetwork, String)> {
        let countries = &self.bundled().dataset.countries;
        match (texts, &scenario.network) {
            (Some(t), _) => {
                let network = data::simfiles::read_network(
                    (&t.nodes.name, &t.nodes.text),
                    (&t.links.name, &t.links.text),
                    t.demand.as_ref().map(|d| (d.name.as_str(), d.text.as_str())),
                    countries,
                )?;
                let empty = String::new();
                let checksum = sha256_hex(&[
                    t.nodes.text.as_bytes(),
                    t.links.text.as_bytes(),
                    t.demand.as_ref().map_or(&empty, |d| &d.text).as_bytes(),
                ]);
                Ok((network, checksum))
            }
            (None, NetworkSource::Bundled) => Ok((
                self.bundled().world_network()?.network.clone(),
                "bundled".to_string(),
            )),
            (None, NetworkSource::Folder(dir)) => Err(Error::Usage(format!(
                "the scenario's network folder {dir:?} was not read: pass its files (the command line reads it relative to the scenario file)"
            ))),
        }
    }

    /// Splits capacity events given by ore type or project into one event per species.
    fn resolve_events(&self, scenario: &Scenario, notes: &mut Vec<String>) -> Result<Scenario> {
        let mut out = scenario.clone();
        out.events.clear();
        for e in &scenario.events {
            let EventKind::Capacity {
                region,
                stage,
                of,
                capacity_t,
                ramp_years,
            } = &e.kind
            else {
                out.events.push(e.clone());
                continue;
            };
            let (total, ore) = match of {
                CapacityOf::Species(_) => {
                    out.events.push(e.clone());
                    continue;
                }
                CapacityOf::OreType(ore) => (
                    capacity_t.ok_or_else(|| {
                        Error::Invalid(format!("line {}: capacity_t is missing", e.line))
                    })?,
                    ore.clone(),
                ),
                CapacityOf::Project(name) => {
                    let p = self
                        .tables()
                        .projects
                        .iter()
                        .find(|p| p.name.eq_ignore_ascii_case(name))
                        .ok_or_else(|| {
                            let known: Vec<&str> = self
                                .tables()
                                .projects
                                .iter()
                                .map(|p| p.name.as_str())
                                .collect();
                            let near = model::suggest::closest(name, known.iter().copied(), 3);
                            Error::NotFound(format!(
                                "line {}: unknown project {name:?} (data/projects.csv){}",
                                e.line,
                                if near.is_empty() {
                                    String::new()
                                } else {
                                    format!(": did you mean {}?", near.join(", "))
                                }
                            ))
                        })?;
                    let reo = p.capacity_unit.trim_start().starts_with("t REO");
                    let cap = match (capacity_t, p.capacity, reo) {
                        (Some(c), _, _) => *c,
                        (None, Some(c), true) => c,
                        (None, _, _) => {
                            return Err(Error::Invalid(format!(
                                "line {}: project {} has capacity {} ({}), not in t REO a year: give capacity_t instead",
                                e.line,
                                p.name,
                                p.capacity.map_or("not published".into(), |c| c.to_string()),
                                if p.capacity_unit.is_empty() { "no unit" } else { &p.capacity_unit }
                            )))
                        }
                    };
                    notes.push(format!(
                        "line {}: project {} adds {cap} t REO a year ({})",
                        e.line, p.name, p.source
                    ));
                    (cap, p.ore_type.clone())
                }
            };
            let split = self.ore_split(&ore);
            if split.iter().all(|(s, _)| *s == Species::Unspecified) {
                notes.push(format!(
                    "line {}: no sourced element distribution for ore type {ore:?}: its capacity is all `unspecified`",
                    e.line
                ));
            }
            for (species, share) in split {
                out.events.push(Event {
                    kind: EventKind::Capacity {
                        region: *region,
                        stage: *stage,
                        of: CapacityOf::Species(species),
                        capacity_t: Some(total * share),
                        ramp_years: *ramp_years,
                    },
                    ..e.clone()
                });
            }
        }
        Ok(out)
    }

    /// The element split of an ore type (its first distribution in the ore table; a deposit
    /// named `generic` preferred), or all `unspecified`.
    fn ore_split(&self, ore: &str) -> Vec<(Species, f64)> {
        let ds = &self.tables().ores.distributions;
        let d = ds
            .iter()
            .filter(|d| d.ore_type.eq_ignore_ascii_case(ore))
            .max_by_key(|d| d.deposit == "generic");
        match d {
            Some(d) => d
                .components
                .iter()
                .map(|(c, f)| {
                    (
                        match c {
                            Component::Element(e) => Species::Element(*e),
                            Component::Unspecified => Species::Unspecified,
                        },
                        *f,
                    )
                })
                .collect(),
            None => vec![(Species::Unspecified, 1.0)],
        }
    }

    /// The demand a run uses, and the technology shares of each species' demand.
    fn sim_demand(
        &self,
        scenario: &Scenario,
        network: &SimNetwork,
        notes: &mut Vec<String>,
    ) -> Result<(Vec<DemandPoint>, sim::TechnologyShares)> {
        match &scenario.demand {
            DemandSource::Network => {
                if network.demand.is_empty() {
                    notes.push("the network has no demand.csv and the scenario names no demand: demand is 0".into());
                } else {
                    notes.push("demand from the network's demand.csv: linear between its years, held flat outside them".into());
                }
                Ok((network.demand.clone(), Default::default()))
            }
            DemandSource::Flat => {
                let held = demand_series(network)
                    .into_iter()
                    .map(|((r, s), pts)| DemandPoint {
                        region: r,
                        species: s,
                        year: scenario.from,
                        demand_t: sim::compile::demand_at(&pts, scenario.from),
                    })
                    .collect();
                notes.push(format!("demand held flat at its {} level", scenario.from));
                Ok((held, Default::default()))
            }
            DemandSource::Scenario(id) => self.scenario_demand(id, scenario, network, notes),
        }
    }

    /// Demand from a demand scenario: each region's demand in the scenario's first year
    /// (the network's `demand.csv`) × the growth of the world's demand for the element
    /// since then. World demand = rareflow's technology models (each technology's last
    /// published deployment held after its data end) + the IEA's "other uses" path of the
    /// matching IEA scenario × the clean-technology element mix (`data/demand/world.csv`).
    /// Indexing keeps the first year exactly the network's, so a scenario changes what
    /// changes and nothing else; species the demand model does not cover keep the
    /// network's demand.
    fn scenario_demand(
        &self,
        id: &str,
        scenario: &Scenario,
        network: &SimNetwork,
        notes: &mut Vec<String>,
    ) -> Result<(Vec<DemandPoint>, sim::TechnologyShares)> {
        let world = self.world_demand_model(id, scenario.to)?;
        let (run, other_note) = (&world.run, &world.note);
        let world_at = |e: model::Element, y: i32| world.at(e, y);
        notes.push(format!(
            "demand from the demand scenario {id}: each region's {from} demand (the network's demand.csv) x the growth of world demand since {from}; world demand = rareflow's EV and wind models (each technology's last published deployment held after its data end, --extend hold-last) + {other_note}",
            from = scenario.from
        ));
        let mut points = Vec::new();
        let mut shares: sim::TechnologyShares = Default::default();
        for ((r, sp), pts) in demand_series(network) {
            let base = sim::compile::demand_at(&pts, scenario.from);
            let element = match sp {
                Species::Element(e) if model::demand::MAGNET_ELEMENTS.contains(&e) => Some(e),
                _ => None,
            };
            for y in scenario.from..=scenario.to {
                let demand_t = match element {
                    Some(e) => {
                        let w0 = world_at(e, scenario.from);
                        if w0 <= 0.0 {
                            return Err(Error::Invalid(format!(
                                "demand scenario {id}: no world demand for {} in {} to grow from",
                                e.symbol(),
                                scenario.from
                            )));
                        }
                        base * world_at(e, y) / w0
                    }
                    None => sim::compile::demand_at(&pts, y),
                };
                points.push(DemandPoint {
                    region: r,
                    species: sp,
                    year: y,
                    demand_t,
                });
            }
        }
        for e in model::demand::MAGNET_ELEMENTS {
            let sp = Species::Element(e);
            for y in scenario.from..=scenario.to {
                let world = world_at(e, y);
                for tech in &run.technologies {
                    if let Some(tf) = tech.at(e, y) {
                        if world > 0.0 {
                            shares
                                .entry((tech.id.clone(), sp))
                                .or_default()
                                .push((y, tf.demand_reo(e).get() / world));
                        }
                    }
                }
            }
        }
        Ok((points, shares))
    }

    /// Base prices (USD per kg of oxide): the 2024 prices of the MCS 2025 salient statistics.
    fn base_prices(&self) -> [Option<f64>; Species::COUNT] {
        let mut out = [None; Species::COUNT];
        for o in self.bundled().dataset.observations.iter().filter(|o| {
            o.edition.0 == "MCS2025"
                && o.metric == Metric::Price
                && o.form == "oxide"
                && o.year.0 == 2024
                && o.unit == model::Unit::UsdPerKg
        }) {
            if let (model::Material::Element(e), Some(v)) = (o.material, o.value.magnitude()) {
                out[Species::Element(e).index()] = Some(v);
            }
        }
        out
    }

    /// World demand under a demand scenario: rareflow's EV and wind models (each
    /// technology's last deployment held after its data end) plus the IEA's other uses
    /// where a path matches the scenario.
    pub(crate) fn world_demand_model(&self, id: &str, until: i32) -> Result<WorldDemand> {
        let run = mfa::scenario::run_with(
            &self.tables().demand.scenario,
            id,
            mfa::scenario::RunOptions {
                extend: mfa::scenario::Extend::HoldLast,
                until: Some(until),
            },
        )?;
        let other = other_uses(&self.bundled().world, id);
        let note = match &other {
            Some(o) => format!("the IEA's 'other uses' of magnet rare earths, {} path (IEA-CMD-2025, linear between its years, flat after the last), split by the 2024 clean-technology element mix (an assumption: data/demand/world.csv)", o.scenario),
            None => "no other uses (no IEA path matches this scenario: a gap)".to_string(),
        };
        Ok(WorldDemand { run, other, note })
    }

    /// World demand for a magnet element in a year, indexed as the simulator indexes
    /// demand: the world network's base-year demand × the model's growth since then.
    pub(crate) fn world_demand_path(
        &self,
        id: &str,
        until: i32,
    ) -> Result<Box<dyn Fn(model::Element, i32) -> f64>> {
        let world = self.world_demand_model(id, until)?;
        let world_at = move |e: model::Element, y: i32| world.at(e, y);
        let base_year = crate::session::WORLD_BASE_YEAR;
        let net = &self.bundled().world_network()?.network;
        let base = world_demand_in(net, base_year);
        Ok(Box::new(move |e, y| {
            let b = base.iter().find(|(x, _)| *x == e).map_or(0.0, |p| p.1);
            let w0 = world_at(e, base_year);
            if w0 > 0.0 {
                b * world_at(e, y) / w0
            } else {
                0.0
            }
        }))
    }

    /// Validates a scenario and its network without running it.
    pub fn sim_check(&self, req: &SimRequest) -> Result<SimCheckResult> {
        let scenario = self.sim_scenario(&req.scenario)?;
        let (network, _) = self.sim_network(&scenario, req.network.as_ref())?;
        let mut notes = Vec::new();
        let resolved = self.resolve_events(&scenario, &mut notes)?;
        let (demand, shares) = self.sim_demand(&scenario, &network, &mut notes)?;
        let compiled = sim::compile(&network, &demand, &resolved, &shares)
            .map_err(sim_error(&req.scenario.name))?;
        sim::settings(&scenario).map_err(sim_error(&req.scenario.name))?;
        notes.extend(compiled.notes);
        Ok(SimCheckResult {
            scenario: scenario.name,
            from: scenario.from,
            to: scenario.to,
            events: scenario.events.len(),
            nodes: compiled.nodes.len(),
            links: network.links.len(),
            notes,
        })
    }

    /// Runs a scenario.
    pub fn sim_run(&self, req: &SimRequest) -> Result<SimResult> {
        let scenario = self.sim_scenario(&req.scenario)?;
        self.sim_run_scenario(req, scenario)
    }

    /// Runs a scenario read from `req`'s file with events added (the planner's capacity).
    pub(crate) fn sim_run_resolved(
        &self,
        file: &NamedText,
        scenario: Scenario,
    ) -> Result<SimResult> {
        let req = SimRequest {
            scenario: file.clone(),
            network: None,
        };
        self.sim_run_scenario(&req, scenario)
    }

    fn sim_run_scenario(&self, req: &SimRequest, scenario: Scenario) -> Result<SimResult> {
        let (network, checksum) = self.sim_network(&scenario, req.network.as_ref())?;
        let mut notes = Vec::new();
        let resolved = self.resolve_events(&scenario, &mut notes)?;
        let (demand, shares) = self.sim_demand(&scenario, &network, &mut notes)?;
        let (compiled, run) = sim::simulate(&network, &demand, &resolved, &shares)
            .map_err(sim_error(&req.scenario.name))?;
        notes.extend(compiled.notes.iter().cloned());
        let base = self.base_prices();
        notes.push("prices: p = p0 · (D / (D − S))^(1/ε), capped at cap · p0; p0 the 2024 prices of the MCS 2025 salient statistics (USD/kg of oxide); ε 0.5 and cap 10 unless [prices] says otherwise (labelled assumptions); prices change neither flows nor demand".into());
        let tables = sim::tables(&compiled, &run, &base);
        let summary = summarise(&tables);
        Ok(SimResult {
            scenario: scenario.name.clone(),
            from: scenario.from,
            to: scenario.to,
            summary,
            shortfalls: tables.shortfalls,
            prices: tables.prices,
            concentration: tables.concentration,
            flows: tables.flows,
            production: tables.production,
            stocks: tables.stocks,
            metadata: SimMetadata {
                version: version(),
                dataset_sha256: self.bundled_sha256(),
                scenario_sha256: sha256_hex(&[req.scenario.text.as_bytes()]),
                network: match &req.network {
                    Some(_) => checksum,
                    None => "bundled".into(),
                },
                mode: "sticky".into(),
                from: scenario.from,
                to: scenario.to,
                max_balance_residual: run.max_balance_residual,
                notes,
            },
        })
    }

    /// Two runs side by side: shortfalls, prices and concentration, with B − A.
    pub fn sim_compare(&self, a: &SimRequest, b: &SimRequest) -> Result<SimCompareResult> {
        let (ra, rb) = (self.sim_run(a)?, self.sim_run(b)?);
        let mut rows: Vec<CompareRow> = Vec::new();
        let mut add =
            |year: i32, table: &str, key: &str, element: &str, x: Option<f64>, side: usize| {
                match rows.iter_mut().find(|r| {
                    r.year == year && r.table == table && r.key == key && r.element == element
                }) {
                    Some(r) => {
                        if side == 0 {
                            r.a = x
                        } else {
                            r.b = x
                        }
                    }
                    None => rows.push(CompareRow {
                        year,
                        table: table.into(),
                        key: key.into(),
                        element: element.into(),
                        a: if side == 0 { x } else { None },
                        b: if side == 1 { x } else { None },
                        difference: None,
                    }),
                }
            };
        for (side, r) in [&ra, &rb].into_iter().enumerate() {
            for s in &r.shortfalls {
                add(
                    s.year,
                    "shortfalls",
                    &s.country,
                    &s.element,
                    Some(s.shortfall_t),
                    side,
                );
            }
            for p in &r.prices {
                add(p.year, "prices", "", &p.element, p.price, side);
            }
            for c in &r.concentration {
                add(
                    c.year,
                    "concentration",
                    c.stage.id(),
                    &c.element,
                    Some(c.hhi),
                    side,
                );
            }
        }
        let table_order = |t: &str| {
            ["shortfalls", "prices", "concentration"]
                .iter()
                .position(|x| *x == t)
        };
        let species_order = |e: &str| Species::parse(e).map_or(usize::MAX, Species::index);
        let stage_order = |k: &str| {
            Stage::from_id(k).map_or(0, |s| Stage::ALL.iter().position(|x| *x == s).unwrap_or(0))
        };
        rows.sort_by(|x, y| {
            (
                x.year,
                table_order(&x.table),
                stage_order(&x.key),
                &x.key,
                species_order(&x.element),
            )
                .cmp(&(
                    y.year,
                    table_order(&y.table),
                    stage_order(&y.key),
                    &y.key,
                    species_order(&y.element),
                ))
        });
        for r in &mut rows {
            r.difference = match (r.a, r.b) {
                (Some(a), Some(b)) => Some(b - a),
                _ => None,
            };
        }
        Ok(SimCompareResult {
            rows,
            names: (ra.scenario, rb.scenario),
        })
    }

    /// The bundled scenarios.
    pub fn sim_list(&self) -> Result<SimListResult> {
        let mut scenarios = Vec::new();
        for b in data::bundled::SCENARIOS {
            let s = self.sim_scenario(&NamedText::new(b.file.0, b.file.1))?;
            scenarios.push(BundledScenario {
                name: b.name.to_string(),
                description: s.description,
                from: s.from,
                to: s.to,
                events: s.events.len(),
            });
        }
        Ok(SimListResult { scenarios })
    }

    /// A bundled scenario's request (its file and embedded network), by name.
    pub fn sim_bundled(&self, name: &str) -> Result<SimRequest> {
        let Some(b) = data::bundled::SCENARIOS
            .iter()
            .find(|b| b.name.eq_ignore_ascii_case(name))
        else {
            let names: Vec<&str> = data::bundled::SCENARIOS.iter().map(|s| s.name).collect();
            let near = model::suggest::closest(name, names.iter().copied(), 3);
            return Err(Error::NotFound(format!(
                "no bundled scenario {name:?} and no such file: {}",
                if near.is_empty() {
                    format!("expected a .toml file or one of {}", names.join(", "))
                } else {
                    format!("did you mean {}?", near.join(", "))
                }
            )));
        };
        Ok(SimRequest {
            scenario: NamedText::new(b.file.0, b.file.1),
            network: b.network.as_ref().map(|n| NetworkTexts {
                folder: n.folder.into(),
                nodes: NamedText::new(n.nodes.0, n.nodes.1),
                links: NamedText::new(n.links.0, n.links.1),
                demand: n.demand.map(|d| NamedText::new(d.0, d.1)),
            }),
        })
    }

    /// SHA-256 of the bundled data files.
    pub fn bundled_sha256(&self) -> String {
        static SUM: std::sync::OnceLock<String> = std::sync::OnceLock::new();
        SUM.get_or_init(|| {
            let parts: Vec<&[u8]> = data::bundled::ALL_FILES
                .iter()
                .map(|(_, t)| t.as_bytes())
                .collect();
            sha256_hex(&parts)
        })
        .clone()
    }
}

/// A simulator error located in the scenario file (at the event's line).
fn sim_error(file: &str) -> impl Fn(sim::SimError) -> Error + '_ {
    move |e| match e.line() {
        Some(line) => Error::Data(data::DataError::Key {
            file: file.into(),
            line,
            column: 1,
            key: "events".into(),
            message: e.to_string(),
        }),
        None => Error::Invalid(format!("{file}: {e}")),
    }
}

/// Who runs short of what, when, how much, at what price.
fn summarise(t: &sim::Tables) -> Vec<ShortfallSummary> {
    let mut out: Vec<ShortfallSummary> = Vec::new();
    for s in t.shortfalls.iter().filter(|s| s.shortfall_t > 0.0) {
        let share = if s.demand_t > 0.0 {
            s.shortfall_t / s.demand_t
        } else {
            0.0
        };
        match out
            .iter_mut()
            .find(|o| o.country == s.country && o.element == s.element)
        {
            Some(o) => {
                o.cumulative_shortfall_t += s.shortfall_t;
                if s.shortfall_t > o.peak_shortfall_t {
                    o.peak_shortfall_t = s.shortfall_t;
                    o.peak_year = s.year;
                    o.peak_share_of_demand = share;
                }
            }
            None => out.push(ShortfallSummary {
                country: s.country.clone(),
                element: s.element.clone(),
                first_year: s.year,
                peak_year: s.year,
                peak_shortfall_t: s.shortfall_t,
                peak_share_of_demand: share,
                cumulative_shortfall_t: s.shortfall_t,
                peak_price_ratio: 1.0,
                peak_price: None,
            }),
        }
    }
    for o in &mut out {
        if let Some(p) = t
            .prices
            .iter()
            .filter(|p| p.element == o.element)
            .max_by(|a, b| a.ratio_to_base.total_cmp(&b.ratio_to_base))
        {
            o.peak_price_ratio = p.ratio_to_base;
            o.peak_price = p.price;
        }
    }
    out.sort_by(|a, b| {
        b.cumulative_shortfall_t
            .total_cmp(&a.cumulative_shortfall_t)
    });
    out
}

/// A run's files for `--out` (`flows.csv`, `production.csv`, `shortfalls.csv`,
/// `stocks.csv`, `prices.csv`, `concentration.csv`, `metadata.json`), numbers through
/// [`model::num`]: the same run gives the same bytes.
pub fn output_files(r: &SimResult) -> Vec<(&'static str, String)> {
    let n = |x: f64| model::num::text(x);
    let o = |x: Option<f64>| x.map_or(String::new(), model::num::text);
    let csv = csv_text;
    vec![
        (
            "flows.csv",
            csv(
                &[
                    "year",
                    "from_country",
                    "from_stage",
                    "to_country",
                    "to_stage",
                    "element",
                    "t",
                ],
                r.flows
                    .iter()
                    .map(|f| {
                        vec![
                            f.year.to_string(),
                            f.from_country.clone(),
                            f.from_stage.id().into(),
                            f.to_country.clone(),
                            f.to_stage.id().into(),
                            f.element.clone(),
                            n(f.t),
                        ]
                    })
                    .collect(),
            ),
        ),
        (
            "production.csv",
            csv(
                &["year", "country", "stage", "element", "t", "capacity_t"],
                r.production
                    .iter()
                    .map(|p| {
                        vec![
                            p.year.to_string(),
                            p.country.clone(),
                            p.stage.id().into(),
                            p.element.clone(),
                            n(p.t),
                            o(p.capacity_t),
                        ]
                    })
                    .collect(),
            ),
        ),
        ("shortfalls.csv", shortfalls_csv(r)),
        (
            "stocks.csv",
            csv(
                &[
                    "year", "country", "stage", "element", "kind", "change_t", "level_t",
                ],
                r.stocks
                    .iter()
                    .map(|s| {
                        vec![
                            s.year.to_string(),
                            s.country.clone(),
                            s.stage.id().into(),
                            s.element.clone(),
                            s.kind.clone(),
                            n(s.change_t),
                            n(s.level_t),
                        ]
                    })
                    .collect(),
            ),
        ),
        (
            "prices.csv",
            csv(
                &["year", "element", "price", "unit", "ratio_to_base"],
                r.prices
                    .iter()
                    .map(|p| {
                        vec![
                            p.year.to_string(),
                            p.element.clone(),
                            o(p.price),
                            p.unit.clone(),
                            n(p.ratio_to_base),
                        ]
                    })
                    .collect(),
            ),
        ),
        (
            "concentration.csv",
            csv(
                &[
                    "year",
                    "stage",
                    "element",
                    "hhi",
                    "top3_share",
                    "largest_country",
                    "largest_share",
                ],
                r.concentration
                    .iter()
                    .map(|c| {
                        vec![
                            c.year.to_string(),
                            c.stage.id().into(),
                            c.element.clone(),
                            n(c.hhi),
                            n(c.top3_share),
                            c.largest_country.clone(),
                            n(c.largest_share),
                        ]
                    })
                    .collect(),
            ),
        ),
        ("metadata.json", crate::json::to_string_pretty(&r.metadata)),
    ]
}

/// World demand for each magnet element in `year` in a network: the sum over its regions.
pub(crate) fn world_demand_in(net: &SimNetwork, year: i32) -> Vec<(model::Element, f64)> {
    model::demand::MAGNET_ELEMENTS
        .into_iter()
        .map(|e| {
            let t: f64 = net
                .demand
                .iter()
                .filter(|d| d.species == Species::Element(e) && d.year == year)
                .map(|d| d.demand_t)
                .sum();
            (e, t)
        })
        .collect()
}

/// A CSV document: the header, then the rows (`\n` line ends, quoting where needed).
pub(crate) fn csv_text(header: &[&str], rows: Vec<Vec<String>>) -> String {
    let mut w = csv::WriterBuilder::new()
        .terminator(csv::Terminator::Any(b'\n'))
        .from_writer(Vec::new());
    // Writing to a Vec cannot fail and every field is UTF-8.
    let _ = w.write_record(header);
    for row in rows {
        let _ = w.write_record(row);
    }
    String::from_utf8(w.into_inner().unwrap_or_default()).unwrap_or_default()
}

/// `shortfalls.csv` (what `sim run --format csv` prints).
pub fn shortfalls_csv(r: &SimResult) -> String {
    let mut w = csv::WriterBuilder::new()
        .terminator(csv::Terminator::Any(b'\n'))
        .from_writer(Vec::new());
    let n = |x: f64| model::num::text(x);
    let _ = w.write_record([
        "year",
        "country",
        "element",
        "demand_t",
        "delivered_t",
        "released_t",
        "shortfall_t",
    ]);
    for s in &r.shortfalls {
        let _ = w.write_record([
            s.year.to_string(),
            s.country.clone(),
            s.element.clone(),
            n(s.demand_t),
            n(s.delivered_t),
            n(s.released_t),
            n(s.shortfall_t),
        ]);
    }
    String::from_utf8(w.into_inner().unwrap_or_default()).unwrap_or_default()
}

/// The IEA's "other uses" path of magnet rare-earth demand for the IEA scenario matching a
/// rareflow demand scenario, with the clean-technology element mix that splits it.
/// World demand of the magnet elements under a demand scenario.
pub(crate) struct WorldDemand {
    run: mfa::scenario::ScenarioRun,
    other: Option<OtherUses>,
    /// What the other uses are (or that they are a gap).
    note: String,
}

impl WorldDemand {
    /// Tonnes of oxide of `e` in year `y`.
    fn at(&self, e: model::Element, y: i32) -> f64 {
        let tech = self
            .run
            .total(e, y)
            .flows
            .map_or(0.0, |f| f.demand_reo(e).get());
        let others = self
            .other
            .as_ref()
            .map_or(0.0, |o| o.at(y) * o.mix(e) * e.reo_per_element());
        tech + others
    }
}

struct OtherUses {
    scenario: String,
    /// (year, kt of the four elements), sorted.
    points: Vec<(i32, f64)>,
    /// Each element's share of the four in the 2024 clean-technology demand.
    mix: Vec<(model::Element, f64)>,
}

impl OtherUses {
    /// Tonnes of the four elements in `year` (linear between points, flat outside).
    fn at(&self, year: i32) -> f64 {
        sim::compile::demand_at(&self.points, year) * 1000.0
    }

    fn mix(&self, e: model::Element) -> f64 {
        self.mix.iter().find(|m| m.0 == e).map_or(0.0, |m| m.1)
    }
}

/// The IEA scenario of a rareflow demand scenario (`stated-policies` → STEPS,
/// `announced-pledges` → APS, `net-zero` → NZE).
pub fn iea_scenario(id: &str) -> Option<&'static str> {
    match id {
        "stated-policies" => Some("STEPS"),
        "announced-pledges" => Some("APS"),
        "net-zero" => Some("NZE"),
        _ => None,
    }
}

fn other_uses(world: &model::trade::WorldTables, id: &str) -> Option<OtherUses> {
    use model::trade::{OutputPlace, WorldDemandItem};
    let iea = iea_scenario(id)?;
    let wld = |r: &&model::trade::WorldDemandRow| r.place == OutputPlace::World;
    let mut points: Vec<(i32, f64)> = world
        .demand
        .iter()
        .filter(wld)
        .filter(|r| r.item == WorldDemandItem::OtherUses)
        .filter(|r| r.scenario == iea || r.scenario == "historical")
        .filter_map(|r| r.value.map(|v| (r.year, v)))
        .collect();
    points.sort_by_key(|p| p.0);
    points.dedup_by_key(|p| p.0);
    let base: Vec<(model::Element, f64)> = model::demand::MAGNET_ELEMENTS
        .iter()
        .filter_map(|e| {
            world
                .demand
                .iter()
                .filter(wld)
                .find(|r| r.item == WorldDemandItem::CleanTech(*e) && r.scenario == "historical")
                .and_then(|r| r.value)
                .map(|v| (*e, v))
        })
        .collect();
    let total: f64 = base.iter().map(|b| b.1).sum();
    if points.is_empty() || total <= 0.0 {
        return None;
    }
    Some(OtherUses {
        scenario: iea.to_string(),
        points,
        mix: base.into_iter().map(|(e, v)| (e, v / total)).collect(),
    })
}

/// The network's demand as one series per region and species, sorted by year.
fn demand_series(
    network: &SimNetwork,
) -> std::collections::BTreeMap<(model::sim::Region, Species), Vec<(i32, f64)>> {
    let mut series: std::collections::BTreeMap<_, Vec<(i32, f64)>> = Default::default();
    for d in &network.demand {
        series
            .entry((d.region, d.species))
            .or_default()
            .push((d.year, d.demand_t));
    }
    for pts in series.values_mut() {
        pts.sort_by_key(|p| p.0);
    }
    series
}
