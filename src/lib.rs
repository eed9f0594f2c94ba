//! sifsim simulates a Swedish municipality's social investment fund (social investeringsfond)
//! over many random futures, under the budget, repayment (återföring) and dual designs.
//!
//! The engine's data flows one way, one module a step:
//!
//! 1. [`scenario`]: the TOML file as written → a validated [`scenario::Scenario`].
//! 2. [`world`]: one random future per path, sampled from that path's own generators.
//! 3. [`ledger`]: each design applied to that same world, deterministically.
//! 4. [`aggregate`]: streaming, exactly mergeable sums and histograms over paths.
//! 5. [`simulate`]: runs the paths in parallel; [`results`] reads the figures off, and
//!    [`exceedance`] the chance that a figure is above or below a value, which [`threshold`]
//!    answers questions about.
//!
//! Around it, the shell that every front end shares:
//!
//! - [`source`] and [`edit`]: a scenario file as read, and its variants: typed edits written
//!   into the file's TOML and validated like the file ([`sweep`]'s `--set`, [`sensitivity`]'s
//!   inputs).
//! - [`simulator`]: the [`Simulator`] holds the thread pool, the limits of memory and time, and
//!   the [`simulate::Monitor`] that hears progress and may cancel; it turns validated scenarios
//!   into [`results::Results`] in memory and touches no file.
//! - [`export`]: every output file, written into an output folder whole or not at all; any chart
//!   as SVG text.
//! - [`breakeven`]: how well the projects must do for a design to break even, searched on the
//!   same futures.
//! - [`story`]: one future of one design told year by year, as text, an HTML fragment or a
//!   serializable [`story::Story`].
//! - [`jobs`]: `run`, `report`, `sweep`, `sensitivity`, `chart` and `explain`, each a thin layer
//!   (source → simulator → export) that decides where it writes in one place.
//! - [`error`]: the one [`Error`] that jobs, `serve` and the binary return, with its exit code;
//!   each module below returns its own error, which converts into it.
//! - `serve` (the default `serve` feature): the live page, a local web server whose controls
//!   make variants and redraw the figures at once.
//!
//! The `sifsim` binary (the default `cli` feature) parses arguments, draws the progress bar and
//! exits with the error's code; without the feature the library has no command-line
//! dependencies. `docs/architecture.md` draws the whole.
//!
//! ```
//! use sifsim::Simulator;
//! use sifsim::export::{Lang, charts};
//! use sifsim::scenario::Scenario;
//! use sifsim::simulate::Unmonitored;
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

pub mod aggregate;
pub mod breakeven;
pub mod edit;
pub mod error;
pub mod exceedance;
pub mod export;
pub mod jobs;
pub mod labels;
pub mod ledger;
pub mod results;
pub mod scenario;
pub mod sensitivity;
#[cfg(feature = "serve")]
pub mod serve;
pub mod simulate;
pub mod simulator;
pub mod source;
pub mod story;
pub mod sweep;
pub mod threshold;
pub mod tune;
pub mod world;

pub use error::Error;
pub use simulator::Simulator;
