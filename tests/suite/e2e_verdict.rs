//! The real binary in tmux, at the sizes clinicians have: every sample's
//! band and next step are on screen the moment it is selected, at 80x24
//! and 120x40; a 16-colour terminal gets only the 16 colours; a dumb
//! terminal gets no colour and only ASCII.

use crate::common::Tmux;
use crate::common::console::{all_cases, app, keys};
use ratatui::layout::Rect;

fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The text inside `r` (a pane with its border) on a captured screen.
fn inside(screen: &str, r: Rect) -> String {
    let lines: Vec<&str> = screen.lines().collect();
    let rows: Vec<String> = (r.y + 1..r.bottom() - 1)
        .filter_map(|y| lines.get(usize::from(y)))
        .map(|l| {
            l.chars()
                .skip(usize::from(r.x + 1))
                .take(usize::from(r.width - 2))
                .collect()
        })
        .collect();
    collapse(&rows.join(" "))
}

/// What each list position must show, from the console in-process at
/// the same size: the alias, the band word, "Next: …", and where.
fn expected(w: u16, h: u16) -> Vec<(String, String, String, Rect)> {
    let mut a = app(w, h);
    let n = a.list.visible.len();
    let mut out = Vec::new();
    for k in 0..n {
        let (case, r) = a.selected().expect("a case");
        let panes = a.panes();
        let at = panes.readiness.or(panes.verdict).expect("the verdict is on screen");
        out.push((
            case.patient.alias.clone(),
            r.band.label().to_string(),
            format!("Next: {}", r.next_step.label()),
            at,
        ));
        if k + 1 < n {
            keys(&mut a, "j");
        }
    }
    out
}

fn every_sample(name: &str, w: u16, h: u16) {
    let Some(t) = Tmux::start(name, w, h) else { return };
    t.launch("");
    t.wait_for("the case list", |s| s.contains(&all_cases()));
    for (k, (alias, band, next, at)) in expected(w, h).into_iter().enumerate() {
        if k > 0 {
            t.send(&["j"]);
        }
        let pointer = format!("▶ {alias} ");
        t.wait_for(&format!("{alias}: {band}, {next}"), |s| {
            let v = inside(s, at);
            s.contains(&pointer) && v.contains(&band) && v.contains(&next)
        });
    }
    t.send(&["q"]);
    t.wait_for("exit", |s| s.contains("EXIT=0"));
}

#[test]
fn every_sample_shows_its_band_and_next_step_in_tmux_at_80x24() {
    every_sample("verdict80", 80, 24);
}

#[test]
fn every_sample_shows_its_band_and_next_step_in_tmux_at_120x40() {
    every_sample("verdict120", 120, 40);
}

/// The screen with its colours and attributes, as tmux holds it.
fn escapes(t: &Tmux) -> String {
    String::from_utf8_lossy(&t.run(&["capture-pane", "-e", "-p", "-t", "0"]).stdout).into_owned()
}

/// The SGR parameter lists of every escape sequence in `s`.
fn sgr(s: &str) -> Vec<String> {
    s.split("\u{1b}[")
        .skip(1)
        .filter_map(|p| p.split_once('m').map(|(params, _)| params.to_string()))
        .filter(|p| p.chars().all(|c| c.is_ascii_digit() || c == ';'))
        .collect()
}

#[test]
fn a_16_colour_terminal_gets_only_the_16_colours() {
    let Some(t) = Tmux::start("ansi16", 120, 40) else {
        return;
    };
    t.shell("export TERM=screen COLORTERM=");
    t.launch("--theme default");
    t.wait_for("the case list", |s| s.contains(&all_cases()));
    // colours as tmux reports them: 30-37 / 90-97, or 38;5;N, N < 16; never
    // an index of the 256-colour cube or an RGB triple
    let mut colours = 0;
    for c in sgr(&escapes(&t)) {
        let n: Vec<u32> = c.split(';').map(|n| n.parse().unwrap_or(0)).collect();
        let mut i = 0;
        while i < n.len() {
            match n[i] {
                38 | 48 => {
                    assert_eq!(n.get(i + 1), Some(&5), "an RGB colour at 16 colours: {c}");
                    assert!(n.get(i + 2).is_some_and(|&k| k < 16), "a 256-colour index: {c}");
                    colours += 1;
                    i += 3;
                }
                30..=37 | 40..=47 | 90..=97 | 100..=107 => {
                    colours += 1;
                    i += 1;
                }
                _ => i += 1,
            }
        }
    }
    assert!(colours > 0, "the theme's colours are drawn");
    t.send(&["q"]);
    t.wait_for("exit", |s| s.contains("EXIT=0"));
}

#[test]
fn a_dumb_terminal_gets_monochrome_ascii() {
    let Some(t) = Tmux::start("dumb", 100, 30) else { return };
    t.shell("export TERM=dumb COLORTERM=truecolor");
    t.launch("");
    t.wait_for("the case list", |s| s.contains(&all_cases()));
    let plain = t.screen();
    let wide: String = plain.chars().filter(|c| !c.is_ascii()).collect();
    assert!(wide.is_empty(), "non-ASCII on a dumb terminal: {wide:?}\n{plain}");
    assert!(plain.contains("+-"), "ASCII borders:\n{plain}");
    // attributes only (bold, reverse, underline; 39 and 49 are "default")
    for c in sgr(&escapes(&t)) {
        for n in c.split(';') {
            let n: u32 = n.parse().unwrap_or(0);
            let colour = matches!(n, 30..=38 | 40..=48 | 90..=97 | 100..=107);
            assert!(!colour, "a colour on a dumb terminal: {c}");
        }
    }
    t.send(&["q"]);
    t.wait_for("exit", |s| s.contains("EXIT=0"));
}
