//! The draft of a case before it is written: one struct per table of the
//! case format (revision 2), and the small date and word helpers.

use super::*;

pub(super) struct Patient {
    pub(super) alias: String,
    pub(super) age: i64,
    pub(super) sex: &'static str,
    pub(super) occupation: Option<String>,
    pub(super) hba1c: Option<f64>,
    pub(super) bmi: Option<f64>,
    pub(super) anticoagulant: Option<bool>,
}

pub(super) struct Lifestyle {
    pub(super) sleep: &'static str,
    pub(super) nutrition: &'static str,
    pub(super) smoking: bool,
    pub(super) note: Option<&'static str>,
}

pub(super) struct Psychosocial {
    pub(super) total: Option<i64>,
    pub(super) subscale: Option<i64>,
    pub(super) fear_avoidance: bool,
    pub(super) catastrophizing: bool,
    pub(super) note: Option<&'static str>,
}

pub(super) struct PtCourse {
    pub(super) start: Date,
    pub(super) end: Option<Date>,
    pub(super) post_op: bool,
    pub(super) provider: &'static str,
    pub(super) second_opinion: Option<bool>,
    pub(super) planned: u32,
    pub(super) attended: u32,
    pub(super) frequency: f64,
    pub(super) modalities: Vec<&'static str>,
    pub(super) adherence: Option<&'static str>,
    pub(super) barriers: Vec<&'static str>,
    pub(super) response: &'static str,
    pub(super) response_on: Option<Date>,
    pub(super) note: Option<String>,
}

pub(super) struct Workup {
    pub(super) date: Date,
    pub(super) test: &'static str,
    pub(super) site: String,
    pub(super) findings: String,
    pub(super) lesion: Option<&'static str>,
    pub(super) level: Option<String>,
    pub(super) severity: Option<&'static str>,
    pub(super) instability: Option<bool>,
    pub(super) nerve: Option<String>,
    pub(super) concordant: Option<bool>,
    pub(super) acute: Option<bool>,
    pub(super) future: bool,
}

impl Workup {
    /// A study with findings only; the other keys are set by the caller.
    pub(super) fn new(date: Date, test: &'static str, site: String, findings: String) -> Workup {
        Workup {
            date,
            test,
            site,
            findings,
            lesion: None,
            level: None,
            severity: None,
            instability: None,
            nerve: None,
            concordant: None,
            acute: None,
            future: false,
        }
    }
}

pub(super) struct Medication {
    pub(super) start: Date,
    pub(super) end: Option<Date>,
    pub(super) drug: &'static str,
    pub(super) class: Option<&'static str>,
    pub(super) dose: &'static str,
    pub(super) target: &'static str,
    pub(super) response: &'static str,
    pub(super) response_on: Option<Date>,
    pub(super) side_effects: Option<&'static str>,
    pub(super) note: Option<&'static str>,
}

pub(super) struct Injection {
    pub(super) date: Date,
    pub(super) kind: &'static str,
    /// `None` for done (the default); `declined`, `contraindicated`.
    pub(super) status: Option<&'static str>,
    pub(super) level: String,
    pub(super) guidance: &'static str,
    pub(super) relief_percent: Option<i64>,
    pub(super) relief_weeks: Option<f64>,
    pub(super) resumed_pt: Option<bool>,
    pub(super) note: Option<String>,
}

pub(super) struct Assessment {
    pub(super) date: Date,
    pub(super) pain: i64,
    pub(super) function: Option<i64>,
    pub(super) strength: Vec<(String, i64)>,
    pub(super) numbness: Option<Vec<String>>,
    /// `Some(vec![])` records a screen that found none.
    pub(super) red_flags: Option<Vec<&'static str>>,
    pub(super) mjoa: Option<i64>,
    pub(super) myelopathy_signs: Vec<&'static str>,
    pub(super) instability: Option<bool>,
    pub(super) note: Option<String>,
}

pub(super) struct Consult {
    pub(super) date: Date,
    pub(super) specialty: &'static str,
    pub(super) outcome: String,
    pub(super) future: bool,
}

pub(super) struct Surgery {
    pub(super) date: Date,
    pub(super) procedure: String,
    pub(super) note: Option<String>,
    pub(super) future: bool,
}

pub(super) struct Draft {
    pub(super) id: String,
    pub(super) title: String,
    pub(super) region: &'static str,
    pub(super) tags: Vec<String>,
    pub(super) summary: String,
    pub(super) teaching: Vec<String>,
    pub(super) as_of: Date,
    pub(super) patient: Patient,
    pub(super) onset: Date,
    pub(super) complaint: String,
    pub(super) initial: String,
    pub(super) working: Option<(String, Date)>,
    pub(super) pain_quality: Vec<&'static str>,
    pub(super) localized_spasm: Option<bool>,
    pub(super) claudication: Option<bool>,
    pub(super) lifestyle: Option<Lifestyle>,
    pub(super) psychosocial: Option<Psychosocial>,
    pub(super) instrument: &'static str,
    pub(super) pt: Vec<PtCourse>,
    pub(super) workup: Vec<Workup>,
    pub(super) medication: Vec<Medication>,
    pub(super) injection: Vec<Injection>,
    pub(super) consult: Vec<Consult>,
    pub(super) surgery: Vec<Surgery>,
    pub(super) assessment: Vec<Assessment>,
    /// Material for padding a short file: a first primary-care visit and
    /// examination notes.
    pub(super) first_visit: Option<Consult>,
    pub(super) spare_notes: Vec<String>,
}

impl Draft {
    /// A spare examination note no assessment uses yet, when one is left
    /// and an assessment has room for it.
    pub(super) fn unused_note(&mut self) -> Option<String> {
        if self.assessment.iter().all(|a| a.note.is_some()) {
            return None;
        }
        while let Some(n) = self.spare_notes.pop() {
            if !self.assessment.iter().any(|a| a.note.as_deref() == Some(n.as_str())) {
                return Some(n);
            }
        }
        None
    }

    /// Whether advanced imaging (or the lesion's nerve study) is on record.
    pub(super) fn imaged(&self) -> bool {
        self.workup.iter().any(|w| !w.future && w.test != "xray")
    }
}

pub(super) fn day(d: Date, days: i64) -> Date {
    d.checked_add(days.days()).unwrap_or(d)
}

pub(super) fn span_days(a: Date, b: Date) -> i64 {
    i64::from((b - a).get_days())
}

/// Replaces `{level}`, then `{side}` and `{Side}` in a template.
pub(super) fn fill(t: &str, side: &str, level: &str) -> String {
    let cap = capitalize(side);
    t.replace("{level}", level)
        .replace("{Side}", &cap)
        .replace("{side}", side)
}

pub(super) fn capitalize(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

pub(super) fn lower_first(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        // keep acronyms (ACL, TFCC, L5) as written
        Some(f) if !c.clone().next().is_some_and(|n| n.is_uppercase() || n.is_ascii_digit()) => {
            f.to_lowercase().chain(c).collect()
        }
        _ => s.to_string(),
    }
}
