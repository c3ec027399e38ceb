//! A seeded synthetic network and scenario for benchmarks and scaling tests: `countries`
//! regions × the four producing stages × `species` species, each node with `links` links to
//! the next stage of other regions (magnets to end uses), demand at every region's end use,
//! and `events` events of every kind. The generator is SplitMix64 from a seed, so the same
//! size and seed give the same network on every machine.

use model::sim::{
    CapacityOf, DemandOf, DemandPoint, Event, EventKind, LinkSpec, Mode, NetworkSource, NodeSpec,
    PriceSettings, Region, Scenario, Selector, SimNetwork, Species, When,
};
use model::{CountryCode, Stage};

/// How big a synthetic case is.
#[derive(Debug, Clone, Copy)]
pub struct Size {
    /// Regions.
    pub countries: usize,
    /// Species (1–18).
    pub species: usize,
    /// Out-links per node.
    pub links: usize,
    /// Years.
    pub years: i32,
    /// Events (cycling through the kinds).
    pub events: usize,
}

struct SplitMix(u64);

impl SplitMix {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

fn region(i: usize) -> Region {
    let code: String = [i / 676, (i / 26) % 26, i % 26]
        .iter()
        .map(|k| (b'A' + *k as u8) as char)
        .collect();
    // Three ASCII capitals always parse.
    Region::Country(CountryCode::parse(&code).expect("three letters"))
}

/// A network and a scenario of `size` from `seed`, years from 2025.
pub fn synthetic(size: &Size, seed: u64) -> (SimNetwork, Scenario) {
    let mut rng = SplitMix(seed);
    let species: Vec<Species> = Species::all().take(size.species.clamp(1, 18)).collect();
    let producing = [
        Stage::Mining,
        Stage::Separation,
        Stage::Metal,
        Stage::Magnet,
    ];
    let mut net = SimNetwork::default();
    for c in 0..size.countries {
        for &st in &producing {
            for &sp in &species {
                let baseline = 100.0 + 900.0 * rng.unit();
                net.nodes.push(NodeSpec {
                    region: region(c),
                    stage: st,
                    species: sp,
                    baseline_t: if st == Stage::Mining { baseline } else { 0.0 },
                    capacity_t: baseline * (1.0 + rng.unit()),
                });
            }
        }
        for &sp in &species {
            net.demand.push(DemandPoint {
                region: region(c),
                species: sp,
                year: 2025,
                demand_t: 300.0 + 600.0 * rng.unit(),
            });
        }
    }
    for c in 0..size.countries {
        for (k, &st) in producing.iter().enumerate() {
            let to_stage = if k + 1 < producing.len() {
                producing[k + 1]
            } else {
                Stage::EndUse
            };
            for &sp in &species {
                let mut used = Vec::new();
                for _ in 0..size.links {
                    let to = rng.below(size.countries);
                    if used.contains(&to) {
                        continue;
                    }
                    used.push(to);
                    net.links.push(LinkSpec {
                        from_region: region(c),
                        from_stage: st,
                        to_region: region(to),
                        to_stage,
                        species: sp,
                        baseline_t: 10.0 + 100.0 * rng.unit(),
                    });
                }
            }
        }
    }
    let start = When {
        year: 2027,
        month: Some(4),
    };
    let events = (0..size.events)
        .map(|i| {
            let c = region(i % size.countries);
            let other = region((i + 1) % size.countries);
            let sp = species[i % species.len()];
            let kind = match i % 6 {
                0 => EventKind::ExportRestriction {
                    exporter: c,
                    stages: vec![Stage::Separation, Stage::Magnet],
                    species: Selector::Only(vec![sp]),
                    importers: Selector::All,
                    allowed: 0.2,
                },
                1 => EventKind::Disruption {
                    region: c,
                    stage: Stage::Mining,
                    fraction: 0.5,
                },
                2 => EventKind::Capacity {
                    region: c,
                    stage: Stage::Separation,
                    of: CapacityOf::Species(sp),
                    capacity_t: Some(500.0),
                    ramp_years: 3,
                },
                3 => EventKind::Deal {
                    exporter: c,
                    from_stage: Stage::Mining,
                    importer: other,
                    to_stage: Stage::Separation,
                    species: sp,
                    quantity_t: 50.0,
                    ramp_years: 2,
                },
                4 => EventKind::Stockpile {
                    holder: c,
                    species: sp,
                    stock_t: 1000.0,
                },
                _ => EventKind::DemandChange {
                    of: DemandOf::Species(sp),
                    factor: 1.5,
                    region: None,
                },
            };
            Event {
                kind,
                start,
                end: None,
                sources: Vec::new(),
                description: String::new(),
                line: i as u64 + 1,
            }
        })
        .collect();
    let scenario = Scenario {
        name: "synthetic".into(),
        description: String::new(),
        narrative: String::new(),
        from: 2025,
        to: 2025 + size.years - 1,
        demand: model::sim::DemandSource::Network,
        network: NetworkSource::Folder("synthetic".into()),
        mode: Mode::Sticky,
        prices: PriceSettings::default(),
        events,
        sources: Vec::new(),
    };
    (net, scenario)
}
