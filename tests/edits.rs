//! Typed edits: a variant of a scenario is its file with edits written in, validated like the
//! file; a move stops at the edge of the field's allowed range, found by validation alone.

mod common;

use common::Setup;
use sifsim::Error;
use sifsim::internals::edit::{Edit, FieldPath};
use sifsim::internals::sensitivity::Uncertain;
use sifsim::internals::source::{Overrides, Source};

/// One unit, one project type at the edges of several ranges, one design.
const BODY: &str = r#"
[[unit]]
id = "a"
name = "A"
frame = 100

[[project_type]]
name = "P"
arrivals_per_year = 900
lead = "a"
cost = 1
duration_years = 1
success_probability = 0.9
planned_savings = { a = 0.5 }
effect_lag_years = 0
effect_years = 2
effect_size = 1

[[design]]
name = "Budget"
model = "budget"
fund.initial = 10
"#;

fn source() -> Source {
    let setup = Setup {
        annual_result: 20.0,
        ..Setup::default()
    };
    let text = setup.toml(BODY);
    Source::from_bytes("edits.toml".as_ref(), text.as_bytes(), Overrides::default()).unwrap()
}

fn field(keys: &str) -> FieldPath {
    FieldPath::at("project_type", 0, keys)
}

#[test]
fn a_move_stops_exactly_at_the_edge_of_the_allowed_range() {
    let variant = source()
        .variant(&[
            Edit::toward(field("success_probability"), 0.9, 0.9 * 1.25),
            Edit::toward_whole(field("effect_lag_years"), 0, -1),
            Edit::toward(field("arrivals_per_year"), 900.0, 1125.0),
            Edit::toward(field("realization_share"), 1.0, 1.25),
            Edit::toward(
                FieldPath::of("municipality", "annual_result.autocorrelation"),
                0.0,
                2.0,
            ),
        ])
        .unwrap();
    let t = &variant.project_types()[0];
    assert_eq!(t.spec.success_probability, 1.0);
    assert_eq!(t.spec.effect_lag_years, 0);
    assert_eq!(t.arrivals_per_year, 1000.0);
    assert_eq!(t.spec.realization_share, 1.0);
    // Strictly below 1: the largest number below it.
    let phi = variant.municipality().annual_result.autocorrelation;
    assert_eq!(phi, 1.0 - f64::EPSILON / 2.0);
}

#[test]
fn a_move_within_the_range_goes_all_the_way() {
    let variant =
        (source().variant(&[Edit::toward(field("success_probability"), 0.9, 0.45)])).unwrap();
    assert_eq!(variant.project_types()[0].spec.success_probability, 0.45);
}

#[test]
fn a_number_beyond_the_range_is_refused_like_a_written_one() {
    let edit = Edit::number(field("success_probability"), 1.125);
    let error = Error::from(source().variant(&[edit]).unwrap_err());
    assert!(matches!(error, Error::Scenario(_)), "{error}");
    assert_eq!(error.exit_code(), 2);
    let message = format!("{error}");
    assert!(message.contains("success_probability"), "{message}");
}

#[test]
fn a_plain_number_is_replaced_whole_by_a_table_but_not_entered() {
    let cost = Edit::table(field("cost"), vec![("median", 2.0), ("sigma", 0.1)]);
    let variant = source().variant(&[cost]).unwrap();
    let cost = variant.project_types()[0].spec.cost;
    assert_eq!((cost.median, cost.sigma), (2.0, 0.1));
    let edit = Edit::number(field("cost.median"), 2.0);
    let error = Error::from(source().variant(&[edit]).unwrap_err());
    assert!(matches!(error, Error::Edit(_)), "{error}");
    assert!(
        error
            .to_string()
            .contains("cost is written as a plain value")
    );
}

#[test]
fn sensitivity_moves_the_mean_result_but_not_the_last_one() {
    let source = source();
    let base = source.scenario();
    let high = (source.variant(&Uncertain::AnnualResultMean.edits(base, true))).unwrap();
    assert_eq!(high.municipality().annual_result.mean, 25.0);
    assert_eq!(high.municipality().last_result, 20.0);
    assert_eq!(base.municipality().last_result, 20.0);
}

/// A variant's text keeps the file's comments, marks what changed, and reads back as the
/// variant: a number, a word, a removed table and a table created for a new model.
#[test]
fn a_variant_as_text_keeps_the_comments_and_marks_the_changes() {
    let path = std::path::Path::new("scenarios/boras.toml");
    let source = Source::read(path, Overrides::default()).unwrap();
    let design = |i, keys| FieldPath::at("design", i, keys);
    let edits = [
        Edit::number(design(2, "repayment.floor_share"), 0.2),
        Edit::number(FieldPath::of("simulation", "seed"), 7.0),
        Edit {
            field: design(0, "model"),
            value: sifsim::internals::edit::Value::Text("repayment".into()),
        },
        Edit {
            field: design(0, "repayment.basis"),
            value: sifsim::internals::edit::Value::Text("planned".into()),
        },
        Edit::number(design(0, "repayment.start_within_years"), 2.0),
        Edit::number(design(0, "repayment.horizon_years"), 5.0),
        Edit {
            field: design(1, "model"),
            value: sifsim::internals::edit::Value::Text("budget".into()),
        },
        Edit {
            field: design(1, "repayment"),
            value: sifsim::internals::edit::Value::Removed,
        },
        Edit::table(
            FieldPath::of("municipality", "annual_result"),
            vec![("mean", 100.0), ("sd", 50.0), ("autocorrelation", 0.5)],
        ),
    ];
    let text = source.variant_text(&edits).unwrap();
    let original = std::fs::read_to_string(path).unwrap();
    let comments = |t: &str| t.lines().filter(|l| l.contains("# source:")).count();
    // One commented line (the removed repayment's) goes; every other comment is kept.
    assert!(comments(&text) >= comments(&original) - 3, "{text}");
    assert!(
        text.contains("repayment.floor_share = 0.2 # changed, was 0.30      # source:"),
        "{text}"
    );
    assert!(text.contains("seed = 7 # changed, was"), "{text}");
    assert!(
        text.contains("repayment.basis = \"planned\" # added"),
        "{text}"
    );
    let written = Source::from_bytes(path, text.as_bytes(), Overrides::default()).unwrap();
    let variant = source.variant(&edits).unwrap();
    assert_eq!(format!("{:?}", written.scenario()), format!("{variant:?}"));
}
