//! The edition and year policy, as metrics use it. The policy itself lives once, on
//! [`model::Dataset::resolve`]; this module re-exports its types so that callers of
//! `metrics` keep one import path.

pub use model::dataset::{QueryError, Resolved, Selection};
use model::{Dataset, Material, Metric};

/// Picks the edition and year for a country-table question about `metric` (see
/// [`model::Dataset::resolve`]).
pub fn resolve<'a>(
    d: &'a Dataset,
    metric: Metric,
    material: Material,
    sel: &Selection,
) -> Result<Resolved<'a>, QueryError> {
    d.resolve(metric, material, sel)
}
