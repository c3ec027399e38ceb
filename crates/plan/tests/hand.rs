//! Hand-built instances small enough to solve by hand (three projects, two years), each
//! answer worked out in the comments: the optimum picks the cheaper pair, a lead time rules
//! a project out, a budget forces a later start, an infeasible target names the constraint
//! that stops it, a target met exactly at its bound, and the objective equals the sum of the
//! reported discounted costs.

use lp::Highs;
use model::plan::{
    Budget, Candidate, Coproducts, Defaults, Existing, Group, Part, PlanInputs, Roadmap,
    SolveLimits, Target, TargetKind,
};
use model::{CountryCode, ElementGroup, Material, Stage};
use plan::Status;

fn usa() -> CountryCode {
    CountryCode::parse("USA").unwrap()
}

/// A separation plant in the USA: `capacity` t TREO a year, `capex` million USD, `lead`
/// years, `opex` USD per t.
fn plant(name: &str, capacity: f64, capex: f64, lead: u32, opex: f64) -> Candidate {
    Candidate {
        name: name.into(),
        country: usa(),
        stages: vec![Stage::Separation],
        capacity_t: capacity,
        basis: Material::Group(ElementGroup::Treo),
        mix: vec![(Part::Unspecified, 1.0)],
        mix_source: "test".into(),
        earliest_output: None,
        lead_years: lead,
        ramp_years: 0,
        capex_musd: capex,
        opex_usd_per_t: opex,
        decided: None,
        required: false,
        generic: false,
    }
}

/// 2026–2027 at 8%, one volume target on the USA's separation output from 2027, and
/// 1,000 t of US concentrate that nobody separates (so feed never binds).
fn inputs(tonnes: f64, candidates: Vec<Candidate>) -> PlanInputs {
    PlanInputs {
        roadmap: Roadmap {
            name: "hand".into(),
            description: String::new(),
            narrative: String::new(),
            sources: Vec::new(),
            from: 2026,
            to: 2027,
            group: Group::Countries(vec![usa()]),
            targets: vec![Target {
                name: "separation".into(),
                kind: TargetKind::Volume { tonnes },
                group: Group::Countries(vec![usa()]),
                material: Material::Group(ElementGroup::Treo),
                stage: Stage::Separation,
                from: 2027,
                sources: Vec::new(),
                description: String::new(),
                line: 1,
            }],
            budget: Budget::default(),
            discount_rate: 0.08,
            discount_rate_default: false,
            market_feed_t: 0.0,
            generic_countries: Vec::new(),
            exclude: Vec::new(),
            require: Vec::new(),
            demand: None,
            defaults: Defaults::default(),
            coproducts: Coproducts::default(),
            omit_missing_opex: false,
            closest_feasible: false,
            limits: SolveLimits::default(),
        },
        candidates,
        existing: vec![Existing {
            country: usa(),
            stage: Stage::Mining,
            parts: vec![(Part::Unspecified, 1000.0)],
            feed_t: None,
            source: "test".into(),
        }],
        demand: Vec::new(),
    }
}

fn chosen(p: &plan::Plan) -> Vec<(String, i32)> {
    p.projects
        .iter()
        .map(|x| (x.project.clone(), x.decide_year))
        .collect()
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() < 1e-6 * b.abs().max(1.0)
}

#[test]
fn the_optimum_picks_the_cheaper_pair() {
    // 100 t in 2027: A + B (60 + 60 t) cost 10 + 12 = 22 decided in 2026; C alone (100 t)
    // costs 25. Capex falls in the decision year (lead 1), discounted by 1.
    let p = plan::plan(
        &inputs(
            100.0,
            vec![
                plant("A", 60.0, 10.0, 1, 0.0),
                plant("B", 60.0, 12.0, 1, 0.0),
                plant("C", 100.0, 25.0, 1, 0.0),
            ],
        ),
        &Highs,
    )
    .unwrap();
    assert_eq!(p.status, Status::Optimal);
    assert_eq!(chosen(&p), vec![("A".into(), 2026), ("B".into(), 2026)]);
    assert!(close(p.objective.unwrap(), 22.0), "{:?}", p.objective);
}

#[test]
fn a_lead_time_rules_a_project_out() {
    // C is the cheapest (1) but its two-year lead time puts its first output in 2028, after
    // the horizon: it is listed as excluded and A + B are built.
    let p = plan::plan(
        &inputs(
            100.0,
            vec![
                plant("A", 60.0, 10.0, 1, 0.0),
                plant("B", 60.0, 12.0, 1, 0.0),
                plant("C", 100.0, 1.0, 2, 0.0),
            ],
        ),
        &Highs,
    )
    .unwrap();
    assert_eq!(chosen(&p), vec![("A".into(), 2026), ("B".into(), 2026)]);
    assert_eq!(p.excluded.len(), 1);
    assert_eq!(p.excluded[0].project, "C");
    assert_eq!(
        p.excluded[0].reason,
        "cannot produce by 2027: lead time 2 years"
    );
}

/// A (lead 1, capex 30, no opex) against B (lead 0, capex 20, opex 150,000 USD/t): A
/// decided in 2026 costs 30; B decided in 2027 costs (20 + 100 t × 0.15) / 1.08 = 32.41.
fn early_or_late() -> Vec<Candidate> {
    vec![
        plant("A", 100.0, 30.0, 1, 0.0),
        plant("B", 100.0, 20.0, 0, 150_000.0),
        plant("C", 100.0, 1.0, 2, 0.0),
    ]
}

#[test]
fn a_budget_forces_a_later_start() {
    let p = plan::plan(&inputs(100.0, early_or_late()), &Highs).unwrap();
    assert_eq!(chosen(&p), vec![("A".into(), 2026)]);
    assert!(close(p.objective.unwrap(), 30.0));
    // 25 a year cannot pay A's 30 in 2026: B starts in 2027 instead.
    let mut i = inputs(100.0, early_or_late());
    i.roadmap.budget.per_year_musd = Some(25.0);
    let p = plan::plan(&i, &Highs).unwrap();
    assert_eq!(p.status, Status::Optimal);
    assert_eq!(chosen(&p), vec![("B".into(), 2027)]);
    assert!(
        close(p.objective.unwrap(), 35.0 / 1.08),
        "{:?}",
        p.objective
    );
    // A budget of exactly 30 is met at its bound, and binds.
    i.roadmap.budget.per_year_musd = Some(30.0);
    let p = plan::plan(&i, &Highs).unwrap();
    assert_eq!(chosen(&p), vec![("A".into(), 2026)]);
    assert!(
        p.binding.iter().any(|b| b.constraint == "budget 2026"),
        "{:?}",
        p.binding
    );
}

#[test]
fn the_objective_is_the_sum_of_the_reported_costs() {
    let mut i = inputs(100.0, early_or_late());
    i.roadmap.budget.per_year_musd = Some(25.0);
    let p = plan::plan(&i, &Highs).unwrap();
    let sum: f64 = p.costs.iter().map(|c| c.discounted).sum();
    assert!(close(sum, p.objective.unwrap()), "{sum} {:?}", p.objective);
    // B's opex: 100 t × 150,000 USD = 15 million in 2027, with its capex of 20.
    let y2027 = p.costs.iter().find(|c| c.year == 2027).unwrap();
    assert!(close(y2027.capex, 20.0) && close(y2027.opex, 15.0));
}

#[test]
fn a_target_met_exactly_at_its_bound_has_a_marginal_cost() {
    // 120 t = A + B's whole capacity: met exactly. With opex 1,000 USD/t, a tonne more would
    // cost 1,000 / 1.08 USD in 2027 if there were room: the fixed LP cannot give more, so the
    // dual is the target's price of capacity; with a target of 100 t there is room, and the
    // marginal cost is exactly the discounted opex.
    let cands = vec![
        plant("A", 60.0, 10.0, 1, 1000.0),
        plant("B", 60.0, 12.0, 1, 1000.0),
        plant("C", 100.0, 25.0, 1, 1000.0),
    ];
    let p = plan::plan(&inputs(120.0, cands.clone()), &Highs).unwrap();
    assert_eq!(p.status, Status::Optimal);
    let t = &p.targets[0];
    assert_eq!(
        (t.year, t.required, t.achieved, t.met),
        (2027, 120.0, 120.0, true)
    );
    let p = plan::plan(&inputs(100.0, cands), &Highs).unwrap();
    let t = &p.targets[0];
    assert!(
        close(t.shadow_price.unwrap(), 1000.0 / 1.08),
        "{:?}",
        t.shadow_price
    );
}

#[test]
fn an_infeasible_target_names_its_binding_constraint() {
    // 250 t in 2027: A and B give at most 200 t, and C cannot produce before 2028.
    let p = plan::plan(&inputs(250.0, early_or_late()), &Highs).unwrap();
    assert_eq!(p.status, Status::Infeasible);
    let why = p.infeasible.unwrap();
    assert_eq!(
        (why.target.as_str(), why.year, why.binding.as_str()),
        ("separation", 2027, "lead_time")
    );
    assert_eq!(why.achievable, 200.0);
    assert_eq!(
        why.message,
        "target \"separation\": USA of TREO at separation in 2027 can reach at most 200 t against 250 t required given lead times: the next candidate, C, cannot produce before 2028"
    );
    // A total budget of 15 pays for neither A (30) nor B (20): the budget binds.
    let mut i = inputs(100.0, early_or_late());
    i.roadmap.budget.total_musd = Some(15.0);
    let p = plan::plan(&i, &Highs).unwrap();
    assert_eq!(p.status, Status::Infeasible);
    assert_eq!(p.infeasible.as_ref().unwrap().binding, "budget");
    assert!(p.projects.is_empty());
    // 150 t with 25 to spend: only B (100 t) fits. Asked for the closest plan, it builds B.
    let mut i = inputs(150.0, early_or_late());
    i.roadmap.budget.total_musd = Some(25.0);
    i.roadmap.closest_feasible = true;
    let p = plan::plan(&i, &Highs).unwrap();
    assert_eq!(p.infeasible.as_ref().unwrap().binding, "budget");
    assert_eq!(p.status, Status::Infeasible);
    assert!(p.closest);
    assert_eq!(chosen(&p), vec![("B".into(), 2027)]);
}

#[test]
fn a_separation_plant_without_feed_makes_nothing() {
    // No spare concentrate and no market: the feed row stops the plant ("mining is easy,
    // separation is the moat" seen from the other side).
    let mut i = inputs(50.0, vec![plant("A", 60.0, 10.0, 1, 0.0)]);
    i.existing.clear();
    let p = plan::plan(&i, &Highs).unwrap();
    assert_eq!(p.infeasible.unwrap().binding, "feed");
    i.roadmap.market_feed_t = 50.0;
    let p = plan::plan(&i, &Highs).unwrap();
    assert_eq!(p.status, Status::Optimal);
    assert!(close(p.feed[1].concentrate_bought, 50.0));
}
