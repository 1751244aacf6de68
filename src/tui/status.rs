//! The status line: the keys that matter now (from the keymap table), a
//! transient message, the modes in force, and the library with its error
//! count, or while it loads, the files read of all and a bar.

use super::app::App;
use super::keymap::{Action, KeyMode};
use super::overlay::ascii_arrows;
use super::textfit;
use crate::theme::Role;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Modifier;

pub fn draw(app: &App, area: Rect, buf: &mut Buffer) {
    let th = &app.theme;
    buf.set_string(
        area.x,
        area.y,
        " ".repeat(usize::from(area.width)),
        th.style(Role::Text),
    );
    let mut right = match app.load_progress() {
        Some((read, Some(total))) => format!("loading {read}/{total} {}", progress_bar(app, read, total)),
        Some((_, None)) => format!("finding case files{}", app.glyphs.ellipsis()),
        None => format!("library: {} cases", app.library.cases.len()),
    };
    let failed = app.library.failed_files();
    if failed > 0 {
        right.push_str(&format!(" · {failed} errors ({})", app.keymap.keys_of(Action::Errors)));
    }
    right.push(' ');
    let mut marks = String::new();
    if app.present {
        marks.push_str(" PRESENTING ");
    }
    if app.zoom {
        marks.push_str(" ZOOM ");
    }
    let left = if let Some(f) = &app.flash {
        format!(" {f}")
    } else {
        // the focused pane's and mode's keys, from the keymap table: whole
        // hints only, as many as fit beside the right-hand side
        let room = usize::from(area.width).saturating_sub(textfit::width(&right) + textfit::width(&marks) + 1);
        let mut s = match app.key_mode() {
            KeyMode::Search => " type to filter ".to_string(),
            _ => String::new(),
        };
        for (key, hint) in app.keymap.hints(app.key_mode(), app.focus) {
            let item = format!(" {key} {hint} ");
            if textfit::width(&s) + textfit::width(&item) > room {
                break;
            }
            s.push_str(&item);
        }
        s
    };
    let left = if app.glyphs.ascii { ascii_arrows(&left) } else { left };
    let width = usize::from(area.width);
    let right_w = textfit::width(&right) + textfit::width(&marks);
    let left_room = width.saturating_sub(right_w + 1);
    let left = textfit::fit(&left, left_room, app.glyphs.ellipsis());
    let left_style = if app.flash.is_some() {
        th.style(Role::Warn)
    } else {
        th.style(Role::Muted)
    };
    buf.set_string(area.x, area.y, &left, left_style);
    let mx = area.x + area.width.saturating_sub(right_w as u16);
    buf.set_string(
        mx,
        area.y,
        &marks,
        th.style(Role::Warn).add_modifier(Modifier::REVERSED | Modifier::BOLD),
    );
    let rx = mx + textfit::width(&marks) as u16;
    let rstyle = if failed > 0 {
        th.style(Role::Bad)
    } else {
        th.style(Role::Muted)
    };
    buf.set_string(rx, area.y, &right, rstyle);
}

/// Cells of the load's progress bar.
const BAR: usize = 10;

/// `▰▰▰▱▱▱▱▱▱▱` (ASCII `###.......`): the share of files read.
pub fn progress_bar(app: &App, read: usize, total: usize) -> String {
    let full = (read.min(total) * BAR).checked_div(total).unwrap_or(BAR);
    let g = app.glyphs;
    (0..BAR).map(|i| g.gauge(i < full)).collect()
}
