#!/usr/bin/env python3
"""A vectorized NumPy peer of sifsim on scenarios/bench.toml, for the speed comparison in
BENCHMARKS.md: the same contract (MODEL.md sections 2-4), vectorized across paths.

It draws each path's world (annual results, units' results, applications and their outcomes,
taken in arrival order), applies the three designs (budget; Örebro's rule with a 30 % floor;
the dual design) year by year, computes the percentiles (5, 25, 50, 75, 95) of each design's
fund balance at every year's end and prints those of the last year. It keeps what the fund
needs (deposits, repayments, payouts, write-offs, lapses, depletion) and leaves out what
sifsim adds beyond it: units' burdens, overruns, running costs, net savings and the projects'
lives after the window. It therefore does less work than sifsim.

The scenario's values are written out below, not read from the TOML file.

Usage: python3 benches/numpy_peer.py PATHS [SEED]  (one core: OMP_NUM_THREADS=1)
"""

import sys

import numpy as np

# scenarios/bench.toml
YEARS = 30
INDEX = 0.02
RESULT_MEAN, RESULT_SD, RESULT_PHI = 200.0, 150.0, 0.4
LAST_RESULT = RESULT_MEAN
UNITS = 8
UNIT_MEAN, UNIT_SD = 0.002, 0.008
# Project types: arrivals a year, cost median, duration, effect lag, repayable, planned
# savings (two units each); the rest is the same for every type.
ARRIVALS = np.array([2.0, 1.5, 1.5, 1.0, 1.0, 1.0])
COST_MEDIAN = np.array([4.0, 3.0, 2.5, 2.0, 3.5, 1.0])
DURATION = np.array([1, 2, 3, 1, 2, 3])
LAG = np.array([1, 2, 3, 1, 2, 3])
REPAYABLE = np.array([True, True, True, True, True, False])
PLANNED = np.array([[1.00, 0.60], [0.75, 0.45], [0.62, 0.38], [0.50, 0.30], [0.88, 0.53],
                    [0.25, 0.15]])
COST_SIGMA, SUCCESS, EXTRA_LAG_MEAN = 0.4, 0.6, 0.5
EFFECT_YEARS, EFFECT_MEAN, EFFECT_SD, REALIZATION = 8, 0.8, 0.3, 0.7
OVERRUN_MEAN, OVERRUN_SD = 0.05, 0.1
# Designs: every one starts with 50 and deposits 10 % of a positive result up to 180.
INITIAL, SHARE, UNTIL = 50.0, 0.1, 180.0
START_WITHIN, HORIZON = 3, 10
OREBRO_FLOOR, DUAL_FLOOR, GRANT_SHARE = 0.3, 0.0, 0.01
NAMES = ("Budget", "Örebros regel", "Dubbelmodell")
# Paths at a time: larger chunks of arrays cost more in page faults than they save in calls.
CHUNK = 10_000

PRICE = (1.0 + INDEX) ** np.arange(YEARS + HORIZON + START_WITHIN + 1)


def world_year(rng, n):
    """One year's random applications of n paths, in arrival order: (valid, type, cost, effect,
    delay) as arrays of shape (n, slots), and the overrun shares (unsorted; no fund pays them)."""
    counts = rng.poisson(ARRIVALS, size=(n, len(ARRIVALS)))
    width = counts.max(axis=0)
    kind = np.concatenate([np.full(w, k) for k, w in enumerate(width)])
    valid = np.concatenate([np.arange(w) < counts[:, [k]] for k, w in enumerate(width)], axis=1)
    shape = valid.shape
    cost = COST_MEDIAN[kind] * np.exp(COST_SIGMA * rng.standard_normal(shape))
    success = rng.random(shape) < SUCCESS
    effect = np.maximum(EFFECT_MEAN + EFFECT_SD * rng.standard_normal(shape), 0.0)
    effect = np.where(success, effect, 0.0)
    delay = rng.poisson(EXTRA_LAG_MEAN, shape)
    overrun = np.maximum(OVERRUN_MEAN + OVERRUN_SD * rng.standard_normal(shape), 0)
    arrival = np.where(valid, rng.random(shape), 2.0)
    order = np.argsort(arrival, axis=1)[:, : counts.sum(axis=1).max()]
    take = lambda a: np.take_along_axis(np.broadcast_to(a, shape), order, axis=1)
    return take(valid), take(kind), take(cost), take(effect), take(delay), overrun


class Pot:
    """Cash and uncommitted money of n paths, with the payouts and repayments booked ahead."""

    def __init__(self, n, initial):
        self.cash = np.full(n, initial)
        self.uncommitted = self.cash.copy()
        self.payouts = np.zeros((n, YEARS))
        self.repaid = np.zeros((n, YEARS))
        self.written_off = np.zeros((n, YEARS))

    def receive(self, amount):
        self.cash += amount
        self.uncommitted += amount

    def try_approve(self, mask, cost_nominal):
        """Approves the projects of `mask` the uncommitted money covers (committing their cost)
        and returns their mask."""
        approved = mask & (self.uncommitted >= cost_nominal)
        self.uncommitted -= np.where(approved, cost_nominal, 0.0)
        return approved

    def book(self, year, approved, kind, cost_nominal, plan=None):
        """Books the payouts of the projects approved in `year` (a mask of paths by slots) and,
        given `plan = (floor, effect, delay)`, their repayment plans."""
        rows, slots = np.nonzero(approved)
        c, k = cost_nominal[rows, slots], kind[rows, slots]
        dur = DURATION[k]
        d = np.arange(3)[None, :]
        payout = (c / dur)[:, None] + 0.0 * d
        self._add(self.payouts, rows, year + d + 0 * rows[:, None], payout, d < dur[:, None])
        if plan is None:
            return
        floor, effect, delay = plan[0], plan[1][rows, slots], plan[2][rows, slots]
        due = (year + np.minimum(LAG[k], START_WITHIN))[:, None] + np.arange(HORIZON)
        # years since the planned effect start; the saving runs from the drawn delay on
        since = due - (year + LAG[k])[:, None]
        saving_on = (since >= delay[:, None]) & (since < delay[:, None] + EFFECT_YEARS)
        repaid = np.zeros(due.shape)
        shortfall = np.zeros(due.shape)
        for u in range(2):
            planned = PLANNED[k, u]
            instalment = (c * planned / PLANNED[k].sum(axis=1) / HORIZON)[:, None]
            room = np.where(saving_on, (REALIZATION * planned * effect)[:, None] * PRICE[due], 0.0)
            paid = np.clip(room, floor * instalment, instalment)
            repaid += paid
            shortfall += instalment - paid
        self._add(self.repaid, rows, due, repaid, True)
        self._add(self.written_off, rows, due, shortfall, True)

    @staticmethod
    def _add(book, rows, years, amounts, keep):
        """Adds `amounts[i, j]` to `book[rows[i], years[i, j]]` where `keep` and the year is
        simulated (a path may book several projects into one year: summed by bincount)."""
        keep = keep & (years < YEARS)
        index = rows[:, None] * YEARS + years
        book += np.bincount(index[keep], amounts[keep], minlength=book.size).reshape(book.shape)


def run(n, rng):
    """Each design's fund balance at every year's end (paths by years) and whether the fund
    was ever depleted, for n paths."""
    z = rng.standard_normal((n, YEARS))
    unit_results = UNIT_MEAN + UNIT_SD * rng.standard_normal((n, YEARS, UNITS))  # noqa: F841
    will = rng.random((n, YEARS))  # noqa: F841 (no replenish rule in bench.toml)
    real = np.full(n, LAST_RESULT)
    results = [np.full(n, LAST_RESULT)]
    for t in range(YEARS):
        innovation = RESULT_SD * np.sqrt(1 - RESULT_PHI**2) * z[:, t]
        real = RESULT_MEAN + RESULT_PHI * (real - RESULT_MEAN) + innovation
        results.append(real * PRICE[t])

    budget, orebro, dual = (Pot(n, INITIAL) for _ in range(3))
    grant = Pot(n, 0.0)
    cash = {name: np.zeros((n, YEARS)) for name in NAMES}
    depleted = {name: np.zeros(n, bool) for name in NAMES}
    for t in range(YEARS):
        valid, kind, cost, effect, delay, _ = world_year(rng, n)
        positive = np.maximum(results[t], 0.0)
        for pot in (budget, orebro, dual):
            pot.receive(np.maximum(0.0, np.minimum(SHARE * positive, UNTIL * PRICE[t] - pot.cash)))
            pot.receive(pot.repaid[:, t])
        grant.receive(GRANT_SHARE * positive)
        nominal = cost * PRICE[t]
        repayable = REPAYABLE[kind]
        asks = {budget: valid, orebro: valid & repayable, dual: valid & repayable,
                grant: valid & ~repayable}
        approved = {pot: np.zeros(valid.shape, bool) for pot in asks}
        for j in range(valid.shape[1]):
            for pot, ask in asks.items():
                approved[pot][:, j] = pot.try_approve(ask[:, j], nominal[:, j])
        for name, pot in zip(NAMES, (budget, orebro, dual)):
            depleted[name] |= (asks[pot] & ~approved[pot]).any(axis=1)
        budget.book(t, approved[budget], kind, nominal)
        orebro.book(t, approved[orebro], kind, nominal, (OREBRO_FLOOR, effect, delay))
        dual.book(t, approved[dual], kind, nominal, (DUAL_FLOOR, effect, delay))
        grant.book(t, approved[grant], kind, nominal)
        for pot in (budget, orebro, dual, grant):
            pot.cash -= pot.payouts[:, t]
        lapsed = np.maximum(grant.uncommitted, 0.0)
        grant.cash -= lapsed
        grant.uncommitted -= lapsed
        for name, c in zip(NAMES, (budget.cash, orebro.cash, dual.cash + grant.cash)):
            cash[name][:, t] = c
    return cash, depleted


def main():
    paths = int(sys.argv[1])
    rng = np.random.default_rng(int(sys.argv[2]) if len(sys.argv) > 2 else 1)
    chunks = [run(min(CHUNK, paths - start), rng) for start in range(0, paths, CHUNK)]
    for name in NAMES:
        cash = np.concatenate([chunk[0][name] for chunk in chunks])
        depleted = np.concatenate([chunk[1][name] for chunk in chunks]).mean()
        percentiles = np.percentile(cash, [5, 25, 50, 75, 95], axis=0)  # (5, YEARS)
        p5, p25, p50, p75, p95 = percentiles[:, -1]
        print(f"{name}: cash at the last year's end p5 {p5:.1f} p25 {p25:.1f} p50 {p50:.1f} "
              f"p75 {p75:.1f} p95 {p95:.1f}; p50 in year 10 {percentiles[2, 9]:.1f}; "
              f"depleted ever {depleted:.3f}")


if __name__ == "__main__":
    main()
