//! Charts as SVG files: one drawing routine for every command that charts a series
//! (`stock`, `demand`), so that axes, legend, colours and the source line look the same
//! everywhere. Every series gets its own colour from one palette, every chart a legend and
//! a source line saying where the numbers come from.

use plotters::prelude::*;
use std::path::Path;

/// Distinct colours (Tableau 10, none of them the black of the axes), handed out in order
/// so no two series of a chart share one.
const PALETTE: [RGBColor; 10] = [
    RGBColor(78, 121, 167),
    RGBColor(242, 142, 43),
    RGBColor(225, 87, 89),
    RGBColor(118, 183, 178),
    RGBColor(89, 161, 79),
    RGBColor(237, 201, 72),
    RGBColor(176, 122, 161),
    RGBColor(255, 157, 167),
    RGBColor(156, 117, 95),
    RGBColor(186, 176, 172),
];

/// Checks that a chart can be written to `path` (its folder exists), so the error names the
/// path rather than a drawing library's internals.
pub fn writable(path: &Path) -> anyhow::Result<()> {
    let parent = path.parent().filter(|p| !p.as_os_str().is_empty());
    if let Some(dir) = parent.filter(|p| !p.is_dir()) {
        anyhow::bail!(
            "cannot write the chart to {}: the folder {} does not exist",
            path.display(),
            dir.display()
        );
    }
    Ok(())
}

/// The colour of the `i`-th series.
pub fn colour(i: usize) -> RGBColor {
    PALETTE[i % PALETTE.len()]
}

/// One line: its legend label, points `(year, value)` and stroke width.
pub struct Line {
    /// Legend label.
    pub label: String,
    /// Points by year.
    pub points: Vec<(i32, f64)>,
    /// Stroke width in pixels.
    pub width: u32,
}

/// Writes the source line under a chart.
pub fn source_line(
    root: &DrawingArea<SVGBackend<'_>, plotters::coord::Shift>,
    source: &str,
) -> anyhow::Result<()> {
    let (_, h) = root.dim_in_pixel();
    root.draw(&Text::new(
        format!("Source: {source}"),
        (10, h as i32 - 16),
        ("sans-serif", 11).into_font().color(&RGBColor(80, 80, 80)),
    ))?;
    Ok(())
}

/// Draws `lines` into an SVG file, each in its own colour, with a legend and `source`
/// under the plot; the y axis runs from the lowest value (or 0) to 5% above the highest.
pub fn lines(
    path: &Path,
    caption: &str,
    y_desc: &str,
    lines: &[Line],
    source: &str,
) -> anyhow::Result<()> {
    writable(path)?;
    if let Some(bad) = lines
        .iter()
        .flat_map(|l| l.points.iter().map(move |p| (l, p)))
        .find(|(_, p)| !p.1.is_finite())
    {
        anyhow::bail!(
            "cannot draw {}: {} in {} is not a finite number",
            path.display(),
            bad.0.label,
            bad.1 .0
        );
    }
    let all = || lines.iter().flat_map(|l| l.points.iter());
    let (x0, x1) = all().fold((i32::MAX, i32::MIN), |(a, b), p| (a.min(p.0), b.max(p.0)));
    let (x0, x1) = if x0 > x1 {
        (0, 1)
    } else {
        (x0, x1.max(x0 + 1))
    };
    let max = all().fold(0.0f64, |a, p| a.max(p.1)).max(1e-12);
    let min = all().fold(0.0f64, |a, p| a.min(p.1));
    let root = SVGBackend::new(path, (900, 520)).into_drawing_area();
    root.fill(&WHITE)?;
    let (plot, footer) = root.split_vertically(490);
    let mut chart = ChartBuilder::on(&plot)
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
    for (i, l) in lines.iter().enumerate() {
        let color = colour(i);
        chart
            .draw_series(LineSeries::new(
                l.points.iter().copied(),
                color.stroke_width(l.width),
            ))?
            .label(l.label.clone())
            .legend(move |(x, y)| {
                PathElement::new(vec![(x, y), (x + 20, y)], color.stroke_width(2))
            });
    }
    chart
        .configure_series_labels()
        .background_style(WHITE.mix(0.8))
        .border_style(BLACK)
        .draw()?;
    source_line(&footer, source)?;
    root.present()?;
    Ok(())
}
