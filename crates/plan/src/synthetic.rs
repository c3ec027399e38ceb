//! A seeded synthetic roadmap for the benchmark (`docs/performance.md`): `n` candidate
//! projects over `years` years in one country, each drawn from a SplitMix64 stream
//! (Steele, Lea and Flood 2014) seeded by the caller, so the same seed gives the same
//! instance on every machine.
//!
//! The draws, per project: stage mining (40%), separation (35%) or magnet (25%);
//! capacity and capex per tonne in the ranges of the bundled candidates of that stage
//! (below); opex 5–40 USD per kg; lead time 1–5 years; ramp 0–3 years; earliest output up
//! to 6 years after the first year. Targets: separation output (NdPr) from 500 t in year 3 rising by
//! 400 t a year, and magnet output (magnet REE) from 300 t in year 4 rising by 250 t a year
//! (each capped at 60% of the candidates' capacity at its stage); a capital budget a year
//! of 1.5 times the mean capex. None of these numbers is data: they shape a problem of the
//! size and structure of a real roadmap.

use model::plan::{
    Budget, Candidate, Coproducts, Defaults, Existing, Group, Part, PlanInputs, Roadmap,
    SolveLimits, Target, TargetKind,
};
use model::{CountryCode, Element, ElementGroup, Material, Stage};

/// SplitMix64: a 64-bit state advanced by a constant, mixed by two multiplications.
#[derive(Debug, Clone)]
pub struct SplitMix64(u64);

impl SplitMix64 {
    /// A stream from `seed`.
    pub fn new(seed: u64) -> SplitMix64 {
        SplitMix64(seed)
    }

    /// The next 64 bits.
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A uniform number in `[lo, hi)`.
    pub fn uniform(&mut self, lo: f64, hi: f64) -> f64 {
        lo + (hi - lo) * ((self.next_u64() >> 11) as f64 / (1u64 << 53) as f64)
    }

    /// A uniform whole number in `[lo, hi]`.
    pub fn between(&mut self, lo: u32, hi: u32) -> u32 {
        lo + (self.next_u64() % u64::from(hi - lo + 1)) as u32
    }
}

/// A synthetic instance: `n` candidates, `years` years from 2025, from `seed`.
pub fn instance(n: usize, years: u32, seed: u64) -> PlanInputs {
    let mut rng = SplitMix64::new(seed);
    let usa = CountryCode::parse("USA").unwrap_or_else(|| unreachable!("a literal code"));
    let from = 2025;
    let to = from + years as i32 - 1;
    let mix = vec![
        (Part::Element(Element::Nd), 0.16),
        (Part::Element(Element::Pr), 0.05),
        (Part::Element(Element::La), 0.33),
        (Part::Element(Element::Ce), 0.46),
    ];
    let mut candidates = Vec::with_capacity(n);
    let mut capacity_at = [0.0_f64; 3];
    let mut capex_sum = 0.0;
    for i in 0..n {
        let draw = rng.uniform(0.0, 1.0);
        // Ranges of the bundled candidates (data/projects.csv): mines of 2,000–20,000 t TREO
        // at 20–50 thousand USD per t; separation of 1,000–6,300 t NdPr at 35–170 thousand
        // USD per t; magnet plants of 350–3,500 t magnet REO (1,000–10,000 t of magnets) at
        // 150–700 thousand USD per t of magnet REO.
        let (stages, basis, slot, capacity_t, usd_per_t) = if draw < 0.40 {
            let k = rng.uniform(2000.0, 20000.0);
            (
                vec![Stage::Mining],
                Material::Group(ElementGroup::Treo),
                0,
                k,
                rng.uniform(0.02, 0.05),
            )
        } else if draw < 0.75 {
            let k = rng.uniform(1000.0, 6300.0);
            (
                vec![Stage::Separation],
                Material::Group(ElementGroup::NdPr),
                1,
                k,
                rng.uniform(0.035, 0.17),
            )
        } else {
            let k = rng.uniform(350.0, 3500.0);
            (
                vec![Stage::Magnet],
                Material::Group(ElementGroup::MagnetRee),
                2,
                k,
                rng.uniform(0.15, 0.7),
            )
        };
        let capacity_t = capacity_t.round();
        let capex_musd = (capacity_t * usd_per_t * 10.0).round() / 10.0;
        capacity_at[slot] += capacity_t;
        capex_sum += capex_musd;
        candidates.push(Candidate {
            name: format!("P{i:03}"),
            country: usa,
            stages,
            capacity_t,
            basis,
            mix: mix.clone(),
            mix_source: "synthetic".into(),
            earliest_output: Some(from + rng.between(0, 6) as i32),
            lead_years: rng.between(1, 5),
            ramp_years: rng.between(0, 3),
            capex_musd,
            opex_usd_per_t: (rng.uniform(5.0, 40.0) * 1000.0).round(),
            decided: None,
            required: false,
            generic: false,
        });
    }
    let target =
        |name: &str, stage: Stage, m: Material, start: i32, base: f64, step: f64, cap: f64| {
            (0..years as i32)
                .filter(|k| *k >= start)
                .map(|k| Target {
                    name: format!("{name} {}", from + k),
                    kind: TargetKind::Volume {
                        tonnes: (base + step * (k - start) as f64).min(cap),
                    },
                    group: Group::Countries(vec![usa]),
                    material: m,
                    stage,
                    from: from + k,
                    sources: vec!["synthetic".into()],
                    description: String::new(),
                    line: 0,
                })
                .collect::<Vec<_>>()
        };
    let mut targets = target(
        "separation",
        Stage::Separation,
        Material::Group(ElementGroup::NdPr),
        3,
        500.0,
        400.0,
        0.6 * capacity_at[1],
    );
    targets.extend(target(
        "magnet",
        Stage::Magnet,
        Material::Group(ElementGroup::MagnetRee),
        4,
        300.0,
        250.0,
        0.6 * capacity_at[2],
    ));
    PlanInputs {
        roadmap: Roadmap {
            name: format!("synthetic-{n}x{years}-{seed}"),
            description: String::new(),
            narrative: String::new(),
            sources: Vec::new(),
            from,
            to,
            group: Group::Countries(vec![usa]),
            targets,
            budget: Budget {
                per_year_musd: Some(1.5 * capex_sum / n.max(1) as f64),
                total_musd: None,
                source: "synthetic".into(),
            },
            discount_rate: 0.08,
            discount_rate_default: true,
            market_feed_t: 0.0,
            generic_countries: Vec::new(),
            exclude: Vec::new(),
            require: Vec::new(),
            demand: None,
            defaults: Defaults::default(),
            coproducts: Coproducts::default(),
            omit_missing_opex: false,
            closest_feasible: false,
            limits: SolveLimits {
                time_limit_s: 600.0,
                mip_gap: 1e-6,
            },
        },
        candidates,
        existing: vec![Existing {
            country: usa,
            stage: Stage::Mining,
            parts: vec![(Part::Unspecified, 2000.0)],
            feed_t: None,
            source: "synthetic".into(),
        }],
        demand: Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_seed_gives_the_same_instance() {
        assert_eq!(instance(20, 10, 7), instance(20, 10, 7));
        assert_ne!(instance(20, 10, 7), instance(20, 10, 8));
        // SplitMix64's first output for seed 0 (the reference value of the algorithm).
        assert_eq!(SplitMix64::new(0).next_u64(), 0xE220_A839_7B1D_CDAF);
    }
}
