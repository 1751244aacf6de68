//! A frame's changed cells as the fewest bytes: the shortest cursor step
//! (relative, absolute, or the unchanged cells of a short gap written
//! again), only the style parameters that change, and long runs of blanks
//! erased. The cells come from [`super::Thrifty`], which keeps the picture
//! of the screen (`shadow`) this encoding relies on.

use super::columns;
use ratatui::buffer::{Buffer, Cell};
use ratatui::layout::Position;
use ratatui::style::{Color, Modifier};
use std::fmt::Write as _;

/// Gaps up to this many cells may be filled instead of jumped (when that
/// is shorter).
const MAX_GAP: u16 = 8;

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
pub(super) fn moves(from: Option<(u16, u16)>, x: u16, y: u16) -> String {
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
pub(super) fn encode(writes: &[(u16, u16, Cell)], shadow: &Buffer) -> Vec<u8> {
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
