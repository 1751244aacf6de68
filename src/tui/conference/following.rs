//! The follower's side: an [`App`] with no library whose presented views
//! are the host's state. It follows the host's case, event, pane, zoom,
//! what-if and stop; moving on its own (keys or the mouse) makes it
//! "browsing locally", which changes only this screen, until `f` follows
//! again (a new case follows again too). At an open stop, the answer keys
//! send this follower's answer to the host.

use super::{Conference, pane_of_word};
use crate::conference::{ConferenceState, StepView};
use crate::library::Library;
use crate::rules::NextStep;
use crate::tui::app::{App, Effect, Settings};
use crate::tui::keymap::{Action, KeyMode};
use crate::tui::layout::Pane;
use ratatui::crossterm::event::{KeyEvent, MouseEvent};
use std::sync::Arc;

/// The follower's conference, as the console keeps it.
#[derive(Debug, Clone, Default)]
pub struct Following {
    /// The host's newest state.
    pub state: Option<Arc<ConferenceState>>,
    /// Following the host's pane, event and zoom (else browsing locally).
    pub following: bool,
    /// This follower's answer to the stop on screen: its id, the choice.
    pub answer: Option<(u32, usize)>,
    /// The highlighted choice (↑/↓, Enter answers with it).
    pub choice: usize,
    /// This follower's answers in the step-through, a stop each.
    pub mine: Vec<Mine>,
    /// Why following ended, once it has.
    pub ended: Option<String>,
}

/// This follower's answer to one stop (kept as given: a follower may
/// never see a stop's reveal, when the host moves on at once).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mine {
    pub stop: u32,
    /// n of "stop n of N".
    pub number: usize,
    pub given: NextStep,
}

/// What a follower's own moves change: when any of it changes, the
/// follower is browsing locally.
#[derive(Debug, Clone, PartialEq, Eq)]
struct LocalUi {
    focus: Pane,
    zoom: bool,
    event: Option<usize>,
    detail_scroll: u16,
    readiness_scroll: u16,
    criterion: usize,
    evidence_walk: Option<usize>,
}

/// The case a state shows, told apart from another without an id.
fn same_case(a: &ConferenceState, b: &ConferenceState) -> bool {
    let (a, b) = (a.case(), b.case());
    a.alias == b.alias && a.title == b.title && a.region == b.region && a.review_day == b.review_day
}

impl App {
    /// A follower's console: no library, presenting (a conference always
    /// does), its views set from each state the host sends.
    pub fn follower(mut settings: Settings) -> App {
        settings.present = true;
        let mut app = App::new(Library::empty(), settings);
        app.conference = Some(Conference::Follower(Following {
            following: true,
            ..Following::default()
        }));
        app.focus = Pane::Timeline;
        app.flash = Some("joined: waiting for the host's screen".into());
        app
    }

    fn local_ui(&self) -> LocalUi {
        LocalUi {
            focus: self.focus,
            zoom: self.zoom,
            event: self.view.event,
            detail_scroll: self.view.detail_scroll,
            readiness_scroll: self.view.readiness_scroll,
            criterion: self.view.criterion,
            evidence_walk: self.view.evidence_walk,
        }
    }

    /// Whether this follower follows the host (else it browses locally).
    pub fn is_following(&self) -> bool {
        self.following().is_some_and(|f| f.following)
    }

    fn set_following(&mut self, on: bool) {
        if let Some(f) = self.following_mut() {
            f.following = on;
        }
        if on {
            self.view.detail_scroll = 0;
            self.view.readiness_scroll = 0;
            self.view.evidence_walk = None;
            if let Some(state) = self.following().and_then(|f| f.state.clone()) {
                self.take_remote_ui(&state);
            }
        }
    }

    /// The host's pane, event and zoom.
    fn take_remote_ui(&mut self, state: &ConferenceState) {
        self.focus = pane_of_word(state.focus());
        // the host's case list is the host's: its zoom is not followed
        self.zoom = state.zoom() && state.focus() != "cases";
        if self.view.event != state.selected_event() {
            self.view.detail_scroll = 0;
        }
        self.view.event = state.selected_event();
    }

    /// A state from the host: its views on screen, and (while following)
    /// its pane, event and zoom. A new case follows again.
    pub(super) fn follow_state(&mut self, state: Arc<ConferenceState>) {
        let Some(f) = self.following_mut() else { return };
        if f.state.as_deref().is_none_or(|old| !same_case(old, &state)) {
            f.following = true;
        }
        if let Some(StepView::Stop(s)) = state.step() {
            if f.answer.is_some_and(|(id, _)| id != s.id()) {
                f.answer = None;
                f.choice = 0;
            }
            // stops only go forward: an answer to this stop's number or a
            // later one, under another id, was given in an earlier
            // step-through
            if f.mine.iter().any(|m| m.number >= s.number() && m.stop != s.id()) {
                f.mine.clear();
            }
        }
        let following = f.following;
        f.state = Some(state.clone());
        if self.flash.as_deref() == Some("joined: waiting for the host's screen") {
            self.flash = None;
        }
        self.view.shown = Some(state.case().clone());
        self.view.verdict = Some(state.verdict().clone());
        if following {
            self.take_remote_ui(&state);
        } else {
            let n = state.case().events.len();
            self.view.event = self.view.event.filter(|&e| e < n);
        }
        let criteria = state.verdict().criteria.len();
        self.view.criterion = self.view.criterion.min(criteria.saturating_sub(1));
    }

    /// The host ended the conference, or the connection did: say why, and
    /// leave.
    pub(super) fn follow_ended(&mut self, why: String) -> Effect {
        if let Some(f) = self.following_mut() {
            f.ended = Some(why);
        }
        Effect::Quit
    }

    /// Why following ended, for the shell after the console is gone.
    pub fn conference_ended(&self) -> Option<&str> {
        self.following().and_then(|f| f.ended.as_deref())
    }

    /// A follower's key: only ever this screen, or its answer.
    pub(super) fn follower_key(&mut self, k: &KeyEvent) -> Effect {
        self.flash = None;
        let before = self.local_ui();
        let mode = self.key_mode();
        for a in self.keymap.lookup(mode, k) {
            if let Some(effect) = self.follower_act(mode, a) {
                if a != Action::Follow && self.local_ui() != before {
                    self.browsing();
                }
                return effect;
            }
        }
        Effect::None
    }

    pub(super) fn follower_mouse(&mut self, m: MouseEvent) -> Effect {
        let before = self.local_ui();
        let effect = self.mouse_event(m);
        if self.focus == Pane::List {
            self.focus = Pane::Timeline;
        }
        if self.local_ui() != before {
            self.browsing();
        }
        effect
    }

    fn browsing(&mut self) {
        if self.is_following() {
            self.set_following(false);
            let f = self.keymap.keys_of(Action::Follow);
            self.flash = Some(format!(
                "browsing locally: only your screen changes; {f} follows the host"
            ));
        }
    }

    /// The stop on screen while its question is open: its id and how many
    /// choices it offers.
    fn open_stop(&self) -> Option<(u32, usize)> {
        self.remote()?
            .stop()
            .filter(|s| s.is_open())
            .map(|s| (s.id(), s.choices().len()))
    }

    fn send_answer(&mut self, choice: usize) -> Option<Effect> {
        let (stop, n) = self.open_stop()?;
        if choice >= n {
            return None;
        }
        let s = self.remote()?.stop()?;
        let (number, given) = (s.number(), s.choices().get(choice)?.step);
        let f = self.following_mut()?;
        f.answer = Some((stop, choice));
        f.choice = choice;
        f.mine.retain(|m| m.stop != stop);
        f.mine.push(Mine { stop, number, given });
        Some(Effect::Answer { stop, choice })
    }

    /// One action on a follower; `None` when it does not apply now, so the
    /// key's next meaning is tried.
    fn follower_act(&mut self, mode: KeyMode, a: Action) -> Option<Effect> {
        let asking = self.open_stop();
        let effect = match a {
            Action::ForceQuit | Action::Quit => Effect::Quit,
            Action::Suspend => Effect::Suspend,
            Action::Follow => {
                self.set_following(true);
                self.flash = Some("following the host".into());
                Effect::None
            }
            Action::Answer(n) => return self.send_answer(usize::from(n)),
            Action::ChoiceUp | Action::ChoiceDown => {
                let (_, n) = asking?;
                let f = self.following_mut()?;
                f.choice = if a == Action::ChoiceUp {
                    f.choice.saturating_sub(1)
                } else {
                    (f.choice + 1).min(n.saturating_sub(1))
                };
                Effect::None
            }
            Action::StepGo => {
                asking?;
                let choice = self.following().map_or(0, |f| f.choice);
                return self.send_answer(choice);
            }
            // → keeps its browsing meaning: the next event
            Action::StepNext => return None,
            Action::StepExit if self.view.event.is_some() => {
                self.view.event = None;
                Effect::None
            }
            Action::StepExit => {
                self.back();
                Effect::None
            }
            Action::Close => {
                self.overlay = None;
                Effect::None
            }
            _ if mode == KeyMode::Overlay => self.overlay_action(a),
            Action::Down
            | Action::Up
            | Action::PrevEvent
            | Action::NextEvent
            | Action::FocusTimeline
            | Action::FocusDetail
            | Action::FocusReadiness
            | Action::Back
            | Action::Top
            | Action::Bottom
            | Action::PageUp
            | Action::PageDown
            | Action::Zoom
            | Action::Help
            | Action::Theme
            | Action::Mouse
            | Action::Conference => self.browse_action(a),
            Action::NextPane | Action::PrevPane => {
                let e = self.browse_action(a);
                if self.focus == Pane::List {
                    // no case list here: round it
                    self.focus = if a == Action::NextPane {
                        Pane::Timeline
                    } else {
                        Pane::Readiness
                    };
                }
                e
            }
            Action::Open if self.focus == Pane::Readiness || self.view.evidence_walk.is_some() => {
                self.follower_evidence();
                Effect::None
            }
            _ => {
                self.flash = Some("following: the host chooses the case, the step-through and the what-if".into());
                Effect::None
            }
        };
        if self.focus == Pane::List {
            // Esc from the timeline, on a follower: it stays
            self.focus = Pane::Timeline;
        }
        Some(effect)
    }

    /// Enter on a criterion, on a follower: its evidence events in turn
    /// (the verdict view names them by index).
    fn follower_evidence(&mut self) {
        let evidence: Vec<usize> = self
            .view
            .verdict
            .as_ref()
            .and_then(|v| v.criteria.get(self.view.criterion))
            .map(|c| c.evidence.clone())
            .unwrap_or_default();
        let n = self.timeline_len();
        let evidence: Vec<usize> = evidence.into_iter().filter(|&e| e < n).collect();
        if evidence.is_empty() {
            self.flash = Some("this criterion rests on no dated event".into());
            return;
        }
        let k = self.view.evidence_walk.map_or(0, |k| (k + 1) % evidence.len());
        self.view.evidence_walk = Some(k);
        self.view.event = Some(evidence[k]);
        self.view.detail_scroll = 0;
        if self.mode() == crate::tui::layout::Mode::Tabs {
            self.focus = Pane::Timeline;
        }
    }
}
