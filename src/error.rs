//! Errors: what a user can cause (exit code 2), an interrupt (130), and what the machine could
//! not do (1), gathered in one [`Error`] that every public entry point returns.

use std::path::{Path, PathBuf};

use crate::edit::EditError;
use crate::results::Unreportable;
use crate::scenario::ScenarioError;
use crate::simulate::Interrupted;
use crate::simulator::TooLarge;
use crate::source::UnknownDesign;
use crate::story::PickError;
use crate::sweep::SweepError;
use crate::threshold::ThresholdError;

/// Everything that stops sifsim, each kind with its exit code ([`Error::exit_code`]).
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The scenario file cannot be used.
    #[error(transparent)]
    Scenario(#[from] ScenarioError),
    /// The scenario file asks for more than the limits allow.
    #[error("scenario file '{}' asks for too much", path.display())]
    ScenarioTooLarge { path: PathBuf, source: TooLarge },
    /// `--design` names no design of the scenario.
    #[error(transparent)]
    UnknownDesign(#[from] UnknownDesign),
    /// `--path` or `--worst-burden` names a future the scenario does not have.
    #[error(transparent)]
    Pick(#[from] PickError),
    /// A `--set` is not valid, or its grid is too large.
    #[error(transparent)]
    Sweep(#[from] SweepError),
    /// An edit does not fit the scenario file.
    #[error(transparent)]
    Edit(#[from] EditError),
    /// A scenario given in memory asks for more than the limits allow.
    #[error(transparent)]
    TooLarge(#[from] TooLarge),
    /// The simulation produced a figure that cannot be reported.
    #[error(transparent)]
    Unreportable(#[from] Unreportable),
    /// An output folder sifsim may not write to or read from.
    #[error(transparent)]
    Output(#[from] OutputError),
    /// A run's files read back are not what sifsim writes.
    #[error(transparent)]
    Results(#[from] ResultsError),
    /// A threshold question that could not be understood.
    #[error(transparent)]
    Threshold(#[from] ThresholdError),
    /// The monitor cancelled the work (Ctrl-C on the command line).
    #[error(transparent)]
    Interrupted(#[from] Interrupted),
    /// Reading or writing a file, drawing a chart or starting threads failed.
    #[error(transparent)]
    Machine(Box<dyn std::error::Error + Send + Sync>),
}

impl Error {
    /// 2 for input the user can correct, 130 for an interrupt, 1 for a failure of the machine.
    pub fn exit_code(&self) -> u8 {
        match self {
            Error::Interrupted(_) => 130,
            Error::Machine(_) => 1,
            Error::Scenario(_)
            | Error::ScenarioTooLarge { .. }
            | Error::UnknownDesign(_)
            | Error::Pick(_)
            | Error::Sweep(_)
            | Error::Edit(_)
            | Error::TooLarge(_)
            | Error::Unreportable(_)
            | Error::Output(_)
            | Error::Results(_)
            | Error::Threshold(_) => 2,
        }
    }

    /// A refusal of size as one of the scenario file at `path`; other errors as they are.
    pub fn in_file(self, path: &Path) -> Error {
        match self {
            Error::TooLarge(source) => Error::ScenarioTooLarge {
                path: path.to_owned(),
                source,
            },
            error => error,
        }
    }
}

/// Failures inside the library that no input explains keep their context chain.
impl From<anyhow::Error> for Error {
    fn from(error: anyhow::Error) -> Error {
        Error::Machine(error.into())
    }
}

/// An output folder sifsim may not write to or read from. Exit code 2.
#[derive(Debug, thiserror::Error)]
pub enum OutputError {
    #[error("'{}' cannot be an output folder: it names no folder; choose one with --out, e.g. --out output/mine", .0.display())]
    NoName(PathBuf),
    #[error("'{}' is a file; sifsim writes its results to a folder and never replaces a file; choose another folder with --out", .0.display())]
    NotAFolder(PathBuf),
    #[error("'{}' is a symbolic link; sifsim does not replace links; choose a folder with --out", .0.display())]
    Symlink(PathBuf),
    #[error("'{}' was not written by sifsim (it holds no {}); sifsim neither replaces nor reads a folder it did not write; give a run's output folder, or a new or empty folder to --out", .0.display(), crate::export::folder::MANIFEST)]
    NoManifest(PathBuf),
    #[error("'{}' holds '{}', which sifsim did not write; sifsim only replaces folders that hold nothing else; move it away or choose another folder with --out", dir.display(), entry.display())]
    Foreign { dir: PathBuf, entry: PathBuf },
    #[error("'{}' was changed after sifsim wrote it; sifsim will neither replace nor read an edited folder; move the file away or choose another folder with --out", .0.display())]
    Edited(PathBuf),
    #[error("cannot read '{}'", .0.display())]
    Unreadable(PathBuf, #[source] std::io::Error),
}

/// A finished run's files that `sifsim chart` cannot use. Exit code 2.
#[derive(Debug, thiserror::Error)]
pub enum ResultsError {
    #[error("cannot read {file} in '{}' (is it the output folder of a run?)", dir.display())]
    Read {
        dir: PathBuf,
        file: &'static str,
        source: std::io::Error,
    },
    #[error(
        "{file}{at}: {problem}\nThe folder was not written by this sifsim, or was edited since; \
         run `sifsim run` again to write it anew."
    )]
    Invalid {
        file: &'static str,
        /// Where in the file, e.g. ` line 7, column cash_p95`; empty for the file as a whole.
        at: String,
        /// The value and what is allowed.
        problem: String,
    },
}
