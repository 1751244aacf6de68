//! The presenter: a case, and a verdict on it, turned into typed fields of
//! display strings, every string sanitised (`crate::text`) and, for a
//! shared screen, de-identified. The console, `pathwise show`, the referral
//! export and a conference follower's screen all render these fields and
//! nothing else, so de-identification is written once, here.
//!
//! De-identified ([`Privacy::Deidentified`]) means: the patient by alias
//! only (no case id and no file name, also in free text; no sex; no
//! occupation, also where a narrative repeats it), the age as a band ("50s", 90 and over "90+"),
//! calendar dates as week offsets from onset ("wk 6"), also `YYYY-MM-DD`
//! dates inside free text and rule details, and notes hidden
//! ([`NOTE_HIDDEN`]), also where a rule's detail quotes one. Nothing else
//! changes. [`Privacy::Full`] only sanitises.
//!
//! Build a [`CaseView`] and a [`VerdictView`] once when their inputs change
//! (the selection, the privacy, the verdict); never while drawing.

mod case_view;
mod redact;
mod verdict_view;
mod words;

pub use case_view::{CaseView, EventView, Field, FieldKind, FunctionMeasure, Seen, mark_pending};
pub use verdict_view::{CautionView, ConfounderView, CriterionView, VerdictView};

use crate::case::{Case, Date, days_between};
use crate::rules::known::Day;
use crate::rules::{Options, Profile, Readiness};
use redact::Redactor;
use serde::{Deserialize, Serialize};
use std::path::Path;

/// What a de-identified view puts where a note was.
pub const NOTE_HIDDEN: &str = "(note hidden while presenting)";

/// What a de-identified view puts where a narrative names the occupation.
pub const OCCUPATION_HIDDEN: &str = "[occupation]";

/// How much of the case a view may show.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Privacy {
    /// Everything in the file (sanitised).
    Full,
    /// For a shared screen: see the module documentation.
    Deidentified,
}

impl Privacy {
    /// `Deidentified` while presenting (`p`, `--present`).
    pub fn presenting(present: bool) -> Privacy {
        if present { Privacy::Deidentified } else { Privacy::Full }
    }

    pub fn is_deidentified(self) -> bool {
        self == Privacy::Deidentified
    }
}

/// An age as a band by decade: "under 10", "10s", …, "80s", and "90+" for
/// 90 and over.
pub fn age_band(age: u8) -> String {
    match age {
        90.. => "90+".to_string(),
        0..=9 => "under 10".to_string(),
        n => format!("{}0s", n / 10),
    }
}

/// Every free-text note of a case: what a de-identified view hides.
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
        .chain(c.psychosocial.as_ref().and_then(|p| p.note.as_deref()))
}

/// A case seen at one privacy: every string of it, and every string the
/// rules wrote about it, goes through here on its way to a screen.
#[derive(Debug, Clone)]
pub struct Presenter<'a> {
    case: &'a Case,
    privacy: Privacy,
    /// The case's file as shown to users (sanitised), when known.
    file: Option<String>,
    /// Built once per presenter: the notes, occupation and age to look for.
    redactor: Option<Redactor>,
}

impl<'a> Presenter<'a> {
    pub fn new(case: &'a Case, privacy: Privacy) -> Presenter<'a> {
        let redactor = privacy.is_deidentified().then(|| Redactor::new(case));
        Presenter {
            case,
            privacy,
            file: None,
            redactor,
        }
    }

    /// The file the case was read from: shown in a full view, and when
    /// de-identified neither shown nor left in free text (a file may be
    /// named after the patient).
    pub fn with_file(mut self, path: &Path) -> Presenter<'a> {
        self.file = Some(crate::text::inline(&path.to_string_lossy()).into_owned());
        if let (Some(r), Some(stem)) = (&mut self.redactor, path.file_stem()) {
            r.hide_file(&crate::text::inline(&stem.to_string_lossy()));
        }
        self
    }

    /// The file, in a full view.
    pub fn file(&self) -> Option<&str> {
        self.file.as_deref().filter(|_| !self.privacy.is_deidentified())
    }

    pub fn case(&self) -> &'a Case {
        self.case
    }

    pub fn privacy(&self) -> Privacy {
        self.privacy
    }

    /// Text for one line (titles, labels, cells): sanitised with
    /// `text::inline` (newlines become visible escapes), then de-identified.
    pub fn text(&self, s: &str) -> String {
        let safe = crate::text::inline(s);
        match &self.redactor {
            Some(r) => r.apply(&safe, false),
            None => safe.into_owned(),
        }
    }

    /// Text that may wrap (summaries, findings): sanitised with
    /// `text::block` (newlines kept), then de-identified.
    pub fn block(&self, s: &str) -> String {
        let safe = crate::text::block(s);
        match &self.redactor {
            Some(r) => r.apply(&safe, true),
            None => safe.into_owned(),
        }
    }

    /// A note: its text (as [`Presenter::block`]), or [`NOTE_HIDDEN`].
    pub fn note(&self, s: &str) -> String {
        if self.privacy.is_deidentified() {
            NOTE_HIDDEN.to_string()
        } else {
            self.block(s)
        }
    }

    /// A date: the calendar date, or "wk N" (whole weeks from onset,
    /// negative before it) when de-identified.
    pub fn date(&self, d: Date) -> String {
        match self.privacy {
            Privacy::Full => d.to_string(),
            Privacy::Deidentified => weeks_label(self.day(d)),
        }
    }

    /// Days from onset (negative before it): what timelines are drawn on.
    pub fn day(&self, d: Date) -> i64 {
        days_between(self.case.presentation.onset, d)
    }

    /// The age: as recorded (90 and over always "90+"), or its band.
    pub fn age(&self) -> String {
        match self.privacy {
            Privacy::Full => self.case.patient.age_label(),
            Privacy::Deidentified => age_band(self.case.patient.age),
        }
    }

    /// The case's fields and events as the file records them.
    pub fn case_view(&self) -> CaseView {
        case_view::build(self, Seen::File)
    }

    /// The case on its review day, as `show`, the export and the console
    /// present it: an outcome recorded in the file but not known yet on the
    /// review day (READINESS.md, "known on") is marked pending beside its
    /// value.
    pub fn case_view_reviewed(&self, profile: &Profile) -> CaseView {
        let day = Day::new(self.case, profile, &Options::default());
        case_view::build(self, Seen::Reviewed(&day))
    }

    /// As [`Presenter::case_view`], seen on an evaluation day (the rules'
    /// view of it: step-through's "now", `score --as-of`): outcomes not yet
    /// known that day are marked [`FieldKind::Pending`] (see
    /// [`mark_pending`]).
    pub fn case_view_on(&self, day: &Day) -> CaseView {
        case_view::build(self, Seen::On(day))
    }

    /// A verdict on this case, in words, evidence as indices into
    /// [`CaseView::events`].
    pub fn verdict_view(&self, r: &Readiness) -> VerdictView {
        verdict_view::build(self, r)
    }
}

fn weeks_label(days: i64) -> String {
    format!("wk {}", days.div_euclid(7))
}

impl CaseView {
    /// `Presenter::new(case, privacy).case_view()`.
    pub fn new(case: &Case, privacy: Privacy) -> CaseView {
        Presenter::new(case, privacy).case_view()
    }
}

impl VerdictView {
    /// `Presenter::new(case, privacy).verdict_view(r)`.
    pub fn new(case: &Case, r: &Readiness, privacy: Privacy) -> VerdictView {
        Presenter::new(case, privacy).verdict_view(r)
    }
}

#[cfg(test)]
mod tests;
