//! Hand-computed cases: the certified values of sifsim. Each test states its arithmetic.

mod common;

use common::{Setup, aggregate_one, assert_close, failed_project, known, one_path};
use sifsim::internals::aggregate::{Layout, Total, UnitTotal, UnitYearStat};
use sifsim::internals::world::World;

const TWO_UNITS: &str = r#"
[[unit]]
id = "skola"
name = "Utbildningsförvaltningen"
frame = 1000

[[unit]]
id = "social"
name = "Socialförvaltningen"
frame = 1000
"#;

/// The thesis' example (seed 002, lines 230-236), all uncertainty off: utbildningsförvaltningen
/// gets 2 mnkr; the school and social services each save 1 mnkr two years on and each repay
/// 1 mnkr, so the fund gets its 2 mnkr back.
#[test]
fn thesis_worked_example_returns_the_fund_to_where_it_began() {
    let scenario = Setup::default().scenario(&format!(
        r#"{TWO_UNITS}
[[project]]
name = "Utbildningsinsats"
start_year = 2020
lead = "skola"
partners = ["social"]
cost = 2
duration_years = 1
success_probability = 1
planned_savings = {{ skola = 1, social = 1 }}
effect_lag_years = 2
effect_years = 1
effect_size = 1

[[design]]
name = "Återföring"
model = "repayment"
fund.initial = 2
repayment.basis = "realized"
repayment.start_within_years = 3
repayment.horizon_years = 1
"#
    ));
    let (world, ledgers) = one_path(&scenario);
    let years = ledgers[0].years();
    // 2020: 2 paid out, cash 2 - 2 = 0. 2022: each unit repays its 1 mnkr of room, cash 0 + 2 = 2.
    assert_close(years[0].payouts, 2.0);
    assert_close(years[0].cash, 0.0);
    assert_close(years[2].repaid, 2.0);
    assert_close(years.last().unwrap().cash, 2.0);
    for u in 0..2 {
        assert_close(ledgers[0].unit(2, u).repaid, 1.0);
        assert_close(ledgers[0].unit(2, u).room, 1.0);
        for t in 0..scenario.years() {
            assert_close(ledgers[0].unit(t, u).burden(), 0.0);
        }
    }
    let aggregates = aggregate_one(&scenario, &world, &ledgers);
    let layout = Layout::of(&scenario);
    assert_close(aggregates.mean(layout.total(0, Total::FinalCash)), 2.0);
    for u in 0..2 {
        assert_close(
            aggregates.mean(layout.unit_total(0, u, UnitTotal::Burden)),
            0.0,
        );
        // Each repays exactly the 1 mnkr of room it gained: not more.
        assert_eq!(
            aggregates.mean(layout.unit_total(0, u, UnitTotal::AnyYearRepaidAboveRoom)),
            0.0
        );
    }
}

/// Plan 10 split 2:3 → a owes 4, b owes 6, in 10 instalments of 0.4 and 0.6 from 2023
/// (start within 3 < lag 5). Nothing is saved, so each repays its floor: 0.3·0.4 = 0.12 and
/// 0.3·0.6 = 0.18 a year; 0.7 a year, 7 in all = 70 % of the plan, is written off.
#[test]
fn orebro_floor_repays_30_percent_and_the_fund_writes_off_the_rest() {
    let scenario = Setup::default().scenario(&failed_project(
        "repayment.basis = \"realized\"\nrepayment.floor_share = 0.3",
    ));
    let (world, ledgers) = one_path(&scenario);
    let ledger = &ledgers[0];
    let years = ledger.years();
    for year in &years[..3] {
        assert_close(year.instalments_due, 0.0);
    }
    for (t, year) in years.iter().enumerate().take(13).skip(3) {
        assert_close(year.instalments_due, 1.0);
        assert_close(ledger.unit(t, 0).repaid, 0.12);
        assert_close(ledger.unit(t, 1).repaid, 0.18);
        assert_close(year.written_off, 0.7);
    }
    assert_close(years[13].instalments_due, 0.0);
    let written_off: f64 = years.iter().map(|y| y.written_off).sum();
    let repaid: f64 = years.iter().map(|y| y.repaid).sum();
    assert_close(written_off, 7.0);
    assert_close(repaid, 3.0);
    // 10 - 10 paid out + 3 repaid.
    assert_close(years.last().unwrap().cash, 3.0);
    // Both units repay their floor with no room at all: each pays back more than it gained.
    let aggregates = aggregate_one(&scenario, &world, &ledgers);
    let layout = Layout::of(&scenario);
    for u in 0..2 {
        assert_close(
            aggregates.mean(layout.unit_total(0, u, UnitTotal::AnyYearRepaidAboveRoom)),
            1.0,
        );
    }
}

/// As above with the lead as bearer: "a" pays its floor 0.12 plus the whole shortfall 0.7 a
/// year (burden 0.82), "b" its floor 0.18; the fund receives the full 1.0 a year.
#[test]
fn orebro_floor_with_the_lead_as_bearer_puts_the_shortfall_on_the_lead() {
    let scenario = Setup::default().scenario(&failed_project(
        "repayment.basis = \"realized\"\nrepayment.floor_share = 0.3\nrepayment.shortfall_bearer = \"lead\"",
    ));
    let (_, ledgers) = one_path(&scenario);
    let ledger = &ledgers[0];
    for t in 3..13 {
        assert_close(ledger.years()[t].repaid, 1.0);
        assert_close(ledger.years()[t].written_off, 0.0);
        assert_close(ledger.unit(t, 0).shortfall_paid, 0.7);
        assert_close(ledger.unit(t, 0).burden(), 0.82);
        assert_close(ledger.unit(t, 1).burden(), 0.18);
    }
    assert_close(ledger.years().last().unwrap().cash, 10.0);
}

/// A frame cut (basis "planned") takes the whole plan from a failed project: 0.4 + 0.6 a year
/// for 10 years = 10, nothing written off.
#[test]
fn frame_cut_repays_the_whole_plan_of_a_failed_project() {
    let scenario = Setup::default().scenario(&failed_project("repayment.basis = \"planned\""));
    let (_, ledgers) = one_path(&scenario);
    let ledger = &ledgers[0];
    for t in 3..13 {
        assert_close(ledger.unit(t, 0).repaid, 0.4);
        assert_close(ledger.unit(t, 1).repaid, 0.6);
    }
    let repaid: f64 = ledger.years().iter().map(|y| y.repaid).sum();
    let written_off: f64 = ledger.years().iter().map(|y| y.written_off).sum();
    assert_close(repaid, 10.0);
    assert_close(written_off, 0.0);
}

/// A budget fund of 10 mnkr with a replenish rule (5 mnkr with probability 0.5) and four
/// known projects of 4 mnkr, applying 2020-2023.
fn budget_scenario() -> sifsim::scenario::Scenario {
    let projects: String = (0..4)
        .map(|i| {
            format!(
                r#"
[[project]]
name = "P{i}"
start_year = {}
lead = "a"
cost = 4
duration_years = 1
success_probability = 0
planned_savings = {{ a = 1 }}
effect_lag_years = 1
effect_years = 1
effect_size = 1
"#,
                2020 + i
            )
        })
        .collect();
    Setup::default().scenario(&format!(
        r#"
[[unit]]
id = "a"
name = "A"
frame = 1000
{projects}
[[design]]
name = "Budget"
model = "budget"
fund.initial = 10
fund.deposits = [{{ kind = "replenish", amount = 5, probability = 0.5 }}]
"#
    ))
}

fn budget_world(scenario: &sifsim::scenario::Scenario, will: &[f64]) -> World {
    let years = scenario.years();
    let mut applications = vec![Vec::new(); years];
    for (i, year) in applications.iter_mut().take(4).enumerate() {
        year.push(known(i, 4.0, false, 0.0));
    }
    let mut will = will.to_vec();
    will.resize(years, 0.9);
    World::from_parts(
        0.0,
        &vec![0.0; years],
        &vec![vec![0.0]; years],
        &will,
        &applications,
    )
}

/// 10 → 6 (2020) → 2 (2021); 2022's project finds 2 < 4: depleted in 2022. Will in 2023 is
/// 0.4 < 0.5 after a depleted year: +5 → 7, and 2023's project is approved (→ 3). Will in
/// 2024 is 0.1, but 2023 was not depleted: no deposit. Nothing is ever repaid.
#[test]
fn budget_fund_drains_and_replenish_refills_after_a_depleted_year() {
    let scenario = budget_scenario();
    let world = budget_world(&scenario, &[0.0, 0.0, 0.0, 0.4, 0.1]);
    let ledgers = common::apply_all(&scenario, &world);
    let years = ledgers[0].years();
    let depleted: Vec<bool> = years.iter().map(|y| y.depleted).collect();
    assert_eq!(&depleted[..5], &[false, false, true, false, false]);
    assert_close(years[3].deposits, 5.0);
    assert_close(years[4].deposits, 0.0);
    assert_eq!(years[3].approved, 1);
    assert_close(years[3].cash, 3.0);
    assert!(
        years
            .iter()
            .all(|y| y.repaid == 0.0 && y.instalments_due == 0.0)
    );
    // Will 0.4 and 0.1 in 2020-2021 found no depleted year before them.
    assert_close(
        years[0].deposits + years[1].deposits + years[2].deposits,
        0.0,
    );
}

/// The same fund when will in 2023 is 0.6 ≥ 0.5: no deposit, 2023's project is turned down
/// (depleted again); 2024's will 0.1 < 0.5 after that depleted year brings the 5 mnkr.
#[test]
fn replenish_needs_both_a_depleted_year_and_the_will() {
    let scenario = budget_scenario();
    let world = budget_world(&scenario, &[0.0, 0.0, 0.0, 0.6, 0.1]);
    let ledgers = common::apply_all(&scenario, &world);
    let years = ledgers[0].years();
    assert_close(years[3].deposits, 0.0);
    assert!(years[3].depleted);
    assert_close(years[4].deposits, 5.0);
    assert_close(years[4].cash, 7.0);
}

fn dual_scenario(carry_over: bool) -> sifsim::scenario::Scenario {
    Setup::default().scenario(&format!(
        r#"
[[unit]]
id = "a"
name = "A"
frame = 1000

[[project]]
name = "Samverkan"
start_year = 2020
lead = "a"
cost = 0.5
duration_years = 1
success_probability = 1
planned_savings = {{}}
effect_lag_years = 0
effect_years = 1
effect_size = 1
repayable = false

[[project]]
name = "Insats"
start_year = 2020
lead = "a"
cost = 4
duration_years = 1
success_probability = 1
planned_savings = {{ a = 1 }}
effect_lag_years = 0
effect_years = 10
effect_size = 1

[[project]]
name = "Stor samverkan"
start_year = 2021
lead = "a"
cost = 2
duration_years = 1
success_probability = 1
planned_savings = {{}}
effect_lag_years = 0
effect_years = 1
effect_size = 1
repayable = false

[[design]]
name = "Dubbelmodell"
model = "dual"
fund.initial = 4
repayment.basis = "realized"
repayment.start_within_years = 0
repayment.horizon_years = 4
grant.fixed = 1
grant.carry_over = {carry_over}
"#
    ))
}

/// 2020: the grant pot gets 1 and funds Samverkan (0.5); the repayment pot's 4 funds Insats,
/// whose plan of 4 is repaid 1 a year from 2020 (room 1 a year). Cash at the end of 2020:
/// 4 + 1 deposit + 1 repaid - 4.5 paid out - 0.5 lapsed = 1. In 2021 the grant pot holds 1
/// and turns Stor samverkan (2) down — counted, but the fund is not depleted.
#[test]
fn dual_grant_money_lapses_and_only_the_repayment_pot_is_repaid() {
    let scenario = dual_scenario(false);
    let (_, ledgers) = one_path(&scenario);
    let years = ledgers[0].years();
    assert_close(years[0].deposits, 1.0);
    assert_close(years[0].repaid, 1.0);
    assert_close(years[0].payouts, 4.5);
    assert_close(years[0].lapsed, 0.5);
    assert_close(years[0].cash, 1.0);
    let repaid: f64 = years.iter().map(|y| y.repaid).sum();
    assert_close(repaid, 4.0);
    assert_eq!((years[1].turned_down, years[1].turned_down_grant), (1, 1));
    assert!(!years[1].depleted);
    // 2021: 1 lapses again (nothing approved from the grant pot).
    assert_close(years[1].lapsed, 1.0);
}

/// With carry-over the 0.5 left in 2020 stays: cash at the end of 2020 is 1 + 0.5 = 1.5.
/// In 2021 the grant pot holds 0.5 + 1 = 1.5, still short of Stor samverkan's 2; with the
/// repayment pot's 1 + 1 repaid = 2, 3.5 is uncommitted.
#[test]
fn dual_grant_money_carries_over_when_asked() {
    let scenario = dual_scenario(true);
    let (_, ledgers) = one_path(&scenario);
    let years = ledgers[0].years();
    assert_close(years[0].lapsed, 0.0);
    assert_close(years[0].cash, 1.5);
    assert_eq!(years[1].turned_down_grant, 1);
    assert_close(years[1].uncommitted, 3.5);
    assert!(years.iter().all(|y| y.lapsed == 0.0));
}

fn single_project(
    setup: Setup,
    project: &str,
) -> (
    sifsim::scenario::Scenario,
    World,
    Vec<sifsim::internals::ledger::Ledger>,
) {
    let scenario = setup.scenario(&format!(
        r#"
[[unit]]
id = "a"
name = "A"
frame = 1000

[[project]]
name = "X"
lead = "a"
effect_size = 1
{project}

[[design]]
name = "Budget"
model = "budget"
fund.initial = 100
"#
    ));
    let (world, ledgers) = one_path(&scenario);
    (scenario, world, ledgers)
}

/// Index 10 %: a project of 1 mnkr (start-year prices) approved in 2021 pays 1·1.1 = 1.1;
/// its planned saving of 1 a year arrives in 2022 as 1·1.1² = 1.21.
#[test]
fn index_inflates_costs_and_savings_to_the_year_they_occur() {
    let setup = Setup {
        index: 0.1,
        ..Setup::default()
    };
    let (_, _, ledgers) = single_project(
        setup,
        "start_year = 2021\nsuccess_probability = 1\ncost = 1\nduration_years = 1\nplanned_savings = { a = 1 }\neffect_lag_years = 1\neffect_years = 1",
    );
    let years = ledgers[0].years();
    assert_close(years[1].payouts, 1.1);
    assert_close(years[2].saving, 1.21);
    assert_close(ledgers[0].unit(2, 0).room, 1.21);
}

/// Overrun 10 % of a 3 mnkr project over 3 years at index 10 %: the lead pays
/// 0.1·3·1.1^t/3 = 0.1, 0.11, 0.121; the fund's payouts stay 3/3 = 1 a year.
#[test]
fn overrun_falls_on_the_lead_at_each_years_prices() {
    let setup = Setup {
        index: 0.1,
        ..Setup::default()
    };
    let (_, _, ledgers) = single_project(
        setup,
        "start_year = 2020\ncost = 3\nduration_years = 3\nsuccess_probability = 0\ncost_overrun = { mean = 0.1 }\nplanned_savings = { a = 1 }\neffect_lag_years = 1\neffect_years = 1",
    );
    for (t, expected) in [0.1, 0.11, 0.121].into_iter().enumerate() {
        assert_close(ledgers[0].unit(t, 0).overrun, expected);
        assert_close(ledgers[0].unit(t, 0).burden(), expected);
        assert_close(ledgers[0].years()[t].payouts, 1.0);
    }
    assert_close(ledgers[0].unit(3, 0).overrun, 0.0);
}

/// Duration 2 (payouts 2020-2021), savings 2021-2024 (lag 1, 4 years): the running cost of
/// 0.5 falls on the lead in the saving years after the last payout, 2022-2024: 1.5 in all.
#[test]
fn running_cost_starts_after_the_last_payout_and_ends_with_the_savings() {
    let (_, _, ledgers) = single_project(
        Setup::default(),
        "start_year = 2020\nsuccess_probability = 1\ncost = 2\nduration_years = 2\nrunning_cost = 0.5\nplanned_savings = { a = 1 }\neffect_lag_years = 1\neffect_years = 4",
    );
    let running: Vec<f64> = (0..6).map(|t| ledgers[0].unit(t, 0).running_cost).collect();
    assert_eq!(running, vec![0.0, 0.0, 0.5, 0.5, 0.5, 0.0]);
}

/// Net saving: cost 2 in 2020, savings of 1 in 2021-2023: -2 + 3 = 1. Discounted at 10 %:
/// -2 + 1/1.1 + 1/1.21 + 1/1.331 = 0.486851990984...
#[test]
fn net_saving_nominal_and_discounted() {
    let setup = Setup {
        discount_rate: 0.1,
        ..Setup::default()
    };
    let (scenario, world, ledgers) = single_project(
        setup,
        "start_year = 2020\nsuccess_probability = 1\ncost = 2\nduration_years = 1\nplanned_savings = { a = 1 }\neffect_lag_years = 1\neffect_years = 3",
    );
    let aggregates = aggregate_one(&scenario, &world, &ledgers);
    let layout = Layout::of(&scenario);
    assert_close(aggregates.mean(layout.total(0, Total::NetSaving)), 1.0);
    let expected = -2.0 + 1.0 / 1.1 + 1.0 / 1.21 + 1.0 / 1.331;
    assert!((aggregates.mean(layout.total(0, Total::NetSavingDiscounted)) - expected).abs() < 1e-8);
    assert_close(
        aggregates.mean(layout.total(0, Total::NetSavingPositive)),
        1.0,
    );
}

/// Frame 1000 and an ordinary result of +0.1 % = +1.0 mnkr. 2020: an overrun of 15 % of 10
/// = 1.5 turns +1.0 into -0.5: tipped. 2021: an overrun of 0.5 leaves +0.5: not tipped.
/// 2022: already -1.0 before an overrun of 1.5: in deficit, but not tipped by the fund.
#[test]
fn tipped_into_deficit_only_when_the_burden_turns_a_surplus_into_a_deficit() {
    let scenario = Setup::default().scenario(
        r#"
[[unit]]
id = "a"
name = "A"
frame = 1000

[[project]]
name = "X"
start_year = 2020
lead = "a"
cost = 10
duration_years = 1
success_probability = 0
planned_savings = { a = 1 }
effect_lag_years = 1
effect_years = 1
effect_size = 1

[[design]]
name = "Budget"
model = "budget"
fund.initial = 100
"#,
    );
    let years = scenario.years();
    let app = |overrun| sifsim::internals::world::Application {
        overrun,
        ..known(0, 10.0, false, 0.0)
    };
    let mut applications = vec![vec![app(0.15)], vec![app(0.05)], vec![app(0.15)]];
    applications.resize(years, Vec::new());
    let mut shares = vec![vec![0.001], vec![0.001], vec![-0.001]];
    shares.resize(years, vec![0.0]);
    let world = World::from_parts(
        0.0,
        &vec![0.0; years],
        &shares,
        &vec![0.5; years],
        &applications,
    );
    let ledgers = common::apply_all(&scenario, &world);
    let aggregates = aggregate_one(&scenario, &world, &ledgers);
    let layout = Layout::of(&scenario);
    let tipped: Vec<f64> = (0..4)
        .map(|t| aggregates.mean(layout.unit_year(0, 0, t, UnitYearStat::Tipped)))
        .collect();
    assert_eq!(tipped, vec![1.0, 0.0, 0.0, 0.0]);
    assert_close(
        aggregates.mean(layout.unit_total(0, 0, UnitTotal::AnyYearTipped)),
        1.0,
    );
}

/// Rooms of 0.1 (2020-2022) and 0.2 (2020-2024) at index 3 %: books kept as yearly changes
/// sum 0.1 + 0.2 - 0.1 - 0.2, which in floating point is 2.8e-17, not 0. Once both have
/// ended the unit's burden must read exactly 0 — else a unit that no project touches would be
/// "tipped into deficit" by rounding (its ordinary result is 0) and the zero atom of its
/// percentiles would be lost.
#[test]
fn a_unit_no_project_touches_any_more_carries_exactly_nothing() {
    let setup = Setup {
        index: 0.03,
        ..Setup::default()
    };
    let scenario = setup.scenario(
        r#"
[[unit]]
id = "a"
name = "A"
frame = 1000

[[project]]
name = "Kort"
start_year = 2020
lead = "a"
cost = 1
duration_years = 1
success_probability = 1
planned_savings = { a = 0.1 }
effect_lag_years = 0
effect_years = 3
effect_size = 1

[[project]]
name = "Lång"
start_year = 2020
lead = "a"
cost = 1
duration_years = 1
success_probability = 1
planned_savings = { a = 0.2 }
effect_lag_years = 0
effect_years = 5
effect_size = 1

[[design]]
name = "Budget"
model = "budget"
fund.initial = 2
"#,
    );
    let (world, ledgers) = one_path(&scenario);
    let ledger = &ledgers[0];
    // 2020-2022 both rooms, -0.3·1.03^t; 2023-2024 the long one, -0.2·1.03^t.
    for t in 0..5 {
        let room = if t < 3 { 0.3 } else { 0.2 };
        assert_close(ledger.burden(t, 0), -room * 1.03f64.powi(t as i32));
    }
    let aggregates = aggregate_one(&scenario, &world, &ledgers);
    let layout = Layout::of(&scenario);
    for t in 5..scenario.years() {
        assert_eq!(ledger.burden(t, 0), 0.0, "year {t}");
        assert_eq!(ledger.unit(t, 0).room, 0.0, "year {t}");
        assert_eq!(ledger.years()[t].saving, 0.0, "year {t}");
        let tipped = layout.unit_year(0, 0, t, UnitYearStat::Tipped);
        assert_eq!(aggregates.mean(tipped), 0.0, "year {t}");
    }
}
