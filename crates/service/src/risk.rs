//! `risk eu` and `risk usgs`: supply risk by the EU CRM method (computed from cited inputs,
//! beside the published score) and the USGS net import reliance.

use crate::error::{Error, Result};
use crate::session::Need;
use crate::Session;
use metrics::risk::eu::{assess, assess_all, AssessError};
pub use metrics::risk::eu::{score_text, Assessment, StageAssessment, Status};
use metrics::risk::usgs::{self, NirAssessment, UsgsError};
use model::EditionId;
use serde::Serialize;

/// An EU CRM question.
#[derive(Debug, Clone)]
pub struct RiskEuRequest {
    /// The material as the EU assesses it: an id (HREE, LREE, Nd, Dy, Sc), an element's
    /// name, or a name the transcriptions print (case-insensitive).
    pub material: String,
}

/// Every rare-earth row of the EU assessment.
#[derive(Debug, Clone, Serialize)]
#[serde(transparent)]
pub struct RiskEuAllResult {
    /// One assessment per material, in the results table's order.
    pub assessments: Vec<RiskEuResult>,
}

/// The schema of `risk eu`: one assessment (`--material`), or an array of them (`--all`).
#[derive(Debug, Clone, Copy)]
pub struct RiskEuDocument;

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

/// The commodity a USGS question is about when a face's user does not say.
pub const DEFAULT_COMMODITY: &str = "rare-earths";

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

fn assess_error(e: AssessError) -> Error {
    match e {
        AssessError::Risk(r) => Error::Risk(r),
        AssessError::UnknownMaterial { .. } => Error::NotFound(e.to_string()),
        AssessError::NotACountry(_) => Error::Invalid(e.to_string()),
    }
}

impl Session {
    fn eu_citation(&self) -> impl Fn(&str) -> String + '_ {
        let d = &self.bundled().dataset;
        move |id: &str| {
            d.source(&EditionId(id.to_string()))
                .map_or(id.to_string(), |s| s.citation.clone())
        }
    }

    fn eu_result(&self, assessment: Assessment) -> RiskEuResult {
        let citation = self.eu_citation();
        let cited_rows = assessment
            .rows
            .iter()
            .map(|r| (r.clone(), citation(&r.source)))
            .collect();
        RiskEuResult {
            assessment,
            cited_rows,
        }
    }

    /// The EU CRM supply risk and economic importance of a material.
    pub fn risk_eu(&self, req: &RiskEuRequest) -> Result<RiskEuResult> {
        let citation = self.eu_citation();
        let assessment = assess(
            &req.material,
            &self.tables().eu_crm,
            &self.bundled().wgi,
            &citation,
        )
        .map_err(assess_error)?;
        Ok(self.eu_result(assessment))
    }

    /// The EU CRM assessment of every material the tables have (every rare-earth row of
    /// the 2023 results table), in table order.
    pub fn risk_eu_all(&self) -> Result<RiskEuAllResult> {
        let citation = self.eu_citation();
        let all = assess_all(&self.tables().eu_crm, &self.bundled().wgi, &citation)
            .map_err(assess_error)?;
        Ok(RiskEuAllResult {
            assessments: all.into_iter().map(|a| self.eu_result(a)).collect(),
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

crate::values::rows_schema!(RiskEuAllResult, Assessment);

impl utoipa::PartialSchema for RiskEuDocument {
    fn schema() -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
        use utoipa::openapi::schema::{ArrayBuilder, OneOfBuilder};
        use utoipa::openapi::Ref;
        let one = || Ref::from_schema_name(<Assessment as utoipa::ToSchema>::name());
        OneOfBuilder::new()
            .item(one())
            .item(ArrayBuilder::new().items(one()))
            .description(Some(
                "risk eu --material: one assessment; risk eu --all: an array of them",
            ))
            .into()
    }
}

impl utoipa::ToSchema for RiskEuDocument {
    fn name() -> std::borrow::Cow<'static, str> {
        "RiskEu".into()
    }

    fn schemas(
        schemas: &mut Vec<(
            String,
            utoipa::openapi::RefOr<utoipa::openapi::schema::Schema>,
        )>,
    ) {
        schemas.push((
            <Assessment as utoipa::ToSchema>::name().into(),
            <Assessment as utoipa::PartialSchema>::schema(),
        ));
        <Assessment as utoipa::ToSchema>::schemas(schemas);
    }
}

crate::values::inner_schema!(RiskUsgsResult, NirAssessment);
