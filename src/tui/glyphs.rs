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
    /// first one set), as terminal multiplexers decide.
    pub fn detect(force_ascii: bool) -> Glyphs {
        let locale = ["LC_ALL", "LC_CTYPE", "LANG"]
            .iter()
            .filter_map(|k| std::env::var(k).ok())
            .find(|v| !v.is_empty())
            .unwrap_or_default()
            .to_ascii_lowercase();
        let utf8 = locale.contains("utf-8") || locale.contains("utf8");
        Glyphs {
            ascii: force_ascii || !utf8,
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
    /// Eight levels, lowest first, for the pain and function traces.
    pub fn spark(self, level: usize) -> &'static str {
        const U: [&str; 8] = ["▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"];
        const A: [&str; 8] = ["_", ".", ",", "-", "=", "+", "*", "#"];
        if self.ascii { A[level.min(7)] } else { U[level.min(7)] }
    }
}
