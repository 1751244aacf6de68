//! The validated case: what the rules, the console and the CLI work on.
//! Every event list is sorted by date (stable, so same-day entries keep
//! their order in the file), which the rules rely on for "later".

use super::words::*;
use jiff::civil::Date;
use std::collections::BTreeMap;

#[derive(Debug, Clone, PartialEq)]
pub struct Case {
    pub id: String,
    pub title: String,
    pub region: Region,
    pub tags: Vec<String>,
    pub summary: Option<String>,
    pub teaching_points: Vec<String>,
    /// The review date: explicit, or the latest date in the file.
    pub as_of: Date,
    pub as_of_explicit: bool,
    pub patient: Patient,
    pub presentation: Presentation,
    pub lifestyle: Option<Lifestyle>,
    pub psychosocial: Option<Psychosocial>,
    pub pt: Vec<PtCourse>,
    pub workup: Vec<Workup>,
    pub medication: Vec<Medication>,
    pub injection: Vec<Injection>,
    pub assessment: Vec<Assessment>,
    pub consult: Vec<Consult>,
    pub surgery: Vec<Surgery>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Patient {
    pub alias: String,
    pub age: u8,
    pub sex: Sex,
    pub occupation: Option<String>,
    /// Latest HbA1c, % (rev 2).
    pub hba1c: Option<f64>,
    /// Body-mass index (rev 2).
    pub bmi: Option<f64>,
    /// On anticoagulant or antiplatelet therapy (rev 2).
    pub anticoagulant: Option<bool>,
}

impl Patient {
    /// Ages 90 and over are shown as a band, as de-identification rules ask.
    pub fn age_label(&self) -> String {
        if self.age >= 90 {
            "90+".to_string()
        } else {
            self.age.to_string()
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Presentation {
    pub onset: Date,
    pub complaint: String,
    pub initial_diagnosis: String,
    pub working_diagnosis: Option<String>,
    pub diagnosis_revised_on: Option<Date>,
    pub pain_quality: Vec<PainQuality>,
    pub localized_spasm: Option<bool>,
    /// Leg symptoms brought on by walking or standing, eased by sitting (rev 2).
    pub neurogenic_claudication: Option<bool>,
}

impl Presentation {
    pub fn has_neuropathic_features(&self) -> bool {
        self.pain_quality.iter().any(|q| q.is_neuropathic())
    }
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Lifestyle {
    pub sleep: Option<Rating>,
    pub nutrition: Option<Rating>,
    pub smoking: Option<bool>,
    pub note: Option<String>,
}

/// Psychosocial risk (rev 2): the STarT Back Tool and yellow flags.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Psychosocial {
    pub start_back_total: Option<u8>,
    /// Never above `start_back_total`.
    pub start_back_psychosocial: Option<u8>,
    pub fear_avoidance: Option<bool>,
    pub catastrophizing: Option<bool>,
    pub note: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct PtCourse {
    pub start: Date,
    pub end: Option<Date>,
    pub phase: Phase,
    pub provider: Option<String>,
    pub second_opinion: Option<bool>,
    pub sessions_planned: Option<u32>,
    pub sessions_attended: Option<u32>,
    pub frequency_per_week: Option<f64>,
    pub modalities: Vec<Modality>,
    pub hep_adherence: Option<Adherence>,
    pub barriers: Vec<String>,
    pub response: Option<PtResponse>,
    /// When attendance, adherence and response were recorded (rev 2):
    /// within the course.
    pub response_on: Option<Date>,
    pub note: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Workup {
    pub date: Date,
    pub test: Test,
    pub site: Option<String>,
    pub findings: String,
    pub lesion: Option<Lesion>,
    pub level: Option<String>,
    pub severity: Option<Severity>,
    pub instability: Option<bool>,
    pub nerve: Option<String>,
    /// Whether the finding matches the clinical picture (rev 2); `false`
    /// means it does not explain the symptoms.
    pub concordant: Option<bool>,
    /// An acute traumatic lesion (rev 2).
    pub acute: Option<bool>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Medication {
    pub start: Date,
    pub end: Option<Date>,
    pub drug: String,
    pub class: MedClass,
    /// True when the class came from the formulary rather than the file.
    pub class_inferred: bool,
    pub dose: Option<String>,
    pub target: Option<Target>,
    pub response: Option<MedResponse>,
    /// When the response was recorded (rev 2): within the course.
    pub response_on: Option<Date>,
    pub side_effects: Option<String>,
    pub note: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Injection {
    pub date: Date,
    pub kind: InjectionKind,
    /// Done (the default), declined or contraindicated (rev 2).
    pub status: InjectionStatus,
    pub level: Option<String>,
    pub guidance: Option<Guidance>,
    pub relief_percent: Option<u8>,
    pub relief_weeks: Option<f64>,
    pub resumed_pt: Option<bool>,
    pub note: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct FunctionScore {
    pub instrument: Instrument,
    pub score: f64,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Assessment {
    pub date: Date,
    pub pain: Option<u8>,
    pub function: Option<FunctionScore>,
    /// Muscle or myotome → MRC grade 0–5.
    pub strength: BTreeMap<String, u8>,
    /// `None` when the assessment does not record numbness at all; an empty
    /// list is a recorded "no numbness".
    pub numbness: Option<Vec<String>>,
    /// `None` when the assessment records no red-flag screen; an empty list
    /// is a screen that found none.
    pub red_flags: Option<Vec<String>>,
    /// Modified Japanese Orthopaedic Association score, 0–18 (rev 2).
    pub mjoa: Option<u8>,
    pub myelopathy_signs: Vec<MyelopathySign>,
    /// A joint stability examination (rev 2): `true` unstable.
    pub instability: Option<bool>,
    pub note: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Consult {
    pub date: Date,
    pub specialty: Option<Specialty>,
    pub outcome: Option<String>,
    pub note: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Surgery {
    pub date: Date,
    pub procedure: String,
    pub note: Option<String>,
}

/// The kinds of dated event, one per event table of the file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum EventKind {
    Pt,
    Workup,
    Medication,
    Injection,
    Assessment,
    Consult,
    Surgery,
}

impl EventKind {
    pub const ALL: [EventKind; 7] = [
        EventKind::Pt,
        EventKind::Workup,
        EventKind::Medication,
        EventKind::Injection,
        EventKind::Assessment,
        EventKind::Consult,
        EventKind::Surgery,
    ];

    /// The table name in the file, also used in evidence ("2026-01-27 pt").
    pub fn as_str(self) -> &'static str {
        match self {
            EventKind::Pt => "pt",
            EventKind::Workup => "workup",
            EventKind::Medication => "medication",
            EventKind::Injection => "injection",
            EventKind::Assessment => "assessment",
            EventKind::Consult => "consult",
            EventKind::Surgery => "surgery",
        }
    }
}

/// A reference to one event of a case: its table and its index in that
/// table's date-sorted list. Evidence and selections are kept as these and
/// rendered as text only at the edge.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct EventRef {
    pub kind: EventKind,
    pub index: usize,
}

impl EventRef {
    pub fn new(kind: EventKind, index: usize) -> Self {
        EventRef { kind, index }
    }
}

impl Case {
    /// The date an event is placed at (the start, for courses).
    pub fn event_date(&self, r: EventRef) -> Date {
        match r.kind {
            EventKind::Pt => self.pt[r.index].start,
            EventKind::Workup => self.workup[r.index].date,
            EventKind::Medication => self.medication[r.index].start,
            EventKind::Injection => self.injection[r.index].date,
            EventKind::Assessment => self.assessment[r.index].date,
            EventKind::Consult => self.consult[r.index].date,
            EventKind::Surgery => self.surgery[r.index].date,
        }
    }

    /// The end of a course, when the event is one that has a duration.
    pub fn event_end(&self, r: EventRef) -> Option<Date> {
        match r.kind {
            EventKind::Pt => self.pt[r.index].end,
            EventKind::Medication => self.medication[r.index].end,
            _ => None,
        }
    }

    fn count(&self, kind: EventKind) -> usize {
        match kind {
            EventKind::Pt => self.pt.len(),
            EventKind::Workup => self.workup.len(),
            EventKind::Medication => self.medication.len(),
            EventKind::Injection => self.injection.len(),
            EventKind::Assessment => self.assessment.len(),
            EventKind::Consult => self.consult.len(),
            EventKind::Surgery => self.surgery.len(),
        }
    }

    /// Every event, ordered by date; same-day events keep table order
    /// (pt, workup, medication, injection, assessment, consult, surgery).
    pub fn events(&self) -> Vec<EventRef> {
        let mut all: Vec<EventRef> = EventKind::ALL
            .iter()
            .flat_map(|&k| (0..self.count(k)).map(move |i| EventRef::new(k, i)))
            .collect();
        all.sort_by_key(|&r| self.event_date(r));
        all
    }

    /// Evidence text, as `score --json` prints it: "2026-01-27 assessment".
    pub fn event_label(&self, r: EventRef) -> String {
        format!("{} {}", self.event_date(r), r.kind.as_str())
    }

    /// The diagnosis in force: the working one when revised.
    pub fn diagnosis(&self) -> &str {
        self.presentation
            .working_diagnosis
            .as_deref()
            .unwrap_or(&self.presentation.initial_diagnosis)
    }

    /// Every date written anywhere in the file (used for the `as_of` default).
    pub fn latest_recorded_date(&self) -> Date {
        let p = &self.presentation;
        let mut latest = p.onset;
        let mut see = |d: Date| {
            if d > latest {
                latest = d;
            }
        };
        if let Some(d) = p.diagnosis_revised_on {
            see(d);
        }
        for c in &self.pt {
            see(c.start);
            c.end.map(&mut see);
            c.response_on.map(&mut see);
        }
        for m in &self.medication {
            see(m.start);
            m.end.map(&mut see);
            m.response_on.map(&mut see);
        }
        self.workup.iter().for_each(|e| see(e.date));
        self.injection.iter().for_each(|e| see(e.date));
        self.assessment.iter().for_each(|e| see(e.date));
        self.consult.iter().for_each(|e| see(e.date));
        self.surgery.iter().for_each(|e| see(e.date));
        latest
    }
}

/// Signed days from `a` to `b`.
pub fn days_between(a: Date, b: Date) -> i64 {
    // civil dates are at most ~3.6 million days apart, so i32 cannot overflow
    i64::from((b - a).get_days())
}
