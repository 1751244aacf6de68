//! The one place text from case files is made safe for a terminal.
//!
//! Case files are written by hand and passed between departments, so any
//! string from one may hold escape sequences (an OSC 52 clipboard write, a
//! title change, cursor movement) or bidirectional overrides that reorder
//! what a reader sees. Every string that reaches a screen, a report or an
//! error message passes through here first.

use std::borrow::Cow;
use std::fmt::Write as _;

/// Tab stops used when expanding tabs.
const TAB_WIDTH: usize = 4;

/// Unicode bidirectional formatting characters (embeddings, overrides,
/// isolates and marks): invisible, and able to reorder the text around them.
pub fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{061C}' | '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// Characters that must never reach a terminal raw: C0 and C1 controls, DEL
/// and bidi controls.
pub fn is_unsafe(c: char) -> bool {
    c.is_control() || is_bidi_control(c)
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
    if !s.chars().any(is_unsafe) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    let mut col = 0usize;
    for c in s.chars() {
        match c {
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
    fn newlines_depend_on_context() {
        assert_eq!(inline("one\ntwo"), "one^Jtwo");
        assert_eq!(block("one\r\ntwo"), "one\ntwo");
        assert_eq!(block("a\tb"), "a   b");
    }

    #[test]
    fn output_never_holds_a_control() {
        let all: String = (0u32..0x250).filter_map(char::from_u32).collect();
        assert!(!inline(&all).chars().any(is_unsafe));
        assert!(!block(&all).chars().any(|c| c != '\n' && is_unsafe(c)));
    }
}
