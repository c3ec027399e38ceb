//! `chain`: each stage's top countries with shares, basis, source and year, mining to
//! magnets; the bases are never compared silently (a note says when rows mix them).

use crate::error::{Error, Result};
use crate::session::Need;
use crate::values::Amount;
use crate::Session;
use metrics::chain::{chain_pinned, CHAIN_STAGES};
use model::{EditionId, Flags, Material, Metric, Place, Share, Stage, TonnesUnit, Unit, Year};
use serde::Serialize;
use utoipa::ToSchema;

/// Countries per stage and source when a face's user does not say (every face's default).
pub const DEFAULT_TOP: usize = 5;

/// A chain question.
#[derive(Debug, Clone)]
pub struct ChainRequest {
    /// Element or basis filter.
    pub element: Option<String>,
    /// Only this year.
    pub year: Option<i32>,
    /// The edition the mining stage is read from (default: the latest statistical one).
    pub edition: Option<String>,
    /// Countries per stage and source.
    pub top: usize,
    /// Unit of masses.
    pub unit: TonnesUnit,
}

/// What a chain row is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum ChainKind {
    /// A country.
    Country,
    /// The world total.
    WorldTotal,
    /// Other countries.
    Other,
    /// A stage without figures.
    Gap,
}

/// One row of the chain.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ChainItem {
    /// Stage.
    pub stage: Stage,
    /// ISO3 code; null for aggregates and gaps.
    pub country: Option<String>,
    /// Country, aggregate or gap.
    pub kind: ChainKind,
    /// The basis (as `basis`; kept for the contract).
    pub element: Material,
    /// Year.
    pub year: Option<Year>,
    /// The value in `unit`.
    pub value: Option<Amount>,
    /// Unit of `value`.
    pub unit: String,
    /// Share of the world on the row's basis.
    pub share: Option<Share>,
    /// What the value counts.
    pub basis: Material,
    /// Metric.
    pub metric: Metric,
    /// Source label.
    pub source: String,
    /// Edition id.
    pub edition: EditionId,
    /// Flags.
    pub flags: Flags,
    /// Note.
    pub note: String,
    /// Name of the place (tables).
    #[serde(skip)]
    pub name: String,
}

/// A stage's headline share for one country (the chart's bars).
#[derive(Debug, Clone)]
pub struct StageShare {
    /// Stage.
    pub stage: Stage,
    /// Share, basis, year and source label; `None` when the stage has no figure (a gap).
    pub share: Option<(f64, Material, Year, String)>,
}

/// The chain, serialised as its rows.
#[derive(Debug, Clone, Serialize)]
#[serde(transparent)]
pub struct ChainResult {
    /// Rows, stage by stage.
    pub rows: Vec<ChainItem>,
    /// Notes: gaps, mixed bases.
    #[serde(skip)]
    pub notes: Vec<String>,
    /// China's share at each stage (the chart).
    #[serde(skip)]
    pub china: Vec<StageShare>,
    /// The year asked for, if any (titles).
    #[serde(skip)]
    pub year: Option<i32>,
}

impl Session {
    /// Each stage's top countries and concentration, mining to magnets.
    pub async fn chain(&self, req: &ChainRequest) -> Result<ChainResult> {
        let filter = req
            .element
            .as_deref()
            .map(|e| e.parse::<Material>())
            .transpose()
            .map_err(|e| Error::Invalid(e.to_string()))?;
        if let Some(y) = req.year {
            crate::values::check_year(y)?;
        }
        let edition = match &req.edition {
            Some(e) => Some(self.edition_id(e).await?),
            None => None,
        };
        let d = self.dataset_for(Need::Latest(edition.as_ref())).await?;
        let view = chain_pinned(
            &d,
            filter,
            &model::Selection {
                edition,
                year: req.year.map(Year),
            },
            req.top,
        );
        let rows = view
            .rows
            .iter()
            .map(|row| {
                let (country, kind) = match row.place {
                    Some(Place::Country(c)) => (Some(c.to_string()), ChainKind::Country),
                    Some(Place::Aggregate(model::Aggregate::WorldTotal)) => {
                        (None, ChainKind::WorldTotal)
                    }
                    Some(Place::Aggregate(model::Aggregate::Other)) => (None, ChainKind::Other),
                    None => (None, ChainKind::Gap),
                };
                let tonnes = row.unit == Unit::TonnesReo;
                ChainItem {
                    stage: row.stage,
                    country,
                    kind,
                    element: row.basis,
                    year: row.year,
                    value: row.value.and_then(|v| Amount::of(v, tonnes, req.unit)),
                    unit: if tonnes {
                        req.unit.symbol().into()
                    } else {
                        row.unit.id().into()
                    },
                    share: row.share,
                    basis: row.basis,
                    metric: row.metric,
                    source: row.source.clone(),
                    edition: row.edition.clone(),
                    flags: row.flags,
                    note: row.note.clone(),
                    name: row
                        .place
                        .map_or("—".to_string(), |p| d.countries.name_of(&p)),
                }
            })
            .collect();
        if let Some(y) = req.year {
            if view.rows.iter().all(|r| r.place.is_none()) {
                return Err(Error::NotFound(format!(
                    "no stage has figures for {y}: leave the year out for each stage's latest"
                )));
            }
        }
        let china = Place::from_id("CHN");
        Ok(ChainResult {
            rows,
            notes: view.notes.clone(),
            china: CHAIN_STAGES
                .iter()
                .map(|s| StageShare {
                    stage: *s,
                    share: china.and_then(|c| {
                        let (share, basis, year) = view.share_of(c, *s)?;
                        let source = view
                            .rows
                            .iter()
                            .find(|r| {
                                r.stage == *s
                                    && r.place == Some(c)
                                    && r.basis == basis
                                    && r.year == Some(year)
                            })
                            .map_or(String::new(), |r| r.source.clone());
                        Some((share, basis, year, source))
                    }),
                })
                .collect(),
            year: req.year,
        })
    }
}

crate::values::rows_schema!(ChainResult, ChainItem);
