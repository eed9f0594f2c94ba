//! Regressions of an adversarial run against the command line: the user's mistakes get exit 2
//! and words, before anything is simulated; numbers are shown short; an interrupt is honoured
//! while the scenario is still being read.

use std::fs;
use std::os::unix::fs::PermissionsExt;
use std::path::Path;
use std::process::{Command as Process, Stdio};
use std::time::{Duration, Instant};

use assert_cmd::Command;

mod common;

use common::sifsim_run;

const TOMELILLA: &str = "scenarios/tomelilla.toml";

fn sifsim() -> Command {
    let mut command = Command::cargo_bin("sifsim").unwrap();
    command.timeout(Duration::from_secs(120));
    command
}

/// Runs sifsim with `args`, expecting exit code `code`; returns what it wrote to stderr.
fn stderr_of(args: &[&str], code: i32) -> String {
    let assert = sifsim().args(args).assert().code(code);
    String::from_utf8(assert.get_output().stderr.clone()).unwrap()
}

/// Every file under `dir` with its bytes, in order.
fn contents(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut files = Vec::new();
    for entry in walk(dir) {
        files.push((entry.display().to_string(), fs::read(&entry).unwrap()));
    }
    files.sort();
    files
}

fn walk(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut found = Vec::new();
    for entry in fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            found.extend(walk(&path));
        } else {
            found.push(path);
        }
    }
    found
}

/// Regression: a read-only earlier result was replaced, a hidden copy left beside it, and the
/// next run failed with exit 1 blaming a stopped run.
#[test]
fn a_read_only_earlier_result_is_refused_before_simulating_and_left_as_it_was() {
    let run = sifsim_run(TOMELILLA, 200, &["--quiet"]);
    let out = run.out();
    let before = contents(out);
    fs::set_permissions(out, fs::Permissions::from_mode(0o555)).unwrap();
    let out_text = out.to_str().unwrap();
    let stderr = stderr_of(&["run", TOMELILLA, "--paths", "200", "--out", out_text], 2);
    fs::set_permissions(out, fs::Permissions::from_mode(0o755)).unwrap();
    assert!(stderr.contains("is read-only"), "{stderr}");
    // Refused before simulating: no phase was announced.
    assert!(!stderr.contains("simulerar"), "{stderr}");
    assert_eq!(contents(out), before);
    let parent = out.parent().unwrap();
    let beside: Vec<_> = fs::read_dir(parent)
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(beside, ["out"], "nothing is left beside the folder");
}

/// Regression: `--out file/sub` where `file` is a file failed with exit 1.
#[test]
fn an_output_folder_under_a_file_is_refused_with_exit_2() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("file");
    fs::write(&file, "mine").unwrap();
    let out = file.join("sub");
    let stderr = stderr_of(&["run", TOMELILLA, "--out", out.to_str().unwrap()], 2);
    assert!(stderr.contains("which is a file"), "{stderr}");
    assert_eq!(fs::read_to_string(&file).unwrap(), "mine");
}

/// Tomelilla's file with the line starting `key =` set to `value`, written in a temporary
/// folder; returns the folder and the file's path.
fn tomelilla_with(key: &str, value: &str) -> (tempfile::TempDir, String) {
    let text = fs::read_to_string(TOMELILLA).unwrap();
    let prefix = format!("{key} = ");
    let edited: Vec<String> = (text.lines())
        .map(|line| match line.starts_with(&prefix) {
            true => format!("{prefix}{value}"),
            false => line.to_string(),
        })
        .collect();
    assert!(edited.iter().any(|l| l == &format!("{prefix}{value}")));
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("edited.toml");
    fs::write(&path, edited.join("\n")).unwrap();
    (dir, path.to_str().unwrap().to_string())
}

/// Regression: TOML type errors said "expected i64" and printed 1e300 as 301 digits.
#[test]
fn a_value_of_the_wrong_type_is_refused_in_words_with_its_number_short() {
    let (_dir, file) = tomelilla_with("years", "1e300");
    let stderr = stderr_of(&["validate", &file], 2);
    assert!(
        stderr.contains("invalid type: floating point `1e300`, expected a whole number"),
        "{stderr}"
    );
    assert!(
        !stderr.contains("i64") && !stderr.contains("0000000000"),
        "{stderr}"
    );
    let (_dir, file) = tomelilla_with("years", "\"ten\"");
    let stderr = stderr_of(&["validate", &file], 2);
    assert!(stderr.contains("expected a whole number"), "{stderr}");
}

/// Regression: a `--set` of 1e297 was echoed as a 298-digit number.
#[test]
fn a_huge_set_value_is_shown_short() {
    let args = [
        "sweep",
        TOMELILLA,
        "--set",
        "unit.frame=1e297",
        "--paths",
        "100",
    ];
    let stderr = stderr_of(&args, 2);
    assert!(stderr.contains("--set unit.frame=1e297:"), "{stderr}");
    assert!(
        !stderr.contains("inf") && !stderr.contains("0000000000"),
        "{stderr}"
    );
}

/// A scenario has at most 200 units and 50 designs: what `chart` reads back of a run.
#[test]
fn a_scenario_with_more_units_than_a_run_may_report_is_refused_by_count() {
    let mut text = fs::read_to_string(TOMELILLA).unwrap();
    for i in 0..200 {
        text += &format!("\n[[unit]]\nid = \"extra{i}\"\nname = \"Extra {i}\"\nframe = 10\n");
        text += "ordinary_result = { mean = 0, sd = 1, correlation = 0 }\n";
    }
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("many.toml");
    fs::write(&file, text).unwrap();
    let stderr = stderr_of(&["validate", file.to_str().unwrap()], 2);
    assert!(
        stderr.contains("unit: 201 entries are too many; expected at most 200"),
        "{stderr}"
    );
}

/// A child process killed when dropped.
struct Killed(std::process::Child);

impl Drop for Killed {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// Regression: `validate` ignored Ctrl-C and SIGTERM. A named pipe holds it in the reading for
/// as long as the test likes; each signal ends it at once with exit code 130.
#[test]
fn validate_stops_at_an_interrupt_while_reading() {
    let dir = tempfile::tempdir().unwrap();
    let pipe = dir.path().join("scenario.toml");
    let made = Process::new("mkfifo").arg(&pipe).status().unwrap();
    assert!(made.success());
    for signal in ["-INT", "-TERM"] {
        let child = Process::new(assert_cmd::cargo::cargo_bin("sifsim"))
            .arg("validate")
            .arg(&pipe)
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        // Killed when the test fails, rather than left waiting on the pipe.
        let mut child = Killed(child);
        let child = &mut child.0;
        std::thread::sleep(Duration::from_millis(300));
        let pid = child.id().to_string();
        assert!(
            Process::new("kill")
                .args([signal, &pid])
                .status()
                .unwrap()
                .success()
        );
        let asked = Instant::now();
        let status = loop {
            if let Some(status) = child.try_wait().unwrap() {
                break status;
            }
            assert!(
                asked.elapsed() < Duration::from_secs(10),
                "{signal} was ignored"
            );
            std::thread::sleep(Duration::from_millis(20));
        };
        assert_eq!(status.code(), Some(130), "{signal}");
    }
}

/// Regression: `run` wrote values `chart` then refused as edited. One set of bounds: what the
/// door lets in (every amount at most 10 000 000 mnkr) and the run writes (every figure within
/// ±2 000 000 000, else exit 2 and nothing written), `chart` reads back.
#[test]
fn what_run_writes_at_the_largest_amounts_chart_reads_back() {
    let text = fs::read_to_string(TOMELILLA).unwrap();
    let largest: Vec<String> = (text.lines())
        .map(|line| {
            let key = ["frame = ", "fund.initial = ", "total_budget = "]
                .into_iter()
                .find(|key| line.starts_with(key));
            match key {
                Some(key) => format!("{key}10000000"),
                None => line.to_string(),
            }
        })
        .collect();
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("largest.toml");
    fs::write(&file, largest.join("\n")).unwrap();
    let run = sifsim_run(&file, 300, &["--quiet"]);
    let summary = fs::read_to_string(run.out().join("summary.json")).unwrap();
    assert!(
        summary.contains("9999"),
        "the run reports the largest balance"
    );
    sifsim().arg("chart").arg(run.out()).assert().success();
}
