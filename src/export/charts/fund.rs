//! The fund's charts: its balance per design as a fan, all designs together, and the risk
//! that it must turn an application down for lack of money.

use anyhow::Result;
use plotters::prelude::*;

use super::draw::*;
use super::{Context, chart_error};
use crate::aggregate::MAX_MAGNITUDE;
use crate::results::FundRow;

/// Fan charts of a design's cash (left) and uncommitted money (right), with the initial
/// capital and any target level as reference lines.
pub fn fund<DB: DrawingBackend>(root: &Area<DB>, ctx: &Context, d: usize) -> Result<()> {
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
    let title = format!("{} – {}", design.name, ctx.figure("cash").to_lowercase());
    let legend = spread_legend(ctx, color, true, true, references.len());
    let body = figure(root, &title, &ctx.subtitle(Some(d)), &legend)?;
    let panels = body.split_evenly((1, 2));
    // Cash and uncommitted money on one scale: the gap between them is what is committed.
    let shared = value_range(
        cash.values(&references)
            .chain(uncommitted.values(&references[..1])),
        true,
    );
    spread_panel(
        &panels[0],
        ctx,
        &format!("{}, mnkr", ctx.figure("cash")),
        &cash,
        &references,
        color,
        (Axis::Mnkr, Some(&shared)),
    )?;
    spread_panel(
        &panels[1],
        ctx,
        &format!("{}, mnkr", ctx.figure("uncommitted")),
        &uncommitted,
        &references[..1],
        color,
        (Axis::Mnkr, Some(&shared)),
    )
}

/// Depletion risk: in the year (left) and in some year so far (right), one line per design.
pub fn depletion<DB: DrawingBackend>(root: &Area<DB>, ctx: &Context) -> Result<()> {
    let l = ctx.labels();
    let designs = &ctx.results.summary.designs;
    let body = figure(
        root,
        l.depletion_title,
        &ctx.subtitle(None),
        &design_legend(ctx, |d| {
            by_year(ctx, d, |r| [r.p_depleted, r.p_depleted_by])
        }),
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
    probability_panel(
        &panels[0],
        ctx,
        ctx.short("p_depleted"),
        &series(|r| r.p_depleted),
    )?;
    probability_panel(
        &panels[1],
        ctx,
        ctx.short("p_depleted_by"),
        &series(|r| r.p_depleted_by),
    )
}

/// Median cash with its 5–95 % band, every design on one panel.
pub fn designs<DB: DrawingBackend>(root: &Area<DB>, ctx: &Context) -> Result<()> {
    let l = ctx.labels();
    let designs = &ctx.results.summary.designs;
    let legend = design_legend(ctx, |d| {
        by_year(ctx, d, |r| [r.cash_p5, r.cash_p50, r.cash_p95])
    });
    let body = figure(root, l.designs, &ctx.subtitle(None), &legend)?;
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
        // Each band's edges in its design's dashes: in a grey print the fills merge.
        for edge in [p5, p95] {
            let points = years.iter().copied().zip(edge).collect();
            line(&mut chart, points, colour(d).stroke_width(1), dashes(d))?;
        }
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
