//! `rareflow chain [--element Nd|TREO|magnet_REE] [--year Y] [--svg FILE]`: each stage's
//! top countries with shares, basis, source and year, mining to magnets.

use crate::context::Context;
use crate::output::{json_number, Out, Report, Val};
use metrics::chain::{chain as build_chain, ChainView, CHAIN_STAGES};
use model::{Material, Place, Unit, Year};
use serde_json::{json, Value as Json};
use std::path::Path;

/// `chain`.
pub fn chain(
    ctx: &Context,
    out: &Out,
    element: Option<&str>,
    year: Option<Year>,
    top: usize,
    svg: Option<&Path>,
) -> anyhow::Result<Report> {
    let filter = element.map(|e| e.parse::<Material>()).transpose()?;
    let view = build_chain(&ctx.dataset, filter, year, top);
    let mut r = Report {
        title: vec!["The chain, mining to magnets: each stage at the latest year it has data for; shares are of the world on the row's basis".into()],
        ..Report::default()
    };
    r.listing.headers = [
        "stage", "country", "year", "value", "unit", "share", "basis", "flags", "source", "note",
    ]
    .map(String::from)
    .to_vec();
    let mut items = Vec::new();
    for row in &view.rows {
        let (country, kind) = match row.place {
            Some(Place::Country(c)) => (Some(c.to_string()), "country"),
            Some(Place::Aggregate(a)) => (None, a.id()),
            None => (None, "gap"),
        };
        let name = row
            .place
            .map_or("—".to_string(), |p| ctx.dataset.countries.name_of(&p));
        let tonnes = row.unit == Unit::TonnesReo;
        r.listing.rows.push(vec![
            Val::Text(row.stage.id().into()),
            Val::Text(name),
            Val::Text(row.year.map(|y| y.to_string()).unwrap_or_default()),
            if tonnes {
                Val::Tonnes(row.value)
            } else {
                Val::Num(row.value, 1)
            },
            Val::Text(if tonnes {
                out.unit.symbol().into()
            } else {
                row.unit.id().into()
            }),
            Val::Share(row.share),
            Val::Text(row.basis.id().into()),
            Val::Flags(row.flags),
            Val::Text(row.source.clone()),
            Val::Text(row.note.clone()),
        ]);
        items.push(json!({
            "stage": row.stage.id(),
            "country": country,
            "kind": kind,
            "element": row.basis.id(),
            "year": row.year.map(|y| y.0),
            "value": if tonnes { out.tonnes_json(row.value) } else { row.value.map_or(Json::Null, json_number) },
            "unit": if tonnes { out.unit.symbol() } else { row.unit.id() },
            "share": row.share.map_or(Json::Null, json_number),
            "basis": row.basis.id(),
            "metric": row.metric.id(),
            "source": row.source,
            "edition": row.edition,
            "flags": row.flags,
            "note": row.note,
        }));
    }
    r.notes
        .extend(view.notes.iter().map(|n| format!("Note: {n}")));
    r.json = Json::Array(items);
    if let Some(path) = svg {
        draw(&view, path)?;
        eprintln!("wrote {}", path.display());
    }
    Ok(r)
}

/// Draws China's share at each stage, one bar per stage and basis, labelled with basis,
/// year and source.
fn draw(view: &ChainView, path: &Path) -> anyhow::Result<()> {
    use plotters::prelude::*;
    let china = Place::from_id("CHN").ok_or_else(|| anyhow::anyhow!("CHN"))?;
    let bars: Vec<(String, f64, String)> = CHAIN_STAGES
        .iter()
        .map(|s| match view.share_of(china, *s) {
            Some((share, basis, year)) => (
                s.id().to_string(),
                share,
                format!("{:.0}% ({basis}, {year})", share * 100.0),
            ),
            None => (s.id().to_string(), 0.0, "no data (gap)".to_string()),
        })
        .collect();
    let root = SVGBackend::new(path, (720, 420)).into_drawing_area();
    root.fill(&WHITE)?;
    let root = root.titled(
        "China's share of each stage (basis and year per bar)",
        ("sans-serif", 20),
    )?;
    let (w, h) = (720i32, 380i32);
    let (left, bottom, top) = (60i32, h - 50, 30i32);
    let bar_w = (w - left - 40) / bars.len() as i32;
    root.draw(&PathElement::new(
        vec![(left, top), (left, bottom), (w - 20, bottom)],
        BLACK,
    ))?;
    for pct in [0, 25, 50, 75, 100] {
        let y = bottom - (f64::from(bottom - top) * f64::from(pct) / 100.0) as i32;
        root.draw(&Text::new(
            format!("{pct}%"),
            (left - 45, y - 6),
            ("sans-serif", 12),
        ))?;
        root.draw(&PathElement::new(
            vec![(left, y), (w - 20, y)],
            RGBColor(220, 220, 220),
        ))?;
    }
    for (i, (stage, share, label)) in bars.iter().enumerate() {
        let x0 = left + 15 + i as i32 * bar_w;
        let y0 = bottom - (f64::from(bottom - top) * share) as i32;
        root.draw(&Rectangle::new(
            [(x0, y0), (x0 + bar_w - 30, bottom)],
            RGBColor(178, 34, 34).filled(),
        ))?;
        root.draw(&Text::new(
            stage.clone(),
            (x0, bottom + 8),
            ("sans-serif", 14),
        ))?;
        root.draw(&Text::new(
            label.clone(),
            (x0, (y0 - 18).max(top)),
            ("sans-serif", 12),
        ))?;
    }
    root.present()?;
    Ok(())
}
