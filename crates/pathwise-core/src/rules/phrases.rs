//! Small pieces of the words the rules write: numbers, weeks, event names
//! and lists, so every detail line reads the same way.

use super::known::{Course, Fact, Shot};
use crate::case::{Case, EventRef, Test};

/// A number as a clinician writes it: `6`, `7.5`, `0.7` (at most two decimals).
pub(crate) fn num(n: f64) -> String {
    let rounded = (n * 100.0).round() / 100.0;
    format!("{rounded}")
}

/// Documented weeks, one decimal: `13.9`.
pub(crate) fn weeks(w: f64) -> String {
    format!("{w:.1}")
}

/// "1 week", "2 weeks", "1.5 weeks".
pub(crate) fn weeks_word(w: f64) -> String {
    if (w - 1.0).abs() < 1e-9 {
        "1 week".to_string()
    } else {
        format!("{} weeks", num(w))
    }
}

/// "1 assessment", "3 assessments".
pub(crate) fn count(n: usize, singular: &str, plural: &str) -> String {
    if n == 1 {
        format!("1 {singular}")
    } else {
        format!("{n} {plural}")
    }
}

/// The name of a test as a report would write it.
pub(crate) fn test_name(t: Test) -> &'static str {
    match t {
        Test::Xray => "X-ray",
        Test::FlexionExtensionXray => "flexion-extension X-ray",
        Test::Mri => "MRI",
        Test::Ct => "CT",
        Test::CtMyelogram => "CT myelogram",
        Test::Ultrasound => "ultrasound",
        Test::Ncs => "NCS",
        Test::Emg => "EMG",
        Test::NcsEmg => "NCS/EMG",
        Test::BoneScan => "bone scan",
        Test::Lab => "lab test",
        Test::Other => "test",
    }
}

/// "PT from 2026-01-27 to 2026-03-10", "PT from 2026-04-01 (ongoing)".
pub(crate) fn course_name(c: &Course) -> String {
    match c.end() {
        Some(end) if c.ended() => format!("PT from {} to {end}", c.start()),
        _ => format!("PT from {} (ongoing)", c.start()),
    }
}

/// "epidural-steroid 2026-04-02".
pub(crate) fn shot_name(s: &Shot) -> String {
    format!("{} {}", s.kind(), s.date())
}

/// "30% relief for 1 week", "60% relief (duration pending)",
/// "relief known on 2026-04-16", "no relief recorded": what is known.
pub(crate) fn relief(s: &Shot) -> String {
    let percent = match s.relief_percent() {
        Fact::Known(p) => Some(format!("{p}% relief")),
        Fact::Pending(d) => Some(format!("relief pending (known on {d})")),
        Fact::Absent => None,
    };
    let weeks = match s.relief_weeks() {
        Fact::Known(w) => Some(format!("for {}", weeks_word(w))),
        Fact::Pending(_) => Some("(duration pending)".to_string()),
        Fact::Absent => None,
    };
    match (percent, weeks) {
        (Some(p), Some(w)) => format!("{p} {w}"),
        (Some(p), None) => p,
        (None, Some(w)) => format!("relief {w}"),
        (None, None) => "no relief recorded".to_string(),
    }
}

/// "epidural-steroid 2026-04-02 (30% relief for 1 week)".
pub(crate) fn shot_with_relief(s: &Shot) -> String {
    format!("{} ({})", shot_name(s), relief(s))
}

/// "a", "a and b", "a, b and c".
pub(crate) fn and_list<S: AsRef<str>>(items: &[S]) -> String {
    match items {
        [] => String::new(),
        [one] => one.as_ref().to_string(),
        [init @ .., last] => {
            let head: Vec<&str> = init.iter().map(AsRef::as_ref).collect();
            format!("{} and {}", head.join(", "), last.as_ref())
        }
    }
}

/// "a, b, c".
pub(crate) fn comma_list<S: AsRef<str>>(items: &[S]) -> String {
    let v: Vec<&str> = items.iter().map(AsRef::as_ref).collect();
    v.join(", ")
}

/// Evidence without repeats, in date order (same day: table, then file order).
pub(crate) fn evidence(case: &Case, mut refs: Vec<EventRef>) -> Vec<EventRef> {
    refs.sort_by_key(|&r| (case.event_date(r), r.kind, r.index));
    refs.dedup();
    refs
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_read_like_notes() {
        assert_eq!(num(6.0), "6");
        assert_eq!(num(7.5), "7.5");
        assert_eq!(num(0.1 + 0.2), "0.3");
        assert_eq!(weeks(97.0 / 7.0), "13.9");
        assert_eq!(weeks_word(1.0), "1 week");
        assert_eq!(weeks_word(2.5), "2.5 weeks");
        assert_eq!(and_list(&["a", "b", "c"]), "a, b and c");
        assert_eq!(and_list(&["a"]), "a");
        assert_eq!(count(1, "session", "sessions"), "1 session");
    }
}
