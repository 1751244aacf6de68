//! Nothing written: every file of a library (a copy of the samples plus a
//! broken file) is hashed, with its size, mode and modification time, and
//! every folder's listing and modification time recorded, before and
//! after every CLI command and a full console session in tmux; nothing may
//! change and nothing may appear, not even a temporary file that was
//! removed again (a folder's mtime would move). Where `strace` is
//! available, the syscalls are checked too: no open for writing, create,
//! rename, unlink or truncate of anything in the library or the home
//! folder. A library on a read-only folder loads in full.

use crate::common::Tmux;
use crate::common::console::{all_cases, cases_matching, sample_count};

use std::collections::BTreeMap;
use std::collections::hash_map::DefaultHasher;
use std::hash::{Hash, Hasher};
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use std::time::{Duration, UNIX_EPOCH};

/// Everything observable about one entry of a library.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Entry {
    kind: &'static str,
    len: u64,
    mode: u32,
    mtime_ns: u128,
    /// DefaultHasher over the bytes and the mtime (files), or over the
    /// sorted names (folders).
    hash: u64,
}

fn mtime_ns(m: &std::fs::Metadata) -> u128 {
    m.modified()
        .expect("mtime")
        .duration_since(UNIX_EPOCH)
        .expect("after 1970")
        .as_nanos()
}

/// Every entry under `root`, recursively, by path.
fn snapshot(root: &Path) -> BTreeMap<PathBuf, Entry> {
    let mut out = BTreeMap::new();
    let mut stack = vec![root.to_path_buf()];
    while let Some(path) = stack.pop() {
        let m = std::fs::symlink_metadata(&path).expect("metadata");
        let mut h = DefaultHasher::new();
        let kind = if m.is_dir() {
            let mut names: Vec<PathBuf> = std::fs::read_dir(&path)
                .expect("read folder")
                .map(|e| e.expect("entry").path())
                .collect();
            names.sort();
            names.hash(&mut h);
            stack.extend(names);
            "dir"
        } else if m.is_file() {
            std::fs::read(&path).expect("read").hash(&mut h);
            mtime_ns(&m).hash(&mut h);
            "file"
        } else {
            std::fs::read_link(&path).ok().hash(&mut h);
            "other"
        };
        out.insert(
            path,
            Entry {
                kind,
                len: m.len(),
                mode: m.permissions().mode(),
                mtime_ns: mtime_ns(&m),
                hash: h.finish(),
            },
        );
    }
    out
}

fn assert_unchanged(before: &BTreeMap<PathBuf, Entry>, after: &BTreeMap<PathBuf, Entry>, what: &str) {
    for (path, b) in before {
        match after.get(path) {
            None => panic!("{what}: {} disappeared", path.display()),
            Some(a) => assert_eq!(a, b, "{what}: {} changed", path.display()),
        }
    }
    let new: Vec<&PathBuf> = after.keys().filter(|p| !before.contains_key(*p)).collect();
    assert!(new.is_empty(), "{what}: new files appeared: {new:?}");
}

fn samples() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("data/cases")
}

/// A copy of the samples, in a sub-folder too, plus a file that fails to
/// load, so the errors view has something to show.
fn library_copy(root: &Path) -> PathBuf {
    let lib = root.join("library");
    let sub = lib.join("sub");
    std::fs::create_dir_all(&sub).expect("mkdir");
    let mut n = 0;
    for e in std::fs::read_dir(samples()).expect("samples") {
        let p = e.expect("entry").path();
        let dest = if n % 3 == 0 { &sub } else { &lib };
        std::fs::copy(&p, dest.join(p.file_name().expect("name"))).expect("copy");
        n += 1;
    }
    assert_eq!(n, sample_count(), "the samples");
    std::fs::write(lib.join("broken.toml"), "schema = 1\nid = \"broken\"\ntitle = 3\n").expect("write");
    // mtimes in the past, so a rewrite within the same clock tick still shows
    let old = std::time::SystemTime::now() - Duration::from_secs(3600);
    for (path, _) in snapshot(&lib) {
        if path.is_file() {
            let f = std::fs::File::options().append(true).open(&path).expect("open");
            f.set_modified(old).expect("set mtime");
        }
    }
    lib
}

struct Env {
    home: PathBuf,
}

fn isolated(cmd: &mut Command, env: &Env) {
    cmd.env("PATHWISE_CONFIG", env.home.join(".config/pathwise/config.toml"))
        .env_remove("PATHWISE_LIBRARY")
        .env("HOME", &env.home)
        .env("XDG_DATA_HOME", env.home.join(".local/share"))
        .env("XDG_CONFIG_HOME", env.home.join(".config"))
        .env("XDG_CACHE_HOME", env.home.join(".cache"))
        .env("XDG_STATE_HOME", env.home.join(".local/state"))
        .current_dir(&env.home);
}

fn pathwise(env: &Env, args: &[&str]) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_pathwise"));
    cmd.args(args);
    isolated(&mut cmd, env);
    cmd.output().expect("run pathwise")
}

/// Every subcommand, on the library given.
fn every_command(env: &Env, lib: &Path) -> Vec<(Vec<String>, Output)> {
    let l = lib.to_str().expect("UTF-8 path");
    let one = lib.join("knee-acl-rupture-before-pt.toml");
    let one = one.to_str().expect("UTF-8 path");
    let commands: Vec<Vec<&str>> = vec![
        vec!["list"],
        vec!["list", "--json"],
        vec!["show", "lumbar-foot-drop-microdiscectomy"],
        vec!["show", "--present", "lumbar-foot-drop-microdiscectomy"],
        vec!["show", one],
        vec!["show", "broken"],
        vec!["score", "knee-acl-rupture-before-pt"],
        vec!["score", "--json", "knee-acl-rupture-before-pt"],
        vec!["score", "--all"],
        vec!["score", "--all", "--json"],
        vec!["validate"],
        vec!["validate", l],
        vec!["validate", one],
        vec!["template"],
    ];
    commands
        .into_iter()
        .map(|c| {
            let mut args = c.clone();
            args.extend(["--library", l]);
            let out = pathwise(env, &args);
            assert!(
                matches!(out.status.code(), Some(0 | 1)),
                "{args:?}: {:?}\n{}",
                out.status,
                String::from_utf8_lossy(&out.stderr)
            );
            (args.iter().map(|s| s.to_string()).collect(), out)
        })
        .collect()
}

fn strace_works() -> bool {
    Command::new("strace")
        .args(["-f", "-qq", "-o", "/dev/null", "true"])
        .output()
        .is_ok_and(|o| o.status.success())
}

const TRACED: &str = "trace=open,openat,openat2,creat,rename,renameat,renameat2,unlink,unlinkat,rmdir,mkdir,mkdirat,truncate,ftruncate,link,linkat,symlink,symlinkat,chmod,fchmodat,utimensat";

/// The traced syscalls that would change something under one of `roots`.
fn writes_in(trace: &str, roots: &[&Path]) -> Vec<String> {
    trace
        .lines()
        .filter(|l| {
            let touches = roots.iter().any(|r| l.contains(&*r.to_string_lossy()));
            let opens = l.contains("open");
            let writes =
                l.contains("O_WRONLY") || l.contains("O_RDWR") || l.contains("O_CREAT") || l.contains("O_TRUNC");
            touches && (!opens || writes) && !l.contains("= -1 ENOENT")
        })
        .map(str::to_string)
        .collect()
}

#[test]
fn cli_commands_change_no_file_and_leave_no_copy() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let lib = library_copy(tmp.path());
    let env = Env {
        home: tmp.path().join("home"),
    };
    std::fs::create_dir(&env.home).expect("home");
    let before = snapshot(&lib);
    let home_before = snapshot(&env.home);
    let runs = every_command(&env, &lib);
    let list = &runs[0].1;
    assert_eq!(
        String::from_utf8_lossy(&list.stdout).lines().count(),
        sample_count() + 1,
        "the header and every case"
    );
    assert_unchanged(&before, &snapshot(&lib), "the CLI");
    assert_unchanged(&home_before, &snapshot(&env.home), "the CLI, in the home folder");
}

#[test]
fn cli_commands_never_open_library_files_for_writing() {
    if !strace_works() {
        // ptrace is often not allowed in containers: the hash test still runs
        eprintln!("skipping: strace is missing or not allowed here");
        return;
    }
    let tmp = tempfile::tempdir().expect("temp dir");
    let lib = library_copy(tmp.path());
    let env = Env {
        home: tmp.path().join("home"),
    };
    std::fs::create_dir(&env.home).expect("home");
    let l = lib.to_str().expect("UTF-8 path");
    for args in [
        vec!["list"],
        vec!["score", "--all", "--json"],
        vec!["validate", l],
        vec!["show", "--present", "lumbar-foot-drop-microdiscectomy"],
    ] {
        let trace = tmp.path().join("trace.txt");
        let mut cmd = Command::new("strace");
        cmd.args(["-f", "-qq", "-e", TRACED, "-o"])
            .arg(&trace)
            .arg(env!("CARGO_BIN_EXE_pathwise"))
            .args(&args)
            .args(["--library", l]);
        isolated(&mut cmd, &env);
        let out = cmd.output().expect("strace runs");
        assert!(matches!(out.status.code(), Some(0 | 1)), "{args:?}: {out:?}");
        let text = std::fs::read_to_string(&trace).expect("trace");
        assert!(
            text.contains("knee-acl-rupture-before-pt.toml"),
            "the trace sees the reads"
        );
        let writes = writes_in(&text, &[&lib, &env.home]);
        assert!(writes.is_empty(), "{args:?} writes:\n{}", writes.join("\n"));
    }
}

// ------------------------------------------------------------------ tmux

/// Everything a user does in a session, read-only by intent: search, walk
/// events, presentation mode, themes, zoom, sort, help, errors, reload,
/// mouse, the editor (`true`, which writes nothing), quit.
fn full_session(t: &Tmux, lib: &Path, trace: Option<&Path>) {
    let bin = env!("CARGO_BIN_EXE_pathwise");
    let prefix = match trace {
        Some(out) => format!("strace -f -qq -e {TRACED} -o {} ", out.display()),
        None => String::new(),
    };
    t.type_text(&format!(
        "clear; {prefix}{bin} --library {}; echo EXIT=$?",
        lib.display()
    ));
    t.send(&["Enter"]);
    t.wait_for("the library", |s| s.contains(&all_cases()));
    t.type_text("/rot");
    t.wait_for("the filter", |s| s.contains(&cases_matching("rot")));
    t.send(&["Enter"]);
    t.keys(&["Escape"], "the cleared filter", |s| s.contains(&all_cases()));
    t.send(&["j", "2", "Right", "Right", "Right", "3", "4", "j", "j"]);
    t.keys(&["p"], "presenting", |s| s.contains("PRESENTING"));
    t.keys(&["p"], "presenting off", |s| !s.contains("PRESENTING"));
    for _ in 0..3 {
        t.keys(&["t"], "a theme", |s| s.contains("theme:"));
        t.send(&["j"]);
    }
    t.keys(&["z"], "zoom", |s| s.contains("ZOOM"));
    t.keys(&["z"], "zoom off", |s| !s.contains("ZOOM"));
    t.keys(&["o"], "sorted", |s| s.contains("sorted by"));
    t.keys(&["?"], "help", |s| s.contains("move down in the focused pane"));
    t.keys(&["Escape"], "help closed", |s| {
        !s.contains("move down in the focused pane")
    });
    t.keys(&["!"], "the errors", |s| s.contains("Load errors"));
    t.keys(&["Escape"], "errors closed", |s| !s.contains("Load errors"));
    t.keys(&["r"], "reloaded", |s| s.contains("reloaded"));
    t.keys(&["m"], "mouse off", |s| s.contains("mouse off"));
    t.keys(&["m"], "mouse on", |s| s.contains("mouse on"));
    // the editor (`true`) changes nothing, and the console says so
    t.keys(&["1", "e"], "back from the editor", |s| s.contains("no change to"));
    t.send(&["q"]);
    t.wait_for("exit", |s| s.lines().any(|l| l.starts_with("EXIT=")));
}

#[test]
fn a_full_console_session_changes_no_file() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let lib = library_copy(tmp.path());
    let home = tmp.path().join("home");
    std::fs::create_dir(&home).expect("home");
    let before = snapshot(&lib);
    let home_before = snapshot(&home);
    let Some(t) = Tmux::start_in("nowrite", 160, 48, &home) else {
        return;
    };
    let trace = strace_works().then(|| tmp.path().join("console-trace.txt"));
    full_session(&t, &lib, trace.as_deref());
    assert_unchanged(&before, &snapshot(&lib), "the console session");
    assert_unchanged(
        &home_before,
        &snapshot(&home),
        "the console session, in the home folder",
    );
    if let Some(trace) = trace {
        let text = std::fs::read_to_string(&trace).expect("trace");
        assert!(text.contains("broken.toml"), "the trace sees the reads");
        let writes = writes_in(&text, &[&lib, &home]);
        assert!(writes.is_empty(), "the console writes:\n{}", writes.join("\n"));
    }
}

// ------------------------------------------------------------- read-only

/// Makes the library read-only: files 0444, folders 0555, and, as root
/// (whom permission bits do not stop), immutable with `chattr +i` where
/// the file system allows it. Undone on drop so the temp dir can go.
struct ReadOnly {
    paths: Vec<PathBuf>,
    immutable: bool,
}

impl ReadOnly {
    fn make(lib: &Path) -> ReadOnly {
        let mut paths: Vec<PathBuf> = snapshot(lib).into_keys().collect();
        // children before their folder
        paths.sort_by_key(|p| std::cmp::Reverse(p.components().count()));
        for p in &paths {
            let mode = if p.is_dir() { 0o555 } else { 0o444 };
            std::fs::set_permissions(p, std::fs::Permissions::from_mode(mode)).expect("chmod");
        }
        // does a write get through? (root, or CAP_DAC_OVERRIDE)
        let bits_bite = std::fs::File::options().append(true).open(&paths[0]).is_err();
        let mut immutable = false;
        if !bits_bite {
            immutable = Command::new("chattr")
                .arg("+i")
                .args(&paths)
                .output()
                .is_ok_and(|o| o.status.success());
            if immutable {
                assert!(
                    std::fs::File::options().append(true).open(&paths[0]).is_err(),
                    "chattr +i stops writes"
                );
            } else {
                eprintln!(
                    "note: running as root without chattr +i: the permission bits do not stop writes, \
                     so this test relies on the before/after hashes"
                );
            }
        }
        ReadOnly { paths, immutable }
    }
}

impl Drop for ReadOnly {
    fn drop(&mut self) {
        if self.immutable {
            let _ = Command::new("chattr").arg("-i").args(&self.paths).output();
        }
        for p in &self.paths {
            let mode = if p.is_dir() { 0o755 } else { 0o644 };
            let _ = std::fs::set_permissions(p, std::fs::Permissions::from_mode(mode));
        }
    }
}

#[test]
fn a_read_only_library_works() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let lib = library_copy(tmp.path());
    std::fs::remove_file(lib.join("broken.toml")).expect("only valid cases here");
    let env = Env {
        home: tmp.path().join("home"),
    };
    std::fs::create_dir(&env.home).expect("home");
    let _ro = ReadOnly::make(&lib);
    let before = snapshot(&lib);
    let l = lib.to_str().expect("UTF-8 path");
    let out = pathwise(&env, &["list", "--library", l]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    let n = sample_count();
    assert_eq!(stdout.lines().count(), n + 1, "the header and every case:\n{stdout}");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains(&format!("{n} cases from")), "{stderr}");
    for args in [
        vec!["validate", l],
        vec!["score", "--all", "--json", "--library", l],
        vec!["show", "knee-acl-rupture-before-pt", "--library", l],
    ] {
        let out = pathwise(&env, &args);
        assert_eq!(
            out.status.code(),
            Some(0),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    if let Some(t) = Tmux::start_in("readonly", 120, 40, &env.home) {
        t.type_text(&format!(
            "clear; {} --library {l}; echo EXIT=$?",
            env!("CARGO_BIN_EXE_pathwise")
        ));
        t.send(&["Enter"]);
        let s = t.wait_for("the library", |s| s.contains(&all_cases()));
        assert!(!s.contains("errors"), "no load errors on a read-only folder:\n{s}");
        t.send(&["2", "Right", "p"]);
        t.wait_for("presenting", |s| s.contains("PRESENTING"));
        t.send(&["q"]);
        t.wait_for("exit", |s| s.contains("EXIT=0"));
    }
    assert_unchanged(&before, &snapshot(&lib), "the read-only library");
}
