//! A host in its own process, as `pathwise host` will be: so its CPU
//! time and memory can be read from /proc without the test's own
//! followers (or other tests) counting. The suite binary runs itself with
//! only [`host_process`], which starts a `Host` and takes commands on
//! stdin; [`ChildHost`] is the other end.

use pathwise::conference::{Host, HostConfig, Limits};
use pathwise::library::Library;
use std::io::{BufRead, BufReader, Write};
use std::path::PathBuf;
use std::process::{Child, ChildStdin, ChildStdout, Command, Stdio};
use std::time::{Duration, Instant};

const CHILD: &str = "PATHWISE_CONFERENCE_CHILD";
const MARK: &str = "@@pw ";

fn ms(var: &str) -> Option<Duration> {
    std::env::var(var).ok()?.parse().ok().map(Duration::from_millis)
}

fn say(s: &str) {
    let mut out = std::io::stdout().lock();
    let _ = writeln!(out, "{MARK}{s}");
    let _ = out.flush();
}

/// Peak and current resident memory of this process, KiB.
fn memory() -> (u64, u64) {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    let field = |name: &str| {
        status
            .lines()
            .find(|l| l.starts_with(name))
            .and_then(|l| l.split_whitespace().nth(1))
            .and_then(|n| n.parse().ok())
            .unwrap_or(0)
    };
    (field("VmHWM:"), field("VmRSS:"))
}

#[test]
#[ignore = "the host's own process, started by the conference tests"]
fn host_process() {
    if std::env::var_os(CHILD).is_none() {
        return;
    }
    let mut limits = Limits::default();
    if let Some(d) = ms("PW_WRITE_TIMEOUT_MS") {
        limits.write_timeout = d;
    }
    let config = HostConfig {
        socket: std::env::var_os("PW_SOCKET").map(PathBuf::from),
        limits,
        ..HostConfig::default()
    };
    let host = match Host::start(config) {
        Ok(h) => h,
        Err(e) => {
            say(&format!("error {e}"));
            return;
        }
    };
    // the samples' states, built before anything is measured
    let lib = Library::builtin();
    let states: Vec<_> = lib
        .cases
        .iter()
        .map(|l| super::fixtures::browsing(&l.case, &l.path))
        .collect();
    say(&format!("ready {} {}", host.code(), host.socket_path().display()));
    say(&format!("join {}", host.join_command()));
    for line in std::io::stdin().lock().lines() {
        let Ok(line) = line else { break };
        let mut words = line.split_whitespace();
        match (words.next(), words.next()) {
            (Some("publish"), Some(k)) => {
                let k: usize = k.parse().unwrap_or(0);
                let state = states[k % states.len()].clone();
                let t = Instant::now();
                let seq = host.publish(state).expect("publishes");
                say(&format!("published {seq} {}", t.elapsed().as_micros()));
            }
            (Some("followers"), _) => say(&format!("followers {}", host.followers())),
            (Some("events"), _) => {
                for e in host.events().try_iter() {
                    say(&format!("event {}", e.status_line()));
                }
                say("events-end");
            }
            (Some("memory"), _) => {
                let (hwm, rss) = memory();
                say(&format!("memory {hwm} {rss}"));
            }
            _ => say("unknown"),
        }
    }
    drop(host);
    say("stopped");
}

/// The parent's end of a host process.
pub struct ChildHost {
    child: Child,
    stdin: Option<ChildStdin>,
    out: BufReader<ChildStdout>,
    pub code: String,
    pub socket: PathBuf,
    pub join_command: String,
}

impl ChildHost {
    /// Starts a host process with these environment variables
    /// (`PW_SOCKET`, `PW_WRITE_TIMEOUT_MS`, `XDG_RUNTIME_DIR`, …).
    pub fn spawn(env: &[(&str, &str)]) -> ChildHost {
        let mut cmd = Command::new(std::env::current_exe().expect("the test binary"));
        cmd.args([
            "conference::child::host_process",
            "--exact",
            "--ignored",
            "--nocapture",
            "--test-threads=1",
        ])
        .env(CHILD, "1")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit());
        for (k, v) in env {
            cmd.env(k, v);
        }
        let mut child = cmd.spawn().expect("the host process starts");
        let stdin = child.stdin.take();
        let out = BufReader::new(child.stdout.take().expect("stdout"));
        let mut h = ChildHost {
            child,
            stdin,
            out,
            code: String::new(),
            socket: PathBuf::new(),
            join_command: String::new(),
        };
        let ready = h.next();
        let mut w = ready.splitn(3, ' ');
        assert_eq!(w.next(), Some("ready"), "{ready}");
        h.code = w.next().expect("code").to_string();
        h.socket = PathBuf::from(w.next().expect("socket"));
        h.join_command = h.next().strip_prefix("join ").expect("join command").to_string();
        h
    }

    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    /// The next marked line.
    fn next(&mut self) -> String {
        let mut line = String::new();
        loop {
            line.clear();
            let n = self.out.read_line(&mut line).expect("reads the host's output");
            assert!(n > 0, "the host process ended");
            if let Some(i) = line.find(MARK) {
                return line[i + MARK.len()..].trim_end().to_string();
            }
        }
    }

    fn send(&mut self, cmd: &str) {
        let stdin = self.stdin.as_mut().expect("running");
        writeln!(stdin, "{cmd}").expect("the host takes commands");
        stdin.flush().expect("flush");
    }

    /// Publishes sample state `k`: its seq and how long `publish` took.
    pub fn publish(&mut self, k: usize) -> (u64, Duration) {
        self.send(&format!("publish {k}"));
        let l = self.next();
        let mut w = l.split(' ').skip(1);
        let seq = w.next().and_then(|s| s.parse().ok()).expect("seq");
        let us = w.next().and_then(|s| s.parse().ok()).expect("time");
        (seq, Duration::from_micros(us))
    }

    pub fn followers(&mut self) -> usize {
        self.send("followers");
        self.next()
            .strip_prefix("followers ")
            .and_then(|n| n.parse().ok())
            .expect("a count")
    }

    /// The host's events since last asked, as status lines.
    pub fn events(&mut self) -> Vec<String> {
        self.send("events");
        let mut out = Vec::new();
        loop {
            let l = self.next();
            if l == "events-end" {
                return out;
            }
            out.push(l.strip_prefix("event ").unwrap_or(&l).to_string());
        }
    }

    /// Peak and current resident memory of the host process, KiB.
    pub fn memory(&mut self) -> (u64, u64) {
        self.send("memory");
        let l = self.next();
        let mut w = l.split(' ').skip(1).map(|n| n.parse().expect("KiB"));
        (w.next().expect("peak"), w.next().expect("now"))
    }

    /// CPU time of the host's threads (named `pw-host-*`): clock ticks
    /// (utime + stime from /proc/PID/task/TID/stat) and, where the
    /// kernel keeps it, nanoseconds on a CPU (schedstat).
    pub fn host_cpu(&self) -> (u64, Option<u64>, usize) {
        let (mut ticks, mut ns, mut threads) = (0, Some(0u64), 0);
        let tasks = std::fs::read_dir(format!("/proc/{}/task", self.pid())).expect("/proc");
        for t in tasks.flatten() {
            let comm = std::fs::read_to_string(t.path().join("comm")).unwrap_or_default();
            if !comm.starts_with("pw-host") {
                continue;
            }
            let Ok(stat) = std::fs::read_to_string(t.path().join("stat")) else {
                continue;
            };
            let after = &stat[stat.rfind(')').expect("comm") + 2..];
            let f: Vec<&str> = after.split(' ').collect();
            // fields 14 and 15 of stat; `after` starts at field 3
            ticks += f[11].parse::<u64>().expect("utime") + f[12].parse::<u64>().expect("stime");
            threads += 1;
            let sched = std::fs::read_to_string(t.path().join("schedstat")).ok();
            ns = match (ns, sched.and_then(|s| s.split(' ').next()?.parse::<u64>().ok())) {
                (Some(a), Some(b)) => Some(a + b),
                _ => None,
            };
        }
        (ticks, ns, threads)
    }

    /// Ends the host (as closing its console would) and waits for it.
    pub fn stop(mut self) -> String {
        drop(self.stdin.take());
        let l = self.next();
        let _ = self.child.wait();
        l
    }
}

impl Drop for ChildHost {
    fn drop(&mut self) {
        if self.stdin.take().is_some() {
            let deadline = Instant::now() + Duration::from_secs(10);
            while Instant::now() < deadline {
                if let Ok(Some(_)) = self.child.try_wait() {
                    return;
                }
                std::thread::sleep(Duration::from_millis(20));
            }
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}
