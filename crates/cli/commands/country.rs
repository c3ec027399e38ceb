//! `rareflow country RUS`: one country's codes, every observation, R/P years, and its
//! latest WGI estimates.

use super::observation_report;
use crate::context::Context;
use crate::output::{json_number, Out, Report};
use metrics::reserves_to_production::rp_years;
use metrics::Selection;
use model::{ElementGroup, Material};
use serde_json::{json, Value as Json};

/// `country`.
pub fn country(ctx: &Context, out: &Out, text: &str) -> anyhow::Result<Report> {
    let place = ctx.country(text)?;
    let d = &ctx.dataset;
    let code = place
        .country()
        .ok_or_else(|| anyhow::anyhow!("not a country"))?;
    let c = d
        .countries
        .get(code)
        .ok_or_else(|| anyhow::anyhow!("{code} is not in the country table"))?;
    let obs: Vec<_> = d.observations.iter().filter(|o| o.place == place).collect();
    let mut title = vec![format!(
        "{} ({}; ISO2 {}, numeric {}; {}) — {}",
        c.name, c.code, c.iso2, c.numeric, c.region, c.official_name
    )];
    let rp = rp_years(
        d,
        place,
        Material::Group(ElementGroup::Treo),
        &Selection::default(),
    )?;
    if let Some(rp) = rp {
        title.push(format!(
            "Reserves-to-production (latest edition): {}{:.0} years",
            if rp.lower_bound { ">" } else { "" },
            rp.years
        ));
    }
    let wgi = data::bundled::wgi()?;
    let latest = wgi
        .iter()
        .filter(|w| w.iso3 == Some(code))
        .max_by_key(|w| w.year);
    let wgi_json = match latest {
        Some(w) => {
            let f = |x: Option<f64>| x.map_or("..".to_string(), |v| format!("{v:.2}"));
            title.push(format!(
                "WGI {} (World Bank, CC BY 4.0): va {} pv {} ge {} rq {} rl {} cc {}; mean of six {}",
                w.year,
                f(w.estimates[0]),
                f(w.estimates[1]),
                f(w.estimates[2]),
                f(w.estimates[3]),
                f(w.estimates[4]),
                f(w.estimates[5]),
                f(w.mean6())
            ));
            let e = |i: usize| w.estimates[i].map_or(Json::Null, json_number);
            json!({"year": w.year, "va": e(0), "pv": e(1), "ge": e(2), "rq": e(3), "rl": e(4), "cc": e(5), "mean6": w.mean6().map_or(Json::Null, json_number), "source": "WGI2024"})
        }
        None => Json::Null,
    };
    let mut report = observation_report(d, out, title, &obs);
    let observations = std::mem::take(&mut report.json);
    report.json = json!({
        "country": c.code.to_string(),
        "name": c.name,
        "official_name": c.official_name,
        "iso2": c.iso2,
        "numeric": c.numeric,
        "region": c.region,
        "rp_years": rp.map(|r| json!({"years": json_number(r.years), "lower_bound": r.lower_bound})),
        "wgi": wgi_json,
        "observations": observations,
    });
    Ok(report)
}
