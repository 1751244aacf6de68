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

use ratatui::backend::{Backend, ClearType, CrosstermBackend, WindowSize};
use ratatui::buffer::{Buffer, Cell};
use ratatui::layout::{Position, Rect, Size};
use ratatui::style::{Color, Modifier};
use std::collections::HashSet;
use std::fmt::Write as _;
use std::io::{self, Write};
use unicode_width::UnicodeWidthStr;

/// Gaps up to this many cells may be filled instead of jumped (when that
/// is shorter).
const MAX_GAP: u16 = 8;

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

/// Attributes that show on a blank cell: with none of them, a blank's
/// foreground is not seen.
const SHOWN_ON_BLANK: Modifier = Modifier::UNDERLINED
    .union(Modifier::REVERSED)
    .union(Modifier::CROSSED_OUT);

/// What the terminal has in force: the style, and where the cursor stands
/// when that is certain.
struct Pen {
    fg: Color,
    bg: Color,
    underline: Color,
    modifier: Modifier,
    at: Option<(u16, u16)>,
}

impl Pen {
    /// Each frame starts as the last one ended: nothing set, the cursor
    /// anywhere.
    fn new() -> Pen {
        Pen {
            fg: Color::Reset,
            bg: Color::Reset,
            underline: Color::Reset,
            modifier: Modifier::empty(),
            at: None,
        }
    }

    fn is_plain(&self) -> bool {
        self.fg == Color::Reset && self.bg == Color::Reset && self.underline == Color::Reset && self.modifier.is_empty()
    }
}

fn blank(cell: &Cell) -> bool {
    cell.symbol() == " " && !cell.modifier.intersects(SHOWN_ON_BLANK)
}

/// The SGR parameters that take the pen to `cell`'s style ("" when none
/// change). A blank keeps the foreground in force.
fn style_params(pen: &Pen, cell: &Cell) -> String {
    let mut p = String::new();
    let mut add = |s: &str| {
        if !p.is_empty() {
            p.push(';');
        }
        p.push_str(s);
    };
    // the modifiers as ratatui's crossterm backend changes them
    let (from, to) = (pen.modifier, cell.modifier);
    let removed = from - to;
    let added = to - from;
    if removed.contains(Modifier::REVERSED) {
        add("27");
    }
    let reset_intensity = removed.intersects(Modifier::BOLD | Modifier::DIM);
    if reset_intensity {
        add("22");
        if to.contains(Modifier::DIM) {
            add("2");
        }
        if to.contains(Modifier::BOLD) {
            add("1");
        }
    }
    for (m, code) in [
        (Modifier::ITALIC, "23"),
        (Modifier::UNDERLINED, "24"),
        (Modifier::CROSSED_OUT, "29"),
        (Modifier::HIDDEN, "28"),
    ] {
        if removed.contains(m) {
            add(code);
        }
    }
    if removed.intersects(Modifier::SLOW_BLINK | Modifier::RAPID_BLINK) {
        add("25");
    }
    for (m, code, unless_reset) in [
        (Modifier::REVERSED, "7", false),
        (Modifier::BOLD, "1", true),
        (Modifier::ITALIC, "3", false),
        (Modifier::UNDERLINED, "4", false),
        (Modifier::DIM, "2", true),
        (Modifier::CROSSED_OUT, "9", false),
        (Modifier::HIDDEN, "8", false),
        (Modifier::SLOW_BLINK, "5", false),
        (Modifier::RAPID_BLINK, "6", false),
    ] {
        if added.contains(m) && !(unless_reset && reset_intensity) {
            add(code);
        }
    }
    if cell.fg != pen.fg && !blank(cell) {
        add(&color(38, cell.fg));
    }
    if cell.bg != pen.bg {
        add(&color(48, cell.bg));
    }
    if cell.underline_color != pen.underline {
        add(&color(58, cell.underline_color));
    }
    p
}

/// A colour's SGR parameters as crossterm writes them (`base` 38, 48 or
/// 58): the sixteen named colours as their 256-colour index.
fn color(base: u8, c: Color) -> String {
    let index = |i: u8| format!("{base};5;{i}");
    match c {
        Color::Reset => format!("{}", base + 1),
        Color::Black => index(0),
        Color::Red => index(1),
        Color::Green => index(2),
        Color::Yellow => index(3),
        Color::Blue => index(4),
        Color::Magenta => index(5),
        Color::Cyan => index(6),
        Color::Gray => index(7),
        Color::DarkGray => index(8),
        Color::LightRed => index(9),
        Color::LightGreen => index(10),
        Color::LightYellow => index(11),
        Color::LightBlue => index(12),
        Color::LightMagenta => index(13),
        Color::LightCyan => index(14),
        Color::White => index(15),
        Color::Indexed(i) => index(i),
        Color::Rgb(r, g, b) => format!("{base};2;{r};{g};{b}"),
    }
}

/// The shortest bytes that move the cursor from `from` (when certain) to
/// `(x, y)`.
fn moves(from: Option<(u16, u16)>, x: u16, y: u16) -> String {
    let absolute = format!("\x1b[{};{}H", y + 1, x + 1);
    let Some((fx, fy)) = from else {
        return absolute;
    };
    if (fx, fy) == (x, y) {
        return String::new();
    }
    let mut vertical = String::new();
    if y > fy {
        vertical = relative(y - fy, 'B');
    } else if y < fy {
        vertical = relative(fy - y, 'A');
    }
    let horizontal = if x > fx {
        relative(x - fx, 'C')
    } else if x < fx {
        let back = relative(fx - x, 'D');
        let home = if x == 0 {
            "\r".to_string()
        } else {
            format!("\r{}", relative(x, 'C'))
        };
        if home.len() < back.len() { home } else { back }
    } else {
        String::new()
    };
    let rel = vertical + &horizontal;
    if rel.len() < absolute.len() { rel } else { absolute }
}

fn relative(n: u16, dir: char) -> String {
    if n == 1 {
        format!("\x1b[{dir}")
    } else {
        format!("\x1b[{n}{dir}")
    }
}

/// The bytes that draw `writes` (in order) on a screen that, apart from
/// them, shows `shadow` (which already holds them).
fn encode(writes: &[(u16, u16, Cell)], shadow: &Buffer) -> Vec<u8> {
    let width = shadow.area.right();
    let mut out = String::with_capacity(writes.len() * 4 + 64);
    let mut pen = Pen::new();
    let mut k = 0;
    while k < writes.len() {
        let (x, y, cell) = &writes[k];
        let (x, y) = (*x, *y);
        go_to(&mut out, &mut pen, x, y, shadow);
        let params = style_params(&pen, cell);
        if !params.is_empty() {
            let _ = write!(out, "\x1b[{params}m");
            set_style(&mut pen, cell);
        }
        // a run of blanks on the default background: erased, when shorter
        let run = blank_run(writes, k, &pen);
        if run >= 4 {
            let after = writes.get(k + run).map(|(nx, ny, _)| (*nx, *ny));
            let end = x + run as u16;
            let cursor_after = |at: (u16, u16)| after.map_or(0, |(nx, ny)| moves(Some(at), nx, ny).len());
            let erase = format!("\x1b[{run}X");
            let erased = erase.len() + cursor_after((x, y));
            let written = run + if end < width { cursor_after((end, y)) } else { 0 };
            if erased < written {
                out.push_str(&erase);
                k += run;
                continue;
            }
        }
        let symbol = match cell.symbol() {
            "" => " ",
            s => s,
        };
        out.push_str(symbol);
        let end = x.saturating_add(columns(cell));
        pen.at = (end < width).then_some((end, y));
        k += 1;
    }
    if !pen.is_plain() {
        out.push_str("\x1b[0m");
    }
    out.into_bytes()
}

fn set_style(pen: &mut Pen, cell: &Cell) {
    pen.modifier = cell.modifier;
    if !blank(cell) {
        pen.fg = cell.fg;
    }
    pen.bg = cell.bg;
    pen.underline = cell.underline_color;
}

/// How many writes from `k` on are blanks side by side on one row on the
/// default background, with the pen showing nothing on a blank (so erasing
/// them leaves what writing them would).
fn blank_run(writes: &[(u16, u16, Cell)], k: usize, pen: &Pen) -> usize {
    if pen.bg != Color::Reset || pen.modifier.intersects(SHOWN_ON_BLANK) {
        return 0;
    }
    let (x0, y0, _) = &writes[k];
    writes[k..]
        .iter()
        .enumerate()
        .take_while(|(i, (x, y, c))| {
            *y == *y0
                && *x == x0 + *i as u16
                && c.symbol() == " "
                && c.bg == Color::Reset
                && !c.modifier.intersects(SHOWN_ON_BLANK)
        })
        .count()
}

/// Puts the cursor at `(x, y)`: by rewriting the unchanged cells between
/// (when they are single ASCII characters in the pen's style and that is
/// shorter) or by the shortest move.
fn go_to(out: &mut String, pen: &mut Pen, x: u16, y: u16, shadow: &Buffer) {
    if pen.at == Some((x, y)) {
        return;
    }
    let step = moves(pen.at, x, y);
    if let Some((ax, ay)) = pen.at {
        if ay == y && ax < x && x - ax <= MAX_GAP && usize::from(x - ax) <= step.len() {
            let gap: Option<String> = (ax..x)
                .map(|gx| {
                    let c = shadow.cell(Position { x: gx, y })?;
                    let fits = c.symbol().len() == 1
                        && c.symbol().is_ascii()
                        && (c.fg == pen.fg || blank(c))
                        && c.bg == pen.bg
                        && c.modifier == pen.modifier
                        && c.underline_color == pen.underline;
                    fits.then(|| c.symbol().to_string())
                })
                .collect();
            if let Some(gap) = gap {
                out.push_str(&gap);
                pen.at = Some((x, y));
                return;
            }
        }
    }
    out.push_str(&step);
    pen.at = Some((x, y));
}

#[cfg(test)]
mod tests {
    use super::*;
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
