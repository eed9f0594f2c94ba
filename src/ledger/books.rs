//! The ledger's books: amounts per year and unit, booked as changes.

use std::ops::Range;

/// Every unit's flows, one array per quantity, indexed `[t * units + u]`.
///
/// A project books each flow as a change: its yearly amount is added in its first year and
/// taken back in the year after its last (one extra year at the end takes the changes after
/// the ledger's last year), so a booking costs the same however many years it lasts. The ledger
/// turns a year's changes into amounts when the year opens ([`UnitBooks::open_year`]); a
/// booking in an open year adds to its amounts directly. Room, running costs and overruns are
/// the same each year in start-year prices and are booked in those; instalments are nominal.
///
/// A design that has no repayment never books `repaid`, and one whose shortfalls the fund
/// bears never books `shortfall_paid`: those books stay 0 and are never opened.
#[derive(Debug, Clone, Default)]
pub(super) struct UnitBooks {
    pub(super) units: usize,
    pub(super) room: Vec<f64>,
    pub(super) running_cost: Vec<f64>,
    pub(super) overrun: Vec<f64>,
    pub(super) repaid: Vec<f64>,
    pub(super) shortfall_paid: Vec<f64>,
    /// The design books instalments (`repaid`).
    repays: bool,
    /// The design books shortfalls paid by lead units (`shortfall_paid`).
    leads_pay: bool,
}

impl UnitBooks {
    pub(super) fn arrays_mut(&mut self) -> [&mut Vec<f64>; 5] {
        [
            &mut self.room,
            &mut self.running_cost,
            &mut self.overrun,
            &mut self.repaid,
            &mut self.shortfall_paid,
        ]
    }

    /// Empties the books for `units` units and `years` years; `repays`: the design books
    /// instalments; `leads_pay`: lead units pay shortfalls.
    pub(super) fn reset(&mut self, units: usize, years: usize, repays: bool, leads_pay: bool) {
        self.units = units;
        self.repays = repays;
        self.leads_pay = leads_pay;
        for values in self.arrays_mut() {
            reset(values, (years + 1) * units);
        }
    }

    /// Makes room for `years` years, keeping what is booked.
    pub(super) fn extend_to(&mut self, years: usize) {
        let len = (years + 1) * self.units;
        for values in self.arrays_mut() {
            values.resize(len, 0.0);
        }
    }

    /// Turns year `t`'s changes into amounts.
    pub(super) fn open_year(&mut self, t: usize) {
        let units = self.units;
        open_year(&mut self.room, units, t);
        open_year(&mut self.running_cost, units, t);
        open_year(&mut self.overrun, units, t);
        if self.repays {
            open_year(&mut self.repaid, units, t);
        }
        if self.leads_pay {
            open_year(&mut self.shortfall_paid, units, t);
        }
    }

    /// Sum over units of `values` in an opened year `t`.
    pub(super) fn year_total(&self, values: &[f64], t: usize) -> f64 {
        values[t * self.units..(t + 1) * self.units].iter().sum()
    }

    /// What the fund has received for instalments in year `t` so far, lead units' payments
    /// included.
    pub(super) fn received(&self, t: usize) -> f64 {
        if !self.repays {
            return 0.0;
        }
        let repaid = self.year_total(&self.repaid, t);
        if self.leads_pay {
            settled(repaid + self.year_total(&self.shortfall_paid, t))
        } else {
            settled(repaid)
        }
    }
}

/// Empties `values` to `len` default values, keeping its allocation; when it must grow, it
/// grows by half as much again, as the ledger's length varies from path to path.
pub(super) fn reset<T: Clone + Default>(values: &mut Vec<T>, len: usize) {
    values.clear();
    if values.capacity() < len {
        values.reserve(len + len / 2);
    }
    values.resize(len, T::default());
}

/// Books `amount` a year on item `i` of `width` (a unit, or 0 of 1 for the whole fund) in
/// `years`, as a change in the first year taken back after the last.
pub(super) fn book(values: &mut [f64], width: usize, i: usize, years: Range<usize>, amount: f64) {
    if !years.is_empty() {
        values[years.start * width + i] += amount;
        values[years.end * width + i] -= amount;
    }
}

/// Adds the amounts of year `t - 1` to the changes of year `t`, making them year `t`'s amounts.
pub(super) fn open_year(values: &mut [f64], width: usize, t: usize) {
    if t > 0 {
        let (before, from_t) = values.split_at_mut(t * width);
        for (value, previous) in from_t[..width].iter_mut().zip(&before[(t - 1) * width..]) {
            *value += previous;
        }
    }
}

/// Summed changes leave rounding residue of about 10⁻¹⁶ of the amounts where every booking has
/// ended; amounts under 10⁻⁹ mnkr (a tenth of an öre) read as exactly 0.
pub(super) fn settled(amount: f64) -> f64 {
    if amount.abs() < 1e-9 { 0.0 } else { amount }
}
