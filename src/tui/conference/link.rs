//! Between a conference and the event loop: the host's [`Publisher`]
//! (publish after an update that changed what followers see; the room's
//! events back into `update`) and the follower's [`Joined`] (states from
//! the host forwarded as messages by a thread of its own; answers written
//! by another, so the event loop never waits on the socket).

use super::{ConferenceMsg, Hosting, PublishKey, RoomNews};
use crate::conference::{Ended, Event, Follower, Host};
use crate::tui::app::{App, Msg};
use std::io;
use std::path::PathBuf;
use std::sync::mpsc::{self, Sender};
use std::thread::{self, JoinHandle};

/// What `pathwise host` and `pathwise join` ask the console for.
pub enum Setup {
    /// Host a conference at this socket (`None`: the private default),
    /// for this group.
    Host {
        socket: Option<PathBuf>,
        group: Option<String>,
    },
    /// Follow the conference this follower joined.
    Join(Follower),
}

/// The host's side of the event loop: publishes the console's state when
/// what followers see changed, and hands what the host heard to `update`.
pub struct Publisher {
    host: Host,
    last: Option<PublishKey>,
    published: u64,
}

impl Publisher {
    pub fn new(host: Host) -> Publisher {
        Publisher {
            host,
            last: None,
            published: 0,
        }
    }

    pub fn host(&self) -> &Host {
        &self.host
    }

    /// States published so far.
    pub fn published(&self) -> u64 {
        self.published
    }

    /// After an update: builds and publishes the state only when what it
    /// is built from changed ([`App::publish_key`]); publishing never waits
    /// for a follower. The room's part (the count, the distribution at a
    /// reveal) then comes back into `update`.
    pub fn after_update(&mut self, app: &mut App) {
        if app.hosting().is_none() {
            return;
        }
        let key = app.publish_key();
        if self.last.as_ref() == Some(&key) {
            return;
        }
        self.last = Some(key);
        let problem = match app.conference_state() {
            None => None,
            Some(Err(e)) => Some(e.to_string()),
            Some(Ok(state)) => match self.host.publish(state) {
                Ok(_) => {
                    self.published += 1;
                    None
                }
                Err(e) => Some(e.to_string()),
            },
        };
        self.news(app, Vec::new(), problem);
    }

    /// The host woke the loop: its events, and the room as it stands, into
    /// `update`. False when there was nothing new.
    pub fn pump(&mut self, app: &mut App) -> bool {
        let events: Vec<Event> = self.host.events().try_iter().collect();
        if events.is_empty() {
            return false;
        }
        self.news(app, events, None);
        true
    }

    fn news(&self, app: &mut App, events: Vec<Event>, problem: Option<String>) {
        let counts = app
            .hosting()
            .and_then(Hosting::stop_id)
            .and_then(|id| self.host.answer_counts(id).map(|c| (id, c)));
        let news = RoomNews {
            events,
            followers: self.host.followers(),
            counts,
            summary: self.host.room_summary(),
            problem,
        };
        app.update(Msg::Conference(ConferenceMsg::Room(Box::new(news))));
    }
}

/// How following ended, in words for the screen and the shell.
pub fn ended_words(e: &Ended) -> String {
    match e {
        Ended::Bye(reason) => crate::text::inline(reason).into_owned(),
        Ended::HostSilent(d) => format!("the host has been silent for {} s", d.as_secs()),
        Ended::Lost(why) => format!("the connection to the host was lost: {}", crate::text::inline(why)),
        Ended::Left => "left the conference".to_string(),
    }
}

/// The follower's side of the event loop: a thread forwards each state
/// the host sends (the newest only) as a message; answers are written by
/// a thread of their own. Dropping it leaves the conference (goodbye).
pub struct Joined {
    answers: Option<Sender<(u32, usize)>>,
    writer: Option<JoinHandle<()>>,
}

impl Joined {
    /// Starts forwarding: `send` puts a message on the console's channel
    /// (false once it is closed).
    pub fn start(follower: Follower, send: impl Fn(Msg) -> bool + Send + 'static) -> io::Result<Joined> {
        let mut states = follower.states();
        thread::Builder::new().name("pw-join-forward".into()).spawn(move || {
            loop {
                let msg = match states.recv() {
                    Ok(state) => ConferenceMsg::State(state),
                    Err(ended) => {
                        let _ = send(Msg::Conference(ConferenceMsg::Ended(ended_words(&ended))));
                        return;
                    }
                };
                if !send(Msg::Conference(msg)) {
                    return;
                }
            }
        })?;
        let (tx, rx) = mpsc::channel::<(u32, usize)>();
        let writer = thread::Builder::new().name("pw-join-answer".into()).spawn(move || {
            for (stop, choice) in rx {
                // a broken connection ends following: the forwarder says so
                let _ = follower.answer(stop, choice);
            }
            follower.leave();
        })?;
        Ok(Joined {
            answers: Some(tx),
            writer: Some(writer),
        })
    }

    /// Sends this follower's answer to the host, off the event loop.
    pub fn answer(&self, stop: u32, choice: usize) {
        if let Some(tx) = &self.answers {
            let _ = tx.send((stop, choice));
        }
    }
}

impl Drop for Joined {
    fn drop(&mut self) {
        // the writer says goodbye once its channel is closed
        self.answers.take();
        if let Some(w) = self.writer.take() {
            let _ = w.join();
        }
    }
}
