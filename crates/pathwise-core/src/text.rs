//! The one place text from case files is made safe for a terminal.
//!
//! Case files are written by hand and passed between departments, so any
//! string from one may hold escape sequences (an OSC 52 clipboard write, a
//! title change, cursor movement) or bidirectional overrides that reorder
//! what a reader sees, or invisible characters on whose width the program
//! and the terminal disagree, which moves everything after them on the
//! line (a pane's right border). Every string that reaches a screen, a
//! report or an error message passes through here first.

use std::borrow::Cow;
use std::fmt::Write as _;

/// Tab stops used when expanding tabs.
const TAB_WIDTH: usize = 4;

/// Unicode bidirectional formatting characters (embeddings, overrides,
/// isolates and marks): invisible, and able to reorder the text around them.
pub fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{061C}' | '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// The line and paragraph separators (U+2028, U+2029) and the interlinear
/// annotation marks (U+FFF9–U+FFFB): invisible, counted as one column by the
/// width tables, and dropped by terminals such as tmux, so the rest of the
/// line lands one column to the left of where it was laid out.
pub fn is_invisible_separator(c: char) -> bool {
    matches!(c, '\u{2028}' | '\u{2029}' | '\u{FFF9}'..='\u{FFFB}')
}

/// Characters that must never reach a terminal raw: C0 and C1 controls, DEL,
/// bidi controls, and the invisible separators above.
pub fn is_unsafe(c: char) -> bool {
    c.is_control() || is_bidi_control(c) || is_invisible_separator(c)
}

const ZWJ: char = '\u{200D}';

/// Pictographs (emoji) that an emoji sequence builds on: the blocks of
/// Extended_Pictographic, roughly, plus the few symbols outside them.
fn is_pictograph(c: char) -> bool {
    matches!(
        c,
        '\u{A9}'
            | '\u{AE}'
            | '\u{203C}'
            | '\u{2049}'
            | '\u{2122}'
            | '\u{2139}'
            | '\u{2190}'..='\u{21FF}'
            | '\u{2300}'..='\u{23FF}'
            | '\u{25A0}'..='\u{27BF}'
            | '\u{2900}'..='\u{297F}'
            | '\u{2B00}'..='\u{2BFF}'
            | '\u{3030}'
            | '\u{303D}'
            | '\u{3297}'
            | '\u{3299}'
            | '\u{1F000}'..='\u{1FAFF}'
    )
}

/// The text and emoji presentation selectors.
fn is_presentation_selector(c: char) -> bool {
    matches!(c, '\u{FE0E}' | '\u{FE0F}')
}

fn is_skin_tone(c: char) -> bool {
    matches!(c, '\u{1F3FB}'..='\u{1F3FF}')
}

/// Emoji sequences are where terminals disagree on width: the width tables
/// count a family (three people joined by U+200D), a thumbs-up with a skin
/// tone or a symbol with the emoji presentation selector as one glyph of
/// two columns, while many terminals (tmux among them) draw the parts, six
/// columns for the family, or one column for the symbol; every cell after
/// it on the line then stands elsewhere than it was laid out, the pane's
/// right border too. So a sequence is shown as its parts: a joiner between
/// two pictographs, a skin tone after one, and presentation selectors are
/// left out, and every terminal draws the same pictographs in the same
/// columns. A joiner anywhere else (in Indic scripts) is kept.
fn leave_out(c: char, before: &str, after: Option<char>) -> bool {
    let after_pictograph = || before.chars().next_back().is_some_and(is_pictograph);
    match c {
        ZWJ => after_pictograph() && after.is_some_and(is_pictograph),
        c if is_skin_tone(c) => after_pictograph(),
        c => is_presentation_selector(c),
    }
}

fn needs_work(c: char) -> bool {
    is_unsafe(c) || c == ZWJ || is_presentation_selector(c) || is_skin_tone(c)
}

fn escape_into(out: &mut String, c: char) {
    match c {
        '\u{0}'..='\u{1f}' => {
            out.push('^');
            out.push((b'@' + c as u8) as char);
        }
        '\u{7f}' => out.push_str("^?"),
        _ => {
            let _ = write!(out, "\\u{{{:x}}}", c as u32);
        }
    }
}

fn sanitize_with(s: &str, keep_newlines: bool) -> Cow<'_, str> {
    if !s.chars().any(needs_work) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    let mut col = 0usize;
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            c if !is_unsafe(c) && needs_work(c) => {
                if !leave_out(c, &out, chars.peek().copied()) {
                    out.push(c);
                    col += 1;
                }
                continue;
            }
            '\n' if keep_newlines => {
                out.push('\n');
                col = 0;
                continue;
            }
            '\r' if keep_newlines => continue,
            '\t' => {
                let n = TAB_WIDTH - col % TAB_WIDTH;
                out.extend(std::iter::repeat_n(' ', n));
                col += n;
                continue;
            }
            c if is_unsafe(c) => escape_into(&mut out, c),
            c => out.push(c),
        }
        col += 1;
    }
    Cow::Owned(out)
}

/// For text shown on one line (titles, labels, table cells, error
/// messages): every control, newlines included, becomes a visible escape;
/// tabs expand to spaces.
pub fn inline(s: &str) -> Cow<'_, str> {
    sanitize_with(s, false)
}

/// For text that may wrap (summaries, notes, findings): newlines are kept
/// so the text can be split into lines, carriage returns dropped, tabs
/// expanded, and every other control escaped.
pub fn block(s: &str) -> Cow<'_, str> {
    sanitize_with(s, true)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clean_text_is_borrowed() {
        assert!(matches!(inline("Case A · L5 radiculopathy"), Cow::Borrowed(_)));
    }

    #[test]
    fn escapes_become_visible() {
        assert_eq!(inline("a\u{1b}]52;c;aGk=\u{7}b"), "a^[]52;c;aGk=^Gb");
        assert_eq!(inline("x\u{9b}2Jy"), "x\\u{9b}2Jy");
        assert_eq!(inline("del\u{7f}"), "del^?");
        assert_eq!(inline("\u{202e}evil"), "\\u{202e}evil");
    }

    #[test]
    fn line_and_paragraph_separators_become_visible() {
        assert_eq!(inline("a\u{2028}b"), "a\\u{2028}b");
        assert_eq!(block("a\u{2029}b"), "a\\u{2029}b");
        assert_eq!(inline("\u{fff9}x\u{fffa}y\u{fffb}"), "\\u{fff9}x\\u{fffa}y\\u{fffb}");
        for c in ['\u{2028}', '\u{2029}', '\u{fff9}', '\u{fffa}', '\u{fffb}'] {
            assert!(is_unsafe(c), "{c:?}");
        }
        assert!(!is_unsafe('\u{fff8}') && !is_unsafe('\u{fffc}'));
    }

    #[test]
    fn emoji_sequences_are_shown_as_their_parts() {
        let family = "\u{1F468}\u{200D}\u{1F469}\u{200D}\u{1F467}";
        assert_eq!(inline(family), "\u{1F468}\u{1F469}\u{1F467}");
        assert_eq!(
            inline("\u{1F9D1}\u{1F3FD}\u{200D}\u{2695}\u{FE0F} clinician"),
            "\u{1F9D1}\u{2695} clinician"
        );
        assert_eq!(
            inline("1\u{FE0F}\u{20E3} \u{2764}\u{FE0F} \u{1F600}\u{FE0E}"),
            "1\u{20E3} \u{2764} \u{1F600}"
        );
        // a skin tone on its own is a swatch, and stays
        assert_eq!(inline("tone \u{1F3FD}"), "tone \u{1F3FD}");
        // a joiner in a script that needs it, or at an edge, is kept
        assert_eq!(inline("\u{915}\u{94D}\u{200D}\u{937}"), "\u{915}\u{94D}\u{200D}\u{937}");
        assert_eq!(inline("\u{1F468}\u{200D}"), "\u{1F468}\u{200D}");
    }

    #[test]
    fn newlines_depend_on_context() {
        assert_eq!(inline("one\ntwo"), "one^Jtwo");
        assert_eq!(block("one\r\ntwo"), "one\ntwo");
        assert_eq!(block("a\tb"), "a   b");
    }

    #[test]
    fn output_never_holds_a_control() {
        let all: String = (0u32..0x250)
            .chain(0x2000..0x2080)
            .chain(0xFFF0..0x10000)
            .filter_map(char::from_u32)
            .collect();
        assert!(!inline(&all).chars().any(is_unsafe));
        assert!(!block(&all).chars().any(|c| c != '\n' && is_unsafe(c)));
    }
}
