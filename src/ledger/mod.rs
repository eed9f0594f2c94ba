//! One design applied to one world: the fund's accounts and every unit's flows, year by year.
//!
//! Deterministic and free of randomness: the same world gives the same ledger. The order of
//! events in a year follows the model contract — deposits, repayments due, applications,
//! payouts, lapse — and a project's whole future (payouts, savings, instalments) is booked
//! when it is approved, since its outcome is already part of the world; flows that last
//! several years are booked as changes (see `UnitBooks`).
mod booking;
mod books;
mod deposits;
mod observe;

use books::{UnitBooks, open_year, reset, settled};
use deposits::DepositYear;
pub use observe::{Decision, Inflow, Observer, Paid, Refusal, Unobserved};

use crate::scenario::{Bearer, Design, FloorScope, Model, ProjectSpec, Scenario};
use crate::world::{Application, Source, World};

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
    /// Arrears outstanding at year end under a floor on the whole plan: instalments due and
    /// not yet repaid, settled at each plan's end.
    pub owed: f64,
    /// Savings (all units) of the projects this design funded.
    pub saving: f64,
    /// The part of those savings that became budget room.
    pub room: f64,
    /// Cost overruns paid by lead units.
    pub overrun: f64,
    /// Running costs paid by lead units.
    pub running_cost: f64,
    pub approved: u32,
    /// Of `approved`, known projects decided before the run (approved without the money test).
    pub decided: u32,
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
    /// Net saving to the municipality this year: savings minus payouts, overruns and running
    /// costs. It is also the projects' effect on the municipality's result (MODEL.md 7.2).
    pub fn net_saving(&self) -> f64 {
        self.saving - self.costs()
    }

    /// Budget room freed, net, this year: room minus payouts, overruns and running costs.
    pub fn budget_effect(&self) -> f64 {
        self.room - self.costs()
    }

    /// What the funded projects cost the municipality this year.
    fn costs(&self) -> f64 {
        self.payouts + self.overrun + self.running_cost
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
    /// The part of its savings that became budget room.
    pub room: f64,
}

impl UnitFlows {
    /// What the unit pays minus the budget room it gains.
    pub fn burden(&self) -> f64 {
        self.repaid + self.shortfall_paid + self.overrun + self.running_cost - self.room
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

/// A design's accounts over one path: the simulated years, then the years after them until
/// every project the design funded has ended (no deposits, applications or lapses there).
/// Buffers are reused from path to path.
#[derive(Debug, Clone, Default)]
pub struct Ledger {
    /// The simulated years, then the continuation.
    years: Vec<YearFlows>,
    /// Number of simulated years.
    window: usize,
    units: UnitBooks,
    /// Payouts from the grant pot, per year (a part of `YearFlows::payouts`).
    grant_payouts: Vec<f64>,
    /// Savings of all units, start-year prices, as changes (see [`UnitBooks`]).
    saving: Vec<f64>,
    /// Instalments falling due, as changes.
    due: Vec<f64>,
    /// Arrears outstanding under floors on whole plans, as changes.
    owed: Vec<f64>,
    /// `f(t)` of every year of the ledger (and maybe of some years after it), to read
    /// start-year prices as nominal ones.
    price_factors: Vec<f64>,
}

impl Ledger {
    /// The fund's flows, by simulated year.
    pub fn years(&self) -> &[YearFlows] {
        &self.years[..self.window]
    }

    /// The fund's flows in the years after the simulated ones, until the funded projects ended.
    pub fn after_window(&self) -> &[YearFlows] {
        &self.years[self.window..]
    }

    /// Number of years in the ledger: the simulated ones and the continuation.
    pub fn lifetime_years(&self) -> usize {
        self.years.len()
    }

    /// `f(t)` of year `t` of the ledger.
    pub fn price_factor(&self, t: usize) -> f64 {
        self.price_factors[t]
    }

    /// Unit `u`'s flows in year `t`.
    pub fn unit(&self, t: usize, u: usize) -> UnitFlows {
        let books = &self.units;
        let i = t * books.units + u;
        let nominal = |values: &[f64]| settled(values[i] * self.price_factors[t]);
        UnitFlows {
            repaid: settled(books.repaid[i]),
            shortfall_paid: settled(books.shortfall_paid[i]),
            overrun: nominal(&books.overrun),
            running_cost: nominal(&books.running_cost),
            room: nominal(&books.room),
        }
    }

    /// Unit `u`'s burden in year `t`: what it pays minus the budget room it gains.
    pub fn burden(&self, t: usize, u: usize) -> f64 {
        let books = &self.units;
        let i = t * books.units + u;
        let paid = books.repaid[i] + books.shortfall_paid[i];
        let real = books.overrun[i] + books.running_cost[i] - books.room[i];
        settled(paid + real * self.price_factors[t])
    }

    /// Whether unit `u` paid the fund more in year `t` — instalments, and shortfalls it bears
    /// as lead — than the budget room its projects gave it.
    pub fn repaid_above_room(&self, t: usize, u: usize) -> bool {
        let books = &self.units;
        let i = t * books.units + u;
        let paid = books.repaid[i] + books.shortfall_paid[i];
        settled(paid - books.room[i] * self.price_factors[t]) > 0.0
    }

    /// Applies `design` to `world`, replacing this ledger's contents.
    pub fn apply(&mut self, scenario: &Scenario, design: &Design, world: &World) {
        self.apply_observed(scenario, design, world, &mut Unobserved);
    }

    /// [`Ledger::apply`], telling `observer` what it decides and books.
    pub fn apply_observed<O: Observer>(
        &mut self,
        scenario: &Scenario,
        design: &Design,
        world: &World,
        observer: &mut O,
    ) {
        // The ledger starts with the simulated years; booking a project extends it to the
        // project's end.
        let window = scenario.years();
        self.window = window;
        reset(&mut self.years, window);
        let rules = design.model.repayment();
        let leads_pay = rules.is_some_and(|r| r.shortfall_bearer == Bearer::Lead);
        let units = scenario.units().len();
        self.units.reset(units, window, rules.is_some(), leads_pay);
        // Instalments due and amounts owed are booked only under repayment, owed only under a
        // floor on the whole plan; books never written stay 0 and are not opened.
        let repays = rules.is_some();
        let owes = rules.is_some_and(|r| r.floor_applies_to == FloorScope::Plan);
        reset(&mut self.grant_payouts, window);
        reset(&mut self.saving, window + 1);
        reset(&mut self.due, window + 1);
        reset(&mut self.owed, window + 1);
        self.price_factors.clear();
        self.price_factors
            .extend_from_slice(scenario.price_factors());
        let seen_below = design.approval.demand / scenario.demand_base();

        let mut main = Pot {
            cash: design.initial,
            uncommitted: design.initial,
        };
        let mut grant = Pot::default();
        let mut committed = 0.0;
        let mut depleted_last_year = false;
        let mut t = 0;
        while t < self.years.len() {
            self.units.open_year(t);
            open_year(&mut self.saving, 1, t);
            if repays {
                open_year(&mut self.due, 1, t);
            }
            if owes {
                open_year(&mut self.owed, 1, t);
            }
            if t >= window {
                // The continuation: the funded projects' payouts, savings and instalments only.
                let repaid = self.units.received(t);
                main.receive(repaid);
                self.close_year(t, repaid, [&mut main, &mut grant], &mut committed);
                t += 1;
                continue;
            }
            let f = scenario.price_factor(t);
            let positive_result = world.annual_result(t as isize - 1).max(0.0);

            // 1. Deposits, each rule seeing the cash left by the ones before it.
            let year = DepositYear {
                calendar_year: scenario.calendar_year(t),
                price_factor: f,
                positive_result,
                total_budget: scenario.municipality().total_budget,
                depleted_last_year,
                will: world.will(t),
            };
            let mut deposits = 0.0;
            for (i, rule) in design.deposits.iter().enumerate() {
                let amount = rule.amount(&year, main.cash);
                main.receive(amount);
                deposits += amount;
                observer.deposit(t, Inflow::Rule(i), amount);
            }
            if let Model::Dual { grant: rules, .. } = &design.model {
                let amount = rules.fixed * f + rules.share_of_positive_result * positive_result;
                grant.receive(amount);
                deposits += amount;
                observer.deposit(t, Inflow::Grant, amount);
            }
            self.years[t].deposits = deposits;

            // 2. Repayments due (booked by projects approved in earlier years).
            let due_before_applications = self.units.received(t);
            main.receive(due_before_applications);

            // 3. Applications, in the world's order; those the design's demand does not reach
            //    are counted nowhere.
            let open = design
                .approval
                .last_year
                .is_none_or(|last| scenario.calendar_year(t) <= last);
            // After the fund closes nobody applies (MODEL.md 7.5): those are counted nowhere.
            let applications = if open { world.applications(t) } else { &[] };
            for app in applications {
                if app.thinning >= seen_below {
                    continue;
                }
                let spec = app.spec(scenario);
                let pot_kind = match refusal(design, spec, app) {
                    Some(rule) => {
                        self.years[t].refused += 1;
                        observer.decision(t, app, Decision::Refused { rule });
                        continue;
                    }
                    None if spec.repayable || design.model.repayment().is_none() => PotKind::Main,
                    None => PotKind::Grant,
                };
                let grant_pot = pot_kind == PotKind::Grant;
                let pot = match pot_kind {
                    PotKind::Main => &mut main,
                    PotKind::Grant => &mut grant,
                };
                let decided =
                    matches!(app.source, Source::Known(i) if scenario.projects()[i].decided);
                let cost = app.cost * f;
                if decided || pot.uncommitted >= cost {
                    pot.uncommitted -= cost;
                    committed += cost;
                    self.years[t].approved += 1;
                    self.years[t].decided += u32::from(decided);
                    let repayment = match pot_kind {
                        PotKind::Main => design.model.repayment().filter(|_| spec.repayable),
                        PotKind::Grant => None,
                    };
                    let decision = Decision::Approved {
                        grant: grant_pot,
                        decided,
                    };
                    observer.decision(t, app, decision);
                    self.book(scenario, app, t, pot_kind, repayment, observer);
                } else {
                    let decision = Decision::TurnedDown {
                        grant: grant_pot,
                        uncommitted: pot.uncommitted,
                    };
                    observer.decision(t, app, decision);
                    let year = &mut self.years[t];
                    year.turned_down += 1;
                    match pot_kind {
                        PotKind::Main => year.depleted = true,
                        PotKind::Grant => year.turned_down_grant += 1,
                    }
                }
            }
            // Instalments due in their project's approval year arrive after the applications.
            let repaid = self.units.received(t);
            main.receive(repaid - due_before_applications);

            // 4. Payouts, and the year's totals.
            self.close_year(t, repaid, [&mut main, &mut grant], &mut committed);

            // 5. Unspent grant money lapses; a pot in deficit (through decided projects)
            //    lapses nothing and carries its deficit.
            let year = &mut self.years[t];
            if let Model::Dual { grant: rules, .. } = &design.model
                && !rules.carry_over
            {
                let lapsed = grant.uncommitted.max(0.0);
                year.lapsed = lapsed;
                grant.cash -= lapsed;
                grant.uncommitted -= lapsed;
                year.cash = main.cash + grant.cash;
                year.uncommitted = main.uncommitted + grant.uncommitted;
            }
            depleted_last_year = year.depleted;
            t += 1;
        }
    }

    /// Makes room for the years `0..years`, keeping what is booked.
    #[inline]
    fn extend_to(&mut self, scenario: &Scenario, years: usize) {
        if years > self.years.len() {
            self.grow(scenario, years);
        }
    }

    /// [`Ledger::extend_to`] when the ledger must grow (a few times a path): the years after
    /// the simulated ones continue the index.
    #[cold]
    #[inline(never)]
    fn grow(&mut self, scenario: &Scenario, years: usize) {
        self.years.resize(years, YearFlows::default());
        self.units.extend_to(years);
        self.grant_payouts.resize(years, 0.0);
        for changes in [&mut self.saving, &mut self.due, &mut self.owed] {
            changes.resize(years + 1, 0.0);
        }
        let known = self.price_factors.len();
        self.price_factors
            .extend((known..years).map(|t| scenario.price_factor_at(t)));
    }

    /// Pays year `t`'s payouts from the pots and records the year's totals; `repaid` is what
    /// the fund received for instalments.
    fn close_year(&mut self, t: usize, repaid: f64, pots: [&mut Pot; 2], committed: &mut f64) {
        let [main, grant] = pots;
        let f = self.price_factors[t];
        let grant_payouts = self.grant_payouts[t];
        main.cash -= self.years[t].payouts - grant_payouts;
        grant.cash -= grant_payouts;
        *committed -= self.years[t].payouts;
        let owed_before = if t > 0 {
            settled(self.owed[t - 1])
        } else {
            0.0
        };
        let year = &mut self.years[t];
        year.repaid = repaid;
        year.instalments_due = settled(self.due[t]);
        year.owed = settled(self.owed[t]);
        year.written_off = settled(year.instalments_due - repaid - (year.owed - owed_before));
        year.saving = settled(self.saving[t] * f);
        let books = &self.units;
        year.room = settled(books.year_total(&books.room, t) * f);
        year.overrun = settled(books.year_total(&books.overrun, t) * f);
        year.running_cost = settled(books.year_total(&books.running_cost, t) * f);
        year.cash = main.cash + grant.cash;
        year.uncommitted = main.uncommitted + grant.uncommitted;
        year.committed = *committed;
    }
}

/// The rule of `design` that refuses `app`, if any.
fn refusal(design: &Design, spec: &ProjectSpec, app: &Application) -> Option<Refusal> {
    // The claimed return Σ planned · effect years / C, compared without dividing.
    let claimed_savings = spec.planned_savings_total * spec.effect_years as f64;
    if matches!(design.model, Model::Repayment(_)) && !spec.repayable {
        Some(Refusal::NotRepayable)
    } else if design.approval.require_partner && spec.partners.is_empty() {
        Some(Refusal::NoPartner)
    } else if spec.repayable && claimed_savings < design.approval.min_expected_return * app.cost {
        Some(Refusal::LowReturn)
    } else {
        None
    }
}
