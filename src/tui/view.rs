//! The pure view: draws the state into a buffer. No I/O, no scoring and no
//! filtering happens here; everything drawn was computed by `update`.

use super::app::{App, Overlay};
use super::layout::{MIN_HEIGHT, MIN_WIDTH, Mode, Pane};
use super::{case_list, detail, overlay, readiness, scroll, status, summary, timeline};
use crate::theme::Role;
use ratatui::Frame;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Widget};

pub fn draw(app: &App, frame: &mut Frame) {
    let area = frame.area();
    render(app, area, frame.buffer_mut());
}

/// Renders the whole screen into `buf`; render tests call this directly.
pub fn render(app: &App, area: Rect, buf: &mut Buffer) {
    let th = &app.theme;
    buf.set_style(area, th.style(Role::Text));
    if Mode::for_size(area) == Mode::TooSmall {
        too_small(app, area, buf);
        return;
    }
    let panes = app.panes();
    if let Some(tabs) = panes.tabs {
        draw_tabs(app, tabs, buf);
    }
    for pane in [Pane::Timeline, Pane::Detail, Pane::Readiness, Pane::List] {
        if let Some(r) = panes.get(pane) {
            draw_pane(app, pane, r, buf);
        }
    }
    if let Some(r) = panes.verdict {
        summary::strip(app, r, buf);
    }
    status::draw(app, panes.status, buf);
    match app.overlay {
        Some(Overlay::Help) => overlay::draw_help(app, area, buf),
        Some(Overlay::Errors) => overlay::draw_errors(app, area, buf),
        None => {}
    }
    if app.glyphs.ascii {
        // the net under every path above: nothing outside ASCII reaches the terminal
        for cell in buf.content.iter_mut() {
            if !cell.symbol().is_ascii() {
                cell.set_symbol("?");
            }
        }
    }
    super::thrifty::well_formed(buf);
}

fn too_small(app: &App, area: Rect, buf: &mut Buffer) {
    let lines = vec![
        Line::from(Span::styled(
            "pathwise needs a bigger terminal",
            app.theme.style(Role::Title),
        )),
        Line::from(format!(
            "now {}x{}, needs at least {MIN_WIDTH}x{MIN_HEIGHT}",
            area.width, area.height
        )),
        Line::from(Span::styled("q quits", app.theme.style(Role::Muted))),
    ];
    let y = area.y + area.height.saturating_sub(3) / 2;
    Paragraph::new(lines).centered().render(
        Rect {
            y,
            height: area.height.saturating_sub(y - area.y),
            ..area
        },
        buf,
    );
}

/// The tab bar (clickable: `layout::tabs` places the labels), and the
/// selected case's band and next step at its right where they fit.
fn draw_tabs(app: &App, area: Rect, buf: &mut Buffer) {
    let th = &app.theme;
    let mut end = area.x;
    for (pane, label, r) in super::layout::tabs(area) {
        let style = if pane == app.focus {
            th.style(Role::Selection).add_modifier(ratatui::style::Modifier::BOLD)
        } else {
            th.style(Role::Muted)
        };
        buf.set_string(r.x, r.y, &label, style);
        end = r.right();
    }
    if app.focus != Pane::List {
        summary::tab_verdict(
            app,
            Rect::new(end + 1, area.y, area.right().saturating_sub(end + 1), 1),
            buf,
        );
    }
}

fn block<'a>(app: &App, pane: Pane, title: String) -> Block<'a> {
    let th = &app.theme;
    let focused = app.focus == pane;
    let border = if focused {
        th.style(Role::BorderFocused)
    } else {
        th.style(Role::Border)
    };
    let number = Pane::ALL.iter().position(|p| *p == pane).map_or(0, |i| i + 1);
    Block::default()
        .borders(Borders::ALL)
        .border_set(app.glyphs.border())
        .border_style(border)
        .title(Span::styled(
            format!(" {number} {title} "),
            if focused {
                th.style(Role::Title)
            } else {
                th.style(Role::Muted)
            },
        ))
}

fn draw_pane(app: &App, pane: Pane, area: Rect, buf: &mut Buffer) {
    let dot = app.glyphs.dot();
    // the selected case as presented: nothing below reads the case's own text
    let shown = app.view.shown.as_ref();
    let title = match (pane, shown) {
        (Pane::List, _) => case_list::title(app),
        (Pane::Timeline, Some(v)) => app
            .ascii(&format!(
                "Timeline {dot} {} {dot} {}",
                v.alias,
                summary::case_title(app, v)
            ))
            .into_owned(),
        (Pane::Detail, Some(v)) => detail::title(app, v, app.view.event),
        (Pane::Readiness, Some(_)) => "Readiness".to_string(),
        (p, None) => p.title().to_string(),
    };
    // a scrolled detail keeps the top border's right end for its "↑ N above"
    let scrolled = pane == Pane::Detail && app.view.detail_scroll > 0;
    let width = usize::from(area.width.saturating_sub(if scrolled { 20 } else { 6 }));
    let title = super::textfit::fit(&title, width, app.glyphs.ellipsis());
    // the drawer lies over other panes
    if pane == Pane::List {
        Clear.render(area, buf);
    }
    let b = block(app, pane, title);
    let inner = b.inner(area);
    b.render(area, buf);
    buf.set_style(inner, app.theme.style(Role::Text));
    match pane {
        Pane::List => case_list::draw(app, inner, buf),
        Pane::Timeline => {
            if let Some(v) = shown {
                timeline::draw(app, v, area, buf);
            }
        }
        Pane::Detail => {
            if let Some(v) = shown {
                let lines = detail::lines(app, v, app.view.event, inner.width);
                let counts = scroll::draw(lines, app.view.detail_scroll, inner, buf);
                scroll::marks(
                    app,
                    counts,
                    area.right().saturating_sub(1),
                    area.y,
                    area.bottom() - 1,
                    buf,
                );
            }
        }
        Pane::Readiness => {
            if let Some(v) = &app.view.verdict {
                readiness::draw(app, v, area, buf);
            }
        }
    }
}
