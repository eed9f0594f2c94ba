//! The `sifsim` binary as a user runs it.

use std::fs;
use std::path::Path;

use assert_cmd::Command;

mod common;

use common::{Run, sifsim_run};

fn sifsim() -> Command {
    Command::cargo_bin("sifsim").unwrap()
}

fn run_on(threads: &str) -> Run {
    sifsim_run("scenarios/compare.toml", 3000, &["--threads", threads])
}

/// `summary.json` without its `run` object (threads, start time, duration).
fn summary_without_run(dir: &Path) -> serde_json::Value {
    let mut summary: serde_json::Value =
        serde_json::from_slice(&fs::read(dir.join("summary.json")).unwrap()).unwrap();
    summary.as_object_mut().unwrap().remove("run");
    summary
}

#[test]
fn one_thread_and_four_threads_write_identical_results() {
    let (one, four) = (run_on("1"), run_on("4"));
    let (one, four) = (one.out(), four.out());
    for file in ["fund.csv", "units.csv", "exceedance.csv"] {
        assert_eq!(
            fs::read(one.join(file)).unwrap(),
            fs::read(four.join(file)).unwrap(),
            "{file}"
        );
    }
    assert_eq!(summary_without_run(one), summary_without_run(four));
    let threads = |dir: &Path| {
        let summary: serde_json::Value =
            serde_json::from_slice(&fs::read(dir.join("summary.json")).unwrap()).unwrap();
        summary["run"]["threads"].as_u64()
    };
    assert_eq!((threads(one), threads(four)), (Some(1), Some(4)));
}

#[test]
fn run_writes_the_contracts_columns_and_prints_a_table() {
    let run = sifsim_run("scenarios/compare.toml", 500, &[]);
    let (out, stdout) = (run.out(), &run.stdout);
    assert!(stdout.contains("Örebros regel"), "{stdout}");
    assert!(stdout.contains("medelsbrist"), "{stdout}");
    // The contract's columns come first, in its order; more may follow.
    let fund = fs::read_to_string(out.join("fund.csv")).unwrap();
    let header = fund.lines().next().unwrap();
    assert!(
        header.starts_with(
            "design,year,cash_mean,cash_p5,cash_p25,cash_p50,cash_p75,cash_p95,uncommitted_mean,\
         uncommitted_p5,uncommitted_p50,uncommitted_p95,p_depleted,p_depleted_by,deposits_mean,\
         repaid_mean,payouts_mean,written_off_mean"
        ),
        "{header}"
    );
    // 4 designs × 20 years.
    assert_eq!(fund.lines().count(), 1 + 4 * 20);
    let units = fs::read_to_string(out.join("units.csv")).unwrap();
    assert!(units.starts_with(
        "design,unit,year,burden_mean,burden_p5,burden_p50,burden_p95,burden_share_mean,"
    ));
    assert_eq!(units.lines().count(), 1 + 4 * 4 * 20);
    let summary: serde_json::Value =
        serde_json::from_slice(&fs::read(out.join("summary.json")).unwrap()).unwrap();
    assert_eq!(summary["paths"], 500);
    assert_eq!(summary["designs"][2]["name"], "Örebros regel");
    assert_eq!(summary["designs"][2]["units"][0]["id"], "social");
    assert_eq!(summary["scenario_sha256"].as_str().unwrap().len(), 64);
}

#[test]
fn invalid_input_exits_with_code_2_and_names_field_value_and_range() {
    let dir = tempfile::tempdir().unwrap();
    let text = fs::read_to_string("scenarios/compare.toml")
        .unwrap()
        .replace("repayment.floor_share = 0.30", "repayment.floor_share = 30");
    let file = dir.path().join("bad.toml");
    fs::write(&file, text).unwrap();
    let assert = sifsim().arg("run").arg(&file).assert().code(2);
    let stderr = String::from_utf8(assert.get_output().stderr.clone()).unwrap();
    assert!(
        stderr.contains("design \"Örebros regel\": repayment.floor_share"),
        "{stderr}"
    );
    assert!(stderr.contains("30 is not allowed"), "{stderr}");
    assert!(stderr.contains("0..=1"), "{stderr}");
    assert!(stderr.contains("write 0.3"), "{stderr}");
}

#[test]
fn json_prints_the_summary_on_stdout() {
    let run = sifsim_run("scenarios/compare.toml", 300, &["--json"]);
    let summary: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(summary["paths"], 300);
    assert_eq!(summary["designs"].as_array().unwrap().len(), 4);
}

#[test]
fn validate_describes_the_scenario() {
    let assert = sifsim()
        .args(["validate", "scenarios/compare.toml"])
        .assert()
        .success();
    let stdout = String::from_utf8(assert.get_output().stdout.clone()).unwrap();
    assert!(stdout.contains("4 nämnder (förvaltningar)"), "{stdout}");
    assert!(stdout.contains("3 projekttyper"), "{stdout}");
    assert!(stdout.contains("Dubbelmodell — dubbelmodell"), "{stdout}");
    assert!(stdout.contains("besparing per krona 1,"), "{stdout}");
    let assert = sifsim()
        .args(["validate", "scenarios/compare.toml", "--lang", "en"])
        .assert()
        .success();
    let stdout = String::from_utf8(assert.get_output().stdout.clone()).unwrap();
    assert!(stdout.contains("3 project types"), "{stdout}");
    assert!(stdout.contains("Dubbelmodell — dual model"), "{stdout}");
    assert!(
        !stdout.contains("nämnder") && !stdout.contains("ram "),
        "{stdout}"
    );
}

#[test]
fn a_missing_file_is_an_input_error() {
    let assert = sifsim().args(["run", "no-such-file.toml"]).assert().code(2);
    let stderr = String::from_utf8(assert.get_output().stderr.clone()).unwrap();
    assert!(stderr.contains("no-such-file.toml"), "{stderr}");
}

/// The table `sifsim run` prints under `--lang`.
fn table(lang: &str) -> String {
    sifsim_run("scenarios/compare.toml", 300, &["--quiet", "--lang", lang]).stdout
}

#[test]
fn the_run_table_is_swedish_under_lang_sv_and_english_under_lang_en() {
    let sv = table("sv");
    let en = table("en");
    let english = [
        "Design ", "lack", "balance", "Approved", "Refused", "avoided", "room", "95th",
    ];
    let swedish = [
        "Alternativ ",
        "medelsbrist",
        "Saldo",
        "Beviljade",
        "regler",
        "Undvikta",
        "budgetutrymme",
        "95:e",
    ];
    for word in english {
        assert!(!sv.contains(word), "{word} in the Swedish table:\n{sv}");
        assert!(
            en.contains(word),
            "{word} missing in the English table:\n{en}"
        );
    }
    for word in swedish {
        assert!(!en.contains(word), "{word} in the English table:\n{en}");
        assert!(
            sv.contains(word),
            "{word} missing in the Swedish table:\n{sv}"
        );
    }
    // Decimal commas and "12,3 %" in Swedish; points and "12.3%" in English; unit names, not ids.
    let decimal = |table: &str, point: char| {
        let chars: Vec<char> = table.chars().collect();
        chars
            .windows(3)
            .any(|w| w[0].is_ascii_digit() && w[1] == point && w[2].is_ascii_digit())
    };
    assert!(decimal(&sv, ',') && !decimal(&sv, '.'), "{sv}");
    assert!(decimal(&en, '.'), "{en}");
    assert!(
        sv.contains("mnkr, median") && en.contains("mnkr, median"),
        "{sv}"
    );
    assert!(sv.contains("\u{a0}%") && !sv.contains(".0 %"), "{sv}");
    assert!(sv.contains("Socialförvaltningen") && !sv.lines().any(|l| l.starts_with("social ")));
}

#[test]
fn a_reader_that_stops_reading_the_table_causes_no_panic() {
    let dir = tempfile::tempdir().unwrap();
    let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin!("sifsim"))
        .args(["run", "scenarios/compare.toml", "--paths", "300", "--out"])
        .arg(dir.path().join("out"))
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    // As `| head -0` does: the reading end is closed before anything is read.
    drop(child.stdout.take());
    let output = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert_eq!(output.status.code(), Some(0), "{stderr}");
    assert!(dir.path().join("out").join("summary.json").exists());
}
