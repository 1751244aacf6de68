//! A test client that speaks the protocol by hand: for hostile followers
//! (which the real `Follower` would never be) and for crowds of simulated
//! followers that only count what they receive. Shared with
//! `benches/conference.rs`.

#![allow(dead_code)] // the benchmark uses only part of it

use std::io::{self, BufRead, BufReader, Write};
use std::os::unix::net::UnixStream;
use std::path::Path;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Condvar, Mutex};
use std::thread::{self, JoinHandle};
use std::time::{Duration, Instant};

pub fn hello_line(code: &str, name: &str) -> String {
    format!("{{\"type\":\"hello\",\"protocol\":1,\"code\":\"{code}\",\"name\":\"{name}\"}}\n")
}

/// A raw connection.
pub struct Raw {
    pub stream: UnixStream,
    reader: BufReader<UnixStream>,
}

impl Raw {
    pub fn connect(socket: &Path) -> io::Result<Raw> {
        let stream = UnixStream::connect(socket)?;
        stream.set_read_timeout(Some(Duration::from_secs(10)))?;
        stream.set_write_timeout(Some(Duration::from_secs(10)))?;
        let reader = BufReader::new(stream.try_clone()?);
        Ok(Raw { stream, reader })
    }

    /// Connects and says hello; the host's answer.
    pub fn join(socket: &Path, code: &str, name: &str) -> io::Result<(Raw, String)> {
        let mut r = Raw::connect(socket)?;
        r.send(hello_line(code, name).as_bytes())?;
        let first = r.line()?.unwrap_or_default();
        Ok((r, first))
    }

    pub fn send(&mut self, bytes: &[u8]) -> io::Result<()> {
        self.stream.write_all(bytes)
    }

    /// The next line, `None` at the end.
    pub fn line(&mut self) -> io::Result<Option<String>> {
        let mut buf = Vec::new();
        match self.reader.read_until(b'\n', &mut buf)? {
            0 => Ok(None),
            _ => Ok(Some(String::from_utf8_lossy(&buf).trim_end().to_string())),
        }
    }

    /// Lines until one satisfies `f` (which is returned), or the end.
    pub fn until(&mut self, f: impl Fn(&str) -> bool) -> io::Result<Option<String>> {
        while let Some(l) = self.line()? {
            if l.starts_with("{\"type\":\"ping\"") {
                self.send(b"{\"type\":\"pong\"}\n")?;
            }
            if f(&l) {
                return Ok(Some(l));
            }
        }
        Ok(None)
    }
}

/// The `seq` of a state line (`{"type":"state","seq":N,...`).
pub fn state_seq(line: &[u8]) -> Option<u64> {
    let rest = line.strip_prefix(b"{\"type\":\"state\",\"seq\":")?;
    let end = rest.iter().position(|b| !b.is_ascii_digit())?;
    std::str::from_utf8(&rest[..end]).ok()?.parse().ok()
}

/// Simulated followers: each on its own thread reads every line, answers
/// pings, and records the `seq` of the last whole state it received.
pub struct Crowd {
    seqs: Vec<Arc<AtomicU64>>,
    signal: Arc<(Mutex<()>, Condvar)>,
    stop: Arc<AtomicBool>,
    threads: Vec<JoinHandle<()>>,
    streams: Vec<UnixStream>,
}

impl Crowd {
    pub fn join(socket: &Path, code: &str, n: usize) -> Crowd {
        let signal = Arc::new((Mutex::new(()), Condvar::new()));
        let stop = Arc::new(AtomicBool::new(false));
        let mut c = Crowd {
            seqs: Vec::new(),
            signal: signal.clone(),
            stop: stop.clone(),
            threads: Vec::new(),
            streams: Vec::new(),
        };
        for i in 0..n {
            let (raw, first) = Raw::join(socket, code, &format!("sim {i}")).expect("joins");
            assert!(first.starts_with("{\"type\":\"welcome\""), "{first}");
            let seq = Arc::new(AtomicU64::new(0));
            c.seqs.push(seq.clone());
            c.streams.push(raw.stream.try_clone().expect("clone"));
            let (signal, stop) = (signal.clone(), stop.clone());
            let t = thread::Builder::new()
                .name(format!("sim-{i}"))
                .stack_size(64 * 1024)
                .spawn(move || {
                    let Raw { mut stream, mut reader } = raw;
                    let _ = stream.set_read_timeout(None);
                    let mut buf = Vec::with_capacity(64 * 1024);
                    while !stop.load(Ordering::Relaxed) {
                        buf.clear();
                        match reader.read_until(b'\n', &mut buf) {
                            Ok(0) | Err(_) => break,
                            Ok(_) => {}
                        }
                        if buf.starts_with(b"{\"type\":\"ping\"") {
                            let _ = stream.write_all(b"{\"type\":\"pong\"}\n");
                        } else if let Some(s) = state_seq(&buf) {
                            seq.store(s, Ordering::SeqCst);
                            let _g = signal.0.lock().expect("lock");
                            signal.1.notify_all();
                        }
                    }
                })
                .expect("spawns");
            c.threads.push(t);
        }
        c
    }

    pub fn len(&self) -> usize {
        self.seqs.len()
    }

    /// Waits until every follower has received state `seq` (or a newer
    /// one); false after `timeout`.
    pub fn wait_all(&self, seq: u64, timeout: Duration) -> bool {
        let deadline = Instant::now() + timeout;
        let mut g = self.signal.0.lock().expect("lock");
        loop {
            if self.seqs.iter().all(|s| s.load(Ordering::SeqCst) >= seq) {
                return true;
            }
            let left = deadline.saturating_duration_since(Instant::now());
            if left.is_zero() {
                return false;
            }
            g = self
                .signal
                .1
                .wait_timeout(g, left.min(Duration::from_millis(50)))
                .expect("lock")
                .0;
        }
    }
}

impl Drop for Crowd {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
        for s in &self.streams {
            let _ = s.shutdown(std::net::Shutdown::Both);
        }
        for t in self.threads.drain(..) {
            let _ = t.join();
        }
    }
}
