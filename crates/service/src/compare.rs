//! `compare` and `cite`: every estimate of one metric for one country side by side, with
//! the spread (never merged); and which sources state a typed value.

use crate::error::{Error, Result};
use crate::observations::{row, ObservationRow};
use crate::values::country;
use crate::Session;
use metrics::compare::{compare as compute_compare, spreads};
use model::{Mass, Metric, Tonnes, TonnesUnit, TypedTonnes, Year};
use serde::Serialize;
use utoipa::ToSchema;

/// A compare question.
#[derive(Debug, Clone)]
pub struct CompareRequest {
    /// Country code or name.
    pub country: String,
    /// Metric.
    pub metric: Metric,
    /// Only this year.
    pub year: Option<i32>,
    /// Unit of masses.
    pub unit: TonnesUnit,
}

/// The spread of the known values (for one year, or over all).
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct SpreadRow {
    /// The year; null for the spread over all estimates.
    pub year: Option<i32>,
    /// How many values.
    pub count: usize,
    /// Smallest.
    pub min: Mass,
    /// Largest.
    pub max: Mass,
    /// max / min.
    pub ratio: Option<f64>,
}

/// Every estimate, serialised as its rows; the spreads and the title go to tables.
#[derive(Debug, Clone, Serialize)]
#[serde(transparent)]
pub struct CompareResult {
    /// The estimates, oldest source first.
    pub estimates: Vec<ObservationRow>,
    /// Spreads.
    #[serde(skip)]
    pub spreads: Vec<SpreadRow>,
    /// Country name, code and metric label (titles).
    #[serde(skip)]
    pub about: (String, String, Metric),
}

/// A cite question.
#[derive(Debug, Clone)]
pub struct CiteRequest {
    /// Only this country.
    pub country: Option<String>,
    /// Only this metric.
    pub metric: Option<Metric>,
    /// The value as typed (`3.8Mt`).
    pub value: String,
    /// Unit of masses.
    pub unit: TonnesUnit,
}

/// The observations that state a value, serialised as their rows.
#[derive(Debug, Clone, Serialize)]
#[serde(transparent)]
pub struct CiteResult {
    /// The observations.
    pub estimates: Vec<ObservationRow>,
    /// The value as typed and its significant figures (titles).
    #[serde(skip)]
    pub typed: (String, u32),
}

impl Session {
    /// Every estimate side by side, then the spread.
    pub async fn compare(&self, req: &CompareRequest) -> Result<CompareResult> {
        if let Some(y) = req.year {
            crate::values::check_year(y)?;
        }
        let d = self.dataset().await?;
        let place = country(&d.countries, &req.country)?;
        let estimates = compute_compare(&d, place, req.metric, req.year.map(Year));
        let rows = estimates
            .iter()
            .map(|e| {
                let mut r = row(&d, req.unit, e.observation);
                if !e.also_reported.is_empty() {
                    r.outlets = std::iter::once(e.observation)
                        .chain(e.also_reported.iter().copied())
                        .map(|o| o.citation.clone())
                        .collect();
                }
                r
            })
            .collect();
        let spreads = spreads(&estimates, req.metric)
            .into_iter()
            .filter_map(|(y, s)| {
                Some(SpreadRow {
                    year: y.map(|y| y.0),
                    count: s.count,
                    min: Mass::new(Tonnes::new(s.min)?, req.unit),
                    max: Mass::new(Tonnes::new(s.max)?, req.unit),
                    ratio: s.ratio,
                })
            })
            .collect();
        Ok(CompareResult {
            estimates: rows,
            spreads,
            about: (
                d.countries.name_of(&place),
                place.id().to_string(),
                req.metric,
            ),
        })
    }

    /// Which sources state a value.
    pub async fn cite(&self, req: &CiteRequest) -> Result<CiteResult> {
        let typed: TypedTonnes = req
            .value
            .parse()
            .map_err(|e: model::units::InvalidQuantity| Error::Usage(e.to_string()))?;
        let d = self.dataset().await?;
        let place = req
            .country
            .as_deref()
            .map(|c| country(&d.countries, c))
            .transpose()?;
        let obs = metrics::cite::cite(&d, place, req.metric, &typed);
        Ok(CiteResult {
            estimates: obs.iter().map(|o| row(&d, req.unit, o)).collect(),
            typed: (req.value.clone(), typed.significant_figures),
        })
    }
}

crate::values::rows_schema!(CompareResult, ObservationRow);

crate::values::rows_schema!(CiteResult, ObservationRow);
