//! The detail pane during a step-through: the question with its ten
//! choices, the reveal after an answer (the answer, what the rules say
//! and why, what happened next), and the closing summary.

use crate::theme::Role;
use crate::tui::app::App;
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

fn question(app: &App, step: &Step, w: usize, out: &mut Vec<Line<'static>>) {
    let th = &app.theme;
    let now = day_label(app, step.index);
    para(app, out, &format!("{now}: what should come next?"), w, Role::Title);
    // two columns when they fit, so all ten show at 80x24
    let col_w = 30;
    let per_row = if w >= 2 * col_w { 2 } else { 1 };
    let rows = CHOICES.len().div_ceil(per_row);
    for row in 0..rows {
        let mut spans = Vec::new();
        for col in 0..per_row {
            let i = col * rows + row;
            let Some(choice) = CHOICES.get(i) else { continue };
            let selected = i == step.choice;
            let s = format!(
                "{} {} {}",
                if selected { app.glyphs.pointer() } else { " " },
                choice_key(i),
                choice.label()
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
    out.push(Line::default());
    para(
        app,
        out,
        "Esc or s leaves the step-through. Nothing was written.",
        w,
        Role::Muted,
    );
}
