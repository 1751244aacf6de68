//! One follower's connection on the host: accepting it (or refusing it
//! at once when too many are joining), its hello and join code, joining
//! the room, reading its messages (answers, heartbeats) under the limits,
//! and leaving. Its writes happen on its writer thread (`writer.rs`).

use super::writer::writer_loop;
use super::{Link, READER_STACK, Shared, WRITER_STACK, lock};
use crate::conference::events::{Cause, Event, FollowerId};
use crate::conference::protocol::{self, FollowerMsg, HelloProbe, HostMsg, PROTOCOL_VERSION, Refusal};
use crate::conference::wire::{LineError, LineReader, RateLimit, millis};
use crate::conference::{Limits, MAX_NAME_CHARS};
use std::io::Write;
use std::net::Shutdown;
use std::os::unix::net::{UnixListener, UnixStream};
use std::sync::Arc;
use std::sync::atomic::Ordering;
use std::thread::{self, JoinHandle};
use std::time::{Duration, Instant};

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

pub(super) fn accept_loop(listener: UnixListener, s: Arc<Shared>) {
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

/// A follower's connection, start to end: its hello, joining the room,
/// its writer thread, reading its messages until it leaves or is dropped,
/// and leaving.
pub(super) fn follower_thread(stream: UnixStream, id: FollowerId, s: &Arc<Shared>) {
    let lim = &s.limits;
    let _ = stream.set_read_timeout(Some(lim.hello_timeout));
    let _ = stream.set_write_timeout(Some(lim.write_timeout));
    let Ok(read_half) = stream.try_clone() else {
        done_pending(id, s);
        return;
    };
    let mut reader = LineReader::new(read_half, lim.max_follower_message);
    let Some(name) = greet(&stream, &mut reader, id, s) else {
        return;
    };
    let Some((link, followers)) = admit(&stream, id, &name, s) else {
        return;
    };
    let writer = start_writer(&stream, &link, id, lim);
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
    leave(&stream, id, name, &link, writer, cause, s);
}

/// A connection that has not said hello yet is no longer waiting.
fn done_pending(id: FollowerId, s: &Shared) {
    lock(&s.links).pending.remove(&id);
    s.pending.fetch_sub(1, Ordering::SeqCst);
}

/// Reads the hello: the follower's name, or `None` when it was refused
/// (told why, and reported).
fn greet(stream: &UnixStream, reader: &mut LineReader<UnixStream>, id: FollowerId, s: &Shared) -> Option<String> {
    let lim = &s.limits;
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
    match first {
        Ok(name) => Some(display_name(&name, id)),
        Err((why, message, name)) => {
            done_pending(id, s);
            if !message.is_empty() {
                let _ = (&*stream).write_all(&protocol::line(&HostMsg::Refused { reason: why, message }));
            }
            let _ = stream.shutdown(Shutdown::Both);
            s.emit(Event::Refused {
                name: name.map(|n| display_name(&n, id)),
                why,
            });
            None
        }
    }
}

/// Joins the room (under its lock, so no state is published between
/// taking the newest and being in the list for the next), or refuses: the
/// conference is ending or full. The follower's link and how many follow.
fn admit(stream: &UnixStream, id: FollowerId, name: &str, s: &Shared) -> Option<(Arc<Link>, usize)> {
    let lim = &s.limits;
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
    match joined {
        Ok(n) => Some((link, n)),
        Err((why, message)) => {
            let _ = (&*stream).write_all(&protocol::line(&HostMsg::Refused { reason: why, message }));
            let _ = stream.shutdown(Shutdown::Both);
            s.emit(Event::Refused {
                name: Some(name.to_string()),
                why,
            });
            None
        }
    }
}

/// Welcomes the follower and starts its writer thread.
fn start_writer(stream: &UnixStream, link: &Arc<Link>, id: FollowerId, lim: &Limits) -> Option<JoinHandle<()>> {
    let welcome = protocol::line(&HostMsg::Welcome {
        protocol: PROTOCOL_VERSION,
        follower: id,
        heartbeat_ms: millis(lim.heartbeat),
        max_message_bytes: lim.max_follower_message,
    });
    let w = (&*stream).write_all(&welcome).and_then(|()| stream.try_clone()).ok()?;
    let link = link.clone();
    let heartbeat = lim.heartbeat;
    let write_timeout = lim.write_timeout;
    thread::Builder::new()
        .name(format!("pw-host-w{id}"))
        .stack_size(WRITER_STACK)
        .spawn(move || writer_loop(w, &link, heartbeat, write_timeout))
        .ok()
}

/// Leaves: out of the list first, so no more states are queued; a goodbye
/// saying why when the follower was dropped for cause; the writer ended;
/// the event reported.
fn leave(
    stream: &UnixStream,
    id: FollowerId,
    name: String,
    link: &Link,
    writer: Option<JoinHandle<()>>,
    cause: Option<Cause>,
    s: &Shared,
) {
    // the writer's failure, if it came first, explains the reader's end
    let failed = lock(&link.outbox).failed.take();
    let cause = match (cause, failed) {
        (Some(Cause::Vanished | Cause::Lost(_)), Some(f)) => Some(f),
        (c, _) => c,
    };
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
