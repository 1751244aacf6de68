//! What a follower is sent: the presenter's de-identified views and the
//! console's state around them, and nothing else. Every field is private
//! and every constructor checks what it is given, so a state can only be
//! built from de-identified views, the rules' fixed words and numbers:
//! no case file, id, file name, calendar date or note can get in.
//! [`ConferenceState::check`] repeats the checks (the host runs it on
//! every state it publishes, also on one that came from JSON).

mod checks;
mod stop;
mod tally;

pub use checks::has_calendar_date;
pub use stop::{Choice, Reveal, StepView, StopView};
pub use tally::{AnswerCounts, ChoiceCount, Distribution, RoomSummary, StopSummary};

use crate::present::{CaseView, VerdictView};
use crate::rules::NextStep;
use checks::{deidentified, is_word, verdict_deidentified};
use serde::{Deserialize, Serialize};
use std::fmt;

/// Why a state could not be built or published.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StateError {
    /// A view (or the presenter) that is not de-identified.
    NotDeidentified(&'static str),
    /// A de-identified view that still holds an id or a file name.
    Identifying(&'static str),
    /// An event index past the case's events.
    NoSuchEvent { index: usize, events: usize },
    /// A pane word that is not a word (lowercase letters and dashes).
    NotAWord(String),
    /// A stop that does not add up (number, choices, label).
    BadStop(String),
    /// Text that looks like a calendar date.
    Date(&'static str),
    /// The state is larger than a follower accepts.
    TooLarge { bytes: usize, limit: usize },
}

impl fmt::Display for StateError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            StateError::NotDeidentified(what) => {
                write!(
                    f,
                    "the {what} is not de-identified: a conference shows only de-identified views"
                )
            }
            StateError::Identifying(what) => write!(f, "the de-identified view still holds {what}"),
            StateError::NoSuchEvent { index, events } => {
                write!(f, "event {index} is not in the case ({events} events)")
            }
            StateError::NotAWord(w) => write!(f, "the focused pane must be a word, not {w:?}"),
            StateError::BadStop(why) => write!(f, "the step-through stop {why}"),
            StateError::Date(what) => write!(f, "the {what} holds a calendar date"),
            StateError::TooLarge { bytes, limit } => {
                write!(
                    f,
                    "the state is {bytes} bytes, more than the {limit} a follower accepts"
                )
            }
        }
    }
}

impl std::error::Error for StateError {}

/// Everything a follower's screen shows.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ConferenceState {
    case: CaseView,
    verdict: Shown,
    ui: Ui,
    what_if: Option<WhatIf>,
    step: Option<StepView>,
}

/// The verdict on the wire. While a step-through stop's question is open
/// it is sent without its answer (the band, the next step and why): the
/// screens hide them until the reveal, and a follower reading the socket
/// must not find them either. A follower reads an absent answer back as
/// the verdict view's placeholders, which no screen shows while asking.
#[derive(Debug, Clone, PartialEq)]
struct Shown {
    view: VerdictView,
    answer: bool,
}

/// The keys of a verdict view that give a stop's answer away.
const ANSWER_KEYS: [&str; 3] = ["band", "next_step", "next_step_reason"];

impl Serialize for Shown {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        if self.answer {
            return self.view.serialize(s);
        }
        let mut v = serde_json::to_value(&self.view).map_err(serde::ser::Error::custom)?;
        if let serde_json::Value::Object(m) = &mut v {
            for k in ANSWER_KEYS {
                m.remove(k);
            }
        }
        v.serialize(s)
    }
}

impl<'de> Deserialize<'de> for Shown {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Shown, D::Error> {
        Ok(Shown {
            view: VerdictView::deserialize(d)?,
            answer: true,
        })
    }
}

/// Where the host's console is: the selected event, the focused pane, zoom.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Ui {
    selected_event: Option<usize>,
    focus: String,
    zoom: bool,
}

/// A what-if: the events left out, and the verdict before and after.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WhatIf {
    left_out: Vec<usize>,
    before: ScoreLine,
    after: ScoreLine,
}

/// Score, band and next step, in the views' words.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ScoreLine {
    pub score: u8,
    /// "READY".
    pub band: String,
    /// "surgical consult".
    pub next_step: String,
}
impl ConferenceState {
    /// A state showing this case and verdict, both from the presenter with
    /// [`Privacy::Deidentified`](crate::present::Privacy); anything else is
    /// refused. The console's state starts as: nothing selected, the
    /// timeline focused, no zoom, no what-if, no step-through.
    pub fn new(case: &CaseView, verdict: &VerdictView) -> Result<ConferenceState, StateError> {
        deidentified(case)?;
        verdict_deidentified(verdict)?;
        Ok(ConferenceState {
            case: case.clone(),
            verdict: Shown {
                view: verdict.clone(),
                answer: true,
            },
            ui: Ui {
                selected_event: None,
                focus: "timeline".to_string(),
                zoom: false,
            },
            what_if: None,
            step: None,
        })
    }

    /// The selected event (an index into the case view's events), the
    /// focused pane as a word ("timeline", "detail"), and zoom.
    pub fn with_ui(mut self, selected_event: Option<usize>, focus: &str, zoom: bool) -> Result<Self, StateError> {
        if let Some(i) = selected_event.filter(|&i| i >= self.case.events.len()) {
            return Err(StateError::NoSuchEvent {
                index: i,
                events: self.case.events.len(),
            });
        }
        if !is_word(focus) {
            return Err(StateError::NotAWord(focus.chars().take(40).collect()));
        }
        self.ui = Ui {
            selected_event,
            focus: focus.to_string(),
            zoom,
        };
        Ok(self)
    }

    pub fn with_what_if(mut self, what_if: WhatIf) -> Result<Self, StateError> {
        if let Some(&i) = what_if.left_out.iter().find(|&&i| i >= self.case.events.len()) {
            return Err(StateError::NoSuchEvent {
                index: i,
                events: self.case.events.len(),
            });
        }
        self.what_if = Some(what_if);
        Ok(self)
    }

    /// The step-through's stop. While its question is open the state
    /// carries no answer: the verdict goes without its band, next step and
    /// why, and the title (written in hindsight, "… after the injection")
    /// is replaced by the initial diagnosis, as the screens show it.
    pub fn with_step(mut self, step: StepView) -> Self {
        let asking = matches!(&step, StepView::Stop(s) if s.reveal().is_none());
        if asking {
            self.verdict.answer = false;
            if let Some(dx) = self.case.field("diagnosis").map(|f| f.value.clone()) {
                self.case.title = dx;
            }
        }
        self.step = Some(step);
        self
    }

    pub fn case(&self) -> &CaseView {
        &self.case
    }

    pub fn verdict(&self) -> &VerdictView {
        &self.verdict.view
    }

    pub fn selected_event(&self) -> Option<usize> {
        self.ui.selected_event
    }

    pub fn focus(&self) -> &str {
        &self.ui.focus
    }

    pub fn zoom(&self) -> bool {
        self.ui.zoom
    }

    pub fn what_if(&self) -> Option<&WhatIf> {
        self.what_if.as_ref()
    }

    pub fn step(&self) -> Option<&StepView> {
        self.step.as_ref()
    }

    /// The stop on screen, if a step-through is at one.
    pub fn stop(&self) -> Option<&StopView> {
        match &self.step {
            Some(StepView::Stop(s)) => Some(s),
            _ => None,
        }
    }

    pub(crate) fn step_mut(&mut self) -> Option<&mut StepView> {
        self.step.as_mut()
    }

    /// A follower applies a tally that arrived after this state.
    pub(crate) fn set_answered(&mut self, stop: u32, answered: usize) {
        if let Some(StepView::Stop(s)) = &mut self.step {
            if s.id() == stop {
                s.set_answered(answered);
            }
        }
    }

    /// Every check the constructors make, again: what the host runs
    /// before it sends a state to anyone.
    pub fn check(&self) -> Result<(), StateError> {
        deidentified(&self.case)?;
        verdict_deidentified(&self.verdict.view)?;
        if !is_word(&self.ui.focus) {
            return Err(StateError::NotAWord(self.ui.focus.chars().take(40).collect()));
        }
        let events = self.case.events.len();
        let indices = self.ui.selected_event.into_iter();
        let left_out = self.what_if.iter().flat_map(|w| w.left_out.iter().copied());
        if let Some(index) = indices.chain(left_out).find(|&i| i >= events) {
            return Err(StateError::NoSuchEvent { index, events });
        }
        if let Some(w) = &self.what_if {
            w.check()?;
        }
        match &self.step {
            Some(StepView::Stop(s)) => s.check()?,
            Some(StepView::Finished(summary)) => summary.check()?,
            None => {}
        }
        Ok(())
    }
}

impl ScoreLine {
    fn of(v: &VerdictView) -> ScoreLine {
        ScoreLine {
            score: v.score,
            band: v.band.label().to_string(),
            next_step: v.next_step.label().to_string(),
        }
    }

    fn check(&self) -> Result<(), StateError> {
        let known_band = crate::rules::Band::ALL.iter().any(|b| b.label() == self.band);
        let known_step = NextStep::ALL.iter().any(|s| s.label() == self.next_step);
        if known_band && known_step {
            Ok(())
        } else {
            Err(StateError::BadStop(
                "what-if holds words that are not a band or a step".into(),
            ))
        }
    }
}

impl WhatIf {
    /// The verdict with every event (`before`), the verdict without the
    /// events left out (`after`), and those events (indices into the case
    /// view's events). Both verdicts must be de-identified.
    pub fn new(before: &VerdictView, after: &VerdictView, left_out: &[usize]) -> Result<WhatIf, StateError> {
        verdict_deidentified(before)?;
        verdict_deidentified(after)?;
        Ok(WhatIf {
            left_out: left_out.to_vec(),
            before: ScoreLine::of(before),
            after: ScoreLine::of(after),
        })
    }

    pub fn left_out(&self) -> &[usize] {
        &self.left_out
    }

    pub fn before(&self) -> &ScoreLine {
        &self.before
    }

    pub fn after(&self) -> &ScoreLine {
        &self.after
    }

    fn check(&self) -> Result<(), StateError> {
        self.before.check()?;
        self.after.check()
    }
}
