//! Step-through, the teaching mode: the timeline shows events only up to a
//! moving "now", the readiness panel scores the case as of that day, and
//! the student says what should come next before the next recorded step is
//! revealed beside what the rules recommend. Nothing is written.

use crate::case::{Case, Date, EventKind, EventRef, Phase};
use crate::present::Presenter;
use crate::rules::{NextStep, Options, Profile, Readiness, evaluate, pathway};

/// The answers a student can give, in pathway order: every next step of
/// rules version 2 a stop can call for. Keys 1–9 and 0 (the keymap's
/// `answer_1` … `answer_0`). Post-op rehabilitation is not among them:
/// stops end before the first surgery, so the rules never ask for it.
pub const CHOICES: [NextStep; 10] = [
    NextStep::PhysicalTherapy,
    NextStep::ReEvaluatePt,
    NextStep::Workup,
    NextStep::Pharmacology,
    NextStep::Injection,
    NextStep::PainMedicine,
    NextStep::ContinueConservative,
    NextStep::SurgicalConsult,
    NextStep::UrgentReferral,
    NextStep::EmergencyReferral,
];

/// The key that gives choice `i`: "1" … "9", then "0".
pub fn choice_key(i: usize) -> String {
    ((i + 1) % 10).to_string()
}

/// One stop's answer, kept for the summary.
#[derive(Debug, Clone, PartialEq)]
pub struct Answer {
    pub day: Date,
    pub given: NextStep,
    pub rules: NextStep,
    pub reason: String,
    /// The next recorded step after the stop, and the step it enacts.
    pub happened: Option<(EventRef, Option<NextStep>)>,
}

#[derive(Debug, Clone)]
pub struct Step {
    /// The days the student is asked at.
    pub stops: Vec<Date>,
    pub index: usize,
    /// The readiness as of the current stop.
    pub readiness: Readiness,
    /// The highlighted choice.
    pub choice: usize,
    /// Set once the current stop is answered (the reveal is showing).
    pub answered: Option<Answer>,
    pub answers: Vec<Answer>,
    pub finished: bool,
}

/// The recorded events that change the course (assessments only document
/// it), in date order.
fn steps(case: &Case) -> Vec<EventRef> {
    case.events()
        .into_iter()
        .filter(|r| r.kind != EventKind::Assessment)
        .collect()
}

impl Step {
    /// Starts at the first conservative PT visit (or the first recorded
    /// step when there is no PT); each later step's day is the next stop.
    pub fn start(case: &Case, profile: &Profile) -> Option<Step> {
        let first_pt = case.pt.iter().find(|c| c.phase == Phase::Conservative).map(|c| c.start);
        let all = steps(case);
        let first = first_pt.or_else(|| all.first().map(|r| case.event_date(*r)))?;
        let mut stops = vec![first];
        // stops never pass the review date: the rules do not look beyond
        // it (`score --as-of` refuses a later day); what was recorded after
        // it can still be the last reveal's "what happened next". Nor do
        // they reach the first surgery: after it the next step is always
        // post-op rehabilitation, so the surgery is the last "what happened
        // next" instead of a question.
        let surgery = case.surgery.iter().map(|s| s.date).min();
        let before_surgery = |d: Date| surgery.is_none_or(|s| d < s);
        if !before_surgery(first) {
            return None;
        }
        for r in &all {
            let d = case.event_date(*r);
            if d > first && d <= case.as_of && before_surgery(d) && stops.last() != Some(&d) {
                stops.push(d);
            }
        }
        // the last stop asks about what follows the last recorded step
        let readiness = as_of(case, profile, first);
        Some(Step {
            stops,
            index: 0,
            readiness,
            choice: 0,
            answered: None,
            answers: Vec::new(),
            finished: false,
        })
    }

    pub fn now(&self) -> Date {
        self.stops[self.index]
    }

    /// The next recorded step after now, if any.
    pub fn next_event(&self, case: &Case) -> Option<EventRef> {
        let now = self.now();
        steps(case).into_iter().find(|r| case.event_date(*r) > now)
    }

    /// Answers the current stop with a choice.
    pub fn answer(&mut self, case: &Case, given: NextStep) {
        if self.answered.is_some() || self.finished {
            return;
        }
        let happened = self.next_event(case).map(|r| (r, pathway::step_of(case, r)));
        let answer = Answer {
            day: self.now(),
            given,
            rules: self.readiness.next_step,
            reason: self.readiness.next_step_reason.clone(),
            happened,
        };
        self.answers.push(answer.clone());
        self.answered = Some(answer);
    }

    /// Moves to the next stop after a reveal; past the last, finishes.
    pub fn advance(&mut self, case: &Case, profile: &Profile) {
        if self.answered.is_none() {
            return;
        }
        if self.index + 1 < self.stops.len() {
            self.index += 1;
            self.readiness = as_of(case, profile, self.now());
            self.answered = None;
            self.choice = 0;
        } else {
            self.finished = true;
        }
    }

    /// How many answers agreed with the rules, and with what happened.
    pub fn tally(&self) -> (usize, usize) {
        let rules = self.answers.iter().filter(|a| a.given == a.rules).count();
        let happened = self
            .answers
            .iter()
            .filter(|a| a.happened.and_then(|h| h.1) == Some(a.given))
            .count();
        (rules, happened)
    }
}

/// The readiness as of a day: what the rules saw then.
pub fn as_of(case: &Case, profile: &Profile, day: Date) -> Readiness {
    evaluate(
        case,
        profile,
        &Options {
            as_of: Some(day),
            ..Options::default()
        },
    )
}

/// What happened after a stop, as the presenter shows it: its date, its
/// title and the pathway step it enacts.
pub fn happened_label(p: &Presenter, (r, step): (EventRef, Option<NextStep>)) -> String {
    let case = p.case();
    let what = format!("{} {}", p.date(case.event_date(r)), p.text(&case.event_title(r)));
    match step {
        Some(s) => format!("{what} ({})", pathway::step_label(s)),
        None => what,
    }
}

/// Where a step-through is, as the screen shows it: the host's own
/// ([`Step`]) or, on a conference follower, the host's
/// ([`App::step_at`](crate::tui::app::App::step_at)).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StepAt {
    /// n of "stop n of N" (1-based).
    pub number: usize,
    /// N.
    pub of: usize,
    /// At the summary.
    pub finished: bool,
    /// A stop waits for its answer: the band and the rules' answer are not
    /// to be shown yet.
    pub asking: bool,
}
