//! What the host's console hears about its followers: joins, leaves,
//! answers, refusals and disconnections with their cause, each with a
//! short line for the status bar.

use super::protocol::Refusal;
use std::fmt;
use std::time::Duration;

/// A follower's number: given in order of arrival, never reused.
pub type FollowerId = u64;

/// Why the host dropped a follower.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Cause {
    /// A line that is not a follower message.
    Garbage,
    /// A line longer than the limit.
    Oversized { limit: usize },
    /// More messages than the rate limit allows.
    Flooding { per_second: u32 },
    /// Nothing heard (not even a heartbeat) for this long.
    Silent { after: Duration },
    /// A state could not be written within the write timeout: the
    /// follower stopped reading.
    StoppedReading { after: Duration },
    /// The connection closed without a goodbye (a killed process, a
    /// closed SSH link).
    Vanished,
    /// A socket error.
    Lost(String),
    /// The host ended the conference.
    HostEnded,
}

impl Cause {
    /// For the follower's `bye` and the host's status line.
    pub fn reason(&self) -> String {
        match self {
            Cause::Garbage => "sent something that is not a conference message".to_string(),
            Cause::Oversized { limit } => format!("sent a message over {} KiB", limit / 1024),
            Cause::Flooding { per_second } => format!("sent more than {per_second} messages a second"),
            Cause::Silent { after } => format!("silent for {} s", after.as_secs()),
            Cause::StoppedReading { after } => format!("stopped reading (nothing taken for {} s)", after.as_secs()),
            Cause::Vanished => "connection closed".to_string(),
            Cause::Lost(e) => format!("connection lost ({e})"),
            Cause::HostEnded => "the host ended the conference".to_string(),
        }
    }
}

/// Something that happened to the host's followers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Event {
    Joined {
        follower: FollowerId,
        name: String,
        /// Followers connected now.
        followers: usize,
    },
    /// Said goodbye.
    Left {
        follower: FollowerId,
        name: String,
        followers: usize,
    },
    Disconnected {
        follower: FollowerId,
        name: String,
        cause: Cause,
        followers: usize,
    },
    /// A connection that did not become a follower.
    Refused { name: Option<String>, why: Refusal },
    /// An answer was counted (`replaced`: it replaced the follower's
    /// earlier answer to the stop).
    Answered {
        follower: FollowerId,
        name: String,
        stop: u32,
        choice: usize,
        replaced: bool,
    },
    /// The host could not accept connections for a moment.
    AcceptFailed(String),
}

impl Event {
    /// One short line for the console's status bar.
    pub fn status_line(&self) -> String {
        self.to_string()
    }
}

impl fmt::Display for Event {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Event::Joined { name, followers, .. } => write!(f, "{name} joined ({followers} following)"),
            Event::Left { name, followers, .. } => write!(f, "{name} left ({followers} following)"),
            Event::Disconnected {
                name, cause, followers, ..
            } => write!(f, "{name} disconnected: {} ({followers} following)", cause.reason()),
            Event::Refused { name: Some(n), why } => write!(f, "refused {n}: {}", why.words()),
            Event::Refused { name: None, why } => write!(f, "refused a connection: {}", why.words()),
            Event::Answered {
                name, replaced: false, ..
            } => write!(f, "{name} answered"),
            Event::Answered {
                name, replaced: true, ..
            } => write!(f, "{name} changed their answer"),
            Event::AcceptFailed(e) => write!(f, "cannot accept followers: {e}"),
        }
    }
}
