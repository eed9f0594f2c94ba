//! Every pair of designs compared on the same path: which frees more budget room, and whether
//! only one of them ran dry or tipped a nämnd into deficit.

use super::Accumulator;
use super::layout::{PairStat, TIE};

/// What a design did on one path, for comparing it with another.
#[derive(Debug, Clone, Copy, Default)]
pub(super) struct DesignPath {
    pub(super) budget_effect: f64,
    pub(super) depleted: bool,
    pub(super) tipped: bool,
}

impl Accumulator {
    /// Every pair of designs compared on this path (MODEL.md 7.1's budget effect, depletion
    /// and deficit years).
    pub(super) fn add_pairs<const PILOT: bool>(&mut self, outcomes: &[DesignPath]) {
        let layout = self.layout;
        for (a, x) in outcomes.iter().enumerate() {
            for (b, y) in outcomes.iter().enumerate().skip(a + 1) {
                let stat = |s| layout.pair(a, b, s);
                let difference = x.budget_effect - y.budget_effect;
                self.add::<PILOT>(stat(PairStat::BudgetEffectDifference), difference);
                self.flag::<PILOT>(stat(PairStat::ABetter), difference > TIE);
                self.flag::<PILOT>(stat(PairStat::BBetter), difference < -TIE);
                self.flag::<PILOT>(stat(PairStat::OnlyADepleted), x.depleted && !y.depleted);
                self.flag::<PILOT>(stat(PairStat::OnlyBDepleted), y.depleted && !x.depleted);
                self.flag::<PILOT>(stat(PairStat::OnlyATipped), x.tipped && !y.tipped);
                self.flag::<PILOT>(stat(PairStat::OnlyBTipped), y.tipped && !x.tipped);
            }
        }
    }
}
