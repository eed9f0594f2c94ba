//! What the fund's projects do to the municipality's result (MODEL.md 7.2), per design.

use anyhow::Result;
use plotters::prelude::*;

use super::Context;
use super::draw::*;
use crate::labels::fill;

/// The projects' effect on the result by year, median and 5–95 % band (left), and the chance
/// that they turn a positive result negative that year (right).
pub fn result<DB: DrawingBackend>(root: &Area<DB>, ctx: &Context, d: usize) -> Result<()> {
    let l = ctx.labels();
    let color = colour(d);
    let rows = ctx.fund_rows(d);
    let title = format!("{} – {}", ctx.design_name(d), l.result_title);
    let legend = spread_legend(ctx, color, false, false, 0);
    let body = figure(root, &title, &ctx.subtitle(Some(d)), &legend)?;
    let panels = body.split_evenly((1, 2));
    let effect = Spread::band(
        rows.iter()
            .map(|r| [r.result_effect_p5, r.result_effect_p50, r.result_effect_p95]),
    );
    spread_panel(
        &panels[0],
        ctx,
        &format!("{}, mnkr", ctx.figure("result_effect")),
        &effect,
        &[],
        color,
        (Axis::Mnkr, None),
    )?;
    let tipped = (
        color,
        None,
        rows.iter().map(|r| r.p_result_tipped).collect(),
    );
    let some_year = ctx.results.summary.designs[d].p_result_tipped;
    let percent = ctx.lang.percent(some_year, 1);
    let caption = fill(l.result_by_year, &[("p", &percent)]);
    probability_panel(&panels[1], ctx, &caption, &[tipped])
}
