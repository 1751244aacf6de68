//! De-identifying text that is already sanitised: notes (which rule
//! details may quote), the occupation (which narratives repeat), the case
//! id, the age, and calendar dates. Private to the presenter: front ends
//! never call this, they render what the presenter built.

use super::{NOTE_HIDDEN, OCCUPATION_HIDDEN, age_band, notes, weeks_label};
use crate::case::{Case, Date, days_between};
use crate::text;
use std::borrow::Cow;

/// Single words too common to hide on their own when they end a longer
/// occupation ("line worker", "truck driver"): hiding every "driver" or
/// "therapist" would change clinical text that does not name the patient.
/// The whole occupation, and its two-word endings, are still hidden.
const GENERIC: &[&str] = &[
    "worker",
    "student",
    "employee",
    "staff",
    "assistant",
    "manager",
    "owner",
    "operator",
    "driver",
    "officer",
    "therapist",
    "physician",
    "doctor",
    "surgeon",
    "specialist",
    "technician",
    "provider",
    "player",
];

#[derive(Debug, Clone)]
pub(super) struct Redactor {
    onset: Date,
    /// Each note trimmed, sanitised for one line and for a block, longest
    /// first (a note inside another is hidden with it).
    notes: Vec<(String, String)>,
    /// The occupation and the shorter ways a narrative names it, longest first.
    occupation: Vec<String>,
    /// The case id and the file's name (without `.toml`), each with what
    /// replaces it.
    names: Vec<(String, &'static str)>,
    age: u8,
}

impl Redactor {
    pub(super) fn new(case: &Case) -> Redactor {
        let mut notes: Vec<(String, String)> = notes(case)
            .map(str::trim)
            .filter(|n| !n.is_empty())
            .map(|n| (text::inline(n).into_owned(), text::block(n).into_owned()))
            .collect();
        notes.sort_by_key(|(inline, _)| std::cmp::Reverse(inline.len()));
        let occupation = case
            .patient
            .occupation
            .as_deref()
            .map(|o| occupation_variants(&text::inline(o)))
            .unwrap_or_default();
        Redactor {
            onset: case.presentation.onset,
            notes,
            occupation,
            names: vec![(text::inline(case.id.trim()).into_owned(), "[case id]")],
            age: case.patient.age,
        }
    }

    /// Also hides the name of the case's file (without `.toml`).
    pub(super) fn hide_file(&mut self, stem: &str) {
        let stem = stem.trim();
        if !self.names.iter().any(|(n, _)| n.eq_ignore_ascii_case(stem)) {
            self.names.push((stem.to_string(), "[file]"));
        }
    }

    /// `safe` de-identified; `block` says how it was sanitised (newlines
    /// kept or escaped), so notes are looked for in the same form.
    pub(super) fn apply(&self, safe: &str, block: bool) -> String {
        let mut s = safe.to_string();
        // each rule looks before it rewrites: most text names none of these
        for (inline, as_block) in &self.notes {
            let note = if block { as_block } else { inline };
            if s.contains(note.as_str()) {
                s = replace_whole(&s, note, NOTE_HIDDEN, false);
            }
            if block && as_block != inline && s.contains(inline.as_str()) {
                // a one-line rendering of the note inside block text
                s = replace_whole(&s, inline, NOTE_HIDDEN, false);
            }
        }
        let mut lower = s.to_lowercase();
        let names = self.names.iter().filter(|(n, _)| n.chars().count() >= 3);
        let occupation = self.occupation.iter().map(|o| (o, OCCUPATION_HIDDEN));
        for (word, with) in occupation.chain(names.map(|(n, w)| (n, *w))) {
            if lower.contains(&word.to_lowercase()) {
                s = replace_whole(&s, word, with, true);
                lower = s.to_lowercase();
            }
        }
        if s.contains(&self.age.to_string()) {
            s = ages(&s, self.age);
        }
        match dates_as_weeks(&s, self.onset) {
            Cow::Borrowed(_) => s,
            Cow::Owned(o) => o,
        }
    }
}

/// The occupation as written, and as narratives shorten it: without
/// "retired" or a parenthesis, each part of "student and soccer player",
/// and the endings of each part ("forklift operator" for "warehouse
/// forklift operator", "nurse" for "intensive care nurse"), except a
/// generic single word; shortened forms only where they are plain words.
/// Longest first.
pub(super) fn occupation_variants(occupation: &str) -> Vec<String> {
    let whole = occupation.trim().to_string();
    let mut out = vec![whole.clone()];
    let mut base = strip_parentheses(&whole);
    for prefix in ["retired ", "former ", "semi-retired ", "ex-"] {
        if base.to_lowercase().starts_with(prefix) {
            base = base[prefix.len()..].trim().to_string();
        }
    }
    out.push(base.clone());
    // shortened forms only of plain words: "cashier", not a code or a number
    let plain = |s: &str| {
        s.chars()
            .all(|c| c.is_alphabetic() || c == ' ' || c == '-' || c == '\'')
    };
    let parts = base
        .split([',', ';', '/', '&'])
        .flat_map(|p| p.split(" and "))
        .map(str::trim)
        .filter(|p| !p.is_empty());
    for part in parts {
        let words: Vec<&str> = part.split_whitespace().collect();
        for from in 0..words.len() {
            let tail = words[from..].join(" ");
            let single = from + 1 == words.len();
            if !plain(&tail) || single && words.len() > 1 && GENERIC.contains(&tail.to_lowercase().as_str()) {
                continue;
            }
            out.push(tail);
        }
    }
    out.retain(|v| v.chars().filter(|c| c.is_alphanumeric()).count() >= 3);
    let mut seen = std::collections::HashSet::new();
    out.retain(|v| seen.insert(v.to_lowercase()));
    out.sort_by_key(|v| std::cmp::Reverse(v.len()));
    out
}

fn strip_parentheses(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut depth = 0usize;
    for c in s.chars() {
        match c {
            '(' => depth += 1,
            ')' if depth > 0 => depth -= 1,
            c if depth == 0 => out.push(c),
            _ => {}
        }
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn is_word_char(c: Option<char>) -> bool {
    c.is_some_and(char::is_alphanumeric)
}

/// Replaces every occurrence of `needle` that stands whole (not inside a
/// longer word: "nurse" is not hidden in "nursery"); `ignore_case` for
/// names of things, exact for quoted notes.
pub(super) fn replace_whole(text: &str, needle: &str, with: &str, ignore_case: bool) -> String {
    if needle.is_empty() {
        return text.to_string();
    }
    let (hay, pat): (Cow<str>, Cow<str>) = if ignore_case {
        let (h, p) = (text.to_lowercase(), needle.to_lowercase());
        // lower-casing may change byte lengths outside ASCII; then match exactly
        if h.len() == text.len() && p.len() == needle.len() {
            (Cow::Owned(h), Cow::Owned(p))
        } else {
            (Cow::Borrowed(text), Cow::Borrowed(needle))
        }
    } else {
        (Cow::Borrowed(text), Cow::Borrowed(needle))
    };
    let first = pat.chars().next();
    let last = pat.chars().next_back();
    let mut out = String::with_capacity(text.len());
    let mut from = 0;
    let mut search = 0;
    while let Some(at) = hay[search..].find(pat.as_ref()) {
        let start = search + at;
        let end = start + pat.len();
        let before = text[..start].chars().next_back();
        let after = text[end..].chars().next();
        let inside_a_word = is_word_char(first) && is_word_char(before) || is_word_char(last) && is_word_char(after);
        if !inside_a_word {
            out.push_str(&text[from..start]);
            out.push_str(with);
            from = end;
            search = end;
        } else {
            search = start + pat.chars().next().map_or(1, char::len_utf8);
        }
    }
    out.push_str(&text[from..]);
    out
}

/// The age where a narrative states it. 90 and over: every standalone
/// number equal to the age ("at 92", "92-year-old") becomes "90+". Under
/// 90: the age where it reads as one ("52-year-old", "52 years old",
/// "aged 52", "age 52", "52yo", "52 y/o") becomes its band ("50s"), and
/// other numbers ("52% relief") are left alone.
pub(super) fn ages(text: &str, age: u8) -> String {
    let digits = age.to_string();
    let band = age_band(age);
    let b = text.as_bytes();
    let lower = text.to_ascii_lowercase();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < b.len() {
        let end = i + digits.len();
        let standalone = b[i..].starts_with(digits.as_bytes())
            && (i == 0 || !(b[i - 1].is_ascii_digit() || b[i - 1] == b'.'))
            && b.get(end)
                .is_none_or(|c| !(c.is_ascii_digit() || *c == b'.' && b.get(end + 1).is_some_and(u8::is_ascii_digit)));
        if standalone && (age >= 90 || reads_as_age(&lower, i, end)) {
            out.push_str(&band);
            i = end;
        } else {
            let ch = text[i..].chars().next().unwrap_or(' ');
            out.push(ch);
            i += ch.len_utf8();
        }
    }
    out
}

fn reads_as_age(lower: &str, start: usize, end: usize) -> bool {
    let after = &lower[end..];
    let after = after.strip_prefix(['-', ' ']).unwrap_or(after);
    let before = lower[..start].trim_end_matches([' ', ':']);
    [
        "year-old",
        "year old",
        "years old",
        "years-old",
        "yo",
        "y/o",
        "y.o",
        "yr old",
        "yr-old",
    ]
    .iter()
    .any(|w| after.starts_with(w) && !is_word_char(after[w.len()..].chars().next()))
        || ["aged", "age"]
            .iter()
            .any(|w| before.ends_with(w) && !is_word_char(before[..before.len() - w.len()].chars().next_back()))
}

/// Replaces every calendar date written as `YYYY-MM-DD` in `text` with its
/// week offset from onset ("wk 6"): rule details and free text name dates
/// too, and a shared screen must show none.
pub(super) fn dates_as_weeks(text: &str, onset: Date) -> Cow<'_, str> {
    let bytes = text.as_bytes();
    let is_date_at = |i: usize| {
        bytes.len() >= i + 10
            && bytes[i..i + 4].iter().all(u8::is_ascii_digit)
            && bytes[i + 4] == b'-'
            && bytes[i + 5..i + 7].iter().all(u8::is_ascii_digit)
            && bytes[i + 7] == b'-'
            && bytes[i + 8..i + 10].iter().all(u8::is_ascii_digit)
    };
    if !(0..bytes.len()).any(is_date_at) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < bytes.len() {
        if is_date_at(i) {
            match text[i..i + 10].parse::<Date>() {
                Ok(d) => out.push_str(&weeks_label(days_between(onset, d))),
                // not a real date (2026-13-45): still a date-shaped token; hide it
                Err(_) => out.push_str("wk ?"),
            }
            i += 10;
        } else {
            let ch = text[i..].chars().next().unwrap_or(' ');
            out.push(ch);
            i += ch.len_utf8();
        }
    }
    Cow::Owned(out)
}
