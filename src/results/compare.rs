//! Designs head to head on the same futures: for every pair, in how many futures one frees more
//! budget room than the other, and in how many only one of them runs dry or tips a nämnd into
//! deficit.

use serde::{Deserialize, Serialize};

use super::Spread;
use crate::aggregate::{Accumulator, PairStat};
use crate::scenario::Scenario;

/// Two designs, `a` before `b` in the file, compared path by path.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Comparison {
    pub a: String,
    pub b: String,
    /// Share of paths where `a`'s lifetime budget effect is larger by more than 0.0005 mnkr.
    pub p_a_better_budget_effect: f64,
    pub p_b_better_budget_effect: f64,
    /// `a`'s lifetime budget effect minus `b`'s, path by path, mnkr in start-year prices.
    pub budget_effect_difference: Spread,
    /// Share of paths where `a` was depleted in some year and `b` was not.
    pub p_only_a_depleted: f64,
    pub p_only_b_depleted: f64,
    /// Share of paths where some nämnd was tipped into deficit under `a` and none under `b`.
    pub p_only_a_unit_tipped: f64,
    pub p_only_b_unit_tipped: f64,
}

/// Every pair of the first designs the aggregates compared, in file order.
pub(super) fn comparisons(scenario: &Scenario, aggregates: &Accumulator) -> Vec<Comparison> {
    let layout = aggregates.layout();
    let names = |d: usize| scenario.designs()[d].name.clone();
    let mut pairs = Vec::new();
    for a in 0..layout.compared() {
        for b in a + 1..layout.compared() {
            let slot = |s| layout.pair(a, b, s);
            let mean = |s| aggregates.mean(slot(s));
            pairs.push(Comparison {
                a: names(a),
                b: names(b),
                p_a_better_budget_effect: mean(PairStat::ABetter),
                p_b_better_budget_effect: mean(PairStat::BBetter),
                budget_effect_difference: Spread::read(
                    aggregates,
                    slot(PairStat::BudgetEffectDifference),
                ),
                p_only_a_depleted: mean(PairStat::OnlyADepleted),
                p_only_b_depleted: mean(PairStat::OnlyBDepleted),
                p_only_a_unit_tipped: mean(PairStat::OnlyATipped),
                p_only_b_unit_tipped: mean(PairStat::OnlyBTipped),
            });
        }
    }
    pairs
}
