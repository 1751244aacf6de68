//! The console's memory per case (at most 5 KB with 100,000
//! cases): every case is kept packed, with its list row and its score,
//! band and next step; only the selected case is unpacked and evaluated in
//! full. These tests hold what that rests on: a packed case unpacks to the
//! very case that was read, the case and verdict on screen are always those
//! of the selected row (however the selection or the library changed), and
//! what the console keeps per case stays within its share of the budget.
//! The resident memory itself is measured by `benches/console_load.sh`.

use crate::common::console::{PLAIN, app_with, keys};
use pathwise::case::{Case, Packed};
use pathwise::library::{Change, Library, Loaded, Origin, Source};
use pathwise::rules::{Brief, Options, evaluate};
use pathwise::tui::app::{App, ListLabel, Msg};

fn generated(n: usize, dir: &std::path::Path) -> Library {
    pathwise::generate::generate(n, 7, dir).expect("generate");
    let library = Library::load(Source::dir(Origin::Flag, dir));
    assert_eq!(library.cases.len(), n, "{:?}", library.errors.first());
    library
}

#[test]
fn every_generated_case_unpacks_to_the_case_read_and_its_head_agrees() {
    let dir = tempfile::tempdir().expect("temp dir");
    let library = generated(600, dir.path());
    for l in library.cases.iter().chain(&Library::builtin().cases) {
        let p = Packed::new(&l.case);
        assert_eq!(p.unpack(), l.case, "{}", l.case.id);
        let h = p.head();
        assert_eq!(
            (h.id, h.title, h.alias),
            (&*l.case.id, &*l.case.title, &*l.case.patient.alias)
        );
        assert_eq!(h.tags().collect::<Vec<_>>(), l.case.tags);
        assert_eq!(h.working_diagnosis, l.case.presentation.working_diagnosis.as_deref());
    }
}

/// What the panes show is the selected row's case, as read, and its
/// verdict, evaluated in full; the list's score agrees.
fn check(a: &App, after: &str) {
    let Some(i) = a.selected_index() else {
        assert!(a.selected().is_none(), "after {after}: nothing selected, nothing shown");
        return;
    };
    let (case, r) = a
        .selected()
        .unwrap_or_else(|| panic!("after {after}: row {i} selected, no case"));
    let listed: Case = a.library.cases[i].case.unpack();
    assert_eq!(case, &listed, "after {after}: the case shown is the selected row's");
    let full = evaluate(&listed, &a.profile, &Options::default());
    assert_eq!(r, &full, "after {after}: the verdict shown is the case's");
    assert_eq!(
        a.readiness[i],
        full.brief(),
        "after {after}: the list's score is the case's"
    );
}

#[test]
fn the_case_on_screen_is_the_selected_one_whatever_moved_the_selection() {
    let mut a = app_with(Library::builtin(), 200, 60, PLAIN);
    check(&a, "start");
    let steps = [
        "j",
        "j",
        "k",
        "G",
        "g",
        "/l5",
        "<down>",
        "<enter>",
        "/",
        "<backspace>",
        "<backspace>",
        "<backspace>",
        "<esc>",
        "o",
        "o",
        "o",
        ":knee<enter>",
        "/rotater<enter>",
        "<esc>",
        "j",
        "p",
        "j",
        "j",
        "p",
        "x",
        "j",
        "s",
        "<esc>",
        "G",
        "k",
    ];
    for s in steps {
        keys(&mut a, s);
        check(&a, s);
    }
}

#[test]
fn a_reload_of_the_selected_file_shows_the_new_case_and_verdict() {
    let mut a = app_with(Library::builtin(), 200, 60, PLAIN);
    keys(&mut a, "jjj");
    let i = a.selected_index().expect("a case");
    let Loaded { path, case } = a.library.cases[i].clone();
    let mut edited = case.unpack();
    edited.title = format!("{} (edited)", edited.title);
    for s in &mut edited.assessment {
        s.pain = Some(10);
    }
    let change: Change<Packed> = (path.clone(), Some(Ok(Packed::new(&edited))));
    a.update(Msg::FilesChanged(vec![change]));
    check(&a, "the reload");
    let (shown, _) = a.selected().expect("still selected");
    assert_eq!(shown.title, edited.title, "the reloaded case is shown");
    // and the file removed: another case is selected and shown
    a.update(Msg::FilesChanged(vec![(path, None)]));
    check(&a, "the removal");
    assert!(a.selected().is_some_and(|(c, _)| c.id != edited.id));
}

/// Bytes the console holds for each case, counted from its structures
/// (not the allocator's rounding, nor what the load left free): the
/// packed case, its path, the library's slot, the score, the label slot,
/// the list row (search index and sort keys) and the list's state.
fn held_per_case(a: &App) -> (f64, Vec<(&'static str, f64)>) {
    let n = a.library.cases.len() as f64;
    let sum = |f: &dyn Fn(&Loaded<Packed>) -> usize| a.library.cases.iter().map(f).sum::<usize>() as f64 / n;
    let parts = vec![
        ("packed case", sum(&|l| l.case.heap_bytes())),
        ("path", sum(&|l| l.path.capacity())),
        ("library slot", std::mem::size_of::<Loaded<Packed>>() as f64),
        ("score, band, next step", std::mem::size_of::<Brief>() as f64),
        ("label slot", std::mem::size_of::<Option<Box<ListLabel>>>() as f64),
        ("list row", a.rows.heap_bytes() as f64 / n),
        ("list state", a.list.heap_bytes() as f64 / n),
    ];
    (parts.iter().map(|(_, b)| b).sum(), parts)
}

#[test]
fn the_console_keeps_under_4_kb_a_case_leaving_room_for_the_allocator() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut a = app_with(generated(2000, dir.path()), 200, 60, PLAIN);
    keys(&mut a, "/shoulder<enter>jj");
    let (total, parts) = held_per_case(&a);
    let shown: Vec<String> = parts.iter().map(|(what, b)| format!("{what} {b:.0} B")).collect();
    eprintln!("held per case: {total:.0} B ({})", shown.join(", "));
    // 5 KB of resident memory a case is the budget; the allocator's
    // headers and rounding and what loading leaves free take about 600 B
    assert!(total < 4096.0, "{total:.0} B a case: {}", shown.join(", "));
}

#[test]
fn when_the_selected_case_is_withheld_as_a_duplicate_the_next_one_is_shown() {
    use pathwise::tui::app::{Arrived, Effect, LoadEvent};
    let profile = pathwise::rules::Profile::builtin();
    let (mut a, effect) = App::starting(Source::builtin(), crate::common::console::settings(120, 40, PLAIN));
    let Effect::Load { generation: g } = effect else {
        panic!("a load: {effect:?}")
    };
    let mut all: Vec<Arrived> = Library::builtin()
        .cases
        .into_iter()
        .map(|l| Arrived::new(l.path, &l.case, &profile))
        .collect();
    // a second file with the id of the case the list selects first
    a.update(Msg::Load(LoadEvent::Found {
        generation: g,
        total: all.len() + 1,
        errors: Vec::new(),
    }));
    a.update(Msg::Load(LoadEvent::Batch {
        generation: g,
        cases: all.clone(),
        errors: Vec::new(),
    }));
    check(&a, "the batch");
    let i = a.selected_index().expect("a case is selected");
    let mut twin = all[i].clone();
    twin.loaded.path = std::path::PathBuf::from("zz-twin.toml");
    let id = twin.loaded.case.id().to_string();
    let paths = vec![all[i].loaded.path.clone(), twin.loaded.path.clone()];
    all.truncate(0);
    a.update(Msg::Load(LoadEvent::Batch {
        generation: g,
        cases: vec![twin],
        errors: Vec::new(),
    }));
    check(&a, "the twin");
    a.update(Msg::Load(LoadEvent::Done {
        generation: g,
        duplicates: std::collections::HashMap::from([(id.clone(), paths)]),
    }));
    check(&a, "the withholding");
    assert!(a.selected().is_some_and(|(c, _)| c.id != id), "another case is shown");
    let shown = a.view.shown.as_ref().expect("a case view");
    let (case, _) = a.selected().expect("a case");
    let path = &a.library.cases[a.selected_index().expect("a case")].path;
    let wanted = pathwise::present::Presenter::new(case, a.privacy())
        .with_file(path)
        .case_view();
    assert_eq!(
        shown.header, wanted.header,
        "the views were made again for the case now selected"
    );
}
