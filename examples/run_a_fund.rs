//! Runs a bundled fund from Rust through sifsim's public face and prints, per design, the
//! chance that the fund runs dry and the budget room it frees over its lifetime:
//!
//! ```sh
//! cargo run --release --example run_a_fund -- scenarios/orebro.toml
//! ```

use sifsim::{Lang, Scenario, Simulator, Unmonitored};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let file = std::env::args()
        .nth(1)
        .unwrap_or("scenarios/orebro.toml".into());
    let scenario = Scenario::load(file.as_ref())?.with_futures(Some(10_000), None)?;
    let results = Simulator::new(None, &Unmonitored)?.simulate(&scenario)?;
    println!("{} — {} futures", scenario.name(), results.summary.paths);
    for design in &results.summary.designs {
        let freed = &design.budget_effect_lifetime;
        println!(
            "{}: runs dry in {} of futures; frees {} (median; 5–95%: {} to {})",
            design.name,
            Lang::En.percent(design.p_depleted_ever, 1),
            Lang::En.mnkr(freed.p50),
            Lang::En.mnkr(freed.p5),
            Lang::En.mnkr(freed.p95),
        );
    }
    Ok(())
}
