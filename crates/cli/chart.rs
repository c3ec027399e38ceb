//! Line charts by year as SVG files: one drawing routine for every command that charts a
//! series (`stock`, `demand`), so that axes, legend and scaling look the same everywhere.

use plotters::prelude::*;
use std::path::Path;

/// One line: its legend label, points `(year, value)`, colour and stroke width.
pub struct Line {
    /// Legend label.
    pub label: String,
    /// Points by year.
    pub points: Vec<(i32, f64)>,
    /// Colour.
    pub color: RGBColor,
    /// Stroke width in pixels.
    pub width: u32,
}

/// Draws `lines` into an SVG file; the y axis runs from the lowest value (or 0) to 5% above
/// the highest.
pub fn lines(path: &Path, caption: &str, y_desc: &str, lines: &[Line]) -> anyhow::Result<()> {
    let all = || lines.iter().flat_map(|l| l.points.iter());
    let (x0, x1) = all().fold((i32::MAX, i32::MIN), |(a, b), p| (a.min(p.0), b.max(p.0)));
    let (x0, x1) = if x0 > x1 {
        (0, 1)
    } else {
        (x0, x1.max(x0 + 1))
    };
    let max = all().fold(0.0f64, |a, p| a.max(p.1)).max(1e-12);
    let min = all().fold(0.0f64, |a, p| a.min(p.1));
    let root = SVGBackend::new(path, (900, 500)).into_drawing_area();
    root.fill(&WHITE)?;
    let mut chart = ChartBuilder::on(&root)
        .caption(caption, ("sans-serif", 18))
        .margin(10)
        .x_label_area_size(30)
        .y_label_area_size(70)
        .build_cartesian_2d(x0..x1, min..max * 1.05)?;
    chart
        .configure_mesh()
        .x_desc("year")
        .y_desc(y_desc)
        .draw()?;
    for l in lines {
        let color = l.color;
        chart
            .draw_series(LineSeries::new(
                l.points.iter().copied(),
                color.stroke_width(l.width),
            ))?
            .label(l.label.clone())
            .legend(move |(x, y)| PathElement::new(vec![(x, y), (x + 20, y)], color));
    }
    chart
        .configure_series_labels()
        .background_style(WHITE.mix(0.8))
        .border_style(BLACK)
        .draw()?;
    root.present()?;
    Ok(())
}
