//! The detail pane: every field of the selected event, or, with none
//! selected, the case: its id, header fields, summary and teaching points;
//! in step-through, the question, its reveal or the summary (`step.rs`).
//! Everything drawn comes from the presented views (`App::view.shown`), so
//! presentation mode's week offsets, hidden notes and alias-only patient
//! are the presenter's, not this pane's.

mod step;

use super::app::App;
use super::textfit::wrap;
use crate::present::{CaseView, EventView, FieldKind};
use crate::theme::Role;
use ratatui::style::Modifier;
use ratatui::text::{Line, Span};

/// The pane's title: the event's date and title, or the case's.
pub fn title(app: &App, shown: &CaseView, event: Option<usize>) -> String {
    let dot = app.glyphs.dot();
    let s = match event.and_then(|i| shown.events.get(i)) {
        Some(e) => format!("{} {dot} {}", e.date_label, e.title),
        None => format!("{} {dot} {}", shown.alias, super::summary::case_title(app, shown)),
    };
    app.ascii(&s).into_owned()
}

/// The pane's lines at `width` columns, for the selected event (an index
/// into the case's events) or the case.
pub fn lines(app: &App, shown: &CaseView, event: Option<usize>, width: u16) -> Vec<Line<'static>> {
    let w = usize::from(width.max(10));
    if let (Some(s), None) = (&app.view.step, event) {
        return step::lines(app, s, w);
    }
    if let (Some(s), None) = (app.remote_step(), event) {
        return step::remote_lines(app, s, w);
    }
    match event.and_then(|i| shown.events.get(i).map(|e| (i, e))) {
        Some((i, e)) => event_lines(app, i, e, w),
        None => case_lines(app, shown, w),
    }
}

/// One labelled value, wrapped beside its label.
fn field(app: &App, out: &mut Vec<Line<'static>>, name: &str, value: &str, kind: FieldKind, w: usize) {
    let th = &app.theme;
    let name_w = 15.max(name.len() + 1);
    let style = match kind {
        FieldKind::Pending => th.style(Role::Muted).add_modifier(Modifier::ITALIC),
        _ => th.style(Role::Text),
    };
    let wrapped = wrap(&app.ascii(value), w.saturating_sub(name_w).max(8));
    for (i, l) in wrapped.into_iter().enumerate() {
        let key = if i == 0 {
            format!("{name:<name_w$}")
        } else {
            " ".repeat(name_w)
        };
        out.push(Line::from(vec![
            Span::styled(key, th.style(Role::Muted)),
            Span::styled(l, style),
        ]));
    }
}

/// A line of the pane's own, wrapped to `w`.
fn note(app: &App, out: &mut Vec<Line<'static>>, s: &str, role: Role, w: usize) {
    for l in wrap(&app.ascii(s), w) {
        out.push(Line::from(Span::styled(l, app.theme.style(role))));
    }
}

fn event_lines(app: &App, i: usize, e: &EventView, w: usize) -> Vec<Line<'static>> {
    let mut out = Vec::new();
    if let Some(walk) = app.evidence_position(i) {
        note(app, &mut out, &walk, Role::Title, w);
    }
    if app.is_left_out(i) && app.is_follower() {
        note(app, &mut out, "left out of scoring (the host's what-if)", Role::Warn, w);
    } else if app.is_left_out(i) {
        note(
            app,
            &mut out,
            "left out of scoring (what-if); x puts it back, X restores all",
            Role::Warn,
            w,
        );
    }
    if let Some(step) = &e.step_label {
        field(app, &mut out, "pathway", step, FieldKind::Text, w);
    }
    if e.after_review {
        note(
            app,
            &mut out,
            "after the review date: shown greyed, not scored",
            Role::Warn,
            w,
        );
    }
    for f in &e.fields {
        field(app, &mut out, &f.label, &f.value, f.kind, w);
    }
    out
}

fn case_lines(app: &App, shown: &CaseView, w: usize) -> Vec<Line<'static>> {
    let th = &app.theme;
    let text_style = th.style(Role::Text);
    let mut out = Vec::new();
    // the id first: it is how people find the case again (`:` goes to it)
    if let Some(id) = shown.field("case id") {
        field(app, &mut out, &id.label, &id.value, id.kind, w);
    }
    for f in shown.header.iter().filter(|f| f.label != "case id") {
        field(app, &mut out, &f.label, &f.value, f.kind, w);
    }
    if let Some(s) = &shown.summary {
        out.push(Line::default());
        note(app, &mut out, "Summary", Role::Title, w);
        for l in wrap(&app.ascii(s), w) {
            out.push(Line::from(Span::styled(l, text_style)));
        }
    }
    if !shown.teaching_points.is_empty() {
        out.push(Line::default());
        note(app, &mut out, "Teaching points", Role::Title, w);
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
        field(app, &mut out, "tags", &shown.tags.join(", "), FieldKind::Text, w);
    }
    out.push(Line::default());
    let hint = app
        .ascii("←/→ walk the events; Enter on a criterion walks through its evidence")
        .into_owned();
    out.push(Line::from(Span::styled(
        hint,
        th.style(Role::Muted).add_modifier(Modifier::ITALIC),
    )));
    out
}
