//! Charts: every one is drawn for the teaching scenario, in SVG and PNG, and shows the data.

use std::fs;

use assert_cmd::Command;

mod common;

use common::{ACCENTED, Run, compare_renamed, in_subtitle, one_chart_each, sifsim_run, svgs};

const DESIGNS: [&str; 4] = [
    "Budget",
    "Återföring utan golv",
    "Örebros regel",
    "Dubbelmodell",
];
const STEMS: [&str; 5] = ["fund", "burden", "burden-share", "flows", "result"];
/// Charts of every design side by side.
const SHARED: [&str; 4] = ["depletion", "designs", "burden-by-design", "tipped"];
const DESIGN_SLUGS: [&str; 4] = [
    "budget",
    "aterforing-utan-golv",
    "orebros-regel",
    "dubbelmodell",
];

fn run_in(lang: &str) -> Run {
    sifsim_run("scenarios/compare.toml", 2000, &["--quiet", "--lang", lang])
}

fn chart_names() -> Vec<String> {
    let mut names: Vec<String> = SHARED.iter().map(|s| s.to_string()).collect();
    for stem in STEMS {
        names.extend(DESIGN_SLUGS.iter().map(|d| format!("{stem}-{d}")));
    }
    names
}

/// The `points` of the first polyline drawn with `stroke-width="3"` through more than two
/// points (a median line; the legend's swatches have two).
fn first_thick_polyline(svg: &str) -> Vec<(f64, f64)> {
    let document = roxmltree::Document::parse(svg).unwrap();
    document
        .descendants()
        .filter(|n| n.has_tag_name("polyline") && n.attribute("stroke-width") == Some("3"))
        .map(|line| {
            line.attribute("points")
                .unwrap()
                .split_whitespace()
                .map(|p| {
                    let (x, y) = p.split_once(',').unwrap();
                    (x.parse().unwrap(), y.parse().unwrap())
                })
                .collect::<Vec<(f64, f64)>>()
        })
        .find(|points| points.len() > 2)
        .expect("a median line")
}

#[test]
fn every_chart_is_drawn_as_svg_and_png_and_shows_its_data() {
    let run = run_in("sv");
    let out = run.out();
    let charts = out.join("charts");
    for name in chart_names() {
        let svg = fs::read_to_string(charts.join(format!("{name}.svg"))).unwrap();
        let document =
            roxmltree::Document::parse(&svg).unwrap_or_else(|e| panic!("{name}.svg: {e}"));
        let text: String = document.descendants().filter_map(|n| n.text()).collect();
        assert!(
            text.contains("Jämförelse av fondmodeller"),
            "{name}: no scenario in {text}"
        );
        assert!(
            text.contains("2\u{a0}000 simuleringar, slumptalsfrö 2025"),
            "{name}: no paths and seed"
        );
        if SHARED.contains(&name.as_str()) {
            for design in DESIGNS {
                assert!(text.contains(design), "{name}: no {design}");
            }
        }
        let png = fs::read(charts.join(format!("{name}.png"))).unwrap();
        let png = resvg::tiny_skia::Pixmap::decode_png(&png).unwrap();
        assert_eq!((png.width(), png.height()), (1200, 800), "{name}");
        let colours: std::collections::HashSet<_> = png
            .pixels()
            .iter()
            .map(|p| (p.red(), p.green(), p.blue(), p.alpha()))
            .collect();
        assert!(
            colours.len() > 20,
            "{name}.png looks blank ({} colours)",
            colours.len()
        );
    }
    let fund = fs::read_to_string(charts.join("fund-orebros-regel.svg")).unwrap();
    for label in [
        "Median",
        "Medelvärde",
        "25–75\u{a0}%",
        "5–95\u{a0}%",
        "Startkapital",
        "Målnivå",
        "2030",
    ] {
        assert!(fund.contains(label), "fund chart lacks {label}");
    }
    // Grant money that lapses is an outflow only a dual design has.
    let flows =
        |design: &str| fs::read_to_string(charts.join(format!("flows-{design}.svg"))).unwrap();
    assert!(flows("dubbelmodell").contains("Outnyttjade medel som återgår"));
    assert!(!flows("orebros-regel").contains("Outnyttjade medel som återgår"));
}

/// The fund chart's median line is fund.csv's `cash_p50`: pixel x is affine in the year and
/// pixel y affine (falling) in the value, to within a pixel.
#[test]
fn the_plotted_median_is_the_median_in_fund_csv() {
    let run = run_in("sv");
    let out = run.out();
    let svg = fs::read_to_string(out.join("charts/fund-orebros-regel.svg")).unwrap();
    let points = first_thick_polyline(&svg);
    let mut reader = csv::Reader::from_path(out.join("fund.csv")).unwrap();
    let headers = reader.headers().unwrap().clone();
    let column = |name: &str| headers.iter().position(|h| h == name).unwrap();
    let (design, year, median) = (column("design"), column("year"), column("cash_p50"));
    let rows: Vec<(f64, f64)> = reader
        .records()
        .map(|r| r.unwrap())
        .filter(|r| &r[design] == "Örebros regel")
        .map(|r| (r[year].parse().unwrap(), r[median].parse().unwrap()))
        .collect();
    assert_eq!(points.len(), rows.len());
    let (first, last) = (0, rows.len() - 1);
    let low = (0..rows.len())
        .min_by(|&a, &b| rows[a].1.total_cmp(&rows[b].1))
        .unwrap();
    let high = (0..rows.len())
        .max_by(|&a, &b| rows[a].1.total_cmp(&rows[b].1))
        .unwrap();
    let x_scale = (points[last].0 - points[first].0) / (rows[last].0 - rows[first].0);
    let y_scale = (points[high].1 - points[low].1) / (rows[high].1 - rows[low].1);
    assert!(y_scale < 0.0, "higher values are drawn higher up");
    assert_eq!(points.len(), rows.len(), "a point per year");
    for ((px, py), (year, value)) in points.iter().zip(&rows) {
        let expected_x = points[first].0 + (year - rows[first].0) * x_scale;
        let expected_y = points[low].1 + (value - rows[low].1) * y_scale;
        assert!(
            (px - expected_x).abs() <= 1.0,
            "year {year}: x {px} vs {expected_x}"
        );
        assert!(
            (py - expected_y).abs() <= 1.0,
            "year {year}: y {py} vs {expected_y}"
        );
    }
}

#[test]
fn chart_redraws_from_the_files_and_speaks_english_on_request() {
    let run = run_in("en");
    let out = run.out();
    let english = fs::read(out.join("charts/designs.svg")).unwrap();
    Command::cargo_bin("sifsim")
        .unwrap()
        .arg("chart")
        .arg(out)
        .assert()
        .success();
    let swedish = fs::read_to_string(out.join("charts/designs.svg")).unwrap();
    assert!(swedish.contains("Fondens saldo per alternativ"));
    Command::cargo_bin("sifsim")
        .unwrap()
        .args(["chart", "--lang", "en"])
        .arg(out)
        .assert()
        .success();
    assert_eq!(fs::read(out.join("charts/designs.svg")).unwrap(), english);
    assert!(
        String::from_utf8(english)
            .unwrap()
            .contains("Fund balance by design")
    );
}

#[test]
fn chart_on_a_folder_without_results_says_so() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("notes.txt"), "notes").unwrap();
    let assert = Command::cargo_bin("sifsim")
        .unwrap()
        .arg("chart")
        .arg(dir.path())
        .assert()
        .code(2);
    let stderr = String::from_utf8(assert.get_output().stderr.clone()).unwrap();
    assert!(stderr.contains("was not written by sifsim"), "{stderr}");
}

/// Designs named alike but for accents and case wrote one `fund-orebros-regel.*` over another
/// (16 chart files instead of 46).
#[test]
fn designs_differing_only_by_accents_get_their_own_charts() {
    let dir = tempfile::tempdir().unwrap();
    let run = sifsim_run(compare_renamed(dir.path(), ACCENTED), 200, &["--quiet"]);
    let charts = run.out().join("charts");
    assert_eq!(
        fs::read_dir(&charts).unwrap().count(),
        2 * (SHARED.len() + 4 * STEMS.len())
    );
    for stem in STEMS {
        let prefix = format!("{stem}-orebros-regel");
        one_chart_each(&svgs(&charts, &prefix), &ACCENTED, in_subtitle);
    }
}

/// A design named "By design" wrote its burden chart over the all-designs one.
#[test]
fn a_design_named_by_design_does_not_overwrite_the_all_designs_chart() {
    let dir = tempfile::tempdir().unwrap();
    let designs = [
        "Budget",
        "Återföring utan golv",
        "Örebros regel",
        "By design",
    ];
    let run = sifsim_run(compare_renamed(dir.path(), designs), 200, &["--quiet"]);
    let charts = run.out().join("charts");
    assert_eq!(
        fs::read_dir(&charts).unwrap().count(),
        2 * (SHARED.len() + 4 * STEMS.len())
    );
    let all = fs::read_to_string(charts.join("burden-by-design.svg")).unwrap();
    assert!(
        designs.iter().all(|d| all.contains(d)),
        "not the all-designs chart"
    );
    let own = svgs(&charts, "burden-by-design-");
    one_chart_each(&own, &["By design"], in_subtitle);
}

/// Tick labels were about 4 pt when a chart was printed across an A4 page's text width.
#[test]
fn no_chart_text_is_smaller_than_8_pt_in_print() {
    let run = run_in("sv");
    let out = run.out();
    // A chart 1200 px wide printed across the A4 text column, about 480 pt: 2.5 px a point.
    let smallest_px = 8.0 * 1200.0 / 480.0;
    let mut checked = 0;
    for entry in fs::read_dir(out.join("charts")).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_none_or(|e| e != "svg") {
            continue;
        }
        let svg = fs::read_to_string(&path).unwrap();
        let document = roxmltree::Document::parse(&svg).unwrap();
        for node in document.descendants().filter(|n| n.has_tag_name("text")) {
            let size: f64 = node.attribute("font-size").unwrap().parse().unwrap();
            assert!(
                size >= smallest_px,
                "{}: {:?} at {size} px",
                path.display(),
                node.text()
            );
            checked += 1;
        }
    }
    assert!(checked > 100, "only {checked} texts");
}

/// A design drawn exactly on another is named in the legend: in Örebro's fund "Utan golv"
/// never turns an application down where "Örebros regel" does not, so its depletion lines lie
/// under Örebro's rule's.
#[test]
fn a_line_drawn_exactly_on_another_says_so_in_the_legend() {
    let run = sifsim_run("scenarios/orebro.toml", 500, &["--quiet"]);
    let svg = fs::read_to_string(run.out().join("charts/depletion.svg")).unwrap();
    assert!(svg.contains("Utan golv (= Örebros regel)"), "{svg}");
    assert!(!svg.contains("Golv på varje delbetalning (="));
}
