#![allow(clippy::unwrap_used)] // test helpers: a failure here is the test failing
//! Teaching and conference workflows: step-through, what-if, and the
//! referral summary export.

use crate::common::console::{PLAIN, app_with, has_date, key as press, screen};
use pathwise::case::{Date, parse_case};
use pathwise::library::{Library, Origin, Source};
use ratatui::crossterm::event::KeyCode;
use std::path::Path;
use std::process::Command;

const EXAMPLE: &str = include_str!("../fixtures/schema-example.toml");

/// `pathwise score ID --as-of DAY --json`: the verdict scripts and teachers
/// get for a day, which each step-through stop must show.
fn score_as_of(id: &str, day: Date) -> serde_json::Value {
    let out = Command::new(env!("CARGO_BIN_EXE_pathwise"))
        .args(["score", id, "--json", "--as-of", &day.to_string()])
        .env_remove("PATHWISE_LIBRARY")
        .env("PATHWISE_CONFIG", "/nonexistent/config.toml")
        .output()
        .expect("runs");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    serde_json::from_slice(&out.stdout).expect("json")
}

#[test]
fn each_step_through_stop_scores_like_score_as_of_that_day() {
    let lib = Library::builtin();
    for id in [
        "lumbar-s1-sequestered-fragment",
        "shoulder-massive-rotator-cuff-tear",
        "lumbar-foot-drop-microdiscectomy",
    ] {
        let mut a = app_with(Library::builtin(), 80, 24, PLAIN);
        assert!(a.open_step(id), "{id} opens in step-through");
        let case = lib.find(id).expect("sample").case.clone();
        let mut stops = 0;
        loop {
            let step = a.view.step.as_ref().expect("running");
            if step.finished {
                break;
            }
            let now = step.now();
            let expected = score_as_of(id, now);
            let (_, shown) = a.verdict().expect("a verdict");
            assert_eq!(u64::from(shown.score), expected["score"], "{id} at {now}");
            assert_eq!(shown.band.as_str(), expected["band"], "{id} at {now}");
            assert_eq!(shown.next_step.as_str(), expected["next_step"], "{id} at {now}");
            assert_eq!(shown.period_end.to_string(), expected["evaluated_on"], "{id} at {now}");
            // events after now are not on the timeline
            assert!(a.timeline_events().iter().all(|r| case.event_date(*r) <= now));
            press(&mut a, KeyCode::Char('3'));
            let s = screen(&a);
            assert!(s.contains("you said medical workup"), "{s}");
            assert!(s.contains("The rules say:"), "{s}");
            assert!(s.contains("What happened next:"), "{s}");
            press(&mut a, KeyCode::Enter);
            stops += 1;
        }
        assert!(stops >= 3, "{id}: {stops} stops");
        let s = screen(&a);
        assert!(s.contains(&format!("Step-through done: {stops} stops")), "{s}");
        assert!(s.contains("Your answer matched the rules"), "{s}");
    }
}

fn example_library() -> (tempfile::TempDir, Library) {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("example.toml"), EXAMPLE).unwrap();
    let lib = Library::load(Source::dir(Origin::Flag, dir.path()));
    assert_eq!(lib.cases.len(), 1);
    (dir, lib)
}

#[test]
fn what_if_without_the_injection_turns_intractable_pain_off_and_shows_the_change() {
    let (_dir, lib) = example_library();
    let mut a = app_with(lib, 200, 60, PLAIN);
    press(&mut a, KeyCode::Char('2'));
    let (case, base) = a.selected().expect("the example");
    assert_eq!(base.score, 95);
    let injection = case
        .events()
        .iter()
        .position(|r| r.kind == pathwise::case::EventKind::Injection)
        .expect("injection");
    for _ in 0..injection {
        press(&mut a, KeyCode::Right);
    }
    press(&mut a, KeyCode::Char('x'));
    let (_, w) = a.verdict().expect("verdict");
    let intractable = w
        .criteria
        .iter()
        .find(|c| c.id.as_str() == "intractable-pain")
        .expect("criterion");
    assert_eq!(intractable.status.as_str(), "not-met");
    assert_eq!(
        w.score, 85,
        "indications 25 instead of 30, injection documentation not applicable"
    );
    let s = screen(&a);
    assert!(s.contains("what-if: score 95 → 85 · ready → ready"), "{s}");
    assert!(s.contains("left out of scoring"), "{s}");
    // the file is untouched and X restores the recorded verdict
    press(&mut a, KeyCode::Char('X'));
    assert_eq!(a.verdict().expect("verdict").1.score, 95);
    assert!(!screen(&a).contains("what-if:"));
}

fn pathwise(args: &[&str]) -> std::process::Output {
    let cfg = tempfile::tempdir().unwrap();
    Command::new(env!("CARGO_BIN_EXE_pathwise"))
        .args(args)
        .env("PATHWISE_CONFIG", cfg.path().join("none.toml"))
        .env_remove("PATHWISE_LIBRARY")
        .output()
        .unwrap()
}

#[test]
fn the_markdown_referral_summary_has_every_section() {
    let out = pathwise(&["export", "lumbar-s1-sequestered-fragment", "--format", "markdown"]);
    assert!(out.status.success());
    let md = String::from_utf8(out.stdout).unwrap();
    for section in [
        "# Referral summary:",
        "## Presentation",
        "## Diagnosis",
        "- Initial:",
        "- Working:",
        "(revised 20",
        "## Conservative course",
        "## Imaging and nerve studies",
        "## Medications",
        "## Injections",
        "## Outcome measures",
        "Trend: pain",
        "## Readiness for surgical consult",
        "| conservative care failed |",
        "### Why PT may not be working",
        "not a medical device",
    ] {
        assert!(md.contains(section), "missing {section}:\n{md}");
    }
}

#[test]
fn a_presenting_export_holds_no_calendar_date_and_no_note() {
    let lib = Library::builtin();
    for l in &lib.cases {
        let notes: Vec<&str> = pathwise::present::notes(&l.case).filter(|n| n.len() > 12).collect();
        for format in ["markdown", "json"] {
            let out = pathwise(&["--present", "export", &l.case.id, "--format", format]);
            assert!(out.status.success());
            let text = String::from_utf8(out.stdout).unwrap();
            assert!(!has_date(&text), "{} {format} shows a date", l.case.id);
            for n in &notes {
                assert!(!text.contains(n), "{} {format} shows a note: {n}", l.case.id);
            }
            if let Some(o) = &l.case.patient.occupation {
                assert!(
                    !text.contains(o.as_str()),
                    "{} {format} shows the occupation",
                    l.case.id
                );
            }
        }
    }
}

#[test]
fn export_never_overwrites_without_force() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("summary.md");
    std::fs::write(&target, "keep me").unwrap();
    let path = target.to_str().unwrap();
    let out = pathwise(&["export", "lumbar-s1-sequestered-fragment", "-o", path]);
    // a refused overwrite is a usage error: another name, or --force
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--force"));
    assert_eq!(std::fs::read_to_string(&target).unwrap(), "keep me");
    let out = pathwise(&["export", "lumbar-s1-sequestered-fragment", "-o", path, "--force"]);
    assert!(out.status.success());
    assert!(
        std::fs::read_to_string(&target)
            .unwrap()
            .starts_with("# Referral summary")
    );
    let leftovers: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .flatten()
        .filter(|e| e.file_name() != "summary.md")
        .collect();
    assert!(leftovers.is_empty(), "no temporary file left behind");
}

#[test]
fn the_json_summary_carries_the_score_contract() {
    let out = pathwise(&["export", "lumbar-s1-sequestered-fragment", "--format", "json"]);
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["readiness"]["band"], "ready");
    assert_eq!(v["readiness"]["criteria"].as_array().unwrap().len(), 14);
    assert_eq!(v["readiness"]["rules_version"], 2);
    assert!(
        v["events"]
            .as_array()
            .unwrap()
            .iter()
            .any(|e| e["step"] == "medical-workup" || e["step"] == "workup")
    );
}

#[test]
fn the_detail_pane_names_each_event_s_pathway_step() {
    let case = parse_case(Path::new("example.toml"), EXAMPLE.as_bytes()).unwrap();
    let (_dir, lib) = example_library();
    let mut a = app_with(lib, 200, 60, PLAIN);
    press(&mut a, KeyCode::Char('2'));
    let mri = case
        .events()
        .iter()
        .position(|r| r.kind == pathwise::case::EventKind::Workup)
        .unwrap();
    for _ in 0..mri {
        press(&mut a, KeyCode::Right);
    }
    assert!(screen(&a).contains("step 3 · medical workup"));
    press(&mut a, KeyCode::Esc);
    press(&mut a, KeyCode::Esc);
    assert!(screen(&a).contains("Teaching points") || case.teaching_points.is_empty());
}
