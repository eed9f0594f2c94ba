//! The förvaltningar's charts: each one's net burden (in mnkr or as a share of its frame), the
//! risk of a deficit year, and every design's expected burden side by side.

use anyhow::Result;
use plotters::prelude::*;

use super::draw::*;
use super::{Context, FONT, chart_error};
use plotters::style::text_anchor::{HPos, Pos, VPos};

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

/// Chance each unit is tipped into deficit by year under one design.
pub fn tipped<DB: DrawingBackend>(root: &Area<DB>, ctx: &Context, d: usize) -> Result<()> {
    let units = &ctx.results.summary.units;
    let legend: Vec<(String, Mark)> = units
        .iter()
        .enumerate()
        .map(|(u, unit)| (shorten(&unit.name, 40), line_mark(u)))
        .collect();
    let body = figure(
        root,
        &format!(
            "{} – {}",
            ctx.design_name(d),
            ctx.figure("p_tipped").to_lowercase()
        ),
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
    probability_panel(&body, ctx, ctx.figure("p_tipped"), &lines)
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
