//! `rareflow overview`: the overview rendered as a table (title, countries, claims and
//! sources as notes).

use crate::output::{group_thousands_fixed, percent, tonnes_text, Report, Val};
use model::{Flag, Flags};
use service::overview::OverviewResult;

fn lower_bound(f: Flags) -> &'static str {
    if f.contains(Flag::LowerBound) {
        ">"
    } else {
        ""
    }
}

/// Renders the overview.
pub fn render(r: &OverviewResult) -> Report {
    let u = r.unit.symbol();
    let w = &r.world;
    let title = vec![
        format!("rareflow overview — {} ({}): mine production {}, reserves {}; tonnes of rare-earth oxide (REO) equivalent", r.source, r.edition, r.mine_production_year, r.reserves_year),
        format!(
            "World mine production {}: {}{} {u} [{}]   World reserves {}: {}{} {u} [{}]",
            r.mine_production_year,
            lower_bound(w.mine_production_flags),
            tonnes_text(w.mine_production),
            w.mine_production_flags.marks(),
            r.reserves_year,
            lower_bound(w.reserves_flags),
            tonnes_text(w.reserves),
            w.reserves_flags.marks(),
        ),
        format!(
            "Mine production concentration: HHI {} (0–10,000, over the world total; {} over the sum of countries), top-3 share {}",
            r.hhi_world_total.map_or("—".into(), |h| group_thousands_fixed(h, 0)),
            r.hhi_country_sum.map_or("—".into(), |h| group_thousands_fixed(h, 0)),
            r.top3_share.map_or("—".into(), percent)
        ),
        String::new(),
    ];
    let mut report = Report {
        title,
        ..Report::default()
    };
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
    for c in &r.countries {
        report.listing.rows.push(vec![
            Val::Text(c.rank.map(|k| k.to_string()).unwrap_or_default()),
            Val::Text(c.name.clone()),
            Val::Tonnes(c.mine_production),
            Val::Share(c.share),
            Val::Tonnes(c.reserves),
            Val::Share(c.reserves_share),
            Val::Num(c.rp_years, 0),
            Val::Flags(c.flags),
            Val::Text(if c.highlight {
                "◀ in the news".into()
            } else {
                String::new()
            }),
        ]);
    }
    let o = &r.other;
    report.listing.rows.push(vec![
        Val::Text(String::new()),
        Val::Text("Other countries (world total − listed)".into()),
        Val::Tonnes(o.mine_production),
        Val::Share(o.share),
        Val::Tonnes(o.reserves),
        Val::Share(o.reserves_share),
        Val::Num(None, 0),
        Val::Flags(o.flags),
        Val::Text(String::new()),
    ]);
    report.legend_flags = w.mine_production_flags.union(w.reserves_flags);
    report.notes.push("R/P years: reserves ÷ mine production, both from the same edition and year. ◀ in the news: the countries the report that started rareflow is about (Russia, the United States). Other countries: the world total minus the countries listed (derived), so the shares sum to 100%.".into());
    for c in &r.claims {
        let who = c.citation.split(',').next().unwrap_or("").trim();
        report.notes.push(format!(
            "{} reserves claimed by {} ({}): {} {} as reported by {}; not comparable with USGS reserves (see `rareflow compare --country {} --metric reserves`)",
            c.name, c.publisher, c.edition, tonnes_text(c.value), u, who, c.country
        ));
    }
    for s in &r.sources {
        report.notes.push(format!(
            "Source {}: {} — {} ({})",
            s.edition, s.title, s.citation, s.licence
        ));
    }
    report
}
