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
use super::protocol::{self, FollowerMsg, HelloProbe, HostMsg, PROTOCOL_VERSION, Refusal, StateOut};
use super::room::{AnswerCounts, Room, RoomSummary};
use super::socket::{self, Bound, shell_word};
use super::state::{ConferenceState, StateError};
use super::wire::{LineError, LineReader, RateLimit, millis};
use super::{JOIN_CODE_ENV, Limits, MAX_HOST_MESSAGE, MAX_NAME_CHARS};
use std::collections::HashMap;
use std::io::{self, Write};
use std::net::Shutdown;
use std::os::unix::net::{UnixListener, UnixStream};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicU64, AtomicUsize, Ordering};
use std::sync::mpsc::{Receiver, SyncSender, TrySendError, sync_channel};
use std::sync::{Arc, Condvar, Mutex, MutexGuard, PoisonError};
use std::thread::{self, JoinHandle};
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

/// Says no to a connection without a thread for it: one short line on a
/// fresh socket (its buffer is empty, so this never waits), then close.
fn refuse_now(stream: &UnixStream, why: Refusal, message: &str) {
    let _ = stream.set_nonblocking(true);
    let _ = (&*stream).write_all(&protocol::line(&HostMsg::Refused {
        reason: why,
        message: message.to_string(),
    }));
    let _ = stream.shutdown(Shutdown::Both);
}

fn accept_loop(listener: UnixListener, s: Arc<Shared>) {
    for conn in listener.incoming() {
        if s.closing.load(Ordering::SeqCst) {
            break;
        }
        let stream = match conn {
            Ok(stream) => stream,
            Err(e) => {
                // out of file descriptors, say: wait rather than spin
                s.emit(Event::AcceptFailed(e.to_string()));
                thread::sleep(Duration::from_millis(100));
                continue;
            }
        };
        if s.pending.load(Ordering::SeqCst) >= s.limits.max_pending {
            refuse_now(
                &stream,
                Refusal::Busy,
                "too many are joining at once: try again in a moment",
            );
            s.emit(Event::Refused {
                name: None,
                why: Refusal::Busy,
            });
            continue;
        }
        let id = s.next_id.fetch_add(1, Ordering::SeqCst);
        let Ok(clone) = stream.try_clone() else {
            refuse_now(&stream, Refusal::Busy, "the host is out of resources");
            continue;
        };
        s.pending.fetch_add(1, Ordering::SeqCst);
        *lock(&s.live) += 1;
        lock(&s.links).pending.insert(id, clone);
        let s2 = s.clone();
        let spawned = thread::Builder::new()
            .name(format!("pw-host-r{id}"))
            .stack_size(READER_STACK)
            .spawn(move || {
                follower_thread(stream, id, &s2);
                s2.thread_done();
            });
        if spawned.is_err() {
            if let Some(stream) = lock(&s.links).pending.remove(&id) {
                refuse_now(&stream, Refusal::Busy, "the host is out of resources");
            }
            s.pending.fetch_sub(1, Ordering::SeqCst);
            s.thread_done();
        }
    }
}

/// A follower's name as the host's status line shows it: sanitised, at
/// most [`MAX_NAME_CHARS`], "follower N" when empty.
fn display_name(name: &str, id: FollowerId) -> String {
    let clean: String = crate::text::inline(name.trim()).chars().take(MAX_NAME_CHARS).collect();
    if clean.trim().is_empty() {
        format!("follower {id}")
    } else {
        clean
    }
}

/// The hello, checked: the follower's name, or why it is refused.
fn hello(line: &[u8], s: &Shared) -> Result<String, (Refusal, String, Option<String>)> {
    let not_hello = || {
        (
            Refusal::NotHello,
            "the first message must be a hello: join with `pathwise join`".to_string(),
            None,
        )
    };
    let probe: HelloProbe = serde_json::from_slice(line).map_err(|_| not_hello())?;
    if probe.kind != "hello" {
        return Err(not_hello());
    }
    if probe.protocol != Some(PROTOCOL_VERSION) {
        return Err((Refusal::Version, protocol::version_message(probe.protocol), None));
    }
    let Ok(FollowerMsg::Hello { code, name, .. }) = serde_json::from_slice(line) else {
        return Err(not_hello());
    };
    if !s.code.matches(&code) {
        let name = Some(name.chars().take(MAX_NAME_CHARS).collect());
        return Err((
            Refusal::WrongCode,
            "wrong join code: copy it again from the host's screen".to_string(),
            name,
        ));
    }
    Ok(name)
}

fn follower_thread(stream: UnixStream, id: FollowerId, s: &Arc<Shared>) {
    let lim = &s.limits;
    let done_pending = || {
        lock(&s.links).pending.remove(&id);
        s.pending.fetch_sub(1, Ordering::SeqCst);
    };
    let _ = stream.set_read_timeout(Some(lim.hello_timeout));
    let _ = stream.set_write_timeout(Some(lim.write_timeout));
    let Ok(read_half) = stream.try_clone() else {
        done_pending();
        return;
    };
    let mut reader = LineReader::new(read_half, lim.max_follower_message);
    let first = match reader.read_line() {
        Ok(line) => hello(line, s),
        Err(LineError::TimedOut) => Err((
            Refusal::NoHello,
            format!("no hello within {} s", lim.hello_timeout.as_secs()),
            None,
        )),
        Err(LineError::TooLong { .. }) => Err((Refusal::NotHello, "the hello is too long".to_string(), None)),
        Err(LineError::Closed | LineError::Io(_)) => Err((Refusal::NotHello, String::new(), None)),
    };
    let name = match first {
        Ok(name) => display_name(&name, id),
        Err((why, message, name)) => {
            done_pending();
            if !message.is_empty() {
                let _ = (&stream).write_all(&protocol::line(&HostMsg::Refused { reason: why, message }));
            }
            let _ = stream.shutdown(Shutdown::Both);
            s.emit(Event::Refused {
                name: name.map(|n| display_name(&n, id)),
                why,
            });
            return;
        }
    };
    // join: under the room's lock, so no state is published between
    // taking the newest and being in the list for the next
    let link = Arc::new(Link::new());
    let joined = {
        let r = lock(&s.room);
        let mut links = lock(&s.links);
        links.pending.remove(&id);
        s.pending.fetch_sub(1, Ordering::SeqCst);
        if s.closing.load(Ordering::SeqCst) {
            Err((Refusal::Closing, "the conference is ending".to_string()))
        } else if links.joined.len() >= lim.max_followers {
            Err((
                Refusal::Full,
                format!(
                    "the conference is full ({} followers): ask the host to make room",
                    lim.max_followers
                ),
            ))
        } else {
            if let Some((v, bytes)) = &r.latest {
                link.put_state(*v, bytes.clone());
            }
            links.joined.insert(id, link.clone());
            Ok(links.joined.len())
        }
    };
    let followers = match joined {
        Ok(n) => n,
        Err((why, message)) => {
            let _ = (&stream).write_all(&protocol::line(&HostMsg::Refused { reason: why, message }));
            let _ = stream.shutdown(Shutdown::Both);
            s.emit(Event::Refused { name: Some(name), why });
            return;
        }
    };
    let welcome = protocol::line(&HostMsg::Welcome {
        protocol: PROTOCOL_VERSION,
        follower: id,
        heartbeat_ms: millis(lim.heartbeat),
        max_message_bytes: lim.max_follower_message,
    });
    let writer = match (&stream).write_all(&welcome).and_then(|()| stream.try_clone()) {
        Ok(w) => {
            let link = link.clone();
            let heartbeat = lim.heartbeat;
            let write_timeout = lim.write_timeout;
            thread::Builder::new()
                .name(format!("pw-host-w{id}"))
                .stack_size(WRITER_STACK)
                .spawn(move || writer_loop(w, &link, heartbeat, write_timeout))
                .ok()
        }
        Err(_) => None,
    };
    let cause = if writer.is_some() {
        s.emit(Event::Joined {
            follower: id,
            name: name.clone(),
            followers,
        });
        let _ = stream.set_read_timeout(Some(lim.silence));
        read_loop(&mut reader, id, &name, &link, s)
    } else {
        Some(Cause::Lost("could not start its writer".to_string()))
    };
    // the writer's failure, if it came first, explains the reader's end
    let failed = lock(&link.outbox).failed.take();
    let cause = match (cause, failed) {
        (Some(Cause::Vanished | Cause::Lost(_)), Some(f)) => Some(f),
        (c, _) => c,
    };
    // leave: out of the list first, so no more states are queued
    let followers = {
        let mut links = lock(&s.links);
        links.joined.remove(&id);
        links.joined.len()
    };
    let ended = s.closing.load(Ordering::SeqCst);
    link.with(|o| {
        if let Some(c) = cause.as_ref().filter(|c| !ended && c.is_for_cause()) {
            o.bye = Some(protocol::line(&HostMsg::Bye { reason: c.reason() }));
        }
        o.closed = true;
    });
    if let Some(w) = writer {
        let _ = w.join();
    }
    let _ = stream.shutdown(Shutdown::Both);
    let event = match cause {
        None => Event::Left {
            follower: id,
            name,
            followers,
        },
        Some(c) => Event::Disconnected {
            follower: id,
            name,
            cause: if ended { Cause::HostEnded } else { c },
            followers,
        },
    };
    s.emit(event);
}

impl Cause {
    /// Causes the follower is told about in a goodbye.
    fn is_for_cause(&self) -> bool {
        matches!(
            self,
            Cause::Garbage | Cause::Oversized { .. } | Cause::Flooding { .. } | Cause::Silent { .. }
        )
    }
}

/// Reads a joined follower's messages until it leaves (`None`) or is
/// dropped (the cause).
fn read_loop(
    reader: &mut LineReader<UnixStream>,
    id: FollowerId,
    name: &str,
    link: &Link,
    s: &Shared,
) -> Option<Cause> {
    let lim = &s.limits;
    let mut rate = RateLimit::new(lim.messages_per_second, lim.burst);
    loop {
        let line = match reader.read_line() {
            Ok(line) => line,
            Err(LineError::TimedOut) => return Some(Cause::Silent { after: lim.silence }),
            Err(LineError::TooLong { limit }) => return Some(Cause::Oversized { limit }),
            Err(LineError::Closed) => return Some(Cause::Vanished),
            Err(LineError::Io(e)) => return Some(Cause::Lost(e.kind().to_string())),
        };
        if !rate.allow(Instant::now()) {
            return Some(Cause::Flooding {
                per_second: lim.messages_per_second,
            });
        }
        match serde_json::from_slice::<FollowerMsg>(line) {
            Ok(FollowerMsg::Pong) => {}
            Ok(FollowerMsg::Bye) => return None,
            Ok(FollowerMsg::Answer { stop, choice }) => answer(id, name, stop, choice, link, s),
            Ok(FollowerMsg::Hello { .. }) | Err(_) => return Some(Cause::Garbage),
        }
    }
}

/// Counts an answer (the only thing a follower can change), tells the
/// room how many have answered and the follower what was counted.
fn answer(id: FollowerId, name: &str, stop: u32, choice: usize, link: &Link, s: &Shared) {
    let mut r = lock(&s.room);
    match r.room.answer(id, stop, choice) {
        Ok(counted) => {
            r.version += 1;
            let version = r.version;
            let tally: Arc<[u8]> = protocol::line(&HostMsg::Tally {
                stop,
                answered: counted.answered,
            })
            .into();
            for l in lock(&s.links).joined.values() {
                l.with(|o| o.tally = Some((version, tally.clone())));
            }
            drop(r);
            link.with(|o| o.reply = Some(protocol::line(&HostMsg::Answered { stop, choice })));
            s.emit(Event::Answered {
                follower: id,
                name: name.to_string(),
                stop,
                choice,
                replaced: counted.replaced,
            });
        }
        Err(why) => {
            drop(r);
            let reply = protocol::line(&HostMsg::NotCounted {
                stop,
                reason: why.to_string(),
            });
            link.with(|o| o.reply = Some(reply));
        }
    }
}

/// What a writer takes out of its slot in one go.
#[derive(Default)]
struct Batch {
    state: Option<Arc<[u8]>>,
    tally: Option<Arc<[u8]>>,
    reply: Option<Vec<u8>>,
    ping: bool,
    bye: Option<Vec<u8>>,
}

/// Writes all of `bytes` by `deadline`: a follower that takes a byte now
/// and then cannot hold a writer longer than the write timeout.
fn write_by(stream: &mut UnixStream, mut bytes: &[u8], deadline: Instant) -> io::Result<()> {
    while !bytes.is_empty() {
        let left = deadline.saturating_duration_since(Instant::now());
        if left.is_zero() {
            return Err(io::ErrorKind::TimedOut.into());
        }
        stream.set_write_timeout(Some(left))?;
        match stream.write(bytes) {
            Ok(0) => return Err(io::ErrorKind::WriteZero.into()),
            Ok(n) => bytes = &bytes[n..],
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    Ok(())
}

fn writer_loop(mut stream: UnixStream, link: &Link, heartbeat: Duration, write_timeout: Duration) {
    let ping = protocol::line(&HostMsg::Ping);
    let mut next_ping = Instant::now() + heartbeat;
    loop {
        let batch = {
            let mut o = lock(&link.outbox);
            loop {
                if let Some(bye) = o.bye.take() {
                    break Batch {
                        bye: Some(bye),
                        ..Batch::default()
                    };
                }
                if o.closed {
                    return;
                }
                let now = Instant::now();
                // pings keep their pace however busy the follower is: its
                // pongs are how the reader knows it is there
                let ping = now >= next_ping;
                if ping || o.state.is_some() || o.tally.is_some() || o.reply.is_some() {
                    let state = o.state.take();
                    let state_version = state.as_ref().map_or(0, |s| s.0);
                    let tally = o.tally.take().filter(|t| t.0 > state_version);
                    break Batch {
                        state: state.map(|s| s.1),
                        tally: tally.map(|t| t.1),
                        reply: o.reply.take(),
                        ping,
                        bye: None,
                    };
                }
                o = link
                    .cv
                    .wait_timeout(o, next_ping - now)
                    .unwrap_or_else(PoisonError::into_inner)
                    .0;
            }
        };
        if batch.ping {
            next_ping = Instant::now() + heartbeat;
        }
        let parts = [
            batch.state.as_deref(),
            batch.tally.as_deref(),
            batch.reply.as_deref(),
            batch.ping.then_some(ping.as_slice()),
            batch.bye.as_deref(),
        ];
        let deadline = Instant::now() + write_timeout;
        for part in parts.into_iter().flatten() {
            if let Err(e) = write_by(&mut stream, part, deadline) {
                let cause = match e.kind() {
                    io::ErrorKind::WouldBlock | io::ErrorKind::TimedOut => {
                        Cause::StoppedReading { after: write_timeout }
                    }
                    io::ErrorKind::BrokenPipe | io::ErrorKind::ConnectionReset => Cause::Vanished,
                    k => Cause::Lost(k.to_string()),
                };
                lock(&link.outbox).failed = Some(cause);
                // wakes the reader, which reports it
                let _ = stream.shutdown(Shutdown::Both);
                return;
            }
        }
        if batch.bye.is_some() {
            let _ = stream.shutdown(Shutdown::Both);
            return;
        }
    }
}
