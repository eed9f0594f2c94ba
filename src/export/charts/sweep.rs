//! Charts of a sweep: with one setting, each metric against the setting's value (a line per
//! design, final cash with its 5–95 % band); with two, a heat map per design.

use anyhow::Result;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::draw::{
    self, Area, Axis, Mark, Size, Y_LABEL_AREA, colour, dashes, figure, label_at, line, line_mark,
    mesh, value_range,
};
use super::{Drawing, Lang, chart_error, render};
use crate::export::names::Stem;
use crate::labels::{figures, inputs};
use crate::sweep::{Setting, SweepMetrics, SweepRow};

/// What a sweep's charts are drawn from.
pub struct SweepData<'a> {
    pub title: String,
    pub subtitle: String,
    pub settings: &'a [Setting],
    pub rows: &'a [SweepRow],
    pub lang: Lang,
}

enum SweepChart<'a> {
    Lines(&'a SweepData<'a>),
    Heat(&'a SweepData<'a>, String),
}

/// The sweep's charts as `(file name, bytes)`: none for three or more settings.
pub fn render_sweep(data: &SweepData) -> Result<Vec<(String, Vec<u8>)>> {
    let mut designs: Vec<String> = Vec::new();
    for (_, m) in data.rows {
        if !designs.contains(&m.design) {
            designs.push(m.design.clone());
        }
    }
    let charts: Vec<SweepChart> = match data.settings.len() {
        1 => vec![SweepChart::Lines(data)],
        2 => designs
            .into_iter()
            .map(|d| SweepChart::Heat(data, d))
            .collect(),
        _ => Vec::new(),
    };
    render(&charts)
}

type Metric = fn(&SweepMetrics) -> f64;

impl Drawing for SweepChart<'_> {
    fn stem(&self) -> Stem<'_> {
        match self {
            SweepChart::Lines(_) => Stem::fixed("sweep"),
            SweepChart::Heat(_, design) => Stem::named("sweep-heat", design),
        }
    }

    fn draw<DB: DrawingBackend>(&self, root: &Area<DB>) -> Result<()> {
        match self {
            SweepChart::Lines(data) => lines(root, data),
            SweepChart::Heat(data, design) => heat(root, data, design),
        }
    }
}

/// The metrics drawn, by their columns in `sweep.csv`; the final balance's line charts also
/// draw its 5–95 % band.
/// Each with whether a higher value is better for the municipality.
const METRICS: [(&str, Metric, Axis, bool); 7] = [
    ("p_depleted_ever", |m| m.p_depleted_ever, Axis::Share, false),
    ("final_cash_p50", |m| m.final_cash_p50, Axis::Mnkr, true),
    ("recycled_share", |m| m.recycled_share, Axis::Share, true),
    (
        "net_saving_lifetime_mean",
        |m| m.net_saving_lifetime_mean,
        Axis::Mnkr,
        true,
    ),
    (
        "budget_effect_lifetime_mean",
        |m| m.budget_effect_lifetime_mean,
        Axis::Mnkr,
        true,
    ),
    (
        "worst_unit_burden_p95",
        |m| m.worst_unit_burden_p95,
        Axis::Mnkr,
        false,
    ),
    (
        "p_any_unit_tipped",
        |m| m.p_any_unit_tipped,
        Axis::Share,
        false,
    ),
];

/// Whether a metric's line chart draws the final balance's band.
fn has_band(column: &str) -> bool {
    column == "final_cash_p50"
}

/// Each metric against the one setting, a line per design.
fn lines<DB: DrawingBackend>(root: &Area<DB>, data: &SweepData) -> Result<()> {
    let mut designs: Vec<&str> = Vec::new();
    for (_, m) in data.rows {
        if !designs.contains(&m.design.as_str()) {
            designs.push(&m.design);
        }
    }
    let legend: Vec<(String, Mark)> = designs
        .iter()
        .enumerate()
        .map(|(d, name)| (name.to_string(), line_mark(d)))
        .collect();
    let body = figure(root, &data.title, &data.subtitle, &legend)?;
    let xs: Vec<f64> = data.rows.iter().map(|(v, _)| v[0]).collect();
    let x_range = value_range(xs.iter().copied(), false);
    // Every panel has the setting across: it is named once, under the panels, where a long
    // name has the figure's whole width.
    let x_title = Size::Label.px() as i32 + 12;
    let (grid, below) = body.split_vertically(body.dim_in_pixel().1 as i32 - x_title);
    let path = inputs::field(&data.settings[0].field, data.lang);
    let centre = (below.dim_in_pixel().0 as i32 / 2, 0);
    let style = Size::Label.font().pos(Pos::new(HPos::Center, VPos::Top));
    (below.draw(&Text::new(path, centre, style))).map_err(chart_error)?;
    for ((column, metric, axis, _), panel) in METRICS.into_iter().zip(grid.split_evenly((2, 4))) {
        let with_band = has_band(column);
        let band = |m: &SweepMetrics| [m.final_cash_p5, m.final_cash_p95];
        let values = data.rows.iter().flat_map(|(_, m)| {
            let mut v = vec![metric(m)];
            if with_band {
                v.extend(band(m));
            }
            v
        });
        let mut caption = figures::short_heading(column, data.lang);
        if with_band {
            caption += data.lang.labels().and_band_90;
        }
        let y_range = value_range(values, true);
        let mut chart = draw::panel(&panel, &caption, x_range.clone(), y_range.clone(), 110)?;
        mesh(&mut chart)
            .x_labels(5)
            .y_labels(5)
            .x_label_formatter(&|v| data.lang.number(*v, if v.fract() == 0.0 { 0 } else { 2 }))
            .y_label_formatter(&|v| axis.label(data.lang, *v, &y_range))
            .draw()
            .map_err(chart_error)?;
        for (d, design) in designs.iter().enumerate() {
            if with_band {
                let upper = rows_of(data.rows, design).map(|(v, m)| (v[0], m.final_cash_p95));
                let lower: Vec<(f64, f64)> = rows_of(data.rows, design)
                    .map(|(v, m)| (v[0], m.final_cash_p5))
                    .collect();
                let polygon: Vec<(f64, f64)> = upper.chain(lower.into_iter().rev()).collect();
                chart
                    .draw_series(std::iter::once(Polygon::new(
                        polygon,
                        colour(d).mix(0.14).filled(),
                    )))
                    .map_err(chart_error)?;
            }
            let points: Vec<(f64, f64)> = rows_of(data.rows, design)
                .map(|(v, m)| (v[0], metric(m)))
                .collect();
            line(&mut chart, points, colour(d).stroke_width(3), dashes(d))?;
        }
    }
    Ok(())
}

/// The rows of one design.
fn rows_of<'r>(rows: &'r [SweepRow], design: &'r str) -> impl Iterator<Item = &'r SweepRow> {
    rows.iter().filter(move |(_, m)| m.design == design)
}

/// Heat maps over the two settings for one design: depletion risk and median final cash.
fn heat<DB: DrawingBackend>(root: &Area<DB>, data: &SweepData, design: &str) -> Result<()> {
    let rows: Vec<&SweepRow> = data
        .rows
        .iter()
        .filter(|(_, m)| m.design == design)
        .collect();
    let (xs, ys) = (&data.settings[0].values, &data.settings[1].values);
    let title = format!("{} – {design}", data.title);
    // Every panel shades the better value light: a high risk is dark, a high balance light.
    let l = data.lang.labels();
    let legend = [(l.better, 1.0), (l.worse, 0.0)].map(|(name, t)| {
        (
            name.to_string(),
            Mark::Fill(ViridisRGB::get_color(t).to_rgba()),
        )
    });
    let body = figure(root, &title, &data.subtitle, &legend)?;
    for (&(column, metric, axis, better_high), panel) in
        METRICS[..2].iter().zip(body.split_evenly((1, 2)))
    {
        let values: Vec<f64> = rows.iter().map(|(_, m)| metric(m)).collect();
        let range = value_range(values.iter().copied(), false);
        let caption = figures::short_heading(column, data.lang);
        let (across, down) = (0.0..xs.len() as f64, 0.0..ys.len() as f64);
        let mut chart = draw::panel(&panel, &caption, across, down, Y_LABEL_AREA)?;
        mesh(&mut chart)
            .disable_mesh()
            .x_labels(0)
            .y_labels(0)
            .x_desc(inputs::field(&data.settings[0].field, data.lang))
            .y_desc(inputs::field(&data.settings[1].field, data.lang))
            .draw()
            .map_err(chart_error)?;
        let cell = |i: usize, j: usize| {
            rows.iter()
                .find(|(v, _)| v[0] == xs[i] && v[1] == ys[j])
                .map(|(_, m)| metric(m))
        };
        let text = Size::Label.font().pos(Pos::new(HPos::Center, VPos::Center));
        for i in 0..xs.len() {
            for j in 0..ys.len() {
                let Some(value) = cell(i, j) else { continue };
                let high = if range.end > range.start {
                    (value - range.start) / (range.end - range.start)
                } else {
                    0.5
                };
                let t = if better_high { high } else { 1.0 - high };
                let shade = ViridisRGB::get_color(t);
                let (x, y) = (i as f64, j as f64);
                chart
                    .draw_series(std::iter::once(Rectangle::new(
                        [(x, y), (x + 1.0, y + 1.0)],
                        shade.filled(),
                    )))
                    .map_err(chart_error)?;
                let ink = if t < 0.6 { WHITE } else { BLACK };
                let label = axis.label(data.lang, value, &range);
                chart
                    .draw_series(std::iter::once(Text::new(
                        label,
                        (x + 0.5, y + 0.5),
                        text.clone().color(&ink),
                    )))
                    .map_err(chart_error)?;
            }
        }
        // The settings' values under and beside the cells.
        let number = |v: f64| data.lang.number(v, if v.fract() == 0.0 { 0 } else { 2 });
        for (i, x) in xs.iter().enumerate() {
            let at = chart.backend_coord(&(i as f64 + 0.5, 0.0));
            label_at(
                &panel,
                at,
                (0, 6),
                &number(*x),
                Pos::new(HPos::Center, VPos::Top),
            )?;
        }
        for (j, y) in ys.iter().enumerate() {
            let at = chart.backend_coord(&(0.0, j as f64 + 0.5));
            label_at(
                &panel,
                at,
                (-6, 0),
                &number(*y),
                Pos::new(HPos::Right, VPos::Center),
            )?;
        }
    }
    Ok(())
}
