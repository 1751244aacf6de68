//! A follower's writer thread: the newest state from its one-slot queue,
//! the room's tally, replies to its answers, heartbeats and a goodbye,
//! each write bounded by the write timeout, so a follower that stops
//! reading holds up nothing but its own thread.

use super::{Link, lock};
use crate::conference::events::Cause;
use crate::conference::protocol::{self, HostMsg};
use std::io::{self, Write};
use std::net::Shutdown;
use std::os::unix::net::UnixStream;
use std::sync::{Arc, PoisonError};
use std::time::{Duration, Instant};

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

pub(super) fn writer_loop(mut stream: UnixStream, link: &Link, heartbeat: Duration, write_timeout: Duration) {
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
