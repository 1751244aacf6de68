//! The terminal is restored on every exit. SIGTERM or SIGHUP during the
//! load once left the terminal in raw mode, on the alternate screen, with
//! mouse reporting on (the library was read before the signals were
//! handled), and SIGQUIT did so at any time. Each signal that ends the
//! console (TERM, HUP, INT, QUIT) is sent here during a slow load, after
//! it, and while `$EDITOR` runs: the pane must be back on the main screen,
//! with no mouse reporting and the terminal settings the shell had. And
//! with no terminal to draw on, the console refuses, writing no escape
//! sequence.

use crate::common::Tmux;
use crate::common::library_of;

use std::process::Command;
use std::time::{Duration, Instant};

const SIGNALS: [(&str, u8); 4] = [("TERM", 143), ("HUP", 129), ("INT", 130), ("QUIT", 131)];

/// The shell printed the exit code (not merely echoed the command line).
fn exited(s: &str) -> bool {
    s.lines().any(|l| l.starts_with("EXIT="))
}

fn kill(sig: &str, pid: &str) {
    assert!(
        Command::new("kill")
            .args([&format!("-{sig}"), pid])
            .status()
            .expect("kill")
            .success()
    );
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Stage {
    /// A slow load (a debug-build pause before each file), no case shown yet.
    Loading,
    /// The library loaded, the loop waiting for keys.
    Running,
}

fn ended_by(sig: &str, code: u8, stage: Stage) {
    let name = format!("sig{sig}{}", if stage == Stage::Loading { "L" } else { "R" });
    let Some(t) = Tmux::start(&name, 100, 30) else { return };
    let before = t.stty();
    let lib = library_of(if stage == Stage::Loading { 400 } else { 3 });
    if stage == Stage::Loading {
        t.shell("export PATHWISE_TEST_LOAD_DELAY_MS=30");
    }
    t.launch(&format!("--library {}", lib.path().display()));
    match stage {
        Stage::Loading => {
            let s = t.wait_for("the load's progress", |s| s.contains("/400"));
            assert!(!s.contains("library: 400 cases"), "still loading:\n{s}");
        }
        Stage::Running => {
            t.wait_for("the console", |s| s.contains("library: 3 cases"));
        }
    }
    assert_eq!(t.modes(), (true, true), "the console took the screen and the mouse");
    let sent = Instant::now();
    kill(sig, &t.child_pid());
    let s = t.wait_for("the shell", exited);
    assert!(
        sent.elapsed() < Duration::from_secs(3),
        "SIG{sig} took {:?}",
        sent.elapsed()
    );
    assert!(s.contains(&format!("EXIT={code}")), "SIG{sig} during {stage:?}:\n{s}");
    assert!(
        !s.contains("Cases"),
        "the alternate screen is gone after SIG{sig}:\n{s}"
    );
    t.assert_restored(&format!("SIG{sig} during {stage:?}"));
    assert_eq!(
        t.stty(),
        before,
        "the terminal settings after SIG{sig} during {stage:?}"
    );
}

#[test]
fn each_ending_signal_during_a_slow_load_restores_the_terminal() {
    for (sig, code) in SIGNALS {
        ended_by(sig, code, Stage::Loading);
    }
}

#[test]
fn each_ending_signal_after_the_load_restores_the_terminal() {
    for (sig, code) in SIGNALS {
        ended_by(sig, code, Stage::Running);
    }
}

/// While `$EDITOR` runs the terminal is the editor's: a signal that ends
/// the console is passed on to the editor, and the console ends with it,
/// leaving the terminal as the shell had it. SIGINT is the editor's own.
#[test]
fn a_signal_while_the_editor_runs_ends_both_and_leaves_the_terminal_restored() {
    for (n, (sig, code)) in [("TERM", 143), ("HUP", 129), ("QUIT", 131)].into_iter().enumerate() {
        let lib = library_of(2);
        let editor = lib.path().join("editor.sh");
        // an editor that waits, under a name no other process has
        let wait = format!("3{n}.{}", std::process::id());
        std::fs::write(&editor, format!("#!/bin/sh\necho EDITING \"$1\"\nexec sleep {wait}\n")).expect("write");
        let mut perms = std::fs::metadata(&editor).expect("meta").permissions();
        std::os::unix::fs::PermissionsExt::set_mode(&mut perms, 0o755);
        std::fs::set_permissions(&editor, perms).expect("chmod");
        let Some(t) = Tmux::start(&format!("edit{sig}"), 100, 30) else {
            return;
        };
        let before = t.stty();
        t.shell(&format!("export EDITOR={}", editor.display()));
        t.launch(&format!("--library {}", lib.path().display()));
        t.wait_for("the console", |s| s.contains("library: 2 cases"));
        t.send(&["e"]);
        t.wait_for("the editor", |s| s.contains("EDITING"));
        let pid = t.child_pid();
        // Ctrl-C typed in an editor reaches the console too: it stays
        kill("INT", &pid);
        std::thread::sleep(Duration::from_millis(400));
        assert!(!exited(&t.screen()), "SIGINT ended the console while the editor ran");
        let sent = Instant::now();
        kill(sig, &pid);
        let s = t.wait_for("the shell", exited);
        assert!(
            sent.elapsed() < Duration::from_secs(3),
            "SIG{sig} took {:?}",
            sent.elapsed()
        );
        assert!(s.contains(&format!("EXIT={code}")), "SIG{sig} while editing:\n{s}");
        t.assert_restored(&format!("SIG{sig} while the editor ran"));
        assert_eq!(t.stty(), before, "the terminal settings after SIG{sig} while editing");
        // and the editor was ended with it
        let until = Instant::now() + Duration::from_secs(3);
        while Command::new("pgrep")
            .args(["-f", &format!("sleep {wait}")])
            .output()
            .expect("pgrep")
            .status
            .success()
        {
            assert!(Instant::now() < until, "the editor still runs after SIG{sig}");
            std::thread::sleep(Duration::from_millis(50));
        }
    }
}

#[test]
fn with_output_to_a_file_the_console_refuses_and_writes_no_escape() {
    let Some(t) = Tmux::start("tofile", 100, 30) else {
        return;
    };
    let dir = tempfile::tempdir().expect("temp dir");
    let out = dir.path().join("out.txt");
    let bin = env!("CARGO_BIN_EXE_pathwise");
    t.shell(&format!("clear; {bin} > {}; echo EXIT=$?", out.display()));
    let s = t.wait_for("the shell", exited);
    assert!(s.contains("EXIT=2"), "{s}");
    assert!(s.contains("needs a terminal"), "the reason, on standard error:\n{s}");
    let written = std::fs::read(&out).expect("read");
    assert!(!written.contains(&0x1b), "escape sequences in the file: {written:?}");
    assert!(written.is_empty(), "{}", String::from_utf8_lossy(&written));
    assert_eq!(t.modes(), (false, false));
    // the same through the binary's own pipe
    let o = Command::new(bin)
        .env("PATHWISE_CONFIG", dir.path().join("none.toml"))
        .env_remove("PATHWISE_LIBRARY")
        .output()
        .expect("runs");
    assert_eq!(o.status.code(), Some(2));
    assert!(o.stdout.is_empty(), "{:?}", String::from_utf8_lossy(&o.stdout));
}

/// With no controlling terminal (a new session) but standard output still
/// on the pane, the console refuses and writes nothing to standard output,
/// not even a restore.
#[test]
fn with_no_controlling_terminal_nothing_is_written_to_standard_output() {
    if Command::new("strace").arg("-V").output().is_err() {
        assert!(std::env::var_os("CI").is_none(), "strace is required in CI");
        eprintln!("skipping: strace is not installed");
        return;
    }
    let Some(t) = Tmux::start("nocterm", 100, 30) else {
        return;
    };
    let dir = tempfile::tempdir().expect("temp dir");
    let trace = dir.path().join("trace.txt");
    let bin = env!("CARGO_BIN_EXE_pathwise");
    t.shell(&format!(
        "clear; strace -f -qq -e trace=write -o {} setsid -w {bin}; echo EXIT=$?",
        trace.display()
    ));
    let s = t.wait_for("the shell", exited);
    assert!(s.contains("EXIT=2"), "{s}");
    assert!(s.contains("controlling terminal"), "the reason:\n{s}");
    let trace = std::fs::read_to_string(&trace).expect("trace");
    let to_stdout: Vec<&str> = trace.lines().filter(|l| l.contains("write(1,")).collect();
    assert!(to_stdout.is_empty(), "written to standard output: {to_stdout:?}");
    assert!(
        trace.contains("write(2,"),
        "the message went to standard error:\n{trace}"
    );
    assert_eq!(t.modes(), (false, false));
}
