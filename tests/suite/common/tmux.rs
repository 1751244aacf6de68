//! Shared by the tests that drive the real binary in tmux: a private tmux
//! server running a plain shell, keys typed into it, and the screen read
//! back.

use std::path::Path;
use std::process::{Command, Output};
use std::thread::sleep;
use std::time::{Duration, Instant};

pub struct Tmux {
    socket: String,
    _home: Option<tempfile::TempDir>,
}

impl Tmux {
    /// A private tmux server running `sh` at the given size, with a fresh
    /// home folder. `None` (with a message) when tmux is missing, except in
    /// CI, where .ci/run installs it and a skip would hide a failure.
    pub fn start(name: &str, w: u16, h: u16) -> Option<Tmux> {
        let home = tempfile::tempdir().expect("temp dir");
        let mut t = Tmux::start_in(name, w, h, home.path())?;
        t._home = Some(home);
        Some(t)
    }

    /// As [`Tmux::start`], with `home` as the user's home folder, so a test
    /// can look at what pathwise did (or did not do) there.
    pub fn start_in(name: &str, w: u16, h: u16, home: &Path) -> Option<Tmux> {
        if Command::new("tmux").arg("-V").output().is_err() {
            assert!(std::env::var_os("CI").is_none(), "tmux is required in CI");
            eprintln!("skipping {name}: tmux is not installed");
            return None;
        }
        let t = Tmux {
            socket: format!("pathwise-{name}-{}", std::process::id()),
            _home: None,
        };
        let env = [
            "LANG=C.UTF-8".to_string(),
            "PS1=$ ".to_string(),
            format!(
                "PATHWISE_CONFIG={}",
                home.join(".config/pathwise/config.toml").display()
            ),
            "PATHWISE_LIBRARY=".to_string(),
            format!("HOME={}", home.display()),
            format!("XDG_DATA_HOME={}", home.join(".local/share").display()),
            format!("XDG_CONFIG_HOME={}", home.join(".config").display()),
            format!("XDG_CACHE_HOME={}", home.join(".cache").display()),
            "EDITOR=true".to_string(),
            "VISUAL=".to_string(),
        ];
        let (w, h) = (w.to_string(), h.to_string());
        let mut args = vec!["-f", "/dev/null", "new-session", "-d", "-x", &w, "-y", &h];
        for e in &env {
            args.extend(["-e", e.as_str()]);
        }
        args.push("sh");
        let out = t.run(&args);
        assert!(out.status.success(), "tmux: {}", String::from_utf8_lossy(&out.stderr));
        t.wait_for("shell prompt", |s| !s.trim().is_empty());
        Some(t)
    }

    pub fn run(&self, args: &[&str]) -> Output {
        Command::new("tmux")
            .arg("-L")
            .arg(&self.socket)
            .args(args)
            .output()
            .expect("tmux runs")
    }

    pub fn send(&self, keys: &[&str]) {
        let mut args = vec!["send-keys", "-t", "0"];
        args.extend_from_slice(keys);
        assert!(self.run(&args).status.success());
    }

    pub fn type_text(&self, text: &str) {
        assert!(self.run(&["send-keys", "-t", "0", "-l", text]).status.success());
    }

    /// Types a line into the shell and presses Enter.
    pub fn shell(&self, line: &str) {
        self.type_text(line);
        self.send(&["Enter"]);
    }

    pub fn screen(&self) -> String {
        String::from_utf8_lossy(&self.run(&["capture-pane", "-p", "-t", "0"]).stdout).into_owned()
    }

    pub fn wait_for(&self, what: &str, ok: impl Fn(&str) -> bool) -> String {
        let until = Instant::now() + Duration::from_secs(15);
        loop {
            let s = self.screen();
            if ok(&s) {
                return s;
            }
            assert!(Instant::now() < until, "timed out waiting for {what}; screen:\n{s}");
            sleep(Duration::from_millis(50));
        }
    }

    /// Sends keys, then waits for the screen to show their effect.
    pub fn keys(&self, keys: &[&str], what: &str, ok: impl Fn(&str) -> bool) -> String {
        self.send(keys);
        self.wait_for(what, ok)
    }

    /// Runs the binary in the shell, clearing first and echoing its exit code.
    pub fn launch(&self, args: &str) {
        let bin = env!("CARGO_BIN_EXE_pathwise");
        assert!(Path::new(bin).exists());
        self.shell(&format!("clear; {bin} {args}; echo EXIT=$?"));
    }

    /// tmux's view of the pane: alternate screen, and any mouse reporting.
    pub fn modes(&self) -> (bool, bool) {
        let out = self.run(&[
            "display",
            "-p",
            "-t",
            "0",
            "#{alternate_on} #{mouse_any_flag}#{mouse_button_flag}#{mouse_standard_flag}#{mouse_sgr_flag}",
        ]);
        let s = String::from_utf8_lossy(&out.stdout).trim().to_string();
        let (alt, mouse) = s.split_once(' ').unwrap_or(("0", ""));
        (alt == "1", mouse.contains('1'))
    }

    /// Asserts the terminal is as the shell left it: cooked mode with echo,
    /// no alternate screen, no mouse reporting.
    pub fn assert_restored(&self, after: &str) {
        self.shell("echo RAWFLAGS=$(stty -a | tr ' ;' '\\n\\n' | grep -c -x -e -icanon -e -echo)");
        let s = self.wait_for("stty", |s| s.lines().any(|l| l.starts_with("RAWFLAGS=")));
        assert!(
            s.lines().any(|l| l == "RAWFLAGS=0"),
            "raw mode left on after {after}:\n{s}"
        );
        assert_eq!(
            self.modes(),
            (false, false),
            "alternate screen or mouse left on after {after}"
        );
    }

    /// The pid of the program the shell runs (the console).
    pub fn child_pid(&self) -> String {
        let out = self.run(&["list-panes", "-F", "#{pane_pid}"]);
        let shell = String::from_utf8_lossy(&out.stdout).trim().to_string();
        let until = Instant::now() + Duration::from_secs(5);
        loop {
            let children = Command::new("pgrep").args(["-P", &shell]).output().expect("pgrep");
            if let Some(pid) = String::from_utf8_lossy(&children.stdout).lines().next() {
                return pid.to_string();
            }
            assert!(Instant::now() < until, "nothing runs under the shell");
            sleep(Duration::from_millis(20));
        }
    }

    /// The terminal's settings (a checksum of what `stty -g` prints, which
    /// is longer than a line), read in the shell.
    pub fn stty(&self) -> String {
        self.shell("echo STTY=$(stty -g | cksum)");
        let s = self.wait_for("stty -g", |s| s.lines().any(|l| l.starts_with("STTY=") && l.len() > 10));
        let line = s
            .lines()
            .rev()
            .find(|l| l.starts_with("STTY="))
            .unwrap_or_default()
            .to_string();
        self.shell("clear");
        self.wait_for("a clear screen", |s| !s.contains("STTY="));
        line
    }

    pub fn pane_title(&self) -> String {
        let out = self.run(&["display", "-p", "-t", "0", "#{pane_title}"]);
        String::from_utf8_lossy(&out.stdout).trim_end().to_string()
    }

    pub fn paste_buffer(&self) -> String {
        let out = self.run(&["show-buffer"]);
        String::from_utf8_lossy(&out.stdout).into_owned()
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        let _ = self.run(&["kill-server"]);
    }
}
