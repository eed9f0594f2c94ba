//! What the live page asks of its current settings, over HTTP without a browser: threshold
//! questions answered as `sifsim run --threshold` answers them, a future where the fund ran dry
//! told as `sifsim explain --ran-dry` tells it, and the report `sifsim report` writes, each for
//! the scenario the page downloads; and the downloads saying what was changed.
#![cfg(feature = "serve")]

mod live;

use std::path::Path;

use assert_cmd::Command;
use axum::http::StatusCode;
use live::{app, ask, call, downloaded, post};
use serde_json::{Value, json};
use sifsim::Simulator;
use sifsim::export::Lang;
use sifsim::internals::simulate::Unmonitored;
use sifsim::internals::source::{Overrides, Source};
use sifsim::internals::story::{self, Pick, Told};
use sifsim::internals::threshold::{Question, Terms, answer};
use sifsim::results::Results;

const FUND: &str = "orebro-pessimistic";

/// The pessimistic Örebro with a lower floor and fewer successes, at 1 000 paths.
fn settings(lang: &str) -> Value {
    json!({
        "fund": FUND, "lang": lang,
        "values": {
            "d0.repayment.floor_share": 0.1,
            "scale.success_probability": 0.7,
            "paths": 1000,
            "seed": 5,
        },
    })
}

/// `sifsim` with `args`: its stdout, or its stderr when it fails.
fn sifsim(args: &[&str]) -> Result<String, String> {
    let output = Command::cargo_bin("sifsim")
        .unwrap()
        .args(args)
        .output()
        .unwrap();
    let text = |bytes: Vec<u8>| String::from_utf8(bytes).unwrap();
    if output.status.success() {
        Ok(text(output.stdout))
    } else {
        Err(text(output.stderr))
    }
}

/// The results of the scenario file at `path`, with `overrides`.
fn simulated(path: &Path, overrides: Overrides) -> Results {
    let source = Source::read(path, overrides).unwrap();
    let simulator = Simulator::new(None, &Unmonitored).unwrap();
    simulator.simulate(source.scenario()).unwrap()
}

#[tokio::test]
async fn a_threshold_question_is_answered_per_design_as_sifsim_run_answers_it() {
    let dir = tempfile::tempdir().unwrap();
    let loaded = simulated(
        &Path::new("scenarios").join(format!("{FUND}.toml")),
        Overrides {
            paths: Some(1000),
            seed: Some(5),
            design: None,
        },
    );
    for (lang, question) in [
        ("sv", "Socialförvaltningen betalar mer än 5 mnkr"),
        ("sv", "fonden under 20 mnkr 2030"),
        ("en", "burden[grundskola]>=1"),
    ] {
        let settings = settings(lang);
        let file = downloaded(&settings, dir.path()).await;
        let body = json!({ "settings": settings, "question": question });
        let (status, answered) = ask(app(), "/api/threshold", body).await;
        assert_eq!(status, StatusCode::OK, "{answered}");

        // The line `sifsim run --threshold` prints for the downloaded file.
        let out = dir.path().join("out");
        let (out, file) = (out.to_str().unwrap(), file.to_str().unwrap());
        let args = [
            "run", file, "--quiet", "--wide", "--lang", lang, "--out", out,
        ];
        let printed = sifsim(&[&args[..], &["--threshold", question]].concat()).unwrap();
        let lang = if lang == "en" { Lang::En } else { Lang::Sv };
        let chances: Vec<String> = (answered["now"].as_array().unwrap().iter())
            .map(|a| {
                format!(
                    "{}\u{a0}{}",
                    a[0].as_str().unwrap(),
                    lang.percent(a[1].as_f64().unwrap(), 1)
                )
            })
            .collect();
        let line = format!(
            "{}: {}\n",
            answered["question"].as_str().unwrap(),
            chances.join(", ")
        );
        assert!(printed.contains(&line), "{printed}\n{line}");

        // Exactly the library's answers, with the settings and as loaded.
        let now = simulated(Path::new(file), Overrides::default());
        let parsed = Question::parse(question, &Terms::of_summary(&now.summary)).unwrap();
        assert_eq!(answered["now"], json!(answer(&now, &parsed)));
        assert_eq!(answered["base"], json!(answer(&loaded, &parsed)));
        assert_ne!(answered["now"], answered["base"], "{question}");
    }
}

#[tokio::test]
async fn a_question_that_cannot_be_read_gets_one_sentence_with_examples_in_the_pages_language() {
    let settings = settings("sv");
    for question in [
        "",
        "fonden under 20 mnkr 1999",
        "Kulturförvaltningen betalar mer än 5",
        "burden[social]>lots",
    ] {
        let body = json!({ "settings": settings, "question": question });
        let (status, refused) = ask(app(), "/api/threshold", body).await;
        assert_eq!(
            status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{question}: {refused}"
        );
        // Regression: the page showed the command line's 900 characters of English forms.
        let message = refused["error"].as_str().unwrap();
        assert_eq!(
            message,
            "Frågan gick inte att läsa; skriv till exempel \u{201d}Förskoleförvaltningen betalar \
             mer än 5 mnkr\u{201d} eller \u{201d}fonden under 20 mnkr 2032\u{201d}.",
            "{question}"
        );
    }
    let english = json!({ "settings": self::settings("en"), "question": "x" });
    let (_, refused) = ask(app(), "/api/threshold", english).await;
    assert!(
        (refused["error"].as_str().unwrap())
            .starts_with("The question could not be read; ask for example"),
        "{refused}"
    );
    // Bad settings are refused at their control, as for a run.
    let mut bad = settings.clone();
    bad["values"]["d0.repayment.floor_share"] = json!(1.5);
    let body = json!({ "settings": bad, "question": "fonden under 20 mnkr 2030" });
    let (status, refused) = ask(app(), "/api/threshold", body).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(refused["fields"][0]["control"], "d0.repayment.floor_share");
    for body in [
        json!({ "settings": settings }),
        json!({ "question": "x>1" }),
        json!({ "settings": settings, "question": 5 }),
    ] {
        let (status, refused) = ask(app(), "/api/threshold", body).await;
        assert!(status.is_client_error(), "{status} {refused}");
    }
}

#[tokio::test]
async fn a_future_where_the_fund_ran_dry_is_told_as_sifsim_explain_tells_it() {
    let dir = tempfile::tempdir().unwrap();
    let settings = settings("sv");
    let path = downloaded(&settings, dir.path()).await;
    let file = path.to_str().unwrap();
    let source = Source::read(&path, Overrides::default()).unwrap();
    let simulator = Simulator::new(None, &Unmonitored).unwrap();
    for design in ["Örebros regel", "Utan golv"] {
        let body = json!({ "settings": settings, "design": design });
        let (status, told) = ask(app(), "/api/explain", body).await;
        assert_eq!(status, StatusCode::OK, "{told}");
        let story = story::explain(&simulator, source.scenario(), design, &Pick::RanDry).unwrap();
        let printed =
            sifsim(&["explain", file, "--design", design, "--ran-dry", "--wide"]).unwrap();
        assert_eq!(printed, story.text(Lang::Sv));
        assert_eq!(told["html"].as_str().unwrap(), story.html(Lang::Sv));
        assert!(matches!(story, Told::Story(_)), "{printed}");
    }
    // A fund too large to run dry: the sentence saying so.
    let mut rich = settings.clone();
    rich["values"]["d1.fund.initial"] = json!(500);
    let body = json!({ "settings": rich, "design": "Golv på varje delbetalning" });
    let (status, told) = ask(app(), "/api/explain", body).await;
    assert_eq!(status, StatusCode::OK, "{told}");
    assert!(
        told["html"]
            .as_str()
            .unwrap()
            .contains("inget avslag på grund av medelsbrist"),
        "{told}"
    );

    let body = json!({ "settings": settings, "design": "Bankens regel" });
    let (status, refused) = ask(app(), "/api/explain", body).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{refused}");
    let stderr = sifsim(&["explain", file, "--design", "Bankens regel", "--ran-dry"]).unwrap_err();
    let message = refused["error"].as_str().unwrap();
    assert!(stderr.contains(message), "{stderr}\n{message}");
}

#[tokio::test]
async fn the_report_of_the_settings_is_the_one_sifsim_report_writes() {
    let dir = tempfile::tempdir().unwrap();
    let settings = settings("en");
    let file = downloaded(&settings, dir.path()).await;
    let (status, kind, page) = call(app(), post("/api/report", settings.to_string())).await;
    assert_eq!(status, StatusCode::OK, "{page}");
    assert!(kind.starts_with("text/html"), "{kind}");
    let out = dir.path().join("report");
    let args = [
        "report",
        file.to_str().unwrap(),
        "--quiet",
        "--lang",
        "en",
        "--out",
    ];
    sifsim(&[&args[..], &[out.to_str().unwrap()]].concat()).unwrap();
    let written = std::fs::read_to_string(out.join("report.html")).unwrap();
    // The first section: the conclusions in sentences.
    let first = |page: &str| page.split("<h2>").nth(1).unwrap().to_string();
    assert_eq!(first(&page), first(&written));
    // The page's report lists what it changed on its first page; otherwise it is the one
    // `sifsim report` writes for the file the page downloads.
    let start = page
        .find("<div class=\"changes\">")
        .expect("the changes are listed");
    let end = start + page[start..].find("</div>\n").unwrap() + "</div>\n".len();
    assert!(page[start..end].contains("Floor: least repayment, share (Örebros regel): 0.3 → 0.1"));
    assert_eq!(format!("{}{}", &page[..start], &page[end..]), written);

    let mut bad = settings.clone();
    bad["values"]["paths"] = json!(7);
    let (status, _, refused) = call(app(), post("/api/report", bad.to_string())).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{refused}");
}

/// A download after a change says so: the scenario's name is marked as changed and each change
/// is listed, from → to, in the file's first comments and on the report's first page; a
/// download of the fund as loaded is the file as it is.
#[tokio::test]
async fn a_download_after_a_change_names_each_change() {
    let values =
        json!({ "d0.repayment.floor_share": 0.5, "d1.repayment.basis": "planned", "paths": 1000 });
    let settings = json!({ "fund": "orebro", "values": values });
    let (status, _, text) = call(app(), post("/api/toml", settings.to_string())).await;
    assert_eq!(status, StatusCode::OK, "{text}");
    let lines: Vec<&str> = text.lines().take(4).collect();
    assert_eq!(
        lines,
        [
            "# Ändrat på webbsidan jämfört med scenariofilen orebro.toml:",
            "#   Golv: minsta återföring, andel (Örebros regel): 0,3 → 0,5",
            "#   Återföringen följer (Golv på varje delbetalning): realiserad besparing → fast återföring enligt plan",
            "#   Antal simuleringar: 10\u{a0}000 → 1\u{a0}000",
        ]
    );
    let table: toml::Table = text.parse().unwrap();
    let name = table["simulation"]["name"].as_str().unwrap();
    assert!(name.ends_with(" (ändrad)"), "{name}");

    let (status, _, report) = call(app(), post("/api/report", settings.to_string())).await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        report.contains(&format!("<h1>{name}</h1>")),
        "the title says changed"
    );
    let first = report
        .find("class=\"changes\"")
        .expect("the changes are listed");
    assert!(
        first < report.find("<h2>").unwrap(),
        "before the first section"
    );
    assert!(report.contains("<li>Golv: minsta återföring, andel (Örebros regel): 0,3 → 0,5</li>"));
}

#[tokio::test]
async fn values_as_loaded_leave_the_downloaded_file_as_it_is() {
    let values = json!({ "d0.repayment.floor_share": 0.30, "d0.model": "repayment", "scale.effect_size": 1 });
    let settings = json!({ "fund": "orebro", "values": values });
    let (status, _, text) = call(app(), post("/api/toml", settings.to_string())).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(text, include_str!("../scenarios/orebro.toml"));
}
