//! Standard normals in lanes by Marsaglia and Tsang's ziggurat (256 layers): one random word
//! a lane, two table look-ups and a comparison decide 98.5 % of draws in every lane at once;
//! a lane that falls outside its layer's rectangle finishes its draw alone, in plain `f64`,
//! from a generator of its own keyed by its stream and the draw's place in it, so that what the
//! lanes beside it drew never changes it.

use crate::lanes::{Bits, Lane};

/// The base layer's right edge `r` and every layer's area `v`.
const R: f64 = 3.654_152_885_361_009;
const V: f64 = 0.004_928_673_233_99;

/// The ziggurat's tables.
pub struct Ziggurat {
    /// Layer `i`'s half-width (layer 0's the base strip's area over its height).
    x: [f64; 256],
    /// `x[i + 1] / x[i]`: a draw `u·x[i]` with `|u|` below it lies under the density (within
    /// the narrower layer above).
    inner: [f64; 256],
    /// The density `e^(−x²/2)` at each `x[i]`.
    f: [f64; 257],
}

impl Ziggurat {
    pub fn new() -> Ziggurat {
        let density = |x: f64| (-0.5 * x * x).exp();
        // x[256] = 0: the top layer's tip.
        let mut x = [0.0; 257];
        x[0] = V / density(R);
        x[1] = R;
        for i in 2..256 {
            x[i] = (-2.0 * (V / x[i - 1] + density(x[i - 1])).ln()).sqrt();
        }
        Ziggurat {
            x: std::array::from_fn(|i| x[i]),
            inner: std::array::from_fn(|i| x[i + 1] / x[i]),
            f: x.map(density),
        }
    }
}

/// A lane's word as a layer and a uniform in `(−1, 1)`: layer from bits 4–11 (xoshiro256+'s
/// lowest bits are its weakest), the uniform from the top 52.
#[inline(always)]
fn layer_and_uniform<L: Lane>(word: L::Bits) -> (L::Bits, L) {
    let one_two = L::from_bits(word.shr(12).or(L::Bits::splat(0x3ff0_0000_0000_0000)));
    // [1, 2) to [−1, 1), then half a grain up so that it is symmetric about 0.
    let u = one_two * L::splat(2.0) - L::splat(3.0) + L::splat(f64::EPSILON);
    (word.shr(4), u)
}

/// One standard normal a lane, from the lanes' words `word` (one each); `slow(i)` gives lane
/// `i` its own generator for a draw outside the rectangles.
#[inline(always)]
pub fn normal<L: Lane>(zig: &Ziggurat, word: L::Bits, slow: impl Fn(usize) -> SplitMix) -> L {
    let (layer, u) = layer_and_uniform::<L>(word);
    let x = u * L::lookup(&zig.x, layer);
    let inside = u.max(-u).lt(L::lookup(&zig.inner, layer));
    if L::any(!inside) {
        let mut result = x;
        for i in 0..L::WIDTH {
            if !L::mask_lane(inside, i) {
                let layer = (layer.lane(i) & 255) as usize;
                result.set_lane(i, finish(zig, layer, u.lane(i), &mut slow(i)));
            }
        }
        return result;
    }
    x
}

/// The rest of a draw that fell outside layer `layer`'s rectangle at `u`: the wedge or the
/// tail, else a new draw, all from `rng`.
#[cold]
fn finish(zig: &Ziggurat, mut layer: usize, mut u: f64, rng: &mut SplitMix) -> f64 {
    loop {
        let x = u * zig.x[layer];
        if u.abs() < zig.inner[layer] {
            return x;
        }
        if layer == 0 {
            // The tail beyond r (Marsaglia 1964).
            loop {
                let a = -rng.open_uniform().ln() / R;
                let b = -rng.open_uniform().ln();
                if 2.0 * b >= a * a {
                    return if u < 0.0 { -(R + a) } else { R + a };
                }
            }
        }
        let height = zig.f[layer + 1] + (zig.f[layer] - zig.f[layer + 1]) * rng.open_uniform();
        if height < (-0.5 * x * x).exp() {
            return x;
        }
        let (next, v) = layer_and_uniform::<f64>(rng.next());
        (layer, u) = ((next & 255) as usize, v);
    }
}

/// SplitMix64 for one lane's rare slow draws.
pub struct SplitMix(pub u64);

impl SplitMix {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(crate::draws::GAMMA);
        crate::draws::mix(self.0)
    }

    /// A uniform in `(0, 1)`.
    fn open_uniform(&mut self) -> f64 {
        ((self.next() >> 11) as f64 + 0.5) / (1u64 << 53) as f64
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::draws::Rng;
    use crate::lanes::F64s;

    /// 1 000 000 draws in lanes against Φ at points through the centre, the wedges and both
    /// tails (beyond r = 3.65 only the slow path reaches): each share within 4.5 standard errors.
    #[test]
    fn ziggurat_draws_follow_the_normal_distribution() {
        let zig = Ziggurat::new();
        let mut rng = Rng::new(<F64s as Lane>::Bits::from_fn(|i| i as u64 + 77));
        let points = [-3.7, -2.0, -1.0, -0.5, 0.0, 0.5, 1.0, 2.0, 3.0, 3.7];
        let mut below = [0u32; 10];
        let n = 1_000_000;
        for _ in 0..n / 4 {
            let z: F64s = rng.normal(&zig);
            for v in z.0 {
                below
                    .iter_mut()
                    .zip(&points)
                    .for_each(|(b, &p)| *b += u32::from(v < p));
            }
        }
        for (&count, &p) in below.iter().zip(&points) {
            let (share, want) = (f64::from(count) / n as f64, sifsim::scenario::normal_cdf(p));
            let error = (want * (1.0 - want) / n as f64).sqrt();
            assert!(
                (share - want).abs() < 4.5 * error,
                "Φ({p}) = {want}, drawn {share}"
            );
        }
    }
}
