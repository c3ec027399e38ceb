//! The problem a solver sees: bounded variables (continuous, integer or binary) with an
//! objective coefficient each, and rows `Σ a·x (≤ | ≥ | =) rhs`, each with a name so that a
//! caller can say which constraint binds without keeping its own index.

/// A variable of a [`Model`] (its index).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Var(pub usize);

/// A row of a [`Model`] (its index).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Row(pub usize);

/// What values a variable may take.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum VarKind {
    /// Any real value within its bounds.
    Continuous,
    /// Whole numbers within its bounds.
    Integer,
}

/// How a row compares its left side with its right-hand side.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cmp {
    /// `Σ a·x ≤ rhs`.
    Le,
    /// `Σ a·x ≥ rhs`.
    Ge,
    /// `Σ a·x = rhs`.
    Eq,
}

/// A variable's definition.
#[derive(Debug, Clone, PartialEq)]
pub struct VarDef {
    /// Name (for messages and debugging).
    pub name: String,
    /// Lower bound.
    pub lower: f64,
    /// Upper bound (`f64::INFINITY` for none).
    pub upper: f64,
    /// Continuous or integer.
    pub kind: VarKind,
    /// Objective coefficient.
    pub cost: f64,
}

/// A row's definition.
#[derive(Debug, Clone, PartialEq)]
pub struct RowDef {
    /// Name, e.g. `target volume 2030`.
    pub name: String,
    /// The terms `(variable, coefficient)`; a variable may appear once.
    pub terms: Vec<(Var, f64)>,
    /// The comparison.
    pub cmp: Cmp,
    /// The right-hand side.
    pub rhs: f64,
}

/// A minimisation problem.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Model {
    /// Variables, in the order they were added.
    pub vars: Vec<VarDef>,
    /// Rows, in the order they were added.
    pub rows: Vec<RowDef>,
    /// A constant added to the objective.
    pub objective_offset: f64,
}

impl Model {
    /// An empty model.
    pub fn new() -> Model {
        Model::default()
    }

    /// Adds a continuous variable in `[lower, upper]` with objective coefficient `cost`.
    pub fn continuous(
        &mut self,
        name: impl Into<String>,
        lower: f64,
        upper: f64,
        cost: f64,
    ) -> Var {
        self.add_var(name, lower, upper, VarKind::Continuous, cost)
    }

    /// Adds a 0/1 variable with objective coefficient `cost`.
    pub fn binary(&mut self, name: impl Into<String>, cost: f64) -> Var {
        self.add_var(name, 0.0, 1.0, VarKind::Integer, cost)
    }

    /// Adds a variable.
    pub fn add_var(
        &mut self,
        name: impl Into<String>,
        lower: f64,
        upper: f64,
        kind: VarKind,
        cost: f64,
    ) -> Var {
        self.vars.push(VarDef {
            name: name.into(),
            lower,
            upper,
            kind,
            cost,
        });
        Var(self.vars.len() - 1)
    }

    /// Adds `cost` to a variable's objective coefficient.
    pub fn add_cost(&mut self, v: Var, cost: f64) {
        self.vars[v.0].cost += cost;
    }

    /// Adds a row; terms of the same variable are summed, zero coefficients dropped.
    pub fn add_row(
        &mut self,
        name: impl Into<String>,
        terms: impl IntoIterator<Item = (Var, f64)>,
        cmp: Cmp,
        rhs: f64,
    ) -> Row {
        let mut t: Vec<(Var, f64)> = terms.into_iter().collect();
        t.sort_by_key(|(v, _)| *v);
        let mut merged: Vec<(Var, f64)> = Vec::with_capacity(t.len());
        for (v, a) in t {
            match merged.last_mut() {
                Some((w, b)) if *w == v => *b += a,
                _ => merged.push((v, a)),
            }
        }
        merged.retain(|(_, a)| *a != 0.0);
        self.rows.push(RowDef {
            name: name.into(),
            terms: merged,
            cmp,
            rhs,
        });
        Row(self.rows.len() - 1)
    }

    /// Whether any variable is integer.
    pub fn is_mip(&self) -> bool {
        self.vars.iter().any(|v| v.kind == VarKind::Integer)
    }

    /// The objective at `values` (one per variable).
    pub fn objective_at(&self, values: &[f64]) -> f64 {
        self.objective_offset
            + self
                .vars
                .iter()
                .zip(values)
                .map(|(v, x)| v.cost * x)
                .sum::<f64>()
    }

    /// The left side of `row` at `values`.
    pub fn activity(&self, row: Row, values: &[f64]) -> f64 {
        self.rows[row.0]
            .terms
            .iter()
            .map(|(v, a)| a * values.get(v.0).copied().unwrap_or(0.0))
            .sum()
    }

    /// How far `row` is from binding at `values` (≥ 0 when it holds; 0 when it binds).
    pub fn slack(&self, row: Row, values: &[f64]) -> f64 {
        let r = &self.rows[row.0];
        let lhs = self.activity(row, values);
        match r.cmp {
            Cmp::Le => r.rhs - lhs,
            Cmp::Ge => lhs - r.rhs,
            Cmp::Eq => -(lhs - r.rhs).abs(),
        }
    }

    /// The LP left when every integer variable is fixed at its (rounded) value in `values`:
    /// its row duals are the marginal costs of the rows with those decisions taken.
    pub fn fixed(&self, values: &[f64]) -> Model {
        let mut m = self.clone();
        for (v, x) in m.vars.iter_mut().zip(values) {
            if v.kind == VarKind::Integer {
                let r = x.round();
                v.lower = r;
                v.upper = r;
                v.kind = VarKind::Continuous;
            }
        }
        m
    }

    /// Whether every number of the model is finite where it must be (bounds may be
    /// infinite on the open side), so a solver is never handed NaN.
    pub fn check(&self) -> Result<(), String> {
        for v in &self.vars {
            if v.lower.is_nan()
                || v.upper.is_nan()
                || !v.cost.is_finite()
                || v.lower == f64::INFINITY
                || v.upper == f64::NEG_INFINITY
            {
                return Err(format!(
                    "variable {}: bounds [{}, {}], cost {}",
                    v.name, v.lower, v.upper, v.cost
                ));
            }
            if v.lower > v.upper {
                return Err(format!(
                    "variable {}: lower bound {} above upper bound {}",
                    v.name, v.lower, v.upper
                ));
            }
        }
        for r in &self.rows {
            if !r.rhs.is_finite()
                || r.terms
                    .iter()
                    .any(|(v, a)| !a.is_finite() || v.0 >= self.vars.len())
            {
                return Err(format!("row {}: a coefficient or the right-hand side is not finite, or a variable is unknown", r.name));
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn terms_of_one_variable_are_summed_and_zeros_dropped() {
        let mut m = Model::new();
        let x = m.continuous("x", 0.0, 1.0, 1.0);
        let y = m.continuous("y", 0.0, 1.0, 1.0);
        let r = m.add_row("r", [(y, 1.0), (x, 2.0), (x, 1.0), (y, -1.0)], Cmp::Le, 3.0);
        assert_eq!(m.rows[r.0].terms, vec![(x, 3.0)]);
        assert_eq!(m.slack(r, &[0.5, 0.0]), 1.5);
    }

    #[test]
    fn fixing_makes_integers_continuous_at_their_rounded_value() {
        let mut m = Model::new();
        let b = m.binary("b", 1.0);
        let f = m.fixed(&[0.9999999]);
        assert_eq!((f.vars[b.0].lower, f.vars[b.0].upper), (1.0, 1.0));
        assert!(!f.is_mip());
    }

    #[test]
    fn a_nan_is_refused_before_a_solver_sees_it() {
        let mut m = Model::new();
        let x = m.continuous("x", 0.0, f64::INFINITY, 1.0);
        m.add_row("r", [(x, f64::NAN)], Cmp::Ge, 1.0);
        assert!(m.check().unwrap_err().contains("row r"));
    }
}
