#![allow(clippy::unwrap_used)] // test helpers: a failure here is the test failing
//! Presentation mode through every front end. Every sample, copied into a
//! library under a file name that names a patient, goes through the
//! console's detail pane at 400 columns (the case header and every event,
//! with the pane titles and the readiness panel), `show`,
//! `export --format markdown` and `export --format json`. While presenting
//! none of them may show a calendar date (YYYY-MM-DD), a note, the
//! occupation, the case id or the file name; without presenting each of
//! them shows all of these, so the checks can fail.

use crate::common::console::{Opts, PLAIN, app_with, keys, screen};
use crate::common::secrets::Secrets;
use pathwise::library::{Library, Origin, Source};
use pathwise::present::{Privacy, age_band};
use pathwise::tui::{detail, readiness};
use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::Command;

/// The samples, each as `mrs-jones-NN.toml`: a file named after a patient.
struct Named {
    _dir: tempfile::TempDir,
    path: PathBuf,
}

fn named_library() -> Named {
    let dir = tempfile::tempdir().unwrap();
    let samples = Path::new(env!("CARGO_MANIFEST_DIR")).join("data").join("cases");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&samples)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
        .collect();
    files.sort();
    for (n, f) in files.iter().enumerate() {
        std::fs::copy(f, dir.path().join(format!("mrs-jones-{n:02}.toml"))).unwrap();
    }
    let path = dir.path().to_path_buf();
    Named { _dir: dir, path }
}

/// Checks one front end's output for one case, presenting or not.
fn check(front: &str, secrets: &Secrets, present: bool, out: &str, problems: &mut Vec<String>) {
    let seen = secrets.shown_in(out);
    if present && !seen.is_empty() {
        problems.push(format!("{front} --present {}: shows {}", secrets.id, seen.join(", ")));
    }
    if !present && seen.len() != secrets.count() {
        problems.push(format!(
            "{front} {}: shows only {} of {} (the check could not fail): {}",
            secrets.id,
            seen.len(),
            secrets.count(),
            seen.join(", ")
        ));
    }
}

fn pathwise(library: &Path, present: bool, args: &[&str]) -> String {
    let cfg = tempfile::tempdir().unwrap();
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_pathwise"));
    if present {
        cmd.arg("--present");
    }
    let out = cmd
        .args(args)
        .arg("--library")
        .arg(library)
        .env("PATHWISE_CONFIG", cfg.path().join("none.toml"))
        .env_remove("PATHWISE_LIBRARY")
        .current_dir(cfg.path())
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// Every string in a JSON value, one a line (notes are compared as text,
/// not as JSON escapes).
fn strings(v: &Value, out: &mut String) {
    match v {
        Value::String(s) => {
            out.push_str(s);
            out.push('\n');
        }
        Value::Array(a) => a.iter().for_each(|v| strings(v, out)),
        Value::Object(m) => m.values().for_each(|v| strings(v, out)),
        _ => {}
    }
}

#[test]
fn every_sample_through_every_front_end_shows_nothing_identifying_while_presenting() {
    let named = named_library();
    let library = Library::load(Source::dir(Origin::Flag, &named.path));
    assert_eq!(
        library.cases.len(),
        Library::builtin().cases.len(),
        "{:?}",
        library.errors
    );
    let mut problems = Vec::new();
    let mut notes_checked = 0;
    for present in [false, true] {
        // the console, in-process, at 400 columns
        let mut a = app_with(
            Library::load(Source::dir(Origin::Flag, &named.path)),
            400,
            120,
            Opts { present, ..PLAIN },
        );
        assert_eq!(a.privacy(), Privacy::presenting(present));
        for _ in 0..a.list.visible.len() {
            let i = a.selected_index().unwrap();
            let l = &a.library.cases[i];
            let case = l.case.unpack();
            let secrets = Secrets::of(&case, &l.path);
            let shown = a.view.shown.clone().unwrap();
            let verdict = a.view.verdict.clone().unwrap();
            let mut out = String::new();
            for event in std::iter::once(None).chain((0..shown.events.len()).map(Some)) {
                out.push_str(&detail::title(&a, &shown, event));
                out.push('\n');
                for line in detail::lines(&a, &shown, event, 400) {
                    out.push_str(&line.to_string());
                    out.push('\n');
                }
            }
            for (line, _) in readiness::lines(&a, &verdict, 400) {
                out.push_str(&line.to_string());
                out.push('\n');
            }
            // and the whole screen, at the case and at its first event
            out.push_str(&screen(&a));
            a.view.event = Some(0);
            out.push_str(&screen(&a));
            a.view.event = None;
            let patient = &shown.field("patient").unwrap().value;
            let age = if present {
                age_band(case.patient.age)
            } else {
                case.patient.age_label()
            };
            assert!(patient.contains(&format!(", age {age}")), "{patient}");
            if present {
                assert_eq!(
                    patient,
                    &format!("{}, age {age}", shown.alias),
                    "alias and age band only"
                );
            }
            notes_checked += secrets.notes.len();
            check("console", &secrets, present, &out, &mut problems);
            keys(&mut a, "j");
        }
        // the command line, on the same library
        for l in &library.cases {
            let secrets = Secrets::of(&l.case, &l.path);
            let id = l.case.id.as_str();
            let show = pathwise(&named.path, present, &["show", id]);
            check("show", &secrets, present, &show, &mut problems);
            let md = pathwise(&named.path, present, &["export", id, "--format", "markdown"]);
            check("export markdown", &secrets, present, &md, &mut problems);
            let json: Value =
                serde_json::from_str(&pathwise(&named.path, present, &["export", id, "--format", "json"])).unwrap();
            assert_eq!(json["id"].is_null(), present, "the id is null only while presenting");
            let mut text = String::new();
            strings(&json, &mut text);
            check("export json", &secrets, present, &text, &mut problems);
        }
    }
    assert!(notes_checked > 20, "the samples hold notes to hide ({notes_checked})");
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn presenting_hides_load_errors_file_names() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("jane-doe-knee.toml"), "schema = 1\nid = \"x\"\n").unwrap();
    for present in [false, true] {
        let mut a = app_with(
            Library::load(Source::dir(Origin::Flag, dir.path())),
            120,
            40,
            Opts { present, ..PLAIN },
        );
        keys(&mut a, "!");
        let s = screen(&a);
        assert_eq!(s.contains("jane-doe-knee"), !present, "{s}");
        assert!(s.contains("Load errors"), "{s}");
    }
}
