//! Wide characters a later write cut in half. A CJK character takes two
//! columns; when something is drawn into its second column afterwards (a
//! border, another title), ratatui's buffer keeps both, but a terminal
//! cannot: writing into the second half of a wide character erases it.
//! Ratatui's diff also skips the column a wide character covers, so what
//! was drawn there would never be sent. [`settle`] makes the buffer say
//! what a terminal can show before it is diffed: a wide character whose
//! covered columns hold something else becomes a blank.

use ratatui::buffer::Buffer;
use unicode_width::UnicodeWidthStr;

pub fn settle(buf: &mut Buffer) {
    let area = buf.area;
    for y in area.top()..area.bottom() {
        let mut x = area.left();
        while x < area.right() {
            let w = buf[(x, y)].symbol().width() as u16;
            if w > 1 {
                let covered = (x + 1..(x + w).min(area.right())).any(|c| buf[(c, y)].symbol() != " ");
                let cut_by_edge = x + w > area.right();
                if covered || cut_by_edge {
                    buf[(x, y)].set_symbol(" ");
                    x += 1;
                    continue;
                }
                x += w;
            } else {
                x += 1;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::layout::Rect;
    use ratatui::style::Style;

    #[test]
    fn a_wide_character_written_over_in_its_second_column_becomes_a_blank() {
        let mut buf = Buffer::empty(Rect::new(0, 0, 8, 1));
        buf.set_string(0, 0, "漢字", Style::default());
        buf.set_string(1, 0, "a", Style::default());
        settle(&mut buf);
        let row: Vec<&str> = (0..4).map(|x| buf[(x, 0)].symbol()).collect();
        assert_eq!(row, [" ", "a", "字", " "]);
    }

    #[test]
    fn whole_wide_characters_are_left_alone() {
        let mut buf = Buffer::empty(Rect::new(0, 0, 6, 1));
        buf.set_string(0, 0, "漢a字", Style::default());
        let before = buf.clone();
        settle(&mut buf);
        assert_eq!(buf, before);
    }
}
