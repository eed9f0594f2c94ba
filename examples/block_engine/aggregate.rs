//! The fund-balance aggregates — mean and percentiles of cash and uncommitted balance per year,
//! the chance of running dry in a year and by a year — fed one year of a lane group at a time,
//! the same code for the block engine and for today's engine.

/// Quantities with a histogram: cash and the uncommitted balance.
const QUANTITIES: usize = 2;
/// Bins of a histogram, between the pilot's least and greatest value.
const BINS: usize = 512;

/// One year of some futures' fund, a value per future.
pub struct YearValues<'a> {
    /// Path index of the first future.
    pub first: u64,
    pub cash: &'a [f64],
    pub uncommitted: &'a [f64],
    /// 1 where the fund ran dry this year.
    pub depleted: &'a [f64],
    /// 1 where it ran dry in this year or an earlier one.
    pub ever: &'a [f64],
    /// The year's [`FLOWS`].
    pub flows: [&'a [f64]; FLOWS],
}

/// Flows with a mean: deposits, repaid, payouts, written off, overruns (paid by lead units).
pub const FLOWS: usize = 5;

/// What takes the years of futures.
pub trait Sink {
    fn year(&mut self, t: usize, values: &YearValues);
}

/// Least and greatest value of each year and quantity: the pilot that sets the histograms.
#[derive(Clone)]
pub struct Ranges(Vec<(f64, f64)>);

impl Ranges {
    pub fn new(years: usize) -> Ranges {
        Ranges(vec![(f64::INFINITY, f64::NEG_INFINITY); years * QUANTITIES])
    }
}

impl Sink for Ranges {
    fn year(&mut self, t: usize, values: &YearValues) {
        for (q, xs) in [values.cash, values.uncommitted].into_iter().enumerate() {
            let range = &mut self.0[t * QUANTITIES + q];
            for &x in xs {
                *range = (range.0.min(x), range.1.max(x));
            }
        }
    }
}

/// Sums, histograms and counts of the fund over futures.
#[derive(Clone)]
pub struct Aggregates {
    ranges: Ranges,
    sums: Vec<f64>,
    /// `[t · FLOWS + k]`.
    flows: Vec<f64>,
    counts: Vec<u32>,
    depleted: Vec<u64>,
    ever: Vec<u64>,
    futures: u64,
}

impl Aggregates {
    pub fn new(ranges: Ranges) -> Aggregates {
        let slots = ranges.0.len();
        Aggregates {
            sums: vec![0.0; slots],
            flows: vec![0.0; slots / QUANTITIES * FLOWS],
            counts: vec![0; slots * BINS],
            depleted: vec![0; slots / QUANTITIES],
            ever: vec![0; slots / QUANTITIES],
            ranges,
            futures: 0,
        }
    }

    /// Adds `other`'s futures (after this one's, for the order of the sums).
    pub fn merge(&mut self, other: &Aggregates) {
        let pairs = |a: &mut [u64], b: &[u64]| a.iter_mut().zip(b).for_each(|(a, b)| *a += b);
        self.sums
            .iter_mut()
            .zip(&other.sums)
            .for_each(|(a, b)| *a += b);
        self.flows
            .iter_mut()
            .zip(&other.flows)
            .for_each(|(a, b)| *a += b);
        self.counts
            .iter_mut()
            .zip(&other.counts)
            .for_each(|(a, b)| *a += b);
        pairs(&mut self.depleted, &other.depleted);
        pairs(&mut self.ever, &other.ever);
        self.futures += other.futures;
    }

    pub fn futures(&self) -> u64 {
        self.futures
    }

    /// Mean of quantity `q` (0 cash, 1 uncommitted) in year `t`.
    pub fn mean(&self, t: usize, q: usize) -> f64 {
        self.sums[t * QUANTITIES + q] / self.futures as f64
    }

    /// Mean of flow `k` in year `t`.
    pub fn flow(&self, t: usize, k: usize) -> f64 {
        self.flows[t * FLOWS + k] / self.futures as f64
    }

    /// Percentile `p` (0..1) of quantity `q` in year `t`, within its bin.
    pub fn percentile(&self, t: usize, q: usize, p: f64) -> f64 {
        let slot = t * QUANTITIES + q;
        let (low, high) = self.ranges.0[slot];
        let counts = &self.counts[slot * BINS..(slot + 1) * BINS];
        let target = p * self.futures as f64;
        let mut below = 0.0;
        for (bin, &count) in counts.iter().enumerate() {
            let count = f64::from(count);
            if below + count >= target && count > 0.0 {
                let within = (target - below) / count;
                return low + (high - low) * (bin as f64 + within) / BINS as f64;
            }
            below += count;
        }
        high
    }

    /// Share of futures that ran dry in year `t`, and by year `t`.
    pub fn depleted(&self, t: usize) -> (f64, f64) {
        let n = self.futures as f64;
        (self.depleted[t] as f64 / n, self.ever[t] as f64 / n)
    }
}

impl Sink for Aggregates {
    fn year(&mut self, t: usize, values: &YearValues) {
        for (q, xs) in [values.cash, values.uncommitted].into_iter().enumerate() {
            let slot = t * QUANTITIES + q;
            let (low, high) = self.ranges.0[slot];
            let scale = BINS as f64 / (high - low).max(f64::MIN_POSITIVE);
            let counts = &mut self.counts[slot * BINS..(slot + 1) * BINS];
            for &x in xs {
                self.sums[slot] += x;
                let bin = ((x - low) * scale).clamp(0.0, (BINS - 1) as f64) as usize;
                counts[bin] += 1;
            }
        }
        for (k, xs) in values.flows.iter().enumerate() {
            self.flows[t * FLOWS + k] += xs.iter().sum::<f64>();
        }
        let ones = |xs: &[f64]| xs.iter().filter(|&&x| x > 0.5).count() as u64;
        self.depleted[t] += ones(values.depleted);
        self.ever[t] += ones(values.ever);
        if t == 0 {
            self.futures += values.cash.len() as u64;
        }
    }
}

/// Every value of every future's every year, bit for bit: for comparing lane types.
#[derive(Default, PartialEq, Debug)]
pub struct Record(pub Vec<(u64, usize, Vec<u64>)>);

impl Sink for Record {
    fn year(&mut self, t: usize, values: &YearValues) {
        let fund = [
            values.cash,
            values.uncommitted,
            values.depleted,
            values.ever,
        ];
        for i in 0..values.cash.len() {
            let year = fund.iter().chain(&values.flows).map(|xs| xs[i].to_bits());
            self.0.push((values.first + i as u64, t, year.collect()));
        }
    }
}
