//! Step 4, extract: a solution read back as the answer's tables (projects, output, costs,
//! feed, targets), with the targets' marginal costs and the binding rows from the LP
//! re-solved with the build decisions fixed.

use crate::build::Built;
use crate::check::{spend, Checked};
use crate::report::{Binding, ChosenProject, CostYear, FeedYear, OutputRow, TargetYear};
use lp::{Model, Row, Solution};
use model::plan::TargetKind;

/// Tolerance (t) under which a target counts as met and a row as binding.
const TOL: f64 = 1e-6;

/// A solution's tables.
#[derive(Debug, Clone, PartialEq)]
pub struct Extracted {
    /// Projects built.
    pub projects: Vec<ChosenProject>,
    /// Output.
    pub output: Vec<OutputRow>,
    /// Targets.
    pub targets: Vec<TargetYear>,
    /// Costs.
    pub costs: Vec<CostYear>,
    /// Feed.
    pub feed: Vec<FeedYear>,
    /// The decision chosen for each prepared candidate.
    pub decisions: Vec<Option<i32>>,
}

/// Reads the tables from a solution of `b`.
pub fn extract(c: &Checked<'_>, b: &Built, s: &Solution) -> Extracted {
    let r = &c.inputs.roadmap;
    let mut projects = Vec::new();
    let mut decisions = vec![None; c.candidates.len()];
    for (i, p) in c.candidates.iter().enumerate() {
        let cand = &c.inputs.candidates[p.index];
        if let Some(d) = crate::build::decision(&b.build[i], s) {
            decisions[i] = Some(d);
            projects.push(ChosenProject {
                project: cand.name.clone(),
                country: cand.country.as_str().into(),
                stage: cand
                    .stages
                    .iter()
                    .map(|s| s.id())
                    .collect::<Vec<_>>()
                    .join("+"),
                decide_year: d,
                first_output_year: p.first_output(cand, d),
                capacity_t: cand.capacity_t,
                basis: cand.basis.id().into(),
                capex: cand.capex_musd,
                opex: cand.opex_usd_per_t,
                currency: "USD-2024".into(),
                generic: cand.generic,
                decided_before: d < r.from,
            });
        }
    }
    projects.sort_by(|a, b| (a.decide_year, &a.project).cmp(&(b.decide_year, &b.project)));
    let mut output = Vec::new();
    for (k, &y) in c.years.iter().enumerate() {
        for (i, p) in c.candidates.iter().enumerate() {
            let Some(x) = b.output[i][k] else { continue };
            let t = s.value(x);
            if t <= TOL {
                continue;
            }
            let cand = &c.inputs.candidates[p.index];
            for (part, share) in &p.product {
                if *share > 0.0 {
                    output.push(OutputRow {
                        year: y,
                        project: cand.name.clone(),
                        element: part.id().into(),
                        t: t * share,
                    });
                }
            }
        }
    }
    let mut costs = Vec::new();
    let mut feed = Vec::new();
    for (k, &y) in c.years.iter().enumerate() {
        let mut capex = 0.0;
        let mut opex = 0.0;
        let mut conc = 0.0;
        let mut ox = 0.0;
        let mut coproducts = 0.0;
        for (i, p) in c.candidates.iter().enumerate() {
            let cand = &c.inputs.candidates[p.index];
            if let Some(d) = decisions[i] {
                capex += spend(cand.capex_musd, d, cand.lead_years, y);
            }
            if let Some(x) = b.output[i][k] {
                let t = s.value(x);
                opex += t * cand.opex_usd_per_t * 1e-6;
                match p.feed {
                    crate::check::Feed::Concentrate(a) => conc += a * t,
                    crate::check::Feed::Oxide(a) => ox += a * t,
                    crate::check::Feed::None => {}
                }
                coproducts += p.coproducts * t;
            }
        }
        let stocked = s.value(b.stock[k]);
        let coproduct_stock = stocked * r.coproducts.stock_usd_per_t * 1e-6;
        let total = capex + opex + coproduct_stock;
        costs.push(CostYear {
            year: y,
            capex,
            opex,
            coproduct_stock,
            total,
            discount_factor: c.discount[k],
            discounted: total * c.discount[k],
        });
        feed.push(FeedYear {
            year: y,
            concentrate_used: conc,
            concentrate_bought: s.value(b.market_concentrate[k]),
            oxide_used: ox,
            oxide_bought: s.value(b.market_oxide[k]),
            coproducts,
            coproducts_stocked: stocked,
        });
    }
    let mut targets = Vec::new();
    for (ti, pt) in c.targets.iter().enumerate() {
        let t = &r.targets[pt.index];
        for tr in &b.targets[ti] {
            let k = (tr.year - r.from) as usize;
            let mut own = pt.base;
            let mut all = pt.world;
            for &(i, a, member) in &pt.coefficients {
                if let Some(x) = b.output[i][k] {
                    let v = a * s.value(x);
                    all += v;
                    if member {
                        own += v;
                    }
                }
            }
            let demand = pt
                .demand
                .iter()
                .find(|(y, _)| *y == tr.year)
                .map_or(0.0, |p| p.1);
            let required = match &t.kind {
                TargetKind::Volume { tonnes } => *tonnes,
                TargetKind::Share { share } => share * all,
                TargetKind::SelfSufficiency { fraction } => fraction * demand,
                TargetKind::Diversification {
                    max_share,
                    supplier_share,
                    ..
                } => match supplier_share {
                    Some(sh) if sh.share > *max_share => demand * (1.0 - max_share / sh.share),
                    _ => 0.0,
                },
            };
            targets.push(TargetYear {
                year: tr.year,
                target: t.name.clone(),
                required,
                achieved: own,
                shadow_price: None,
                met: own + TOL >= required,
            });
        }
    }
    Extracted {
        projects,
        output,
        targets,
        costs,
        feed,
        decisions,
    }
}

fn binds(m: &Model, row: Row, values: &[f64]) -> bool {
    let rhs = m.rows[row.0].rhs.abs().max(1.0);
    m.slack(row, values) <= TOL * rhs
}

/// Fills the targets' marginal costs from the fixed LP's duals, and lists the rows that
/// bind: targets, feed and market rows in the fixed LP (with their duals), budget rows in
/// the MILP's solution.
pub fn marginal(
    c: &Checked<'_>,
    b: &Built,
    milp: &Solution,
    fixed: Option<&Solution>,
    e: &mut Extracted,
) -> Vec<Binding> {
    let r = &c.inputs.roadmap;
    let mut out = Vec::new();
    let usd = 1e6;
    let dual_of = |row: Row| -> Option<f64> {
        fixed
            .and_then(|f| f.dual(row))
            .filter(|d| d.abs() > 1e-9)
            .map(|d| d * usd)
    };
    let values = fixed.map_or(&milp.values, |f| &f.values);
    let mut n = 0;
    for (ti, pt) in c.targets.iter().enumerate() {
        let t = &r.targets[pt.index];
        for tr in &b.targets[ti] {
            let slot = n;
            n += 1;
            let Some(row) = tr.row else { continue };
            if !binds(&b.model, row, values) {
                continue;
            }
            let dual = dual_of(row);
            e.targets[slot].shadow_price = dual;
            out.push(Binding {
                constraint: format!("target {} {}", t.name, tr.year),
                kind: "target".into(),
                year: Some(tr.year),
                dual,
            });
        }
    }
    let mut rows: Vec<(Row, &str, Option<i32>)> = Vec::new();
    rows.extend(
        b.feed_concentrate
            .iter()
            .map(|(y, r)| (*r, "feed", Some(*y))),
    );
    rows.extend(b.feed_oxide.iter().map(|(y, r)| (*r, "feed", Some(*y))));
    for (y, rc, ro) in &b.market_rows {
        rows.push((*rc, "market", Some(*y)));
        rows.push((*ro, "market", Some(*y)));
    }
    for (row, kind, year) in rows {
        // A balance with nothing in it binds trivially; only rows that carry flows count.
        let carries = b.model.activity(row, values).abs() > TOL || b.model.rows[row.0].rhs > 0.0;
        if carries && binds(&b.model, row, values) {
            if let Some(d) = dual_of(row) {
                out.push(Binding {
                    constraint: b.model.rows[row.0].name.clone(),
                    kind: kind.into(),
                    year,
                    dual: Some(d),
                });
            }
        }
    }
    let budget_rows = b
        .budget_year
        .iter()
        .map(|(y, r)| (*r, Some(*y)))
        .chain(b.budget_total.map(|r| (r, None)));
    for (row, year) in budget_rows {
        if binds(&b.model, row, &milp.values) && b.model.activity(row, &milp.values) > TOL {
            out.push(Binding {
                constraint: b.model.rows[row.0].name.clone(),
                kind: "budget".into(),
                year,
                dual: None,
            });
        }
    }
    out
}
