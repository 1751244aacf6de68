//! The messages: newline-delimited JSON, one object a line, its `type`
//! first. docs/conference.md shows each with an example.
//!
//! A follower says `hello` (protocol version, join code, a display name),
//! then only `answer`, `pong` and `bye`. The host says `welcome` or
//! `refused`, then `state`, `tally`, `answered`, `not-counted`, `ping` and
//! `bye`. Both sides refuse a line that is not one of these (garbage), and
//! the versions must match exactly: there is one pathwise on the host,
//! and followers run it.

use super::state::ConferenceState;
use serde::{Deserialize, Serialize};

/// The version of this protocol; a hello with another is refused.
pub const PROTOCOL_VERSION: u32 = 1;

/// What a follower sends.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "kebab-case", deny_unknown_fields)]
pub enum FollowerMsg {
    /// The first line: who asks to join, and with which code.
    Hello { protocol: u32, code: String, name: String },
    /// An answer to the open stop: an index into its choices.
    Answer { stop: u32, choice: usize },
    /// The reply to the host's `ping`.
    Pong,
    /// Leaving on purpose.
    Bye,
}

/// What the host sends.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "kebab-case", deny_unknown_fields)]
pub enum HostMsg {
    /// The hello was accepted.
    Welcome {
        protocol: u32,
        /// This follower's number in the host's events.
        follower: u64,
        /// How often the host pings; a follower may call the host gone
        /// after a few silent intervals.
        heartbeat_ms: u64,
        /// The longest line the host accepts from a follower.
        max_message_bytes: usize,
    },
    /// The hello was refused; the host closes the connection after it.
    Refused { reason: Refusal, message: String },
    /// What the host's console shows, de-identified. `seq` grows with
    /// every state; a follower shows the newest.
    State { seq: u64, state: Box<ConferenceState> },
    /// How many have answered the open stop (not what), between states.
    Tally { stop: u32, answered: usize },
    /// This follower's answer was counted (it replaces an earlier one to
    /// the same stop).
    Answered { stop: u32, choice: usize },
    /// This follower's answer was not counted, and why.
    NotCounted { stop: u32, reason: String },
    /// A heartbeat: answer with `pong`.
    Ping,
    /// The host closes the connection, and why.
    Bye { reason: String },
}

/// Why a hello was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Refusal {
    /// Another protocol version.
    Version,
    /// Not this conference's join code.
    WrongCode,
    /// Already as many followers as the host allows.
    Full,
    /// Too many connections are saying hello at once.
    Busy,
    /// The first line was not a hello, or not JSON.
    NotHello,
    /// No hello arrived in time.
    NoHello,
    /// The host is ending the conference.
    Closing,
}

impl Refusal {
    /// A few words for the host's status line.
    pub fn words(self) -> &'static str {
        match self {
            Refusal::Version => "another protocol version",
            Refusal::WrongCode => "wrong join code",
            Refusal::Full => "the conference is full",
            Refusal::Busy => "too many joining at once",
            Refusal::NotHello => "did not say hello",
            Refusal::NoHello => "no hello in time",
            Refusal::Closing => "the conference is ending",
        }
    }
}

/// The message for a follower on another protocol version.
pub fn version_message(theirs: Option<u32>) -> String {
    let theirs = theirs.map_or("no protocol version".to_string(), |v| format!("protocol {v}"));
    format!(
        "this conference speaks protocol {PROTOCOL_VERSION} (pathwise {}) and your pathwise sent {theirs}: \
         join with the same pathwise as the host (run `pathwise join` on the host's machine)",
        env!("CARGO_PKG_VERSION")
    )
}

/// Just enough of a first line to tell a hello of another version from
/// garbage: every other field may be anything.
#[derive(Debug, Deserialize)]
pub(crate) struct HelloProbe {
    #[serde(rename = "type")]
    pub kind: String,
    pub protocol: Option<u32>,
}

/// A state as the host writes it, borrowing the state.
#[derive(Serialize)]
pub(crate) struct StateOut<'a> {
    #[serde(rename = "type")]
    pub kind: &'static str,
    pub seq: u64,
    pub state: &'a ConferenceState,
}

/// One message as a line: its JSON and a newline.
pub fn line<T: Serialize>(msg: &T) -> Vec<u8> {
    // serialising these types cannot fail: no maps with non-string keys,
    // no custom serialisers that error
    let mut out = serde_json::to_vec(msg).unwrap_or_default();
    out.push(b'\n');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn follower_messages_round_trip_and_look_as_documented() {
        let cases = [
            (
                FollowerMsg::Hello {
                    protocol: 1,
                    code: "00ff".into(),
                    name: "Ana".into(),
                },
                r#"{"type":"hello","protocol":1,"code":"00ff","name":"Ana"}"#,
            ),
            (
                FollowerMsg::Answer { stop: 3, choice: 2 },
                r#"{"type":"answer","stop":3,"choice":2}"#,
            ),
            (FollowerMsg::Pong, r#"{"type":"pong"}"#),
            (FollowerMsg::Bye, r#"{"type":"bye"}"#),
        ];
        for (msg, json) in cases {
            let l = line(&msg);
            assert_eq!(l.last(), Some(&b'\n'));
            assert_eq!(std::str::from_utf8(&l[..l.len() - 1]).unwrap(), json);
            assert_eq!(serde_json::from_str::<FollowerMsg>(json).unwrap(), msg);
        }
    }

    #[test]
    fn host_messages_round_trip() {
        let cases = [
            HostMsg::Welcome {
                protocol: 1,
                follower: 7,
                heartbeat_ms: 2000,
                max_message_bytes: 65536,
            },
            HostMsg::Refused {
                reason: Refusal::WrongCode,
                message: "wrong join code".into(),
            },
            HostMsg::Tally { stop: 3, answered: 5 },
            HostMsg::Answered { stop: 3, choice: 1 },
            HostMsg::NotCounted {
                stop: 2,
                reason: "revealed".into(),
            },
            HostMsg::Ping,
            HostMsg::Bye { reason: "ended".into() },
        ];
        for msg in cases {
            let l = line(&msg);
            let back: HostMsg = serde_json::from_slice(&l[..l.len() - 1]).unwrap();
            assert_eq!(back, msg);
        }
        let refused = line(&HostMsg::Refused {
            reason: Refusal::WrongCode,
            message: "m".into(),
        });
        assert_eq!(
            String::from_utf8(refused).unwrap(),
            "{\"type\":\"refused\",\"reason\":\"wrong-code\",\"message\":\"m\"}\n"
        );
    }

    #[test]
    fn strangers_are_not_messages() {
        for bad in [
            r#"{"type":"answer","stop":1,"choice":0,"extra":true}"#,
            r#"{"type":"publish","state":{}}"#,
            r#"{"type":"answer","stop":-1,"choice":0}"#,
            r#"{"type":"answer","stop":1,"choice":"injection"}"#,
            r#"{"stop":1,"choice":0}"#,
            "[1,2,3]",
            "\u{0}\u{1}garbage",
            "",
        ] {
            assert!(serde_json::from_str::<FollowerMsg>(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn a_hello_of_another_version_is_told_from_garbage() {
        let probe: HelloProbe =
            serde_json::from_str(r#"{"type":"hello","protocol":2,"code":"x","name":"y","colour":"blue"}"#).unwrap();
        assert_eq!(probe.kind, "hello");
        assert_eq!(probe.protocol, Some(2));
        let m = version_message(Some(2));
        assert!(m.contains("protocol 1") && m.contains("protocol 2"), "{m}");
        assert!(serde_json::from_str::<HelloProbe>("garbage").is_err());
    }
}
