//! sifsim simulates a Swedish municipality's social investment fund (social investeringsfond)
//! over many random futures, under the budget, repayment (återföring) and dual designs.
//!
//! The public face is small: a [`Scenario`] read and validated from a file, a [`Simulator`]
//! that turns it into [`Results`] in memory, [`export`] for every output file and chart,
//! [`jobs`] for the command line's runs (`run`, `report`, `sweep`, `sensitivity`, `breakeven`,
//! `tune`, `chart`, `explain`, `validate`), each a thin layer that decides where it writes, and `serve`
//! (the default `serve` feature) for the live page. Every failure is one [`Error`] with its
//! exit code.
//!
//! Inside, the data flows one way, one module a step: `scenario` (the file → a validated
//! scenario) → `world` (one random future per path, from that path's own generators) →
//! `ledger` (each design applied to that same world, deterministically) → `aggregate`
//! (streaming, exactly mergeable sums and histograms) → `simulate` (the paths in parallel) →
//! [`results`]. Around it: `source` and `edit` (a file's variants, typed edits validated like
//! the file), `sweep`, `sensitivity`, `breakeven` and `tune` (many variants on the same
//! futures), `exceedance` and `threshold` (the chance that a figure passes a value), `story`
//! (one future told year by year) and `labels` (every word, Swedish and English). Tests,
//! benches and examples reach them through `internals` (the `internals` feature), which
//! promises no stability. `docs/architecture.md` draws the whole.
//!
//! ```
//! use sifsim::export::charts;
//! use sifsim::{Lang, Scenario, Simulator, Unmonitored};
//!
//! let text = r#"
//!     [simulation]
//!     name = "Exempel"
//!     start_year = 2025
//!     years = 5
//!     paths = 100
//!     seed = 1
//!     [municipality]
//!     name = "Exempel kommun"
//!     total_budget = 1000
//!     annual_result = { mean = 20, sd = 10 }
//!     [[unit]]
//!     id = "social"
//!     name = "Socialförvaltningen"
//!     frame = 300
//!     [[design]]
//!     name = "Budget"
//!     model = "budget"
//!     fund.initial = 10
//! "#;
//! let scenario = Scenario::from_bytes("exempel.toml".as_ref(), text.as_bytes()).unwrap();
//! let results = Simulator::new(None, &Unmonitored)
//!     .unwrap()
//!     .simulate(&scenario)
//!     .unwrap();
//! assert_eq!(results.summary.paths, 100);
//! let svg = charts::svg(&results, Lang::En, "depletion").unwrap().unwrap();
//! assert!(svg.starts_with("<svg"));
//! ```

// The public face: what a library caller and the binary use.
pub mod export;
#[cfg(feature = "charts")]
pub mod jobs;
pub mod results;
pub mod scenario;
#[cfg(feature = "serve")]
pub mod serve;

pub use edit::{Edit, FieldPath};
pub use error::Error;
pub use labels::Lang;
pub use results::Results;
pub use scenario::Scenario;
pub use simulate::{Interrupted, Monitor, Phase, Unmonitored};
pub use simulator::{Simulator, SimulatorError};
pub use source::{Overrides, Source};

// The engine's inside, reached from outside only through `internals`.
mod aggregate;
#[cfg(feature = "charts")]
mod breakeven;
mod edit;
mod error;
mod exceedance;
mod inputs;
// Every word a reader may be shown; without the charts and jobs, fewer are.
#[cfg_attr(not(feature = "charts"), allow(dead_code))]
mod labels;
mod ledger;
#[cfg(feature = "charts")]
mod sensitivity;
mod simulate;
mod simulator;
mod source;
#[cfg(feature = "charts")]
mod story;
#[cfg(feature = "charts")]
mod sweep;
#[cfg(feature = "charts")]
mod threshold;
#[cfg(feature = "charts")]
mod tune;
mod world;

/// The engine's inside, for tests, benches and examples (feature `internals`):
/// no promise of stability.
#[cfg(feature = "internals")]
pub mod internals {
    /// Re-exports every public item of a crate module under the same name.
    macro_rules! inside {
        ($($module:ident),*) => {$(
            pub mod $module {
                pub use crate::$module::*;
            }
        )*};
    }
    inside!(
        aggregate, edit, error, exceedance, labels, ledger, simulate, simulator, source, world
    );
    #[cfg(feature = "charts")]
    inside!(breakeven, sensitivity, story, sweep, threshold, tune);
}
