//! Steps 3 and 5, solve and report: the MILP solved; when optimal, the LP re-solved with
//! the build decisions fixed for the targets' marginal costs; when infeasible, the target
//! and year that cannot be met and the constraint that stops it (lead times, capacity,
//! budget or feed), and the closest feasible plan when the roadmap asks for it.

use crate::build::{build, Built, Variant};
use crate::check::{check, ramp, Checked};
use crate::error::PlanError;
use crate::extract::{extract, marginal};
use crate::report::{Excluded, Infeasibility, Plan, Status};
use lp::{Cmp, LpError, Options, Outcome, Solution, Solver};
use model::plan::{PlanInputs, TargetKind};

/// What running one model gave.
enum Run {
    Solved(Solution),
    Infeasible,
    Stopped,
    Failed(String),
}

struct Runner<'s> {
    solver: &'s dyn Solver,
    options: Options,
    seconds: f64,
}

impl Runner<'_> {
    fn run(&mut self, m: &lp::Model) -> Result<Run, PlanError> {
        match self.solver.solve(m, &self.options) {
            Ok(Outcome::Solved(s)) => {
                self.seconds += s.seconds;
                Ok(Run::Solved(s))
            }
            Ok(Outcome::Infeasible) => Ok(Run::Infeasible),
            // Every variable of the planner's models is bounded, so this is a solver fault.
            Ok(Outcome::Unbounded) => Ok(Run::Failed("unbounded".into())),
            Ok(Outcome::Stopped { seconds, .. }) => {
                self.seconds += seconds;
                Ok(Run::Stopped)
            }
            Err(LpError::InvalidModel(e)) => Err(PlanError::Model(e)),
            Err(e @ LpError::Solver { .. }) => Ok(Run::Failed(e.to_string())),
        }
    }
}

fn empty(c: &Checked<'_>, status: Status, seconds: f64, notes: Vec<String>) -> Plan {
    Plan {
        status,
        closest: false,
        objective: None,
        bound: None,
        gap: None,
        seconds,
        projects: Vec::new(),
        output: Vec::new(),
        targets: Vec::new(),
        costs: Vec::new(),
        feed: Vec::new(),
        binding: Vec::new(),
        infeasible: None,
        excluded: excluded(c),
        notes,
    }
}

fn excluded(c: &Checked<'_>) -> Vec<Excluded> {
    c.excluded
        .iter()
        .map(|(name, reason)| Excluded {
            project: name.clone(),
            country: c
                .inputs
                .candidates
                .iter()
                .find(|x| &x.name == name)
                .map_or(String::new(), |x| x.country.as_str().into()),
            reason: reason.clone(),
        })
        .collect()
}

/// Plans a roadmap: check → build → solve → extract → report.
pub fn plan(inputs: &PlanInputs, solver: &dyn Solver) -> Result<Plan, PlanError> {
    let c = check(inputs)?;
    let limits = inputs.roadmap.limits;
    let mut runner = Runner {
        solver,
        options: Options {
            time_limit: Some(limits.time_limit_s),
            mip_rel_gap: Some(limits.mip_gap),
            threads: None,
        },
        seconds: 0.0,
    };
    let mut notes = c.notes.clone();
    let b = build(&c, Variant::default());
    match runner.run(&b.model)? {
        Run::Solved(s) => Ok(answer(&c, &b, s, &mut runner, notes)),
        Run::Stopped => {
            notes.push(format!(
                "the solver stopped at its time limit ({} s) before finding a plan",
                limits.time_limit_s
            ));
            Ok(empty(&c, Status::TimeLimit, runner.seconds, notes))
        }
        Run::Failed(e) => {
            notes.push(e);
            Ok(empty(&c, Status::Error, runner.seconds, notes))
        }
        Run::Infeasible => infeasible(&c, &mut runner, notes),
    }
}

/// A feasible solution as the answer, with marginal costs when it is optimal.
fn answer(
    c: &Checked<'_>,
    b: &Built,
    s: Solution,
    runner: &mut Runner<'_>,
    mut notes: Vec<String>,
) -> Plan {
    let status = match s.status {
        lp::Status::Optimal => Status::Optimal,
        lp::Status::TimeLimit => Status::TimeLimit,
        lp::Status::GapLimit => Status::GapLimit,
    };
    let mut e = extract(c, b, &s);
    let fixed = b.model.fixed(&s.values);
    let fixed_solution = match runner.run(&fixed) {
        Ok(Run::Solved(f)) => Some(f),
        _ => {
            notes.push(
                "the LP with the build decisions fixed did not solve: no marginal costs".into(),
            );
            None
        }
    };
    let binding = marginal(c, b, &s, fixed_solution.as_ref(), &mut e);
    Plan {
        status,
        closest: false,
        objective: Some(s.objective),
        bound: Some(s.bound),
        gap: Some(s.gap),
        seconds: runner.seconds,
        projects: e.projects,
        output: e.output,
        targets: e.targets,
        costs: e.costs,
        feed: e.feed,
        binding,
        infeasible: None,
        excluded: excluded(c),
        notes,
    }
}

/// The most the target's group can reach in `year` with every candidate built as early as
/// it can be (lead times and capacity only, no budget and no feed limit), and the earliest
/// first output among the candidates that could add to it but come later.
fn technical_max(c: &Checked<'_>, ti: usize, year: i32) -> (f64, Option<(String, i32)>) {
    let pt = &c.targets[ti];
    let mut own = pt.base;
    let mut later: Option<(String, i32)> = None;
    for &(i, a, member) in &pt.coefficients {
        if !member || a <= 0.0 {
            continue;
        }
        let p = &c.candidates[i];
        let cand = &c.inputs.candidates[p.index];
        let first = p
            .decisions
            .iter()
            .map(|d| p.first_output(cand, *d))
            .min()
            .unwrap_or(i32::MAX);
        if first <= year {
            own += a * cand.capacity_t * ramp(year - first, cand.ramp_years);
        } else if later.as_ref().is_none_or(|(_, y)| first < *y) {
            later = Some((cand.name.clone(), first));
        }
    }
    let t = &c.inputs.roadmap.targets[pt.index];
    for (p, first) in &c.late {
        let cand = &c.inputs.candidates[p.index];
        let counts =
            t.group.contains(cand.country) && p.contribution(cand, t.stage, t.material) > 0.0;
        if counts && later.as_ref().is_none_or(|(_, y)| first < y) {
            later = Some((cand.name.clone(), *first));
        }
    }
    (own, later)
}

/// The first unmet (target, year) of an elastic solution, with the unmet tonnes.
fn first_unmet(b: &Built, s: &Solution) -> Option<(usize, i32, f64)> {
    let mut best: Option<(usize, i32, f64)> = None;
    for (ti, rows) in b.targets.iter().enumerate() {
        for tr in rows {
            let Some(u) = tr.unmet else { continue };
            let v = s.value(u);
            if v > 1e-6 && best.is_none_or(|(bt, by, _)| (tr.year, ti) < (by, bt)) {
                best = Some((ti, tr.year, v));
            }
        }
    }
    best
}

fn unmet_at(b: &Built, s: &Solution, ti: usize, year: i32) -> f64 {
    b.targets[ti]
        .iter()
        .find(|tr| tr.year == year)
        .and_then(|tr| tr.unmet)
        .map_or(0.0, |u| s.value(u))
}

/// The requirement of a target in a year, t (for a share: of the world as it stands in the
/// closest plan).
fn required_in(c: &Checked<'_>, e: &crate::extract::Extracted, ti: usize, year: i32) -> f64 {
    let name = &c.inputs.roadmap.targets[c.targets[ti].index].name;
    e.targets
        .iter()
        .find(|t| &t.target == name && t.year == year)
        .map_or(0.0, |t| t.required)
}

/// An infeasible roadmap: which target and year cannot be met and why; the closest plan
/// when asked.
fn infeasible(
    c: &Checked<'_>,
    runner: &mut Runner<'_>,
    mut notes: Vec<String>,
) -> Result<Plan, PlanError> {
    let r = &c.inputs.roadmap;
    let elastic = build(
        c,
        Variant {
            elastic: true,
            ..Variant::default()
        },
    );
    let s = match runner.run(&elastic.model)? {
        Run::Solved(s) => s,
        Run::Infeasible => {
            notes.push("the roadmap's other constraints cannot be met even with every target relaxed (a required project that cannot be afforded?)".into());
            return Ok(empty(c, Status::Infeasible, runner.seconds, notes));
        }
        Run::Stopped => {
            notes.push("the solver stopped at its time limit while looking for the target that cannot be met".into());
            return Ok(empty(c, Status::TimeLimit, runner.seconds, notes));
        }
        Run::Failed(e) => {
            notes.push(e);
            return Ok(empty(c, Status::Error, runner.seconds, notes));
        }
    };
    let total_unmet = s.objective;
    let Some((ti, year, _)) = first_unmet(&elastic, &s) else {
        notes.push(
            "the MILP was infeasible but no target is unmet when relaxed: a numerical edge case"
                .into(),
        );
        return Ok(empty(c, Status::Infeasible, runner.seconds, notes));
    };
    let target = &r.targets[c.targets[ti].index];
    let mut ex = extract(c, &elastic, &s);
    let required = required_in(c, &ex, ti, year);
    let (tech, later) = technical_max(c, ti, year);
    let what = format!(
        "{} of {} at {} in {}",
        target.group, target.material, target.stage, year
    );
    let fmt = |x: f64| model::num::text((x * 10.0).round() / 10.0);
    let (kind, achievable, message) = if tech + 1e-6 < required
        && !matches!(target.kind, TargetKind::Share { .. })
    {
        match &later {
            Some((name, first)) => (
                "lead_time",
                tech,
                format!(
                    "target {:?}: {what} can reach at most {} t against {} t required given lead times: the next candidate, {name}, cannot produce before {first}",
                    target.name, fmt(tech), fmt(required)
                ),
            ),
            None => (
                "capacity",
                tech,
                format!(
                    "target {:?}: {what} can reach at most {} t against {} t required: the candidates' capacity is too small",
                    target.name, fmt(tech), fmt(required)
                ),
            ),
        }
    } else {
        let relaxed = |runner: &mut Runner<'_>, v: Variant| -> Result<Option<f64>, PlanError> {
            let m = build(c, v);
            Ok(match runner.run(&m.model)? {
                Run::Solved(x) => Some(unmet_at(&m, &x, ti, year)),
                _ => None,
            })
        };
        let achieved = ex
            .targets
            .iter()
            .find(|t| t.target == target.name && t.year == year)
            .map_or(0.0, |t| t.achieved);
        let no_budget = relaxed(
            runner,
            Variant {
                elastic: true,
                no_budget: true,
                ..Variant::default()
            },
        )?;
        let no_feed_limit = relaxed(
            runner,
            Variant {
                elastic: true,
                unlimited_market: true,
                ..Variant::default()
            },
        )?;
        if no_budget.is_some_and(|u| u <= 1e-6) {
            let which = if elastic
                .budget_year
                .iter()
                .any(|(_, row)| elastic.model.slack(*row, &s.values) <= 1e-6)
            {
                "the budget per year"
            } else {
                "the total budget"
            };
            ("budget", achieved, format!(
                "target {:?}: {what} reaches {} t against {} t required: {which} binds (without it the target is met)",
                target.name, fmt(achieved), fmt(required)
            ))
        } else if no_feed_limit.is_some_and(|u| u <= 1e-6) {
            ("feed", achieved, format!(
                "target {:?}: {what} reaches {} t against {} t required: the group's plants lack feed (its own mines and spare output are not enough, and buying from the baseline market is limited to {} t a year)",
                target.name, fmt(achieved), fmt(required), fmt(r.market_feed_t)
            ))
        } else if matches!(target.kind, TargetKind::Share { .. }) && tech + 1e-6 < required {
            ("capacity", achieved, format!(
                "target {:?}: {what} reaches {} t against {} t required: the candidates' capacity is too small for the share",
                target.name, fmt(achieved), fmt(required)
            ))
        } else {
            ("combined", achieved, format!(
                "target {:?}: {what} reaches {} t against {} t required: lead times, budget and feed together stop it",
                target.name, fmt(achieved), fmt(required)
            ))
        }
    };
    let infeasibility = Infeasibility {
        target: target.name.clone(),
        year,
        binding: kind.into(),
        required,
        achievable,
        message,
    };
    if !r.closest_feasible {
        let mut plan = empty(c, Status::Infeasible, runner.seconds, notes);
        plan.infeasible = Some(infeasibility);
        return Ok(plan);
    }
    // Phase 2: the least cost among the plans with the least unmet target-tonnes.
    let mut closest = build(
        c,
        Variant {
            elastic: true,
            costs: true,
            ..Variant::default()
        },
    );
    let unmet: Vec<(lp::Var, f64)> = closest
        .targets
        .iter()
        .flatten()
        .filter_map(|tr| tr.unmet.map(|u| (u, 1.0)))
        .collect();
    for (u, _) in &unmet {
        closest.model.add_cost(*u, -1.0);
    }
    closest.model.add_row(
        "unmet total",
        unmet,
        Cmp::Le,
        total_unmet * (1.0 + 1e-6) + 1e-6,
    );
    let s2 = match runner.run(&closest.model)? {
        Run::Solved(x) => x,
        _ => s,
    };
    ex = extract(c, &closest, &s2);
    let binding = marginal(c, &closest, &s2, None, &mut ex);
    notes.push(format!(
        "closest feasible plan: {} target-tonnes unmet over the horizon (the least possible), then the least cost",
        fmt(total_unmet)
    ));
    Ok(Plan {
        status: Status::Infeasible,
        closest: true,
        objective: Some(closest.model.objective_at(&s2.values) - total_unmet_cost(&closest, &s2)),
        bound: None,
        gap: None,
        seconds: runner.seconds,
        projects: ex.projects,
        output: ex.output,
        targets: ex.targets,
        costs: ex.costs,
        feed: ex.feed,
        binding,
        infeasible: Some(infeasibility),
        excluded: excluded(c),
        notes,
    })
}

/// The unmet variables' part of a phase-2 objective (their cost is 0 after the shift, so
/// this is 0; kept so the objective is the sum of the reported costs by construction).
fn total_unmet_cost(b: &Built, s: &Solution) -> f64 {
    b.targets
        .iter()
        .flatten()
        .filter_map(|tr| tr.unmet)
        .map(|u| b.model.vars[u.0].cost * s.value(u))
        .sum()
}
