//! Random numbers for lanes of futures: a generator per future, and the uniforms, normals,
//! exponentials and Poisson counts the world draws, each written once for any [`Lane`].
//!
//! Generators are xoshiro256+ in each lane (adds, xors and shifts only); normals come from the
//! ziggurat (`ziggurat.rs`), `exp` from range reduction and Taylor's series, Poisson counts from
//! inverting the distribution function.

use sifsim::internals::world::Poisson;

use crate::lanes::{Bits, Lane, TABLE};
use crate::ziggurat::{self, SplitMix, Ziggurat};

/// 2⁵²: a float whose lowest mantissa bit is 1, so that adding a whole number below 2⁵² to it
/// puts that number in the mantissa's bits.
const TWO_52: f64 = (1u64 << 52) as f64;

/// SplitMix64's increment.
pub const GAMMA: u64 = 0x9e37_79b9_7f4a_7c15;

/// SplitMix64's output function of `x + γ`, a bijective mix of 64 bits.
#[inline(always)]
pub fn mix<B: Bits>(x: B) -> B {
    let z = x.add(B::splat(GAMMA));
    let z = z.xor(z.shr(30)).mul(B::splat(0xbf58_476d_1ce4_e5b9));
    let z = z.xor(z.shr(27)).mul(B::splat(0x94d0_49bb_1331_11eb));
    z.xor(z.shr(31))
}

/// xoshiro256+ in each lane: an add, six xors and four shifts a number, no multiply, so cheap
/// in vector registers of any width. Its top 52 bits, all a uniform uses, are of full quality.
/// The rotate is written with `^`, not `|`: the compiler turns `|` into a scalar rotate lane by
/// lane, AVX2 having no vector one.
#[derive(Clone, Copy)]
pub struct Rng<B> {
    s: [B; 4],
    /// The key it was seeded with, and normals drawn so far: what keys a lane's slow draw.
    key: B,
    normals: u64,
}

impl<B: Bits> Rng<B> {
    /// The generator keyed by `key` in each lane, its state filled by SplitMix64.
    #[inline(always)]
    pub fn new(key: B) -> Rng<B> {
        let step = |n: u64| mix(key.add(B::splat(n.wrapping_mul(GAMMA))));
        Rng {
            s: [step(0), step(1), step(2), step(3)],
            key,
            normals: 0,
        }
    }

    #[inline(always)]
    pub fn next(&mut self) -> B {
        let [s0, s1, s2, s3] = self.s;
        let result = s0.add(s3);
        let t = s1.shl(17);
        let s2 = s2.xor(s0);
        let s3 = s3.xor(s1);
        let s1 = s1.xor(s2);
        let s0 = s0.xor(s3);
        let s2 = s2.xor(t);
        let s3 = s3.shl(45).xor(s3.shr(19));
        self.s = [s0, s1, s2, s3];
        result
    }

    /// A uniform in `[0, 1)`.
    #[inline(always)]
    pub fn uniform<L: Lane<Bits = B>>(&mut self) -> L {
        uniform(self.next())
    }

    /// A standard normal by the ziggurat: one word a lane, and rarely a lane's own generator.
    #[inline(always)]
    pub fn normal<L: Lane<Bits = B>>(&mut self, zig: &Ziggurat) -> L {
        self.normals += 1;
        let (key, n) = (self.key, self.normals);
        ziggurat::normal(zig, self.next(), |i| {
            SplitMix(mix(key.lane(i) ^ n.wrapping_mul(GAMMA)))
        })
    }
}

/// A uniform in `[0, 1)` from a word, a multiple of 2⁻⁵²: its top 52 bits under the exponent
/// of 1.
#[inline(always)]
pub fn uniform<L: Lane>(word: L::Bits) -> L {
    let one = L::from_bits(word.shr(12).or(L::Bits::splat(0x3ff0_0000_0000_0000)));
    one - L::splat(1.0)
}

/// `eˣ` for `|x| < 700`.
#[inline(always)]
pub fn exp<L: Lane>(x: L) -> L {
    // x = k·ln 2 + r, |r| ≤ ½ ln 2; ln 2 in two parts so that r is exact enough.
    const LN2_HIGH: f64 = 0.693_147_180_369_123_8;
    const LN2_LOW: f64 = 1.908_214_929_270_587_7e-10;
    let k = (x * L::splat(std::f64::consts::LOG2_E)).round();
    let r = (x - k * L::splat(LN2_HIGH)) - k * L::splat(LN2_LOW);
    // Taylor to r¹³/13!, under 2·10⁻¹⁶ of eʳ on this range.
    let series = (1..=13).rev().fold(L::splat(1.0), |sum, n| {
        L::splat(1.0) + r * sum * L::splat(1.0 / n as f64)
    });
    // 2ᵏ: k + 1023 in the exponent's bits.
    let biased = (k + L::splat(TWO_52 + 1023.0)).to_bits();
    series * L::from_bits(biased.shl(52))
}

/// A count from a uniform `u`, by inverting a distribution function: the number of `cdf(j)`
/// that `u` reaches, stopping when no lane reaches the next; `len` bounds `j`.
#[inline(always)]
pub fn cumulative<L: Lane>(u: L, len: usize, cdf: impl Fn(usize) -> L) -> L {
    let mut count = L::splat(0.0);
    for j in 0..len {
        let beyond = cdf(j).le(u);
        if !L::any(beyond) {
            break;
        }
        count = count + L::select(beyond, L::splat(1.0), L::splat(0.0));
    }
    count
}

/// A Poisson count of mean `mean` (`zero` = `e^−mean`), each lane its own, from a uniform
/// `u`, by inversion, the distribution function summed term by term as lanes need it.
#[inline(always)]
pub fn poisson<L: Lane>(u: L, mean: L, zero: L) -> L {
    let (mut count, mut term, mut cdf) = (L::splat(0.0), zero, zero);
    // Bounded: a summed distribution function may stop short of the largest uniform.
    for _ in 0..TABLE {
        let beyond = cdf.le(u);
        if !L::any(beyond) {
            break;
        }
        count = count + L::select(beyond, L::splat(1.0), L::splat(0.0));
        term = term * mean / count;
        cdf = cdf + term;
    }
    count
}

/// `P(X ≤ j)` of a Poisson distribution of `mean` (today's engine's table, whose tail is
/// below 2⁻⁵³), padded with 2.0 (never reached) to `len` entries.
pub fn poisson_table(mean: f64, len: usize) -> Vec<f64> {
    let mut table = match Poisson::new(mean) {
        None => vec![],
        Some(Poisson::Table(cdf)) => cdf.into_vec(),
        Some(Poisson::Sampler(_)) => panic!("a Poisson mean of {mean} is beyond the prototype"),
    };
    assert!(
        table.len() < len,
        "a Poisson mean of {mean} needs a longer table"
    );
    table.resize(len, 2.0);
    table
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lanes::F64s;

    #[test]
    fn exp_agrees_with_the_standard_library() {
        for i in 1..=10_000 {
            let x = (i as f64 / 10_000.0 - 0.5) * 40.0;
            let error = ((exp(x) - x.exp()) / x.exp()).abs();
            assert!(error < 4e-16, "exp {x}: {} against {}", exp(x), x.exp());
        }
    }

    /// Mean and variance of `n` draws in lanes.
    fn moments(n: usize, mut draw: impl FnMut() -> F64s) -> (f64, f64) {
        let values: Vec<f64> = (0..n).flat_map(|_| draw().0).collect();
        let mean = values.iter().sum::<f64>() / values.len() as f64;
        let variance = values.iter().map(|v| (v - mean).powi(2)).sum::<f64>() / values.len() as f64;
        (mean, variance)
    }

    #[test]
    fn normals_and_poisson_counts_have_their_moments() {
        // 400 000 draws: the mean's standard error is 1/√400 000 = 0.0016, the variance's
        // √(2/400 000) = 0.0022 for the normal; both within 4 of them.
        let zig = Ziggurat::new();
        let mut rng = Rng::new(<F64s as Lane>::Bits::from_fn(|i| i as u64));
        let (mean, variance) = moments(100_000, || rng.normal(&zig));
        assert!(
            mean.abs() < 0.0064 && (variance - 1.0).abs() < 0.009,
            "{mean} {variance}"
        );
        // Poisson of mean 0.5 (variance 0.5): standard error of the mean √(0.5/400 000) = 0.0011.
        let (lambda, zero) = (F64s::splat(0.5), F64s::splat((-0.5f64).exp()));
        let (mean, variance) = moments(100_000, || poisson(rng.uniform(), lambda, zero));
        assert!(
            (mean - 0.5).abs() < 0.0045 && (variance - 0.5).abs() < 0.01,
            "{mean} {variance}"
        );
    }
}
