//! The verdict block at the top of the readiness panel: what pathwise
//! exists to say, kept in view. Score and band; the next step and its
//! reason; how many cautions the body lists. In step-through, before the
//! student has answered, only the stop and the score as of that day: the
//! band and the next step would give the answer away. What-if puts its
//! change on top, wrapped by whole phrases so no width cuts it into a
//! different statement.

use super::band_symbol;
use crate::present::VerdictView;
use crate::rules::Band;
use crate::theme::Role;
use crate::tui::app::App;
use crate::tui::step::StepAt;
use crate::tui::textfit::{self, wrap};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};

/// The block's lines at `width`, the reason cut to `reason_cap` lines;
/// and whether it was cut (the body then repeats it whole).
pub fn lines(app: &App, v: &VerdictView, width: u16, reason_cap: usize) -> (Vec<Line<'static>>, bool) {
    let w = usize::from(width);
    let mut out = Vec::new();
    if let Some(step) = app.step_at() {
        step_header(app, v, step, w, &mut out);
        if app.answer_hidden() {
            asking(app, w, &mut out);
            return (out, false);
        }
    }
    what_if(app, w, &mut out);
    score_and_band(app, v, w, &mut out);
    let cut = next_step(app, v, w, reason_cap, &mut out);
    cautions(app, v, &mut out);
    (out, cut)
}

fn styled(s: String, style: Style) -> Line<'static> {
    Line::from(Span::styled(s, style))
}

/// "Stop 2 of 5 · 2026-03-10" and, on a line of its own, the score: two
/// labelled lines, so a stop number can never be read as the score.
fn step_header(app: &App, v: &VerdictView, step: StepAt, w: usize, out: &mut Vec<Line<'static>>) {
    let th = &app.theme;
    let dot = app.glyphs.dot();
    let head = if step.finished {
        format!(" Step-through done {dot} {} stops", step.of)
    } else {
        format!(" Stop {} of {} {dot} {}", step.number, step.of, v.as_of)
    };
    let head = if textfit::width(&head) > w {
        format!(" Stop {}/{}", step.number, step.of)
    } else {
        head
    };
    out.push(styled(
        textfit::fit(&app.ascii(&head), w, app.glyphs.ellipsis()),
        th.style(Role::AsOf).add_modifier(Modifier::BOLD),
    ));
    out.push(Line::from(vec![
        Span::styled(" Score ".to_string(), th.style(Role::Muted)),
        Span::styled(
            format!("{}", v.score),
            th.style(Role::Title).add_modifier(Modifier::BOLD),
        ),
        Span::styled(" as of this stop".to_string(), th.style(Role::Muted)),
    ]));
}

/// Before the answer: no band, no next step, only where to answer.
fn asking(app: &App, w: usize, out: &mut Vec<Line<'static>>) {
    let th = &app.theme;
    for l in wrap(
        "What should come next? Answer in the detail pane; the band and the rules' answer follow.",
        w.saturating_sub(1),
    ) {
        out.push(styled(
            format!(" {l}"),
            th.style(Role::Muted).add_modifier(Modifier::ITALIC),
        ));
    }
}

/// The what-if's phrases with their separators, each kept whole where a
/// line can hold it: "what-if:", "score 95 → 85 ·", "ready → approaching
/// ·", "next step surgical consult → continue conservative care".
pub fn what_if_units(app: &App) -> Option<Vec<String>> {
    // (score, band word, next step) before and after
    let (before, after) = match app.remote() {
        Some(state) => {
            let w = state.what_if()?;
            let band = |label: &str| {
                Band::ALL
                    .iter()
                    .find(|b| b.label() == label)
                    .map_or(label.to_lowercase(), |b| b.as_str().to_string())
            };
            let line = |s: &crate::conference::ScoreLine| (s.score, band(&s.band), s.next_step.clone());
            (line(w.before()), line(w.after()))
        }
        None => {
            let (w, (_, base)) = (app.view.what_if.as_ref()?, app.selected()?);
            let line =
                |r: &crate::rules::Readiness| (r.score, r.band.as_str().to_string(), r.next_step.label().to_string());
            (line(base), line(w))
        }
    };
    let arrow = app.glyphs.arrow();
    let next = if before.2 == after.2 {
        format!("next step {} (unchanged)", after.2)
    } else {
        format!("next step {} {arrow} {}", before.2, after.2)
    };
    let dot = app.glyphs.dot();
    Some(vec![
        "what-if: ".to_string(),
        format!("score {} {arrow} {} {dot} ", before.0, after.0),
        format!("{} {arrow} {} {dot} ", before.1, after.1),
        next,
    ])
}

/// Lines of at most `w` columns from whole phrases, each carrying the
/// separator that follows it (so it stays at the end of the line before a
/// break); a phrase longer than a line wraps at its spaces, never inside
/// a word that fits, and nothing is ever cut off.
pub fn wrap_units(pieces: &[String], w: usize) -> Vec<String> {
    let w = w.max(1);
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    for (i, piece) in pieces.iter().enumerate() {
        let piece = piece.clone();
        let joined = format!("{line}{piece}");
        if textfit::width(joined.trim_end()) <= w {
            line = joined;
            continue;
        }
        if !line.trim().is_empty() {
            lines.push(line.trim_end().to_string());
        }
        if textfit::width(piece.trim_end()) <= w {
            line = piece;
        } else {
            let mut parts = wrap(piece.trim_end(), w);
            let last = parts.pop().unwrap_or_default();
            lines.extend(parts);
            line = if i + 1 < pieces.len() { format!("{last} ") } else { last };
        }
    }
    if !line.trim().is_empty() {
        lines.push(line.trim_end().to_string());
    }
    lines
}

fn what_if(app: &App, w: usize, out: &mut Vec<Line<'static>>) {
    let Some(units) = what_if_units(app) else { return };
    let style = app.theme.style(Role::Warn).add_modifier(Modifier::BOLD);
    for l in wrap_units(&units, w.saturating_sub(1)) {
        out.push(styled(format!(" {l}"), style));
    }
}

fn score_and_band(app: &App, v: &VerdictView, w: usize, out: &mut Vec<Line<'static>>) {
    let th = &app.theme;
    let g = app.glyphs;
    let band_style = th.style(super::band_role(v.band));
    let score = Span::styled(
        format!(" {:>3} ", v.score),
        th.style(Role::Title).add_modifier(Modifier::BOLD),
    );
    let band = Span::styled(format!(" {} {} ", band_symbol(v.band, g), v.band.label()), band_style);
    let filled = usize::from(v.score).div_ceil(10);
    let gauge: String = (0..10).map(|i| g.gauge(i < filled)).collect();
    // the gauge beside the band where it fits, else below it
    if 5 + 3 + v.band.label().len() + 2 + 10 <= w {
        out.push(Line::from(vec![
            score,
            band,
            Span::styled(format!(" {gauge}"), band_style.remove_modifier(Modifier::REVERSED)),
        ]));
    } else {
        out.push(Line::from(vec![score, band]));
        out.push(styled(
            format!(" {gauge}"),
            band_style.remove_modifier(Modifier::REVERSED),
        ));
    }
}

/// "Next: surgical consult", never cut, then its reason in up to `cap`
/// lines. True when the reason was cut.
fn next_step(app: &App, v: &VerdictView, w: usize, cap: usize, out: &mut Vec<Line<'static>>) -> bool {
    let th = &app.theme;
    let head = th.style(Role::Title).add_modifier(Modifier::BOLD);
    for (i, l) in wrap(v.next_step.label(), w.saturating_sub(7)).into_iter().enumerate() {
        let lead = if i == 0 { " Next: " } else { "       " };
        out.push(Line::from(vec![
            Span::styled(lead.to_string(), th.style(Role::Title)),
            Span::styled(l, head),
        ]));
    }
    let reason = wrap(&app.ascii(&v.next_step_reason), w.saturating_sub(3));
    let cut = reason.len() > cap;
    for (i, l) in reason.iter().take(cap).enumerate() {
        let l = if cut && i + 1 == cap {
            textfit::fit(
                &format!("{l} {}", app.glyphs.ellipsis()),
                w.saturating_sub(3),
                app.glyphs.ellipsis(),
            )
        } else {
            l.clone()
        };
        out.push(styled(format!("   {l}"), th.style(Role::Text)));
    }
    cut
}

fn cautions(app: &App, v: &VerdictView, out: &mut Vec<Line<'static>>) {
    let th = &app.theme;
    let n = v.cautions.len();
    let line = match n {
        0 => styled(" Cautions: none".to_string(), th.style(Role::Muted)),
        n => Line::from(vec![
            Span::styled(" Cautions: ".to_string(), th.style(Role::Warn)),
            Span::styled(
                format!("{n} (listed below)"),
                th.style(Role::Warn).add_modifier(Modifier::BOLD),
            ),
        ]),
    };
    out.push(line);
}

#[cfg(test)]
mod tests {
    use super::wrap_units;

    fn units() -> Vec<String> {
        [
            "what-if: ",
            "score 95 → 85 · ",
            "ready → approaching · ",
            "next step surgical consult → continue conservative care",
        ]
        .map(String::from)
        .to_vec()
    }

    #[test]
    fn what_if_wraps_by_phrases_and_never_loses_a_word() {
        let whole = units().concat();
        // the narrowest panel is 28 columns inside; well below that too
        for w in 16..=120 {
            let lines = wrap_units(&units(), w);
            assert!(
                lines.iter().all(|l| crate::tui::textfit::width(l) <= w),
                "{w}: {lines:?}"
            );
            let words: Vec<&str> = lines.iter().flat_map(|l| l.split_whitespace()).collect();
            let expected: Vec<&str> = whole.split_whitespace().collect();
            assert_eq!(words, expected, "at {w} columns");
            // a score change is never split across lines where it fits
            assert!(lines.iter().any(|l| l.contains("score 95 → 85")), "{w}: {lines:?}");
        }
        assert_eq!(wrap_units(&units(), 200).len(), 1);
    }
}
