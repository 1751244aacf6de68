//! Symbols and box drawing, in Unicode or plain ASCII (`--ascii`, or a
//! locale without UTF-8), so nothing depends on the terminal's fonts.

use ratatui::symbols::border;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Glyphs {
    pub ascii: bool,
}

const ASCII_BORDER: border::Set = border::Set {
    top_left: "+",
    top_right: "+",
    bottom_left: "+",
    bottom_right: "+",
    vertical_left: "|",
    vertical_right: "|",
    horizontal_top: "-",
    horizontal_bottom: "-",
};

impl Glyphs {
    /// ASCII unless the locale says UTF-8 (`LC_ALL`, `LC_CTYPE`, `LANG`, the
    /// first one set), as terminal multiplexers decide; always ASCII on a
    /// dumb terminal (`TERM=dumb`), which also gets no colour.
    pub fn detect(force_ascii: bool) -> Glyphs {
        let dumb = std::env::var("TERM").is_ok_and(|t| t == "dumb");
        let locale = ["LC_ALL", "LC_CTYPE", "LANG"]
            .iter()
            .filter_map(|k| std::env::var(k).ok())
            .find(|v| !v.is_empty())
            .unwrap_or_default()
            .to_ascii_lowercase();
        let utf8 = locale.contains("utf-8") || locale.contains("utf8");
        Glyphs {
            ascii: force_ascii || dumb || !utf8,
        }
    }

    fn pick(self, unicode: &'static str, ascii: &'static str) -> &'static str {
        if self.ascii { ascii } else { unicode }
    }

    pub fn border(self) -> border::Set<'static> {
        if self.ascii { ASCII_BORDER } else { border::ROUNDED }
    }
    pub fn pointer(self) -> &'static str {
        self.pick("▶", ">")
    }
    pub fn marker_workup(self) -> &'static str {
        self.pick("◆", "*")
    }
    pub fn marker_injection(self) -> &'static str {
        self.pick("▲", "^")
    }
    pub fn marker_consult(self) -> &'static str {
        self.pick("●", "o")
    }
    pub fn marker_surgery(self) -> &'static str {
        self.pick("■", "#")
    }
    pub fn bar_pt(self) -> &'static str {
        self.pick("█", "=")
    }
    pub fn bar_postop(self) -> &'static str {
        self.pick("▓", "%")
    }
    pub fn bar_med(self) -> &'static str {
        self.pick("━", "-")
    }
    /// An event left out by what-if.
    pub fn excluded(self) -> &'static str {
        self.pick("×", "x")
    }
    pub fn as_of(self) -> &'static str {
        self.pick("▼", "v")
    }
    pub fn gauge(self, full: bool) -> &'static str {
        match (full, self.ascii) {
            (true, false) => "▰",
            (false, false) => "▱",
            (true, true) => "#",
            (false, true) => ".",
        }
    }
    pub fn ellipsis(self) -> &'static str {
        self.pick("…", "~")
    }
    pub fn dot(self) -> &'static str {
        self.pick("·", "-")
    }
    pub fn arrow(self) -> &'static str {
        self.pick("→", "->")
    }
    pub fn dash(self) -> &'static str {
        self.pick("–", "-")
    }
    /// The rule under the readiness panel's verdict block.
    pub fn rule(self) -> &'static str {
        self.pick("─", "-")
    }
    /// Eight levels, lowest first, for the pain and function traces.
    pub fn spark(self, level: usize) -> &'static str {
        const U: [&str; 8] = ["▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"];
        const A: [&str; 8] = ["_", ".", ",", "-", "=", "+", "*", "#"];
        if self.ascii { A[level.min(7)] } else { U[level.min(7)] }
    }
}

/// Text for an ASCII-only terminal: typographic symbols spelled in ASCII,
/// anything else outside ASCII shown as `?`.
pub fn to_ascii(s: &str) -> std::borrow::Cow<'_, str> {
    if s.is_ascii() {
        return std::borrow::Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            c if c.is_ascii() => out.push(c),
            '→' => out.push_str("->"),
            '←' => out.push_str("<-"),
            '·' | '–' | '—' | '−' => out.push('-'),
            '…' => out.push_str("..."),
            '≥' => out.push_str(">="),
            '≤' => out.push_str("<="),
            '×' => out.push('x'),
            '“' | '”' => out.push('"'),
            '‘' | '’' => out.push('\''),
            '°' => out.push_str(" deg"),
            '±' => out.push_str("+/-"),
            'é' | 'è' | 'ê' | 'ë' => out.push('e'),
            'á' | 'à' | 'â' | 'ä' => out.push('a'),
            'í' | 'ï' => out.push('i'),
            'ó' | 'ö' | 'ô' => out.push('o'),
            'ú' | 'ü' => out.push('u'),
            'ñ' => out.push('n'),
            'ç' => out.push('c'),
            _ => out.push('?'),
        }
    }
    std::borrow::Cow::Owned(out)
}
