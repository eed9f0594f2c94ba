//! One-at-a-time sensitivity: every input low and high on the same futures as the base run.

use std::fs;

use assert_cmd::Command;

mod common;

use common::{ACCENTED, compare_renamed, in_subtitle, one_chart_each, sifsim_run, svgs};

#[test]
fn sensitivity_runs_every_input_on_the_base_runs_futures() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("sens");
    let printed = Command::cargo_bin("sifsim")
        .unwrap()
        .args([
            "sensitivity",
            "scenarios/compare.toml",
            "--paths",
            "400",
            "--xlsx",
            "--out",
        ])
        .arg(&out)
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let printed = String::from_utf8(printed).unwrap();
    let run = sifsim_run("scenarios/compare.toml", 400, &["--quiet"]);
    let mut reader = csv::Reader::from_path(out.join("sensitivity.csv")).unwrap();
    let headers = reader.headers().unwrap().clone();
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    // (1 base + 9 inputs × 2) runs × 4 designs.
    assert_eq!(rows.len(), 19 * 4);
    let column = |name: &str| headers.iter().position(|h| h == name).unwrap();
    let (input, level, design, depleted) = (
        column("input"),
        column("level"),
        column("design"),
        column("p_depleted_ever"),
    );
    let find = |i: &str, l: &str, d: &str| {
        rows.iter()
            .find(|r| &r[input] == i && &r[level] == l && &r[design] == d)
            .unwrap()
    };

    // The base rows are the plain run: same seed, same futures.
    let summary: serde_json::Value =
        serde_json::from_slice(&fs::read(run.out().join("summary.json")).unwrap()).unwrap();
    for d in summary["designs"].as_array().unwrap() {
        let name = d["name"].as_str().unwrap();
        let base: f64 = find("base", "base", name)[depleted].parse().unwrap();
        assert_eq!(base, d["p_depleted_ever"].as_f64().unwrap(), "{name}");
    }
    // Overruns are paid by the lead unit, not the fund: its figures do not move.
    for d in ["Budget", "Örebros regel"] {
        let base = find("base", "base", d);
        for l in ["low", "high"] {
            let row = find("cost_overrun.mean", l, d);
            assert_eq!(&row[depleted], &base[depleted]);
            assert_eq!(
                &row[column("final_cash_p50")],
                &base[column("final_cash_p50")]
            );
        }
    }
    // Overruns fall on the project's lead unit and move none of the fund's figures (above), so
    // the same projects are approved on the same futures. Arbetsmarknadsförvaltningen, the unit
    // with the largest burden as written, leads "Väg till arbete": a higher mean overrun adds to
    // what it pays on each of those projects and to nothing it gains, so its burden rises path
    // by path, and so do its median and its chance of a deficit year; a lower one the opposite.
    let (unit, burden, tipped) = (
        column("burden_unit"),
        column("burden_total_p50"),
        column("p_any_year_tipped"),
    );
    for d in [
        "Budget",
        "Återföring utan golv",
        "Örebros regel",
        "Dubbelmodell",
    ] {
        let value = |l: &str, c: usize| -> f64 {
            let row = if l == "base" {
                find("base", "base", d)
            } else {
                find("cost_overrun.mean", l, d)
            };
            assert_eq!(&row[unit], "Arbetsmarknadsförvaltningen", "{d}");
            row[c].parse().unwrap()
        };
        let [low, base, high] = ["low", "base", "high"].map(|l| value(l, burden));
        assert!(low < base && base < high, "{d}: {low} {base} {high}");
        let [low, base, high] = ["low", "base", "high"].map(|l| value(l, tipped));
        assert!(low <= base && base <= high, "{d}: {low} {base} {high}");
        // The terminal table shows the same burden, and says whose it is.
        let note =
            format!("{d}: nettobelastningen är Arbetsmarknadsförvaltningens, nämnden med störst");
        assert!(printed.contains(&note), "{printed}");
        // The design's own table, under its name: the burden stands in its last block.
        let table = printed.split(&format!("{d}\n\n")).nth(1).unwrap();
        let table = table.split(&format!("{d}: ")).next().unwrap();
        let as_written = (table.lines()).rfind(|line| line.starts_with("(som i scenariot)"));
        let shown = format!("{:.1}\u{a0}mnkr", value("base", burden)).replace('.', ",");
        assert!(as_written.unwrap().ends_with(&shown), "{printed}");
    }
    // Dearer projects empty the fund more often.
    let p = |l: &str| -> f64 { find("cost.median", l, "Budget")[depleted].parse().unwrap() };
    assert!(p("low") < p("high"));
    for d in ["budget", "orebros-regel"] {
        let svg = fs::read_to_string(out.join(format!("charts/tornado-{d}.svg"))).unwrap();
        assert!(out.join(format!("charts/tornado-{d}.png")).exists());
        // Regression: bar labels were cut ("Projektkostnad, median,…"); each fits whole.
        assert!(!svg.contains('…'), "a label is cut in tornado-{d}.svg");
        assert!(svg.contains("Projektkostnad") && svg.contains("Undvikta kostnader, netto"));
    }
    // The lifetime net figures of MODEL.md 7.1 are columns of sensitivity.csv.
    let header = fs::read_to_string(out.join("sensitivity.csv")).unwrap();
    let header = header.lines().next().unwrap();
    assert!(
        header.contains("net_saving_lifetime_p50,budget_effect_lifetime_p50"),
        "{header}"
    );
    assert!(fs::metadata(out.join("sensitivity.xlsx")).unwrap().len() > 0);
}

#[test]
fn tornado_charts_of_designs_differing_only_by_accents_do_not_collide() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("sens");
    Command::cargo_bin("sifsim")
        .unwrap()
        .arg("sensitivity")
        .arg(compare_renamed(dir.path(), ACCENTED))
        .args(["--paths", "50", "--out"])
        .arg(&out)
        .assert()
        .success();
    let tornados = svgs(&out.join("charts"), "tornado-orebros-regel");
    one_chart_each(&tornados, &ACCENTED, in_subtitle);
}
