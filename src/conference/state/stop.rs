//! The step-through as a follower sees it: the stop, its question and
//! choices, and after the reveal the rules' answer and the room's.

use super::StateError;
use super::checks::{deidentified, has_calendar_date, is_week_label, verdict_deidentified};
use super::tally::{Distribution, RoomSummary};
use crate::case::Date;
use crate::present::{CaseView, Presenter, VerdictView};
use crate::rules::NextStep;
use serde::{Deserialize, Serialize};

/// The step-through, when one is running: the stop on screen, or the
/// room's summary at the end.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case", deny_unknown_fields)]
pub enum StepView {
    Stop(StopView),
    /// The end: agreement with the rules per stop. The host fills it in
    /// from the answers it kept; build it with [`StepView::finished`].
    Finished(RoomSummary),
}

impl StepView {
    /// The end of a step-through; the host writes the room's summary in.
    pub fn finished() -> StepView {
        StepView::Finished(RoomSummary::default())
    }
}

/// One step-through stop: "stop 2 of 5, wk 6", the question, the choices.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StopView {
    id: u32,
    number: usize,
    of: usize,
    label: String,
    open: bool,
    choices: Vec<Choice>,
    /// Filled in by the host: how many have answered (never what, before
    /// the reveal).
    answered: usize,
    reveal: Option<Reveal>,
}

/// A choice the room can give.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Choice {
    pub step: NextStep,
    /// "medical workup".
    pub label: String,
}

/// After the reveal: the rules' answer and why, what happened next, and
/// (filled in by the host) how the room answered.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Reveal {
    rules: NextStep,
    rules_label: String,
    why: String,
    happened: Option<String>,
    room: Option<Distribution>,
}

impl StopView {
    /// Stop `number` of `of`, at `day` of the case the presenter shows
    /// (which must be de-identified: the stop is labelled "wk N", never a
    /// date), asking which of `choices` comes next. The question is open.
    /// `id` names the stop for answers: unique within a conference (a
    /// running count of the stops shown is enough).
    pub fn new(
        id: u32,
        number: usize,
        of: usize,
        presenter: &Presenter,
        day: Date,
        choices: &[NextStep],
    ) -> Result<StopView, StateError> {
        if !presenter.privacy().is_deidentified() {
            return Err(StateError::NotDeidentified("presenter"));
        }
        let s = StopView {
            id,
            number,
            of,
            label: presenter.date(day),
            open: true,
            choices: choices
                .iter()
                .map(|&step| Choice {
                    step,
                    label: step.label().to_string(),
                })
                .collect(),
            answered: 0,
            reveal: None,
        };
        s.check()?;
        Ok(s)
    }

    /// The question closed: no more answers are counted, nothing revealed.
    pub fn closed(mut self) -> StopView {
        self.open = false;
        self
    }

    /// The question closed and the answer revealed.
    pub fn revealed(mut self, reveal: Reveal) -> StopView {
        self.open = false;
        self.reveal = Some(reveal);
        self
    }

    pub fn id(&self) -> u32 {
        self.id
    }

    /// n, of "stop n of N".
    pub fn number(&self) -> usize {
        self.number
    }

    /// N, of "stop n of N".
    pub fn of(&self) -> usize {
        self.of
    }

    /// "wk 6".
    pub fn label(&self) -> &str {
        &self.label
    }

    pub fn is_open(&self) -> bool {
        self.open
    }

    pub fn choices(&self) -> &[Choice] {
        &self.choices
    }

    /// How many have answered (filled in by the host).
    pub fn answered(&self) -> usize {
        self.answered
    }

    pub fn reveal(&self) -> Option<&Reveal> {
        self.reveal.as_ref()
    }

    pub(crate) fn steps(&self) -> Vec<NextStep> {
        self.choices.iter().map(|c| c.step).collect()
    }

    pub(crate) fn set_answered(&mut self, n: usize) {
        self.answered = n;
    }

    pub(crate) fn reveal_mut(&mut self) -> Option<&mut Reveal> {
        self.reveal.as_mut()
    }

    pub(super) fn check(&self) -> Result<(), StateError> {
        let bad = |why: &str| Err(StateError::BadStop(why.to_string()));
        if self.number == 0 || self.number > self.of {
            return bad(&format!("is numbered {} of {}", self.number, self.of));
        }
        if self.choices.is_empty() || self.choices.len() > NextStep::ALL.len() {
            return bad("needs between 1 and 11 choices");
        }
        for (i, c) in self.choices.iter().enumerate() {
            if c.label != c.step.label() {
                return bad("has a choice whose label is not its step's");
            }
            if self.choices[..i].iter().any(|d| d.step == c.step) {
                return bad("offers a choice twice");
            }
        }
        if !is_week_label(&self.label) {
            return bad("label must be a week (\"wk 6\"), from a de-identified presenter");
        }
        if self.open && self.reveal.is_some() {
            return bad("is revealed while its question is open");
        }
        if let Some(r) = &self.reveal {
            r.check()?;
        }
        Ok(())
    }
}

impl Reveal {
    /// The rules' answer at the stop and why, from the verdict as of the
    /// stop's day, and what happened next: the event at `next_event` of
    /// the whole case's view (not the view as of the stop, which ends
    /// there). Both views must be de-identified.
    pub fn new(at_stop: &VerdictView, case: &CaseView, next_event: Option<usize>) -> Result<Reveal, StateError> {
        verdict_deidentified(at_stop)?;
        deidentified(case)?;
        let happened = match next_event {
            None => None,
            Some(i) => {
                let e = case.events.get(i).ok_or(StateError::NoSuchEvent {
                    index: i,
                    events: case.events.len(),
                })?;
                let step = e.step_label.as_deref().map(|s| format!(" ({s})")).unwrap_or_default();
                Some(format!("{}: {}{step}", e.date_label, e.title))
            }
        };
        let r = Reveal {
            rules: at_stop.next_step,
            rules_label: at_stop.next_step.label().to_string(),
            why: at_stop.next_step_reason.clone(),
            happened,
            room: None,
        };
        r.check()?;
        Ok(r)
    }

    /// The rules' answer.
    pub fn rules(&self) -> NextStep {
        self.rules
    }

    pub fn rules_label(&self) -> &str {
        &self.rules_label
    }

    /// Why the rules say so (the verdict's one-line reason).
    pub fn why(&self) -> &str {
        &self.why
    }

    /// "wk 9: MRI lumbar spine (step 3 · medical workup)", when the case
    /// records a next step.
    pub fn happened(&self) -> Option<&str> {
        self.happened.as_deref()
    }

    /// How the room answered (filled in by the host).
    pub fn room(&self) -> Option<&Distribution> {
        self.room.as_ref()
    }

    pub(crate) fn set_room(&mut self, d: Distribution) {
        self.room = Some(d);
    }

    pub(super) fn check(&self) -> Result<(), StateError> {
        if self.rules_label != self.rules.label() {
            return Err(StateError::BadStop("reveal's label is not the rules' step".into()));
        }
        if has_calendar_date(&self.why) {
            return Err(StateError::Date("reveal's reason"));
        }
        if self.happened.as_deref().is_some_and(has_calendar_date) {
            return Err(StateError::Date("reveal's next event"));
        }
        if let Some(d) = &self.room {
            d.check()?;
        }
        Ok(())
    }
}
