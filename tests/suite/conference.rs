#![allow(clippy::unwrap_used)] // test helpers: a failure here is the test failing
//! Conference mode against real hosts on temporary sockets: joining and
//! refusals, hostile followers, the room's answers, what a follower is
//! sent of every sample, the socket's permissions, and an idle host's
//! CPU. Hosts whose CPU time or memory is measured run in their own
//! process (`child.rs`).

mod child;
mod client;
mod console;
mod e2e;
mod fixtures;
mod hostile;
mod idle;
mod joining;
mod permissions;
mod presenting;
mod room;

use pathwise::conference::{Event, Host, HostConfig, Limits};
use std::path::PathBuf;
use std::time::{Duration, Instant};

/// A host on a socket in its own temporary folder.
pub struct TestHost {
    pub host: Host,
    _dir: tempfile::TempDir,
}

impl TestHost {
    pub fn start(limits: Limits) -> TestHost {
        let dir = tempfile::tempdir().unwrap();
        let host = Host::start(HostConfig {
            socket: Some(dir.path().join("c.sock")),
            limits,
            ..HostConfig::default()
        })
        .unwrap();
        TestHost { host, _dir: dir }
    }

    pub fn socket(&self) -> PathBuf {
        self.host.socket_path().to_path_buf()
    }

    pub fn code(&self) -> String {
        self.host.code()
    }

    /// Waits for an event that satisfies `f`, and returns it.
    pub fn event(&self, what: &str, f: impl Fn(&Event) -> bool) -> Event {
        let deadline = Instant::now() + Duration::from_secs(15);
        let mut seen = Vec::new();
        while let Some(left) = deadline.checked_duration_since(Instant::now()) {
            match self.host.events().recv_timeout(left) {
                Ok(e) if f(&e) => return e,
                Ok(e) => seen.push(e.status_line()),
                Err(_) => break,
            }
        }
        panic!("no event {what}; saw {seen:?}");
    }

    /// Waits until the host counts `n` followers.
    pub fn wait_followers(&self, n: usize) {
        let deadline = Instant::now() + Duration::from_secs(15);
        while self.host.followers() != n {
            assert!(
                Instant::now() < deadline,
                "{} followers, not {n}",
                self.host.followers()
            );
            std::thread::sleep(Duration::from_millis(5));
        }
    }
}

/// Limits with short times, for tests of what happens after them (with
/// room for a loaded CI machine: ten heartbeats before a follower is
/// called silent).
pub fn quick() -> Limits {
    Limits {
        heartbeat: Duration::from_millis(200),
        silence: Duration::from_millis(2000),
        write_timeout: Duration::from_millis(1500),
        hello_timeout: Duration::from_millis(1000),
        ..Limits::default()
    }
}

/// A sample's browsing state.
pub fn sample_state(n: usize) -> pathwise::conference::ConferenceState {
    let lib = pathwise::library::Library::builtin();
    let l = &lib.cases[n % lib.cases.len()];
    fixtures::browsing(&l.case, &l.path)
}
