//! The detail pane: every field of the selected event, or, with none
//! selected, the case: its header fields, summary and teaching points.
//! Everything drawn comes from the presented views (`App::view.shown`), so
//! presentation mode's week offsets, hidden notes and alias-only patient
//! are the presenter's, not this pane's.

use super::app::App;
use super::step::{CHOICES, Step};
use super::textfit::wrap;
use crate::present::{CaseView, FieldKind};
use crate::rules::NextStep;
use crate::theme::Role;
use ratatui::style::Modifier;
use ratatui::text::{Line, Span};

/// The pane's title: the event's date and title, or the case's.
pub fn title(app: &App, shown: &CaseView, event: Option<usize>) -> String {
    let dot = app.glyphs.dot();
    let s = match event.and_then(|i| shown.events.get(i)) {
        Some(e) => format!("{} {dot} {}", e.date_label, e.title),
        None => format!("{} {dot} {}", shown.alias, shown.title),
    };
    app.ascii(&s).into_owned()
}

/// The pane's lines at `width` columns, for the selected event (an index
/// into the case's events) or the case.
pub fn lines(app: &App, shown: &CaseView, event: Option<usize>, width: u16) -> Vec<Line<'static>> {
    let w = usize::from(width.max(10));
    let th = &app.theme;
    let key_style = th.style(Role::Muted);
    let text_style = th.style(Role::Text);
    let mut out = Vec::new();
    let field = |out: &mut Vec<Line<'static>>, name: &str, value: &str, kind: FieldKind| {
        let name_w = 15.max(name.len() + 1);
        let style = match kind {
            FieldKind::Pending => th.style(Role::Muted).add_modifier(Modifier::ITALIC),
            _ => text_style,
        };
        let wrapped = wrap(&app.ascii(value), w.saturating_sub(name_w).max(8));
        for (i, l) in wrapped.into_iter().enumerate() {
            let key = if i == 0 {
                format!("{name:<name_w$}")
            } else {
                " ".repeat(name_w)
            };
            out.push(Line::from(vec![Span::styled(key, key_style), Span::styled(l, style)]));
        }
    };
    if let Some(step) = &app.view.step {
        if event.is_none() {
            return step_lines(app, shown, step, w);
        }
    }
    if let Some(e) = event.and_then(|i| shown.events.get(i)) {
        let excluded = event
            .and_then(|i| app.view.events.get(i))
            .is_some_and(|r| app.view.excluded.contains(r));
        if excluded {
            out.push(Line::from(Span::styled(
                "left out of scoring (what-if); x puts it back, X restores all".to_string(),
                th.style(Role::Warn),
            )));
        }
        if let Some(step) = &e.step_label {
            field(&mut out, "pathway", step, FieldKind::Text);
        }
        if e.after_review {
            out.push(Line::from(Span::styled(
                "after the review date: shown greyed, not scored".to_string(),
                th.style(Role::Warn),
            )));
        }
        for f in &e.fields {
            field(&mut out, &f.label, &f.value, f.kind);
        }
        return out;
    }
    for f in &shown.header {
        field(&mut out, &f.label, &f.value, f.kind);
    }
    if let Some(s) = &shown.summary {
        out.push(Line::default());
        out.push(Line::from(Span::styled("Summary".to_string(), th.style(Role::Title))));
        for l in wrap(&app.ascii(s), w) {
            out.push(Line::from(Span::styled(l, text_style)));
        }
    }
    if !shown.teaching_points.is_empty() {
        out.push(Line::default());
        out.push(Line::from(Span::styled(
            "Teaching points".to_string(),
            th.style(Role::Title),
        )));
        for tp in &shown.teaching_points {
            for (i, l) in wrap(&app.ascii(tp), w.saturating_sub(2)).into_iter().enumerate() {
                let bullet = if i == 0 {
                    format!("{} ", app.glyphs.dash())
                } else {
                    "  ".to_string()
                };
                out.push(Line::from(vec![
                    Span::styled(bullet, th.style(Role::Muted)),
                    Span::styled(l, text_style),
                ]));
            }
        }
    }
    if !shown.tags.is_empty() {
        out.push(Line::default());
        field(&mut out, "tags", &shown.tags.join(", "), FieldKind::Text);
    }
    out.push(Line::default());
    out.push(Line::from(Span::styled(
        "←/→ walk the events; Enter on a criterion shows its evidence".to_string(),
        th.style(Role::Muted).add_modifier(Modifier::ITALIC),
    )));
    out
}

/// The step-through's question, its reveal, or the closing summary.
fn step_lines(app: &App, shown: &CaseView, step: &Step, w: usize) -> Vec<Line<'static>> {
    let th = &app.theme;
    let mut out = Vec::new();
    // the stop's day, as the presenter labelled it
    let label = |day| {
        step.stops
            .iter()
            .position(|d| *d == day)
            .and_then(|i| app.view.stop_labels.get(i))
            .map_or("?", String::as_str)
    };
    let para = |out: &mut Vec<Line<'static>>, s: &str, role: Role| {
        for l in wrap(&app.ascii(s), w) {
            out.push(Line::from(Span::styled(l, th.style(role))));
        }
    };
    if step.finished {
        let (rules, happened) = step.tally();
        let n = step.answers.len();
        para(&mut out, &format!("Step-through done: {n} stops."), Role::Title);
        para(
            &mut out,
            &format!(
                "Your answer matched the rules {rules} of {n} times, and what happened next {happened} of {n} times."
            ),
            Role::Text,
        );
        out.push(Line::default());
        for a in &step.answers {
            let happened = a.happened.map_or("nothing further recorded".to_string(), |(r, s)| {
                happened_label(app, shown, r, s)
            });
            let mark = if a.given == a.rules { app.glyphs.pointer() } else { " " };
            para(
                &mut out,
                &format!(
                    "{mark} {}: you {} · rules {} · then {}",
                    label(a.day),
                    a.given.label(),
                    a.rules.label(),
                    happened
                ),
                Role::Text,
            );
        }
        out.push(Line::default());
        para(
            &mut out,
            "Esc or s leaves the step-through. Nothing was written.",
            Role::Muted,
        );
        return out;
    }
    let now = label(step.now());
    match &step.answered {
        None => {
            para(&mut out, &format!("{now}: what should come next?"), Role::Title);
            // two columns when they fit, so all eight show at 80x24
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
                        i + 1,
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
                &mut out,
                "1-8 answers, or ↑/↓ and Enter; Esc ends the step-through",
                Role::Muted,
            );
        }
        Some(a) => {
            para(&mut out, &format!("{now}: you said {}", a.given.label()), Role::Title);
            let agree = if a.given == a.rules { "agree" } else { "differ" };
            para(
                &mut out,
                &format!("The rules say: {} ({agree})", a.rules.label()),
                Role::Text,
            );
            // the reason the rules gave at this stop: the verdict on screen
            let reason = app.view.verdict.as_ref().map_or("", |v| v.next_step_reason.as_str());
            para(&mut out, &format!("  because {reason}"), Role::Muted);
            let happened = a.happened.map_or("nothing further is recorded".to_string(), |(r, s)| {
                happened_label(app, shown, r, s)
            });
            para(&mut out, &format!("What happened next: {happened}"), Role::Text);
            para(&mut out, "Enter or → goes on to the next stop", Role::Muted);
        }
    }
    out
}

fn happened_label(app: &App, shown: &CaseView, r: crate::case::EventRef, s: Option<NextStep>) -> String {
    let event = app
        .view
        .events
        .iter()
        .position(|e| *e == r)
        .and_then(|i| shown.events.get(i));
    let (when, what) = event.map_or(("?", "an event"), |e| (e.date_label.as_str(), e.title.as_str()));
    match s {
        Some(step) => format!("{when} {what} ({})", crate::rules::pathway::step_label(step)),
        None => format!("{when} {what}"),
    }
}
