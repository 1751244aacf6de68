//! The console in-process: an `App` with test settings, keys typed into
//! it, and its screen rendered into a buffer and read back as text.

use pathwise::library::Library;
use pathwise::rules::Profile;
use pathwise::theme::{Depth, ThemeSet};
use pathwise::tui::app::{App, Msg, Settings};
use pathwise::tui::glyphs::Glyphs;
use pathwise::tui::keymap::Keymap;
use pathwise::tui::view;
use ratatui::buffer::Buffer;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::layout::Rect;

/// How a test console differs from the plain one.
#[derive(Debug, Clone, Copy)]
pub struct Opts {
    pub depth: Depth,
    pub ascii: bool,
    pub present: bool,
}

pub const PLAIN: Opts = Opts {
    depth: Depth::TrueColor,
    ascii: false,
    present: false,
};

/// The settings a console starts with in the tests: the built-in profile,
/// themes and keys, mouse on.
pub fn settings(w: u16, h: u16, o: Opts) -> Settings {
    Settings {
        profile: Profile::builtin(),
        themes: ThemeSet::builtin(),
        theme: None,
        depth: o.depth,
        glyphs: Glyphs { ascii: o.ascii },
        keymap: Keymap::new(&Default::default()).0,
        present: o.present,
        mouse: true,
        size: Rect::new(0, 0, w, h),
    }
}

pub fn app_with(library: Library, w: u16, h: u16, o: Opts) -> App {
    App::new(library, settings(w, h, o))
}

/// The built-in samples at a size.
pub fn app(w: u16, h: u16) -> App {
    app_with(Library::builtin(), w, h, PLAIN)
}

pub fn key(app: &mut App, code: KeyCode) {
    app.update(Msg::Key(KeyEvent::new(code, KeyModifiers::NONE)));
}

/// Types a sequence: single characters, or named keys in angle brackets
/// (`<enter>`, `<esc>`, `<left>`, `<right>`, `<up>`, `<down>`, `<tab>`).
pub fn keys(app: &mut App, seq: &str) {
    each_key(seq, |k| {
        app.update(Msg::Key(k));
    });
}

/// The keys of a sequence as [`keys`] reads it, one at a time.
pub fn each_key(seq: &str, mut f: impl FnMut(KeyEvent)) {
    let mut rest = seq;
    while let Some(c) = rest.chars().next() {
        if let Some(end) = rest.strip_prefix('<').and_then(|r| r.find('>')) {
            let name = &rest[1..=end];
            let code = match name {
                "enter" => KeyCode::Enter,
                "esc" => KeyCode::Esc,
                "right" => KeyCode::Right,
                "left" => KeyCode::Left,
                "down" => KeyCode::Down,
                "up" => KeyCode::Up,
                "tab" => KeyCode::Tab,
                "backspace" => KeyCode::Backspace,
                "pgdn" => KeyCode::PageDown,
                "pgup" => KeyCode::PageUp,
                other => panic!("unknown key <{other}>"),
            };
            f(KeyEvent::new(code, KeyModifiers::NONE));
            rest = &rest[end + 2..];
        } else {
            f(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE));
            rest = &rest[c.len_utf8()..];
        }
    }
}

pub fn render(app: &App) -> Buffer {
    let mut buf = Buffer::empty(app.size);
    view::render(app, app.size, &mut buf);
    buf
}

/// The buffer as text, one line per row, trailing blanks trimmed.
pub fn text(buf: &Buffer) -> String {
    let mut out = String::new();
    for y in 0..buf.area.height {
        let mut line = String::new();
        for x in 0..buf.area.width {
            line.push_str(buf[(x, y)].symbol());
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

/// The screen as text.
pub fn screen(app: &App) -> String {
    text(&render(app))
}

/// Whether the text holds a calendar date written as YYYY-MM-DD.
pub fn has_date(s: &str) -> bool {
    let b = s.as_bytes();
    (0..b.len().saturating_sub(9)).any(|i| {
        b[i..i + 4].iter().all(u8::is_ascii_digit)
            && b[i + 4] == b'-'
            && b[i + 5..i + 7].iter().all(u8::is_ascii_digit)
            && b[i + 7] == b'-'
            && b[i + 8..i + 10].iter().all(u8::is_ascii_digit)
    })
}

/// How many cases the built-in sample library holds.
pub fn sample_count() -> usize {
    Library::builtin().cases.len()
}

/// The case list's title for the samples, as the console shows it.
pub fn all_cases() -> String {
    let n = sample_count();
    format!("Cases {n}/{n}")
}

/// The case list's title after typing a search over the samples.
pub fn cases_matching(query: &str) -> String {
    let mut a = app(200, 60);
    keys(&mut a, &format!("/{query}"));
    format!("Cases {}/{}", a.list.visible.len(), sample_count())
}
