//! What each deposit rule puts in the fund in a year.

use crate::scenario::Deposit;

/// What deposit rules look at in a year.
pub(super) struct DepositYear {
    pub(super) calendar_year: i64,
    pub(super) price_factor: f64,
    /// Last year's result if positive, else 0.
    pub(super) positive_result: f64,
    pub(super) total_budget: f64,
    pub(super) depleted_last_year: bool,
    pub(super) will: f64,
}

impl Deposit {
    /// What this rule deposits in `year` when the fund (its repayment pot) holds `cash`.
    pub(super) fn amount(&self, year: &DepositYear, cash: f64) -> f64 {
        let f = year.price_factor;
        let amount = match *self {
            Deposit::Fixed {
                amount,
                from_year,
                to_year,
            } => {
                let due = (from_year..=to_year).contains(&year.calendar_year);
                if due { amount * f } else { 0.0 }
            }
            Deposit::Once { amount, year: once } => {
                if once == year.calendar_year {
                    amount * f
                } else {
                    0.0
                }
            }
            Deposit::ShareOfPositiveResult {
                share,
                until_balance,
            } => (share * year.positive_result).min(until_balance * f - cash),
            Deposit::TopUp {
                target_budget_share,
                max_share_of_result,
            } => (target_budget_share * year.total_budget * f - cash)
                .max(0.0)
                .min(max_share_of_result * year.positive_result),
            Deposit::Replenish {
                amount,
                probability,
            } => {
                let refill = year.depleted_last_year && year.will < probability;
                if refill { amount * f } else { 0.0 }
            }
        };
        // No rule deposits a negative amount.
        amount.max(0.0)
    }
}
