//! The `sifsim` command line: parses arguments, calls the library, reports errors.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Result;
use clap::{Parser, Subcommand};
use sifsim::error::ScenarioError;
use sifsim::export::table;
use sifsim::run::{RunRequest, load, run};

/// Monte Carlo simulator of Swedish municipal social investment funds.
#[derive(Parser)]
#[command(version, about)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Simulate a scenario; write summary.json, fund.csv and units.csv and print a summary.
    Run {
        /// The scenario file (TOML).
        scenario: PathBuf,
        /// Number of paths (random futures), instead of the scenario's.
        #[arg(long, value_parser = clap::value_parser!(u64).range(1..=u32::MAX as u64))]
        paths: Option<u64>,
        /// Seed, instead of the scenario's.
        #[arg(long)]
        seed: Option<u64>,
        /// Worker threads [default: one per core]; results do not depend on it.
        #[arg(long, value_parser = clap::value_parser!(u16).range(1..))]
        threads: Option<u16>,
        /// Output folder [default: output/<scenario-name>].
        #[arg(long)]
        out: Option<PathBuf>,
    },
    /// Check a scenario file and print what it holds, without running it.
    Validate {
        /// The scenario file (TOML).
        scenario: PathBuf,
    },
}

fn main() -> ExitCode {
    match execute(Cli::parse()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("error: {error:#}");
            if error.downcast_ref::<ScenarioError>().is_some() {
                ExitCode::from(2)
            } else {
                ExitCode::FAILURE
            }
        }
    }
}

fn execute(cli: Cli) -> Result<()> {
    match cli.command {
        Command::Run {
            scenario,
            paths,
            seed,
            threads,
            out,
        } => {
            let request = RunRequest {
                scenario,
                paths,
                seed,
                threads: threads.map(usize::from),
                out,
            };
            let outcome = run(&request, &|_| {})?;
            print!("{}", table::render(&outcome.results.summary));
            println!("Results written to {}", outcome.out.display());
        }
        Command::Validate { scenario } => {
            let (scenario, _) = load(&RunRequest {
                scenario,
                ..RunRequest::default()
            })?;
            print!("{}", table::describe(&scenario));
        }
    }
    Ok(())
}
