//! The drawings. Each figure is a title, a subtitle that traces it to its run, one or more
//! panels, and a legend strip below the panels so that no legend covers data.

use std::ops::Range;

use anyhow::Result;
use plotters::coord::types::{RangedCoordf64, RangedCoordi64};
use plotters::coord::{CoordTranslate, Shift};
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::{Context, FONT, Lang, chart_error};
use crate::aggregate::MAX_MAGNITUDE;
use crate::results::FundRow;

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
const TARGET: RGBColor = RGBColor(150, 150, 150);

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
fn design_legend(ctx: &Context) -> Vec<(String, Mark)> {
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

const SWATCH: i32 = 34;

fn entry_width<DB: DrawingBackend>(area: &Area<DB>, label: &str) -> Result<i32> {
    let style = TextStyle::from((FONT, 15).into_font());
    let (w, _) = area
        .estimate_text_size(label, &style)
        .map_err(chart_error)?;
    Ok(SWATCH + 8 + w as i32 + 28)
}

fn legend_rows<DB: DrawingBackend>(area: &Area<DB>, legend: &[(String, Mark)]) -> Result<usize> {
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

fn draw_legend<DB: DrawingBackend>(area: &Area<DB>, legend: &[(String, Mark)]) -> Result<()> {
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
fn decimals(range: &Range<f64>) -> usize {
    let step = (range.end - range.start) / 10.0;
    (-step.log10()).ceil().clamp(0.0, 6.0) as usize
}

/// A band between two series: the upper points, then the lower ones reversed.
fn band(years: &[i64], lower: &[f64], upper: &[f64]) -> Vec<(i64, f64)> {
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
fn year_chart<'a, DB: DrawingBackend>(
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
struct Spread {
    p5: Vec<f64>,
    p25: Option<Vec<f64>>,
    p50: Vec<f64>,
    p75: Option<Vec<f64>>,
    p95: Vec<f64>,
    mean: Option<Vec<f64>>,
}

impl Spread {
    /// From each year's `[p5, p25, p50, p75, p95, mean]`.
    fn fan(years: impl Iterator<Item = [f64; 6]>) -> Spread {
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
    fn band(years: impl Iterator<Item = [f64; 3]>) -> Spread {
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
fn spread_panel<DB: DrawingBackend>(
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

fn spread_legend(
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

/// Fan charts of a design's cash (left) and uncommitted money (right), with the initial
/// capital and any target level as reference lines.
pub fn fund<DB: DrawingBackend>(root: &Area<DB>, ctx: &Context, d: usize) -> Result<()> {
    let l = ctx.labels();
    let summary = &ctx.results.summary;
    let design = &summary.designs[d];
    let rows = ctx.fund_rows(d);
    let years = ctx.years();
    // A price factor beyond the engine's bound cannot come from a run; capped, the target
    // levels stay far from overflowing the axis.
    let factor = |y: i64| {
        (1.0 + summary.index)
            .powi((y - summary.start_year) as i32)
            .min(MAX_MAGNITUDE)
    };
    let mut references = vec![vec![design.initial; years.len()]];
    references.extend(
        design
            .target_levels
            .iter()
            .map(|&level| years.iter().map(|&y| level * factor(y)).collect()),
    );
    let cash = Spread::fan(rows.iter().map(|r| {
        [
            r.cash_p5,
            r.cash_p25,
            r.cash_p50,
            r.cash_p75,
            r.cash_p95,
            r.cash_mean,
        ]
    }));
    let uncommitted = Spread::fan(rows.iter().map(|r| {
        let (p5, p25, p50) = (r.uncommitted_p5, r.uncommitted_p25, r.uncommitted_p50);
        [
            p5,
            p25,
            p50,
            r.uncommitted_p75,
            r.uncommitted_p95,
            r.uncommitted_mean,
        ]
    }));
    let color = colour(d);
    let title = format!("{} – {}", design.name, l.cash.to_lowercase());
    let legend = spread_legend(ctx, color, true, true, references.len());
    let body = figure(root, &title, &ctx.subtitle(Some(d)), &legend)?;
    let panels = body.split_evenly((1, 2));
    spread_panel(
        &panels[0],
        ctx,
        &format!("{}, mnkr", l.cash),
        &cash,
        &references,
        color,
        Axis::Mnkr,
    )?;
    spread_panel(
        &panels[1],
        ctx,
        &format!("{}, mnkr", l.uncommitted),
        &uncommitted,
        &references[..1],
        color,
        Axis::Mnkr,
    )
}

/// Small multiples, one panel per unit: median and 5–95 % band of yearly burden.
pub fn burden<DB: DrawingBackend>(
    root: &Area<DB>,
    ctx: &Context,
    d: usize,
    as_share: bool,
) -> Result<()> {
    let l = ctx.labels();
    let units = &ctx.results.summary.units;
    let color = colour(d);
    let title = if as_share { l.burden_share } else { l.burden };
    let mut legend = spread_legend(ctx, color, false, false, 0);
    legend.push((l.burden_note.to_string(), Mark::Line(BLACK, 1)));
    let body = figure(
        root,
        &format!("{} – {title}", ctx.design_name(d)),
        &ctx.subtitle(Some(d)),
        &legend,
    )?;
    let columns = units.len().clamp(1, 4);
    let rows = units.len().div_ceil(columns);
    for (unit, panel) in units.iter().zip(body.split_evenly((rows, columns))) {
        let rows = ctx.unit_rows(d, &unit.id);
        let spread = Spread::band(rows.iter().map(|r| {
            if as_share {
                [r.burden_share_p5, r.burden_share_p50, r.burden_share_p95]
            } else {
                [r.burden_p5, r.burden_p50, r.burden_p95]
            }
        }));
        let axis = if as_share { Axis::Share } else { Axis::Mnkr };
        spread_panel(
            &panel,
            ctx,
            &shorten(&unit.name, 34),
            &spread,
            &[],
            color,
            axis,
        )?;
    }
    Ok(())
}

/// Shortens a long name with an ellipsis so panel captions never overlap.
fn shorten(name: &str, max: usize) -> String {
    if name.chars().count() <= max {
        name.to_string()
    } else {
        name.chars().take(max - 1).collect::<String>() + "…"
    }
}

/// A line of probabilities by year: its colour, dashes and values.
type ProbabilityLine = (RGBColor, Option<(u32, u32)>, Vec<f64>);

/// Lines of probabilities by year on one panel.
fn probability_panel<DB: DrawingBackend>(
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

/// Depletion risk: in the year (left) and in some year so far (right), one line per design.
pub fn depletion<DB: DrawingBackend>(root: &Area<DB>, ctx: &Context) -> Result<()> {
    let l = ctx.labels();
    let designs = &ctx.results.summary.designs;
    let body = figure(
        root,
        l.depletion_title,
        &ctx.subtitle(None),
        &design_legend(ctx),
    )?;
    let panels = body.split_evenly((1, 2));
    let series = |f: fn(&FundRow) -> f64| -> Vec<ProbabilityLine> {
        (0..designs.len())
            .map(|d| {
                (
                    colour(d),
                    dashes(d),
                    ctx.fund_rows(d).iter().map(|r| f(r)).collect(),
                )
            })
            .collect()
    };
    probability_panel(&panels[0], ctx, l.depleted, &series(|r| r.p_depleted))?;
    probability_panel(&panels[1], ctx, l.depleted_by, &series(|r| r.p_depleted_by))
}

/// Chance each unit is tipped into deficit by year under one design.
pub fn tipped<DB: DrawingBackend>(root: &Area<DB>, ctx: &Context, d: usize) -> Result<()> {
    let l = ctx.labels();
    let units = &ctx.results.summary.units;
    let legend: Vec<(String, Mark)> = units
        .iter()
        .enumerate()
        .map(|(u, unit)| (shorten(&unit.name, 40), line_mark(u)))
        .collect();
    let body = figure(
        root,
        &format!("{} – {}", ctx.design_name(d), l.tipped.to_lowercase()),
        &ctx.subtitle(Some(d)),
        &legend,
    )?;
    let lines: Vec<ProbabilityLine> = units
        .iter()
        .enumerate()
        .map(|(u, unit)| {
            (
                colour(u),
                dashes(u),
                ctx.unit_rows(d, &unit.id)
                    .iter()
                    .map(|r| r.p_tipped)
                    .collect(),
            )
        })
        .collect();
    probability_panel(&body, ctx, l.tipped, &lines)
}

/// Median cash with its 5–95 % band, every design on one panel.
pub fn designs<DB: DrawingBackend>(root: &Area<DB>, ctx: &Context) -> Result<()> {
    let l = ctx.labels();
    let designs = &ctx.results.summary.designs;
    let body = figure(root, l.designs, &ctx.subtitle(None), &design_legend(ctx))?;
    let years = ctx.years();
    let rows: Vec<Vec<&FundRow>> = (0..designs.len()).map(|d| ctx.fund_rows(d)).collect();
    let range = value_range(
        rows.iter().flatten().flat_map(|r| [r.cash_p5, r.cash_p95]),
        true,
    );
    let mut chart = year_chart(&body, ctx, "", range, Axis::Mnkr, "mnkr")?;
    for (d, rows) in rows.iter().enumerate() {
        let p5: Vec<f64> = rows.iter().map(|r| r.cash_p5).collect();
        let p95: Vec<f64> = rows.iter().map(|r| r.cash_p95).collect();
        chart
            .draw_series(std::iter::once(Polygon::new(
                band(&years, &p5, &p95),
                colour(d).mix(0.10).filled(),
            )))
            .map_err(chart_error)?;
    }
    for (d, rows) in rows.iter().enumerate() {
        let median: Vec<(i64, f64)> = years
            .iter()
            .copied()
            .zip(rows.iter().map(|r| r.cash_p50))
            .collect();
        line(&mut chart, median, colour(d).stroke_width(3), dashes(d))?;
    }
    Ok(())
}

/// Grouped bars: each unit's expected total burden under each design.
pub fn burden_by_design<DB: DrawingBackend>(root: &Area<DB>, ctx: &Context) -> Result<()> {
    let l = ctx.labels();
    let summary = &ctx.results.summary;
    let units = &summary.units;
    let legend: Vec<(String, Mark)> = summary
        .designs
        .iter()
        .enumerate()
        .map(|(d, design)| (design.name.clone(), Mark::Fill(colour(d).to_rgba())))
        .collect();
    let body = figure(
        root,
        l.burden_by_design,
        &format!("{} · {}", ctx.subtitle(None), l.burden_note),
        &legend,
    )?;
    let means = |u: usize| {
        summary
            .designs
            .iter()
            .map(move |d| d.units[u].burden_total.mean)
    };
    let range = value_range((0..units.len()).flat_map(means), true);
    let mut chart = ChartBuilder::on(&body)
        .margin(12)
        .x_label_area_size(40)
        .y_label_area_size(78)
        .build_cartesian_2d(0.0..units.len() as f64, range.clone())
        .map_err(chart_error)?;
    chart
        .configure_mesh()
        .light_line_style(TRANSPARENT)
        .bold_line_style(GRID)
        .disable_x_mesh()
        .x_labels(0)
        .y_desc("mnkr")
        .y_label_formatter(&|v| Axis::Mnkr.label(ctx.lang, *v, &range))
        .label_style((FONT, 14).into_font().color(&TEXT))
        .axis_desc_style((FONT, 15).into_font().color(&TEXT))
        .draw()
        .map_err(chart_error)?;
    let designs = summary.designs.len() as f64;
    let width = 0.8 / designs;
    chart
        .draw_series((0..units.len()).flat_map(|u| {
            means(u).enumerate().map(move |(d, mean)| {
                let x0 = u as f64 + 0.1 + d as f64 * width;
                Rectangle::new([(x0, 0.0), (x0 + width * 0.92, mean)], colour(d).filled())
            })
        }))
        .map_err(chart_error)?;
    chart
        .draw_series(std::iter::once(PathElement::new(
            vec![(0.0, 0.0), (units.len() as f64, 0.0)],
            BLACK.stroke_width(1),
        )))
        .map_err(chart_error)?;
    // Unit ids under the bars' centres, in the label area below the plot.
    for (u, unit) in units.iter().enumerate() {
        let at = chart.backend_coord(&(u as f64 + 0.5, range.start));
        label_at(
            &body,
            at,
            (0, 8),
            &unit.id,
            14,
            Pos::new(HPos::Center, VPos::Top),
        )?;
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

/// One flow in the flows chart: its label, colour and yearly mean.
type Flow = (&'static str, RGBColor, fn(&FundRow) -> f64);

/// Stacked yearly bars of mean flows: deposits and repayments up; payouts, write-offs and, for a
/// design whose grant money lapses, the lapse down.
pub fn flows<DB: DrawingBackend>(root: &Area<DB>, ctx: &Context, d: usize) -> Result<()> {
    let l = ctx.labels();
    let rows = ctx.fund_rows(d);
    let up: Vec<Flow> = vec![
        (l.deposits, PALETTE[2], |r| r.deposits_mean),
        (l.repaid, PALETTE[0], |r| r.repaid_mean),
    ];
    let mut down: Vec<Flow> = vec![(l.payouts, PALETTE[1], |r| r.payouts_mean)];
    if rows.iter().any(|r| r.lapsed_mean > 0.0) {
        down.push((l.lapsed, PALETTE[4], |r| r.lapsed_mean));
    }
    // Claims, not cash: what the fund gave up, and what units owe it at year end.
    let mut claims: Vec<Flow> = vec![(l.written_off, PALETTE[3], |r| r.written_off_mean)];
    if rows.iter().any(|r| r.owed_mean > 0.0) {
        claims.push((l.owed, PALETTE[5], |r| r.owed_mean));
    }
    let legend: Vec<(String, Mark)> = up
        .iter()
        .chain(&down)
        .map(|&(name, colour, _)| (name.to_string(), Mark::Fill(colour.to_rgba())))
        .chain(
            claims
                .iter()
                .map(|&(name, colour, _)| (name.to_string(), Mark::Dashed(colour))),
        )
        .collect();
    let title = format!("{} – {}", ctx.design_name(d), l.flows.to_lowercase());
    let after = &ctx.results.summary.designs[d].after_window;
    let last_year = ctx.years().last().copied().unwrap_or_default();
    let after_note = format!(
        "{} {last_year}: {} {}, {} {}.",
        l.after_window,
        ctx.lang.mnkr(after.repaid.mean + after.written_off.mean),
        l.falls_due,
        ctx.lang.mnkr(after.payouts.mean),
        l.paid_out_after
    );
    let body = figure(
        root,
        &title,
        &format!("{}\n{} {after_note}", ctx.subtitle(Some(d)), l.means_note),
        &legend,
    )?;
    // Up from 0 for the inflows, down from 0 for the outflows: (year, bottom, top, colour).
    let years = ctx.years();
    let mut bars = Vec::new();
    for (row, &year) in rows.iter().zip(&years) {
        for (flows, sign) in [(&up, 1.0), (&down, -1.0)] {
            let mut edge = 0.0;
            for &(_, colour, value) in flows.iter() {
                let next = edge + sign * value(row);
                bars.push((year as f64, edge, next, colour));
                edge = next;
            }
        }
    }
    let claimed = rows
        .iter()
        .flat_map(|r| claims.iter().map(move |&(_, _, value)| value(r)));
    let range = value_range(
        bars.iter().flat_map(|&(_, a, b, _)| [a, b]).chain(claimed),
        true,
    );
    let x_range = years[0] as f64 - 0.6..*years.last().unwrap() as f64 + 0.6;
    let mut chart = ChartBuilder::on(&body)
        .margin(12)
        .x_label_area_size(34)
        .y_label_area_size(78)
        .build_cartesian_2d(x_range, range.clone())
        .map_err(chart_error)?;
    chart
        .configure_mesh()
        .light_line_style(TRANSPARENT)
        .bold_line_style(GRID)
        .disable_x_mesh()
        .x_labels(12)
        .x_label_formatter(&|x| format!("{x:.0}"))
        .y_desc("mnkr")
        .y_label_formatter(&|v| Axis::Mnkr.label(ctx.lang, *v, &range))
        .label_style((FONT, 14).into_font().color(&TEXT))
        .axis_desc_style((FONT, 15).into_font().color(&TEXT))
        .draw()
        .map_err(chart_error)?;
    let rectangles = bars.iter().map(|&(x, bottom, top, colour)| {
        Rectangle::new([(x - 0.35, bottom), (x + 0.35, top)], colour.filled())
    });
    chart.draw_series(rectangles).map_err(chart_error)?;
    for &(_, colour, value) in &claims {
        let points = rows
            .iter()
            .zip(&years)
            .map(|(r, &year)| (year as f64, value(r)))
            .collect();
        line(&mut chart, points, colour.stroke_width(2), Some((8, 5)))?;
    }
    chart
        .draw_series(std::iter::once(PathElement::new(
            vec![
                (years[0] as f64 - 0.6, 0.0),
                (*years.last().unwrap() as f64 + 0.6, 0.0),
            ],
            BLACK.stroke_width(1),
        )))
        .map_err(chart_error)?;
    Ok(())
}

/// One-at-a-time sensitivity of design `d`: for the depletion risk and the median cash after 5,
/// 10 and 20 years, each input's low and high setting as bars from the base value, the input
/// with the widest effect on top — so the panels show how the ranking shifts over time.
pub fn tornado<DB: DrawingBackend>(root: &Area<DB>, ctx: &Context, d: usize) -> Result<()> {
    use crate::sensitivity::{Input, SensitivityRow, YEARS_AFTER};
    let l = ctx.labels();
    let design = ctx.design_name(d);
    let rows: Vec<&SensitivityRow> = ctx
        .sensitivity
        .iter()
        .filter(|r| r.design == design)
        .collect();
    let find =
        |input: &str, level: &str| rows.iter().find(|r| r.input == input && r.level == level);
    let Some(base) = find("base", "base") else {
        return Ok(());
    };
    let (low_colour, high_colour) = (PALETTE[1], PALETTE[0]);
    let legend = vec![
        (l.low.to_string(), Mark::Fill(low_colour.to_rgba())),
        (l.high.to_string(), Mark::Fill(high_colour.to_rgba())),
        (l.base.to_string(), Mark::Line(BLACK, 1)),
    ];
    let title = format!("{design} – {}", l.sensitivity);
    let body = figure(root, &title, &ctx.subtitle(Some(d)), &legend)?;
    type Metric = fn(&SensitivityRow) -> f64;
    let metrics: [(String, Metric, Axis); 4] = [
        (
            l.depleted_by.to_string(),
            |r| r.p_depleted_ever,
            Axis::Share,
        ),
        (
            format!("{} {} {}", l.cash_after, YEARS_AFTER[0], l.years_word),
            |r| r.cash_p50_year5,
            Axis::Mnkr,
        ),
        (
            format!("{} {} {}", l.cash_after, YEARS_AFTER[1], l.years_word),
            |r| r.cash_p50_year10,
            Axis::Mnkr,
        ),
        (
            format!("{} {} {}", l.cash_after, YEARS_AFTER[2], l.years_word),
            |r| r.cash_p50_year20,
            Axis::Mnkr,
        ),
    ];
    for ((caption, metric, axis), panel) in metrics.iter().zip(body.split_evenly((2, 2))) {
        let mut bars: Vec<(&str, f64, f64)> = Input::ALL
            .iter()
            .filter_map(|input| {
                let low = find(input.name(), "low")?;
                let high = find(input.name(), "high")?;
                Some((input.name(), metric(low), metric(high)))
            })
            .collect();
        bars.sort_by(|a, b| (b.2 - b.1).abs().total_cmp(&(a.2 - a.1).abs()));
        let centre = metric(base);
        let range = value_range(bars.iter().flat_map(|b| [b.1, b.2]).chain([centre]), false);
        let n = bars.len() as f64;
        let mut chart = ChartBuilder::on(&panel)
            .caption(caption, (FONT, 17).into_font().color(&TEXT))
            .margin(12)
            .x_label_area_size(30)
            .y_label_area_size(150)
            .build_cartesian_2d(range.clone(), 0.0..n)
            .map_err(chart_error)?;
        chart
            .configure_mesh()
            .light_line_style(TRANSPARENT)
            .bold_line_style(GRID)
            .disable_y_mesh()
            .y_labels(0)
            .x_labels(6)
            .x_label_formatter(&|v| axis.label(ctx.lang, *v, &range))
            .label_style((FONT, 13).into_font().color(&TEXT))
            .draw()
            .map_err(chart_error)?;
        let rectangles = bars.iter().enumerate().flat_map(|(i, &(_, low, high))| {
            let y = n - i as f64 - 0.5;
            [
                Rectangle::new([(centre, y), (low, y - 0.35)], low_colour.filled()),
                Rectangle::new([(centre, y), (high, y + 0.35)], high_colour.filled()),
            ]
        });
        chart.draw_series(rectangles).map_err(chart_error)?;
        chart
            .draw_series(std::iter::once(PathElement::new(
                vec![(centre, 0.0), (centre, n)],
                BLACK.stroke_width(1),
            )))
            .map_err(chart_error)?;
        // The inputs' names beside the bars, in the label area left of the plot.
        for (i, (name, _, _)) in bars.iter().enumerate() {
            let at = chart.backend_coord(&(range.start, n - i as f64 - 0.5));
            label_at(
                &panel,
                at,
                (-8, 0),
                name,
                13,
                Pos::new(HPos::Right, VPos::Center),
            )?;
        }
    }
    Ok(())
}
