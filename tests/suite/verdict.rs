//! Verdict first: at every layout, for every sample, the band (word) and
//! the next step are on screen the moment a case is selected; the
//! readiness body, the detail, help and the errors view scroll on their
//! own and never past their end; the what-if change is never cut.

use crate::common::console::{PLAIN, app, app_with, keys, render, sample_count};
use pathwise::library::{Library, Origin, Source};
use pathwise::tui::app::App;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

pub const LAYOUTS: [(u16, u16); 4] = [(80, 24), (100, 30), (120, 40), (200, 60)];

fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A pane's inside as one line of text, wrapped lines joined.
pub fn pane_text(buf: &Buffer, r: Rect) -> String {
    let inner = pathwise::tui::layout::inner(r);
    let rows: Vec<String> = (inner.y..inner.bottom())
        .map(|y| (inner.x..inner.right()).map(|x| buf[(x, y)].symbol()).collect())
        .collect();
    collapse(&rows.join(" "))
}

/// Where the verdict is on screen: the readiness panel, or, on the Cases
/// tab at 80-99 columns, the strip under the list.
fn verdict_text(a: &App, buf: &Buffer) -> String {
    let panes = a.panes();
    let r = panes.readiness.or(panes.verdict).expect("the verdict is on screen");
    pane_text(buf, r)
}

#[test]
fn every_sample_shows_its_band_and_next_step_at_every_layout() {
    let n = sample_count();
    for (w, h) in LAYOUTS {
        let mut a = app(w, h);
        for k in 0..n {
            let (case, r) = a.selected().expect("a case");
            let id = case.id.clone();
            let buf = render(&a);
            let text = verdict_text(&a, &buf);
            assert!(text.contains(r.band.label()), "{id} at {w}x{h}: no band word in {text}");
            let next = format!("Next: {}", r.next_step.label());
            assert!(text.contains(&next), "{id} at {w}x{h}: no \"{next}\" in {text}");
            if k + 1 < n {
                keys(&mut a, "j");
            }
        }
    }
}

#[test]
fn the_c7_case_shows_its_next_step_at_120x40_without_zooming() {
    let mut a = app(120, 40);
    keys(&mut a, ":cervical-c7-radiculopathy-falling-triceps<enter>");
    let (case, r) = a.selected().expect("the case");
    assert_eq!(case.id, "cervical-c7-radiculopathy-falling-triceps");
    let text = verdict_text(&a, &render(&a));
    assert!(text.contains(&format!("Next: {}", r.next_step.label())), "{text}");
}

#[test]
fn the_other_tabs_keep_the_band_and_next_step_in_the_tab_bar() {
    let mut a = app(80, 24);
    for tab in ["2", "3"] {
        keys(&mut a, tab);
        let (_, r) = a.selected().expect("a case");
        let buf = render(&a);
        let bar: String = (0..80).map(|x| buf[(x, 0)].symbol()).collect();
        assert!(bar.contains(r.band.label()), "{bar}");
    }
}

#[test]
fn the_readiness_body_scrolls_on_its_own_to_the_cautions() {
    let mut a = app(80, 24);
    keys(&mut a, "4");
    let (last, next) = {
        let (_, r) = a.verdict().expect("verdict");
        (r.criteria.len() - 1, r.next_step.label().to_string())
    };
    let s = pathwise_screen(&a);
    assert!(s.contains("more ─"), "the overflow is marked:\n{s}");
    // PgDn scrolls without moving the selection
    keys(&mut a, "<pgdn>");
    assert_eq!(a.view.criterion, 0, "the selection stays");
    assert!(a.view.readiness_scroll > 0);
    // j past the last criterion scrolls on to what lies below it
    keys(&mut a, "<pgup>");
    for _ in 0..(last + 60) {
        keys(&mut a, "j");
    }
    assert_eq!(a.view.criterion, last);
    let s = pathwise_screen(&a);
    assert!(s.contains("Why PT may not be working"), "{s}");
    assert!(!s.contains("more ─"), "at the end, nothing more below:\n{s}");
    // and the verdict block is still there
    assert!(s.contains(&format!("Next: {next}")), "{s}");
    // k goes back up through the criteria, the body following
    for _ in 0..=last {
        keys(&mut a, "k");
    }
    assert_eq!((a.view.criterion, a.view.readiness_scroll), (0, 0));
}

fn pathwise_screen(a: &App) -> String {
    crate::common::console::text(&render(a))
}

#[test]
fn help_detail_and_errors_never_scroll_past_their_end() {
    let mut a = app(80, 24);
    keys(&mut a, "?");
    for _ in 0..500 {
        keys(&mut a, "j");
    }
    let at_end = a.overlay_scroll;
    keys(&mut a, "k");
    assert_eq!(a.overlay_scroll, at_end - 1, "one k moves back at once");
    let s = pathwise_screen(&a);
    assert!(s.contains("more ─"), "{s}");
    keys(&mut a, "<esc>3");
    for _ in 0..500 {
        keys(&mut a, "j");
    }
    let end = a.view.detail_scroll;
    assert!(end > 0 && end < 200, "{end}");
    let s = pathwise_screen(&a);
    keys(&mut a, "k");
    assert_eq!(a.view.detail_scroll, end - 1);
    assert!(
        s.contains(&format!("↑ {end} above ─")),
        "the lines above are marked:\n{s}"
    );

    // errors: many broken files, one view
    let dir = tempfile::tempdir().expect("temp dir");
    for i in 0..30 {
        std::fs::write(dir.path().join(format!("broken-{i}.toml")), "schema = 1\nid = 3\n").expect("write");
    }
    let lib = Library::load(Source::dir(Origin::Flag, dir.path()));
    let mut a = app_with(lib, 80, 24, PLAIN);
    assert!(pathwise_screen(&a).contains("30 errors (!)"));
    keys(&mut a, "!");
    for _ in 0..500 {
        keys(&mut a, "j");
    }
    let end = a.overlay_scroll;
    keys(&mut a, "j");
    assert!(end > 0 && a.overlay_scroll == end, "{end}: stops at its end");
    let s = pathwise_screen(&a);
    assert!(!s.contains("more ─") && s.contains("above ─"), "{s}");
}

#[test]
fn the_what_if_change_is_never_cut_at_any_width() {
    let example = include_str!("../fixtures/schema-example.toml");
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(dir.path().join("example.toml"), example).expect("write");
    for w in (120..=200).step_by(5) {
        let lib = Library::load(Source::dir(Origin::Flag, dir.path()));
        let mut a = app_with(lib, w, 40, PLAIN);
        // leave every event out in turn until the next step changes
        keys(&mut a, "2");
        let n = a.view.events.len();
        let mut changed = false;
        for _ in 0..n {
            keys(&mut a, "x");
            let base = a.selected().expect("case").1.next_step;
            let now = a.verdict().expect("verdict").1.next_step;
            if base != now {
                changed = true;
                break;
            }
            keys(&mut a, "x<right>");
        }
        assert!(changed, "some event changes the next step");
        let (_, base) = a.selected().expect("case");
        let (_, w_) = a.verdict().expect("verdict");
        let statement = format!(
            "what-if: score {} → {} · {} → {} · next step {} → {}",
            base.score,
            w_.score,
            base.band.as_str(),
            w_.band.as_str(),
            base.next_step.label(),
            w_.next_step.label()
        );
        let text = pane_text(&render(&a), a.panes().readiness.expect("panel"));
        assert!(text.contains(&statement), "at {w} columns: {statement}\nnot in: {text}");
    }
}
