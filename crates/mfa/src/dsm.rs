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
    pub stock_by_cohort: Option<CohortMatrix>,
    /// `[t][c]` outflow by cohort, with [`Detail::ByCohort`].
    pub outflow_by_cohort: Option<CohortMatrix>,
}

/// A square `[t][c]` matrix (row = year index, column = cohort index) in one row-major
/// allocation: one allocation instead of one per row, and rows written in memory order,
/// which is what makes the cohort-matrix runs fast. `m[t][c]` reads as with nested vectors.
#[derive(Debug, Clone, PartialEq)]
pub struct CohortMatrix {
    n: usize,
    data: Vec<f64>,
}

impl CohortMatrix {
    fn zeros(n: usize) -> CohortMatrix {
        CohortMatrix {
            n,
            data: vec![0.0; n * n],
        }
    }

    /// Years (and cohorts).
    pub fn len(&self) -> usize {
        self.n
    }

    /// Whether the matrix has no years.
    pub fn is_empty(&self) -> bool {
        self.n == 0
    }

    /// Row `t` mutably.
    fn row_mut(&mut self, t: usize) -> &mut [f64] {
        &mut self.data[t * self.n..(t + 1) * self.n]
    }

    /// The rows, in year order.
    pub fn rows(&self) -> impl Iterator<Item = &[f64]> {
        self.data.chunks(self.n.max(1)).take(self.n)
    }

    /// The rows as nested vectors.
    pub fn to_rows(&self) -> Vec<Vec<f64>> {
        self.rows().map(<[f64]>::to_vec).collect()
    }
}

/// Cohort matrices kept between runs of the same length, so that many runs (regions, Monte
/// Carlo draws) do not allocate and fault in two fresh `T × T` matrices each: pass it to
/// [`inflow_driven_with`] or [`stock_driven_with`] and give each result back with
/// [`Workspace::recycle`]. Only the lower triangle (`c ≤ t`) is ever written, and every run
/// writes all of it, so a recycled matrix needs no clearing.
#[derive(Debug, Default)]
pub struct Workspace {
    spare: Vec<CohortMatrix>,
}

impl Workspace {
    /// Keeps the matrices of a model that is no longer needed.
    pub fn recycle(&mut self, model: StockModel) {
        self.spare.extend(
            model
                .stock_by_cohort
                .into_iter()
                .chain(model.outflow_by_cohort),
        );
    }

    fn matrix(&mut self, n: usize) -> CohortMatrix {
        match self.spare.iter().position(|m| m.n == n) {
            Some(i) => self.spare.swap_remove(i),
            None => CohortMatrix::zeros(n),
        }
    }
}

impl std::ops::Index<usize> for CohortMatrix {
    type Output = [f64];
    fn index(&self, t: usize) -> &[f64] {
        &self.data[t * self.n..(t + 1) * self.n]
    }
}

/// Survival of each cohort by age: one curve per distinct lifetime (cohorts that share a
/// lifetime share its curve, so per-cohort lifetimes cost memory per distinct lifetime, not
/// per cohort); with each curve the share leaving at each age, `drops[a] = sf(a − 1) −
/// sf(a)` (`1 − sf(0)` at age 0), computed once so outflows come from differences of
/// survival, not of stocks.
struct Survival {
    curves: Vec<Vec<f64>>,
    drops: Vec<Vec<f64>>,
    /// The curve of each cohort (empty when there is one curve for all).
    of_cohort: Vec<usize>,
}

/// The bytes a run of `n` years needs: its series, one survival and one drop curve per
/// distinct lifetime, and with [`Detail::ByCohort`] two `n × n` matrices. Callers compare
/// it with a limit before running, so a run that cannot fit is refused, not aborted.
pub fn memory_needed(n: usize, lifetimes: &Lifetimes, detail: Detail) -> u64 {
    let n = n as u64;
    let distinct = match lifetimes {
        Lifetimes::Same(_) => 1,
        Lifetimes::PerCohort(v) => {
            let mut seen: Vec<&Lifetime> = Vec::new();
            for l in v {
                if !seen.contains(&l) {
                    seen.push(l);
                    if seen.len() > 4096 {
                        break;
                    }
                }
            }
            seen.len() as u64
        }
    };
    let series = 12 * n * 8;
    let curves = 2 * distinct * n * 8;
    let matrices = match detail {
        Detail::Totals => 0,
        Detail::ByCohort => 2 * n * n * 8,
    };
    series + curves + matrices
}

impl Survival {
    fn new(lifetimes: &Lifetimes, n: usize) -> Result<Survival, MfaError> {
        let check = |i: usize, l: Lifetime| {
            l.validate()
                .map_err(|problem| MfaError::Lifetime { index: i, problem })
        };
        let degenerate = |c: usize, l: Lifetime, curve: &[f64]| match curve
            .iter()
            .position(|x| !x.is_finite() || !(0.0..=1.0).contains(x))
        {
            Some(age) => Err(MfaError::DegenerateLifetime {
                index: c,
                lifetime: l.to_string(),
                age,
            }),
            None => Ok(()),
        };
        let mut distinct: Vec<Lifetime> = Vec::new();
        let mut of_cohort = Vec::new();
        let mut curves: Vec<Vec<f64>> = Vec::new();
        match lifetimes {
            Lifetimes::Same(l) => {
                let curve = survival_curve(check(0, *l)?, n);
                degenerate(0, *l, &curve)?;
                curves.push(curve);
            }
            Lifetimes::PerCohort(v) if v.len() == n => {
                for (c, l) in v.iter().enumerate() {
                    let i = match distinct.iter().position(|d| d == l) {
                        Some(i) => i,
                        None => {
                            let curve = survival_curve(check(c, *l)?, n);
                            degenerate(c, *l, &curve)?;
                            distinct.push(*l);
                            curves.push(curve);
                            curves.len() - 1
                        }
                    };
                    of_cohort.push(i);
                }
            }
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
        Ok(Survival {
            curves,
            drops,
            of_cohort,
        })
    }

    /// The survival and drop curves (indexed by age) of cohort `c`.
    #[inline]
    fn of(&self, c: usize) -> (&[f64], &[f64]) {
        let i = self.of_cohort.get(c).copied().unwrap_or(0);
        (&self.curves[i], &self.drops[i])
    }

    /// With one curve for every cohort: the survival and drop curves reversed (index
    /// `n − 1 − age`), for row-wise products.
    fn reversed(&self) -> Option<(Vec<f64>, Vec<f64>)> {
        match (self.curves.as_slice(), self.drops.as_slice()) {
            ([curve], [drop]) if self.of_cohort.is_empty() => Some((
                curve.iter().rev().copied().collect(),
                drop.iter().rev().copied().collect(),
            )),
            _ => None,
        }
    }

    /// sf[t][c] for t ≥ c.
    #[inline]
    fn sf(&self, t: usize, c: usize) -> f64 {
        self.of(c).0[t - c]
    }

    fn lifetime_label(lifetimes: &Lifetimes, c: usize) -> String {
        match lifetimes {
            Lifetimes::Same(l) => l.to_string(),
            Lifetimes::PerCohort(v) => v[c].to_string(),
        }
    }
}

/// A sum in eight interleaved lanes: the additions do not wait on each other, which is what
/// bounds the stock-driven model's speed (its year-by-year solve cannot be reordered).
fn sum(xs: &[f64]) -> f64 {
    let chunks = xs.chunks_exact(8);
    let tail: f64 = chunks.remainder().iter().sum();
    let lanes = chunks.fold([0.0f64; 8], |mut acc, c| {
        for (a, x) in acc.iter_mut().zip(c) {
            *a += x;
        }
        acc
    });
    lanes.iter().sum::<f64>() + tail
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

/// The first non-finite value of a result, named: a result that overflowed is an error
/// with the year that overflowed, never `inf` or `NaN` printed as a number.
fn check_finite(m: StockModel) -> Result<StockModel, MfaError> {
    for (what, series) in [
        ("inflow", &m.inflow),
        ("stock", &m.stock),
        ("outflow", &m.outflow),
        ("stock change", &m.stock_change),
        ("balance", &m.balance),
    ] {
        if let Some(index) = series.iter().position(|x| !x.is_finite()) {
            return Err(MfaError::Overflow {
                index,
                what: what.into(),
            });
        }
    }
    for matrix in [&m.stock_by_cohort, &m.outflow_by_cohort]
        .into_iter()
        .flatten()
    {
        if let Some((t, _)) = matrix
            .rows()
            .enumerate()
            .find(|(_, r)| r.iter().any(|x| !x.is_finite()))
        {
            return Err(MfaError::Overflow {
                index: t,
                what: "by cohort".into(),
            });
        }
    }
    Ok(m)
}

/// Outflow, stock change and balance from inflow and stock, plus outflow by cohort from
/// stock by cohort when kept.
fn finish(
    inflow: Vec<f64>,
    stock: Vec<f64>,
    outflow: Vec<f64>,
    stock_by_cohort: Option<CohortMatrix>,
    outflow_by_cohort: Option<CohortMatrix>,
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
    inflow_driven_with(inflow, lifetimes, detail, &mut Workspace::default())
}

/// [`inflow_driven`], taking its cohort matrices from `ws`.
pub fn inflow_driven_with(
    inflow: &[f64],
    lifetimes: &Lifetimes,
    detail: Detail,
    ws: &mut Workspace,
) -> Result<StockModel, MfaError> {
    check_series(inflow, |index, value| MfaError::NegativeInflow {
        index,
        value,
    })?;
    let n = inflow.len();
    let sf = Survival::new(lifetimes, n)?;
    let mut stock = vec![0.0; n];
    let mut outflow = vec![0.0; n];
    // Totals the same way at both detail levels (cohort-major, vectorisable over years), so
    // that they agree to the bit and never wait on a long chain of additions.
    for c in 0..n {
        let i = inflow[c];
        let (curve, drop) = sf.of(c);
        for t in c..n {
            stock[t] += i * curve[t - c];
            // From the difference of survivals, not of stocks: the stocks are large and
            // nearly equal early in a long life, and their difference loses the digits.
            outflow[t] += i * drop[t - c];
        }
    }
    if detail == Detail::Totals {
        return check_finite(finish(inflow.to_vec(), stock, outflow, None, None));
    }
    let mut s = ws.matrix(n);
    let mut o = ws.matrix(n);
    if let Some((rev_curve, rev_drop)) = sf.reversed() {
        // One curve for all cohorts: row t is inflow[..=t] times the curve read backwards
        // from age t, contiguous in both, so the row is a plain vectorisable product.
        for t in 0..n {
            let k = n - 1 - t;
            for ((x, i), f) in s.row_mut(t)[..=t]
                .iter_mut()
                .zip(&inflow[..=t])
                .zip(&rev_curve[k..])
            {
                *x = i * f;
            }
            for ((x, i), f) in o.row_mut(t)[..=t]
                .iter_mut()
                .zip(&inflow[..=t])
                .zip(&rev_drop[k..])
            {
                *x = i * f;
            }
        }
    } else {
        for t in 0..n {
            let (s_row, o_row) = (s.row_mut(t), o.row_mut(t));
            for c in 0..=t {
                let (curve, drop) = sf.of(c);
                s_row[c] = inflow[c] * curve[t - c];
                o_row[c] = inflow[c] * drop[t - c];
            }
        }
    }
    check_finite(finish(inflow.to_vec(), stock, outflow, Some(s), Some(o)))
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
    stock_driven_with(
        stock,
        lifetimes,
        negative,
        detail,
        &mut Workspace::default(),
    )
}

/// [`stock_driven`], taking its cohort matrices from `ws`.
pub fn stock_driven_with(
    stock: &[f64],
    lifetimes: &Lifetimes,
    negative: NegativeInflow,
    detail: Detail,
    ws: &mut Workspace,
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
    let (mut s_rows, mut o_rows) = if keep {
        (ws.matrix(n), ws.matrix(n))
    } else {
        (CohortMatrix::zeros(0), CohortMatrix::zeros(0))
    };
    // What remains of each cohort's inflow after cuts: inflow[c]·factor[c].
    let mut weight = vec![0.0; n];
    let reversed = sf.reversed();
    for m in 0..n {
        // The older cohorts' stocks and outflows this year; the outflow is the fall in the
        // cohort's stock, from the difference of survivals (see inflow_driven).
        if let Some((rev_curve, rev_drop)) = &reversed {
            // One curve for all cohorts: curve[m − c] is rev_curve[n − 1 − m + c], contiguous.
            let k = n - 1 - m;
            for ((x, w), f) in cur[..m].iter_mut().zip(&weight[..m]).zip(&rev_curve[k..]) {
                *x = w * f;
            }
            for ((x, w), f) in out_row[..m]
                .iter_mut()
                .zip(&weight[..m])
                .zip(&rev_drop[k..])
            {
                *x = w * f;
            }
        } else {
            for c in 0..m {
                let (curve, drop) = sf.of(c);
                cur[c] = weight[c] * curve[m - c];
                out_row[c] = weight[c] * drop[m - c];
            }
        }
        let mut older = sum(&cur[..m]);
        let mut leaving = sum(&out_row[..m]);
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
            s_rows.row_mut(m)[..=m].copy_from_slice(&cur[..=m]);
            o_rows.row_mut(m)[..=m].copy_from_slice(&out_row[..=m]);
        }
    }
    check_finite(if keep {
        finish(inflow, stock_total, outflow, Some(s_rows), Some(o_rows))
    } else {
        finish(inflow, stock_total, outflow, None, None)
    })
}
