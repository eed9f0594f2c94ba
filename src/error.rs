//! Errors a user can cause, each mapped to an exit code.

use std::path::PathBuf;

use crate::scenario::Problem;

/// A scenario file that cannot be used. Exit code 2.
#[derive(Debug, thiserror::Error)]
pub enum ScenarioError {
    #[error("cannot read scenario file '{}': {source}", path.display())]
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("scenario file '{}' is not UTF-8 text (the first bad byte is at offset {offset})", path.display())]
    NotUtf8 { path: PathBuf, offset: usize },
    #[error("scenario file '{}' is not a valid scenario:\n{message}", path.display())]
    Syntax { path: PathBuf, message: String },
    #[error("scenario file '{}' has {} problem(s):\n{}", path.display(), problems.len(), list(problems))]
    Invalid {
        path: PathBuf,
        problems: Vec<Problem>,
    },
}

fn list(problems: &[Problem]) -> String {
    problems.iter().map(|p| format!("  - {p}\n")).collect()
}
