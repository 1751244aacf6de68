//! Overlays drawn over the panes: the key help (generated from the keymap
//! table) and the load errors.

use super::app::App;
use super::keymap::KeyMode;
use crate::text;
use crate::theme::Role;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Modifier;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Widget, Wrap};

/// The one disclaimer, shared with the referral summary.
pub use crate::export::DISCLAIMER;

fn centered(area: Rect, w: u16, h: u16) -> Rect {
    let w = w.min(area.width);
    let h = h.min(area.height);
    Rect {
        x: area.x + (area.width - w) / 2,
        y: area.y + (area.height - h) / 2,
        width: w,
        height: h,
    }
}

fn frame(app: &App, title: &str, area: Rect, buf: &mut Buffer) -> Rect {
    Clear.render(area, buf);
    let block = Block::default()
        .borders(Borders::ALL)
        .border_set(app.glyphs.border())
        .border_style(app.theme.style(Role::BorderFocused))
        .style(app.theme.style(Role::Text))
        .title(Span::styled(format!(" {title} "), app.theme.style(Role::Title)));
    let inner = block.inner(area);
    block.render(area, buf);
    inner
}

/// Every mode's keys, a section each, from the keymap table.
pub fn help_lines(app: &App) -> Vec<Line<'static>> {
    let th = &app.theme;
    let mut lines = Vec::new();
    for mode in KeyMode::ALL {
        lines.push(Line::from(Span::styled(
            format!(" {}", mode.title()),
            th.style(Role::Title).add_modifier(Modifier::UNDERLINED),
        )));
        if mode == KeyMode::Search {
            lines.push(Line::from(Span::styled(
                format!(
                    " {:<16}{}",
                    "letters", "type into the query; the list filters as you type"
                ),
                th.style(Role::Text),
            )));
        }
        for b in app.keymap.of_mode(mode) {
            let keys = b.keys.iter().map(ToString::to_string).collect::<Vec<_>>().join(" / ");
            let keys = if app.glyphs.ascii { ascii_arrows(&keys) } else { keys };
            lines.push(Line::from(vec![
                Span::styled(format!(" {keys:<16}"), th.style(Role::Title)),
                Span::styled(b.help.to_string(), th.style(Role::Text)),
            ]));
        }
        lines.push(Line::default());
    }
    lines.push(Line::from(Span::styled(
        " Search: all words must match, each the start of words (rc: rotator cuff); 'exact ^prefix suffix$ !exclude; region: band: tag:".to_string(),
        th.style(Role::Muted),
    )));
    lines.push(Line::from(Span::styled(
        " Mouse: click a case or an event; the wheel scrolls.".to_string(),
        th.style(Role::Muted),
    )));
    lines.push(Line::default());
    lines.push(Line::from(Span::styled(format!(" {DISCLAIMER}"), th.style(Role::Warn))));
    lines
}

/// Arrow keys spelled out for ASCII terminals.
pub fn ascii_arrows(s: &str) -> String {
    s.replace('↑', "Up")
        .replace('↓', "Down")
        .replace('←', "Left")
        .replace('→', "Right")
}

pub fn draw_help(app: &App, area: Rect, buf: &mut Buffer) {
    let r = centered(area, 96, area.height.saturating_sub(2));
    let inner = frame(app, "Keys · j/k scroll · Esc closes", r, buf);
    Paragraph::new(help_lines(app))
        .wrap(Wrap { trim: false })
        .scroll((app.overlay_scroll, 0))
        .render(inner, buf);
}

pub fn draw_errors(app: &App, area: Rect, buf: &mut Buffer) {
    let r = centered(area, area.width.saturating_sub(4), area.height.saturating_sub(2));
    let n = app.library.failed_files();
    let inner = frame(
        app,
        &format!("Load errors · {n} file{} · Esc closes", if n == 1 { "" } else { "s" }),
        r,
        buf,
    );
    let th = &app.theme;
    let mut lines = Vec::new();
    if app.library.errors.is_empty() {
        lines.push(Line::from(Span::styled(
            " every file loaded".to_string(),
            th.style(Role::Ok),
        )));
    }
    if app.present && !app.library.errors.is_empty() {
        // a file name (and a value echoed from the file) may name a patient
        lines.push(Line::from(Span::styled(
            " file names and messages are hidden while presenting; p stops presenting".to_string(),
            th.style(Role::Muted),
        )));
    }
    for e in app.library.errors.iter().filter(|_| !app.present) {
        let place = match (e.line, e.column) {
            (Some(l), Some(c)) => format!(":{l}:{c}"),
            _ => String::new(),
        };
        lines.push(Line::from(Span::styled(
            format!(" {}{place}", e.display_path()),
            th.style(Role::Bad),
        )));
        lines.push(Line::from(Span::styled(
            format!("   {}", text::inline(&e.message)),
            th.style(Role::Text),
        )));
    }
    Paragraph::new(lines)
        .wrap(Wrap { trim: false })
        .scroll((app.overlay_scroll, 0))
        .render(inner, buf);
}
