//! A backend wrapper that writes fewer bytes per frame. ratatui sends only
//! the cells that changed and moves the cursor before every run of them; a
//! cursor move costs 6 to 9 bytes, so across a short gap of unchanged,
//! same-style ASCII cells it is cheaper to write those cells again. Over SSH
//! that is the difference between a snappy and a sluggish case switch.
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
//! other column is written again.

use ratatui::backend::{Backend, ClearType, WindowSize};
use ratatui::buffer::{Buffer, Cell};
use ratatui::layout::{Position, Rect, Size};
use std::collections::HashSet;
use unicode_width::UnicodeWidthStr;

/// Gaps up to this many cells are filled instead of jumped.
const MAX_GAP: u16 = 6;

pub struct Thrifty<B: Backend> {
    inner: B,
    /// What the screen shows: every frame's changes applied, the columns
    /// under a wide character blank.
    shadow: Buffer,
}

/// Columns a cell's symbol takes on the screen (at least one).
fn columns(cell: &Cell) -> u16 {
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

    /// Fills short gaps between the writes of a row from the shadow, where
    /// that is cheaper than moving the cursor.
    fn filled(&self, writes: Vec<(u16, u16, Cell)>) -> Vec<(u16, u16, Cell)> {
        let mut out: Vec<(u16, u16, Cell)> = Vec::with_capacity(writes.len());
        for (x, y, c) in writes {
            if let Some((px, py, prev)) = out.last() {
                // only after a one-column cell is the cursor where `next` is;
                // after a wide one the backend moves the cursor anyway
                let next = px + 1;
                if *py == y && columns(prev) == 1 && x > next && x - next <= MAX_GAP && self.fillable(y, next, x, prev)
                {
                    let fill: Vec<(u16, u16, Cell)> = (next..x)
                        .filter_map(|gx| self.shadow.cell(Position { x: gx, y }).map(|c| (gx, y, c.clone())))
                        .collect();
                    out.extend(fill);
                }
            }
            out.push((x, y, c));
        }
        out
    }

    /// True when the shadow's cells from `x0` to `x1` (exclusive) on row `y`
    /// are single ASCII characters in the style of `like`: rewriting them
    /// costs one byte each and no style change.
    fn fillable(&self, y: u16, x0: u16, x1: u16, like: &Cell) -> bool {
        (x0..x1).all(|x| {
            self.shadow.cell(Position { x, y }).is_some_and(|c| {
                c.symbol().len() == 1
                    && c.symbol().is_ascii()
                    && c.fg == like.fg
                    && c.bg == like.bg
                    && c.modifier == like.modifier
            })
        })
    }
}

impl<B: Backend> Backend for Thrifty<B> {
    type Error = B::Error;

    fn draw<'a, I>(&mut self, content: I) -> Result<(), Self::Error>
    where
        I: Iterator<Item = (u16, u16, &'a Cell)>,
    {
        let changes: Vec<(u16, u16, Cell)> = content.map(|(x, y, c)| (x, y, c.clone())).collect();
        let writes = self.writes(changes);
        let out = self.filled(writes);
        self.inner.draw(out.iter().map(|(x, y, c)| (*x, *y, c)))
    }

    fn append_lines(&mut self, n: u16) -> Result<(), Self::Error> {
        self.inner.append_lines(n)
    }

    fn hide_cursor(&mut self) -> Result<(), Self::Error> {
        self.inner.hide_cursor()
    }

    fn show_cursor(&mut self) -> Result<(), Self::Error> {
        self.inner.show_cursor()
    }

    fn get_cursor_position(&mut self) -> Result<Position, Self::Error> {
        self.inner.get_cursor_position()
    }

    fn set_cursor_position<P: Into<Position>>(&mut self, position: P) -> Result<(), Self::Error> {
        self.inner.set_cursor_position(position)
    }

    fn clear(&mut self) -> Result<(), Self::Error> {
        self.shadow.reset();
        self.inner.clear()
    }

    fn clear_region(&mut self, clear_type: ClearType) -> Result<(), Self::Error> {
        // the shadow no longer knows the screen: have the next frame write all
        self.shadow.reset();
        self.inner.clear_region(clear_type)
    }

    fn size(&self) -> Result<Size, Self::Error> {
        self.inner.size()
    }

    fn window_size(&mut self) -> Result<WindowSize, Self::Error> {
        self.inner.window_size()
    }

    fn flush(&mut self) -> Result<(), Self::Error> {
        self.inner.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::backend::TestBackend;

    #[test]
    fn short_gaps_are_filled_from_what_the_screen_shows() {
        let mut t = Thrifty::new(TestBackend::new(20, 2));
        let mut a = Buffer::empty(Rect::new(0, 0, 20, 2));
        a.set_string(0, 0, "abcdefghij", ratatui::style::Style::default());
        let cells: Vec<(u16, u16, Cell)> = (0..10).map(|x| (x, 0, a[(x, 0)].clone())).collect();
        t.draw(cells.iter().map(|(x, y, c)| (*x, *y, c))).unwrap();
        // change columns 1 and 5 only: the gap 2..5 is refilled, not jumped
        let mut one = a[(1, 0)].clone();
        one.set_symbol("B");
        let mut five = a[(5, 0)].clone();
        five.set_symbol("F");
        t.draw([(1u16, 0u16, &one), (5, 0, &five)].into_iter()).unwrap();
        t.inner()
            .assert_buffer_lines(["aBcdeFghij          ", "                    "]);
    }
}
