//! The teaching modes' updates: step-through keys and start, and what-if
//! exclusions with their re-scored verdict.

use super::app::App;
use super::layout::Pane;
use super::step::{CHOICES, Step};
use crate::rules::{Options, evaluate};
use ratatui::crossterm::event::{KeyCode, KeyEvent};

impl App {
    /// Keys the step-through takes: a number or Enter answers, Enter or →
    /// moves on after the reveal, ↑/↓ move the choice, Esc leaves.
    pub(super) fn step_key(&mut self, k: &KeyEvent) -> bool {
        let Some(i) = self.selected_index() else { return false };
        let Some(step) = self.view.step.as_mut() else {
            return false;
        };
        let case = &self.library.cases[i].case;
        match k.code {
            // Esc first returns from an event's detail to the question
            KeyCode::Esc if self.view.event.is_some() => self.view.event = None,
            KeyCode::Esc => {
                self.view.step = None;
                self.flash = Some("step-through ended".into());
            }
            KeyCode::Char(c @ '1'..='8') if step.answered.is_none() && !step.finished => {
                let n = c as usize - '1' as usize;
                step.choice = n;
                step.answer(case, CHOICES[n]);
            }
            KeyCode::Up | KeyCode::Char('k') if step.answered.is_none() => step.choice = step.choice.saturating_sub(1),
            KeyCode::Down | KeyCode::Char('j') if step.answered.is_none() => {
                step.choice = (step.choice + 1).min(CHOICES.len() - 1)
            }
            KeyCode::Enter if step.answered.is_none() && !step.finished => {
                let choice = CHOICES[step.choice];
                step.answer(case, choice);
            }
            KeyCode::Enter | KeyCode::Right if step.answered.is_some() => {
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
        let Some(i) = self.library.cases.iter().position(|l| l.case.id == id) else {
            return false;
        };
        if !self.list.select_row(i) {
            return false;
        }
        self.case_changed();
        self.start_step();
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
                self.flash = Some("step-through: what should come next? 1-8 or ↑↓ Enter; Esc ends".into());
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
