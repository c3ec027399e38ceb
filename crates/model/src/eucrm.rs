//! One input of the EU Critical Raw Materials assessment (a share, an index, a published
//! score) with its source edition. `data` reads the table; `metrics::risk::eu::assess`
//! turns the inputs into scores.

/// One input.
#[derive(Debug, Clone, PartialEq)]
pub struct EuInput {
    /// Material as the EU names it (Dy, Nd, HREE, LREE, ...).
    pub material: String,
    /// `extraction`, `processing` or `all`.
    pub stage: String,
    /// Which input (`import_reliance`, `eol_rir`, `si_sr`, `si_ei`, `global_supply_share`,
    /// `supply_used`, `published_sr`, ...).
    pub input: String,
    /// ISO3 code for shares, else empty.
    pub country: String,
    /// The value as written (a number, or `GS` / `GS+EU` for `supply_used`).
    pub value: String,
    /// Unit.
    pub unit: String,
    /// Source edition id (in `data/sources.csv`).
    pub source: String,
    /// Note.
    pub notes: String,
}

impl EuInput {
    /// The value as a number (percent converted to a fraction).
    pub fn number(&self) -> Option<f64> {
        let x: f64 = self.value.parse().ok()?;
        Some(if self.unit == "%" { x / 100.0 } else { x })
    }
}
