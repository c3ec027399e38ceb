//! `balance`: the baseline network's mass balance, node by node, with the labelled
//! `unallocated` terms that public data leave.

use crate::error::{Error, Result};
use crate::session::Need;
use crate::Session;
use model::{Mass, TonnesUnit, Year};
use network::balance::balances;
use network::baseline::build_from;
use network::{check_balance, NodeKind};
use serde::Serialize;
use utoipa::ToSchema;

/// A balance question.
#[derive(Debug, Clone)]
pub struct BalanceRequest {
    /// The year.
    pub year: i32,
    /// The edition mine production is read from (default: the latest statistical edition
    /// that reports the year).
    pub edition: Option<String>,
    /// Unit of masses.
    pub unit: TonnesUnit,
}

/// One node's balance.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct NodeRow {
    /// The node.
    pub node: String,
    /// Whether it is a labelled unallocated term.
    pub unallocated: bool,
    /// Year.
    pub year: Year,
    /// Inflow.
    pub inflow: Option<Mass>,
    /// Outflow.
    pub outflow: Option<Mass>,
    /// Stock change.
    pub stock_change: Option<Mass>,
    /// Losses.
    pub losses: Option<Mass>,
    /// Inflow − outflow − stock change − losses.
    pub residual: Option<Mass>,
    /// Unit.
    pub unit: TonnesUnit,
    /// Of the inflow, REO whose element is not known (tables).
    #[serde(skip)]
    pub unspecified_inflow: Option<Mass>,
}

/// One link.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct LinkRow {
    /// From node.
    pub from: String,
    /// To node.
    pub to: String,
    /// Tonnes REO.
    pub value: Option<Mass>,
    /// Of which element unknown.
    pub unspecified: Option<Mass>,
    /// Why the link is there.
    pub provenance: String,
    /// Whether either end is an unallocated term (tables list them).
    #[serde(skip)]
    pub unallocated: bool,
}

/// The balance.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct BalanceResult {
    /// Year.
    pub year: Year,
    /// Nodes.
    pub nodes: Vec<NodeRow>,
    /// Links.
    pub links: Vec<LinkRow>,
    /// Node-years that do not balance.
    pub imbalances: usize,
    /// The builder's notes.
    pub notes: Vec<String>,
    /// The nodes that do not balance (tables).
    #[serde(skip)]
    pub imbalanced: Vec<String>,
}

impl Session {
    /// The baseline network's mass balance for a year.
    pub async fn balance(&self, req: &BalanceRequest) -> Result<BalanceResult> {
        crate::values::check_year(req.year)?;
        let edition = match &req.edition {
            Some(e) => Some(self.edition_id(e).await?),
            None => None,
        };
        let d = self.dataset_for(Need::Latest(edition.as_ref())).await?;
        let year = Year(req.year);
        let unit = req.unit;
        let (net, notes) = build_from(
            &d,
            &self.tables().ores,
            &self.bundled().world,
            year,
            edition.as_ref(),
        )
        .ok_or_else(|| {
            Error::NotFound(match &edition {
                Some(e) => format!("{e} reports no mine production for {year}"),
                None => format!("no edition reports mine production for {year}"),
            })
        })?;
        let mass = |t: f64| Mass::from_t(t, unit);
        let nodes = balances(&net)
            .iter()
            .map(|b| {
                let kind = net.nodes[b.node.0].kind;
                NodeRow {
                    node: kind.to_string(),
                    unallocated: matches!(kind, NodeKind::Unallocated { .. }),
                    year: b.year,
                    inflow: mass(b.inflow.total()),
                    outflow: mass(b.outflow.total()),
                    stock_change: mass(b.stock_change.total()),
                    losses: mass(b.losses.total()),
                    // Rounding noise (within 1e-9 of the flows, the check's tolerance) is 0.
                    residual: mass(
                        if b.residual().abs()
                            <= 1e-9 * b.inflow.total().max(b.outflow.total()).max(1.0)
                        {
                            0.0
                        } else {
                            b.residual()
                        },
                    ),
                    unit,
                    unspecified_inflow: mass(b.inflow.unspecified()),
                }
            })
            .collect();
        let mut links = Vec::new();
        for y in &net.years {
            for l in &y.links {
                let (from, to) = (net.nodes[l.from.0].kind, net.nodes[l.to.0].kind);
                links.push(LinkRow {
                    from: from.to_string(),
                    to: to.to_string(),
                    value: mass(l.flow.total()),
                    unspecified: mass(l.flow.unspecified()),
                    provenance: l.provenance.clone(),
                    unallocated: matches!(to, NodeKind::Unallocated { .. })
                        || matches!(from, NodeKind::Unallocated { .. }),
                });
            }
        }
        let bad = check_balance(&net);
        Ok(BalanceResult {
            year,
            nodes,
            links,
            imbalances: bad.len(),
            notes: notes.lines,
            imbalanced: bad
                .iter()
                .map(|b| net.nodes[b.node.0].kind.to_string())
                .collect(),
        })
    }
}
