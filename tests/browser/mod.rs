//! Headless Chromium driving the live page, for the browser test and the page's benchmark:
//! `sifsim serve` and chromedriver on free ports, a session at a projector's or a phone's size,
//! and waiting for the page to reach a state.

use std::io::{BufRead, BufReader};
use std::net::TcpListener;
use std::process::{Child, Command as Process, Stdio};
use std::time::{Duration, Instant};

use assert_cmd::cargo::cargo_bin;
use fantoccini::{Client, ClientBuilder};
use hyper_util::client::legacy::connect::HttpConnector;
use serde_json::{Value, json};

/// A child process ended when the test ends, however it ends.
pub struct Running(Child);

impl Drop for Running {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// chromedriver and Chromium, when both are installed.
pub fn browser() -> Option<(&'static str, &'static str)> {
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
pub fn server() -> (Running, String) {
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
pub fn driver(name: &str) -> (Running, String) {
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

/// Waits until `script` returns something other than null or false, and returns it.
pub async fn until(client: &Client, script: &str) -> Value {
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

/// A Chromium session, its screen a phone's of `phone` (width, height) when given.
pub async fn session(webdriver: &str, chromium: &str, phone: Option<(u32, u32)>) -> Client {
    let mut options = json!({
        "binary": which(chromium),
        "args": ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic",
                 "--no-first-run", "--disable-background-networking", "--lang=sv-SE"],
    });
    if let Some((width, height)) = phone {
        let metrics = json!({ "width": width, "height": height, "pixelRatio": 1.0 });
        options["mobileEmulation"] = json!({ "deviceMetrics": metrics });
    }
    let mut capabilities = serde_json::Map::new();
    capabilities.insert("goog:chromeOptions".into(), options);
    ClientBuilder::new(HttpConnector::new())
        .capabilities(capabilities)
        .connect(webdriver)
        .await
        .unwrap()
}

/// Sets the page's own area (the window less the browser's bars) to `width` × `height`.
pub async fn viewport(client: &Client, width: u32, height: u32) {
    client.set_window_size(width, height).await.unwrap();
    let bars = "return [outerWidth - innerWidth, outerHeight - innerHeight];";
    let bars = client.execute(bars, vec![]).await.unwrap();
    let bar = |i: usize| bars[i].as_u64().unwrap() as u32;
    client
        .set_window_size(width + bar(0), height + bar(1))
        .await
        .unwrap();
}

/// The full path of a program on the PATH.
fn which(name: &str) -> String {
    let output = Process::new("sh")
        .args(["-c", &format!("command -v {name}")])
        .output()
        .unwrap();
    String::from_utf8(output.stdout).unwrap().trim().to_string()
}
