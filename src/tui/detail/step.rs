//! The detail pane during a step-through: the question with its ten
//! choices, the reveal after an answer (the answer, what the rules say
//! and why, what happened next), and the closing summary. Hosting a
//! conference, also how many of the room have answered, the room's
//! answers at the reveal and its agreement at the end; following one, the
//! host's stop as the state tells it (`remote_lines`).

use crate::conference::{Choice, RoomSummary, StepView, StopView};
use crate::theme::Role;
use crate::tui::app::App;
use crate::tui::conference::Hosting;
use crate::tui::step::{Answer, CHOICES, Step, choice_key};
use crate::tui::textfit::wrap;
use ratatui::style::Modifier;
use ratatui::text::{Line, Span};

pub fn lines(app: &App, step: &Step, w: usize) -> Vec<Line<'static>> {
    let mut out = Vec::new();
    if step.finished {
        summary(app, step, w, &mut out);
    } else {
        match &step.answered {
            None => question(app, step, w, &mut out),
            Some(a) => reveal(app, step, a, w, &mut out),
        }
    }
    out
}

fn para(app: &App, out: &mut Vec<Line<'static>>, s: &str, w: usize, role: Role) {
    for l in wrap(&app.ascii(s), w) {
        out.push(Line::from(Span::styled(l, app.theme.style(role))));
    }
}

/// A stop's day, as the presenter labelled it.
fn day_label(app: &App, i: usize) -> String {
    app.view.stop_labels.get(i).cloned().unwrap_or_else(|| "?".to_string())
}

/// What happened after answer `i`, as the presenter labelled it.
fn happened(app: &App, i: usize) -> String {
    app.view
        .happened_labels
        .get(i)
        .cloned()
        .flatten()
        .unwrap_or_else(|| "nothing further is recorded".to_string())
}

/// The choices with their keys, in two columns where they fit (so all
/// ten show at 80x24); `selected` highlighted.
fn choices(app: &App, labels: &[&str], selected: Option<usize>, w: usize, out: &mut Vec<Line<'static>>) {
    let th = &app.theme;
    let col_w = 30;
    let per_row = if w >= 2 * col_w { 2 } else { 1 };
    let rows = labels.len().div_ceil(per_row);
    for row in 0..rows {
        let mut spans = Vec::new();
        for col in 0..per_row {
            let i = col * rows + row;
            let Some(label) = labels.get(i) else { continue };
            let selected = Some(i) == selected;
            let s = format!(
                "{} {} {label}",
                if selected { app.glyphs.pointer() } else { " " },
                choice_key(i),
            );
            let st = if selected {
                th.style(Role::Selection).add_modifier(Modifier::BOLD)
            } else {
                th.style(Role::Text)
            };
            spans.push(Span::styled(format!("{s:<col_w$}"), st));
        }
        out.push(Line::from(spans));
    }
}

fn question(app: &App, step: &Step, w: usize, out: &mut Vec<Line<'static>>) {
    let now = day_label(app, step.index);
    para(app, out, &format!("{now}: what should come next?"), w, Role::Title);
    let labels: Vec<&str> = CHOICES.iter().map(|c| c.label()).collect();
    choices(app, &labels, Some(step.choice), w, out);
    if let Some((n, of)) = app.hosting().and_then(Hosting::answered) {
        para(
            app,
            out,
            &format!("{n} of {of} answered: your answer reveals the rules' and the room's"),
            w,
            Role::AsOf,
        );
    }
    para(
        app,
        out,
        "1-9 or 0 answers, or ↑/↓ and Enter; ←/→ read the events so far; Esc ends",
        w,
        Role::Muted,
    );
}

fn reveal(app: &App, step: &Step, a: &Answer, w: usize, out: &mut Vec<Line<'static>>) {
    let now = day_label(app, step.index);
    para(
        app,
        out,
        &format!("{now}: you said {}", a.given.label()),
        w,
        Role::Title,
    );
    let agree = if a.given == a.rules { "agree" } else { "differ" };
    para(
        app,
        out,
        &format!("The rules say: {} ({agree})", a.rules.label()),
        w,
        Role::Text,
    );
    // the reason the rules gave at this stop: the verdict on screen
    let reason = app.view.verdict.as_ref().map_or("", |v| v.next_step_reason.as_str());
    para(app, out, &format!("  because {reason}"), w, Role::Muted);
    if let Some(d) = app.hosting().and_then(Hosting::distribution) {
        para(app, out, &format!("The room: {d}"), w, Role::AsOf);
    }
    let then = happened(app, step.answers.len().saturating_sub(1));
    para(app, out, &format!("What happened next: {then}"), w, Role::Text);
    para(app, out, "Enter or → goes on to the next stop", w, Role::Muted);
}

fn summary(app: &App, step: &Step, w: usize, out: &mut Vec<Line<'static>>) {
    let (rules, matched) = step.tally();
    let n = step.answers.len();
    para(app, out, &format!("Step-through done: {n} stops."), w, Role::Title);
    para(
        app,
        out,
        &format!("Your answer matched the rules {rules} of {n} times, and what happened next {matched} of {n} times."),
        w,
        Role::Text,
    );
    // the verdict as recorded, on the review date: now it can be shown
    if let Some((_, r)) = app.selected() {
        para(
            app,
            out,
            &format!(
                "On the review date the rules say: {} {}, next step {}.",
                crate::tui::readiness::band_symbol(r.band, app.glyphs),
                r.band.label(),
                r.next_step.label()
            ),
            w,
            Role::Text,
        );
    }
    out.push(Line::default());
    for (i, a) in step.answers.iter().enumerate() {
        let mark = if a.given == a.rules { app.glyphs.pointer() } else { " " };
        let day = step
            .stops
            .iter()
            .position(|d| *d == a.day)
            .map_or_else(|| "?".to_string(), |s| day_label(app, s));
        para(
            app,
            out,
            &format!(
                "{mark} {day}: you {} · rules {} · then {}",
                a.given.label(),
                a.rules.label(),
                happened(app, i)
            ),
            w,
            Role::Text,
        );
    }
    if let Some(h) = app.hosting() {
        out.push(Line::default());
        room_summary(app, &h.summary, w, out);
    }
    out.push(Line::default());
    para(
        app,
        out,
        "Esc or s leaves the step-through. Nothing was written.",
        w,
        Role::Muted,
    );
}

/// The room's agreement with the rules, stop by stop, and in all.
fn room_summary(app: &App, s: &RoomSummary, w: usize, out: &mut Vec<Line<'static>>) {
    para(app, out, "The room's answers:", w, Role::Title);
    if s.stops.is_empty() {
        para(app, out, "no stop was revealed to the room", w, Role::Muted);
        return;
    }
    let dot = app.glyphs.dot();
    for stop in &s.stops {
        let d = &stop.distribution;
        para(
            app,
            out,
            &format!(
                "stop {} of {} {dot} {}: {} {dot} {}",
                stop.number,
                stop.of,
                stop.label,
                d,
                agreement(d.agreed, d.answered)
            ),
            w,
            Role::Text,
        );
    }
    let (answered, agreed) = s.totals();
    let share = (agreed * 100 + answered / 2)
        .checked_div(answered)
        .map_or("–".to_string(), |p| format!("{p} %"));
    para(
        app,
        out,
        &format!(
            "Agreement with the rules over {} stops: {agreed} of {answered} answers ({share}).",
            s.stops.len()
        ),
        w,
        Role::AsOf,
    );
}

/// "2 of 3 agreed (67 %)".
fn agreement(agreed: usize, answered: usize) -> String {
    match (agreed * 100 + answered / 2).checked_div(answered) {
        Some(p) => format!("{agreed} of {answered} agreed ({p} %)"),
        None => "no answers".to_string(),
    }
}

/// The detail pane of a conference follower during the host's
/// step-through: the stop's question with this follower's answer, the
/// reveal with the room's answers, or the room's summary at the end.
pub fn remote_lines(app: &App, step: &StepView, w: usize) -> Vec<Line<'static>> {
    let mut out = Vec::new();
    match step {
        StepView::Stop(s) if s.reveal().is_none() => remote_question(app, s, w, &mut out),
        StepView::Stop(s) => remote_reveal(app, s, w, &mut out),
        StepView::Finished(summary) => remote_summary(app, summary, w, &mut out),
    }
    out
}

/// This follower's answer to stop `s`, if it gave one.
fn my_answer<'s>(app: &App, s: &'s StopView) -> Option<&'s Choice> {
    let (id, c) = app.following()?.answer?;
    (id == s.id()).then(|| s.choices().get(c)).flatten()
}

fn remote_question(app: &App, s: &StopView, w: usize, out: &mut Vec<Line<'static>>) {
    let dot = app.glyphs.dot();
    para(
        app,
        out,
        &format!(
            "Stop {} of {} {dot} {}: what should come next?",
            s.number(),
            s.of(),
            s.label()
        ),
        w,
        Role::Title,
    );
    let labels: Vec<&str> = s.choices().iter().map(|c| c.label.as_str()).collect();
    let mine = app.following().and_then(|f| f.answer).filter(|(id, _)| *id == s.id());
    let selected = mine.map(|(_, c)| c).or(app.following().map(|f| f.choice));
    choices(app, &labels, selected.filter(|_| s.is_open()), w, out);
    match (my_answer(app, s), s.is_open()) {
        (Some(c), true) => para(
            app,
            out,
            &format!("your answer: {} (you can change it until the reveal)", c.label),
            w,
            Role::AsOf,
        ),
        (None, true) => para(
            app,
            out,
            "1-9 or 0 answers, or ↑/↓ and Enter; you can change it until the reveal",
            w,
            Role::Muted,
        ),
        (Some(c), false) => para(
            app,
            out,
            &format!("your answer: {}; the question is closed", c.label),
            w,
            Role::AsOf,
        ),
        (None, false) => para(app, out, "the question is closed", w, Role::Muted),
    }
    para(app, out, &format!("{} answered so far", s.answered()), w, Role::Muted);
    para(app, out, "←/→ read the events so far", w, Role::Muted);
}

fn remote_reveal(app: &App, s: &StopView, w: usize, out: &mut Vec<Line<'static>>) {
    let Some(r) = s.reveal() else { return };
    let dot = app.glyphs.dot();
    para(
        app,
        out,
        &format!(
            "Stop {} of {} {dot} {}: the rules say {}",
            s.number(),
            s.of(),
            s.label(),
            r.rules_label()
        ),
        w,
        Role::Title,
    );
    para(app, out, &format!("  because {}", r.why()), w, Role::Muted);
    let yours = match my_answer(app, s) {
        Some(c) if c.step == r.rules() => format!("You said {} (agree)", c.label),
        Some(c) => format!("You said {} (differ)", c.label),
        None => "You did not answer this stop".to_string(),
    };
    para(app, out, &yours, w, Role::Text);
    if let Some(d) = r.room() {
        para(app, out, &format!("The room: {d}"), w, Role::AsOf);
    }
    let then = r.happened().unwrap_or("nothing further is recorded");
    para(app, out, &format!("What happened next: {then}"), w, Role::Text);
    para(app, out, "the host goes on to the next stop", w, Role::Muted);
}

fn remote_summary(app: &App, summary: &RoomSummary, w: usize, out: &mut Vec<Line<'static>>) {
    para(
        app,
        out,
        &format!("Step-through done: {} stops revealed.", summary.stops.len()),
        w,
        Role::Title,
    );
    if let Some(f) = app.following().filter(|f| !f.mine.is_empty()) {
        // this follower's answers against the rules' at each revealed stop
        let mine = |n: usize| f.mine.iter().find(|m| m.number == n).map(|m| m.given);
        let answered = summary.stops.iter().filter(|s| mine(s.number).is_some()).count();
        let agreed = summary
            .stops
            .iter()
            .filter(|s| mine(s.number) == Some(s.distribution.rules))
            .count();
        para(
            app,
            out,
            &format!(
                "You answered {answered} of {} stops and matched the rules {agreed} times.",
                summary.stops.len()
            ),
            w,
            Role::Text,
        );
    }
    out.push(Line::default());
    room_summary(app, summary, w, out);
}
