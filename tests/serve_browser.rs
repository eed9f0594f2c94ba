//! The live page in a real browser (headless Chromium through chromedriver): it loads from the
//! link, the floor control moves and the key figure becomes what `sifsim run` writes for that
//! floor, a bad value shows what is wrong, in the page's Swedish, at its control, a typed threshold
//! question gets a probability per design, a future where the fund ran dry is told, no
//! request leaves the page's origin, and the page's link restores all of it. Screenshots at
//! 1280 and 390 px go to `target/serve-screenshots/`.
#![cfg(feature = "serve")]

use std::io::{BufRead, BufReader};
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Child, Command as Process, Stdio};
use std::time::{Duration, Instant};

use assert_cmd::cargo::cargo_bin;
use fantoccini::key::Key;
use fantoccini::{Client, ClientBuilder, Locator};
use hyper_util::client::legacy::connect::HttpConnector;
use serde_json::{Value, json};
use sifsim::internals::edit::{Edit, FieldPath};
use sifsim::internals::source::{Overrides, Source};

const FUND: &str = "orebro-pessimistic";
const FLOOR: &str = "d0.repayment.floor_share";
const PATHS: u64 = 1000;

/// A child process ended when the test ends, however it ends.
struct Running(Child);

impl Drop for Running {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// chromedriver and Chromium, when both are installed.
fn browser() -> Option<(&'static str, &'static str)> {
    let works = |name: &str| {
        (Process::new(name).arg("--version").output()).is_ok_and(|o| o.status.success())
    };
    let driver = ["chromedriver"].into_iter().find(|n| works(n))?;
    let chromium = ["chromium", "chromium-browser"]
        .into_iter()
        .find(|n| works(n))?;
    Some((driver, chromium))
}

/// `sifsim serve` on a free port, and its address.
fn server() -> (Running, String) {
    let mut child = Process::new(cargo_bin("sifsim"))
        .args(["serve", "--port", "0"])
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    let address = line.split_whitespace().find(|w| w.starts_with("http://"));
    (
        Running(child),
        address.expect("the address is printed").to_string(),
    )
}

/// chromedriver on a free port, and its address once it answers.
fn driver(name: &str) -> (Running, String) {
    let port = TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let child = Process::new(name)
        .arg(format!("--port={port}"))
        .stdout(Stdio::null())
        .spawn()
        .unwrap();
    let started = Instant::now();
    while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(
            started.elapsed() < Duration::from_secs(30),
            "chromedriver did not start"
        );
        std::thread::sleep(Duration::from_millis(100));
    }
    (Running(child), format!("http://127.0.0.1:{port}"))
}

/// The scenario `sifsim run` gets: the fund's file with the floor and the paths the page sets.
fn cli_final_cash(dir: &Path, floor: f64) -> f64 {
    let path = Path::new("scenarios").join(format!("{FUND}.toml"));
    let source = Source::read(&path, Overrides::default()).unwrap();
    let edits = [
        Edit::number(FieldPath::at("design", 0, "repayment.floor_share"), floor),
        Edit::number(FieldPath::of("simulation", "paths"), PATHS as f64),
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

/// Waits until `script` returns something other than null or false, and returns it.
async fn until(client: &Client, script: &str) -> Value {
    let started = Instant::now();
    loop {
        let value = client.execute(script, vec![]).await.unwrap();
        if !value.is_null() && value != json!(false) {
            return value;
        }
        assert!(
            started.elapsed() < Duration::from_secs(60),
            "timed out: {script}"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

/// Design 0's median final balance as the page shows it, raw and as text, once drawn.
const FINAL_CASH: &str = r#"(() => {
  const td = document.querySelector('td[data-key="final_cash.p50"][data-design="0"]');
  if (!td || document.body.classList.contains('busy')) return null;
  return [Number(td.dataset.value), td.firstChild.textContent];
})()"#;

#[test]
fn the_page_redraws_the_key_figure_as_sifsim_run_gives_it() {
    let Some((driver_name, chromium)) = browser() else {
        assert!(
            std::env::var_os("CI").is_none(),
            "CI must have Chromium and chromedriver: .ci/run installs them"
        );
        eprintln!("skipped: chromium or chromedriver is not installed (.ci/run installs them)");
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let expected = cli_final_cash(dir.path(), 0.0);
    let (_server, address) = server();
    let (_driver, webdriver) = driver(driver_name);
    let runtime = tokio::runtime::Runtime::new().unwrap();
    runtime.block_on(async {
        let mut capabilities = serde_json::Map::new();
        capabilities.insert(
            "goog:chromeOptions".into(),
            json!({
                "binary": which(chromium),
                "args": ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic",
                         "--no-first-run", "--disable-background-networking", "--lang=sv-SE"],
            }),
        );
        let client = ClientBuilder::new(HttpConnector::new())
            .capabilities(capabilities)
            .connect(&webdriver)
            .await
            .unwrap();
        client.set_window_size(1280, 2200).await.unwrap();
        // The link restores the settings: this fund, at 1 000 paths.
        let link = format!("{address}/#fund={FUND}&v=%7B%22paths%22%3A{PATHS}%7D");
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

        // A bad value: what is wrong, in Swedish, at its control.
        let text = client.find(Locator::Css(&format!("#c-{}", FLOOR.replace('.', "\\.")))).await.unwrap();
        text.clear().await.unwrap();
        text.send_keys("1,5").await.unwrap();
        let problem = format!(
            "const p = document.getElementById('p-{FLOOR}'); return p && p.textContent.includes('1,5 är inte tillåtet') ? p.textContent : null;"
        );
        let message = until(&client, &problem).await;
        assert!(message.as_str().unwrap().starts_with("1,5 är inte tillåtet; värdet ska vara en andel från 0 till 1"), "{message}");

        text.clear().await.unwrap();
        text.send_keys("0,1").await.unwrap();
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
        let shots = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("../serve-screenshots");
        std::fs::create_dir_all(&shots).unwrap();
        for (name, width, height, at) in [
            ("1280", 1280, 2200, "title"),
            ("390-top", 390, 844, "title"),
            ("390-figures", 390, 844, "key-title"),
            ("390-charts", 390, 844, "charts-title"),
            ("390-threshold", 390, 844, "threshold-title"),
            ("1280-threshold", 1280, 1000, "threshold-title"),
        ] {
            client.set_window_size(width, height).await.unwrap();
            let scroll = format!("document.getElementById('{at}').scrollIntoView();");
            client.execute(&scroll, vec![]).await.unwrap();
            // Shot once the page has drawn twice at its new size and place.
            let drawn = "requestAnimationFrame(() => requestAnimationFrame(arguments[0]));";
            client.execute_async(drawn, vec![]).await.unwrap();
            let png = client.screenshot().await.unwrap();
            std::fs::write(shots.join(format!("{name}.png")), png).unwrap();
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

/// The full path of a program on the PATH.
fn which(name: &str) -> String {
    let output = Process::new("sh")
        .args(["-c", &format!("command -v {name}")])
        .output()
        .unwrap();
    String::from_utf8(output.stdout).unwrap().trim().to_string()
}
