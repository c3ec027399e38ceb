//! Step 1, check: everything the model needs, derived once from the inputs and checked:
//! each candidate's decision years, its throughput and feed per tonne of output, what it
//! contributes to each target, the group's spare feed in the baseline, each target's
//! baseline and demand. Formulas: `docs/model/plan.md`.

use crate::error::PlanError;
use model::plan::{share_within, Candidate, Existing, Mix, Part, PlanInputs, TargetKind};
use model::{Element, ElementGroup, Material, Stage};

const TREO: Material = Material::Group(ElementGroup::Treo);
const MAGNET_REE: Material = Material::Group(ElementGroup::MagnetRee);

/// Where a candidate takes its feed from.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Feed {
    /// It mines: no feed.
    None,
    /// Concentrate (t REO) per tonne of output: a plant whose first stage is separation.
    Concentrate(f64),
    /// Separated magnet rare-earth oxide per tonne of output: a metal or magnet plant.
    Oxide(f64),
}

/// What a candidate's output adds to the group's feed pools.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Supply {
    /// Nothing (its output is the end of its chain here).
    None,
    /// Concentrate (t REO) per tonne of output: a mine-only project.
    Concentrate(f64),
    /// Magnet rare-earth oxide per tonne of output: a project ending at separation.
    Oxide(f64),
}

/// A candidate with what the model needs of it.
#[derive(Debug, Clone, PartialEq)]
pub struct Prepared {
    /// Index in [`PlanInputs::candidates`].
    pub index: usize,
    /// Years a decision may be taken (a past decision is the only one when decided).
    pub decisions: Vec<i32>,
    /// Concentrate (t REO) its output needs or represents per tonne (`τ`).
    pub throughput: f64,
    /// Its feed.
    pub feed: Feed,
    /// What it supplies.
    pub supply: Supply,
    /// Co-products (La, Ce oxide) per tonne of output, for a project that separates.
    pub coproducts: f64,
    /// Its product by part, per tonne of output.
    pub product: Mix,
}

impl Prepared {
    /// The first year it can produce if decided in `d`.
    pub fn first_output(&self, c: &Candidate, d: i32) -> i32 {
        d + c.lead_years as i32
    }

    /// What a tonne of its output counts towards `m` at stage `s` (0 when it has no part
    /// at that stage).
    pub fn contribution(&self, c: &Candidate, s: Stage, m: Material) -> f64 {
        let Some(last) = c.stages.last() else {
            return 0.0;
        };
        if !c.stages.contains(&s) {
            return 0.0;
        }
        if s == *last || (s == Stage::Metal && *last == Stage::Magnet) {
            share_within(&self.product, m)
        } else if s > Stage::Separation {
            // A metal or magnet stage before the last: its product is magnet oxide.
            share_within(&[(Part::Group(ElementGroup::MagnetRee), 1.0)], m)
        } else {
            self.throughput * share_within(&c.mix, m)
        }
    }
}

/// A target with its baseline, demand and requirement by year.
#[derive(Debug, Clone, PartialEq)]
pub struct PreparedTarget {
    /// Index in the roadmap's targets.
    pub index: usize,
    /// The group's existing output of the material at the stage (t a year).
    pub base: f64,
    /// The world's existing output (for shares).
    pub world: f64,
    /// Each candidate's contribution per tonne of output, and whether it is in the group.
    pub coefficients: Vec<(usize, f64, bool)>,
    /// `(year, rhs)`: the row is `Σ member a·x (− θ Σ a·x for shares) ≥ rhs` (the baseline
    /// already taken off); `None` where the target holds without a row (a supplier whose
    /// share is already below the cap).
    pub rows: Vec<(i32, Option<f64>)>,
    /// `(year, demand)` where the target uses demand.
    pub demand: Vec<(i32, f64)>,
}

/// Everything the build step reads.
#[derive(Debug, Clone, PartialEq)]
pub struct Checked<'a> {
    /// The inputs.
    pub inputs: &'a PlanInputs,
    /// The horizon's years.
    pub years: Vec<i32>,
    /// Candidates that can produce within the horizon.
    pub candidates: Vec<Prepared>,
    /// Candidates that cannot, with the reason.
    pub excluded: Vec<(String, String)>,
    /// Those candidates prepared, with the first year they could produce (after the
    /// horizon), so a diagnosis can name the one that comes too late.
    pub late: Vec<(Prepared, i32)>,
    /// Targets.
    pub targets: Vec<PreparedTarget>,
    /// Concentrate the group mines and does not separate itself (t REO a year).
    pub spare_concentrate: f64,
    /// Magnet rare-earth oxide the group separates and does not make into magnets.
    pub spare_oxide: f64,
    /// Discount factor of each year (to the first year).
    pub discount: Vec<f64>,
    /// What the check noticed or assumed.
    pub notes: Vec<String>,
}

/// The ramp of a plant in its `k`-th producing year (`k` from 0): `min((k + 1) / R, 1)`,
/// as the simulator ramps a capacity event.
pub fn ramp(k: i32, ramp_years: u32) -> f64 {
    if k < 0 {
        0.0
    } else if ramp_years == 0 {
        1.0
    } else {
        ((k + 1) as f64 / ramp_years as f64).min(1.0)
    }
}

/// The part of a capex spent in year `y` when decided in `d` with lead time `lead`: spread
/// evenly over the lead years (all in `d` when the lead time is 0).
pub fn spend(capex: f64, d: i32, lead: u32, y: i32) -> f64 {
    if lead == 0 {
        if y == d {
            capex
        } else {
            0.0
        }
    } else if y >= d && y < d + lead as i32 {
        capex / lead as f64
    } else {
        0.0
    }
}

fn product(c: &Candidate, notes: &mut Vec<String>) -> Mix {
    let last = c.stages.last().copied().unwrap_or(Stage::Mining);
    if last >= Stage::Metal {
        return vec![(Part::Group(ElementGroup::MagnetRee), 1.0)];
    }
    match c.basis {
        Material::Group(ElementGroup::Treo) => c.mix.clone(),
        Material::Group(g) => {
            // Split the group by the mix where the mix knows its members.
            let within = share_within(&c.mix, Material::Group(g));
            let known: Vec<(Part, f64)> = c
                .mix
                .iter()
                .filter(|(p, _)| matches!(p, Part::Element(e) if g.contains(*e)))
                .copied()
                .collect();
            let known_sum: f64 = known.iter().map(|(_, s)| s).sum();
            if within > 0.0 && (known_sum - within).abs() < 1e-9 {
                known.into_iter().map(|(p, s)| (p, s / within)).collect()
            } else {
                if within == 0.0 {
                    notes.push(format!(
                        "{}: the element split of its {} is not known; it counts towards {} and the groups that contain it",
                        c.name,
                        g.id(),
                        g.id()
                    ));
                }
                vec![(Part::Group(g), 1.0)]
            }
        }
        Material::Element(e) => vec![(Part::Element(e), 1.0)],
    }
}

/// Checks the inputs and derives what the model needs.
pub fn check(inputs: &PlanInputs) -> Result<Checked<'_>, PlanError> {
    let r = &inputs.roadmap;
    let years: Vec<i32> = (r.from..=r.to).collect();
    let discount: Vec<f64> = years
        .iter()
        .map(|y| (1.0 + r.discount_rate).powi(-(y - r.from)))
        .collect();
    let mut notes = Vec::new();
    let mut candidates = Vec::new();
    let mut excluded = Vec::new();
    let mut late = Vec::new();
    for (index, c) in inputs.candidates.iter().enumerate() {
        let lead = c.lead_years as i32;
        let decisions: Vec<i32> = match c.decided {
            Some(d) if d + lead <= r.to => vec![d],
            Some(_) => Vec::new(),
            None => (r.from..=r.to - lead)
                .filter(|d| c.earliest_output.is_none_or(|e| d + lead >= e))
                .collect(),
        };
        let basis_share = share_within(&c.mix, c.basis);
        let throughput = if c.basis == TREO {
            1.0
        } else if basis_share > 0.0 {
            1.0 / basis_share
        } else {
            notes.push(format!(
                "{}: its mix does not say what share of the ore is {}: its concentrate counts as its output (a lower bound)",
                c.name, c.basis
            ));
            1.0
        };
        let first = c.stages.first().copied().unwrap_or(Stage::Mining);
        let last = c.stages.last().copied().unwrap_or(Stage::Mining);
        let feed = match first {
            Stage::Mining => Feed::None,
            Stage::Separation => Feed::Concentrate(throughput),
            _ if last >= Stage::Magnet => Feed::Oxide(1.0),
            // A metal-only plant passes oxide on as metal: it neither adds nor takes.
            _ => Feed::None,
        };
        let product = product(c, &mut notes);
        let supply = match last {
            Stage::Mining => Supply::Concentrate(throughput),
            Stage::Separation => Supply::Oxide(share_within(&product, MAGNET_REE)),
            _ => Supply::None,
        };
        let coproducts = if c.stages.contains(&Stage::Separation) {
            throughput
                * (share_within(&c.mix, Material::Element(Element::La))
                    + share_within(&c.mix, Material::Element(Element::Ce)))
        } else {
            0.0
        };
        let prepared = Prepared {
            index,
            decisions,
            throughput,
            feed,
            supply,
            coproducts,
            product,
        };
        if prepared.decisions.is_empty() {
            excluded.push((
                c.name.clone(),
                format!(
                    "cannot produce by {}: lead time {} years{}",
                    r.to,
                    c.lead_years,
                    c.earliest_output
                        .map_or(String::new(), |e| format!(", earliest output {e}"))
                ),
            ));
            let first = match c.decided {
                Some(d) => d + lead,
                None => (r.from + lead).max(c.earliest_output.unwrap_or(i32::MIN)),
            };
            late.push((prepared, first));
        } else {
            candidates.push(prepared);
        }
    }
    let group = &r.group;
    let in_group = |e: &Existing| group.contains(e.country);
    let sum = |stage: Stage, m: Material, pred: &dyn Fn(&Existing) -> bool| -> f64 {
        inputs
            .existing
            .iter()
            .filter(|e| e.stage == stage && pred(e))
            .map(|e| {
                e.parts
                    .iter()
                    .filter(|(p, _)| p.within(m))
                    .map(|(_, t)| t)
                    .sum::<f64>()
            })
            .sum()
    };
    let mined = sum(Stage::Mining, TREO, &in_group);
    let separated_feed: f64 = inputs
        .existing
        .iter()
        .filter(|e| e.stage == Stage::Separation && in_group(e))
        .map(|e| e.feed_t.unwrap_or(0.0))
        .sum();
    let spare_concentrate = (mined - separated_feed).max(0.0);
    let separated_magnet = sum(Stage::Separation, MAGNET_REE, &in_group);
    let magnets = sum(Stage::Magnet, MAGNET_REE, &in_group);
    let spare_oxide = (separated_magnet - magnets).max(0.0);
    let mut targets = Vec::new();
    for (index, t) in r.targets.iter().enumerate() {
        let member = |e: &Existing| t.group.contains(e.country);
        let base = sum(t.stage, t.material, &member);
        let world = sum(t.stage, t.material, &|_| true);
        let coefficients: Vec<(usize, f64, bool)> = candidates
            .iter()
            .enumerate()
            .map(|(i, p)| {
                let c = &inputs.candidates[p.index];
                (
                    i,
                    p.contribution(c, t.stage, t.material),
                    t.group.contains(c.country),
                )
            })
            .filter(|(_, a, _)| *a != 0.0)
            .collect();
        let needs_demand = matches!(
            t.kind,
            TargetKind::SelfSufficiency { .. } | TargetKind::Diversification { .. }
        );
        let mut demand = Vec::new();
        if needs_demand {
            let Some(_) = &r.demand else {
                return Err(PlanError::NoDemand {
                    target: t.name.clone(),
                    line: t.line,
                });
            };
            let modelled = model::demand::MAGNET_ELEMENTS;
            let elements: Vec<Element> = Element::ALL
                .into_iter()
                .filter(|e| Part::Element(*e).within(t.material))
                .collect();
            if elements.iter().any(|e| !modelled.contains(e)) {
                return Err(PlanError::DemandMaterial {
                    target: t.name.clone(),
                    line: t.line,
                    material: t.material.id().into(),
                });
            }
            for &y in years.iter().filter(|y| **y >= t.from) {
                let mut d = 0.0;
                for e in &elements {
                    let point = inputs
                        .demand
                        .iter()
                        .find(|p| p.element == *e && p.year == y)
                        .ok_or_else(|| PlanError::DemandMissing {
                            target: t.name.clone(),
                            line: t.line,
                            element: e.symbol().into(),
                            year: y,
                        })?;
                    d += point.tonnes;
                }
                demand.push((y, d));
            }
        }
        let demand_at = |y: i32| demand.iter().find(|(x, _)| *x == y).map_or(0.0, |p| p.1);
        let rows: Vec<(i32, Option<f64>)> = years
            .iter()
            .filter(|y| **y >= t.from)
            .map(|&y| {
                let rhs = match &t.kind {
                    TargetKind::Volume { tonnes } => Some(tonnes - base),
                    TargetKind::Share { share } => Some(share * world - base),
                    TargetKind::SelfSufficiency { fraction } => {
                        Some(fraction * demand_at(y) - base)
                    }
                    TargetKind::Diversification {
                        max_share,
                        supplier_share,
                        supplier,
                    } => {
                        let Some(s) = supplier_share else {
                            return Err(PlanError::SupplierShare {
                                target: t.name.clone(),
                                line: t.line,
                                supplier: supplier.as_str().into(),
                            });
                        };
                        (s.share > *max_share)
                            .then(|| demand_at(y) * (1.0 - max_share / s.share) - base)
                    }
                };
                Ok((y, rhs))
            })
            .collect::<Result<_, PlanError>>()?;
        if let TargetKind::Diversification {
            max_share,
            supplier_share: Some(s),
            supplier,
        } = &t.kind
        {
            if s.share <= *max_share {
                notes.push(format!(
                    "target {}: {supplier}'s share {} is not above {max_share}: it holds without new capacity",
                    t.name, s.share
                ));
            }
        }
        targets.push(PreparedTarget {
            index,
            base,
            world,
            coefficients,
            rows,
            demand,
        });
    }
    Ok(Checked {
        inputs,
        years,
        candidates,
        excluded,
        late,
        targets,
        spare_concentrate,
        spare_oxide,
        discount,
        notes,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ramps_and_spending_follow_their_formulas() {
        assert_eq!(ramp(-1, 0), 0.0);
        assert_eq!(ramp(0, 0), 1.0);
        assert_eq!((ramp(0, 2), ramp(1, 2), ramp(5, 2)), (0.5, 1.0, 1.0));
        assert_eq!(spend(90.0, 2026, 3, 2025), 0.0);
        assert_eq!(spend(90.0, 2026, 3, 2028), 30.0);
        assert_eq!(spend(90.0, 2026, 3, 2029), 0.0);
        assert_eq!(spend(90.0, 2026, 0, 2026), 90.0);
    }
}
