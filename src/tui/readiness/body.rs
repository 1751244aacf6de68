//! The readiness panel's scrolling body: documented weeks, every
//! criterion (status symbol, label, points in a labelled column, detail;
//! the basis of the selected one), the confounders ("why PT may not be
//! working"), the cautions, and the next step's reason in full when the
//! verdict block had to cut it.

use super::{Tagged, status_role};
use crate::present::VerdictView;
use crate::theme::Role;
use crate::tui::app::App;
use crate::tui::layout::Pane;
use crate::tui::textfit::{self, wrap};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};

pub fn lines(app: &App, v: &VerdictView, width: u16, reason_cut: bool) -> Vec<Tagged> {
    let w = usize::from(width);
    let mut out: Vec<Tagged> = Vec::new();
    let muted = app.theme.style(Role::Muted);
    let weeks = format!("{:.1} documented weeks of conservative care", v.documented_weeks);
    text(app, &weeks, w, 1, Role::Muted, &mut out);
    if v.scored_before_surgery {
        out.push((
            Line::from(Span::styled(" scored the day before surgery".to_string(), muted)),
            None,
        ));
    }
    criteria(app, v, w, &mut out);
    findings(app, v, w, &mut out);
    if reason_cut {
        out.push((Line::default(), None));
        heading(app, &format!(" Next step: {}", v.next_step.label()), &mut out);
        text(app, &v.next_step_reason, w, 2, Role::Text, &mut out);
    }
    out
}

fn heading(app: &App, s: &str, out: &mut Vec<Tagged>) {
    out.push((
        Line::from(Span::styled(s.to_string(), app.theme.style(Role::Title))),
        None,
    ));
}

/// `s` wrapped and indented, one line per row, untagged.
fn text(app: &App, s: &str, w: usize, indent: usize, role: Role, out: &mut Vec<Tagged>) {
    for l in wrap(&app.ascii(s), w.saturating_sub(indent)) {
        out.push((
            Line::from(Span::styled(
                format!("{}{l}", " ".repeat(indent)),
                app.theme.style(role),
            )),
            None,
        ));
    }
}

/// "label … points" in `w` columns: the points right-aligned in their
/// column, so they never fall off a narrow panel.
fn row(label: &str, pts: &str, w: usize, ellipsis: &str) -> String {
    let label_w = w.saturating_sub(pts.len().max(3) + 1);
    let label = textfit::fit(label, label_w, ellipsis);
    let pad = w.saturating_sub(textfit::width(&label) + pts.len());
    format!("{label}{}{pts}", " ".repeat(pad))
}

fn criteria(app: &App, v: &VerdictView, w: usize, out: &mut Vec<Tagged>) {
    let th = &app.theme;
    let g = app.glyphs;
    out.push((Line::default(), None));
    out.push((
        Line::from(Span::styled(
            row(" Criteria", "pts", w, g.ellipsis()),
            th.style(Role::Title),
        )),
        None,
    ));
    let focused = app.focus == Pane::Readiness;
    for (i, c) in v.criteria.iter().enumerate() {
        let selected = focused && app.view.criterion == i;
        let mut head = th.style(status_role(c.id, c.status));
        if selected {
            // reverse video of the status's own colour: legible in every theme
            head = head.add_modifier(Modifier::REVERSED | Modifier::BOLD);
        }
        let pts = if c.points == 0.0 {
            String::new()
        } else {
            crate::case::describe::number((c.points * 10.0).round() / 10.0)
        };
        let label = format!(" {} {}", c.status.symbol(!g.ascii), c.label);
        out.push((
            Line::from(Span::styled(row(&label, &pts, w, g.ellipsis()), head)),
            Some(i),
        ));
        let detail_style = th.style(Role::Muted);
        for l in wrap(&app.ascii(&c.detail), w.saturating_sub(4)) {
            out.push((Line::from(Span::styled(format!("    {l}"), detail_style)), Some(i)));
        }
        if selected {
            let basis = format!("basis: {}", c.basis);
            for l in wrap(&app.ascii(&basis), w.saturating_sub(4)) {
                out.push((
                    Line::from(Span::styled(
                        format!("    {l}"),
                        th.style(Role::Muted).add_modifier(Modifier::ITALIC),
                    )),
                    Some(i),
                ));
            }
        }
    }
}

fn finding(app: &App, label: &str, detail: &str, role: Role, w: usize, out: &mut Vec<Tagged>) {
    let style: Style = app.theme.style(role);
    out.push((
        Line::from(Span::styled(format!("  {} {label}", app.glyphs.dash()), style)),
        None,
    ));
    text(app, detail, w, 4, Role::Muted, out);
}

fn findings(app: &App, v: &VerdictView, w: usize, out: &mut Vec<Tagged>) {
    out.push((Line::default(), None));
    heading(app, " Why PT may not be working", out);
    if v.confounders.is_empty() {
        out.push((
            Line::from(Span::styled(
                format!("  {} none found", app.glyphs.dash()),
                app.theme.style(Role::Muted),
            )),
            None,
        ));
    }
    for f in &v.confounders {
        finding(app, &f.label, &f.detail, Role::Warn, w, out);
    }
    if !v.cautions.is_empty() {
        out.push((Line::default(), None));
        heading(app, " Cautions", out);
        for c in &v.cautions {
            finding(app, &c.label, &c.detail, Role::Warn, w, out);
        }
    }
}
