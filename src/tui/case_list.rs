//! Drawing the case list: the search line, then only the visible rows
//! (alias, title with matched characters highlighted, band badge). The
//! list grows with the terminal; beside the other panes (120 columns and
//! more) and from 56 columns inside, each case takes two rows so most
//! titles show whole; a list that has the screen to itself keeps one. Badges are words ("● READY") where
//! they leave the title room, else three letters ("●RDY", the legend in
//! `?`). During a step-through the badges are hidden: the case's own
//! would give the answer away.

use super::app::App;
use super::layout::Mode;
use super::readiness::{band_role, band_symbol};
use super::textfit;
use crate::rules::Band;
use crate::text;
use crate::theme::Role;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;

/// From this many columns inside the border, beside the other panes, a
/// case takes two rows.
const TWO_ROWS_FROM: u16 = 56;
/// The widest word badge: "◐ APPROACHING".
const WORD_BADGE_W: usize = 13;

/// Rows one case takes in a list of `inner` (inside the border).
pub fn rows_per_case(app: &App, inner: Rect) -> u16 {
    let beside = app.mode() == Mode::Wide && !app.zoom;
    if beside && inner.width >= TWO_ROWS_FROM { 2 } else { 1 }
}

/// How many cases a list pane (`area`, border included) shows at once.
pub fn cases_shown(app: &App, area: Rect) -> usize {
    let inner = super::layout::inner(area);
    usize::from(inner.height.saturating_sub(1) / rows_per_case(app, inner))
}

/// The case (position in the list) drawn at screen row `y` of the pane;
/// none during a step-through, whose case is drawn alone.
pub fn case_at(app: &App, area: Rect, y: u16) -> Option<usize> {
    if badges_hidden(app) {
        return None;
    }
    let inner = super::layout::inner(area);
    let row = y.checked_sub(inner.y + 1)?;
    let pos = app.list.offset + usize::from(row / rows_per_case(app, inner));
    (pos < app.list.visible.len()).then_some(pos)
}

/// Where a row's parts go.
struct Columns {
    alias_w: usize,
    title_w: usize,
    words: bool,
    two_rows: bool,
}

impl Columns {
    fn new(app: &App, inner: Rect) -> Columns {
        let width = usize::from(inner.width);
        let alias_w = app
            .list
            .visible
            .iter()
            .filter_map(|&i| app.labels.get(i).and_then(Option::as_ref))
            .map(|l| textfit::width(&l.alias))
            .max()
            .unwrap_or(8)
            .clamp(4, 10)
            .min(width / 3);
        let two_rows = rows_per_case(app, inner) == 2;
        let title_w = width.saturating_sub(2 + alias_w + 1);
        let words = title_w.saturating_sub(WORD_BADGE_W + 1) >= 20;
        Columns {
            alias_w,
            title_w,
            words,
            two_rows,
        }
    }

    fn badge(&self, app: &App, band: Band) -> String {
        let g = app.glyphs;
        if self.words {
            format!("{} {}", band_symbol(band, g), band.label())
        } else {
            format!("{}{}", band_symbol(band, g), band.short())
        }
    }
}

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
    search_line(app, inner, buf);
    let rows_area = Rect {
        y: inner.y + 1,
        height: inner.height - 1,
        ..inner
    };
    let list = &app.list;
    if list.visible.is_empty() {
        let g = app.glyphs;
        let msg = match (app.load_progress(), app.library.cases.is_empty()) {
            (Some((_, None)), true) => format!("finding case files{}", g.ellipsis()),
            (Some((read, Some(total))), true) => format!("loading{} {read} of {total} files", g.ellipsis()),
            (None, true) => "no cases in this library".to_string(),
            (_, false) => "no case matches".to_string(),
        };
        buf.set_string(rows_area.x + 1, rows_area.y, msg, app.theme.style(Role::Muted));
        return;
    }
    let cols = Columns::new(app, inner);
    let per = rows_per_case(app, inner);
    if let (true, Some(i)) = (badges_hidden(app), app.selected_index()) {
        // a step-through shows its case alone: other titles are written
        // in hindsight too ("…: pharmacology next")
        draw_case(
            app,
            &cols,
            Rect {
                height: per,
                ..rows_area
            },
            list.selected,
            i,
            buf,
        );
        let note = "the other cases are back when the step-through ends (Esc)";
        for (n, l) in textfit::wrap(note, usize::from(inner.width.saturating_sub(2)))
            .iter()
            .enumerate()
        {
            let y = rows_area.y + per + 1 + n as u16;
            if y < rows_area.bottom() {
                buf.set_string(inner.x + 2, y, l, app.theme.style(Role::Muted));
            }
        }
        return;
    }
    let shown = usize::from(rows_area.height / per);
    for (n, (pos, &i)) in list
        .visible
        .iter()
        .enumerate()
        .skip(list.offset)
        .take(shown)
        .enumerate()
    {
        let y = rows_area.y + n as u16 * per;
        draw_case(
            app,
            &cols,
            Rect {
                y,
                height: per,
                ..rows_area
            },
            pos,
            i,
            buf,
        );
    }
}

fn search_line(app: &App, inner: Rect, buf: &mut Buffer) {
    let th = &app.theme;
    let list = &app.list;
    let cursor = if list.searching { "_" } else { "" };
    let search = if list.query.is_empty() && !list.searching {
        let dot = app.glyphs.dot();
        let full = format!("/ search {dot} : go to {dot} sort: {}", list.sort.label());
        let short = format!("/ search {dot} sort: {}", list.sort.label());
        let fits = textfit::width(&full) <= usize::from(inner.width);
        Line::from(Span::styled(if fits { full } else { short }, th.style(Role::Muted)))
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
}

/// One case in `area` (one or two rows): pointer, alias, title, badge.
fn draw_case(app: &App, cols: &Columns, area: Rect, pos: usize, i: usize, buf: &mut Buffer) {
    let th = &app.theme;
    let g = app.glyphs;
    // the list's words as presented (alias and title), never the file's;
    // `update` presents the rows in view, so a missing one is only a gap
    let (alias, title) = app
        .labels
        .get(i)
        .and_then(Option::as_ref)
        .map_or(("…", "…"), |l| (l.alias.as_str(), l.title.as_str()));
    let selected = pos == app.list.selected;
    // the selected row: the selection's style on every cell of it, the
    // alias too (a muted alias on the selection's background can vanish
    // at 16 colours)
    let base = if selected {
        th.style(Role::Selection)
    } else {
        th.style(Role::Text)
    };
    for y in area.y..area.y + area.height {
        buf.set_string(area.x, y, " ".repeat(usize::from(area.width)), base);
    }
    let pointer = if selected { g.pointer() } else { " " };
    buf.set_string(area.x, area.y, pointer, base.add_modifier(Modifier::BOLD));
    if app.list.fuzzy {
        // a fuzzy match, not a word-prefix one
        buf.set_string(area.x + 1, area.y, "~", base.patch(th.style(Role::Muted)));
    }
    let alias_style = if selected { base } else { th.style(Role::Muted) };
    let alias = textfit::fit(&app.ascii(alias), cols.alias_w, g.ellipsis());
    buf.set_string(area.x + 2, area.y, &alias, alias_style);
    let x0 = area.x + 2 + cols.alias_w as u16 + 1;
    let band = app.readiness[i].band;
    let badge = (!badges_hidden(app)).then(|| cols.badge(app, band));
    let badge_w = badge.as_ref().map_or(1, |b| textfit::width(b) + 1);
    // the stepped case's title would give the answer away
    let hidden = match (&app.view.shown, app.selected_index()) {
        (Some(shown), Some(s)) if s == i => Some(super::summary::case_title(app, shown).into_owned()),
        _ => None,
    };
    let title = app.ascii(hidden.as_deref().unwrap_or(title));
    let mut lines = if cols.two_rows {
        let mut l = textfit::wrap(&title, cols.title_w);
        if l.len() > 2 {
            l.truncate(2);
            l[1] = textfit::fit(&format!("{} {}", l[1], g.ellipsis()), cols.title_w, g.ellipsis());
        }
        l
    } else {
        vec![title.into_owned()]
    };
    // the badge's row keeps room for it
    let last = lines.len() - 1;
    let room = if cols.two_rows && lines.len() == 1 {
        cols.title_w
    } else {
        cols.title_w.saturating_sub(badge_w)
    };
    if textfit::width(&lines[last]) > room {
        lines[last] = textfit::fit(&lines[last], room, g.ellipsis());
    }
    let query = !app.list.parsed().is_empty();
    for (row, text) in lines.iter().enumerate() {
        let hl = if query { app.highlights(text) } else { Vec::new() };
        let mut x = x0;
        for (ci, ch) in text.chars().enumerate() {
            let style = if hl.binary_search(&ci).is_ok() {
                base.patch(th.style(Role::SearchMatch))
            } else {
                base
            };
            let s = ch.to_string();
            buf.set_string(x, area.y + row as u16, &s, style);
            x += textfit::width(&s) as u16;
        }
    }
    if let Some(badge) = badge {
        // the badge in its own colours, on the text's background, also
        // in the selected row, so it stays legible there
        let style = badge_style(app, band);
        let bx = area.x + area.width.saturating_sub(textfit::width(&badge) as u16);
        buf.set_string(bx, area.y + area.height - 1, badge, style);
    }
}

/// Badges are hidden while a step-through runs, until its summary.
fn badges_hidden(app: &App) -> bool {
    app.step_at().is_some_and(|s| !s.finished)
}

/// The badge's style for `band`, as the list draws it: on the text's own
/// background (the terminal's, when the theme has none), never the
/// selection's.
pub fn badge_style(app: &App, band: Band) -> Style {
    let text = app.theme.style(Role::Text);
    Style::default()
        .bg(text.bg.unwrap_or(Color::Reset))
        .patch(text)
        .patch(app.theme.style(band_role(band)))
}
