//! The command-line tree (clap derive). Spellings follow the JSON contract: kebab-case on
//! the command line (`mine-production`), snake_case in JSON (`mine_production`).

use clap::{Args, Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

/// rareflow: who holds the world's rare earths, how concentrated each stage is, according to whom.
#[derive(Debug, Parser)]
#[command(name = "rareflow", version, about, long_about = None, propagate_version = true)]
pub struct Cli {
    /// The store (a SQLite file, or a postgres:// URL) holding imported editions; created on first use.
    /// Defaults to RAREFLOW_DB, else rareflow.db in the user's data directory.
    #[arg(long, global = true, env = "RAREFLOW_DB", value_name = "PATH")]
    pub db: Option<String>,
    /// Output format: an aligned table, or CSV / JSON documents on stdout (notes go to stderr).
    #[arg(long, global = true, value_enum, default_value_t = Format::Table)]
    pub format: Format,
    /// Unit for quantities of tonnes (REO equivalent); only commands that print tonnes take
    /// it (default t).
    #[arg(long, global = true, value_enum)]
    pub unit: Option<UnitArg>,
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// Output formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// Aligned, with thousands separators, units in headers and flag marks with a legend.
    Table,
    /// RFC 4180 CSV.
    Csv,
    /// JSON (the documented contract).
    Json,
}

/// Units for tonnes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum UnitArg {
    /// Tonnes.
    #[value(name = "t")]
    T,
    /// Thousand tonnes.
    #[value(name = "kt")]
    Kt,
    /// Million tonnes.
    #[value(name = "Mt")]
    Mt,
}

/// Metrics that country tables report.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum MetricArg {
    /// Reserves (REO equivalent).
    Reserves,
    /// Mine production (REO content of concentrate).
    MineProduction,
}

impl MetricArg {
    /// The country-table metric.
    pub fn metric(self) -> service::rank::TableMetric {
        match self {
            MetricArg::Reserves => service::rank::TableMetric::Reserves,
            MetricArg::MineProduction => service::rank::TableMetric::MineProduction,
        }
    }
}

/// Which total shares are taken of.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, Default)]
pub enum DenominatorArg {
    /// The source's rounded world total (USGS's own; the default).
    #[default]
    WorldTotal,
    /// The sum of the countries reporting a value.
    CountrySum,
}

/// Edition and year pins.
#[derive(Debug, Clone, Args)]
pub struct Pin {
    /// Answer from this edition (e.g. MCS2025, or an imported id; any case); default: the latest.
    #[arg(long, value_name = "ID")]
    pub edition: Option<String>,
    /// Answer for this year; default: the latest the edition reports.
    #[arg(long, value_name = "YEAR")]
    pub year: Option<i32>,
}

/// The commands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// One screen: world mine production and reserves, top countries, HHI, Russia and the US, sources.
    Overview(Pin),
    /// Countries ranked by a metric, with shares; gaps after the ranked values, aggregates apart.
    Rank {
        /// The metric.
        #[arg(long, value_enum)]
        metric: MetricArg,
        #[command(flatten)]
        pin: Pin,
        /// Show only the first N ranked countries (N ≥ 1).
        #[arg(long, value_name = "N", allow_negative_numbers = true, value_parser = at_least_one)]
        top: Option<usize>,
        /// Denominator of the shares.
        #[arg(long, value_enum, default_value_t = DenominatorArg::WorldTotal)]
        denominator: DenominatorArg,
    },
    /// Concentration of a metric: shares, HHI (0–10,000) on both denominators, top-3 share.
    Concentration {
        /// The metric.
        #[arg(long, value_enum, default_value_t = MetricArg::MineProduction)]
        metric: MetricArg,
        #[command(flatten)]
        pin: Pin,
        /// Denominator of the shares and of the top-3 share.
        #[arg(long, value_enum, default_value_t = DenominatorArg::WorldTotal)]
        denominator: DenominatorArg,
    },
    /// Every estimate for one country and metric, side by side, with the spread.
    Compare {
        /// ISO3 code or name, e.g. RUS.
        #[arg(long)]
        country: String,
        /// The metric.
        #[arg(long, value_enum)]
        metric: MetricArg,
        /// Only this year.
        #[arg(long)]
        year: Option<i32>,
    },
    /// Which sources state a value, e.g. --value 3.8Mt (matched to the digits typed).
    Cite {
        /// ISO3 code or name.
        #[arg(long)]
        country: Option<String>,
        /// The metric.
        #[arg(long, value_enum)]
        metric: Option<MetricArg>,
        /// The value with its unit: t, kt or Mt (3.8Mt, 270kt, 2500t).
        #[arg(long)]
        value: String,
    },
    /// One country: codes, names, every observation, R/P years and its latest WGI estimates.
    Country {
        /// ISO3 code or name.
        country: String,
        #[command(flatten)]
        pin: Pin,
    },
    /// Every source and edition, bundled and imported, with licence and citation.
    Sources,
    /// Each stage's top countries and concentration, mining to magnets, every row with its basis and source.
    Chain {
        /// Element or basis: TREO, magnet_REE, NdPr, or an element such as Nd (rows on a group basis that contains it).
        #[arg(long)]
        element: Option<String>,
        /// Only this year (default: each stage at the latest year it has data for).
        #[arg(long)]
        year: Option<i32>,
        /// Read the mining stage from this edition (default: the latest statistical one).
        #[arg(long, value_name = "ID")]
        edition: Option<String>,
        /// Countries per stage and source (≥ 1).
        #[arg(long, default_value_t = service::chain::DEFAULT_TOP, allow_negative_numbers = true, value_parser = at_least_one)]
        top: usize,
        /// Also draw stage concentration as an SVG chart into FILE.
        #[arg(long, value_name = "FILE")]
        svg: Option<PathBuf>,
    },
    /// The baseline network's mass balance: each node's inflow, outflow, stock change, losses and the labelled unallocated terms.
    Balance {
        /// The year (default 2024, the latest with separation data).
        #[arg(long, default_value_t = service::balance::DEFAULT_YEAR)]
        year: i32,
        /// Read mine production from this edition (default: the latest that reports the year).
        #[arg(long, value_name = "ID")]
        edition: Option<String>,
        /// Your own ore distribution table (ore_type,deposit,component,percent,source) instead of data/ore_types.csv.
        #[arg(long, value_name = "FILE")]
        ore_types: Option<PathBuf>,
        /// Your own country ore mix table (country,ore_type,deposit,share,source) instead of data/country_ores.csv.
        #[arg(long, value_name = "FILE")]
        country_ores: Option<PathBuf>,
    },
    /// Projects and deposits, with status, capacity, timing and sources.
    Projects {
        /// Only this country (ISO3 code or name).
        #[arg(long)]
        country: Option<String>,
        /// Only this status.
        #[arg(long, value_enum)]
        status: Option<StatusArg>,
    },
    /// Run a dynamic stock model (ODYM conventions) on your own series: inflow-driven or stock-driven.
    Stock {
        /// CSV with columns year,inflow (optional per-cohort mean, sd, shape, scale): inflow-driven.
        #[arg(
            long,
            value_name = "FILE",
            conflicts_with = "stock",
            required_unless_present = "stock"
        )]
        inflow: Option<PathBuf>,
        /// CSV with columns year,stock (optional per-cohort mean, sd, shape, scale): stock-driven.
        #[arg(long, value_name = "FILE")]
        stock: Option<PathBuf>,
        /// fixed:MEAN | normal:MEAN,SD | weibull:SHAPE,SCALE | lognormal:MEAN,SD (mean and sd of the lifetime itself).
        #[arg(long, value_name = "SPEC")]
        lifetime: String,
        /// Stock-driven: set a negative inflow to 0 and cut older cohorts instead (ODYM's NegativeInflowCorrect).
        #[arg(long)]
        negative_inflow_correct: bool,
        /// Add the stock and outflow matrices by cohort ([t][c]: row = year index, column = cohort index).
        #[arg(long)]
        by_cohort: bool,
        /// The most memory the run may take (e.g. 2GB, 500MB); a larger run is refused before it starts.
        #[arg(long, value_name = "SIZE", default_value = "2GB")]
        max_memory: String,
        /// Draw inflow, outflow and stock as an SVG chart into FILE.
        #[arg(long, value_name = "FILE")]
        svg: Option<PathBuf>,
    },
    /// Magnet rare-earth demand of a scenario (EVs, wind, ...): demand, in-use stock, end-of-life flows and recycled supply by year, every input cited.
    Demand(DemandArgs),
    /// Supply risk by the EU CRM and USGS methods, with every input, its source, and the gaps.
    Risk {
        /// Which method.
        #[command(subcommand)]
        method: RiskMethod,
    },
    /// What if: run a scenario year by year through the network (shortfalls, prices, concentration).
    Sim {
        /// What to do.
        #[command(subcommand)]
        action: SimAction,
    },
    /// What it takes: the least-cost roadmap (which projects, when) to reach a target, solved as a MILP on HiGHS. `rareflow plan list` lists the bundled roadmaps.
    Plan(PlanArgs),
    /// Trade links between countries and stages, with sources, units and which edition of each link is used.
    Trade {
        /// Only links from this exporter (ISO3 code, name, EU27 or ROW).
        #[arg(long)]
        exporter: Option<String>,
        /// Only links to this importer.
        #[arg(long)]
        importer: Option<String>,
        /// Only links that leave or reach this stage (mining, separation, metal, magnet, end_use).
        #[arg(long, value_parser = parse_stage)]
        stage: Option<model::Stage>,
        /// Only this year.
        #[arg(long)]
        year: Option<i32>,
    },
    /// Print the JSON schema of a command's result, e.g. `rareflow schema risk eu`.
    Schema {
        /// The command's words as typed (`rank`, `risk eu`, `import usgs-mcs`).
        #[arg(required = true, num_args = 1..)]
        words: Vec<String>,
    },
    /// The editions imported into the store, with their observation counts.
    Editions,
    /// Remove an imported edition from the store (one transaction; bundled editions stay).
    Remove {
        /// The edition id (case-insensitive).
        edition: String,
    },
    /// Serve the API (/api/v1, OpenAPI at /api/v1/openapi.json) and the dashboard over HTTP;
    /// everything is embedded, no internet needed. Writes need a token (RAREFLOW_TOKEN or
    /// --token-file); stops cleanly on Ctrl-C or SIGTERM.
    Serve(ServeArgs),
    /// Import data into the store.
    Import {
        /// What kind of file.
        #[command(subcommand)]
        kind: ImportKind,
    },
}

impl Command {
    /// The command's name as typed.
    pub fn name(&self) -> &'static str {
        match self {
            Command::Overview(_) => "overview",
            Command::Rank { .. } => "rank",
            Command::Concentration { .. } => "concentration",
            Command::Compare { .. } => "compare",
            Command::Cite { .. } => "cite",
            Command::Country { .. } => "country",
            Command::Sources => "sources",
            Command::Chain { .. } => "chain",
            Command::Balance { .. } => "balance",
            Command::Projects { .. } => "projects",
            Command::Stock { .. } => "stock",
            Command::Demand(_) => "demand",
            Command::Risk { .. } => "risk",
            Command::Schema { .. } => "schema",
            Command::Sim { .. } => "sim",
            Command::Plan(_) => "plan",
            Command::Trade { .. } => "trade",
            Command::Import { .. } => "import",
            Command::Editions => "editions",
            Command::Remove { .. } => "remove",
            Command::Serve(_) => "serve",
        }
    }

    /// Whether the command prints quantities in tonnes (the only ones `--unit` converts).
    pub fn prints_tonnes(&self) -> bool {
        matches!(
            self,
            Command::Overview(_)
                | Command::Rank { .. }
                | Command::Concentration { .. }
                | Command::Compare { .. }
                | Command::Cite { .. }
                | Command::Country { .. }
                | Command::Chain { .. }
                | Command::Balance { .. }
                | Command::Demand(_)
        )
    }
}

/// Project statuses.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum StatusArg {
    /// Producing.
    Operating,
    /// Being built or commissioned.
    Construction,
    /// Studied or permitted, not built.
    Feasibility,
    /// Occurrence or exploration target.
    Exploration,
    /// Halted.
    Stalled,
}

impl StatusArg {
    /// The model status.
    pub fn status(self) -> model::project::ProjectStatus {
        use model::project::ProjectStatus as S;
        match self {
            StatusArg::Operating => S::Operating,
            StatusArg::Construction => S::Construction,
            StatusArg::Feasibility => S::Feasibility,
            StatusArg::Exploration => S::Exploration,
            StatusArg::Stalled => S::Stalled,
        }
    }
}

/// Supply-risk methods; each takes its own vocabulary.
#[derive(Debug, Subcommand)]
pub enum RiskMethod {
    /// EU Critical Raw Materials method (JRC 2017, lists of 2020 and 2023): SR, EI, criticality.
    Eu {
        /// A material as the EU assesses it: a symbol (Nd, Dy, Sc), a group (HREE, LREE),
        /// or a name as the EU files print it ("Neodymium", "Heavy Rare earths Elements");
        /// case-insensitive.
        #[arg(long, required_unless_present = "all", conflicts_with = "all")]
        material: Option<String>,
        /// Every rare-earth row of the 2023 results table at once.
        #[arg(long)]
        all: bool,
    },
    /// USGS: net import reliance as the Mineral Commodity Summaries define it, and the 2021/2022 supply-risk inputs.
    Usgs {
        /// A commodity as USGS names it: rare-earths, yttrium, scandium.
        #[arg(long, default_value = service::risk::DEFAULT_COMMODITY)]
        commodity: String,
    },
}

/// Importable formats.
#[derive(Debug, Subcommand)]
pub enum ImportKind {
    /// A USGS MCS world table: the MCS 2025 world-data release (all commodities; rare earths,
    /// yttrium and scandium rows are read) or an MCS 2024-style rare-earth table.
    UsgsMcs {
        /// The CSV file.
        file: PathBuf,
        /// Replace an imported edition of the same id.
        #[arg(long)]
        replace: bool,
        /// Who published the file, when it is not the USGS (names the edition's source).
        #[arg(long, value_name = "NAME")]
        publisher: Option<String>,
        /// What kind of source the file is.
        #[arg(long, value_enum, default_value_t = KindArg::StatisticalSurvey)]
        kind: KindArg,
    },
}

/// Kinds of source a user can import.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum KindArg {
    /// A statistical agency's survey (the default policy reads the latest of these).
    StatisticalSurvey,
    /// A government's own claim.
    GovernmentClaim,
    /// A company's report.
    CompanyReport,
    /// A study or article.
    Literature,
}

impl KindArg {
    /// The model kind.
    pub fn kind(self) -> model::SourceKind {
        match self {
            KindArg::StatisticalSurvey => model::SourceKind::StatisticalSurvey,
            KindArg::GovernmentClaim => model::SourceKind::GovernmentClaim,
            KindArg::CompanyReport => model::SourceKind::CompanyReport,
            KindArg::Literature => model::SourceKind::Literature,
        }
    }
}

/// `rareflow plan` arguments.
#[derive(Debug, Args)]
pub struct PlanArgs {
    /// A roadmap file (.toml), a bundled roadmap's name, or `list`.
    pub roadmap: String,
    /// Write projects.csv, output.csv, targets.csv, costs.csv, excluded.csv and metadata.json into DIR (new or empty).
    #[arg(long, value_name = "DIR")]
    pub out: Option<PathBuf>,
    /// Draw the chosen projects' timeline and the cost per year as an SVG chart into FILE.
    #[arg(long, value_name = "FILE")]
    pub svg: Option<PathBuf>,
    /// Run the chosen plan through the simulator under this scenario (a .toml file or a bundled scenario's name) and report whether the targets still hold.
    #[arg(long, value_name = "SCENARIO")]
    pub simulate: Option<String>,
}

/// `rareflow demand` arguments.
#[derive(Debug, Args)]
pub struct DemandArgs {
    /// Scenario id: stated-policies, announced-pledges or net-zero (in the spirit of the IEA's), or an id in your --tables.
    #[arg(long)]
    pub scenario: String,
    /// Only this element: Nd, Pr, Dy or Tb.
    #[arg(long)]
    pub element: Option<String>,
    /// First year shown (the model runs from each technology's first published year).
    #[arg(long, default_value_t = service::demand::DEFAULT_YEARS.0)]
    pub from: i32,
    /// Last year shown.
    #[arg(long, default_value_t = service::demand::DEFAULT_YEARS.1)]
    pub to: i32,
    /// Split each year's figures by technology.
    #[arg(long)]
    pub by_technology: bool,
    /// A folder with your own technologies.csv, deployment.csv and recovery.csv (the format of data/demand/).
    #[arg(long, value_name = "DIR")]
    pub tables: Option<PathBuf>,
    /// Draw demand and recycled supply by element as an SVG chart into FILE.
    #[arg(long, value_name = "FILE")]
    pub svg: Option<PathBuf>,
    /// After a technology's last published deployment: `none` (demand is a gap; the stock
    /// keeps earlier cohorts, a lower bound) or `hold-last` (hold the last figure, labelled `extended`).
    #[arg(long, value_enum, default_value_t = ExtendArg::None)]
    pub extend: ExtendArg,
}

/// `rareflow serve` arguments.
#[derive(Debug, Args)]
pub struct ServeArgs {
    /// The address to listen on (port 0: any free port; the one chosen is printed).
    #[arg(long, default_value = "127.0.0.1:8080", value_name = "ADDR")]
    pub addr: std::net::SocketAddr,
    /// A file holding the token writes need (default: the RAREFLOW_TOKEN variable); with
    /// neither, writes are disabled.
    #[arg(long, value_name = "FILE")]
    pub token_file: Option<PathBuf>,
    /// Reads need the token too.
    #[arg(long)]
    pub private: bool,
    /// Requests per second per client (`50/s`), or `off` (load tests on loopback).
    #[arg(long, default_value = "50/s", value_name = "N/s")]
    pub rate_limit: server::RateLimit,
    /// How long a request may take, its body included (e.g. 30s, 500ms).
    #[arg(long, default_value = "30s", value_name = "DURATION", value_parser = server::config::parse_duration)]
    pub request_timeout: std::time::Duration,
    /// The largest request body (e.g. 16MB); larger ones get 413.
    #[arg(long, default_value = "16MB", value_name = "SIZE")]
    pub body_limit: String,
}

/// What a demand run does after the data end.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExtendArg {
    /// No figure: demand totals are gaps.
    None,
    /// Hold each technology's last published deployment.
    HoldLast,
}

/// A count of at least one, with a message that says so (`--top -1`, `--top 0`).
fn at_least_one(s: &str) -> Result<usize, String> {
    match s.trim().parse::<i64>() {
        Ok(n) if n >= 1 => usize::try_from(n).map_err(|_| "too large".to_string()),
        Ok(n) => Err(format!(
            "{n} is not allowed: expected a whole number of at least 1"
        )),
        Err(_) => Err(format!(
            "{s:?} is not a whole number: expected one of at least 1"
        )),
    }
}

/// The simulator's commands.
#[derive(Debug, Subcommand)]
pub enum SimAction {
    /// Run a scenario (a .toml file, or a bundled scenario's name).
    Run {
        /// The scenario file or bundled name.
        scenario: String,
        /// Run on this network folder (nodes.csv, links.csv, demand.csv) instead of the scenario's.
        #[arg(long, value_name = "DIR")]
        network: Option<PathBuf>,
        /// Write flows, production, shortfalls, stocks, prices, concentration (CSV) and metadata.json into DIR (new or empty).
        #[arg(long, value_name = "DIR")]
        out: Option<PathBuf>,
        /// Draw shortfalls over time as an SVG chart into FILE.
        #[arg(long, value_name = "FILE")]
        svg: Option<PathBuf>,
    },
    /// Validate a scenario and its network without running it.
    Check {
        /// The scenario file or bundled name.
        scenario: String,
        /// The network folder instead of the scenario's.
        #[arg(long, value_name = "DIR")]
        network: Option<PathBuf>,
    },
    /// Compare two scenarios: shortfalls, prices and concentration by year, with B − A.
    Compare {
        /// Scenario A (file or bundled name).
        a: String,
        /// Scenario B (file or bundled name).
        b: String,
    },
    /// The bundled scenarios.
    List,
    /// The bundled world network: every node, link and demand figure with its reason, and checks against published figures.
    Network {
        /// Write nodes.csv, links.csv and demand.csv (a network folder `--network DIR` reads) into DIR (new or empty).
        #[arg(long, value_name = "DIR")]
        out: Option<PathBuf>,
    },
}

/// A stage from its id.
fn parse_stage(s: &str) -> Result<model::Stage, String> {
    model::Stage::from_id(s.trim())
        .ok_or_else(|| format!("{s:?}: expected mining, separation, metal, magnet or end_use"))
}
