//! `sifsim breakeven`: per design, how well the projects must do for a lifetime net figure to
//! break even; prints, writes nothing.

use super::Options;
use crate::breakeven::{BreakEven, Figure, Lever, Simulated};
use crate::error::Error;
use crate::simulator::Simulator;

/// What the user asked of a break-even search.
#[derive(Debug, Clone)]
pub struct BreakEvenRequest {
    pub options: Options,
    /// Keep only this design (its futures are those of a run of the whole file).
    pub design: Option<String>,
    pub figure: Figure,
    pub on: Lever,
}

/// Each design's break-even, on common random numbers.
pub fn breakeven(
    simulator: &Simulator,
    request: &BreakEvenRequest,
) -> Result<Vec<BreakEven>, Error> {
    let source = (request.options).source(request.design.as_deref())?;
    let mut evaluate = Simulated {
        source: &source,
        base: Vec::new(),
        simulator,
        figure: request.figure,
        lever: request.on,
    };
    Ok(evaluate.search()?)
}
