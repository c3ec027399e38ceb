//! Errors for invalid series and lifetimes; each names the year index and the value.

/// What can be wrong with a stock model's input.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum MfaError {
    /// The series is empty.
    #[error("the series is empty: expected at least one year")]
    Empty,
    /// A value is NaN or infinite.
    #[error("year index {index}: invalid value {value}: expected a finite number")]
    NotFinite {
        /// Year index.
        index: usize,
        /// The value.
        value: f64,
    },
    /// A negative inflow in an inflow-driven run.
    #[error("year index {index}: invalid inflow {value}: expected a number not below 0")]
    NegativeInflow {
        /// Year index.
        index: usize,
        /// The value.
        value: f64,
    },
    /// A negative stock in a stock-driven run.
    #[error("year index {index}: invalid stock {value}: expected a number not below 0")]
    NegativeStock {
        /// Year index.
        index: usize,
        /// The value.
        value: f64,
    },
    /// A lifetime's parameters are out of range.
    #[error("cohort index {index}: {problem}")]
    Lifetime {
        /// Cohort index.
        index: usize,
        /// The problem.
        problem: model::lifetime::InvalidLifetime,
    },
    /// One lifetime per cohort was given, but not as many as years.
    #[error("{lifetimes} lifetimes for {years} years: expected one per year or one for all")]
    LengthMismatch {
        /// Lifetimes given.
        lifetimes: usize,
        /// Years.
        years: usize,
    },
    /// A lifetime whose survival curve is not a number at some age (a distribution too
    /// narrow for floating point, such as `lognormal:1,1e-10`).
    #[error("cohort index {index}: the lifetime {lifetime} gives a survival that is not a number from 0 to 1 at age {age} (a distribution too narrow to compute): use a larger spread or fixed:MEAN")]
    DegenerateLifetime {
        /// Cohort index.
        index: usize,
        /// The lifetime.
        lifetime: String,
        /// The first age where survival is not a number.
        age: usize,
    },
    /// A result is not finite: the inputs are too large for the arithmetic.
    #[error(
        "year index {index}: the {what} overflows (not a finite number): the inputs are too large"
    )]
    Overflow {
        /// Year index.
        index: usize,
        /// Which result.
        what: String,
    },
    /// A cohort that leaves in its inflow year cannot hold a stock.
    #[error("year index {index}: the lifetime {lifetime} leaves nothing in stock at the end of the inflow year (survival 0), so no inflow can build the stock {stock}")]
    CannotHoldStock {
        /// Year index.
        index: usize,
        /// The lifetime.
        lifetime: String,
        /// The stock asked for.
        stock: f64,
    },
}
