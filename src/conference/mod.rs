//! Conference mode, phase 1: the protocol, the transport and the host and
//! follower cores, with no console. One clinician's console hosts
//! ([`Host`]); every participant follows in their own terminal
//! ([`Follower`]) over a Unix domain socket on the same machine (reached
//! over SSH, which does the authentication), always de-identified.
//!
//! - [`state`]: [`ConferenceState`], the only case content a follower is
//!   ever sent, built from the presenter's de-identified views;
//! - [`protocol`]: the messages, newline-delimited JSON, versioned;
//! - [`host`]: the listener and a reader and a writer thread per follower,
//!   one-slot queues, heartbeats, limits;
//! - [`follower`]: the client, latest state wins;
//! - [`room`]: the room's answers per stop, the distribution at the
//!   reveal, the end summary (also as Markdown for the referral export);
//! - [`socket`]: where the socket lives and its permissions;
//! - [`code`]: the join code, compared in constant time;
//! - [`wire`]: size-limited line reading and the rate limit;
//! - [`events`]: what the host's status line hears.
//!
//! docs/conference.md has the messages with examples, the limits, the
//! threat model and how to run a conference over SSH.

pub mod code;
pub mod events;
pub mod follower;
pub mod host;
pub mod protocol;
pub mod room;
pub mod socket;
pub mod state;
pub mod wire;

pub use code::{JoinCode, ct_eq};
pub use events::{Cause, Event, FollowerId};
pub use follower::{Ended, Follower, JoinError, StateReceiver};
pub use host::{Host, HostConfig, Waker};
pub use protocol::{FollowerMsg, HostMsg, PROTOCOL_VERSION, Refusal};
pub use state::{AnswerCounts, ChoiceCount, Distribution, RoomSummary, StopSummary};
pub use state::{Choice, ConferenceState, Reveal, ScoreLine, StateError, StepView, StopView, WhatIf};

use std::time::Duration;

/// The environment variable `pathwise join` takes the code from (a command
/// line is visible to every user in `ps`; an environment is not).
pub const JOIN_CODE_ENV: &str = "PATHWISE_JOIN_CODE";

/// The longest line a host sends (a state); a follower refuses longer.
/// The largest state of any sample is about 17 KB.
pub const MAX_HOST_MESSAGE: usize = 4 * 1024 * 1024;

/// The most characters of a follower's name the host keeps.
pub const MAX_NAME_CHARS: usize = 32;

/// What the host allows its followers. The defaults are the documented
/// limits; tests shorten the times.
#[derive(Debug, Clone)]
pub struct Limits {
    /// Followers at once; the next is refused ("the conference is full").
    pub max_followers: usize,
    /// Connections still saying hello at once; more are refused at once.
    pub max_pending: usize,
    /// The longest line a follower may send (its newline not counted).
    pub max_follower_message: usize,
    /// Messages a second a follower may send, sustained...
    pub messages_per_second: u32,
    /// ...and at once.
    pub burst: u32,
    /// How often the host pings each follower (and expects a pong).
    pub heartbeat: Duration,
    /// A follower heard from not at all for this long is dropped.
    pub silence: Duration,
    /// A write to a follower that takes longer drops it: it stopped
    /// reading.
    pub write_timeout: Duration,
    /// How long a connection may take to say hello.
    pub hello_timeout: Duration,
}

impl Default for Limits {
    fn default() -> Limits {
        Limits {
            max_followers: 256,
            max_pending: 32,
            max_follower_message: 64 * 1024,
            messages_per_second: 50,
            burst: 100,
            heartbeat: Duration::from_secs(2),
            silence: Duration::from_secs(8),
            write_timeout: Duration::from_secs(4),
            hello_timeout: Duration::from_secs(5),
        }
    }
}
