//! Nodes, links and a year's flows.
//!
//! Boundary flows are explicit: `extraction` brings ore content into mining nodes from
//! nature, and `stock_change` records what a node keeps (in-use stock at end uses, unsold
//! co-products at the stock node). Nothing enters or leaves a node unaccounted.

use crate::vector::ElementVector;
use model::{CountryCode, Stage, Year};
use std::fmt;

/// End-use sectors of rare-earth magnets and compounds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Sector {
    /// Traction motors of electric vehicles.
    EvTraction,
    /// Wind-turbine generators.
    WindTurbines,
    /// Consumer electronics.
    ConsumerElectronics,
    /// Industrial motors.
    IndustrialMotors,
    /// Everything else (catalysts, glass, polishing, metallurgy, ...).
    Other,
}

impl Sector {
    /// Every sector.
    pub const ALL: [Sector; 5] = [
        Sector::EvTraction,
        Sector::WindTurbines,
        Sector::ConsumerElectronics,
        Sector::IndustrialMotors,
        Sector::Other,
    ];

    /// The id used in files and JSON.
    pub fn id(self) -> &'static str {
        match self {
            Sector::EvTraction => "ev_traction",
            Sector::WindTurbines => "wind_turbines",
            Sector::ConsumerElectronics => "consumer_electronics",
            Sector::IndustrialMotors => "industrial_motors",
            Sector::Other => "other",
        }
    }
}

/// What a node stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum NodeKind {
    /// A stage in a country.
    Stage {
        /// The country.
        country: CountryCode,
        /// The stage.
        stage: Stage,
    },
    /// An end-use sector (world).
    EndUse(Sector),
    /// Mined co-products nobody buys (La, Ce), kept as stock or tailings in a country.
    CoProductStock(CountryCode),
    /// The labelled statistical difference of a country's stage: what public data leave
    /// unexplained, kept visible instead of forced to zero.
    Unallocated {
        /// The country.
        country: CountryCode,
        /// The stage whose data do not balance.
        stage: Stage,
    },
}

impl fmt::Display for NodeKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            NodeKind::Stage { country, stage } => write!(f, "{country}/{stage}"),
            NodeKind::EndUse(s) => write!(f, "end_use/{}", s.id()),
            NodeKind::CoProductStock(c) => write!(f, "{c}/co_product_stock"),
            NodeKind::Unallocated { country, stage } => write!(f, "{country}/{stage}/unallocated"),
        }
    }
}

/// An index into [`Network::nodes`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct NodeId(pub usize);

/// A node.
#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    /// What it stands for.
    pub kind: NodeKind,
    /// Fraction of inflow that leaves as product (the rest is lost); `None`: no losses.
    pub process_yield: Option<f64>,
}

/// A flow between two nodes in one year.
#[derive(Debug, Clone, PartialEq)]
pub struct Link {
    /// Upstream node.
    pub from: NodeId,
    /// Downstream node.
    pub to: NodeId,
    /// Tonnes REO per element.
    pub flow: ElementVector,
    /// Where the figure comes from, or the labelled assumption that stands in for it.
    pub provenance: String,
}

/// Everything that moves in one year.
#[derive(Debug, Clone, PartialEq)]
pub struct YearFlows {
    /// The year.
    pub year: Year,
    /// Links.
    pub links: Vec<Link>,
    /// Ore content extracted into mining nodes.
    pub extraction: Vec<(NodeId, ElementVector)>,
    /// What nodes keep (positive) or release (negative).
    pub stock_change: Vec<(NodeId, ElementVector)>,
}

/// The network.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Network {
    /// Nodes.
    pub nodes: Vec<Node>,
    /// Flows by year.
    pub years: Vec<YearFlows>,
}

impl Network {
    /// The node of a kind, added on first use.
    pub fn node(&mut self, kind: NodeKind) -> NodeId {
        match self.nodes.iter().position(|n| n.kind == kind) {
            Some(i) => NodeId(i),
            None => {
                self.nodes.push(Node {
                    kind,
                    process_yield: None,
                });
                NodeId(self.nodes.len() - 1)
            }
        }
    }

    /// The node of a kind, if present.
    pub fn find(&self, kind: NodeKind) -> Option<NodeId> {
        self.nodes.iter().position(|n| n.kind == kind).map(NodeId)
    }

    /// The flows of a year, added on first use.
    pub fn year(&mut self, year: Year) -> &mut YearFlows {
        match self.years.iter().position(|y| y.year == year) {
            Some(i) => &mut self.years[i],
            None => {
                self.years.push(YearFlows {
                    year,
                    links: Vec::new(),
                    extraction: Vec::new(),
                    stock_change: Vec::new(),
                });
                let last = self.years.len() - 1;
                &mut self.years[last]
            }
        }
    }
}
