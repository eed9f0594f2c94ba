//! The fund's money flows per year: cash in and out as bars, claims (write-offs, arrears) as
//! dashed lines.

use anyhow::Result;
use plotters::prelude::*;

use super::draw::*;
use super::{Context, chart_error};
use crate::results::FundRow;

/// One flow in the flows chart: its label, fill and yearly mean.
type Flow = (&'static str, RGBAColor, fn(&FundRow) -> f64);

/// One claim in the flows chart: its label, line colour and yearly mean.
type Claim = (&'static str, RGBColor, fn(&FundRow) -> f64);

/// The fills of the stacked bars: deposits and repayments up, payouts and lapses down. The
/// second of each stack is lighter, so that the two stacked bars stay apart in a grey print.
fn fills() -> [RGBAColor; 4] {
    [
        PALETTE[2].mix(0.45),
        PALETTE[0].to_rgba(),
        PALETTE[1].to_rgba(),
        PALETTE[4].mix(0.45),
    ]
}

/// Stacked yearly bars of mean flows: deposits and repayments up; payouts, write-offs and, for a
/// design whose grant money lapses, the lapse down.
pub fn flows<DB: DrawingBackend>(root: &Area<DB>, ctx: &Context, d: usize) -> Result<()> {
    let l = ctx.labels();
    let rows = ctx.fund_rows(d);
    let [deposits, repaid, payouts, lapsed] = fills();
    let up: Vec<Flow> = vec![
        (ctx.short("deposits"), deposits, |r| r.deposits_mean),
        (ctx.short("repaid"), repaid, |r| r.repaid_mean),
    ];
    let mut down: Vec<Flow> = vec![(ctx.short("payouts"), payouts, |r| r.payouts_mean)];
    if rows.iter().any(|r| r.lapsed_mean > 0.0) {
        down.push((ctx.short("lapsed"), lapsed, |r| r.lapsed_mean));
    }
    // Claims, not cash: what the fund gave up, and what units owe it at year end.
    let mut claims: Vec<Claim> =
        vec![(ctx.short("written_off"), PALETTE[3], |r| r.written_off_mean)];
    if rows.iter().any(|r| r.owed_mean > 0.0) {
        claims.push((ctx.short("owed"), PALETTE[5], |r| r.owed_mean));
    }
    let legend: Vec<(String, Mark)> = up
        .iter()
        .chain(&down)
        .map(|&(name, colour, _)| (name.to_string(), Mark::Fill(colour)))
        .chain(
            claims
                .iter()
                .map(|&(name, colour, _)| (name.to_string(), Mark::Dashed(colour, DASHED))),
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
    let mut chart = panel(&body, "", x_range, range.clone(), Y_LABEL_AREA)?;
    mesh(&mut chart)
        .disable_x_mesh()
        .x_labels(8)
        .x_label_formatter(&|x| format!("{x:.0}"))
        .y_desc("mnkr")
        .y_label_formatter(&|v| Axis::Mnkr.label(ctx.lang, *v, &range))
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
        line(&mut chart, points, colour.stroke_width(2), Some(DASHED))?;
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

#[cfg(test)]
mod tests {
    use super::*;

    /// A fill's grey on white in print (luma 0.299 R + 0.587 G + 0.114 B), of 255.
    fn grey(RGBAColor(r, g, b, a): RGBAColor) -> f64 {
        let on_white = |c: u8| a * f64::from(c) + (1.0 - a) * 255.0;
        0.299 * on_white(r) + 0.587 * on_white(g) + 0.114 * on_white(b)
    }

    /// Regression: deposits and repayments, stacked in one bar, printed as greys 19 of 255
    /// apart; each stack's two fills now differ by at least 40.
    #[test]
    fn stacked_flows_are_apart_in_grey() {
        let [deposits, repaid, payouts, lapsed] = fills().map(grey);
        assert!(
            (deposits - repaid).abs() >= 40.0,
            "{deposits:.0} and {repaid:.0}"
        );
        assert!(
            (payouts - lapsed).abs() >= 40.0,
            "{payouts:.0} and {lapsed:.0}"
        );
    }
}
