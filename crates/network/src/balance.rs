//! The mass-balance check: for every node and year,
//! `inflow = outflow + Δstock + losses`, `losses = inflow·(1 − yield)` where a yield is
//! given, within `1e-9·max(inflow, outflow) + 1e-12 t`.
//!
//! Inflow is links in plus extraction; outflow is links out. The check runs on totals
//! (tonnes REO over all elements), the identity the published data can be held to.

use crate::graph::{Network, NodeId};
use crate::vector::ElementVector;
use model::Year;

/// One node-year's terms.
#[derive(Debug, Clone, PartialEq)]
pub struct NodeBalance {
    /// The node.
    pub node: NodeId,
    /// The year.
    pub year: Year,
    /// Links in plus extraction.
    pub inflow: ElementVector,
    /// Links out.
    pub outflow: ElementVector,
    /// Stock change.
    pub stock_change: ElementVector,
    /// inflow·(1 − yield).
    pub losses: ElementVector,
}

impl NodeBalance {
    /// inflow − outflow − Δstock − losses, in tonnes.
    pub fn residual(&self) -> f64 {
        self.inflow.total() - self.outflow.total() - self.stock_change.total() - self.losses.total()
    }

    /// The tolerance the identity is held to.
    pub fn tolerance(&self) -> f64 {
        1e-9 * self.inflow.total().max(self.outflow.total()) + 1e-12
    }
}

/// A node-year that breaks the identity.
pub type Imbalance = NodeBalance;

/// Every node-year's balance terms (nodes with no flow in a year are left out).
pub fn balances(net: &Network) -> Vec<NodeBalance> {
    let mut out = Vec::new();
    for y in &net.years {
        for (i, node) in net.nodes.iter().enumerate() {
            let id = NodeId(i);
            let inflow: ElementVector = y
                .links
                .iter()
                .filter(|l| l.to == id)
                .map(|l| l.flow)
                .sum::<ElementVector>()
                + y.extraction
                    .iter()
                    .filter(|(n, _)| *n == id)
                    .map(|(_, v)| *v)
                    .sum();
            let outflow: ElementVector = y
                .links
                .iter()
                .filter(|l| l.from == id)
                .map(|l| l.flow)
                .sum();
            let stock_change: ElementVector = y
                .stock_change
                .iter()
                .filter(|(n, _)| *n == id)
                .map(|(_, v)| *v)
                .sum();
            if inflow.total() == 0.0 && outflow.total() == 0.0 && stock_change.total() == 0.0 {
                continue;
            }
            let losses = node
                .process_yield
                .map_or(ElementVector::ZERO, |yld| inflow * (1.0 - yld));
            out.push(NodeBalance {
                node: id,
                year: y.year,
                inflow,
                outflow,
                stock_change,
                losses,
            });
        }
    }
    out
}

/// The node-years where `|residual| > 1e-9·max(inflow, outflow) + 1e-12 t`.
pub fn check_balance(net: &Network) -> Vec<Imbalance> {
    balances(net)
        .into_iter()
        .filter(|b| b.residual().abs() > b.tolerance())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::graph::{Link, NodeKind};
    use model::{CountryCode, Element, Stage};

    fn code(c: &str) -> CountryCode {
        CountryCode::parse(c).unwrap()
    }

    /// Mine → separation → magnet, with a separation yield of 0.9, balanced; then a leak of
    /// one tonne at separation that the check must name.
    fn three_nodes(leak: f64) -> Network {
        let mut net = Network::default();
        let mine = net.node(NodeKind::Stage {
            country: code("AUS"),
            stage: Stage::Mining,
        });
        let sep = net.node(NodeKind::Stage {
            country: code("MYS"),
            stage: Stage::Separation,
        });
        let magnet = net.node(NodeKind::Stage {
            country: code("JPN"),
            stage: Stage::Magnet,
        });
        net.nodes[sep.0].process_yield = Some(0.9);
        let y = net.year(Year(2024));
        let ore = ElementVector::only(Element::Nd, 100.0) + ElementVector::only(Element::Pr, 25.0);
        y.extraction.push((mine, ore));
        y.links.push(Link {
            from: mine,
            to: sep,
            flow: ore,
            provenance: "test".into(),
        });
        let product = ore * 0.9 - ElementVector::only(Element::Nd, leak);
        y.links.push(Link {
            from: sep,
            to: magnet,
            flow: product,
            provenance: "test".into(),
        });
        y.stock_change.push((magnet, product));
        net
    }

    #[test]
    fn a_balanced_network_passes() {
        assert!(check_balance(&three_nodes(0.0)).is_empty());
    }

    #[test]
    fn a_leak_is_named_with_its_residual() {
        let net = three_nodes(1.0);
        let bad = check_balance(&net);
        assert_eq!(bad.len(), 1, "{bad:?}");
        assert_eq!(net.nodes[bad[0].node.0].kind.to_string(), "MYS/separation");
        assert_eq!(bad[0].year, Year(2024));
        assert!((bad[0].residual() - 1.0).abs() < 1e-9);
        assert!((bad[0].losses.total() - 12.5).abs() < 1e-9);
    }

    #[test]
    fn the_tolerance_is_relative() {
        // A residual of 1e-10 t on 125 t passes (1e-9 relative is 1.25e-7 t).
        assert!(check_balance(&three_nodes(1e-10)).is_empty());
        assert_eq!(check_balance(&three_nodes(1e-6)).len(), 1);
    }
}
