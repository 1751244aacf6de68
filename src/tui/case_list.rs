//! Drawing the case list: the search line, then only the visible rows
//! (alias, title with matched characters highlighted, band badge).

use super::app::App;
use super::readiness::{band_role, band_symbol};
use super::textfit;
use crate::text;
use crate::theme::Role;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;

/// The pane's title: how many cases the list shows of how many, and
/// whether they are the fuzzy fallback's ("Cases 12 fuzzy/100000").
pub fn title(app: &App) -> String {
    let fuzzy = if app.list.fuzzy { " fuzzy" } else { "" };
    format!("Cases {}{fuzzy}/{}", app.list.visible.len(), app.library.cases.len())
}

/// Draws inside `inner` (the caller drew the border).
pub fn draw(app: &App, inner: Rect, buf: &mut Buffer) {
    if inner.height == 0 {
        return;
    }
    let th = &app.theme;
    let g = app.glyphs;
    let list = &app.list;
    let cursor = if list.searching { "_" } else { "" };
    let search = if list.query.is_empty() && !list.searching {
        Line::from(Span::styled(
            format!("/ search {} sort: {}", g.dot(), list.sort.label()),
            th.style(Role::Muted),
        ))
    } else {
        let mut spans = vec![
            Span::styled("/ ", th.style(Role::Title)),
            Span::styled(
                format!("{}{cursor}", text::inline(&list.query)),
                th.style(Role::Text).add_modifier(Modifier::BOLD),
            ),
        ];
        if list.fuzzy {
            spans.push(Span::styled("  ~ fuzzy: no word begins so", th.style(Role::Muted)));
        }
        Line::from(spans)
    };
    search.render(Rect { height: 1, ..inner }, buf);
    let rows_area = Rect {
        y: inner.y + 1,
        height: inner.height - 1,
        ..inner
    };
    if list.visible.is_empty() {
        let msg = if app.library.cases.is_empty() {
            "no cases in this library"
        } else {
            "no case matches"
        };
        buf.set_string(rows_area.x + 1, rows_area.y, msg, th.style(Role::Muted));
        return;
    }
    let width = usize::from(inner.width);
    let badge_w = 5;
    let alias_w = 8.min(width / 3);
    let title_w = width.saturating_sub(2 + alias_w + 1 + badge_w);
    let query = list.parsed();
    let visible = list
        .visible
        .iter()
        .enumerate()
        .skip(list.offset)
        .take(usize::from(rows_area.height));
    for (row_y, (pos, &i)) in visible.enumerate() {
        let y = rows_area.y + row_y as u16;
        let case = &app.library.cases[i].case;
        let r = &app.readiness[i];
        let selected = pos == list.selected;
        let base = if selected {
            th.style(Role::Selection)
        } else {
            th.style(Role::Text)
        };
        let pointer = if selected { g.pointer() } else { " " };
        buf.set_string(inner.x, y, " ".repeat(width), base);
        buf.set_string(inner.x, y, pointer, base.add_modifier(Modifier::BOLD));
        if list.fuzzy {
            // a fuzzy match, not a word-prefix one
            buf.set_string(inner.x + 1, y, "~", base.patch(th.style(Role::Muted)));
        }
        let alias = textfit::fit(&app.inline(case, &case.patient.alias), alias_w, g.ellipsis());
        buf.set_string(
            inner.x + 2,
            y,
            &alias,
            base.patch(th.style(Role::Muted))
                .patch(sel_only(selected, th.style(Role::Selection))),
        );
        let title = textfit::fit(&app.inline(case, &case.title), title_w, g.ellipsis());
        let hl = if query.is_empty() {
            Vec::new()
        } else {
            app_matcher_highlights(app, &title)
        };
        let x0 = inner.x + 2 + alias_w as u16 + 1;
        let mut x = x0;
        for (ci, ch) in title.chars().enumerate() {
            let style = if hl.binary_search(&ci).is_ok() {
                base.patch(th.style(Role::SearchMatch))
            } else {
                base
            };
            let s = ch.to_string();
            buf.set_string(x, y, &s, style);
            x += textfit::width(&s) as u16;
        }
        let badge = format!("{}{}", band_symbol(r.band, g), r.band.short());
        let bx = inner.x + inner.width.saturating_sub(badge_w as u16);
        buf.set_string(bx, y, format!(" {badge}"), th.style(band_role(r.band)));
    }
}

fn sel_only(selected: bool, s: Style) -> Style {
    if selected { s } else { Style::default() }
}

fn app_matcher_highlights(app: &App, title: &str) -> Vec<usize> {
    app.highlights(title)
}
