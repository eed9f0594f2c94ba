//! What every drawing is made of: colours and line styles, text sizes at print size, one
//! panel's axes in the house style, value ranges, and the panels several charts share. A
//! figure's frame (title, subtitle, legend) is in `frame.rs`; the charts themselves in
//! `fund.rs`, `burden.rs`, `flows.rs`, `tornado.rs`, `sweep.rs` and `exceedance.rs`.

use std::ops::Range;

use anyhow::Result;
use plotters::chart::MeshStyle;
use plotters::coord::CoordTranslate;
use plotters::coord::ranged1d::{AsRangedCoord, ValueFormatter};
use plotters::coord::types::{RangedCoordf64, RangedCoordi64};
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::{Context, Lang, chart_error};
use crate::results::FundRow;

pub(super) use super::frame::{Area, Mark, Size, figure, fit, fit_lines, text_width, wrap};

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

/// Room left of a panel for tick labels and the axis description.
pub(super) const Y_LABEL_AREA: u32 = 150;
/// Room below a panel for tick labels and the axis description.
pub(super) const X_LABEL_AREA: u32 = 64;

/// A panel's chart over coordinates `X` by `Y`.
pub(super) type Panel<'a, DB, X, Y> = ChartContext<'a, DB, Cartesian2d<X, Y>>;

/// Lines a panel's caption may take.
const CAPTION_LINES: i32 = 2;

/// A panel of a figure: `caption` above (none when empty; on two lines when one is too short,
/// the second cut to fit), and axes over `x` and `y`, with
/// `y_area` pixels for the y axis's labels.
pub(super) fn panel<'a, DB: DrawingBackend, X: AsRangedCoord, Y: AsRangedCoord>(
    area: &'a Area<DB>,
    caption: &str,
    x: X,
    y: Y,
    y_area: u32,
) -> Result<Panel<'a, DB, X::CoordDescType, Y::CoordDescType>> {
    let mut builder = ChartBuilder::on(area);
    // The right margin leaves room for the last tick label, centred on the plot's edge.
    builder
        .margin(12)
        .margin_right(36)
        .x_label_area_size(X_LABEL_AREA)
        .y_label_area_size(y_area);
    let width = area.dim_in_pixel().0 - 12;
    let mut lines = wrap(area, caption, Size::Caption, width)?;
    if lines.len() > CAPTION_LINES as usize {
        let rest = lines.split_off(CAPTION_LINES as usize - 1).join(" ");
        lines.push(fit(area, &rest, Size::Caption, width)?);
    }
    lines.retain(|line| !line.is_empty());
    // The caption centred above the panel; one too long for a line takes two. Every caption
    // has two lines' room, a short one on the lower line, so that the plots of a figure's
    // panels line up whether or not their captions wrap.
    let height = Size::Caption.px() as i32;
    let centre = area.dim_in_pixel().0 as i32 / 2;
    let style = Size::Caption.font().pos(Pos::new(HPos::Center, VPos::Top));
    let first = 4 + (CAPTION_LINES - lines.len() as i32) * height;
    for (i, line) in lines.iter().enumerate() {
        let at = (centre, first + i as i32 * height);
        (area.draw(&Text::new(line.as_str(), at, style.clone()))).map_err(chart_error)?;
    }
    if !lines.is_empty() {
        // Room for the top tick label, which reaches above the plot by half its height.
        builder.margin_top(16 + CAPTION_LINES * height);
    }
    builder.build_cartesian_2d(x, y).map_err(chart_error)
}

/// A panel's mesh in the house style: a light grid, ticks and axis descriptions at print size.
/// The caller adds its ticks and labels and draws it.
pub(super) fn mesh<'a, 'b, DB, X, Y, XT, YT>(
    chart: &'b mut ChartContext<'a, DB, Cartesian2d<X, Y>>,
) -> MeshStyle<'a, 'b, X, Y, DB>
where
    DB: DrawingBackend,
    X: Ranged<ValueType = XT> + ValueFormatter<XT>,
    Y: Ranged<ValueType = YT> + ValueFormatter<YT>,
{
    let mut mesh = chart.configure_mesh();
    mesh.light_line_style(TRANSPARENT)
        .bold_line_style(GRID)
        .label_style(Size::Label.font())
        .axis_desc_style(Size::Label.font());
    mesh
}

/// Target levels, apart from the black initial capital.
pub(super) const TARGET: RGBColor = RGBColor(150, 150, 150);

pub(super) fn colour(i: usize) -> RGBColor {
    PALETTE[i % PALETTE.len()]
}

/// Dash and gap lengths of line `i` (a design's or a unit's): one pattern for each colour of
/// the [`PALETTE`], so that lines that coincide stay visible and a grey print, where colours
/// merge, tells any two of the first eight apart.
pub(super) fn dashes(i: usize) -> Option<(u32, u32)> {
    const PATTERNS: [Option<(u32, u32)>; 8] = [
        None,
        Some((14, 7)),
        Some((3, 5)),
        Some((7, 5)),
        Some((22, 5)),
        Some((2, 10)),
        Some((10, 12)),
        Some((5, 2)),
    ];
    PATTERNS[i % PATTERNS.len()]
}

/// The legend mark of line `i` (a design's or a unit's), drawn as `colour` and `dashes` draw it.
pub(super) fn line_mark(i: usize) -> Mark {
    match dashes(i) {
        Some(pattern) => Mark::Dashed(colour(i), pattern),
        None => Mark::Line(colour(i), 3),
    }
}

/// The dash pattern of a dashed reference line or claim.
pub(super) const DASHED: (u32, u32) = (10, 6);
/// The dash pattern of a mean beside its median.
const MEAN_DASHES: (u32, u32) = (6, 4);

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

/// Legend entries for designs' lines, `drawn(d)` the values the chart draws for design `d`: a
/// design whose values equal an earlier one's is drawn exactly on it, and says so ("Utan golv
/// (= Örebros regel)").
pub(super) fn design_legend(
    ctx: &Context,
    drawn: impl Fn(usize) -> Vec<f64>,
) -> Vec<(String, Mark)> {
    let designs = &ctx.results.summary.designs;
    let all: Vec<Vec<f64>> = (0..designs.len()).map(drawn).collect();
    (designs.iter().enumerate())
        .map(|(d, design)| {
            let name = match (0..d).find(|&e| all[e] == all[d]) {
                Some(e) => format!("{} (= {})", design.name, designs[e].name),
                None => design.name.clone(),
            };
            (name, line_mark(d))
        })
        .collect()
}

/// What a fund chart draws of design `d`: `read` of each of its years.
pub(super) fn by_year<const N: usize>(
    ctx: &Context,
    d: usize,
    read: fn(&FundRow) -> [f64; N],
) -> Vec<f64> {
    ctx.fund_rows(d).into_iter().flat_map(read).collect()
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
    let span = years[0]..*years.last().unwrap_or(&years[0]);
    let y_area = if y_desc.is_empty() { 110 } else { Y_LABEL_AREA };
    let mut chart = panel(area, caption, span, range.clone(), y_area)?;
    // Few enough ticks that labels at print size never touch, even in a small panel.
    let ticks = (area.dim_in_pixel().1 / 45).clamp(4, 10) as usize;
    mesh(&mut chart)
        .x_labels(6)
        .y_labels(ticks)
        .x_label_formatter(&|y| y.to_string())
        .y_desc(y_desc)
        .y_label_formatter(&|v| axis.label(ctx.lang, *v, &range))
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
    /// Every value a panel of this spread shows: the band, the mean (which can lie outside the
    /// band) and the reference lines.
    pub(super) fn values<'a>(
        &'a self,
        references: &'a [Vec<f64>],
    ) -> impl Iterator<Item = f64> + 'a {
        (self.p5.iter().chain(&self.p95))
            .chain(self.mean.iter().flatten())
            .chain(references.iter().flatten())
            .copied()
    }

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
    (axis, shared): (Axis, Option<&Range<f64>>),
) -> Result<()> {
    let years = ctx.years();
    let range = shared
        .cloned()
        .unwrap_or_else(|| value_range(spread.values(references), true));
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
            .draw_series(DashedLineSeries::new(
                points,
                DASHED.0,
                DASHED.1,
                style.stroke_width(2),
            ))
            .map_err(chart_error)?;
    }
    if let Some(mean) = &spread.mean {
        let points: Vec<(i64, f64)> = years.iter().copied().zip(mean.iter().copied()).collect();
        chart
            .draw_series(DashedLineSeries::new(
                points,
                MEAN_DASHES.0,
                MEAN_DASHES.1,
                color.stroke_width(2),
            ))
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
        legend.push((l.mean.to_string(), Mark::Dashed(color, MEAN_DASHES)));
    }
    if quartiles {
        legend.push((l.band_50.to_string(), Mark::Fill(color.mix(0.32))));
    }
    legend.push((l.band_90.to_string(), Mark::Fill(color.mix(0.16))));
    if references > 0 {
        legend.push((l.initial.to_string(), Mark::Dashed(BLACK, DASHED)));
    }
    if references > 1 {
        legend.push((l.target.to_string(), Mark::Dashed(TARGET, DASHED)));
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

/// Draws `lines` of a category label right-aligned `dx` pixels beside a backend pixel, centred
/// on it as a block.
pub(super) fn label_lines<DB: DrawingBackend>(
    area: &Area<DB>,
    pixel: (i32, i32),
    dx: i32,
    lines: &[String],
) -> Result<()> {
    let line = Size::Label.px() as i32;
    let first = -(lines.len() as i32 - 1) * line / 2;
    for (k, text) in lines.iter().enumerate() {
        let offset = (dx, first + k as i32 * line);
        label_at(
            area,
            pixel,
            offset,
            text,
            Pos::new(HPos::Right, VPos::Center),
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
    anchor: Pos,
) -> Result<()> {
    let (base_x, base_y) = area.get_base_pixel();
    let at = (pixel.0 - base_x + offset.0, pixel.1 - base_y + offset.1);
    let style = Size::Label.font().pos(anchor);
    area.draw(&Text::new(text.to_string(), at, style))
        .map_err(chart_error)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Greyscale distinctness: in a grey print the palette's colours merge, so any two of the
    /// first eight lines of a chart (designs or units) differ in their dash pattern.
    #[test]
    fn any_two_lines_of_a_chart_differ_in_dash_pattern() {
        for i in 0..PALETTE.len() {
            for j in 0..i {
                assert_ne!(dashes(i), dashes(j), "lines {j} and {i}");
            }
        }
    }
}
