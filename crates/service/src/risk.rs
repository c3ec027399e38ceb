//! `risk eu` and `risk usgs`: supply risk by the EU CRM method (computed from cited inputs,
//! beside the published score) and the USGS net import reliance.

use crate::error::{Error, Result};
use crate::session::Need;
use crate::Session;
use metrics::risk::eu::{assess, AssessError, Assessment};
use metrics::risk::usgs::{self, NirAssessment, UsgsError};
use model::EditionId;
use serde::Serialize;

/// An EU CRM question.
#[derive(Debug, Clone)]
pub struct RiskEuRequest {
    /// The material as the EU assesses it (HREE, LREE, Nd, Dy, ...).
    pub material: String,
}

/// The EU assessment of one material.
#[derive(Debug, Clone, Serialize)]
#[serde(transparent)]
pub struct RiskEuResult {
    /// The assessment.
    pub assessment: Assessment,
    /// Each input row with the citation of its source (tables).
    #[serde(skip)]
    pub cited_rows: Vec<(model::eucrm::EuInput, String)>,
}

/// A USGS question.
#[derive(Debug, Clone)]
pub struct RiskUsgsRequest {
    /// A commodity as USGS names it.
    pub commodity: String,
}

/// The USGS net import reliance.
#[derive(Debug, Clone, Serialize)]
#[serde(transparent)]
pub struct RiskUsgsResult {
    /// The assessment.
    pub assessment: NirAssessment,
}

impl Session {
    /// The EU CRM supply risk and economic importance of a material.
    pub fn risk_eu(&self, req: &RiskEuRequest) -> Result<RiskEuResult> {
        let d = &self.bundled().dataset;
        let citation = |id: &str| {
            d.source(&EditionId(id.to_string()))
                .map_or(id.to_string(), |s| s.citation.clone())
        };
        let assessment = assess(
            &req.material,
            &self.tables().eu_crm,
            &self.bundled().wgi,
            &citation,
        )
        .map_err(|e| match e {
            AssessError::Risk(r) => Error::Risk(r),
            AssessError::UnknownMaterial { .. } => Error::NotFound(e.to_string()),
            AssessError::NotACountry(_) => Error::Invalid(e.to_string()),
        })?;
        let cited_rows = assessment
            .rows
            .iter()
            .map(|r| (r.clone(), citation(&r.source)))
            .collect();
        Ok(RiskEuResult {
            assessment,
            cited_rows,
        })
    }

    /// The USGS net import reliance of a commodity.
    pub async fn risk_usgs(&self, req: &RiskUsgsRequest) -> Result<RiskUsgsResult> {
        let d = self.dataset_for(Need::Bundled).await?;
        let assessment = usgs::assess(&d, &req.commodity).map_err(|e| match e {
            UsgsError::Risk(r) => Error::Risk(r),
            UsgsError::UnknownCommodity(_) => Error::NotFound(e.to_string()),
        })?;
        Ok(RiskUsgsResult { assessment })
    }
}

crate::values::inner_schema!(RiskEuResult, Assessment);

crate::values::inner_schema!(RiskUsgsResult, NirAssessment);
