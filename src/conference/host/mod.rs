//! The host: a listener thread, and for every follower a reader thread
//! (its hello, then its answers and heartbeats) and a writer thread (the
//! states, one slot deep, and the heartbeats). The console's thread only
//! serialises a state once and drops it into every follower's slot, so
//! `publish` never waits for a socket; every socket write happens on the
//! follower's own threads, with a write timeout. Idle, every thread is
//! blocked: on `accept`, on a read, or on its slot's condition variable
//! until the next heartbeat.

use super::code::JoinCode;
use super::events::{Cause, Event, FollowerId};
use super::protocol::{self, HostMsg, StateOut};
use super::room::Room;
use super::socket::{self, Bound, shell_word};
use super::state::{AnswerCounts, RoomSummary};
use super::state::{ConferenceState, StateError};
use super::{JOIN_CODE_ENV, Limits, MAX_HOST_MESSAGE};
use std::collections::HashMap;
use std::io;
use std::net::Shutdown;
use std::os::unix::net::UnixStream;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicU64, AtomicUsize, Ordering};
use std::sync::mpsc::{Receiver, SyncSender, TrySendError, sync_channel};
use std::sync::{Arc, Condvar, Mutex, MutexGuard, PoisonError};
use std::thread::{self, JoinHandle};

mod follower;
mod writer;

use follower::accept_loop;
use std::time::{Duration, Instant};

/// Called after every event is queued: the console's way to wake up
/// (e.g. a closure that sends a message on its runtime's channel). It runs
/// on the host's threads and must not block.
pub type Waker = Arc<dyn Fn() + Send + Sync>;

/// How many events wait for the console before newer ones are dropped
/// (counted in [`Host::dropped_events`]).
pub const EVENT_QUEUE: usize = 1024;

const READER_STACK: usize = 256 * 1024;
const WRITER_STACK: usize = 128 * 1024;

/// How to start a host.
#[derive(Clone, Default)]
pub struct HostConfig {
    /// `--socket PATH`; `None`: the private default folder.
    pub socket: Option<PathBuf>,
    /// `--group NAME`: the socket becomes 0660 and this group's.
    pub group: Option<String>,
    pub limits: Limits,
    pub wake: Option<Waker>,
}

/// A running conference host. Dropping it ends the conference (as
/// [`Host::stop`]).
pub struct Host {
    shared: Arc<Shared>,
    events: Receiver<Event>,
    accept: Option<JoinHandle<()>>,
    /// Disconnects when the listener thread ends.
    accept_done: Receiver<()>,
    bound: Bound,
    join_command: String,
}

/// Locks, shrugging off a poisoned lock: every critical section here
/// leaves its data consistent at each step, and a panicking follower
/// thread must not take the host down.
fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(PoisonError::into_inner)
}

struct Shared {
    limits: Limits,
    code: JoinCode,
    /// The room, the newest state and the counters that order states and
    /// tallies. Lock order: `room`, then `links`.
    room: Mutex<RoomState>,
    links: Mutex<Links>,
    events: SyncSender<Event>,
    dropped_events: AtomicU64,
    wake: Option<Waker>,
    closing: AtomicBool,
    next_id: AtomicU64,
    /// Connection threads still running, for `stop` to wait on.
    live: Mutex<usize>,
    live_cv: Condvar,
    pending: AtomicUsize,
}

#[derive(Default)]
struct RoomState {
    room: Room,
    seq: u64,
    /// Grows with every state and every tally: a follower's writer sends
    /// a tally only if it is newer than the state it sends with it.
    version: u64,
    latest: Option<(u64, Arc<[u8]>)>,
}

#[derive(Default)]
struct Links {
    joined: HashMap<FollowerId, Arc<Link>>,
    /// Connections still saying hello, to close them at `stop`.
    pending: HashMap<FollowerId, UnixStream>,
}

/// One follower's slot: what its writer is to send next, newest only.
struct Link {
    outbox: Mutex<Outbox>,
    cv: Condvar,
}

#[derive(Default)]
struct Outbox {
    state: Option<(u64, Arc<[u8]>)>,
    tally: Option<(u64, Arc<[u8]>)>,
    /// The last reply to this follower's answer.
    reply: Option<Vec<u8>>,
    /// Write this goodbye, then close.
    bye: Option<Vec<u8>>,
    /// The reader is done: the writer stops.
    closed: bool,
    /// Set by the writer when a write failed.
    failed: Option<Cause>,
}

impl Link {
    fn new() -> Link {
        Link {
            outbox: Mutex::new(Outbox::default()),
            cv: Condvar::new(),
        }
    }

    fn with<F: FnOnce(&mut Outbox)>(&self, f: F) {
        f(&mut lock(&self.outbox));
        self.cv.notify_one();
    }

    /// Puts a state in the slot without waking the writer
    /// ([`Link::wake`]), so a publish can fill every slot first.
    fn put_state(&self, version: u64, bytes: Arc<[u8]>) {
        let mut o = lock(&self.outbox);
        o.state = Some((version, bytes));
        // a tally older than this state is in it already
        if o.tally.as_ref().is_some_and(|t| t.0 <= version) {
            o.tally = None;
        }
    }

    fn wake(&self) {
        self.cv.notify_one();
    }
}

impl Shared {
    fn emit(&self, e: Event) {
        match self.events.try_send(e) {
            Ok(()) => {
                if let Some(w) = &self.wake {
                    w();
                }
            }
            Err(TrySendError::Full(_)) => {
                self.dropped_events.fetch_add(1, Ordering::Relaxed);
            }
            Err(TrySendError::Disconnected(_)) => {}
        }
    }

    fn followers(&self) -> usize {
        lock(&self.links).joined.len()
    }

    fn thread_done(&self) {
        let mut live = lock(&self.live);
        *live -= 1;
        self.live_cv.notify_all();
    }
}

impl Host {
    /// Binds the socket (see [`socket`](super::socket) for where and with
    /// which mode), makes a join code and starts the listener thread.
    pub fn start(config: HostConfig) -> io::Result<Host> {
        let (listener, bound) = socket::bind(config.socket.as_deref(), config.group.as_deref())?;
        let code = match JoinCode::random() {
            Ok(c) => c,
            Err(e) => {
                bound.remove();
                return Err(e);
            }
        };
        let join_command = format!(
            "{JOIN_CODE_ENV}={code} pathwise join --socket {}",
            shell_word(&bound.path.to_string_lossy())
        );
        let (tx, rx) = sync_channel(EVENT_QUEUE);
        let shared = Arc::new(Shared {
            limits: config.limits,
            code,
            room: Mutex::new(RoomState::default()),
            links: Mutex::new(Links::default()),
            events: tx,
            dropped_events: AtomicU64::new(0),
            wake: config.wake,
            closing: AtomicBool::new(false),
            next_id: AtomicU64::new(1),
            live: Mutex::new(0),
            live_cv: Condvar::new(),
            pending: AtomicUsize::new(0),
        });
        let s = shared.clone();
        let (done_tx, accept_done) = std::sync::mpsc::channel::<()>();
        let accept = thread::Builder::new()
            .name("pw-host-accept".into())
            .stack_size(READER_STACK)
            .spawn(move || {
                accept_loop(listener, s);
                drop(done_tx);
            });
        let accept = match accept {
            Ok(h) => h,
            Err(e) => {
                bound.remove();
                return Err(e);
            }
        };
        Ok(Host {
            shared,
            events: rx,
            accept: Some(accept),
            accept_done,
            bound,
            join_command,
        })
    }

    /// What a participant types to follow: the code goes in an
    /// environment variable, since a command line is visible to every
    /// user in `ps`.
    pub fn join_command(&self) -> &str {
        &self.join_command
    }

    /// The join code alone (32 hex digits).
    pub fn code(&self) -> String {
        self.shared.code.to_string()
    }

    pub fn socket_path(&self) -> &Path {
        &self.bound.path
    }

    /// Sends a state to every follower, and to each that joins later:
    /// checks it ([`ConferenceState::check`]), lets the room fill in its
    /// part (answer count, distribution, summary), serialises it once and
    /// puts it in every follower's one-slot queue, replacing a state not
    /// yet sent. Never waits for a follower. Returns the state's `seq`.
    pub fn publish(&self, mut state: ConferenceState) -> Result<u64, StateError> {
        state.check()?;
        let mut r = lock(&self.shared.room);
        r.room.observe(&mut state);
        let seq = r.seq + 1;
        let bytes = protocol::line(&StateOut {
            kind: "state",
            seq,
            state: &state,
        });
        if bytes.len() > MAX_HOST_MESSAGE {
            return Err(StateError::TooLarge {
                bytes: bytes.len(),
                limit: MAX_HOST_MESSAGE,
            });
        }
        r.seq = seq;
        r.version += 1;
        let bytes: Arc<[u8]> = bytes.into();
        r.latest = Some((r.version, bytes.clone()));
        // fill every slot, then wake the writers, outside the locks: a
        // woken writer that takes a core does not hold up the others' slots
        let links: Vec<Arc<Link>> = lock(&self.shared.links).joined.values().cloned().collect();
        for link in &links {
            link.put_state(r.version, bytes.clone());
        }
        drop(r);
        for link in &links {
            link.wake();
        }
        Ok(seq)
    }

    /// Followers connected now.
    pub fn followers(&self) -> usize {
        self.shared.followers()
    }

    /// Joins, leaves, answers and disconnections, oldest first.
    pub fn events(&self) -> &Receiver<Event> {
        &self.events
    }

    /// Events dropped because the console did not take them (the queue
    /// holds [`EVENT_QUEUE`]).
    pub fn dropped_events(&self) -> u64 {
        self.shared.dropped_events.load(Ordering::Relaxed)
    }

    /// Before the stop's reveal, how many have answered; after, the
    /// distribution. `None` for a stop never published.
    pub fn answer_counts(&self, stop: u32) -> Option<AnswerCounts> {
        lock(&self.shared.room).room.counts(stop)
    }

    /// Agreement with the rules per revealed stop of the current
    /// step-through ([`RoomSummary::markdown_lines`] for the export).
    pub fn room_summary(&self) -> RoomSummary {
        lock(&self.shared.room).room.summary()
    }

    /// Ends the conference: says goodbye to every follower, waits a
    /// little for the goodbyes to be written (at most the write timeout
    /// and a second), and removes the socket.
    pub fn stop(&mut self) {
        let Some(accept) = self.accept.take() else { return };
        let s = &self.shared;
        s.closing.store(true, Ordering::SeqCst);
        // wake the listener out of `accept`; should that fail (someone
        // removed the socket file), leave it blocked rather than hang here
        let _ = UnixStream::connect(&self.bound.path);
        if let Err(std::sync::mpsc::RecvTimeoutError::Disconnected) =
            self.accept_done.recv_timeout(Duration::from_secs(1))
        {
            let _ = accept.join();
        }
        self.bound.remove();
        {
            let links = lock(&s.links);
            let bye = protocol::line(&HostMsg::Bye {
                reason: Cause::HostEnded.reason(),
            });
            for link in links.joined.values() {
                link.with(|o| o.bye = Some(bye.clone()));
            }
            for stream in links.pending.values() {
                let _ = stream.shutdown(Shutdown::Both);
            }
        }
        let deadline = Instant::now() + s.limits.write_timeout + Duration::from_secs(1);
        let mut live = lock(&s.live);
        while *live > 0 {
            let left = deadline.saturating_duration_since(Instant::now());
            if left.is_zero() {
                break;
            }
            live = s
                .live_cv
                .wait_timeout(live, left)
                .unwrap_or_else(PoisonError::into_inner)
                .0;
        }
    }
}

impl Drop for Host {
    fn drop(&mut self) {
        self.stop();
    }
}
