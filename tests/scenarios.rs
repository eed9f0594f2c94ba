//! The bundled scenarios: each runs, each value says where it comes from, and the reference
//! page lists exactly the fields the parser accepts.

use std::collections::BTreeSet;
use std::fs;

use sifsim::scenario::Scenario;
use sifsim::simulate::{Unmonitored, simulate};

fn bundled() -> Vec<std::path::PathBuf> {
    let mut files: Vec<_> = fs::read_dir("scenarios")
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
        .collect();
    files.sort();
    files
}

#[test]
fn every_bundled_scenario_validates_and_runs() {
    let files = bundled();
    for name in [
        "boras",
        "orebro",
        "ale",
        "tomelilla",
        "norrkoping",
        "compare",
        "bench",
    ] {
        assert!(
            files.iter().any(|f| f.ends_with(format!("{name}.toml"))),
            "scenarios/{name}.toml missing"
        );
    }
    for file in files {
        let mut scenario = Scenario::load(&file).unwrap_or_else(|e| panic!("{e}"));
        scenario.paths = 200;
        let aggregates = simulate(&scenario, &Unmonitored).unwrap();
        assert_eq!(aggregates.invalid_slot(), None, "{}", file.display());
    }
}

/// Every `key = value` line but names, ids and the opening of a list carries `# source: …` or `# assumption: …`.
#[test]
fn every_scenario_value_says_where_it_comes_from() {
    let mut missing = Vec::new();
    for file in bundled() {
        for (number, line) in fs::read_to_string(&file).unwrap().lines().enumerate() {
            let code = line.split('#').next().unwrap().trim();
            let key = code.split('=').next().unwrap().trim();
            let opens_list = code.ends_with('[');
            let needs_comment = code.contains('=') && !opens_list && !["name", "id"].contains(&key);
            if needs_comment && !line.contains("# source:") && !line.contains("# assumption:") {
                missing.push(format!("{}:{}: {line}", file.display(), number + 1));
            }
        }
    }
    assert!(
        missing.is_empty(),
        "values without a source or assumption:\n{}",
        missing.join("\n")
    );
}

/// A scenario with every table; `{section}` placeholders receive an unknown field.
const ALL_TABLES: &str = r#"
[simulation]
name = "x"
start_year = 2020
years = 5
paths = 10
seed = 1
{simulation}
[municipality]
name = "m"
total_budget = 100
annual_result = { mean = 1 {municipality.annual_result} }
{municipality}
[[unit]]
id = "a"
name = "A"
frame = 10
ordinary_result = { mean = 0 {unit.ordinary_result} }
{unit}
[[project]]
name = "p"
start_year = 2020
lead = "a"
cost = { median = 1 {lognormal} }
cost_overrun = { mean = 0 {normal} }
duration_years = 1
success_probability = 1
planned_savings = { a = 1 }
effect_lag_years = 0
effect_years = 1
effect_size = 1
{project}
[[design]]
name = "d"
model = "dual"
fund.initial = 1
fund.deposits = [
  { kind = "fixed", amount = 1 {deposit.fixed} },
  { kind = "once", amount = 1, year = 2020 {deposit.once} },
  { kind = "share_of_positive_result", share = 0.1 {deposit.share_of_positive_result} },
  { kind = "top_up", target_budget_share = 0.1, max_share_of_result = 0.1 {deposit.top_up} },
  { kind = "replenish", amount = 1, probability = 0.1 {deposit.replenish} },
]
repayment.basis = "realized"
repayment.start_within_years = 1
repayment.horizon_years = 1
approval.require_partner = false
grant.fixed = 1
{design}
{design.fund}
{design.repayment}
{design.approval}
{design.grant}
"#;

const SECTIONS: [&str; 18] = [
    "simulation",
    "municipality",
    "municipality.annual_result",
    "unit",
    "unit.ordinary_result",
    "normal",
    "lognormal",
    "project",
    "design",
    "design.fund",
    "deposit.fixed",
    "deposit.once",
    "deposit.share_of_positive_result",
    "deposit.top_up",
    "deposit.replenish",
    "design.repayment",
    "design.approval",
    "design.grant",
];

/// The fields the parser accepts in `section`, read from its unknown-field error.
fn parser_fields(section: &str) -> BTreeSet<String> {
    let mut text = ALL_TABLES.to_string();
    for other in SECTIONS {
        let field = match (other == section, other) {
            (false, _) => String::new(),
            (
                true,
                "normal" | "lognormal" | "municipality.annual_result" | "unit.ordinary_result",
            ) => ", zzz_unknown = 1".into(),
            (true, s) if s.starts_with("deposit.") => ", zzz_unknown = 1".into(),
            (true, s) if s.starts_with("design.") => {
                format!("{}.zzz_unknown = 1", &s["design.".len()..])
            }
            (true, _) => "zzz_unknown = 1".into(),
        };
        text = text.replace(&format!("{{{other}}}"), &field);
    }
    let error = Scenario::from_bytes("reference.toml".as_ref(), text.as_bytes())
        .unwrap_err()
        .to_string();
    let expected = error
        .split("unknown field `zzz_unknown`")
        .nth(1)
        .unwrap_or_else(|| panic!("{section}: {error}"))
        .lines()
        .next()
        .unwrap();
    expected
        .split('`')
        .skip(1)
        .step_by(2)
        .map(str::to_string)
        .collect()
}

/// The fields `docs/scenario-reference.md` lists under `### \`section\``.
fn documented_fields(reference: &str, section: &str) -> BTreeSet<String> {
    let heading = format!("### `{section}`");
    let body = reference
        .split(&heading)
        .nth(1)
        .unwrap_or_else(|| panic!("no heading {heading}"));
    let body = body.split("\n### ").next().unwrap();
    body.lines()
        .filter_map(|line| line.strip_prefix("| `"))
        .map(|rest| rest.split('`').next().unwrap().to_string())
        .collect()
}

#[test]
fn the_reference_lists_exactly_the_parsers_fields() {
    let reference = fs::read_to_string("docs/scenario-reference.md").unwrap();
    for section in SECTIONS {
        let parser = parser_fields(section);
        assert!(!parser.is_empty(), "{section}");
        assert_eq!(
            documented_fields(&reference, section),
            parser,
            "section {section}"
        );
    }
}
