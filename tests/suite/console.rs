//! The console's state and drawing, without a terminal: key sequences
//! applied to the app state, and whole screens rendered into a buffer at
//! the sizes users have (80x24 over SSH, 100x30, 120x40, 200x60 on a
//! projector).

use crate::common::console::{Opts, PLAIN, app, app_with, has_date, key, keys, render, text};
use pathwise::case::{EventKind, days_between};
use pathwise::library::{Library, Origin, Source};
use pathwise::theme::Depth;
use pathwise::tui::app::Msg;
use pathwise::tui::layout::Pane;
use pathwise::tui::timeline::Geometry;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers, MouseButton, MouseEvent, MouseEventKind};
use ratatui::style::{Color, Modifier};

/// The four sizes: the case as it opens, an event on the timeline, the
/// readiness panel focused, and a step-through stop asking.
#[test]
fn screens_at_the_four_sizes() {
    for (w, h) in [(80, 24), (100, 30), (120, 40), (200, 60)] {
        let mut a = app(w, h);
        let first = text(&render(&a));
        insta::assert_snapshot!(format!("start_{w}x{h}"), first);
        keys(&mut a, "2<right><right>");
        insta::assert_snapshot!(format!("event_{w}x{h}"), text(&render(&a)));
        let mut a = app(w, h);
        keys(&mut a, "4");
        insta::assert_snapshot!(format!("readiness_{w}x{h}"), text(&render(&a)));
        let mut a = app(w, h);
        keys(
            &mut a,
            ":cervical-c7-radiculopathy-falling-triceps<enter>s<enter><enter>",
        );
        insta::assert_snapshot!(format!("step_{w}x{h}"), text(&render(&a)));
    }
}

#[test]
fn search_rot_enter_leaves_only_rotator_cuff_cases() {
    let mut a = app(200, 60);
    keys(&mut a, "/rot<enter>");
    assert!(!a.list.searching, "Enter keeps the filter and closes the box");
    assert!(!a.list.visible.is_empty());
    for &i in &a.list.visible {
        let c = &a.library.cases[i].case.unpack();
        let words = format!("{} {}", c.title, c.tags.join(" ")).to_lowercase();
        assert!(words.contains("rotator"), "{} is not a rotator cuff case", c.id);
    }
    let screen = text(&render(&a));
    let n = a.library.cases.len();
    assert!(
        screen.contains(&format!("Cases {}/{n}", a.list.visible.len())),
        "count shown"
    );
    keys(&mut a, "<esc>");
    assert_eq!(a.list.visible.len(), n, "Esc clears the filter");
}

#[test]
fn field_filters_combine_with_text() {
    let mut a = app(200, 60);
    keys(&mut a, "/region:lumbar band:ready<enter>");
    assert!(!a.list.visible.is_empty());
    for &i in &a.list.visible {
        assert_eq!(a.library.cases[i].case.head().region.as_str(), "lumbar");
        assert_eq!(a.readiness[i].band.as_str(), "ready");
    }
}

#[test]
fn right_three_times_selects_the_third_event_in_date_order() {
    let mut a = app(200, 60);
    keys(&mut a, "<right><right><right>");
    let (case, _) = a.selected().expect("a case");
    let events = case.events();
    assert_eq!(a.selected_event(), Some(events[2]));
    let dates: Vec<_> = events.iter().map(|r| case.event_date(*r)).collect();
    assert!(dates.windows(2).all(|w| w[0] <= w[1]), "events walk in date order");
    keys(&mut a, "<left>");
    assert_eq!(a.selected_event(), Some(events[1]));
}

#[test]
fn selected_row_is_styled_and_the_band_is_a_word() {
    let a = app(200, 60);
    let buf = render(&a);
    let list = a.panes().list.expect("list shown");
    // first row below the border and the search line
    let y = list.y + 2;
    let selected = a.theme.style(pathwise::theme::Role::Selection);
    assert_eq!(buf[(list.x + 3, y)].bg, selected.bg.unwrap_or(Color::Reset));
    assert_eq!(buf[(list.x + 1, y)].symbol(), "▶");
    let (_, r) = a.selected().expect("case");
    assert!(text(&buf).contains(r.band.label()), "band word {}", r.band.label());
}

#[test]
fn a_workup_marker_sits_at_its_week() {
    let mut a = app(200, 60);
    // pick a case with a workup
    let idx = a
        .list
        .visible
        .iter()
        .position(|&i| !a.library.cases[i].case.unpack().workup.is_empty())
        .expect("a case with imaging");
    for _ in 0..idx {
        keys(&mut a, "j");
    }
    let (case, _) = a.selected().expect("case");
    let area = a.panes().timeline.expect("timeline");
    let shown = a.view.shown.as_ref().expect("the case, presented");
    let g = Geometry::new(shown, &shown.events, area);
    let w = &case.workup[0];
    let x = g.col_of(days_between(case.presentation.onset, w.date));
    let row = g
        .rows
        .iter()
        .find(|r| r.events.iter().any(|&e| shown.events[e].kind == EventKind::Workup))
        .expect("workup row");
    let buf = render(&a);
    assert_eq!(buf[(x, row.y)].symbol(), "◆");
    assert!(days_between(case.presentation.onset, w.date) >= 0);
}

#[test]
fn focusing_a_criterion_highlights_its_evidence() {
    let mut a = app(200, 60);
    keys(&mut a, "4");
    // walk to a criterion with evidence
    let (_, r) = a.selected().expect("case");
    let n = r
        .criteria
        .iter()
        .position(|c| !c.evidence.is_empty())
        .expect("evidence");
    for _ in 0..n {
        keys(&mut a, "j");
    }
    assert!(!a.evidence().is_empty());
    let evidence = a.evidence().to_vec();
    keys(&mut a, "<enter>");
    assert_eq!(a.focus, Pane::Readiness, "the criterion stays in view");
    assert_eq!(
        a.selected_event(),
        Some(evidence[0]),
        "Enter on a criterion selects its first evidence event"
    );
    let s = text(&render(&a));
    assert!(s.contains(&format!("evidence 1 of {}", evidence.len())), "{s}");
    // Enter again walks on, one event at a time, and round again
    for k in 1..=evidence.len() {
        keys(&mut a, "<enter>");
        assert_eq!(a.selected_event(), Some(evidence[k % evidence.len()]));
    }
}

#[test]
fn too_small_says_how_big_it_needs_to_be() {
    let a = app(79, 24);
    let s = text(&render(&a));
    assert!(s.contains("now 79x24, needs at least 80x24"), "{s}");
    let mut a = app(79, 24);
    assert_eq!(
        a.update(Msg::Key(KeyEvent::new(KeyCode::Char('q'), KeyModifiers::NONE))),
        pathwise::tui::app::Effect::Quit
    );
}

#[test]
fn resizing_relays_out_at_once() {
    let mut a = app(200, 60);
    assert!(a.panes().list.is_some());
    keys(&mut a, "2");
    a.update(Msg::Resize(110, 40));
    assert!(
        a.panes().list.is_none(),
        "the drawer is closed while the list is not focused"
    );
    keys(&mut a, "1");
    assert!(a.panes().list.is_some(), "drawer opens on focus");
    a.update(Msg::Resize(85, 30));
    assert!(
        text(&render(&a)).contains("1 Cases   2 Timeline"),
        "tabs at 80-99 columns"
    );
}

#[test]
fn help_lists_every_key_from_the_keymap() {
    let mut a = app(200, 60);
    keys(&mut a, "?");
    // the whole help, scrolled through
    let mut s = String::new();
    for _ in 0..150 {
        s.push_str(&text(&render(&a)));
        keys(&mut a, "j");
    }
    for title in [
        "Browsing",
        "Searching",
        "Step-through",
        "Help and error views",
        "Everywhere",
    ] {
        assert!(s.contains(title), "help has a section for {title}");
    }
    for b in &a.keymap.bindings {
        assert!(s.contains(&b.help[..b.help.len().min(30)]), "help misses: {}", b.help);
    }
    assert!(s.contains("not a medical device"));
    keys(&mut a, "<esc>");
    assert!(a.overlay.is_none());
    assert!(!text(&render(&a)).contains("not a medical device"));
}

#[test]
fn esc_never_quits() {
    let mut a = app(120, 40);
    for _ in 0..6 {
        let e = a.update(Msg::Key(KeyEvent::new(KeyCode::Esc, KeyModifiers::NONE)));
        assert_eq!(e, pathwise::tui::app::Effect::None);
    }
    let e = a.update(Msg::Key(KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL)));
    assert_eq!(e, pathwise::tui::app::Effect::Quit);
}

fn hostile_library() -> (tempfile::TempDir, Library) {
    let dir = tempfile::tempdir().expect("temp dir");
    let base = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/data/template.toml")).expect("template");
    let hostile = base
        .replace(
            "title = \"",
            "title = \"\\u001b]52;c;cm0gLXJmIH4=\\u0007\\u001b[2J\\u001b]0;pwned\\u0007\\u202eevil ",
        )
        .replacen("alias = \"", "alias = \"\\u009b31m", 1);
    assert_ne!(hostile, base);
    std::fs::write(dir.path().join("hostile.toml"), hostile).expect("write");
    std::fs::write(dir.path().join("broken.toml"), "schema = 1\nid = \"x\"\ntitle = 3\n").expect("write");
    let lib = Library::load(Source::dir(Origin::Flag, dir.path()));
    assert_eq!(lib.cases.len(), 1, "{:?}", lib.errors);
    (dir, lib)
}

#[test]
fn escape_sequences_in_a_title_render_as_inert_text() {
    let (_dir, lib) = hostile_library();
    let mut a = app_with(lib, 200, 60, PLAIN);
    for seq in ["", "2<right>", "4", "?"] {
        keys(&mut a, seq);
        let buf = render(&a);
        for cell in buf.content() {
            assert!(
                !cell.symbol().chars().any(pathwise::text::is_unsafe),
                "raw control in a cell: {:?}",
                cell.symbol()
            );
        }
        keys(&mut a, "<esc>");
    }
    let s = text(&render(&a));
    assert!(s.contains("^[]52;c;"), "the escape is shown, visibly: {s}");
}

#[test]
fn load_errors_view_lists_file_line_and_message() {
    let (_dir, lib) = hostile_library();
    let mut a = app_with(lib, 200, 60, PLAIN);
    assert!(
        text(&render(&a)).contains("1 error (!)"),
        "status line counts failed files"
    );
    keys(&mut a, "!");
    let s = text(&render(&a));
    assert!(s.contains("broken.toml:3:"), "{s}");
    assert!(s.contains("`title`: expected a string"), "{s}");
}

#[test]
fn a_click_selects_a_case() {
    let mut a = app(200, 60);
    let list = a.panes().list.expect("list");
    let before = a.selected().map(|(c, _)| c.id.clone());
    // below the border and the search line, two rows a case at 200 columns
    a.update(Msg::Mouse(MouseEvent {
        kind: MouseEventKind::Down(MouseButton::Left),
        column: list.x + 5,
        row: list.y + 2 + 2 * 2 + 1,
        modifiers: KeyModifiers::NONE,
    }));
    assert_eq!(a.list.selected, 2);
    assert_ne!(a.selected().map(|(c, _)| c.id.clone()), before);
}

#[test]
fn no_color_renders_without_colour() {
    let mut a = app_with(
        Library::builtin(),
        200,
        60,
        Opts {
            depth: Depth::None,
            ..PLAIN
        },
    );
    keys(&mut a, "2<right>");
    let buf = render(&a);
    for cell in buf.content() {
        assert_eq!(cell.fg, Color::Reset);
        assert_eq!(cell.bg, Color::Reset);
    }
    // the selection still shows, by reverse video
    assert!(buf.content().iter().any(|c| c.modifier.contains(Modifier::REVERSED)));
}

#[test]
fn ascii_mode_renders_only_ascii() {
    let mut a = app_with(Library::builtin(), 200, 60, Opts { ascii: true, ..PLAIN });
    for seq in ["", "2<right><right>", "4", "?"] {
        keys(&mut a, seq);
        let s = text(&render(&a));
        let bad: String = s.chars().filter(|c| !c.is_ascii()).collect();
        assert!(bad.is_empty(), "non-ASCII after {seq:?}: {bad:?}");
        // the function trace says its direction in words, not "ODIv"
        for name in ["ODIv", "NDIv", "LEFSv", "ODI^"] {
            assert!(!s.contains(name), "{name} after {seq:?}:\n{s}");
        }
        assert!(
            s.contains("->") || seq != "4",
            "arrows in rule details are spelled in ASCII"
        );
        keys(&mut a, "<esc>");
    }
}

#[test]
fn presentation_shows_no_dates_no_notes_and_only_alias_and_age() {
    // wide enough that no note would wrap: a note on screen shows whole
    let mut a = app_with(Library::builtin(), 400, 120, Opts { present: true, ..PLAIN });
    assert_eq!(a.theme.name, "high-contrast");
    let notes: Vec<String> = a
        .library
        .cases
        .iter()
        .flat_map(|l| {
            let c = l.case.unpack();
            c.pt.iter()
                .filter_map(|e| e.note.clone())
                .chain(c.medication.iter().filter_map(|e| e.note.clone()))
                .chain(c.injection.iter().filter_map(|e| e.note.clone()))
                .chain(c.assessment.iter().filter_map(|e| e.note.clone()))
                .chain(c.consult.iter().filter_map(|e| e.note.clone()))
                .chain(c.surgery.iter().filter_map(|e| e.note.clone()))
                .chain(c.lifestyle.as_ref().and_then(|l| l.note.clone()))
                .collect::<Vec<_>>()
        })
        .filter(|n| n.len() > 12)
        .collect();
    assert!(!notes.is_empty(), "the samples have notes to hide");
    for _case in 0..a.list.visible.len() {
        let (case, _) = a.selected().expect("case");
        let (id, occupation) = (case.id.clone(), case.patient.occupation.clone());
        let n_events = a.view.events.len();
        keys(&mut a, "2");
        for step in 0..=n_events {
            let s = text(&render(&a));
            assert!(!has_date(&s), "a calendar date on screen in {id} (step {step}):\n{s}");
            for n in &notes {
                assert!(!s.contains(n.as_str()), "note text on screen: {n}");
            }
            if let Some(o) = &occupation {
                assert!(
                    !s.to_lowercase().contains(&o.to_lowercase()),
                    "occupation shown in {id}"
                );
            }
            assert!(s.contains("PRESENTING"));
            keys(&mut a, "<right>");
        }
        keys(&mut a, "4");
        assert!(!has_date(&text(&render(&a))), "readiness details hold no date");
        keys(&mut a, "1j");
    }
}

/// `[keys]` reaches every mode: a search key, a step-through key and the
/// overlay's key can each be rebound, and help shows the new keys in the
/// section of their mode.
#[test]
fn key_overrides_reach_search_step_through_and_help() {
    use pathwise::tui::keymap::Keymap;
    let overrides: std::collections::BTreeMap<String, String> =
        [("search_cancel", "ctrl-g"), ("answer_1", "a"), ("close", "ctrl-q")]
            .into_iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
    let (keymap, problems) = Keymap::new(&overrides);
    assert!(problems.is_empty(), "{problems:?}");
    let mut settings = crate::common::console::settings(120, 40, PLAIN);
    settings.keymap = keymap;
    let mut a = pathwise::tui::app::App::new(Library::builtin(), settings);
    let ctrl = |c| KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL);

    // search: Esc is no longer the way out; Ctrl-G is
    keys(&mut a, "/rot");
    key(&mut a, KeyCode::Esc);
    assert!(
        a.list.searching && a.list.query == "rot",
        "Esc is unbound in search now"
    );
    a.update(Msg::Key(ctrl('g')));
    assert!(
        !a.list.searching && a.list.query.is_empty(),
        "Ctrl-G cancelled the search"
    );

    // step-through: `a` answers with the first choice, `1` no longer does
    keys(&mut a, "s");
    let step = a.view.step.as_ref().expect("step-through started");
    assert!(step.answered.is_none());
    keys(&mut a, "1");
    assert!(
        a.view.step.as_ref().is_some_and(|s| s.answered.is_none()),
        "1 is not an answer now"
    );
    keys(&mut a, "a");
    assert!(a.view.step.as_ref().is_some_and(|s| s.answered.is_some()), "a answered");

    // help: the new keys in their modes' sections, and Ctrl-Q closes it
    keys(&mut a, "?");
    let mut help = String::new();
    for _ in 0..150 {
        help.push_str(&text(&render(&a)));
        keys(&mut a, "j");
    }
    let line_with = |needle: &str| help.lines().find(|l| l.contains(needle)).unwrap_or("").to_string();
    assert!(line_with("clear the filter and go back").contains("Ctrl-g"), "{help}");
    assert!(line_with("answer 1 physical therapy").contains(" a "), "{help}");
    assert!(line_with("close the view").contains("Ctrl-q"), "{help}");
    key(&mut a, KeyCode::Esc);
    assert!(a.overlay.is_some(), "Esc no longer closes help");
    a.update(Msg::Key(ctrl('q')));
    assert!(a.overlay.is_none(), "Ctrl-Q closed help");
}

#[test]
fn colon_goes_to_a_case_by_id_or_alias_and_suggests_the_nearest() {
    let mut a = app(120, 40);
    keys(&mut a, ":cervical-c7-radiculopathy-falling-triceps<enter>");
    assert_eq!(
        a.selected().map(|(c, _)| c.id.as_str()),
        Some("cervical-c7-radiculopathy-falling-triceps")
    );
    let alias = a
        .library
        .cases
        .iter()
        .find(|l| l.case.id().starts_with("knee-acl"))
        .expect("the ACL case");
    let (alias, id) = (alias.case.head().alias.to_string(), alias.case.id().to_string());
    keys(&mut a, &format!(":{}<enter>", alias.to_lowercase()));
    assert_eq!(
        a.selected().map(|(c, _)| c.id.clone()),
        Some(id.clone()),
        "an alias, in any case"
    );
    // a filter that hides the case is cleared
    keys(&mut a, "/rotator<enter>");
    keys(&mut a, &format!(":{id}<enter>"));
    assert_eq!(a.selected().map(|(c, _)| c.id.clone()), Some(id.clone()));
    // an unknown id: the nearest ones
    keys(&mut a, ":cervical-c7-radiculopathy-falling<backspace>x<enter>");
    let s = text(&render(&a));
    assert!(s.contains("did you mean"), "{s}");
    assert!(s.contains("cervical-c7-radiculopathy-falling-triceps"), "{s}");
    // Esc leaves the prompt and the selection as they were
    keys(&mut a, ":zzz<esc>");
    assert!(a.goto.is_none());
    assert_eq!(a.selected().map(|(c, _)| c.id.clone()), Some(id));
}

#[test]
fn the_status_line_names_the_case_keeps_marks_apart_and_hides_the_id_when_presenting() {
    let mut a = app(200, 60);
    let id = a.selected().map(|(c, _)| c.id.clone()).expect("case");
    let status = |a: &pathwise::tui::app::App| text(&render(a)).lines().last().unwrap_or("").to_string();
    assert!(status(&a).contains(&id), "{}", status(&a));
    keys(&mut a, "p");
    keys(&mut a, "j");
    let s = status(&a);
    assert!(
        s.contains("PRESENTING  library:"),
        "marks and the library stay apart: {s}"
    );
    assert!(
        !a.library.cases.iter().any(|l| s.contains(l.case.id())),
        "no case id while presenting: {s}"
    );
    // and no file name in any title
    let screen = text(&render(&a));
    assert!(!screen.contains(".toml"), "{screen}");
}

#[test]
fn a_click_on_a_tab_switches_to_it() {
    let mut a = app(80, 24);
    let tabs = a.panes().tabs.expect("tabs at 80 columns");
    for (pane, _, r) in pathwise::tui::layout::tabs(tabs) {
        a.update(Msg::Mouse(MouseEvent {
            kind: MouseEventKind::Down(MouseButton::Left),
            column: r.x + 2,
            row: r.y,
            modifiers: KeyModifiers::NONE,
        }));
        assert_eq!(a.focus, pane);
    }
    // the verdict strip under the list opens the readiness tab
    keys(&mut a, "1");
    let strip = a.panes().verdict.expect("the strip");
    a.update(Msg::Mouse(MouseEvent {
        kind: MouseEventKind::Down(MouseButton::Left),
        column: strip.x + 3,
        row: strip.y + 1,
        modifiers: KeyModifiers::NONE,
    }));
    assert_eq!(a.focus, Pane::Readiness);
}

#[test]
fn the_keymap_has_an_answer_row_for_every_choice() {
    use pathwise::tui::keymap::{Action, KeyMode};
    use pathwise::tui::step::{CHOICES, choice_key};
    let a = app(80, 24);
    for (i, choice) in CHOICES.iter().enumerate() {
        let row = a
            .keymap
            .bindings
            .iter()
            .find(|b| b.mode == KeyMode::Step && b.action == Action::Answer(i as u8))
            .unwrap_or_else(|| panic!("no answer row for choice {i}"));
        assert_eq!(row.name, format!("answer_{}", choice_key(i)));
        assert_eq!(row.keys.first().map(ToString::to_string), Some(choice_key(i)));
        assert!(row.help.contains(choice.label()), "{}", row.help);
    }
}

#[test]
fn badges_are_words_where_they_fit_and_help_has_the_legend() {
    let a = app(80, 24);
    let s = text(&render(&a));
    assert!(
        s.contains("▲ URGENT") && s.contains("▲ EMERGENCY") && s.contains("● READY"),
        "{s}"
    );
    let a = app(120, 40);
    assert!(text(&render(&a)).contains("▲URG"), "three letters in a narrow list");
    let mut a = app(200, 60);
    keys(&mut a, "?");
    let mut help = String::new();
    for _ in 0..150 {
        help.push_str(&text(&render(&a)));
        keys(&mut a, "j");
    }
    for word in [
        "Legend",
        "● READY RDY",
        "◐ APPROACHING APR",
        "○ NOT READY NRD",
        "band:ready",
    ] {
        assert!(help.contains(word), "help lacks {word}");
    }
}

#[test]
fn a_not_met_alarm_is_not_drawn_in_the_alarm_colour() {
    use pathwise::rules::{CriterionId, Status};
    use pathwise::theme::Role;
    let mut a = app(200, 60);
    // a case whose red flags are screened and absent
    let pos = (0..a.list.visible.len())
        .find(|&p| {
            let i = a.list.visible[p];
            let case = a.library.cases[i].case.unpack();
            pathwise::rules::evaluate(&case, &a.profile, &Default::default())
                .criteria
                .iter()
                .any(|c| c.id == CriterionId::RedFlags && c.status == Status::NotMet)
        })
        .expect("a case without red flags");
    for _ in 0..pos {
        keys(&mut a, "j");
    }
    let buf = render(&a);
    let r = a.panes().readiness.expect("panel");
    let bad = a.theme.style(Role::Bad).fg;
    let ok = a.theme.style(Role::Ok).fg;
    let y = (r.y..r.bottom())
        .find(|&y| {
            (r.x..r.right())
                .map(|x| buf[(x, y)].symbol())
                .collect::<String>()
                .contains("✗ red flags")
        })
        .expect("the red flags row");
    let cell = &buf[(r.x + 2, y)];
    assert_eq!(Some(cell.fg), ok, "good news in the good colour");
    assert_ne!(Some(cell.fg), bad);
    let s = text(&buf);
    assert!(
        s.contains("Criteria") && s.contains("pts"),
        "the points column is labelled"
    );
}
