//! The live page in a real browser (headless Chromium through chromedriver): it first draws the
//! first 1 000 futures and then all of them, equal to what `sifsim run` writes; on a projector
//! (1366×768) the key figures and a chart at least 800 px wide fill the first screen, on a phone
//! (390 px) nothing is wider than the screen; it loads from the link, the floor control moves
//! and the key figure becomes what `sifsim run` writes for that floor, each kind of bad value
//! shows what is wrong, in the page's Swedish, at its control, and marks the figures as not
//! matching; a typed threshold question gets a probability per design, a future where the fund
//! ran dry is told, no request leaves the page's origin, and the page's link restores all of
//! it. Screenshots go to `target/serve-screenshots/`.
#![cfg(feature = "serve")]

mod browser;

use std::path::{Path, PathBuf};
use std::process::Command as Process;
use std::time::Instant;

use assert_cmd::cargo::cargo_bin;
use browser::{session, until, viewport};
use fantoccini::key::Key;
use fantoccini::{Client, Locator};
use serde_json::{Value, json};
use sifsim::internals::edit::{Edit, FieldPath};
use sifsim::internals::source::{Overrides, Source};

const FUND: &str = "orebro-pessimistic";
const FLOOR: &str = "d0.repayment.floor_share";
const HORIZON: &str = "d0.repayment.horizon_years";
const PATHS: u64 = 1000;

/// The scenario `sifsim run` gets: the fund's file with the floor and the paths the page sets.
fn cli_final_cash(dir: &Path, floor: f64, paths: u64) -> f64 {
    let path = Path::new("scenarios").join(format!("{FUND}.toml"));
    let source = Source::read(&path, Overrides::default()).unwrap();
    let edits = [
        Edit::number(FieldPath::at("design", 0, "repayment.floor_share"), floor),
        Edit::number(FieldPath::of("simulation", "paths"), paths as f64),
    ];
    let file = dir.join("changed.toml");
    std::fs::write(&file, source.variant_text(&edits).unwrap()).unwrap();
    let output = Process::new(cargo_bin("sifsim"))
        .arg("run")
        .arg(&file)
        .args(["--quiet", "--json", "--out"])
        .arg(dir.join("out"))
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let summary: Value = serde_json::from_slice(&output.stdout).unwrap();
    summary["designs"][0]["final_cash"]["p50"].as_f64().unwrap()
}

/// Design 0's median final balance as the page shows it, raw and as text, once drawn.
const FINAL_CASH: &str = r#"(() => {
  const td = document.querySelector('td[data-key="final_cash.p50"][data-design="0"]');
  if (!td || document.body.classList.contains('busy')) return null;
  return [Number(td.dataset.value), td.firstChild.textContent];
})()"#;

#[test]
fn the_page_redraws_the_key_figure_as_sifsim_run_gives_it() {
    let Some((driver_name, chromium)) = browser::browser() else {
        assert!(
            std::env::var_os("CI").is_none(),
            "CI must have Chromium and chromedriver: .ci/run installs them"
        );
        eprintln!("skipped: chromium or chromedriver is not installed (.ci/run installs them)");
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let expected = cli_final_cash(dir.path(), 0.0, PATHS);
    let loaded = cli_final_cash(dir.path(), 0.3, 10_000);
    let (_server, address) = browser::server();
    let (_driver, webdriver) = browser::driver(driver_name);
    let runtime = tokio::runtime::Runtime::new().unwrap();
    runtime.block_on(async {
        let client = session(&webdriver, chromium, None).await;
        // On a projector: the first 1 000 futures drawn first, then all 10 000, equal to
        // `sifsim run`; the key figures and the chart fill the first screen.
        viewport(&client, 1366, 768).await;
        client.goto(&format!("{address}/#fund={FUND}")).await.unwrap();
        let full = format!("const v = {FINAL_CASH}; return v && window.sifsimDrawn.at(-1) === 10000 ? v : null;");
        let full = until(&client, &full).await;
        assert_eq!(full[0].as_f64(), Some(loaded));
        let drawn = client.execute("return window.sifsimDrawn;", vec![]).await.unwrap();
        assert_eq!(drawn[0], json!(1000), "the first futures first: {drawn}");
        let fits = client.execute(FIRST_SCREEN, vec![]).await.unwrap();
        assert_eq!(fits["table"], json!(true), "{fits}");
        assert_eq!(fits["chart"], json!(true), "{fits}");
        assert!(fits["width"].as_f64().unwrap() >= 800.0, "{fits}");
        screenshot(&client, "1366x768").await;
        // On a phone (a window cannot be that narrow: the phone's screen is emulated) nothing
        // is wider than the screen.
        let phone = session(&webdriver, chromium, Some((390, 844))).await;
        phone.goto(&format!("{address}/#fund={FUND}")).await.unwrap();
        let narrow = "return innerWidth === 390 && document.querySelector('#cards .card') !== null \
                      && !document.body.classList.contains('busy') \
                      ? document.documentElement.scrollWidth : null;";
        let scrolled = until(&phone, narrow).await;
        assert!(scrolled.as_u64().unwrap() <= 390, "{scrolled}");
        screenshot(&phone, "390").await;
        phone.close().await.unwrap();

        client.set_window_size(1280, 2200).await.unwrap();
        // The link restores the settings: this fund, at 1 000 paths.
        let link = format!("{address}/#fund={FUND}&v=%7B%22paths%22%3A{PATHS}%7D");
        client.goto("about:blank").await.unwrap();
        client.goto(&link).await.unwrap();
        let before = until(&client, &format!("return {FINAL_CASH};")).await;

        // Move the floor to its lowest with the keyboard; wait for the redraw.
        let range = format!("[data-control=\"{FLOOR}\"] input[type=range]");
        let slider = client.find(Locator::Css(&range)).await.unwrap();
        slider.click().await.unwrap();
        slider.send_keys(&Key::Home.to_string()).await.unwrap();
        let started = Instant::now();
        let redrawn = format!("const v = {FINAL_CASH}; return v && v[0] === {expected} ? v : null;");
        let after = until(&client, &redrawn).await;
        eprintln!("redrawn in {} ms: {before} -> {after}", started.elapsed().as_millis());
        assert_eq!(after[0].as_f64(), Some(expected));
        // As the page writes it: "81,1 mnkr", with a minus sign and spaces of its own.
        let text: String = (after[1].as_str().unwrap().chars())
            .filter(|c| !c.is_whitespace())
            .map(|c| if c == '\u{2212}' { '-' } else { c })
            .collect();
        let written = format!("{expected:.1}mnkr").replace('.', ",");
        assert_eq!(text, written);

        // Each kind of bad value: what is wrong, in Swedish, at its control, nothing from a
        // parser, and the figures marked as not matching the controls.
        for (control, typed, says) in [
            (FLOOR, "1,5", "1,5 är inte tillåtet; värdet ska vara en andel från 0 till 1"),
            (HORIZON, "2,5", "2,5 är inte tillåtet; värdet ska vara ett heltal från 1 till 1000"),
            (HORIZON, "", "Skriv ett värde."),
            (FLOOR, "mycket", "mycket är inte ett tal; skriv till exempel 0,3."),
            ("seed", "99999999999999999999", "99999999999999999999 är inte tillåtet; värdet ska vara ett heltal från 0 till 9007199254740991"),
        ] {
            let text = client.find(Locator::Css(&format!("#c-{}", control.replace('.', "\\.")))).await.unwrap();
            text.clear().await.unwrap();
            // Emptied by typing, as a user empties it: clearing fires no input event.
            let keys = if typed.is_empty() { format!("1{}", Key::Backspace) } else { typed.to_string() };
            text.send_keys(&keys).await.unwrap();
            let problem = format!(
                "const p = document.getElementById('p-{control}'); \
                 return p && p.textContent && document.body.classList.contains('outdated') \
                 && !document.getElementById('stale').hidden ? p.textContent : null;"
            );
            let message = until(&client, &problem).await;
            let message = message.as_str().unwrap().replace('\u{a0}', " ");
            assert_eq!(message, says, "{control} = {typed:?}");
            // Put right again.
            let good = if control == FLOOR { "0,1" } else if control == HORIZON { "10" } else { "2013" };
            text.clear().await.unwrap();
            text.send_keys(good).await.unwrap();
            until(&client, "return document.body.classList.contains('outdated') ? null : true;").await;
        }
        until(&client, &format!("return {FINAL_CASH};")).await;

        // A threshold question typed: a probability per design; then a future told.
        let question = client.find(Locator::Id("question")).await.unwrap();
        question.send_keys("Socialförvaltningen betalar mer än 5 mnkr").await.unwrap();
        question.send_keys(&Key::Enter.to_string()).await.unwrap();
        let chances = "const c = [...document.querySelectorAll('td[data-key=threshold]')]; \
                       return c.length === 3 ? c.map(td => td.firstChild.textContent) : null;";
        let chances = until(&client, chances).await;
        assert!(chances.as_array().unwrap().iter().all(|c| c.as_str().unwrap().ends_with('%')), "{chances}");
        client.find(Locator::Id("tell")).await.unwrap().click().await.unwrap();
        until(&client, "return document.querySelector('#story .story-years') !== null;").await;

        // "Hitta regeln" for the first design's first number: the answer `sifsim tune` gives,
        // its best setting or the requirement nothing meets.
        client.find(Locator::Id("tune-button")).await.unwrap().click().await.unwrap();
        let tuned = "const a = document.getElementById('tune-answer').textContent; \
                     return a.includes('uppfyller alla krav') ? a : null;";
        let tuned = until(&client, tuned).await;
        let tuned = tuned.as_str().unwrap();
        assert!(tuned.contains("bästa inställningen av 7") || tuned.contains("ingen av 7"), "{tuned}");

        // Every request the page made went to its own origin.
        let requests = client
            .execute("return performance.getEntriesByType('resource').map(e => e.name);", vec![])
            .await
            .unwrap();
        let requests = requests.as_array().unwrap();
        assert!(!requests.is_empty());
        for request in requests {
            assert!(request.as_str().unwrap().starts_with(&address), "{request}");
        }

        // Screenshots of the page with its figures, wide and narrow.
        for (name, width, height, at) in [
            ("1280", 1280, 2200, "title"),
            ("390-figures", 390, 844, "key-title"),
            ("390-charts", 390, 844, "tabs"),
            ("390-threshold", 390, 844, "threshold-title"),
            ("1280-threshold", 1280, 1000, "threshold-title"),
        ] {
            client.set_window_size(width, height).await.unwrap();
            let scroll = format!("document.getElementById('{at}').scrollIntoView();");
            client.execute(&scroll, vec![]).await.unwrap();
            screenshot(&client, name).await;
        }
        // The link restores everything: the language, the values (the floor, paths and seed),
        // the question asked and the future told.
        let seed = client.find(Locator::Id("c-seed")).await.unwrap();
        seed.clear().await.unwrap();
        seed.send_keys("7").await.unwrap();
        client.find(Locator::Id("lang")).await.unwrap().click().await.unwrap();
        let told = "const c = document.querySelectorAll('td[data-key=threshold]'); \
                    return document.documentElement.lang === 'en' && c.length === 3 \
                    && document.querySelector('#story .story-years') !== null && !!FINAL;";
        let told = told.replace("FINAL", FINAL_CASH);
        until(&client, &told).await;
        let link = client.execute("return location.href;", vec![]).await.unwrap();
        client.goto("about:blank").await.unwrap();
        client.goto(link.as_str().unwrap()).await.unwrap();
        until(&client, &told).await;
        let restored = client
            .execute(
                "return ['question', 'c-seed', 'c-paths', 'c-' + arguments[0], 'story-design']\
                 .map(id => document.getElementById(id).value);",
                vec![json!(FLOOR)],
            )
            .await
            .unwrap();
        let question = "Socialförvaltningen betalar mer än 5 mnkr";
        assert_eq!(restored, json!([question, "7", "1000", "0.1", "Örebros regel"]), "{link}");
        client.close().await.unwrap();
    });
}

/// Where the key figures and the chart are on the first screen: whether each is wholly in
/// the window, and the chart's drawn width.
const FIRST_SCREEN: &str = r#"
  const inside = (e) => { const r = e.getBoundingClientRect(); return r.top >= 0 && r.left >= 0
    && r.bottom <= innerHeight && r.right <= innerWidth && r.width > 0; };
  const chart = document.querySelector('#chart-drawing svg');
  return { table: inside(document.getElementById('key')), chart: !!chart && inside(chart),
           width: chart ? chart.getBoundingClientRect().width : 0,
           bottom: chart ? chart.getBoundingClientRect().bottom : 0, window: [innerWidth, innerHeight] };"#;

/// A screenshot of the page, once it has drawn twice at its size and place, in
/// `target/serve-screenshots/`.
async fn screenshot(client: &Client, name: &str) {
    let shots = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("../serve-screenshots");
    std::fs::create_dir_all(&shots).unwrap();
    let drawn = "requestAnimationFrame(() => requestAnimationFrame(arguments[0]));";
    client.execute_async(drawn, vec![]).await.unwrap();
    let png = client.screenshot().await.unwrap();
    std::fs::write(shots.join(format!("{name}.png")), png).unwrap();
}
