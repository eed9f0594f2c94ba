//! `sifsim explain`: one future of one design, told year by year. Writes nothing.

use super::Options;
use crate::error::Error;
use crate::simulator::Simulator;
use crate::story::{self, Pick, Told};

/// What the user asked to be told.
#[derive(Debug, Clone)]
pub struct ExplainRequest {
    /// The scenario, paths and seed (no output folder is written).
    pub options: Options,
    /// The design's name.
    pub design: String,
    pub pick: Pick,
}

/// The story the request picks, or that there is none of the kind it asks for.
pub fn explain(simulator: &Simulator, request: &ExplainRequest) -> Result<Told, Error> {
    // Every design stays in the scenario: their demands shape the world every path draws.
    let source = request.options.source(None)?;
    story::explain(simulator, source.scenario(), &request.design, &request.pick)
        .map_err(|e| Error::in_file(e, &source.path))
}
