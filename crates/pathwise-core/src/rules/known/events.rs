//! The events whose outcomes are known only later: a PT course, a
//! medication and an injection in play, each answering for its outcome
//! fields with a [`Fact`] on the evaluation day.

use super::{Fact, Knowledge, Outcome, within};
use crate::case::*;

/// A PT course in play, its outcomes behind the known-on rule.
#[derive(Debug, Clone, Copy)]
pub struct Course<'a> {
    pub at: EventRef,
    pub(super) c: &'a PtCourse,
    pub(super) known_on: Date,
    pub(super) day: Date,
}

impl<'a> Course<'a> {
    pub fn start(&self) -> Date {
        self.c.start
    }
    pub fn end(&self) -> Option<Date> {
        self.c.end
    }
    /// Its `end` is on or before the evaluation day.
    pub fn ended(&self) -> bool {
        self.c.end.is_some_and(|e| e <= self.day)
    }
    pub fn is_conservative(&self) -> bool {
        self.c.phase == Phase::Conservative
    }
    /// Known on the course's start.
    pub fn modalities(&self) -> &'a [Modality] {
        &self.c.modalities
    }
    /// Known on the course's start.
    pub fn second_opinion(&self) -> Option<bool> {
        self.c.second_opinion
    }
    /// The plan, known on the course's start.
    pub fn sessions_planned(&self) -> Option<u32> {
        self.c.sessions_planned
    }
    /// The day attendance, adherence, barriers and response become known.
    pub fn known_on(&self) -> Date {
        self.known_on
    }
    pub fn attended(&self) -> Fact<u32> {
        Fact::new(self.c.sessions_attended, self.known_on, self.day)
    }
    pub fn adherence(&self) -> Fact<Adherence> {
        Fact::new(self.c.hep_adherence, self.known_on, self.day)
    }
    pub fn barriers(&self) -> Fact<&'a [String]> {
        let b = &self.c.barriers;
        Fact::new((!b.is_empty()).then_some(b.as_slice()), self.known_on, self.day)
    }
    pub fn response(&self) -> Fact<PtResponse> {
        Fact::new(self.c.response, self.known_on, self.day)
    }
    pub(super) fn outcome(&self, o: Outcome) -> Knowledge {
        match o {
            Outcome::PtSessionsAttended => self.attended().knowledge(),
            Outcome::PtHepAdherence => self.adherence().knowledge(),
            Outcome::PtBarriers => self.barriers().knowledge(),
            _ => self.response().knowledge(),
        }
    }
}

/// A medication in play, its response behind the known-on rule.
#[derive(Debug, Clone, Copy)]
pub struct Med<'a> {
    pub at: EventRef,
    pub(super) m: &'a Medication,
    pub(super) known_on: Date,
    pub(super) day: Date,
}

impl<'a> Med<'a> {
    pub fn start(&self) -> Date {
        self.m.start
    }
    pub fn end(&self) -> Option<Date> {
        self.m.end
    }
    pub fn drug(&self) -> &'a str {
        self.m.drug.trim()
    }
    pub fn class(&self) -> MedClass {
        self.m.class
    }
    pub fn known_on(&self) -> Date {
        self.known_on
    }
    pub fn response(&self) -> Fact<MedResponse> {
        Fact::new(self.m.response, self.known_on, self.day)
    }
    pub fn side_effects(&self) -> Fact<&'a str> {
        Fact::new(self.m.side_effects.as_deref(), self.known_on, self.day)
    }
    /// Days from its start to its end or the evaluation day, whichever is first.
    pub fn days_taken(&self) -> i64 {
        let until = self.m.end.map_or(self.day, |e| e.min(self.day));
        days_between(self.m.start, until)
    }
    pub(super) fn outcome(&self, o: Outcome) -> Knowledge {
        match o {
            Outcome::MedicationSideEffects => self.side_effects().knowledge(),
            _ => self.response().knowledge(),
        }
    }
}

/// An injection in play, its relief behind the known-on rule.
#[derive(Debug, Clone, Copy)]
pub struct Shot<'a> {
    pub at: EventRef,
    pub(super) i: &'a Injection,
    pub(super) percent_known_on: Date,
    pub(super) weeks_known_on: Option<Date>,
    pub(super) day: Date,
}

impl<'a> Shot<'a> {
    pub fn date(&self) -> Date {
        self.i.date
    }
    pub fn kind(&self) -> InjectionKind {
        self.i.kind
    }
    pub fn status(&self) -> InjectionStatus {
        self.i.status
    }
    pub fn done(&self) -> bool {
        self.i.status == InjectionStatus::Done
    }
    /// Known `injection_result_days` after the injection.
    pub fn relief_percent(&self) -> Fact<u8> {
        Fact::new(self.i.relief_percent, self.percent_known_on, self.day)
    }
    /// Known on the day the relief ended.
    pub fn relief_weeks(&self) -> Fact<f64> {
        match (self.i.relief_weeks, self.weeks_known_on) {
            (Some(w), Some(on)) => Fact::new(Some(w), on, self.day),
            _ => Fact::Absent,
        }
    }
    /// Within `weeks` of the evaluation day.
    pub fn within_weeks(&self, weeks: f64) -> bool {
        within(self.i.date, self.day, weeks)
    }
    pub(super) fn outcome(&self, o: Outcome) -> Knowledge {
        match o {
            Outcome::ReliefWeeks => self.relief_weeks().knowledge(),
            _ => self.relief_percent().knowledge(),
        }
    }
}
