//! Property tests over random well-formed scenarios: the accounting identities of the model
//! contract (section 5, with 6.4's amounts owed, and 7.1–7.2's budget room and result effect)
//! hold on every path, design and year — the continuation after the simulated years included —
//! and no NaN appears; every exceedance curve falls from 1 to 0 and agrees with the
//! percentiles.

mod common;

use proptest::prelude::*;
use sifsim::internals::aggregate::{Histogram, Layout, Total, YearStat};
use sifsim::internals::exceedance::Quantity;
use sifsim::internals::ledger::{Decision, Ledger, Observer};
use sifsim::internals::world::{Application, Samplers, World};
use sifsim::results::{Results, RunInfo};
use sifsim::scenario::{Basis, Bearer, Scenario};

/// A scenario as TOML text, built from random parts that are each well-formed.
#[derive(Debug, Clone)]
struct RandomScenario {
    toml: String,
}

fn unit(i: usize) -> impl Strategy<Value = String> {
    (10.0..2000.0f64, -0.01..0.01f64, 0.0..0.02f64, -1.0..=1.0f64).prop_map(
        move |(frame, mean, sd, correlation)| {
            format!(
                "[[unit]]\nid = \"u{i}\"\nname = \"Unit {i}\"\nframe = {frame}\n\
                 ordinary_result = {{ mean = {mean}, sd = {sd}, correlation = {correlation} }}\n"
            )
        },
    )
}

/// The fields a project type and a known project share, for `units` units.
fn project_body(units: usize) -> impl Strategy<Value = String> {
    (
        (0..units, any::<bool>(), 0.1..10.0f64, 0.0..1.0f64, 1..4usize, 0.0..=1.0f64),
        proptest::collection::vec(0.0..3.0f64, units),
        (0..5usize, 0.0..2.0f64, 1..10usize, -0.5..1.5f64, 0.0..0.5f64, 0.0..=1.0f64),
        (-0.1..0.3f64, 0.0..0.2f64, 0.0..1.0f64, any::<bool>()),
    )
        .prop_map(move |(head, savings, timing, tail)| {
            let (lead, with_partner, median, sigma, duration, p) = head;
            let (lag, extra, effect_years, effect_mean, effect_sd, realization) = timing;
            let (overrun_mean, overrun_sd, running, repayable) = tail;
            let partner = (lead + 1) % units;
            let partners = if with_partner && partner != lead {
                format!("[\"u{partner}\"]")
            } else {
                "[]".into()
            };
            // The lead always claims a saving, so a repayable project's plan can be split.
            let savings: Vec<String> = savings
                .iter()
                .enumerate()
                .map(|(u, &s)| format!("u{u} = {}", if u == lead { s + 0.1 } else { s }))
                .collect();
            format!(
                "lead = \"u{lead}\"\npartners = {partners}\ncost = {{ median = {median}, sigma = {sigma} }}\n\
                 duration_years = {duration}\nsuccess_probability = {p}\nplanned_savings = {{ {} }}\n\
                 effect_lag_years = {lag}\nextra_lag_mean = {extra}\neffect_years = {effect_years}\n\
                 effect_size = {{ mean = {effect_mean}, sd = {effect_sd} }}\nrealization_share = {realization}\n\
                 cost_overrun = {{ mean = {overrun_mean}, sd = {overrun_sd} }}\nrunning_cost = {running}\nrepayable = {repayable}\n",
                savings.join(", ")
            )
        })
}

fn deposit(years: usize) -> impl Strategy<Value = String> {
    prop_oneof![
        (0.0..5.0f64).prop_map(|a| format!("{{ kind = \"fixed\", amount = {a} }}")),
        (0.0..20.0f64, 0..years)
            .prop_map(|(a, y)| format!("{{ kind = \"once\", amount = {a}, year = {} }}", 2020 + y)),
        (0.0..=1.0f64, 0.0..100.0f64).prop_map(|(s, b)| format!(
            "{{ kind = \"share_of_positive_result\", share = {s}, until_balance = {b} }}"
        )),
        (0.0..0.05f64, 0.0..=1.0f64).prop_map(|(t, m)| format!(
            "{{ kind = \"top_up\", target_budget_share = {t}, max_share_of_result = {m} }}"
        )),
        (0.0..20.0f64, 0.0..=1.0f64).prop_map(|(a, p)| format!(
            "{{ kind = \"replenish\", amount = {a}, probability = {p} }}"
        )),
    ]
}

fn design(i: usize, years: usize) -> impl Strategy<Value = String> {
    (
        (0..3usize, 0.0..50.0f64, proptest::collection::vec(deposit(years), 0..3)),
        (0..3usize, prop_oneof![Just(0.0), 0.0..=1.0f64], 0..5usize, 1..12usize, 0.0..=1.0f64, any::<bool>()),
        (any::<bool>(), 0.0..2.0f64, 0.0..3.0f64, 0.0..0.05f64, any::<bool>()),
        (any::<bool>(), proptest::option::of(0..years + 2), prop_oneof![Just(1.0), 0.2..3.0f64]),
    )
        .prop_map(move |(head, repayment, rest, version2)| {
            let (model, initial, deposits) = head;
            let (basis, floor, start_within, horizon, plan_share, lead_bears) = repayment;
            let (require_partner, min_return, grant_fixed, grant_share, carry_over) = rest;
            let (whole_plan, last_year, demand) = version2;
            let model_name = ["budget", "repayment", "dual"][model];
            let mut toml = format!(
                "[[design]]\nname = \"D{i}\"\nmodel = \"{model_name}\"\nfund.initial = {initial}\nfund.deposits = [{}]\n\
                 approval.require_partner = {require_partner}\napproval.min_expected_return = {min_return}\n\
                 approval.demand = {demand}\n",
                deposits.join(", ")
            );
            if let Some(last) = last_year {
                toml += &format!("approval.last_year = {}\n", 2019 + last);
            }
            if model > 0 {
                toml += &format!(
                    "repayment.basis = \"{}\"\nrepayment.floor_share = {floor}\nrepayment.start_within_years = {start_within}\n\
                     repayment.horizon_years = {horizon}\nrepayment.plan_share = {plan_share}\nrepayment.shortfall_bearer = \"{}\"\n\
                     repayment.floor_applies_to = \"{}\"\n",
                    ["realized", "planned", "measured"][basis],
                    if lead_bears { "lead" } else { "fund" },
                    if whole_plan { "plan" } else { "instalment" },
                );
            }
            if model == 2 {
                toml += &format!(
                    "grant.fixed = {grant_fixed}\ngrant.share_of_positive_result = {grant_share}\ngrant.carry_over = {carry_over}\n"
                );
            }
            toml
        })
}

fn random_scenario() -> impl Strategy<Value = RandomScenario> {
    (1..5usize, 1..25usize, 0..3usize, 0..3usize, 1..4usize)
        .prop_flat_map(|(units, years, types, known, designs)| {
            (
                (
                    -0.05..0.1f64,
                    -50.0..200.0f64,
                    0.0..100.0f64,
                    -0.9..0.9f64,
                    0.0..0.1f64,
                    any::<u32>(),
                    prop_oneof![Just(0.0), 0.0..0.95f64],
                    any::<bool>(),
                ),
                (0..units).map(unit).collect::<Vec<_>>(),
                proptest::collection::vec((project_body(units), 0.0..4.0f64), types),
                proptest::collection::vec((project_body(units), 0..years, any::<bool>()), known),
                (0..designs).map(|i| design(i, years)).collect::<Vec<_>>(),
                Just(years),
            )
        })
        .prop_map(|(municipality, units, types, known, designs, years)| {
            let (index, mean, sd, phi, discount, seed, correlation, excludes) = municipality;
            let mut toml = format!(
                "[simulation]\nname = \"random\"\nstart_year = 2020\nyears = {years}\npaths = 4\nseed = {seed}\n\n\
                 [municipality]\nname = \"M\"\ntotal_budget = 5000\nindex = {index}\ndiscount_rate = {discount}\n\
                 balanskrav_excludes_fund_payouts = {excludes}\n\
                 annual_result = {{ mean = {mean}, sd = {sd}, autocorrelation = {phi} }}\n\n\
                 [outcomes]\ncorrelation = {correlation}\n\n"
            );
            toml += &units.concat();
            for (i, (body, arrivals)) in types.iter().enumerate() {
                toml += &format!("[[project_type]]\nname = \"T{i}\"\narrivals_per_year = {arrivals}\n{body}\n");
            }
            for (i, (body, start, decided)) in known.iter().enumerate() {
                toml += &format!(
                    "[[project]]\nname = \"K{i}\"\nstart_year = {}\ndecided = {decided}\n{body}\n",
                    2020 + start
                );
            }
            toml += &designs.join("\n");
            RandomScenario { toml }
        })
}

/// Hears which applications a design approved.
#[derive(Default)]
struct Approved(Vec<Application>);

impl Observer for Approved {
    fn decision(&mut self, _t: usize, app: &Application, decision: Decision) {
        if let Decision::Approved { .. } = decision {
            self.0.push(*app);
        }
    }
}

/// 7.1's identity, from the projects a design approved: over their whole lives, in start-year
/// prices, net saving − budget effect = Σ (1 − realization_share)·saving =
/// Σ over successful projects (1 − r)·Σ_u planned_u·e·effect_years. And each year's room is
/// the units' rooms summed.
fn check_budget_room(
    scenario: &Scenario,
    ledger: &Ledger,
    approved: &[Application],
) -> Result<(), TestCaseError> {
    let mut unrealized = 0.0;
    for app in approved.iter().filter(|a| a.success) {
        let spec = app.spec(scenario);
        let saving = spec.planned_savings_total * app.effect * spec.effect_years as f64;
        unrealized += (1.0 - spec.realization_share) * saving;
    }
    let years = ledger.years().iter().chain(ledger.after_window());
    let mut difference = 0.0;
    for (t, year) in years.enumerate() {
        difference += (year.net_saving() - year.budget_effect()) / ledger.price_factor(t);
        let rooms: f64 = (0..scenario.units().len())
            .map(|u| ledger.unit(t, u).room)
            .sum();
        prop_assert!(
            (year.room - rooms).abs() <= 1e-9 * (1.0 + rooms.abs()),
            "room of year {t}: {} against the units' {rooms}",
            year.room
        );
    }
    prop_assert!(
        (difference - unrealized).abs() <= 1e-7 * (1.0 + unrealized.abs()),
        "net saving − budget effect {difference}, Σ (1 − r)·saving {unrealized}"
    );
    Ok(())
}

/// 7.2's identity over the paths: the mean result effect, summed over the years, is the mean
/// net saving within the simulated years (to the fixed point's rounding).
fn check_result_effect(
    scenario: &Scenario,
    aggregates: &sifsim::internals::aggregate::Accumulator,
) -> Result<(), TestCaseError> {
    let layout = Layout::of(scenario);
    for d in 0..scenario.designs().len() {
        let by_year: f64 = (0..scenario.years())
            .map(|t| aggregates.mean(layout.year(d, t, YearStat::ResultEffect)))
            .sum();
        let total = aggregates.mean(layout.total(d, Total::NetSaving));
        prop_assert!(
            (by_year - total).abs() <= 1e-6 * (1.0 + total.abs()),
            "design {d}: result effect by year {by_year}, net saving {total}"
        );
    }
    Ok(())
}

/// Checks the three identities and finiteness on one ledger; `scale` sets the tolerance.
fn check_identities(
    scenario: &Scenario,
    design: usize,
    ledger: &Ledger,
) -> Result<(), TestCaseError> {
    let initial = scenario.designs()[design].initial;
    // Without a floor or a shortfall to bear, a unit repays at most its room.
    let repays_at_most_its_room = scenario.designs()[design]
        .model
        .repayment()
        .is_none_or(|r| {
            r.basis == Basis::Realized && r.floor_share == 0.0 && r.shortfall_bearer == Bearer::Fund
        });
    // Only decided projects, approved without the money test, can overcommit the fund.
    let may_overcommit = scenario.projects().iter().any(|p| p.decided);
    let mut cash = initial;
    let (mut due, mut settled) = (0.0, 0.0);
    let all_years = ledger.years().iter().chain(ledger.after_window());
    for (t, year) in all_years.enumerate() {
        let tolerance =
            1e-9 * (1.0 + year.cash.abs() + year.committed.abs() + year.payouts + year.deposits);
        let values = [
            year.deposits,
            year.repaid,
            year.payouts,
            year.written_off,
            year.lapsed,
            year.cash,
            year.uncommitted,
            year.committed,
            year.instalments_due,
            year.saving,
            year.overrun,
            year.running_cost,
            year.owed,
        ];
        prop_assert!(
            values.iter().all(|v| v.is_finite()),
            "non-finite value in year {t}: {year:?}"
        );
        cash += year.deposits + year.repaid - year.payouts - year.lapsed;
        prop_assert!(
            (year.cash - cash).abs() <= tolerance,
            "cash identity, year {t}: {} vs {cash}",
            year.cash
        );
        prop_assert!(
            (year.uncommitted - (year.cash - year.committed)).abs() <= tolerance,
            "uncommitted identity, year {t}: {year:?}"
        );
        prop_assert!(
            may_overcommit || year.uncommitted >= -tolerance,
            "uncommitted below zero in year {t}"
        );
        prop_assert!(year.owed >= -tolerance, "negative arrears in year {t}");
        // A unit never repays more than its instalment, so nothing is written off below 0.
        prop_assert!(
            year.written_off >= -tolerance,
            "negative write-off in year {t}: {year:?}"
        );
        due += year.instalments_due;
        settled += year.written_off;
        for u in 0..scenario.units().len() {
            let flows = ledger.unit(t, u);
            prop_assert!(flows.burden().is_finite());
            prop_assert!(
                (flows.burden() - ledger.burden(t, u)).abs() <= 1e-9 * (1.0 + flows.burden().abs()),
                "burden of unit {u} in year {t}: flows {flows:?}, ledger {}",
                ledger.burden(t, u)
            );
            settled += flows.repaid + flows.shortfall_paid;
            prop_assert!(
                !(repays_at_most_its_room && ledger.repaid_above_room(t, u)),
                "unit {u} repaid more than its room in year {t}: {flows:?}"
            );
        }
        prop_assert!(
            (due - (settled + year.owed)).abs() <= 1e-9 * (1.0 + due),
            "instalments identity, year {t}: due {due}, settled {settled}, owed {}",
            year.owed
        );
    }
    // Once every funded project has ended, nothing is owed and nothing is committed.
    let last = ledger.after_window().last().or(ledger.years().last());
    if let Some(last) = last {
        prop_assert!(last.owed.abs() <= 1e-9, "still owed at the end: {last:?}");
        prop_assert!(
            last.committed.abs() <= 1e-6 * (1.0 + last.cash.abs()),
            "still committed at the end: {last:?}"
        );
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn identities_hold_on_every_path_design_and_year(random in random_scenario()) {
        let scenario = Scenario::from_bytes("random.toml".as_ref(), random.toml.as_bytes())
            .map_err(|e| TestCaseError::fail(format!("{e}\n{}", random.toml)))?;
        let samplers = Samplers::new(&scenario);
        let mut world = World::default();
        let mut ledger = Ledger::default();
        for path in 0..scenario.paths() {
            world.sample(&scenario, &samplers, path);
            for (d, design) in scenario.designs().iter().enumerate() {
                let mut approved = Approved::default();
                ledger.apply_observed(&scenario, design, &world, &mut approved);
                check_identities(&scenario, d, &ledger)?;
                check_budget_room(&scenario, &ledger, &approved.0)?;
            }
        }
        let aggregates = sifsim::internals::simulate::simulate(&scenario, &sifsim::internals::simulate::Unmonitored).unwrap();
        prop_assert_eq!(aggregates.invalid_slot(), None);
        check_result_effect(&scenario, &aggregates)?;
    }
}

/// Checks that `histogram`'s share above each percentile `(q, value)` is 1 − q to within one
/// bin either side of the value.
fn check_percentiles(
    histogram: &Histogram,
    percentiles: &[(f64, f64)],
) -> Result<(), TestCaseError> {
    for &(q, value) in percentiles {
        // A bin, or the rounding of sums where every path ends within it of one value.
        let width = histogram.bin_width().max(1e-9 * (1.0 + value.abs()));
        let (above, below) = (
            histogram.share_above(value + width),
            histogram.share_above(value - width),
        );
        prop_assert!(
            above <= 1.0 - q + 1e-9 && below >= 1.0 - q - 1e-9,
            "p{}: {value}, share above it ± a bin {above}..{below}",
            q * 100.0
        );
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(100))]

    #[test]
    fn exceedance_curves_fall_from_one_to_zero_and_agree_with_the_percentiles(random in random_scenario()) {
        let toml = random.toml.replace("paths = 4\n", "paths = 60\n");
        let scenario = Scenario::from_bytes("random.toml".as_ref(), toml.as_bytes())
            .map_err(|e| TestCaseError::fail(format!("{e}\n{toml}")))?;
        let aggregates = sifsim::internals::simulate::simulate(&scenario, &sifsim::internals::simulate::Unmonitored).unwrap();
        let run = RunInfo { threads: 1, started: String::new(), duration_seconds: 0.0 };
        let results = Results::new(&scenario, &aggregates, String::new(), run).unwrap();
        let rows = results.exceedance_rows();
        for pair in rows.windows(2) {
            let (a, b) = (&pair[0], &pair[1]);
            let same = a.design == b.design && a.figure == b.figure && a.unit == b.unit;
            prop_assert!(!same || (a.value_mnkr < b.value_mnkr && a.p_above >= b.p_above), "{a:?} then {b:?}");
            prop_assert!(same || b.p_above == 1.0, "a curve starts below 1: {b:?}");
            prop_assert!(same || a.p_above == 0.0, "a curve ends above 0: {a:?}");
        }
        prop_assert!(rows.first().is_some_and(|r| r.p_above == 1.0));
        prop_assert!(rows.last().is_some_and(|r| r.p_above == 0.0));
        let spread = |s: sifsim::results::Spread| [(0.05, s.p5), (0.5, s.p50), (0.95, s.p95)];
        for (design, distributions) in results.summary.designs.iter().zip(&results.distributions.designs) {
            let c = design.final_cash;
            let last = distributions.get(Quantity::Cash { t: scenario.years() - 1 });
            check_percentiles(last, &[(0.05, c.p5), (0.25, c.p25), (0.5, c.p50), (0.75, c.p75), (0.95, c.p95)])?;
            check_percentiles(&distributions.net_saving, &spread(design.net_saving))?;
            check_percentiles(&distributions.net_saving_lifetime, &spread(design.net_saving_lifetime))?;
            for (u, unit) in design.units.iter().enumerate() {
                check_percentiles(&distributions.burden_total[u], &spread(unit.burden_total))?;
                check_percentiles(&distributions.burden_total_lifetime[u], &spread(unit.burden_total_lifetime))?;
            }
        }
    }
}
