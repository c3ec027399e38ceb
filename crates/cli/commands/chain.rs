//! `rareflow chain` rendered: each stage's rows with basis, year and source; and China's
//! share at each stage as an SVG bar chart.

use crate::output::{Report, Val};
use service::chain::ChainResult;
use std::path::Path;

/// Renders the chain.
pub fn render(r: &ChainResult) -> Report {
    let mut report = Report {
        title: vec![match r.year {
            Some(y) => format!("The chain, mining to magnets, in {y}; shares are of the world on the row's basis"),
            None => "The chain, mining to magnets: each stage at the latest year it has data for; shares are of the world on the row's basis".into(),
        }],
        ..Report::default()
    };
    report.listing.headers = [
        "stage", "country", "year", "value", "unit", "share", "basis", "flags", "source", "note",
    ]
    .map(String::from)
    .to_vec();
    for row in &r.rows {
        report.listing.rows.push(vec![
            Val::Text(row.stage.id().into()),
            Val::Text(row.name.clone()),
            Val::Text(row.year.map(|y| y.to_string()).unwrap_or_default()),
            match row.value {
                Some(service::values::Amount::Number(x)) => Val::Num(Some(x), 1),
                other => Val::amount(other),
            },
            Val::Text(row.unit.clone()),
            Val::Share(row.share),
            Val::Text(row.basis.id().into()),
            Val::Flags(row.flags),
            Val::Text(row.source.clone()),
            Val::Text(row.note.clone()),
        ]);
    }
    report
        .notes
        .extend(r.notes.iter().map(|n| format!("Note: {n}")));
    report
}

/// Draws China's share at each stage, one bar per stage, labelled with basis, year and
/// source.
pub fn draw(r: &ChainResult, path: &Path) -> anyhow::Result<()> {
    use plotters::prelude::*;
    crate::chart::writable(path)?;
    let bars: Vec<(String, f64, String)> = r
        .china
        .iter()
        .map(|s| match &s.share {
            Some((share, basis, year, _)) => (
                s.stage.id().to_string(),
                *share,
                format!("{:.0}% ({basis}, {year})", share * 100.0),
            ),
            None => (s.stage.id().to_string(), 0.0, "no data (gap)".to_string()),
        })
        .collect();
    let mut sources: Vec<String> = r
        .china
        .iter()
        .filter_map(|s| {
            s.share
                .as_ref()
                .map(|x| format!("{} {}", s.stage.id(), x.3))
        })
        .collect();
    sources.dedup();
    let root = SVGBackend::new(path, (720, 440)).into_drawing_area();
    root.fill(&WHITE)?;
    let root = root.titled(
        "China's share of each stage (basis and year per bar)",
        ("sans-serif", 20),
    )?;
    let (w, h) = (720i32, 380i32);
    let (left, bottom, top) = (60i32, h - 50, 30i32);
    let bar_w = (w - left - 40) / bars.len().max(1) as i32;
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
            crate::chart::colour(i).filled(),
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
    crate::chart::source_line(&root, &sources.join("; "))?;
    root.present()?;
    Ok(())
}
