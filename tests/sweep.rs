//! Sweeps: settings land on the right fields, equal settings give equal numbers, results match
//! hand arithmetic, and bad settings are refused with a clear message.

use std::fs;

use assert_cmd::Command;

mod common;

use common::{ACCENTED, compare_renamed, one_chart_each, svgs};
use sifsim::export;
use sifsim::internals::edit::Edit;
use sifsim::internals::source::{Overrides, Source};
use sifsim::internals::sweep::Setting;
use sifsim::scenario::{Model, Scenario};

/// `text` with `value` set at `path`, as `--set PATH=VALUE` does.
fn with(text: &str, path: &str, value: f64) -> Scenario {
    let source = Source::from_bytes(
        "compare.toml".as_ref(),
        text.as_bytes(),
        Overrides::default(),
    );
    let edit = Edit::number(path.parse().unwrap(), value);
    source.unwrap().variant(&[edit]).unwrap()
}

fn compare_with(path: &str, value: f64) -> Scenario {
    with(
        &fs::read_to_string("scenarios/compare.toml").unwrap(),
        path,
        value,
    )
}

fn horizon(scenario: &Scenario, d: usize) -> Option<usize> {
    scenario.designs()[d]
        .model
        .repayment()
        .map(|r| r.horizon_years)
}

#[test]
fn a_design_field_goes_to_every_design_or_to_the_named_one() {
    let all = compare_with("design.repayment.horizon_years", 4.0);
    assert_eq!(
        (1..4).map(|d| horizon(&all, d)).collect::<Vec<_>>(),
        vec![Some(4); 3]
    );
    let one = compare_with("design[Örebros regel].repayment.horizon_years", 4.0);
    assert_eq!(
        (1..4).map(|d| horizon(&one, d)).collect::<Vec<_>>(),
        vec![Some(10), Some(4), Some(10)]
    );
}

#[test]
fn a_field_left_to_its_default_can_be_swept() {
    let scenario = compare_with("design.repayment.plan_share", 0.5);
    let shares: Vec<f64> = (1..4)
        .map(|d| scenario.designs()[d].model.repayment().unwrap().plan_share)
        .collect();
    assert_eq!(shares, vec![0.5; 3]);
}

#[test]
fn a_project_type_field_goes_to_every_type_or_to_the_named_one() {
    let all = compare_with("project_type.success_probability", 0.25);
    assert!(
        all.project_types()
            .iter()
            .all(|t| t.spec.success_probability == 0.25)
    );
    let one = compare_with("project_type[Väg till arbete].cost.median", 9.0);
    let medians: Vec<f64> = one
        .project_types()
        .iter()
        .map(|t| t.spec.cost.median)
        .collect();
    assert_eq!(medians, vec![4.0, 9.0, 0.8]);
}

#[test]
fn municipality_and_unit_fields() {
    assert_eq!(
        compare_with("municipality.annual_result.sd", 5.0)
            .municipality()
            .annual_result
            .sd,
        5.0
    );
    let variant = compare_with("unit[fritid].frame", 99.0);
    let units = variant.units();
    assert_eq!(
        units.iter().map(|u| u.frame).collect::<Vec<_>>(),
        vec![1500.0, 2500.0, 99.0, 400.0]
    );
    let dual = compare_with("design.grant.fixed", 2.0);
    assert!(matches!(dual.designs()[3].model, Model::Dual { grant, .. } if grant.fixed == 2.0));
}

fn sweep_csv(args: &[&str], scenario: &str) -> String {
    let dir = tempfile::tempdir().unwrap();
    Command::cargo_bin("sifsim")
        .unwrap()
        .arg("sweep")
        .arg(scenario)
        .args(args)
        .arg("--out")
        .arg(dir.path().join("sweep"))
        .assert()
        .success();
    fs::read_to_string(dir.path().join("sweep/sweep.csv")).unwrap()
}

#[test]
fn equal_settings_give_identical_numbers() {
    let csv = sweep_csv(
        &[
            "--set",
            "design.repayment.horizon_years=6,6",
            "--paths",
            "500",
        ],
        "scenarios/compare.toml",
    );
    let rows: Vec<&str> = csv.lines().skip(1).collect();
    assert_eq!(rows.len(), 2 * 4);
    assert_eq!(rows[..4], rows[4..]);
    assert!(csv.starts_with(
        "design.repayment.horizon_years,design,p_depleted_last_year,p_depleted_ever,"
    ));
}

/// One failed project of 10 mnkr in 2020, no index, ten years, savings never come: each unit
/// repays its floor of each instalment due within the ten years. Horizon 5 or 10: all
/// instalments fall due, floor 0.3 gives 3 back of 10 paid out (recycled 0.3), floor 0 gives 0.
/// Horizon 12: ten of twelve instalments fall due, 0.3 · 10 · 10/12 = 2.5 (recycled 0.25).
#[test]
fn a_horizon_sweep_matches_hand_arithmetic() {
    let text = r#"
[simulation]
name = "Hand"
start_year = 2020
years = 10
paths = 50
seed = 1
[municipality]
name = "M"
total_budget = 1000
annual_result = { mean = 0 }
[[unit]]
id = "a"
name = "A"
frame = 100
[[project]]
name = "P"
start_year = 2020
lead = "a"
cost = 10
duration_years = 1
success_probability = 0
planned_savings = { a = 1 }
effect_lag_years = 0
effect_years = 5
effect_size = 1
[[design]]
name = "Örebro"
model = "repayment"
fund.initial = 10
repayment.basis = "realized"
repayment.start_within_years = 0
repayment.horizon_years = 10
"#;
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("hand.toml");
    fs::write(&file, text).unwrap();
    let csv = sweep_csv(
        &[
            "--set",
            "design.repayment.horizon_years=5,10,12",
            "--set",
            "design.repayment.floor_share=0,0.3",
        ],
        file.to_str().unwrap(),
    );
    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    let column = reader
        .headers()
        .unwrap()
        .iter()
        .position(|h| h == "recycled_share")
        .unwrap();
    let recycled: Vec<f64> = reader
        .records()
        .map(|r| r.unwrap()[column].parse().unwrap())
        .collect();
    let expected = [0.0, 0.3, 0.0, 0.3, 0.0, 0.25];
    assert_eq!(recycled.len(), expected.len(), "{recycled:?}");
    for (got, want) in recycled.iter().zip(expected) {
        assert!((got - want).abs() < 1e-9, "{recycled:?}");
    }
}

fn refused(set: &str) -> String {
    let assert = Command::cargo_bin("sifsim")
        .unwrap()
        .args([
            "sweep",
            "scenarios/compare.toml",
            "--paths",
            "50",
            "--set",
            set,
        ])
        .assert()
        .code(2);
    String::from_utf8(assert.get_output().stderr.clone()).unwrap()
}

#[test]
fn bad_paths_and_values_are_refused_with_the_problem_named() {
    assert!(refused("nosuch.field=1").contains("the scenario has no [nosuch]"));
    assert!(
        refused("design[Nej].repayment.horizon_years=3").contains("no [[design]] is named \"Nej\"")
    );
    let unknown = refused("design.repayment.horizon_year=3");
    assert!(
        unknown.contains("unknown field `horizon_year`")
            && unknown.contains("did you mean `horizon_years`"),
        "{unknown}"
    );
    assert!(refused("design.repayment.horizon_years=x").contains("'x' is not a number"));
    // A whole-number input of the table of inputs takes no fraction: refused before any run,
    // not by the parser's "expected i64".
    let fraction = refused("design.repayment.horizon_years=2.5");
    assert!(
        fraction.contains("design.repayment.horizon_years takes whole numbers; 2.5 is not one"),
        "{fraction}"
    );
    assert!(refused("design.repayment.floor_share=0..2:0.5").contains("floor_share"));
    // compare.toml writes one type's effect_size as a plain number.
    assert!(
        refused("project_type.effect_size.mean=0.5")
            .contains("effect_size is written as a plain value")
    );
}

#[test]
fn one_setting_draws_lines_and_two_draw_heat_maps() {
    let dir = tempfile::tempdir().unwrap();
    let sweep = |out: &str, sets: &[&str]| {
        let mut command = Command::cargo_bin("sifsim").unwrap();
        command.args([
            "sweep",
            "scenarios/compare.toml",
            "--paths",
            "100",
            "--design",
            "Örebros regel",
        ]);
        for set in sets {
            command.args(["--set", set]);
        }
        command
            .arg("--out")
            .arg(dir.path().join(out))
            .assert()
            .success();
        dir.path().join(out).join("charts")
    };
    let lines = sweep("one", &["design.repayment.horizon_years=3,6,9"]);
    for file in ["sweep.svg", "sweep.png"] {
        assert!(lines.join(file).exists(), "{file}");
    }
    let svg = fs::read_to_string(lines.join("sweep.svg")).unwrap();
    assert!(svg.contains("Återföringstid, år") && svg.contains("Återfört, perioden"));
    // The setting is named once, under the six panels, not cut off under each.
    assert_eq!(svg.matches("Återföringstid, år").count(), 1, "{svg}");
    assert!(
        !svg.contains("design.repayment"),
        "no field path reaches a reader"
    );
    let heat = sweep(
        "two",
        &[
            "design.repayment.horizon_years=3,6",
            "design.repayment.floor_share=0,0.3",
        ],
    );
    let svg = fs::read_to_string(heat.join("sweep-heat-orebros-regel.svg")).unwrap();
    // Two by two cells in each of the two panels, each labelled with its value.
    let percentages = svg
        .lines()
        .filter(|l| l.trim_end().ends_with("\u{a0}%"))
        .count();
    assert!(
        percentages >= 4,
        "{percentages} cells labelled with a share"
    );
    assert!(heat.join("sweep-heat-orebros-regel.png").exists());
}

/// Runs `sifsim ARGS` into a fresh folder, asserting exit code 2 within 20 s and that nothing
/// was written; returns stderr.
fn refused_whole(args: &[&str]) -> String {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    let assert = Command::cargo_bin("sifsim")
        .unwrap()
        .args(args)
        .arg("--out")
        .arg(&out)
        .timeout(std::time::Duration::from_secs(20))
        .assert()
        .code(2);
    assert!(!out.exists());
    String::from_utf8_lossy(&assert.get_output().stderr).into_owned()
}

#[test]
fn a_grid_too_large_is_refused_with_its_size_before_anything_runs() {
    let stderr = refused_whole(&[
        "sweep",
        "scenarios/orebro.toml",
        "--set",
        "design.repayment.horizon_years=1..1000",
        "--set",
        "design.repayment.floor_share=1..1000",
        "--set",
        "design.fund.initial=1..1000",
    ]);
    assert!(stderr.contains("a grid of 1000000000 points"), "{stderr}");
    assert!(stderr.contains("hours"), "{stderr}");
}

/// Issue 19: sweeps and sensitivity analyses report progress (as status lines when stderr is
/// not a terminal) and take `--quiet`.
#[test]
fn sweep_and_sensitivity_report_progress_unless_quiet() {
    let dir = tempfile::tempdir().unwrap();
    for (job, more) in [
        ("sweep", &["--set", "design.fund.initial=10,20"][..]),
        ("sensitivity", &[][..]),
    ] {
        let stderr = |quiet: &[&str]| {
            let assert = Command::cargo_bin("sifsim")
                .unwrap()
                .args([job, "scenarios/compare.toml", "--paths", "50"])
                .args(more)
                .args(quiet)
                .arg("--out")
                .arg(dir.path().join(format!("{job}{}", quiet.len())))
                .assert()
                .success();
            String::from_utf8_lossy(&assert.get_output().stderr).into_owned()
        };
        let loud = stderr(&[]);
        // Status lines in the run's language, Swedish by default.
        assert_eq!(loud.matches("simulerar…").count(), 1, "{job}: {loud}");
        assert!(loud.contains("ritar diagram…"), "{job}: {loud}");
        assert_eq!(stderr(&["--quiet"]), "", "{job}");
    }
}

#[test]
fn a_huge_range_is_refused_instead_of_writing_an_empty_sweep() {
    let stderr = refused_whole(&[
        "sweep",
        "scenarios/orebro.toml",
        "--set",
        "design.fund.initial=0..1e300",
    ]);
    assert!(stderr.contains("at most 1000"), "{stderr}");
}

#[test]
fn paths_and_seed_cannot_be_swept() {
    for set in ["simulation.paths=100,200", "simulation.seed=1,2"] {
        let stderr = refused_whole(&["sweep", "scenarios/compare.toml", "--set", set]);
        assert!(stderr.contains(&format!("--set {set}")), "{stderr}");
        assert!(stderr.contains("use --paths or --seed"), "{stderr}");
    }
}

#[test]
fn the_same_field_twice_is_refused() {
    let stderr = refused_whole(&[
        "sweep",
        "scenarios/compare.toml",
        "--set",
        "design.fund.initial=10,20",
        "--set",
        "design.fund.initial=30",
    ]);
    assert!(stderr.contains("set twice"), "{stderr}");
}

#[test]
fn a_malformed_selector_is_refused() {
    for set in [
        "design[Återföring utan golv.fund.initial=10",
        "design[].fund.initial=10",
        "design.=1",
    ] {
        let stderr = refused_whole(&["sweep", "scenarios/compare.toml", "--set", set]);
        assert!(stderr.contains("is not a field's path"), "{set}: {stderr}");
    }
}

#[test]
fn a_bad_last_value_is_refused_before_the_first_point_runs() {
    let stderr = refused_whole(&[
        "sweep",
        "scenarios/compare.toml",
        "--paths",
        "1000000",
        "--set",
        "design.repayment.floor_share=0,0.3,2",
    ]);
    assert!(
        stderr.contains("--set design.repayment.floor_share=2: with this value"),
        "{stderr}"
    );
    assert!(stderr.contains("nothing was run"), "{stderr}");
}

#[test]
fn an_unknown_design_exits_2_and_lists_the_designs() {
    for job in ["sweep", "sensitivity"] {
        let mut args = vec![job, "scenarios/compare.toml", "--design", "Nej"];
        if job == "sweep" {
            args.extend(["--set", "design.fund.initial=10"]);
        }
        let stderr = refused_whole(&args);
        assert!(
            stderr.contains("\"Budget\", \"Återföring utan golv\""),
            "{stderr}"
        );
    }
}

#[test]
fn sensitivity_counts_all_its_runs_against_the_size_limit() {
    // One run of 47 million paths of bench.toml on one thread is estimated at about 2 hours, under
    // the 12-hour limit; the 19 runs of a sensitivity analysis at about 38, over it.
    let stderr = refused_whole(&[
        "sensitivity",
        "scenarios/bench.toml",
        "--threads",
        "1",
        "--paths",
        "47000000",
    ]);
    assert!(stderr.contains("19 runs would take"), "{stderr}");
}

/// 20 000 deposit rules in one design, each looked at every year, were once estimated at far
/// more than 12 hours; a design now has at most 20, refused by count before any estimate.
#[test]
fn many_deposit_rules_are_refused_by_count_before_any_estimate() {
    let text = fs::read_to_string("scenarios/compare.toml").unwrap();
    let rule = "{ kind = \"fixed\", amount = 0.001 }, ";
    let rules = format!("fund.deposits = [\n  {}", rule.repeat(20_000));
    let text = text.replacen("fund.deposits = [\n", &rules, 1);
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("many-rules.toml");
    fs::write(&file, text).unwrap();
    let file = file.to_str().unwrap();
    let stderr = refused_whole(&["run", file, "--threads", "1", "--paths", "2000000"]);
    assert!(
        stderr.contains("fund.deposits: 20001 entries are too many; expected at most 20"),
        "{stderr}"
    );
}

#[test]
fn a_design_whose_name_holds_a_dot_can_be_set() {
    let text = fs::read_to_string("scenarios/compare.toml")
        .unwrap()
        .replace("name = \"Örebros regel\"", "name = \"Örebro v1.2\"");
    let scenario = with(&text, "design[Örebro v1.2].repayment.horizon_years", 4.0);
    assert_eq!(horizon(&scenario, 2), Some(4));
    assert_eq!(horizon(&scenario, 1), Some(10));
}

#[test]
fn the_sweep_csv_header_quotes_a_name_with_a_comma() {
    let settings: Vec<Setting> = vec!["design[A, B].fund.initial=10".parse().unwrap()];
    let csv = export::sweep_csv(&settings, &[]).unwrap();
    let header = String::from_utf8(csv).unwrap();
    assert!(
        header.starts_with("\"design[A, B].fund.initial\""),
        "{header}"
    );
}

#[test]
fn heat_maps_of_designs_differing_only_by_accents_do_not_collide() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("sweep");
    Command::cargo_bin("sifsim")
        .unwrap()
        .arg("sweep")
        .arg(compare_renamed(dir.path(), ACCENTED))
        .args(["--paths", "50"])
        .args(["--set", "design.repayment.horizon_years=3,6"])
        .args(["--set", "design.repayment.floor_share=0,0.3"])
        .arg("--out")
        .arg(&out)
        .assert()
        .success();
    let heat_maps = svgs(&out.join("charts"), "sweep-heat-orebros-regel");
    one_chart_each(&heat_maps, &ACCENTED, |design| format!("– {design}\n"));
}

/// A second sweep of the same scenario deleted the first one's folder.
#[test]
fn a_second_sweep_keeps_the_first_ones_folder() {
    let dir = tempfile::tempdir().unwrap();
    let scenario = std::env::current_dir()
        .unwrap()
        .join("scenarios/compare.toml");
    let sweep = |set: &str| {
        Command::cargo_bin("sifsim")
            .unwrap()
            .current_dir(dir.path())
            .arg("sweep")
            .arg(&scenario)
            .args(["--paths", "50", "--quiet", "--set", set])
            .assert()
            .success();
    };
    sweep("design.repayment.horizon_years=3,6");
    sweep("design.repayment.horizon_years=8,10");
    let output = dir.path().join("output");
    let mut folders: Vec<String> = fs::read_dir(&output)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    folders.sort();
    assert_eq!(
        folders,
        [
            "jamforelse-av-fondmodeller-sweep-design-repayment-horizon-years-3-6",
            "jamforelse-av-fondmodeller-sweep-design-repayment-horizon-years-8-10",
        ]
    );
    for folder in &folders {
        assert!(output.join(folder).join("sweep.csv").exists(), "{folder}");
    }
}
