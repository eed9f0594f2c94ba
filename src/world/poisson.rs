//! Poisson draws for the world: by inverting a table of the distribution function for small
//! means (one uniform a draw), by `rand_distr` for large ones.

use rand::{Rng, RngExt};
use rand_distr::{Distribution, StandardUniform};

/// Means below this are drawn from a table. `rand_distr` draws them by Knuth's method, about
/// `mean + 1` uniforms a draw; the table's search makes `mean + 1` comparisons on one uniform.
/// From 12 on `rand_distr` uses a rejection method of a few uniforms whatever the mean.
const TABLE_BELOW: f64 = 12.0;

/// The tail left out of a table: a uniform of 53 bits (`StandardUniform`'s `f64`) cannot tell
/// an interval this short from none.
const TAIL: f64 = 1.0 / (1u64 << 53) as f64;

/// A Poisson distribution of a positive mean.
#[derive(Debug, Clone)]
pub enum Poisson {
    /// `cdf[k] = P(K ≤ k)` for `k < cdf.len()`, the table ending where `P(K ≥ cdf.len())`
    /// falls below 2⁻⁵³; a draw is the first `k` with `u < cdf[k]`, or `cdf.len()` (the tail
    /// lumped into one value).
    Table(Box<[f64]>),
    /// `rand_distr`'s sampler.
    Sampler(rand_distr::Poisson<f64>),
}

impl Poisson {
    /// The distribution of mean `mean > 0`, or `None` for a mean of 0 (always 0, no draw).
    pub fn new(mean: f64) -> Option<Poisson> {
        if mean <= 0.0 {
            None
        } else if mean < TABLE_BELOW {
            Some(Poisson::Table(table(mean)))
        } else {
            Some(Poisson::Sampler(
                rand_distr::Poisson::new(mean).expect("a validated mean"),
            ))
        }
    }

    /// One draw; always inlined (a call costs some 16 instructions a draw in saved registers).
    #[inline(always)]
    pub fn sample<R: Rng>(&self, rng: &mut R) -> usize {
        match self {
            Poisson::Table(cdf) => {
                let u: f64 = rng.sample(StandardUniform);
                cdf.iter().take_while(|&&f| f <= u).count()
            }
            Poisson::Sampler(p) => p.sample(rng) as usize,
        }
    }
}

/// The distribution function of a Poisson distribution of mean `0 < mean < 12` up to the first
/// `k` whose upper tail `P(K > k)` is below 2⁻⁵³. Probabilities are summed from the top, where
/// they are small, to find that `k`, and from the bottom for the table, so that neither sum
/// loses the small terms.
fn table(mean: f64) -> Box<[f64]> {
    let mut pmf = vec![(-mean).exp()];
    // Past the mean the terms fall at least geometrically; 10⁻³⁰⁰ is far below 2⁻⁵³ of them.
    while pmf.len() as f64 <= mean || *pmf.last().expect("one term") > 1e-300 {
        let k = pmf.len() as f64;
        pmf.push(pmf.last().expect("one term") * mean / k);
    }
    let mut tail = 0.0;
    let mut len = pmf.len();
    for (k, p) in pmf.iter().enumerate().rev() {
        tail += p;
        if tail >= TAIL {
            len = k + 1;
            break;
        }
    }
    pmf[..len]
        .iter()
        .scan(0.0, |cdf, p| {
            *cdf += p;
            Some(*cdf)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::SeedableRng;
    use rand_xoshiro::Xoshiro256PlusPlus;

    /// `P(K = k)` computed apart: `exp(k·ln(mean) − mean − ln k!)`.
    fn pmf(mean: f64, k: usize) -> f64 {
        let ln_factorial: f64 = (1..=k).map(|i| (i as f64).ln()).sum();
        (k as f64 * mean.ln() - mean - ln_factorial).exp()
    }

    #[test]
    fn the_tables_probabilities_are_the_poisson_pmf_and_leave_out_under_2_to_the_minus_53() {
        for mean in [1e-3, 0.1, 0.5, 1.0, 2.0, 4.5, 7.5, 11.99] {
            let Some(Poisson::Table(cdf)) = Poisson::new(mean) else {
                panic!("mean {mean} is drawn from a table");
            };
            let mut below = 0.0;
            for (k, &f) in cdf.iter().enumerate() {
                let p = pmf(mean, k);
                assert!(
                    ((f - below) - p).abs() <= 1e-15 + 1e-12 * p,
                    "mean {mean}, k {k}"
                );
                below = f;
            }
            let left_out: f64 = (cdf.len()..cdf.len() + 200).map(|k| pmf(mean, k)).sum();
            assert!(left_out < TAIL, "mean {mean}: tail {left_out}");
            let one_shorter = left_out + pmf(mean, cdf.len() - 1);
            assert!(
                one_shorter >= TAIL,
                "mean {mean}: the table is as short as it can be"
            );
        }
    }

    /// Pearson's chi-square of 400 000 draws against the pmf, the values with fewer than 20
    /// expected draws pooled with the nearest kept one; the bound is the chi-square
    /// distribution's 0.999 quantile (Wilson and Hilferty's approximation).
    #[test]
    fn draws_follow_the_poisson_pmf() {
        let mut rng = Xoshiro256PlusPlus::seed_from_u64(24);
        for mean in [0.5, 2.0, 9.0, 30.0] {
            let poisson = Poisson::new(mean).expect("a positive mean");
            let n = 400_000;
            let mut counts = vec![0u64; 200];
            for _ in 0..n {
                counts[poisson.sample(&mut rng).min(199)] += 1;
            }
            let expected: Vec<f64> = (0..200).map(|k| n as f64 * pmf(mean, k)).collect();
            let first = expected
                .iter()
                .position(|&e| e >= 20.0)
                .expect("a kept value");
            let last = expected
                .iter()
                .rposition(|&e| e >= 20.0)
                .expect("a kept value");
            let pooled = |range: std::ops::Range<usize>| -> (f64, f64) {
                let observed = counts[range.clone()].iter().sum::<u64>() as f64;
                (observed, expected[range].iter().sum())
            };
            let mut cells: Vec<(f64, f64)> = (first + 1..last).map(|k| pooled(k..k + 1)).collect();
            cells.push(pooled(0..first + 1));
            cells.push(pooled(last..200));
            let chi2: f64 = cells.iter().map(|(o, e)| (o - e).powi(2) / e).sum();
            let df = (cells.len() - 1) as f64;
            let bound = df * (1.0 - 2.0 / (9.0 * df) + 3.09 * (2.0 / (9.0 * df)).sqrt()).powi(3);
            assert!(
                chi2 < bound,
                "mean {mean}: chi-square {chi2} on {df} degrees of freedom"
            );
        }
    }
}
