//! "What is the chance that X is above …": exceedance curves, a line per design, read off the
//! distributions a run keeps in memory. They are drawn for the report (and any front end that
//! holds the results), not into `charts/`: a finished run's files do not hold the
//! distributions, so `sifsim chart` could not re-draw them.

use anyhow::Result;
use plotters::prelude::*;

use super::draw::{
    Area, Axis, Y_LABEL_AREA, colour, dashes, design_legend, figure, line, mesh, panel, value_range,
};
use super::{Context, Drawing, chart_error, svg_of};
use crate::exceedance::{Quantity, curve};
use crate::export::names::{Stem, file_stems};

/// The exceedance charts of a run.
pub(super) enum Exceedance<'a> {
    /// The final balance and the lifetime net saving.
    Fund(&'a Context<'a>),
    /// Each unit's total burden over the period, on one shared scale.
    Burden(&'a Context<'a>),
}

impl Drawing for Exceedance<'_> {
    fn stem(&self) -> Stem<'_> {
        match self {
            Exceedance::Fund(_) => Stem::fixed("exceedance"),
            Exceedance::Burden(_) => Stem::fixed("exceedance-burden"),
        }
    }

    fn draw<DB: DrawingBackend>(&self, root: &Area<DB>) -> Result<()> {
        match self {
            Exceedance::Fund(ctx) => fund(root, ctx),
            Exceedance::Burden(ctx) => burden(root, ctx),
        }
    }
}

/// The exceedance charts of `ctx`'s results as `(name, SVG)`; none for results read back
/// from files.
pub(super) fn svgs(ctx: &Context) -> Result<Vec<(String, String)>> {
    if ctx.results.distributions.designs.is_empty() {
        return Ok(Vec::new());
    }
    let drawings = [Exceedance::Fund(ctx), Exceedance::Burden(ctx)];
    let stems = file_stems(&drawings.iter().map(Drawing::stem).collect::<Vec<_>>());
    (drawings.iter().zip(stems))
        .map(|(drawing, stem)| Ok((stem, svg_of(drawing)?)))
        .collect()
}

/// A panel's curves: per design, `(value, share above)`.
type Curves = Vec<Vec<(f64, f64)>>;

/// Each design's curve of `quantity`.
fn curves(ctx: &Context, quantity: Quantity) -> Curves {
    (ctx.results.distributions.designs.iter())
        .map(|d| curve(d.get(quantity)))
        .collect()
}

/// The points of design `d`'s curve in each of `panels`.
fn drawn(panels: &[&Curves], d: usize) -> Vec<f64> {
    (panels.iter())
        .flat_map(|curves| curves[d].iter().flat_map(|&(x, y)| [x, y]))
        .collect()
}

fn fund<DB: DrawingBackend>(root: &Area<DB>, ctx: &Context) -> Result<()> {
    let l = ctx.labels();
    let last = Quantity::Cash {
        t: ctx.results.summary.years - 1,
    };
    let balance = curves(ctx, last);
    let saving = curves(ctx, Quantity::NetSavingLifetime);
    let legend = design_legend(ctx, |d| drawn(&[&balance, &saving], d));
    let body = figure(root, l.exceedance_title, &ctx.subtitle(None), &legend)?;
    let panels = body.split_evenly((1, 2));
    curves_panel(&panels[0], ctx, ctx.figure("final_cash"), &balance, None)?;
    curves_panel(
        &panels[1],
        ctx,
        ctx.figure("net_saving_lifetime"),
        &saving,
        None,
    )
}

fn burden<DB: DrawingBackend>(root: &Area<DB>, ctx: &Context) -> Result<()> {
    let l = ctx.labels();
    let units = &ctx.results.summary.units;
    let all: Vec<Curves> = (0..units.len())
        .map(|u| curves(ctx, Quantity::Burden { u }))
        .collect();
    let every: Vec<&Curves> = all.iter().collect();
    let body = figure(
        root,
        l.exceedance_burden_title,
        &format!("{}\n{}", ctx.subtitle(None), l.burden_note),
        &design_legend(ctx, |d| drawn(&every, d)),
    )?;
    // One scale for every unit, so the panels compare.
    let shared = value_range(all.iter().flatten().flatten().map(|&(x, _)| x), true);
    let columns = units.len().clamp(1, 3);
    let rows = units.len().div_ceil(columns);
    for ((unit, curves), area) in units
        .iter()
        .zip(&all)
        .zip(body.split_evenly((rows, columns)))
    {
        curves_panel(&area, ctx, &unit.name, curves, Some(shared.clone()))?;
    }
    Ok(())
}

/// One panel: a line per design of the share of futures above each value, on `range` when
/// given (else the curves' own).
fn curves_panel<DB: DrawingBackend>(
    area: &Area<DB>,
    ctx: &Context,
    caption: &str,
    curves: &Curves,
    range: Option<std::ops::Range<f64>>,
) -> Result<()> {
    let x_range = (range.clone())
        .unwrap_or_else(|| value_range(curves.iter().flatten().map(|&(x, _)| x), true));
    let y_range = 0.0..1.0;
    let mut chart = panel(
        area,
        caption,
        x_range.clone(),
        y_range.clone(),
        Y_LABEL_AREA,
    )?;
    mesh(&mut chart)
        .x_labels(5)
        .y_labels(6)
        .x_desc("mnkr")
        // Small multiples on one scale leave the y axis to the title: the panels are narrow.
        .y_desc(if range.is_some() {
            ""
        } else {
            ctx.labels().share_above
        })
        .x_label_formatter(&|v| Axis::Mnkr.label(ctx.lang, *v, &x_range))
        .y_label_formatter(&|v| Axis::Share.label(ctx.lang, *v, &y_range))
        .draw()
        .map_err(chart_error)?;
    for (d, points) in curves.iter().enumerate() {
        // From the left edge at the curve's first share to the right edge at its last, so a
        // line spans the whole panel even where a design's values end early.
        let mut line_points = Vec::with_capacity(points.len() + 2);
        if let Some(&(_, first)) = points.first() {
            line_points.push((x_range.start, first));
        }
        line_points.extend(points.iter().copied());
        if let Some(&(_, last)) = points.last() {
            line_points.push((x_range.end, last));
        }
        line(
            &mut chart,
            line_points,
            colour(d).stroke_width(3),
            dashes(d),
        )?;
    }
    Ok(())
}
