//! The `sifsim` command line: parses arguments, calls the library, reports errors.

mod progress;

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::builder::{PossibleValuesParser, TypedValueParser};
use clap::{Args, Parser, Subcommand};
use progress::{Progress, watched};
use sifsim::export::table::{self, Width};
use sifsim::export::{Lang, SWEEP_CSV, compare};
use sifsim::jobs::tuned;
use sifsim::jobs::{
    self, BreakEvenRequest, ExplainRequest, Figure, Lever, Options, Pick, Requirement, RunRequest,
    SensitivityRequest, Setting, SweepRequest, TuneRequest,
};
use sifsim::{Error, Simulator};

/// Monte Carlo simulator of Swedish municipal social investment funds.
#[derive(Parser)]
#[command(version, about)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Simulate a scenario; write summary.json, fund.csv, units.csv and charts; print a summary.
    Run(RunArgs),
    /// Simulate a scenario like `run` and write report.html, one page comparing the designs.
    Report {
        #[command(flatten)]
        run: RunArgs,
        /// Include a sweep in the report: PATH=VALUES, as for `sweep`.
        #[arg(long = "set", value_name = "PATH=VALUES")]
        settings: Vec<Setting>,
    },
    /// Re-draw the charts of a finished run from its files, without simulating again.
    Chart {
        /// The output folder of a run (holding summary.json, fund.csv and units.csv).
        output_dir: PathBuf,
        /// Language of the charts.
        #[arg(long, value_parser = lang(), default_value = "sv")]
        lang: Lang,
    },
    /// Run a scenario once per setting of one or more fields, on the same random futures;
    /// write sweep.csv and its charts.
    Sweep {
        #[command(flatten)]
        common: Common,
        /// PATH=VALUES, e.g. design.repayment.horizon_years=3..10,
        /// design[Örebro].repayment.floor_share=0,0.3 or project_type.success_probability=0.3..0.8:0.1.
        /// Two or more give a grid.
        #[arg(long = "set", value_name = "PATH=VALUES", required = true)]
        settings: Vec<Setting>,
        /// Keep only this design.
        #[arg(long)]
        design: Option<String>,
    },
    /// Set each uncertain input low and high in turn, on the same futures; write
    /// sensitivity.csv and a tornado chart per design.
    Sensitivity {
        #[command(flatten)]
        common: Common,
        /// Keep only this design.
        #[arg(long)]
        design: Option<String>,
    },
    /// How well the projects must do for each design to break even: the multiplier on every
    /// success probability (or every effect) at which a lifetime net figure's mean is 0.
    Breakeven(BreakEvenArgs),
    /// The rule that meets the council's limits: every setting of one or two fields for one
    /// design on the same futures; the best that meets every requirement; writes tune.csv.
    Tune(TuneArgs),
    /// Tell one future of one design year by year: deposits, applications and what became of
    /// them, who repaid what, when the money ran out. Writes nothing.
    Explain(ExplainArgs),
    /// Check a scenario file and print what it holds, without running it.
    Validate {
        /// The scenario file (TOML).
        scenario: PathBuf,
        /// Language of the description.
        #[arg(long, value_parser = lang(), default_value = "sv")]
        lang: Lang,
    },
    /// Serve a local web page where moving a fund's rule redraws its futures at once.
    #[cfg(feature = "serve")]
    Serve {
        /// The scenario file (TOML) [default: the bundled funds].
        scenario: Option<PathBuf>,
        /// Port to listen on; 0 lets the system choose.
        #[arg(long, default_value_t = 8080)]
        port: u16,
        /// Address to listen on; anything but a loopback address lets other machines reach it.
        #[arg(long, default_value = "127.0.0.1")]
        host: std::net::IpAddr,
        /// A name other machines reach this one by (repeatable): requests naming any other
        /// host than the address and this machine's loopback names are refused.
        #[arg(long = "allow-host", value_name = "NAME")]
        allow_hosts: Vec<String>,
    },
}

/// What every simulating command takes.
#[derive(Args)]
struct Common {
    /// The scenario file (TOML).
    scenario: PathBuf,
    #[command(flatten)]
    futures: Futures,
    /// Output folder [default: output/<scenario-name>, with -sweep or -sensitivity for those].
    #[arg(long)]
    out: Option<PathBuf>,
    /// Language of the tables, charts, workbook and report.
    #[arg(long, value_parser = lang(), default_value = "sv")]
    lang: Lang,
    /// Also write an Excel workbook (a sheet per table, headers in the language chosen).
    #[arg(long)]
    xlsx: bool,
    /// No progress bar.
    #[arg(long, short)]
    quiet: bool,
    /// Print each table whole, however wide (by default a table wider than the terminal, or
    /// than 100 columns off a terminal, is printed in blocks of columns that fit).
    #[arg(long)]
    wide: bool,
}

/// How wide the printed tables may be: `--wide`, the terminal's width, or 100 columns.
fn width(wide: bool) -> Width {
    let terminal = console::Term::stdout().size_checked();
    match (wide, terminal) {
        (true, _) => Width::FULL,
        (false, Some((_, columns))) => Width(columns.into()),
        (false, None) => Width::DEFAULT,
    }
}

/// Which futures are simulated, and on how many threads.
#[derive(Args)]
struct Futures {
    /// Number of paths (random futures), instead of the scenario's.
    #[arg(long, value_parser = clap::value_parser!(u64).range(1..=u32::MAX as u64))]
    paths: Option<u64>,
    /// Seed, instead of the scenario's; the same for every variant of a sweep or sensitivity run.
    #[arg(long, value_parser = clap::value_parser!(u64).range(0..=i64::MAX as u64))]
    seed: Option<u64>,
    /// Worker threads [default: one per core]; results do not depend on it.
    #[arg(long, value_parser = clap::value_parser!(u16).range(1..))]
    threads: Option<u16>,
}

impl Futures {
    /// A simulator on the threads asked for, reporting to `progress`.
    fn simulator<'p>(&self, progress: &'p Progress) -> Result<Simulator<'p>, Error> {
        Ok(Simulator::new(self.threads.map(usize::from), progress)?)
    }

    /// The options of a job on `scenario` with these futures, the rest as by default.
    fn options(&self, scenario: PathBuf) -> Options {
        Options {
            scenario,
            paths: self.paths,
            seed: self.seed,
            ..Options::default()
        }
    }
}

/// The arguments of `explain`; without a choice of future it tells path 0.
#[derive(Args)]
struct ExplainArgs {
    /// The scenario file (TOML).
    scenario: PathBuf,
    /// The design whose future is told.
    #[arg(long)]
    design: String,
    /// The future of this number, counted from 0 as in `run` with the same paths and seed
    /// [default: 0].
    #[arg(long, conflicts_with_all = ["ran_dry", "worst_burden"])]
    path: Option<u64>,
    /// A typical future where the fund ran dry: the first at the median year of the first
    /// turn-down for lack of money.
    #[arg(long, conflicts_with = "worst_burden")]
    ran_dry: bool,
    /// The future at the 95th percentile of this unit's (its id's) total burden.
    #[arg(long, value_name = "UNIT")]
    worst_burden: Option<String>,
    #[command(flatten)]
    futures: Futures,
    /// Language of the story.
    #[arg(long, value_parser = lang(), default_value = "sv")]
    lang: Lang,
    /// Print each line whole, however long (by default lines are wrapped to the terminal, or
    /// to 100 columns off a terminal).
    #[arg(long)]
    wide: bool,
}

/// The arguments of `breakeven`.
#[derive(Args)]
struct BreakEvenArgs {
    /// The scenario file (TOML).
    scenario: PathBuf,
    /// Only this design [default: every design].
    #[arg(long)]
    design: Option<String>,
    /// The figure brought to 0.
    #[arg(long, value_parser = breakeven_figure(), default_value = "budget_effect_lifetime")]
    figure: Figure,
    /// What is multiplied: every success probability, or every drawn effect.
    #[arg(long, value_parser = lever(), default_value = "success")]
    on: Lever,
    #[command(flatten)]
    futures: Futures,
    #[command(flatten)]
    answer: Answer,
}

/// The arguments of `tune`.
#[derive(Args)]
struct TuneArgs {
    /// The scenario file (TOML).
    scenario: PathBuf,
    /// The design tuned.
    #[arg(long)]
    design: String,
    /// PATH=VALUES, as for `sweep --set`: one or two.
    #[arg(long = "vary", value_name = "PATH=VALUES", required = true)]
    vary: Vec<Setting>,
    /// FIGURE<=X or FIGURE>=X: a key of a design in summary.json (with .p50 or .mean for a
    /// distribution) or max_unit_p_tipped. Repeatable.
    #[arg(long = "require", value_name = "REQUIREMENT")]
    require: Vec<Requirement>,
    /// The figure, or a --vary path, to make as large as possible.
    #[arg(
        long,
        value_name = "FIGURE",
        conflicts_with = "minimise",
        required_unless_present = "minimise"
    )]
    maximise: Option<String>,
    /// The figure, or a --vary path, to make as small as possible.
    #[arg(long, value_name = "FIGURE")]
    minimise: Option<String>,
    #[command(flatten)]
    futures: Futures,
    /// Output folder [default: output/<scenario-name>-tune-<its settings>].
    #[arg(long)]
    out: Option<PathBuf>,
    #[command(flatten)]
    answer: Answer,
}

/// How `breakeven` and `tune` give their answer.
#[derive(Args)]
struct Answer {
    /// Print the answer as JSON.
    #[arg(long)]
    json: bool,
    /// Language of the sentences.
    #[arg(long, value_parser = lang(), default_value = "sv")]
    lang: Lang,
    /// No progress bar.
    #[arg(long, short)]
    quiet: bool,
}

/// `--figure` of `breakeven`.
fn breakeven_figure() -> impl TypedValueParser<Value = Figure> {
    PossibleValuesParser::new(["budget_effect_lifetime", "net_saving_lifetime"]).map(|figure| {
        match figure.as_str() {
            "net_saving_lifetime" => Figure::NetSavingLifetime,
            _ => Figure::BudgetEffectLifetime,
        }
    })
}

/// `--on` of `breakeven`.
fn lever() -> impl TypedValueParser<Value = Lever> {
    PossibleValuesParser::new(["success", "effect"]).map(|on| match on.as_str() {
        "effect" => Lever::Effect,
        _ => Lever::Success,
    })
}

/// `--lang`: `sv` or `en`.
fn lang() -> impl TypedValueParser<Value = Lang> {
    PossibleValuesParser::new(["sv", "en"]).map(|lang| match lang.as_str() {
        "en" => Lang::En,
        _ => Lang::Sv,
    })
}

impl Common {
    fn options(&self) -> Options {
        Options {
            scenario: self.scenario.clone(),
            paths: self.futures.paths,
            seed: self.futures.seed,
            out: self.out.clone(),
            lang: self.lang,
            xlsx: self.xlsx,
        }
    }
}

/// The arguments of `run` and `report`.
#[derive(Args)]
struct RunArgs {
    #[command(flatten)]
    common: Common,
    /// Print summary.json on stdout instead of the table.
    #[arg(long)]
    json: bool,
    /// Also write report.html (always, for `sifsim report`).
    #[arg(long)]
    report: bool,
    /// Also print the chance of this, per design: e.g. "burden[social]>5", "cash[2030]<20",
    /// "net_saving_lifetime>0" or "Socialförvaltningen betalar mer än 5 mnkr". Repeatable.
    #[arg(long = "threshold", value_name = "QUESTION", conflicts_with = "json")]
    thresholds: Vec<String>,
}

fn main() -> ExitCode {
    progress::handle_interrupts();
    match execute(Cli::parse()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            let mut message = error.to_string();
            let mut source = std::error::Error::source(&error);
            while let Some(cause) = source {
                message += &format!(": {cause}");
                source = cause.source();
            }
            let _ = writeln!(std::io::stderr(), "error: {message}");
            ExitCode::from(error.exit_code())
        }
    }
}

fn execute(cli: Cli) -> Result<(), Error> {
    match cli.command {
        Command::Run(args) => run(args, Vec::new())?,
        Command::Report {
            run: args,
            settings,
        } => run(
            RunArgs {
                report: true,
                ..args
            },
            settings,
        )?,
        Command::Sweep {
            common,
            settings,
            design,
        } => {
            let progress = Progress::new(common.quiet, common.lang);
            let simulator = common.futures.simulator(&progress)?;
            let request = SweepRequest {
                options: common.options(),
                settings,
                design,
            };
            let outcome = jobs::sweep(&simulator, &request)?;
            progress.finish();
            let lang = request.options.lang;
            say(&format!(
                "{}{} {}\n",
                table::sweep(&request.settings, &outcome.rows, lang, width(common.wide)),
                lang.table().sweep_written,
                outcome.out.join(SWEEP_CSV).display()
            ));
        }
        Command::Sensitivity { common, design } => {
            let progress = Progress::new(common.quiet, common.lang);
            let simulator = common.futures.simulator(&progress)?;
            let request = SensitivityRequest {
                options: common.options(),
                design,
            };
            let outcome = jobs::sensitivity(&simulator, &request)?;
            progress.finish();
            let lang = request.options.lang;
            say(&format!(
                "{}{} {}\n",
                table::sensitivity(&outcome.rows, lang, width(common.wide)),
                lang.table().sensitivity_written,
                outcome.out.display()
            ));
        }
        Command::Chart { output_dir, lang } => {
            // It writes a staging folder before it first asks the monitor.
            watched();
            let charts = jobs::chart(&output_dir, lang, &Progress::new(true, lang))?;
            say(&format!(
                "{} {}\n",
                lang.table().charts_written,
                charts.display()
            ));
        }
        Command::Explain(args) => explain(args)?,
        Command::Breakeven(args) => breakeven(args)?,
        Command::Tune(args) => tune(args)?,
        Command::Validate { scenario, lang } => {
            let progress = Progress::new(true, lang);
            let simulator = Simulator::new(None, &progress)?;
            say(&jobs::validate(&simulator, &scenario, lang)?);
        }
        #[cfg(feature = "serve")]
        Command::Serve {
            scenario,
            port,
            host,
            allow_hosts,
        } => {
            if !host.is_loopback() {
                let _ = writeln!(
                    std::io::stderr(),
                    "warning: listening on {host}: other machines can reach this page; it has \
                     no login. It answers only requests that name {host} or a name given with \
                     --allow-host"
                );
            }
            watched();
            let options = sifsim::serve::Options {
                scenario,
                host,
                port,
                allow_hosts,
            };
            sifsim::serve::serve(&options, |address| {
                say(&format!("sifsim serve: http://{address} (Ctrl-C stops)\n"));
            })?;
        }
    }
    Ok(())
}

/// `run` and `report`: simulate, write the outputs, print the table or the JSON summary;
/// `report_sweep` is a sweep for the report.
fn run(args: RunArgs, report_sweep: Vec<Setting>) -> Result<(), Error> {
    let progress = Progress::new(args.common.quiet, args.common.lang);
    let simulator = args.common.futures.simulator(&progress)?;
    let request = RunRequest {
        options: args.common.options(),
        report: args.report,
        report_sweep,
        thresholds: args.thresholds,
    };
    let outcome = jobs::run(&simulator, &request)?;
    progress.finish();
    if args.json {
        let json = serde_json::to_string_pretty(&outcome.results.summary)
            .map_err(|e| Error::Machine(e.into()))?;
        say(&format!("{json}\n"));
    } else {
        let lang = request.options.lang;
        let width = width(args.common.wide);
        let answers = jobs::threshold_answers(&outcome.results, &outcome.questions, lang);
        say(&format!(
            "{}{}{} {}\n",
            table::render(&outcome.results.summary, lang, width),
            table::fit(&answers, width),
            lang.table().results_written,
            outcome.out.display()
        ));
    }
    Ok(())
}

/// `explain`: tells the future asked for, or says that there is none of its kind.
fn explain(args: ExplainArgs) -> Result<(), Error> {
    let progress = Progress::new(true, args.lang);
    let simulator = args.futures.simulator(&progress)?;
    let pick = match (args.path, args.worst_burden) {
        (_, Some(unit)) => Pick::WorstBurden(unit),
        _ if args.ran_dry => Pick::RanDry,
        (path, None) => Pick::Path(path.unwrap_or(0)),
    };
    let request = ExplainRequest {
        options: args.futures.options(args.scenario),
        design: args.design,
        pick,
    };
    let story = jobs::explain(&simulator, &request)?.text(args.lang);
    say(&table::fit(&story, width(args.wide)));
    Ok(())
}

/// `breakeven`: each design's break-even, in sentences or as JSON.
fn breakeven(args: BreakEvenArgs) -> Result<(), Error> {
    let progress = Progress::new(args.answer.quiet, args.answer.lang);
    let simulator = args.futures.simulator(&progress)?;
    let request = BreakEvenRequest {
        options: args.futures.options(args.scenario),
        design: args.design,
        figure: args.figure,
        on: args.on,
    };
    let found = jobs::breakeven(&simulator, &request)?;
    progress.finish();
    if args.answer.json {
        let json = serde_json::json!({ "designs": found });
        say(&format!("{json:#}\n"));
    } else {
        for design in &found {
            say(&format!(
                "{}\n",
                compare::breakeven_sentence(design, args.answer.lang)
            ));
        }
    }
    Ok(())
}

/// `tune`: the best setting that meets every requirement, its frontier and `tune.csv`.
fn tune(args: TuneArgs) -> Result<(), Error> {
    let progress = Progress::new(args.answer.quiet, args.answer.lang);
    let simulator = args.futures.simulator(&progress)?;
    let (objective, maximise) = match (args.maximise, args.minimise) {
        (Some(figure), _) => (figure, true),
        (None, figure) => (figure.unwrap_or_default(), false),
    };
    let request = TuneRequest {
        options: Options {
            out: args.out,
            lang: args.answer.lang,
            ..args.futures.options(args.scenario)
        },
        design: args.design,
        vary: args.vary,
        require: args.require,
        objective,
        maximise,
    };
    let outcome = jobs::tune(&simulator, &request)?;
    progress.finish();
    if args.answer.json {
        say(&format!("{:#}\n", tuned::json(&request, &outcome)));
    } else {
        say(&tuned::text(&request, &outcome, args.answer.lang));
    }
    Ok(())
}

/// Prints `text` on stdout. A reader that stops reading (`| head`) is not an error: the files
/// are written, so the output simply ends.
fn say(text: &str) {
    let _ = std::io::stdout().lock().write_all(text.as_bytes());
}
