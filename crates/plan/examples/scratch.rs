use lp::Highs;
fn main() {
    let a: Vec<String> = std::env::args().skip(1).collect();
    let mut inputs = plan::synthetic::instance(100, 26, 1);
    inputs.roadmap.limits.mip_gap = 0.01;
    if a.iter().any(|x| x == "nobudget") { inputs.roadmap.budget.per_year_musd = None; }
    if a.iter().any(|x| x == "market") { inputs.roadmap.market_feed_t = 1e9; }
    if a.iter().any(|x| x == "noramp") { for c in &mut inputs.candidates { c.ramp_years = 0; } }
    if a.iter().any(|x| x == "fewtargets") { inputs.roadmap.targets.retain(|t| t.from % 5 == 0); }
    let t = std::time::Instant::now();
    let p = plan::plan(&inputs, &Highs).unwrap();
    println!("{:?} {:.2}s obj {:?} gap {:?}", p.status, t.elapsed().as_secs_f64(), p.objective, p.gap);
}
