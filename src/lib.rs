//! sifsim simulates a Swedish municipality's social investment fund (social investeringsfond)
//! over many random futures, under the budget, repayment (återföring) and dual designs.
//!
//! Data flows one way, one module a step:
//!
//! 1. [`scenario`]: the TOML file as written → a validated [`scenario::Scenario`].
//! 2. [`world`]: one random future per path, sampled from that path's own generators.
//! 3. [`ledger`]: each design applied to that same world, deterministically.
//! 4. [`aggregate`]: streaming, exactly mergeable sums and histograms over paths.
//! 5. [`simulate`]: runs the paths in parallel; [`results`] reads the figures off.
//! 6. [`export`]: `summary.json`, `fund.csv`, `units.csv`, the charts, the report, the workbook
//!    and the table on stdout, written by [`jobs`] into an output folder whole or not at all.
//!
//! [`sweep`] and [`sensitivity`] run variants of a scenario on the same futures.
//!
//! ```
//! use sifsim::scenario::Scenario;
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
//! let aggregates = sifsim::simulate::simulate(&scenario, &sifsim::simulate::Unmonitored).unwrap();
//! assert_eq!(aggregates.paths(), 100);
//! ```

pub mod aggregate;
pub mod edit;
pub mod error;
pub mod export;
pub mod jobs;
pub mod ledger;
pub mod results;
pub mod scenario;
pub mod sensitivity;
pub mod simulate;
pub mod simulator;
pub mod source;
pub mod sweep;
pub mod world;

pub use error::Error;
pub use simulator::Simulator;
