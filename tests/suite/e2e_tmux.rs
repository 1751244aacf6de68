//! End to end: the real binary in a real terminal (tmux), typed at like a
//! user would. Skipped with a message when tmux is missing, except in CI
//! (`CI` set), where .ci/run installs it and a skip would hide a failure.

use crate::common::Tmux;
use crate::common::console::{all_cases, cases_matching};

use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

fn session(name: &str, w: u16, h: u16) {
    let Some(t) = Tmux::start(name, w, h) else { return };
    t.launch("");
    t.wait_for("the case list", |s| s.contains(&all_cases()));
    t.type_text("/rot");
    let s = t.wait_for("the filter", |s| s.contains(&cases_matching("rot")));
    assert!(s.contains("Massive"), "the rotator cuff case is listed:\n{s}");
    t.send(&["Enter"]);
    t.send(&["Escape"]);
    t.wait_for("the cleared filter", |s| s.contains(&all_cases()));
    assert_eq!(
        t.modes(),
        (true, true),
        "the console uses the alternate screen and the mouse"
    );
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
    assert!(!s.contains(&all_cases()), "the alternate screen is gone:\n{s}");
    // the terminal is back in cooked mode with echo, and the mouse is off
    t.assert_restored("q");
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

/// A library of three sample cases in a temp folder, for tests that change
/// files under a running console.
fn small_library() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    let samples = Path::new(env!("CARGO_MANIFEST_DIR")).join("data/cases");
    for id in [
        "shoulder-massive-rotator-cuff-tear",
        "lumbar-strain-low-adherence",
        "knee-acl-rupture-before-pt",
    ] {
        std::fs::copy(
            samples.join(format!("{id}.toml")),
            dir.path().join(format!("{id}.toml")),
        )
        .expect("copy");
    }
    dir
}

fn rewrite(path: &Path, from: &str, to: &str) {
    let text = std::fs::read_to_string(path).expect("read");
    assert!(text.contains(from), "{from} not in {}", path.display());
    // write a sibling and rename, as editors do
    let tmp = path.with_extension("swp");
    std::fs::write(&tmp, text.replacen(from, to, 1)).expect("write");
    std::fs::rename(&tmp, path).expect("rename");
}

#[test]
fn a_case_saved_elsewhere_reloads_and_an_invalid_one_moves_to_errors() {
    let lib = small_library();
    let Some(t) = Tmux::start("live", 160, 40) else { return };
    t.launch(&format!("--library {}", lib.path().display()));
    t.wait_for("the library", |s| s.contains("Cases 3/3"));
    let file = lib.path().join("knee-acl-rupture-before-pt.toml");
    rewrite(&file, "title = \"", "title = \"EDITED ");
    let started = Instant::now();
    t.wait_for("the new title", |s| s.contains("EDITED"));
    assert!(
        started.elapsed() < Duration::from_secs(2),
        "reload took {:?}",
        started.elapsed()
    );
    rewrite(&file, "schema = 1", "schema = 1\nbogus_key = 3");
    let s = t.wait_for("the error count", |s| s.contains("1 error (!)"));
    assert!(s.contains("Cases 2/2"), "the other cases stay:\n{s}");
    t.send(&["!"]);
    let s = t.wait_for("the errors view", |s| s.contains("unknown key `bogus_key`"));
    assert!(s.contains("knee-acl-rupture-before-pt.toml:2:1"), "{s}");
    // Escape and q sent together would read as Alt-q
    t.send(&["Escape"]);
    t.wait_for("the errors view closed", |s| !s.contains("Load errors"));
    t.send(&["q"]);
    t.wait_for("exit", |s| s.contains("EXIT=0"));
}

#[test]
fn e_opens_the_editor_and_the_case_reloads_after() {
    let lib = small_library();
    let Some(t) = Tmux::start("edit", 160, 40) else { return };
    // an "editor" that changes the title the way a clinician would
    let editor = lib.path().join("editor.sh");
    std::fs::write(
        &editor,
        "#!/bin/sh\nsed -i 's/^title = \"/title = \"REVISED /' \"$1\"\n",
    )
    .expect("write");
    let mut perms = std::fs::metadata(&editor).expect("meta").permissions();
    std::os::unix::fs::PermissionsExt::set_mode(&mut perms, 0o755);
    std::fs::set_permissions(&editor, perms).expect("chmod");
    t.type_text(&format!("export EDITOR={}", editor.display()));
    t.send(&["Enter"]);
    t.launch(&format!("--library {}", lib.path().display()));
    t.wait_for("the library", |s| s.contains("Cases 3/3"));
    t.send(&["e"]);
    t.wait_for("the revised title", |s| s.contains("REVISED"));
    t.send(&["q"]);
    t.wait_for("exit", |s| s.contains("EXIT=0"));
}

fn pid_of_console(t: &Tmux) -> String {
    let out = t.run(&["list-panes", "-F", "#{pane_pid}"]);
    let shell = String::from_utf8_lossy(&out.stdout).trim().to_string();
    let children = Command::new("pgrep").args(["-P", &shell]).output().expect("pgrep");
    String::from_utf8_lossy(&children.stdout)
        .lines()
        .next()
        .expect("the console runs under the shell")
        .to_string()
}

fn killed_by(sig: &str, code: u8) {
    let Some(t) = Tmux::start(&format!("sig{sig}"), 100, 30) else {
        return;
    };
    t.launch("");
    t.wait_for("the console", |s| s.contains(&all_cases()));
    let pid = pid_of_console(&t);
    assert!(
        Command::new("kill")
            .args([&format!("-{sig}"), &pid])
            .status()
            .expect("kill")
            .success()
    );
    let s = t.wait_for("the shell", |s| s.lines().any(|l| l.starts_with("EXIT=")));
    assert!(s.contains(&format!("EXIT={code}")), "{s}");
    assert!(!s.contains(&all_cases()), "alternate screen left:\n{s}");
    t.type_text("echo RAWFLAGS=$(stty -a | tr ' ;' '\\n\\n' | grep -c -x -e -icanon -e -echo)");
    t.send(&["Enter"]);
    let s = t.wait_for("stty", |s| s.lines().any(|l| l.starts_with("RAWFLAGS=")));
    assert!(
        s.lines().any(|l| l == "RAWFLAGS=0"),
        "raw mode left on after SIG{sig}:\n{s}"
    );
}

#[test]
fn sigterm_restores_the_terminal() {
    killed_by("TERM", 143);
}

#[test]
fn sighup_restores_the_terminal() {
    killed_by("HUP", 129);
}

#[test]
fn ctrl_z_suspends_cleanly_and_fg_redraws() {
    let Some(t) = Tmux::start("suspend", 100, 30) else {
        return;
    };
    // job control, so the shell can stop and resume the console
    t.shell("set -m");
    t.launch("");
    t.wait_for("the console", |s| s.contains(&all_cases()));
    t.send(&["C-z"]);
    t.wait_for("the shell", |s| s.contains("EXIT=148"));
    t.assert_restored("Ctrl-Z");
    // let the shell settle back into its prompt first: typed at once, `fg`
    // was seen to resume the job before dash had the terminal back
    std::thread::sleep(Duration::from_millis(800));
    t.shell("fg");
    t.wait_for("the console again", |s| {
        s.contains(&all_cases()) && s.contains("Readiness")
    });
    assert_eq!(
        t.modes(),
        (true, true),
        "the alternate screen and the mouse are taken back"
    );
    t.send(&["q"]);
    t.wait_for("the shell again", |s| !s.contains("Readiness"));
    t.assert_restored("quit after fg");
}

#[test]
fn a_panic_restores_the_terminal_and_prints_readably() {
    let Some(t) = Tmux::start("panic", 100, 30) else { return };
    // the debug build panics on `P` when asked to (compiled out of release builds)
    t.shell("export PATHWISE_TEST_PANIC=1");
    t.launch("");
    t.wait_for("the console", |s| s.contains(&all_cases()));
    t.send(&["P"]);
    let s = t.wait_for("the shell", |s| s.lines().any(|l| l.starts_with("EXIT=")));
    assert!(s.contains("EXIT=101"), "a panic exits 101:\n{s}");
    assert!(
        s.contains("a deliberate panic"),
        "the message is readable on the restored screen:\n{s}"
    );
    t.assert_restored("a panic");
}
