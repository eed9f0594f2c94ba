//! A figure's frame: its title and subtitle, wrapped to the chart's width, and the legend strip
//! below its panels; and the measuring of text that keeps labels inside their room.

use anyhow::Result;
use plotters::coord::Shift;
use plotters::prelude::*;

use super::{FONT, SIZE, chart_error};

/// A part of a chart to draw in.
pub(super) type Area<DB> = DrawingArea<DB, Shift>;

/// The colour of a chart's text.
const TEXT: RGBColor = RGBColor(40, 40, 40);

/// Width of the A4 text column a chart is printed across, in points; text sizes are chosen at
/// that print size, so that no text is smaller than 8 pt on paper.
const PRINT_WIDTH_PT: f64 = 480.0;

/// The sizes of a chart's text.
#[derive(Clone, Copy)]
pub(super) enum Size {
    /// The chart's title: 12 pt.
    Title,
    /// A panel's caption: 9.5 pt.
    Caption,
    /// Ticks, axis descriptions, legends, subtitles and labels: 8 pt.
    Label,
}

/// plotters writes an SVG's `font-size` as the size asked for divided by this.
const SVG_FONT_SHRINK: f64 = 1.24;

impl Size {
    /// This size as plotters is asked for it, in the chart's pixels.
    pub(super) fn px(self) -> f64 {
        let points = match self {
            Size::Title => 12.0,
            Size::Caption => 9.5,
            Size::Label => 8.0,
        };
        points * f64::from(SIZE.0) / PRINT_WIDTH_PT * SVG_FONT_SHRINK
    }

    /// The house font at this size, in the text colour.
    pub(super) fn font(self) -> TextStyle<'static> {
        (FONT, self.px()).into_font().color(&TEXT)
    }
}

/// How a legend entry is drawn.
pub(super) enum Mark {
    Line(RGBColor, u32),
    /// A line in this colour, dashed with this dash and gap.
    Dashed(RGBColor, (u32, u32)),
    Fill(RGBAColor),
}

/// Draws title and subtitle (one line per `\n`), and the legend strip at the bottom; returns the
/// area for panels.
pub(super) fn figure<DB: DrawingBackend>(
    root: &Area<DB>,
    title: &str,
    subtitle: &str,
    legend: &[(String, Mark)],
) -> Result<Area<DB>> {
    root.fill(&WHITE).map_err(chart_error)?;
    let width = root.dim_in_pixel().0 - 40;
    let titles = wrap(root, title, Size::Title, width)?;
    let mut lines = Vec::new();
    for line in subtitle.lines() {
        lines.extend(wrap(root, line, Size::Label, width)?);
    }
    let (title_px, line_px) = (Size::Title.px() as i32 + 6, Size::Label.px() as i32 + 6);
    let titles_height = title_px * titles.len() as i32;
    let header_height = 12 + titles_height + 6 + line_px * lines.len().max(1) as i32 + 8;
    let (header, rest) = root.split_vertically(header_height);
    for (i, line) in titles.iter().enumerate() {
        let at = (20, 12 + title_px * i as i32);
        header
            .draw(&Text::new(line.clone(), at, Size::Title.font()))
            .map_err(chart_error)?;
    }
    for (i, line) in lines.iter().enumerate() {
        let style = (FONT, Size::Label.px())
            .into_font()
            .color(&RGBColor(90, 90, 90));
        let at = (20, 12 + titles_height + 6 + line_px * i as i32);
        header
            .draw(&Text::new(line.clone(), at, style))
            .map_err(chart_error)?;
    }
    let rows = legend_rows(&rest, legend)?;
    let legend_height = 14 + LEGEND_ROW * rows as i32;
    let (body, strip) = rest.split_vertically(rest.dim_in_pixel().1 as i32 - legend_height);
    draw_legend(&strip, legend)?;
    Ok(body)
}

const SWATCH: i32 = 40;
/// Height of a legend's row.
const LEGEND_ROW: i32 = 34;

fn entry_width<DB: DrawingBackend>(area: &Area<DB>, label: &str) -> Result<i32> {
    Ok(SWATCH + 8 + text_width(area, label)? as i32 + 28)
}

/// `text` broken into lines no wider than `width` pixels at `size` (a longer word stays whole).
pub(super) fn wrap<DB: DrawingBackend>(
    area: &Area<DB>,
    text: &str,
    size: Size,
    width: u32,
) -> Result<Vec<String>> {
    let style = size.font();
    let fits = |line: &str| -> Result<bool> {
        let (w, _) = area.estimate_text_size(line, &style).map_err(chart_error)?;
        Ok(w <= width)
    };
    let mut lines: Vec<String> = Vec::new();
    for word in text.split(' ') {
        match lines.last_mut() {
            Some(line) if fits(&format!("{line} {word}"))? => {
                line.push(' ');
                line.push_str(word);
            }
            _ => lines.push(word.to_string()),
        }
    }
    Ok(lines)
}

/// `text` at `size`, cut with an ellipsis to fit `width` pixels.
pub(super) fn fit<DB: DrawingBackend>(
    area: &Area<DB>,
    text: &str,
    size: Size,
    width: u32,
) -> Result<String> {
    let style = size.font();
    let fits = |line: &str| -> Result<bool> {
        let (w, _) = area.estimate_text_size(line, &style).map_err(chart_error)?;
        Ok(w <= width)
    };
    if fits(text)? {
        return Ok(text.to_string());
    }
    let mut chars: Vec<char> = text.chars().collect();
    while !chars.is_empty() {
        chars.pop();
        let cut = chars.iter().collect::<String>().trim_end().to_string() + "…";
        if fits(&cut)? {
            return Ok(cut);
        }
    }
    Ok("…".into())
}

/// `text` in labels' size wrapped to `width` pixels on at most `most` lines, the last cut to fit.
pub(super) fn fit_lines<DB: DrawingBackend>(
    area: &Area<DB>,
    text: &str,
    width: u32,
    most: usize,
) -> Result<Vec<String>> {
    let mut lines = wrap(area, text, Size::Label, width)?;
    if lines.len() > most {
        let rest = lines.split_off(most.max(1) - 1).join(" ");
        lines.push(fit(area, &rest, Size::Label, width)?);
    }
    Ok(lines)
}

/// The width of `text` in labels' size, in pixels.
pub(super) fn text_width<DB: DrawingBackend>(area: &Area<DB>, text: &str) -> Result<u32> {
    let (w, _) = area
        .estimate_text_size(text, &Size::Label.font())
        .map_err(chart_error)?;
    Ok(w)
}

fn legend_rows<DB: DrawingBackend>(area: &Area<DB>, legend: &[(String, Mark)]) -> Result<usize> {
    let width = area.dim_in_pixel().0 as i32 - 40;
    let (mut rows, mut x) = (1, 0);
    for (label, _) in legend {
        let w = entry_width(area, label)?;
        if x > 0 && x + w > width {
            rows += 1;
            x = 0;
        }
        x += w;
    }
    Ok(if legend.is_empty() { 0 } else { rows })
}

fn draw_legend<DB: DrawingBackend>(area: &Area<DB>, legend: &[(String, Mark)]) -> Result<()> {
    let width = area.dim_in_pixel().0 as i32 - 20;
    let (mut x, mut y) = (20, 10);
    for (label, mark) in legend {
        let w = entry_width(area, label)?;
        if x > 20 && x + w > width {
            x = 20;
            y += LEGEND_ROW;
        }
        let mid = y + 12;
        match mark {
            Mark::Line(c, width) => area.draw(&PathElement::new(
                vec![(x, mid), (x + SWATCH, mid)],
                c.stroke_width(*width),
            )),
            Mark::Dashed(c, (dash, gap)) => {
                let (dash, step) = (*dash as i32, (dash + gap) as i32);
                (x..x + SWATCH).step_by(step as usize).try_for_each(|from| {
                    let to = (from + dash).min(x + SWATCH);
                    area.draw(&PathElement::new(
                        vec![(from, mid), (to, mid)],
                        c.stroke_width(3),
                    ))
                })
            }
            Mark::Fill(c) => area.draw(&Rectangle::new(
                [(x, y + 2), (x + SWATCH, y + 22)],
                c.filled(),
            )),
        }
        .map_err(chart_error)?;
        area.draw(&Text::new(
            label.clone(),
            (x + SWATCH + 8, y + 1),
            Size::Label.font(),
        ))
        .map_err(chart_error)?;
        x += w;
    }
    Ok(())
}
