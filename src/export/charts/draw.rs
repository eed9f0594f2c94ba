//! What every drawing is made of: colours and line styles, the figure (title, subtitle that
//! traces it to its run, a legend strip below the panels so that no legend covers data), value
//! ranges and axes, and the panels several charts share. The charts themselves are in
//! `fund.rs`, `burden.rs`, `flows.rs` and `tornado.rs`.

use std::ops::Range;

use anyhow::Result;
use plotters::coord::types::{RangedCoordf64, RangedCoordi64};
use plotters::coord::{CoordTranslate, Shift};
use plotters::prelude::*;
use plotters::style::text_anchor::Pos;

use super::{Context, FONT, Lang, chart_error};

pub(super) type Area<DB> = DrawingArea<DB, Shift>;

/// Okabe–Ito colours, in the order designs and units take them.
pub(super) const PALETTE: [RGBColor; 8] = [
    RGBColor(0, 114, 178),
    RGBColor(213, 94, 0),
    RGBColor(0, 158, 115),
    RGBColor(204, 121, 167),
    RGBColor(230, 159, 0),
    RGBColor(86, 180, 233),
    RGBColor(120, 120, 120),
    RGBColor(0, 0, 0),
];

pub(super) const GRID: RGBColor = RGBColor(228, 228, 228);

pub(super) const TEXT: RGBColor = RGBColor(40, 40, 40);

/// Target levels, apart from the black initial capital.
pub(super) const TARGET: RGBColor = RGBColor(150, 150, 150);

pub(super) fn colour(i: usize) -> RGBColor {
    PALETTE[i % PALETTE.len()]
}

/// Dash and gap lengths of design `d`'s line: every second design is dashed, long and short
/// in turn, so designs whose lines coincide stay visible.
pub(super) fn dashes(d: usize) -> Option<(u32, u32)> {
    match d % 4 {
        1 => Some((12, 6)),
        3 => Some((4, 6)),
        _ => None,
    }
}

/// The legend mark of line `i` (a design's or a unit's), drawn as `colour` and `dashes` draw it.
pub(super) fn line_mark(i: usize) -> Mark {
    if dashes(i).is_some() {
        Mark::Dashed(colour(i))
    } else {
        Mark::Line(colour(i), 3)
    }
}

/// A line series, solid or dashed.
pub(super) fn line<DB: DrawingBackend, X: Clone + 'static, Y: Clone + 'static, C>(
    chart: &mut ChartContext<DB, C>,
    points: Vec<(X, Y)>,
    style: ShapeStyle,
    dashes: Option<(u32, u32)>,
) -> Result<()>
where
    C: CoordTranslate<From = (X, Y)>,
{
    match dashes {
        Some((dash, gap)) => chart.draw_series(DashedLineSeries::new(points, dash, gap, style)),
        None => chart.draw_series(LineSeries::new(points, style)),
    }
    .map_err(chart_error)?;
    Ok(())
}

/// Legend entries for designs' lines.
pub(super) fn design_legend(ctx: &Context) -> Vec<(String, Mark)> {
    let designs = &ctx.results.summary.designs;
    designs
        .iter()
        .enumerate()
        .map(|(d, design)| (design.name.clone(), line_mark(d)))
        .collect()
}

/// How a legend entry is drawn.
pub(super) enum Mark {
    Line(RGBColor, u32),
    Dashed(RGBColor),
    Fill(RGBAColor),
}

/// Draws title and subtitle (one line per `\n`), and the legend strip at the bottom; returns the
/// area for panels.
pub(super) fn figure<DB: DrawingBackend>(
    root: &Area<DB>,
    title: &str,
    subtitle: &str,
    legend: &[(String, Mark)],
) -> Result<Area<DB>> {
    root.fill(&WHITE).map_err(chart_error)?;
    let lines: Vec<&str> = subtitle.lines().collect();
    let (header, rest) = root.split_vertically(54 + 18 * lines.len().max(1) as i32);
    header
        .draw(&Text::new(
            title.to_string(),
            (20, 12),
            (FONT, 24).into_font().color(&TEXT),
        ))
        .map_err(chart_error)?;
    for (i, line) in lines.iter().enumerate() {
        header
            .draw(&Text::new(
                line.to_string(),
                (20, 44 + 20 * i as i32),
                (FONT, 15).into_font().color(&RGBColor(90, 90, 90)),
            ))
            .map_err(chart_error)?;
    }
    let rows = legend_rows(&rest, legend)?;
    let legend_height = 14 + 26 * rows as i32;
    let (body, strip) = rest.split_vertically(rest.dim_in_pixel().1 as i32 - legend_height);
    draw_legend(&strip, legend)?;
    Ok(body)
}

pub(super) const SWATCH: i32 = 34;

pub(super) fn entry_width<DB: DrawingBackend>(area: &Area<DB>, label: &str) -> Result<i32> {
    let style = TextStyle::from((FONT, 15).into_font());
    let (w, _) = area
        .estimate_text_size(label, &style)
        .map_err(chart_error)?;
    Ok(SWATCH + 8 + w as i32 + 28)
}

pub(super) fn legend_rows<DB: DrawingBackend>(
    area: &Area<DB>,
    legend: &[(String, Mark)],
) -> Result<usize> {
    let width = area.dim_in_pixel().0 as i32 - 40;
    let (mut rows, mut x) = (1, 0);
    for (label, _) in legend {
        let w = entry_width(area, label)?;
        if x > 0 && x + w > width {
            rows += 1;
            x = 0;
        }
        x += w;
    }
    Ok(if legend.is_empty() { 0 } else { rows })
}

pub(super) fn draw_legend<DB: DrawingBackend>(
    area: &Area<DB>,
    legend: &[(String, Mark)],
) -> Result<()> {
    let width = area.dim_in_pixel().0 as i32 - 20;
    let (mut x, mut y) = (20, 10);
    for (label, mark) in legend {
        let w = entry_width(area, label)?;
        if x > 20 && x + w > width {
            x = 20;
            y += 26;
        }
        let mid = y + 9;
        match mark {
            Mark::Line(c, width) => area.draw(&PathElement::new(
                vec![(x, mid), (x + SWATCH, mid)],
                c.stroke_width(*width),
            )),
            Mark::Dashed(c) => area
                .draw(&PathElement::new(
                    vec![(x, mid), (x + 12, mid)],
                    c.stroke_width(2),
                ))
                .and_then(|_| {
                    area.draw(&PathElement::new(
                        vec![(x + 20, mid), (x + SWATCH, mid)],
                        c.stroke_width(2),
                    ))
                }),
            Mark::Fill(c) => area.draw(&Rectangle::new(
                [(x, y + 1), (x + SWATCH, y + 17)],
                c.filled(),
            )),
        }
        .map_err(chart_error)?;
        area.draw(&Text::new(
            label.clone(),
            (x + SWATCH + 8, y + 1),
            (FONT, 15).into_font().color(&TEXT),
        ))
        .map_err(chart_error)?;
        x += w;
    }
    Ok(())
}

/// A value range covering `values` (and 0 when asked), padded by 5 % so no band touches an
/// edge; a flat series gets a narrow range around its value.
pub(super) fn value_range(values: impl Iterator<Item = f64>, with_zero: bool) -> Range<f64> {
    let (mut lo, mut hi) = if with_zero {
        (0.0, 0.0)
    } else {
        (f64::INFINITY, f64::NEG_INFINITY)
    };
    for v in values.filter(|v| v.is_finite()) {
        lo = lo.min(v);
        hi = hi.max(v);
    }
    if !lo.is_finite() {
        return 0.0..1.0;
    }
    let pad = if hi > lo {
        0.05 * (hi - lo)
    } else {
        (lo.abs() * 0.1).max(1e-3)
    };
    lo - pad..hi + pad
}

/// Decimals for axis labels over a range.
/// Decimals for axis labels over a range: enough to tell about ten ticks apart.
pub(super) fn decimals(range: &Range<f64>) -> usize {
    let step = (range.end - range.start) / 10.0;
    (-step.log10()).ceil().clamp(0.0, 6.0) as usize
}

/// A band between two series: the upper points, then the lower ones reversed.
pub(super) fn band(years: &[i64], lower: &[f64], upper: &[f64]) -> Vec<(i64, f64)> {
    let upper = years.iter().copied().zip(upper.iter().copied());
    let lower = years.iter().copied().zip(lower.iter().copied()).rev();
    upper.chain(lower).collect()
}

/// How a panel's y axis is labelled.
#[derive(Clone, Copy)]
pub(super) enum Axis {
    Mnkr,
    Share,
}

impl Axis {
    pub(super) fn label(self, lang: Lang, v: f64, range: &Range<f64>) -> String {
        match self {
            Axis::Mnkr => lang.number(v, decimals(range)),
            Axis::Share => lang.percent(v, decimals(&(range.start * 100.0..range.end * 100.0))),
        }
    }
}

/// A chart over the simulated years with its axes drawn: an optional caption, the value
/// `range` labelled as `axis`, and `y_desc` beside the y axis.
pub(super) fn year_chart<'a, DB: DrawingBackend>(
    area: &'a Area<DB>,
    ctx: &Context,
    caption: &str,
    range: Range<f64>,
    axis: Axis,
    y_desc: &str,
) -> Result<ChartContext<'a, DB, Cartesian2d<RangedCoordi64, RangedCoordf64>>> {
    let years = ctx.years();
    let mut builder = ChartBuilder::on(area);
    builder
        .margin(12)
        .x_label_area_size(34)
        .y_label_area_size(78);
    if !caption.is_empty() {
        builder.caption(caption, (FONT, 17).into_font().color(&TEXT));
    }
    let mut chart = builder
        .build_cartesian_2d(years[0]..*years.last().unwrap_or(&years[0]), range.clone())
        .map_err(chart_error)?;
    chart
        .configure_mesh()
        .light_line_style(TRANSPARENT)
        .bold_line_style(GRID)
        .x_labels(8)
        .x_label_formatter(&|y| y.to_string())
        .y_desc(y_desc)
        .y_label_formatter(&|v| axis.label(ctx.lang, *v, &range))
        .label_style((FONT, 14).into_font().color(&TEXT))
        .axis_desc_style((FONT, 15).into_font().color(&TEXT))
        .draw()
        .map_err(chart_error)?;
    Ok(chart)
}

/// One series with percentiles over paths, by year.
pub(super) struct Spread {
    p5: Vec<f64>,
    p25: Option<Vec<f64>>,
    p50: Vec<f64>,
    p75: Option<Vec<f64>>,
    p95: Vec<f64>,
    mean: Option<Vec<f64>>,
}

impl Spread {
    /// From each year's `[p5, p25, p50, p75, p95, mean]`.
    pub(super) fn fan(years: impl Iterator<Item = [f64; 6]>) -> Spread {
        let columns: Vec<[f64; 6]> = years.collect();
        let column = |i: usize| columns.iter().map(|c| c[i]).collect::<Vec<_>>();
        Spread {
            p5: column(0),
            p25: Some(column(1)),
            p50: column(2),
            p75: Some(column(3)),
            p95: column(4),
            mean: Some(column(5)),
        }
    }

    /// From each year's `[p5, p50, p95]`.
    pub(super) fn band(years: impl Iterator<Item = [f64; 3]>) -> Spread {
        let columns: Vec<[f64; 3]> = years.collect();
        let column = |i: usize| columns.iter().map(|c| c[i]).collect::<Vec<_>>();
        Spread {
            p5: column(0),
            p25: None,
            p50: column(1),
            p75: None,
            p95: column(2),
            mean: None,
        }
    }
}

/// A panel with a median line, its bands, and optional mean and reference curves.
pub(super) fn spread_panel<DB: DrawingBackend>(
    area: &Area<DB>,
    ctx: &Context,
    caption: &str,
    spread: &Spread,
    references: &[Vec<f64>],
    color: RGBColor,
    axis: Axis,
) -> Result<()> {
    let years = ctx.years();
    // The mean can lie outside the 5–95 % band: the axis covers it too.
    let all = spread
        .p5
        .iter()
        .chain(&spread.p95)
        .chain(spread.mean.iter().flatten())
        .chain(references.iter().flatten())
        .copied();
    let range = value_range(all, true);
    let mut chart = year_chart(area, ctx, caption, range, axis, "")?;
    chart
        .draw_series(std::iter::once(PathElement::new(
            vec![(years[0], 0.0), (*years.last().unwrap(), 0.0)],
            BLACK.stroke_width(1),
        )))
        .map_err(chart_error)?;
    chart
        .draw_series(std::iter::once(Polygon::new(
            band(&years, &spread.p5, &spread.p95),
            color.mix(0.16).filled(),
        )))
        .map_err(chart_error)?;
    if let (Some(p25), Some(p75)) = (&spread.p25, &spread.p75) {
        chart
            .draw_series(std::iter::once(Polygon::new(
                band(&years, p25, p75),
                color.mix(0.32).filled(),
            )))
            .map_err(chart_error)?;
    }
    // The first reference is the initial capital, the others target levels.
    for (i, reference) in references.iter().enumerate() {
        let points: Vec<(i64, f64)> = years
            .iter()
            .copied()
            .zip(reference.iter().copied())
            .collect();
        let style = if i == 0 { BLACK } else { TARGET };
        chart
            .draw_series(DashedLineSeries::new(points, 10, 6, style.stroke_width(2)))
            .map_err(chart_error)?;
    }
    if let Some(mean) = &spread.mean {
        let points: Vec<(i64, f64)> = years.iter().copied().zip(mean.iter().copied()).collect();
        chart
            .draw_series(DashedLineSeries::new(points, 6, 4, color.stroke_width(2)))
            .map_err(chart_error)?;
    }
    let median: Vec<(i64, f64)> = years
        .iter()
        .copied()
        .zip(spread.p50.iter().copied())
        .collect();
    chart
        .draw_series(LineSeries::new(median, color.stroke_width(3)))
        .map_err(chart_error)?;
    Ok(())
}

pub(super) fn spread_legend(
    ctx: &Context,
    color: RGBColor,
    quartiles: bool,
    mean: bool,
    references: usize,
) -> Vec<(String, Mark)> {
    let l = ctx.labels();
    let mut legend = vec![(l.median.to_string(), Mark::Line(color, 3))];
    if mean {
        legend.push((l.mean.to_string(), Mark::Dashed(color)));
    }
    if quartiles {
        legend.push((l.band_50.to_string(), Mark::Fill(color.mix(0.32))));
    }
    legend.push((l.band_90.to_string(), Mark::Fill(color.mix(0.16))));
    if references > 0 {
        legend.push((l.initial.to_string(), Mark::Dashed(BLACK)));
    }
    if references > 1 {
        legend.push((l.target.to_string(), Mark::Dashed(TARGET)));
    }
    legend
}

/// A line of probabilities by year: its colour, dashes and values.
pub(super) type ProbabilityLine = (RGBColor, Option<(u32, u32)>, Vec<f64>);

/// Lines of probabilities by year on one panel.
pub(super) fn probability_panel<DB: DrawingBackend>(
    area: &Area<DB>,
    ctx: &Context,
    caption: &str,
    lines: &[ProbabilityLine],
) -> Result<()> {
    let years = ctx.years();
    let top = lines
        .iter()
        .flat_map(|(_, _, v)| v.iter().copied())
        .fold(0.0, f64::max);
    let range = 0.0..(top * 1.1).clamp(0.05, 1.0);
    let probability = ctx.labels().probability;
    let mut chart = year_chart(area, ctx, caption, range, Axis::Share, probability)?;
    for (color, dashes, values) in lines {
        let points: Vec<(i64, f64)> = years.iter().copied().zip(values.iter().copied()).collect();
        line(&mut chart, points, color.stroke_width(3), *dashes)?;
    }
    Ok(())
}

/// Draws `text` in `area` at a backend pixel, shifted by `offset`: a category label in a
/// chart's label area, where plotters' meshes place only numbers.
pub(super) fn label_at<DB: DrawingBackend>(
    area: &Area<DB>,
    pixel: (i32, i32),
    offset: (i32, i32),
    text: &str,
    size: u32,
    anchor: Pos,
) -> Result<()> {
    let (base_x, base_y) = area.get_base_pixel();
    let at = (pixel.0 - base_x + offset.0, pixel.1 - base_y + offset.1);
    let style = (FONT, size).into_font().color(&TEXT).pos(anchor);
    area.draw(&Text::new(text.to_string(), at, style))
        .map_err(chart_error)?;
    Ok(())
}
