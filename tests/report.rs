//! The one-page report: self-contained, and it renders in a real browser (headless Chromium)
//! with every chart and table at a visible size and no console message.

use std::fs;
use std::path::Path;
use std::process::Command as Process;

use assert_cmd::Command;

/// A script that writes each chart's and table's rendered size into the page.
const MEASURE: &str = r#"<script>
window.addEventListener('load', () => {
  const sizes = [...document.querySelectorAll('figure svg, table')].map(e => {
    const r = e.getBoundingClientRect();
    return e.tagName.toLowerCase() + ':' + Math.round(r.width) + 'x' + Math.round(r.height);
  });
  const pre = document.createElement('pre');
  pre.id = 'measured';
  pre.textContent = sizes.join(' ');
  document.body.appendChild(pre);
});
</script></body>"#;

fn chromium() -> Option<&'static str> {
    ["chromium", "chromium-browser"].into_iter().find(|name| {
        Process::new(name)
            .arg("--version")
            .output()
            .is_ok_and(|o| o.status.success())
    })
}

fn report(out: &Path) -> String {
    Command::cargo_bin("sifsim")
        .unwrap()
        .args([
            "report",
            "scenarios/compare.toml",
            "--paths",
            "500",
            "--quiet",
            "--out",
        ])
        .arg(out)
        .assert()
        .success();
    fs::read_to_string(out.join("report.html")).unwrap()
}

#[test]
fn the_report_is_one_self_contained_file() {
    let dir = tempfile::tempdir().unwrap();
    let html = report(&dir.path().join("out"));
    assert!(!html.contains("<script") && !html.contains("<link") && !html.contains(" src="));
    assert_eq!(html.matches("<figure").count(), 3 + 4 * 5, "every chart");
    for text in [
        "Scenariot i korthet",
        "Nyckeltal per modell",
        "Bördan per förvaltning",
        "Örebros regel",
        "Om metoden",
    ] {
        assert!(html.contains(text), "{text}");
    }
    assert!(html.contains("500 framtider"), "paths in the lead");
}

#[test]
fn the_report_renders_in_chromium() {
    let Some(browser) = chromium() else {
        assert!(
            std::env::var_os("CI").is_none(),
            "CI must have Chromium: .ci/run installs it"
        );
        eprintln!("skipped: Chromium is not installed (.ci/run installs it)");
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let html = report(&dir.path().join("out"));
    let page = dir.path().join("measure.html");
    fs::write(&page, html.replace("</body>", MEASURE)).unwrap();
    let output = Process::new("timeout")
        .arg("120")
        .arg(browser)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--enable-logging=stderr",
            "--v=0",
            "--virtual-time-budget=5000",
            "--dump-dom",
        ])
        .arg(format!(
            "--user-data-dir={}",
            dir.path().join("profile").display()
        ))
        .arg(format!("file://{}", page.display()))
        .output()
        .unwrap();
    let dom = String::from_utf8_lossy(&output.stdout);
    let log = String::from_utf8_lossy(&output.stderr);
    let measured = dom
        .split("<pre id=\"measured\">")
        .nth(1)
        .and_then(|rest| rest.split("</pre>").next())
        .unwrap_or_else(|| panic!("no measurements; Chromium said:\n{log}"));
    let sizes: Vec<&str> = measured.split_whitespace().collect();
    assert_eq!(
        sizes.iter().filter(|s| s.starts_with("svg:")).count(),
        23,
        "{measured}"
    );
    assert_eq!(
        sizes.iter().filter(|s| s.starts_with("table:")).count(),
        3,
        "{measured}"
    );
    for size in sizes {
        let (w, h) = size.split_once(':').unwrap().1.split_once('x').unwrap();
        assert!(
            w.parse::<u32>().unwrap() > 100 && h.parse::<u32>().unwrap() > 50,
            "{size}"
        );
    }
    let console: Vec<&str> = log.lines().filter(|l| l.contains("CONSOLE")).collect();
    assert!(console.is_empty(), "console messages: {console:?}");
}

#[test]
fn the_report_includes_a_sweep_when_given() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    Command::cargo_bin("sifsim")
        .unwrap()
        .args([
            "report",
            "scenarios/compare.toml",
            "--paths",
            "200",
            "--quiet",
        ])
        .args(["--set", "design.repayment.horizon_years=5,10", "--out"])
        .arg(&out)
        .assert()
        .success();
    let html = fs::read_to_string(out.join("report.html")).unwrap();
    assert!(html.contains("<h2>Svep</h2>"));
    assert!(html.contains("design.repayment.horizon_years"));
    // 23 charts of the run and the sweep's line chart.
    assert_eq!(html.matches("<figure").count(), 24);
    // Two settings × four designs as table rows after the header.
    let sweep = html
        .split("<h2>Svep</h2>")
        .nth(1)
        .unwrap()
        .split("</table>")
        .next()
        .unwrap();
    assert_eq!(sweep.matches("<tr>").count(), 1 + 2 * 4);
}
