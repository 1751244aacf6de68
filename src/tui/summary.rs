//! The verdict where the readiness panel is not on screen (80–99 columns,
//! tabs): a strip under the Cases tab's list, and the band and next step
//! at the right of the tab bar on the other tabs. So a clinician at 80x24
//! sees a case's band and next step the moment it is selected. While a
//! step-through stop is asking, both show the stop and its score only.

use super::app::App;
use super::readiness::{band_role, band_symbol};
use super::textfit::{self, wrap};
use crate::present::{CaseView, VerdictView};
use crate::theme::Role;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Modifier;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Widget};

/// The case's title as the screen shows it: during a step-through (until
/// its summary), its initial diagnosis instead, because a title is
/// written in hindsight ("…: injection window lets PT work") and would
/// give the answer away.
pub fn case_title<'v>(app: &App, shown: &'v CaseView) -> std::borrow::Cow<'v, str> {
    if app.step_at().is_none_or(|s| s.finished) {
        return std::borrow::Cow::Borrowed(&shown.title);
    }
    let diagnosis = shown.field("diagnosis").map_or("", |f| f.value.as_str());
    std::borrow::Cow::Owned(format!("{diagnosis} (title hidden until the end)"))
}

/// "▲ URGENT", in the band's style.
fn band(app: &App, v: &VerdictView) -> Span<'static> {
    Span::styled(
        format!(" {} {} ", band_symbol(v.band, app.glyphs), v.band.label()),
        app.theme.style(band_role(v.band)),
    )
}

/// The strip under the Cases tab's list.
pub fn strip(app: &App, area: Rect, buf: &mut Buffer) {
    let th = &app.theme;
    let dot = app.glyphs.dot();
    let title = app
        .view
        .shown
        .as_ref()
        .map_or("Verdict".to_string(), |s| format!("Verdict {dot} {}", s.alias));
    let title = textfit::fit(
        &app.ascii(&title),
        usize::from(area.width.saturating_sub(4)),
        app.glyphs.ellipsis(),
    );
    Clear.render(area, buf);
    let block = Block::default()
        .borders(Borders::ALL)
        .border_set(app.glyphs.border())
        .border_style(th.style(Role::Border))
        .style(th.style(Role::Text))
        .title(Span::styled(format!(" {title} "), th.style(Role::Muted)));
    let inner = block.inner(area);
    block.render(area, buf);
    let Some(v) = &app.view.verdict else {
        buf.set_string(inner.x, inner.y, "no case selected", th.style(Role::Muted));
        return;
    };
    let w = usize::from(inner.width);
    let mut lines = Vec::new();
    if app.answer_hidden() {
        let step = app.step_at().map(|s| (s.number, s.of));
        let (i, n) = step.unwrap_or((1, 1));
        lines.push(Line::from(vec![
            Span::styled(format!("Stop {i} of {n} {dot} "), th.style(Role::AsOf)),
            Span::styled(format!("score {}", v.score), th.style(Role::Title)),
        ]));
        lines.push(Line::from(Span::styled(
            "what should come next? answer on the Timeline tab (2)".to_string(),
            th.style(Role::Muted),
        )));
    } else {
        let head = vec![
            band(app, v),
            Span::styled(
                format!(" {} ", v.score),
                th.style(Role::Title).add_modifier(Modifier::BOLD),
            ),
            Span::styled(format!(" {dot} Next: "), th.style(Role::Title)),
            Span::styled(
                v.next_step.label().to_string(),
                th.style(Role::Title).add_modifier(Modifier::BOLD),
            ),
        ];
        lines.push(Line::from(head));
        let reason = wrap(&app.ascii(&v.next_step_reason), w.saturating_sub(2));
        let room = usize::from(inner.height.saturating_sub(1));
        for (i, l) in reason.iter().take(room).enumerate() {
            let l = if reason.len() > room && i + 1 == room {
                textfit::fit(
                    &format!("{l} {}", app.glyphs.ellipsis()),
                    w.saturating_sub(2),
                    app.glyphs.ellipsis(),
                )
            } else {
                l.clone()
            };
            lines.push(Line::from(Span::styled(format!("  {l}"), th.style(Role::Text))));
        }
    }
    Paragraph::new(lines).render(inner, buf);
}

/// "▲ URGENT · urgent referral" at the right of the tab bar, or the band
/// alone, whichever fits in `area`.
pub fn tab_verdict(app: &App, area: Rect, buf: &mut Buffer) {
    let Some(v) = &app.view.verdict else { return };
    if app.answer_hidden() || area.width == 0 {
        return;
    }
    let b = band(app, v);
    let next = format!("{} {}", app.glyphs.dot(), v.next_step.label());
    let bw = textfit::width(&b.content);
    let w = usize::from(area.width);
    let spans = if bw + textfit::width(&next) <= w {
        vec![b, Span::styled(next, app.theme.style(Role::Title))]
    } else if bw <= w {
        vec![b]
    } else {
        return;
    };
    let used: usize = spans.iter().map(|s| textfit::width(&s.content)).sum();
    let x = area.right() - used as u16;
    Line::from(spans).render(Rect::new(x, area.y, used as u16, 1), buf);
}
