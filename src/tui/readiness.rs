//! The readiness panel: score and band (word and symbol, never colour
//! alone), every criterion with its status symbol and detail, the
//! confounders, and the next step with its reason. The lines are built by
//! one function so drawing and mouse hit-testing agree.

use super::app::App;
use super::glyphs::Glyphs;
use super::textfit::wrap;
use crate::present::VerdictView;
use crate::rules::{Band, Status};
use crate::theme::{Role, Theme};
use ratatui::layout::Rect;
use ratatui::style::Modifier;
use ratatui::text::{Line, Span};

pub fn band_symbol(band: Band, glyphs: Glyphs) -> &'static str {
    match (band, glyphs.ascii) {
        (Band::PostOp, false) => "◆",
        (Band::Emergency | Band::Urgent, false) => "▲",
        (Band::Ready, false) => "●",
        (Band::Approaching, false) => "◐",
        (Band::NotReady, false) => "○",
        (Band::PostOp, true) => "+",
        (Band::Emergency | Band::Urgent, true) => "!",
        (Band::Ready, true) => "#",
        (Band::Approaching, true) => "~",
        (Band::NotReady, true) => ".",
    }
}

pub fn band_role(band: Band) -> Role {
    match band {
        Band::PostOp => Role::BandPostOp,
        Band::Emergency | Band::Urgent => Role::BandUrgent,
        Band::Ready => Role::BandReady,
        Band::Approaching => Role::BandApproaching,
        Band::NotReady => Role::BandNotReady,
    }
}

pub fn status_role(s: Status) -> Role {
    match s {
        Status::Met => Role::Ok,
        Status::NotMet => Role::Bad,
        Status::Unknown => Role::Warn,
        Status::NotApplicable => Role::Muted,
    }
}

/// The panel's lines for `width` columns, each with the criterion it
/// belongs to. Every word comes from the presented verdict.
pub fn lines(app: &App, r: &VerdictView, width: u16) -> Vec<(Line<'static>, Option<usize>)> {
    let theme: &Theme = &app.theme;
    let g = app.glyphs;
    let w = usize::from(width.max(8));
    let mut out: Vec<(Line<'static>, Option<usize>)> = Vec::new();
    let band_style = theme.style(band_role(r.band));
    if let Some(step) = &app.view.step {
        let head = format!(" as of {} (stop {} of {})", r.as_of, step.index + 1, step.stops.len());
        out.push((Line::from(Span::styled(head, theme.style(Role::AsOf))), None));
    }
    if let (Some(w), Some((_, base))) = (&app.view.what_if, app.selected()) {
        let change = format!(
            " what-if: score {} {arrow} {}, band {} {arrow} {}",
            base.score,
            w.score,
            base.band.as_str(),
            w.band.as_str(),
            arrow = g.arrow()
        );
        for l in wrap(&change, w_cols(width)) {
            out.push((
                Line::from(Span::styled(l, theme.style(Role::Warn).add_modifier(Modifier::BOLD))),
                None,
            ));
        }
        if base.next_step != w.next_step {
            let l = format!(
                " next step {} {} {}",
                base.next_step.label(),
                g.arrow(),
                w.next_step.label()
            );
            out.push((Line::from(Span::styled(l, theme.style(Role::Warn))), None));
        }
    }
    out.push((
        Line::from(vec![
            Span::styled(
                format!(" {:>3} ", r.score),
                theme.style(Role::Title).add_modifier(Modifier::BOLD),
            ),
            Span::styled(format!(" {} {} ", band_symbol(r.band, g), r.band.label()), band_style),
        ]),
        None,
    ));
    let filled = usize::from(r.score).div_ceil(10);
    let gauge: String = (0..10).map(|i| g.gauge(i < filled)).collect();
    out.push((Line::from(Span::styled(format!(" {gauge}"), band_style)), None));
    let weeks = format!("{:.1} documented weeks", r.documented_weeks);
    out.push((
        Line::from(Span::styled(format!(" {weeks}"), theme.style(Role::Muted))),
        None,
    ));
    if r.scored_before_surgery {
        out.push((
            Line::from(Span::styled(
                " scored the day before surgery".to_string(),
                theme.style(Role::Muted),
            )),
            None,
        ));
    }
    out.push((Line::default(), None));
    let focused = app.focus == super::layout::Pane::Readiness;
    for (i, c) in r.criteria.iter().enumerate() {
        let is_focus = focused && app.view.criterion == i;
        let mut head = theme.style(status_role(c.status));
        if is_focus {
            head = head
                .patch(theme.style(Role::Selection))
                .add_modifier(Modifier::REVERSED);
        }
        let pts = if c.points != 0.0 {
            crate::case::describe::number((c.points * 10.0).round() / 10.0)
        } else {
            String::new()
        };
        // points right-aligned, so they never fall off a narrow panel
        let label = format!(" {} {}", c.status.symbol(!g.ascii), c.label);
        let label_w = w.saturating_sub(pts.len() + 1);
        let label = super::textfit::fit(&label, label_w, g.ellipsis());
        let pad = w.saturating_sub(super::textfit::width(&label) + pts.len());
        out.push((
            Line::from(vec![Span::styled(format!("{label}{}{pts}", " ".repeat(pad)), head)]),
            Some(i),
        ));
        for l in wrap(&app.ascii(&c.detail), w.saturating_sub(4)) {
            out.push((
                Line::from(Span::styled(format!("    {l}"), theme.style(Role::Muted))),
                Some(i),
            ));
        }
    }
    out.push((Line::default(), None));
    out.push((
        Line::from(Span::styled(
            " Why PT may not be working".to_string(),
            theme.style(Role::Title),
        )),
        None,
    ));
    if r.confounders.is_empty() {
        out.push((
            Line::from(Span::styled(
                format!("  {} none found", g.dash()),
                theme.style(Role::Muted),
            )),
            None,
        ));
    }
    let findings = |out: &mut Vec<(Line<'static>, Option<usize>)>, label: &str, detail: &str| {
        out.push((
            Line::from(Span::styled(format!("  {} {label}", g.dash()), theme.style(Role::Warn))),
            None,
        ));
        for l in wrap(&app.ascii(detail), w.saturating_sub(4)) {
            out.push((
                Line::from(Span::styled(format!("    {l}"), theme.style(Role::Muted))),
                None,
            ));
        }
    };
    for f in &r.confounders {
        findings(&mut out, &f.label, &f.detail);
    }
    if !r.cautions.is_empty() {
        out.push((Line::default(), None));
        out.push((
            Line::from(Span::styled(" Cautions".to_string(), theme.style(Role::Title))),
            None,
        ));
        for c in &r.cautions {
            findings(&mut out, &c.label, &c.detail);
        }
    }
    out.push((Line::default(), None));
    out.push((
        Line::from(vec![
            Span::styled(" Next: ".to_string(), theme.style(Role::Title)),
            Span::styled(
                r.next_step.label().to_string(),
                theme.style(Role::Title).add_modifier(Modifier::BOLD),
            ),
        ]),
        None,
    ));
    for l in wrap(&app.ascii(&r.next_step_reason), w.saturating_sub(2)) {
        out.push((
            Line::from(Span::styled(format!("  {l}"), theme.style(Role::Text))),
            None,
        ));
    }
    out
}

fn w_cols(width: u16) -> usize {
    usize::from(width.max(8))
}

/// The scroll that keeps the focused criterion in view.
pub fn scroll_for(lines: &[(Line<'static>, Option<usize>)], criterion: usize, height: u16) -> u16 {
    let first = lines.iter().position(|(_, c)| *c == Some(criterion)).unwrap_or(0);
    let last = lines.iter().rposition(|(_, c)| *c == Some(criterion)).unwrap_or(first);
    let h = usize::from(height.max(1));
    if last < h { 0 } else { (last + 1 - h).min(first) as u16 }
}

/// The criterion drawn at screen row `y` of the panel `area`.
pub fn criterion_at(app: &App, area: Rect, y: u16) -> Option<usize> {
    let r = app.view.verdict.as_ref()?;
    let inner_h = area.height.saturating_sub(2);
    let ls = lines(app, r, area.width.saturating_sub(2));
    let scroll = scroll_for(&ls, app.view.criterion, inner_h);
    let row = y.checked_sub(area.y + 1)? + scroll;
    ls.get(usize::from(row)).and_then(|(_, c)| *c)
}
