//! Step 2, build: the MILP of `docs/model/plan.md` as an [`lp::Model`], with an index of
//! every variable and row so that the later steps can read a solution and say which row
//! binds. Costs are in million USD of 2024, discounted to the first year.

use crate::check::{ramp, spend, Checked, Feed, Supply};
use lp::{Cmp, Model, Row, Var};
use model::plan::TargetKind;

/// Which variant of the model to build.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Variant {
    /// Targets get an unmet variable `u ≥ 0` each year; the objective is `Σ u` (unless
    /// `costs` too).
    pub elastic: bool,
    /// In an elastic model, keep the costs in the objective (phase 2 of "closest feasible").
    pub costs: bool,
    /// Leave out the budget rows.
    pub no_budget: bool,
    /// Let the group buy any amount of feed from the baseline market.
    pub unlimited_market: bool,
}

/// A target's row in one year.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TargetRow {
    /// Year.
    pub year: i32,
    /// The row (`None` where the target holds without one).
    pub row: Option<Row>,
    /// The unmet variable of an elastic model.
    pub unmet: Option<Var>,
}

/// The model and where everything is in it.
#[derive(Debug, Clone)]
pub struct Built {
    /// The model.
    pub model: Model,
    /// `build[p, d]`: per prepared candidate, `(decision year, variable)`.
    pub build: Vec<Vec<(i32, Var)>>,
    /// `output[p, t]`: per prepared candidate, per horizon year (none before it can produce).
    pub output: Vec<Vec<Option<Var>>>,
    /// Concentrate bought from the market, per year.
    pub market_concentrate: Vec<Var>,
    /// Oxide bought from the market, per year.
    pub market_oxide: Vec<Var>,
    /// Co-products sold, per year.
    pub sold: Vec<Var>,
    /// Co-products stocked, per year.
    pub stock: Vec<Var>,
    /// Per target, its rows by year.
    pub targets: Vec<Vec<TargetRow>>,
    /// Budget rows per year.
    pub budget_year: Vec<(i32, Row)>,
    /// The total budget row.
    pub budget_total: Option<Row>,
    /// Concentrate balance per year.
    pub feed_concentrate: Vec<(i32, Row)>,
    /// Oxide balance per year.
    pub feed_oxide: Vec<(i32, Row)>,
    /// The cap on market purchases per year: `(year, concentrate row, oxide row)`.
    pub market_rows: Vec<(i32, Row, Row)>,
}

/// Builds the model.
pub fn build(c: &Checked<'_>, v: Variant) -> Built {
    let r = &c.inputs.roadmap;
    let ny = c.years.len();
    let yi = |y: i32| (y - r.from) as usize;
    let mut m = Model::new();
    let cost_on = !v.elastic || v.costs;
    let musd = 1e-6;
    // Decisions: build[p, d] with its discounted capex in the objective. (Writing them as
    // "decided by year d" instead, monotone in d, was tried: HiGHS took minutes instead of
    // seconds on the benchmark.)
    let mut build = Vec::with_capacity(c.candidates.len());
    for p in &c.candidates {
        let cand = &c.inputs.candidates[p.index];
        let vars = p
            .decisions
            .iter()
            .map(|&d| {
                let cost: f64 = c
                    .years
                    .iter()
                    .zip(&c.discount)
                    .map(|(&y, df)| df * spend(cand.capex_musd, d, cand.lead_years, y))
                    .sum();
                (
                    d,
                    m.binary(
                        format!("build[{},{d}]", cand.name),
                        if cost_on { cost } else { 0.0 },
                    ),
                )
            })
            .collect::<Vec<_>>();
        let once: Vec<(Var, f64)> = vars.iter().map(|(_, b)| (*b, 1.0)).collect();
        m.add_row(
            format!("once[{}]", cand.name),
            once,
            if cand.required { Cmp::Eq } else { Cmp::Le },
            1.0,
        );
        build.push(vars);
    }
    // Output: output[p, t] ≤ capacity × Σ_d ramp(t − d − L) build[p, d].
    let mut output = Vec::with_capacity(c.candidates.len());
    for (i, p) in c.candidates.iter().enumerate() {
        let cand = &c.inputs.candidates[p.index];
        let mut row = vec![None; ny];
        for (k, &t) in c.years.iter().enumerate() {
            let terms: Vec<(Var, f64)> = build[i]
                .iter()
                .map(|&(d, b)| {
                    (
                        b,
                        cand.capacity_t * ramp(t - p.first_output(cand, d), cand.ramp_years),
                    )
                })
                .filter(|(_, a)| *a > 0.0)
                .collect();
            if terms.is_empty() {
                continue;
            }
            let opex = if cost_on {
                c.discount[k] * cand.opex_usd_per_t * musd
            } else {
                0.0
            };
            let x = m.continuous(
                format!("output[{},{t}]", cand.name),
                0.0,
                cand.capacity_t,
                opex,
            );
            m.add_row(
                format!("capacity[{},{t}]", cand.name),
                std::iter::once((x, 1.0)).chain(terms.into_iter().map(|(b, a)| (b, -a))),
                Cmp::Le,
                0.0,
            );
            row[k] = Some(x);
        }
        output.push(row);
    }
    // Feed balances and market purchases.
    let limit = if v.unlimited_market {
        f64::INFINITY
    } else {
        r.market_feed_t
    };
    let big = f64::INFINITY;
    let mut market_concentrate = Vec::with_capacity(ny);
    let mut market_oxide = Vec::with_capacity(ny);
    let mut feed_concentrate = Vec::new();
    let mut feed_oxide = Vec::new();
    let mut market_rows = Vec::new();
    for (k, &t) in c.years.iter().enumerate() {
        let mc = m.continuous(format!("market_concentrate[{t}]"), 0.0, big, 0.0);
        let mo = m.continuous(format!("market_oxide[{t}]"), 0.0, big, 0.0);
        let mut conc = vec![(mc, -1.0)];
        let mut ox = vec![(mo, -1.0)];
        for (i, p) in c.candidates.iter().enumerate() {
            let Some(x) = output[i][k] else { continue };
            match p.feed {
                Feed::Concentrate(a) => conc.push((x, a)),
                Feed::Oxide(a) => ox.push((x, a)),
                Feed::None => {}
            }
            match p.supply {
                Supply::Concentrate(a) => conc.push((x, -a)),
                Supply::Oxide(a) => ox.push((x, -a)),
                Supply::None => {}
            }
        }
        feed_concentrate.push((
            t,
            m.add_row(
                format!("feed concentrate {t}"),
                conc,
                Cmp::Le,
                c.spare_concentrate,
            ),
        ));
        feed_oxide.push((
            t,
            m.add_row(format!("feed oxide {t}"), ox, Cmp::Le, c.spare_oxide),
        ));
        if limit.is_finite() {
            market_rows.push((
                t,
                m.add_row(
                    format!("market concentrate {t}"),
                    [(mc, 1.0)],
                    Cmp::Le,
                    limit,
                ),
                m.add_row(format!("market oxide {t}"), [(mo, 1.0)], Cmp::Le, limit),
            ));
        }
        market_concentrate.push(mc);
        market_oxide.push(mo);
    }
    // Co-products: sold (up to the market) or stocked at a cost.
    let mut sold = Vec::with_capacity(ny);
    let mut stock = Vec::with_capacity(ny);
    for (k, &t) in c.years.iter().enumerate() {
        let s = m.continuous(
            format!("coproducts sold {t}"),
            0.0,
            r.coproducts.market_t,
            0.0,
        );
        let stock_cost = if cost_on {
            c.discount[k] * r.coproducts.stock_usd_per_t * musd
        } else {
            0.0
        };
        let st = m.continuous(format!("coproducts stocked {t}"), 0.0, big, stock_cost);
        let mut terms = vec![(s, -1.0), (st, -1.0)];
        for (i, p) in c.candidates.iter().enumerate() {
            if let Some(x) = output[i][k] {
                if p.coproducts > 0.0 {
                    terms.push((x, p.coproducts));
                }
            }
        }
        m.add_row(format!("coproducts {t}"), terms, Cmp::Eq, 0.0);
        sold.push(s);
        stock.push(st);
    }
    // Targets.
    let mut targets = Vec::with_capacity(c.targets.len());
    for pt in &c.targets {
        let t = &r.targets[pt.index];
        let theta = match t.kind {
            TargetKind::Share { share } => Some(share),
            _ => None,
        };
        let mut rows = Vec::new();
        for &(y, rhs) in &pt.rows {
            let k = yi(y);
            let Some(rhs) = rhs else {
                rows.push(TargetRow {
                    year: y,
                    row: None,
                    unmet: None,
                });
                continue;
            };
            let mut terms: Vec<(Var, f64)> = Vec::new();
            for &(i, a, member) in &pt.coefficients {
                let Some(x) = output[i][k] else { continue };
                let coef = match (theta, member) {
                    (None, true) => a,
                    (None, false) => 0.0,
                    (Some(th), true) => (1.0 - th) * a,
                    (Some(th), false) => -th * a,
                };
                if coef != 0.0 {
                    terms.push((x, coef));
                }
            }
            let unmet = v
                .elastic
                .then(|| m.continuous(format!("unmet[{},{y}]", t.name), 0.0, big, 1.0));
            if let Some(u) = unmet {
                terms.push((u, 1.0));
            }
            let row = m.add_row(format!("target {} {y}", t.name), terms, Cmp::Ge, rhs);
            rows.push(TargetRow {
                year: y,
                row: Some(row),
                unmet,
            });
        }
        targets.push(rows);
    }
    // Budgets (capex spent in each year, undiscounted).
    let mut budget_year = Vec::new();
    let mut budget_total = None;
    if !v.no_budget {
        let spending = |y: Option<i32>| -> Vec<(Var, f64)> {
            let mut terms = Vec::new();
            for (i, p) in c.candidates.iter().enumerate() {
                let cand = &c.inputs.candidates[p.index];
                for &(d, b) in &build[i] {
                    let s: f64 = match y {
                        Some(y) => spend(cand.capex_musd, d, cand.lead_years, y),
                        None => c
                            .years
                            .iter()
                            .map(|&y| spend(cand.capex_musd, d, cand.lead_years, y))
                            .sum(),
                    };
                    if s > 0.0 {
                        terms.push((b, s));
                    }
                }
            }
            terms
        };
        if let Some(limit) = r.budget.per_year_musd {
            for &y in &c.years {
                budget_year.push((
                    y,
                    m.add_row(format!("budget {y}"), spending(Some(y)), Cmp::Le, limit),
                ));
            }
        }
        if let Some(limit) = r.budget.total_musd {
            budget_total = Some(m.add_row("budget total", spending(None), Cmp::Le, limit));
        }
    }
    Built {
        model: m,
        build,
        output,
        market_concentrate,
        market_oxide,
        sold,
        stock,
        targets,
        budget_year,
        budget_total,
        feed_concentrate,
        feed_oxide,
        market_rows,
    }
}

/// The decision year of a solution: the `d` whose `build[p, d]` is 1.
pub fn decision(vars: &[(i32, Var)], s: &lp::Solution) -> Option<i32> {
    vars.iter()
        .find(|(_, v)| s.value(*v) > 0.5)
        .map(|(d, _)| *d)
}
