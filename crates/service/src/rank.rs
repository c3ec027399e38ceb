//! `rank` and `concentration`: countries ranked by a country-table metric, with shares over
//! a stated denominator, and the HHI and top-3 share of the same ranking.

use crate::error::Result;
use crate::session::Need;
use crate::Session;
use metrics::concentration::{concentration as compute_concentration, Concentration};
use metrics::rank::{rank as compute_rank, Denominator, RankRow, Ranking};
use model::{
    CountryCode, EditionId, ElementGroup, Flags, Mass, Material, Metric, Place, Selection, Share,
    TonnesUnit, Year,
};
use serde::Serialize;
use utoipa::ToSchema;

const TREO: Material = Material::Group(ElementGroup::Treo);

/// Metrics the country tables report.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum TableMetric {
    /// Reserves (REO equivalent).
    Reserves,
    /// Mine production (REO content of concentrate).
    MineProduction,
}

impl TableMetric {
    /// The model metric.
    pub fn metric(self) -> Metric {
        match self {
            TableMetric::Reserves => Metric::Reserves,
            TableMetric::MineProduction => Metric::MineProduction,
        }
    }
}

/// Which total shares are taken of.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum ShareOf {
    /// The source's rounded world total (USGS's own; the default).
    #[default]
    WorldTotal,
    /// The sum of the countries reporting a value.
    CountrySum,
}

impl ShareOf {
    fn denominator(self) -> Denominator {
        match self {
            ShareOf::WorldTotal => Denominator::WorldTotal,
            ShareOf::CountrySum => Denominator::CountrySum,
        }
    }
}

/// A ranking question.
#[derive(Debug, Clone)]
pub struct RankRequest {
    /// The metric.
    pub metric: TableMetric,
    /// Edition and year pins.
    pub selection: Selection,
    /// Only the first N ranked countries.
    pub top: Option<usize>,
    /// Denominator of the shares.
    pub denominator: ShareOf,
    /// Unit of masses.
    pub unit: TonnesUnit,
}

/// What a row of a ranking is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum RowKind {
    /// A country.
    Country,
    /// The world total.
    WorldTotal,
    /// "Other countries".
    Other,
}

impl RowKind {
    fn of(place: &Place) -> RowKind {
        match place {
            Place::Country(_) => RowKind::Country,
            Place::Aggregate(model::Aggregate::WorldTotal) => RowKind::WorldTotal,
            Place::Aggregate(model::Aggregate::Other) => RowKind::Other,
        }
    }
}

/// One row of a ranking: ranked countries, then gaps (`value: null`), then aggregates.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct RankItem {
    /// Competition rank (1, 2, 2, 4); null for gaps and aggregates.
    pub rank: Option<u32>,
    /// ISO3 code; null for aggregates.
    pub country: Option<CountryCode>,
    /// Display name.
    pub name: String,
    /// The value; null for a gap.
    pub value: Option<Mass>,
    /// Unit of `value`.
    pub unit: TonnesUnit,
    /// Share of the denominator (0..1).
    pub share: Option<Share>,
    /// Year.
    pub year: Year,
    /// Source label.
    pub source: String,
    /// Edition id.
    pub edition: EditionId,
    /// Flags of the value and the share.
    pub flags: Flags,
    /// Country or aggregate.
    pub kind: RowKind,
    /// The source's note.
    pub note: String,
}

/// A ranking, serialised as its rows.
#[derive(Debug, Clone, Serialize)]
#[serde(transparent)]
pub struct RankResult {
    /// Ranked countries, gaps, aggregates.
    pub rows: Vec<RankItem>,
    /// What the ranking is of (for titles).
    #[serde(skip)]
    pub about: RankingAbout,
}

/// The title facts of a ranking.
#[derive(Debug, Clone, Default)]
pub struct RankingAbout {
    /// The metric's label.
    pub metric_label: String,
    /// Year.
    pub year: i32,
    /// Source label.
    pub source: String,
    /// Edition id.
    pub edition: String,
    /// The denominator.
    pub denominator: Option<ShareOf>,
    /// Whether the world total is a lower bound (shares over it are upper bounds).
    pub lower_bound_total: bool,
}

fn about(r: &Ranking) -> RankingAbout {
    RankingAbout {
        metric_label: r.metric.label().into(),
        year: r.year.0,
        source: r.source.clone(),
        edition: r.edition.to_string(),
        denominator: Some(match r.denominator {
            Denominator::WorldTotal => ShareOf::WorldTotal,
            Denominator::CountrySum => ShareOf::CountrySum,
        }),
        lower_bound_total: r.denominator_lower_bound,
    }
}

fn item(r: &Ranking, row: &RankRow, unit: TonnesUnit) -> RankItem {
    RankItem {
        rank: row.rank,
        country: row.place.country(),
        name: row.name.clone(),
        value: row.value.map(|v| Mass::new(v, unit)),
        unit,
        share: row.share,
        year: r.year,
        source: r.source.clone(),
        edition: r.edition.clone(),
        flags: row.flags,
        kind: RowKind::of(&row.place),
        note: row.note.clone(),
    }
}

/// One share row of a concentration.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ShareItem {
    /// ISO3 code.
    pub country: String,
    /// Display name (tables).
    #[serde(skip)]
    pub name: String,
    /// The value.
    pub value: Option<Mass>,
    /// Share of the denominator.
    pub share: Option<Share>,
    /// Flags.
    pub flags: Flags,
}

/// An aggregate row of a concentration.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct AggregateItem {
    /// `world_total` or `other`.
    pub kind: RowKind,
    /// The value.
    pub value: Option<Mass>,
    /// Flags.
    pub flags: Flags,
}

/// Concentration of a metric: shares, HHI on both denominators, top-3 share.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ConcentrationResult {
    /// The metric.
    pub metric: Metric,
    /// Year.
    pub year: Year,
    /// Edition id.
    pub edition: EditionId,
    /// Source label.
    pub source: String,
    /// Unit of masses.
    pub unit: TonnesUnit,
    /// Denominator of `shares` and `top3_share`.
    pub denominator: ShareOf,
    /// The source's world total.
    pub world_total: Option<Mass>,
    /// Whether the world total is a lower bound.
    pub world_total_lower_bound: bool,
    /// Sum of the reporting countries.
    pub country_sum: Option<Mass>,
    /// HHI (0–10,000) over the world total.
    pub hhi_world_total: Option<f64>,
    /// `upper_bound` when the world total is a lower bound (the HHI over it is then an
    /// upper bound).
    pub hhi_world_total_flags: Flags,
    /// HHI (0–10,000) over the sum of reporting countries.
    pub hhi_country_sum: Option<f64>,
    /// Share of the three largest.
    pub top3_share: Option<Share>,
    /// `upper_bound` when the top-3 share is over a lower-bound world total.
    pub top3_share_flags: Flags,
    /// Country shares, largest first.
    pub shares: Vec<ShareItem>,
    /// Aggregates, never in the HHI.
    pub aggregates: Vec<AggregateItem>,
    /// Countries with a gap.
    pub gaps: Vec<String>,
    /// Title facts.
    #[serde(skip)]
    pub about: RankingAbout,
}

fn bound(lower_bound_total: bool) -> Flags {
    if lower_bound_total {
        Flags::NONE.with(model::Flag::UpperBound)
    } else {
        Flags::NONE
    }
}

pub(crate) fn concentration_result(c: &Concentration, unit: TonnesUnit) -> ConcentrationResult {
    let r = &c.ranking;
    ConcentrationResult {
        metric: r.metric,
        year: r.year,
        edition: r.edition.clone(),
        source: r.source.clone(),
        unit,
        denominator: about(r).denominator.unwrap_or_default(),
        world_total: c.world_total.map(|t| Mass::new(t, unit)),
        world_total_lower_bound: r.denominator_lower_bound,
        country_sum: Some(Mass::new(r.country_sum, unit)),
        hhi_world_total: c.hhi_world_total,
        hhi_world_total_flags: bound(c.world_total_lower_bound()),
        hhi_country_sum: c.hhi_country_sum,
        top3_share: c.top3_share.and_then(Share::new),
        top3_share_flags: bound(r.denominator_lower_bound),
        shares: r
            .ranked
            .iter()
            .map(|row| ShareItem {
                country: row.place.id().to_string(),
                name: row.name.clone(),
                value: row.value.map(|v| Mass::new(v, unit)),
                share: row.share,
                flags: row.flags,
            })
            .collect(),
        aggregates: r
            .aggregates
            .iter()
            .map(|a| AggregateItem {
                kind: RowKind::of(&a.place),
                value: a.value.map(|v| Mass::new(v, unit)),
                flags: a.flags,
            })
            .collect(),
        gaps: r.gaps.iter().map(|g| g.place.id().to_string()).collect(),
        about: about(r),
    }
}

/// A concentration question.
#[derive(Debug, Clone)]
pub struct ConcentrationRequest {
    /// The metric.
    pub metric: TableMetric,
    /// Edition and year pins.
    pub selection: Selection,
    /// Denominator of the shares and of the top-3 share.
    pub denominator: ShareOf,
    /// Unit of masses.
    pub unit: TonnesUnit,
}

impl Session {
    /// Countries ranked by a metric, with shares; gaps after the ranked values, aggregates apart.
    pub async fn rank(&self, req: &RankRequest) -> Result<RankResult> {
        let selection = self.selection(&req.selection).await?;
        let d = self
            .dataset_for(Need::Latest(selection.edition.as_ref()))
            .await?;
        let r = compute_rank(
            &d,
            req.metric.metric(),
            TREO,
            &selection,
            req.denominator.denominator(),
        )?;
        let shown = r.ranked.iter().take(req.top.unwrap_or(usize::MAX));
        let rows = shown
            .chain(r.gaps.iter())
            .chain(r.aggregates.iter())
            .map(|row| item(&r, row, req.unit))
            .collect();
        Ok(RankResult {
            rows,
            about: about(&r),
        })
    }

    /// Concentration of a metric: shares, HHI (0–10,000) on both denominators, top-3 share.
    pub async fn concentration(&self, req: &ConcentrationRequest) -> Result<ConcentrationResult> {
        let selection = self.selection(&req.selection).await?;
        let d = self
            .dataset_for(Need::Latest(selection.edition.as_ref()))
            .await?;
        let c = compute_concentration(
            &d,
            req.metric.metric(),
            TREO,
            &selection,
            req.denominator.denominator(),
        )?;
        Ok(concentration_result(&c, req.unit))
    }
}

crate::values::rows_schema!(RankResult, RankItem);
