//! `rareflow rank` and `rareflow concentration`.

use crate::context::Context;
use crate::output::{json_number, percent, Out, Report, Val};
use metrics::concentration::{concentration as compute_concentration, Concentration};
use metrics::rank::{rank as compute_rank, Denominator, RankRow, Ranking};
use metrics::Selection;
use model::{ElementGroup, Material, Metric, Place};
use serde_json::{json, Value as Json};

const TREO: Material = Material::Group(ElementGroup::Treo);

fn kind_of(place: &Place) -> &'static str {
    match place {
        Place::Country(_) => "country",
        Place::Aggregate(a) => a.id(),
    }
}

/// One ranking row as JSON (the `rank` contract).
pub(crate) fn rank_json(out: &Out, r: &Ranking, row: &RankRow) -> Json {
    json!({
        "rank": row.rank,
        "country": row.place.country().map(|c| c.to_string()),
        "name": row.name,
        "value": out.tonnes_json(row.value.map(|v| v.get())),
        "unit": out.unit.symbol(),
        "share": row.share.map_or(Json::Null, json_number),
        "year": r.year.0,
        "source": r.source,
        "edition": r.edition,
        "flags": row.flags,
        "kind": kind_of(&row.place),
        "note": row.note,
    })
}

fn rank_title(r: &Ranking) -> String {
    let denominator = match r.denominator {
        Denominator::WorldTotal => "the source's rounded world total",
        Denominator::CountrySum => "the sum of reporting countries",
    };
    format!(
        "{} {}, {} ({}); shares of {denominator}",
        r.metric.label(),
        r.year,
        r.source,
        r.edition
    )
}

/// `rank`.
pub fn rank(
    ctx: &Context,
    out: &Out,
    metric: Metric,
    sel: &Selection,
    top: Option<usize>,
    denominator: Denominator,
) -> anyhow::Result<Report> {
    let r = compute_rank(&ctx.dataset, metric, TREO, sel, denominator)?;
    let mut report = Report {
        title: vec![rank_title(&r)],
        ..Report::default()
    };
    report.listing.headers = ["rank", "country", "name", "{unit}", "share", "flags"]
        .map(String::from)
        .to_vec();
    let shown = r.ranked.iter().take(top.unwrap_or(usize::MAX));
    let mut items = Vec::new();
    for row in shown.chain(r.gaps.iter()).chain(r.aggregates.iter()) {
        report.listing.rows.push(vec![
            Val::Text(row.rank.map(|k| k.to_string()).unwrap_or_default()),
            Val::Text(
                row.place
                    .country()
                    .map(|c| c.to_string())
                    .unwrap_or_default(),
            ),
            Val::Text(row.name.clone()),
            Val::Tonnes(row.value.map(|v| v.get())),
            Val::Share(row.share),
            Val::Flags(row.flags),
        ]);
        items.push(rank_json(out, &r, row));
    }
    if !r.gaps.is_empty() {
        report.notes.push(format!(
            "Gaps (no value in {}): {}",
            r.edition,
            r.gaps
                .iter()
                .map(|g| g.name.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        ));
    }
    report
        .notes
        .push("Aggregates (world total, other countries) are shown apart and never ranked.".into());
    report.json = Json::Array(items);
    Ok(report)
}

/// The `concentration` JSON and table.
pub(crate) fn concentration_report(out: &Out, c: &Concentration) -> Report {
    let r = &c.ranking;
    let hhi = |h: Option<f64>| {
        h.map_or("—".to_string(), |h| {
            crate::output::group_thousands_fixed(h, 0)
        })
    };
    let mut report = Report {
        title: vec![
            rank_title(r),
            format!(
                "HHI (0–10,000): {} over the world total, {} over the sum of reporting countries; top-3 share {}",
                hhi(c.hhi_world_total),
                hhi(c.hhi_country_sum),
                c.top3_share.map_or("—".into(), percent)
            ),
        ],
        ..Report::default()
    };
    report.listing.headers = ["country", "name", "{unit}", "share", "flags"]
        .map(String::from)
        .to_vec();
    let mut shares = Vec::new();
    for row in &r.ranked {
        report.listing.rows.push(vec![
            Val::Text(row.place.id().to_string()),
            Val::Text(row.name.clone()),
            Val::Tonnes(row.value.map(|v| v.get())),
            Val::Share(row.share),
            Val::Flags(row.flags),
        ]);
        shares.push(json!({
            "country": row.place.id(),
            "value": out.tonnes_json(row.value.map(|v| v.get())),
            "share": row.share.map_or(Json::Null, json_number),
            "flags": row.flags,
        }));
    }
    if r.denominator_lower_bound {
        report
            .notes
            .push("The world total is a lower bound: shares over it are upper bounds.".into());
    }
    report.json = json!({
        "metric": r.metric.id(),
        "year": r.year.0,
        "edition": r.edition,
        "source": r.source,
        "unit": out.unit.symbol(),
        "denominator": r.denominator.id(),
        "world_total": out.tonnes_json(c.world_total.map(|t| t.get())),
        "world_total_lower_bound": r.denominator_lower_bound,
        "country_sum": out.tonnes_json(Some(r.country_sum.get())),
        "hhi_world_total": c.hhi_world_total.map_or(Json::Null, json_number),
        "hhi_country_sum": c.hhi_country_sum.map_or(Json::Null, json_number),
        "top3_share": c.top3_share.map_or(Json::Null, json_number),
        "shares": shares,
        "aggregates": r.aggregates.iter().map(|a| json!({"kind": kind_of(&a.place), "value": out.tonnes_json(a.value.map(|v| v.get())), "flags": a.flags})).collect::<Vec<_>>(),
        "gaps": r.gaps.iter().map(|g| g.place.id().to_string()).collect::<Vec<_>>(),
    });
    report
}

/// `concentration`.
pub fn concentration(
    ctx: &Context,
    out: &Out,
    metric: Metric,
    sel: &Selection,
    denominator: Denominator,
) -> anyhow::Result<Report> {
    let c = compute_concentration(&ctx.dataset, metric, TREO, sel, denominator)?;
    Ok(concentration_report(out, &c))
}
