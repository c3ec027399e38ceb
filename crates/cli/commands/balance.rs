//! `rareflow balance [--year 2024]`: the baseline network's mass balance, node by node,
//! with the labelled `unallocated` terms that public data leave.

use crate::context::Context;
use crate::output::{json_number, Out, Report, Val};
use anyhow::Context as _;
use model::Year;
use network::balance::balances;
use network::baseline::build;
use network::{check_balance, NodeKind};
use serde_json::json;
use std::path::Path;

/// `balance`.
pub fn balance(
    ctx: &Context,
    out: &Out,
    year: Year,
    ore_types: Option<&Path>,
    country_ores: Option<&Path>,
) -> anyhow::Result<Report> {
    let read = |p: Option<&Path>,
                bundled: (&'static str, &'static str)|
     -> anyhow::Result<(String, String)> {
        match p {
            Some(p) => Ok((
                p.display().to_string(),
                std::fs::read_to_string(p)
                    .with_context(|| format!("cannot read {}", p.display()))?,
            )),
            None => Ok((bundled.0.to_string(), bundled.1.to_string())),
        }
    };
    let (ot, co) = (
        read(ore_types, data::bundled::ORE_TYPES)?,
        read(country_ores, data::bundled::COUNTRY_ORES)?,
    );
    let ores = data::chainfiles::read_ore_table((&ot.0, &ot.1), (&co.0, &co.1))?;
    let (net, notes) = build(&ctx.dataset, &ores, year)
        .ok_or_else(|| anyhow::anyhow!("no edition reports mine production for {year}"))?;
    let mut r = Report {
        title: vec![format!(
            "Baseline network {year}: inflow = outflow + stock change + losses at every node"
        )],
        ..Report::default()
    };
    r.listing.headers = [
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
    let mut nodes = Vec::new();
    for b in balances(&net) {
        let kind = net.nodes[b.node.0].kind;
        r.listing.rows.push(vec![
            Val::Text(kind.to_string()),
            Val::Tonnes(Some(b.inflow.total())),
            Val::Tonnes(Some(b.outflow.total())),
            Val::Tonnes(Some(b.stock_change.total())),
            Val::Tonnes(Some(b.losses.total())),
            Val::Tonnes(Some(b.residual())),
            Val::Tonnes(Some(b.inflow.unspecified())),
        ]);
        nodes.push(json!({
            "node": kind.to_string(),
            "unallocated": matches!(kind, NodeKind::Unallocated { .. }),
            "year": b.year.0,
            "inflow": out.tonnes_json(Some(b.inflow.total())),
            "outflow": out.tonnes_json(Some(b.outflow.total())),
            "stock_change": out.tonnes_json(Some(b.stock_change.total())),
            "losses": out.tonnes_json(Some(b.losses.total())),
            "residual": json_number(b.residual() / out.unit.factor()),
            "unit": out.unit.symbol(),
        }));
    }
    let mut links = Vec::new();
    for y in &net.years {
        for l in &y.links {
            let (from, to) = (net.nodes[l.from.0].kind, net.nodes[l.to.0].kind);
            if matches!(to, NodeKind::Unallocated { .. })
                || matches!(from, NodeKind::Unallocated { .. })
            {
                r.notes.push(format!(
                    "unallocated: {from} → {to}: {} {}; {}",
                    out.tonnes_text(Some(l.flow.total())),
                    out.unit.symbol(),
                    l.provenance
                ));
            }
            links.push(json!({"from": from.to_string(), "to": to.to_string(), "value": out.tonnes_json(Some(l.flow.total())), "unspecified": out.tonnes_json(Some(l.flow.unspecified())), "provenance": l.provenance}));
        }
    }
    let bad = check_balance(&net);
    r.notes.push(if bad.is_empty() {
        "check_balance: every node balances within 1e-9 relative once the unallocated terms are counted.".into()
    } else {
        format!("check_balance: {} node-years do not balance: {}", bad.len(), bad.iter().map(|b| net.nodes[b.node.0].kind.to_string()).collect::<Vec<_>>().join(", "))
    });
    r.notes.extend(notes.lines.iter().cloned());
    r.json = json!({"year": year.0, "nodes": nodes, "links": links, "imbalances": bad.len(), "notes": notes.lines});
    Ok(r)
}
