//! Conference mode in the console (docs/conference.md): the console that
//! hosts ([`Hosting`]) and the console that follows ([`Following`]).
//!
//! - hosting: the normal console, always presenting. After every update
//!   the runtime's [`Publisher`] asks [`App::publish_key`] whether what
//!   followers see changed, and only then has [`App::conference_state`]
//!   build the one [`ConferenceState`] and publishes it (never per frame,
//!   never blocking). What the host hears from the room (joins, leaves,
//!   how many answered, the distribution at a reveal, the summary) comes
//!   back into `update` as [`ConferenceMsg::Room`].
//! - following: an [`App`] with no library, whose presented views are the
//!   received state's ([`App::follower`]), so every pane is drawn by the
//!   same code as the host's. It follows the host's case, event, pane,
//!   zoom, what-if and step-through stop until the user moves on their
//!   own ("browsing locally"); `f` follows again. Answers go to the host
//!   as [`Effect::Answer`](super::app::Effect::Answer).
//!
//! Nothing here reads a case file for a follower: the state is all it has.

mod following;
mod hosting;
mod link;

pub use following::{Following, Mine};
pub use hosting::{Hosting, PublishKey};
pub use link::{Joined, Publisher, Setup, ended_words};

use super::app::App;
use super::layout::Pane;
use crate::conference::{AnswerCounts, ConferenceState, Event, RoomSummary, StepView};
use std::sync::Arc;

/// The console's part in a conference.
#[derive(Debug)]
pub enum Conference {
    Host(Hosting),
    Follower(Following),
}

/// What reaches `update` from a conference.
#[derive(Debug, Clone)]
pub enum ConferenceMsg {
    /// Following: the host's newest state.
    State(Arc<ConferenceState>),
    /// Following ended, and why ("the host ended the conference").
    Ended(String),
    /// Hosting: what the host heard from the room.
    Room(Box<RoomNews>),
}

/// What the host heard from its followers since the last news, and the
/// room as it stands.
#[derive(Debug, Clone, Default)]
pub struct RoomNews {
    /// Joins, leaves, disconnections, answers, refusals, oldest first.
    pub events: Vec<Event>,
    /// Followers connected now.
    pub followers: usize,
    /// The stop on screen: how many answered before its reveal, the
    /// distribution after.
    pub counts: Option<(u32, AnswerCounts)>,
    /// Agreement with the rules per revealed stop of the step-through.
    pub summary: RoomSummary,
    /// A state the host could not publish, and why.
    pub problem: Option<String>,
}

/// The focused pane as a state names it.
pub fn pane_word(p: Pane) -> &'static str {
    match p {
        Pane::List => "cases",
        Pane::Timeline => "timeline",
        Pane::Detail => "detail",
        Pane::Readiness => "readiness",
    }
}

/// The pane a follower shows for the host's: the host's case list is
/// the host's own, so a follower shows that case's timeline instead.
pub fn pane_of_word(w: &str) -> Pane {
    match w {
        "detail" => Pane::Detail,
        "readiness" => Pane::Readiness,
        _ => Pane::Timeline,
    }
}

impl App {
    /// Hosting: the host's side of the console.
    pub fn hosting(&self) -> Option<&Hosting> {
        match &self.conference {
            Some(Conference::Host(h)) => Some(h),
            _ => None,
        }
    }

    /// Following: the follower's side of the console.
    pub fn following(&self) -> Option<&Following> {
        match &self.conference {
            Some(Conference::Follower(f)) => Some(f),
            _ => None,
        }
    }

    pub(super) fn following_mut(&mut self) -> Option<&mut Following> {
        match &mut self.conference {
            Some(Conference::Follower(f)) => Some(f),
            _ => None,
        }
    }

    pub fn is_follower(&self) -> bool {
        self.following().is_some()
    }

    /// The host's newest state, on a follower.
    pub fn remote(&self) -> Option<&ConferenceState> {
        self.following().and_then(|f| f.state.as_deref())
    }

    /// The host's step-through, on a follower: a stop or the end.
    pub fn remote_step(&self) -> Option<&StepView> {
        self.remote().and_then(ConferenceState::step)
    }

    /// A follower whose host is at a step-through stop: the step-through's
    /// keys (the answers) apply.
    pub fn remote_at_stop(&self) -> bool {
        self.remote().is_some_and(|s| s.stop().is_some())
    }

    /// Conference messages, and a follower's keys and clicks (which only
    /// ever change this screen); anything else goes on (`Err`).
    pub(super) fn conference_apply(&mut self, msg: super::app::Msg) -> Result<super::app::Effect, super::app::Msg> {
        use super::app::{Effect, Msg};
        match msg {
            Msg::Conference(ConferenceMsg::Room(news)) => {
                self.room_news(*news);
                Ok(Effect::None)
            }
            Msg::Conference(ConferenceMsg::State(state)) => {
                self.follow_state(state);
                Ok(Effect::None)
            }
            Msg::Conference(ConferenceMsg::Ended(why)) => Ok(self.follow_ended(why)),
            Msg::Key(k) if self.is_follower() => Ok(self.follower_key(&k)),
            Msg::Mouse(m) if self.is_follower() => Ok(self.follower_mouse(m)),
            other => Err(other),
        }
    }

    /// At the end of every update: the host's stop ids follow its
    /// step-through.
    pub(super) fn settle_conference(&mut self) {
        if self.hosting().is_some() {
            self.settle_hosting();
        }
    }
}
