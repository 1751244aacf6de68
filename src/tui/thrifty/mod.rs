//! A backend wrapper that writes fewer bytes per frame. ratatui sends only
//! the cells that changed; this wrapper writes them to the terminal itself,
//! choosing the shortest bytes for each step. Over SSH every byte is
//! latency: it is the difference between a snappy and a sluggish case
//! switch.
//!
//! - **Moving the cursor**: the shortest of an absolute move (6 to 9
//!   bytes), a relative one (`ESC[nC` forward, `D` back, `B` down, `A` up,
//!   a carriage return: 1 to 5 bytes), or writing the unchanged cells of a
//!   short gap again when they are single ASCII characters in the style in
//!   force (one byte each). A relative move is used only where the cursor's
//!   place is certain (not after the last column, where terminals differ).
//! - **Style**: only what changes, in one `ESC[…m` (the foreground alone,
//!   the background alone, or both); a blank cell shows no foreground
//!   unless underlined, reversed or struck through, so a blank keeps the
//!   foreground in force instead of switching to its own and back.
//! - **Blank runs**: a run of blanks on the default background is erased
//!   with `ESC[nX` (erase characters, which moves no cursor) when that is
//!   shorter than writing the blanks.
//! - Each frame ends with the attributes reset (`ESC[0m`) when any is set.
//!
//! Wide characters (CJK, emoji) take two columns: the cell after one is a
//! continuation that ratatui never sends, and the terminal's cursor moves
//! two columns when one is written. The shadow therefore blanks the
//! continuation, as ratatui's own buffer does, and a gap is only filled
//! after a one-column cell, where the cursor stands where the next cell is.
//! So the shadow is always what a full redraw would show, and a filled gap
//! never lands a column off. A cell sent for a column a wide character
//! covers is dropped (the cursor already stands past it), and when a change
//! overwrites part of a wide character, which terminals erase whole, its
//! other column is written again. This rests on frames being well formed
//! (nothing drawn under a wide character: [`super::wide::settle`]), as ratatui's
//! own diff assumes.

mod encode;

use encode::encode;
use ratatui::backend::{Backend, ClearType, CrosstermBackend, WindowSize};
use ratatui::buffer::{Buffer, Cell};
use ratatui::layout::{Position, Rect, Size};
use std::collections::HashSet;
use std::io::{self, Write};
use unicode_width::UnicodeWidthStr;

pub struct Thrifty<B: Backend> {
    inner: B,
    /// What the screen shows: every frame's changes applied, the columns
    /// under a wide character blank.
    shadow: Buffer,
}

/// Columns a cell's symbol takes on the screen (at least one).
pub(super) fn columns(cell: &Cell) -> u16 {
    let s = cell.symbol();
    if s.len() == 1 {
        1
    } else {
        u16::try_from(s.width()).unwrap_or(1).max(1)
    }
}

impl<B: Backend> Thrifty<B> {
    pub fn new(inner: B) -> Thrifty<B> {
        let area = inner
            .size()
            .map(|s| Rect::new(0, 0, s.width, s.height))
            .unwrap_or_default();
        Thrifty {
            inner,
            shadow: Buffer::empty(area),
        }
    }

    pub fn inner(&self) -> &B {
        &self.inner
    }

    /// What the wrapper believes the screen shows.
    pub fn shadow(&self) -> &Buffer {
        &self.shadow
    }

    /// Makes the shadow cover `(x, y)`: the viewport may be larger than
    /// the terminal reported at start (a fixed viewport, a resize).
    fn cover(&mut self, x: u16, y: u16) {
        let area = self.shadow.area;
        if x < area.right() && y < area.bottom() {
            return;
        }
        let grown = Rect::new(
            0,
            0,
            area.right().max(x.saturating_add(1)),
            area.bottom().max(y.saturating_add(1)),
        );
        let mut next = Buffer::empty(grown);
        next.merge(&self.shadow);
        self.shadow = next;
    }

    /// Records a cell written at `(x, y)`; a wide one covers the columns
    /// after it, which now show nothing of their own.
    fn record(&mut self, x: u16, y: u16, cell: &Cell) {
        let w = columns(cell);
        self.cover(x.saturating_add(w - 1), y);
        self.shadow[(x, y)] = cell.clone();
        for cx in x + 1..x.saturating_add(w) {
            self.shadow[(cx, y)].reset();
        }
    }

    /// The first column of the character that covers `(x, y)` on the
    /// screen: `x` itself, or a wide character to its left.
    fn owner(&self, x: u16, y: u16) -> u16 {
        (1..=3u16)
            .filter(|k| *k <= x)
            .find(|k| {
                self.shadow
                    .cell(Position { x: x - k, y })
                    .is_some_and(|c| columns(c) > *k)
            })
            .map_or(x, |k| x - k)
    }

    /// The columns outside `x..x + w` that writing there blanks: a terminal
    /// that overwrites part of a wide character erases all of it.
    fn split_by(&self, x: u16, y: u16, w: u16) -> Vec<u16> {
        let end = x.saturating_add(w);
        let mut split = Vec::new();
        for cx in [x, end - 1] {
            let start = self.owner(cx, y);
            let span = self.shadow.cell(Position { x: start, y }).map_or(1, columns);
            split.extend((start..start.saturating_add(span)).filter(|c| *c < x || *c >= end));
        }
        split.sort_unstable();
        split.dedup();
        split
    }

    /// The cells to send, with the shadow brought up to date: ratatui's
    /// changes, less those under a wide character just written (ratatui
    /// sends a blank there after an emoji with a presentation selector,
    /// which would land beside the character, not under it), plus the
    /// columns of a wide character that a change split and ratatui did not
    /// send again (the terminal blanks them, in whatever colours are in
    /// force; they are written as the frame has them).
    fn writes(&mut self, changes: Vec<(u16, u16, Cell)>) -> Vec<(u16, u16, Cell)> {
        let sent: HashSet<(u16, u16)> = changes.iter().map(|(x, y, _)| (*x, *y)).collect();
        let mut out = Vec::with_capacity(changes.len());
        let mut covered: Option<(u16, u16)> = None;
        for (x, y, c) in changes {
            if covered.is_some_and(|(cy, until)| cy == y && x < until) {
                continue;
            }
            let w = columns(&c);
            covered = (w > 1).then(|| (y, x.saturating_add(w)));
            let split = self.split_by(x, y, w);
            self.record(x, y, &c);
            out.push((x, y, c));
            for r in split.into_iter().filter(|r| !sent.contains(&(*r, y))) {
                let mut cell = self.shadow.cell(Position { x: r, y }).cloned().unwrap_or_default();
                if columns(&cell) > 1 {
                    cell.reset();
                }
                self.record(r, y, &cell);
                out.push((r, y, cell));
            }
        }
        out
    }
}

impl<W: Write> Backend for Thrifty<CrosstermBackend<W>> {
    type Error = io::Error;

    fn draw<'a, I>(&mut self, content: I) -> io::Result<()>
    where
        I: Iterator<Item = (u16, u16, &'a Cell)>,
    {
        let changes: Vec<(u16, u16, Cell)> = content.map(|(x, y, c)| (x, y, c.clone())).collect();
        let writes = self.writes(changes);
        let bytes = encode(&writes, &self.shadow);
        // the crossterm backend writes through to its writer
        Write::write_all(&mut self.inner, &bytes)
    }

    fn append_lines(&mut self, n: u16) -> io::Result<()> {
        self.inner.append_lines(n)
    }

    fn hide_cursor(&mut self) -> io::Result<()> {
        self.inner.hide_cursor()
    }

    fn show_cursor(&mut self) -> io::Result<()> {
        self.inner.show_cursor()
    }

    fn get_cursor_position(&mut self) -> io::Result<Position> {
        self.inner.get_cursor_position()
    }

    fn set_cursor_position<P: Into<Position>>(&mut self, position: P) -> io::Result<()> {
        self.inner.set_cursor_position(position)
    }

    fn clear(&mut self) -> io::Result<()> {
        self.shadow.reset();
        self.inner.clear()
    }

    fn clear_region(&mut self, clear_type: ClearType) -> io::Result<()> {
        // the shadow no longer knows the screen: have the next frame write all
        self.shadow.reset();
        self.inner.clear_region(clear_type)
    }

    fn size(&self) -> io::Result<Size> {
        self.inner.size()
    }

    fn window_size(&mut self) -> io::Result<WindowSize> {
        self.inner.window_size()
    }

    fn flush(&mut self) -> io::Result<()> {
        Backend::flush(&mut self.inner)
    }
}

#[cfg(test)]
mod tests {
    use super::encode::moves;
    use super::*;
    use ratatui::style::Color;
    use ratatui::style::Style;

    use std::cell::RefCell;
    use std::rc::Rc;

    /// A writer the test can read back while the backend holds it.
    #[derive(Clone, Default)]
    struct Shared(Rc<RefCell<Vec<u8>>>);

    impl Write for Shared {
        fn write(&mut self, b: &[u8]) -> io::Result<usize> {
            self.0.borrow_mut().extend_from_slice(b);
            Ok(b.len())
        }
        fn flush(&mut self) -> io::Result<()> {
            Ok(())
        }
    }

    type Tested = (Thrifty<CrosstermBackend<Shared>>, Shared);

    fn backend() -> Tested {
        let out = Shared::default();
        (Thrifty::new(CrosstermBackend::new(out.clone())), out)
    }

    /// Draws `cells` and returns the bytes that frame wrote.
    fn frame((t, out): &mut Tested, cells: &[(u16, u16, Cell)]) -> String {
        let before = out.0.borrow().len();
        t.draw(cells.iter().map(|(x, y, c)| (*x, *y, c))).unwrap();
        String::from_utf8(out.0.borrow()[before..].to_vec()).unwrap()
    }

    fn text(x0: u16, y: u16, s: &str) -> Vec<(u16, u16, Cell)> {
        let mut b = Buffer::empty(Rect::new(0, 0, 40, 4));
        b.set_string(x0, y, s, Style::default());
        (x0..x0 + s.len() as u16).map(|x| (x, y, b[(x, y)].clone())).collect()
    }

    #[test]
    fn a_short_gap_is_written_again_rather_than_jumped() {
        let mut t = backend();
        t.0.shadow = Buffer::empty(Rect::new(0, 0, 40, 4));
        frame(&mut t, &text(0, 0, "abcdefghij"));
        let mut changes = text(1, 0, "B");
        changes.extend(text(5, 0, "F"));
        // 'cde' again is three bytes; a move forward would be four
        assert_eq!(frame(&mut t, &changes), "\x1b[1;2HBcdeF");
    }

    #[test]
    fn the_cursor_moves_by_the_shortest_step() {
        assert_eq!(moves(None, 4, 2), "\x1b[3;5H");
        assert_eq!(moves(Some((4, 2)), 4, 2), "");
        assert_eq!(moves(Some((4, 2)), 5, 2), "\x1b[C");
        assert_eq!(moves(Some((4, 2)), 30, 2), "\x1b[26C");
        assert_eq!(moves(Some((4, 2)), 0, 3), "\x1b[B\r");
        assert_eq!(moves(Some((30, 2)), 29, 1), "\x1b[A\x1b[D");
        // far away, the absolute move is shorter than the two relative ones
        assert_eq!(moves(Some((70, 2)), 1, 40), "\x1b[41;2H");
    }

    #[test]
    fn a_long_run_of_blanks_is_erased_and_a_short_one_written() {
        let mut t = backend();
        t.0.shadow = Buffer::empty(Rect::new(0, 0, 40, 4));
        frame(&mut t, &text(0, 1, "abcdefghijklmnopqrst"));
        let long = frame(&mut t, &text(2, 1, "            "));
        assert_eq!(long, "\x1b[2;3H\x1b[12X");
        let short = frame(&mut t, &text(2, 1, "  "));
        assert_eq!(short, "\x1b[2;3H  ");
    }

    #[test]
    fn only_the_style_that_changes_is_sent_and_the_frame_ends_plain() {
        let mut t = backend();
        t.0.shadow = Buffer::empty(Rect::new(0, 0, 40, 4));
        let mut b = Buffer::empty(Rect::new(0, 0, 40, 4));
        b.set_string(0, 0, "ab", Style::default().fg(Color::Red));
        b.set_string(2, 0, "c", Style::default().fg(Color::Red).bg(Color::Blue));
        let cells: Vec<(u16, u16, Cell)> = (0..3).map(|x| (x, 0, b[(x, 0)].clone())).collect();
        assert_eq!(frame(&mut t, &cells), "\x1b[1;1H\x1b[38;5;1mab\x1b[48;5;4mc\x1b[0m");
    }
}
