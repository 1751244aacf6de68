//! A backend wrapper that writes fewer bytes per frame. ratatui sends only
//! the cells that changed and moves the cursor before every run of them; a
//! cursor move costs 6 to 9 bytes, so across a short gap of unchanged,
//! same-style ASCII cells it is cheaper to write those cells again. Over SSH
//! that is the difference between a snappy and a sluggish case switch.

use ratatui::backend::{Backend, ClearType, WindowSize};
use ratatui::buffer::{Buffer, Cell};
use ratatui::layout::{Position, Rect, Size};

/// Gaps up to this many cells are filled instead of jumped.
const MAX_GAP: u16 = 6;

pub struct Thrifty<B: Backend> {
    inner: B,
    /// What the screen shows: every frame's changes applied.
    shadow: Buffer,
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
        let size = self.inner.size()?;
        if self.shadow.area.width != size.width || self.shadow.area.height != size.height {
            self.shadow = Buffer::empty(Rect::new(0, 0, size.width, size.height));
        }
        let changes: Vec<(u16, u16, Cell)> = content.map(|(x, y, c)| (x, y, c.clone())).collect();
        for (x, y, c) in &changes {
            if let Some(cell) = self.shadow.cell_mut(Position { x: *x, y: *y }) {
                *cell = c.clone();
            }
        }
        let mut out: Vec<(u16, u16, Cell)> = Vec::with_capacity(changes.len());
        for (x, y, c) in changes {
            if let Some((px, py, prev)) = out.last() {
                let next = px + 1;
                if *py == y && x > next && x - next <= MAX_GAP && self.fillable(y, next, x, prev) {
                    let fill: Vec<(u16, u16, Cell)> = (next..x)
                        .filter_map(|gx| self.shadow.cell(Position { x: gx, y }).map(|c| (gx, y, c.clone())))
                        .collect();
                    out.extend(fill);
                }
            }
            out.push((x, y, c));
        }
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
