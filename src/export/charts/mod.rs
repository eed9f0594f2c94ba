//! Charts for reports, drawn with plotters as SVG from a run's results alone, so they can be
//! re-drawn from the files of a finished run (`sifsim chart`); each PNG is its SVG rendered by
//! resvg, so the two agree to the pixel and text is laid out with the font's own spacing.
//!
//! The font is shipped in the repository (DejaVu Sans, `assets/fonts/`), so drawing needs no
//! system font library. Colours are the Okabe–Ito palette, which colour-blind readers can tell
//! apart.

mod burden;
mod draw;
mod exceedance;
mod flows;
mod frame;
mod fund;
mod result;
mod sweep;
mod tornado;
mod tuned;

use std::sync::{LazyLock, Once};

use anyhow::{Result, anyhow};
use plotters::prelude::*;
use rayon::prelude::*;
use resvg::{tiny_skia, usvg};

pub use crate::labels::Lang;
pub(crate) use sweep::{SweepData, render_sweep};
pub use tuned::{TuneData, render_tune};

use crate::export::names::{Stem, file_stems};
use crate::results::{FundRow, Results, UnitRow};
use crate::sensitivity::SensitivityRow;

/// Width and height of every chart, in pixels (legible at half an A4 page).
pub const SIZE: (u32, u32) = (1200, 800);
/// A tornado chart's: as wide, taller for its eight panels.
const TORNADO_SIZE: (u32, u32) = (1200, 1500);
/// The font family charts ask for; registered from the shipped TTF.
const FONT: &str = "sans-serif";
/// The shipped font: DejaVu Sans.
const FONT_FILE: &[u8] = include_bytes!("../../../assets/fonts/DejaVuSans.ttf");

/// One chart file pair (SVG and PNG).
#[derive(Debug, Clone)]
enum Chart {
    /// Fan charts of cash and uncommitted money of design `d`.
    Fund(usize),
    /// Depletion risk by year, all designs.
    Depletion,
    /// Each unit's yearly burden under design `d`, mnkr.
    Burden(usize),
    /// The same as a share of the unit's frame.
    BurdenShare(usize),
    /// Chance each unit has a deficit year, all designs.
    Tipped,
    /// Median cash with its 5–95 % band, all designs.
    Designs,
    /// Expected total burden per unit and design.
    BurdenByDesign,
    /// Mean yearly flows of design `d`.
    Flows(usize),
    /// The effect of design `d`'s projects on the municipality's result.
    Result(usize),
    /// One-at-a-time sensitivity of design `d`.
    Tornado(usize),
}

/// What drawing needs: the results, the language, and lookups into the rows.
struct Context<'a> {
    results: &'a Results,
    lang: Lang,
    /// A sensitivity analysis's rows (empty for a plain run).
    sensitivity: &'a [SensitivityRow],
}

impl<'a> Context<'a> {
    /// What a plain run's charts are drawn from.
    fn of_run(results: &'a Results, lang: Lang) -> Context<'a> {
        Context {
            results,
            lang,
            sensitivity: &[],
        }
    }

    fn labels(&self) -> &'static crate::labels::Labels {
        self.lang.labels()
    }

    /// A declared figure's name, for a panel's caption.
    fn figure(&self, key: &str) -> &'static str {
        Self::declared(key).name(self.lang)
    }

    /// A declared figure's short name, for a legend.
    fn short(&self, key: &str) -> &'static str {
        Self::declared(key).short(self.lang)
    }

    fn declared(key: &str) -> &'static crate::labels::figures::Figure {
        crate::labels::figures::find(key).expect("charts name declared figures")
    }

    fn design_name(&self, d: usize) -> &str {
        &self.results.summary.designs[d].name
    }

    fn years(&self) -> Vec<i64> {
        let s = &self.results.summary;
        (s.start_year..s.start_year + s.years as i64).collect()
    }

    fn fund_rows(&self, d: usize) -> Vec<&FundRow> {
        let name = self.design_name(d);
        self.results
            .fund
            .iter()
            .filter(|r| r.design == name)
            .collect()
    }

    fn unit_rows(&self, d: usize, unit: &str) -> Vec<&UnitRow> {
        let name = self.design_name(d);
        self.results
            .units
            .iter()
            .filter(|r| r.design == name && r.unit == unit)
            .collect()
    }

    /// "Scenario · design · 10 000 framtider, frö 7 · sifsim 0.1.0": what traces a chart back.
    fn subtitle(&self, design: Option<usize>) -> String {
        let s = &self.results.summary;
        let l = self.labels();
        let design = design.map_or(String::new(), |d| format!(" · {}", self.design_name(d)));
        format!(
            "{}{design} · {} {}, {} {} · sifsim {}",
            s.scenario,
            self.lang.number(s.paths as f64, 0),
            l.futures,
            l.seed,
            s.seed,
            s.sifsim_version
        )
    }
}

impl Chart {
    fn all(results: &Results) -> Vec<Chart> {
        let designs = 0..results.summary.designs.len();
        let mut charts = vec![
            Chart::Depletion,
            Chart::Designs,
            Chart::BurdenByDesign,
            Chart::Tipped,
        ];
        for d in designs {
            charts.extend([
                Chart::Fund(d),
                Chart::Burden(d),
                Chart::BurdenShare(d),
                Chart::Flows(d),
                Chart::Result(d),
            ]);
        }
        charts
    }

    fn stem<'a>(&self, results: &'a Results) -> Stem<'a> {
        let design = |kind, d: usize| Stem::named(kind, &results.summary.designs[d].name);
        match *self {
            Chart::Fund(d) => design("fund", d),
            Chart::Depletion => Stem::fixed("depletion"),
            Chart::Burden(d) => design("burden", d),
            Chart::BurdenShare(d) => design("burden-share", d),
            Chart::Tipped => Stem::fixed("tipped"),
            Chart::Designs => Stem::fixed("designs"),
            Chart::BurdenByDesign => Stem::fixed("burden-by-design"),
            Chart::Flows(d) => design("flows", d),
            Chart::Result(d) => design("result", d),
            Chart::Tornado(d) => design("tornado", d),
        }
    }

    fn draw<DB: DrawingBackend>(
        &self,
        root: &DrawingArea<DB, plotters::coord::Shift>,
        ctx: &Context,
    ) -> Result<()> {
        match *self {
            Chart::Fund(d) => fund::fund(root, ctx, d),
            Chart::Depletion => fund::depletion(root, ctx),
            Chart::Burden(d) => burden::burden(root, ctx, d, false),
            Chart::BurdenShare(d) => burden::burden(root, ctx, d, true),
            Chart::Tipped => burden::tipped(root, ctx),
            Chart::Designs => fund::designs(root, ctx),
            Chart::BurdenByDesign => burden::burden_by_design(root, ctx),
            Chart::Flows(d) => flows::flows(root, ctx, d),
            Chart::Result(d) => result::result(root, ctx, d),
            Chart::Tornado(d) => tornado::tornado(root, ctx, d),
        }
    }
}

/// Something drawn to one SVG and one PNG file.
trait Drawing: Sync {
    /// What the files are named after.
    fn stem(&self) -> Stem<'_>;
    /// Width and height in pixels.
    fn size(&self) -> (u32, u32) {
        SIZE
    }
    /// Draws on any plotters backend.
    fn draw<DB: DrawingBackend>(
        &self,
        root: &DrawingArea<DB, plotters::coord::Shift>,
    ) -> Result<()>;
}

/// A chart of a run, with what it is drawn from.
struct RunChart<'a> {
    chart: Chart,
    ctx: &'a Context<'a>,
}

impl<'a> RunChart<'a> {
    /// Every chart of a plain run.
    fn all(ctx: &'a Context<'a>) -> Vec<RunChart<'a>> {
        Chart::all(ctx.results)
            .into_iter()
            .map(|chart| RunChart { chart, ctx })
            .collect()
    }
}

impl Drawing for RunChart<'_> {
    fn stem(&self) -> Stem<'_> {
        self.chart.stem(self.ctx.results)
    }

    fn size(&self) -> (u32, u32) {
        match self.chart {
            Chart::Tornado(_) => TORNADO_SIZE,
            _ => SIZE,
        }
    }

    fn draw<DB: DrawingBackend>(
        &self,
        root: &DrawingArea<DB, plotters::coord::Shift>,
    ) -> Result<()> {
        self.chart.draw(root, self.ctx)
    }
}

/// A drawing as SVG text.
fn svg_of<D: Drawing>(drawing: &D) -> Result<String> {
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, drawing.size()).into_drawing_area();
        drawing.draw(&root)?;
        root.present().map_err(chart_error)?;
    }
    Ok(svg)
}

/// Renders a chart's SVG as PNG, with the shipped font as its only font.
fn png_of(svg: &str) -> Result<Vec<u8>> {
    static OPTIONS: LazyLock<usvg::Options> = LazyLock::new(|| {
        let mut options = usvg::Options::default();
        let fonts = options.fontdb_mut();
        fonts.load_font_data(FONT_FILE.to_vec());
        fonts.set_sans_serif_family("DejaVu Sans");
        options
    });
    let tree = usvg::Tree::from_str(svg, &OPTIONS)?;
    let size = tree.size().to_int_size();
    let (width, height) = (size.width(), size.height());
    let mut pixmap = tiny_skia::Pixmap::new(width, height).expect("a chart has a size");
    resvg::render(&tree, tiny_skia::Transform::default(), &mut pixmap.as_mut());
    // Charts are drawn on a white background, so every pixel is opaque: RGB is enough.
    let rgb: Vec<u8> = (pixmap.pixels().iter())
        .flat_map(|p| [p.red(), p.green(), p.blue()])
        .collect();
    let mut png = Vec::new();
    let mut encoder = png::Encoder::new(&mut png, width, height);
    encoder.set_color(png::ColorType::Rgb);
    encoder.set_compression(png::Compression::Fast);
    encoder.write_header()?.write_image_data(&rgb)?;
    Ok(png)
}

/// One chart of `results` as SVG text, drawn in memory: `name` is its file name in a run's
/// `charts/` folder without the extension, e.g. `depletion` or `fund-budget`; `None` when the
/// results have no chart of that name.
pub fn svg(results: &Results, lang: Lang, name: &str) -> Result<Option<String>> {
    let charts = Chart::all(results);
    let stems = file_stems(&charts.iter().map(|c| c.stem(results)).collect::<Vec<_>>());
    let Some((chart, _)) = charts.into_iter().zip(stems).find(|(_, stem)| stem == name) else {
        return Ok(None);
    };
    let ctx = Context::of_run(results, lang);
    register_font()?;
    Ok(Some(svg_of(&RunChart { chart, ctx: &ctx })?))
}

/// The exceedance charts of `results` as `(name, SVG)`, drawn in memory from the distributions
/// a run keeps; none for results read back from files.
pub fn exceedance_svgs(results: &Results, lang: Lang) -> Result<Vec<(String, String)>> {
    register_font()?;
    exceedance::svgs(&Context::of_run(results, lang))
}

/// A chart of a run as [`svg`] names it.
#[derive(Debug, Clone, PartialEq)]
pub struct ChartName {
    /// What it shows: `fund`, `depletion`, `burden-by-design`, ….
    pub kind: &'static str,
    /// The design it is about, by position; `None` for a chart of all designs.
    pub design: Option<usize>,
    /// The name [`svg`] takes.
    pub name: String,
}

/// Every chart of `results`, named as [`svg`] takes them.
pub fn names(results: &Results) -> Vec<ChartName> {
    let charts = Chart::all(results);
    let stems: Vec<Stem> = charts.iter().map(|c| c.stem(results)).collect();
    (charts.iter().zip(&stems).zip(file_stems(&stems)))
        .map(|((chart, stem), name)| ChartName {
            kind: stem.kind,
            design: match *chart {
                Chart::Fund(d)
                | Chart::Burden(d)
                | Chart::BurdenShare(d)
                | Chart::Flows(d)
                | Chart::Result(d)
                | Chart::Tornado(d) => Some(d),
                Chart::Depletion | Chart::Designs | Chart::BurdenByDesign | Chart::Tipped => None,
            },
            name,
        })
        .collect()
}

/// Every chart of `results` as `(file name, bytes)`, SVG and PNG, drawn in parallel.
pub fn render_all(results: &Results, lang: Lang) -> Result<Vec<(String, Vec<u8>)>> {
    let ctx = Context::of_run(results, lang);
    render(&RunChart::all(&ctx))
}

/// Every chart of `results` as SVG text, one after another: what [`render_all`] draws, without
/// the PNGs (the fuzz target's way to draw many inputs quickly).
pub fn render_svgs(results: &Results, lang: Lang) -> Result<Vec<String>> {
    register_font()?;
    let ctx = Context::of_run(results, lang);
    RunChart::all(&ctx).iter().map(svg_of).collect()
}

/// The tornado chart of each design of a sensitivity analysis; `base` is the unchanged run.
pub(crate) fn render_tornados(
    base: &Results,
    rows: &[SensitivityRow],
    lang: Lang,
) -> Result<Vec<(String, Vec<u8>)>> {
    let ctx = Context {
        results: base,
        lang,
        sensitivity: rows,
    };
    let charts: Vec<RunChart> = (0..base.summary.designs.len())
        .map(|d| RunChart {
            chart: Chart::Tornado(d),
            ctx: &ctx,
        })
        .collect();
    render(&charts)
}

/// Drawings as `(file name, bytes)`, SVG and PNG each, drawn in parallel; no two share a name.
fn render<D: Drawing>(drawings: &[D]) -> Result<Vec<(String, Vec<u8>)>> {
    register_font()?;
    let stems = file_stems(&drawings.iter().map(Drawing::stem).collect::<Vec<_>>());
    let rendered: Result<Vec<_>> = (drawings.par_iter().zip(stems))
        .map(|(drawing, stem)| {
            let drawn = svg_of(drawing).and_then(|svg| Ok((png_of(&svg)?, svg)));
            let (png, svg) = drawn.map_err(|e| anyhow!("could not draw chart {stem}: {e:#}"))?;
            Ok([
                (format!("{stem}.svg"), svg.into_bytes()),
                (format!("{stem}.png"), png),
            ])
        })
        .collect();
    Ok(rendered?.into_iter().flatten().collect())
}

fn register_font() -> Result<()> {
    static REGISTER: Once = Once::new();
    let mut result = Ok(());
    REGISTER.call_once(|| {
        result = plotters::style::register_font(FONT, FontStyle::Normal, FONT_FILE)
            .map_err(|_| anyhow!("the shipped font could not be read"));
    });
    result
}

/// Plotters' errors carry the backend's error type; keep their text.
fn chart_error<E: std::fmt::Debug>(error: E) -> anyhow::Error {
    anyhow!("{error:?}")
}
