//! One-at-a-time sensitivity: a tornado per design.

use anyhow::Result;
use plotters::prelude::*;

use super::draw::*;
use super::{Context, chart_error};
use crate::labels::{charts, figures, fill};
use crate::sensitivity::{Level, SensitivityRow, Uncertain, YEARS_AFTER};
use plotters::style::text_anchor::{HPos, Pos, VPos};

type Metric = fn(&SensitivityRow) -> f64;

/// An input's low and high value of one metric: its name, low, high.
type Bar = (&'static str, f64, f64);

/// One-at-a-time sensitivity of design `d`: for the depletion risk, the median cash after 5,
/// 10 and 20 years, the net avoided cost and budget effect over the projects' lives, and the
/// net burden and deficit risk of the nämnd the design singles out, each input's low and high
/// setting as bars from the base value, the input with the widest effect on top — so the
/// panels show how the ranking shifts over time and what reaches the nämnd.
pub fn tornado<DB: DrawingBackend>(root: &Area<DB>, ctx: &Context, d: usize) -> Result<()> {
    let l = ctx.labels();
    let design = ctx.design_name(d);
    let rows: Vec<&SensitivityRow> = ctx
        .sensitivity
        .iter()
        .filter(|r| r.design == design)
        .collect();
    let find = |input: Option<Uncertain>, level: Level| {
        let name = input.map_or("base", Uncertain::name);
        rows.iter().find(|r| r.input == name && r.level == level)
    };
    let Some(base) = find(None, Level::Base) else {
        return Ok(());
    };
    let legend = vec![
        (l.low.to_string(), Mark::Fill(LOW.to_rgba())),
        (l.high.to_string(), Mark::Fill(HIGH.to_rgba())),
        (l.base.to_string(), Mark::Line(BLACK, 1)),
    ];
    let title = format!("{design} – {}", l.sensitivity);
    let subtitle = format!(
        "{}\n{}\n{}",
        ctx.subtitle(Some(d)),
        fill(l.tornado_unit, &[("unit", &base.burden_unit)]),
        l.tornado_changes
    );
    let body = figure(root, &title, &subtitle, &legend)?;
    let cash_after = |years: usize| format!("{} {years} {}", l.cash_after, l.years_word);
    let net = |column| figures::short_heading(column, ctx.lang);
    let metrics: [(String, Metric, Axis); 8] = [
        (
            l.tornado_depleted.into(),
            |r| r.p_depleted_ever,
            Axis::Share,
        ),
        (cash_after(YEARS_AFTER[0]), |r| r.cash_p50_year5, Axis::Mnkr),
        (
            cash_after(YEARS_AFTER[1]),
            |r| r.cash_p50_year10,
            Axis::Mnkr,
        ),
        (
            cash_after(YEARS_AFTER[2]),
            |r| r.cash_p50_year20,
            Axis::Mnkr,
        ),
        (
            net("net_saving_lifetime_p50"),
            |r| r.net_saving_lifetime_p50,
            Axis::Mnkr,
        ),
        (
            net("budget_effect_lifetime_p50"),
            |r| r.budget_effect_lifetime_p50,
            Axis::Mnkr,
        ),
        (l.tornado_burden.into(), |r| r.burden_total_p50, Axis::Mnkr),
        (
            l.tornado_tipped.into(),
            |r| r.p_any_year_tipped,
            Axis::Share,
        ),
    ];
    for ((caption, metric, axis), panel) in metrics.iter().zip(body.split_evenly((4, 2))) {
        let bars: Vec<Bar> = Uncertain::ALL
            .iter()
            .filter_map(|&input| {
                let low = find(Some(input), Level::Low)?;
                let high = find(Some(input), Level::High)?;
                let name = charts::tornado_name(input.input(), ctx.lang);
                Some((name, metric(low), metric(high)))
            })
            .collect();
        bars_panel(&panel, ctx, caption, bars, metric(base), *axis)?;
    }
    Ok(())
}

const LOW: RGBColor = PALETTE[1];
const HIGH: RGBColor = PALETTE[0];

/// One panel: `bars` around `centre`, the widest on top; an input that moves nothing gets no
/// row, and a panel no input moves says so.
fn bars_panel<DB: DrawingBackend>(
    panel: &Area<DB>,
    ctx: &Context,
    caption: &str,
    mut bars: Vec<Bar>,
    centre: f64,
    axis: Axis,
) -> Result<()> {
    bars.retain(|&(_, low, high)| low != centre || high != centre);
    bars.sort_by(|a, b| (b.2 - b.1).abs().total_cmp(&(a.2 - a.1).abs()));
    let range = value_range(bars.iter().flat_map(|b| [b.1, b.2]).chain([centre]), false);
    let n = bars.len().max(1) as f64;
    // Room for the longest input's name beside the bars, at most half the panel.
    let most = panel.dim_in_pixel().0 / 2;
    let names = (bars.iter())
        .map(|(name, _, _)| text_width(panel, name))
        .collect::<Result<Vec<u32>>>()?;
    let names_width = (names.into_iter().max().unwrap_or(0) + 20).min(most);
    let mut chart = super::draw::panel(panel, caption, range.clone(), 0.0..n, names_width)?;
    // As many ticks as fit, so that "25 %" and "30 %" do not run together.
    let ticks = (panel.dim_in_pixel().0 - names_width) / 80;
    mesh(&mut chart)
        .disable_y_mesh()
        .y_labels(0)
        .x_labels(ticks.clamp(2, 5) as usize)
        .x_label_formatter(&|v| axis.label(ctx.lang, *v, &range))
        .draw()
        .map_err(chart_error)?;
    let rectangles = bars.iter().enumerate().flat_map(|(i, &(_, low, high))| {
        let y = n - i as f64 - 0.5;
        [
            Rectangle::new([(centre, y), (low, y - 0.35)], LOW.filled()),
            Rectangle::new([(centre, y), (high, y + 0.35)], HIGH.filled()),
        ]
    });
    chart.draw_series(rectangles).map_err(chart_error)?;
    chart
        .draw_series(std::iter::once(PathElement::new(
            vec![(centre, 0.0), (centre, n)],
            BLACK.stroke_width(1),
        )))
        .map_err(chart_error)?;
    if bars.is_empty() {
        let middle = chart.backend_coord(&((range.start + range.end) / 2.0, 0.5));
        let note = Pos::new(HPos::Center, VPos::Center);
        return label_at(panel, middle, (0, 0), ctx.labels().nothing_moves, note);
    }
    // The inputs' names beside the bars, in the label area left of the plot, on as many lines
    // as a bar's row has room for.
    let row =
        chart.backend_coord(&(range.start, 0.0)).1 - chart.backend_coord(&(range.start, 1.0)).1;
    let most_lines = (row / Size::Label.px() as i32).max(1) as usize;
    for (i, (name, _, _)) in bars.iter().enumerate() {
        let at = chart.backend_coord(&(range.start, n - i as f64 - 0.5));
        let lines = fit_lines(panel, name, names_width - 20, most_lines)?;
        label_lines(panel, at, -8, &lines)?;
    }
    Ok(())
}
