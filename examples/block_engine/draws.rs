//! Random numbers for lanes of futures: a generator per future, and the uniforms, normals,
//! exponentials and Poisson counts the world draws, each written once for any [`Lane`].
//!
//! The functions are the textbook ones with polynomials long enough for double precision on
//! the ranges used: `ln` by `2·atanh`, `exp` by range reduction and Taylor's series, the normal
//! by Box and Muller, Poisson counts by inverting a table of the distribution function.

use sifsim::internals::world::Poisson;
use sifsim::scenario::as241;

use crate::lanes::{Bits, Lane};
use crate::ziggurat::{self, SplitMix, Ziggurat};

/// 2⁵²: a float whose lowest mantissa bit is 1, so that adding a whole number below 2⁵² to it
/// puts that number in the mantissa's bits.
const TWO_52: f64 = (1u64 << 52) as f64;

/// SplitMix64's increment.
const GAMMA: u64 = 0x9e37_79b9_7f4a_7c15;

/// SplitMix64's output function of `x + γ`, a bijective mix of 64 bits.
#[inline(always)]
pub fn mix<B: Bits>(x: B) -> B {
    let z = x.add(B::splat(GAMMA));
    let z = z.xor(z.shr(30)).mul(B::splat(0xbf58_476d_1ce4_e5b9));
    let z = z.xor(z.shr(27)).mul(B::splat(0x94d0_49bb_1331_11eb));
    z.xor(z.shr(31))
}

/// xoshiro256+ in each lane: four adds, xors and shifts a number, no multiply, so cheap in
/// vector registers of any width. Its top 53 bits, all a uniform uses, are of full quality.
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
        ziggurat::normal(zig, self.next(), |i| SplitMix(mix(key.lane(i) ^ n.wrapping_mul(GAMMA))))
    }
}

/// `Φ⁻¹(p)` for `p` in `(0, 1)`: AS 241, as `sifsim::scenario::normal_quantile` computes it;
/// the tails' logarithm only when some lane is in a tail (15 % of draws a lane).
#[inline(always)]
pub fn quantile<L: Lane>(p: L) -> L {
    let zero = L::splat(0.0);
    let q = p - L::splat(0.5);
    let central = q * rational(L::splat(0.180_625) - q * q, &as241::A, &as241::B);
    let tail = L::splat(0.425).lt(q.max(-q));
    if !L::any(tail) {
        return central;
    }
    let r = (-ln(p.min(L::splat(1.0) - p))).sqrt();
    let mut x = rational(r - L::splat(1.6), &as241::C, &as241::D);
    let far = L::splat(5.0).lt(r);
    if L::any(far) {
        x = L::select(far, rational(r - L::splat(5.0), &as241::E, &as241::F), x);
    }
    L::select(tail, L::select(q.lt(zero), -x, x), central)
}

/// `(a₀ + a₁x + … + a₇x⁷) / (1 + b₁x + … + b₇x⁷)`.
#[inline(always)]
fn rational<L: Lane>(x: L, a: &[f64; 8], b: &[f64; 7]) -> L {
    let numerator = a.iter().rev().fold(L::splat(0.0), |sum, &c| sum * x + L::splat(c));
    let denominator = b.iter().rev().fold(L::splat(0.0), |sum, &c| sum * x + L::splat(c));
    numerator / (denominator * x + L::splat(1.0))
}

/// A uniform in `[0, 1)` from a word, a multiple of 2⁻⁵²: its top 52 bits under the exponent
/// of 1.
#[inline(always)]
pub fn uniform<L: Lane>(word: L::Bits) -> L {
    let one = L::from_bits(word.shr(12).or(L::Bits::splat(0x3ff0_0000_0000_0000)));
    one - L::splat(1.0)
}

/// `ln x` for normal positive `x` (here `x` in `[2⁻⁵², 1]`).
#[inline(always)]
pub fn ln<L: Lane>(x: L) -> L {
    let bits = x.to_bits();
    // The exponent as a float: its 11 bits under the exponent of 2⁵², less 2⁵² + 1023.
    let biased = L::from_bits(bits.shr(52).or(L::Bits::splat(0x4330_0000_0000_0000)));
    let exponent = biased - L::splat(TWO_52 + 1023.0);
    // The mantissa in [1, 2), moved to [√½, √2).
    let mantissa = L::from_bits(
        bits.and(L::Bits::splat(0x000f_ffff_ffff_ffff))
            .or(L::Bits::splat(0x3ff0_0000_0000_0000)),
    );
    let high = L::lt(L::splat(std::f64::consts::SQRT_2), mantissa);
    let m = L::select(high, mantissa * L::splat(0.5), mantissa);
    let e = L::select(high, exponent + L::splat(1.0), exponent);
    // ln m = 2·atanh(s), s = (m − 1)/(m + 1), |s| ≤ 0.1716: ten terms reach 10⁻¹⁶.
    let s = (m - L::splat(1.0)) / (m + L::splat(1.0));
    let s2 = s * s;
    let series = (1..10)
        .rev()
        .fold(L::splat(0.0), |sum, k| (sum + L::splat(1.0 / (2 * k + 1) as f64)) * s2);
    e * L::splat(std::f64::consts::LN_2) + L::splat(2.0) * s * (L::splat(1.0) + series)
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
    let series = (1..=13)
        .rev()
        .fold(L::splat(1.0), |sum, n| L::splat(1.0) + r * sum * L::splat(1.0 / n as f64));
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
    loop {
        let beyond = cdf.le(u);
        if !L::any(beyond) {
            return count;
        }
        count = count + L::select(beyond, L::splat(1.0), L::splat(0.0));
        term = term * mean / count;
        cdf = cdf + term;
    }
}

/// `P(X ≤ j)` of a Poisson distribution of `mean` (today's engine's table, whose tail is
/// below 2⁻⁵³), padded with 2.0 (never reached) to `len` entries.
pub fn poisson_table(mean: f64, len: usize) -> Vec<f64> {
    let mut table = match Poisson::new(mean) {
        None => vec![],
        Some(Poisson::Table(cdf)) => cdf.into_vec(),
        Some(Poisson::Sampler(_)) => panic!("a Poisson mean of {mean} is beyond the prototype"),
    };
    assert!(table.len() < len, "a Poisson mean of {mean} needs a longer table");
    table.resize(len, 2.0);
    table
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Relative error of `got` against `want`.
    fn error(got: f64, want: f64) -> f64 {
        ((got - want) / want).abs()
    }

    #[test]
    fn ln_exp_and_the_quantile_agree_with_the_standard_library_and_sifsim() {
        for i in 1..=10_000 {
            let x = i as f64 / 10_000.0;
            assert!(error(ln(x), x.ln()) < 4e-16 || (ln(x) - x.ln()).abs() < 1e-16, "ln {x}: {} {}", ln(x), x.ln());
            let y = (x - 0.5) * 40.0;
            assert!(error(exp(y), y.exp()) < 4e-16, "exp {y}: {} {}", exp(y), y.exp());
            let (sin, cos) = sin_cos_turns(x - 1e-4);
            let angle = std::f64::consts::TAU * (x - 1e-4);
            assert!((sin - angle.sin()).abs() < 1e-15, "sin {x}");
            assert!((cos - angle.cos()).abs() < 1e-15, "cos {x}: {cos} {}", angle.cos());
        }
    }
}
