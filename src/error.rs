//! The crate-wide [`Error`] that the jobs, the command line and the server return: what a user
//! can cause (exit code 2), an interrupt (130), and what the machine could not do (1).
//!
//! Each layer below returns its own error, defined beside the code that refuses: the scenario
//! file's, a source's, the simulator's, a story's, export's. [`Error`] takes each apart into
//! its kinds, so a kind has one variant and one exit code whichever layer it came through.

use std::path::{Path, PathBuf};

#[cfg(feature = "charts")]
use crate::breakeven::BreakEvenError;
use crate::edit::EditError;
use crate::export::folder::OutputError;
use crate::export::{ExportError, ResultsError};
use crate::results::Unreportable;
use crate::scenario::ScenarioError;
use crate::simulate::Interrupted;
use crate::simulator::{SimulatorError, TooLarge};
use crate::source::{SourceError, UnknownDesign};
#[cfg(feature = "charts")]
use crate::story::{PickError, StoryError};
#[cfg(feature = "charts")]
use crate::sweep::SweepError;
#[cfg(feature = "charts")]
use crate::threshold::ThresholdError;
#[cfg(feature = "charts")]
use crate::tune::TuneError;

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
    #[cfg(feature = "charts")]
    #[error(transparent)]
    Pick(#[from] PickError),
    /// A `--set` is not valid, or its grid is too large.
    #[cfg(feature = "charts")]
    #[error(transparent)]
    Sweep(#[from] SweepError),
    /// A `--vary`, `--require` or objective of `tune` is not valid.
    #[cfg(feature = "charts")]
    #[error(transparent)]
    Tune(#[from] TuneError),
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
    #[cfg(feature = "charts")]
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
            | Error::Edit(_)
            | Error::TooLarge(_)
            | Error::Unreportable(_)
            | Error::Output(_)
            | Error::Results(_) => 2,
            #[cfg(feature = "charts")]
            Error::Pick(_) | Error::Sweep(_) | Error::Tune(_) | Error::Threshold(_) => 2,
        }
    }

    /// `error` as an [`Error`], a refusal of size as one of the scenario file at `path`.
    pub fn in_file(error: impl Into<Error>, path: &Path) -> Error {
        match error.into() {
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

// The layers' own errors, taken apart into their kinds.

impl From<SourceError> for Error {
    fn from(error: SourceError) -> Error {
        match error {
            SourceError::Scenario(e) => e.into(),
            SourceError::Edit(e) => e.into(),
            SourceError::UnknownDesign(e) => e.into(),
            e @ SourceError::Text(_) => Error::Machine(e.into()),
        }
    }
}

impl From<SimulatorError> for Error {
    fn from(error: SimulatorError) -> Error {
        match error {
            SimulatorError::TooLarge(e) => e.into(),
            SimulatorError::Unreportable(e) => e.into(),
            SimulatorError::Interrupted(e) => e.into(),
            SimulatorError::Machine(e) => e.into(),
        }
    }
}

#[cfg(feature = "charts")]
impl From<BreakEvenError> for Error {
    fn from(error: BreakEvenError) -> Error {
        match error {
            BreakEvenError::Source(e) => e.into(),
            BreakEvenError::Simulator(e) => e.into(),
        }
    }
}

#[cfg(feature = "charts")]
impl From<StoryError> for Error {
    fn from(error: StoryError) -> Error {
        match error {
            StoryError::UnknownDesign(e) => e.into(),
            StoryError::Pick(e) => e.into(),
            StoryError::TooLarge(e) => e.into(),
            StoryError::Interrupted(e) => e.into(),
        }
    }
}

impl From<ExportError> for Error {
    fn from(error: ExportError) -> Error {
        match error {
            ExportError::Output(e) => e.into(),
            ExportError::Results(e) => e.into(),
            ExportError::Interrupted(e) => e.into(),
            ExportError::Machine(e) => e.into(),
        }
    }
}
