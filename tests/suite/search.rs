//! The case search in the console: the fuzzy fallback on screen, `band:`
//! labels, Esc keeping the case, and a property test that backspace and
//! Ctrl-W always leave exactly the list a fresh search for the shorter
//! query gives, over a generated library.

use crate::common::console::{PLAIN, app, app_with, keys, screen};
use pathwise::library::{Library, Origin, Source};
use pathwise::tui::app::{App, Msg};
use proptest::prelude::*;
use proptest::test_runner::{Config, TestRunner};
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use std::cell::RefCell;

fn ctrl(a: &mut App, c: char) {
    a.update(Msg::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL)));
}

#[test]
fn a_typo_finds_its_case_marked_fuzzy() {
    let mut a = app(200, 60);
    keys(&mut a, "/rotater");
    assert!(a.list.fuzzy, "no word begins with \"rotater\"");
    assert!(!a.list.visible.is_empty());
    let first = &a.library.cases[a.list.visible[0]].case.unpack();
    let words = format!("{} {}", first.title, first.tags.join(" ")).to_lowercase();
    assert!(
        words.contains("rotator"),
        "the best fuzzy match is the rotator cuff case: {}",
        first.title
    );
    let s = screen(&a);
    let title = format!("Cases {} fuzzy/{}", a.list.visible.len(), a.library.cases.len());
    assert!(s.contains(&title), "the pane title says fuzzy:\n{s}");
    assert!(s.contains("~ fuzzy"), "the search line says so");
    // every case's first row is marked (a case may take two rows)
    let starts: Vec<&str> = s
        .lines()
        .skip(2)
        .filter(|l| l.chars().skip(3).take(5).collect::<String>() == "Case ")
        .collect();
    assert!(!starts.is_empty());
    for l in &starts {
        assert!(
            l.starts_with("│▶~") || l.starts_with("│ ~"),
            "every row is marked: {l}\n{s}"
        );
    }
    // one backspace short of a word: "rotate" is still a typo; "rotat" is not
    keys(&mut a, "<backspace><backspace>");
    assert!(!a.list.fuzzy, "\"rotat\" begins a word");
    let s = screen(&a);
    assert!(!s.contains("fuzzy") && !s.contains("│ ~"), "no fuzzy rows:\n{s}");
}

#[test]
fn band_accepts_the_badges_on_screen() {
    let mut a = app(200, 60);
    for (query, band) in [
        ("rdy", "ready"),
        ("URG", "urgent"),
        ("apr", "approaching"),
        ("Not-Ready", "not-ready"),
    ] {
        keys(&mut a, &format!("/band:{query}<enter>"));
        for &i in &a.list.visible {
            assert_eq!(a.readiness[i].band.as_str(), band, "band:{query}");
        }
        let all = a.readiness.iter().filter(|r| r.band.as_str() == band).count();
        assert_eq!(a.list.visible.len(), all, "band:{query} finds every {band} case");
        keys(&mut a, "/");
        ctrl(&mut a, 'u');
        keys(&mut a, "<enter>");
    }
}

#[test]
fn esc_on_a_fuzzy_search_keeps_the_selected_case() {
    let mut a = app(200, 60);
    keys(&mut a, "/rotater<down>");
    let picked = a.selected_index().expect("a fuzzy match is selected");
    keys(&mut a, "<esc>");
    assert_eq!(a.selected_index(), Some(picked));
    assert!(!a.list.fuzzy && a.list.visible.len() == a.library.cases.len());
}

/// A generated library, once for the property test.
fn generated() -> &'static Library {
    static LIB: std::sync::OnceLock<Library> = std::sync::OnceLock::new();
    LIB.get_or_init(|| {
        let dir = tempfile::tempdir().expect("temp dir");
        pathwise::generate::generate(300, 7, dir.path()).expect("generate");
        Library::load(Source::dir(Origin::Flag, dir.path()))
    })
}

#[derive(Debug, Clone)]
enum Edit {
    Type(&'static str),
    Backspace,
    DeleteWord,
}

/// Words and letters that match something in a generated library, typos,
/// field terms and the fzf operators.
const PIECES: &[&str] = &[
    "r",
    "o",
    "t",
    "a",
    "e",
    "s",
    "h",
    "l",
    "c",
    "u",
    "d",
    "i",
    "n",
    "p",
    "k",
    " ",
    " ",
    "rot",
    "rad",
    "sho",
    "lumb",
    "knee",
    "cuff",
    "rotater",
    "stenossis",
    "band:",
    "rdy",
    "urg",
    "region:",
    "wrist",
    "tag:",
    "!",
    "'",
    "^",
    "$",
    "xq",
];

fn edits() -> impl Strategy<Value = Vec<Edit>> {
    let edit = prop_oneof![
        5 => proptest::sample::select(PIECES).prop_map(Edit::Type),
        2 => Just(Edit::Backspace),
        1 => Just(Edit::DeleteWord),
    ];
    proptest::collection::vec(edit, 1..24)
}

#[test]
fn backspace_and_delete_word_give_the_list_of_a_fresh_search() {
    let typed = RefCell::new(app_with(generated().clone(), 200, 60, PLAIN));
    let fresh = RefCell::new(app_with(generated().clone(), 200, 60, PLAIN));
    let mut runner = TestRunner::new(Config {
        cases: 96,
        failure_persistence: None,
        ..Config::default()
    });
    runner
        .run(&edits(), |edits| {
            let mut a = typed.borrow_mut();
            // a new search: the box opened and emptied
            keys(&mut a, "<esc>/");
            for e in &edits {
                match e {
                    Edit::Type(s) => keys(&mut a, s),
                    Edit::Backspace => keys(&mut a, "<backspace>"),
                    Edit::DeleteWord => ctrl(&mut a, 'w'),
                }
            }
            let query = a.list.query.clone();
            // the same query searched from scratch: emptied, then pasted at once
            let mut f = fresh.borrow_mut();
            keys(&mut f, "<esc>/");
            ctrl(&mut f, 'u');
            f.update(Msg::Paste(query.clone()));
            prop_assert_eq!(&f.list.query, &query);
            prop_assert_eq!(&a.list.visible, &f.list.visible, "query {:?}", query);
            prop_assert_eq!(a.list.fuzzy, f.list.fuzzy, "query {:?}", query);
            if !query.is_empty() {
                // a new query selects its best match (an empty one keeps the case)
                prop_assert_eq!(a.selected_index(), f.selected_index(), "query {:?}", query);
            }
            Ok(())
        })
        .expect("typed and fresh searches agree");
}
