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
    /// The most memory the run may take, in bytes (refused beyond it, before running).
    pub max_memory: u64,
}

/// The default memory limit of a stock run: 2 GB.
pub const DEFAULT_MAX_MEMORY: u64 = 2_000_000_000;

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
        // The result in memory and its document (about 24 bytes per number written) must fit.
        let needed = mfa::dsm::memory_needed(series.values.len(), &lifetimes, detail)
            .saturating_mul(if req.by_cohort { 4 } else { 1 });
        if needed > req.max_memory {
            return Err(Error::Invalid(format!(
                "{name}: this run needs about {} ({} years{}), more than the {} allowed: {}or raise --max-memory",
                human_bytes(needed),
                series.values.len(),
                if req.by_cohort { ", cohort matrices" } else { ", per-cohort lifetimes" },
                human_bytes(req.max_memory),
                if req.by_cohort { "drop --by-cohort, shorten the series, " } else { "use fewer distinct per-cohort lifetimes, shorten the series, " }
            )));
        }
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
        .map_err(|problem| Error::Stock {
            file: name.clone(),
            problem,
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

/// Bytes as people read them (`2 GB`, `80.0 GB`, `512 MB`).
pub fn human_bytes(b: u64) -> String {
    let b = b as f64;
    if b >= 1e9 {
        format!("{:.1} GB", b / 1e9)
    } else {
        format!("{:.0} MB", (b / 1e6).max(1.0))
    }
}

/// A size as typed (`2GB`, `500MB`, `1.5G`, `100000000`), in bytes.
pub fn parse_bytes(typed: &str) -> Result<u64> {
    let t = typed.trim().to_ascii_uppercase();
    let split = t.find(|c: char| c.is_ascii_alphabetic()).unwrap_or(t.len());
    let (num, unit) = t.split_at(split);
    let factor = match unit.trim_end_matches('B') {
        "" => 1.0,
        "K" => 1e3,
        "M" => 1e6,
        "G" => 1e9,
        "T" => 1e12,
        _ => {
            return Err(Error::Usage(format!(
                "invalid size {typed:?}: expected e.g. 2GB or 500MB"
            )))
        }
    };
    match num.trim().parse::<f64>() {
        Ok(x) if x.is_finite() && x > 0.0 => Ok((x * factor) as u64),
        _ => Err(Error::Usage(format!(
            "invalid size {typed:?}: expected e.g. 2GB or 500MB"
        ))),
    }
}
