//! The detail pane: every field of the selected event, or, with none
//! selected, the case: patient, presentation, summary and teaching points.
//! In presentation mode dates become week offsets and notes are hidden.

use super::app::App;
use super::step::{CHOICES, Step};
use super::textfit::wrap;
use crate::case::describe::{DateStyle, Value};
use crate::case::{Case, EventRef};
use crate::rules::pathway;
use crate::theme::Role;
use ratatui::style::Modifier;
use ratatui::text::{Line, Span};

pub use crate::case::describe::NOTE_HIDDEN;

fn date_style(app: &App) -> DateStyle {
    if app.present {
        DateStyle::WeeksFromOnset
    } else {
        DateStyle::Calendar
    }
}

/// The pane's title: the event's date and title, or the case's.
pub fn title(app: &App, case: &Case, event: Option<EventRef>) -> String {
    match event {
        Some(r) => format!(
            "{} {} {}",
            case.date_label(case.event_date(r), date_style(app)),
            app.glyphs.dot(),
            app.inline(case, &case.event_title(r))
        ),
        None => format!(
            "{} {} {}",
            app.inline(case, &case.patient.alias),
            app.glyphs.dot(),
            app.inline(case, &case.title)
        ),
    }
}

pub fn lines(app: &App, case: &Case, event: Option<EventRef>, width: u16) -> Vec<Line<'static>> {
    let w = usize::from(width.max(10));
    let th = &app.theme;
    let key_style = th.style(Role::Muted);
    let text_style = th.style(Role::Text);
    let mut out = Vec::new();
    let field = |out: &mut Vec<Line<'static>>, name: &str, value: &str| {
        let name_w = 15;
        let wrapped = wrap(value, w.saturating_sub(name_w).max(8));
        for (i, l) in wrapped.into_iter().enumerate() {
            let key = if i == 0 {
                format!("{name:<name_w$}")
            } else {
                " ".repeat(name_w)
            };
            out.push(Line::from(vec![
                Span::styled(key, key_style),
                Span::styled(l, text_style),
            ]));
        }
    };
    let style = date_style(app);
    if let Some(step) = &app.view.step {
        if event.is_none() {
            return step_lines(app, case, step, w);
        }
    }
    if let Some(r) = event {
        if app.view.excluded.contains(&r) {
            out.push(Line::from(Span::styled(
                "left out of scoring (what-if); x puts it back, X restores all".to_string(),
                th.style(Role::Warn),
            )));
        }
        if let Some(step) = pathway::step_of(case, r) {
            field(&mut out, "pathway", &pathway::step_label(step));
        }
        if case.event_date(r) > case.as_of {
            out.push(Line::from(Span::styled(
                "after the review date: shown greyed, not scored".to_string(),
                th.style(Role::Warn),
            )));
        }
        for f in case.event_fields(r) {
            let value = match f.value {
                Value::Text(s) => app.block(case, &s),
                Value::Date(d) => case.date_label(d, style),
                Value::Note(_) if app.present => NOTE_HIDDEN.to_string(),
                Value::Note(s) => app.block(case, &s),
            };
            field(&mut out, f.name, &value);
        }
        return out;
    }
    let p = &case.patient;
    let pr = &case.presentation;
    let who = if app.present {
        format!("{}, age {}", app.inline(case, &p.alias), p.age_label())
    } else {
        let mut s = format!("{}, age {}, {}", app.inline(case, &p.alias), p.age_label(), p.sex);
        if let Some(o) = &p.occupation {
            s.push_str(&format!(", {}", app.inline(case, o)));
        }
        s
    };
    field(&mut out, "patient", &who);
    field(&mut out, "region", case.region.as_str());
    field(&mut out, "onset", &case.date_label(pr.onset, style));
    field(&mut out, "review date", &case.date_label(case.as_of, style));
    field(&mut out, "complaint", &app.block(case, &pr.complaint));
    field(&mut out, "diagnosis", &app.block(case, &pr.initial_diagnosis));
    if let Some(wd) = &pr.working_diagnosis {
        let when = pr
            .diagnosis_revised_on
            .map(|d| format!(" (revised {})", case.date_label(d, style)))
            .unwrap_or_default();
        field(&mut out, "working dx", &format!("{}{when}", app.block(case, wd)));
    }
    if !pr.pain_quality.is_empty() {
        let q: Vec<&str> = pr.pain_quality.iter().map(|q| q.as_str()).collect();
        let neuro = if pr.has_neuropathic_features() {
            " (neuropathic)"
        } else {
            ""
        };
        field(&mut out, "pain quality", &format!("{}{neuro}", q.join(", ")));
    }
    if let Some(l) = &case.lifestyle {
        let mut parts = Vec::new();
        if let Some(s) = l.sleep {
            parts.push(format!("sleep {s}"));
        }
        if let Some(n) = l.nutrition {
            parts.push(format!("nutrition {n}"));
        }
        if let Some(s) = l.smoking {
            parts.push(if s {
                "smoker".to_string()
            } else {
                "non-smoker".to_string()
            });
        }
        if l.note.is_some() {
            parts.push(if app.present {
                NOTE_HIDDEN.to_string()
            } else {
                app.block(case, l.note.as_deref().unwrap_or(""))
            });
        }
        if !parts.is_empty() {
            field(&mut out, "lifestyle", &parts.join("; "));
        }
    }
    if let Some(s) = &case.summary {
        out.push(Line::default());
        out.push(Line::from(Span::styled("Summary".to_string(), th.style(Role::Title))));
        for l in wrap(&app.block(case, s), w) {
            out.push(Line::from(Span::styled(l, text_style)));
        }
    }
    if !case.teaching_points.is_empty() {
        out.push(Line::default());
        out.push(Line::from(Span::styled(
            "Teaching points".to_string(),
            th.style(Role::Title),
        )));
        for tp in &case.teaching_points {
            for (i, l) in wrap(&app.block(case, tp), w.saturating_sub(2)).into_iter().enumerate() {
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
    if !case.tags.is_empty() {
        out.push(Line::default());
        field(&mut out, "tags", &app.inline(case, &case.tags.join(", ")));
    }
    out.push(Line::default());
    out.push(Line::from(Span::styled(
        "←/→ walk the events; Enter on a criterion shows its evidence".to_string(),
        th.style(Role::Muted).add_modifier(Modifier::ITALIC),
    )));
    out
}

/// The step-through's question, its reveal, or the closing summary.
fn step_lines(app: &App, case: &Case, step: &Step, w: usize) -> Vec<Line<'static>> {
    let th = &app.theme;
    let style = date_style(app);
    let mut out = Vec::new();
    let para = |out: &mut Vec<Line<'static>>, s: &str, role: Role| {
        for l in wrap(s, w) {
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
                happened_label(app, case, r, s)
            });
            let mark = if a.given == a.rules { app.glyphs.pointer() } else { " " };
            para(
                &mut out,
                &format!(
                    "{mark} {}: you {} · rules {} · then {}",
                    case.date_label(a.day, style),
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
    let now = case.date_label(step.now(), style);
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
            para(
                &mut out,
                &format!("  because {}", app.inline(case, &a.reason)),
                Role::Muted,
            );
            let happened = a.happened.map_or("nothing further is recorded".to_string(), |(r, s)| {
                happened_label(app, case, r, s)
            });
            para(&mut out, &format!("What happened next: {happened}"), Role::Text);
            para(&mut out, "Enter or → goes on to the next stop", Role::Muted);
        }
    }
    out
}

fn happened_label(app: &App, case: &Case, r: EventRef, s: Option<crate::rules::NextStep>) -> String {
    let when = case.date_label(case.event_date(r), date_style(app));
    let what = app.inline(case, &case.event_title(r));
    match s {
        Some(step) => format!("{when} {what} ({})", pathway::step_label(step)),
        None => format!("{when} {what}"),
    }
}
