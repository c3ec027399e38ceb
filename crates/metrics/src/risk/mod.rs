//! Supply-risk methods analysts quote, written as documented functions (the formulas are
//! in `docs/model/risk.md`): the EU Critical Raw Materials method ([`eu`]) and the USGS
//! net import reliance ([`usgs`]).
//!
//! Inputs are checked before anything is computed: a governance mean outside −2.5..2.5 or
//! supply shares that do not sum to one within ±0.5% is an error, never a half-computed score.

pub mod eu;
pub mod usgs;

/// Why a score cannot be computed from the inputs given.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum RiskError {
    /// The mean of the six WGI estimates is outside the scale.
    #[error("invalid WGI mean {mean} for {country}: expected the mean of the six estimates within -2.5..2.5")]
    WgiOutOfRange {
        /// Country.
        country: String,
        /// The mean.
        mean: f64,
    },
    /// Supply shares do not sum to one.
    #[error("supply shares of {what} sum to {sum}: expected 1 within ±{within}")]
    SharesDoNotSumToOne {
        /// Which table.
        what: String,
        /// The sum.
        sum: f64,
        /// The tolerance, as text (`0.5%`).
        within: String,
    },
    /// A fraction (import reliance, recycling rate, substitution index, share) outside 0..1.
    #[error("invalid {what} {value}: expected a fraction from 0 to 1")]
    NotAFraction {
        /// Which input.
        what: String,
        /// The value.
        value: f64,
    },
    /// A negative quantity (imports, production, consumption).
    #[error("invalid {what} {value}: expected a quantity not below 0")]
    Negative {
        /// Which input.
        what: String,
        /// The value.
        value: f64,
    },
}

pub(crate) fn fraction(what: &str, value: f64) -> Result<f64, RiskError> {
    if value.is_finite() && (0.0..=1.0).contains(&value) {
        Ok(value)
    } else {
        Err(RiskError::NotAFraction {
            what: what.into(),
            value,
        })
    }
}
