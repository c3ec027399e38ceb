//! The [`Session`]: what every question is answered from. The bundled dataset and tables
//! are parsed once per process and shared; the user's store is read when a question needs
//! it; a user's own tables (ore distributions, country ore mixes, demand tables) replace
//! the bundled ones through [`Session::with_tables`], the one path every face uses.

use crate::error::{Error, Result};
use data::bundled;
use model::demand::{Alternative, EndUseShare, ScenarioTables};
use model::eucrm::EuTables;
use model::ore::OreTable;
use model::project::Project;
use model::wgi::WgiRow;
use model::Dataset;
use std::sync::{Arc, OnceLock};
use store::Store;

/// A file's name (as the user gave it, for error messages) and its text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NamedText {
    /// The name errors cite (a path, or `data/...` for bundled files).
    pub name: String,
    /// The file's text.
    pub text: String,
}

impl NamedText {
    /// A named text.
    pub fn new(name: impl Into<String>, text: impl Into<String>) -> NamedText {
        NamedText {
            name: name.into(),
            text: text.into(),
        }
    }

    /// A named text from a file's bytes, which must be UTF-8.
    pub fn from_bytes(name: impl Into<String>, bytes: Vec<u8>) -> Result<NamedText> {
        let name = name.into();
        match String::from_utf8(bytes) {
            Ok(text) => Ok(NamedText { name, text }),
            Err(e) => {
                // Where the first byte that is not UTF-8 is, as a line and a byte column.
                let at = e.utf8_error().valid_up_to();
                let before = &e.as_bytes()[..at];
                let line = before.iter().filter(|&&b| b == b'\n').count() as u64 + 1;
                let column = at
                    - before
                        .iter()
                        .rposition(|&b| b == b'\n')
                        .map_or(0, |i| i + 1)
                    + 1;
                Err(Error::Data(data::DataError::Line {
                    file: name,
                    line,
                    message: format!(
                        "byte {column} of the line (byte {} of the file): not UTF-8 text: expected a CSV file in UTF-8",
                        at + 1
                    ),
                }))
            }
        }
    }

    fn bundled(file: (&str, &str)) -> NamedText {
        NamedText::new(file.0, file.1)
    }

    fn pair(&self) -> (&str, &str) {
        (&self.name, &self.text)
    }
}

/// A user's demand tables: the format of `data/demand/`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DemandTexts {
    /// `technologies.csv`.
    pub technologies: NamedText,
    /// `deployment.csv`.
    pub deployment: NamedText,
    /// `recovery.csv`.
    pub recovery: NamedText,
    /// `alternatives.csv`, optional.
    pub alternatives: Option<NamedText>,
    /// `end_uses.csv`, optional.
    pub end_uses: Option<NamedText>,
}

/// Tables a user supplies in place of the bundled ones; `None` keeps the bundled table.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct UserTables {
    /// Element distributions of ore types (`data/ore_types.csv`'s format).
    pub ore_types: Option<NamedText>,
    /// Which ore types each country mines (`data/country_ores.csv`'s format).
    pub country_ores: Option<NamedText>,
    /// Demand scenario tables.
    pub demand: Option<DemandTexts>,
}

/// The demand tables a run reads: scenario rows, other published estimates, and the end
/// uses' shares of NdFeB demand (what the totals cover).
#[derive(Debug, Clone)]
pub struct DemandTables {
    /// Technologies, deployment and recovery.
    pub scenario: ScenarioTables,
    /// Other published estimates, shown beside the figures used.
    pub alternatives: Vec<Alternative>,
    /// End uses' shares of NdFeB demand.
    pub end_uses: Vec<EndUseShare>,
}

/// The tables beyond the observations, each from the bundled data or the user.
#[derive(Debug, Clone)]
pub struct Tables {
    ore_types: NamedText,
    country_ores: NamedText,
    /// Ore distributions and country ore mixes.
    pub ores: OreTable,
    /// Projects and deposits.
    pub projects: Vec<Project>,
    /// Demand scenario tables.
    pub demand: DemandTables,
    /// The EU CRM 2023 assessment inputs, earlier readings and scores by assessment.
    pub eu_crm: EuTables,
}

impl Tables {
    fn bundled() -> Result<Tables, data::DataError> {
        let ore_types = NamedText::bundled(bundled::ORE_TYPES);
        let country_ores = NamedText::bundled(bundled::COUNTRY_ORES);
        Ok(Tables {
            ores: data::chainfiles::read_ore_table(ore_types.pair(), country_ores.pair())?,
            ore_types,
            country_ores,
            projects: data::chainfiles::read_projects(bundled::PROJECTS.0, bundled::PROJECTS.1)?,
            demand: DemandTables {
                scenario: data::demandfiles::read_scenario_tables(
                    bundled::DEMAND_TECHNOLOGIES,
                    bundled::DEMAND_DEPLOYMENT,
                    bundled::DEMAND_RECOVERY,
                )?,
                alternatives: data::demandfiles::read_alternatives(
                    bundled::DEMAND_ALTERNATIVES.0,
                    bundled::DEMAND_ALTERNATIVES.1,
                )?,
                end_uses: data::demandfiles::read_end_uses(
                    bundled::DEMAND_END_USES.0,
                    bundled::DEMAND_END_USES.1,
                )?,
            },
            eu_crm: bundled::eu_crm()?,
        })
    }

    /// These tables with the user's in place of the bundled ones.
    fn replaced(&self, user: &UserTables) -> Result<Tables> {
        let mut t = self.clone();
        if user.ore_types.is_some() || user.country_ores.is_some() {
            t.ore_types = user.ore_types.clone().unwrap_or(t.ore_types);
            t.country_ores = user.country_ores.clone().unwrap_or(t.country_ores);
            t.ores = data::chainfiles::read_ore_table(t.ore_types.pair(), t.country_ores.pair())?;
        }
        if let Some(d) = &user.demand {
            t.demand = DemandTables {
                scenario: data::demandfiles::read_scenario_tables(
                    d.technologies.pair(),
                    d.deployment.pair(),
                    d.recovery.pair(),
                )?,
                alternatives: match &d.alternatives {
                    Some(a) => data::demandfiles::read_alternatives(&a.name, &a.text)?,
                    None => Vec::new(),
                },
                end_uses: match &d.end_uses {
                    Some(u) => data::demandfiles::read_end_uses(&u.name, &u.text)?,
                    None => Vec::new(),
                },
            };
        }
        Ok(t)
    }
}

/// What is bundled: the dataset (sources, observations, countries), WGI, and the tables.
#[derive(Debug)]
pub struct Bundled {
    /// Sources, observations and countries.
    pub dataset: Dataset,
    /// Governance estimates.
    pub wgi: Vec<WgiRow>,
    /// The tables.
    pub tables: Tables,
    /// Trade links, stage output, mine splits and world demand.
    pub world: model::trade::WorldTables,
    /// The world network, built on first use.
    world_network: OnceLock<Result<network::world::WorldNetwork, network::world::WorldError>>,
    /// The dataset as questions share it, made on first use.
    shared: OnceLock<Arc<Dataset>>,
}

/// The base year of the bundled world network: the latest year for which trade links,
/// stage output and regional demand are all bundled.
pub const WORLD_BASE_YEAR: i32 = 2024;

impl Bundled {
    fn load() -> Result<Bundled, data::DataError> {
        let dataset = bundled::dataset()?;
        let world = bundled::world(&dataset.countries, &dataset.sources)?;
        Ok(Bundled {
            dataset,
            wgi: bundled::wgi()?,
            tables: Tables::bundled()?,
            world,
            world_network: OnceLock::new(),
            shared: OnceLock::new(),
        })
    }

    /// The bundled world network of [`WORLD_BASE_YEAR`], built once per process.
    pub fn world_network(&self) -> Result<&network::world::WorldNetwork> {
        self.world_network
            .get_or_init(|| {
                network::world::build_world(&self.dataset, &self.world, WORLD_BASE_YEAR)
            })
            .as_ref()
            .map_err(|e| Error::Invalid(e.to_string()))
    }

    /// The bundled dataset, shared by every question that reads no imported edition.
    pub fn shared_dataset(&self) -> Arc<Dataset> {
        Arc::clone(self.shared.get_or_init(|| Arc::new(self.dataset.clone())))
    }

    /// The bundled data, parsed once per process.
    pub fn get() -> Result<&'static Bundled> {
        static BUNDLED: OnceLock<Result<Bundled, String>> = OnceLock::new();
        match BUNDLED.get_or_init(|| Bundled::load().map_err(|e| e.to_string())) {
            Ok(b) => Ok(b),
            Err(e) => Err(Error::Bundled(data::DataError::File {
                file: "bundled data".into(),
                message: e.clone(),
            })),
        }
    }
}

/// What every question is answered from: bundled data, tables, and the user's store.
#[derive(Clone)]
pub struct Session {
    bundled: &'static Bundled,
    tables: Arc<Tables>,
    store: Arc<dyn Store>,
    store_location: String,
    warnings: Arc<std::sync::Mutex<Vec<String>>>,
}

/// Which imported editions a question reads (the bundled ones are always there).
#[derive(Debug, Clone, Copy)]
pub enum Need<'a> {
    /// None: the question reads only bundled data (or only the list of editions).
    Bundled,
    /// Every imported edition (questions across all sources: compare, cite, country).
    All,
    /// The imported editions that could be the latest statistical one, and a pinned one.
    Latest(Option<&'a model::EditionId>),
}

impl std::fmt::Debug for Session {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Session")
            .field("store_location", &self.store_location)
            .finish_non_exhaustive()
    }
}

impl Session {
    /// A session over the bundled data and `store` (whose location messages name).
    pub fn new(store: Arc<dyn Store>, store_location: impl Into<String>) -> Result<Session> {
        let bundled = Bundled::get()?;
        Ok(Session {
            bundled,
            tables: Arc::new(bundled.tables.clone()),
            store,
            store_location: store_location.into(),
            warnings: Arc::default(),
        })
    }

    /// The same session with the user's tables in place of the bundled ones.
    pub fn with_tables(&self, user: &UserTables) -> Result<Session> {
        let mut s = self.clone();
        s.tables = Arc::new(self.tables.replaced(user)?);
        Ok(s)
    }

    /// The bundled data.
    pub fn bundled(&self) -> &'static Bundled {
        self.bundled
    }

    /// The tables in use.
    pub fn tables(&self) -> &Tables {
        &self.tables
    }

    /// The store.
    pub fn store(&self) -> &dyn Store {
        self.store.as_ref()
    }

    /// Where the store is (for messages).
    pub fn store_location(&self) -> &str {
        &self.store_location
    }

    /// The bundled dataset joined with every edition in the store.
    pub async fn dataset(&self) -> Result<Arc<Dataset>> {
        self.dataset_for(Need::All).await
    }

    /// The bundled dataset joined with the imported editions a question needs: only those
    /// are read from the store, so a large import slows only the questions about it. An
    /// edition whose rows cannot be read is left out with a warning naming it (see
    /// [`Session::take_warnings`]); `remove` can always delete it. A question that needs no
    /// imported edition shares the bundled dataset (one copy per process) instead of
    /// copying it: the copy was most of a served question's time (docs/performance.md).
    pub async fn dataset_for(&self, need: Need<'_>) -> Result<Arc<Dataset>> {
        let bundled = self.bundled.shared_dataset();
        if matches!(need, Need::Bundled) {
            return Ok(bundled);
        }
        let editions = self.store.editions().await?;
        let newest_bundled = bundled
            .sources
            .iter()
            .filter(|s| s.kind == model::SourceKind::StatisticalSurvey)
            .map(|s| s.year)
            .max()
            .unwrap_or(i32::MIN);
        let wanted: Vec<model::Source> = editions
            .into_iter()
            .filter(|source| match need {
                Need::Bundled => false,
                Need::All => true,
                Need::Latest(pinned) => {
                    pinned == Some(&source.edition)
                        || (source.kind == model::SourceKind::StatisticalSurvey
                            && source.year >= newest_bundled)
                }
            })
            .collect();
        if wanted.is_empty() {
            return Ok(bundled);
        }
        let mut dataset = (*bundled).clone();
        for source in wanted {
            match self.store.observations_of(&source.edition).await {
                Ok(obs) => dataset.add_edition(source, obs),
                Err(store::StoreError::Corrupt(what)) => self.warn(format!(
                    "{what}: the edition is left out of this answer (remove it with `rareflow remove {}`, then import it again)",
                    source.edition
                )),
                Err(e) => return Err(e.into()),
            }
        }
        Ok(Arc::new(dataset))
    }

    fn warn(&self, w: String) {
        if let Ok(mut ws) = self.warnings.lock() {
            if !ws.contains(&w) {
                ws.push(w);
            }
        }
    }

    /// Warnings raised while answering (each once), for the face to show.
    pub fn take_warnings(&self) -> Vec<String> {
        self.warnings
            .lock()
            .map(|mut w| std::mem::take(&mut *w))
            .unwrap_or_default()
    }
}

impl Session {
    /// A session over the bundled data and the store at `location` (a SQLite file path or
    /// a `postgres://` URL), opened when a question first needs it; a missing folder is
    /// an error unless `create_folder` (rareflow's own default location).
    pub fn open(location: &str, create_folder: bool) -> Result<Session> {
        Session::open_as(location, create_folder, location)
    }

    /// [`Session::open`], with messages naming the store as `shown` (a server shows a
    /// PostgreSQL URL without its password).
    pub fn open_as(location: &str, create_folder: bool, shown: &str) -> Result<Session> {
        let store = store::LazyStore::new(location, create_folder)?;
        Session::new(Arc::new(store), shown)
    }
}

impl Session {
    /// An edition id as the user typed it (case-insensitive), among the bundled and
    /// imported editions; unknown ids get at most three close suggestions.
    pub async fn edition_id(&self, typed: &str) -> Result<model::EditionId> {
        let mut known: Vec<String> = self
            .bundled
            .dataset
            .sources
            .iter()
            .map(|s| s.edition.0.clone())
            .collect();
        known.extend(
            self.store
                .editions()
                .await?
                .into_iter()
                .map(|s| s.edition.0),
        );
        if let Some(k) = known.iter().find(|k| k.eq_ignore_ascii_case(typed.trim())) {
            return Ok(model::EditionId(k.clone()));
        }
        let near = model::suggest::closest(typed, known.iter().map(String::as_str), 3);
        Err(Error::NotFound(if near.is_empty() {
            format!(
                "unknown edition {typed:?}: expected one of {} (see `sources`)",
                known.join(", ")
            )
        } else {
            format!(
                "unknown edition {typed:?}: did you mean {}?",
                near.join(", ")
            )
        }))
    }

    /// A selection with its edition id resolved as [`Session::edition_id`] does.
    pub async fn selection(&self, sel: &model::Selection) -> Result<model::Selection> {
        Ok(model::Selection {
            edition: match &sel.edition {
                Some(e) => Some(self.edition_id(&e.0).await?),
                None => None,
            },
            year: match sel.year {
                Some(y) => Some(model::Year(crate::values::check_year(y.0)?)),
                None => None,
            },
        })
    }
}
