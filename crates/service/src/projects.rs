//! `projects`: the projects and deposits table, filtered by country and status.

use crate::error::Result;
use crate::values::country;
use crate::Session;
use model::project::ProjectStatus;
use model::{CountryCode, Stage, Year};
use serde::Serialize;
use utoipa::ToSchema;

/// A projects question.
#[derive(Debug, Clone, Default)]
pub struct ProjectsRequest {
    /// Only this country (code or name).
    pub country: Option<String>,
    /// Only this status.
    pub status: Option<ProjectStatus>,
}

/// One project or deposit.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ProjectRow {
    /// Name.
    pub name: String,
    /// Country.
    pub country: CountryCode,
    /// Ore type.
    pub ore_type: String,
    /// Stages.
    pub stages: Vec<Stage>,
    /// Status id.
    pub status: String,
    /// Capacity in `capacity_unit`.
    pub capacity: Option<f64>,
    /// Unit of capacity, as published.
    pub capacity_unit: String,
    /// First year of output.
    pub start_year: Option<Year>,
    /// Owner.
    pub owner: String,
    /// Grade, % TREO.
    pub grade_pct_treo: Option<f64>,
    /// Mt of ore.
    pub tonnage_mt_ore: Option<f64>,
    /// Capex in its own currency (millions).
    pub capex: Option<f64>,
    /// Currency of capex.
    pub capex_currency: String,
    /// Source.
    pub source: String,
    /// URL.
    pub url: String,
    /// Notes.
    pub notes: String,
}

/// The projects, serialised as their rows.
#[derive(Debug, Clone, Serialize)]
#[serde(transparent)]
pub struct ProjectsResult {
    /// Projects.
    pub projects: Vec<ProjectRow>,
}

impl Session {
    /// Projects and deposits, with status, capacity, timing and sources.
    pub fn projects(&self, req: &ProjectsRequest) -> Result<ProjectsResult> {
        let place = req
            .country
            .as_deref()
            .map(|c| country(&self.bundled().dataset.countries, c))
            .transpose()?;
        let projects = self
            .tables()
            .projects
            .iter()
            .filter(|p| place.is_none_or(|pl| pl.country() == Some(p.country)))
            .filter(|p| req.status.is_none_or(|s| p.status == s))
            .map(|p| ProjectRow {
                name: p.name.clone(),
                country: p.country,
                ore_type: p.ore_type.clone(),
                stages: p.stages.clone(),
                status: p.status.id().into(),
                capacity: p.capacity,
                capacity_unit: p.capacity_unit.clone(),
                start_year: p.start_year.map(Year),
                owner: p.owner.clone(),
                grade_pct_treo: p.grade_pct_treo,
                tonnage_mt_ore: p.tonnage_mt_ore,
                capex: p.capex,
                capex_currency: p.capex_currency.clone(),
                source: p.source.clone(),
                url: p.url.clone(),
                notes: p.notes.clone(),
            })
            .collect();
        Ok(ProjectsResult { projects })
    }
}

crate::values::rows_schema!(ProjectsResult, ProjectRow);
