//! One future, told: a hand-computed case year by year, the story's balances against the
//! ledger's and the run's, the choice of future on any number of threads, and the command.

mod common;

use assert_cmd::Command;
use common::{Setup, UNITS_A_B, assert_close, failed_project};
use serde_json::{Value, json};
use sifsim::Simulator;
use sifsim::export::Lang;
use sifsim::internals::ledger::Ledger;
use sifsim::internals::simulate::Unmonitored;
use sifsim::internals::story::{self, Choice, Event, Pick, Told, tell};
use sifsim::internals::world::{Samplers, World};
use sifsim::jobs::{self, ExplainRequest, Options};
use sifsim::scenario::Scenario;

/// Two units; every outcome certain. A fund of 10 with a deposit of 1 in 2022 and Örebro-like
/// rules: realized basis, floor 50 %, repayment starting within 3 years, over 2 years.
/// "Lyckad" (cost 4 over 2 years) saves 1 a year in each unit 2022-2024; "Misslyckad" (cost 6)
/// fails; "Sen" (cost 3) applies in 2021.
fn case() -> Scenario {
    let known = |name: &str, start: i64, lead: &str, cost: f64, rest: &str| {
        format!(
            r#"
[[project]]
name = "{name}"
start_year = {start}
lead = "{lead}"
partners = ["{}"]
cost = {cost}
effect_size = 1
{rest}
"#,
            if lead == "a" { "b" } else { "a" }
        )
    };
    let lyckad = "duration_years = 2\nsuccess_probability = 1\nplanned_savings = { a = 1, b = 1 }\neffect_lag_years = 2\neffect_years = 3";
    let misslyckad = "duration_years = 1\nsuccess_probability = 0\nplanned_savings = { b = 2 }\neffect_lag_years = 1\neffect_years = 2";
    let sen = "duration_years = 1\nsuccess_probability = 1\nplanned_savings = { a = 1 }\neffect_lag_years = 1\neffect_years = 1";
    let setup = Setup {
        years: 6,
        ..Setup::default()
    };
    setup.scenario(&format!(
        r#"{UNITS_A_B}{}{}{}
[[design]]
name = "Örebro"
model = "repayment"
fund.initial = 10
fund.deposits = [{{ kind = "fixed", amount = 1, from_year = 2022, to_year = 2022 }}]
repayment.basis = "realized"
repayment.floor_share = 0.5
repayment.start_within_years = 3
repayment.horizon_years = 2
"#,
        known("Lyckad", 2020, "a", 4.0, lyckad),
        known("Misslyckad", 2020, "b", 6.0, misslyckad),
        known("Sen", 2021, "a", 3.0, sen),
    ))
}

/// `value` with every number rounded to 1e-9, so sums that differ in the last bits compare equal.
fn rounded(value: Value) -> Value {
    match value {
        Value::Number(n) => json!((n.as_f64().unwrap() * 1e9).round() / 1e9),
        Value::Array(items) => Value::Array(items.into_iter().map(rounded).collect()),
        Value::Object(map) => {
            Value::Object(map.into_iter().map(|(k, v)| (k, rounded(v))).collect())
        }
        other => other,
    }
}

/// A förvaltning's line with the amounts that matter here; nothing overruns or runs on.
fn unit(name: &str, due: f64, repaid: f64, at_floor: bool, room: f64) -> Value {
    let unpaid = due - repaid;
    json!({"kind": "unit", "unit": name, "due": due, "repaid": repaid, "at_floor": at_floor,
           "unpaid": unpaid, "unpaid_is": "written_off", "shortfall_paid": 0.0, "room": room,
           "overrun": 0.0, "running_cost": 0.0, "burden": repaid - room})
}

fn application(project: &str, lead: &str, partner: &str, cost: f64, decision: Value) -> Value {
    let mut event = json!({"kind": "application", "project": project, "known": true,
                           "lead": lead, "partners": [partner], "cost": cost});
    event
        .as_object_mut()
        .unwrap()
        .extend(decision.as_object().unwrap().clone());
    event
}

#[test]
fn the_hand_built_case_is_told_year_by_year() {
    let scenario = case();
    let story = tell(&scenario, 0, 0, Choice::Asked);
    let approved = json!({"decision": "approved", "grant": false, "decided": false});
    let years: Vec<Value> = story
        .years
        .iter()
        .map(|y| rounded(json!({"year": y.year, "events": y.events, "cash": y.cash})))
        .collect();
    let expected = [
        // 2020: both fit the 10 (4 + 6 = 10, nothing left); payouts 4/2 + 6 = 8, cash 2.
        json!({"year": 2020, "cash": 2.0, "events": [
            application("Lyckad", "A", "B", 4.0, approved.clone()),
            application("Misslyckad", "B", "A", 6.0, approved.clone()),
            {"kind": "payouts", "amount": 8.0},
        ]}),
        // 2021: Misslyckad's effect was due (lag 1) and does not come. B owes 6/2 = 3 a year
        // from 2021 (start within 3 > lag 1), repays the floor 1.5, the fund writes off 1.5.
        // Sen (3) finds 0 + 1.5 uncommitted: turned down, the fund ran dry. Payouts: Lyckad's
        // second 2. Cash 2 + 1.5 - 2 = 1.5.
        json!({"year": 2021, "cash": 1.5, "events": [
            {"kind": "outcome", "project": "Misslyckad", "approved": 2020, "success": false,
             "saving": 0.0, "room": 0.0, "effect_years": 2},
            unit("B", 3.0, 1.5, true, 0.0),
            {"kind": "written_off", "amount": 1.5},
            application("Sen", "A", "B", 3.0,
                        json!({"decision": "turned_down", "grant": false, "uncommitted": 1.5})),
            {"kind": "ran_dry"},
            {"kind": "payouts", "amount": 2.0},
        ]}),
        // 2022: deposit 1. Lyckad saves 1 + 1 from 2022 (lag 2); its plan 4 is 1 a year per
        // unit in 2022-2023 (start within 3 > lag 2), each covered by its room of 1. B also owes
        // Misslyckad's 3 and pays its floor 1.5: 2.5 of 4, 1.5 written off.
        // Cash 1.5 + 1 + 1 + 2.5 = 6.
        json!({"year": 2022, "cash": 6.0, "events": [
            {"kind": "deposit", "rule": "fixed", "amount": 1.0},
            {"kind": "outcome", "project": "Lyckad", "approved": 2020, "success": true,
             "saving": 2.0, "room": 2.0, "effect_years": 3},
            unit("A", 1.0, 1.0, false, 1.0),
            unit("B", 4.0, 2.5, false, 1.0),
            {"kind": "written_off", "amount": 1.5},
        ]}),
        // 2023: the plans' last year: each repays 1 from its room. Cash 8.
        json!({"year": 2023, "cash": 8.0, "events": [
            unit("A", 1.0, 1.0, false, 1.0),
            unit("B", 1.0, 1.0, false, 1.0),
        ]}),
        // 2024: the saving's last year, nothing due: each keeps its room.
        json!({"year": 2024, "cash": 8.0, "events": [
            unit("A", 0.0, 0.0, false, 1.0),
            unit("B", 0.0, 0.0, false, 1.0),
        ]}),
        json!({"year": 2025, "cash": 8.0, "events": []}),
    ];
    for (told, expected) in years.iter().zip(&expected) {
        assert_eq!(told, &rounded(expected.clone()));
    }
    assert_eq!(years.len(), expected.len());
    assert_eq!(story.ran_dry, Some(2021));

    let text = story.text(Lang::Sv);
    for phrase in [
        "Örebro, simulering 0 av 1 (slumptalsfrö 7): den simulering som efterfrågades.",
        "Ansökan Sen (A med B), 3,00\u{a0}mnkr: avslag på grund av medelsbrist (1,50\u{a0}mnkr kvar att bevilja)",
        "B: återförde 1,50\u{a0}mnkr av 3,00\u{a0}mnkr som förföll (golvet); 1,50\u{a0}mnkr avskrivs",
        "Avskriven återföring: 1,50\u{a0}mnkr",
        "Misslyckad (beviljad 2020) misslyckades",
        "Fondens saldo vid årets slut: 8,00\u{a0}mnkr",
        "Medlen räckte inte 2021: första avslaget på grund av medelsbrist.",
    ] {
        assert!(text.contains(phrase), "{phrase}\n{text}");
    }
    let html = story.html(Lang::En);
    assert!(html.starts_with("<section class=\"story\">"), "{html}");
    assert!(html.contains("<h4>2021</h4>"), "{html}");
    assert!(html.contains("Application Sen (A with B), 3.00\u{a0}mnkr: turned down"));
}

/// compare.toml, built into the test: reading it needs no file.
fn compare(paths: u64) -> Scenario {
    let text = include_str!("../scenarios/compare.toml");
    let mut scenario = Scenario::from_bytes("compare.toml".as_ref(), text.as_bytes()).unwrap();
    scenario = scenario.with_futures(Some(paths), None).unwrap();
    scenario
}

#[test]
fn a_storys_balances_are_the_ledgers_and_the_runs_for_that_path() {
    let scenario = compare(50);
    for (d, design) in scenario.designs().iter().enumerate() {
        let story = tell(&scenario, d, 17, Choice::Asked);
        let mut world = World::default();
        world.sample(&scenario, &Samplers::new(&scenario), 17);
        let mut ledger = Ledger::default();
        ledger.apply(&scenario, design, &world);
        assert_eq!(story.years.len(), ledger.years().len());
        for (told, flows) in story.years.iter().zip(ledger.years()) {
            assert_eq!(
                (told.cash, told.uncommitted),
                (flows.cash, flows.uncommitted)
            );
        }
    }
    // With one path, the run's mean cash is that path's.
    let one = compare(1);
    let results = Simulator::new(Some(1), &Unmonitored)
        .unwrap()
        .simulate(&one)
        .unwrap();
    for (d, design) in one.designs().iter().enumerate() {
        let story = tell(&one, d, 0, Choice::Asked);
        let rows = results.fund.iter().filter(|r| r.design == design.name);
        for (told, row) in story.years.iter().zip(rows) {
            assert_eq!(told.year, row.year);
            assert_close(told.cash, row.cash_mean);
        }
    }
}

#[test]
fn the_future_chosen_is_the_same_on_one_and_two_threads() {
    let scenario = compare(400);
    let told = |threads: usize, pick: &Pick| {
        let simulator = Simulator::new(Some(threads), &Unmonitored).unwrap();
        story::explain(&simulator, &scenario, "Örebros regel", pick).unwrap()
    };
    for pick in [Pick::RanDry, Pick::WorstBurden("social".into())] {
        let one = told(1, &pick);
        assert_eq!(one, told(2, &pick));
        let Told::Story(story) = one else {
            panic!("{pick:?}: no story")
        };
        match (&pick, &story.chosen_because) {
            (Pick::RanDry, Choice::RanDry { year, .. }) => assert_eq!(story.ran_dry, Some(*year)),
            (Pick::WorstBurden(_), Choice::WorstBurden { unit, .. }) => {
                assert_eq!(unit, "Socialförvaltningen")
            }
            other => panic!("{other:?}"),
        }
    }
}

#[test]
fn the_typical_dry_future_is_the_first_at_the_median_year() {
    let scenario = compare(300);
    let simulator = Simulator::new(Some(2), &Unmonitored).unwrap();
    let Told::Story(story) =
        story::explain(&simulator, &scenario, "Örebros regel", &Pick::RanDry).unwrap()
    else {
        panic!("no future ran dry")
    };
    // Every path's first dry year, told one by one.
    let dry: Vec<(i64, u64)> = (0..scenario.paths())
        .filter_map(|p| tell(&scenario, 2, p, Choice::Asked).ran_dry.map(|y| (y, p)))
        .collect();
    let mut years: Vec<i64> = dry.iter().map(|d| d.0).collect();
    years.sort();
    let median = years[(years.len() - 1) / 2];
    let first = dry.iter().find(|d| d.0 == median).unwrap().1;
    assert_eq!(story.path, first);
    assert_eq!(
        story.chosen_because,
        Choice::RanDry {
            ran_dry: dry.len() as u64,
            year: median
        }
    );
    // Events serialize as a web page reads them.
    let json = serde_json::to_value(&story).unwrap();
    assert_eq!(json["chosen_because"]["by"], "ran_dry");
    assert!(
        story
            .years
            .iter()
            .any(|y| y.events.contains(&Event::RanDry))
    );
}

fn sifsim() -> Command {
    Command::cargo_bin("sifsim").unwrap()
}

/// `sifsim explain scenarios/compare.toml --paths 300` with `args`.
fn explain(args: &[&str]) -> assert_cmd::assert::Assert {
    sifsim()
        .args([
            "explain",
            "scenarios/compare.toml",
            "--paths",
            "300",
            "--wide",
        ])
        .args(args)
        .assert()
}

fn stdout(assert: &assert_cmd::assert::Assert) -> String {
    String::from_utf8(assert.get_output().stdout.clone()).unwrap()
}

fn stderr(assert: &assert_cmd::assert::Assert) -> String {
    String::from_utf8(assert.get_output().stderr.clone()).unwrap()
}

#[test]
fn explain_tells_the_future_each_selector_picks() {
    let asked = explain(&["--design", "Örebros regel", "--path", "12"]).success();
    let text = stdout(&asked);
    assert!(
        text.starts_with(
            "Örebros regel, simulering 12 av 300 (slumptalsfrö 2025): den simulering som efterfrågades."
        ),
        "{text}"
    );
    assert!(text.contains("\n2025\n") && text.contains("Fondens saldo vid årets slut"));

    let dry = explain(&["--design", "Örebros regel", "--ran-dry", "--lang", "en"]).success();
    let text = stdout(&dry);
    assert!(
        text.contains("a typical simulation where the money did not suffice"),
        "{text}"
    );
    assert!(text.contains("The money did not suffice in"), "{text}");

    let worst = explain(&["--design", "Örebros regel", "--worst-burden", "social"]).success();
    let text = stdout(&worst);
    assert!(
        text.contains("95:e percentilen av nämndens (förvaltningens) totala nettobelastning för Socialförvaltningen"),
        "{text}"
    );
}

#[test]
fn the_command_is_the_library_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let scenario = std::env::current_dir()
        .unwrap()
        .join("scenarios/compare.toml");
    let assert = sifsim()
        .current_dir(dir.path())
        .args([
            "explain",
            "--design",
            "Budget",
            "--paths",
            "300",
            "--threads",
            "1",
            "--path",
            "4",
            // The story whole: on a terminal (or 100 columns) long lines are wrapped.
            "--wide",
        ])
        .arg(&scenario)
        .assert()
        .success();
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
    let request = ExplainRequest {
        options: Options {
            scenario,
            paths: Some(300),
            ..Options::default()
        },
        design: "Budget".into(),
        pick: Pick::Path(4),
    };
    let simulator = Simulator::new(Some(2), &Unmonitored).unwrap();
    let told = jobs::explain(&simulator, &request).unwrap();
    assert_eq!(stdout(&assert), told.text(Lang::Sv));
}

#[test]
fn unknown_designs_units_and_paths_are_refused_naming_the_choices() {
    let design = explain(&["--design", "Göteborg"]).code(2);
    assert!(
        stderr(&design)
            .contains("no such design; its designs are \"Budget\", \"Återföring utan golv\""),
        "{}",
        stderr(&design)
    );
    let unit = explain(&["--design", "Budget", "--worst-burden", "kultur"]).code(2);
    assert!(
        stderr(&unit).contains(
            "--worst-burden \"kultur\": the scenario has no such unit; its units are \"social\" (Socialförvaltningen)"
        ),
        "{}",
        stderr(&unit)
    );
    let path = explain(&["--design", "Budget", "--path", "300"]).code(2);
    assert!(
        stderr(&path).contains("--path 300: the scenario has 300 paths, numbered 0 to 299"),
        "{}",
        stderr(&path)
    );
    explain(&["--design", "Budget", "--path", "1", "--ran-dry"]).code(2);
}

#[test]
fn a_fund_that_never_ran_dry_is_said_so_and_is_no_error() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("rich.toml");
    let text = Setup::default().toml(
        r#"
[[unit]]
id = "a"
name = "A"
frame = 1000

[[design]]
name = "Rik"
model = "budget"
fund.initial = 100
"#,
    );
    std::fs::write(&file, text).unwrap();
    let assert = sifsim()
        .args(["explain", "--design", "Rik", "--ran-dry", "--wide"])
        .arg(&file)
        .assert()
        .success();
    assert_eq!(
        stdout(&assert),
        "Rik: fonden gav inget avslag på grund av medelsbrist i någon simulering (antal \
         simuleringar: 1), så det finns ingen simulering där medlen inte räckte att berätta om.\n"
    );
}

/// A dubbelmodell with a grant frame of 1 a year and a partner requirement, over one year.
/// "Samverkan" (0.5, not repayable) fits the grant pot; "Stor samverkan" (2) does not, which
/// is no depletion; "Ensam" has no partner and is refused by the rules. The grant pot's last
/// 0.5 lapses: cash 5 + 1 − 0.5 paid out − 0.5 lapsed = 5.
#[test]
fn a_dual_design_tells_its_grant_pot_and_its_refusals() {
    let project = |name: &str, cost: f64, partners: &str, repayable: bool| {
        format!(
            r#"
[[project]]
name = "{name}"
start_year = 2020
lead = "a"
partners = [{partners}]
cost = {cost}
duration_years = 1
success_probability = 0
planned_savings = {{ a = 1 }}
effect_lag_years = 0
effect_years = 1
effect_size = 1
repayable = {repayable}
"#
        )
    };
    let setup = Setup {
        years: 1,
        ..Setup::default()
    };
    let scenario = setup.scenario(&format!(
        r#"{UNITS_A_B}{}{}{}
[[design]]
name = "Ale"
model = "dual"
fund.initial = 5
repayment.basis = "realized"
repayment.start_within_years = 1
repayment.horizon_years = 1
approval.require_partner = true
grant.fixed = 1
"#,
        project("Samverkan", 0.5, "\"b\"", false),
        project("Stor samverkan", 2.0, "\"b\"", false),
        project("Ensam", 1.0, "", true),
    ));
    let story = tell(&scenario, 0, 0, Choice::Asked);
    let application = |project: &str, partners: Value, cost: f64, decision: Value| {
        let mut event = json!({"kind": "application", "project": project, "known": true,
                               "lead": "A", "partners": partners, "cost": cost});
        event
            .as_object_mut()
            .unwrap()
            .extend(decision.as_object().unwrap().clone());
        event
    };
    let expected = json!({"year": 2020, "cash": 5.0, "uncommitted": 5.0, "events": [
        {"kind": "deposit", "rule": "grant", "amount": 1.0},
        // Its effect was planned for its first year (lag 0): the failure shows at once.
        {"kind": "outcome", "project": "Samverkan", "approved": 2020, "success": false,
         "saving": 0.0, "room": 0.0, "effect_years": 1},
        application("Samverkan", json!(["B"]), 0.5,
                    json!({"decision": "approved", "grant": true, "decided": false})),
        application("Stor samverkan", json!(["B"]), 2.0,
                    json!({"decision": "turned_down", "grant": true, "uncommitted": 0.5})),
        application("Ensam", json!([]), 1.0,
                    json!({"decision": "refused", "rule": "no_partner"})),
        {"kind": "payouts", "amount": 0.5},
        {"kind": "lapsed", "amount": 0.5},
    ]});
    assert_eq!(
        rounded(serde_json::to_value(&story.years[0]).unwrap()),
        rounded(expected)
    );
    assert_eq!(story.ran_dry, None);
    let text = story.text(Lang::Sv);
    for phrase in [
        "Avsättning, årets bidragsram utan krav på återföring: 1,00\u{a0}mnkr",
        "Ansökan Samverkan (A med B), 0,50\u{a0}mnkr: beviljad ur bidragsdelen",
        "avslag i bidragsdelen på grund av medelsbrist (0,50\u{a0}mnkr kvar att bevilja)",
        "Ansökan Ensam (A), 1,00\u{a0}mnkr: avslås enligt reglerna: ingen samverkanspart",
        "Outnyttjade medel som återgår: 0,50\u{a0}mnkr",
        "I denna simulering gav fonden aldrig avslag på grund av medelsbrist.",
    ] {
        assert!(text.contains(phrase), "{phrase}\n{text}");
    }
}

/// A floor on the whole plan (the failed project of the worked examples): A owes 0.4 and B
/// 0.6 a year in 2023-2032 and, saving nothing, pays nothing until the plan's last year, when
/// each tops up to 30 % of its share (1.2 and 1.8) and the fund writes off the rest, 2.8 + 4.2.
#[test]
fn a_floor_on_the_whole_plan_is_told_as_arrears_then_a_top_up() {
    let scenario = Setup::default().scenario(&failed_project(
        "repayment.basis = \"realized\"\nrepayment.floor_share = 0.3\nrepayment.floor_applies_to = \"plan\"",
    ));
    let text = tell(&scenario, 0, 0, Choice::Asked).text(Lang::Sv);
    let year = |y: &str| {
        let start = text.find(&format!("\n{y}\n")).unwrap();
        text[start..].split("\n\n").next().unwrap().to_string()
    };
    let m = "\u{a0}mnkr";
    for (y, lines) in [
        (
            "2023",
            vec![
                format!(
                    "A: återförde 0,00{m} av 0,40{m} som förföll; 0,40{m} blir skuld till fonden; nettobelastning 0,00{m}"
                ),
                format!("Nämndernas skuld till fonden vid årets slut: 1,00{m}"),
            ],
        ),
        (
            "2031",
            vec![format!(
                "Nämndernas skuld till fonden vid årets slut: 9,00{m}"
            )],
        ),
        (
            "2032",
            vec![
                format!(
                    "A: återförde 1,20{m} av 0,40{m} som förföll (med påfyllnad upp till golvet vid planens slut); nettobelastning 1,20{m}"
                ),
                format!(
                    "B: återförde 1,80{m} av 0,60{m} som förföll (med påfyllnad upp till golvet vid planens slut); nettobelastning 1,80{m}"
                ),
                format!("Avskriven återföring: 7,00{m}"),
            ],
        ),
    ] {
        let told = year(y);
        for line in lines {
            assert!(told.contains(&line), "{line}\n{told}");
        }
    }
}
