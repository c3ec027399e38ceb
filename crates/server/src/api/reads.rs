//! The questions about the data, one handler each: its query parameters are the CLI
//! command's long flags (same names, same values, same defaults), it builds the same
//! `service` request the CLI builds, and answers with the same document.

use super::Answer;
use crate::error::{ApiError, ErrorResponse};
use crate::params::{at_least_one, flag, Query};
use crate::state::AppState;
use axum::extract::{Path, State};
use model::{EditionId, Selection, Year};
use serde::Deserialize;
use service::rank::{ShareOf, TableMetric};
use utoipa::{IntoParams, ToSchema};

/// The metrics of the country tables, as `--metric` spells them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, ToSchema)]
#[serde(rename_all = "kebab-case")]
pub enum MetricParam {
    /// Reserves (REO equivalent).
    Reserves,
    /// Mine production (REO content of concentrate).
    MineProduction,
}

impl MetricParam {
    fn metric(self) -> TableMetric {
        match self {
            MetricParam::Reserves => TableMetric::Reserves,
            MetricParam::MineProduction => TableMetric::MineProduction,
        }
    }
}

/// Denominators of shares, as `--denominator` spells them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize, ToSchema)]
#[serde(rename_all = "kebab-case")]
pub enum DenominatorParam {
    /// The source's rounded world total (the default).
    #[default]
    WorldTotal,
    /// The sum of the countries reporting a value.
    CountrySum,
}

impl DenominatorParam {
    fn share_of(self) -> ShareOf {
        match self {
            DenominatorParam::WorldTotal => ShareOf::WorldTotal,
            DenominatorParam::CountrySum => ShareOf::CountrySum,
        }
    }
}

/// Project statuses, as `--status` spells them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, ToSchema)]
#[serde(rename_all = "kebab-case")]
pub enum StatusParam {
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

/// What a demand run does after the data end, as `--extend` spells it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize, ToSchema)]
#[serde(rename_all = "kebab-case")]
pub enum ExtendParam {
    /// No figure: demand totals are gaps (the default).
    #[default]
    None,
    /// Hold each technology's last published deployment.
    HoldLast,
}

fn selection(edition: Option<String>, year: Option<i32>) -> Selection {
    Selection {
        edition: edition.map(EditionId),
        year: year.map(Year),
    }
}

/// `overview`'s flags.
#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
#[into_params(parameter_in = Query)]
pub struct OverviewQuery {
    /// Answer from this edition (e.g. MCS2025, any case); default: the latest.
    edition: Option<String>,
    /// Answer for this year; default: the latest the edition reports.
    year: Option<i32>,
    /// Unit of tonnes.
    #[param(inline)]
    #[serde(default)]
    unit: model::TonnesUnit,
}

/// One screen: world mine production and reserves, top countries, HHI, sources.
#[utoipa::path(get, path = "/api/v1/overview", params(OverviewQuery), tag = "questions",
    responses((status = 200, body = service::overview::OverviewResult), (status = 400, body = ErrorResponse)))]
pub async fn overview(
    State(s): State<AppState>,
    Query(q): Query<OverviewQuery>,
) -> Result<Answer<service::overview::OverviewResult>, ApiError> {
    let r = s
        .session
        .overview(&service::overview::OverviewRequest {
            selection: selection(q.edition, q.year),
            unit: q.unit,
        })
        .await?;
    Ok(Answer(r))
}

/// `rank`'s flags.
#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
#[into_params(parameter_in = Query)]
pub struct RankQuery {
    /// The metric (required).
    #[param(inline)]
    metric: MetricParam,
    /// Answer from this edition; default: the latest.
    edition: Option<String>,
    /// Answer for this year; default: the latest the edition reports.
    year: Option<i32>,
    /// Show only the first N ranked countries (N ≥ 1).
    top: Option<i64>,
    /// Denominator of the shares.
    #[param(inline)]
    #[serde(default)]
    denominator: DenominatorParam,
    /// Unit of tonnes.
    #[param(inline)]
    #[serde(default)]
    unit: model::TonnesUnit,
}

/// Countries ranked by a metric, with shares; gaps after the ranked values.
#[utoipa::path(get, path = "/api/v1/rank", params(RankQuery), tag = "questions",
    responses((status = 200, body = service::rank::RankResult), (status = 400, body = ErrorResponse)))]
pub async fn rank(
    State(s): State<AppState>,
    Query(q): Query<RankQuery>,
) -> Result<Answer<service::rank::RankResult>, ApiError> {
    let r = s
        .session
        .rank(&service::rank::RankRequest {
            metric: q.metric.metric(),
            selection: selection(q.edition, q.year),
            top: at_least_one("top", q.top)?,
            denominator: q.denominator.share_of(),
            unit: q.unit,
        })
        .await?;
    Ok(Answer(r))
}

/// `concentration`'s flags.
#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
#[into_params(parameter_in = Query)]
pub struct ConcentrationQuery {
    /// The metric (default mine-production).
    #[param(inline)]
    metric: Option<MetricParam>,
    /// Answer from this edition; default: the latest.
    edition: Option<String>,
    /// Answer for this year.
    year: Option<i32>,
    /// Denominator of the shares and of the top-3 share.
    #[param(inline)]
    #[serde(default)]
    denominator: DenominatorParam,
    /// Unit of tonnes.
    #[param(inline)]
    #[serde(default)]
    unit: model::TonnesUnit,
}

/// Shares, HHI on both denominators and the top-3 share of a metric.
#[utoipa::path(get, path = "/api/v1/concentration", params(ConcentrationQuery), tag = "questions",
    responses((status = 200, body = service::rank::ConcentrationResult), (status = 400, body = ErrorResponse)))]
pub async fn concentration(
    State(s): State<AppState>,
    Query(q): Query<ConcentrationQuery>,
) -> Result<Answer<service::rank::ConcentrationResult>, ApiError> {
    let r = s
        .session
        .concentration(&service::rank::ConcentrationRequest {
            metric: q.metric.unwrap_or(MetricParam::MineProduction).metric(),
            selection: selection(q.edition, q.year),
            denominator: q.denominator.share_of(),
            unit: q.unit,
        })
        .await?;
    Ok(Answer(r))
}

/// `compare`'s flags.
#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
#[into_params(parameter_in = Query)]
pub struct CompareQuery {
    /// ISO3 code or name, e.g. RUS (required).
    country: String,
    /// The metric (required).
    #[param(inline)]
    metric: MetricParam,
    /// Only this year.
    year: Option<i32>,
    /// Unit of tonnes.
    #[param(inline)]
    #[serde(default)]
    unit: model::TonnesUnit,
}

/// Every estimate for one country and metric, side by side, with the spread.
#[utoipa::path(get, path = "/api/v1/compare", params(CompareQuery), tag = "questions",
    responses((status = 200, body = service::compare::CompareResult), (status = 400, body = ErrorResponse)))]
pub async fn compare(
    State(s): State<AppState>,
    Query(q): Query<CompareQuery>,
) -> Result<Answer<service::compare::CompareResult>, ApiError> {
    let r = s
        .session
        .compare(&service::compare::CompareRequest {
            country: q.country,
            metric: q.metric.metric().metric(),
            year: q.year,
            unit: q.unit,
        })
        .await?;
    Ok(Answer(r))
}

/// `cite`'s flags.
#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
#[into_params(parameter_in = Query)]
pub struct CiteQuery {
    /// ISO3 code or name.
    country: Option<String>,
    /// The metric.
    #[param(inline)]
    metric: Option<MetricParam>,
    /// The value with its unit: t, kt or Mt (3.8Mt, 270kt, 2500t) (required).
    value: String,
    /// Unit of tonnes.
    #[param(inline)]
    #[serde(default)]
    unit: model::TonnesUnit,
}

/// Which sources state a value (matched to the digits typed).
#[utoipa::path(get, path = "/api/v1/cite", params(CiteQuery), tag = "questions",
    responses((status = 200, body = service::compare::CiteResult), (status = 400, body = ErrorResponse)))]
pub async fn cite(
    State(s): State<AppState>,
    Query(q): Query<CiteQuery>,
) -> Result<Answer<service::compare::CiteResult>, ApiError> {
    let r = s
        .session
        .cite(&service::compare::CiteRequest {
            country: q.country,
            metric: q.metric.map(|m| m.metric().metric()),
            value: q.value,
            unit: q.unit,
        })
        .await?;
    Ok(Answer(r))
}

/// `country`'s flags (the country itself is the path, as it is the CLI's argument).
#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
#[into_params(parameter_in = Query)]
pub struct CountryQuery {
    /// Only observations of this edition.
    edition: Option<String>,
    /// Only observations for this year.
    year: Option<i32>,
    /// Unit of tonnes.
    #[param(inline)]
    #[serde(default)]
    unit: model::TonnesUnit,
}

/// One country: codes, names, every observation, R/P years, latest WGI estimates.
#[utoipa::path(get, path = "/api/v1/country/{country}", tag = "questions",
    params(("country" = String, Path, description = "ISO3, ISO2 or a name (RUS, RU, Russia)"), CountryQuery),
    responses((status = 200, body = service::country::CountryResult), (status = 400, body = ErrorResponse), (status = 404, body = ErrorResponse)))]
pub async fn country(
    State(s): State<AppState>,
    Path(country): Path<String>,
    Query(q): Query<CountryQuery>,
) -> Result<Answer<service::country::CountryResult>, ApiError> {
    let r = s
        .session
        .country(&service::country::CountryRequest {
            country,
            edition: q.edition,
            year: q.year,
            unit: q.unit,
        })
        .await?;
    Ok(Answer(r))
}

/// A question without flags.
#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct NoQuery {}

/// Every source and edition, bundled and imported, with licence and citation.
#[utoipa::path(get, path = "/api/v1/sources", tag = "questions",
    responses((status = 200, body = service::sources::SourcesResult), (status = 400, body = ErrorResponse)))]
pub async fn sources(
    State(s): State<AppState>,
    Query(NoQuery {}): Query<NoQuery>,
) -> Result<Answer<service::sources::SourcesResult>, ApiError> {
    Ok(Answer(s.session.sources().await?))
}

/// `chain`'s flags.
#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
#[into_params(parameter_in = Query)]
pub struct ChainQuery {
    /// Element or basis: TREO, magnet_REE, NdPr, or an element such as Nd.
    element: Option<String>,
    /// Only this year (default: each stage at the latest year it has data for).
    year: Option<i32>,
    /// Read the mining stage from this edition.
    edition: Option<String>,
    /// Countries per stage and source (≥ 1, default 5).
    top: Option<i64>,
    /// Unit of tonnes.
    #[param(inline)]
    #[serde(default)]
    unit: model::TonnesUnit,
}

/// Each stage's top countries and concentration, mining to magnets.
#[utoipa::path(get, path = "/api/v1/chain", params(ChainQuery), tag = "questions",
    responses((status = 200, body = service::chain::ChainResult), (status = 400, body = ErrorResponse)))]
pub async fn chain(
    State(s): State<AppState>,
    Query(q): Query<ChainQuery>,
) -> Result<Answer<service::chain::ChainResult>, ApiError> {
    let r = s
        .session
        .chain(&service::chain::ChainRequest {
            element: q.element,
            year: q.year,
            edition: q.edition,
            top: at_least_one("top", q.top)?.unwrap_or(service::chain::DEFAULT_TOP),
            unit: q.unit,
        })
        .await?;
    Ok(Answer(r))
}

/// `balance`'s flags (a user's own ore tables are files: the API uses the bundled ones).
#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
#[into_params(parameter_in = Query)]
pub struct BalanceQuery {
    /// The year (default 2024, the latest with separation data).
    year: Option<i32>,
    /// Read mine production from this edition.
    edition: Option<String>,
    /// Unit of tonnes.
    #[param(inline)]
    #[serde(default)]
    unit: model::TonnesUnit,
}

/// The baseline network's mass balance, node by node, with the unallocated terms.
#[utoipa::path(get, path = "/api/v1/balance", params(BalanceQuery), tag = "questions",
    responses((status = 200, body = service::balance::BalanceResult), (status = 400, body = ErrorResponse)))]
pub async fn balance(
    State(s): State<AppState>,
    Query(q): Query<BalanceQuery>,
) -> Result<Answer<service::balance::BalanceResult>, ApiError> {
    let r = s
        .session
        .balance(&service::balance::BalanceRequest {
            year: q.year.unwrap_or(service::balance::DEFAULT_YEAR),
            edition: q.edition,
            unit: q.unit,
        })
        .await?;
    Ok(Answer(r))
}

/// `projects`' flags.
#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
#[into_params(parameter_in = Query)]
pub struct ProjectsQuery {
    /// Only this country (ISO3 code or name).
    country: Option<String>,
    /// Only this status.
    #[param(inline)]
    status: Option<StatusParam>,
}

/// Projects and deposits, with status, capacity, timing and sources.
#[utoipa::path(get, path = "/api/v1/projects", params(ProjectsQuery), tag = "questions",
    responses((status = 200, body = service::projects::ProjectsResult), (status = 400, body = ErrorResponse)))]
pub async fn projects(
    State(s): State<AppState>,
    Query(q): Query<ProjectsQuery>,
) -> Result<Answer<service::projects::ProjectsResult>, ApiError> {
    use model::project::ProjectStatus as P;
    let status = q.status.map(|st| match st {
        StatusParam::Operating => P::Operating,
        StatusParam::Construction => P::Construction,
        StatusParam::Feasibility => P::Feasibility,
        StatusParam::Exploration => P::Exploration,
        StatusParam::Stalled => P::Stalled,
    });
    let country = q.country;
    let r = s
        .blocking(move |session| {
            session.projects(&service::projects::ProjectsRequest { country, status })
        })
        .await?;
    Ok(Answer(r))
}

/// `risk eu`'s flags: exactly one of `material` and `all`.
#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
#[into_params(parameter_in = Query)]
pub struct RiskEuQuery {
    /// A material as the EU assesses it: Nd, Dy, Sc, HREE, LREE, or a name as the EU files print it.
    material: Option<String>,
    /// Every rare-earth row of the 2023 results table at once.
    #[serde(default, deserialize_with = "flag")]
    #[param(value_type = Option<bool>)]
    all: bool,
}

/// EU CRM SR, EI and criticality, computed beside the published scores, with inputs.
#[utoipa::path(get, path = "/api/v1/risk/eu", params(RiskEuQuery), tag = "questions",
    responses((status = 200, body = service::risk::RiskEuDocument), (status = 400, body = ErrorResponse)))]
pub async fn risk_eu(
    State(s): State<AppState>,
    Query(q): Query<RiskEuQuery>,
) -> Result<axum::response::Response, ApiError> {
    use axum::response::IntoResponse;
    match (q.material, q.all) {
        (Some(material), false) => {
            let r = s
                .blocking(move |session| {
                    session.risk_eu(&service::risk::RiskEuRequest { material })
                })
                .await?;
            Ok(Answer(r).into_response())
        }
        (None, true) => {
            let r = s.blocking(|session| session.risk_eu_all()).await?;
            Ok(Answer(r).into_response())
        }
        (Some(_), true) => Err(ApiError::bad_input(
            "query parameters material and all cannot be used together",
        )),
        (None, false) => Err(ApiError::bad_input(
            "query parameter material is required unless all is given",
        )),
    }
}

/// `risk usgs`' flags.
#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
#[into_params(parameter_in = Query)]
pub struct RiskUsgsQuery {
    /// A commodity as USGS names it: rare-earths (default), yttrium, scandium.
    commodity: Option<String>,
}

/// USGS net import reliance, as the Mineral Commodity Summaries define it.
#[utoipa::path(get, path = "/api/v1/risk/usgs", params(RiskUsgsQuery), tag = "questions",
    responses((status = 200, body = service::risk::RiskUsgsResult), (status = 400, body = ErrorResponse)))]
pub async fn risk_usgs(
    State(s): State<AppState>,
    Query(q): Query<RiskUsgsQuery>,
) -> Result<Answer<service::risk::RiskUsgsResult>, ApiError> {
    let r = s
        .session
        .risk_usgs(&service::risk::RiskUsgsRequest {
            commodity: q
                .commodity
                .unwrap_or_else(|| service::risk::DEFAULT_COMMODITY.into()),
        })
        .await?;
    Ok(Answer(r))
}

/// `demand`'s flags (a user's own tables are files: the API uses the bundled ones).
#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
#[into_params(parameter_in = Query)]
pub struct DemandQuery {
    /// Scenario id: stated-policies, announced-pledges or net-zero (required).
    scenario: String,
    /// Only this element: Nd, Pr, Dy or Tb.
    element: Option<String>,
    /// First year shown (default 2025).
    from: Option<i32>,
    /// Last year shown (default 2050).
    to: Option<i32>,
    /// Split each year's figures by technology (the JSON always carries the split).
    #[serde(default, deserialize_with = "flag")]
    #[param(value_type = Option<bool>)]
    by_technology: bool,
    /// After a technology's last published deployment: none or hold-last.
    #[param(inline)]
    #[serde(default)]
    extend: ExtendParam,
    /// Unit of tonnes.
    #[param(inline)]
    #[serde(default)]
    unit: model::TonnesUnit,
}

/// Magnet rare-earth demand of a scenario: demand, stock, end of life, recycled supply.
#[utoipa::path(get, path = "/api/v1/demand", params(DemandQuery), tag = "questions",
    responses((status = 200, body = service::demand::DemandResult), (status = 400, body = ErrorResponse)))]
pub async fn demand(
    State(s): State<AppState>,
    Query(q): Query<DemandQuery>,
) -> Result<Answer<service::demand::DemandResult>, ApiError> {
    let _ = q.by_technology;
    let req = service::demand::DemandRequest {
        scenario: q.scenario,
        element: q.element,
        from: q.from.unwrap_or(service::demand::DEFAULT_YEARS.0),
        to: q.to.unwrap_or(service::demand::DEFAULT_YEARS.1),
        unit: q.unit,
        extend: match q.extend {
            ExtendParam::None => service::demand::Extend::None,
            ExtendParam::HoldLast => service::demand::Extend::HoldLast,
        },
    };
    let r = s.blocking(move |session| session.demand(&req)).await?;
    Ok(Answer(r))
}

/// `trade`'s flags.
#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
#[into_params(parameter_in = Query)]
pub struct TradeQuery {
    /// Only links from this exporter (ISO3 code, name, EU27 or ROW).
    exporter: Option<String>,
    /// Only links to this importer.
    importer: Option<String>,
    /// Only links that leave or reach this stage (mining, separation, metal, magnet, end_use).
    stage: Option<String>,
    /// Only this year.
    year: Option<i32>,
}

/// Trade links between countries and stages, with sources and which row is used.
#[utoipa::path(get, path = "/api/v1/trade", params(TradeQuery), tag = "questions",
    responses((status = 200, body = service::trade::TradeResult), (status = 400, body = ErrorResponse)))]
pub async fn trade(
    State(s): State<AppState>,
    Query(q): Query<TradeQuery>,
) -> Result<Answer<service::trade::TradeResult>, ApiError> {
    let stage = match q.stage.as_deref() {
        None => None,
        Some(t) => Some(model::Stage::from_id(t.trim()).ok_or_else(|| {
            ApiError::bad_input(format!(
                "query parameter stage: {t:?}: expected mining, separation, metal, magnet or end_use"
            ))
        })?),
    };
    let req = service::trade::TradeRequest {
        exporter: q.exporter,
        importer: q.importer,
        stage,
        year: q.year,
    };
    let r = s.blocking(move |session| session.trade(&req)).await?;
    Ok(Answer(r))
}

/// The editions imported into the store, with their observation counts.
#[utoipa::path(get, path = "/api/v1/editions", tag = "store",
    responses((status = 200, body = service::import::EditionsResult), (status = 503, body = ErrorResponse)))]
pub async fn editions(
    State(s): State<AppState>,
    Query(NoQuery {}): Query<NoQuery>,
) -> Result<Answer<service::import::EditionsResult>, ApiError> {
    Ok(Answer(s.session.editions().await?))
}
