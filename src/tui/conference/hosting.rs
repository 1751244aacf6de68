//! The host's side: the console presents for as long as it hosts, numbers
//! the step-through's stops for the room, builds the one state followers
//! are sent ([`App::conference_state`], only when [`App::publish_key`]
//! changed), and keeps what the room said for its own screen and the
//! referral export.

use super::{Conference, RoomNews, pane_word};
use crate::conference::{
    AnswerCounts, ConferenceState, Distribution, Event, Reveal, RoomSummary, StateError, StepView, StopView, WhatIf,
};
use crate::present::{Presenter, Privacy};
use crate::tui::app::{App, Presented};
use crate::tui::layout::Pane;
use crate::tui::step::CHOICES;

/// The host's conference, as the console keeps it.
#[derive(Debug, Clone)]
pub struct Hosting {
    /// "PATHWISE_JOIN_CODE=… pathwise join --socket …".
    pub join_command: String,
    /// Followers connected now.
    pub followers: usize,
    /// The step-through stop on screen, (case, stop index), and its id.
    stop: Option<((usize, usize), u32)>,
    /// The last stop id given: ids grow by one per stop shown.
    last_id: u32,
    /// The stop on screen: the count before its reveal, the
    /// distribution after.
    counts: Option<(u32, AnswerCounts)>,
    /// The room's agreement per revealed stop of the last step-through.
    pub summary: RoomSummary,
    /// The case that step-through was on (its id: only for the export,
    /// never sent).
    summary_case: Option<String>,
}

impl Hosting {
    pub fn new(join_command: String) -> Hosting {
        Hosting {
            join_command,
            followers: 0,
            stop: None,
            last_id: 0,
            counts: None,
            summary: RoomSummary::default(),
            summary_case: None,
        }
    }

    /// The id of the step-through stop on screen.
    pub fn stop_id(&self) -> Option<u32> {
        self.stop.map(|(_, id)| id)
    }

    /// The stop on screen, before its reveal: how many have answered, of
    /// how many following.
    pub fn answered(&self) -> Option<(usize, usize)> {
        match (&self.counts, self.stop_id()) {
            (Some((id, c)), Some(now)) if *id == now => Some((c.answered(), self.followers.max(c.answered()))),
            (_, Some(_)) => Some((0, self.followers)),
            _ => None,
        }
    }

    /// The stop on screen, after its reveal: how the room answered.
    pub fn distribution(&self) -> Option<&Distribution> {
        match (&self.counts, self.stop_id()) {
            (Some((id, AnswerCounts::Revealed(d))), Some(now)) if *id == now => Some(d),
            _ => None,
        }
    }
}

/// Everything the state followers are sent is built from: when it is the
/// same as at the last publish, nothing is built or sent.
#[derive(Debug, Clone, PartialEq)]
pub struct PublishKey {
    presented: Option<Presented>,
    event: Option<usize>,
    focus: Pane,
    zoom: bool,
    stop: Option<u32>,
    finished: bool,
}

impl App {
    /// Makes this console the conference's host: it presents (and cannot
    /// stop while hosting), and `c` shows the join command.
    pub fn host(&mut self, join_command: String) {
        self.conference = Some(Conference::Host(Hosting::new(join_command)));
        if !self.present {
            self.toggle_present();
        }
        self.flash = Some("conference open: c shows the join command".into());
        self.present_views();
    }

    fn hosting_mut(&mut self) -> Option<&mut Hosting> {
        match &mut self.conference {
            Some(Conference::Host(h)) => Some(h),
            _ => None,
        }
    }

    /// A new id for each stop shown (stop 1 of a new step-through starts
    /// the room afresh); none outside a step-through.
    pub(super) fn settle_hosting(&mut self) {
        let at = match (&self.view.step, self.selected_index()) {
            (Some(s), Some(case)) => Some((case, s.index)),
            _ => None,
        };
        let id = self.selected().map(|(c, _)| c.id.clone());
        let Some(h) = self.hosting_mut() else { return };
        match at {
            None => h.stop = None,
            Some(at) if h.stop.is_some_and(|(seen, _)| seen == at) => {}
            Some(at) => {
                h.last_id += 1;
                h.stop = Some((at, h.last_id));
                h.counts = None;
                if at.1 == 0 {
                    h.summary = RoomSummary::default();
                    h.summary_case = id;
                }
            }
        }
    }

    /// What the state would be built from now (cheap to make and compare).
    pub fn publish_key(&self) -> PublishKey {
        PublishKey {
            presented: self.view.presented.clone(),
            event: self.view.event,
            focus: self.focus,
            zoom: self.zoom,
            stop: self.hosting().and_then(Hosting::stop_id),
            finished: self.view.step.as_ref().is_some_and(|s| s.finished),
        }
    }

    /// The one state followers are sent, built from the presented views
    /// (de-identified: the host presents) and the console around them:
    /// the selected event, the focused pane, zoom, the what-if, the
    /// step-through's stop. Nothing else of the console (no message, no
    /// file name) goes in. `None` with no case selected.
    pub fn conference_state(&self) -> Option<Result<ConferenceState, StateError>> {
        let shown = self.view.shown.as_ref()?;
        let verdict = self.view.verdict.as_ref()?;
        let (i, (case, base)) = self.selected_index().zip(self.selected())?;
        let build = || {
            // its own presenter, de-identified whatever the console says
            let p = Presenter::new(case, Privacy::Deidentified).with_file(&self.library.cases[i].path);
            let event = self.view.event.filter(|&e| e < shown.events.len());
            let mut state = ConferenceState::new(shown, verdict)?.with_ui(event, pane_word(self.focus), self.zoom)?;
            if let (None, Some(_)) = (&self.view.step, &self.view.what_if) {
                let left_out: Vec<usize> = (0..shown.events.len()).filter(|&e| self.is_left_out(e)).collect();
                let before = p.verdict_view(base);
                state = state.with_what_if(WhatIf::new(&before, verdict, &left_out)?)?;
            }
            if let Some(step) = &self.view.step {
                let view = if step.finished {
                    StepView::finished()
                } else {
                    let id = self.hosting().and_then(Hosting::stop_id).unwrap_or(0);
                    let stop = StopView::new(id, step.index + 1, step.stops.len(), &p, step.now(), &CHOICES)?;
                    match step.answered {
                        None => StepView::Stop(stop),
                        Some(_) => {
                            let next = step
                                .next_event(case)
                                .and_then(|r| self.view.events.iter().position(|e| *e == r));
                            StepView::Stop(stop.revealed(Reveal::new(verdict, &p.case_view(), next)?))
                        }
                    }
                };
                state = state.with_step(view);
            }
            Ok(state)
        };
        Some(build())
    }

    /// What the host heard: joins, leaves and disconnections on the status
    /// line (answers only as the count), and the room as it stands.
    pub(super) fn room_news(&mut self, news: RoomNews) {
        let mut flash = None;
        for e in &news.events {
            if !matches!(e, Event::Answered { .. }) {
                flash = Some(crate::text::inline(&e.status_line()).into_owned());
            }
        }
        if let Some(p) = &news.problem {
            flash = Some(format!("conference: the room was not sent this screen: {p}"));
        }
        let Some(h) = self.hosting_mut() else { return };
        h.followers = news.followers;
        h.counts = news.counts;
        h.summary = news.summary;
        if flash.is_some() {
            self.flash = flash;
        }
    }

    /// The room's summary for the referral export of case `id`: when the
    /// conference ran a step-through on it.
    pub fn room_markdown(&self, id: &str) -> Option<Vec<String>> {
        let h = self.hosting()?;
        (h.summary_case.as_deref() == Some(id)).then(|| h.summary.markdown_lines())
    }
}
