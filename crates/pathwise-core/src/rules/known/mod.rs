//! What is known on the evaluation day: the one view of a case that every
//! criterion, confounder, caution, band and next-step rule reads through
//! (READINESS.md, "Time: what is known on the evaluation day").
//!
//! A [`Day`] fixes the period end (the day before the first surgery on or
//! before `as_of`, else `as_of`), the review day (the file's `as_of`, or the
//! day before a surgery on or before it), what is in play, and for every
//! outcome recorded in the file the day it becomes known. The rules never
//! compare an outcome's date themselves: they ask a wrapper ([`Course`],
//! [`Med`], [`Shot`]) for a [`Fact`], which is known, pending or absent.
//! Step-through (`Options::as_of`) and what-if (`Options::excluded`) change
//! only how the `Day` is built, so every rule follows for free.
//!
//! The presenter uses [`Day::outcome`] (or [`outcome`]) to show an outcome
//! as *pending* in an event's detail.

mod events;

pub use events::{Course, Med, Shot};

use super::Options;
use super::profile::Profile;
use crate::case::*;

/// One recorded value as seen on the evaluation day.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Fact<T> {
    /// Recorded and known on or before the evaluation day.
    Known(T),
    /// Recorded, but only known on this later day: no evidence either way.
    Pending(Date),
    /// Not recorded in the file.
    Absent,
}

impl<T> Fact<T> {
    fn new(value: Option<T>, known_on: Date, day: Date) -> Fact<T> {
        match value {
            None => Fact::Absent,
            Some(v) if known_on <= day => Fact::Known(v),
            Some(_) => Fact::Pending(known_on),
        }
    }

    /// The value, when known.
    pub fn known(self) -> Option<T> {
        match self {
            Fact::Known(v) => Some(v),
            _ => None,
        }
    }

    /// The day a pending value becomes known.
    pub fn pending(&self) -> Option<Date> {
        match self {
            Fact::Pending(d) => Some(*d),
            _ => None,
        }
    }

    pub fn is_known(&self) -> bool {
        matches!(self, Fact::Known(_))
    }

    pub fn is_pending(&self) -> bool {
        matches!(self, Fact::Pending(_))
    }

    /// The same fact without its value, for the presenter.
    pub fn knowledge(&self) -> Knowledge {
        match self {
            Fact::Known(_) => Knowledge::Known,
            Fact::Pending(d) => Knowledge::Pending { known_on: *d },
            Fact::Absent => Knowledge::NotRecorded,
        }
    }
}

/// Whether an outcome field of an event is known on a day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Knowledge {
    Known,
    /// Recorded in the file, known only from `known_on`.
    Pending {
        known_on: Date,
    },
    NotRecorded,
}

/// The outcome fields that are known only some time after their event.
/// Everything else in a file is known on its event's date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Outcome {
    PtSessionsAttended,
    PtHepAdherence,
    PtBarriers,
    PtResponse,
    MedicationResponse,
    MedicationSideEffects,
    ReliefPercent,
    ReliefWeeks,
}

impl Outcome {
    pub const ALL: [Outcome; 8] = [
        Outcome::PtSessionsAttended,
        Outcome::PtHepAdherence,
        Outcome::PtBarriers,
        Outcome::PtResponse,
        Outcome::MedicationResponse,
        Outcome::MedicationSideEffects,
        Outcome::ReliefPercent,
        Outcome::ReliefWeeks,
    ];

    /// The event table the field belongs to.
    pub fn kind(self) -> EventKind {
        match self {
            Outcome::PtSessionsAttended | Outcome::PtHepAdherence | Outcome::PtBarriers | Outcome::PtResponse => {
                EventKind::Pt
            }
            Outcome::MedicationResponse | Outcome::MedicationSideEffects => EventKind::Medication,
            Outcome::ReliefPercent | Outcome::ReliefWeeks => EventKind::Injection,
        }
    }

    /// The key as written in the case file.
    pub fn key(self) -> &'static str {
        match self {
            Outcome::PtSessionsAttended => "sessions_attended",
            Outcome::PtHepAdherence => "hep_adherence",
            Outcome::PtBarriers => "barriers",
            Outcome::PtResponse | Outcome::MedicationResponse => "response",
            Outcome::MedicationSideEffects => "side_effects",
            Outcome::ReliefPercent => "relief_percent",
            Outcome::ReliefWeeks => "relief_weeks",
        }
    }

    /// The outcome fields of one event table (none for the others).
    pub fn of_kind(kind: EventKind) -> &'static [Outcome] {
        match kind {
            EventKind::Pt => &Outcome::ALL[0..4],
            EventKind::Medication => &Outcome::ALL[4..6],
            EventKind::Injection => &Outcome::ALL[6..8],
            _ => &[],
        }
    }
}

/// `d` plus `n` days, saturating at the calendar's ends.
pub(crate) fn add_days(d: Date, n: i64) -> Date {
    match jiff::Span::new().try_days(n) {
        Ok(span) => d.saturating_add(span),
        Err(_) if n > 0 => Date::MAX,
        Err(_) => Date::MIN,
    }
}

/// 0 ≤ day − date ≤ 7 × weeks days.
pub(crate) fn within(date: Date, day: Date, weeks: f64) -> bool {
    let d = days_between(date, day) as f64;
    d >= 0.0 && d <= 7.0 * weeks + 1e-9
}

/// A case on its evaluation day.
pub struct Day<'a> {
    case: &'a Case,
    pub profile: &'a Profile,
    /// `Options::as_of`, else the file's.
    pub as_of: Date,
    /// The evaluation day.
    pub period_end: Date,
    /// When an outcome without `response_on` or `end` was recorded.
    pub review_day: Date,
    /// The first surgery on or before `as_of`.
    pub surgery: Option<EventRef>,
    /// Every PT course in play, any phase, in date order.
    pub courses: Vec<Course<'a>>,
    pub workup: Vec<(EventRef, &'a Workup)>,
    pub medication: Vec<Med<'a>>,
    pub injection: Vec<Shot<'a>>,
    /// In play and on or after onset, in order.
    pub assessment: Vec<(EventRef, &'a Assessment)>,
}

fn first_surgery(case: &Case, on_or_before: Date, opts: &Options) -> Option<(EventRef, Date)> {
    (0..case.surgery.len())
        .map(|i| EventRef::new(EventKind::Surgery, i))
        .filter(|r| !opts.excluded.contains(r))
        .map(|r| (r, case.event_date(r)))
        .filter(|&(_, d)| d <= on_or_before)
        .min_by_key(|&(r, d)| (d, r.index))
}

fn day_before(d: Date) -> Date {
    d.yesterday().unwrap_or(d)
}

impl<'a> Day<'a> {
    pub fn new(case: &'a Case, profile: &'a Profile, opts: &Options) -> Day<'a> {
        let as_of = opts.as_of.unwrap_or(case.as_of);
        let surgery = first_surgery(case, as_of, opts);
        let period_end = surgery.map_or(as_of, |(_, d)| day_before(d));
        let review_day = first_surgery(case, case.as_of, opts).map_or(case.as_of, |(_, d)| day_before(d));
        let mut day = Day {
            case,
            profile,
            as_of,
            period_end,
            review_day,
            surgery: surgery.map(|(r, _)| r),
            courses: Vec::new(),
            workup: Vec::new(),
            medication: Vec::new(),
            injection: Vec::new(),
            assessment: Vec::new(),
        };
        // in play: on or before period end (and never after the file's as_of)
        let last = period_end.min(case.as_of);
        let play = |r: EventRef| !opts.excluded.contains(&r) && case.event_date(r) <= last;
        let refs = |kind: EventKind, n: usize| (0..n).map(move |i| EventRef::new(kind, i)).filter(|&r| play(r));
        day.courses = refs(EventKind::Pt, case.pt.len()).map(|r| day.course(r)).collect();
        day.medication = refs(EventKind::Medication, case.medication.len())
            .map(|r| day.med(r))
            .collect();
        day.injection = refs(EventKind::Injection, case.injection.len())
            .map(|r| day.shot(r))
            .collect();
        day.workup = refs(EventKind::Workup, case.workup.len())
            .map(|r| (r, &case.workup[r.index]))
            .collect();
        let onset = case.presentation.onset;
        day.assessment = refs(EventKind::Assessment, case.assessment.len())
            .map(|r| (r, &case.assessment[r.index]))
            .filter(|(_, a)| a.date >= onset)
            .collect();
        day
    }

    /// The day a course's or medication's outcome is recorded: `response_on`,
    /// else `end`, else the review day (never before the event itself).
    fn recorded_on(&self, start: Date, response_on: Option<Date>, end: Option<Date>) -> Date {
        response_on.or(end).unwrap_or(self.review_day).max(start)
    }

    fn course(&self, r: EventRef) -> Course<'a> {
        let c = &self.case.pt[r.index];
        Course {
            at: r,
            c,
            known_on: self.recorded_on(c.start, c.response_on, c.end),
            day: self.period_end,
        }
    }

    fn med(&self, r: EventRef) -> Med<'a> {
        let m = &self.case.medication[r.index];
        Med {
            at: r,
            m,
            known_on: self.recorded_on(m.start, m.response_on, m.end),
            day: self.period_end,
        }
    }

    fn shot(&self, r: EventRef) -> Shot<'a> {
        let i = &self.case.injection[r.index];
        let weeks_known_on = i.relief_weeks.map(|w| {
            // the first day d with d − date ≥ 7 × relief_weeks days
            let days = (7.0 * w - 1e-9).ceil().max(0.0);
            add_days(i.date, days.min(1e7) as i64)
        });
        Shot {
            at: r,
            i,
            percent_known_on: add_days(i.date, self.profile.injection_result_days),
            weeks_known_on,
            day: self.period_end,
        }
    }

    /// Whether an outcome field of any event of the case is known on the
    /// evaluation day, pending (with the day it becomes known) or not
    /// recorded. An event after the evaluation day is never known yet.
    pub fn outcome(&self, r: EventRef, o: Outcome) -> Knowledge {
        self.outcome_on(r, o, self.period_end)
    }

    /// The same question for another day, e.g. the file's `as_of` when the
    /// presenter shows a post-operative course of a post-op case.
    pub fn outcome_on(&self, r: EventRef, o: Outcome, day: Date) -> Knowledge {
        if o.kind() != r.kind || r.index >= self.count(r.kind) {
            return Knowledge::NotRecorded;
        }
        let k = match r.kind {
            EventKind::Pt => Course { day, ..self.course(r) }.outcome(o),
            EventKind::Medication => Med { day, ..self.med(r) }.outcome(o),
            _ => Shot { day, ..self.shot(r) }.outcome(o),
        };
        match k {
            // an outcome of an event not yet dated cannot be known
            Knowledge::Known if self.case.event_date(r) > day => Knowledge::Pending {
                known_on: self.case.event_date(r),
            },
            k => k,
        }
    }

    fn count(&self, kind: EventKind) -> usize {
        match kind {
            EventKind::Pt => self.case.pt.len(),
            EventKind::Medication => self.case.medication.len(),
            EventKind::Injection => self.case.injection.len(),
            _ => 0,
        }
    }

    /// Every outcome of an event in play that is recorded but not known yet,
    /// with the day it becomes known, in event order.
    pub fn pending(&self) -> Vec<(EventRef, Outcome, Date)> {
        let mut out = Vec::new();
        let mut see = |r: EventRef, o: Outcome, k: Knowledge| {
            if let Knowledge::Pending { known_on } = k {
                out.push((r, o, known_on));
            }
        };
        for c in &self.courses {
            for &o in Outcome::of_kind(EventKind::Pt) {
                see(c.at, o, c.outcome(o));
            }
        }
        for m in &self.medication {
            for &o in Outcome::of_kind(EventKind::Medication) {
                see(m.at, o, m.outcome(o));
            }
        }
        for s in self.injection.iter().filter(|s| s.done()) {
            for &o in Outcome::of_kind(EventKind::Injection) {
                see(s.at, o, s.outcome(o));
            }
        }
        out.sort_by_key(|&(r, _, _)| (self.case.event_date(r), r.kind, r.index));
        out
    }

    /// The conservative PT courses in play.
    pub fn conservative(&self) -> impl Iterator<Item = &Course<'a>> {
        self.courses.iter().filter(|c| c.is_conservative())
    }

    /// Within `weeks` of the evaluation day.
    pub fn within(&self, date: Date, weeks: f64) -> bool {
        within(date, self.period_end, weeks)
    }

    pub fn region(&self) -> Region {
        self.case.region
    }

    /// Onset, complaint, pain quality and the other presentation facts,
    /// known from the start (the working diagnosis: see below).
    pub fn presentation(&self) -> &'a Presentation {
        &self.case.presentation
    }

    /// The working diagnosis, once revised on or before the evaluation day.
    pub fn working_diagnosis(&self) -> Option<&'a str> {
        let p = &self.case.presentation;
        let dx = p.working_diagnosis.as_deref().filter(|d| !d.trim().is_empty())?;
        match p.diagnosis_revised_on {
            Some(d) if d > self.period_end => None,
            _ => Some(dx),
        }
    }

    pub fn patient(&self) -> &'a Patient {
        &self.case.patient
    }

    pub fn lifestyle(&self) -> Option<&'a Lifestyle> {
        self.case.lifestyle.as_ref()
    }

    pub fn psychosocial(&self) -> Option<&'a Psychosocial> {
        self.case.psychosocial.as_ref()
    }

    /// The surgery that makes the case post-op.
    pub fn surgery(&self) -> Option<&'a Surgery> {
        self.surgery.map(|r| &self.case.surgery[r.index])
    }

    /// The date an event is placed at, for details and evidence.
    pub fn date(&self, r: EventRef) -> Date {
        self.case.event_date(r)
    }

    pub(crate) fn case(&self) -> &'a Case {
        self.case
    }
}

/// [`Day::outcome`] in one call: an outcome field of an event on the
/// evaluation day of `opts` (its period end).
pub fn outcome(case: &Case, profile: &Profile, opts: &Options, r: EventRef, o: Outcome) -> Knowledge {
    Day::new(case, profile, opts).outcome(r, o)
}
