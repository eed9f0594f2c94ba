//! `sifsim chart` on a run's files that were edited, cut short or not written by sifsim: each
//! is refused with exit code 2 and a message naming the file, row or field and the value, never
//! a panic, a hang or a chart drawn from nonsense.

use std::fs;
use std::path::{Path, PathBuf};
use std::time::Duration;

use assert_cmd::Command;
use serde_json::{Value, json};
use sifsim::export::{exports, folder, readback};
use sifsim::internals::exceedance::Distributions;
use sifsim::internals::simulate::{Unmonitored, simulate};
use sifsim::internals::source::sha256_hex;
use sifsim::results::{Results, RunInfo};
use sifsim::scenario::Scenario;
use tempfile::TempDir;

/// Longer than any chart takes, shorter than a hang.
const TIMEOUT: Duration = Duration::from_secs(60);

fn sifsim() -> Command {
    let mut command = Command::cargo_bin("sifsim").unwrap();
    command.timeout(TIMEOUT);
    command
}

/// The output folder of a fresh run of `scenario` with 200 paths, to edit.
fn run_of(scenario: &Path) -> (TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    sifsim()
        .args(["run", "--paths", "200", "--quiet", "--out"])
        .arg(&out)
        .arg(scenario)
        .assert()
        .success();
    (dir, out)
}

/// The output folder of the teaching scenario, to edit.
fn run_output() -> (TempDir, PathBuf) {
    run_of(Path::new("scenarios/compare.toml"))
}

/// Writes `file` in the output folder `out` and records it in the folder's manifest, as a user
/// who edits the manifest too would: the checks of what is read must stand on their own.
fn write_edited(out: &Path, file: &str, bytes: &[u8]) {
    fs::write(out.join(file), bytes).unwrap();
    let manifest_path = out.join(folder::MANIFEST);
    let mut manifest: Value = serde_json::from_slice(&fs::read(&manifest_path).unwrap()).unwrap();
    manifest["files"][file] = json!({
        "bytes": bytes.len(),
        "sha256": sha256_hex(bytes),
    });
    fs::write(
        &manifest_path,
        serde_json::to_vec_pretty(&manifest).unwrap(),
    )
    .unwrap();
}

/// Edits `summary.json` as JSON.
fn edit_summary(out: &Path, edit: impl FnOnce(&mut Value)) {
    let path = out.join("summary.json");
    let mut summary: Value = serde_json::from_slice(&fs::read(&path).unwrap()).unwrap();
    edit(&mut summary);
    write_edited(
        out,
        "summary.json",
        &serde_json::to_vec_pretty(&summary).unwrap(),
    );
}

/// Edits a file as text.
fn edit_text(out: &Path, file: &str, edit: impl FnOnce(String) -> String) {
    let text = fs::read_to_string(out.join(file)).unwrap();
    write_edited(out, file, edit(text).as_bytes());
}

/// Sets `column` of the CSV file's data row `row` (1 is the first after the header).
fn set_cell(out: &Path, file: &str, row: usize, column: &str, value: &str) {
    let path = out.join(file);
    let mut reader = csv::Reader::from_path(&path).unwrap();
    let header = reader.headers().unwrap().clone();
    let i = header.iter().position(|h| h == column).unwrap();
    let mut records: Vec<Vec<String>> = reader
        .records()
        .map(|r| r.unwrap().iter().map(String::from).collect())
        .collect();
    records[row - 1][i] = value.to_string();
    let mut writer = csv::Writer::from_writer(Vec::new());
    writer.write_record(&header).unwrap();
    for record in records {
        writer.write_record(record).unwrap();
    }
    write_edited(out, file, &writer.into_inner().unwrap());
}

/// `sifsim chart` exits with code 2, and its message holds each of `needles`, tells the user
/// to run again, and is no panic.
fn refused(out: &Path, needles: &[&str]) {
    let assert = sifsim().arg("chart").arg(out).assert().code(2);
    let stderr = String::from_utf8(assert.get_output().stderr.clone()).unwrap();
    for needle in needles {
        assert!(stderr.contains(needle), "no {needle:?} in: {stderr}");
    }
    assert!(stderr.contains("run `sifsim run` again"), "{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
}

#[test]
fn chart_refuses_years_zero_in_summary() {
    let (_dir, out) = run_output();
    edit_summary(&out, |s| s["years"] = json!(0));
    refused(
        &out,
        &["summary.json, field years: 0 is not allowed", "1..=200"],
    );
}

#[test]
fn chart_refuses_years_of_u64_max_in_summary() {
    let (_dir, out) = run_output();
    edit_summary(&out, |s| s["years"] = json!(u64::MAX));
    refused(&out, &["field years: 18446744073709551615 is not allowed"]);
}

#[test]
fn chart_refuses_a_hundred_billion_years_without_allocating_for_them() {
    let (_dir, out) = run_output();
    edit_summary(&out, |s| s["years"] = json!(100_000_000_000_u64));
    refused(&out, &["field years: 100000000000 is not allowed"]);
}

#[test]
fn chart_refuses_start_year_of_i64_max_in_summary() {
    let (_dir, out) = run_output();
    edit_summary(&out, |s| s["start_year"] = json!(i64::MAX));
    refused(&out, &["field start_year: 9223372036854775807", "1..=9799"]);
}

#[test]
fn chart_refuses_a_huge_cell_without_hanging() {
    let (_dir, out) = run_output();
    set_cell(&out, "fund.csv", 1, "cash_p95", "1.7e308");
    refused(
        &out,
        &[
            "fund.csv line 2, column cash_p95: 1.7e308 is not allowed",
            "±2000000000",
        ],
    );
}

#[test]
fn chart_refuses_nan_and_infinite_cells() {
    let (_dir, out) = run_output();
    set_cell(&out, "fund.csv", 3, "deposits_mean", "NaN");
    refused(
        &out,
        &["fund.csv line 4, column deposits_mean: NaN is not allowed"],
    );
    let (_dir, out) = run_output();
    set_cell(&out, "units.csv", 5, "burden_mean", "-inf");
    refused(
        &out,
        &["units.csv line 6, column burden_mean: -inf is not allowed"],
    );
}

#[test]
fn chart_refuses_a_csv_cut_mid_row() {
    let (_dir, out) = run_output();
    edit_text(&out, "fund.csv", |text| text[..text.len() / 2].to_string());
    refused(&out, &["fund.csv line", "fields; expected 30"]);
}

#[test]
fn chart_refuses_a_csv_cut_after_a_row() {
    let (_dir, out) = run_output();
    edit_text(&out, "units.csv", |text| {
        text.lines().take(100).map(|l| format!("{l}\n")).collect()
    });
    refused(
        &out,
        &[
            "units.csv: ends after 99 rows; expected 320 rows",
            "4 designs × 4 units × 20 years",
        ],
    );
}

#[test]
fn chart_refuses_a_header_only_csv() {
    let (_dir, out) = run_output();
    edit_text(&out, "units.csv", |text| {
        text.lines().next().unwrap().to_string()
    });
    refused(&out, &["units.csv: ends after 0 rows; expected 320 rows"]);
}

#[test]
fn chart_refuses_an_empty_csv() {
    let (_dir, out) = run_output();
    write_edited(&out, "fund.csv", b"");
    refused(
        &out,
        &["fund.csv: is empty; expected a header line and 80 rows"],
    );
}

#[test]
fn chart_refuses_p5_above_p95() {
    let (_dir, out) = run_output();
    set_cell(&out, "units.csv", 2, "burden_p5", "1000");
    refused(
        &out,
        &[
            "units.csv line 3",
            "burden_p5 = 1000 is above burden_p50",
            "in order",
        ],
    );
}

#[test]
fn chart_refuses_percentiles_out_of_order_in_summary() {
    let (_dir, out) = run_output();
    edit_summary(&out, |s| s["designs"][1]["final_cash"]["p75"] = json!(-5.0));
    refused(
        &out,
        &["field designs[1].final_cash: p50 =", "is above p75 = -5"],
    );
}

#[test]
fn chart_refuses_a_probability_of_7_5() {
    let (_dir, out) = run_output();
    edit_summary(&out, |s| s["designs"][2]["p_depleted_ever"] = json!(7.5));
    refused(
        &out,
        &[
            "field designs[2].p_depleted_ever: 7.5 is not allowed",
            "0..=1",
        ],
    );
    let (_dir, out) = run_output();
    set_cell(&out, "units.csv", 7, "p_tipped", "7.5");
    refused(
        &out,
        &["units.csv line 8, column p_tipped: 7.5 is not allowed"],
    );
}

#[test]
fn chart_refuses_rows_of_an_unknown_design() {
    let (_dir, out) = run_output();
    set_cell(&out, "fund.csv", 21, "design", "Okänd");
    refused(
        &out,
        &["fund.csv line 22, column design: \"Okänd\" is not a design of summary.json"],
    );
}

#[test]
fn chart_refuses_rows_of_an_unknown_unit() {
    let (_dir, out) = run_output();
    set_cell(&out, "units.csv", 1, "unit", "okand");
    refused(
        &out,
        &["units.csv line 2, column unit: \"okand\" is not a unit"],
    );
}

#[test]
fn chart_refuses_rows_out_of_order() {
    let (_dir, out) = run_output();
    set_cell(&out, "fund.csv", 2, "year", "2025");
    refused(
        &out,
        &[
            "fund.csv line 3",
            "design \"Budget\", year 2025 stands where design \"Budget\", year 2026 should",
        ],
    );
}

#[test]
fn chart_refuses_a_summary_whose_designs_disagree_with_the_tables() {
    let (_dir, out) = run_output();
    edit_summary(&out, |s| {
        s["designs"].as_array_mut().unwrap().pop();
    });
    refused(
        &out,
        &["fund.csv line 62, column design: \"Dubbelmodell\" is not a design of summary.json"],
    );
    let (_dir, out) = run_output();
    edit_summary(&out, |s| {
        s["designs"][0]["units"].as_array_mut().unwrap().pop();
    });
    refused(&out, &["field designs[0].units: lists units"]);
}

#[test]
fn chart_refuses_values_of_the_wrong_type() {
    let (_dir, out) = run_output();
    edit_summary(&out, |s| s["paths"] = json!("200"));
    refused(&out, &["summary.json: invalid type: string \"200\""]);
    let (_dir, out) = run_output();
    set_cell(&out, "fund.csv", 1, "year", "tjugo");
    refused(
        &out,
        &["fund.csv line 2, column year: \"tjugo\" is not allowed"],
    );
}

#[test]
fn chart_refuses_a_summary_that_is_not_json() {
    let (_dir, out) = run_output();
    edit_text(&out, "summary.json", |text| {
        text[..text.len() / 3].to_string()
    });
    refused(&out, &["summary.json: EOF while parsing"]);
}

#[test]
fn chart_without_a_file_of_the_run_says_which() {
    let (_dir, out) = run_output();
    fs::remove_file(out.join("units.csv")).unwrap();
    let assert = sifsim().arg("chart").arg(&out).assert().code(2);
    let stderr = String::from_utf8(assert.get_output().stderr.clone()).unwrap();
    assert!(stderr.contains("cannot read units.csv"), "{stderr}");
}

/// A price index of a billion a year passes the checks (as any number above -1 within the
/// engine's bound does) and lifts a target level of 175 to 1.75·10^308 in the 35th year: the
/// axis padded around it overflowed, and its tick loop never ended.
#[test]
fn chart_draws_a_huge_price_index_without_hanging() {
    let dir = tempfile::tempdir().unwrap();
    let scenario = dir.path().join("forty-years.toml");
    let text = fs::read_to_string("scenarios/compare.toml").unwrap();
    fs::write(&scenario, text.replacen("years = 20 ", "years = 40 ", 1)).unwrap();
    let (_dir, out) = run_of(&scenario);
    edit_summary(&out, |s| {
        s["index"] = json!(999_999_999.0);
        s["designs"][0]["target_levels"] = json!([175.0]);
    });
    sifsim().arg("chart").arg(&out).assert().success();
}

/// A mean may lie outside the 5–95 % band; the fund chart's axis reaches it (it was drawn
/// beyond the panel).
#[test]
fn chart_axis_covers_a_mean_outside_the_band() {
    let (_dir, out) = run_output();
    for row in 1..=20 {
        set_cell(&out, "fund.csv", row, "cash_mean", "1000");
    }
    sifsim().arg("chart").arg(&out).assert().success();
    let svg = fs::read_to_string(out.join("charts/fund-budget.svg")).unwrap();
    let ticks: Vec<&str> = svg.lines().map(str::trim).collect();
    assert!(ticks.contains(&"1\u{a0}000"), "no tick at 1 000 mnkr");
}

/// What a run of each bundled scenario writes reads back as written.
#[test]
fn every_bundled_scenario_reads_back_as_written() {
    for entry in fs::read_dir("scenarios").unwrap() {
        let path = entry.unwrap().path();
        let mut scenario = Scenario::load(&path).unwrap();
        scenario = scenario.with_futures(Some(200), None).unwrap();
        let aggregates = simulate(&scenario, &Unmonitored).unwrap();
        let run = RunInfo {
            threads: 1,
            started: "2025-01-01T00:00:00Z".into(),
            duration_seconds: 1.0,
        };
        let results = Results::new(&scenario, &aggregates, "0".repeat(64), run).unwrap();
        let files: Vec<Vec<u8>> = exports()
            .iter()
            .map(|export| export.render(&results).unwrap())
            .collect();
        let read = readback::from_bytes(&files[0], &files[1], &files[2])
            .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        // No file holds the distributions behind the threshold questions.
        let written = Results {
            distributions: Distributions::default(),
            ..results
        };
        assert!(read == written, "{} reads back otherwise", path.display());
    }
}

/// Regression: a `summary.json` with a million threshold levels took 16.9 GB to chart. Lists are
/// bounded as the scenario loader bounds them, before anything is drawn.
#[test]
fn chart_refuses_a_million_threshold_levels_before_drawing_them() {
    let (_dir, out) = run_output();
    edit_summary(&out, |s| {
        s["designs"][0]["target_levels"] = json!(vec![1.0; 1_000_000])
    });
    refused(
        &out,
        &["field designs[0].target_levels: has 1000000 entries; expected at most 20"],
    );
}

/// Regression: a 1 MB scenario name ran past 4 minutes in `chart`.
#[test]
fn chart_refuses_a_name_longer_than_a_scenario_may_have() {
    let (_dir, out) = run_output();
    edit_summary(&out, |s| s["scenario"] = json!("x".repeat(1_000_000)));
    refused(
        &out,
        &["field scenario: is 1000000 characters long; expected at most 100"],
    );
}

/// Regression: an escape character in a design's name failed in the drawing, with exit 1.
#[test]
fn chart_refuses_an_escape_character_in_a_name_with_exit_2() {
    let (_dir, out) = run_output();
    edit_summary(&out, |s| s["designs"][0]["name"] = json!("a\u{1b}[31mb"));
    refused(
        &out,
        &["field designs[0].name: \"a\\u{1b}[31mb\" is not allowed; expected printable text"],
    );
}

/// A file larger than any run writes is refused by its size, before it is read or hashed (a
/// sparse file: nothing is written to the disk).
#[test]
fn chart_refuses_a_table_larger_than_any_run_writes_before_reading_it() {
    let (_dir, out) = run_output();
    let huge = folder::MAX_FILE_BYTES + 1;
    fs::File::options()
        .write(true)
        .open(out.join("units.csv"))
        .unwrap()
        .set_len(huge)
        .unwrap();
    let manifest_path = out.join(folder::MANIFEST);
    let mut manifest: Value = serde_json::from_slice(&fs::read(&manifest_path).unwrap()).unwrap();
    manifest["files"]["units.csv"]["bytes"] = json!(huge);
    fs::write(&manifest_path, serde_json::to_vec(&manifest).unwrap()).unwrap();
    let assert = sifsim().arg("chart").arg(&out).assert().code(2);
    let stderr = String::from_utf8(assert.get_output().stderr.clone()).unwrap();
    let expected = format!("units.csv' is {huge} bytes, larger than any file sifsim writes");
    assert!(stderr.contains(&expected), "{stderr}");
}

/// The readers themselves read through a limit: a `summary.json` beyond 32 MiB is refused
/// after 32 MiB, whatever the folder's manifest says (a library caller may skip that check).
#[test]
fn read_results_refuses_a_summary_larger_than_any_run_writes() {
    let (_dir, out) = run_output();
    let summary = fs::File::options()
        .write(true)
        .open(out.join("summary.json"))
        .unwrap();
    summary.set_len(33 * 1024 * 1024).unwrap();
    let error = readback::read_results(&out).unwrap_err().to_string();
    assert!(
        error.starts_with("summary.json: is more than 33554432 bytes, more than any run writes"),
        "{error}"
    );
}

/// Regression: a manifest that is not JSON was reported as missing.
#[test]
fn a_malformed_manifest_is_named_malformed_not_missing() {
    let (_dir, out) = run_output();
    fs::write(out.join(folder::MANIFEST), "{").unwrap();
    let assert = sifsim().arg("chart").arg(&out).assert().code(2);
    let stderr = String::from_utf8(assert.get_output().stderr.clone()).unwrap();
    assert!(
        stderr
            .contains("holds a sifsim-manifest.json that sifsim cannot use: it is not a manifest"),
        "{stderr}"
    );
    assert!(!stderr.contains("holds no"), "{stderr}");
}
