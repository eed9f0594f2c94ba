//! The rows of `exceedance.csv`, read off the distributions a run keeps.

use super::{ExceedanceRow, Results};
use crate::exceedance::{Quantity, curve};

impl Results {
    /// The rows of `exceedance.csv`: every design's exceedance curves — the final balance, the
    /// lifetime net saving, and each unit's burden over the simulated years and over the
    /// lifetimes.
    pub fn exceedance_rows(&self) -> Vec<ExceedanceRow> {
        let summary = &self.summary;
        let mut rows = Vec::new();
        for (design, distributions) in summary.designs.iter().zip(&self.distributions.designs) {
            let last = Quantity::Cash {
                t: summary.years - 1,
            };
            let mut figures = vec![
                ("final_cash", "", last),
                ("net_saving_lifetime", "", Quantity::NetSavingLifetime),
                ("budget_effect_lifetime", "", Quantity::BudgetEffectLifetime),
                ("result_tipped", "", Quantity::ResultTipped),
            ];
            for (u, unit) in summary.units.iter().enumerate() {
                figures.push(("burden_total", &unit.id, Quantity::Burden { u }));
            }
            for (u, unit) in summary.units.iter().enumerate() {
                let lifetime = Quantity::BurdenLifetime { u };
                figures.push(("burden_total_lifetime", &unit.id, lifetime));
            }
            for (figure, unit, quantity) in figures {
                rows.extend(curve(distributions.get(quantity)).into_iter().map(
                    |(value_mnkr, p_above)| ExceedanceRow {
                        design: design.name.clone(),
                        figure: figure.into(),
                        unit: unit.into(),
                        value_mnkr,
                        p_above,
                    },
                ));
            }
        }
        rows
    }
}
