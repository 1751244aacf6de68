//! Overlays drawn over the panes: the key help (generated from the keymap
//! table, with a legend of the symbols and abbreviations on screen) and
//! the load errors. Their lines are wrapped here, one line per row, so
//! `update` can keep the scroll within their end.

use super::app::App;
use super::keymap::{Action, KeyMode};
use super::readiness::band_symbol;
use super::scroll;
use super::textfit::wrap;
use crate::rules::{Band, Status};
use crate::text;
use crate::theme::Role;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Widget};

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

fn help_area(size: Rect) -> Rect {
    centered(size, 100, size.height.saturating_sub(2))
}

fn errors_area(size: Rect) -> Rect {
    centered(size, size.width.saturating_sub(4), size.height.saturating_sub(2))
}

/// Inside the help's border, on a screen of `size`.
pub fn help_inner(size: Rect) -> Rect {
    super::layout::inner(help_area(size))
}

pub fn errors_inner(size: Rect) -> Rect {
    super::layout::inner(errors_area(size))
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

/// A key column and its wrapped text, continuation lines indented; only
/// the key itself takes the key's style (a band's reverse video would
/// otherwise fill the column).
fn entry(out: &mut Vec<Line<'static>>, key: &str, text: &str, w: usize, key_style: Style, style: Style) {
    const KEY_W: usize = 20;
    for (i, l) in wrap(text, w.saturating_sub(KEY_W + 1).max(10)).into_iter().enumerate() {
        let spans = if i == 0 {
            let pad = KEY_W.saturating_sub(1 + super::textfit::width(key)).max(1);
            vec![
                Span::raw(" "),
                Span::styled(key.to_string(), key_style),
                Span::raw(" ".repeat(pad)),
                Span::styled(l, style),
            ]
        } else {
            vec![Span::raw(" ".repeat(KEY_W)), Span::styled(l, style)]
        };
        out.push(Line::from(spans));
    }
}

fn para(out: &mut Vec<Line<'static>>, s: &str, w: usize, style: Style) {
    for l in wrap(s, w.saturating_sub(1)) {
        out.push(Line::from(Span::styled(format!(" {l}"), style)));
    }
}

fn heading(out: &mut Vec<Line<'static>>, app: &App, s: &str) {
    out.push(Line::from(Span::styled(
        format!(" {s}"),
        app.theme.style(Role::Title).add_modifier(Modifier::UNDERLINED),
    )));
}

/// Every mode's keys, a section each, from the keymap table; then the
/// legend and the disclaimer; wrapped to `width`.
pub fn help_lines(app: &App, width: u16) -> Vec<Line<'static>> {
    let th = &app.theme;
    let w = usize::from(width);
    let (key_style, text_style) = (th.style(Role::Title), th.style(Role::Text));
    let mut lines = Vec::new();
    if app.conference.is_some() {
        conference_help(app, w, &mut lines);
    }
    for mode in KeyMode::ALL {
        heading(&mut lines, app, mode.title());
        match mode {
            KeyMode::Search => entry(
                &mut lines,
                "letters",
                "type into the query; the list filters as you type",
                w,
                key_style,
                text_style,
            ),
            KeyMode::Goto => entry(
                &mut lines,
                "letters",
                "type a case id or alias (\"Case 2\"); Enter goes there, or says the nearest ids",
                w,
                key_style,
                text_style,
            ),
            _ => {}
        }
        for b in app.keymap.of_mode(mode) {
            let keys = b.keys.iter().map(ToString::to_string).collect::<Vec<_>>().join(" / ");
            let keys = if app.glyphs.ascii { ascii_arrows(&keys) } else { keys };
            entry(&mut lines, &keys, b.help, w, key_style, text_style);
        }
        lines.push(Line::default());
    }
    legend(app, w, &mut lines);
    let muted = th.style(Role::Muted);
    para(
        &mut lines,
        "Search: all words must match, each the start of words (rc: rotator cuff); 'exact ^prefix suffix$ !exclude; region: band: tag: (band:ready, band:rdy, band:urgent).",
        w,
        muted,
    );
    para(
        &mut lines,
        "Mouse: click a case, an event, a criterion or a tab; the wheel scrolls the pane under it.",
        w,
        muted,
    );
    lines.push(Line::default());
    para(&mut lines, DISCLAIMER, w, th.style(Role::Warn));
    lines
}

/// What the symbols and abbreviations on screen mean.
fn legend(app: &App, w: usize, out: &mut Vec<Line<'static>>) {
    let th = &app.theme;
    let g = app.glyphs;
    heading(out, app, "Legend");
    let text_style = th.style(Role::Text);
    for band in [
        Band::Emergency,
        Band::Urgent,
        Band::Ready,
        Band::Approaching,
        Band::NotReady,
        Band::PostOp,
    ] {
        let key = format!("{} {} {}", band_symbol(band, g), band.label(), band.short());
        let meaning = match band {
            Band::Emergency => "same-day emergency assessment (cauda equina, limb threat)",
            Band::Urgent => "urgent referral: red flag, progressive or severe deficit",
            Band::Ready => "ready for a surgical consult",
            Band::Approaching => "an indication, or conservative care failing; not yet ready",
            Band::NotReady => "conservative care continues",
            Band::PostOp => "after surgery: post-operative rehabilitation",
        };
        entry(
            out,
            &key,
            &format!("{meaning} (band:{})", band.as_str()),
            w,
            th.style(super::readiness::band_role(band)),
            text_style,
        );
    }
    let sym = |s: Status| s.symbol(!g.ascii);
    entry(
        out,
        &format!(
            "{} {} {} {}",
            sym(Status::Met),
            sym(Status::NotMet),
            sym(Status::Unknown),
            sym(Status::NotApplicable)
        ),
        "criterion met, not met, unknown (the data that would decide it is missing), not applicable; the alarms (red flags, deficits) are coloured as bad news when met, good news when not",
        w,
        th.style(Role::Title),
        text_style,
    );
    let timeline = format!(
        "{} PT  {} post-op PT  {} medication  {} workup  {} injection  {} consult  {} surgery  {} review date (or now)  {} left out (what-if)",
        g.bar_pt(),
        g.bar_postop(),
        g.bar_med(),
        g.marker_workup(),
        g.marker_injection(),
        g.marker_consult(),
        g.marker_surgery(),
        g.as_of(),
        g.excluded()
    );
    entry(out, "timeline", &timeline, w, th.style(Role::Title), text_style);
    entry(
        out,
        "traces",
        "a mark per assessment, its height the value (taller is more pain; for function, worse is lower), the number beside it where it fits",
        w,
        th.style(Role::Title),
        text_style,
    );
    entry(
        out,
        "pts",
        "the points a criterion adds to the score; confounders take 5 each",
        w,
        th.style(Role::Title),
        text_style,
    );
    out.push(Line::default());
}

/// Arrow keys spelled out for ASCII terminals.
pub fn ascii_arrows(s: &str) -> String {
    s.replace('↑', "Up")
        .replace('↓', "Down")
        .replace('←', "Left")
        .replace('→', "Right")
}

/// Help's first section in a conference: what this side of it does.
fn conference_help(app: &App, w: usize, out: &mut Vec<Line<'static>>) {
    let key = |a: Action| app.keymap.keys_of(a);
    let (title, paragraphs) = if app.hosting().is_some() {
        (
            "Conference (hosting)",
            [
                format!(
                    "The room follows this console, de-identified: a conference always presents, so presentation mode stays on while hosting ({} cannot turn it off). {} shows the join command to give the room.",
                    key(Action::Present),
                    key(Action::Conference)
                ),
                "In a step-through the room answers on their own keyboards; you see how many have answered, never what. Your own answer is the reveal: then everyone sees the room's answers beside the rules'. E adds the room's answers to the referral summary.".to_string(),
            ],
        )
    } else {
        (
            "Conference (following)",
            [
                format!(
                    "You follow the host's console, de-identified: its case, event, pane, zoom, what-if and step-through stop, laid out for this terminal. Moving, scrolling or zooming changes only your screen (browsing locally); {} follows the host again; {} leaves.",
                    key(Action::Follow),
                    key(Action::Quit)
                ),
                "In a step-through, 1-9 or 0 answers the stop's question (or ↑/↓ and Enter); you can change your answer until the host reveals. The case, the step-through and the what-if are the host's to choose.".to_string(),
            ],
        )
    };
    heading(out, app, title);
    for p in &paragraphs {
        para(out, p, w, app.theme.style(Role::Text));
    }
    out.push(Line::default());
}

/// The conference overlay (`c`): the join command while hosting, and
/// who sees what.
pub fn conference_lines(app: &App, width: u16) -> Vec<Line<'static>> {
    let th = &app.theme;
    let w = usize::from(width);
    let mut lines = Vec::new();
    let text_style = th.style(Role::Text);
    match (app.hosting(), app.following()) {
        (Some(h), _) => {
            para(
                &mut lines,
                "To follow, each participant runs this on this machine, in their own SSH session:",
                w,
                text_style,
            );
            lines.push(Line::default());
            for l in wrap(&h.join_command, w.saturating_sub(3)) {
                lines.push(Line::from(Span::styled(format!("   {l}"), th.style(Role::Title))));
            }
            lines.push(Line::default());
            para(
                &mut lines,
                &format!(
                    "{} following. The code is new for every `pathwise host` and ends with it; it travels in an environment variable because every user can read command lines (ps).",
                    h.followers
                ),
                w,
                th.style(Role::Muted),
            );
            para(
                &mut lines,
                "The room sees this console de-identified: the case, the selected event, the focused pane, zoom, the what-if and the step-through's stop; never your messages, the case list, ids or file names.",
                w,
                text_style,
            );
        }
        (None, Some(f)) => {
            let how = if f.following {
                "following the host"
            } else {
                "browsing locally"
            };
            para(&mut lines, &format!("You are {how}."), w, text_style);
            para(
                &mut lines,
                &format!(
                    "{} follows the host again; {} leaves the conference.",
                    app.keymap.keys_of(Action::Follow),
                    app.keymap.keys_of(Action::Quit)
                ),
                w,
                th.style(Role::Muted),
            );
        }
        (None, None) => para(&mut lines, "no conference", w, th.style(Role::Muted)),
    }
    lines
}

/// The conference overlay: as wide as the join command wants, as tall as
/// its lines.
fn conference_area(app: &App, size: Rect) -> Rect {
    let w = size.width.saturating_sub(4).min(120);
    let lines = conference_lines(app, w.saturating_sub(4)).len() as u16;
    centered(size, w, (lines + 2).min(size.height.saturating_sub(2)))
}

pub fn conference_inner(app: &App, size: Rect) -> Rect {
    super::layout::inner(conference_area(app, size))
}

/// An overlay: its frame titled `title` over `r`, its lines (made for the
/// inside's width) scrolled, and the marks of what is above and below.
fn draw_scrolled(app: &App, title: &str, r: Rect, lines: impl FnOnce(u16) -> Vec<Line<'static>>, buf: &mut Buffer) {
    let inner = frame(app, title, r, buf);
    let counts = scroll::draw(lines(inner.width), app.overlay_scroll, inner, buf);
    scroll::marks(
        app,
        counts,
        r.right().saturating_sub(1),
        r.y,
        r.bottom().saturating_sub(1),
        buf,
    );
}

pub fn draw_conference(app: &App, area: Rect, buf: &mut Buffer) {
    let r = conference_area(app, area);
    draw_scrolled(app, "Conference · Esc closes", r, |w| conference_lines(app, w), buf);
}

pub fn draw_help(app: &App, area: Rect, buf: &mut Buffer) {
    let r = help_area(area);
    draw_scrolled(app, "Keys · j/k scroll · Esc closes", r, |w| help_lines(app, w), buf);
}

/// The load errors, one file after another, wrapped to `width`.
pub fn error_lines(app: &App, width: u16) -> Vec<Line<'static>> {
    let th = &app.theme;
    let w = usize::from(width);
    let mut lines = Vec::new();
    if app.library.errors.is_empty() {
        lines.push(Line::from(Span::styled(
            " every file loaded".to_string(),
            th.style(Role::Ok),
        )));
    }
    if app.present && !app.library.errors.is_empty() {
        // a file name (and a value echoed from the file) may name a patient
        para(
            &mut lines,
            "file names and messages are hidden while presenting; p stops presenting",
            w,
            th.style(Role::Muted),
        );
    }
    for e in app.library.errors.iter().filter(|_| !app.present) {
        let place = match (e.line, e.column) {
            (Some(l), Some(c)) => format!(":{l}:{c}"),
            _ => String::new(),
        };
        para(
            &mut lines,
            &format!("{}{place}", e.display_path()),
            w,
            th.style(Role::Bad),
        );
        for l in wrap(&text::inline(&e.message), w.saturating_sub(3)) {
            lines.push(Line::from(Span::styled(format!("   {l}"), th.style(Role::Text))));
        }
    }
    lines
}

pub fn draw_errors(app: &App, area: Rect, buf: &mut Buffer) {
    let r = errors_area(area);
    let n = app.library.failed_files();
    let title = format!("Load errors · {n} file{} · Esc closes", if n == 1 { "" } else { "s" });
    draw_scrolled(app, &title, r, |w| error_lines(app, w), buf);
}
