//! A narrow hook into the ledger for telling one future: what each deposit rule put in, what
//! was done with each application, and each plan's instalments. The simulation passes
//! [`Unobserved`], whose empty methods compile to nothing.

use std::ops::Range;

use serde::Serialize;

use crate::world::Application;

/// Where a deposit came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Inflow {
    /// The design's deposit rule of this index (`Design::deposits`).
    Rule(usize),
    /// A dual design's yearly grant pot.
    Grant,
}

/// What a design did with an application.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[serde(tag = "decision", rename_all = "snake_case")]
pub enum Decision {
    /// Approved and committed; `grant`: from a dual design's grant pot; `decided`: a known
    /// project decided before the run (approved without the money test).
    Approved { grant: bool, decided: bool },
    /// Turned down for lack of money; `uncommitted` is what its pot had left to approve.
    TurnedDown { grant: bool, uncommitted: f64 },
    /// Refused by the design's rules.
    Refused { rule: Refusal },
}

/// The rule that refused an application (the first that applies, in this order).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Refusal {
    /// Not repayable, in a repayment design.
    NotRepayable,
    /// No partner, under `approval.require_partner`.
    NoPartner,
    /// Claimed return below `approval.min_expected_return`.
    LowReturn,
}

/// What decided a unit's payment on one plan's instalment in a year.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Paid {
    /// The whole instalment: the plan's basis, or a saving that reached it.
    Whole,
    /// The saving, between the floor and the instalment.
    Saving,
    /// The floor on the instalment: the saving fell short of it or never came.
    Floor,
    /// Nothing: no saving and no floor on the instalment (the floor may be on the whole plan).
    Nothing,
    /// The plan's last year topped up to the floor on the whole plan.
    TopUp,
}

/// Hears what the ledger decides and books, in the order it happens.
pub trait Observer {
    /// `amount` (nominal) was deposited in year `t`.
    fn deposit(&mut self, _t: usize, _from: Inflow, _amount: f64) {}
    /// What was done with `app` in year `t`.
    fn decision(&mut self, _t: usize, _app: &Application, _decision: Decision) {}
    /// The project just approved owes, from unit `unit`, `instalment` (nominal) in each of
    /// `years` (ledger years, possibly beyond the simulated ones).
    fn instalments(&mut self, _unit: usize, _years: Range<usize>, _instalment: f64) {}
    /// Unit `unit` pays `amount` (nominal) on that plan in each of `years`, as `how` decided.
    fn repaid(&mut self, _unit: usize, _years: Range<usize>, _amount: f64, _how: Paid) {}
}

/// Hears nothing.
pub struct Unobserved;

impl Observer for Unobserved {}
