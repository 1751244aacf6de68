//! The checks every state passes: views from the de-identifying
//! presenter only, no calendar date, day labels and pane names of a
//! fixed shape.

use super::StateError;
use crate::present::{CaseView, VerdictView};

pub(super) fn deidentified(case: &CaseView) -> Result<(), StateError> {
    if !case.privacy.is_deidentified() {
        return Err(StateError::NotDeidentified("case view"));
    }
    if case.id.is_some() {
        return Err(StateError::Identifying("the case id"));
    }
    if case.file.is_some() {
        return Err(StateError::Identifying("the file name"));
    }
    Ok(())
}

pub(super) fn verdict_deidentified(v: &VerdictView) -> Result<(), StateError> {
    if v.privacy.is_deidentified() {
        Ok(())
    } else {
        Err(StateError::NotDeidentified("verdict view"))
    }
}

/// `YYYY-MM-DD` anywhere in the text.
pub fn has_calendar_date(s: &str) -> bool {
    let b = s.as_bytes();
    b.windows(10).any(|w| {
        w[..4].iter().all(u8::is_ascii_digit)
            && w[4] == b'-'
            && w[5..7].iter().all(u8::is_ascii_digit)
            && w[7] == b'-'
            && w[8..].iter().all(u8::is_ascii_digit)
    })
}

/// "wk 6", "wk -1": the presenter's de-identified day.
pub(super) fn is_week_label(s: &str) -> bool {
    s.strip_prefix("wk ").is_some_and(|n| {
        let digits = n.strip_prefix('-').unwrap_or(n);
        !digits.is_empty() && digits.len() <= 6 && digits.bytes().all(|b| b.is_ascii_digit())
    })
}

/// A pane's name: lowercase ASCII letters and dashes, at most 24.
pub(super) fn is_word(s: &str) -> bool {
    !s.is_empty() && s.len() <= 24 && s.bytes().all(|b| b.is_ascii_lowercase() || b == b'-')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_weeks_and_words_are_told_apart() {
        assert!(has_calendar_date("seen 2026-03-12 at clinic"));
        assert!(has_calendar_date("2026-03-12"));
        assert!(!has_calendar_date("wk 6"));
        assert!(!has_calendar_date("2026-3-12"));
        assert!(!has_calendar_date("ODI 40-2-1"));
        for ok in ["wk 0", "wk 6", "wk -1", "wk 104"] {
            assert!(is_week_label(ok), "{ok}");
        }
        for bad in ["2026-03-12", "wk ", "wk six", "week 6", "wk 6 (2026-03-12)", "wk --1"] {
            assert!(!is_week_label(bad), "{bad}");
        }
        for ok in ["timeline", "detail", "case-list"] {
            assert!(is_word(ok), "{ok}");
        }
        for bad in ["", "Timeline", "time line", "wk6", "2026-03-12", &"a".repeat(25)] {
            assert!(!is_word(bad), "{bad}");
        }
    }
}
