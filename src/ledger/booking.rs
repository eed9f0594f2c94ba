//! What an approved project books: its payouts, savings, costs and instalments over its whole
//! life, in the simulated years and after them, as changes (see `UnitBooks`).

use std::ops::Range;

use super::books::book;
use super::{Ledger, Observer, Paid, PotKind};
use crate::scenario::{Basis, Bearer, FloorScope, ProjectSpec, Repayment, Scenario};
use crate::world::Application;

impl Ledger {
    /// Books an approved project's whole future: its payouts, savings, costs and instalments,
    /// in the simulated years and after them.
    pub(super) fn book(
        &mut self,
        scenario: &Scenario,
        app: &Application,
        s: usize,
        pot: PotKind,
        repayment: Option<&Repayment>,
        observer: &mut impl Observer,
    ) {
        let spec = app.spec(scenario);
        self.extend_to(scenario, s + project_years(spec, app, repayment));
        let (window, years) = (self.window, self.years.len());
        // The ledger's years of start..end (empty when end <= start).
        let within = |start: usize, end: usize| {
            let start = start.min(years);
            start..end.clamp(start, years)
        };
        let duration = spec.duration_years as f64;
        let price_factors = &self.price_factors;
        let cost = app.cost * price_factors[s];
        let payout = cost / duration;
        let payout_years = within(s, s.saturating_add(spec.duration_years));
        for y in payout_years.clone() {
            self.years[y].payouts += payout;
            if pot == PotKind::Grant {
                self.grant_payouts[y] += payout;
            }
        }
        let units = &mut self.units;
        let width = units.units;
        let lead = spec.lead;
        let overrun = app.overrun * app.cost / duration;
        book(
            &mut units.overrun,
            width,
            lead,
            payout_years.clone(),
            overrun,
        );

        let effect_start = s
            .saturating_add(spec.effect_lag_years)
            .saturating_add(app.extra_lag);
        let effect = within(effect_start, effect_start.saturating_add(spec.effect_years));
        if app.success {
            let saving = spec.planned_savings_total * app.effect;
            book(&mut self.saving, 1, 0, effect.clone(), saving);
            for &(u, planned) in &spec.planned_savings {
                let room = spec.realization_share * planned * app.effect;
                book(&mut units.room, width, u, effect.clone(), room);
            }
            let after_payouts = within(effect.start.max(payout_years.end), effect.end);
            book(
                &mut units.running_cost,
                width,
                lead,
                after_payouts,
                spec.running_cost,
            );
        }

        let Some(rules) = repayment else { return };
        let plan = rules.plan_share * cost;
        let first = s + spec.effect_lag_years.min(rules.start_within_years);
        let horizon = within(first, first.saturating_add(rules.horizon_years));
        book(
            &mut self.due,
            1,
            0,
            horizon.clone(),
            plan / rules.horizon_years as f64,
        );
        // Years where the saving decides the payment; elsewhere it is the lower bound.
        let saving_years = if rules.basis != Basis::Planned && app.success {
            let start = effect.start.clamp(horizon.start, horizon.end);
            start..effect.end.clamp(start, horizon.end)
        } else {
            horizon.start..horizon.start
        };
        let whole_plan = rules.floor_applies_to == FloorScope::Plan;
        let lead_pays = rules.shortfall_bearer == Bearer::Lead;
        for &(u, planned) in &spec.planned_savings {
            let instalment =
                plan * planned / spec.planned_savings_total / rules.horizon_years as f64;
            observer.instalments(u, horizon.clone(), instalment);
            // What the unit pays at least in a year: the whole instalment on a planned basis,
            // else the floor (nothing, when the floor is on the whole plan).
            let (lower, at_lower) = match (rules.basis, whole_plan) {
                (Basis::Planned, _) => (instalment, Paid::Whole),
                (_, true) => (0.0, Paid::Nothing),
                (_, false) if rules.floor_share > 0.0 => {
                    (rules.floor_share * instalment, Paid::Floor)
                }
                (_, false) => (0.0, Paid::Nothing),
            };
            // The saving the payment follows, a year at start-year prices.
            let saving = match rules.basis {
                Basis::Measured => planned * app.effect,
                _ => spec.realization_share * planned * app.effect,
            };
            // The payment in year `y` and the bound that decided it, if any.
            let settle = |y: usize| {
                let saving = saving * price_factors[y];
                if saving >= instalment {
                    (instalment, Paid::Whole)
                } else if saving > lower {
                    (saving, Paid::Saving)
                } else {
                    (lower, at_lower)
                }
            };
            if whole_plan {
                // Year by year: the unpaid rest of each instalment is owed until the plan's
                // last year, which tops up to the floor and settles the rest as a shortfall.
                let Some(last) = horizon.clone().last() else {
                    continue;
                };
                let mut repaid = 0.0;
                for y in horizon.clone() {
                    let (paid, how) = if saving_years.contains(&y) {
                        settle(y)
                    } else {
                        (lower, at_lower)
                    };
                    repaid += paid;
                    observer.repaid(u, y..y + 1, paid, how);
                    book(&mut units.repaid, width, u, y..y + 1, paid);
                    book(&mut self.owed, 1, 0, y..last, instalment - paid);
                }
                let share_of_plan = instalment * rules.horizon_years as f64;
                let top_up = (rules.floor_share * share_of_plan - repaid).max(0.0);
                if top_up > 0.0 {
                    observer.repaid(u, last..last + 1, top_up, Paid::TopUp);
                }
                book(&mut units.repaid, width, u, last..last + 1, top_up);
                if lead_pays {
                    let rest = share_of_plan - repaid - top_up;
                    book(&mut units.shortfall_paid, width, lead, last..last + 1, rest);
                }
                continue;
            }
            let mut pay = |years: Range<usize>, (paid, how): (f64, Paid)| {
                observer.repaid(u, years.clone(), paid, how);
                book(&mut units.repaid, width, u, years.clone(), paid);
                if lead_pays {
                    book(
                        &mut units.shortfall_paid,
                        width,
                        lead,
                        years,
                        instalment - paid,
                    );
                }
            };
            pay(horizon.start..saving_years.start, (lower, at_lower));
            pay(saving_years.end..horizon.end, (lower, at_lower));
            // With a saving, the saving clamped to lower..=instalment. Prices move one way, so
            // when the ends of a stretch of years pay the same, every year between them does.
            // The simulated years and the continuation are booked apart (so the simulated
            // years' figures do not depend on the continuation).
            let split = saving_years.start.max(window.min(saving_years.end));
            for part in [saving_years.start..split, split..saving_years.end] {
                if part.is_empty() {
                    continue;
                }
                let (first, last) = (part.start, part.end - 1);
                if settle(first) == settle(last) {
                    pay(part, settle(first));
                } else {
                    for y in part {
                        pay(y..y + 1, settle(y));
                    }
                }
            }
        }
    }
}

/// Years from its approval until an approved project's last payout, saving, running cost or
/// instalment (under `repayment`, if it has a plan).
fn project_years(spec: &ProjectSpec, app: &Application, repayment: Option<&Repayment>) -> usize {
    let effect_end = if app.success {
        spec.effect_lag_years + app.extra_lag + spec.effect_years
    } else {
        0
    };
    let plan_end = repayment.map_or(0, |r| {
        spec.effect_lag_years.min(r.start_within_years) + r.horizon_years
    });
    spec.duration_years.max(effect_end).max(plan_end)
}
