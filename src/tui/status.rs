//! The status line: the keys that matter now (from the keymap table, for
//! the mode and the focused pane), or a transient message; the modes in
//! force; the selected case's id; the library with its error count, or
//! while it loads, the files read of all and a bar. A
//! message comes first: the id, then the library give way to it (never
//! the error count),
//! and a message too long for the line is cut at a word, a path in it
//! shortened to its file name, never cut inside a name.

use super::app::App;
use super::keymap::{Action, KeyMode};
use super::overlay::ascii_arrows;
use super::textfit;
use crate::theme::Role;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};

/// "1 error", "3 errors".
pub fn count(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// `s` in at most `max` columns, cut only between words: a word holding a
/// path first loses its folders ("…/file.md"), then whole words go from
/// the end, an ellipsis saying so.
pub fn fit_words(s: &str, max: usize, ellipsis: &str) -> String {
    if textfit::width(s) <= max {
        return s.to_string();
    }
    let short: Vec<String> = s
        .split(' ')
        .map(|w| match w.rsplit_once('/') {
            Some((_, name)) if !name.is_empty() => format!("{ellipsis}/{name}"),
            _ => w.to_string(),
        })
        .collect();
    let short = short.join(" ");
    if textfit::width(&short) <= max {
        return short;
    }
    let mut out = String::new();
    for word in short.split(' ') {
        let next = if out.is_empty() {
            word.to_string()
        } else {
            format!("{out} {word}")
        };
        if textfit::width(&next) + 1 + textfit::width(ellipsis) > max {
            break;
        }
        out = next;
    }
    if out.is_empty() {
        // one word longer than the line: nothing sensible to keep
        return textfit::fit(&short, max, ellipsis);
    }
    format!("{out} {ellipsis}")
}

/// The right-hand side's pieces, most important first: errors, the
/// conference, the library, the case id (never while presenting, nor in a
/// step-through). A follower has no library: whether it follows instead.
fn right_parts(app: &App) -> Vec<(String, Style)> {
    let th = &app.theme;
    let mut parts = Vec::new();
    if let Some(f) = app.following() {
        let (words, role) = if f.following {
            ("conference · following".to_string(), Role::Ok)
        } else {
            (
                format!(
                    "conference · browsing locally · {} follows",
                    app.keymap.keys_of(Action::Follow)
                ),
                Role::Warn,
            )
        };
        parts.push((app.ascii(&words).into_owned(), th.style(role)));
        return parts;
    }
    if let Some(h) = app.hosting() {
        let words = format!("conference · {} following", h.followers);
        parts.push((app.ascii(&words).into_owned(), th.style(Role::Ok)));
    }
    let failed = app.library.failed_files();
    if failed > 0 {
        parts.push((
            format!(
                "{} ({})",
                count(failed, "error", "errors"),
                app.keymap.keys_of(Action::Errors)
            ),
            th.style(Role::Bad),
        ));
    }
    let library = match app.load_progress() {
        Some((read, Some(total))) => format!("loading {read}/{total} {}", progress_bar(app, read, total)),
        Some((_, None)) => format!("finding case files{}", app.glyphs.ellipsis()),
        None => format!("library: {}", count(app.library.cases.len(), "case", "cases")),
    };
    parts.push((library, th.style(Role::Muted)));
    // an id is written in hindsight too ("…-after-injection"): not during a step-through
    let stepping = app.step_at().is_some_and(|s| !s.finished);
    if let Some(id) = app
        .view
        .shown
        .as_ref()
        .and_then(|s| s.id.as_deref())
        .filter(|_| !stepping)
    {
        parts.push((app.ascii(id).into_owned(), th.style(Role::Muted)));
    }
    parts
}

fn hints(app: &App, room: usize) -> String {
    let mut s = match app.key_mode() {
        KeyMode::Search => " type to filter ".to_string(),
        KeyMode::Goto => format!(" go to: {}_ ", crate::text::inline(app.goto.as_deref().unwrap_or(""))),
        _ => String::new(),
    };
    let hints: Vec<(String, &str)> = if app.is_follower() {
        follower_hints(app)
    } else if app.hosting().is_some() {
        // presenting cannot be turned off while hosting: the join command instead
        let c = app.keymap.keys_of(Action::Conference);
        let c = c.split('/').next().unwrap_or_default().to_string();
        app.keymap
            .hints(app.key_mode(), app.focus)
            .map(|(k, w)| if w == "present" { (c.clone(), "join") } else { (k, w) })
            .collect()
    } else {
        app.keymap.hints(app.key_mode(), app.focus).collect()
    };
    // whole hints only, as many as fit
    for (key, hint) in hints {
        let item = format!(" {key} {hint} ");
        if textfit::width(&s) + textfit::width(&item) > room {
            break;
        }
        s.push_str(&item);
    }
    s
}

/// A follower's keys: answering at an open stop, following, and what
/// changes only its own screen.
fn follower_hints(app: &App) -> Vec<(String, &'static str)> {
    let key = |a: Action| app.keymap.keys_of(a).split('/').next().unwrap_or_default().to_string();
    let mut out = Vec::new();
    if app.key_mode() == KeyMode::Overlay {
        out.push((key(Action::Close), "close"));
        return out;
    }
    if app.remote().and_then(|s| s.stop()).is_some_and(|s| s.is_open()) {
        out.push(("1-0".to_string(), "answer"));
    }
    if !app.is_following() {
        out.push((key(Action::Follow), "follow"));
    }
    out.push((key(Action::NextEvent), "event"));
    out.push((key(Action::NextPane), "pane"));
    out.push((key(Action::Zoom), "zoom"));
    out.push((key(Action::Help), "help"));
    out.push((key(Action::Quit), "leave"));
    out
}

pub fn draw(app: &App, area: Rect, buf: &mut Buffer) {
    let th = &app.theme;
    let width = usize::from(area.width);
    buf.set_string(area.x, area.y, " ".repeat(width), th.style(Role::Text));
    let mut marks = Vec::new();
    if app.present {
        marks.push("PRESENTING");
    }
    if app.zoom {
        marks.push("ZOOM");
    }
    let marks: String = marks.iter().map(|m| format!(" {m} ")).collect();
    let marks_w = textfit::width(&marks);
    let sep = format!(" {} ", app.glyphs.dot());
    let mut parts = right_parts(app);
    let right_w = |parts: &[(String, Style)]| {
        parts.iter().map(|(s, _)| textfit::width(s)).sum::<usize>()
            + textfit::width(&sep) * parts.len().saturating_sub(1)
            + 2
    };
    let flash = app.flash.as_ref().map(|f| {
        let f = format!(" {f}");
        if app.glyphs.ascii { ascii_arrows(&f) } else { f }
    });
    // a message pushes out the id, then the library's name, in that order;
    // the keys keep forty columns
    let want = flash.as_ref().map_or(40, |f| textfit::width(f) + 1);
    // the error count stays, and whether a conference is on
    let keep = usize::from(app.library.failed_files() > 0) + usize::from(app.conference.is_some());
    while parts.len() > keep && want + marks_w + right_w(&parts) > width {
        parts.pop();
    }
    let room = width.saturating_sub(marks_w + right_w(&parts) + 1);
    let (left, left_style) = match flash {
        Some(f) => (fit_words(&f, room, app.glyphs.ellipsis()), th.style(Role::Warn)),
        None => {
            let h = hints(app, room);
            let h = if app.glyphs.ascii { ascii_arrows(&h) } else { h };
            (textfit::fit(&h, room, app.glyphs.ellipsis()), th.style(Role::Muted))
        }
    };
    buf.set_string(area.x, area.y, &left, left_style);
    // marks, a space, then the right-hand parts: never run together
    let total = marks_w + right_w(&parts);
    let mut x = area.x + area.width.saturating_sub(total as u16);
    buf.set_string(
        x,
        area.y,
        &marks,
        th.style(Role::Warn).add_modifier(Modifier::REVERSED | Modifier::BOLD),
    );
    x += marks_w as u16 + 1;
    for (i, (s, style)) in parts.iter().enumerate() {
        if i > 0 {
            buf.set_string(x, area.y, &sep, th.style(Role::Muted));
            x += textfit::width(&sep) as u16;
        }
        buf.set_string(x, area.y, s, *style);
        x += textfit::width(s) as u16;
    }
}

/// Cells of the load's progress bar.
const BAR: usize = 10;

/// `▰▰▰▱▱▱▱▱▱▱` (ASCII `###.......`): the share of files read.
pub fn progress_bar(app: &App, read: usize, total: usize) -> String {
    let full = (read.min(total) * BAR).checked_div(total).unwrap_or(BAR);
    let g = app.glyphs;
    (0..BAR).map(|i| g.gauge(i < full)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_are_cut_between_words_and_paths_keep_their_file_name() {
        let m = "wrote /home/someone/reviews/lumbar-s1-sequestered-fragment-referral.md";
        assert_eq!(fit_words(m, 80, "…"), m);
        assert_eq!(
            fit_words(m, 50, "…"),
            "wrote …/lumbar-s1-sequestered-fragment-referral.md"
        );
        assert_eq!(
            fit_words("reloaded; 3 files failing (! shows them)", 20, "…"),
            "reloaded; 3 files …"
        );
        assert_eq!(count(1, "error", "errors"), "1 error");
        assert_eq!(count(2, "error", "errors"), "2 errors");
    }
}
