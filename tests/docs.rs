//! The figures the README and `docs/scenarios.md` quote are the figures sifsim prints: each
//! quoted command is run again and its output compared, so a change to the model or its random
//! streams cannot leave a stale number behind in what a reader is told.

use std::fs;
use std::path::Path;

use assert_cmd::Command;

/// Each ```sh block of `text` that a ```text block follows: (its first command without its
/// comment, the expected lines).
fn quoted_commands(text: &str) -> Vec<(String, Vec<String>)> {
    let blocks: Vec<(&str, &str)> = text
        .split("```")
        .skip(1)
        .step_by(2)
        .filter_map(|block| block.split_once('\n'))
        .collect();
    blocks
        .windows(2)
        .filter(|pair| pair[0].0 == "sh" && pair[1].0 == "text")
        .map(|pair| {
            let joined = pair[0].1.replace("\\\n", " ");
            let first = joined.lines().next().unwrap_or_default();
            let command = first.split(" #").next().unwrap().trim().to_owned();
            (command, pair[1].1.lines().map(str::to_owned).collect())
        })
        .collect()
}

/// Splits a command line at spaces outside double quotes.
fn words(command: &str) -> Vec<String> {
    let mut words = vec![String::new()];
    let mut quoted = false;
    for c in command.chars() {
        match c {
            '"' => quoted = !quoted,
            ' ' if !quoted => words.push(String::new()),
            _ => words.last_mut().unwrap().push(c),
        }
    }
    words.retain(|word| !word.is_empty());
    words
}

/// Runs a README command (`cargo run --release -- ARGS`) with its output folder in `out`.
fn output_of(command: &str, out: &Path) -> Vec<String> {
    let args = words(command.trim_start_matches("cargo run --release -- "));
    let mut sifsim = Command::cargo_bin("sifsim").unwrap();
    sifsim.args(&args);
    if matches!(args[0].as_str(), "run" | "sweep" | "tune") {
        sifsim.arg("--out").arg(out);
    }
    let output = sifsim.output().unwrap();
    assert!(output.status.success(), "`{command}` failed: {output:?}");
    String::from_utf8(output.stdout)
        .unwrap()
        .lines()
        .map(|line| line.trim_end().to_owned())
        .collect()
}

/// True when the parts of `expected` between its `…` lines occur in `actual`, each as
/// consecutive lines and in order. A no-break space counts as a space: a README may have either.
fn shows(expected: &[String], actual: &[String]) -> bool {
    let plain = |lines: &[String]| -> Vec<String> {
        lines
            .iter()
            .map(|line| line.replace('\u{a0}', " "))
            .collect()
    };
    let (expected, actual) = (plain(expected), plain(actual));
    let mut from = 0;
    expected.split(|line| line == "…").all(|part| {
        let found = (from..=actual.len().saturating_sub(part.len()))
            .find(|&at| actual[at..].starts_with(part));
        found.inspect(|at| from = at + part.len()).is_some()
    })
}

#[test]
fn every_output_the_readme_quotes_is_what_its_command_prints() {
    let readme = fs::read_to_string("README.md").unwrap();
    let quoted = quoted_commands(&readme);
    assert!(
        quoted.len() >= 4,
        "run, sweep, threshold and explain blocks"
    );
    for (command, expected) in quoted {
        let dir = tempfile::tempdir().unwrap();
        let actual = output_of(&command, &dir.path().join("out"));
        assert!(
            shows(&expected, &actual),
            "README quotes for `{command}`:\n{}\nbut it prints:\n{}",
            expected.join("\n"),
            actual.join("\n")
        );
    }
}

#[test]
fn shows_needs_each_part_in_order_and_whole() {
    let lines = |text: &str| text.lines().map(str::to_owned).collect::<Vec<_>>();
    let actual = lines("a\nb\nc\nd");
    assert!(shows(&lines("a\nb\n…\nd"), &actual));
    assert!(
        !shows(&lines("a\nc"), &actual),
        "a and c are not consecutive"
    );
    assert!(!shows(&lines("c\n…\na"), &actual), "out of order");
    assert!(!shows(&lines("a\nb\nc\nd\ne"), &actual));
}

/// `summary.json` of a bundled scenario at its own paths and seed.
fn summary(file: &str, dir: &Path) -> serde_json::Value {
    let output = Command::cargo_bin("sifsim")
        .unwrap()
        .args(["run", &format!("scenarios/{file}.toml"), "--json", "--out"])
        .arg(dir.join(file))
        .output()
        .unwrap();
    assert!(output.status.success(), "{file}: {output:?}");
    serde_json::from_slice(&output.stdout).unwrap()
}

/// "+10.2 mnkr, 99.5 %": a design's median lifetime net saving and the chance it is above 0.
fn lifetime_cell(summary: &serde_json::Value, design: &str, figure: &str) -> String {
    let designs = summary["designs"].as_array().unwrap();
    let found = designs.iter().find(|d| d["name"] == design);
    let design = found.unwrap_or_else(|| panic!("no design {design:?}"));
    let median = design[figure]["p50"].as_f64().unwrap();
    let chance = design[format!("p_{figure}_positive")].as_f64().unwrap();
    let sign = if median < 0.0 { '−' } else { '+' };
    format!("{sign}{:.1} mnkr, {:.1} %", median.abs(), 100.0 * chance)
}

#[test]
fn the_bundled_funds_table_is_what_fresh_runs_show() {
    let text = fs::read_to_string("docs/scenarios.md").unwrap();
    let rows: Vec<Vec<&str>> = text
        .lines()
        .filter(|line| line.starts_with("| ") && line.contains("(`"))
        .map(|line| line.trim_matches('|').split(" | ").map(str::trim).collect())
        .collect();
    assert!(rows.len() >= 7, "a row per real fund and design");
    let dir = tempfile::tempdir().unwrap();
    for row in rows {
        let file = row[0].split('`').nth(1).unwrap();
        let hold = summary(file, dir.path());
        let typical = summary(&format!("{file}-pessimistic"), dir.path());
        // Both net figures of MODEL.md 7.1, under each outcome assumption.
        let expected = [
            lifetime_cell(&hold, row[1], "net_saving_lifetime"),
            lifetime_cell(&hold, row[1], "budget_effect_lifetime"),
            lifetime_cell(&typical, row[1], "net_saving_lifetime"),
            lifetime_cell(&typical, row[1], "budget_effect_lifetime"),
        ];
        assert_eq!(row[2..6], expected, "docs/scenarios.md, {file}, {}", row[1]);
    }
}
