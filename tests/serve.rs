//! `sifsim serve` over HTTP, without a socket or a browser: every endpoint with good and bad
//! input, stale runs cancelled, and the page's figures equal to what `sifsim run` writes for
//! the scenario the page downloads.
#![cfg(feature = "serve")]

mod live;

use std::net::SocketAddr;
use std::path::Path;
use std::sync::Arc;
use std::time::Duration;

use assert_cmd::Command;
use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use live::{app, call, get, post, run};
use serde_json::{Value, json};
use sifsim::internals::edit::{Edit, FieldPath};
use sifsim::internals::source::{Overrides, Source};
use sifsim::serve::{App, Fund, Hosts, MAX_BODY, router};
use tower::ServiceExt;

#[tokio::test]
async fn the_page_and_its_files_are_served_with_a_same_origin_policy() {
    for (uri, kind) in [
        ("/", "text/html"),
        ("/page.js", "text/javascript"),
        ("/strings.js", "text/javascript"),
        ("/chart.js", "text/javascript"),
        ("/figures.js", "text/javascript"),
        ("/page.css", "text/css"),
    ] {
        let response = app().oneshot(get(uri)).await.unwrap();
        assert_eq!(response.status(), StatusCode::OK, "{uri}");
        let headers = response.headers();
        assert!(
            headers[header::CONTENT_TYPE]
                .to_str()
                .unwrap()
                .starts_with(kind)
        );
        let policy = headers[header::CONTENT_SECURITY_POLICY].to_str().unwrap();
        assert!(policy.contains("default-src 'none'") && policy.contains("connect-src 'self'"));
    }
    let (_, _, page) = call(app(), get("/")).await;
    assert!(
        !page.contains("http://") && !page.contains("https://"),
        "no outside URL"
    );
}

#[tokio::test]
async fn the_funds_are_the_bundled_ones_and_each_has_its_controls() {
    let (status, _, body) = call(app(), get("/api/funds")).await;
    assert_eq!(status, StatusCode::OK);
    let funds: Value = serde_json::from_str(&body).unwrap();
    let ids: Vec<&str> = (funds.as_array().unwrap().iter())
        .map(|f| f["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids.len(), 10);
    assert!(ids.contains(&"orebro") && ids.contains(&"ale-pessimistic") && !ids.contains(&"bench"));

    let (status, _, body) = call(app(), get("/api/funds/orebro")).await;
    assert_eq!(status, StatusCode::OK);
    let fund: Value = serde_json::from_str(&body).unwrap();
    assert_eq!(fund["designs"].as_array().unwrap().len(), 3);
    let control = |id: &str| {
        (fund["controls"].as_array().unwrap().iter())
            .find(|c| c["id"] == id)
            .cloned()
    };
    assert_eq!(control("d0.repayment.floor_share").unwrap()["value"], 0.3);
    assert_eq!(
        control("d0.repayment.floor_applies_to").unwrap()["value"],
        "plan"
    );
    assert_eq!(control("d1.approval.last_year").unwrap()["value"], 2022);
    assert_eq!(control("d0.grant.fixed").unwrap()["table"], "grant");
    // Every control is named from labels/, in both languages: the page keeps no words of its own
    // for them (a control without a name would show its key).
    for fund in ["orebro", "ale", "boras", "norrkoping", "tomelilla"] {
        let (_, _, body) = call(app(), get(&format!("/api/funds/{fund}"))).await;
        let view: Value = serde_json::from_str(&body).unwrap();
        for c in view["controls"].as_array().unwrap() {
            let (key, label) = (c["key"].as_str().unwrap(), &c["label"]);
            for name in label.as_array().unwrap() {
                assert_ne!(name.as_str().unwrap(), key, "{fund}: {key} has no name");
            }
        }
    }
    assert_eq!(
        control("d0.repayment.floor_share").unwrap()["label"],
        json!([
            "Golv: minsta återföring, andel",
            "Floor: least repayment, share"
        ])
    );
    assert_eq!(
        control("paths").unwrap()["input"]["options"],
        json!([1000, 10000, 100000])
    );
    assert!(control("scale.success_probability").is_some());
    // A control of one input is bounded and explained by the table of inputs; the page checks
    // a typed value against these limits before sending it.
    let floor = control("d0.repayment.floor_share").unwrap();
    assert_eq!(
        floor["limits"],
        json!({
            "min": 0.0, "min_in": true, "max": 1.0, "max_in": true, "whole": false,
            "refusal": [
                "{value} är inte tillåtet; värdet ska vara en andel från 0 till 1",
                "{value} is not allowed; expected a share in 0..=1",
            ],
        })
    );
    assert!(
        floor["help"][0]
            .as_str()
            .unwrap()
            .contains("återföringsplanen")
    );
    let last_year = control("d1.approval.last_year").unwrap();
    assert_eq!(last_year["limits"]["whole"], true);
    assert_eq!(control("scale.effect_size").unwrap()["limits"], Value::Null);
    let (status, _, body) = call(app(), get("/api/funds/nowhere")).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert!(body.contains("no fund 'nowhere'"));
}

#[tokio::test]
async fn a_run_returns_the_figures_of_the_settings_and_of_the_fund_as_loaded() {
    let settings = json!({
        "fund": "ale", "lang": "en", "base": true,
        "values": { "d1.grant.share_of_positive_result": 0.05, "paths": 1000, "seed": 3 },
    });
    let (status, body) = run(app(), settings).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    for figures in [&body["now"], &body["base"]] {
        assert_eq!(figures["summary"]["paths"], 1000);
        assert_eq!(figures["summary"]["seed"], 3);
        assert_eq!(figures["singled_out"].as_array().unwrap().len(), 3);
        // The key figures the page shows, chosen and named on the server in the page's
        // language, each equal to the summary's figure.
        let key = figures["key"].as_array().unwrap();
        let keys: Vec<&str> = key.iter().map(|k| k["key"].as_str().unwrap()).collect();
        assert_eq!(
            keys,
            [
                "p_depleted_ever",
                "final_cash",
                "recycled_share_lifetime",
                "net_saving_lifetime",
                "budget_effect_lifetime",
                "p_budget_effect_lifetime_positive",
                "p_result_tipped"
            ]
        );
        assert_eq!(key[1]["name"], "Fund balance at the end");
        assert_eq!(key[1]["quantity"], "mnkr");
        for d in 0..3 {
            let design = &figures["summary"]["designs"][d];
            assert_eq!(key[0]["values"][d], design["p_depleted_ever"]);
            assert_eq!(key[1]["values"][d]["p50"], design["final_cash"]["p50"]);
            assert_eq!(
                key[4]["values"][d]["p95"],
                design["budget_effect_lifetime"]["p95"]
            );
        }
        // What the charts draw, a value per year and design, as fund.csv's columns.
        let years = figures["years"].as_array().unwrap();
        assert_eq!(years.len(), 3);
        let simulated = figures["summary"]["years"].as_u64().unwrap() as usize;
        for series in [
            "cash_p5",
            "cash_p50",
            "cash_p95",
            "p_depleted_by",
            "result_effect_p50",
        ] {
            assert_eq!(
                years[0][series].as_array().unwrap().len(),
                simulated,
                "{series}"
            );
        }
    }
    let deposits = |f: &Value| {
        f["summary"]["designs"][1]["deposits"]["mean"]
            .as_f64()
            .unwrap()
    };
    assert!(
        deposits(&body["now"]) > deposits(&body["base"]),
        "a larger grant share"
    );
    let (status, body) = run(app(), json!({ "fund": "ale", "values": {"paths": 1000} })).await;
    assert_eq!(status, StatusCode::OK);
    assert!(body["base"].is_null());
}

#[tokio::test]
async fn an_invalid_value_is_refused_next_to_its_control_as_the_command_line_words_it() {
    let settings = json!({
        "fund": "orebro",
        "values": { "d0.repayment.floor_share": 1.5, "d2.fund.initial": 70, "paths": 1000 },
        "lang": "en",
    });
    let (status, body) = run(app(), settings).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    let fields = body["fields"].as_array().unwrap();
    assert_eq!(fields.len(), 1, "{body}");
    assert_eq!(fields[0]["control"], "d0.repayment.floor_share");
    let message = fields[0]["message"].as_str().unwrap();
    let cli = Command::cargo_bin("sifsim")
        .unwrap()
        .args(["sweep", "scenarios/orebro.toml", "--paths", "10", "--quiet"])
        .args(["--set", "design[Örebros regel].repayment.floor_share=1.5"])
        .assert()
        .code(2);
    let stderr = String::from_utf8(cli.get_output().stderr.clone()).unwrap();
    assert!(
        stderr.contains(&format!("repayment.floor_share: {message}\n")),
        "{stderr}\n{message}"
    );
}

/// The page in Swedish (its default) says what is wrong in Swedish, next to the control and
/// without the field's name, both for a value the scenario's rules refuse and for one of the
/// wrong kind.
#[tokio::test]
async fn a_swedish_page_is_told_its_problems_in_swedish() {
    for (values, says) in [
        (
            json!({ "d0.repayment.floor_share": 1.5 }),
            "1,5 är inte tillåtet; värdet ska vara en andel från 0 till 1",
        ),
        (
            json!({ "d1.repayment.horizon_years": 0 }),
            "0 är inte tillåtet; värdet ska vara ett heltal från 1 till 1000",
        ),
        (
            json!({ "d0.repayment.floor_share": "a lot" }),
            "\"a lot\" är inte tillåtet; värdet ska vara ett tal",
        ),
        // Regression: a fraction in a whole-number field reached the file and came back as the
        // parser's English ("expected i64").
        (
            json!({ "d1.repayment.horizon_years": 2.5 }),
            "2,5 är inte tillåtet; värdet ska vara ett heltal från 1 till 1000",
        ),
        (
            json!({ "seed": 1.5 }),
            "1,5 är inte tillåtet; värdet ska vara ett heltal från 0 till 9007199254740991",
        ),
    ] {
        let (status, body) = run(app(), json!({ "fund": "orebro", "values": values })).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{values}");
        let message = body["fields"][0]["message"].as_str().unwrap();
        assert_eq!(message, says);
    }
}

#[tokio::test]
async fn values_no_control_takes_are_refused_with_json() {
    for (values, says) in [
        (json!({ "d0.nope": 1 }), "there is no control 'd0.nope'"),
        (
            json!({ "d0.repayment.floor_share": "a lot" }),
            "expected a number",
        ),
        (json!({ "d0.model": "bank" }), "expected one of"),
        (
            json!({ "paths": 5_000_000 }),
            "expected one of [1000,10000,100000]",
        ),
        (
            json!({ "d0.grant.carry_over": 1 }),
            "expected true or false",
        ),
        (
            json!({ "scale.effect_size": -1 }),
            "a scale factor of 0 or more",
        ),
        (json!({ "seed": -4 }), "seed"),
    ] {
        let settings = json!({ "fund": "orebro", "values": values, "lang": "en" });
        let (status, body) = run(app(), settings).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{values}");
        assert!(body["error"].as_str().unwrap().contains(says), "{body}");
    }
    let (status, body) = run(app(), json!({ "fund": "orebro", "lang": "fi" })).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(body["error"].as_str().unwrap().contains("sv or en"));
    let (status, body) = run(app(), json!({ "fund": "orebro", "tab": "x".repeat(65) })).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    let (status, body) = run(app(), json!({ "fund": "../etc/passwd" })).await;
    assert_eq!(status, StatusCode::NOT_FOUND, "{body}");
    let (status, body) = run(app(), json!({ "fund": "orebro", "path": "/tmp/x.toml" })).await;
    assert_eq!(
        status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "unknown fields: {body}"
    );
}

#[tokio::test]
async fn malformed_large_misdirected_and_unknown_requests_get_json_4xx() {
    let json_error = |(status, kind, body): (StatusCode, String, String)| {
        assert!(
            kind.starts_with("application/json"),
            "{status} {kind} {body}"
        );
        assert!(serde_json::from_str::<Value>(&body).unwrap()["error"].is_string());
        status
    };
    let broken = call(app(), post("/api/run", "{\"fund\": ")).await;
    assert_eq!(json_error(broken), StatusCode::BAD_REQUEST);
    let plain = Request::post("/api/run").body(Body::from("{}")).unwrap();
    assert_eq!(
        json_error(call(app(), plain).await),
        StatusCode::UNSUPPORTED_MEDIA_TYPE
    );
    let padding = " ".repeat(MAX_BODY);
    let large = post("/api/run", format!("{{\"fund\": \"orebro\"{padding}}}"));
    assert_eq!(
        json_error(call(app(), large).await),
        StatusCode::PAYLOAD_TOO_LARGE
    );
    assert_eq!(
        json_error(call(app(), get("/api/run")).await),
        StatusCode::METHOD_NOT_ALLOWED
    );
    assert_eq!(
        json_error(call(app(), get("/etc/passwd")).await),
        StatusCode::NOT_FOUND
    );

    let served: SocketAddr = "0.0.0.0:8080".parse().unwrap();
    let hosts = Hosts::new(
        served,
        &["sifsim.lan".to_string(), "alias.lan:8080".to_string()],
    );
    let guarded = || {
        router(
            Arc::new(App::new(Fund::bundled().unwrap())),
            Some(hosts.clone()),
        )
    };
    for (host, ok) in [
        ("127.0.0.1:8080", true),
        ("localhost:8080", true),
        ("0.0.0.0:8080", true),
        ("sifsim.lan:8080", true),
        ("SIFSIM.lan:8080", true),
        ("alias.lan:8080", true),
        ("alias.lan:8080:8080", false),
        ("evil.example:8080", false),
        ("sifsim.lan.evil.example:8080", false),
        ("localhost:9999", false),
    ] {
        let request = Request::get("/api/funds").header(header::HOST, host);
        let response = guarded()
            .oneshot(request.body(Body::empty()).unwrap())
            .await
            .unwrap();
        assert_eq!(response.status().is_success(), ok, "{host}");
    }
}

#[tokio::test]
async fn a_newer_request_of_the_same_tab_cancels_the_older_one_and_other_tabs_run_on() {
    let app = Arc::new(App::new(Fund::bundled().unwrap()));
    let router = router(app.clone(), None);
    let slow = json!({ "fund": "boras", "tab": "a", "values": { "paths": 100000 } });
    let older = tokio::spawn(run(router.clone(), slow.clone()));
    let other = tokio::spawn(run(
        router.clone(),
        json!({ "fund": "ale", "tab": "b", "values": { "paths": 1000 } }),
    ));
    // The newer request comes once the older one runs.
    let started = std::time::Instant::now();
    while !app.running("a") {
        assert!(
            started.elapsed() < Duration::from_secs(30),
            "the older request never ran"
        );
        tokio::task::yield_now().await;
    }
    let newer = json!({ "fund": "boras", "tab": "a", "values": { "paths": 1000 } });
    let (status, body) = run(router.clone(), newer).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let (status, body) = older.await.unwrap();
    assert_eq!(status, StatusCode::CONFLICT, "{body}");
    assert!(body["error"].as_str().unwrap().contains("interrupted"));
    assert_eq!(other.await.unwrap().0, StatusCode::OK);
}

/// What `sifsim run FILE --quiet [ARGS] --out DIR` prints for a scenario file's text.
fn cli_run(text: &str, args: &[&str]) -> std::process::Output {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("scenario.toml");
    std::fs::write(&file, text).unwrap();
    Command::cargo_bin("sifsim")
        .unwrap()
        .arg("run")
        .arg(&file)
        .arg("--quiet")
        .args(args)
        .arg("--out")
        .arg(dir.path().join("out"))
        .output()
        .unwrap()
}

/// The summary `sifsim run` writes for a scenario file's text.
fn cli_summary(text: &str) -> Value {
    let output = cli_run(text, &["--json"]);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    serde_json::from_slice(&output.stdout).unwrap()
}

/// The scenario the page downloads for `settings`, and the summary the page shows for them,
/// checked equal to what `sifsim run` writes for that file.
async fn downloaded_and_run_as_sifsim_run(settings: Value) -> (String, Value) {
    let (status, kind, text) = call(app(), post("/api/toml", settings.to_string())).await;
    assert_eq!(status, StatusCode::OK, "{text}");
    assert!(kind.starts_with("application/toml"));
    let cli = cli_summary(&text);
    let (status, page) = run(app(), settings).await;
    assert_eq!(status, StatusCode::OK, "{page}");
    let page = page["now"]["summary"].clone();
    for key in [
        "designs",
        "units",
        "seed",
        "paths",
        "start_year",
        "years",
        "scenario_sha256",
    ] {
        assert_eq!(page[key], cli[key], "{key}");
    }
    (text, page)
}

/// The page's figures are those `sifsim run` writes for the scenario the page downloads: the
/// same edits, paths and seed, the file's comments kept.
#[tokio::test]
async fn the_figures_equal_those_of_sifsim_run_on_the_downloaded_scenario() {
    let values = json!({
        "d0.repayment.floor_share": 0.1,
        "d0.deposit.share_of_positive_result": 0.02,
        "d1.model": "budget",
        "d1.deposit.fixed": 3,
        "d2.repayment.basis": "planned",
        "d2.repayment.horizon_years": 6,
        "scale.success_probability": 1.3,
        "scale.effect_size": 0.8,
        "annual_result.mean": 120,
        "paths": 1000,
        "seed": 11,
    });
    let settings = json!({ "fund": "orebro", "values": values });
    let (text, page) = downloaded_and_run_as_sifsim_run(settings).await;
    assert!(
        text.contains("# source:") && text.contains("# changed, was 0.30"),
        "{text}"
    );
    for added in [
        "{ kind = \"share_of_positive_result\", share = 0.02 }, # added\n",
        "{ kind = \"fixed\", amount = 3 }, # added\n",
    ] {
        assert_eq!(text.matches(added).count(), 1, "{added}\n{text}");
    }
    assert_eq!(page["designs"][1]["model"], "budget");
}

/// The deposit controls: a share of a positive result and a fixed amount a year per design, as
/// loaded from the file's rules (0 without one), changed through the scenario's rules, and a
/// bad value refused at its control with the command line's message.
#[tokio::test]
async fn deposits_change_the_rules_and_a_bad_one_is_refused_at_its_control() {
    let (_, _, body) = call(app(), get("/api/funds/tomelilla")).await;
    let fund: Value = serde_json::from_str(&body).unwrap();
    let value = |id: &str| {
        (fund["controls"].as_array().unwrap().iter())
            .find(|c| c["id"] == id)
            .map(|c| c["value"].clone())
    };
    assert_eq!(value("d0.deposit.fixed"), Some(json!(0.0)));
    assert_eq!(
        value("d1.deposit.share_of_positive_result"),
        Some(json!(0.1))
    );

    let values = json!({
        "d0.deposit.fixed": 2,
        "d1.deposit.share_of_positive_result": 0.2,
        "paths": 1000,
    });
    let settings = json!({ "fund": "tomelilla", "values": values, "base": true });
    let (text, page) = downloaded_and_run_as_sifsim_run(settings.clone()).await;
    assert!(
        text.contains("fund.deposits = [{ kind = \"fixed\", amount = 2 }] # added\n"),
        "{text}"
    );
    assert!(
        text.contains("share = 0.2, until_balance = 10.0 }, # changed, share was 0.1  # source:"),
        "{text}"
    );
    let (_, both) = run(app(), settings).await;
    let deposited =
        |summary: &Value, d: usize| summary["designs"][d]["deposits"]["mean"].as_f64().unwrap();
    for d in [0, 1] {
        assert!(
            deposited(&page, d) > deposited(&both["base"]["summary"], d),
            "design {d}"
        );
    }

    for (control, value, file_has, file_gets, key) in [
        (
            "d1.deposit.share_of_positive_result",
            json!(1.5),
            "share = 0.1,",
            "share = 1.5,",
            "share",
        ),
        (
            "d1.deposit.fixed",
            json!(-1),
            "\n]",
            "\n  { kind = \"fixed\", amount = -1 },\n]",
            "amount",
        ),
    ] {
        let settings = json!({ "fund": "tomelilla", "values": { control: value }, "lang": "en" });
        let (status, body) = run(app(), settings).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
        assert_eq!(body["fields"][0]["control"], control, "{body}");
        let message = body["fields"][0]["message"].as_str().unwrap();
        let text = include_str!("../scenarios/tomelilla.toml").replacen(file_has, file_gets, 1);
        let cli = cli_run(&text, &["--paths", "10"]);
        assert_eq!(cli.status.code(), Some(2));
        let stderr = String::from_utf8(cli.stderr).unwrap();
        assert!(
            stderr.contains(&format!(".{key}: {message}\n")),
            "{stderr}\n{message}"
        );
    }
}

/// A deposit rule in a list written on one line is marked at the list's line.
#[test]
fn a_deposit_rule_in_a_list_on_one_line_is_marked_at_its_line() {
    let source = Source::read(Path::new("scenarios/bench.toml"), Overrides::default()).unwrap();
    let deposit = |kind, key, value| Edit {
        field: FieldPath::at("design", 0, "fund.deposits"),
        value: sifsim::internals::edit::Value::Deposit { kind, key, value },
    };
    let edits = [
        deposit("share_of_positive_result", "share", 0.2),
        deposit("fixed", "amount", 3.0),
    ];
    let text = source.variant_text(&edits).unwrap();
    let written = "fund.deposits = [{ kind = \"share_of_positive_result\", share = 0.2, until_balance = 180.0 }, \
                   { kind = \"fixed\", amount = 3 }] # added # changed, share was 0.1  # assumption:";
    assert_eq!(text.matches(written).count(), 1, "{text}");
}

#[tokio::test]
async fn an_invalid_download_is_refused_like_a_run() {
    let settings = json!({ "fund": "orebro", "values": { "d1.repayment.horizon_years": 0 } });
    let (status, kind, body) = call(app(), post("/api/toml", settings.to_string())).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(kind.starts_with("application/json"));
    let body: Value = serde_json::from_str(&body).unwrap();
    assert_eq!(body["fields"][0]["control"], "d1.repayment.horizon_years");
}

#[tokio::test]
async fn going_back_to_recent_settings_is_answered_from_memory() {
    let router = app();
    let settings = |floor| json!({ "fund": "orebro", "values": { "d0.repayment.floor_share": floor, "paths": 1000 } });
    let (_, first) = run(router.clone(), settings(0.1)).await;
    let (_, other) = run(router.clone(), settings(0.2)).await;
    let (_, again) = run(router.clone(), settings(0.1)).await;
    assert_eq!(
        first["now"]["summary"], again["now"]["summary"],
        "the same run, kept"
    );
    assert_ne!(
        first["now"]["summary"]["designs"],
        other["now"]["summary"]["designs"]
    );
}
