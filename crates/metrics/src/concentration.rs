//! Market concentration: the Herfindahl–Hirschman index on the 0–10,000 scale (shares
//! in percent, squared, summed) and the top-3 share.
//!
//! Both denominators are always computed, because USGS's rounded world total is not the
//! sum of its countries and the difference moves the HHI: an analyst must see which one a
//! figure uses.

use crate::rank::{rank, Denominator, Ranking};
use crate::select::{QueryError, Selection};
use model::{Dataset, Material, Metric, Tonnes};

/// Concentration of one metric in one edition and year.
#[derive(Debug, Clone)]
pub struct Concentration {
    /// The ranking it is computed from (its shares use `denominator`).
    pub ranking: Ranking,
    /// The world total, if the edition prints one.
    pub world_total: Option<Tonnes>,
    /// HHI with shares of the world total.
    pub hhi_world_total: Option<f64>,
    /// HHI with shares of the sum of reporting countries.
    pub hhi_country_sum: Option<f64>,
    /// Top-3 share over the chosen denominator.
    pub top3_share: Option<f64>,
    /// Whether the world total is a lower bound (so `hhi_world_total` is an upper bound).
    pub world_lower_bound: bool,
}

impl Concentration {
    /// Whether the world total is a lower bound: the HHI over it is then an upper bound.
    pub fn world_total_lower_bound(&self) -> bool {
        self.world_lower_bound
    }
}

/// HHI (0–10,000) of `values` over `total`; `None` when the total is not positive.
pub fn hhi(values: impl IntoIterator<Item = f64>, total: f64) -> Option<f64> {
    (total > 0.0).then(|| {
        values
            .into_iter()
            .map(|v| (100.0 * v / total).powi(2))
            .sum()
    })
}

/// Computes concentration for `metric`.
pub fn concentration(
    d: &Dataset,
    metric: Metric,
    material: Material,
    sel: &Selection,
    denominator: Denominator,
) -> Result<Concentration, QueryError> {
    let ranking = rank(d, metric, material, sel, denominator)?;
    let values = || {
        ranking
            .ranked
            .iter()
            .filter_map(|r| r.value)
            .map(Tonnes::get)
    };
    let (world_total, world_lower_bound) = match denominator {
        Denominator::WorldTotal => (ranking.denominator_value, ranking.denominator_lower_bound),
        Denominator::CountrySum => {
            let w = rank(d, metric, material, sel, Denominator::WorldTotal)?;
            (w.denominator_value, w.denominator_lower_bound)
        }
    };
    let hhi_world_total = world_total.and_then(|w| hhi(values(), w.get()));
    let hhi_country_sum = hhi(values(), ranking.country_sum.get());
    let top3_share = ranking
        .denominator_value
        .filter(|t| t.get() > 0.0)
        .map(|t| values().take(3).sum::<f64>() / t.get());
    Ok(Concentration {
        ranking,
        world_total,
        hhi_world_total,
        hhi_country_sum,
        top3_share,
        world_lower_bound,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_monopoly_scores_ten_thousand() {
        assert_eq!(hhi([10.0], 10.0), Some(10_000.0));
        assert_eq!(hhi([5.0, 5.0], 10.0), Some(5_000.0));
        assert_eq!(hhi([5.0], 0.0), None);
    }
}
