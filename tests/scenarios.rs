//! The bundled scenarios: each runs, each value says where it comes from, every source it cites
//! is listed in `docs/sources.md`, each real fund reproduces its headline figures, and the
//! reference page lists exactly the fields the parser accepts.

use std::collections::BTreeSet;
use std::fs;
use std::path::Path;

use sifsim::internals::aggregate::{Layout, Total};
use sifsim::internals::simulate::{Unmonitored, simulate};
use sifsim::scenario::Scenario;

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
    let mut expected: Vec<String> = ["compare", "bench"].map(String::from).to_vec();
    for fund in REAL_FUNDS {
        expected.push(fund.to_string());
        expected.push(format!("{fund}-pessimistic"));
    }
    for name in expected {
        assert!(
            files.iter().any(|f| f.ends_with(format!("{name}.toml"))),
            "scenarios/{name}.toml missing"
        );
    }
    for file in files {
        let mut scenario = Scenario::load(&file).unwrap_or_else(|e| panic!("{e}"));
        scenario = scenario.with_futures(Some(2000), None).unwrap();
        let aggregates = simulate(&scenario, &Unmonitored).unwrap();
        assert_eq!(aggregates.invalid_slot(), None, "{}", file.display());
    }
}

/// The real funds; each has `<fund>.toml` ("claims hold") and `<fund>-pessimistic.toml`.
const REAL_FUNDS: [&str; 5] = ["boras", "orebro", "ale", "tomelilla", "norrkoping"];

/// The comment of a scenario line: what follows its first `#`.
fn comment(line: &str) -> Option<&str> {
    line.split_once('#').map(|(_, c)| c)
}

/// The keys of the citations `[key, place]` (or `[key]`) in a comment.
fn cited_keys(comment: &str) -> Vec<String> {
    comment
        .split('[')
        .skip(1)
        .map(|rest| {
            let inside = rest.split(']').next().unwrap();
            inside.split(',').next().unwrap().trim().to_string()
        })
        .collect()
}

/// The keys of `docs/sources.md`: the first column of its table, in backticks.
fn source_keys() -> Vec<String> {
    fs::read_to_string("docs/sources.md")
        .unwrap()
        .lines()
        .filter_map(|line| line.strip_prefix("| `"))
        .map(|rest| rest.split('`').next().unwrap().to_string())
        .collect()
}

/// Every citation names a source of `docs/sources.md`, every `source:` cites one, the sources are
/// listed once each, and no scenario points at a file that is not in the repository.
#[test]
fn every_cited_source_is_listed_in_docs_sources() {
    let keys = source_keys();
    let listed: BTreeSet<_> = keys.iter().cloned().collect();
    assert_eq!(listed.len(), keys.len(), "a source listed twice: {keys:?}");
    let mut problems = Vec::new();
    for file in bundled() {
        for (number, line) in fs::read_to_string(&file).unwrap().lines().enumerate() {
            let Some(comment) = comment(line) else {
                continue;
            };
            let place = format!("{}:{}", file.display(), number + 1);
            for key in cited_keys(comment) {
                if !listed.contains(&key) {
                    problems.push(format!("{place}: [{key}] is not in docs/sources.md"));
                }
            }
            for part in comment.split("source:").skip(1) {
                let claim = part.split("assumption:").next().unwrap();
                if !claim.contains('[') {
                    problems.push(format!("{place}: a source without a citation: {line}"));
                }
            }
            for outside in ["seed 0", "DOMAIN.md", "MODEL.md"] {
                if comment.contains(outside) {
                    problems.push(format!("{place}: cites {outside}, which is not public"));
                }
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// `<fund>-pessimistic.toml` is `<fund>.toml` with other outcome assumptions and nothing else:
/// only the scenario's name, `success_probability`, `effect_size` and `realization_share` differ.
#[test]
fn each_pessimistic_variant_differs_only_in_its_outcome_assumptions() {
    let code = |path: &str| -> Vec<String> {
        fs::read_to_string(path)
            .unwrap()
            .lines()
            .map(|line| line.split('#').next().unwrap().trim().to_string())
            .filter(|code| !code.is_empty())
            .collect()
    };
    for fund in REAL_FUNDS {
        let base = code(&format!("scenarios/{fund}.toml"));
        let variant = code(&format!("scenarios/{fund}-pessimistic.toml"));
        assert_eq!(base.len(), variant.len(), "{fund}");
        let mut outcome_lines = 0;
        for (number, (a, b)) in base.iter().zip(&variant).enumerate() {
            if a == b {
                continue;
            }
            let key = a.split('=').next().unwrap().trim();
            assert_eq!(
                key,
                b.split('=').next().unwrap().trim(),
                "{fund}: {a} / {b}"
            );
            match key {
                "success_probability" | "effect_size" | "realization_share" => outcome_lines += 1,
                "name" if number == 1 => {}
                _ => panic!("{fund}: the variants differ in {a} / {b}"),
            }
        }
        assert!(
            outcome_lines > 0,
            "{fund}: the variants assume the same outcomes"
        );
        let (base, variant) = (load(fund), load(&format!("{fund}-pessimistic")));
        assert_ne!(
            base.name(),
            variant.name(),
            "{fund}: both variants would write one folder"
        );
    }
}

fn load(name: &str) -> Scenario {
    Scenario::load(Path::new(&format!("scenarios/{name}.toml"))).unwrap_or_else(|e| panic!("{e}"))
}

/// A `# headline: quantity in "design" = value ± tolerance [citation]` line of a scenario: a figure
/// of the real fund that the run must reproduce, within the stated tolerance. Quantities:
/// `set_aside` (initial capital and mean deposits, mnkr), `approved` (mean count), `paid_out`
/// (mean payouts in the window and after it, nominal mnkr) and `years = first..last` (the start
/// year and the last year the design takes applications).
struct Headline {
    quantity: String,
    design: String,
    value: f64,
    tolerance: f64,
    last: f64,
}

fn headlines(text: &str) -> Vec<Headline> {
    text.lines()
        .filter_map(|line| line.strip_prefix("# headline:"))
        .map(|rest| {
            let (left, right) = rest.split_once('=').unwrap();
            let (quantity, design) = left.trim().split_once(" in ").unwrap();
            let design = design.trim_matches('"').to_string();
            let figure = right.split(" [").next().unwrap().trim();
            let number = |s: &str| {
                s.trim()
                    .parse::<f64>()
                    .unwrap_or_else(|e| panic!("{s}: {e}"))
            };
            let (value, tolerance, last) = if let Some((first, last)) = figure.split_once("..") {
                (number(first), 0.0, number(last))
            } else {
                let (value, tolerance) = figure.split_once('±').unwrap();
                (number(value), number(tolerance), f64::NAN)
            };
            Headline {
                quantity: quantity.trim().to_string(),
                design,
                value,
                tolerance,
                last,
            }
        })
        .collect()
}

/// Runs both variants of `fund` at 2 000 paths and checks every headline the files state.
fn check_headlines(fund: &str) {
    for name in [fund.to_string(), format!("{fund}-pessimistic")] {
        let text = fs::read_to_string(format!("scenarios/{name}.toml")).unwrap();
        let lines = headlines(&text);
        assert!(!lines.is_empty(), "{name}: no headline to check");
        let mut scenario = load(&name);
        scenario = scenario.with_futures(Some(2000), None).unwrap();
        let aggregates = simulate(&scenario, &Unmonitored).unwrap();
        let layout = Layout::of(&scenario);
        for line in lines {
            let d = scenario
                .designs()
                .iter()
                .position(|design| design.name == line.design)
                .unwrap_or_else(|| panic!("{name}: no design {}", line.design));
            let mean = |stat| aggregates.mean(layout.total(d, stat));
            let actual = match line.quantity.as_str() {
                "set_aside" => scenario.designs()[d].initial + mean(Total::Deposits),
                "approved" => mean(Total::Approved),
                "paid_out" => mean(Total::Payouts) + mean(Total::AfterPayouts),
                "years" => {
                    let last_year = scenario.start_year() + scenario.years() as i64 - 1;
                    let last = scenario.designs()[d]
                        .approval
                        .last_year
                        .unwrap_or(last_year);
                    assert_eq!(
                        (scenario.start_year() as f64, last.min(last_year) as f64),
                        (line.value, line.last),
                        "{name}: years of {}",
                        line.design
                    );
                    continue;
                }
                other => panic!("{name}: unknown headline quantity {other}"),
            };
            assert!(
                (actual - line.value).abs() <= line.tolerance + 1e-9,
                "{name}: {} in {} is {actual:.3}, the source says {} ± {}",
                line.quantity,
                line.design,
                line.value,
                line.tolerance
            );
        }
    }
}

#[test]
fn boras_reproduces_its_six_projects_and_20_mnkr() {
    check_headlines("boras");
}

#[test]
fn orebro_reproduces_100_mnkr_ten_investments_and_2013_to_2022() {
    check_headlines("orebro");
}

#[test]
fn ale_reproduces_its_10_mnkr_and_years() {
    check_headlines("ale");
}

#[test]
fn tomelilla_reproduces_its_10_mnkr_and_years() {
    check_headlines("tomelilla");
}

#[test]
fn norrkoping_reproduces_40_mnkr_eight_investments_and_45_mnkr() {
    check_headlines("norrkoping");
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
[outcomes]
correlation = 0.1
{outcomes}
[[evaluation]]
name = "e"
like = "p"
succeeded = 1
failed = 0
{evaluation}
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

const SECTIONS: [&str; 20] = [
    "simulation",
    "municipality",
    "municipality.annual_result",
    "unit",
    "unit.ordinary_result",
    "outcomes",
    "evaluation",
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
