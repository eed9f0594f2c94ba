//! Errors a user can cause, each mapped to an exit code.

use std::path::PathBuf;

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
