//! JSON that is safe to print to a terminal. serde_json already escapes C0
//! controls; this also writes DEL, C1 controls, bidi controls and the
//! invisible line, paragraph and annotation separators (U+2028, U+2029,
//! U+FFF9–U+FFFB) as `\uXXXX`, as READINESS.md asks. Outside strings JSON is plain ASCII, so escaping
//! these characters wherever they occur in the output is exact.

use crate::text::is_unsafe;
use std::fmt::Write as _;

pub fn to_string_safe(value: &serde_json::Value) -> String {
    let raw = serde_json::to_string_pretty(value).unwrap_or_else(|_| "null".to_string());
    if !raw.chars().any(is_unsafe) {
        return raw;
    }
    let mut out = String::with_capacity(raw.len() + 16);
    for c in raw.chars() {
        if is_unsafe(c) && c != '\n' {
            let mut units = [0u16; 2];
            for unit in c.encode_utf16(&mut units) {
                let _ = write!(out, "\\u{unit:04x}");
            }
        } else {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn controls_and_bidi_are_escaped_and_round_trip() {
        let v = serde_json::json!({"t": "a\u{1b}[31m\u{7f}\u{9b}\u{202e}z"});
        let s = to_string_safe(&v);
        assert!(!s.chars().any(|c| is_unsafe(c) && c != '\n'), "{s}");
        assert!(s.contains("\\u001b") && s.contains("\\u007f") && s.contains("\\u009b") && s.contains("\\u202e"));
        let back: serde_json::Value = serde_json::from_str(&s).expect("valid JSON");
        assert_eq!(back, v);
    }

    #[test]
    fn line_and_paragraph_separators_are_escaped_and_round_trip() {
        let v = serde_json::json!({"t": "a\u{2028}b\u{2029}c\u{fff9}d\u{fffa}e\u{fffb}f"});
        let s = to_string_safe(&v);
        for esc in ["\\u2028", "\\u2029", "\\ufff9", "\\ufffa", "\\ufffb"] {
            assert!(s.contains(esc), "{esc} in {s}");
        }
        assert!(!s.chars().any(|c| is_unsafe(c) && c != '\n'), "{s}");
        let back: serde_json::Value = serde_json::from_str(&s).expect("valid JSON");
        assert_eq!(back, v);
    }
}
