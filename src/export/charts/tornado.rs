//! One-at-a-time sensitivity: a tornado per design.

use anyhow::Result;
use plotters::prelude::*;

use super::draw::*;
use super::{Context, chart_error};
use plotters::style::text_anchor::{HPos, Pos, VPos};

/// One-at-a-time sensitivity of design `d`: for the depletion risk and the median cash after 5,
/// 10 and 20 years, each input's low and high setting as bars from the base value, the input
/// with the widest effect on top — so the panels show how the ranking shifts over time.
pub fn tornado<DB: DrawingBackend>(root: &Area<DB>, ctx: &Context, d: usize) -> Result<()> {
    use crate::labels::inputs;
    use crate::sensitivity::{Input, Level, SensitivityRow, YEARS_AFTER};
    let l = ctx.labels();
    let design = ctx.design_name(d);
    let rows: Vec<&SensitivityRow> = ctx
        .sensitivity
        .iter()
        .filter(|r| r.design == design)
        .collect();
    let find = |input: Option<Input>, level: Level| {
        let name = input.map_or("base", Input::name);
        rows.iter().find(|r| r.input == name && r.level == level)
    };
    let Some(base) = find(None, Level::Base) else {
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
            ctx.figure("p_depleted_ever").to_string(),
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
        let mut bars: Vec<(String, f64, f64)> = Input::ALL
            .iter()
            .filter_map(|&input| {
                let low = find(Some(input), Level::Low)?;
                let high = find(Some(input), Level::High)?;
                Some((
                    inputs::sensitivity(input, ctx.lang),
                    metric(low),
                    metric(high),
                ))
            })
            .collect();
        let centre = metric(base);
        // An input that moves nothing gets no row.
        bars.retain(|&(_, low, high)| low != centre || high != centre);
        bars.sort_by(|a, b| (b.2 - b.1).abs().total_cmp(&(a.2 - a.1).abs()));
        let range = value_range(bars.iter().flat_map(|b| [b.1, b.2]).chain([centre]), false);
        let n = bars.len() as f64;
        // Room for the longest input's name beside the bars, at most 45 % of the panel; a
        // longer name is cut.
        let most = panel.dim_in_pixel().0 * 45 / 100;
        let names = (bars.iter())
            .map(|(name, _, _)| text_width(&panel, name))
            .collect::<Result<Vec<u32>>>()?;
        let names_width = (names.into_iter().max().unwrap_or(0) + 20).min(most);
        let mut chart = super::draw::panel(&panel, caption, range.clone(), 0.0..n, names_width)?;
        mesh(&mut chart)
            .disable_y_mesh()
            .y_labels(0)
            .x_labels(5)
            .x_label_formatter(&|v| axis.label(ctx.lang, *v, &range))
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
            let name = fit(&panel, name, Size::Label, names_width - 20)?;
            label_at(
                &panel,
                at,
                (-8, 0),
                &name,
                Pos::new(HPos::Right, VPos::Center),
            )?;
        }
    }
    Ok(())
}
