//! Projects that share a fate (MODEL.md 7.3): the correlation of one future's projects, the
//! municipality's evaluations of finished ones, and the posterior of the shared fate `Z` they
//! give, tabulated once per scenario.

use super::check::{Checker, Field, Item, MAX_NAME};
use super::file::ScenarioFile;
use super::{KnownProject, ProjectType};
use crate::inputs::Input;
use crate::labels::problems::Said;

/// Points of the posterior's table, equally spaced on `[-Z_MAX, Z_MAX]`.
const POINTS: usize = 4001;
/// The table's half-width.
const Z_MAX: f64 = 8.0;

/// `[outcomes]` and `[[evaluation]]`, validated.
#[derive(Debug, Clone, Default)]
pub struct Outcomes {
    /// `ρ` in `0..1`: 0 draws every project's fate on its own, as version 2 did.
    pub correlation: f64,
    /// The evaluations, each with the success probability of what it is like.
    pub evaluations: Vec<Evaluation>,
    /// The table `Z` is drawn from when there are evaluations (none: `Z ~ N(0, 1)`).
    posterior: Option<Posterior>,
}

/// A finished project the municipality evaluated.
#[derive(Debug, Clone)]
pub struct Evaluation {
    pub name: String,
    /// The name of the project type or known project it is like.
    pub like: String,
    /// The success probability `p_e` of what it is like.
    pub success_probability: f64,
    pub succeeded: u32,
    pub failed: u32,
}

/// The posterior of `Z` on an equally spaced grid: `(c_i, z_i)` with `c_i` its cumulative
/// distribution, and its density for expectations.
#[derive(Debug, Clone)]
struct Posterior {
    cumulative: Vec<f64>,
    /// `π(z_i)`, normalised to sum to 1.
    weights: Vec<f64>,
}

/// Grid point `i` of the table.
fn grid(i: usize) -> f64 {
    -Z_MAX + 2.0 * Z_MAX * i as f64 / (POINTS - 1) as f64
}

impl Outcomes {
    /// The outcomes of a scenario; `evaluations` are only allowed with `correlation > 0`.
    pub fn new(correlation: f64, evaluations: Vec<Evaluation>) -> Outcomes {
        let posterior = (correlation > 0.0 && !evaluations.is_empty()).then(|| {
            let density: Vec<f64> = (0..POINTS)
                .map(|i| {
                    let z = grid(i);
                    // In logs: hundreds of evaluations would underflow a product.
                    evaluations.iter().fold(-0.5 * z * z, |log, e| {
                        let p = e.success_probability;
                        let s = success_given_fate(p, correlation, z);
                        let fail = failure_given_fate(p, correlation, z);
                        log + log_power(s, e.succeeded) + log_power(fail, e.failed)
                    })
                })
                .collect();
            let top = density.iter().copied().fold(f64::NEG_INFINITY, f64::max);
            if !top.is_finite() {
                // Outcomes that cannot have happened at this correlation on the whole grid.
                return None;
            }
            let density: Vec<f64> = density.iter().map(|log| (log - top).exp()).collect();
            let total: f64 = density.iter().sum();
            let weights: Vec<f64> = density.iter().map(|d| d / total).collect();
            let mut sum = 0.0;
            let cumulative = weights
                .iter()
                .map(|w| {
                    sum += w;
                    sum
                })
                .collect();
            Some(Posterior {
                cumulative,
                weights,
            })
        });
        let posterior = posterior.flatten();
        Outcomes {
            correlation,
            evaluations,
            posterior,
        }
    }

    /// Projects share a fate: each path draws `Z`.
    pub fn shared(&self) -> bool {
        self.correlation > 0.0
    }

    /// Whether `Z` is drawn from the evaluations' posterior (from a uniform) rather than from
    /// `N(0, 1)`.
    pub fn has_posterior(&self) -> bool {
        self.posterior.is_some()
    }

    /// The posterior's `Z` at uniform `v`: the linear interpolation of `(c_i, z_i)` at `v`,
    /// `z_0` at or below `c_0` and the last point at or above the last `c` (as `numpy.interp`).
    pub fn posterior_fate(&self, v: f64) -> f64 {
        let Some(posterior) = &self.posterior else {
            return 0.0;
        };
        let c = &posterior.cumulative;
        if v <= c[0] {
            return grid(0);
        }
        // `c[0] < v`, so the first point at or above `v` is not the first.
        // The first point whose cumulative share is at least v.
        let i = c.partition_point(|&ci| ci < v);
        if i >= POINTS {
            return grid(POINTS - 1);
        }
        let (c0, c1) = (c[i - 1], c[i]);
        grid(i - 1) + (grid(i) - grid(i - 1)) * (v - c0) / (c1 - c0)
    }

    /// `E[g(Z)]` under the fate's distribution: the posterior's table, or the standard normal
    /// on the same grid.
    pub fn expect(&self, g: impl Fn(f64) -> f64) -> f64 {
        match &self.posterior {
            Some(posterior) => (posterior.weights.iter().enumerate())
                .map(|(i, w)| w * g(grid(i)))
                .sum(),
            None => {
                let weights = (0..POINTS).map(|i| (-0.5 * grid(i) * grid(i)).exp());
                let total: f64 = weights.clone().sum();
                weights
                    .enumerate()
                    .map(|(i, w)| w * g(grid(i)))
                    .sum::<f64>()
                    / total
            }
        }
    }

    /// The chance that a new project of success probability `p` succeeds, given the fate's
    /// distribution (`p` itself without evaluations).
    pub fn chance_of_success(&self, p: f64) -> f64 {
        if !self.shared() {
            return p;
        }
        self.expect(|z| success_given_fate(p, self.correlation, z))
    }

    /// `E[1{success}·e]` of a project of success probability `p` and effect `N(mean, sd)`
    /// (the effect's truncation at 0 aside, as MODEL.md 6.8): `E[S(Z)·(mean + sd·√ρ·Z)]`, since
    /// a future that is good for success is good for the effect too. `p·mean` when nothing is
    /// shared.
    pub fn expected_effect(&self, p: f64, mean: f64, sd: f64) -> f64 {
        if !self.shared() {
            return p * mean;
        }
        let rho = self.correlation;
        self.expect(|z| success_given_fate(p, rho, z) * (mean + sd * rho.sqrt() * z))
    }

    /// `E[S(Z)] − p` for `p = 0.5`: how far the evaluations move a coin-flip project (0
    /// without evaluations).
    pub fn posterior_success_shift(&self) -> f64 {
        if self.posterior.is_none() {
            return 0.0;
        }
        self.chance_of_success(0.5) - 0.5
    }
}

/// Validates `[outcomes]` and `[[evaluation]]`: the correlation in `0..1`, each evaluation's
/// counts, what it is like (project types first, then known projects), and that its outcome
/// could have happened.
pub(super) fn validate_outcomes(
    c: &mut Checker,
    file: &ScenarioFile,
    project_types: &[ProjectType],
    projects: &[KnownProject],
) -> Outcomes {
    let correlation = c.number(
        Field::input(Input::FateCorrelation),
        file.outcomes.correlation,
    );
    let evaluations = (file.evaluation.iter().enumerate())
        .map(|(i, e)| {
            let at = Item::new("evaluation", i, format!("evaluation \"{}\"", e.name));
            c.name(at.key("name"), &e.name, MAX_NAME);
            c.name(at.key("like"), &e.like, MAX_NAME);
            let succeeded = c.whole(at.input(Input::Succeeded), e.succeeded) as u32;
            let failed = c.whole(at.input(Input::Failed), e.failed) as u32;
            if e.succeeded == 0 && e.failed == 0 {
                c.fail(at.key("failed"), Said::of(|w| w.no_outcome));
            }
            if file.outcomes.correlation == 0.0 {
                c.fail(at.key("like"), Said::of(|w| w.evaluation_needs_correlation));
            }
            let specs =
                (project_types.iter().map(|t| &t.spec)).chain(projects.iter().map(|p| &p.spec));
            let names: Vec<&str> = specs.clone().map(|s| s.name.as_str()).collect();
            let p = match specs.clone().find(|s| s.name == e.like) {
                Some(spec) => spec.success_probability,
                None => {
                    let known = names.join("\", \"");
                    let values = [("like", e.like.as_str()), ("names", &known)];
                    c.fail(at.key("like"), Said::filled(|w| w.unknown_like, &values));
                    0.5
                }
            };
            let impossible = (p == 0.0 && e.succeeded > 0)
                .then_some("succeeded")
                .or((p == 1.0 && e.failed > 0).then_some("failed"));
            if let Some(key) = impossible {
                let chance = p.to_string();
                let values = [("like", e.like.as_str()), ("p", &chance)];
                c.fail(at.key(key), Said::filled(|w| w.impossible_outcome, &values));
            }
            Evaluation {
                name: e.name.clone(),
                like: e.like.clone(),
                success_probability: p,
                succeeded,
                failed,
            }
        })
        .collect::<Vec<Evaluation>>();
    let outcomes = Outcomes::new(correlation, evaluations);
    if outcomes.shared() && !outcomes.evaluations.is_empty() && !outcomes.has_posterior() {
        let first = &outcomes.evaluations[0];
        let at = Item::new("evaluation", 0, format!("evaluation \"{}\"", first.name));
        let p = first.success_probability.to_string();
        let values = [("like", first.like.as_str()), ("p", p.as_str())];
        c.fail(
            at.key("like"),
            Said::filled(|w| w.impossible_outcome, &values),
        );
    }
    outcomes
}

/// `n · ln s`, with `0 · ln 0 = 0`.
fn log_power(s: f64, n: u32) -> f64 {
    if n == 0 { 0.0 } else { f64::from(n) * s.ln() }
}

/// `S(z) = Φ((√ρ·z − Φ⁻¹(1 − p)) / √(1 − ρ))`: the chance that a project of probability `p`
/// succeeds in a future of fate `z` (0 when `p = 0`, 1 when `p = 1`).
pub fn success_given_fate(p: f64, rho: f64, z: f64) -> f64 {
    if p <= 0.0 {
        0.0
    } else if p >= 1.0 {
        1.0
    } else {
        // −Φ⁻¹(1 − p) written as Φ⁻¹(p), which keeps its digits for tiny p.
        normal_cdf((rho.sqrt() * z + normal_quantile(p)) / (1.0 - rho).sqrt())
    }
}

/// `1 − S(z)`, computed as `Φ(−x)` so that it keeps its digits where `S` is near 1.
fn failure_given_fate(p: f64, rho: f64, z: f64) -> f64 {
    if p <= 0.0 {
        1.0
    } else if p >= 1.0 {
        0.0
    } else {
        normal_cdf(-(rho.sqrt() * z + normal_quantile(p)) / (1.0 - rho).sqrt())
    }
}

/// `Φ(x)`, the standard normal distribution function.
pub fn normal_cdf(x: f64) -> f64 {
    0.5 * libm::erfc(-x / std::f64::consts::SQRT_2)
}

/// `Φ⁻¹(p)` for `p` in `0..=1` (−∞ at 0, +∞ at 1): Wichura's algorithm AS 241 (PPND16),
/// about 16 significant digits.
pub fn normal_quantile(p: f64) -> f64 {
    if p <= 0.0 {
        return f64::NEG_INFINITY;
    }
    if p >= 1.0 {
        return f64::INFINITY;
    }
    let q = p - 0.5;
    if q.abs() <= 0.425 {
        let r = 0.180625 - q * q;
        return q * rational(r, &AS241_A, &AS241_B);
    }
    let r = if q < 0.0 { p } else { 1.0 - p };
    let r = (-r.ln()).sqrt();
    let x = if r <= 5.0 {
        rational(r - 1.6, &AS241_C, &AS241_D)
    } else {
        rational(r - 5.0, &AS241_E, &AS241_F)
    };
    if q < 0.0 { -x } else { x }
}

/// `(a₀ + a₁x + … + a₇x⁷) / (1 + b₁x + … + b₇x⁷)`.
fn rational(x: f64, a: &[f64; 8], b: &[f64; 7]) -> f64 {
    let numerator = a.iter().rev().fold(0.0, |sum, &c| sum * x + c);
    let denominator = b.iter().rev().fold(0.0, |sum, &c| sum * x + c) * x + 1.0;
    numerator / denominator
}

const AS241_A: [f64; 8] = [
    3.387_132_872_796_366_5,
    133.141_667_891_784_38,
    1_971.590_950_306_551_3,
    13_731.693_765_509_46,
    45_921.953_931_549_87,
    67_265.770_927_008_7,
    33_430.575_583_588_13,
    2_509.080_928_730_122_7,
];
const AS241_B: [f64; 7] = [
    42.313_330_701_600_91,
    687.187_007_492_057_9,
    5_394.196_021_424_751,
    21_213.794_301_586_596,
    39_307.895_800_092_71,
    28_729.085_735_721_943,
    5_226.495_278_852_545,
];
const AS241_C: [f64; 8] = [
    1.423_437_110_749_683_5,
    4.630_337_846_156_546,
    5.769_497_221_460_691,
    3.647_848_324_763_204_5,
    1.270_458_252_452_368_4,
    0.241_780_725_177_450_6,
    0.022_723_844_989_269_184,
    7.745_450_142_783_414e-4,
];
const AS241_D: [f64; 7] = [
    2.053_191_626_637_759,
    1.676_384_830_183_803_8,
    0.689_767_334_985_1,
    0.148_103_976_427_480_08,
    0.015_198_666_563_616_457,
    5.475_938_084_995_345e-4,
    1.050_750_071_644_416_9e-9,
];
const AS241_E: [f64; 8] = [
    6.657_904_643_501_103,
    5.463_784_911_164_114,
    1.784_826_539_917_291_3,
    0.296_560_571_828_504_87,
    0.026_532_189_526_576_124,
    0.001_242_660_947_388_078_4,
    2.711_555_568_743_487_6e-5,
    2.010_334_399_292_288_1e-7,
];
const AS241_F: [f64; 7] = [
    0.599_832_206_555_888,
    0.136_929_880_922_735_8,
    0.014_875_361_290_850_615,
    7.868_691_311_456_133e-4,
    1.846_318_317_510_054_8e-5,
    1.421_511_758_316_446e-7,
    2.044_263_103_389_939_8e-15,
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_quantile_inverts_the_distribution_function() {
        for &p in &[1e-12, 1e-6, 0.01, 0.025, 0.3, 0.5, 0.7, 0.975, 0.999_999] {
            let x = normal_quantile(p);
            assert!((normal_cdf(x) - p).abs() < 1e-14 * p.max(1e-3), "{p}");
        }
        // Φ⁻¹(0.975) = 1.959963984540054 (tables).
        assert!((normal_quantile(0.975) - 1.959_963_984_540_054).abs() < 1e-14);
    }

    #[test]
    fn without_evaluations_a_project_keeps_its_chance() {
        let outcomes = Outcomes::new(0.4, Vec::new());
        // E[S(Z)] = p for Z ~ N(0, 1): the latent draw is a standard normal.
        assert!((outcomes.chance_of_success(0.3) - 0.3).abs() < 1e-9);
        assert_eq!(outcomes.posterior_success_shift(), 0.0);
    }

    #[test]
    fn a_success_seen_raises_the_chance_of_the_next() {
        let evaluation = Evaluation {
            name: "A".into(),
            like: "T".into(),
            success_probability: 0.5,
            succeeded: 3,
            failed: 0,
        };
        let outcomes = Outcomes::new(0.5, vec![evaluation]);
        assert!(outcomes.posterior_success_shift() > 0.05);
        // The table's interpolation is monotone and spans the grid.
        assert!(outcomes.posterior_fate(0.1) < outcomes.posterior_fate(0.9));
        assert_eq!(outcomes.posterior_fate(0.0), -Z_MAX);
    }
}
