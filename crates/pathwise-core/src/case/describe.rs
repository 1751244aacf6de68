//! Events in words: a short title for lists, the few words beside a
//! timeline marker, and every field for detail views. Values stay typed
//! (dates as dates, notes as notes): `crate::present` turns them into
//! display strings, sanitised and, when presenting, de-identified. Nothing
//! here is shown to anyone directly.

use super::model::*;
use jiff::civil::Date;

#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Text(String),
    Date(Date),
    /// Free text a clinician wrote about the patient; hidden when presenting.
    Note(String),
}

#[derive(Debug, Clone, PartialEq)]
pub struct Field {
    pub name: &'static str,
    pub value: Value,
}

fn text(name: &'static str, v: impl Into<String>) -> Field {
    Field {
        name,
        value: Value::Text(v.into()),
    }
}

fn push_opt(out: &mut Vec<Field>, name: &'static str, v: Option<impl ToString>) {
    if let Some(v) = v {
        out.push(text(name, v.to_string()));
    }
}

fn push_list<T: ToString>(out: &mut Vec<Field>, name: &'static str, items: &[T]) {
    if !items.is_empty() {
        let words: Vec<String> = items.iter().map(ToString::to_string).collect();
        out.push(text(name, words.join(", ")));
    }
}

fn push_note(out: &mut Vec<Field>, name: &'static str, v: &Option<String>) {
    if let Some(v) = v {
        out.push(Field {
            name,
            value: Value::Note(v.clone()),
        });
    }
}

fn push_date(out: &mut Vec<Field>, name: &'static str, d: Option<Date>) {
    if let Some(d) = d {
        out.push(Field {
            name,
            value: Value::Date(d),
        });
    }
}

fn yes_no(b: bool) -> &'static str {
    if b { "yes" } else { "no" }
}

/// Numbers as clinicians write them: no trailing ".0".
pub fn number(n: f64) -> String {
    if n.fract() == 0.0 && n.abs() < 1e15 {
        format!("{}", n as i64)
    } else {
        format!("{n:.1}")
    }
}

impl Case {
    /// A short title: "PT course", "MRI lumbar spine", "pregabalin",
    /// "ESI L4-5", "assessment", "spine-surgery consult", the procedure.
    pub fn event_title(&self, r: EventRef) -> String {
        match r.kind {
            EventKind::Pt => {
                let c = &self.pt[r.index];
                match c.phase {
                    super::Phase::PostOp => "post-op PT".to_string(),
                    super::Phase::Conservative => "PT course".to_string(),
                }
            }
            EventKind::Workup => {
                let w = &self.workup[r.index];
                match &w.site {
                    Some(site) => format!("{} {site}", w.test.label()),
                    None => w.test.label().to_string(),
                }
            }
            EventKind::Medication => self.medication[r.index].drug.clone(),
            EventKind::Injection => {
                let i = &self.injection[r.index];
                match &i.level {
                    Some(level) => format!("{} {level}", i.kind.label()),
                    None => i.kind.label().to_string(),
                }
            }
            EventKind::Assessment => {
                let a = &self.assessment[r.index];
                let mut parts = Vec::new();
                if let Some(p) = a.pain {
                    parts.push(format!("pain {p}"));
                }
                if let Some(f) = a.function {
                    parts.push(format!("{} {}", f.instrument.display_name(), number(f.score)));
                }
                if parts.is_empty() {
                    "assessment".to_string()
                } else {
                    format!("assessment · {}", parts.join(", "))
                }
            }
            EventKind::Consult => match self.consult[r.index].specialty {
                Some(s) => format!("{s} consult"),
                None => "consult".to_string(),
            },
            EventKind::Surgery => self.surgery[r.index].procedure.clone(),
        }
    }

    /// The few words drawn beside a timeline marker or bar: "8/12" for a PT
    /// course, "MRI", the drug, "ESI 70%", "consult"; nothing for an
    /// assessment (its measures are traces of their own).
    pub fn event_short(&self, r: EventRef) -> String {
        match r.kind {
            EventKind::Pt => {
                let c = &self.pt[r.index];
                let phase = if c.phase == super::Phase::PostOp { "post-op" } else { "" };
                match (c.sessions_attended, c.sessions_planned) {
                    (Some(a), Some(p)) => format!("{phase}{}{a}/{p}", if phase.is_empty() { "" } else { " " }),
                    _ => phase.to_string(),
                }
            }
            EventKind::Workup => self.workup[r.index].test.label().to_string(),
            EventKind::Medication => self.medication[r.index].drug.clone(),
            EventKind::Injection => {
                let i = &self.injection[r.index];
                match i.relief_percent {
                    Some(p) => format!("{} {p}%", i.kind.label()),
                    None => i.kind.label().to_string(),
                }
            }
            EventKind::Consult => "consult".to_string(),
            EventKind::Surgery => "surgery".to_string(),
            EventKind::Assessment => String::new(),
        }
    }

    /// Every field the file records for the event, in schema order.
    pub fn event_fields(&self, r: EventRef) -> Vec<Field> {
        let mut f = Vec::new();
        match r.kind {
            EventKind::Pt => {
                let c = &self.pt[r.index];
                f.push(Field {
                    name: "start",
                    value: Value::Date(c.start),
                });
                match c.end {
                    Some(end) => f.push(Field {
                        name: "end",
                        value: Value::Date(end),
                    }),
                    None => f.push(text("end", "ongoing")),
                }
                f.push(text("phase", c.phase.as_str()));
                push_opt(&mut f, "provider", c.provider.as_ref());
                push_opt(&mut f, "second opinion", c.second_opinion.map(yes_no));
                match (c.sessions_attended, c.sessions_planned) {
                    (Some(a), Some(p)) => f.push(text("sessions", format!("{a} of {p} attended"))),
                    (Some(a), None) => f.push(text("sessions", format!("{a} attended"))),
                    (None, Some(p)) => f.push(text("sessions", format!("{p} planned"))),
                    (None, None) => {}
                }
                push_opt(
                    &mut f,
                    "frequency",
                    c.frequency_per_week.map(|n| format!("{} per week", number(n))),
                );
                push_list(&mut f, "modalities", &c.modalities);
                push_opt(&mut f, "home exercise", c.hep_adherence);
                push_list(&mut f, "barriers", &c.barriers);
                push_opt(&mut f, "response", c.response);
                push_date(&mut f, "response on", c.response_on);
                push_note(&mut f, "note", &c.note);
            }
            EventKind::Workup => {
                let w = &self.workup[r.index];
                f.push(Field {
                    name: "date",
                    value: Value::Date(w.date),
                });
                f.push(text("test", w.test.as_str()));
                push_opt(&mut f, "site", w.site.as_ref());
                f.push(text("findings", w.findings.clone()));
                push_opt(&mut f, "lesion", w.lesion);
                push_opt(&mut f, "level", w.level.as_ref());
                push_opt(&mut f, "severity", w.severity);
                push_opt(&mut f, "instability", w.instability.map(yes_no));
                push_opt(&mut f, "nerve", w.nerve.as_ref());
                push_opt(
                    &mut f,
                    "concordant",
                    w.concordant
                        .map(|c| if c { "yes" } else { "no: does not explain the symptoms" }),
                );
                push_opt(&mut f, "acute", w.acute.map(yes_no));
            }
            EventKind::Medication => {
                let m = &self.medication[r.index];
                f.push(Field {
                    name: "start",
                    value: Value::Date(m.start),
                });
                match m.end {
                    Some(end) => f.push(Field {
                        name: "end",
                        value: Value::Date(end),
                    }),
                    None => f.push(text("end", "ongoing")),
                }
                f.push(text("drug", m.drug.clone()));
                let class = if m.class_inferred {
                    format!("{} (from the formulary)", m.class)
                } else {
                    m.class.to_string()
                };
                f.push(text("class", class));
                push_opt(&mut f, "dose", m.dose.as_ref());
                push_opt(&mut f, "target", m.target);
                push_opt(&mut f, "response", m.response);
                push_date(&mut f, "response on", m.response_on);
                push_opt(&mut f, "side effects", m.side_effects.as_ref());
                push_note(&mut f, "note", &m.note);
            }
            EventKind::Injection => {
                let i = &self.injection[r.index];
                f.push(Field {
                    name: "date",
                    value: Value::Date(i.date),
                });
                f.push(text("kind", i.kind.as_str()));
                if i.status != super::InjectionStatus::Done {
                    f.push(text("status", i.status.as_str()));
                }
                push_opt(&mut f, "level", i.level.as_ref());
                push_opt(&mut f, "guidance", i.guidance);
                push_opt(&mut f, "relief", i.relief_percent.map(|p| format!("{p}%")));
                push_opt(
                    &mut f,
                    "relief lasted",
                    i.relief_weeks.map(|w| format!("{} weeks", number(w))),
                );
                push_opt(&mut f, "resumed PT", i.resumed_pt.map(yes_no));
                push_note(&mut f, "note", &i.note);
            }
            EventKind::Assessment => {
                let a = &self.assessment[r.index];
                f.push(Field {
                    name: "date",
                    value: Value::Date(a.date),
                });
                push_opt(&mut f, "pain", a.pain.map(|p| format!("{p}/10")));
                if let Some(func) = a.function {
                    let (_, hi) = func.instrument.range();
                    let dir = if func.instrument.higher_is_better() {
                        "higher is better"
                    } else {
                        "lower is better"
                    };
                    f.push(text(
                        "function",
                        format!(
                            "{} {}/{} ({dir})",
                            func.instrument.display_name(),
                            number(func.score),
                            number(hi)
                        ),
                    ));
                }
                if !a.strength.is_empty() {
                    let grades: Vec<String> = a.strength.iter().map(|(m, g)| format!("{m} {g}/5")).collect();
                    f.push(text("strength", grades.join(", ")));
                }
                match &a.numbness {
                    Some(areas) if areas.is_empty() => f.push(text("numbness", "none")),
                    Some(areas) => push_list(&mut f, "numbness", areas),
                    None => {}
                }
                match &a.red_flags {
                    Some(flags) if flags.is_empty() => f.push(text("red flags", "screened, none")),
                    Some(flags) => push_list(&mut f, "red flags", flags),
                    None => {}
                }
                push_opt(&mut f, "mJOA", a.mjoa.map(|m| format!("{m}/18")));
                push_list(&mut f, "myelopathy", &a.myelopathy_signs);
                push_opt(
                    &mut f,
                    "stability exam",
                    a.instability.map(|u| if u { "unstable" } else { "stable" }),
                );
                push_note(&mut f, "note", &a.note);
            }
            EventKind::Consult => {
                let c = &self.consult[r.index];
                f.push(Field {
                    name: "date",
                    value: Value::Date(c.date),
                });
                push_opt(&mut f, "specialty", c.specialty);
                push_opt(&mut f, "outcome", c.outcome.as_ref());
                push_note(&mut f, "note", &c.note);
            }
            EventKind::Surgery => {
                let s = &self.surgery[r.index];
                f.push(Field {
                    name: "date",
                    value: Value::Date(s.date),
                });
                f.push(text("procedure", s.procedure.clone()));
                push_note(&mut f, "note", &s.note);
            }
        }
        f
    }
}

/// How dates are shown: as calendar dates, or (when presenting) as whole
/// weeks from onset, so a shared screen carries no calendar date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateStyle {
    Calendar,
    WeeksFromOnset,
}

impl Case {
    pub fn date_label(&self, d: Date, style: DateStyle) -> String {
        match style {
            DateStyle::Calendar => d.to_string(),
            DateStyle::WeeksFromOnset => {
                let days = days_between(self.presentation.onset, d);
                format!("wk {}", days.div_euclid(7))
            }
        }
    }
}

/// Replaces every calendar date written as `YYYY-MM-DD` in `text` with its
/// week offset from onset ("wk 6"), for presentation mode: rule details
/// and free text name dates too, and a shared screen must show none.
pub fn dates_as_weeks(text: &str, onset: Date) -> std::borrow::Cow<'_, str> {
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
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < bytes.len() {
        if is_date_at(i) {
            let parsed: Option<Date> = text[i..i + 10].parse().ok();
            match parsed {
                Some(d) => {
                    out.push_str(&format!("wk {}", days_between(onset, d).div_euclid(7)));
                }
                // not a real date (2026-13-45): still a date-shaped token; hide it
                None => out.push_str("wk ?"),
            }
            i += 10;
        } else {
            let ch = text[i..].chars().next().unwrap_or(' ');
            out.push(ch);
            i += ch.len_utf8();
        }
    }
    std::borrow::Cow::Owned(out)
}

/// Every free-text note of a case: what presentation mode hides.
pub fn notes(case: &Case) -> impl Iterator<Item = &str> {
    let c = case;
    c.pt.iter()
        .filter_map(|e| e.note.as_deref())
        .chain(c.medication.iter().filter_map(|e| e.note.as_deref()))
        .chain(c.injection.iter().filter_map(|e| e.note.as_deref()))
        .chain(c.assessment.iter().filter_map(|e| e.note.as_deref()))
        .chain(c.consult.iter().filter_map(|e| e.note.as_deref()))
        .chain(c.surgery.iter().filter_map(|e| e.note.as_deref()))
        .chain(c.lifestyle.as_ref().and_then(|l| l.note.as_deref()))
}

/// What a de-identified view puts where a note was.
pub const NOTE_HIDDEN: &str = "(note hidden while presenting)";

/// De-identifies already-sanitised text for presentation: note text (which
/// rule details may quote) is hidden and calendar dates become week
/// offsets. `block` says how the text was sanitised (newlines kept or not),
/// so notes are looked for in the same form.
pub fn deidentify(case: &Case, safe: &str, block: bool) -> String {
    let mut s = safe.to_string();
    for note in notes(case) {
        let note = if block {
            crate::text::block(note)
        } else {
            crate::text::inline(note)
        };
        if !note.trim().is_empty() && s.contains(note.as_ref()) {
            s = s.replace(note.as_ref(), NOTE_HIDDEN);
        }
    }
    // a narrative may name the patient's occupation or an age over 89
    if let Some(occupation) = case
        .patient
        .occupation
        .as_deref()
        .map(str::trim)
        .filter(|o| o.len() > 2)
    {
        s = replace_ignoring_case(&s, occupation, "[occupation]");
    }
    if case.patient.age >= 90 {
        s = replace_number(&s, case.patient.age, "90+");
    }
    dates_as_weeks(&s, case.presentation.onset).into_owned()
}

fn replace_ignoring_case(text: &str, word: &str, with: &str) -> String {
    let lower = text.to_lowercase();
    let needle = word.to_lowercase();
    // lower-casing may change byte lengths outside ASCII; then match exactly
    if lower.len() != text.len() || needle.len() != word.len() {
        return text.replace(word, with);
    }
    let mut out = String::with_capacity(text.len());
    let mut from = 0;
    while let Some(at) = lower[from..].find(&needle) {
        out.push_str(&text[from..from + at]);
        out.push_str(with);
        from += at + needle.len();
    }
    out.push_str(&text[from..]);
    out
}

/// Replaces `n` where it stands as a number of its own ("92", "92-year"),
/// not inside another number ("1920", "9.2").
fn replace_number(text: &str, n: u8, with: &str) -> String {
    let digits = n.to_string();
    let b = text.as_bytes();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < b.len() {
        let standalone = b[i..].starts_with(digits.as_bytes())
            && (i == 0 || !(b[i - 1].is_ascii_digit() || b[i - 1] == b'.'))
            && b.get(i + digits.len())
                .is_none_or(|c| !(c.is_ascii_digit() || *c == b'.'));
        if standalone {
            out.push_str(with);
            i += digits.len();
        } else {
            let ch = text[i..].chars().next().unwrap_or(' ');
            out.push(ch);
            i += ch.len_utf8();
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_and_words_are_replaced_whole() {
        assert_eq!(
            replace_number("at 92, born 1920, 9.2 mm, 92-year-old", 92, "90+"),
            "at 90+, born 1920, 9.2 mm, 90+-year-old"
        );
        assert_eq!(
            replace_ignoring_case("A Postal carrier, postal carrier", "postal carrier", "[x]"),
            "A [x], [x]"
        );
    }

    #[test]
    fn dates_in_text_become_weeks_from_onset() {
        let onset = Date::constant(2026, 1, 20);
        assert_eq!(
            dates_as_weeks("MRI 2026-03-12 and 2026-01-20 → 2026-05-04", onset),
            "MRI wk 7 and wk 0 → wk 14"
        );
        assert_eq!(dates_as_weeks("no dates here: 12-03", onset), "no dates here: 12-03");
        assert_eq!(dates_as_weeks("bad 2026-13-45 date", onset), "bad wk ? date");
        assert_eq!(dates_as_weeks("ünïcode 2026-01-27", onset), "ünïcode wk 1");
    }
}
