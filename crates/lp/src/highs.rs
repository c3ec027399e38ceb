//! The HiGHS backend: the model is built with `good_lp` (variables, objective, one row per
//! constraint, in order, so row `i` of the [`Model`] is row `i` of HiGHS), then handed to
//! HiGHS directly to set the limits and to read what `good_lp`'s solution hides: the
//! status as HiGHS gives it, the gap, the dual bound and the row duals.

use crate::model::{Cmp, Model, VarKind};
use crate::solve::{LpError, Options, Outcome, Solution, Solver, Status, Stop};
use good_lp::{variable, Expression, ProblemVariables, SolverModel};
use highs::HighsModelStatus;
use std::time::Instant;

/// HiGHS, linked statically (built from source by `highs-sys`).
#[derive(Debug, Clone, Copy, Default)]
pub struct Highs;

/// HiGHS's version, as the linked library reports it.
pub fn version() -> String {
    // SAFETY: `Highs_version` takes no arguments and returns a pointer to a static,
    // NUL-terminated string owned by the library.
    let ptr = unsafe { highs_sys::Highs_version() };
    if ptr.is_null() {
        return "unknown".into();
    }
    // SAFETY: checked non-null above; the string is static and NUL-terminated.
    unsafe { std::ffi::CStr::from_ptr(ptr) }
        .to_string_lossy()
        .trim_start_matches('v')
        .to_string()
}

impl Highs {
    fn error(&self, status: impl std::fmt::Debug) -> LpError {
        LpError::Solver {
            solver: self.name(),
            status: format!("{status:?}"),
        }
    }
}

impl Solver for Highs {
    fn name(&self) -> String {
        format!("highs {}", version())
    }

    fn solve(&self, model: &Model, options: &Options) -> Result<Outcome, LpError> {
        model.check().map_err(LpError::InvalidModel)?;
        let mut vars = ProblemVariables::new();
        let handles: Vec<good_lp::Variable> = model
            .vars
            .iter()
            .map(|v| {
                let mut d = variable().min(v.lower).max(v.upper);
                if v.kind == VarKind::Integer {
                    d = d.integer();
                }
                vars.add(d)
            })
            .collect();
        let objective: Expression = model
            .vars
            .iter()
            .zip(&handles)
            .filter(|(v, _)| v.cost != 0.0)
            .map(|(v, h)| v.cost * *h)
            .sum();
        let mut problem = vars.minimise(objective).using(good_lp::highs);
        for r in &model.rows {
            let lhs: Expression = r.terms.iter().map(|(v, a)| *a * handles[v.0]).sum();
            problem.add_constraint(match r.cmp {
                Cmp::Le => lhs.leq(r.rhs),
                Cmp::Ge => lhs.geq(r.rhs),
                Cmp::Eq => lhs.eq(r.rhs),
            });
        }
        let mut hm = problem
            .try_into_inner()
            .map_err(|e| self.error(e.to_string()))?;
        hm.make_quiet();
        let set = |hm: &mut highs::Model, key: &str, value: f64| {
            hm.try_set_option(key, value)
                .map_err(|s| self.error(format!("option {key}: {s:?}")))
        };
        if let Some(t) = options.time_limit {
            set(&mut hm, "time_limit", t.max(0.0))?;
        }
        if let Some(g) = options.mip_rel_gap {
            set(&mut hm, "mip_rel_gap", g.max(0.0))?;
        }
        if let Some(n) = options.threads {
            hm.try_set_option("threads", n.min(i32::MAX as u32) as i32)
                .map_err(|s| self.error(format!("option threads: {s:?}")))?;
        }
        // RAREFLOW_SOLVER_LOG=1 prints HiGHS's own log on stdout (for tuning and bug
        // reports; docs/performance.md).
        if std::env::var_os("RAREFLOW_SOLVER_LOG").is_some() {
            let _ = hm.try_set_option("output_flag", true);
            let _ = hm.try_set_option("log_to_console", true);
        }
        let started = Instant::now();
        let solved = hm.try_solve().map_err(|s| self.error(s))?;
        let seconds = started.elapsed().as_secs_f64();
        let has_solution = solved.primal_solution_status() == highs::HighsSolutionStatus::Feasible;
        let mip = model.is_mip();
        let gap = if mip { solved.mip_gap() } else { 0.0 };
        let status = match solved.status() {
            HighsModelStatus::Infeasible => return Ok(Outcome::Infeasible),
            HighsModelStatus::Unbounded => return Ok(Outcome::Unbounded),
            HighsModelStatus::UnboundedOrInfeasible => {
                // When the objective is bounded below by the variables' own bounds (no
                // cost can run to minus infinity), "unbounded or infeasible" is infeasible.
                let bounded = model.vars.iter().all(|v| {
                    v.cost == 0.0
                        || (v.cost > 0.0 && v.lower.is_finite())
                        || (v.cost < 0.0 && v.upper.is_finite())
                });
                return Ok(if bounded {
                    Outcome::Infeasible
                } else {
                    Outcome::Unbounded
                });
            }
            HighsModelStatus::ReachedTimeLimit if has_solution => Status::TimeLimit,
            HighsModelStatus::ReachedTimeLimit => {
                return Ok(Outcome::Stopped {
                    stop: Stop::TimeLimit,
                    seconds,
                })
            }
            HighsModelStatus::ReachedIterationLimit
            | HighsModelStatus::ReachedSolutionLimit
            | HighsModelStatus::ReachedInterrupt
            | HighsModelStatus::ReachedMemoryLimit
                if has_solution =>
            {
                Status::TimeLimit
            }
            HighsModelStatus::ReachedIterationLimit
            | HighsModelStatus::ReachedSolutionLimit
            | HighsModelStatus::ReachedInterrupt
            | HighsModelStatus::ReachedMemoryLimit => {
                return Ok(Outcome::Stopped {
                    stop: Stop::OtherLimit,
                    seconds,
                })
            }
            HighsModelStatus::Optimal
            | HighsModelStatus::ObjectiveBound
            | HighsModelStatus::ObjectiveTarget
                if has_solution =>
            {
                if mip && gap.is_finite() && gap > Options::PROVEN_GAP {
                    Status::GapLimit
                } else {
                    Status::Optimal
                }
            }
            other => return Err(self.error(other)),
        };
        let sol = solved.get_solution();
        let values = sol.columns().to_vec();
        let objective = model.objective_at(&values);
        let bound = if mip {
            solved
                .double_info_value(c"mip_dual_bound")
                .ok()
                .filter(|b| b.is_finite())
                .map_or(objective, |b| b + model.objective_offset)
        } else {
            objective
        };
        Ok(Outcome::Solved(Solution {
            status,
            objective,
            bound,
            gap: if mip && gap.is_finite() {
                gap.max(0.0)
            } else {
                0.0
            },
            values,
            duals: (!mip).then(|| sol.dual_rows().to_vec()),
            seconds,
        }))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Cmp, Model};

    #[test]
    fn a_textbook_mip_gives_the_brute_force_optimum() {
        // Knapsack: values 10, 13, 7, weights 4, 6, 3, capacity 9 → items 2 and 3 (value 20).
        let mut m = Model::new();
        let x: Vec<_> = [10.0, 13.0, 7.0]
            .iter()
            .enumerate()
            .map(|(i, v)| m.binary(format!("x{i}"), -v))
            .collect();
        m.add_row(
            "weight",
            x.iter().zip([4.0, 6.0, 3.0]).map(|(v, w)| (*v, w)),
            Cmp::Le,
            9.0,
        );
        let Outcome::Solved(s) = Highs.solve(&m, &Options::default()).unwrap() else {
            panic!("solvable")
        };
        assert_eq!(s.status, Status::Optimal);
        assert_eq!(s.objective, -20.0);
        let picked: Vec<f64> = x.iter().map(|v| s.value(*v).round()).collect();
        assert_eq!(picked, vec![0.0, 1.0, 1.0]);
    }

    #[test]
    fn lp_duals_are_marginal_costs() {
        // min 3x + 2y s.t. x + y ≥ 4, x ≤ 10, y ≤ 1 → y = 1, x = 3; raising 4 costs 3 per unit.
        let mut m = Model::new();
        let x = m.continuous("x", 0.0, 10.0, 3.0);
        let y = m.continuous("y", 0.0, 1.0, 2.0);
        let r = m.add_row("demand", [(x, 1.0), (y, 1.0)], Cmp::Ge, 4.0);
        let Outcome::Solved(s) = Highs.solve(&m, &Options::default()).unwrap() else {
            panic!("solvable")
        };
        assert!((s.objective - 11.0).abs() < 1e-9);
        assert!((s.dual(r).unwrap() - 3.0).abs() < 1e-9);
    }

    #[test]
    fn infeasibility_is_an_outcome_not_an_error() {
        let mut m = Model::new();
        let x = m.binary("x", 1.0);
        m.add_row("impossible", [(x, 1.0)], Cmp::Ge, 2.0);
        assert_eq!(
            Highs.solve(&m, &Options::default()).unwrap(),
            Outcome::Infeasible
        );
        m.rows.clear();
        m.add_row("nan", [(x, f64::NAN)], Cmp::Ge, 0.0);
        assert!(matches!(
            Highs.solve(&m, &Options::default()),
            Err(LpError::InvalidModel(_))
        ));
    }

    #[test]
    fn the_version_is_read_from_the_library() {
        let v = Highs.name();
        assert!(v.starts_with("highs 1."), "{v}");
    }
}
