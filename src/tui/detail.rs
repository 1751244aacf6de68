//! The detail pane: every field of the selected event, or, with none
//! selected, the case: patient, presentation, summary and teaching points.
//! In presentation mode dates become week offsets and notes are hidden.

use super::app::App;
use super::textfit::wrap;
use crate::case::describe::{DateStyle, Value};
use crate::case::{Case, EventRef};
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
    if let Some(r) = event {
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
