//! One random future (a path): everything uncertain, sampled once per path and shared by
//! every design, so designs are compared on common random numbers.
//!
//! Each path draws from its own generators, derived from `(seed, path, stream)` alone, so a
//! path's future does not depend on which thread runs it. Every source of randomness has its
//! own stream — the municipality, each unit, each project type's yearly counts — and every
//! application its own short sub-stream, keyed by its project type, year and place in the
//! year (known projects by their place in the file), so changing one project type's
//! parameters leaves every other draw unchanged, and an application's outcome does not depend
//! on how many draws the applications before it made.

mod poisson;

use rand::{Rng, RngExt, SeedableRng};
use rand_distr::{Distribution, StandardNormal, StandardUniform};
use rand_xoshiro::{SplitMix64, Xoshiro256PlusPlus};

use crate::scenario::{ProjectSpec, Scenario, normal_quantile};
pub use poisson::Poisson;

/// Stream of the annual result and the yearly political will.
const MUNICIPALITY_STREAM: u64 = 0;
/// Key of the known projects' sub-streams.
const KNOWN_PROJECTS_STREAM: u64 = 1;
/// Streams of units are `UNIT_STREAMS + unit index`.
const UNIT_STREAMS: u64 = 1 << 32;
/// Streams of project types' yearly counts are `PROJECT_TYPE_STREAMS + type index`.
const PROJECT_TYPE_STREAMS: u64 = 2 << 32;
/// Keys of project types' applications' sub-streams are `APPLICATION_STREAMS + type index`.
const APPLICATION_STREAMS: u64 = 3 << 32;
/// Stream of the shared fate `Z` of the path's projects (drawn only when they share one), so
/// that every other draw is the same with or without it.
const FATE_STREAM: u64 = 4 << 32;

/// One SplitMix64 step: a bijective mix of 64 bits, `mix(x) = splitmix64(x + γ)`.
fn mix(x: u64) -> u64 {
    SplitMix64::seed_from_u64(x).next_u64()
}

/// The key of one stream of one path: `mix(mix(mix(seed) ^ path) ^ stream)`.
fn stream_key(seed: u64, path: u64, stream: u64) -> u64 {
    mix(mix(mix(seed) ^ path) ^ stream)
}

/// The generator of one stream of one path: xoshiro256++ seeded through SplitMix64 from the
/// stream's key.
pub fn stream_rng(seed: u64, path: u64, stream: u64) -> Xoshiro256PlusPlus {
    Xoshiro256PlusPlus::seed_from_u64(stream_key(seed, path, stream))
}

/// Numbers in an application's sub-stream, far more than the eight or so it draws (a normal
/// now and then takes another).
const SUB_STREAM: u64 = 256;
/// SplitMix64's increment: its state advances by this much a number.
const SPLITMIX_GAMMA: u64 = 0x9e37_79b9_7f4a_7c15;

/// Sub-stream `index` of a stream's `key`: the numbers `index·256 … index·256 + 255` of the
/// SplitMix64 sequence started at `key`, a counter-based generator whose `n`-th number is
/// `mix(key + n·γ)`, so a sub-stream starts by a jump, not by drawing the ones before it.
fn sub_stream(key: u64, index: u64) -> SplitMix64 {
    let jump = index.wrapping_mul(SUB_STREAM).wrapping_mul(SPLITMIX_GAMMA);
    SplitMix64::seed_from_u64(key.wrapping_add(jump))
}

/// Where an application comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    /// Index into `Scenario::projects`.
    Known(usize),
    /// Index into `Scenario::project_types`.
    Random(usize),
}

/// One application and the outcome it will have if funded.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Application {
    pub source: Source,
    /// Total cost `C`, start-year prices.
    pub cost: f64,
    /// The success draw came true (even if the effect was truncated to 0).
    pub success: bool,
    /// Effect multiplier `e` on planned savings (0 when not successful).
    pub effect: f64,
    /// Years of delay beyond the planned effect lag (0 when not successful).
    pub extra_lag: usize,
    /// Cost overrun as a share of cost, `v ≥ 0`.
    pub overrun: f64,
    /// Arrival time within its year, in 0..1 (random applications are taken in this order).
    pub arrival: f64,
    /// Thinning number `t_i` in 0..1: a design of demand `D` sees the application only when
    /// `t_i < D / M`. 0 for known projects, and when every design's demand is 1.
    pub thinning: f64,
}

impl Application {
    /// The project's spec in `scenario`.
    pub fn spec<'s>(&self, scenario: &'s Scenario) -> &'s ProjectSpec {
        match self.source {
            Source::Known(i) => &scenario.projects()[i].spec,
            Source::Random(k) => &scenario.project_types()[k].spec,
        }
    }
}

/// Distributions that depend only on the scenario, built once per worker.
#[derive(Debug, Clone)]
pub struct Samplers {
    arrivals: Vec<Option<Poisson>>,
    type_extra_lag: Vec<Option<Poisson>>,
    known_extra_lag: Vec<Option<Poisson>>,
    /// Known projects' indices by start year (file order within a year).
    known_by_start: Vec<usize>,
    /// Random applications draw a thinning number (some design's demand is not 1).
    thins: bool,
    /// `Φ⁻¹(p)` of each project type's and each known project's success probability, against
    /// which a shared fate's latent draw is compared.
    type_success_bound: Vec<f64>,
    known_success_bound: Vec<f64>,
}

impl Samplers {
    /// Prepares the Poisson samplers of a validated scenario.
    pub fn new(scenario: &Scenario) -> Samplers {
        let demand = scenario.demand_base();
        let mut known_by_start: Vec<usize> = (0..scenario.projects().len()).collect();
        known_by_start.sort_by_key(|&i| scenario.projects()[i].start);
        Samplers {
            arrivals: scenario
                .project_types()
                .iter()
                .map(|t| Poisson::new(t.arrivals_per_year * demand))
                .collect(),
            type_extra_lag: scenario
                .project_types()
                .iter()
                .map(|t| Poisson::new(t.spec.extra_lag_mean))
                .collect(),
            known_extra_lag: scenario
                .projects()
                .iter()
                .map(|p| Poisson::new(p.spec.extra_lag_mean))
                .collect(),
            known_by_start,
            thins: scenario.thins(),
            type_success_bound: (scenario.project_types().iter())
                .map(|t| normal_quantile(t.spec.success_probability))
                .collect(),
            known_success_bound: (scenario.projects().iter())
                .map(|p| normal_quantile(p.spec.success_probability))
                .collect(),
        }
    }
}

/// A sampled future. Buffers are reused from path to path.
#[derive(Debug, Clone, Default)]
pub struct World {
    /// Nominal annual result: `[0]` is the year before the start, `[t + 1]` is year `t`.
    results: Vec<f64>,
    /// The standard normal `z_t` that drove year `t`'s annual result.
    result_shocks: Vec<f64>,
    /// Each unit's ordinary result as a share of its frame, `[t * units + u]`.
    unit_result_shares: Vec<f64>,
    /// Political will `w_t ~ U(0, 1)` per year.
    will: Vec<f64>,
    /// The path's shared fate `Z`, when its projects share one.
    fate: Option<f64>,
    /// All applications, by year; within a year known projects (file order) then random ones
    /// by arrival time.
    applications: Vec<Application>,
    /// `applications[year_starts[t]..year_starts[t + 1]]` are year `t`'s.
    year_starts: Vec<usize>,
    units: usize,
    /// Known projects' applications in file order (a buffer).
    known: Vec<Application>,
    /// Each project type's generator of yearly counts (a buffer).
    type_rngs: Vec<Xoshiro256PlusPlus>,
    /// Each project type's key of application sub-streams (a buffer).
    type_keys: Vec<u64>,
}

impl World {
    /// Builds a world by hand (for tests and worked examples): `results[t]` is year `t`'s
    /// nominal annual result, `unit_result_shares[t][u]` the units' ordinary results,
    /// `applications[t]` the applications of year `t` in the order they are taken.
    pub fn from_parts(
        last_result: f64,
        results: &[f64],
        unit_result_shares: &[Vec<f64>],
        will: &[f64],
        applications: &[Vec<Application>],
    ) -> World {
        let mut world = World {
            results: std::iter::once(last_result)
                .chain(results.iter().copied())
                .collect(),
            result_shocks: vec![0.0; results.len()],
            unit_result_shares: unit_result_shares.concat(),
            will: will.to_vec(),
            units: unit_result_shares.first().map_or(0, Vec::len),
            year_starts: vec![0],
            ..World::default()
        };
        for year in applications {
            world.applications.extend_from_slice(year);
            world.year_starts.push(world.applications.len());
        }
        world
    }

    /// Samples path `path` of `scenario` into this world's buffers.
    pub fn sample(&mut self, scenario: &Scenario, samplers: &Samplers, path: u64) {
        let years = scenario.years();
        let seed = scenario.seed();
        self.units = scenario.units().len();

        let mut rng = stream_rng(seed, path, MUNICIPALITY_STREAM);
        let ar = scenario.municipality().annual_result;
        let innovation_sd = ar.sd * (1.0 - ar.autocorrelation * ar.autocorrelation).sqrt();
        let mut real = scenario.municipality().last_result;
        self.results.clear();
        self.results.push(real);
        self.result_shocks.clear();
        self.will.clear();
        for t in 0..years {
            let z = standard_normal(&mut rng);
            self.result_shocks.push(z);
            real = ar.mean + ar.autocorrelation * (real - ar.mean) + innovation_sd * z;
            self.results.push(real * scenario.price_factor(t));
            self.will.push(rng.sample(StandardUniform));
        }

        self.unit_result_shares.clear();
        self.unit_result_shares.resize(years * self.units, 0.0);
        for (u, unit) in scenario.units().iter().enumerate() {
            let mut rng = stream_rng(seed, path, UNIT_STREAMS + u as u64);
            let o = unit.ordinary_result;
            let (shared, own) = (unit.correlation, (1.0 - unit.correlation.powi(2)).sqrt());
            for t in 0..years {
                let z = standard_normal(&mut rng);
                let z = shared * self.result_shocks[t] + own * z;
                self.unit_result_shares[t * self.units + u] = o.mean + o.sd * z;
            }
        }

        let outcomes = &scenario.outcomes();
        self.fate = outcomes.shared().then(|| {
            let mut rng = stream_rng(seed, path, FATE_STREAM);
            if outcomes.has_posterior() {
                outcomes.posterior_fate(rng.sample(StandardUniform))
            } else {
                standard_normal(&mut rng)
            }
        });
        let fate = self.fate.map(|z| Fate::new(outcomes.correlation, z));

        // Known projects draw their outcomes, each from its sub-stream, then are placed in
        // their year.
        let key = stream_key(seed, path, KNOWN_PROJECTS_STREAM);
        self.known.clear();
        for (i, project) in scenario.projects().iter().enumerate() {
            let rng = &mut sub_stream(key, i as u64);
            let lag = samplers.known_extra_lag[i].as_ref();
            let odds = Odds {
                fate,
                bound: samplers.known_success_bound[i],
            };
            let source = Source::Known(i);
            self.known
                .push(draw(rng, &project.spec, lag, source, false, odds));
        }
        let mut known = samplers.known_by_start.iter().peekable();

        self.type_rngs.clear();
        self.type_rngs.extend(
            (0..scenario.project_types().len())
                .map(|k| stream_rng(seed, path, PROJECT_TYPE_STREAMS + k as u64)),
        );
        self.type_keys.clear();
        self.type_keys.extend(
            (0..scenario.project_types().len())
                .map(|k| stream_key(seed, path, APPLICATION_STREAMS + k as u64)),
        );
        self.applications.clear();
        self.year_starts.clear();
        self.year_starts.push(0);
        for t in 0..years {
            while let Some(&i) = known.next_if(|&&i| scenario.projects()[i].start == t) {
                self.applications.push(self.known[i]);
            }
            let first_random = self.applications.len();
            for (k, project_type) in scenario.project_types().iter().enumerate() {
                let count = samplers.arrivals[k]
                    .as_ref()
                    .map_or(0, |p| p.sample(&mut self.type_rngs[k]));
                for i in 0..count {
                    // Sub-stream of the `i`-th application of year `t`.
                    let rng = &mut sub_stream(self.type_keys[k], (t as u64) << 32 | i as u64);
                    let lag = samplers.type_extra_lag[k].as_ref();
                    let source = Source::Random(k);
                    let thins = samplers.thins;
                    let odds = Odds {
                        fate,
                        bound: samplers.type_success_bound[k],
                    };
                    self.applications
                        .push(draw(rng, &project_type.spec, lag, source, thins, odds));
                }
            }
            self.applications[first_random..]
                .sort_unstable_by(|a, b| a.arrival.total_cmp(&b.arrival));
            self.year_starts.push(self.applications.len());
        }
    }

    /// Nominal annual result of year `t`; `t = -1` is the year before the start.
    pub fn annual_result(&self, t: isize) -> f64 {
        self.results[(t + 1) as usize]
    }

    /// Unit `u`'s ordinary result share in year `t`.
    pub fn unit_result_share(&self, t: usize, u: usize) -> f64 {
        self.unit_result_shares[t * self.units + u]
    }

    /// Political will `w_t`.
    pub fn will(&self, t: usize) -> f64 {
        self.will[t]
    }

    /// The path's shared fate `Z`, when its projects share one.
    pub fn fate(&self) -> Option<f64> {
        self.fate
    }

    /// The applications of year `t`, in the order they are taken.
    pub fn applications(&self, t: usize) -> &[Application] {
        &self.applications[self.year_starts[t]..self.year_starts[t + 1]]
    }
}

/// One standard normal draw (the ziggurat of `rand_distr`), always inlined: whether the compiler
/// inlined it on its own changed from build to build, and world sampling by some 25 000
/// instructions a path with it.
#[inline(always)]
fn standard_normal<R: Rng>(rng: &mut R) -> f64 {
    StandardNormal.sample(rng)
}

/// A path's shared fate as the outcome draws use it (MODEL.md 7.3).
#[derive(Debug, Clone, Copy)]
struct Fate {
    /// `√ρ·Z`: what the future adds to every project's latent draws.
    shared: f64,
    /// `√(1 − ρ)`: the weight of a project's own draws.
    own: f64,
}

impl Fate {
    fn new(correlation: f64, z: f64) -> Fate {
        Fate {
            shared: correlation.sqrt() * z,
            own: (1.0 - correlation).sqrt(),
        }
    }
}

/// What decides whether a project succeeds: the path's fate, if shared, and `Φ⁻¹(p)`.
#[derive(Debug, Clone, Copy)]
struct Odds {
    fate: Option<Fate>,
    bound: f64,
}

impl Odds {
    /// Success from the project's uniform `u`: `u < p` alone, or with a shared fate
    /// `Φ(√(1−ρ)·Φ⁻¹(u) − √ρ·Z) < p`, compared as `√(1−ρ)·Φ⁻¹(u) − √ρ·Z < Φ⁻¹(p)`.
    fn succeeds(&self, u: f64, p: f64) -> bool {
        match self.fate {
            None => u < p,
            Some(fate) => fate.own * normal_quantile(u) - fate.shared < self.bound,
        }
    }

    /// The effect's standard normal: the project's own `η`, or `√ρ·Z + √(1−ρ)·η`.
    fn effect_normal(&self, eta: f64) -> f64 {
        match self.fate {
            None => eta,
            Some(fate) => fate.shared + fate.own * eta,
        }
    }
}

/// Draws one application's outcome from its own sub-stream: cost, success, overrun, arrival,
/// the thinning number when `thins`, then, only when it succeeds, the effect and the extra
/// delay. Always inlined: the call's saved registers cost some 6 000 instructions a path.
#[inline(always)]
fn draw<R: Rng>(
    rng: &mut R,
    spec: &ProjectSpec,
    extra_lag: Option<&Poisson>,
    source: Source,
    thins: bool,
    odds: Odds,
) -> Application {
    let z_cost = standard_normal(rng);
    let u_success: f64 = rng.sample(StandardUniform);
    let z_overrun = standard_normal(rng);
    let arrival: f64 = rng.sample(StandardUniform);
    let thinning = if thins {
        rng.sample(StandardUniform)
    } else {
        0.0
    };
    let success = odds.succeeds(u_success, spec.success_probability);
    let (effect, extra_lag) = if success {
        let z_effect = odds.effect_normal(standard_normal(rng));
        (
            (spec.effect_size.mean + spec.effect_size.sd * z_effect).max(0.0),
            extra_lag.map_or(0, |p| p.sample(rng)),
        )
    } else {
        (0.0, 0)
    };
    Application {
        source,
        cost: spec.cost.median * (spec.cost.sigma * z_cost).exp(),
        success,
        effect,
        extra_lag,
        overrun: (spec.cost_overrun.mean + spec.cost_overrun.sd * z_overrun).max(0.0),
        arrival,
        thinning,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_sub_stream_is_a_block_of_its_streams_splitmix64_sequence() {
        let key = stream_key(1, 2, APPLICATION_STREAMS);
        let mut whole = sub_stream(key, 0);
        let first: Vec<u64> = (0..2 * SUB_STREAM).map(|_| whole.next_u64()).collect();
        let mut second = sub_stream(key, 1);
        assert_eq!(second.next_u64(), first[SUB_STREAM as usize]);
        assert_eq!(second.next_u64(), first[SUB_STREAM as usize + 1]);
        assert_eq!(first[0], mix(key));
    }
}
