//! `rareflow overview`: the one screen an analyst starts from: world mine production and
//! reserves, the top countries with shares, HHI, Russia and the United States highlighted
//! (as in the news), other sources' claims beside USGS, and the sources used.

use crate::context::Context;
use crate::output::{group_thousands_fixed, json_number, percent, Out, Report, Val};
use metrics::concentration::concentration;
use metrics::rank::{rank, Denominator, Ranking};
use metrics::Selection;
use model::{ElementGroup, Flag, Flags, Material, Metric, Place, Table};
use serde_json::{json, Value as Json};

const TREO: Material = Material::Group(ElementGroup::Treo);
const HIGHLIGHT: [&str; 2] = ["RUS", "USA"];
const TOP: usize = 8;

fn world(r: &Ranking) -> (Option<f64>, Flags) {
    r.aggregates
        .iter()
        .find(|a| a.place == Place::Aggregate(model::Aggregate::WorldTotal))
        .map_or((None, Flags::NONE), |a| (a.value.map(|v| v.get()), a.flags))
}

/// `overview`.
pub fn overview(ctx: &Context, out: &Out, sel: &Selection) -> anyhow::Result<Report> {
    let d = &ctx.dataset;
    let c = concentration(
        d,
        Metric::MineProduction,
        TREO,
        sel,
        Denominator::WorldTotal,
    )?;
    let prod = &c.ranking;
    let reserves_sel = Selection {
        edition: Some(model::EditionId(prod.edition.clone())),
        year: None,
    };
    let res = rank(
        d,
        Metric::Reserves,
        TREO,
        &reserves_sel,
        Denominator::WorldTotal,
    )?;
    let (wp, wp_flags) = world(prod);
    let (wr, wr_flags) = world(&res);
    let lb = |f: Flags| {
        if f.contains(Flag::LowerBound) {
            ">"
        } else {
            ""
        }
    };
    let mut title = vec![
        format!("rareflow overview — {} ({}): mine production {}, reserves {}; tonnes of rare-earth oxide (REO) equivalent", prod.source, prod.edition, prod.year, res.year),
        format!(
            "World mine production {}: {}{} {u} [{}]   World reserves {}: {}{} {u} [{}]",
            prod.year,
            lb(wp_flags),
            out.tonnes_text(wp),
            wp_flags.marks(),
            res.year,
            lb(wr_flags),
            out.tonnes_text(wr),
            wr_flags.marks(),
            u = out.unit.symbol()
        ),
        format!(
            "Mine production concentration: HHI {} (0–10,000, over the world total; {} over the sum of countries), top-3 share {}",
            c.hhi_world_total.map_or("—".into(), |h| group_thousands_fixed(h, 0)),
            c.hhi_country_sum.map_or("—".into(), |h| group_thousands_fixed(h, 0)),
            c.top3_share.map_or("—".into(), percent)
        ),
    ];
    let mut report = Report::default();
    report.listing.headers = [
        "rank",
        "country",
        "mine production ({unit})",
        "share",
        "reserves ({unit})",
        "reserves share",
        "R/P years",
        "flags",
        "",
    ]
    .map(String::from)
    .to_vec();
    let mut items = Vec::new();
    let shown = prod
        .ranked
        .iter()
        .enumerate()
        .filter(|(i, r)| *i < TOP || HIGHLIGHT.contains(&r.place.id()));
    for (_, p) in shown {
        let r = res
            .ranked
            .iter()
            .chain(res.gaps.iter())
            .find(|x| x.place == p.place);
        let reserves = r.and_then(|x| x.value.map(|v| v.get()));
        let rp = match (reserves, p.value.map(|v| v.get())) {
            (Some(rv), Some(pv)) if pv > 0.0 && res.year == prod.year => Some(rv / pv),
            _ => None,
        };
        let flags = p.flags.union(r.map_or(Flags::NONE, |x| x.flags));
        let highlight = HIGHLIGHT.contains(&p.place.id());
        report.listing.rows.push(vec![
            Val::Text(p.rank.map(|k| k.to_string()).unwrap_or_default()),
            Val::Text(p.name.clone()),
            Val::Tonnes(p.value.map(|v| v.get())),
            Val::Share(p.share),
            Val::Tonnes(reserves),
            Val::Share(r.and_then(|x| x.share)),
            Val::Num(rp, 0),
            Val::Flags(flags),
            Val::Text(if highlight {
                "◀ in the news".into()
            } else {
                String::new()
            }),
        ]);
        items.push(json!({
            "rank": p.rank,
            "country": p.place.id(),
            "name": p.name,
            "mine_production": out.tonnes_json(p.value.map(|v| v.get())),
            "share": p.share.map_or(Json::Null, json_number),
            "reserves": out.tonnes_json(reserves),
            "reserves_share": r.and_then(|x| x.share).map_or(Json::Null, json_number),
            "rp_years": rp.map_or(Json::Null, json_number),
            "flags": flags,
            "highlight": highlight,
        }));
    }
    // Claims from other sources for the highlighted countries, side by side with USGS.
    let mut claims = Vec::new();
    for code in HIGHLIGHT {
        let Some(place) = Place::from_id(code) else {
            continue;
        };
        for o in d.observations.iter().filter(|o| {
            o.place == place && o.table == Table::Statement && o.metric == Metric::Reserves
        }) {
            let s = d.source(&o.edition);
            let who = o.citation.split(',').next().unwrap_or("").trim();
            report.notes.push(format!(
                "{} reserves claimed by {} ({}): {} {} as reported by {}; not comparable with USGS reserves (see `rareflow compare --country {code} --metric reserves`)",
                d.countries.name_of(&place),
                s.map_or("?", |s| s.publisher.as_str()),
                o.edition,
                out.tonnes_text(o.value.magnitude()),
                out.unit.symbol(),
                who
            ));
            claims.push(json!({"country": code, "edition": o.edition.0, "value": out.tonnes_json(o.value.magnitude()), "unit": out.unit.symbol(), "citation": o.citation, "note": o.note}));
        }
    }
    let used: Vec<_> = d
        .sources
        .iter()
        .filter(|s| {
            s.edition.0 == prod.edition
                || claims.iter().any(|c| c["edition"] == s.edition.0.as_str())
        })
        .collect();
    for s in &used {
        report.notes.push(format!(
            "Source {}: {} — {} ({})",
            s.edition, s.title, s.citation, s.licence
        ));
    }
    title.push(String::new());
    report.title = title;
    report.json = json!({
        "edition": prod.edition,
        "source": prod.source,
        "unit": out.unit.symbol(),
        "mine_production_year": prod.year.0,
        "reserves_year": res.year.0,
        "world": {
            "mine_production": out.tonnes_json(wp), "mine_production_flags": wp_flags,
            "reserves": out.tonnes_json(wr), "reserves_flags": wr_flags,
        },
        "hhi_world_total": c.hhi_world_total.map_or(Json::Null, json_number),
        "hhi_country_sum": c.hhi_country_sum.map_or(Json::Null, json_number),
        "top3_share": c.top3_share.map_or(Json::Null, json_number),
        "countries": items,
        "claims": claims,
        "sources": used.iter().map(|s| json!({"edition": s.edition.0, "title": s.title, "citation": s.citation, "licence": s.licence, "transcribed": s.transcribed})).collect::<Vec<_>>(),
    });
    Ok(report)
}
