//! One repayment design over a lane group of futures, a year at a time: deposits, instalments
//! by realised saving with a floor, applications in arrival order with the money test,
//! payouts, write-offs. Written once for any [`Lane`]; a decision is a mask, never a branch.
//!
//! An approved project's plan is kept in a ring of the last years' slots, and each year every
//! plan is read again for the room that decides its payment: that clamp changes with each
//! year's prices, and reading a slot is the same few vector operations for every future.
//! Payouts, overruns and instalments due are running sums instead, changed in the years a
//! project's payouts end and its plan starts and ends, booked at approval with a mask for each
//! year its type may give.

use sifsim::scenario::{Basis, Bearer, Deposit, Design, FloorScope, Model, ProjectSpec, Scenario};

use crate::lanes::{Lane, Table};
use crate::world::{Application, Year, table};

/// What the prototype takes of a design, and the per-type values it gathers.
pub struct Rules {
    initial: f64,
    /// `share_of_positive_result`: the share, and the balance it fills to (start-year prices).
    deposit: (f64, f64),
    floor_share: f64,
    plan_share: f64,
    horizon: f64,
    /// Years a ring keeps: the longest a plan runs after its approval year.
    ring: usize,
    /// The types' durations, and years to the first instalment, as lists of the values taken.
    durations: Vec<usize>,
    firsts: Vec<usize>,
    /// Per project type: years to the first instalment, `min(lag, start_within)`.
    first: Table,
    lag: Table,
    duration: Table,
    effect_years: Table,
    /// Budget room a year at full effect `e = 1`, start-year prices: `realization · Σ planned`.
    room: Table,
    /// 1 when the design takes the type (repayable), else 0.
    taken: Table,
}

impl Rules {
    /// The rules of `design`, if the prototype covers them: a repayment design on the realised
    /// saving, floor per instalment, shortfalls to the fund, one share-of-result deposit, no
    /// approval rules, no known projects, no shared fate.
    pub fn new(scenario: &Scenario, design: &Design) -> Result<Rules, String> {
        let Model::Repayment(r) = &design.model else {
            return Err(format!(
                "design '{}' is not a repayment design",
                design.name
            ));
        };
        let approval = &design.approval;
        let covered = r.basis == Basis::Realized
            && r.floor_applies_to == FloorScope::Instalment
            && r.shortfall_bearer == Bearer::Fund
            && !approval.require_partner
            && approval.min_expected_return == 0.0
            && approval.last_year.is_none()
            && !scenario.thins()
            && !scenario.outcomes().shared()
            && scenario.projects().is_empty();
        let deposit = match design.deposits.as_slice() {
            [
                Deposit::ShareOfPositiveResult {
                    share,
                    until_balance,
                },
            ] if covered => (*share, *until_balance),
            _ => return Err(format!("design '{}' is beyond the prototype", design.name)),
        };
        let types = scenario.project_types();
        let column =
            |value: &dyn Fn(&ProjectSpec) -> f64| table(types.iter().map(|t| value(&t.spec)));
        let longest = |value: &dyn Fn(&ProjectSpec) -> usize| {
            types.iter().map(|t| value(&t.spec)).max().unwrap_or(0)
        };
        let first = |s: &ProjectSpec| s.effect_lag_years.min(r.start_within_years);
        let values = |value: &dyn Fn(&ProjectSpec) -> usize| {
            let mut values: Vec<usize> = types.iter().map(|t| value(&t.spec)).collect();
            values.sort_unstable();
            values.dedup();
            values
        };
        Ok(Rules {
            initial: design.initial,
            deposit,
            floor_share: r.floor_share,
            plan_share: r.plan_share,
            horizon: r.horizon_years as f64,
            ring: longest(&|s| first(s) + r.horizon_years),
            durations: values(&|s| s.duration_years),
            firsts: values(&|s| first(s)),
            first: column(&|s| first(s) as f64),
            lag: column(&|s| s.effect_lag_years as f64),
            duration: column(&|s| s.duration_years as f64),
            effect_years: column(&|s| s.effect_years as f64),
            room: column(&|s| s.realization_share * s.planned_savings_total),
            taken: column(&|s| f64::from(u8::from(s.repayable))),
        })
    }
}

/// An approved project as later years read it; every amount 0 where it was not approved.
#[derive(Clone, Copy)]
struct Plan<L: Lane> {
    /// Instalment `I`, nominal, due in `first..end`, and its floor.
    instalment: L,
    floor: L,
    first: L,
    end: L,
    /// Budget room a year, start-year prices, in `effect_start..effect_end`.
    room: L,
    effect_start: L,
    effect_end: L,
}

/// The fund of a lane group in one year.
#[derive(Clone, Copy)]
pub struct Fund<L: Lane> {
    pub cash: L,
    pub uncommitted: L,
    /// 1 where an application was turned down for money this year.
    pub depleted: L,
    pub deposits: L,
    pub repaid: L,
    pub payouts: L,
    pub written_off: L,
    /// Overruns paid by lead units.
    pub overrun: L,
}

/// One design's books for a lane group: its pot and the ring of recent years' plans.
pub struct Ledger<L: Lane> {
    cash: L,
    uncommitted: L,
    /// `ring[t % ring.len()]`: the plans of year `t`, slot by slot.
    ring: Vec<Vec<Plan<L>>>,
    /// A year's payouts, lead units' overruns (start-year prices) and instalments due, so far.
    running: Running<L>,
    /// Changes to `running` from year `t` on, booked when projects are approved: `[t]`.
    changes: Vec<Running<L>>,
}

/// What approved projects pay out and owe each year, summed; changed as they start and end.
#[derive(Clone, Copy)]
struct Running<L: Lane> {
    payouts: L,
    overrun: L,
    due: L,
}

impl<L: Lane> Running<L> {
    fn zero() -> Running<L> {
        let zero = L::splat(0.0);
        Running {
            payouts: zero,
            overrun: zero,
            due: zero,
        }
    }

    fn add(&mut self, other: Running<L>) {
        self.payouts = self.payouts + other.payouts;
        self.overrun = self.overrun + other.overrun;
        self.due = self.due + other.due;
    }
}

impl<L: Lane> Ledger<L> {
    pub fn new(rules: &Rules) -> Ledger<L> {
        Ledger {
            cash: L::splat(rules.initial),
            uncommitted: L::splat(rules.initial),
            ring: vec![Vec::new(); rules.ring],
            running: Running::zero(),
            changes: Vec::new(),
        }
    }

    /// Empties the books for new futures, keeping their buffers.
    pub fn reset(&mut self, rules: &Rules) {
        self.cash = L::splat(rules.initial);
        self.uncommitted = L::splat(rules.initial);
        self.ring.iter_mut().for_each(Vec::clear);
        self.running = Running::zero();
        self.changes.clear();
    }

    /// Year `t` of the design: `f` is `f(t)`, `last_result` the nominal result of `t − 1`.
    #[inline(always)]
    pub fn year(
        &mut self,
        rules: &Rules,
        t: usize,
        f: f64,
        last_result: L,
        world: &Year<L>,
    ) -> Fund<L> {
        let zero = L::splat(0.0);
        // 1. Deposits: a share of last year's positive result, up to the balance's cap.
        let (share, until) = rules.deposit;
        let wanted = L::splat(share) * last_result.max(zero);
        let deposits = wanted.min(L::splat(until * f) - self.cash).max(zero);
        self.receive(deposits);

        // The year's changes: payouts and instalment plans that end or start.
        let span = t + rules.ring + rules.durations.last().copied().unwrap_or(0) + 1;
        if self.changes.len() < span {
            self.changes.resize(span, Running::zero());
        }
        self.running.add(self.changes[t]);

        // 2. Instalments of earlier years' plans.
        let ring = self.ring.len();
        let mut received = zero;
        for s in t.saturating_sub(ring - 1)..t {
            received = received + instalments(&self.ring[s % ring], t, f);
        }
        self.receive(received);

        // 3. Applications in arrival order, each approved if the uncommitted balance covers it.
        // No future has run dry yet (0 < 0 in every lane: the lane types have no constant mask).
        let mut depleted = zero.lt(zero);
        self.ring[t % ring].clear();
        for app in &world.applications {
            let taken = app.present & L::splat(0.5).lt(L::gather(&rules.taken, app.kind));
            let cost = app.cost * L::splat(f);
            let approved = taken & cost.le(self.uncommitted);
            depleted = depleted | (taken & !approved);
            self.uncommitted = self.uncommitted - L::select(approved, cost, zero);
            let plan = plan(rules, app, approved, cost, t);
            self.book(rules, app, approved, cost, &plan, t);
            self.ring[t % ring].push(plan);
        }
        // Instalments due in the approval year arrive after the applications.
        let same_year = instalments(&self.ring[t % ring], t, f);
        self.receive(same_year);
        let repaid = received + same_year;

        // 4. Payouts of the projects still paying out.
        let Running {
            payouts,
            overrun,
            due,
        } = self.running;
        self.cash = self.cash - payouts;
        Fund {
            cash: self.cash,
            uncommitted: self.uncommitted,
            depleted: L::select(depleted, L::splat(1.0), zero),
            deposits,
            repaid,
            payouts,
            written_off: due - repaid,
            overrun: overrun * L::splat(f),
        }
    }

    fn receive(&mut self, amount: L) {
        self.cash = self.cash + amount;
        self.uncommitted = self.uncommitted + amount;
    }

    /// Books an application of year `t` into the running sums (its payouts and overruns from now
    /// on, an instalment due in the approval year) and their changes (payouts ending, instalments
    /// starting and ending), nothing where it was not `approved`. A lane's years differ with its
    /// project type: each year a type may give is booked with a mask.
    #[inline(always)]
    fn book(
        &mut self,
        rules: &Rules,
        app: &Application<L>,
        approved: L::Mask,
        cost: L,
        plan: &Plan<L>,
        t: usize,
    ) {
        let (running, changes) = (&mut self.running, &mut self.changes);
        let zero = L::splat(0.0);
        let duration = L::gather(&rules.duration, app.kind);
        let payout = L::select(approved, cost / duration, zero);
        let overrun = L::select(approved, app.overrun * app.cost / duration, zero);
        running.payouts = running.payouts + payout;
        running.overrun = running.overrun + overrun;
        for &years in &rules.durations {
            let ends = duration.eq(L::splat(years as f64));
            let change = &mut changes[t + years];
            change.payouts = change.payouts - L::select(ends, payout, zero);
            change.overrun = change.overrun - L::select(ends, overrun, zero);
        }
        let first = plan.first - L::splat(t as f64);
        let horizon = rules.horizon as usize;
        for &years in &rules.firsts {
            let starts = L::select(first.eq(L::splat(years as f64)), plan.instalment, zero);
            if years == 0 {
                running.due = running.due + starts;
            } else {
                changes[t + years].due = changes[t + years].due + starts;
            }
            changes[t + years + horizon].due = changes[t + years + horizon].due - starts;
        }
    }
}

/// The plan of an application in year `t`, with nothing in it where it was not `approved`.
#[inline(always)]
fn plan<L: Lane>(
    rules: &Rules,
    app: &Application<L>,
    approved: L::Mask,
    cost: L,
    t: usize,
) -> Plan<L> {
    let zero = L::splat(0.0);
    let t = L::splat(t as f64);
    let of = |table: &Table| L::gather(table, app.kind);
    let first = t + of(&rules.first);
    let effect_start = t + of(&rules.lag) + app.delay;
    let instalment = L::select(
        approved,
        L::splat(rules.plan_share) * cost / L::splat(rules.horizon),
        zero,
    );
    Plan {
        instalment,
        floor: L::splat(rules.floor_share) * instalment,
        first,
        end: first + L::splat(rules.horizon),
        room: of(&rules.room) * app.effect,
        effect_start,
        effect_end: effect_start + of(&rules.effect_years),
    }
}

/// What `plans` pay in year `t`: each unit repays its realised room, clamped between the
/// floor and the instalment. Room and instalment are split between a project's units in the
/// same proportions (its planned savings), so the units' clamped payments add up to the
/// project's room clamped between its floor and its instalment.
#[inline(always)]
fn instalments<L: Lane>(plans: &[Plan<L>], t: usize, f: f64) -> L {
    let zero = L::splat(0.0);
    let (year, f) = (L::splat(t as f64), L::splat(f));
    let mut repaid = zero;
    for plan in plans {
        let falls_due = plan.first.le(year) & year.lt(plan.end);
        let saving = plan.effect_start.le(year) & year.lt(plan.effect_end);
        let room = L::select(saving, plan.room * f, zero);
        let paid = room.max(plan.floor).min(plan.instalment);
        repaid = repaid + L::select(falls_due, paid, zero);
    }
    repaid
}
