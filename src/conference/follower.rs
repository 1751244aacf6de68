//! A follower: connects to the host's socket, says hello, and keeps the
//! newest state the host sent (latest wins: a follower that draws slowly
//! skips states, it never queues them). One reader thread takes every line
//! the host writes and answers its heartbeats; answers are written from
//! the caller's thread. It needs no case library: everything it shows is
//! in the state.

use super::events::FollowerId;
use super::protocol::{self, FollowerMsg, HostMsg, PROTOCOL_VERSION, Refusal};
use super::state::ConferenceState;
use super::wire::{LineError, LineReader};
use super::{MAX_HOST_MESSAGE, MAX_NAME_CHARS};
use std::collections::HashMap;
use std::fmt;
use std::io::{self, Write};
use std::net::Shutdown;
use std::os::unix::net::UnixStream;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Condvar, Mutex, MutexGuard, PoisonError};
use std::thread::{self, JoinHandle};
use std::time::{Duration, Instant};

/// How long a follower waits for the host's answer to its hello, and for
/// a write to the host.
pub const JOIN_TIMEOUT: Duration = Duration::from_secs(10);

/// Heartbeats a follower may miss before it calls the host gone.
pub const MISSED_HEARTBEATS: u32 = 4;

/// Why joining failed.
#[derive(Debug)]
pub enum JoinError {
    /// No host answers at the socket.
    Unreachable {
        socket: PathBuf,
        error: io::Error,
    },
    /// The host said no (wrong code, another version, full).
    Refused {
        why: Refusal,
        message: String,
    },
    /// The host's answer was not this protocol.
    Protocol(String),
    Io(io::Error),
}

impl fmt::Display for JoinError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            JoinError::Unreachable { socket, error } => write!(
                f,
                "no conference at {}: {error} (is the host running, and may you reach its socket?)",
                crate::text::inline(&socket.to_string_lossy())
            ),
            JoinError::Refused { message, .. } => write!(f, "the host refused: {}", crate::text::inline(message)),
            JoinError::Protocol(m) => write!(f, "the host's answer was not understood: {m}"),
            JoinError::Io(e) => write!(f, "{e}"),
        }
    }
}

impl std::error::Error for JoinError {}

/// Why a follower stopped following.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Ended {
    /// The host said goodbye (it ended the conference, or dropped this
    /// follower), and why.
    Bye(String),
    /// Nothing from the host for this long.
    HostSilent(Duration),
    /// The connection closed or broke.
    Lost(String),
    /// This follower left.
    Left,
}

impl fmt::Display for Ended {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Ended::Bye(reason) => write!(f, "the host closed the connection: {}", crate::text::inline(reason)),
            Ended::HostSilent(d) => write!(f, "the host has been silent for {} s", d.as_secs()),
            Ended::Lost(why) => write!(f, "connection lost: {why}"),
            Ended::Left => f.write_str("left the conference"),
        }
    }
}

#[derive(Default)]
struct Inner {
    state: Option<Arc<ConferenceState>>,
    seq: u64,
    /// Grows with every change a receiver should see (state or tally).
    version: u64,
    /// This follower's answers the host counted, by stop.
    answers: HashMap<u32, usize>,
    /// Why the last answer was not counted.
    not_counted: Option<(u32, String)>,
    ended: Option<Ended>,
}

struct Shared {
    inner: Mutex<Inner>,
    cv: Condvar,
}

fn lock(s: &Shared) -> MutexGuard<'_, Inner> {
    s.inner.lock().unwrap_or_else(PoisonError::into_inner)
}

/// The newest state, for one consumer (clone it for another).
#[derive(Clone)]
pub struct StateReceiver {
    shared: Arc<Shared>,
    seen: u64,
}

/// One answer from the receiver.
pub type Received = Result<Arc<ConferenceState>, Ended>;

impl StateReceiver {
    /// Waits for a state newer than the last this receiver returned.
    /// After the connection ends, returns why (a state still unseen is
    /// returned first).
    pub fn recv(&mut self) -> Received {
        loop {
            if let Some(r) = self.recv_timeout(Duration::from_secs(3600)) {
                return r;
            }
        }
    }

    /// As [`StateReceiver::recv`], waiting at most `timeout` (`None`: no
    /// newer state in time).
    pub fn recv_timeout(&mut self, timeout: Duration) -> Option<Received> {
        let deadline = Instant::now() + timeout;
        let mut g = lock(&self.shared);
        loop {
            if g.version > self.seen {
                if let Some(s) = &g.state {
                    self.seen = g.version;
                    return Some(Ok(s.clone()));
                }
            }
            if let Some(e) = &g.ended {
                return Some(Err(e.clone()));
            }
            let left = deadline.saturating_duration_since(Instant::now());
            if left.is_zero() {
                return None;
            }
            g = self
                .shared
                .cv
                .wait_timeout(g, left)
                .unwrap_or_else(PoisonError::into_inner)
                .0;
        }
    }

    /// The newest state, seen or not, without waiting.
    pub fn latest(&self) -> Option<Arc<ConferenceState>> {
        lock(&self.shared).state.clone()
    }

    /// The `seq` of the newest state.
    pub fn seq(&self) -> u64 {
        lock(&self.shared).seq
    }
}

/// A connection to a host.
pub struct Follower {
    shared: Arc<Shared>,
    writer: Arc<Mutex<UnixStream>>,
    reader: Option<JoinHandle<()>>,
    id: FollowerId,
}

fn write_line(w: &Mutex<UnixStream>, msg: &FollowerMsg) -> io::Result<()> {
    let mut s = w.lock().unwrap_or_else(PoisonError::into_inner);
    s.write_all(&protocol::line(msg))
}

impl Follower {
    /// Joins the conference at `socket` with its code, under `name` (what
    /// the host's status line shows; at most 32 characters are kept).
    pub fn connect(socket: &Path, code: &str, name: &str) -> Result<Follower, JoinError> {
        let stream = UnixStream::connect(socket).map_err(|error| JoinError::Unreachable {
            socket: socket.to_path_buf(),
            error,
        })?;
        stream.set_write_timeout(Some(JOIN_TIMEOUT)).map_err(JoinError::Io)?;
        stream.set_read_timeout(Some(JOIN_TIMEOUT)).map_err(JoinError::Io)?;
        let hello = FollowerMsg::Hello {
            protocol: PROTOCOL_VERSION,
            code: code.trim().to_string(),
            name: name.chars().take(MAX_NAME_CHARS).collect(),
        };
        let mut reader = LineReader::new(stream.try_clone().map_err(JoinError::Io)?, MAX_HOST_MESSAGE);
        (&stream).write_all(&protocol::line(&hello)).map_err(JoinError::Io)?;
        let first = match reader.read_line() {
            Ok(line) => serde_json::from_slice::<HostMsg>(line).map_err(|e| JoinError::Protocol(e.to_string()))?,
            Err(LineError::TimedOut) => return Err(JoinError::Protocol("no answer to the hello".into())),
            Err(LineError::Closed) => return Err(JoinError::Protocol("the host closed the connection".into())),
            Err(LineError::TooLong { .. }) => return Err(JoinError::Protocol("an answer too long".into())),
            Err(LineError::Io(e)) => return Err(JoinError::Io(e)),
        };
        let (id, heartbeat) = match first {
            HostMsg::Welcome {
                protocol: PROTOCOL_VERSION,
                follower,
                heartbeat_ms,
                ..
            } => (follower, Duration::from_millis(heartbeat_ms.max(1))),
            HostMsg::Refused { reason, message } => return Err(JoinError::Refused { why: reason, message }),
            other => return Err(JoinError::Protocol(format!("expected a welcome, got {other:?}"))),
        };
        let silence = heartbeat * MISSED_HEARTBEATS;
        stream.set_read_timeout(Some(silence)).map_err(JoinError::Io)?;
        let shared = Arc::new(Shared {
            inner: Mutex::new(Inner::default()),
            cv: Condvar::new(),
        });
        let writer = Arc::new(Mutex::new(stream));
        let (s, w) = (shared.clone(), writer.clone());
        let reader = thread::Builder::new()
            .name(format!("pw-join-{id}"))
            .spawn(move || {
                let ended = read_loop(&mut reader, &s, &w, silence);
                let mut g = lock(&s);
                g.ended.get_or_insert(ended);
                drop(g);
                s.cv.notify_all();
            })
            .map_err(JoinError::Io)?;
        Ok(Follower {
            shared,
            writer,
            reader: Some(reader),
            id,
        })
    }

    /// This follower's number in the host's events.
    pub fn id(&self) -> FollowerId {
        self.id
    }

    /// A receiver of the newest state.
    pub fn states(&self) -> StateReceiver {
        StateReceiver {
            shared: self.shared.clone(),
            seen: 0,
        }
    }

    /// Answers the open stop `stop` with the choice at `choice` (an index
    /// into its choices). The host counts one answer per follower and
    /// stop; a later one replaces it until the reveal.
    pub fn answer(&self, stop: u32, choice: usize) -> io::Result<()> {
        write_line(&self.writer, &FollowerMsg::Answer { stop, choice })
    }

    /// The answer the host counted for `stop`, once it said so.
    pub fn counted(&self, stop: u32) -> Option<usize> {
        lock(&self.shared).answers.get(&stop).copied()
    }

    /// Why the host did not count the last answer (stop, reason).
    pub fn not_counted(&self) -> Option<(u32, String)> {
        lock(&self.shared).not_counted.clone()
    }

    /// Why following ended, once it has.
    pub fn ended(&self) -> Option<Ended> {
        lock(&self.shared).ended.clone()
    }

    /// Says goodbye and closes.
    pub fn leave(mut self) {
        self.close();
    }

    fn close(&mut self) {
        let Some(reader) = self.reader.take() else { return };
        lock(&self.shared).ended.get_or_insert(Ended::Left);
        let _ = write_line(&self.writer, &FollowerMsg::Bye);
        if let Ok(s) = self.writer.lock() {
            let _ = s.shutdown(Shutdown::Both);
        }
        let _ = reader.join();
        self.shared.cv.notify_all();
    }
}

impl Drop for Follower {
    fn drop(&mut self) {
        self.close();
    }
}

fn read_loop(reader: &mut LineReader<UnixStream>, s: &Shared, writer: &Mutex<UnixStream>, silence: Duration) -> Ended {
    loop {
        let line = match reader.read_line() {
            Ok(line) => line,
            Err(LineError::TimedOut) => return Ended::HostSilent(silence),
            Err(LineError::Closed) => return Ended::Lost("the host closed the connection".into()),
            Err(LineError::TooLong { limit }) => {
                return Ended::Lost(format!("the host sent a message over {limit} bytes"));
            }
            Err(LineError::Io(e)) => return Ended::Lost(e.to_string()),
        };
        let msg = match serde_json::from_slice::<HostMsg>(line) {
            Ok(m) => m,
            Err(e) => return Ended::Lost(format!("the host sent something else than a message: {e}")),
        };
        let mut g = lock(s);
        match msg {
            HostMsg::State { seq, state } => {
                if seq > g.seq {
                    g.seq = seq;
                    g.state = Some(Arc::new(*state));
                    g.version += 1;
                }
            }
            HostMsg::Tally { stop, answered } => {
                let current = g
                    .state
                    .as_ref()
                    .and_then(|st| st.stop().map(|sv| (sv.id(), sv.answered())));
                if current.is_some_and(|(id, n)| id == stop && n != answered) {
                    if let Some(st) = g.state.as_mut() {
                        Arc::make_mut(st).set_answered(stop, answered);
                        g.version += 1;
                    }
                }
            }
            HostMsg::Answered { stop, choice } => {
                g.answers.insert(stop, choice);
            }
            HostMsg::NotCounted { stop, reason } => g.not_counted = Some((stop, reason)),
            HostMsg::Ping => {
                drop(g);
                if let Err(e) = write_line(writer, &FollowerMsg::Pong) {
                    return Ended::Lost(e.to_string());
                }
                continue;
            }
            HostMsg::Bye { reason } => return Ended::Bye(reason),
            HostMsg::Welcome { .. } | HostMsg::Refused { .. } => {
                return Ended::Lost("the host repeated its greeting".into());
            }
        }
        drop(g);
        s.cv.notify_all();
    }
}
