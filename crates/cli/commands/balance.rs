//! `rareflow balance` rendered: each node's balance, the unallocated links and the check.

use crate::output::{tonnes_text, Report, Val};
use service::balance::BalanceResult;

/// Renders the balance.
pub fn render(r: &BalanceResult) -> Report {
    let mut report = Report {
        title: vec![format!(
            "Baseline network {}: inflow = outflow + stock change + losses at every node",
            r.year
        )],
        ..Report::default()
    };
    report.listing.headers = [
        "node",
        "inflow ({unit})",
        "outflow ({unit})",
        "stock change ({unit})",
        "losses ({unit})",
        "residual ({unit})",
        "of which element unknown ({unit})",
    ]
    .map(String::from)
    .to_vec();
    for n in &r.nodes {
        report.listing.rows.push(vec![
            Val::Text(n.node.clone()),
            Val::Tonnes(n.inflow),
            Val::Tonnes(n.outflow),
            Val::Tonnes(n.stock_change),
            Val::Tonnes(n.losses),
            Val::Tonnes(n.residual),
            Val::Tonnes(n.unspecified_inflow),
        ]);
    }
    for l in r.links.iter().filter(|l| l.unallocated) {
        report.notes.push(format!(
            "unallocated: {} → {}: {} {}; {}",
            l.from,
            l.to,
            tonnes_text(l.value),
            l.value.map_or("t", |m| m.unit().symbol()),
            l.provenance
        ));
    }
    report.notes.push(if r.imbalances == 0 {
        "check_balance: every node balances within 1e-9 relative once the unallocated terms are counted.".into()
    } else {
        format!(
            "check_balance: {} node-years do not balance: {}",
            r.imbalances,
            r.imbalanced.join(", ")
        )
    });
    report.notes.extend(r.notes.iter().cloned());
    report
}
