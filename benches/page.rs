//! The live page as a meeting sees it, in headless Chromium at 1366×768: from the page's start
//! to its first and full key figures drawn, and from a slider's move (every setting new) to the
//! first 1 000 futures' figures and to all of them, for each bundled real fund at the default
//! 10 000 futures and for one at 100 000. The page records each change's times itself
//! (`window.sifsimTimes`, from the input event to the frame after the drawing).
//!
//! `cargo bench --bench page [-- MOVES]` (default 15 moves a fund); needs chromium and
//! chromedriver, as the tests do. BENCHMARKS.md records the figures.

#[path = "../tests/browser/mod.rs"]
mod browser;

use fantoccini::key::Key;
use fantoccini::{Client, Locator};
use serde_json::Value;

/// The bundled real funds.
const FUNDS: [&str; 5] = ["boras", "orebro", "norrkoping", "ale", "tomelilla"];

fn main() {
    let moves: usize = (std::env::args().skip(1))
        .find_map(|a| a.parse().ok())
        .unwrap_or(15);
    let Some((driver_name, chromium)) = browser::browser() else {
        eprintln!("skipped: chromium or chromedriver is not installed");
        return;
    };
    let (_server, address) = browser::server();
    let (_driver, webdriver) = browser::driver(driver_name);
    let runtime = tokio::runtime::Runtime::new().unwrap();
    runtime.block_on(async {
        let client = browser::session(&webdriver, chromium, None).await;
        browser::viewport(&client, 1366, 768).await;
        println!(
            "{:<11} {:>7} | {:>9} {:>9} | {:>11} {:>10} {:>10} {:>9}",
            "fund",
            "futures",
            "load 1st",
            "load all",
            "1st median",
            "1st max",
            "all median",
            "all max"
        );
        let cases = (FUNDS.iter().map(|f| (*f, 10_000))).chain([("orebro", 100_000)]);
        for (fund, paths) in cases {
            let link = format!("{address}/#fund={fund}&v=%7B%22paths%22%3A{paths}%7D");
            client.goto("about:blank").await.unwrap();
            client.goto(&link).await.unwrap();
            let load = next_times(&client, 0).await;
            let slider = client
                .find(Locator::Css(
                    "[data-control=\"d0.fund.initial\"] input[type=range]",
                ))
                .await
                .unwrap();
            slider.click().await.unwrap();
            let mut first = Vec::new();
            let mut full = Vec::new();
            for i in 0..moves {
                // Up one step at a time: each setting new to the server.
                slider.send_keys(&Key::Right.to_string()).await.unwrap();
                let times = next_times(&client, i + 1).await;
                first.push(times["first"].as_f64().unwrap());
                full.push(times["full"].as_f64().unwrap());
            }
            println!(
                "{:<11} {:>7} | {:>9.0} {:>9.0} | {:>11.0} {:>10.0} {:>10.0} {:>9.0}",
                fund,
                paths,
                load["first"].as_f64().unwrap(),
                load["full"].as_f64().unwrap(),
                median(&mut first),
                max(&first),
                median(&mut full),
                max(&full),
            );
        }
        client.close().await.unwrap();
    });
}

/// The times of change `n` (0: the page's start), once the page has drawn all its futures.
async fn next_times(client: &Client, n: usize) -> Value {
    let script = format!(
        "return window.sifsimTimes && window.sifsimTimes.length > {n} ? window.sifsimTimes[{n}] : null;"
    );
    browser::until(client, &script).await
}

fn median(values: &mut [f64]) -> f64 {
    values.sort_by(f64::total_cmp);
    values[values.len() / 2]
}

fn max(values: &[f64]) -> f64 {
    values.iter().copied().fold(f64::NEG_INFINITY, f64::max)
}
