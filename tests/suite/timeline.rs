//! The timeline reads as a picture: concurrent courses never share a row
//! (an ongoing drug runs to the review date), pain and function are drawn
//! as values over time (6 → 7 is two different marks, never a bar), the
//! assessments are events to walk to, and a tall terminal gives the
//! timeline the rows it can use.

use crate::common::console::{PLAIN, app, app_with, keys, render, text};
use pathwise::case::EventKind;
use pathwise::library::{Library, Origin, Source};
use pathwise::present::EventView;
use pathwise::tui::app::App;
use pathwise::tui::timeline::Geometry;
use ratatui::buffer::Buffer;

const EXAMPLE: &str = include_str!("../fixtures/schema-example.toml");

/// The worked example with ibuprofen from the first week, still running,
/// beside the later pregabalin; pain 6 at the first visit, 7 at the review.
fn two_drugs() -> (tempfile::TempDir, Library) {
    let case = EXAMPLE
        .replace(
            "[[medication]]\nstart = 2026-03-14",
            "[[medication]]\nstart = 2026-01-21\ndrug = \"ibuprofen\"\ntarget = \"inflammatory\"\n\n[[medication]]\nstart = 2026-03-14",
        )
        .replace("date = 2026-01-27\npain = 7", "date = 2026-01-27\npain = 6")
        .replace("date = 2026-05-04\npain = 8", "date = 2026-05-04\npain = 7");
    assert!(case.contains("ibuprofen") && case.contains("pain = 6"));
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(dir.path().join("example.toml"), case).expect("write");
    let lib = Library::load(Source::dir(Origin::Flag, dir.path()));
    assert_eq!(lib.cases.len(), 1, "{:?}", lib.errors);
    (dir, lib)
}

fn geometry(a: &App) -> (Geometry, Vec<EventView>) {
    let shown = a.view.shown.as_ref().expect("a case");
    let area = a.panes().timeline.expect("the timeline");
    (Geometry::new(shown, &shown.events, area), shown.events.clone())
}

/// The sizes, with the keys that bring the timeline on screen.
const SIZES: [(u16, u16, &str); 4] = [(80, 24, "2"), (100, 30, "2"), (120, 40, ""), (200, 60, "")];

#[test]
fn an_ongoing_drug_and_a_later_one_take_two_rows() {
    for (w, h, go) in SIZES {
        let (_dir, lib) = two_drugs();
        let mut a = app_with(lib, w, h, PLAIN);
        keys(&mut a, go);
        let (g, events) = geometry(&a);
        let row_of = |drug: &str| {
            let i = events.iter().position(|e| e.title.contains(drug)).expect(drug);
            g.rows
                .iter()
                .find(|r| r.events.contains(&i))
                .map(|r| r.y)
                .expect("drawn")
        };
        assert_ne!(row_of("ibuprofen"), row_of("pregabalin"), "at {w}x{h}");
        // and the screen shows both, each with its name
        let s = text(&render(&a));
        assert!(s.contains("ibuprofen") && s.contains("pregabalin"), "{s}");
    }
}

/// The days a course covers on screen: to its end, or the review date.
fn span(e: &EventView, review_day: i64) -> Option<(i64, i64)> {
    matches!(e.kind, EventKind::Pt | EventKind::Medication).then(|| (e.day, e.end_day.unwrap_or(review_day)))
}

#[test]
fn no_two_concurrent_courses_share_a_row_in_any_sample_at_any_size() {
    for (w, h, go) in SIZES {
        let mut a = app(w, h);
        keys(&mut a, go);
        for _ in 0..a.list.visible.len() {
            let (g, events) = geometry(&a);
            let review = a.view.shown.as_ref().expect("case").review_day;
            for row in &g.rows {
                let courses: Vec<(i64, i64)> = row.events.iter().filter_map(|&i| span(&events[i], review)).collect();
                for (k, x) in courses.iter().enumerate() {
                    for y in &courses[k + 1..] {
                        assert!(
                            x.1 < y.0 || y.1 < x.0,
                            "{} at {w}x{h}: courses {x:?} and {y:?} share row {}",
                            a.selected().expect("case").0.id,
                            row.y
                        );
                    }
                }
            }
            // the list is on another tab at 80-99 columns
            keys(&mut a, if go.is_empty() { "j" } else { "1j2" });
        }
    }
}

/// What the trace draws at an assessment's column: the column's glyphs,
/// bottom to top, and the number beside or above it.
fn mark(buf: &Buffer, g: &Geometry, x: u16) -> String {
    let t = g.pain.expect("a pain trace");
    let mut s = String::new();
    for y in (t.y..t.y + t.height).rev() {
        s.push_str(buf[(x, y)].symbol());
    }
    for y in t.y..t.y + t.height {
        for dx in 1..3 {
            let c = buf[(x + dx, y)].symbol();
            if c.chars().all(|c| c.is_ascii_digit()) && !c.trim().is_empty() {
                s.push_str(c);
            }
        }
    }
    s
}

#[test]
fn pain_six_then_seven_are_two_different_marks_not_a_bar() {
    for (w, h, go) in SIZES {
        let (_dir, lib) = two_drugs();
        let mut a = app_with(lib, w, h, PLAIN);
        keys(&mut a, go);
        let (g, events) = geometry(&a);
        let buf = render(&a);
        let xs: Vec<u16> = events
            .iter()
            .filter(|e| e.pain.is_some())
            .map(|e| g.col_of(e.day))
            .collect();
        assert_eq!(xs.len(), 2);
        let (six, seven) = (mark(&buf, &g, xs[0]), mark(&buf, &g, xs[1]));
        assert_ne!(six, seven, "at {w}x{h}");
        assert!(
            six.contains('6') && seven.contains('7'),
            "the values where they fit: {six} {seven}"
        );
        // between the two assessments the trace draws nothing: values, not a bar
        let t = g.pain.expect("trace");
        for x in xs[0] + 3..xs[1] {
            for y in t.y..t.y + t.height {
                assert_eq!(buf[(x, y)].symbol(), " ", "at {w}x{h}, ({x},{y})");
            }
        }
    }
}

#[test]
fn assessments_are_events_to_walk_to_and_read() {
    let (_dir, lib) = two_drugs();
    let mut a = app_with(lib, 120, 40, PLAIN);
    keys(&mut a, "2");
    let mut seen = false;
    for _ in 0..a.view.events.len() {
        if a.selected_event().is_some_and(|e| e.kind == EventKind::Assessment) {
            let s = text(&render(&a));
            assert!(
                s.contains("6/10") || s.contains("7/10"),
                "the detail shows the pain:\n{s}"
            );
            seen = true;
        }
        keys(&mut a, "<right>");
    }
    assert!(seen);
}

#[test]
fn a_tall_terminal_gives_the_timeline_rows_per_course_and_taller_traces() {
    let (_dir, lib) = two_drugs();
    let tall = app_with(lib, 200, 60, PLAIN);
    let (g, _) = geometry(&tall);
    let pain = g.pain.expect("pain").height;
    assert!(pain >= 4, "a taller pain trace: {pain}");
    assert!(g.function.expect("function").height >= 3);
    // the timeline pane ends where its content does
    let area = tall.panes().timeline.expect("timeline");
    let used = g.function.map_or(0, |t| t.y + t.height);
    assert_eq!(used + 1, area.bottom(), "no blank rows under the traces");
    let (_dir, lib) = two_drugs();
    let small = app_with(lib, 80, 24, PLAIN);
    let mut small = small;
    keys(&mut small, "2");
    let (g, _) = geometry(&small);
    assert!(g.pain.expect("pain").height < pain);
}
