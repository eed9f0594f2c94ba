//! Threshold questions and exceedance curves: worked cases whose answer is known, the forms a
//! question may take, the messages for one that cannot be read, and the command line.

mod common;

use std::fs;
use std::path::Path;

use assert_cmd::Command;
use common::{Setup, apply_all, sifsim_run};
use sifsim::Simulator;
use sifsim::export::Lang;
use sifsim::internals::exceedance::Quantity;
use sifsim::internals::simulate::Unmonitored;
use sifsim::internals::threshold::{Comparison, Question, Terms, answer, render};
use sifsim::internals::world::{Samplers, World};
use sifsim::results::{ExceedanceRow, Results};
use sifsim::scenario::Scenario;

const PATHS: u64 = 400;

/// One project of cost 10, paid out in 2020, that succeeds on about half the paths and then
/// saves Socialförvaltningen 2 mnkr a year in 2020–2029; 2020–2022 simulated.
///
/// Återföring (planned basis, no floor, 5 instalments of 2 from 2020): the unit repays 2 a
/// year whatever happens, and gains room of 2 a year when the project succeeds, so its burden
/// over the three years is 0 on success and 3 × 2 = 6 on failure; over the lifetimes (repaying
/// until 2024, room until 2029) −10 or +10. The fund holds 20 − 10 + 2 = 12 at the end of
/// 2020, then 14 and 16 on every path. Budget: the fund pays 10 once and gets nothing back,
/// 10 on every path; the unit's burden is −6 on success and 0 on failure.
/// Net saving over the lifetimes: 10 × 2 − 10 = 10 on success, −10 on failure.
const TWO_OUTCOMES: &str = r#"
[[unit]]
id = "social"
name = "Socialförvaltningen"
frame = 100

[[project]]
name = "Tidiga insatser"
start_year = 2020
lead = "social"
cost = 10
duration_years = 1
success_probability = 0.5
planned_savings = { social = 2 }
effect_lag_years = 0
effect_years = 10
effect_size = 1

[[design]]
name = "Återföring"
model = "repayment"
fund.initial = 20
repayment.basis = "planned"
repayment.start_within_years = 0
repayment.horizon_years = 5

[[design]]
name = "Budget"
model = "budget"
fund.initial = 20
"#;

fn two_outcomes_toml() -> String {
    let setup = Setup {
        years: 3,
        ..Setup::default()
    };
    setup
        .toml(TWO_OUTCOMES)
        .replace("paths = 1\n", &format!("paths = {PATHS}\n"))
}

fn two_outcomes() -> Scenario {
    Scenario::from_bytes("two.toml".as_ref(), two_outcomes_toml().as_bytes()).unwrap()
}

/// The share of paths on which the project failed, counted path by path.
fn failed_share(scenario: &Scenario) -> f64 {
    let samplers = Samplers::new(scenario);
    let mut world = World::default();
    let mut failed = 0;
    for path in 0..scenario.paths() {
        world.sample(scenario, &samplers, path);
        let ledgers = apply_all(scenario, &world);
        let burden: f64 = (0..scenario.years()).map(|t| ledgers[0].burden(t, 0)).sum();
        if burden > 3.0 {
            failed += 1;
        }
    }
    failed as f64 / scenario.paths() as f64
}

fn simulate(scenario: &Scenario) -> Results {
    Simulator::new(None, &Unmonitored)
        .unwrap()
        .simulate(scenario)
        .unwrap()
}

fn ask(results: &Results, text: &str) -> Vec<f64> {
    let question = Question::parse(text, &Terms::of_summary(&results.summary))
        .unwrap_or_else(|e| panic!("{e}"));
    answer(results, &question)
        .into_iter()
        .map(|(_, p)| p)
        .collect()
}

/// Asserts that each design's chance of `text` is as expected, to rounding.
#[track_caller]
fn assert_chances(results: &Results, text: &str, expected: [f64; 2]) {
    let chances = ask(results, text);
    let close = (chances.iter().zip(expected)).all(|(a, b)| (a - b).abs() < 1e-12);
    assert!(close, "{text}: {chances:?}, expected {expected:?}");
}

/// The share above `x` read off a curve's rows, linear between them.
fn read_off(rows: &[&ExceedanceRow], x: f64) -> f64 {
    let after = rows.iter().position(|r| r.value_mnkr > x).unwrap();
    let (a, b) = (rows[after - 1], rows[after]);
    let along = (x - a.value_mnkr) / (b.value_mnkr - a.value_mnkr);
    a.p_above + along * (b.p_above - a.p_above)
}

#[test]
fn two_outcomes_are_answered_exactly() {
    let scenario = two_outcomes();
    let failed = failed_share(&scenario);
    assert!(0.3 < failed && failed < 0.7, "{failed}");
    let results = simulate(&scenario);
    // Återföring: burden 6 on failure, 0 on success; Budget: 0 on failure, −6 on success.
    assert_chances(&results, "burden[social]>3", [failed, 0.0]);
    assert_chances(&results, "burden[social]<-3", [0.0, 1.0 - failed]);
    assert_chances(&results, "burden[social]>=0", [1.0, failed]);
    assert_chances(&results, "burden_lifetime[social]>0", [failed, 0.0]);
    assert_chances(&results, "net_saving_lifetime>0", [1.0 - failed; 2]);
    // The fund holds 16 (Återföring) and 10 (Budget) at the end of 2022 on every path.
    assert_chances(&results, "cash[2022]<20", [1.0, 1.0]);
    assert_chances(&results, "cash<12", [0.0, 1.0]);
    assert_chances(&results, "cash[2020]>11", [1.0, 0.0]);
    assert_chances(&results, "fonden under 16 mnkr 2022", [0.0, 1.0]);
}

#[test]
fn the_curves_of_two_outcomes_step_at_them() {
    let scenario = two_outcomes();
    let failed = failed_share(&scenario);
    let rows = simulate(&scenario).exceedance_rows();
    let curve = |design: &str, figure: &str| -> Vec<(f64, f64)> {
        (rows.iter())
            .filter(|r| r.design == design && r.figure == figure)
            .map(|r| (r.value_mnkr, r.p_above))
            .collect()
    };
    // Återföring's burden: 1 below 0, then `failed` from 0 up to the bin holding 6, then 0.
    let burden = curve("Återföring", "burden_total");
    assert_eq!(burden.first().unwrap().1, 1.0);
    assert_eq!(burden.last().unwrap().1, 0.0);
    let between: Vec<f64> = (burden.iter())
        .filter(|(x, _)| (0.0..5.9).contains(x))
        .map(|&(_, p)| p)
        .collect();
    assert!(!between.is_empty() && between.iter().all(|&p| p == failed));
    // The fund's balance, the same on every path: one step, one bin wide.
    let cash = curve("Budget", "final_cash");
    assert_eq!(cash.iter().map(|&(_, p)| p).collect::<Vec<_>>(), [1.0, 0.0]);
    assert!(cash[0].0 < 10.0 && 10.0 <= cash[1].0 && cash[1].0 - cash[0].0 < 1e-3);
}

#[test]
fn the_last_years_balance_agrees_with_its_curve_and_percentiles() {
    let mut scenario = Scenario::load(Path::new("scenarios/compare.toml")).unwrap();
    scenario = scenario.with_futures(Some(3000), None).unwrap();
    let results = simulate(&scenario);
    let rows = results.exceedance_rows();
    for (d, design) in results.summary.designs.iter().enumerate() {
        let last = Quantity::Cash {
            t: results.summary.years - 1,
        };
        let histogram = results.distributions.designs[d].get(last);
        let width = histogram.bin_width();
        let year = results.summary.start_year + results.summary.years as i64 - 1;
        for row in rows
            .iter()
            .filter(|r| r.design == design.name && r.figure == "final_cash")
        {
            let asked = ask(&results, &format!("cash[{year}]>{}", row.value_mnkr))[d];
            assert!((asked - row.p_above).abs() < 1e-12, "{row:?}: {asked}");
        }
        let p50 = design.final_cash.p50;
        assert!(histogram.share_above(p50 + width) <= 0.5 + 1e-9);
        assert!(histogram.share_above(p50 - width) >= 0.5 - 1e-9);
    }
}

fn terms() -> Terms {
    Terms {
        units: vec![
            ("social".into(), "Socialförvaltningen".into()),
            ("skola".into(), "Utbildningsförvaltningen".into()),
            ("vard".into(), "Vård- och omsorgsförvaltningen".into()),
        ],
        start_year: 2025,
        years: 20,
    }
}

fn parse(text: &str) -> Question {
    Question::parse(text, &terms()).unwrap_or_else(|e| panic!("{e}"))
}

fn question(quantity: Quantity, comparison: Comparison, threshold: f64) -> Question {
    Question {
        quantity,
        comparison,
        threshold,
    }
}

#[test]
fn every_form_is_read() {
    use Comparison::*;
    use Quantity::*;
    let cases = [
        ("burden[social]>5", question(Burden { u: 0 }, Above, 5.0)),
        (
            "burden_total[SKOLA] >= 2.5",
            question(Burden { u: 1 }, AtLeast, 2.5),
        ),
        (
            "burden[Socialförvaltningen] > 5 mnkr",
            question(Burden { u: 0 }, Above, 5.0),
        ),
        (
            "burden_lifetime[vard]<=-1",
            question(BurdenLifetime { u: 2 }, AtMost, -1.0),
        ),
        ("cash[2030]<20", question(Cash { t: 5 }, Below, 20.0)),
        ("cash < 20,5", question(Cash { t: 19 }, Below, 20.5)),
        ("final_cash>0", question(Cash { t: 19 }, Above, 0.0)),
        (
            "net_saving_lifetime>0",
            question(NetSavingLifetime, Above, 0.0),
        ),
        ("net_saving<−3", question(NetSaving, Below, -3.0)),
        (
            "Socialförvaltningen betalar mer än 5 mnkr",
            question(Burden { u: 0 }, Above, 5.0),
        ),
        (
            "socialförvaltningen betalar mer än 5,5 mnkr?",
            question(Burden { u: 0 }, Above, 5.5),
        ),
        (
            "Risk att Socialförvaltningen betalar mer än 5 mnkr under projektens hela livslängd",
            question(BurdenLifetime { u: 0 }, Above, 5.0),
        ),
        (
            "Vård- och omsorgsförvaltningens börda över 1",
            question(Burden { u: 2 }, Above, 1.0),
        ),
        (
            "fonden under 20 mnkr 2030",
            question(Cash { t: 5 }, Below, 20.0),
        ),
        (
            "Hur stor är risken att fonden har mindre än 20 mnkr i slutet av 2030?",
            question(Cash { t: 5 }, Below, 20.0),
        ),
        ("fonden minst 10", question(Cash { t: 19 }, AtLeast, 10.0)),
        (
            "nettobesparingen över 0",
            question(NetSavingLifetime, Above, 0.0),
        ),
        (
            "nettobesparingen inom perioden högst 0",
            question(NetSaving, AtMost, 0.0),
        ),
        (
            "social pays more than 5",
            question(Burden { u: 0 }, Above, 5.0),
        ),
        (
            "the chance that the fund is below 20 in 2030",
            question(Cash { t: 5 }, Below, 20.0),
        ),
        (
            "lifetime net saving above 0",
            question(NetSavingLifetime, Above, 0.0),
        ),
        (
            "the net saving within the period is at least -2.5",
            question(NetSaving, AtLeast, -2.5),
        ),
        (
            "skola pays at most 1 over the projects' lifetimes",
            question(BurdenLifetime { u: 1 }, AtMost, 1.0),
        ),
    ];
    for (text, expected) in cases {
        assert_eq!(parse(text), expected, "{text}");
    }
}

/// The message names the question, what was not understood, the forms, units and years.
#[test]
fn a_question_not_understood_says_why_and_what_is_allowed() {
    let cases = [
        ("", "is empty"),
        ("burden[okänd]>5", "\"okänd\" is not a unit of the scenario"),
        ("burden>5", "burden needs a unit in brackets"),
        ("cash[2050]<20", "\"2050\" is not a simulated year"),
        ("cash[2030<20", "opens a [ it does not close"),
        (
            "net_saving[social]>0",
            "net_saving takes nothing in brackets",
        ),
        ("saldo>5", "\"saldo\" is not a figure"),
        ("cash<tjugo", "\"tjugo\" after < is not an amount in mnkr"),
        // Regression: 400 digits were read as infinity and answered "mer än inf mnkr".
        (
            &format!("cash<{}", "9".repeat(400)),
            "is not an amount in mnkr within ±2000000000",
        ),
        (
            "fonden under 20 mnkr 2050",
            "\"2050\" is not a simulated year",
        ),
        (
            "Socialförvaltningen betalar mycket",
            "has no comparison with an amount",
        ),
        (
            "Socialförvaltningen betalar mer än 5 blåbär",
            "did not understand \"blåbär\"",
        ),
        (
            "socialforvaltningen betalar mer än 5",
            "did not understand \"socialforvaltningen\"",
        ),
        ("mer än 5 mnkr", "names no figure"),
        ("fonden och social över 5", "names more than one figure"),
        (
            "social och skola betalar mer än 5",
            "names more than one unit",
        ),
        (
            "social betalar mer än 5 2030",
            "names a year, which only the fund's balance takes",
        ),
        ("fonden över 5 under 10", "holds two comparisons"),
    ];
    for (text, problem) in cases {
        let error = Question::parse(text, &terms()).expect_err(text).to_string();
        assert!(
            error.starts_with(&format!("threshold question \"{text}\": ")),
            "{error}"
        );
        assert!(error.contains(problem), "{text}: {error}");
        for allowed in [
            "burden[social]>5",
            "social (Socialförvaltningen), skola (Utbildningsförvaltningen)",
            "Years: 2025–2044",
        ] {
            assert!(error.contains(allowed), "{text}: {error}");
        }
    }
}

#[test]
fn answers_are_sentences_in_the_runs_language() {
    let results = simulate(&two_outcomes());
    let failed = failed_share(&two_outcomes());
    let questions: Vec<Question> = [
        "burden[social]>5",
        "cash[2022]<12.25",
        "net_saving_lifetime>0",
    ]
    .iter()
    .map(|text| Question::parse(text, &Terms::of_summary(&results.summary)).unwrap())
    .collect();
    let percent = |p: f64, lang: Lang| lang.percent(p, 1);
    let sv = render(&results, &questions, Lang::Sv);
    assert_eq!(
        sv,
        format!(
            "\nRisk att Socialförvaltningen betalar netto mer än 5,0\u{a0}mnkr inom perioden: \
             Återföring\u{a0}{}, Budget\u{a0}0,0\u{a0}%\n\
             Risk att fonden har mindre än 12,25\u{a0}mnkr i slutet av 2022: Återföring\u{a0}0,0\u{a0}%, \
             Budget\u{a0}100,0\u{a0}%\n\
             Sannolikhet att de undvikta kostnaderna, netto, under projektens hela livslängd, i 2020 års \
             priser, är mer än 0,0\u{a0}mnkr: Återföring\u{a0}{p}, Budget\u{a0}{p}\n",
            percent(failed, Lang::Sv),
            p = percent(1.0 - failed, Lang::Sv),
        )
    );
    let en = render(&results, &questions[..1], Lang::En);
    assert_eq!(
        en,
        format!(
            "\nRisk that Socialförvaltningen pays, net, more than 5.0\u{a0}mnkr within the period: \
             Återföring\u{a0}{}, Budget\u{a0}0.0%\n",
            percent(failed, Lang::En)
        )
    );
}

fn sifsim() -> Command {
    Command::cargo_bin("sifsim").unwrap()
}

/// The CSV's share above a value between the two outcomes is the share of paths that failed,
/// counted path by path; the command prints the same chance.
#[test]
fn run_writes_exceedance_csv_and_answers_on_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("two.toml");
    fs::write(&file, two_outcomes_toml()).unwrap();
    let out = dir.path().join("out");
    let assert = sifsim()
        .arg("run")
        .arg(&file)
        .args([
            "--quiet",
            "--wide",
            "--threshold",
            "social betalar mer än 3",
            "--out",
        ])
        .arg(&out)
        .assert()
        .success();
    let failed = failed_share(&two_outcomes());
    let stdout = String::from_utf8(assert.get_output().stdout.clone()).unwrap();
    let line = format!(
        "Risk att Socialförvaltningen betalar netto mer än 3,0\u{a0}mnkr inom perioden: \
         Återföring\u{a0}{}, Budget\u{a0}0,0\u{a0}%\n",
        Lang::Sv.percent(failed, 1)
    );
    assert!(stdout.contains(&line), "{stdout}");
    let mut reader = csv::Reader::from_path(out.join("exceedance.csv")).unwrap();
    let rows: Vec<ExceedanceRow> = reader.deserialize().map(Result::unwrap).collect();
    let burden: Vec<&ExceedanceRow> = (rows.iter())
        .filter(|r| r.design == "Återföring" && r.figure == "burden_total" && r.unit == "social")
        .collect();
    assert_eq!(read_off(&burden, 3.0), failed);
    let manifest = fs::read_to_string(out.join("sifsim-manifest.json")).unwrap();
    assert!(manifest.contains("\"exceedance.csv\""), "{manifest}");
    assert!(
        rows.iter()
            .any(|r| r.figure == "final_cash" && r.unit.is_empty())
    );
}

#[test]
fn a_bad_question_exits_2_before_anything_is_simulated() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    let assert = sifsim()
        .args([
            "run",
            "scenarios/compare.toml",
            "--quiet",
            "--threshold",
            "burden[okänd]>5",
        ])
        .arg("--out")
        .arg(&out)
        .assert()
        .code(2);
    let stderr = String::from_utf8(assert.get_output().stderr.clone()).unwrap();
    assert!(
        stderr.contains("\"okänd\" is not a unit of the scenario"),
        "{stderr}"
    );
    assert!(stderr.contains("social (Socialförvaltningen)"), "{stderr}");
    assert!(stderr.contains("Years: 2025–2044"), "{stderr}");
    assert!(!out.exists());
}

#[test]
fn english_answers_under_lang_en() {
    let question = "the fund below 20 in 2030";
    let more = ["--quiet", "--lang", "en", "--threshold", question];
    let stdout = sifsim_run("scenarios/compare.toml", 300, &more).stdout;
    assert!(
        stdout.contains(
            "Risk that the fund holds less than 20.0\u{a0}mnkr at the end of 2030: Budget\u{a0}"
        ),
        "{stdout}"
    );
}

#[test]
fn exceedance_csv_is_the_same_on_one_and_two_threads() {
    let written = |threads: &str| {
        let run = sifsim_run(
            "scenarios/compare.toml",
            2500,
            &["--quiet", "--threads", threads],
        );
        fs::read(run.out().join("exceedance.csv")).unwrap()
    };
    assert_eq!(written("1"), written("2"));
}
