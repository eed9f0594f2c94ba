//! Deciding between designs: every pair compared on the same futures, checked by hand and
//! against designs that differ only in name; `--design` never changes a design's futures.

mod common;

use common::{ONE_UNIT, ROOM_PROJECT as PROJECT, Setup};
use sifsim::Simulator;
use sifsim::internals::breakeven::{self, Figure, Lever};
use sifsim::internals::simulate::Unmonitored;
use sifsim::internals::source::{Overrides, Source};
use sifsim::results::{Comparison, Results};
use sifsim::scenario::Scenario;

fn simulate(scenario: &Scenario) -> Results {
    Simulator::new(None, &Unmonitored)
        .unwrap()
        .simulate(scenario)
        .unwrap()
}

fn pair<'r>(results: &'r Results, a: &str, b: &str) -> &'r Comparison {
    (results.summary.comparisons.iter())
        .find(|c| c.a == a && c.b == b)
        .unwrap_or_else(|| panic!("no comparison of {a} and {b}"))
}

/// By hand, on the one future of a deterministic scenario:
/// - "Rik" (fund 20) funds the project: budget effect 5 · 0.6 · 2 − 10 = −4;
/// - "Fattig" (fund 5) cannot: turned down for money (depleted), budget effect 0, so it frees
///   more budget room (0 > −4) and the difference Rik − Fattig is −4;
/// - "Plan" (fund 20, repaying the planned 10 over two years) funds it too: budget effect −4,
///   a tie with Rik, but the nämnd pays 5 a year against 1.2 of room and has a deficit year.
#[test]
fn a_small_comparison_checked_by_hand() {
    let designs = r#"
[[design]]
name = "Rik"
model = "budget"
fund.initial = 20

[[design]]
name = "Fattig"
model = "budget"
fund.initial = 5

[[design]]
name = "Plan"
model = "repayment"
fund.initial = 20
repayment.basis = "planned"
repayment.start_within_years = 0
repayment.horizon_years = 2
"#;
    let setup = Setup {
        years: 3,
        ..Setup::default()
    };
    let results = simulate(&setup.scenario(&format!("{ONE_UNIT}{PROJECT}{designs}")));
    assert_eq!(results.summary.comparisons.len(), 3);
    let rich_poor = pair(&results, "Rik", "Fattig");
    assert_eq!(rich_poor.p_a_better_budget_effect, 0.0);
    assert_eq!(rich_poor.p_b_better_budget_effect, 1.0);
    assert!((rich_poor.budget_effect_difference.mean + 4.0).abs() < 1e-6);
    assert_eq!(rich_poor.p_only_a_depleted, 0.0);
    assert_eq!(rich_poor.p_only_b_depleted, 1.0);
    assert_eq!(rich_poor.p_only_a_unit_tipped, 0.0);
    let rich_plan = pair(&results, "Rik", "Plan");
    assert_eq!(rich_plan.p_a_better_budget_effect, 0.0);
    assert_eq!(rich_plan.p_b_better_budget_effect, 0.0);
    assert_eq!(rich_plan.p_only_a_unit_tipped, 0.0);
    assert_eq!(rich_plan.p_only_b_unit_tipped, 1.0);
    let poor_plan = pair(&results, "Fattig", "Plan");
    assert_eq!(poor_plan.p_a_better_budget_effect, 1.0);
    assert_eq!(poor_plan.p_only_a_depleted, 1.0);
    // The sentence says who frees more, and names the nämnd whose deficit risk differs.
    let sentence =
        sifsim::export::compare::sentence(&results.summary, poor_plan, sifsim::export::Lang::Sv);
    assert!(
        sentence
            .starts_with("I 100\u{a0}% av simuleringarna frigör Fattig mer budgetutrymme än Plan"),
        "{sentence}"
    );
    assert!(
        sentence.contains("Socialförvaltningen får ett år med negativ budgetavvikelse i 0\u{a0}% av simuleringarna med Fattig mot 100\u{a0}% med Plan"),
        "{sentence}"
    );
}

/// Two designs identical in all but name: nothing tells them apart on any path.
#[test]
fn designs_identical_but_for_their_names_never_differ() {
    let text = std::fs::read_to_string("scenarios/orebro-pessimistic.toml").unwrap();
    let twin = text.replace("name = \"Utan golv\"", "name = \"Utan golv, igen\"");
    let start = text.find("name = \"Utan golv\"").unwrap();
    let design = &text[text[..start].rfind("[[design]]").unwrap()..];
    let design = &design[..design[10..].find("[[").map_or(design.len(), |i| i + 10)];
    let twin = format!("{twin}\n{design}");
    let scenario = Source::from_bytes(
        "twin.toml".as_ref(),
        twin.as_bytes(),
        Overrides {
            paths: Some(2000),
            ..Overrides::default()
        },
    )
    .unwrap()
    .scenario()
    .clone();
    let results = simulate(&scenario);
    let c = pair(&results, "Utan golv, igen", "Utan golv");
    for p in [
        c.p_a_better_budget_effect,
        c.p_b_better_budget_effect,
        c.p_only_a_depleted,
        c.p_only_b_depleted,
        c.p_only_a_unit_tipped,
        c.p_only_b_unit_tipped,
    ] {
        assert_eq!(p, 0.0);
    }
    let d = c.budget_effect_difference;
    assert_eq!([d.mean, d.p5, d.p50, d.p95], [0.0; 4]);
}

/// `sweep --design X` gave Norrköping's "Realiserad återföring" a depletion risk of 0.191 where
/// `run` gave 0.2005: keeping one design lowered the thinning base `M` of MODEL.md 6.7, so the
/// design saw other futures. Now the base is the file's, whichever designs run.
#[test]
fn keeping_one_design_keeps_the_futures_it_sees_in_a_run() {
    let read = |design: Option<&str>| {
        let overrides = Overrides {
            paths: Some(1000),
            design: design.map(str::to_string),
            ..Overrides::default()
        };
        let source = Source::read("scenarios/norrkoping.toml".as_ref(), overrides).unwrap();
        simulate(source.scenario())
    };
    let all = read(None);
    let one = read(Some("Realiserad återföring"));
    let in_all = (all.summary.designs.iter())
        .find(|d| d.name == "Realiserad återföring")
        .unwrap();
    assert_eq!(&one.summary.designs[0], in_all);
}

/// The means of a scenario's designs with every effect multiplied by `k`, by a simulation.
fn means_at(source: &Source, lever: Lever, k: f64) -> Vec<f64> {
    let variant = source
        .variant(&breakeven::edits(source.scenario(), lever, k))
        .unwrap();
    let results = simulate(&variant);
    (results.summary.designs.iter())
        .map(|d| Figure::BudgetEffectLifetime.mean(d))
        .collect()
}

/// Running the scenario with the found multiplier gives a mean within the bisection's reach of
/// 0: between the means at k − 0.005 and k + 0.005 (same paths and seed), which straddle 0.
#[test]
fn at_the_break_even_multiplier_the_mean_is_zero_to_within_the_bisection() {
    let overrides = Overrides {
        paths: Some(500),
        ..Overrides::default()
    };
    let source = Source::read("scenarios/norrkoping.toml".as_ref(), overrides).unwrap();
    let simulator = Simulator::new(None, &Unmonitored).unwrap();
    for lever in [Lever::Effect, Lever::Success] {
        let mut evaluate = breakeven::Simulated {
            source: &source,
            base: Vec::new(),
            simulator: &simulator,
            figure: Figure::BudgetEffectLifetime,
            lever,
        };
        let found = breakeven::search(
            source.scenario(),
            Figure::BudgetEffectLifetime,
            lever,
            &mut evaluate,
        )
        .unwrap();
        for (d, design) in found.iter().enumerate() {
            let k = design.multiplier.expect("Norrköping breaks even");
            let below = means_at(&source, lever, k - breakeven::TOLERANCE)[d];
            let above = means_at(&source, lever, k + breakeven::TOLERANCE)[d];
            let at = means_at(&source, lever, k)[d];
            assert!(
                below < 0.0 && above > 0.0,
                "{lever:?}, {}: {below} {above}",
                design.name
            );
            assert!(
                at.abs() <= above - below,
                "{lever:?}, {}: {at}",
                design.name
            );
        }
    }
}

/// Projects that never save anything cannot break even however often they succeed: no
/// multiplier, and the mean at the end of the range is the cost.
#[test]
fn a_scenario_without_a_root_says_so() {
    let project = PROJECT.replace(
        "planned_savings = { social = 2 }",
        "planned_savings = { social = 0 }\nrepayable = false",
    );
    let text = Setup {
        years: 3,
        ..Setup::default()
    }
    .toml(&format!(
        "{ONE_UNIT}{}\n[[design]]\nname = \"Budget\"\nmodel = \"budget\"\nfund.initial = 20\n",
        project.replace("success_probability = 1", "success_probability = 0.5")
    ));
    let source =
        Source::from_bytes("none.toml".as_ref(), text.as_bytes(), Overrides::default()).unwrap();
    let simulator = Simulator::new(None, &Unmonitored).unwrap();
    let mut evaluate = breakeven::Simulated {
        source: &source,
        base: Vec::new(),
        simulator: &simulator,
        figure: Figure::BudgetEffectLifetime,
        lever: Lever::Success,
    };
    let found = breakeven::search(
        source.scenario(),
        Figure::BudgetEffectLifetime,
        Lever::Success,
        &mut evaluate,
    )
    .unwrap();
    assert_eq!(found[0].multiplier, None);
    // Searched up to every chance at 1 (0.5 × 2); the fund still paid the 10 it cost.
    let (k, mean) = found[0].at_end.unwrap();
    assert!(
        (k - 2.0).abs() < 1e-9 && (mean + 10.0).abs() < 1e-6,
        "{k} {mean}"
    );
    let sentence = sifsim::export::compare::breakeven_sentence(&found[0], sifsim::export::Lang::Sv);
    assert!(
        sentence.contains("går inte jämnt ut ens om varje projekt lyckas"),
        "{sentence}"
    );
}

/// Runs the binary with `args`, returning its exit code and standard output.
fn sifsim(args: &[&str]) -> (i32, String, String) {
    let output = assert_cmd::Command::cargo_bin("sifsim")
        .unwrap()
        .args(args)
        .output()
        .unwrap();
    let text = |bytes: Vec<u8>| String::from_utf8(bytes).unwrap();
    (
        output.status.code().unwrap_or(-1),
        text(output.stdout),
        text(output.stderr),
    )
}

/// `tune` chooses what a reader of the same sweep would: the smallest floor whose row meets both
/// limits, on the same grid, paths and seed.
#[test]
fn tune_gives_the_best_feasible_row_of_the_same_sweep() {
    let dir = tempfile::tempdir().unwrap();
    let (scenario, design) = (
        "scenarios/orebro-pessimistic.toml",
        "Golv på varje delbetalning",
    );
    let vary = "design.repayment.floor_share=0..0.5:0.1";
    let tune_out = dir.path().join("tune");
    let (code, stdout, stderr) = sifsim(&[
        "tune",
        scenario,
        "--design",
        design,
        "--vary",
        vary,
        "--paths",
        "1000",
        "--quiet",
        "--require",
        "p_depleted_ever<=0.13",
        "--require",
        "max_unit_p_tipped<=0.2",
        "--minimise",
        "design.repayment.floor_share",
        "--json",
        "--out",
        tune_out.to_str().unwrap(),
    ]);
    assert_eq!(code, 0, "{stderr}");
    let answer: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    let sweep_out = dir.path().join("sweep");
    let (code, _, stderr) = sifsim(&[
        "sweep",
        scenario,
        "--design",
        design,
        "--set",
        vary,
        "--paths",
        "1000",
        "--quiet",
        "--out",
        sweep_out.to_str().unwrap(),
    ]);
    assert_eq!(code, 0, "{stderr}");
    let mut reader = csv::Reader::from_path(sweep_out.join("sweep.csv")).unwrap();
    let headers = reader.headers().unwrap().clone();
    let column = |name: &str| headers.iter().position(|h| h == name).unwrap();
    // The figures are read under the names `tune` accepts: sweep.csv has them all.
    let (floor, depleted, tipped) = (
        column("design.repayment.floor_share"),
        column("p_depleted_ever"),
        column("max_unit_p_tipped"),
    );
    let number = |r: &csv::StringRecord, i: usize| r[i].parse::<f64>().unwrap();
    let feasible: Vec<csv::StringRecord> = (reader.records().map(Result::unwrap))
        .filter(|r| number(r, depleted) <= 0.13 && number(r, tipped) <= 0.2)
        .collect();
    let best = (feasible.iter())
        .min_by(|a, b| number(a, floor).total_cmp(&number(b, floor)))
        .expect("the sweep has a feasible row");
    assert_eq!(
        answer["best"]["settings"]["design.repayment.floor_share"].as_f64(),
        Some(number(best, floor)),
        "{answer}"
    );
    for (figure, value) in answer["best"]["figures"].as_object().unwrap() {
        assert_eq!(
            value.as_f64(),
            Some(number(best, column(figure))),
            "{figure}"
        );
    }
    assert_eq!(answer["evaluated"], 6);
    // Its chart: the varied floor against the first requirement's figure.
    let svg = std::fs::read_to_string(tune_out.join("charts/tune.svg")).unwrap();
    assert!(
        svg.starts_with("<svg") && svg.contains("Golv"),
        "{svg:.200}"
    );
    assert!(tune_out.join("charts/tune.png").is_file());
    let csv = std::fs::read_to_string(tune_out.join("tune.csv")).unwrap();
    assert_eq!(csv.lines().count(), 1 + 6, "{csv}");
}

/// Nothing meets an impossible limit: no best setting, exit 0, and the failing requirement named.
#[test]
fn an_infeasible_tuning_names_the_requirement_that_fails() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("tune");
    let (code, stdout, stderr) = sifsim(&[
        "tune",
        "scenarios/orebro-pessimistic.toml",
        "--design",
        "Örebros regel",
        "--vary",
        "design.repayment.floor_share=0,0.3",
        "--paths",
        "500",
        "--quiet",
        "--require",
        "p_depleted_ever<=0.01",
        "--maximise",
        "budget_effect_lifetime.p50",
        "--lang",
        "en",
        "--out",
        out.to_str().unwrap(),
    ]);
    assert_eq!(code, 0, "{stderr}");
    assert!(
        stdout.contains("none of 2 settings meets every requirement"),
        "{stdout}"
    );
    assert!(stdout.contains("p_depleted_ever<=0.01"), "{stdout}");
    let (code, _, stderr) = sifsim(&[
        "tune",
        "scenarios/orebro-pessimistic.toml",
        "--design",
        "Örebros regel",
        "--vary",
        "design.repayment.floor_share=0,0.3",
        "--paths",
        "100",
        "--quiet",
        "--require",
        "p_nothing<=1",
        "--maximise",
        "budget_effect_lifetime.p50",
        "--out",
        out.to_str().unwrap(),
    ]);
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("--require \"p_nothing\""), "{stderr}");
}

/// `validate` states each design's break-even, estimated on 1 000 futures: the same multiplier
/// `breakeven --paths 1000` finds.
#[test]
fn validate_states_the_break_even_that_breakeven_finds_on_as_many_futures() {
    let (code, stdout, stderr) = sifsim(&["validate", "scenarios/tomelilla.toml"]);
    assert_eq!(code, 0, "{stderr}");
    let (code, json, stderr) = sifsim(&[
        "breakeven",
        "scenarios/tomelilla.toml",
        "--paths",
        "1000",
        "--json",
        "--quiet",
    ]);
    assert_eq!(code, 0, "{stderr}");
    let found: serde_json::Value = serde_json::from_str(&json).unwrap();
    for design in found["designs"].as_array().unwrap() {
        let k = design["multiplier"].as_f64().unwrap();
        let name = design["name"].as_str().unwrap();
        let share = design["break_even"].as_f64().unwrap() * 100.0;
        let said = format!(
            "{name}: fonden går jämnt ut (det frigjorda budgetutrymmet, netto, blir i medel noll) \
             om projekten lyckas i minst {share:.0}\u{a0}% av fallen"
        );
        assert!(stdout.contains(&said), "{said}\n{stdout}");
        assert!(
            stdout.contains(&format!("× {}", format!("{k:.2}").replace('.', ","))),
            "{stdout}"
        );
    }
}
