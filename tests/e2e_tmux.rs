//! End to end: the real binary in a real terminal (tmux), typed at like a
//! user would. Skipped with a message when tmux is missing, except in CI
//! (`CI` set), where .ci/run installs it and a skip would hide a failure.

use std::path::Path;
use std::process::{Command, Output};
use std::thread::sleep;
use std::time::{Duration, Instant};

struct Tmux {
    socket: String,
}

impl Tmux {
    /// A private tmux server running a plain shell at the given size.
    fn start(name: &str, w: u16, h: u16) -> Option<Tmux> {
        if Command::new("tmux").arg("-V").output().is_err() {
            assert!(std::env::var_os("CI").is_none(), "tmux is required in CI");
            eprintln!("skipping {name}: tmux is not installed");
            return None;
        }
        let t = Tmux {
            socket: format!("pathwise-{name}-{}", std::process::id()),
        };
        let home = tempfile::tempdir().expect("temp dir").keep();
        let config = home.join("no-config.toml");
        let out = t.run(&[
            "new-session",
            "-d",
            "-x",
            &w.to_string(),
            "-y",
            &h.to_string(),
            "-e",
            "LANG=C.UTF-8",
            "-e",
            "PS1=$ ",
            "-e",
            &format!("PATHWISE_CONFIG={}", config.display()),
            "-e",
            "PATHWISE_LIBRARY=",
            "-e",
            &format!("HOME={}", home.display()),
            "sh",
        ]);
        assert!(out.status.success(), "tmux: {}", String::from_utf8_lossy(&out.stderr));
        t.wait_for("shell prompt", |s| !s.trim().is_empty());
        Some(t)
    }

    fn run(&self, args: &[&str]) -> Output {
        Command::new("tmux")
            .arg("-L")
            .arg(&self.socket)
            .args(args)
            .output()
            .expect("tmux runs")
    }

    fn send(&self, keys: &[&str]) {
        let mut args = vec!["send-keys", "-t", "0"];
        args.extend_from_slice(keys);
        assert!(self.run(&args).status.success());
    }

    fn type_text(&self, text: &str) {
        assert!(self.run(&["send-keys", "-t", "0", "-l", text]).status.success());
    }

    fn screen(&self) -> String {
        String::from_utf8_lossy(&self.run(&["capture-pane", "-p", "-t", "0"]).stdout).into_owned()
    }

    fn wait_for(&self, what: &str, ok: impl Fn(&str) -> bool) -> String {
        let until = Instant::now() + Duration::from_secs(10);
        loop {
            let s = self.screen();
            if ok(&s) {
                return s;
            }
            assert!(Instant::now() < until, "timed out waiting for {what}; screen:\n{s}");
            sleep(Duration::from_millis(50));
        }
    }

    fn launch(&self, args: &str) {
        let bin = env!("CARGO_BIN_EXE_pathwise");
        assert!(Path::new(bin).exists());
        self.type_text(&format!("clear; {bin} {args}; echo EXIT=$?"));
        self.send(&["Enter"]);
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        let _ = self.run(&["kill-server"]);
    }
}

fn session(name: &str, w: u16, h: u16) {
    let Some(t) = Tmux::start(name, w, h) else { return };
    t.launch("");
    t.wait_for("the case list", |s| s.contains("Cases 24/24"));
    t.type_text("/rot");
    let s = t.wait_for("the filter", |s| s.contains("Cases 1/24"));
    assert!(s.contains("Massive"), "the rotator cuff case is listed:\n{s}");
    t.send(&["Enter"]);
    t.send(&["Escape"]);
    t.wait_for("the cleared filter", |s| s.contains("Cases 24/24"));
    t.send(&["j", "2", "Right", "Right"]);
    t.wait_for("an event's detail", |s| {
        s.contains("assessment") || s.contains("PT course")
    });
    t.send(&["?"]);
    t.wait_for("the help", |s| {
        s.contains("Keys") && s.contains("move down in the focused pane")
    });
    t.send(&["Escape"]);
    t.wait_for("help closed", |s| !s.contains("move down in the focused pane"));
    t.send(&["q"]);
    let s = t.wait_for("the shell again", |s| s.contains("EXIT=0"));
    assert!(!s.contains("Cases 24/24"), "the alternate screen is gone:\n{s}");
    // the terminal is back in cooked mode with echo, and the mouse is off
    t.type_text("echo RAWFLAGS=$(stty -a | tr ' ;' '\\n\\n' | grep -c -x -e -icanon -e -echo)");
    t.send(&["Enter"]);
    let s = t.wait_for("stty", |s| s.lines().any(|l| l.starts_with("RAWFLAGS=")));
    assert!(s.lines().any(|l| l == "RAWFLAGS=0"), "raw mode left on:\n{s}");
}

#[test]
fn a_user_session_at_80x24() {
    session("s80", 80, 24);
}

#[test]
fn a_user_session_at_160x48() {
    session("s160", 160, 48);
}

#[test]
fn a_terminal_smaller_than_80x24_says_so_and_q_quits() {
    let Some(t) = Tmux::start("small", 70, 20) else { return };
    t.launch("");
    t.wait_for("the size message", |s| s.contains("needs at least 80x24"));
    t.send(&["q"]);
    t.wait_for("exit", |s| s.contains("EXIT=0"));
}
