//! One design applied to one world: the fund's accounts and every unit's flows, year by year.
//!
//! Deterministic and free of randomness: the same world gives the same ledger. The order of
//! events in a year follows the model contract — deposits, repayments due, applications,
//! payouts, lapse — and a project's whole future (payouts, savings, instalments) is booked
//! into the year arrays when it is approved, since its outcome is already part of the world.

use crate::scenario::{Basis, Bearer, Deposit, Design, Model, Repayment, Scenario};
use crate::world::{Application, World};

/// The fund's flows and state in one year; amounts are nominal mnkr.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct YearFlows {
    /// Deposits of the year (grant-pot fillings included, `fund.initial` not).
    pub deposits: f64,
    /// Everything the fund received for instalments, the lead units' shortfall payments included.
    pub repaid: f64,
    /// Payouts to approved projects.
    pub payouts: f64,
    /// Instalment shortfalls the fund wrote off.
    pub written_off: f64,
    /// Unspent grant money that lapsed at year end (dual designs without carry-over).
    pub lapsed: f64,
    /// Cash at year end (both pots).
    pub cash: f64,
    /// Cash not committed to approved projects' future payouts, at year end (both pots).
    pub uncommitted: f64,
    /// Approved projects' cost not yet paid out, at year end (payouts after the last simulated
    /// year included).
    pub committed: f64,
    /// Instalments that fell due this year.
    pub instalments_due: f64,
    /// Savings (all units) of the projects this design funded.
    pub saving: f64,
    /// Cost overruns paid by lead units.
    pub overrun: f64,
    /// Running costs paid by lead units.
    pub running_cost: f64,
    pub approved: u32,
    /// Turned down for lack of money, in either pot.
    pub turned_down: u32,
    /// Of `turned_down`, those in a dual design's grant pot.
    pub turned_down_grant: u32,
    /// Refused by the design's rules.
    pub refused: u32,
    /// An application was turned down for lack of money (repayment pot, in a dual design).
    pub depleted: bool,
}

impl YearFlows {
    /// Net saving to the municipality this year: savings minus payouts, overruns and running costs.
    pub fn net_saving(&self) -> f64 {
        self.saving - self.payouts - self.overrun - self.running_cost
    }
}

/// One unit's flows in one year; amounts are nominal mnkr.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct UnitFlows {
    /// Instalments it repaid to the fund.
    pub repaid: f64,
    /// Shortfalls it paid as a lead unit (`shortfall_bearer = "lead"`).
    pub shortfall_paid: f64,
    /// Cost overruns of projects it leads.
    pub overrun: f64,
    /// Running costs of successful projects it leads.
    pub running_cost: f64,
    /// Savings that fell in it.
    pub saving: f64,
    /// The part of its savings that became budget room.
    pub room: f64,
}

impl UnitFlows {
    /// What the unit pays minus the budget room it gains.
    pub fn burden(&self) -> f64 {
        self.repaid + self.shortfall_paid + self.overrun + self.running_cost - self.room
    }
}

/// What deposit rules look at in a year.
struct DepositYear {
    calendar_year: i64,
    price_factor: f64,
    /// Last year's result if positive, else 0.
    positive_result: f64,
    total_budget: f64,
    depleted_last_year: bool,
    will: f64,
}

impl Deposit {
    /// What this rule deposits in `year` when the fund (its repayment pot) holds `cash`.
    fn amount(&self, year: &DepositYear, cash: f64) -> f64 {
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

/// Cash and its uncommitted part, for one pot.
#[derive(Debug, Clone, Copy, Default)]
struct Pot {
    cash: f64,
    uncommitted: f64,
}

impl Pot {
    fn receive(&mut self, amount: f64) {
        self.cash += amount;
        self.uncommitted += amount;
    }
}

/// Which pot pays a project.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum PotKind {
    /// The fund (the repayment pot, in a dual design).
    Main,
    /// A dual design's yearly grant pot.
    Grant,
}

/// A design's accounts over one path. Buffers are reused from path to path.
#[derive(Debug, Clone, Default)]
pub struct Ledger {
    years: Vec<YearFlows>,
    /// `[t * units + u]`.
    units: Vec<UnitFlows>,
    /// Payouts from the grant pot, per year (a part of `YearFlows::payouts`).
    grant_payouts: Vec<f64>,
    unit_count: usize,
}

impl Ledger {
    /// The fund's flows, by simulated year.
    pub fn years(&self) -> &[YearFlows] {
        &self.years
    }

    /// Unit `u`'s flows in year `t`.
    pub fn unit(&self, t: usize, u: usize) -> &UnitFlows {
        &self.units[t * self.unit_count + u]
    }

    /// Applies `design` to `world`, replacing this ledger's contents.
    pub fn apply(&mut self, scenario: &Scenario, design: &Design, world: &World) {
        let years = scenario.years;
        self.unit_count = scenario.units.len();
        self.years.clear();
        self.years.resize(years, YearFlows::default());
        self.units.clear();
        self.units
            .resize(years * self.unit_count, UnitFlows::default());
        self.grant_payouts.clear();
        self.grant_payouts.resize(years, 0.0);

        let mut main = Pot {
            cash: design.initial,
            uncommitted: design.initial,
        };
        let mut grant = Pot::default();
        let mut committed = 0.0;
        let mut depleted_last_year = false;
        for t in 0..years {
            let f = scenario.price_factor(t);
            let positive_result = world.annual_result(t as isize - 1).max(0.0);

            // 1. Deposits, each rule seeing the cash left by the ones before it.
            let year = DepositYear {
                calendar_year: scenario.calendar_year(t),
                price_factor: f,
                positive_result,
                total_budget: scenario.municipality.total_budget,
                depleted_last_year,
                will: world.will(t),
            };
            let mut deposits = 0.0;
            for rule in &design.deposits {
                let amount = rule.amount(&year, main.cash);
                main.receive(amount);
                deposits += amount;
            }
            if let Model::Dual { grant: rules, .. } = &design.model {
                let amount = rules.fixed * f + rules.share_of_positive_result * positive_result;
                grant.receive(amount);
                deposits += amount;
            }
            self.years[t].deposits = deposits;

            // 2. Repayments due (booked by projects approved in earlier years).
            let due_before_applications = self.years[t].repaid;
            main.receive(due_before_applications);

            // 3. Applications, in the world's order.
            for app in world.applications(t) {
                let spec = app.spec(scenario);
                let pot = match (&design.model, spec.repayable) {
                    (Model::Budget, _) | (_, true) => Some(PotKind::Main),
                    (Model::Repayment(_), false) => None,
                    (Model::Dual { .. }, false) => Some(PotKind::Grant),
                };
                let claimed_return =
                    spec.planned_savings_total * spec.effect_years as f64 / app.cost;
                let refused = (design.approval.require_partner && spec.partners.is_empty())
                    || (spec.repayable && claimed_return < design.approval.min_expected_return);
                let Some(pot_kind) = pot.filter(|_| !refused) else {
                    self.years[t].refused += 1;
                    continue;
                };
                let pot = match pot_kind {
                    PotKind::Main => &mut main,
                    PotKind::Grant => &mut grant,
                };
                let cost = app.cost * f;
                if pot.uncommitted >= cost {
                    pot.uncommitted -= cost;
                    committed += cost;
                    self.years[t].approved += 1;
                    let repayment = match pot_kind {
                        PotKind::Main => design.model.repayment().filter(|_| spec.repayable),
                        PotKind::Grant => None,
                    };
                    self.book(scenario, app, t, pot_kind, repayment);
                } else {
                    let year = &mut self.years[t];
                    year.turned_down += 1;
                    match pot_kind {
                        PotKind::Main => year.depleted = true,
                        PotKind::Grant => year.turned_down_grant += 1,
                    }
                }
            }
            // Instalments due in their project's approval year arrive after the applications.
            main.receive(self.years[t].repaid - due_before_applications);

            // 4. Payouts.
            let grant_payouts = self.grant_payouts[t];
            main.cash -= self.years[t].payouts - grant_payouts;
            grant.cash -= grant_payouts;
            committed -= self.years[t].payouts;

            // 5. Unspent grant money lapses.
            let year = &mut self.years[t];
            if let Model::Dual { grant: rules, .. } = &design.model
                && !rules.carry_over
            {
                year.lapsed = grant.uncommitted;
                grant.cash -= grant.uncommitted;
                grant.uncommitted = 0.0;
            }
            year.cash = main.cash + grant.cash;
            year.uncommitted = main.uncommitted + grant.uncommitted;
            year.committed = committed;
            depleted_last_year = year.depleted;
        }
    }

    /// Books an approved project's whole future into the year arrays (within the simulated years).
    fn book(
        &mut self,
        scenario: &Scenario,
        app: &Application,
        s: usize,
        pot: PotKind,
        repayment: Option<&Repayment>,
    ) {
        let spec = app.spec(scenario);
        let years = scenario.years;
        let units = self.unit_count;
        let price_factors = scenario.price_factors();
        let cost = app.cost * price_factors[s];
        let payout = cost / spec.duration_years as f64;
        let payout_end = (s + spec.duration_years).min(years);
        for (y, &f) in price_factors.iter().enumerate().take(payout_end).skip(s) {
            let overrun = app.overrun * app.cost * f / spec.duration_years as f64;
            self.years[y].payouts += payout;
            self.years[y].overrun += overrun;
            self.units[y * units + spec.lead].overrun += overrun;
            if pot == PotKind::Grant {
                self.grant_payouts[y] += payout;
            }
        }

        let effect_start = s
            .saturating_add(spec.effect_lag_years)
            .saturating_add(app.extra_lag);
        let effect_end = effect_start.saturating_add(spec.effect_years);
        // Budget room a unit gains from this project in year y.
        let room = |planned: f64, y: usize| {
            if app.success && (effect_start..effect_end).contains(&y) {
                spec.realization_share * planned * app.effect * price_factors[y]
            } else {
                0.0
            }
        };
        if app.success {
            let window = effect_start.min(years)..effect_end.min(years);
            for (y, &f) in price_factors
                .iter()
                .enumerate()
                .take(window.end)
                .skip(window.start)
            {
                for &(u, planned) in &spec.planned_savings {
                    let saving = planned * app.effect * f;
                    let flows = &mut self.units[y * units + u];
                    flows.saving += saving;
                    flows.room += spec.realization_share * saving;
                    self.years[y].saving += saving;
                }
                if y >= s + spec.duration_years {
                    let running = spec.running_cost * f;
                    self.units[y * units + spec.lead].running_cost += running;
                    self.years[y].running_cost += running;
                }
            }
        }

        let Some(rules) = repayment else { return };
        let plan = rules.plan_share * cost;
        let planned_total = spec.planned_savings_total;
        let first = s + spec.effect_lag_years.min(rules.start_within_years);
        let last = first.saturating_add(rules.horizon_years).min(years);
        for &(u, planned) in &spec.planned_savings {
            let instalment = plan * planned / planned_total / rules.horizon_years as f64;
            for y in first.min(last)..last {
                let paid = match rules.basis {
                    Basis::Realized => room(planned, y)
                        .max(rules.floor_share * instalment)
                        .min(instalment),
                    Basis::Planned => instalment,
                };
                let shortfall = instalment - paid;
                let year = &mut self.years[y];
                year.instalments_due += instalment;
                year.repaid += paid;
                self.units[y * units + u].repaid += paid;
                match rules.shortfall_bearer {
                    Bearer::Fund => year.written_off += shortfall,
                    Bearer::Lead => {
                        year.repaid += shortfall;
                        self.units[y * units + spec.lead].shortfall_paid += shortfall;
                    }
                }
            }
        }
    }
}
