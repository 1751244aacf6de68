//! The evaluation window and the terms of READINESS.md: period end, what is
//! in play, conservative start, comparable assessments, clinically
//! important improvement, documented weeks and the latest PT course.

use super::Options;
use super::phrases::num;
use super::profile::Profile;
use crate::case::*;

/// Tolerance for "at least": a change exactly equal to its MCID counts even
/// when decimal scores do not subtract exactly in binary.
pub(crate) const EPSILON: f64 = 1e-9;

/// An event in play with its reference.
pub(crate) type In<'a, T> = Vec<(EventRef, &'a T)>;

/// Pain or one function instrument.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Measure {
    Pain,
    Function(Instrument),
}

/// A measure from the earliest to the latest assessment in play recording it.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Change {
    pub measure: Measure,
    pub from: f64,
    pub to: f64,
    pub from_ref: EventRef,
    pub to_ref: EventRef,
    /// A clinically important improvement.
    pub important: bool,
}

impl Change {
    /// "pain 7 → 8", "ODI 46 → 52".
    pub fn describe(&self) -> String {
        let name = match self.measure {
            Measure::Pain => "pain",
            Measure::Function(i) => i.display_name(),
        };
        format!("{name} {} → {}", num(self.from), num(self.to))
    }
}

/// Everything the rules see of a case on the evaluation day.
pub(crate) struct Window<'a> {
    pub case: &'a Case,
    pub profile: &'a Profile,
    pub as_of: Date,
    pub period_end: Date,
    /// The first surgery on or before `as_of`: the case is post-op.
    pub surgery: Option<EventRef>,
    /// Every PT course in play, any phase.
    pub courses: In<'a, PtCourse>,
    /// The conservative PT courses in play.
    pub pt: In<'a, PtCourse>,
    pub workup: In<'a, Workup>,
    pub medication: In<'a, Medication>,
    pub injection: In<'a, Injection>,
    /// Assessments in play: on or after onset too, in order.
    pub assessment: In<'a, Assessment>,
    pub conservative_start: Option<(Date, EventRef)>,
    pub documented_weeks: Option<f64>,
    /// Pain first, then each instrument recorded twice or more.
    pub changes: Vec<Change>,
    pub latest_pt: Option<(EventRef, &'a PtCourse)>,
}

fn in_play<'a, T>(items: &'a [T], kind: EventKind, keep: impl Fn(&T) -> bool, opts: &Options) -> In<'a, T> {
    items
        .iter()
        .enumerate()
        .map(|(i, e)| (EventRef::new(kind, i), e))
        .filter(|(r, e)| !opts.excluded.contains(r) && keep(e))
        .collect()
}

impl<'a> Window<'a> {
    pub fn new(case: &'a Case, profile: &'a Profile, opts: &Options) -> Window<'a> {
        let as_of = opts.as_of.unwrap_or(case.as_of);
        let surgery = case
            .surgery
            .iter()
            .enumerate()
            .map(|(i, s)| (EventRef::new(EventKind::Surgery, i), s))
            .find(|(r, s)| s.date <= as_of && !opts.excluded.contains(r));
        let period_end = match surgery {
            Some((_, s)) => s.date.yesterday().unwrap_or(s.date),
            None => as_of,
        };
        let end = period_end;
        let onset = case.presentation.onset;
        let courses = in_play(&case.pt, EventKind::Pt, |c| c.start <= end, opts);
        let pt: In<PtCourse> = courses
            .iter()
            .copied()
            .filter(|(_, c)| c.phase == Phase::Conservative)
            .collect();
        let mut w = Window {
            case,
            profile,
            as_of,
            period_end,
            surgery: surgery.map(|(r, _)| r),
            courses,
            pt,
            workup: in_play(&case.workup, EventKind::Workup, |e| e.date <= end, opts),
            medication: in_play(&case.medication, EventKind::Medication, |e| e.start <= end, opts),
            injection: in_play(&case.injection, EventKind::Injection, |e| e.date <= end, opts),
            assessment: in_play(
                &case.assessment,
                EventKind::Assessment,
                |e| e.date <= end && e.date >= onset,
                opts,
            ),
            conservative_start: None,
            documented_weeks: None,
            changes: Vec::new(),
            latest_pt: None,
        };
        w.conservative_start = w.find_conservative_start();
        w.documented_weeks = match (w.conservative_start, w.assessment.last()) {
            (Some((start, _)), Some((_, latest))) => Some(days_between(start, latest.date) as f64 / 7.0),
            _ => None,
        };
        w.changes = w.find_changes();
        w.latest_pt = w.find_latest_pt();
        w
    }

    /// The earliest of a conservative PT start, a medication start and an
    /// injection date (ties: PT, then medication, then injection).
    fn find_conservative_start(&self) -> Option<(Date, EventRef)> {
        let pt = self.pt.iter().map(|(r, c)| (c.start, *r));
        let med = self.medication.iter().map(|(r, m)| (m.start, *r));
        let inj = self.injection.iter().map(|(r, i)| (i.date, *r));
        pt.chain(med).chain(inj).min_by_key(|&(d, r)| (d, r.kind, r.index))
    }

    fn find_changes(&self) -> Vec<Change> {
        let mut out = Vec::new();
        let pain: Vec<(EventRef, f64)> = self
            .assessment
            .iter()
            .filter_map(|(r, a)| a.pain.map(|p| (*r, f64::from(p))))
            .collect();
        if let Some(c) = self.change(Measure::Pain, &pain) {
            out.push(c);
        }
        for &instrument in Instrument::ALL {
            let scores: Vec<(EventRef, f64)> = self
                .assessment
                .iter()
                .filter_map(|(r, a)| match a.function {
                    Some(f) if f.instrument == instrument => Some((*r, f.score)),
                    _ => None,
                })
                .collect();
            if let Some(c) = self.change(Measure::Function(instrument), &scores) {
                out.push(c);
            }
        }
        out
    }

    fn change(&self, measure: Measure, values: &[(EventRef, f64)]) -> Option<Change> {
        let (&(from_ref, from), &(to_ref, to)) = match values {
            [first, .., last] => (first, last),
            _ => return None,
        };
        let (gain, mcid) = match measure {
            Measure::Pain => (from - to, self.profile.pain_mcid),
            Measure::Function(i) if i.higher_is_better() => (to - from, self.profile.mcid.of(i)),
            Measure::Function(i) => (from - to, self.profile.mcid.of(i)),
        };
        Some(Change {
            measure,
            from,
            to,
            from_ref,
            to_ref,
            important: gain >= mcid - EPSILON,
        })
    }

    /// The conservative course in play with the latest start; ties: the
    /// later end, a course still open at period end counting as latest;
    /// then the later in the file.
    fn find_latest_pt(&self) -> Option<(EventRef, &'a PtCourse)> {
        let end = self.period_end;
        self.pt.iter().copied().max_by_key(|(r, c)| {
            let open = c.end.is_none_or(|e| e > end);
            (c.start, open, if open { None } else { c.end }, r.index)
        })
    }

    pub fn improvements(&self) -> Vec<&Change> {
        self.changes.iter().filter(|c| c.important).collect()
    }

    pub fn region(&self) -> Region {
        self.case.region
    }

    pub fn neuropathic_features(&self) -> Vec<PainQuality> {
        let q = &self.case.presentation.pain_quality;
        q.iter().copied().filter(|q| q.is_neuropathic()).collect()
    }

    pub fn advanced_imaging(&self) -> In<'a, Workup> {
        let region = self.region();
        self.workup
            .iter()
            .copied()
            .filter(|(_, w)| w.test.is_advanced_imaging(region))
            .collect()
    }

    pub fn nerve_studies(&self) -> In<'a, Workup> {
        self.workup
            .iter()
            .copied()
            .filter(|(_, w)| w.test.is_nerve_study())
            .collect()
    }

    pub fn neuropathic_agents(&self) -> In<'a, Medication> {
        self.medication
            .iter()
            .copied()
            .filter(|(_, m)| m.class.is_neuropathic_agent())
            .collect()
    }

    /// Relief below either threshold; `None` when the injection records
    /// neither (no evidence either way).
    pub fn injection_failed(&self, i: &Injection) -> Option<bool> {
        let p = self.profile;
        let by_percent = i
            .relief_percent
            .map(|r| f64::from(r) < p.failed_injection_relief_percent);
        let by_weeks = i.relief_weeks.map(|w| w < p.failed_injection_relief_weeks);
        match (by_percent, by_weeks) {
            (None, None) => None,
            (a, b) => Some(a.unwrap_or(false) || b.unwrap_or(false)),
        }
    }

    /// The working diagnosis, when it is in force at period end.
    pub fn working_diagnosis(&self) -> Option<&'a str> {
        let p = &self.case.presentation;
        let dx = p.working_diagnosis.as_deref().filter(|d| !d.trim().is_empty())?;
        match p.diagnosis_revised_on {
            Some(d) if d > self.period_end => None,
            _ => Some(dx),
        }
    }
}

/// "epidural-steroid 2026-04-02: 30% relief for 1 week".
pub(crate) fn injection_relief(i: &Injection) -> String {
    format!("{} {}: {}", i.kind, i.date, relief(i))
}

/// "epidural-steroid 2026-04-02 (30% relief for 1 week)".
pub(crate) fn injection_in_brackets(i: &Injection) -> String {
    format!("{} {} ({})", i.kind, i.date, relief(i))
}

/// "30% relief for 1 week", "no relief recorded".
fn relief(i: &Injection) -> String {
    match (i.relief_percent, i.relief_weeks) {
        (Some(p), Some(w)) => format!("{p}% relief for {}", super::phrases::weeks_word(w)),
        (Some(p), None) => format!("{p}% relief"),
        (None, Some(w)) => format!("relief for {}", super::phrases::weeks_word(w)),
        (None, None) => "no relief recorded".to_string(),
    }
}
