//! Lanes: one future (`f64`) or four side by side (`F64s`, one AVX2 register), with the same
//! operations, so that every rule and every draw is written once, generic over [`Lane`].
//!
//! `F64s` is a plain array whose operations are loops the compiler turns into vector
//! instructions: SSE2 in the default build, AVX2 or AVX-512F encodings of the same four lanes
//! inside the `#[target_feature]` functions chosen at run time (`main.rs`). Every operation is
//! IEEE-exact element by element (no fused multiply-add: Rust never contracts `a * b + c`), so
//! a future computes the same bits alone in an `f64` as in any lane of an `F64s`.

use std::ops::{Add, BitAnd, BitOr, Div, Mul, Neg, Not, Sub};

/// Futures side by side in an [`F64s`].
pub const WIDTH: usize = 4;

/// Entries of a table that lanes look up by index (a project type's parameter, say).
pub const TABLE: usize = 64;

/// A table that lanes look up by index.
pub type Table = [f64; TABLE];

/// The whole number `0 <= x < TABLE` as an index, by the bits of `x + 2⁵²`: integer operations
/// only, and an index the compiler sees is in the table.
#[inline(always)]
fn slot(x: f64) -> usize {
    (x + (1u64 << 52) as f64).to_bits() as usize & (TABLE - 1)
}

/// A number for each future of a lane group.
pub trait Lane:
    Copy
    + Add<Output = Self>
    + Sub<Output = Self>
    + Mul<Output = Self>
    + Div<Output = Self>
    + Neg<Output = Self>
{
    /// Futures side by side.
    const WIDTH: usize;
    /// A yes or no for each future.
    type Mask: Copy
        + BitAnd<Output = Self::Mask>
        + BitOr<Output = Self::Mask>
        + Not<Output = Self::Mask>;
    /// 64 bits for each future (the random generators).
    type Bits: Bits;

    fn splat(x: f64) -> Self;
    fn store(self, out: &mut [f64]);
    fn min(self, other: Self) -> Self;
    fn max(self, other: Self) -> Self;
    fn lt(self, other: Self) -> Self::Mask;
    fn le(self, other: Self) -> Self::Mask;
    fn eq(self, other: Self) -> Self::Mask;
    fn select(mask: Self::Mask, yes: Self, no: Self) -> Self;
    fn any(mask: Self::Mask) -> bool;
    /// `table[index]` for each lane; `index` holds whole numbers in `0..TABLE`.
    fn gather(table: &Table, index: Self) -> Self;
    /// `table[bits & 255]` for each lane.
    fn lookup(table: &[f64; 256], bits: Self::Bits) -> Self;
    fn from_bits(bits: Self::Bits) -> Self;
    fn to_bits(self) -> Self::Bits;
    /// Lane `i`'s mask, and number.
    fn mask_lane(mask: Self::Mask, i: usize) -> bool;
    fn lane(self, i: usize) -> f64;
    fn set_lane(&mut self, i: usize, value: f64);

    /// Nearest whole number (ties to even), for `|x| < 2⁵¹`, by adding and taking back
    /// `1.5·2⁵²`: exact, and two instructions in any lane type.
    #[inline(always)]
    fn round(self) -> Self {
        const SHIFT: f64 = 6_755_399_441_055_744.0;
        (self + Self::splat(SHIFT)) - Self::splat(SHIFT)
    }
}

/// 64 bits for each future, with the operations of the random generators.
pub trait Bits: Copy {
    fn splat(x: u64) -> Self;
    /// Lane `i` from `value(i)`.
    fn from_fn(value: impl Fn(usize) -> u64) -> Self;
    fn add(self, other: Self) -> Self;
    fn mul(self, other: Self) -> Self;
    fn xor(self, other: Self) -> Self;
    fn or(self, other: Self) -> Self;
    fn shl(self, n: u32) -> Self;
    fn shr(self, n: u32) -> Self;
    /// Lane `i`'s bits.
    fn lane(self, i: usize) -> u64;
}

impl Lane for f64 {
    const WIDTH: usize = 1;
    type Mask = bool;
    type Bits = u64;

    #[inline(always)]
    fn splat(x: f64) -> f64 {
        x
    }
    #[inline(always)]
    fn store(self, out: &mut [f64]) {
        out[0] = self;
    }
    #[inline(always)]
    fn min(self, other: f64) -> f64 {
        if other < self { other } else { self }
    }
    #[inline(always)]
    fn max(self, other: f64) -> f64 {
        if other > self { other } else { self }
    }
    #[inline(always)]
    fn lt(self, other: f64) -> bool {
        self < other
    }
    #[inline(always)]
    fn le(self, other: f64) -> bool {
        self <= other
    }
    #[inline(always)]
    fn eq(self, other: f64) -> bool {
        self == other
    }
    #[inline(always)]
    fn select(mask: bool, yes: f64, no: f64) -> f64 {
        if mask { yes } else { no }
    }
    #[inline(always)]
    fn any(mask: bool) -> bool {
        mask
    }
    #[inline(always)]
    fn gather(table: &Table, index: f64) -> f64 {
        table[slot(index)]
    }
    #[inline(always)]
    fn lookup(table: &[f64; 256], bits: u64) -> f64 {
        table[(bits & 255) as usize]
    }
    #[inline(always)]
    fn from_bits(bits: u64) -> f64 {
        f64::from_bits(bits)
    }
    #[inline(always)]
    fn mask_lane(mask: bool, _: usize) -> bool {
        mask
    }
    #[inline(always)]
    fn lane(self, _: usize) -> f64 {
        self
    }
    #[inline(always)]
    fn set_lane(&mut self, _: usize, value: f64) {
        *self = value;
    }
    #[inline(always)]
    fn to_bits(self) -> u64 {
        f64::to_bits(self)
    }
}

impl Bits for u64 {
    #[inline(always)]
    fn splat(x: u64) -> u64 {
        x
    }
    #[inline(always)]
    fn from_fn(value: impl Fn(usize) -> u64) -> u64 {
        value(0)
    }
    #[inline(always)]
    fn add(self, other: u64) -> u64 {
        self.wrapping_add(other)
    }
    #[inline(always)]
    fn mul(self, other: u64) -> u64 {
        self.wrapping_mul(other)
    }
    #[inline(always)]
    fn xor(self, other: u64) -> u64 {
        self ^ other
    }
    #[inline(always)]
    fn or(self, other: u64) -> u64 {
        self | other
    }
    #[inline(always)]
    fn shl(self, n: u32) -> u64 {
        self << n
    }
    #[inline(always)]
    fn shr(self, n: u32) -> u64 {
        self >> n
    }
    #[inline(always)]
    fn lane(self, _: usize) -> u64 {
        self
    }
}

/// [`WIDTH`] futures' numbers side by side.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct F64s(pub [f64; WIDTH]);

/// [`WIDTH`] yes-or-nos, as all-ones or all-zeros 64-bit words (what vector compares give).
#[derive(Debug, Clone, Copy)]
pub struct Masks([u64; WIDTH]);

/// [`WIDTH`] futures' 64 bits side by side.
#[derive(Debug, Clone, Copy)]
pub struct U64s([u64; WIDTH]);

/// An array built lane by lane: the loop every operation below is (a plain loop, which the
/// compiler vectorises more reliably than `std::array::from_fn`).
macro_rules! lanes {
    (|$i:ident| $value:expr) => {{
        let mut out = [Default::default(); WIDTH];
        for $i in 0..WIDTH {
            out[$i] = $value;
        }
        out
    }};
}

macro_rules! binary {
    ($trait:ident, $method:ident, $op:tt) => {
        impl $trait for F64s {
            type Output = F64s;
            #[inline(always)]
            fn $method(self, other: F64s) -> F64s {
                F64s(lanes!(|i| self.0[i] $op other.0[i]))
            }
        }
    };
}
binary!(Add, add, +);
binary!(Sub, sub, -);
binary!(Mul, mul, *);
binary!(Div, div, /);

impl Neg for F64s {
    type Output = F64s;
    #[inline(always)]
    fn neg(self) -> F64s {
        F64s(lanes!(|i| -self.0[i]))
    }
}

impl BitAnd for Masks {
    type Output = Masks;
    #[inline(always)]
    fn bitand(self, other: Masks) -> Masks {
        Masks(lanes!(|i| self.0[i] & other.0[i]))
    }
}

impl BitOr for Masks {
    type Output = Masks;
    #[inline(always)]
    fn bitor(self, other: Masks) -> Masks {
        Masks(lanes!(|i| self.0[i] | other.0[i]))
    }
}

impl Not for Masks {
    type Output = Masks;
    #[inline(always)]
    fn not(self) -> Masks {
        Masks(lanes!(|i| !self.0[i]))
    }
}

/// All ones when `yes`.
#[inline(always)]
fn word(yes: bool) -> u64 {
    0u64.wrapping_sub(u64::from(yes))
}

impl Lane for F64s {
    const WIDTH: usize = WIDTH;
    type Mask = Masks;
    type Bits = U64s;

    #[inline(always)]
    fn splat(x: f64) -> F64s {
        F64s([x; WIDTH])
    }
    #[inline(always)]
    fn store(self, out: &mut [f64]) {
        out[..WIDTH].copy_from_slice(&self.0);
    }
    #[inline(always)]
    fn min(self, other: F64s) -> F64s {
        F64s(lanes!(|i| Lane::min(self.0[i], other.0[i])))
    }
    #[inline(always)]
    fn max(self, other: F64s) -> F64s {
        F64s(lanes!(|i| Lane::max(self.0[i], other.0[i])))
    }
    #[inline(always)]
    fn lt(self, other: F64s) -> Masks {
        Masks(lanes!(|i| word(self.0[i] < other.0[i])))
    }
    #[inline(always)]
    fn le(self, other: F64s) -> Masks {
        Masks(lanes!(|i| word(self.0[i] <= other.0[i])))
    }
    #[inline(always)]
    fn eq(self, other: F64s) -> Masks {
        Masks(lanes!(|i| word(self.0[i] == other.0[i])))
    }
    #[inline(always)]
    fn select(mask: Masks, yes: F64s, no: F64s) -> F64s {
        F64s(lanes!(|i| if mask.0[i] != 0 { yes.0[i] } else { no.0[i] }))
    }
    #[inline(always)]
    fn any(mask: Masks) -> bool {
        mask.0.iter().fold(0, |all, &m| all | m) != 0
    }
    #[inline(always)]
    fn gather(table: &Table, index: F64s) -> F64s {
        F64s(lanes!(|i| table[slot(index.0[i])]))
    }
    #[inline(always)]
    fn lookup(table: &[f64; 256], bits: U64s) -> F64s {
        F64s(lanes!(|i| table[(bits.0[i] & 255) as usize]))
    }
    #[inline(always)]
    fn from_bits(bits: U64s) -> F64s {
        F64s(lanes!(|i| f64::from_bits(bits.0[i])))
    }
    #[inline(always)]
    fn mask_lane(mask: Masks, i: usize) -> bool {
        mask.0[i] != 0
    }
    #[inline(always)]
    fn lane(self, i: usize) -> f64 {
        self.0[i]
    }
    #[inline(always)]
    fn set_lane(&mut self, i: usize, value: f64) {
        self.0[i] = value;
    }
    #[inline(always)]
    fn to_bits(self) -> U64s {
        U64s(lanes!(|i| self.0[i].to_bits()))
    }
}

impl Bits for U64s {
    #[inline(always)]
    fn splat(x: u64) -> U64s {
        U64s([x; WIDTH])
    }
    #[inline(always)]
    fn from_fn(value: impl Fn(usize) -> u64) -> U64s {
        U64s(lanes!(|i| value(i)))
    }
    #[inline(always)]
    fn add(self, other: U64s) -> U64s {
        U64s(lanes!(|i| self.0[i].wrapping_add(other.0[i])))
    }
    #[inline(always)]
    fn mul(self, other: U64s) -> U64s {
        U64s(lanes!(|i| self.0[i].wrapping_mul(other.0[i])))
    }
    #[inline(always)]
    fn xor(self, other: U64s) -> U64s {
        U64s(lanes!(|i| self.0[i] ^ other.0[i]))
    }
    #[inline(always)]
    fn or(self, other: U64s) -> U64s {
        U64s(lanes!(|i| self.0[i] | other.0[i]))
    }
    #[inline(always)]
    fn shl(self, n: u32) -> U64s {
        U64s(lanes!(|i| self.0[i] << n))
    }
    #[inline(always)]
    fn shr(self, n: u32) -> U64s {
        U64s(lanes!(|i| self.0[i] >> n))
    }
    #[inline(always)]
    fn lane(self, i: usize) -> u64 {
        self.0[i]
    }
}
