//! Errors a user can cause, each mapped to an exit code.

use std::path::PathBuf;

use crate::aggregate::MAX_MAGNITUDE;
use crate::scenario::Problem;

/// A scenario file that cannot be used. Exit code 2.
#[derive(Debug, thiserror::Error)]
pub enum ScenarioError {
    #[error("cannot read scenario file '{}'", path.display())]
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("scenario file '{}' is not UTF-8 text (the first bad byte is at offset {offset})", path.display())]
    NotUtf8 { path: PathBuf, offset: usize },
    #[error("scenario file '{}' is empty; see docs/scenario-reference.md for what it holds", path.display())]
    Empty { path: PathBuf },
    #[error("scenario file '{}' is not a valid scenario:\n{message}", path.display())]
    Syntax { path: PathBuf, message: String },
    #[error("scenario file '{}' has {} problem(s):\n{report}", path.display(), problems.len())]
    Invalid {
        path: PathBuf,
        problems: Vec<Problem>,
        /// The problems drawn against the file's lines.
        report: String,
    },
    #[error("scenario file '{}' asks for too much: {message}", path.display())]
    TooLarge { path: PathBuf, message: String },
    /// A figure the run would report is not finite or beyond [`MAX_MAGNITUDE`]; `at` says
    /// which (design, unit, year, quantity).
    #[error(
        "the simulation produced a value that is not finite or beyond ±{MAX_MAGNITUDE} (mnkr, or \
         times the frame for a share) at {at}; no results were written"
    )]
    Unreportable { at: String },
}
