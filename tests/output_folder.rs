//! Output folders: sifsim only ever replaces what it wrote, and an interrupt in any phase
//! leaves the earlier results byte-identical.

use std::collections::BTreeMap;
use std::fs;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Command as Process, Stdio};

use std::sync::atomic::{AtomicBool, Ordering};

use assert_cmd::Command;
use sifsim::internals::simulate::{Monitor, Phase};
use sifsim::jobs::{Options, RunRequest, run};
use sifsim::{Error, Simulator};

fn sifsim() -> Command {
    Command::cargo_bin("sifsim").unwrap()
}

/// `sifsim run scenarios/compare.toml` with few paths into `out`, with more arguments.
fn run_into(out: &Path, more: &[&str]) -> assert_cmd::assert::Assert {
    sifsim()
        .args(["run", "scenarios/compare.toml", "--paths", "300", "--quiet"])
        .args(more)
        .arg("--out")
        .arg(out)
        .assert()
}

/// Every file under `dir` (symlinks not followed) with its bytes.
fn snapshot(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    let mut files = BTreeMap::new();
    let mut pending = vec![dir.to_owned()];
    while let Some(folder) = pending.pop() {
        for entry in fs::read_dir(&folder).unwrap() {
            let path = entry.unwrap().path();
            let meta = fs::symlink_metadata(&path).unwrap();
            if meta.is_dir() {
                pending.push(path);
            } else if meta.is_symlink() {
                files.insert(
                    path.clone(),
                    fs::read_link(&path)
                        .unwrap()
                        .into_os_string()
                        .into_encoded_bytes(),
                );
            } else {
                files.insert(path.clone(), fs::read(&path).unwrap());
            }
        }
    }
    files
}

fn stderr_of(assert: &assert_cmd::assert::Assert) -> String {
    String::from_utf8_lossy(&assert.get_output().stderr).into_owned()
}

#[test]
fn out_at_the_folder_holding_the_scenario_is_refused_and_nothing_is_touched() {
    let dir = tempfile::tempdir().unwrap();
    let mydata = dir.path().join("mydata");
    fs::create_dir(&mydata).unwrap();
    fs::copy("scenarios/compare.toml", mydata.join("scen.toml")).unwrap();
    fs::write(mydata.join("notes.txt"), "my notes").unwrap();
    let before = snapshot(dir.path());
    let assert = sifsim()
        .arg("run")
        .arg(mydata.join("scen.toml"))
        .args(["--paths", "100", "--out"])
        .arg(&mydata)
        .assert()
        .code(2);
    let stderr = stderr_of(&assert);
    assert!(stderr.contains("was not written by sifsim"), "{stderr}");
    assert!(stderr.contains("--out"), "{stderr}");
    assert_eq!(snapshot(dir.path()), before);
}

#[test]
fn out_at_a_copy_of_the_bundled_scenarios_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let copy = dir.path().join("scenarios");
    fs::create_dir(&copy).unwrap();
    for name in ["compare.toml", "ale.toml", "boras.toml"] {
        fs::copy(Path::new("scenarios").join(name), copy.join(name)).unwrap();
    }
    let before = snapshot(dir.path());
    run_into(&copy, &[]).code(2);
    assert_eq!(snapshot(dir.path()), before);
}

#[test]
fn out_at_a_file_is_refused_and_the_file_kept() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("results");
    fs::write(&file, "a user's file").unwrap();
    let before = snapshot(dir.path());
    let stderr = stderr_of(&run_into(&file, &[]).code(2));
    assert!(stderr.contains("is a file"), "{stderr}");
    assert_eq!(snapshot(dir.path()), before);
}

#[cfg(unix)]
#[test]
fn out_at_a_symlink_is_refused_and_the_link_kept() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("elsewhere");
    fs::create_dir(&target).unwrap();
    let link = dir.path().join("results");
    std::os::unix::fs::symlink(&target, &link).unwrap();
    let before = snapshot(dir.path());
    let stderr = stderr_of(&run_into(&link, &[]).code(2));
    assert!(stderr.contains("symbolic link"), "{stderr}");
    assert_eq!(snapshot(dir.path()), before);
}

#[test]
fn out_without_a_folder_name_is_refused() {
    for out in ["/", ".", ".."] {
        let stderr = stderr_of(&run_into(Path::new(out), &[]).code(2));
        assert!(stderr.contains("names no folder"), "{out}: {stderr}");
    }
}

#[test]
fn a_rerun_replaces_its_own_folder_and_an_empty_folder_is_used() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    fs::create_dir(&out).unwrap();
    run_into(&out, &[]).success();
    let manifest: serde_json::Value =
        serde_json::from_slice(&fs::read(out.join("sifsim-manifest.json")).unwrap()).unwrap();
    assert_eq!(manifest["provenance"]["job"], "run");
    assert_eq!(manifest["provenance"]["paths"], 300);
    assert!(
        manifest["files"]["fund.csv"]["sha256"]
            .as_str()
            .unwrap()
            .len()
            == 64
    );
    run_into(&out, &["--seed", "5"]).success();
    let summary: serde_json::Value =
        serde_json::from_slice(&fs::read(out.join("summary.json")).unwrap()).unwrap();
    assert_eq!(summary["seed"], 5);
}

#[test]
fn a_file_added_to_an_output_folder_is_kept_and_the_run_refused() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    run_into(&out, &[]).success();
    fs::write(out.join("charts").join("my-notes.txt"), "notes").unwrap();
    let before = snapshot(dir.path());
    let stderr = stderr_of(&run_into(&out, &[]).code(2));
    assert!(stderr.contains("my-notes.txt"), "{stderr}");
    assert!(stderr.contains("sifsim did not write"), "{stderr}");
    assert_eq!(snapshot(dir.path()), before);
}

#[test]
fn an_edited_output_file_is_neither_replaced_nor_read() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    run_into(&out, &[]).success();
    let fund = fs::read_to_string(out.join("fund.csv")).unwrap();
    fs::write(out.join("fund.csv"), fund.replacen("Budget", "Mine", 1)).unwrap();
    let before = snapshot(dir.path());
    let stderr = stderr_of(&run_into(&out, &[]).code(2));
    assert!(stderr.contains("fund.csv' was changed"), "{stderr}");
    let chart = sifsim().arg("chart").arg(&out).assert().code(2);
    assert!(stderr_of(&chart).contains("fund.csv' was changed"));
    assert_eq!(snapshot(dir.path()), before);
}

#[test]
fn leftovers_of_killed_runs_are_removed_by_the_next_run_to_the_same_place() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    run_into(&out, &[]).success();
    // A staging folder as a killed run leaves it (its manifest is written first), and an old
    // folder as one killed after the new results were in place leaves it (a whole output).
    let partial = dir.path().join(".out.sifsim-partial-4000001");
    fs::create_dir_all(partial.join("charts")).unwrap();
    fs::copy(
        out.join("sifsim-manifest.json"),
        partial.join("sifsim-manifest.json"),
    )
    .unwrap();
    fs::write(partial.join("fund.csv"), "half").unwrap();
    copy_folder(&out, &dir.path().join(".out.sifsim-old-4000002"));
    fs::write(dir.path().join("unrelated.txt"), "kept").unwrap();
    run_into(&out, &[]).success();
    assert_eq!(names(dir.path()), ["out", "unrelated.txt"]);
}

#[test]
fn a_folder_that_only_looks_like_a_leftover_is_kept() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    run_into(&out, &[]).success();
    for mine in [".out.sifsim-old-1", ".out.sifsim-partial-2"] {
        fs::create_dir(dir.path().join(mine)).unwrap();
        fs::write(dir.path().join(mine).join("notes.txt"), "mine").unwrap();
    }
    let before = snapshot(dir.path());
    run_into(&out, &[]).success();
    for mine in [".out.sifsim-old-1", ".out.sifsim-partial-2"] {
        let notes = dir.path().join(mine).join("notes.txt");
        assert_eq!(before.get(&notes), Some(&fs::read(&notes).unwrap()));
    }
}

#[test]
fn previous_results_left_in_an_old_folder_are_moved_back_before_anything_else() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    run_into(&out, &["--xlsx"]).success();
    let before = snapshot(&out);
    // Killed between its two renames, a run leaves the previous results only in the old folder.
    fs::rename(&out, dir.path().join(".out.sifsim-old-4000003")).unwrap();
    let request = RunRequest {
        options: Options {
            scenario: "scenarios/compare.toml".into(),
            paths: Some(200),
            out: Some(out.clone()),
            ..Options::default()
        },
        ..RunRequest::default()
    };
    let monitor = CancelAt {
        phase: Phase::Tables,
        reached: AtomicBool::new(false),
    };
    let simulator = Simulator::new(None, &monitor).unwrap();
    let error = run(&simulator, &request).unwrap_err();
    assert_eq!(error.exit_code(), 130, "{error}");
    let restored: BTreeMap<PathBuf, Vec<u8>> = before
        .keys()
        .map(|path| (path.clone(), fs::read(path).unwrap()))
        .collect();
    assert_eq!(restored, before);
    assert_eq!(names(dir.path()), ["out"]);
}

#[cfg(unix)]
#[test]
fn out_at_a_symlink_written_with_a_trailing_slash_is_refused_before_simulating() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("elsewhere");
    fs::create_dir(&target).unwrap();
    fs::write(target.join("notes.txt"), "mine").unwrap();
    let link = dir.path().join("results");
    std::os::unix::fs::symlink(&target, &link).unwrap();
    let before = snapshot(dir.path());
    for out in [
        format!("{}/", link.display()),
        format!("{}/.", link.display()),
    ] {
        let stderr = stderr_of(&run_into(Path::new(&out), &[]).code(2));
        assert!(stderr.contains("symbolic link"), "{out}: {stderr}");
    }
    assert_eq!(snapshot(dir.path()), before);
}

#[test]
fn a_manifest_naming_a_file_outside_its_folder_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    run_into(&out, &[]).success();
    fs::write(dir.path().join("notes.txt"), "mine").unwrap();
    let path = out.join("sifsim-manifest.json");
    let mut manifest: serde_json::Value =
        serde_json::from_slice(&fs::read(&path).unwrap()).unwrap();
    manifest["files"]["../notes.txt"] = serde_json::json!({ "bytes": 4, "sha256": "0" });
    fs::write(&path, serde_json::to_vec(&manifest).unwrap()).unwrap();
    let before = snapshot(dir.path());
    let stderr = stderr_of(&sifsim().arg("chart").arg(&out).assert().code(2));
    assert!(
        stderr.contains("it lists \"../notes.txt\", which is not a file inside the folder"),
        "{stderr}"
    );
    assert_eq!(snapshot(dir.path()), before);
}

#[test]
fn an_empty_folder_a_user_made_inside_an_output_folder_is_kept() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    run_into(&out, &[]).success();
    fs::create_dir(out.join("mine")).unwrap();
    let stderr = stderr_of(&run_into(&out, &[]).code(2));
    assert!(stderr.contains("mine"), "{stderr}");
    assert!(out.join("mine").is_dir());
}

/// The names in `dir`, sorted.
fn names(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

/// Copies a folder of files and folders.
fn copy_folder(from: &Path, to: &Path) {
    fs::create_dir_all(to).unwrap();
    for entry in fs::read_dir(from).unwrap() {
        let path = entry.unwrap().path();
        let target = to.join(path.file_name().unwrap());
        if path.is_dir() {
            copy_folder(&path, &target);
        } else {
            fs::copy(&path, &target).unwrap();
        }
    }
}

#[test]
fn chart_redraws_a_folder_it_wrote_and_keeps_it_replaceable() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    run_into(&out, &[]).success();
    let fund = fs::read(out.join("fund.csv")).unwrap();
    sifsim()
        .arg("chart")
        .arg(&out)
        .args(["--lang", "en"])
        .assert()
        .success();
    assert_eq!(fs::read(out.join("fund.csv")).unwrap(), fund);
    let manifest: serde_json::Value =
        serde_json::from_slice(&fs::read(out.join("sifsim-manifest.json")).unwrap()).unwrap();
    assert_eq!(manifest["provenance"]["job"], "run");
    run_into(&out, &[]).success();
}

/// Starts `sifsim ARGS --out OUT`, sends SIGINT once it reports `phase` on stderr, and checks
/// that it exits with 130, leaves `out` byte-identical and no staging folder behind.
fn interrupt_during(phase: &str, args: &[&str]) {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    run_into(&out, &["--xlsx"]).success();
    let before = snapshot(dir.path());
    let mut child = Process::new(assert_cmd::cargo::cargo_bin!("sifsim"))
        .args(args)
        .arg("--out")
        .arg(&out)
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(child.stderr.take().unwrap()).lines();
    let mut seen = Vec::new();
    for line in lines.by_ref() {
        let line = line.unwrap();
        seen.push(line.clone());
        if line == format!("{phase}…") {
            let killed = Process::new("kill")
                .args(["-INT", &child.id().to_string()])
                .status()
                .unwrap();
            assert!(killed.success());
            break;
        }
    }
    seen.extend(lines.map(Result::unwrap));
    let status = child.wait().unwrap();
    assert_eq!(status.code(), Some(130), "{phase}: {seen:?}");
    assert!(seen.iter().any(|l| l.contains("interrupted")), "{seen:?}");
    assert_eq!(
        snapshot(dir.path()),
        before,
        "{phase}: the earlier results changed"
    );
}

#[test]
fn an_interrupt_while_simulating_leaves_the_earlier_results() {
    interrupt_during(
        "simulerar",
        &["run", "scenarios/bench.toml", "--paths", "50000000"],
    );
}

/// Cancels the run once it enters `phase`.
struct CancelAt {
    phase: Phase,
    reached: AtomicBool,
}

impl Monitor for CancelAt {
    fn phase(&self, phase: Phase) {
        if phase == self.phase {
            self.reached.store(true, Ordering::Relaxed);
        }
    }

    fn cancelled(&self) -> bool {
        self.reached.load(Ordering::Relaxed)
    }
}

/// The writing phases are too short for a signal from another process to land in them
/// reliably (the signal's path, Ctrl-C → the monitor, is tested while simulating): a monitor
/// cancels the library's run as each begins, and the earlier results stay byte-identical.
#[test]
fn an_interrupt_in_any_writing_phase_leaves_the_earlier_results() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    run_into(&out, &["--xlsx"]).success();
    let before = snapshot(dir.path());
    for phase in [Phase::Tables, Phase::Workbook, Phase::Charts, Phase::Report] {
        let request = RunRequest {
            options: Options {
                scenario: "scenarios/compare.toml".into(),
                paths: Some(200),
                out: Some(out.clone()),
                xlsx: true,
                ..Options::default()
            },
            report: true,
            ..RunRequest::default()
        };
        let monitor = CancelAt {
            phase,
            reached: AtomicBool::new(false),
        };
        let simulator = Simulator::new(None, &monitor).unwrap();
        let error = run(&simulator, &request).unwrap_err();
        assert!(matches!(error, Error::Interrupted(_)), "{phase:?}: {error}");
        assert_eq!(error.exit_code(), 130);
        assert!(
            monitor.reached.load(Ordering::Relaxed),
            "{phase:?} never began"
        );
        assert_eq!(snapshot(dir.path()), before, "{phase:?}");
    }
}
