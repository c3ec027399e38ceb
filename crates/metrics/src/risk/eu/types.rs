//! The EU assessment as it is serialised: computed values beside the published ones, each
//! with its status and, where they differ, the reasons the inputs show; the stages, the
//! members of a group, every input with its source, and the gaps.

use model::eucrm::EuInput;
use serde::Serialize;
use utoipa::ToSchema;

/// Within this, a computed value matches the published one (the published values have one
/// decimal).
pub const MATCH_WITHIN: f64 = 0.1;
/// Within this, a computed value is close to the published one.
pub const CLOSE_WITHIN: f64 = 0.3;

/// A published score as text with at least one decimal (`5.0`, `3.58`), as the report prints it.
pub fn score_text(x: f64) -> String {
    let t = model::num::text(x);
    if t.contains('.') {
        t
    } else {
        format!("{x:.1}")
    }
}

/// How a computed value compares with the published one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// |computed − published| ≤ 0.1.
    Match,
    /// ≤ 0.3.
    Close,
    /// More than 0.3.
    Differs,
    /// Not computable (an input is missing) or nothing published to compare with.
    Gap,
    /// The report does not assess this stage.
    NotAssessed,
}

impl Status {
    /// The status of `computed` against `published` (a gap when either is missing). The
    /// comparison allows 1e-9 for floating-point noise (3.6 − 3.7 is a match).
    pub fn of(computed: Option<f64>, published: Option<f64>) -> Status {
        match (computed, published) {
            (Some(c), Some(p)) => {
                let d = (c - p).abs();
                if d <= MATCH_WITHIN + 1e-9 {
                    Status::Match
                } else if d <= CLOSE_WITHIN + 1e-9 {
                    Status::Close
                } else {
                    Status::Differs
                }
            }
            _ => Status::Gap,
        }
    }

    /// The id in JSON and CSV.
    pub fn id(self) -> &'static str {
        match self {
            Status::Match => "match",
            Status::Close => "close",
            Status::Differs => "differs",
            Status::Gap => "gap",
            Status::NotAssessed => "not_assessed",
        }
    }

    /// The mark in tables: ✓ match, ~ close, ✗ differs.
    pub fn symbol(self) -> &'static str {
        match self {
            Status::Match => "✓",
            Status::Close => "~",
            Status::Differs => "✗",
            Status::Gap => "gap",
            Status::NotAssessed => "n/a",
        }
    }
}

/// A value of an input as the table gives it: a number, or text (`GS+EU`).
#[derive(Debug, Clone, PartialEq, Serialize, ToSchema)]
#[serde(untagged)]
pub enum InputValue {
    /// A number rareflow computed (a scaled WGI).
    Number(f64),
    /// The value as written in the inputs table.
    Text(String),
}

/// One input an assessment used, with its source.
#[derive(Debug, Clone, PartialEq, Serialize, ToSchema)]
pub struct InputUsed {
    /// Which input (`global_supply_share`, `si_sr`, `wgi_scaled`, ...).
    pub name: String,
    /// `extraction`, `processing` or `all`.
    pub stage: String,
    /// ISO3 code for country rows, the NACE code for end uses and sectors, else empty.
    pub country: String,
    /// The value (empty text: a gap, whose reason is the note).
    pub value: InputValue,
    /// Unit.
    pub unit: String,
    /// Source edition id, or how rareflow computed it.
    pub source: String,
    /// Note.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// Where the value was read (`FILE:LINE` of the raw file).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub at: Option<String>,
}

/// One stage's score.
#[derive(Debug, Clone, PartialEq, Serialize, ToSchema)]
pub struct StageAssessment {
    /// Computed SR; null when inputs are gaps or the stage is not assessed.
    pub sr: Option<f64>,
    /// `HHI_WGI,t` of global supply.
    pub hhi_wgi: Option<f64>,
    /// `HHI_WGI,t` of EU sourcing (equal to the global one under "GS only").
    pub hhi_wgi_eu: Option<f64>,
    /// The published stage SR.
    pub published_sr: Option<f64>,
    /// The largest trade factor t_c among the suppliers (1: no trade adjustment).
    pub trade_factor: f64,
    /// Computed against published.
    pub status: Status,
    /// Computed − published.
    pub difference: Option<f64>,
    /// The supply the report used at this stage: `GS` (global supply only), `GS+EU`, `EU`;
    /// null when the stage is not assessed.
    pub basis: Option<String>,
    /// Import reliance (0..1) used in the weighting (GS+EU only).
    pub import_reliance: Option<f64>,
    /// Why computed and published differ, as far as the inputs show (what-if arithmetic is
    /// labelled so), and notes on how the published value was read.
    pub reasons: Vec<String>,
}

impl StageAssessment {
    /// A stage with nothing computed.
    pub fn empty(status: Status) -> StageAssessment {
        StageAssessment {
            sr: None,
            hhi_wgi: None,
            hhi_wgi_eu: None,
            published_sr: None,
            trade_factor: 1.0,
            status,
            difference: None,
            basis: None,
            import_reliance: None,
            reasons: Vec::new(),
        }
    }
}

/// Both stages.
#[derive(Debug, Clone, PartialEq, Serialize, ToSchema)]
pub struct Stages {
    /// Extraction (mining).
    pub extraction: StageAssessment,
    /// Processing (refining, separation).
    pub processing: StageAssessment,
}

impl Stages {
    /// A stage by name.
    pub fn get(&self, stage: &str) -> Option<&StageAssessment> {
        match stage {
            "extraction" => Some(&self.extraction),
            "processing" => Some(&self.processing),
            _ => None,
        }
    }
}

/// A material's published scores in one assessment.
#[derive(Debug, Clone, PartialEq, Serialize, ToSchema)]
pub struct PublishedScore {
    /// The assessment's year.
    pub year: i32,
    /// Published SR (null: not assessed that year).
    pub sr: Option<f64>,
    /// Published EI.
    pub ei: Option<f64>,
    /// Source edition id.
    pub source: String,
}

/// The published scores.
#[derive(Debug, Clone, PartialEq, Serialize, ToSchema)]
pub struct Published {
    /// Published SR.
    pub sr: Option<f64>,
    /// Published EI.
    pub ei: Option<f64>,
    /// Whether the published scores pass both thresholds.
    pub critical: Option<bool>,
    /// Who published them (the citation).
    pub source: String,
    /// The stage the report took the SR at.
    pub stage_used: Option<String>,
    /// The scores of every assessment (2011-2023) where a transcription has them (HREE,
    /// LREE and Sc).
    pub by_assessment: Vec<PublishedScore>,
}

/// Statuses of the headline values.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, ToSchema)]
pub struct ValueStatus {
    /// Supply risk.
    pub sr: Status,
    /// Economic importance.
    pub ei: Status,
}

/// Computed − published, for the headline values.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, ToSchema)]
pub struct ValueDifference {
    /// Supply risk.
    pub sr: Option<f64>,
    /// Economic importance.
    pub ei: Option<f64>,
}

/// A pair of SR and EI values.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, ToSchema)]
pub struct ValuePair {
    /// Supply risk.
    pub sr: Option<f64>,
    /// Economic importance.
    pub ei: Option<f64>,
}

/// Reasons for the headline values: why they differ or are gaps, as far as the inputs show.
#[derive(Debug, Clone, PartialEq, Serialize, ToSchema, Default)]
pub struct ValueReasons {
    /// Supply risk.
    pub sr: Vec<String>,
    /// Economic importance.
    pub ei: Vec<String>,
}

/// One member of a group, computed beside published.
#[derive(Debug, Clone, PartialEq, Serialize, ToSchema)]
pub struct MemberScore {
    /// The member's id.
    pub material: String,
    /// Computed SR (at the stage the report used for the member).
    pub sr: Option<f64>,
    /// Published SR.
    pub published_sr: Option<f64>,
    /// Computed EI.
    pub ei: Option<f64>,
    /// Published EI.
    pub published_ei: Option<f64>,
    /// Computed SR at extraction.
    pub extraction_sr: Option<f64>,
    /// Computed SR at processing.
    pub processing_sr: Option<f64>,
    /// Statuses of SR and EI.
    pub status: ValueStatus,
}

/// How a group's scores are made from its members.
#[derive(Debug, Clone, PartialEq, Serialize, ToSchema)]
pub struct GroupScores {
    /// The weighting and its source.
    pub weighting: String,
    /// The members, computed beside published.
    pub members: Vec<MemberScore>,
    /// The mean of the members' published scores (a consistency check of the published
    /// group values, not a computation).
    pub published_members_mean: ValuePair,
}

/// An input that another reading gives differently from the one used.
#[derive(Debug, Clone, PartialEq, Serialize, ToSchema)]
pub struct OtherReading {
    /// Which input.
    pub name: String,
    /// Stage.
    pub stage: String,
    /// Country or NACE code, else empty.
    pub country: String,
    /// The value used, with its unit (empty: none in the preferred transcription).
    pub used: String,
    /// Its source edition.
    pub used_source: String,
    /// The other reading's value, with its unit.
    pub other: String,
    /// Its source edition.
    pub other_source: String,
}

/// An assessment: computed scores beside the published ones, the inputs, the gaps.
#[derive(Debug, Clone, PartialEq, Serialize, ToSchema)]
pub struct Assessment {
    /// The material's id (Dy, HREE, Sc).
    pub material: String,
    /// Its name as the results table prints it.
    pub name: String,
    /// Computed SR at the stage the report took (for a group, the mean of the members');
    /// null when an input is missing.
    pub sr: Option<f64>,
    /// Computed EI; null when an input is missing.
    pub ei: Option<f64>,
    /// Whether the computed scores pass both thresholds.
    pub critical: Option<bool>,
    /// Every value whose computed and published differ by more than 0.3, with the reasons.
    pub differences: Vec<String>,
    /// The stage the SR is taken at: the one the report used.
    pub bottleneck: Option<String>,
    /// The stage with the larger computed SR, when both are computed.
    pub computed_bottleneck: Option<String>,
    /// Each stage.
    pub stages: Stages,
    /// Every input used.
    pub inputs: Vec<InputUsed>,
    /// Inputs missing.
    pub gaps: Vec<String>,
    /// The published scores.
    pub published: Published,
    /// Computed against published, per headline value.
    pub status: ValueStatus,
    /// Computed − published, per headline value.
    pub difference: ValueDifference,
    /// Why each headline value differs or is a gap.
    pub reasons: ValueReasons,
    /// Whether the computed EI leaves out end uses printed without a sector (so it is a
    /// lower bound).
    pub ei_lower_bound: bool,
    /// For a group (HREE, LREE): its members and how they are weighted.
    pub group: Option<GroupScores>,
    /// Inputs that an earlier reading gives differently from the one used.
    pub other_readings: Vec<OtherReading>,
    /// How the inputs were read (rounded share tables used as printed, a group row applied
    /// to a member).
    pub notes: Vec<String>,
    /// The rows of the inputs tables used (for listings with citations).
    #[serde(skip)]
    pub rows: Vec<EuInput>,
}
