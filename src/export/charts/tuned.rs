//! The chart of a tuning: with one varied field, the objective against the first
//! requirement's figure, a point per setting (filled when it meets every requirement), the limit
//! dashed and the best setting ringed; with two, a heat map of the objective over the grid,
//! the settings that meet every requirement outlined and the best one marked.

use anyhow::Result;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::draw::{
    self, Area, Mark, Size, Y_LABEL_AREA, colour, label_at, line, mesh, value_range,
};
use super::{Drawing, Lang, chart_error, render};
use crate::export::names::Stem;
use crate::labels::{figures, inputs};
use crate::sweep::Setting;
use crate::tune::{Evaluated, Objective, Requirement, Target, feasible};

/// What a tuning's chart is drawn from.
pub struct TuneData<'a> {
    pub title: String,
    pub subtitle: String,
    pub vary: &'a [Setting],
    pub require: &'a [Requirement],
    pub objective: &'a Objective,
    pub evaluated: &'a [Evaluated],
    pub best: Option<usize>,
    pub lang: Lang,
}

/// The tuning's chart as `(file name, bytes)`, SVG and PNG; none without a requirement to draw
/// against (one varied field) or for more than two varied fields.
pub fn render_tune(data: &TuneData) -> Result<Vec<(String, Vec<u8>)>> {
    match (data.vary.len(), data.require.is_empty()) {
        (1, false) | (2, _) => render(&[TuneChart(data)]),
        _ => Ok(Vec::new()),
    }
}

struct TuneChart<'a>(&'a TuneData<'a>);

impl Drawing for TuneChart<'_> {
    fn stem(&self) -> Stem<'_> {
        Stem::fixed("tune")
    }

    fn draw<DB: DrawingBackend>(&self, root: &Area<DB>) -> Result<()> {
        match self.0.vary.len() {
            1 => against_requirement(root, self.0),
            _ => heat(root, self.0),
        }
    }
}

impl TuneData<'_> {
    /// The objective's name for a reader: a figure's heading, or the varied field's name.
    fn objective_name(&self) -> String {
        match &self.objective.target {
            Target::Figure(figure) => figures::heading(figure, self.lang),
            Target::Varied(i) => inputs::field(&self.vary[*i].field, self.lang),
        }
    }

    /// Whether setting `i` meets every requirement.
    fn feasible(&self, i: usize) -> bool {
        feasible(&self.evaluated[i], self.require)
    }

    /// The legend: settings that meet every requirement, those that do not, the best.
    fn legend(&self) -> Vec<(String, Mark)> {
        let l = self.lang.labels();
        vec![
            (
                l.meets_every_requirement.to_string(),
                Mark::Fill(colour(0).to_rgba()),
            ),
            (l.misses_a_requirement.to_string(), Mark::Line(colour(0), 2)),
            (l.best_setting.to_string(), Mark::Line(BLACK, 3)),
        ]
    }
}

/// The objective against the first requirement's figure, a point per setting.
fn against_requirement<DB: DrawingBackend>(root: &Area<DB>, data: &TuneData) -> Result<()> {
    let first = &data.require[0];
    let points: Vec<(usize, f64, f64)> = (data.evaluated.iter().enumerate())
        .filter_map(|(i, s)| Some((i, s.figures.get(&first.figure)?, data.objective.value(s)?)))
        .collect();
    let body = draw::figure(root, &data.title, &data.subtitle, &data.legend())?;
    let x_range = value_range(points.iter().map(|p| p.1).chain([first.limit]), false);
    let y_range = value_range(points.iter().map(|p| p.2), false);
    let varied = inputs::field(&data.vary[0].field, data.lang);
    let caption = match data.objective.target {
        Target::Varied(_) => data.objective_name(),
        Target::Figure(_) => {
            let beside = data.lang.labels().beside_points;
            format!("{} ({beside}: {varied})", data.objective_name())
        }
    };
    let mut chart = draw::panel(
        &body,
        &caption,
        x_range.clone(),
        y_range.clone(),
        Y_LABEL_AREA,
    )?;
    mesh(&mut chart)
        .x_labels(6)
        .y_labels(6)
        .x_desc(figures::heading(&first.figure, data.lang))
        .x_label_formatter(&|v| data.lang.exact(*v))
        .y_label_formatter(&|v| data.lang.exact(*v))
        .draw()
        .map_err(chart_error)?;
    let limit = vec![(first.limit, y_range.start), (first.limit, y_range.end)];
    line(&mut chart, limit, BLACK.stroke_width(2), Some((8, 6)))?;
    for &(i, x, y) in &points {
        let style = if data.feasible(i) {
            colour(0).filled()
        } else {
            colour(0).stroke_width(2)
        };
        chart
            .draw_series(std::iter::once(Circle::new((x, y), 7, style)))
            .map_err(chart_error)?;
        if data.best == Some(i) {
            let ring = Circle::new((x, y), 13, BLACK.stroke_width(3));
            chart
                .draw_series(std::iter::once(ring))
                .map_err(chart_error)?;
        }
        // Each point names its setting of the varied field.
        let at = chart.backend_coord(&(x, y));
        let setting = data.lang.exact(data.evaluated[i].values[0]);
        label_at(
            &body,
            at,
            (10, -10),
            &setting,
            Pos::new(HPos::Left, VPos::Bottom),
        )?;
    }
    Ok(())
}

/// The objective over the two varied fields' grid, the settings that meet every requirement
/// outlined and the best one marked.
fn heat<DB: DrawingBackend>(root: &Area<DB>, data: &TuneData) -> Result<()> {
    let (xs, ys) = (&data.vary[0].values, &data.vary[1].values);
    let l = data.lang.labels();
    // Shaded as the sweep's heat maps are: the better end of the colours light.
    let legend = [(l.better, 1.0), (l.worse, 0.0)].map(|(name, t)| {
        (
            name.to_string(),
            Mark::Fill(ViridisRGB::get_color(t).to_rgba()),
        )
    });
    let body = draw::figure(root, &data.title, &data.subtitle, &legend)?;
    let values: Vec<f64> = data
        .evaluated
        .iter()
        .filter_map(|s| data.objective.value(s))
        .collect();
    let range = value_range(values.iter().copied(), false);
    let caption = format!("{} ({})", data.objective_name(), l.framed_and_starred);
    let (across, down) = (0.0..xs.len() as f64, 0.0..ys.len() as f64);
    let mut chart = draw::panel(&body, &caption, across, down, Y_LABEL_AREA)?;
    mesh(&mut chart)
        .disable_mesh()
        .x_labels(0)
        .y_labels(0)
        .x_desc(inputs::field(&data.vary[0].field, data.lang))
        .y_desc(inputs::field(&data.vary[1].field, data.lang))
        .draw()
        .map_err(chart_error)?;
    let text = Size::Label.font().pos(Pos::new(HPos::Center, VPos::Center));
    for (k, setting) in data.evaluated.iter().enumerate() {
        let (Some(i), Some(j), Some(value)) = (
            xs.iter().position(|&x| x == setting.values[0]),
            ys.iter().position(|&y| y == setting.values[1]),
            data.objective.value(setting),
        ) else {
            continue;
        };
        let high = if range.end > range.start {
            (value - range.start) / (range.end - range.start)
        } else {
            0.5
        };
        // The better objective is light.
        let t = if data.objective.maximise {
            high
        } else {
            1.0 - high
        };
        let (x, y) = (i as f64, j as f64);
        let cell = Rectangle::new(
            [(x, y), (x + 1.0, y + 1.0)],
            ViridisRGB::get_color(t).filled(),
        );
        chart
            .draw_series(std::iter::once(cell))
            .map_err(chart_error)?;
        if data.feasible(k) {
            let inset = [(x + 0.04, y + 0.04), (x + 0.96, y + 0.96)];
            let outline = Rectangle::new(inset, WHITE.stroke_width(5));
            chart
                .draw_series(std::iter::once(outline))
                .map_err(chart_error)?;
        }
        let ink = if t < 0.6 { WHITE } else { BLACK };
        let mut label = data.lang.exact(value);
        if data.best == Some(k) {
            label = format!("★ {label}");
        }
        let label = Text::new(label, (x + 0.5, y + 0.5), text.clone().color(&ink));
        chart
            .draw_series(std::iter::once(label))
            .map_err(chart_error)?;
    }
    // The fields' values under and beside the cells.
    for (i, x) in xs.iter().enumerate() {
        let at = chart.backend_coord(&(i as f64 + 0.5, 0.0));
        let pos = Pos::new(HPos::Center, VPos::Top);
        label_at(&body, at, (0, 6), &data.lang.exact(*x), pos)?;
    }
    for (j, y) in ys.iter().enumerate() {
        let at = chart.backend_coord(&(0.0, j as f64 + 0.5));
        let pos = Pos::new(HPos::Right, VPos::Center);
        label_at(&body, at, (-6, 0), &data.lang.exact(*y), pos)?;
    }
    Ok(())
}
