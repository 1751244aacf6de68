//! Scrolled text: lines drawn from an offset into a pane, with "↑ N above"
//! and "↓ N more" written into the pane's top and bottom borders when the
//! lines overflow, so the marks never cost a row of content. The offsets
//! live in the state; `update` keeps each within its end
//! (`settle.rs`), so a pane never scrolls past its last line and
//! `k` after many `j`s moves at once.

use super::app::App;
use crate::theme::Role;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Paragraph, Widget};

/// The largest offset at which `len` lines still fill `height` rows.
pub fn max_offset(len: usize, height: u16) -> u16 {
    u16::try_from(len.saturating_sub(usize::from(height))).unwrap_or(u16::MAX)
}

/// Draws `lines` into `area` from `offset` (clamped to its end) and returns
/// how many lines lie above and below the rows shown.
pub fn draw(lines: Vec<Line<'static>>, offset: u16, area: Rect, buf: &mut Buffer) -> (usize, usize) {
    let len = lines.len();
    let offset = offset.min(max_offset(len, area.height));
    let shown = usize::from(area.height).min(len.saturating_sub(usize::from(offset)));
    Paragraph::new(lines).scroll((offset, 0)).render(area, buf);
    let above = usize::from(offset);
    (above, len - above - shown)
}

/// Writes the "↑ N above" mark into the row `y` (a border or a rule) and
/// "↓ N more" into the row `y_below`, at the right, where there are lines
/// out of view. `x1` is the first column past the marks' room.
pub fn marks(app: &App, (above, below): (usize, usize), x1: u16, y: u16, y_below: u16, buf: &mut Buffer) {
    let style = app.theme.style(Role::Title);
    let (up, down) = if app.glyphs.ascii { ("^", "v") } else { ("↑", "↓") };
    let mut put = |row: u16, text: String| {
        let w = super::textfit::width(&text) as u16;
        if let Some(x) = x1.checked_sub(w + 1) {
            if x > buf.area.x {
                buf.set_string(x, row, text, style);
            }
        }
    };
    if above > 0 {
        put(y, format!(" {up} {above} above "));
    }
    if below > 0 {
        put(y_below, format!(" {down} {below} more "));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_offset_stops_at_the_last_full_screen() {
        assert_eq!(max_offset(10, 4), 6);
        assert_eq!(max_offset(3, 4), 0);
        let mut buf = Buffer::empty(Rect::new(0, 0, 10, 4));
        let lines: Vec<Line> = (0..10).map(|i| Line::from(i.to_string())).collect();
        assert_eq!(draw(lines.clone(), 0, buf.area, &mut buf), (0, 6));
        assert_eq!(draw(lines.clone(), 3, buf.area, &mut buf), (3, 3));
        assert_eq!(draw(lines, 99, buf.area, &mut buf), (6, 0));
    }
}
