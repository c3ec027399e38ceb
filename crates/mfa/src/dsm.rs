//! Inflow-driven and stock-driven dynamic stock models.
//!
//! Inflow-driven: `stock_by_cohort[t][c] = inflow[c]·sf[t][c]`; the outflow of a cohort is
//! the fall in its stock, `stock_by_cohort[t−1][c] − stock_by_cohort[t][c]`, and in its
//! inflow year `inflow[c]·(1 − sf[c][c])`; `stock_change[0] = stock[0]`.
//!
//! Stock-driven: `inflow[0] = stock[0]/sf[0][0]`, then
//! `inflow[m] = (stock[m] − Σ_{c<m} stock_by_cohort[m][c]) / sf[m][m]`. A lifetime with
//! `sf[m][m] = 0` cannot hold a stock and is an error (ODYM silently misses the target).
//! Negative inflow is carried as a negative cohort by default; with
//! [`NegativeInflow::Correct`] that year's inflow becomes 0 and every older cohort is cut by
//! the same fraction in that year and all later years, the cut added to that year's outflow.
//!
//! Survival depends only on age when every cohort has the same lifetime, so it is computed
//! once per age (`O(T)` survival evaluations and `O(T²)` multiply-adds).

use crate::error::MfaError;
use crate::survival::survival_curve;
use model::Lifetime;

/// The lifetime of each cohort.
#[derive(Debug, Clone, PartialEq)]
pub enum Lifetimes {
    /// One lifetime for every cohort.
    Same(Lifetime),
    /// One per cohort (year index).
    PerCohort(Vec<Lifetime>),
}

/// What to do when a stock-driven inflow comes out negative.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum NegativeInflow {
    /// Keep it as a negative cohort (ODYM's default).
    #[default]
    Allow,
    /// Set it to 0 and cut older cohorts (ODYM's `NegativeInflowCorrect=True`).
    Correct,
}

/// Whether to keep the cohort matrices.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Detail {
    /// Totals only.
    Totals,
    /// Totals and the `[t][c]` matrices.
    ByCohort,
}

/// A solved model. All series have one value per year.
#[derive(Debug, Clone, PartialEq)]
pub struct StockModel {
    /// Inflow (given, or solved in a stock-driven run).
    pub inflow: Vec<f64>,
    /// Stock at year end.
    pub stock: Vec<f64>,
    /// Outflow.
    pub outflow: Vec<f64>,
    /// Stock change (`stock[0]` in the first year).
    pub stock_change: Vec<f64>,
    /// `inflow − outflow − stock_change` (zero to rounding).
    pub balance: Vec<f64>,
    /// `[t][c]` stock by cohort, with [`Detail::ByCohort`].
    pub stock_by_cohort: Option<Vec<Vec<f64>>>,
    /// `[t][c]` outflow by cohort, with [`Detail::ByCohort`].
    pub outflow_by_cohort: Option<Vec<Vec<f64>>>,
}

/// Survival of each cohort by age: one shared curve, or one per cohort; with each curve
/// the share leaving at each age, `drops[a] = sf(a − 1) − sf(a)` (`1 − sf(0)` at age 0),
/// computed once so outflows come from differences of survival, not of stocks.
struct Survival {
    curves: Vec<Vec<f64>>,
    drops: Vec<Vec<f64>>,
}

impl Survival {
    fn new(lifetimes: &Lifetimes, n: usize) -> Result<Survival, MfaError> {
        let check = |i: usize, l: Lifetime| {
            l.validate()
                .map_err(|source| MfaError::Lifetime { index: i, source })
        };
        let curves: Vec<Vec<f64>> = match lifetimes {
            Lifetimes::Same(l) => vec![survival_curve(check(0, *l)?, n)],
            Lifetimes::PerCohort(v) if v.len() == n => v
                .iter()
                .enumerate()
                .map(|(c, l)| Ok(survival_curve(check(c, *l)?, n - c)))
                .collect::<Result<_, MfaError>>()?,
            Lifetimes::PerCohort(v) => {
                return Err(MfaError::LengthMismatch {
                    lifetimes: v.len(),
                    years: n,
                })
            }
        };
        let drops = curves
            .iter()
            .map(|c| {
                (0..c.len())
                    .map(|a| if a == 0 { 1.0 - c[0] } else { c[a - 1] - c[a] })
                    .collect()
            })
            .collect();
        Ok(Survival { curves, drops })
    }

    /// The survival and drop curves (indexed by age) of cohort `c`.
    #[inline]
    fn of(&self, c: usize) -> (&[f64], &[f64]) {
        let i = if self.curves.len() == 1 { 0 } else { c };
        (&self.curves[i], &self.drops[i])
    }

    /// sf[t][c] for t ≥ c.
    #[inline]
    fn sf(&self, t: usize, c: usize) -> f64 {
        match self.curves.len() {
            1 => self.curves[0][t - c],
            _ => self.curves[c][t - c],
        }
    }

    fn lifetime_label(lifetimes: &Lifetimes, c: usize) -> String {
        match lifetimes {
            Lifetimes::Same(l) => l.to_string(),
            Lifetimes::PerCohort(v) => v[c].to_string(),
        }
    }
}

fn check_series(values: &[f64], negative: impl Fn(usize, f64) -> MfaError) -> Result<(), MfaError> {
    if values.is_empty() {
        return Err(MfaError::Empty);
    }
    for (index, &value) in values.iter().enumerate() {
        if !value.is_finite() {
            return Err(MfaError::NotFinite { index, value });
        }
        if value < 0.0 {
            return Err(negative(index, value));
        }
    }
    Ok(())
}

/// Outflow, stock change and balance from inflow and stock, plus outflow by cohort from
/// stock by cohort when kept.
fn finish(
    inflow: Vec<f64>,
    stock: Vec<f64>,
    outflow: Vec<f64>,
    stock_by_cohort: Option<Vec<Vec<f64>>>,
    outflow_by_cohort: Option<Vec<Vec<f64>>>,
) -> StockModel {
    let stock_change: Vec<f64> = (0..stock.len())
        .map(|t| {
            if t == 0 {
                stock[0]
            } else {
                stock[t] - stock[t - 1]
            }
        })
        .collect();
    let balance = (0..stock.len())
        .map(|t| inflow[t] - outflow[t] - stock_change[t])
        .collect();
    StockModel {
        inflow,
        stock,
        outflow,
        stock_change,
        balance,
        stock_by_cohort,
        outflow_by_cohort,
    }
}

/// Solves an inflow-driven model.
pub fn inflow_driven(
    inflow: &[f64],
    lifetimes: &Lifetimes,
    detail: Detail,
) -> Result<StockModel, MfaError> {
    check_series(inflow, |index, value| MfaError::NegativeInflow {
        index,
        value,
    })?;
    let n = inflow.len();
    let sf = Survival::new(lifetimes, n)?;
    let mut stock = vec![0.0; n];
    let mut outflow = vec![0.0; n];
    match detail {
        Detail::Totals => {
            for c in 0..n {
                let i = inflow[c];
                let (curve, drop) = sf.of(c);
                for t in c..n {
                    stock[t] += i * curve[t - c];
                    outflow[t] += i * drop[t - c];
                }
            }
            Ok(finish(inflow.to_vec(), stock, outflow, None, None))
        }
        Detail::ByCohort => {
            let mut s = vec![vec![0.0; n]; n];
            let mut o = vec![vec![0.0; n]; n];
            for c in 0..n {
                let (curve, drop) = sf.of(c);
                for t in c..n {
                    s[t][c] = inflow[c] * curve[t - c];
                    // From the difference of survivals, not of stocks: the stocks are large and
                    // nearly equal early in a long life, and their difference loses the digits.
                    o[t][c] = inflow[c] * drop[t - c];
                }
            }
            for t in 0..n {
                stock[t] = s[t].iter().sum();
                outflow[t] = o[t].iter().sum();
            }
            Ok(finish(inflow.to_vec(), stock, outflow, Some(s), Some(o)))
        }
    }
}

/// Solves a stock-driven model: the inflow that keeps the stock on `stock`.
///
/// One pass over the years keeps only the previous year's cohort stocks (`O(T)` memory);
/// the matrices are recorded only with [`Detail::ByCohort`]. `factor[c]` is what remains of
/// cohort `c` after the cuts of corrected negative inflows so far.
pub fn stock_driven(
    stock: &[f64],
    lifetimes: &Lifetimes,
    negative: NegativeInflow,
    detail: Detail,
) -> Result<StockModel, MfaError> {
    check_series(stock, |index, value| MfaError::NegativeStock {
        index,
        value,
    })?;
    let n = stock.len();
    let sf = Survival::new(lifetimes, n)?;
    let mut inflow = vec![0.0; n];
    let mut stock_total = vec![0.0; n];
    let mut outflow = vec![0.0; n];
    let mut factor = vec![1.0; n];
    let mut cur = vec![0.0; n];
    let mut out_row = vec![0.0; n];
    let keep = detail == Detail::ByCohort;
    let (mut s_rows, mut o_rows) = (Vec::new(), Vec::new());
    // What remains of each cohort's inflow after cuts: inflow[c]·factor[c].
    let mut weight = vec![0.0; n];
    for m in 0..n {
        let mut older = 0.0;
        let mut leaving = 0.0;
        for c in 0..m {
            let (curve, drop) = sf.of(c);
            let a = m - c;
            cur[c] = weight[c] * curve[a];
            // The fall in the cohort's stock, from the difference of survivals (see inflow_driven).
            out_row[c] = weight[c] * drop[a];
            older += cur[c];
            leaving += out_row[c];
        }
        let needed = stock[m] - older;
        let sf_mm = sf.sf(m, m);
        if negative == NegativeInflow::Correct && needed < 0.0 {
            // Cut every older cohort by the same fraction from this year on.
            let fraction = if older != 0.0 { -needed / older } else { 0.0 };
            for c in 0..m {
                let cut = cur[c] * fraction;
                out_row[c] += cut;
                cur[c] -= cut;
                factor[c] *= 1.0 - fraction;
                weight[c] = inflow[c] * factor[c];
            }
            leaving += -needed;
            older += needed;
            inflow[m] = 0.0;
        } else if sf_mm == 0.0 {
            if needed != 0.0 {
                return Err(MfaError::CannotHoldStock {
                    index: m,
                    lifetime: Survival::lifetime_label(lifetimes, m),
                    stock: stock[m],
                });
            }
            inflow[m] = 0.0;
        } else {
            inflow[m] = needed / sf_mm;
        }
        weight[m] = inflow[m] * factor[m];
        cur[m] = inflow[m] * sf_mm;
        out_row[m] = inflow[m] * sf.of(m).1[0];
        stock_total[m] = older + cur[m];
        outflow[m] = leaving + out_row[m];
        if keep {
            let mut s_row = vec![0.0; n];
            s_row[..=m].copy_from_slice(&cur[..=m]);
            let mut o_row = vec![0.0; n];
            o_row[..=m].copy_from_slice(&out_row[..=m]);
            s_rows.push(s_row);
            o_rows.push(o_row);
        }
    }
    Ok(if keep {
        finish(inflow, stock_total, outflow, Some(s_rows), Some(o_rows))
    } else {
        finish(inflow, stock_total, outflow, None, None)
    })
}
