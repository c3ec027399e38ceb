//! The inputs of the EU Critical Raw Materials assessment (a share, an index, a published
//! score) with their source editions. `data` reads the tables; `metrics::risk::eu::assess`
//! turns the inputs into scores.

/// One input.
#[derive(Debug, Clone, PartialEq)]
pub struct EuInput {
    /// Material as rareflow names it: an element symbol (Dy, Nd, Sc) or a group (HREE,
    /// LREE); `all` for rows about every material (sector value added).
    pub material: String,
    /// `extraction`, `processing` or `all`.
    pub stage: String,
    /// Which input (`import_reliance`, `eol_rir`, `si_sr`, `si_ei`, `global_supply_share`,
    /// `supply_used`, `stage_used`, `published_sr`, `name`, ...).
    pub input: String,
    /// ISO3 code for country rows, the NACE code for end uses and sectors, else empty.
    pub country: String,
    /// The value as written: a number, a word for the text inputs (`GS`, `GS+EU`, `EU`
    /// for `supply_used`; a stage for `stage_used`; a spelling for `name`), or empty for a
    /// gap, whose reason is in `notes`.
    pub value: String,
    /// Unit: `%` (a percentage), `fraction` (0..1), `index`, `factor`, `MEUR`, or empty.
    pub unit: String,
    /// Source edition id (in `data/sources.csv`).
    pub source: String,
    /// Note (for an end use: the application as printed).
    pub notes: String,
    /// Where the value was read: `FILE:LINE` of the raw file, or empty for hand-kept rows.
    pub at: String,
}

impl EuInput {
    /// The value as a number (a percentage converted to a fraction); `None` for text and gaps.
    pub fn number(&self) -> Option<f64> {
        let x: f64 = self.value.parse().ok()?;
        x.is_finite()
            .then_some(if self.unit == "%" { x / 100.0 } else { x })
    }

    /// Whether the row is a gap (no value; `notes` says why).
    pub fn is_gap(&self) -> bool {
        self.value.is_empty()
    }
}

/// A material's published scores in one assessment (2011, 2014, 2017, 2020, 2023).
#[derive(Debug, Clone, PartialEq)]
pub struct EuPublished {
    /// Material id (HREE, LREE, Sc, ...).
    pub material: String,
    /// Year of the assessment.
    pub year: i32,
    /// Published supply risk; `None` where the assessment did not score the material.
    pub sr: Option<f64>,
    /// Published economic importance.
    pub ei: Option<f64>,
    /// Source edition id.
    pub source: String,
    /// Where the row was read (`FILE:LINE`).
    pub at: String,
}

/// Everything the EU assessment reads: the inputs in use, earlier readings of the same
/// inputs (used only where the inputs in use lack one, and listed where they differ), and
/// the published scores by assessment.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct EuTables {
    /// The preferred inputs (the 2023 transcriptions, `EU-CRM-2023-T`).
    pub inputs: Vec<EuInput>,
    /// Earlier readings (`data/eu_crm_2023.csv`: editions `EU-CRM-2023`, `EU-CRM-2023-ANNEX*`).
    pub earlier: Vec<EuInput>,
    /// Published SR and EI by assessment year.
    pub by_assessment: Vec<EuPublished>,
}
