//! The report as a council receives it: printed to A4 by headless Chromium at reading size
//! (at most 12 pages for a fund with a sweep and a question, body text 10.5 pt, tables and notes
//! at least 8.5 pt, nothing shrunk to fit), and read on a 390 px phone without the page
//! scrolling sideways. Skipped, with a note, where Chromium is not installed.

use std::fs;
use std::io::Read;
use std::path::Path;
use std::process::Command as Process;

use assert_cmd::Command;

// Only the helpers that find and drive Chromium; the others serve the live page's tests.
#[allow(dead_code)]
mod browser;

/// `sifsim report` of Örebro's pessimistic fund with a horizon sweep and a threshold question,
/// written into `out`.
fn report(out: &Path) {
    Command::cargo_bin("sifsim")
        .unwrap()
        .args([
            "report",
            "scenarios/orebro-pessimistic.toml",
            "--paths",
            "2000",
        ])
        .args(["--set", "design.repayment.horizon_years=3..10"])
        .args(["--threshold", "Socialförvaltningen betalar mer än 5 mnkr"])
        .args(["--quiet", "--out"])
        .arg(out)
        .assert()
        .success();
}

/// `html` printed to PDF by `chromium` (A4, the report's own page rules).
fn printed(chromium: &str, html: &Path) -> Vec<u8> {
    let pdf = html.with_extension("pdf");
    let status = Process::new(chromium)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-pdf-header-footer",
        ])
        .arg(format!("--print-to-pdf={}", pdf.display()))
        .arg(format!("file://{}", html.display()))
        .stderr(std::process::Stdio::null())
        .status()
        .unwrap();
    assert!(status.success());
    fs::read(pdf).unwrap()
}

/// The PDF's pages.
fn pages(pdf: &[u8]) -> usize {
    let text = String::from_utf8_lossy(pdf);
    text.matches("/Type /Page").count() - text.matches("/Type /Pages").count()
}

/// Each page stream's text sizes in points: a text's `Tf` size times the page's scale (the
/// first two `cm` operators: points per CSS pixel, and Chromium's shrink to fit), with the scale.
fn text_sizes(pdf: &[u8]) -> Vec<(f64, Vec<f64>)> {
    let mut pages = Vec::new();
    let mut rest = pdf;
    while let Some(at) = find(rest, b"stream\n") {
        let body = &rest[at + b"stream\n".len()..];
        let Some(end) = find(body, b"endstream") else {
            break;
        };
        let mut text = String::new();
        let inflated = flate2::read::ZlibDecoder::new(&body[..end]).read_to_string(&mut text);
        rest = &body[end + b"endstream".len()..];
        if inflated.is_err() || !text.contains(" Tf") {
            continue;
        }
        let scales: Vec<f64> = (text.lines())
            .filter(|line| line.ends_with(" cm"))
            .take(2)
            .map(|line| line.split(' ').next().unwrap().parse().unwrap())
            .collect();
        let scale = scales.iter().product::<f64>();
        let sizes = (text.lines())
            .filter_map(|line| line.strip_suffix(" Tf"))
            .map(|op| op.rsplit(' ').next().unwrap().parse::<f64>().unwrap() * scale)
            .collect();
        pages.push((scale, sizes));
    }
    pages
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

/// The report without its inline charts, whose text is drawn at the chart's own scale.
fn without_charts(html: &str) -> String {
    let mut out = String::new();
    let mut rest = html;
    while let Some(start) = rest.find("<svg") {
        out += &rest[..start];
        let end = rest[start..].find("</svg>").unwrap() + start + "</svg>".len();
        rest = &rest[end..];
    }
    out + rest
}

#[test]
fn the_report_prints_on_at_most_twelve_a4_pages_at_reading_size() {
    let Some((_, chromium)) = browser::browser() else {
        eprintln!("skipped: Chromium and chromedriver are not installed");
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    report(&out);
    let html = out.join("report.html");
    let pdf = printed(chromium, &html);
    assert!(pages(&pdf) <= 12, "{} pages", pages(&pdf));

    let text = dir.path().join("text.html");
    fs::write(&text, without_charts(&fs::read_to_string(&html).unwrap())).unwrap();
    let pdf = printed(chromium, &text);
    let pages = text_sizes(&pdf);
    assert!(!pages.is_empty());
    for (scale, sizes) in &pages {
        // A CSS pixel is 0.75 pt: a page shrunk to fit its widest table would be less.
        assert!((scale - 0.75).abs() < 1e-3, "a page is shrunk by {scale}");
        let smallest = sizes.iter().copied().fold(f64::INFINITY, f64::min);
        assert!(smallest >= 8.5 - 0.05, "text of {smallest:.1} pt");
    }
    let all: Vec<f64> = pages.iter().flat_map(|(_, s)| s.iter().copied()).collect();
    // Body text is 10.5 pt; only tables, captions and notes (9 pt) are smaller.
    assert!(
        all.iter().any(|s| (s - 10.5).abs() < 0.05),
        "no body text at 10.5 pt"
    );
    assert!(
        all.iter()
            .all(|s| *s >= 10.5 - 0.05 || (s - 9.0).abs() < 0.05),
        "{all:?}"
    );
}

#[tokio::test]
async fn the_report_never_scrolls_sideways_on_a_phone() {
    let Some((driver_name, chromium)) = browser::browser() else {
        eprintln!("skipped: Chromium and chromedriver are not installed");
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    report(&out);
    let (_driver, webdriver) = browser::driver(driver_name);
    let phone = browser::session(&webdriver, chromium, Some((390, 844))).await;
    let url = format!("file://{}", out.join("report.html").display());
    phone.goto(&url).await.unwrap();
    let width = phone
        .execute("return document.documentElement.scrollWidth;", vec![])
        .await
        .unwrap();
    phone.close().await.unwrap();
    assert!(
        width.as_u64().unwrap() <= 390,
        "the page is {width} px wide"
    );
}
