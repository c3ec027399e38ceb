//! `rareflow risk eu --material Dy` and `rareflow risk usgs --commodity rare-earths`: the
//! scores computed from cited inputs, each stage's parts, every input with its source, the
//! inputs that are gaps, and the published value beside the computed one.

use crate::args::RiskMethod;
use crate::context::Context;
use crate::output::{json_number, Report, Val};
use data::eucrm::{read_eu_inputs, EuInput};
use metrics::risk::eu::{
    is_critical, rescale_rounded, stage_sr, wgi_scaled, StageInputs, Supplier,
};
use metrics::risk::usgs::{net_import_reliance, NetImportReliance};
use model::{CountryCode, ElementGroup, Material, Metric, Place, Year};
use serde_json::{json, Value as Json};

/// The years whose WGI the EU averages (the 2023 assessment's reference period 2016-2020;
/// secondary, see data/sources.csv EU-CRM-2023-ANNEX7).
const WGI_YEARS: std::ops::RangeInclusive<i32> = 2016..=2020;

/// `risk`.
pub fn risk(ctx: &Context, method: RiskMethod) -> anyhow::Result<Report> {
    match method {
        RiskMethod::Eu { material } => eu(ctx, &material),
        RiskMethod::Usgs { commodity } => usgs(ctx, &commodity),
    }
}

fn wgi_scaled_mean(wgi: &[data::wgi::WgiRow], country: &str) -> anyhow::Result<Option<f64>> {
    let code = CountryCode::parse(country)
        .ok_or_else(|| anyhow::anyhow!("{country} is not an ISO3 code"))?;
    let mut scaled = Vec::new();
    for w in wgi
        .iter()
        .filter(|w| w.iso3 == Some(code) && WGI_YEARS.contains(&w.year))
    {
        if let Some(m) = w.mean6() {
            scaled.push(wgi_scaled(country, m)?);
        }
    }
    Ok((!scaled.is_empty()).then(|| scaled.iter().sum::<f64>() / scaled.len() as f64))
}

fn eu(ctx: &Context, material: &str) -> anyhow::Result<Report> {
    let all = read_eu_inputs(data::bundled::EU_CRM_2023.0, data::bundled::EU_CRM_2023.1)?;
    let known: Vec<String> = {
        let mut m: Vec<String> = Vec::new();
        for i in all.iter().filter(|i| i.material != "all") {
            if !m.contains(&i.material) {
                m.push(i.material.clone());
            }
        }
        m
    };
    let key = material.trim();
    let rows: Vec<&EuInput> = all
        .iter()
        .filter(|i| i.material.eq_ignore_ascii_case(key))
        .collect();
    if rows.is_empty() {
        anyhow::bail!(
            "no EU CRM inputs for {key:?}: the bundled table has {}",
            known.join(", ")
        );
    }
    let wgi = data::bundled::wgi()?;
    let find = |stage: &str, input: &str| {
        rows.iter()
            .find(|i| (i.stage == stage || i.stage == "all") && i.input == input)
            .copied()
    };
    let mut inputs = Vec::new();
    let mut gaps: Vec<String> = Vec::new();
    let mut stages = serde_json::Map::new();
    let mut computed = Vec::new();
    let source_label = |id: &str| {
        ctx.dataset
            .source(&model::EditionId(id.to_string()))
            .map_or(id.to_string(), |s| s.citation.clone())
    };
    for i in &rows {
        inputs.push(json!({"name": i.input, "stage": i.stage, "country": i.country, "value": i.value, "unit": i.unit, "source": i.source, "note": i.notes}));
    }
    let suppliers = |stage: &str,
                     input: &str,
                     missing: &mut Vec<String>,
                     inputs: &mut Vec<Json>|
     -> anyhow::Result<Vec<Supplier>> {
        let mut out = Vec::new();
        for s in rows.iter().filter(|i| i.stage == stage && i.input == input) {
            match wgi_scaled_mean(&wgi, &s.country)? {
                Some(w) => {
                    inputs.push(json!({"name": "wgi_scaled", "stage": stage, "country": s.country, "value": json_number(w), "unit": "0-10",
                        "source": format!("WGI2024, mean of (2.5 - mean of six estimates) x 2 over {}-{}", WGI_YEARS.start(), WGI_YEARS.end())}));
                    out.push(Supplier {
                        country: s.country.clone(),
                        share: s.number().unwrap_or(0.0),
                        wgi_scaled: w,
                        trade: 1.0,
                    });
                }
                None => missing.push(format!("{stage}: WGI of {}", s.country)),
            }
        }
        if out.is_empty() {
            return Ok(out);
        }
        // Published tables are rounded; rescale those that miss one by less than 2%, and say so.
        let (out, rescaled) = rescale_rounded(&format!("{stage} {input}"), out, 0.02)?;
        if let Some(sum) = rescaled {
            eprintln!("warning: {material} {stage} {input} sums to {:.1}% as published (rounded); rescaled to 100%", sum * 100.0);
        }
        Ok(out)
    };
    let mut differences = Vec::new();
    for stage in ["extraction", "processing"] {
        let mut missing = Vec::new();
        let mut number = |input: &str| match find(stage, input).and_then(|i| i.number()) {
            Some(x) => Some(x),
            None => {
                missing.push(format!("{stage}: {input}"));
                None
            }
        };
        let (ir, eol, si) = (
            number("import_reliance"),
            number("eol_rir"),
            number("si_sr"),
        );
        let global = suppliers(stage, "global_supply_share", &mut missing, &mut inputs)?;
        if global.is_empty() {
            missing.push(format!("{stage}: global supply shares by country"));
        }
        let gs_only = find(stage, "supply_used").is_some_and(|i| i.value == "GS");
        let eu_sourcing = if gs_only {
            None
        } else {
            let eu = suppliers(stage, "eu_sourcing_share", &mut missing, &mut inputs)?;
            if eu.is_empty() {
                missing.push(format!(
                    "{stage}: EU sourcing shares by country (the EU uses GS+EU here)"
                ));
            }
            Some(eu)
        };
        let published_row = find(stage, "published_stage_sr").filter(|i| i.stage == stage);
        let published = published_row.and_then(|i| i.number());
        let mut entry = json!({"sr": null, "hhi_wgi": null, "hhi_wgi_eu": null, "published_sr": published.map_or(Json::Null, json_number), "trade_factor": 1.0});
        if missing.is_empty() {
            let s = stage_sr(&StageInputs {
                global,
                eu_sourcing,
                import_reliance: ir.unwrap_or(1.0),
                eol_rir: eol.unwrap_or(0.0),
                si_sr: si.unwrap_or(1.0),
            })?;
            entry["sr"] = json_number(s.sr);
            entry["hhi_wgi"] = json_number(s.hhi_global);
            entry["hhi_wgi_eu"] = json_number(s.hhi_eu);
            computed.push((stage, s.sr));
            if let Some(p) = published {
                if (s.sr - p).abs() > 0.3 {
                    differences.push(format!(
                        "{stage} SR computed {:.2} vs published {p}: {}",
                        s.sr,
                        published_row.map_or("", |r| r.notes.as_str())
                    ));
                }
            }
        }
        gaps.extend(missing);
        stages.insert(stage.to_string(), entry);
    }
    // Economic importance from end-use shares and sector value added.
    let uses: Vec<&&EuInput> = rows.iter().filter(|i| i.input == "end_use_share").collect();
    let sector_va = |sector: &str| {
        all.iter()
            .find(|i| i.input == "sector_value_added" && i.country == sector)
            .and_then(|i| i.number())
    };
    let max_q = all
        .iter()
        .find(|i| i.input == "max_sector_value_added")
        .and_then(|i| i.number());
    let si_ei = find("all", "si_ei").and_then(|i| i.number());
    let mut ei = None;
    if !uses.is_empty() {
        let sectors: Option<Vec<(f64, f64)>> = uses
            .iter()
            .map(|u| Some((u.number()?, sector_va(&u.country)?)))
            .collect();
        match (sectors, max_q, si_ei) {
            (Some(sectors), Some(max_q), Some(si)) => ei = Some(metrics::risk::eu::economic_importance(&sectors, max_q, si)?),
            _ => gaps.push("economic importance: a sector's value added, the largest sector's value added or SI_EI".into()),
        }
        for u in &uses {
            inputs.push(json!({"name": "end_use_share", "stage": "all", "country": u.country, "value": u.value, "unit": u.unit, "source": u.source, "note": u.notes}));
        }
    }
    if uses.is_empty() {
        gaps.push("economic importance: end-use shares A_s with their NACE sectors (not found for this material)".into());
    }
    let bottleneck = if computed.len() == 2 {
        computed
            .iter()
            .max_by(|a, b| a.1.total_cmp(&b.1))
            .map(|(s, _)| s.to_string())
    } else {
        None
    };
    let sr = if computed.len() == 2 {
        computed.iter().map(|(_, x)| *x).reduce(f64::max)
    } else {
        None
    };
    let published_sr = find("all", "published_sr").and_then(|i| i.number());
    let published_ei = find("all", "published_ei").and_then(|i| i.number());
    let group = matches!(
        key.parse::<Material>(),
        Ok(Material::Group(ElementGroup::Hree | ElementGroup::Lree))
    );
    let mut r = Report {
        title: vec![format!(
            "EU CRM supply risk, {key} (JRC 2017 method; inputs of the 2023 assessment)"
        )],
        ..Report::default()
    };
    r.listing.headers = [
        "stage",
        "computed SR",
        "published SR",
        "HHI_WGI,t",
        "status",
    ]
    .map(String::from)
    .to_vec();
    for stage in ["extraction", "processing"] {
        let e = &stages[stage];
        let status = if e["sr"].is_null() {
            "gaps: not computed"
        } else {
            "computed from cited inputs"
        };
        r.listing.rows.push(vec![
            Val::Text(stage.into()),
            Val::Num(e["sr"].as_f64(), 2),
            Val::Num(e["published_sr"].as_f64(), 2),
            Val::Num(e["hhi_wgi"].as_f64(), 3),
            Val::Text(status.into()),
        ]);
    }
    r.notes.push(format!(
        "SR: computed {} against published {} ({}); EI: computed {} against published {}; critical: {}",
        sr.map_or("— (gaps)".into(), |x| format!("{x:.2}")),
        published_sr.map_or("—".into(), |x| format!("{x}")),
        bottleneck.as_deref().map_or("bottleneck undetermined".into(), |b| format!("bottleneck {b}")),
        ei.map_or("— (gaps)".into(), |x| format!("{x:.2}")),
        published_ei.map_or("—".into(), |x| format!("{x}")),
        match published_sr.zip(published_ei) {
            Some((s, e)) => format!("{} by the published scores (SR ≥ 1 and EI ≥ 2.8)", if is_critical(s, e) { "yes" } else { "no" }),
            None => "undetermined".into(),
        }
    ));
    if group {
        r.notes.push("Group scores: the EU's table gives no substitution indices for HREE and LREE; their published scores equal the means of the members' published scores (derived), which rareflow does not echo as a computation.".into());
    }
    for d in &differences {
        r.notes.push(format!("difference: {d}"));
    }
    for g in &gaps {
        r.notes.push(format!("gap: {g}"));
    }
    for i in &rows {
        r.notes.push(format!(
            "input: {} {} {} = {} {} [{}]",
            i.stage,
            i.input,
            i.country,
            i.value,
            i.unit,
            source_label(&i.source)
        ));
    }
    r.json = json!({
        "material": key,
        "sr": sr.map_or(Json::Null, json_number),
        "ei": ei.map_or(Json::Null, json_number),
        "critical": sr.zip(ei).map_or(Json::Null, |(s, e)| Json::Bool(is_critical(s, e))),
        "differences": differences,
        "bottleneck": bottleneck,
        "stages": stages,
        "inputs": inputs,
        "gaps": gaps,
        "published": {"sr": published_sr.map_or(Json::Null, json_number), "ei": published_ei.map_or(Json::Null, json_number), "source": source_label("EU-CRM-2023")},
    });
    Ok(r)
}

fn usgs(ctx: &Context, commodity: &str) -> anyhow::Result<Report> {
    let material = match commodity.trim().to_lowercase().replace(' ', "-").as_str() {
        "rare-earths" => Material::Group(ElementGroup::Treo),
        "yttrium" => Material::Element(model::Element::Y),
        "scandium" => Material::Element(model::Element::Sc),
        other => anyhow::bail!(
            "unknown commodity {other:?}: expected rare-earths, yttrium or scandium (USGS's names)"
        ),
    };
    let usa = Place::from_id("USA").ok_or_else(|| anyhow::anyhow!("USA"))?;
    let d = &ctx.dataset;
    let value = |metric: Metric, form: &str, year: i32| {
        d.observations
            .iter()
            .find(|o| {
                o.place == usa
                    && o.material == material
                    && o.metric == metric
                    && o.form == form
                    && o.year == Year(year)
            })
            .and_then(|o| o.value.magnitude())
    };
    let mut r = Report {
        title: vec![format!(
            "USGS net import reliance, United States, {commodity} (MCS 2025 salient statistics)"
        )],
        ..Report::default()
    };
    r.listing.headers = [
        "year",
        "primary production (t)",
        "apparent consumption (t)",
        "computed NIR",
        "published NIR",
    ]
    .map(String::from)
    .to_vec();
    let mut years = Vec::new();
    for year in 2020..=2024 {
        let (prod, cons) = (
            value(Metric::Production, "compounds and metals", year),
            value(Metric::ApparentConsumption, "compounds and metals", year),
        );
        let published = value(Metric::NetImportReliance, "compounds and metals", year);
        let computed = match (prod, cons) {
            (Some(p), Some(c)) => Some(net_import_reliance(p, c)?),
            _ => None,
        };
        let text = match computed {
            Some(NetImportReliance::Fraction(f)) => format!("{:.0}%", f * 100.0),
            Some(NetImportReliance::NetExporter) => "E".into(),
            None => "— (gap)".into(),
        };
        r.listing.rows.push(vec![
            Val::Text(year.to_string()),
            Val::Num(prod, 0),
            Val::Num(cons, 0),
            Val::Text(text.clone()),
            Val::Num(published, 0),
        ]);
        years.push(json!({"year": year, "production": prod, "apparent_consumption": cons, "nir": match computed { Some(NetImportReliance::Fraction(f)) => json_number(f), _ => Json::Null },
            "net_exporter": matches!(computed, Some(NetImportReliance::NetExporter)), "published_nir_pct": published}));
    }
    r.notes.push("NIR = 1 − primary production / apparent consumption (MCS definition: imports − exports ± stock adjustments, as a share of apparent consumption). Concentrate: the US is a net exporter (E).".into());
    let gaps = [
        "USGS 2021/2022 supply risk (Nassar and Fortier, Open-File Report 2021-1045; Nassar et al. 2020, Sci. Adv. eaay8647): not computed. The reports' own equations for disruption potential, trade exposure and economic vulnerability, their governance index and their aggregation could not be read from the sources reachable to this project (only abstracts and captions: supply risk per commodity and year, list threshold 0.40 on a 2015-2018 recency-weighted mean); their inputs (governance/policy indices, U.S. industry value added and margins) are gaps. See research/usgs-risk/README.md",
    ];
    for g in gaps {
        r.notes.push(format!("gap: {g}"));
    }
    r.json = json!({"commodity": commodity, "country": "USA", "stage": "compounds and metals", "years": years, "gaps": gaps, "source": "MCS2025"});
    Ok(r)
}
