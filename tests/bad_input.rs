//! Every class of bad input gets a clear message and exit code 2, never a panic. The messages
//! are pinned as snapshots (tests/snapshots/), so a change to one is seen in review.

use std::fs;
use std::path::PathBuf;

use assert_cmd::Command;

const BASE: &str = r#"[simulation]
name = "Liten"
start_year = 2020
years = 10
paths = 100
seed = 1

[municipality]
name = "Kommunen"
total_budget = 1000
annual_result = { mean = 20, sd = 10, autocorrelation = 0.3 }

[[unit]]
id = "social"
name = "Socialförvaltningen"
frame = 500

[[unit]]
id = "skola"
name = "Utbildningsförvaltningen"
frame = 800

[[project_type]]
name = "Tidiga insatser"
lead = "social"
partners = ["skola"]
arrivals_per_year = 1
cost = { median = 2, sigma = 0.3 }
duration_years = 2
success_probability = 0.6
planned_savings = { social = 0.5, skola = 0.3 }
effect_lag_years = 2
effect_years = 5
effect_size = { mean = 0.8, sd = 0.2 }

[[project]]
name = "Familjecentral"
start_year = 2021
lead = "skola"
partners = ["social"]
cost = 3
duration_years = 3
success_probability = 0.7
planned_savings = { skola = 1 }
effect_lag_years = 1
effect_years = 5
effect_size = 1

[[design]]
name = "Budget"
model = "budget"
fund.initial = 10
fund.deposits = [{ kind = "share_of_positive_result", share = 0.1 }]

[[design]]
name = "Örebro"
model = "repayment"
fund.initial = 10
repayment.basis = "realized"
repayment.floor_share = 0.3
repayment.start_within_years = 3
repayment.horizon_years = 10
"#;

/// Writes `bytes` as `target/bad-input/<case>.toml` (a stable path for the snapshots).
fn write_case(case: &str, bytes: &[u8]) -> PathBuf {
    let dir = PathBuf::from("target/bad-input");
    fs::create_dir_all(&dir).unwrap();
    let path = dir.join(format!("{case}.toml"));
    fs::write(&path, bytes).unwrap();
    path
}

/// Runs `sifsim <args> <file>` and returns its stderr, asserting exit code 2.
fn refused(args: &[&str], path: &PathBuf) -> String {
    let output = Command::cargo_bin("sifsim")
        .unwrap()
        .args(args)
        .arg(path)
        .output()
        .unwrap();
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert_eq!(output.status.code(), Some(2), "{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
    stderr
}

/// The base scenario with `from` replaced by `to`, validated.
fn edited(case: &str, from: &str, to: &str) -> String {
    assert!(BASE.contains(from), "{from}");
    let path = write_case(case, BASE.replacen(from, to, 1).as_bytes());
    refused(&["validate"], &path)
}

#[test]
fn the_base_scenario_is_valid() {
    let path = write_case("valid", BASE.as_bytes());
    Command::cargo_bin("sifsim")
        .unwrap()
        .arg("validate")
        .arg(path)
        .assert()
        .success();
}

#[test]
fn missing_required_field() {
    insta::assert_snapshot!(edited("missing_field", "frame = 500\n", ""));
}

#[test]
fn unknown_unit_as_lead() {
    insta::assert_snapshot!(edited(
        "unknown_lead",
        "lead = \"social\"",
        "lead = \"socialen\""
    ));
}

#[test]
fn unknown_unit_as_partner() {
    insta::assert_snapshot!(edited(
        "unknown_partner",
        "partners = [\"skola\"]",
        "partners = [\"skolan\"]"
    ));
}

#[test]
fn unknown_unit_in_planned_savings() {
    insta::assert_snapshot!(edited(
        "unknown_saver",
        "planned_savings = { skola = 1 }",
        "planned_savings = { gata = 1 }"
    ));
}

#[test]
fn duplicate_unit_id() {
    insta::assert_snapshot!(edited(
        "duplicate_unit",
        "id = \"skola\"",
        "id = \"social\""
    ));
}

#[test]
fn duplicate_design_name() {
    insta::assert_snapshot!(edited(
        "duplicate_design",
        "name = \"Örebro\"",
        "name = \"Budget\""
    ));
}

#[test]
fn share_written_as_percent() {
    insta::assert_snapshot!(edited(
        "percent_share",
        "floor_share = 0.3",
        "floor_share = 30"
    ));
}

#[test]
fn negative_amount() {
    insta::assert_snapshot!(edited(
        "negative_amount",
        "fund.initial = 10\nfund.deposits",
        "fund.initial = -10\nfund.deposits"
    ));
}

#[test]
fn negative_years() {
    insta::assert_snapshot!(edited("negative_years", "years = 10", "years = -10"));
}

#[test]
fn nan_is_refused() {
    insta::assert_snapshot!(edited(
        "nan",
        "success_probability = 0.6",
        "success_probability = nan"
    ));
}

#[test]
fn infinity_is_refused() {
    insta::assert_snapshot!(edited("inf", "median = 2,", "median = inf,"));
}

#[test]
fn zero_paths() {
    insta::assert_snapshot!(edited("zero_paths", "paths = 100", "paths = 0"));
}

#[test]
fn zero_years() {
    insta::assert_snapshot!(edited("zero_years", "years = 10", "years = 0"));
}

#[test]
fn autocorrelation_of_one() {
    insta::assert_snapshot!(edited(
        "autocorrelation",
        "autocorrelation = 0.3",
        "autocorrelation = 1"
    ));
}

#[test]
fn known_project_outside_the_simulated_years() {
    insta::assert_snapshot!(edited(
        "project_outside",
        "start_year = 2021",
        "start_year = 2035"
    ));
}

#[test]
fn deposit_of_unknown_kind() {
    insta::assert_snapshot!(edited(
        "deposit_kind",
        "kind = \"share_of_positive_result\"",
        "kind = \"share_of_result\""
    ));
}

#[test]
fn design_tables_that_do_not_match_the_model() {
    insta::assert_snapshot!(edited(
        "model_mismatch",
        "model = \"repayment\"",
        "model = \"budget\""
    ));
}

#[test]
fn unknown_field_with_a_suggestion() {
    insta::assert_snapshot!(edited(
        "unknown_field",
        "repayment.horizon_years",
        "repayment.horizon_year"
    ));
}

#[test]
fn toml_syntax_error() {
    insta::assert_snapshot!(edited("syntax", "frame = 800", "frame = = 800"));
}

#[test]
fn several_errors_are_reported_together() {
    let text = BASE
        .replace("frame = 800", "frame = 0")
        .replace("floor_share = 0.3", "floor_share = 1.5")
        .replace("lead = \"skola\"", "lead = \"gata\"");
    let path = write_case("several", text.as_bytes());
    insta::assert_snapshot!(refused(&["validate"], &path));
}

#[test]
fn absurd_size_is_refused_with_an_estimate() {
    let path = write_case(
        "absurd",
        BASE.replace("years = 10", "years = 200").as_bytes(),
    );
    insta::assert_snapshot!(refused(
        &["run", "--paths", "4000000000", "--threads", "2"],
        &path
    ));
}

#[test]
fn empty_file() {
    let path = write_case("empty", b"");
    insta::assert_snapshot!(refused(&["validate"], &path));
}

#[test]
fn file_that_is_not_utf8() {
    let path = write_case("latin1", b"[simulation]\nname = \"\xd6rebro\"\n");
    insta::assert_snapshot!(refused(&["validate"], &path));
}

#[test]
fn directory_instead_of_a_file() {
    fs::create_dir_all("target/bad-input/a-folder").unwrap();
    let stderr = refused(&["validate"], &PathBuf::from("target/bad-input/a-folder"));
    assert!(
        stderr.contains("cannot read scenario file 'target/bad-input/a-folder'"),
        "{stderr}"
    );
}

/// Runs `sifsim run` on `text`, asserting exit code 2 and no output folder; returns stderr.
fn run_refused(case: &str, text: &str) -> String {
    let path = write_case(case, text.as_bytes());
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    let stderr = refused(&["run", "--quiet", "--out", out.to_str().unwrap()], &path);
    assert!(!out.exists());
    stderr
}

/// An index of -0.99 over 200 years shrank the frames to 0, and 0/0 burden shares reached
/// `units.csv` as NaN; the index is now refused before anything is simulated.
#[test]
fn nan_shares_never_reach_units_csv() {
    let text = BASE
        .replace("years = 10", "years = 200")
        .replace("total_budget = 1000", "total_budget = 1000\nindex = -0.99");
    insta::assert_snapshot!(run_refused("shrinking_frames", &text));
}

#[test]
fn a_frame_below_the_minimum_is_refused() {
    insta::assert_snapshot!(edited("tiny_frame", "frame = 500", "frame = 5e-324"));
}

/// A value beyond what sifsim reports stops the run; the scenario caused it, so exit code 2.
/// Every amount is bounded at the door, so it takes amounts that grow: the largest deposit a
/// year, uplifted tenfold a year.
#[test]
fn a_run_stopped_by_the_finiteness_guard_exits_2() {
    let text = BASE
        .replacen("total_budget = 1000", "total_budget = 1000\nindex = 10", 1)
        .replacen(
            "fund.deposits = [{ kind = \"share_of_positive_result\", share = 0.1 }]",
            "fund.deposits = [{ kind = \"fixed\", amount = 1e7 }]",
            1,
        );
    insta::assert_snapshot!(run_refused("huge_fund", &text));
}

/// Regression: an amount too large to hold (a cost median of 1.7e308) was run and read "inf
/// mnkr" in `explain` and the report; every amount is now refused at the door, naming the
/// value and the allowed range.
#[test]
fn an_amount_too_large_to_hold_is_refused_at_the_door() {
    let text = BASE.replacen("fund.initial = 10", "fund.initial = 1.7e308", 1);
    let stderr = refused(&["validate"], &write_case("huge_amount", text.as_bytes()));
    assert!(
        stderr.contains("fund.initial: 1.7e308 is not allowed; expected a number in 0..=10000000"),
        "{stderr}"
    );
    assert!(!stderr.contains("inf"), "{stderr}");
}

/// Burden shares are derived after the simulation, and checked like every other figure.
#[test]
fn a_burden_share_beyond_the_limit_stops_the_run_naming_design_unit_and_year() {
    let text = BASE
        .replace("frame = 800", "frame = 0.001")
        .replace("effect_size = 1\n", "effect_size = 1\nrunning_cost = 5e6\n");
    insta::assert_snapshot!(run_refused("huge_share", &text));
}

/// Regression: a TOML syntax error quoted the file's line with its terminal escapes raw.
#[test]
fn a_syntax_error_shows_the_files_escape_characters_escaped() {
    let text = BASE.replacen("years = 10", "years = \u{1b}[2J", 1);
    let stderr = refused(&["validate"], &write_case("escape_syntax", text.as_bytes()));
    assert!(!stderr.contains('\u{1b}'), "{stderr}");
    assert!(stderr.contains("years = \\u{1b}[2J"), "{stderr}");
}

/// Control characters (here an ANSI escape) and noncharacters broke the charts after the
/// simulation and reached the terminal raw; they are refused, and shown escaped.
#[test]
fn control_characters_in_a_name_are_refused_at_validation() {
    let text = BASE
        .replace("name = \"Budget\"", "name = \"R\\u001b[31möd\"")
        .replace("name = \"Liten\"", "name = \"Liten\\uFFFF\"");
    let stderr = refused(&["validate"], &write_case("control", text.as_bytes()));
    assert!(!stderr.contains('\u{1b}'), "{stderr}");
    insta::assert_snapshot!(stderr);
}

/// Names become file names and workbook cells; too long ones failed after the simulation.
#[test]
fn names_too_long_for_files_and_workbooks_are_refused_at_validation() {
    let text = BASE
        .replace(
            "name = \"Liten\"",
            &format!("name = \"{}\"", "L".repeat(300)),
        )
        .replace(
            "name = \"Örebro\"",
            &format!("name = \"{}\"", "Ö".repeat(101)),
        )
        .replace("skola", &"s".repeat(33));
    insta::assert_snapshot!(refused(
        &["validate"],
        &write_case("long_names", text.as_bytes())
    ));
}
