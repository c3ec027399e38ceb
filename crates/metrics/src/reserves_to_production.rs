//! Reserves-to-production years: how long current reserves last at the current rate of
//! mining. Both numbers come from the same edition and year, so the ratio never mixes
//! sources; a lower-bound reserve gives a lower-bound ratio.

use crate::select::{resolve, QueryError, Selection};
use model::{Dataset, EditionId, Flag, Material, Metric, Place, Table, Year};

/// R/P for one place.
#[derive(Debug, Clone, PartialEq)]
pub struct RpYears {
    /// Reserves ÷ mine production, in years.
    pub years: f64,
    /// Whether the reserves figure is a lower bound.
    pub lower_bound: bool,
    /// The edition both figures come from.
    pub edition: EditionId,
    /// The year both figures are for.
    pub year: Year,
}

/// R/P years for `place` from the selected edition (production and reserves of the year
/// the edition gives reserves for); `None` when either is missing or production is 0.
pub fn rp_years(
    d: &Dataset,
    place: Place,
    material: Material,
    sel: &Selection,
) -> Result<Option<RpYears>, QueryError> {
    let r = resolve(d, Metric::Reserves, material, sel)?;
    let find = |metric: Metric| {
        d.observations.iter().find(|o| {
            o.edition == r.source.edition
                && o.table == Table::World
                && o.place == place
                && o.metric == metric
                && o.material == material
                && o.year == r.year
        })
    };
    let (Some(res), Some(prod)) = (find(Metric::Reserves), find(Metric::MineProduction)) else {
        return Ok(None);
    };
    Ok(match (res.value.magnitude(), prod.value.magnitude()) {
        (Some(rv), Some(pv)) if pv > 0.0 => Some(RpYears {
            years: rv / pv,
            lower_bound: res.flags.contains(Flag::LowerBound),
            edition: r.source.edition.clone(),
            year: r.year,
        }),
        _ => None,
    })
}
