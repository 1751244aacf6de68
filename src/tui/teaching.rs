//! The teaching modes' updates: step-through keys and start, and what-if
//! exclusions with their re-scored verdict.

use super::app::App;
use super::keymap::Action;
use super::layout::Pane;
use super::step::{CHOICES, Step, StepAt};
use crate::conference::StepView;
use crate::rules::{Options, evaluate};

impl App {
    /// The step-through's actions: a number or Enter answers, Enter or →
    /// moves on after the reveal, ↑/↓ move the choice, Esc leaves. False
    /// when the action does not apply at this moment (→ before the
    /// answer), so the key keeps its browsing meaning.
    pub(super) fn step_action(&mut self, a: Action) -> bool {
        let Some(i) = self.selected_index() else { return false };
        let Some(step) = self.view.step.as_mut() else {
            return false;
        };
        let Some(case) = self
            .chosen
            .as_ref()
            .filter(|c| c.index == i && c.revision == self.revision)
            .map(|c| &c.case)
        else {
            return false;
        };
        let asking = step.answered.is_none() && !step.finished;
        match a {
            // Esc first returns from an event's detail to the question
            Action::StepExit if self.view.event.is_some() => self.view.event = None,
            Action::StepExit => {
                self.view.step = None;
                self.flash = Some("step-through ended".into());
            }
            Action::Answer(n) if asking && usize::from(n) < CHOICES.len() => {
                step.choice = usize::from(n);
                step.answer(case, CHOICES[usize::from(n)]);
            }
            Action::ChoiceUp if asking => step.choice = step.choice.saturating_sub(1),
            Action::ChoiceDown if asking => step.choice = (step.choice + 1).min(CHOICES.len() - 1),
            Action::StepGo if asking => {
                let choice = CHOICES[step.choice];
                step.answer(case, choice);
            }
            Action::StepGo | Action::StepNext if step.answered.is_some() => {
                step.advance(case, &self.profile);
                self.view.event = None;
            }
            _ => return false,
        }
        self.view.detail_scroll = 0;
        true
    }

    /// Selects the case with `id` and starts its step-through
    /// (`pathwise --step ID`). False when no such case is listed.
    pub fn open_step(&mut self, id: &str) -> bool {
        let Some(i) = self.library.cases.iter().position(|l| l.case.id() == id) else {
            return false;
        };
        if !self.list.select_row(i) {
            return false;
        }
        self.case_changed();
        self.start_step();
        // called from outside `update` (`--step ID`)
        self.present_views();
        self.view.step.is_some()
    }

    /// `--step ID`: opens the step-through, or says why it cannot.
    pub(super) fn step_now(&mut self, id: &str) {
        if !self.open_step(id) {
            self.flash = Some(format!(
                "--step: no case \"{}\" with a step to walk through",
                crate::text::inline(id)
            ));
        }
    }

    pub(super) fn start_step(&mut self) {
        if self.view.step.is_some() {
            self.view.step = None;
            self.flash = Some("step-through ended".into());
            return;
        }
        let Some((case, _)) = self.selected() else { return };
        match Step::start(case, &self.profile) {
            Some(step) => {
                self.view.step = Some(step);
                self.view.event = None;
                self.view.excluded.clear();
                self.view.what_if = None;
                self.zoom = false;
                if self.focus == Pane::List {
                    self.focus = Pane::Timeline;
                }
                self.flash = Some("step-through: what should come next? 1-9 or 0, or ↑↓ Enter; Esc ends".into());
            }
            None => self.flash = Some("this case records no step to walk through".into()),
        }
    }

    /// What-if: toggles the selected event out of scoring and re-scores.
    pub(super) fn toggle_excluded(&mut self, restore_all: bool) {
        if self.view.step.is_some() {
            self.flash = Some("what-if is off during step-through".into());
            return;
        }
        if restore_all {
            self.view.excluded.clear();
        } else if let Some(e) = self.selected_event() {
            if !self.view.excluded.remove(&e) {
                self.view.excluded.insert(e);
            }
        } else {
            self.flash = Some("select an event on the timeline first (←/→)".into());
            return;
        }
        self.view.what_if = match (self.view.excluded.is_empty(), self.selected()) {
            (false, Some((case, _))) => {
                let opts = Options {
                    excluded: self.view.excluded.clone(),
                    ..Options::default()
                };
                Some(evaluate(case, &self.profile, &opts))
            }
            _ => None,
        };
    }
}

impl App {
    /// True while a step-through stop waits for the student's answer: the
    /// band and the next step are not to be shown anywhere.
    pub fn answer_hidden(&self) -> bool {
        self.step_at().is_some_and(|s| s.asking)
    }

    /// The step-through on screen: this console's, or on a follower the
    /// host's.
    pub fn step_at(&self) -> Option<StepAt> {
        if let Some(s) = &self.view.step {
            return Some(StepAt {
                number: s.index + 1,
                of: s.stops.len(),
                finished: s.finished,
                asking: s.answered.is_none() && !s.finished,
            });
        }
        match self.remote_step()? {
            StepView::Stop(s) => Some(StepAt {
                number: s.number(),
                of: s.of(),
                finished: false,
                asking: s.reveal().is_none(),
            }),
            StepView::Finished(summary) => {
                let of = summary.stops.first().map_or(summary.stops.len(), |s| s.of);
                Some(StepAt {
                    number: of,
                    of,
                    finished: true,
                    asking: false,
                })
            }
        }
    }

    /// How many of the presented case's events the timeline shows: in
    /// step-through, those up to now.
    pub fn timeline_len(&self) -> usize {
        let shown = self.view.shown.as_ref().map_or(0, |v| v.events.len());
        if self.is_follower() {
            // the host's state holds only the events up to its "now"
            shown
        } else {
            self.timeline_events().len().min(shown)
        }
    }

    /// The presented case's events the timeline shows (none with no case).
    pub fn timeline_shown(&self) -> &[crate::present::EventView] {
        match &self.view.shown {
            Some(view) => &view.events[..self.timeline_len().min(view.events.len())],
            None => &[],
        }
    }

    /// Whether the event at index `i` of the presented case is left out
    /// of scoring (what-if): this console's, or the host's.
    pub fn is_left_out(&self, i: usize) -> bool {
        match self.remote() {
            Some(state) => state.what_if().is_some_and(|w| w.left_out().contains(&i)),
            None => self.view.events.get(i).is_some_and(|r| self.view.excluded.contains(r)),
        }
    }
}
