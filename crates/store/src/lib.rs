//! The store: what users import and the simulator runs they save, in a SQLite file by
//! default or in PostgreSQL for shared deployments. It is the only crate that speaks SQL.
//!
//! The bundled dataset is never copied in here, so an upgraded binary always serves its
//! own bundled data; the store holds only what users added. One migration set and one
//! query path serve both backends through sqlx's `Any` driver.
//!
//! # Layout
//! - [`Store`]: the trait the rest of rareflow uses (async, object-safe).
//! - [`SqlStore`]: its implementation; [`open`] picks the backend from the location.
//! - [`StoreError`]: what can go wrong.
//! - [`RunRecord`]: a saved simulator run, as the store keeps it.

use async_trait::async_trait;
use model::{
    EditionId, Flag, Flags, GapReason, Material, Metric, Observation, Place, Quantity, Source,
    SourceKind, Stage, Table, Unit, Value, Year,
};
use sqlx::any::{AnyPoolOptions, AnyRow};
use sqlx::{AnyPool, Row};

/// What can go wrong in the store.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// The database refused or failed.
    #[error("database error: {0}")]
    Database(#[from] sqlx::Error),
    /// A migration failed.
    #[error("could not bring the database schema up to date: {0}")]
    Migrate(#[from] sqlx::migrate::MigrateError),
    /// The edition is already stored and `replace` was not asked for.
    #[error("edition {0} is already in the store")]
    EditionExists(String),
    /// Another process holds the write lock of a SQLite file.
    #[error("{0} is being written by another rareflow process: try again when it has finished")]
    Busy(String),
    /// An observation cannot be stored as it is (it would not read back).
    #[error("edition {edition}: {reason}")]
    Invalid {
        /// The edition.
        edition: String,
        /// What is wrong.
        reason: String,
    },
    /// A stored row does not decode (the file was edited by hand, or is from a newer rareflow).
    #[error("the store holds a row rareflow cannot read: {0}")]
    Corrupt(String),
    /// A database server cannot be reached.
    #[error("cannot reach the database at {host}: {reason}")]
    Unreachable {
        /// Host and port.
        host: String,
        /// Why (connection refused, no answer in time).
        reason: String,
    },
    /// A run of that id is already saved.
    #[error("a run {0} is already saved")]
    RunExists(String),
    /// The location cannot be used.
    #[error("cannot open the store at {location:?}: {reason}")]
    Location {
        /// What was given.
        location: String,
        /// Why it fails.
        reason: String,
    },
}

/// Shorthand for results of this crate.
pub type Result<T, E = StoreError> = std::result::Result<T, E>;

/// What rareflow keeps between runs.
#[async_trait]
pub trait Store: Send + Sync {
    /// The imported editions, in import order.
    async fn editions(&self) -> Result<Vec<Source>>;
    /// Every imported observation.
    async fn observations(&self) -> Result<Vec<Observation>>;
    /// The observations of one edition (a row that does not decode is an error naming it).
    async fn observations_of(&self, edition: &EditionId) -> Result<Vec<Observation>>;
    /// Stores an edition and its observations in one transaction: all or nothing.
    /// With `replace`, an edition of the same id is deleted first (in the same transaction).
    async fn import(
        &self,
        source: &Source,
        observations: &[Observation],
        replace: bool,
    ) -> Result<()>;
    /// Deletes an edition; `false` when it was not there.
    async fn delete_edition(&self, edition: &EditionId) -> Result<bool>;
    /// How many observations each imported edition holds.
    async fn observation_counts(&self) -> Result<Vec<(EditionId, u64)>>;
    /// Saves a run; an id already used is refused ([`StoreError::RunExists`]).
    async fn save_run(&self, run: &RunRecord) -> Result<()>;
    /// Every saved run, newest first, without their inputs' texts and results
    /// (`scenario_text`, the network's files and `result` are empty).
    async fn runs(&self) -> Result<Vec<RunRecord>>;
    /// One saved run, whole; `None` when there is none of that id.
    async fn run(&self, id: &str) -> Result<Option<RunRecord>>;
}

/// A saved simulator run: its inputs (enough to run it again), the seed, the checksums
/// that say what it was run on, and the result as it was served. The store keeps text;
/// what the text means is `service`'s business.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct RunRecord {
    /// The run's id (chosen by the caller; unique).
    pub id: String,
    /// When it was saved, RFC 3339 in UTC.
    pub created: String,
    /// The scenario's name (from its file).
    pub scenario_name: String,
    /// The scenario file's name as it was given.
    pub scenario_file: String,
    /// The scenario file's text.
    pub scenario_text: String,
    /// The network's files when the run did not use the bundled network:
    /// `(folder, nodes.csv, links.csv, demand.csv)`.
    pub network: Option<(String, String, String, Option<String>)>,
    /// The random seed (the simulator is deterministic today: 0).
    pub seed: i64,
    /// rareflow's version (and commit) that ran it.
    pub version: String,
    /// SHA-256 of the bundled data files.
    pub dataset_sha256: String,
    /// SHA-256 of the scenario file.
    pub scenario_sha256: String,
    /// `bundled` or the SHA-256 of the network's files.
    pub network_checksum: String,
    /// SHA-256 of `result`.
    pub result_sha256: String,
    /// The result as served (JSON).
    pub result: String,
}

/// A store on SQLite or PostgreSQL.
#[derive(Debug, Clone)]
pub struct SqlStore {
    pool: AnyPool,
}

/// Where a store is, as the user gave it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Location {
    /// A PostgreSQL URL.
    Postgres(String),
    /// A `sqlite:` URL.
    SqliteUrl(String),
    /// A path to a SQLite file.
    File(std::path::PathBuf),
}

/// The schemes a store address may use.
pub const SCHEMES: &str = "postgres://, postgresql:// or sqlite:, or a file path";

/// Reads a store address: an empty one, or one with an unsupported scheme (`mysql://`,
/// a typo such as `postgress://` or `postgres:/`), is refused rather than taken for a
/// file name, which would make folders such as `mysql:/localhost`.
pub fn parse_location(location: &str) -> Result<Location> {
    let bad = |reason: String| StoreError::Location {
        location: location.into(),
        reason,
    };
    let l = location.trim();
    if l.is_empty() {
        return Err(bad(format!("an empty address: expected {SCHEMES}")));
    }
    if l.starts_with("postgres://") || l.starts_with("postgresql://") {
        return Ok(Location::Postgres(l.into()));
    }
    if l.starts_with("sqlite:") {
        return Ok(Location::SqliteUrl(l.into()));
    }
    if let Some((scheme, _)) = l.split_once(':') {
        let s = scheme.to_ascii_lowercase();
        let looks_like_url = l.contains("://")
            || (s.len() > 2
                && s.chars().all(|c| c.is_ascii_alphanumeric())
                && l[scheme.len()..].starts_with(":/"));
        if looks_like_url {
            let hint = if s.starts_with("postg") {
                format!(
                    " (did you mean postgres://{}?)",
                    l[scheme.len()..]
                        .trim_start_matches(':')
                        .trim_start_matches('/')
                )
            } else {
                String::new()
            };
            return Err(bad(format!(
                "unsupported scheme {scheme:?}: expected {SCHEMES}{hint}"
            )));
        }
    }
    Ok(Location::File(std::path::PathBuf::from(l)))
}

/// How long connecting to a server may take before rareflow gives up and says why.
pub const CONNECT_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(5);

/// Opens (creating on first use, and migrating) the store at `location`: a
/// `postgres://` or `postgresql://` URL, a `sqlite:` URL, or a path to a SQLite file.
pub async fn open(location: &str) -> Result<SqlStore> {
    sqlx::any::install_default_drivers();
    let url = match parse_location(location)? {
        Location::Postgres(url) => {
            check_reachable(&url).await?;
            url
        }
        Location::SqliteUrl(url) => url,
        Location::File(_) => String::new(),
    };
    let url = if !url.is_empty() {
        url
    } else {
        let path = std::path::Path::new(location);
        if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
            std::fs::create_dir_all(parent).map_err(|e| StoreError::Location {
                location: location.into(),
                reason: e.to_string(),
            })?;
        }
        format!("sqlite://{}?mode=rwc", path.display())
    };
    // One connection for SQLite: a file has one writer, and tests stay deterministic.
    let max = if url.starts_with("sqlite:") { 1 } else { 4 };
    let pool = AnyPoolOptions::new()
        .max_connections(max)
        .acquire_timeout(CONNECT_TIMEOUT)
        .connect(&url)
        .await?;
    sqlx::migrate!("./migrations").run(&pool).await?;
    Ok(SqlStore { pool })
}

/// Connects once to a server, so that an unreachable one fails within
/// [`CONNECT_TIMEOUT`] with its cause (connection refused, unknown host) rather than a
/// pool's "timed out".
async fn check_reachable(url: &str) -> Result<()> {
    use sqlx::Connection;
    let at = url
        .split_once('@')
        .map_or(url, |(_, rest)| rest)
        .trim_start_matches("postgres://")
        .trim_start_matches("postgresql://");
    let host = at.split('/').next().unwrap_or(at).to_string();
    match tokio::time::timeout(CONNECT_TIMEOUT, sqlx::AnyConnection::connect(url)).await {
        Err(_) => Err(StoreError::Unreachable {
            host,
            reason: format!("no answer within {} s", CONNECT_TIMEOUT.as_secs()),
        }),
        Ok(Err(e)) => Err(StoreError::Unreachable {
            host,
            reason: cause(&e),
        }),
        Ok(Ok(c)) => {
            let _ = c.close().await;
            Ok(())
        }
    }
}

/// The innermost cause of a database error, in words.
fn cause(e: &sqlx::Error) -> String {
    let mut source: Option<&dyn std::error::Error> = std::error::Error::source(e);
    let mut last = e.to_string();
    while let Some(s) = source {
        last = s.to_string();
        source = s.source();
    }
    last
}

fn corrupt(what: &str, value: &str) -> StoreError {
    StoreError::Corrupt(format!("{what} {value:?}"))
}

/// SQLite's "database is locked" as what it means to a user: another writer.
fn busy(what: &'static str) -> impl Fn(StoreError) -> StoreError {
    move |e| match &e {
        StoreError::Database(sqlx::Error::Database(d))
            if d.message().contains("database is locked") =>
        {
            StoreError::Busy(what.to_string())
        }
        _ => e,
    }
}

/// What a stored observation must be so that it reads back as it was written: a finite,
/// non-negative mass within `MAX_TONNES` (or a finite number in its own unit), a year
/// within `YEARS`.
pub fn check_storable(o: &Observation) -> std::result::Result<(), String> {
    if model::Year::checked(o.year.0).is_none() {
        return Err(format!(
            "{o}: year {} outside {:?}",
            o.year,
            model::units::YEARS
        ));
    }
    if let Value::Known(q) = o.value {
        let ok = q.magnitude.is_finite()
            && (q.unit != Unit::TonnesReo
                || (0.0..=model::units::MAX_TONNES).contains(&q.magnitude));
        if !ok {
            return Err(format!(
                "{o}: value {} is not a mass from 0 to {:e} t",
                q.magnitude,
                model::units::MAX_TONNES
            ));
        }
    }
    Ok(())
}

const SELECT_OBSERVATIONS: &str = "SELECT edition, tbl, label, place, material, stage, metric, form, year, value, unit, gap, flags, note, citation FROM observations";

fn decode_observation(r: &AnyRow) -> Result<Observation> {
    let text = |c: &str| -> Result<String> { Ok(r.try_get::<String, _>(c)?) };
    let unit_id = text("unit")?;
    let unit = Unit::from_id(&unit_id).ok_or_else(|| corrupt("unit", &unit_id))?;
    let value = match r.try_get::<Option<f64>, _>("value")? {
        Some(v) => Value::Known(Quantity { magnitude: v, unit }),
        None => {
            let g = text("gap")?;
            Value::Gap(GapReason::from_id(&g).ok_or_else(|| corrupt("gap", &g))?)
        }
    };
    let mut flags = Flags::NONE;
    for id in text("flags")?.split(';').filter(|s| !s.is_empty()) {
        flags.insert(Flag::from_id(id).ok_or_else(|| corrupt("flag", id))?);
    }
    let (tbl, place, material, stage, metric) = (
        text("tbl")?,
        text("place")?,
        text("material")?,
        text("stage")?,
        text("metric")?,
    );
    Ok(Observation {
        edition: EditionId(text("edition")?),
        table: Table::from_id(&tbl).ok_or_else(|| corrupt("table", &tbl))?,
        label: text("label")?,
        place: Place::from_id(&place).ok_or_else(|| corrupt("place", &place))?,
        material: material
            .parse::<Material>()
            .map_err(|_| corrupt("material", &material))?,
        stage: Stage::from_id(&stage).ok_or_else(|| corrupt("stage", &stage))?,
        metric: Metric::parse(&metric).ok_or_else(|| corrupt("metric", &metric))?,
        form: text("form")?,
        year: Year(
            i32::try_from(r.try_get::<i64, _>("year")?)
                .map_err(|_| corrupt("year", "out of range"))?,
        ),
        value,
        unit,
        flags,
        note: text("note")?,
        citation: text("citation")?,
    })
}

impl SqlStore {
    /// [`Store::import`], its rows checked before and read back after writing.
    async fn import_checked(
        &self,
        source: &Source,
        observations: &[Observation],
        replace: bool,
    ) -> Result<()> {
        for o in observations {
            check_storable(o).map_err(|reason| StoreError::Invalid {
                edition: source.edition.0.clone(),
                reason,
            })?;
        }
        let mut tx = self.pool.begin().await?;
        let id = source.edition.0.as_str();
        let exists = sqlx::query("SELECT edition FROM editions WHERE edition = $1")
            .bind(id)
            .fetch_optional(&mut *tx)
            .await?
            .is_some();
        if exists && !replace {
            return Err(StoreError::EditionExists(id.to_string()));
        }
        sqlx::query("DELETE FROM observations WHERE edition = $1")
            .bind(id)
            .execute(&mut *tx)
            .await?;
        sqlx::query("DELETE FROM editions WHERE edition = $1")
            .bind(id)
            .execute(&mut *tx)
            .await?;
        sqlx::query(
            "INSERT INTO editions (edition, series, publisher, title, year, kind, licence, citation, url, transcribed, note) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)",
        )
        .bind(id)
        .bind(&source.series)
        .bind(&source.publisher)
        .bind(&source.title)
        .bind(i64::from(source.year))
        .bind(source.kind.id())
        .bind(&source.licence)
        .bind(&source.citation)
        .bind(&source.url)
        .bind(i64::from(source.transcribed))
        .bind(&source.note)
        .execute(&mut *tx)
        .await?;
        for (seq, o) in observations.iter().enumerate() {
            let (value, gap) = match o.value {
                Value::Known(q) => (Some(q.magnitude), ""),
                Value::Gap(g) => (None, g.id()),
            };
            sqlx::query(
                "INSERT INTO observations (edition, seq, tbl, label, place, material, stage, metric, form, year, value, unit, gap, flags, note, citation) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)",
            )
            .bind(id)
            .bind(seq as i64)
            .bind(o.table.id())
            .bind(&o.label)
            .bind(o.place.id())
            .bind(o.material.id())
            .bind(o.stage.id())
            .bind(o.metric.id())
            .bind(&o.form)
            .bind(i64::from(o.year.0))
            .bind(value)
            .bind(o.unit.id())
            .bind(gap)
            .bind(o.flags.to_ids())
            .bind(&o.note)
            .bind(&o.citation)
            .execute(&mut *tx)
            .await?;
        }
        // Read the edition back with the code every later command reads it with, inside the
        // transaction: nothing is committed that would not read back.
        let back = sqlx::query(sqlx::AssertSqlSafe(format!(
            "{SELECT_OBSERVATIONS} WHERE edition = $1 ORDER BY seq"
        )))
        .bind(id)
        .fetch_all(&mut *tx)
        .await?;
        if back.len() != observations.len() {
            return Err(StoreError::Invalid {
                edition: id.into(),
                reason: format!("{} of {} rows read back", back.len(), observations.len()),
            });
        }
        for (row, original) in back.iter().zip(observations) {
            let read = decode_observation(row).map_err(|e| StoreError::Invalid {
                edition: id.into(),
                reason: format!("{original} would not read back: {e}"),
            })?;
            if read.value != original.value || read.flags != original.flags {
                return Err(StoreError::Invalid {
                    edition: id.into(),
                    reason: format!("{original} reads back differently"),
                });
            }
        }
        tx.commit().await?;
        Ok(())
    }

    /// The connection pool, for tests that need to reach under the trait (e.g. to make an
    /// insert fail half-way and check the rollback).
    #[doc(hidden)]
    pub fn pool(&self) -> &AnyPool {
        &self.pool
    }
}

#[async_trait]
impl Store for SqlStore {
    async fn editions(&self) -> Result<Vec<Source>> {
        let rows = sqlx::query("SELECT edition, series, publisher, title, year, kind, licence, citation, url, transcribed, note FROM editions ORDER BY year, edition")
            .fetch_all(&self.pool)
            .await?;
        rows.iter()
            .map(|r| {
                let kind: String = r.try_get("kind")?;
                Ok(Source {
                    edition: EditionId(r.try_get("edition")?),
                    series: r.try_get("series")?,
                    publisher: r.try_get("publisher")?,
                    title: r.try_get("title")?,
                    year: i32::try_from(r.try_get::<i64, _>("year")?)
                        .map_err(|_| corrupt("year", "out of range"))?,
                    kind: SourceKind::from_id(&kind).ok_or_else(|| corrupt("kind", &kind))?,
                    licence: r.try_get("licence")?,
                    citation: r.try_get("citation")?,
                    url: r.try_get("url")?,
                    transcribed: r.try_get::<i64, _>("transcribed")? != 0,
                    imported: true,
                    note: r.try_get("note")?,
                })
            })
            .collect()
    }

    async fn observations(&self) -> Result<Vec<Observation>> {
        let rows = sqlx::query(sqlx::AssertSqlSafe(format!(
            "{SELECT_OBSERVATIONS} ORDER BY edition, seq"
        )))
        .fetch_all(&self.pool)
        .await?;
        rows.iter().map(decode_observation).collect()
    }

    async fn observations_of(&self, edition: &EditionId) -> Result<Vec<Observation>> {
        let rows = sqlx::query(sqlx::AssertSqlSafe(format!(
            "{SELECT_OBSERVATIONS} WHERE edition = $1 ORDER BY seq"
        )))
        .bind(&edition.0)
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|r| {
                decode_observation(r).map_err(|e| match e {
                    StoreError::Corrupt(what) => {
                        StoreError::Corrupt(format!("edition {edition}: {what}"))
                    }
                    e => e,
                })
            })
            .collect()
    }

    async fn import(
        &self,
        source: &Source,
        observations: &[Observation],
        replace: bool,
    ) -> Result<()> {
        self.import_checked(source, observations, replace)
            .await
            .map_err(busy("the SQLite file"))
    }

    async fn observation_counts(&self) -> Result<Vec<(EditionId, u64)>> {
        let rows = sqlx::query(
            "SELECT edition, COUNT(*) AS n FROM observations GROUP BY edition ORDER BY edition",
        )
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|r| {
                let n: i64 = r.try_get("n")?;
                Ok((
                    EditionId(r.try_get("edition")?),
                    u64::try_from(n).map_err(|_| corrupt("count", "negative"))?,
                ))
            })
            .collect()
    }

    async fn delete_edition(&self, edition: &EditionId) -> Result<bool> {
        let mut tx = self.pool.begin().await?;
        sqlx::query("DELETE FROM observations WHERE edition = $1")
            .bind(&edition.0)
            .execute(&mut *tx)
            .await?;
        let n = sqlx::query("DELETE FROM editions WHERE edition = $1")
            .bind(&edition.0)
            .execute(&mut *tx)
            .await?
            .rows_affected();
        tx.commit().await?;
        Ok(n > 0)
    }

    async fn save_run(&self, run: &RunRecord) -> Result<()> {
        let (folder, nodes, links, demand) = match &run.network {
            Some((f, n, l, d)) => (
                Some(f.as_str()),
                Some(n.as_str()),
                Some(l.as_str()),
                d.as_deref(),
            ),
            None => (None, None, None, None),
        };
        let mut tx = self.pool.begin().await?;
        let exists = sqlx::query("SELECT id FROM runs WHERE id = $1")
            .bind(&run.id)
            .fetch_optional(&mut *tx)
            .await?
            .is_some();
        if exists {
            return Err(StoreError::RunExists(run.id.clone()));
        }
        sqlx::query(
            "INSERT INTO runs (id, created, scenario_name, scenario_file, scenario_text, network_folder, network_nodes, network_links, network_demand, seed, version, dataset_sha256, scenario_sha256, network_checksum, result_sha256, result) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)",
        )
        .bind(&run.id)
        .bind(&run.created)
        .bind(&run.scenario_name)
        .bind(&run.scenario_file)
        .bind(&run.scenario_text)
        .bind(folder)
        .bind(nodes)
        .bind(links)
        .bind(demand)
        .bind(run.seed)
        .bind(&run.version)
        .bind(&run.dataset_sha256)
        .bind(&run.scenario_sha256)
        .bind(&run.network_checksum)
        .bind(&run.result_sha256)
        .bind(&run.result)
        .execute(&mut *tx)
        .await
        .map_err(StoreError::from)
        .map_err(busy("the SQLite file"))?;
        tx.commit().await?;
        Ok(())
    }

    async fn runs(&self) -> Result<Vec<RunRecord>> {
        let rows = sqlx::query(
            "SELECT id, created, scenario_name, scenario_file, network_folder, seed, version, dataset_sha256, scenario_sha256, network_checksum, result_sha256 \
             FROM runs ORDER BY created DESC, id",
        )
        .fetch_all(&self.pool)
        .await?;
        rows.iter().map(|r| decode_run(r, false)).collect()
    }

    async fn run(&self, id: &str) -> Result<Option<RunRecord>> {
        let row = sqlx::query(
            "SELECT id, created, scenario_name, scenario_file, scenario_text, network_folder, network_nodes, network_links, network_demand, seed, version, dataset_sha256, scenario_sha256, network_checksum, result_sha256, result \
             FROM runs WHERE id = $1",
        )
        .bind(id)
        .fetch_optional(&self.pool)
        .await?;
        row.as_ref().map(|r| decode_run(r, true)).transpose()
    }
}

/// A run's row; `whole` when the query selected the texts and the result.
fn decode_run(r: &AnyRow, whole: bool) -> Result<RunRecord> {
    let text = |c: &str| -> Result<String> { Ok(r.try_get::<String, _>(c)?) };
    let opt = |c: &str| -> Result<Option<String>> { Ok(r.try_get::<Option<String>, _>(c)?) };
    let folder = opt("network_folder")?;
    let network = match (folder, whole) {
        (None, _) => None,
        (Some(f), false) => Some((f, String::new(), String::new(), None)),
        (Some(f), true) => Some((
            f,
            opt("network_nodes")?.unwrap_or_default(),
            opt("network_links")?.unwrap_or_default(),
            opt("network_demand")?,
        )),
    };
    Ok(RunRecord {
        id: text("id")?,
        created: text("created")?,
        scenario_name: text("scenario_name")?,
        scenario_file: text("scenario_file")?,
        scenario_text: if whole {
            text("scenario_text")?
        } else {
            String::new()
        },
        network,
        seed: r.try_get::<i64, _>("seed")?,
        version: text("version")?,
        dataset_sha256: text("dataset_sha256")?,
        scenario_sha256: text("scenario_sha256")?,
        network_checksum: text("network_checksum")?,
        result_sha256: text("result_sha256")?,
        result: if whole {
            text("result")?
        } else {
            String::new()
        },
    })
}

/// A store opened on first use: a question that needs no store never touches it, a
/// read-only question on a SQLite file that does not exist yet sees an empty store
/// (and creates no file), and only a write creates the file. A missing folder is created
/// only when the caller says so (the default location); for a path the user gave it is an
/// error, not a silent `mkdir -p`.
#[derive(Debug)]
pub struct LazyStore {
    location: String,
    file: Option<std::path::PathBuf>,
    create_parent: bool,
    store: tokio::sync::OnceCell<SqlStore>,
}

impl LazyStore {
    /// A store at `location`, checked now and opened when first needed.
    pub fn new(location: &str, create_parent: bool) -> Result<LazyStore> {
        let file = match parse_location(location)? {
            Location::File(p) => Some(p),
            _ => None,
        };
        Ok(LazyStore {
            location: location.into(),
            file,
            create_parent,
            store: tokio::sync::OnceCell::new(),
        })
    }

    /// The store if it exists (a SQLite file that is not there yet has nothing to read).
    async fn existing(&self) -> Result<Option<&SqlStore>> {
        if self.store.get().is_none() && self.file.as_ref().is_some_and(|f| !f.exists()) {
            return Ok(None);
        }
        Ok(Some(
            self.store.get_or_try_init(|| open(&self.location)).await?,
        ))
    }

    /// The store, created if need be.
    async fn create(&self) -> Result<&SqlStore> {
        if let Some(parent) = self
            .file
            .as_ref()
            .and_then(|f| f.parent())
            .filter(|p| !p.as_os_str().is_empty() && !p.exists())
        {
            if !self.create_parent {
                return Err(StoreError::Location {
                    location: self.location.clone(),
                    reason: format!(
                        "the folder {} does not exist: create it first, or name a file in an existing folder",
                        parent.display()
                    ),
                });
            }
            std::fs::create_dir_all(parent).map_err(|e| StoreError::Location {
                location: self.location.clone(),
                reason: e.to_string(),
            })?;
        }
        self.store.get_or_try_init(|| open(&self.location)).await
    }
}

#[async_trait]
impl Store for LazyStore {
    async fn editions(&self) -> Result<Vec<Source>> {
        match self.existing().await? {
            Some(s) => s.editions().await,
            None => Ok(Vec::new()),
        }
    }

    async fn observations(&self) -> Result<Vec<Observation>> {
        match self.existing().await? {
            Some(s) => s.observations().await,
            None => Ok(Vec::new()),
        }
    }

    async fn import(
        &self,
        source: &Source,
        observations: &[Observation],
        replace: bool,
    ) -> Result<()> {
        self.create()
            .await?
            .import(source, observations, replace)
            .await
    }

    async fn observations_of(&self, edition: &EditionId) -> Result<Vec<Observation>> {
        match self.existing().await? {
            Some(s) => s.observations_of(edition).await,
            None => Ok(Vec::new()),
        }
    }

    async fn delete_edition(&self, edition: &EditionId) -> Result<bool> {
        match self.existing().await? {
            Some(s) => s.delete_edition(edition).await,
            None => Ok(false),
        }
    }

    async fn observation_counts(&self) -> Result<Vec<(EditionId, u64)>> {
        match self.existing().await? {
            Some(s) => s.observation_counts().await,
            None => Ok(Vec::new()),
        }
    }

    async fn save_run(&self, run: &RunRecord) -> Result<()> {
        self.create().await?.save_run(run).await
    }

    async fn runs(&self) -> Result<Vec<RunRecord>> {
        match self.existing().await? {
            Some(s) => s.runs().await,
            None => Ok(Vec::new()),
        }
    }

    async fn run(&self, id: &str) -> Result<Option<RunRecord>> {
        match self.existing().await? {
            Some(s) => s.run(id).await,
            None => Ok(None),
        }
    }
}
