//! The world of a lane group of futures, drawn a year at a time: the annual result, the units'
//! results, the will, and the year's applications as slots, slot `k` being each future's
//! `k`-th application in arrival order (absent where the future has fewer).
//!
//! Each future's year `t` draws from its own generator keyed by (seed, path, year), and every
//! slot draws the same six numbers whether present or not, so a future's world depends on
//! its path index alone, never on the futures beside it. The project types of a year are drawn
//! as one Poisson count of all of them, each application's type then chosen in proportion to
//! the types' rates: the same distribution as a count of each type taken in arrival order,
//! without sorting, and slots are not wasted on a type's rare large counts.

use sifsim::scenario::{ProjectSpec, Scenario};

use crate::draws::{Rng, cumulative, exp, mix, poisson, poisson_table};
use crate::lanes::{Bits, Lane, TABLE, Table};
use crate::ziggurat::Ziggurat;

/// The project types' parameters, one table entry per type, for [`Lane::gather`].
pub struct Types {
    /// `P(type ≤ j)` from the types' shares of the arrivals.
    choice: Vec<f64>,
    ln_median: Table,
    sigma: Table,
    success: Table,
    effect_mean: Table,
    effect_sd: Table,
    overrun_mean: Table,
    overrun_sd: Table,
    /// The delay's Poisson mean `λ`, and `e^−λ`.
    delay_mean: Table,
    delay_zero: Table,
    /// `P(count ≤ j)` of all types' applications in a year.
    count: Vec<f64>,
    zig: Ziggurat,
}

impl Types {
    pub fn new(scenario: &Scenario) -> Types {
        let types = scenario.project_types();
        let rate: f64 = types.iter().map(|t| t.arrivals_per_year).sum();
        let column =
            |value: &dyn Fn(&ProjectSpec) -> f64| table(types.iter().map(|t| value(&t.spec)));
        let mut choice = Vec::new();
        let mut sum = 0.0;
        for t in &types[..types.len() - 1] {
            sum += t.arrivals_per_year / rate;
            choice.push(sum);
        }
        Types {
            choice,
            ln_median: column(&|s| s.cost.median.ln()),
            sigma: column(&|s| s.cost.sigma),
            success: column(&|s| s.success_probability),
            effect_mean: column(&|s| s.effect_size.mean),
            effect_sd: column(&|s| s.effect_size.sd),
            overrun_mean: column(&|s| s.cost_overrun.mean),
            overrun_sd: column(&|s| s.cost_overrun.sd),
            delay_mean: column(&|s| s.extra_lag_mean),
            delay_zero: column(&|s| (-s.extra_lag_mean).exp()),
            count: poisson_table(rate, TABLE),
            zig: Ziggurat::new(),
        }
    }
}

/// A value per project type, as a table lanes look up.
pub fn table(values: impl ExactSizeIterator<Item = f64>) -> Table {
    assert!(
        values.len() <= TABLE,
        "more than {TABLE} project types are beyond the prototype"
    );
    let mut table = [0.0; TABLE];
    table
        .iter_mut()
        .zip(values)
        .for_each(|(entry, value)| *entry = value);
    table
}

/// One slot of a year's applications, for each future of a lane group.
#[derive(Clone, Copy)]
pub struct Application<L: Lane> {
    /// The future has a `k`-th application this year.
    pub present: L::Mask,
    /// Index of its project type.
    pub kind: L,
    /// Total cost `C`, start-year prices.
    pub cost: L,
    /// Effect multiplier `e` (0 when it fails).
    pub effect: L,
    /// Years of delay beyond the planned lag (0 when it fails).
    pub delay: L,
    /// Overrun share `v ≥ 0`.
    pub overrun: L,
}

/// One year of a lane group's world.
pub struct Year<L: Lane> {
    /// Nominal annual result of the year.
    pub result: L,
    /// The will and the units' ordinary result shares: drawn as today's world draws them, though
    /// the prototype's design reads neither.
    pub will: L,
    pub unit_shares: Vec<L>,
    /// The year's applications in arrival order; `applications.len()` is the largest count of
    /// any future of the group.
    pub applications: Vec<Application<L>>,
}

/// The part of a lane group's world carried from year to year: the annual result's AR(1).
pub struct World<L: Lane> {
    /// Each lane's key, `mix(mix(seed) ^ path)`.
    keys: L::Bits,
    /// Last year's annual result, start-year prices.
    real: L,
    year: Year<L>,
    normals: Vec<L>,
}

impl<L: Lane> World<L> {
    /// The world of the paths `first_path..first_path + L::WIDTH`, before its first year.
    pub fn new(scenario: &Scenario, first_path: u64) -> World<L> {
        World {
            keys: Self::keys(scenario, first_path),
            real: L::splat(scenario.municipality().last_result),
            year: Year {
                result: L::splat(0.0),
                will: L::splat(0.0),
                unit_shares: Vec::new(),
                applications: Vec::new(),
            },
            normals: Vec::new(),
        }
    }

    /// Makes this the world of other paths, before its first year, keeping its buffers.
    pub fn reset(&mut self, scenario: &Scenario, first_path: u64) {
        self.keys = Self::keys(scenario, first_path);
        self.real = L::splat(scenario.municipality().last_result);
    }

    /// Each lane's key, `mix(mix(seed) ^ path)`.
    fn keys(scenario: &Scenario, first_path: u64) -> L::Bits {
        mix(L::Bits::from_fn(|i| {
            mix(scenario.seed()) ^ (first_path + i as u64)
        }))
    }

    /// Draws year `t`.
    #[inline(always)]
    pub fn draw(&mut self, scenario: &Scenario, types: &Types, t: usize) -> &Year<L> {
        let mut rng = Rng::new(mix(self.keys.xor(L::Bits::splat(t as u64))));
        let units = scenario.units();

        // The annual result's innovation, then each unit's own normal.
        self.normals.clear();
        self.normals
            .extend((0..=units.len()).map(|_| rng.normal::<L>(&types.zig)));
        let ar = scenario.municipality().annual_result;
        let innovation_sd = ar.sd * (1.0 - ar.autocorrelation * ar.autocorrelation).sqrt();
        let z = self.normals[0];
        self.real = L::splat(ar.mean)
            + L::splat(ar.autocorrelation) * (self.real - L::splat(ar.mean))
            + L::splat(innovation_sd) * z;
        let year = &mut self.year;
        year.result = self.real * L::splat(scenario.price_factor(t));
        year.unit_shares.clear();
        for (u, unit) in units.iter().enumerate() {
            let own = (1.0 - unit.correlation * unit.correlation).sqrt();
            let z = L::splat(unit.correlation) * z + L::splat(own) * self.normals[1 + u];
            let o = unit.ordinary_result;
            year.unit_shares.push(L::splat(o.mean) + L::splat(o.sd) * z);
        }
        year.will = rng.uniform();
        let count = cumulative(rng.uniform(), TABLE, |j| L::splat(types.count[j]));

        year.applications.clear();
        let mut k = 0.0;
        loop {
            let present = L::splat(k).lt(count);
            if !L::any(present) {
                break;
            }
            year.applications
                .push(application(&mut rng, types, present));
            k += 1.0;
        }
        &self.year
    }
}

/// Draws one slot: six numbers, whether the application is present, succeeds or not.
#[inline(always)]
fn application<L: Lane>(rng: &mut Rng<L::Bits>, types: &Types, present: L::Mask) -> Application<L> {
    let u_kind: L = rng.uniform();
    let kind = types.choice.iter().fold(L::splat(0.0), |k, &bound| {
        k + L::select(L::splat(bound).le(u_kind), L::splat(1.0), L::splat(0.0))
    });
    let of = |table: &Table| L::gather(table, kind);
    let u_success: L = rng.uniform();
    let u_delay: L = rng.uniform();
    let z_cost: L = rng.normal(&types.zig);
    let z_overrun: L = rng.normal(&types.zig);
    let z_effect: L = rng.normal(&types.zig);

    let success = u_success.lt(of(&types.success));
    let zero = L::splat(0.0);
    let effect = (of(&types.effect_mean) + of(&types.effect_sd) * z_effect).max(zero);
    let delay = poisson(u_delay, of(&types.delay_mean), of(&types.delay_zero));
    Application {
        present,
        kind,
        cost: exp(of(&types.ln_median) + of(&types.sigma) * z_cost),
        effect: L::select(success, effect, zero),
        delay: L::select(success, delay, zero),
        overrun: (of(&types.overrun_mean) + of(&types.overrun_sd) * z_overrun).max(zero),
    }
}
