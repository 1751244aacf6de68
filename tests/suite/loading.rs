//! Loading never blocks the console. The console once read the whole
//! library on its event thread before its loop began, so with a huge
//! library (or a file that blocks) it sat on "loading", deaf to `q` and
//! Ctrl-C. Now a loader thread sends progress and batches of cases as
//! messages: in-process, the state follows them (cases listed, selectable
//! and searchable as they arrive, a reload swapped in whole, stale loads
//! ignored, file changes held until the load is done); in tmux, the real
//! binary quits during a slow load and shows its progress.

use crate::common::Tmux;
use crate::common::console::{PLAIN, keys, sample_count, screen, settings};
use crate::common::library_of;

use pathwise::case::CaseError;
use pathwise::library::{Library, Source};
use pathwise::rules::Profile;
use pathwise::tui::app::{App, Arrived, Effect, LoadEvent, Msg};
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// The built-in samples as the loader hands them over, scored.
fn arrivals() -> Vec<Arrived> {
    let profile = Profile::builtin();
    Library::builtin()
        .cases
        .into_iter()
        .map(|loaded| Arrived::new(loaded.path, &loaded.case, &profile))
        .collect()
}

fn generation(effect: &Effect) -> u64 {
    match effect {
        Effect::Load { generation } => *generation,
        other => panic!("expected a load, got {other:?}"),
    }
}

fn found(g: u64, total: usize) -> Msg {
    Msg::Load(LoadEvent::Found {
        generation: g,
        total,
        errors: Vec::new(),
    })
}

fn batch(g: u64, cases: Vec<Arrived>) -> Msg {
    Msg::Load(LoadEvent::Batch {
        generation: g,
        cases,
        errors: Vec::new(),
    })
}

fn progress(g: u64, read: usize) -> Msg {
    Msg::Load(LoadEvent::Progress { generation: g, read })
}

fn done(g: u64) -> Msg {
    Msg::Load(LoadEvent::Done {
        generation: g,
        duplicates: HashMap::new(),
    })
}

fn starting() -> (App, u64) {
    let (app, effect) = App::starting(Source::builtin(), settings(120, 40, PLAIN));
    let g = generation(&effect);
    (app, g)
}

#[test]
fn cases_are_listed_selectable_and_searchable_as_they_arrive() {
    let n = sample_count();
    let (mut a, g) = starting();
    let s = screen(&a);
    assert!(s.contains("finding case files"), "before the files are found:\n{s}");
    a.update(found(g, n));
    a.update(progress(g, 0));
    let s = screen(&a);
    assert!(
        s.contains(&format!("loading 0/{n}")),
        "progress in the status line:\n{s}"
    );
    assert!(
        s.contains(&format!("loading… 0 of {n} files")),
        "and in the empty list:\n{s}"
    );
    let mut all = arrivals();
    let rest = all.split_off(8);
    a.update(batch(g, all));
    a.update(progress(g, 8));
    let s = screen(&a);
    assert!(s.contains("Cases 8/8"), "the first batch is listed:\n{s}");
    let bar = format!(
        "loading 8/{n} {}{}",
        "▰".repeat(8 * 10 / n),
        "▱".repeat(10 - 8 * 10 / n)
    );
    assert!(s.contains(&bar), "files read of all, and a bar ({bar}):\n{s}");
    // selectable
    keys(&mut a, "j");
    assert_eq!(a.list.selected, 1);
    // searchable on what has loaded
    keys(&mut a, "/rot");
    keys(&mut a, "<enter>");
    a.update(batch(g, rest));
    a.update(progress(g, n));
    // the filter applies to the new cases too: the list is what the same
    // search over the whole library gives
    let mut whole = crate::common::console::app(120, 40);
    keys(&mut whole, "/rot<enter>");
    let ids = |app: &App| -> Vec<String> {
        let mut v: Vec<String> = app
            .list
            .visible
            .iter()
            .map(|&i| app.library.cases[i].case.id().to_string())
            .collect();
        v.sort();
        v
    };
    assert_eq!(ids(&a), ids(&whole), "the filter applies to new cases too");
    assert_eq!(a.list.fuzzy, whole.list.fuzzy);
    keys(&mut a, "<esc>");
    a.update(done(g));
    assert!(a.load_progress().is_none(), "the load is over");
    let s = screen(&a);
    assert!(
        s.contains(&format!("Cases {n}/{n}")) && s.contains(&format!("library: {n} cases")),
        "{s}"
    );
    assert!(!a.list.visible.is_empty());
}

#[test]
fn the_selected_case_stays_selected_while_cases_arrive() {
    let n = sample_count();
    let (mut a, g) = starting();
    a.update(found(g, n));
    let mut all = arrivals();
    let rest = all.split_off(5);
    a.update(batch(g, all));
    keys(&mut a, "jj");
    let picked = a.selected().map(|(c, _)| c.id.clone());
    a.update(batch(g, rest));
    a.update(done(g));
    assert_eq!(a.selected().map(|(c, _)| c.id.clone()), picked);
}

#[test]
fn q_and_ctrl_c_quit_while_loading() {
    let (mut a, g) = starting();
    a.update(found(g, 100_000));
    assert_eq!(
        a.update(Msg::Key(KeyEvent::new(KeyCode::Char('q'), KeyModifiers::NONE))),
        Effect::Quit
    );
    assert_eq!(
        a.update(Msg::Key(KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL))),
        Effect::Quit
    );
}

#[test]
fn a_reload_keeps_the_library_on_screen_until_it_is_complete() {
    let n = sample_count();
    let mut a = crate::common::console::app(120, 40);
    keys(&mut a, "jjj");
    let picked = a.selected().map(|(c, _)| c.id.clone());
    let g = generation(&a.update(Msg::Key(KeyEvent::new(KeyCode::Char('r'), KeyModifiers::NONE))));
    a.update(found(g, n));
    let mut all = arrivals();
    let rest = all.split_off(3);
    a.update(batch(g, all));
    let s = screen(&a);
    assert!(
        s.contains(&format!("Cases {n}/{n}")),
        "the old library stays while the new one loads:\n{s}"
    );
    assert!(s.contains("loading"), "{s}");
    a.update(batch(g, rest));
    a.update(done(g));
    let s = screen(&a);
    assert!(
        s.contains(&format!("Cases {n}/{n}")) && s.contains(&format!("reloaded {n} cases")),
        "{s}"
    );
    assert_eq!(
        a.selected().map(|(c, _)| c.id.clone()),
        picked,
        "the selection follows the case"
    );
}

#[test]
fn a_superseded_load_is_ignored() {
    let n = sample_count();
    let (mut a, g1) = starting();
    a.update(found(g1, n));
    let mut all = arrivals();
    let rest = all.split_off(4);
    a.update(batch(g1, all));
    let g2 = generation(&a.update(Msg::Key(KeyEvent::new(KeyCode::Char('r'), KeyModifiers::NONE))));
    assert!(g2 > g1);
    // the old load's messages change nothing
    a.update(batch(g1, rest));
    a.update(done(g1));
    assert_eq!(a.library.cases.len(), 4);
    assert!(a.load_progress().is_some(), "the new load still runs");
    a.update(found(g2, n));
    a.update(batch(g2, arrivals()));
    a.update(done(g2));
    assert_eq!(a.library.cases.len(), n);
    assert!(a.load_progress().is_none());
}

#[test]
fn file_changes_during_a_load_wait_for_it() {
    let n = sample_count();
    let (mut a, g) = starting();
    a.update(found(g, n));
    let file = PathBuf::from("cases/a.toml");
    let e = a.update(Msg::FilesTouched {
        paths: vec![file.clone()],
        folder: false,
    });
    assert_eq!(e, Effect::None, "nothing is read while the library loads");
    a.update(batch(g, arrivals()));
    assert_eq!(
        a.update(done(g)),
        Effect::ReadFiles(vec![file]),
        "then the file is read"
    );
    // a folder change during a load reloads once it is done
    let g = generation(&a.update(Msg::Key(KeyEvent::new(KeyCode::Char('r'), KeyModifiers::NONE))));
    a.update(Msg::FilesTouched {
        paths: Vec::new(),
        folder: true,
    });
    a.update(found(g, n));
    a.update(batch(g, arrivals()));
    assert!(matches!(a.update(done(g)), Effect::Load { .. }));
}

#[test]
fn duplicate_ids_are_withheld_when_the_load_is_done() {
    let n = sample_count();
    let (mut a, g) = starting();
    let mut all = arrivals();
    let mut twin = all[0].clone();
    twin.loaded.path = PathBuf::from("zz-twin.toml");
    let id = twin.loaded.case.id().to_string();
    let paths = vec![all[0].loaded.path.clone(), twin.loaded.path.clone()];
    all.push(twin);
    a.update(found(g, all.len()));
    a.update(batch(g, all));
    assert_eq!(a.library.cases.len(), n + 1, "listed as they arrive");
    a.update(Msg::Load(LoadEvent::Done {
        generation: g,
        duplicates: HashMap::from([(id.clone(), paths)]),
    }));
    assert_eq!(a.library.cases.len(), n - 1, "both files with the id are withheld");
    assert_eq!(a.readiness.len(), n - 1);
    assert_eq!(a.rows.len(), n - 1);
    assert!(a.library.cases.iter().all(|l| l.case.id() != id));
    assert!(
        a.library
            .errors
            .iter()
            .any(|e: &CaseError| e.message.contains("duplicate id"))
    );
    let s = screen(&a);
    assert!(s.contains("2 files failed to load"), "{s}");
}

#[test]
fn step_through_asked_for_at_start_opens_once_its_case_is_loaded() {
    let (mut a, g) = starting();
    let all = arrivals();
    let id = all
        .iter()
        .find(|c| pathwise::tui::step::Step::start(&c.loaded.case.unpack(), &Profile::builtin()).is_some())
        .map(|c| c.loaded.case.id().to_string())
        .expect("a case with a step");
    a.update(Msg::Step(id.clone()));
    assert!(a.view.step.is_none());
    a.update(found(g, all.len()));
    a.update(batch(g, all));
    a.update(done(g));
    assert!(a.view.step.is_some(), "step-through opened");
    assert_eq!(a.selected().map(|(c, _)| c.id.clone()), Some(id));
}

#[test]
fn effects_come_back_as_messages() {
    let mut a = crate::common::console::app(120, 40);
    // E asks for the export with its text; the runtime writes it and says how it went
    let e = a.update(Msg::Key(KeyEvent::new(KeyCode::Char('E'), KeyModifiers::SHIFT)));
    let Effect::Export { id, body } = e else {
        panic!("E exports, got {e:?}")
    };
    assert_eq!(Some(id.as_str()), a.selected().map(|(c, _)| c.id.as_str()));
    assert!(body.starts_with("# Referral summary"));
    a.update(Msg::Exported(Ok(PathBuf::from("./x-referral.md"))));
    assert!(screen(&a).contains("wrote ./x-referral.md"));
    a.update(Msg::Exported(Err("./x: is a directory".into())));
    assert!(screen(&a).contains("export failed: ./x: is a directory"));
    // the editor's return reads the file again, and its failure is shown
    let path = a.library.cases[0].path.clone();
    let e = a.update(Msg::EditorClosed {
        path: path.clone(),
        result: Err("vi exited with exit status: 1".into()),
    });
    assert_eq!(e, Effect::ReadFiles(vec![path]));
    assert!(screen(&a).contains("vi exited with exit status: 1"));
}

/// The runtime carries effects out and reports them as messages; it never
/// writes the app's state itself (it once set `app.flash` in five places,
/// overwriting what `update` had set).
#[test]
fn the_runtime_never_sets_app_fields() {
    let src = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("src/tui/runtime.rs")).expect("read");
    for (n, line) in src.lines().enumerate() {
        let code = line.split("//").next().unwrap_or("");
        if let Some(at) = code.find("app.") {
            let rest = &code[at + 4..];
            let field: String = rest.chars().take_while(|c| c.is_alphanumeric() || *c == '_').collect();
            let after = rest[field.len()..].trim_start();
            let assigns = (after.starts_with('=') && !after.starts_with("==")) || after.starts_with("+=");
            assert!(!assigns, "runtime.rs:{}: sets app.{field}: {line}", n + 1);
        }
    }
}

/// A slow load, in the real binary: a debug-build pause before each file
/// (`PATHWISE_TEST_LOAD_DELAY_MS`, compiled out of release builds) makes
/// 400 files take four seconds.
fn slow_console(name: &str, key: &str) {
    let lib = library_of(400);
    let Some(t) = Tmux::start(name, 100, 30) else { return };
    t.shell("export PATHWISE_TEST_LOAD_DELAY_MS=20");
    t.launch(&format!("--library {}", lib.path().display()));
    let s = t.wait_for("progress", |s| s.contains("loading") && s.contains("/400"));
    assert!(s.contains('▱'), "a progress bar:\n{s}");
    let s = t.wait_for("the first cases", |s| {
        s.contains("Cases 64/64") || s.contains("Cases 128/128")
    });
    assert!(!s.contains("library: 400 cases"), "the load is still going:\n{s}");
    let asked = Instant::now();
    t.send(&[key]);
    t.wait_for("the shell", |s| s.contains("EXIT=0"));
    assert!(
        asked.elapsed() < Duration::from_secs(2),
        "{key} took {:?} during the load",
        asked.elapsed()
    );
    t.assert_restored(&format!("{key} during a load"));
}

#[test]
fn q_quits_during_a_slow_load_which_shows_its_progress() {
    slow_console("slowq", "q");
}

#[test]
fn ctrl_c_quits_during_a_slow_load() {
    slow_console("slowc", "C-c");
}
