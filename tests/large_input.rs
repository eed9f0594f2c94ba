//! A large scenario file is checked in linear time with a bounded report: at most 50 problems
//! are worded (the rest counted), and a line is quoted once however many problems it holds.

use assert_cmd::Command;

/// Örebro's file with its first project type's partners replaced by `n` unknown units.
fn with_unknown_partners(n: usize) -> String {
    let text = std::fs::read_to_string("scenarios/orebro.toml").unwrap();
    let partners: Vec<String> = (0..n).map(|i| format!("\"p{i}\"")).collect();
    let replaced = text.replacen(
        "partners = [\"social\"]",
        &format!("partners = [{}]", partners.join(", ")),
        1,
    );
    assert_ne!(replaced, text, "the file names its partners as expected");
    replaced
}

/// What `sifsim validate` prints on stderr for a scenario's text.
fn refused(text: &str) -> String {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("large.toml");
    std::fs::write(&file, text).unwrap();
    let output = Command::cargo_bin("sifsim")
        .unwrap()
        .arg("validate")
        .arg(&file)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    String::from_utf8(output.stderr).unwrap()
}

/// Regression: 10 000 partners printed 3.85 MB of problems, each quoting the 100 KB line, and a
/// 1 MB file never finished. The work is compared for n and 4n, not timed: the report of 4n
/// problems is as long as that of n, give or take the digits of the count.
#[test]
fn a_large_scenario_gets_a_bounded_report_of_its_first_problems_and_a_count_of_the_rest() {
    let (n, four) = (
        refused(&with_unknown_partners(5_000)),
        refused(&with_unknown_partners(20_000)),
    );
    assert!(n.starts_with("error: scenario file"), "{n}");
    assert!(n.contains("has 5000 problem(s)"), "{}", &n[..200]);
    assert!(four.contains("has 20000 problem(s)"));
    assert!(four.contains("… and 19950 more problem(s); correct these first"));
    assert_eq!(four.matches("unknown unit").count(), 50);
    // Quoted once: the 100 KB line appears in one snippet, each later problem names its line.
    assert_eq!(four.matches(":83\n").count(), 49, "{}", &four[..2000]);
    assert!(
        four.len() < 10_000 && four.len() <= n.len() + 10,
        "{} against {}",
        four.len(),
        n.len()
    );
}
