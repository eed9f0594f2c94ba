//! Whole-engine behaviour: streaming percentiles against exact ones, common random numbers.

mod common;

use sifsim::internals::aggregate::{Accumulator, Layout, Total, UnitTotal, YearStat};
use sifsim::internals::ledger::Ledger;
use sifsim::internals::world::{Samplers, World};
use sifsim::scenario::Scenario;

fn compare_scenario(paths: u64) -> Scenario {
    let scenario = Scenario::load("scenarios/compare.toml".as_ref()).unwrap();
    scenario.with_futures(Some(paths), None).unwrap()
}

/// Type-7 quantile of sorted values (linear between order statistics).
fn exact_quantile(sorted: &[f64], q: f64) -> f64 {
    let position = q * (sorted.len() - 1) as f64;
    let below = position.floor() as usize;
    let above = (below + 1).min(sorted.len() - 1);
    sorted[below] + (position - below as f64) * (sorted[above] - sorted[below])
}

#[test]
fn streaming_percentiles_agree_with_exact_ones_within_half_a_percent_of_the_range() {
    let scenario = compare_scenario(20_000);
    let aggregates: Accumulator =
        sifsim::internals::simulate::simulate(&scenario, &sifsim::internals::simulate::Unmonitored)
            .unwrap();
    let layout = Layout::of(&scenario);
    let samplers = Samplers::new(&scenario);
    let mut world = World::default();
    let mut ledger = Ledger::default();
    for (d, design) in scenario.designs().iter().enumerate() {
        // (slot, exact values) for: cash in year 10, final cash, unit 0's total burden.
        let mut cash_year_10 = Vec::new();
        let mut final_cash = Vec::new();
        let mut burden = Vec::new();
        for path in 0..scenario.paths() {
            world.sample(&scenario, &samplers, path);
            ledger.apply(&scenario, design, &world);
            cash_year_10.push(ledger.years()[10].cash);
            final_cash.push(ledger.years().last().unwrap().cash);
            burden.push(
                (0..scenario.years())
                    .map(|t| ledger.unit(t, 0).burden())
                    .sum::<f64>(),
            );
        }
        let cases = [
            (layout.year(d, 10, YearStat::Cash), cash_year_10),
            (layout.total(d, Total::FinalCash), final_cash),
            (layout.unit_total(d, 0, UnitTotal::Burden), burden),
        ];
        for (slot, mut values) in cases {
            values.sort_by(f64::total_cmp);
            let range = values.last().unwrap() - values[0];
            for q in [0.05, 0.25, 0.5, 0.75, 0.95] {
                let exact = exact_quantile(&values, q);
                let streamed = aggregates.quantile(slot, q);
                assert!(
                    (streamed - exact).abs() <= 0.005 * range,
                    "design {d}, q {q}: streamed {streamed}, exact {exact}, range {range}"
                );
            }
            let mean = values.iter().sum::<f64>() / values.len() as f64;
            assert!((aggregates.mean(slot) - mean).abs() < 1e-6 * (1.0 + mean.abs()));
        }
    }
}

/// Two designs with far more money than applications never turn one down, so they fund the
/// same projects with the same outcomes on every path: same payouts, overruns and savings.
#[test]
fn designs_that_never_turn_down_see_identical_project_outcomes() {
    let text = std::fs::read_to_string("scenarios/compare.toml").unwrap();
    let text = (text.replace("fund.initial = 30.0", "fund.initial = 1e6"))
        .replace("require_partner = true", "require_partner = false")
        .replace(
            "grant.share_of_positive_result",
            "grant.fixed = 1e6\ngrant.share_of_positive_result",
        );
    let scenario = Scenario::from_bytes("compare.toml".as_ref(), text.as_bytes()).unwrap();
    let scenario = scenario.with_futures(Some(200), None).unwrap();
    assert!(
        scenario
            .designs()
            .iter()
            .all(|d| d.initial == 1e6 && !d.approval.require_partner)
    );
    let samplers = Samplers::new(&scenario);
    let mut world = World::default();
    for path in 0..scenario.paths() {
        world.sample(&scenario, &samplers, path);
        let ledgers = common::apply_all(&scenario, &world);
        // Budget (0) and dual (3) accept every project; compare them year by year.
        let (budget, dual) = (ledgers[0].years(), ledgers[3].years());
        assert_eq!(budget.len(), dual.len());
        for (a, b) in budget.iter().zip(dual) {
            assert_eq!(a.turned_down + b.turned_down, 0);
            assert_eq!(a.approved, b.approved);
            assert_eq!(a.payouts.to_bits(), b.payouts.to_bits());
            assert_eq!(a.saving.to_bits(), b.saving.to_bits());
            assert_eq!(a.overrun.to_bits(), b.overrun.to_bits());
        }
    }
}

/// The same path sampled twice is the same world, whatever was sampled in between.
#[test]
fn a_paths_world_depends_only_on_seed_and_path() {
    let scenario = compare_scenario(10);
    let samplers = Samplers::new(&scenario);
    let mut first = World::default();
    first.sample(&scenario, &samplers, 7);
    let mut reused = World::default();
    reused.sample(&scenario, &samplers, 3);
    reused.sample(&scenario, &samplers, 7);
    let apps = |w: &World| {
        (0..scenario.years())
            .flat_map(|t| w.applications(t).to_vec())
            .collect::<Vec<_>>()
    };
    assert_eq!(apps(&first), apps(&reused));
    assert!(!apps(&first).is_empty());
}
