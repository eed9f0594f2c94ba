//! The jobs the command line runs, each a thin layer over the
//! [`Simulator`](crate::simulator::Simulator) and [`export`]:
//! read the scenario, make its variants, simulate them, write one output folder. Where a job
//! writes and what it records of itself are decided here, once for all jobs.

mod breakeven;
mod explain;
mod run;
mod sensitivity;
mod sweep;
mod tune;
pub mod tuned;
mod validate;

use std::path::{Path, PathBuf};

pub use breakeven::{BreakEvenRequest, breakeven};
pub use explain::{ExplainRequest, explain};
pub use run::{RunOutcome, RunRequest, run, typical_dry_future};
pub use sensitivity::{SensitivityOutcome, SensitivityRequest, sensitivity};
pub use sweep::{SweepOutcome, SweepRequest, sweep};
pub use tune::{TuneOutcome, TuneRequest, tune};
pub use validate::{VALIDATE_PATHS, validate};

// What a front end asks the jobs for, and the answers it prints.
pub use crate::breakeven::{Figure, Lever};
pub use crate::story::Pick;
pub use crate::sweep::Setting;
pub use crate::threshold::render as threshold_answers;
pub use crate::tune::Requirement;

use crate::error::Error;
use crate::export::names::{slug, unique_slug};
use crate::export::{self, Lang, Provenance, folder};
use crate::simulate::Monitor;
use crate::source::{Overrides, Source};

/// What every simulating job takes; `None` keeps the scenario's value.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// The scenario file.
    pub scenario: PathBuf,
    pub paths: Option<u64>,
    pub seed: Option<u64>,
    /// Output folder; `None` is `output/<scenario-name-slug>`, with `-sweep` or `-sensitivity`
    /// for those jobs.
    pub out: Option<PathBuf>,
    /// Language of the charts.
    pub lang: Lang,
    /// Also write an Excel workbook.
    pub xlsx: bool,
}

/// A job, as its output folder and manifest name it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Job {
    Run,
    Report,
    Sweep,
    Sensitivity,
    Tune,
}

impl Job {
    fn name(self) -> &'static str {
        match self {
            Job::Run => "run",
            Job::Report => "report",
            Job::Sweep => "sweep",
            Job::Sensitivity => "sensitivity",
            Job::Tune => "tune",
        }
    }

    /// What the default output folder's name ends with.
    fn suffix(self) -> &'static str {
        match self {
            Job::Run | Job::Report => "",
            Job::Sweep => "-sweep",
            Job::Sensitivity => "-sensitivity",
            Job::Tune => "-tune",
        }
    }
}

impl Options {
    /// The scenario file read and validated, keeping only `design` if given.
    fn source(&self, design: Option<&str>) -> Result<Source, Error> {
        let overrides = Overrides {
            paths: self.paths,
            seed: self.seed,
            design: design.map(String::from),
        };
        Ok(Source::read(&self.scenario, overrides)?)
    }

    /// Where `job` on `source` with `settings` writes: `--out` or the default folder, refused
    /// before anything is simulated if sifsim may not write there.
    fn out(&self, job: Job, source: &Source, settings: &[Setting]) -> Result<PathBuf, Error> {
        let name = &source.scenario().name();
        let out = (self.out.clone()).unwrap_or_else(|| default_out(job, name, settings));
        folder::check_target(&out)?;
        Ok(out)
    }
}

/// `output/<slug of the scenario's name>`, with `-sensitivity` for that job and
/// `-sweep-<its settings>` for a sweep, so that a second sweep keeps the first's folder.
fn default_out(job: Job, scenario: &str, settings: &[Setting]) -> PathBuf {
    let mut name = format!("{}{}", slug(scenario), job.suffix());
    if matches!(job, Job::Sweep | Job::Tune) {
        let settings: Vec<String> = settings.iter().map(Setting::to_string).collect();
        name = format!("{name}-{}", unique_slug(&settings.join(" ")));
    }
    Path::new("output").join(name)
}

/// Where the files of `job` on `source` come from; `settings` are its `--set`s.
fn provenance(job: Job, source: &Source, settings: &[Setting]) -> Provenance {
    let scenario = source.scenario();
    Provenance {
        job: job.name().into(),
        scenario_sha256: source.sha256.clone(),
        seed: scenario.seed(),
        paths: scenario.paths(),
        settings: settings.iter().map(Setting::to_string).collect(),
    }
}

/// `sifsim chart`: re-draws a finished run's charts in `dir` from its files; returns the charts'
/// folder.
pub fn chart(dir: &Path, lang: Lang, monitor: &dyn Monitor) -> Result<PathBuf, Error> {
    export::redraw_charts(dir, lang, monitor)?;
    Ok(dir.join(export::CHARTS))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_folders_are_named_after_the_scenario_and_the_job() {
        let folder = |job| default_out(job, "Örebro kommun", &[]);
        assert_eq!(folder(Job::Run), Path::new("output/orebro-kommun"));
        assert_eq!(folder(Job::Report), folder(Job::Run));
        let setting = |text: &str| text.parse::<Setting>().unwrap();
        let horizon = [setting("design.repayment.horizon_years=3..5")];
        assert_eq!(
            default_out(Job::Sweep, "Örebro kommun", &horizon),
            Path::new("output/orebro-kommun-sweep-design-repayment-horizon-years-3-4-5")
        );
        // Another sweep of the same field keeps the first one's folder.
        let other = [setting("design.repayment.horizon_years=6..8")];
        assert_ne!(
            default_out(Job::Sweep, "Örebro kommun", &other),
            default_out(Job::Sweep, "Örebro kommun", &horizon)
        );
        // A long grid is cut and told apart by a hash.
        let long = [setting("design.repayment.horizon_years=1..40")];
        let folder_name = default_out(Job::Sweep, "Örebro kommun", &long);
        let name = folder_name.file_name().unwrap().to_str().unwrap();
        assert!(
            name.len() < 100 && name.starts_with("orebro-kommun-sweep-"),
            "{name}"
        );
        assert_eq!(
            folder(Job::Sensitivity),
            Path::new("output/orebro-kommun-sensitivity")
        );
    }
}
