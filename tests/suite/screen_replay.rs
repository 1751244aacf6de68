//! What the terminal shows after a run of frames, checked in a terminal
//! emulator: frames go through the console's real backend (crossterm over a
//! byte buffer, wrapped in `Thrifty`), the bytes are replayed in `vt100`,
//! and the emulated screen must equal a full redraw of the last frame, cell
//! by cell (the character, a wide character's continuation, the colours and
//! attributes). A CJK title once left stale characters between the new ones
//! ("漢X字XテX") and pushed borders out until a resize: the gap filling wrote
//! the cell after a wide character as if the cursor stood on it.

use crate::common::Output;
use crate::common::console::{PLAIN, app_with};

use pathwise::case::Packed;
use pathwise::library::{Change, Library};
use pathwise::tui::app::{App, Msg};
use pathwise::tui::thrifty::Thrifty;
use pathwise::tui::view;
use proptest::prelude::*;
use ratatui::backend::CrosstermBackend;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier, Style};
use ratatui::{Terminal, TerminalOptions, Viewport};
use std::num::NonZeroU16;
use unicode_width::UnicodeWidthStr;

type Term = Terminal<Thrifty<CrosstermBackend<Output>>>;

fn terminal(w: u16, h: u16) -> (Term, Output) {
    let out = Output::default();
    let term = Terminal::with_options(
        Thrifty::new(CrosstermBackend::new(out.clone())),
        TerminalOptions {
            viewport: Viewport::Fixed(Rect::new(0, 0, w, h)),
        },
    )
    .expect("terminal");
    (term, out)
}

/// The screen a terminal of `w`x`h` shows after these bytes.
fn emulate(bytes: &[u8], w: u16, h: u16) -> vt100::Parser {
    let nz = |n: u16| NonZeroU16::new(n).expect("non-zero size");
    let mut p = vt100::Parser::new(nz(h), nz(w), 0);
    p.process(bytes);
    p
}

fn vt_color(c: Color) -> vt100::Color {
    match c {
        Color::Reset => vt100::Color::Default,
        Color::Black => vt100::Color::Idx(0),
        Color::Red => vt100::Color::Idx(1),
        Color::Green => vt100::Color::Idx(2),
        Color::Yellow => vt100::Color::Idx(3),
        Color::Blue => vt100::Color::Idx(4),
        Color::Magenta => vt100::Color::Idx(5),
        Color::Cyan => vt100::Color::Idx(6),
        Color::Gray => vt100::Color::Idx(7),
        Color::DarkGray => vt100::Color::Idx(8),
        Color::LightRed => vt100::Color::Idx(9),
        Color::LightGreen => vt100::Color::Idx(10),
        Color::LightYellow => vt100::Color::Idx(11),
        Color::LightBlue => vt100::Color::Idx(12),
        Color::LightMagenta => vt100::Color::Idx(13),
        Color::LightCyan => vt100::Color::Idx(14),
        Color::White => vt100::Color::Idx(15),
        Color::Indexed(i) => vt100::Color::Idx(i),
        Color::Rgb(r, g, b) => vt100::Color::Rgb(r, g, b),
    }
}

/// What a person sees in one cell: the character (or that it is the second
/// column of a wide one) and the colours and attributes that show on it.
/// On a blank cell only the background shows (and the foreground, when
/// reversed), so a blank left with another foreground is not a difference,
/// as ratatui itself treats it.
#[derive(Debug, Clone, PartialEq)]
enum Seen {
    Continuation,
    Glyph {
        text: String,
        fg: Option<vt100::Color>,
        bg: vt100::Color,
        bold: bool,
        italic: bool,
        underline: bool,
        inverse: bool,
    },
}

fn seen(
    text: &str,
    fg: vt100::Color,
    bg: vt100::Color,
    bold: bool,
    italic: bool,
    underline: bool,
    inverse: bool,
) -> Seen {
    let text = if text.is_empty() { " " } else { text };
    let blank = text == " ";
    Seen::Glyph {
        text: text.to_string(),
        fg: (!blank || inverse).then_some(fg),
        bg,
        bold: bold && !blank,
        italic: italic && !blank,
        underline,
        inverse,
    }
}

/// The frame as a person would see it, row by row.
fn wanted(frame: &Buffer) -> Vec<Vec<Seen>> {
    (0..frame.area.height)
        .map(|y| {
            let mut row = Vec::new();
            let mut covered = 0u16;
            for x in 0..frame.area.width {
                if covered > 0 {
                    covered -= 1;
                    row.push(Seen::Continuation);
                    continue;
                }
                let c = &frame[(x, y)];
                covered = (c.symbol().width().max(1) as u16) - 1;
                let m = c.modifier;
                row.push(seen(
                    c.symbol(),
                    vt_color(c.fg),
                    vt_color(c.bg),
                    m.contains(Modifier::BOLD),
                    m.contains(Modifier::ITALIC),
                    m.contains(Modifier::UNDERLINED),
                    m.contains(Modifier::REVERSED),
                ));
            }
            row
        })
        .collect()
}

/// The emulated terminal's screen, the same way.
fn shown(screen: &vt100::Screen) -> Vec<Vec<Seen>> {
    let (rows, cols) = screen.size();
    (0..rows.get())
        .map(|y| {
            (0..cols.get())
                .map(|x| match screen.cell(y, x) {
                    Some(c) if c.is_wide_continuation() => Seen::Continuation,
                    Some(c) => seen(
                        c.contents(),
                        c.fgcolor(),
                        c.bgcolor(),
                        c.bold(),
                        c.italic(),
                        c.underline(),
                        c.inverse(),
                    ),
                    None => Seen::Continuation,
                })
                .collect()
        })
        .collect()
}

/// Every cell where two screens differ, one line each.
fn compare(got: &[Vec<Seen>], want: &[Vec<Seen>]) -> Vec<String> {
    let mut diffs = Vec::new();
    for (y, (g, w)) in got.iter().zip(want).enumerate() {
        for (x, (gc, wc)) in g.iter().zip(w).enumerate() {
            if gc != wc {
                diffs.push(format!("({x},{y}): expected {wc:?}, the terminal shows {gc:?}"));
            }
        }
    }
    diffs
}

/// Every difference between the emulated screen and the frame.
fn differences(screen: &vt100::Screen, frame: &Buffer) -> Vec<String> {
    compare(&shown(screen), &wanted(frame))
}

fn row_text(buf: &Buffer, y: u16) -> String {
    (0..buf.area.width).map(|x| buf[(x, y)].symbol()).collect()
}

fn assert_shows(screen: &vt100::Screen, frame: &Buffer, what: &str) {
    let diffs = differences(screen, frame);
    if !diffs.is_empty() {
        let rows: Vec<String> = (0..frame.area.height)
            .map(|y| {
                format!(
                    "want {}\n got {}",
                    row_text(frame, y),
                    screen.contents_between(y, 0, y, frame.area.width)
                )
            })
            .collect();
        panic!(
            "{what}: {} cells differ from a full redraw, first: {}\n{}",
            diffs.len(),
            diffs[..diffs.len().min(8)].join("\n"),
            rows.join("\n")
        );
    }
}

/// The selected case retitled, as a live reload would bring it in.
fn retitle(app: &mut App, title: &str) {
    let i = app.selected_index().expect("a case is selected");
    let loaded = &app.library.cases[i];
    let mut case = loaded.case.unpack();
    case.title = title.to_string();
    let change: Change<Packed> = (loaded.path.clone(), Some(Ok(Packed::new(&case))));
    app.update(Msg::FilesChanged(vec![change]));
}

fn frame(app: &App) -> Buffer {
    let mut buf = Buffer::empty(app.size);
    view::render(app, app.size, &mut buf);
    buf
}

const CJK: &str = "漢字テスト 腰椎椎間板ヘルニア 神経根症";
const ASCII: &str = "XaXbXcXdXeXfXgXhXiXjXkXlXmXnXoXpXqXr lumbar";
const FAMILY: &str = "Family \u{1F468}\u{200D}\u{1F469}\u{200D}\u{1F467} at home, 漢字";

fn titles_in_turn(w: u16, h: u16, titles: &[&str]) {
    let mut app = app_with(Library::builtin(), w, h, PLAIN);
    let (mut term, out) = terminal(w, h);
    for (n, title) in titles.iter().enumerate() {
        retitle(&mut app, title);
        // the title in the pane border and in the case list
        term.draw(|f| view::draw(&app, f)).expect("draw");
        let last = frame(&app);
        let screen = emulate(&out.0.borrow(), w, h);
        assert_shows(screen.screen(), &last, &format!("{w}x{h}, after frame {n} ({title:?})"));
    }
    // and a full redraw of the last frame, emulated, is the same screen
    let (mut fresh, fresh_out) = terminal(w, h);
    fresh.draw(|f| view::draw(&app, f)).expect("draw");
    let full = emulate(&fresh_out.0.borrow(), w, h);
    let incremental = emulate(&out.0.borrow(), w, h);
    let diffs = compare(&shown(incremental.screen()), &shown(full.screen()));
    assert!(
        diffs.is_empty(),
        "{w}x{h}: the screen after every frame differs from one full redraw:\n{}",
        diffs.join("\n")
    );
}

#[test]
fn a_cjk_title_then_ascii_then_a_zwj_family_show_what_a_full_redraw_would() {
    for (w, h) in [(80, 24), (120, 40), (200, 60)] {
        titles_in_turn(w, h, &[CJK, ASCII, FAMILY]);
        titles_in_turn(w, h, &[ASCII, CJK, FAMILY, ASCII, CJK]);
    }
}

/// Every row's right border stands in the last column, in the frame and in
/// the emulated terminal.
fn assert_borders_in_place(screen: &vt100::Screen, frame: &Buffer, what: &str) {
    let last = frame.area.width - 1;
    for y in 0..frame.area.height.saturating_sub(1) {
        let want = frame[(last, y)].symbol();
        if ["│", "┐", "┘", "┤"].contains(&want) {
            let got = screen
                .cell(y, last)
                .map(|c| c.contents().to_string())
                .unwrap_or_default();
            assert_eq!(got, want, "{what}: row {y} ends in {got:?}, not the border");
        }
    }
}

#[test]
fn separators_and_joined_emoji_in_a_title_keep_the_border_in_its_column() {
    let hostile = [
        "Line\u{2028}separator in the title",
        "Paragraph\u{2029}separator",
        "Annotation \u{FFF9}base\u{FFFA}ruby\u{FFFB} marks",
        FAMILY,
        "\u{1F9D1}\u{200D}\u{2695}\u{FE0F} clinician and \u{1F3F3}\u{FE0F}\u{200D}\u{1F308}",
        CJK,
    ];
    for (w, h) in [(80, 24), (120, 40)] {
        let mut app = app_with(Library::builtin(), w, h, PLAIN);
        let (mut term, out) = terminal(w, h);
        for title in hostile {
            retitle(&mut app, title);
            term.draw(|f| view::draw(&app, f)).expect("draw");
            let last = frame(&app);
            for cell in last.content.iter() {
                assert!(
                    !cell.symbol().chars().any(pathwise::text::is_unsafe),
                    "{title:?} reached a cell raw: {:?}",
                    cell.symbol()
                );
                assert!(
                    !cell.symbol().contains('\u{200D}'),
                    "{title:?}: a joined emoji reached a cell"
                );
            }
            let screen = emulate(&out.0.borrow(), w, h);
            assert_borders_in_place(screen.screen(), &last, &format!("{w}x{h} {title:?}"));
            assert_shows(screen.screen(), &last, &format!("{w}x{h} {title:?}"));
        }
    }
    // the separators are shown as escapes, not dropped
    let mut app = app_with(Library::builtin(), 120, 40, PLAIN);
    retitle(&mut app, "Line\u{2028}separator");
    let text = crate::common::console::text(&frame(&app));
    assert!(text.contains("Line\\u{2028}separator"), "{text}");
}

/// A piece of a random frame: where, what and in which of a few styles.
#[derive(Debug, Clone)]
struct Piece {
    x: u16,
    y: u16,
    text: String,
    style: usize,
}

const W: u16 = 24;
const H: u16 = 6;

const STYLES: [Style; 3] = [
    Style::new(),
    Style::new().fg(Color::Rgb(200, 30, 30)).add_modifier(Modifier::BOLD),
    Style::new().fg(Color::Indexed(4)).bg(Color::Rgb(10, 10, 40)),
];

fn piece() -> impl Strategy<Value = Piece> {
    let glyph = prop::sample::select(vec![
        "a",
        "b",
        "X",
        " ",
        "-",
        "│",
        "─",
        "漢",
        "字",
        "テ",
        "ス",
        "\u{1F468}",
        "\u{1F469}",
        "é",
    ]);
    (0..W, 0..H, prop::collection::vec(glyph, 1..12), 0..STYLES.len()).prop_map(|(x, y, glyphs, style)| Piece {
        x,
        y,
        text: glyphs.concat(),
        style,
    })
}

/// The pieces drawn one over another, settled as the console's draw does
/// (a wide character written over in its second column becomes a blank,
/// as a terminal shows it).
fn paint(buf: &mut Buffer, pieces: &[Piece]) {
    for p in pieces {
        buf.set_string(p.x, p.y, &p.text, STYLES[p.style]);
    }
    pathwise::tui::wide::settle(buf);
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    #[test]
    fn random_frames_leave_what_a_full_redraw_would(
        frames in prop::collection::vec(prop::collection::vec(piece(), 0..10), 1..8)
    ) {
        let (mut term, out) = terminal(W, H);
        let mut last = Buffer::empty(Rect::new(0, 0, W, H));
        for pieces in &frames {
            term.draw(|f| paint(f.buffer_mut(), pieces)).expect("draw");
            last = Buffer::empty(Rect::new(0, 0, W, H));
            paint(&mut last, pieces);
        }
        let screen = emulate(&out.0.borrow(), W, H);
        let diffs = differences(screen.screen(), &last);
        prop_assert!(diffs.is_empty(), "{}", diffs.join("\n"));
    }
}
