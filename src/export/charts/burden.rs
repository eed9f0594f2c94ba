//! The nämnder's charts: each one's net burden by year (in mnkr or as a share of its frame),
//! and for every design side by side its total burden and its chance of a deficit year.

use anyhow::Result;
use plotters::prelude::*;

use super::draw::*;
use super::{Context, chart_error};

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
    let spreads: Vec<Spread> = (units.iter())
        .map(|unit| {
            let rows = ctx.unit_rows(d, &unit.id);
            Spread::band(rows.iter().map(|r| {
                if as_share {
                    [r.burden_share_p5, r.burden_share_p50, r.burden_share_p95]
                } else {
                    [r.burden_p5, r.burden_p50, r.burden_p95]
                }
            }))
        })
        .collect();
    // One scale for every unit, so that a small spike looks small.
    let shared = value_range(spreads.iter().flat_map(|s| s.values(&[])), true);
    let axis = if as_share { Axis::Share } else { Axis::Mnkr };
    let columns = units.len().clamp(1, 3);
    let rows = units.len().div_ceil(columns);
    let panels = body.split_evenly((rows, columns));
    for ((unit, spread), panel) in units.iter().zip(&spreads).zip(panels) {
        spread_panel(
            &panel,
            ctx,
            &unit.name,
            spread,
            &[],
            color,
            (axis, Some(&shared)),
        )?;
    }
    Ok(())
}

/// Each unit's total burden over the period under each design: a bar to the median and a line
/// across 5–95 % of futures.
pub fn burden_by_design<DB: DrawingBackend>(root: &Area<DB>, ctx: &Context) -> Result<()> {
    let l = ctx.labels();
    let subtitle = format!("{}\n{}", ctx.subtitle(None), l.burden_note);
    grouped_bars(
        root,
        ctx,
        l.burden_by_design,
        &subtitle,
        Axis::Mnkr,
        |d, u| {
            let b = ctx.results.summary.designs[d].units[u].burden_total;
            (b.p50, Some((b.p5, b.p95)))
        },
    )
}

/// The chance that each unit runs a deficit against its frame in some year, under each design.
pub fn tipped<DB: DrawingBackend>(root: &Area<DB>, ctx: &Context) -> Result<()> {
    let title = ctx.figure("p_any_year_tipped");
    grouped_bars(
        root,
        ctx,
        title,
        &ctx.subtitle(None),
        Axis::Share,
        |d, u| {
            (
                ctx.results.summary.designs[d].units[u].p_any_year_tipped,
                None,
            )
        },
    )
}

/// A bar per unit and design, units down the side by name and designs by colour; `value` gives
/// a bar's length and, when it has one, the range its whisker spans.
fn grouped_bars<DB: DrawingBackend>(
    root: &Area<DB>,
    ctx: &Context,
    title: &str,
    subtitle: &str,
    axis: Axis,
    value: impl Fn(usize, usize) -> (f64, Option<(f64, f64)>),
) -> Result<()> {
    let summary = &ctx.results.summary;
    let units = &summary.units;
    let designs = summary.designs.len();
    let legend: Vec<(String, Mark)> = (summary.designs.iter().enumerate())
        .map(|(d, design)| (design.name.clone(), Mark::Fill(bar_fill(d))))
        .collect();
    let body = figure(root, title, subtitle, &legend)?;
    // (unit, design, length, whisker) of every bar.
    type Bar = (usize, usize, f64, Option<(f64, f64)>);
    let bars: Vec<Bar> = (0..units.len())
        .flat_map(|u| (0..designs).map(move |d| (u, d)))
        .map(|(u, d)| {
            let (bar, whisker) = value(d, u);
            (u, d, bar, whisker)
        })
        .collect();
    let all = bars.iter().flat_map(|&(_, _, bar, whisker)| {
        let (lo, hi) = whisker.unwrap_or((bar, bar));
        [bar, lo, hi]
    });
    let range = value_range(all, true);
    let n = units.len() as f64;
    // Room for the longest name, at most 30 % of the chart; a longer one takes two lines.
    let widths = (units.iter())
        .map(|u| text_width(&body, &u.name))
        .collect::<Result<Vec<u32>>>()?;
    let most = body.dim_in_pixel().0 * 3 / 10;
    let names_width = (widths.into_iter().max().unwrap_or(0) + 20).min(most);
    let mut chart = panel(&body, "", range.clone(), 0.0..n, names_width)?;
    let x_desc = match axis {
        Axis::Mnkr => "mnkr",
        Axis::Share => ctx.labels().probability,
    };
    mesh(&mut chart)
        .disable_y_mesh()
        .y_labels(0)
        .x_labels(6)
        .x_desc(x_desc)
        .x_label_formatter(&|v| axis.label(ctx.lang, *v, &range))
        .draw()
        .map_err(chart_error)?;
    let height = 0.8 / designs as f64;
    // Unit u's row runs from n − u − 1 (bottom) to n − u (top); designs fill it top down.
    let row = |u: usize, d: usize| n - u as f64 - 0.1 - (d as f64 + 1.0) * height;
    chart
        .draw_series(bars.iter().map(|&(u, d, bar, _)| {
            let y = row(u, d);
            Rectangle::new([(0.0, y), (bar, y + height * 0.9)], bar_fill(d).filled())
        }))
        .map_err(chart_error)?;
    chart
        .draw_series(bars.iter().filter_map(|&(u, d, _, whisker)| {
            let (lo, hi) = whisker?;
            let y = row(u, d) + height * 0.45;
            Some(PathElement::new(
                vec![(lo, y), (hi, y)],
                BLACK.stroke_width(2),
            ))
        }))
        .map_err(chart_error)?;
    chart
        .draw_series(std::iter::once(PathElement::new(
            vec![(0.0, 0.0), (0.0, n)],
            BLACK.stroke_width(1),
        )))
        .map_err(chart_error)?;
    for (u, unit) in units.iter().enumerate() {
        let at = chart.backend_coord(&(range.start, n - u as f64 - 0.5));
        let lines = fit_lines(&body, &unit.name, names_width - 20, 2)?;
        label_lines(&body, at, -10, &lines)?;
    }
    Ok(())
}

/// Design `d`'s bar: its colour at a strength of its own, so that in a grey print, where the
/// colours merge, the first four designs' bars are four greys (as designs' lines are four
/// dash patterns).
fn bar_fill(d: usize) -> RGBAColor {
    const STRENGTH: [f64; 4] = [1.0, 0.55, 0.8, 0.35];
    colour(d).mix(STRENGTH[d % STRENGTH.len()])
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Greyscale distinctness of bars: the first four designs' fills, printed on white in grey
    /// (luma 0.299 R + 0.587 G + 0.114 B), differ by at least 15 of 255.
    #[test]
    fn the_first_four_designs_bars_are_four_greys() {
        let grey = |d: usize| {
            let RGBAColor(r, g, b, a) = bar_fill(d);
            let on_white = |c: u8| a * f64::from(c) + (1.0 - a) * 255.0;
            0.299 * on_white(r) + 0.587 * on_white(g) + 0.114 * on_white(b)
        };
        for i in 0..4 {
            for j in 0..i {
                let (gi, gj) = (grey(i), grey(j));
                assert!(
                    (gi - gj).abs() >= 15.0,
                    "designs {j} and {i}: {gj:.0} and {gi:.0}"
                );
            }
        }
    }
}
