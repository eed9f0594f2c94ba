//! Hand-computed cases of the model's version 2 (MODEL.md section 6), one or more per
//! subsection; each test states its arithmetic.

mod common;

use common::{ONE_UNIT, Setup, aggregate_one, assert_close, failed_project, one_path};
use sifsim::internals::aggregate::{Layout, Total, UnitTotal};
use sifsim::internals::world::{Samplers, World};
use sifsim::scenario::Scenario;

/// A known project of `cost` in 2020, paid in one year, saving `saving` a year for
/// `effect_years` from `lag` years on, always successful at full effect; `extra` is appended.
fn project(
    name: &str,
    cost: f64,
    saving: f64,
    lag: usize,
    effect_years: usize,
    extra: &str,
) -> String {
    format!(
        r#"
[[project]]
name = "{name}"
start_year = 2020
lead = "social"
cost = {cost}
duration_years = 1
success_probability = 1
planned_savings = {{ social = {saving} }}
effect_lag_years = {lag}
effect_years = {effect_years}
effect_size = 1
{extra}
"#
    )
}

/// 6.1: cost 2 paid in 2020, saving 1 a year in 2022–2024; the window is 2020–2022.
/// Window: net = 1 − 2 = −1. After it: savings 1 + 1 = 2, so over the project's life the net
/// saving is −2 + 3 = +1. Repaid 2/3 a year in 2022–2024 (room 1 covers each instalment):
/// 0.667 inside the window, 1.333 after it; over the life 2 of 2 paid out come back.
#[test]
fn whole_lives_count_the_savings_and_instalments_after_the_window() {
    let setup = Setup {
        years: 3,
        ..Setup::default()
    };
    let scenario = setup.scenario(&format!(
        r#"{ONE_UNIT}{}
[[design]]
name = "Budget"
model = "budget"
fund.initial = 10

[[design]]
name = "Återföring"
model = "repayment"
fund.initial = 10
repayment.basis = "realized"
repayment.start_within_years = 2
repayment.horizon_years = 3
"#,
        project("Livslång", 2.0, 1.0, 2, 3, "")
    ));
    let (world, ledgers) = one_path(&scenario);
    assert_eq!(ledgers[0].lifetime_years(), 5);
    assert_eq!(ledgers[0].after_window().len(), 2);
    let aggregates = aggregate_one(&scenario, &world, &ledgers);
    let layout = Layout::of(&scenario);
    let total = |d, s| aggregates.mean(layout.total(d, s));
    for d in 0..2 {
        assert_close(total(d, Total::NetSaving), -1.0);
        assert_close(total(d, Total::AfterSavings), 2.0);
        assert_close(total(d, Total::NetSavingLifetime), 1.0);
        assert_close(total(d, Total::NetSavingLifetimePositive), 1.0);
        assert_close(total(d, Total::NetSavingPositive), 0.0);
    }
    assert_close(total(1, Total::Repaid), 2.0 / 3.0);
    assert_close(total(1, Total::AfterRepaid), 4.0 / 3.0);
    assert_close(total(0, Total::AfterRepaid), 0.0);
    // The unit gains 3 of room over the life and repays 2: its lifetime burden is −1.
    assert_close(
        aggregates.mean(layout.unit_total(1, 0, UnitTotal::BurdenLifetime)),
        -1.0,
    );
    // Budget: the unit gains 1 of room a year for three years and pays nothing: −3.
    assert_close(
        aggregates.mean(layout.unit_total(0, 0, UnitTotal::BurdenLifetime)),
        -3.0,
    );
}

/// 6.2: index 10 %, real discount rate 5 %. Cost 1 paid in 2020 (f = 1); saving 1 a year at
/// start-year prices in 2021, nominal 1.1. Nominal net: 1.1 − 1 = 0.1; in start-year prices:
/// 1.1/1.1 − 1 = 0; discounted at the real rate: −1 + (1.1/1.1)/1.05 = −0.047619.
#[test]
fn fixed_prices_and_a_real_discount_rate() {
    let setup = Setup {
        years: 2,
        index: 0.1,
        discount_rate: 0.05,
        ..Setup::default()
    };
    let scenario = setup.scenario(&format!(
        r#"{ONE_UNIT}{}
[[design]]
name = "Budget"
model = "budget"
fund.initial = 10
"#,
        project("Pris", 1.0, 1.0, 1, 1, "")
    ));
    let (world, ledgers) = one_path(&scenario);
    let aggregates = aggregate_one(&scenario, &world, &ledgers);
    let layout = Layout::of(&scenario);
    let total = |s| aggregates.mean(layout.total(0, s));
    assert_close(total(Total::NetSaving), 0.1);
    assert_close(total(Total::NetSavingReal), 0.0);
    assert_close(total(Total::NetSavingDiscounted), -1.0 + 1.0 / 1.05);
    assert_close(total(Total::NetSavingLifetime), 0.0);
}

/// 6.3: cost 1, saving 1 in 2021, realization share 0.5, one instalment of 1 due in 2021.
/// Measured: the unit repays the saving, 1, but gains only 0.5 of room: burden 0.5, and it paid
/// more than its room (Ale's critic). Realized: it repays its room, 0.5; 0.5 is written off.
#[test]
fn a_measured_basis_can_make_a_unit_repay_more_than_its_room() {
    let design = |name: &str, basis: &str| {
        format!(
            r#"
[[design]]
name = "{name}"
model = "repayment"
fund.initial = 10
repayment.basis = "{basis}"
repayment.start_within_years = 1
repayment.horizon_years = 1
"#
        )
    };
    let scenario = Setup::default().scenario(&format!(
        "{ONE_UNIT}{}{}{}",
        project("Mätt", 1.0, 1.0, 1, 1, "realization_share = 0.5"),
        design("Mätt", "measured"),
        design("Realiserad", "realized"),
    ));
    let (world, ledgers) = one_path(&scenario);
    let (measured, realized) = (&ledgers[0], &ledgers[1]);
    assert_close(measured.unit(1, 0).repaid, 1.0);
    assert_close(measured.unit(1, 0).room, 0.5);
    assert_close(measured.burden(1, 0), 0.5);
    assert!(measured.repaid_above_room(1, 0));
    assert_close(measured.years()[1].written_off, 0.0);
    assert_close(realized.unit(1, 0).repaid, 0.5);
    assert_close(realized.burden(1, 0), 0.0);
    assert_close(realized.years()[1].written_off, 0.5);
    let aggregates = aggregate_one(&scenario, &world, &ledgers);
    let layout = Layout::of(&scenario);
    let above = |d| aggregates.mean(layout.unit_total(d, 0, UnitTotal::AnyYearRepaidAboveRoom));
    assert_eq!((above(0), above(1)), (1.0, 0.0));
}

/// A failed project of cost 10 (planned savings a = 2, b = 3) under a 30 % floor on the whole
/// plan, instalments from 2023 to 2032 (start within 3, horizon 10); `bearer` bears shortfalls.
fn failed_under_a_plan_floor(bearer: &str) -> Scenario {
    Setup::default().scenario(&failed_project(&format!(
        "repayment.basis = \"realized\"\nrepayment.floor_share = 0.3\n\
         repayment.floor_applies_to = \"plan\"\nrepayment.shortfall_bearer = \"{bearer}\"\n"
    )))
}

/// 6.4: a owes 4 (0.4 a year), b owes 6 (0.6 a year). Nothing is saved, so nothing is paid
/// and arrears grow by 1 a year: owed 1 at the end of 2023, 9 at the end of 2031. In 2032,
/// the last instalment's year, a tops up to 0.3·4 = 1.2 and b to 0.3·6 = 1.8 (repaid 3);
/// the rest, 10 − 3 = 7, is written off and nothing is owed.
#[test]
fn a_floor_on_the_whole_plan_is_settled_at_the_plans_end() {
    let scenario = failed_under_a_plan_floor("fund");
    let (_, ledgers) = one_path(&scenario);
    let years = ledgers[0].years();
    for (t, owed) in [(2, 0.0), (3, 1.0), (4, 2.0), (11, 9.0), (12, 0.0)] {
        assert_close(years[t].owed, owed);
    }
    for year in &years[3..12] {
        assert_close(year.repaid, 0.0);
        assert_close(year.written_off, 0.0);
    }
    assert_close(years[12].repaid, 3.0);
    assert_close(years[12].written_off, 7.0);
    assert_close(ledgers[0].unit(12, 0).repaid, 1.2);
    assert_close(ledgers[0].unit(12, 1).repaid, 1.8);
    assert_close(ledgers[0].burden(12, 0), 1.2);
}

/// 6.4 with the lead bearing the shortfall: in 2032 a pays its top-up 1.2 and the rest 7, so
/// the fund receives 10 and writes off nothing; a's burden that year is 8.2.
#[test]
fn a_plan_floors_shortfall_borne_by_the_lead_is_paid_at_the_plans_end() {
    let scenario = failed_under_a_plan_floor("lead");
    let (_, ledgers) = one_path(&scenario);
    let years = ledgers[0].years();
    assert_close(years[11].owed, 9.0);
    assert_close(years[12].repaid, 10.0);
    assert_close(years[12].written_off, 0.0);
    assert_close(ledgers[0].unit(12, 0).shortfall_paid, 7.0);
    assert_close(ledgers[0].burden(12, 0), 8.2);
    assert_close(ledgers[0].burden(12, 1), 1.8);
}

/// 6.5: with correlation 1 a unit's result share is `sd·z_y`, and the annual result (no
/// autocorrelation, no index) is `mean + sd_R·z_y`: the two move together exactly; with −1,
/// exactly against each other.
#[test]
fn correlated_units_share_the_municipalitys_bad_years() {
    let text = r#"
[simulation]
name = "Korrelation"
start_year = 2020
years = 10
paths = 1
seed = 3

[municipality]
name = "M"
total_budget = 1000
annual_result = { mean = 100, sd = 50 }

[[unit]]
id = "med"
name = "Med"
frame = 100
ordinary_result = { mean = 0, sd = 0.01, correlation = 1 }

[[unit]]
id = "mot"
name = "Mot"
frame = 100
ordinary_result = { mean = 0, sd = 0.01, correlation = -1 }

[[design]]
name = "Budget"
model = "budget"
fund.initial = 1
"#;
    let scenario = Scenario::from_bytes("korrelation.toml".as_ref(), text.as_bytes()).unwrap();
    let mut world = World::default();
    world.sample(&scenario, &Samplers::new(&scenario), 0);
    for t in 0..10 {
        let z = (world.annual_result(t as isize) - 100.0) / 50.0;
        assert!((world.unit_result_share(t, 0) - 0.01 * z).abs() < 1e-12);
        assert!((world.unit_result_share(t, 1) + 0.01 * z).abs() < 1e-12);
    }
}

/// 6.6: fund 1. A decided project of cost 3 is approved without the money test: uncommitted
/// and cash fall to 1 − 3 = −2. An undecided project of 0.5 in the same year is then turned
/// down for money (a depletion).
#[test]
fn a_decided_project_is_approved_whatever_the_balance() {
    let scenario = Setup::default().scenario(&format!(
        r#"{ONE_UNIT}{}{}
[[design]]
name = "Budget"
model = "budget"
fund.initial = 1
"#,
        project(
            "Beslutad",
            3.0,
            0.0,
            1,
            1,
            "decided = true\nrepayable = false"
        ),
        project("Ny", 0.5, 0.0, 1, 1, "repayable = false"),
    ));
    let (_, ledgers) = one_path(&scenario);
    let year = ledgers[0].years()[0];
    assert_eq!((year.approved, year.decided, year.turned_down), (1, 1, 1));
    assert!(year.depleted);
    assert_close(year.cash, -2.0);
    assert_close(year.uncommitted, -2.0);
}

/// 6.7 with 7.5: after `last_year = 2020` nobody applies, so a known project of 2021 is
/// counted nowhere (version 2 counted it as refused by the rules); with `last_year = 2019`,
/// before the start, no application is counted at all.
#[test]
fn applications_after_the_last_year_are_counted_nowhere() {
    let late = project("Sen", 1.0, 0.0, 1, 1, "repayable = false").replace("2020", "2021");
    let scenario = Setup::default().scenario(&format!(
        r#"{ONE_UNIT}{}{late}
[[design]]
name = "Till 2020"
model = "budget"
fund.initial = 10
approval.last_year = 2020

[[design]]
name = "Stängd"
model = "budget"
fund.initial = 10
approval.last_year = 2019
"#,
        project("Tidig", 1.0, 0.0, 1, 1, "repayable = false"),
    ));
    let (_, ledgers) = one_path(&scenario);
    let counts = |d: usize, t: usize| {
        let y = ledgers[d].years()[t];
        (y.approved, y.refused, y.turned_down, y.depleted)
    };
    assert_eq!(counts(0, 0), (1, 0, 0, false));
    assert_eq!(counts(0, 1), (0, 0, 0, false));
    assert_eq!(counts(1, 0), (0, 0, 0, false));
    assert_eq!(counts(1, 1), (0, 0, 0, false));
}

/// Three budget designs with a large fund (every application they see is approved): demand 2
/// (= M, the base), 1 and 1. The design of demand M sees every application the world drew; the
/// two of demand 1 see identical applications and book identical ledgers; they see fewer.
#[test]
fn demand_thins_a_common_draw_of_applications() {
    let design = |name: &str, demand: f64| {
        format!(
            "[[design]]\nname = \"{name}\"\nmodel = \"budget\"\nfund.initial = 100000\napproval.demand = {demand}\n"
        )
    };
    let scenario = Setup {
        years: 20,
        ..Setup::default()
    }
    .scenario(&format!(
        r#"{ONE_UNIT}
[[project_type]]
name = "Typ"
arrivals_per_year = 3
lead = "social"
cost = {{ median = 1, sigma = 0.5 }}
duration_years = 2
success_probability = 0.5
planned_savings = {{ social = 0.5 }}
effect_lag_years = 1
effect_years = 3
effect_size = {{ mean = 1, sd = 0.3 }}
{}{}{}"#,
        design("Efterfrågan 2", 2.0),
        design("A", 1.0),
        design("B", 1.0),
    ));
    let (world, ledgers) = one_path(&scenario);
    let drawn: usize = (0..20).map(|t| world.applications(t).len()).sum();
    let approved = |d: usize| -> u32 { ledgers[d].years().iter().map(|y| y.approved).sum() };
    assert_eq!(approved(0) as usize, drawn);
    assert!(
        approved(1) < approved(0) && approved(1) > 0,
        "{} of {drawn}",
        approved(1)
    );
    assert_eq!(ledgers[1].years(), ledgers[2].years());
    // Thinning by demand 1 of M = 2 keeps the applications whose number is below 0.5.
    let kept = (0..20)
        .flat_map(|t| world.applications(t))
        .filter(|a| a.thinning < 0.5)
        .count();
    assert_eq!(approved(1) as usize, kept);
}

/// Without a demand other than 1, applications draw no thinning number: a world is the one a
/// version-1 scenario drew.
#[test]
fn without_demand_no_thinning_number_is_drawn() {
    let scenario = Setup::default().scenario(&format!(
        r#"{ONE_UNIT}
[[project_type]]
name = "Typ"
arrivals_per_year = 3
lead = "social"
cost = 1
duration_years = 1
success_probability = 0.5
planned_savings = {{ social = 0.5 }}
effect_lag_years = 1
effect_years = 3
effect_size = 1

[[design]]
name = "Budget"
model = "budget"
fund.initial = 10
"#
    ));
    let (world, _) = one_path(&scenario);
    assert!(
        (0..15)
            .flat_map(|t| world.applications(t))
            .all(|a| a.thinning == 0.0)
    );
}

/// 6.8: `validate` prints each project's expected saving per krona and warns when every
/// project with a saving is assumed to lose money.
#[test]
fn validate_shows_the_saving_per_krona_and_warns_when_every_project_loses() {
    let validate = |file: &std::path::Path| {
        let output = assert_cmd::Command::cargo_bin("sifsim")
            .unwrap()
            .arg("validate")
            .arg(file)
            .assert()
            .success();
        String::from_utf8(output.get_output().stdout.clone()).unwrap()
    };
    let dir = tempfile::tempdir().unwrap();
    // One known project: p 1, effect 1, saving 1 a year for 3 years, cost 2 → 1.5 per krona.
    let paying = Setup::default().toml(&format!(
        "{ONE_UNIT}{}\n[[design]]\nname = \"B\"\nmodel = \"budget\"\nfund.initial = 1\n",
        project("Lönsam", 2.0, 1.0, 1, 3, "")
    ));
    let file = dir.path().join("paying.toml");
    std::fs::write(&file, &paying).unwrap();
    let out = validate(&file);
    assert!(out.contains("förväntad besparing per krona 1,50"), "{out}");
    assert!(!out.contains("varning"), "{out}");
    // Cost 4 instead: 3 / 4 = 0.75 per krona, and the only project loses money.
    std::fs::write(&file, paying.replace("cost = 2", "cost = 4")).unwrap();
    let out = validate(&file);
    assert!(out.contains("förväntad besparing per krona 0,75"), "{out}");
    assert!(
        out.contains("varning: varje projekt med en besparing"),
        "{out}"
    );
}
