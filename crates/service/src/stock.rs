//! `stock`: a dynamic stock model (ODYM conventions) on a user's own series, inflow-driven
//! or stock-driven, with the JSON contract `{year, inflow, stock, outflow, stock_change,
//! balance}` (plus the cohort matrices on request).

use crate::error::{Error, Result};
use crate::session::NamedText;
use crate::Session;
use data::series::{read_series, SeriesKind};
use mfa::{inflow_driven, stock_driven, Detail, Lifetimes, NegativeInflow};
use model::{Lifetime, Year};
use serde::Serialize;
use utoipa::ToSchema;

/// Which series the file holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Driven {
    /// `year,inflow`: inflow-driven.
    Inflow,
    /// `year,stock`: stock-driven.
    Stock,
}

/// A stock-model question.
#[derive(Debug, Clone)]
pub struct StockRequest {
    /// The series file.
    pub series: NamedText,
    /// Which series it is.
    pub driven: Driven,
    /// The lifetime spec (`weibull:2.5,15`), overridden per cohort by the file's columns.
    pub lifetime: String,
    /// Stock-driven: set a negative inflow to 0 and cut older cohorts instead.
    pub negative_inflow_correct: bool,
    /// Add the stock and outflow matrices by cohort.
    pub by_cohort: bool,
}

/// A stock model's result, year by year.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct StockResult {
    /// Years.
    pub year: Vec<Year>,
    /// Inflow.
    pub inflow: Vec<f64>,
    /// Stock at year end.
    pub stock: Vec<f64>,
    /// Outflow.
    pub outflow: Vec<f64>,
    /// Stock change.
    pub stock_change: Vec<f64>,
    /// Inflow − outflow − stock change (0 up to rounding).
    pub balance: Vec<f64>,
    /// Stock by cohort, `[t][c]`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub stock_by_cohort: Option<Vec<Vec<f64>>>,
    /// Outflow by cohort, `[t][c]`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub outflow_by_cohort: Option<Vec<Vec<f64>>>,
    /// Which series drove the model.
    #[serde(skip)]
    pub driven: Option<Driven>,
    /// The lifetime given (per-cohort columns override it).
    #[serde(skip)]
    pub lifetime: String,
    /// The series' file name.
    #[serde(skip)]
    pub file: String,
}

impl Session {
    /// Runs a dynamic stock model on the series given.
    pub fn stock(&self, req: &StockRequest) -> Result<StockResult> {
        let default: Lifetime = req
            .lifetime
            .parse()
            .map_err(|e: model::lifetime::InvalidLifetime| Error::Invalid(e.to_string()))?;
        let kind = match req.driven {
            Driven::Inflow => SeriesKind::Inflow,
            Driven::Stock => SeriesKind::Stock,
        };
        let name = &req.series.name;
        let series = read_series(name, &req.series.text, kind, default)?;
        let lifetimes = if series.lifetimes.iter().all(|l| *l == default) {
            Lifetimes::Same(default)
        } else {
            Lifetimes::PerCohort(series.lifetimes.clone())
        };
        let detail = if req.by_cohort {
            Detail::ByCohort
        } else {
            Detail::Totals
        };
        let m = match kind {
            SeriesKind::Inflow => inflow_driven(&series.values, &lifetimes, detail),
            SeriesKind::Stock => stock_driven(
                &series.values,
                &lifetimes,
                if req.negative_inflow_correct {
                    NegativeInflow::Correct
                } else {
                    NegativeInflow::Allow
                },
                detail,
            ),
        }
        .map_err(|source| Error::Stock {
            file: name.clone(),
            source,
        })?;
        Ok(StockResult {
            year: series.years.into_iter().map(Year).collect(),
            inflow: m.inflow,
            stock: m.stock,
            outflow: m.outflow,
            stock_change: m.stock_change,
            balance: m.balance,
            stock_by_cohort: m.stock_by_cohort.map(|c| c.to_rows()),
            outflow_by_cohort: m.outflow_by_cohort.map(|c| c.to_rows()),
            driven: Some(req.driven),
            lifetime: default.to_string(),
            file: name.clone(),
        })
    }
}
