//! File-system faults, through the library API and the real binary: each
//! gives a clear, located, terminal-safe message, never a hang, and the
//! rest of the library loads. Files deleted or truncated under a running
//! console, symlink loops, thousands of files with hundreds broken, a
//! 1 GiB file, a device posing as a case file, non-UTF-8 names,
//! unreadable files and folders, and a named pipe.

use pathwise::case::CaseError;
use pathwise::library::{self, Library, Origin, Source, case_files, load_case_file, load_files, read_limited};
use pathwise::text::is_unsafe;
use std::ffi::OsStr;
use std::os::unix::ffi::OsStrExt;
use std::os::unix::fs::{MetadataExt, PermissionsExt};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const SAMPLE: &str = "lumbar-foot-drop-microdiscectomy";

fn sample_text() -> String {
    std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("data/cases")
            .join(format!("{SAMPLE}.toml")),
    )
    .expect("sample")
}

/// The sample under another id.
fn case_with_id(id: &str) -> String {
    let text = sample_text();
    let from = format!("id = \"{SAMPLE}\"");
    assert!(text.contains(&from));
    text.replacen(&from, &format!("id = \"{id}\""), 1)
}

fn write(dir: &Path, name: impl AsRef<OsStr>, text: impl AsRef<[u8]>) -> PathBuf {
    let p = dir.join(name.as_ref());
    std::fs::write(&p, text).expect("write");
    p
}

fn load(dir: &Path) -> Library {
    Library::load(Source::dir(Origin::Flag, dir))
}

/// Every error is for a file, says something, and is terminal-safe.
fn assert_errors_clean(errors: &[CaseError]) {
    for e in errors {
        let shown = e.to_string();
        assert!(!e.message.trim().is_empty(), "{e:?}");
        assert!(!shown.chars().any(is_unsafe), "raw control in {shown:?}");
    }
}

fn messages(lib: &Library) -> String {
    lib.errors.iter().map(|e| format!("{e}\n")).collect()
}

struct Run {
    code: i32,
    stdout: String,
    stderr: String,
    took: Duration,
}

/// The binary, isolated from the developer's setup, killed (and the test
/// failed) if it runs longer than `limit`.
fn pathwise(args: &[&OsStr], limit: Duration) -> Run {
    run_binary(args, limit, false)
}

/// As [`pathwise`], run as the unprivileged user `nobody` (via `setpriv`)
/// when `as_nobody`, so permission bits bite even when the tests run as root.
fn run_binary(args: &[&OsStr], limit: Duration, as_nobody: bool) -> Run {
    let home = tempfile::tempdir().expect("temp dir");
    std::fs::set_permissions(home.path(), std::fs::Permissions::from_mode(0o755)).expect("chmod");
    let started = Instant::now();
    let mut cmd = if as_nobody {
        let mut c = Command::new("setpriv");
        c.args(["--reuid=65534", "--regid=65534", "--clear-groups"])
            .arg(env!("CARGO_BIN_EXE_pathwise"));
        c
    } else {
        Command::new(env!("CARGO_BIN_EXE_pathwise"))
    };
    let mut child = cmd
        .args(args)
        .env("PATHWISE_CONFIG", home.path().join("none").join("config.toml"))
        .env_remove("PATHWISE_LIBRARY")
        .env("HOME", home.path())
        .env("XDG_DATA_HOME", home.path().join("data"))
        .env("XDG_CONFIG_HOME", home.path().join("config"))
        .current_dir(home.path())
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run pathwise");
    // drain the pipes on threads so a big output cannot block the child
    let mut out = child.stdout.take().expect("stdout");
    let mut err = child.stderr.take().expect("stderr");
    let out = std::thread::spawn(move || {
        let mut b = Vec::new();
        std::io::Read::read_to_end(&mut out, &mut b).map(|_| b)
    });
    let err = std::thread::spawn(move || {
        let mut b = Vec::new();
        std::io::Read::read_to_end(&mut err, &mut b).map(|_| b)
    });
    let status = loop {
        if let Some(status) = child.try_wait().expect("wait") {
            break status;
        }
        if started.elapsed() > limit {
            let _ = child.kill();
            let _ = child.wait();
            panic!("pathwise {args:?} still running after {limit:?}: it hangs");
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    let took = started.elapsed();
    let stdout = String::from_utf8(out.join().expect("join").expect("read")).expect("stdout is UTF-8");
    let stderr = String::from_utf8(err.join().expect("join").expect("read")).expect("stderr is UTF-8");
    for (name, s) in [("stdout", &stdout), ("stderr", &stderr)] {
        assert!(
            !s.chars().any(|c| c != '\n' && is_unsafe(c)),
            "{args:?} {name} holds a raw control: {s:?}"
        );
    }
    let code = status.code().expect("exited, not killed by a signal");
    assert_ne!(code, 101, "{args:?} panicked:\n{stderr}");
    Run {
        code,
        stdout,
        stderr,
        took,
    }
}

fn os(s: &str) -> &OsStr {
    OsStr::new(s)
}

const QUICK: Duration = Duration::from_secs(20);

#[test]
fn a_file_deleted_between_discovery_and_read_is_reported_and_the_rest_load() {
    let tmp = tempfile::tempdir().expect("temp dir");
    for id in ["a", "b", "c"] {
        write(tmp.path(), format!("{id}.toml"), case_with_id(id));
    }
    let found = case_files(tmp.path());
    assert_eq!(found.files.len(), 3);
    let gone = tmp.path().join("b.toml");
    std::fs::remove_file(&gone).expect("delete");
    let results = load_files(&found.files);
    assert_eq!(results.len(), 3, "one result per file, in order");
    for (path, result) in found.files.iter().zip(&results) {
        if *path == gone {
            let errors = result.as_ref().expect_err("the deleted file fails");
            assert_eq!(errors.len(), 1);
            assert_eq!(errors[0].path, gone);
            assert!(
                errors[0].message.contains("cannot read") && errors[0].message.contains("No such file"),
                "a clear message: {}",
                errors[0]
            );
            assert_errors_clean(errors);
        } else {
            result.as_ref().expect("the others load");
        }
    }
    // the watched library: the deletion arrives as a change
    let a = tmp.path().join("a.toml");
    let mut lib = Library::load(Source::dir(Origin::Flag, tmp.path()));
    assert_eq!(lib.cases.len(), 2);
    std::fs::remove_file(&a).expect("delete");
    let rescore = lib.apply(vec![(a.clone(), None)]);
    assert!(rescore.contains(&a));
    assert_eq!(lib.cases.len(), 1, "the deleted case is gone, the other stays");
    assert_eq!(lib.cases[0].case.id, "c");
    assert!(
        lib.errors.is_empty(),
        "a deleted file is not an error: {}",
        messages(&lib)
    );
}

#[test]
fn a_truncated_file_is_a_located_error() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let text = case_with_id("cut");
    // cut inside the MRI's findings string, in the middle of [[workup]]
    let inside = text.find("Large left paracentral").expect("findings") + 10;
    let line = text[..inside].lines().count();
    let cut = write(tmp.path(), "cut.toml", &text[..inside]);
    let errors = load_case_file(&cut).expect_err("a truncated file fails");
    assert_eq!(errors[0].path, cut);
    assert_eq!(errors[0].line, Some(line), "located on the cut line: {}", errors[0]);
    assert!(errors[0].column.is_some());
    assert_errors_clean(&errors);
    // cut inside a table header
    let header = text.find("[[workup]]").expect("header") + 4;
    let line = text[..header].lines().count();
    let errors = pathwise::case::parse_case(&cut, &text.as_bytes()[..header]).expect_err("fails");
    assert_eq!(errors[0].line, Some(line), "{}", errors[0]);
    // cut after a whole line, before the required `findings`
    let before = text.find("findings = ").expect("findings");
    let errors = pathwise::case::parse_case(&cut, &text.as_bytes()[..before]).expect_err("fails");
    assert!(errors[0].message.contains("findings"), "{}", errors[0]);
    assert!(
        errors[0].line.is_some(),
        "a missing key names the table's line: {}",
        errors[0]
    );

    // under a running console: the file is truncated on disk, the change is
    // applied, the case moves to the errors, the others stay
    let lib_dir = tmp.path().join("lib");
    std::fs::create_dir(&lib_dir).expect("mkdir");
    let victim = write(&lib_dir, "victim.toml", case_with_id("victim"));
    write(&lib_dir, "other.toml", case_with_id("other"));
    let mut lib = load(&lib_dir);
    assert_eq!(lib.cases.len(), 2);
    let f = std::fs::File::options().write(true).open(&victim).expect("open");
    f.set_len(inside as u64).expect("truncate");
    drop(f);
    lib.apply(vec![(victim.clone(), Some(load_case_file(&victim)))]);
    assert_eq!(lib.cases.len(), 1);
    assert_eq!(lib.cases[0].case.id, "other");
    assert_eq!(lib.failed_files(), 1);
    assert!(lib.errors[0].line.is_some(), "{}", messages(&lib));
    // and the binary says where
    let r = pathwise(&[os("validate"), lib_dir.as_os_str()], QUICK);
    assert_eq!(r.code, 1);
    let expected = format!("victim.toml:{}:", text[..inside].lines().count());
    assert!(r.stdout.contains(&expected), "{expected} in:\n{}", r.stdout);
    assert!(r.stderr.contains("1 valid, 1 with problems"), "{}", r.stderr);
}

#[test]
fn symlink_loops_are_reported_and_the_rest_loads() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let dir = tmp.path();
    write(dir, "good.toml", case_with_id("good"));
    let sub = dir.join("sub");
    std::fs::create_dir(&sub).expect("mkdir");
    write(&sub, "deeper.toml", case_with_id("deeper"));
    // a folder that leads back up, a file that is a link to itself, a link
    // to nothing, and two links that point at each other
    std::os::unix::fs::symlink(dir, sub.join("up")).expect("symlink");
    std::os::unix::fs::symlink("self.toml", dir.join("self.toml")).expect("symlink");
    std::os::unix::fs::symlink("nowhere.toml", dir.join("dangling.toml")).expect("symlink");
    std::os::unix::fs::symlink("ping.toml", dir.join("pong.toml")).expect("symlink");
    std::os::unix::fs::symlink("pong.toml", dir.join("ping.toml")).expect("symlink");
    let started = Instant::now();
    let lib = load(dir);
    assert!(started.elapsed() < Duration::from_secs(5), "no endless walk");
    let mut ids: Vec<&str> = lib.cases.iter().map(|l| l.case.id.as_str()).collect();
    ids.sort();
    assert_eq!(ids, ["deeper", "good"], "{}", messages(&lib));
    let all = messages(&lib);
    assert!(all.contains("symbolic link loop"), "the folder loop: {all}");
    for name in ["self.toml", "dangling.toml", "ping.toml", "pong.toml"] {
        assert!(
            lib.errors
                .iter()
                .any(|e| e.path.ends_with(name) && e.message.contains("cannot open")),
            "{name} is reported: {all}"
        );
    }
    assert_errors_clean(&lib.errors);
    let r = pathwise(&[os("validate"), dir.as_os_str()], QUICK);
    assert_eq!(r.code, 1);
    assert!(r.stdout.contains("symbolic link loop"), "{}", r.stdout);
    assert!(r.stdout.contains("self.toml"), "{}", r.stdout);
    let r = pathwise(&[os("list"), os("--library"), dir.as_os_str()], QUICK);
    assert_eq!(r.stdout.lines().count(), 3, "header and two cases:\n{}", r.stdout);
}

/// The folder of 10,000 files of which 1,000 are broken.
#[test]
fn ten_thousand_files_with_a_thousand_broken_load_the_rest() {
    const FILES: usize = 10_000;
    const BROKEN: usize = 1_000;
    let tmp = tempfile::tempdir().expect("temp dir");
    let dir = tmp.path();
    let mut broken_paths = Vec::new();
    for n in 0..FILES {
        let id = format!("case-{n:05}");
        let good = case_with_id(&id);
        let sub = dir.join(format!("d{}", n % 10));
        std::fs::create_dir_all(&sub).expect("mkdir");
        let text = if n % (FILES / BROKEN) == 0 {
            let bad = match (n / (FILES / BROKEN)) % 5 {
                0 => good.replacen("schema = 1", "schema = 1\nbogus_key = 3", 1),
                1 => good.replacen("region = \"lumbar\"", "region = \"nowhere\"", 1),
                2 => format!("{}\n[[pt]\n", &good[..good.len() * 3 / 5]),
                3 => good.replacen("age = 47", "age = 999", 1),
                _ => good.replacen("onset = 2025-05-05", "onset = 2025-02-30", 1),
            };
            assert_ne!(bad, good);
            bad
        } else {
            good
        };
        let p = write(&sub, format!("{id}.toml"), text);
        if n % (FILES / BROKEN) == 0 {
            broken_paths.push(p);
        }
    }
    assert_eq!(broken_paths.len(), BROKEN);
    let started = Instant::now();
    let lib = load(dir);
    let took = started.elapsed();
    assert_eq!(lib.cases.len(), FILES - BROKEN, "{}", messages(&lib));
    assert_eq!(lib.failed_files(), BROKEN);
    assert!(lib.withheld.is_empty());
    let mut failed: Vec<&PathBuf> = lib.errors.iter().map(|e| &e.path).collect();
    failed.sort();
    failed.dedup();
    broken_paths.sort();
    assert_eq!(
        failed,
        broken_paths.iter().collect::<Vec<_>>(),
        "exactly the broken files"
    );
    assert_errors_clean(&lib.errors);
    eprintln!("loaded {FILES} files in {took:?}");
    let r = pathwise(&[os("validate"), dir.as_os_str()], Duration::from_secs(60));
    assert_eq!(r.code, 1);
    assert!(
        r.stderr.contains("checked 10000 files: 9000 valid, 1000 with problems"),
        "{}",
        r.stderr
    );
    let r = pathwise(&[os("list"), os("--library"), dir.as_os_str()], Duration::from_secs(60));
    assert_eq!(
        r.stdout.lines().count(),
        FILES - BROKEN + 1,
        "the header and every good case"
    );
    assert!(
        r.stderr.contains("9000 cases from") && r.stderr.contains("1000 files failed to load"),
        "{}",
        r.stderr.lines().next().unwrap_or_default()
    );
    eprintln!("validate and list of {FILES} files: {:?} for list", r.took);
}

#[test]
fn a_sparse_1_gib_file_is_refused_by_size_without_being_read() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let dir = tmp.path();
    write(dir, "good.toml", case_with_id("good"));
    let huge = dir.join("huge.toml");
    let f = std::fs::File::create(&huge).expect("create");
    f.set_len(1 << 30).expect("sparse 1 GiB");
    drop(f);
    let m = std::fs::metadata(&huge).expect("metadata");
    assert_eq!(m.len(), 1 << 30);
    assert!(m.blocks() < 1024, "the file is sparse: it costs no disk");
    let started = Instant::now();
    let err = read_limited(&huge).expect_err("refused");
    assert!(started.elapsed() < Duration::from_secs(1), "refused without reading");
    assert!(
        err.message.contains("1.0 GiB") && err.message.contains("over the 1 MiB limit"),
        "{err}"
    );
    let started = Instant::now();
    let lib = load(dir);
    assert!(
        started.elapsed() < Duration::from_secs(1),
        "took {:?}",
        started.elapsed()
    );
    assert_eq!(lib.cases.len(), 1);
    assert_eq!(lib.failed_files(), 1, "{}", messages(&lib));
    let r = pathwise(&[os("validate"), dir.as_os_str()], QUICK);
    assert!(r.took < Duration::from_secs(5), "validate took {:?}", r.took);
    assert!(r.stdout.contains("huge.toml: the file is 1.0 GiB"), "{}", r.stdout);
    assert!(r.stderr.contains("1 valid, 1 with problems"), "{}", r.stderr);
}

/// A device whose size says 0 but which never ends: the read is capped.
#[test]
fn a_link_to_an_endless_device_is_refused_after_the_limit() {
    if !Path::new("/dev/zero").exists() {
        eprintln!("skipping: no /dev/zero");
        return;
    }
    let tmp = tempfile::tempdir().expect("temp dir");
    write(tmp.path(), "good.toml", case_with_id("good"));
    let zero = tmp.path().join("zero.toml");
    std::os::unix::fs::symlink("/dev/zero", &zero).expect("symlink");
    let started = Instant::now();
    let lib = load(tmp.path());
    assert!(started.elapsed() < Duration::from_secs(5));
    assert_eq!(lib.cases.len(), 1);
    let e = lib
        .errors
        .iter()
        .find(|e| e.path == zero)
        .expect("zero.toml is reported");
    // refused before it is opened (not a regular file), or by the read cap
    assert!(
        e.message.contains("over the 1 MiB limit") || e.message.contains("not a regular file"),
        "{e}"
    );
}

#[test]
fn non_utf8_file_names_load_and_are_shown_readably() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let dir = tmp.path();
    let good = write(dir, OsStr::from_bytes(b"bad\xff.toml"), case_with_id("latin"));
    let bad = write(dir, OsStr::from_bytes(b"worse\xfe\x1b[2J.toml"), "schema = 1\nid = 3\n");
    let lib = load(dir);
    assert_eq!(lib.cases.len(), 1, "{}", messages(&lib));
    assert_eq!(lib.cases[0].path, good);
    // every mistake in the bad file is reported, and only for that file
    assert_eq!(lib.failed_files(), 1);
    assert!(lib.errors.iter().all(|e| e.path == bad));
    let shown = lib.errors[0].display_path();
    assert!(shown.ends_with("worse\u{fffd}^[[2J.toml"), "lossy and escaped: {shown}");
    assert_errors_clean(&lib.errors);
    let r = pathwise(&[os("list"), os("--json"), os("--library"), dir.as_os_str()], QUICK);
    let items: serde_json::Value = serde_json::from_str(&r.stdout).expect("JSON");
    let path = items[0]["path"].as_str().expect("a path");
    assert!(path.ends_with("bad\u{fffd}.toml"), "{path}");
    assert!(r.stderr.contains("worse\u{fffd}^[[2J.toml"), "{}", r.stderr);
    let r = pathwise(&[os("validate"), dir.as_os_str()], QUICK);
    assert!(r.stdout.contains("worse\u{fffd}^[[2J.toml:2:"), "{}", r.stdout);
    let r = pathwise(&[os("show"), os("latin"), os("--library"), dir.as_os_str()], QUICK);
    assert_eq!(r.code, 0, "the case shows by id: {}", r.stderr);
    // `show FILE` takes its argument as text: a non-UTF-8 path is refused
    // with a usage message, not a panic
    let r = pathwise(&[os("show"), good.as_os_str()], QUICK);
    assert!(
        r.code == 0 || (r.code == 2 && r.stderr.contains("invalid UTF-8")),
        "{}",
        r.stderr
    );
}

/// Whether permission bits stop this process (not as root).
fn permission_bits_bite(dir: &Path) -> bool {
    let probe = write(dir, "probe", "x");
    std::fs::set_permissions(&probe, std::fs::Permissions::from_mode(0o000)).expect("chmod");
    let bites = std::fs::File::open(&probe).is_err();
    std::fs::remove_file(&probe).expect("rm");
    bites
}

fn setpriv_works() -> bool {
    Command::new("setpriv")
        .args(["--reuid=65534", "--regid=65534", "--clear-groups", "true"])
        .status()
        .is_ok_and(|s| s.success())
}

#[test]
fn unreadable_files_and_folders_are_reported() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let dir = tmp.path();
    std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o755)).expect("chmod");
    // root (or CAP_DAC_OVERRIDE) reads a mode-000 file anyway
    let as_root = !permission_bits_bite(dir);
    write(dir, "good.toml", case_with_id("good"));
    let locked = write(dir, "locked.toml", case_with_id("locked"));
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o000)).expect("chmod");
    let closed = dir.join("closed");
    std::fs::create_dir(&closed).expect("mkdir");
    write(&closed, "inside.toml", case_with_id("inside"));
    std::fs::set_permissions(&closed, std::fs::Permissions::from_mode(0o000)).expect("chmod");
    let lib = load(dir);
    let as_nobody = as_root && setpriv_works();
    let r = (!as_root || as_nobody).then(|| run_binary(&[os("validate"), dir.as_os_str()], QUICK, as_nobody));
    std::fs::set_permissions(&closed, std::fs::Permissions::from_mode(0o755)).expect("chmod back");
    if as_root {
        // the API runs in this (root) process, where nothing is unreadable
        eprintln!("unreadable files: running as root, mode 000 does not stop reads; the library API part is skipped");
    } else {
        assert_eq!(lib.cases.len(), 1, "{}", messages(&lib));
        let all = messages(&lib);
        assert!(
            lib.errors
                .iter()
                .any(|e| e.path == locked && e.message.contains("Permission denied")),
            "{all}"
        );
        assert!(
            lib.errors
                .iter()
                .any(|e| e.path == closed && e.message.contains("cannot read folder")),
            "{all}"
        );
    }
    let Some(r) = r else {
        eprintln!("unreadable files: skipped, running as root without setpriv to drop to nobody");
        return;
    };
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(
        r.stdout.contains("locked.toml: cannot read: Permission denied"),
        "{}",
        r.stdout
    );
    assert!(r.stdout.contains("closed: cannot read folder"), "{}", r.stdout);
    assert!(r.stderr.contains("1 valid"), "the good case loads: {}", r.stderr);
}

/// A named pipe called `x.toml` (or a symlink to one) must not stop the
/// library from loading: opening it for reading blocks until someone
/// writes, so it has to be refused as "not a regular file", not read.
#[test]
fn a_named_pipe_is_reported_not_waited_on() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let dir = tmp.path();
    write(dir, "good.toml", case_with_id("good"));
    let fifo = dir.join("pipe.toml");
    let made = Command::new("mkfifo").arg(&fifo).status();
    if !made.is_ok_and(|s| s.success()) {
        eprintln!("skipping: mkfifo is not available");
        return;
    }
    assert!(library::is_case_file(&fifo));
    let r = pathwise(&[os("validate"), dir.as_os_str()], Duration::from_secs(10));
    assert!(r.stdout.contains("pipe.toml"), "the pipe is reported:\n{}", r.stdout);
    assert!(r.stderr.contains("1 valid"), "{}", r.stderr);
}
