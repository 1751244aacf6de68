//! Writing a referral summary into a folder someone else can write to:
//! `export -o FILE` and the console's `E`. The old scheme wrote through a
//! temporary file with a predictable name (`.NAME.PID.tmp`) opened with
//! O_CREAT|O_TRUNC, so a symbolic link planted there overwrote its target
//! (a case file was overwritten this way), and `--force` replaced a device
//! node with a regular file. Each attack is planted here and the victim
//! must be unchanged; every refusal names the path and exits 2.

use crate::common::Tmux;

use std::os::unix::fs::{FileTypeExt, symlink};
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

const ID: &str = "lumbar-s1-sequestered-fragment";
const VICTIM: &str = "schema = 1\nid = \"precious\"\n# a case file that must not change\n";

fn bin() -> &'static str {
    env!("CARGO_BIN_EXE_pathwise")
}

/// Runs a shell line with the binary's path as `$PW`, with a time limit:
/// a write that opened a named pipe would wait forever.
fn sh(dir: &Path, line: &str) -> Output {
    let cfg = dir.join("no-config.toml");
    let mut child = Command::new("sh")
        .arg("-c")
        .arg(line)
        .current_dir(dir)
        .env("PW", bin())
        .env("PATHWISE_CONFIG", &cfg)
        .env_remove("PATHWISE_LIBRARY")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("sh runs");
    let until = Instant::now() + Duration::from_secs(20);
    while child.try_wait().expect("wait").is_none() {
        if Instant::now() > until {
            let _ = child.kill();
            panic!("`{line}` did not finish in 20 s");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    child.wait_with_output().expect("output")
}

fn export_to(dir: &Path, target: &str, force: bool) -> Output {
    let force = if force { " --force" } else { "" };
    sh(dir, &format!("exec \"$PW\" export {ID} -o '{target}'{force}"))
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn victim(dir: &Path) -> PathBuf {
    let v = dir.join("victim.toml");
    std::fs::write(&v, VICTIM).expect("write");
    v
}

fn assert_victim_unchanged(v: &Path) {
    let meta = std::fs::symlink_metadata(v).expect("the victim is still there");
    assert!(meta.is_file(), "the victim is still a regular file");
    assert_eq!(
        std::fs::read_to_string(v).expect("read"),
        VICTIM,
        "the victim was overwritten"
    );
}

/// Temporary files a write left behind in `dir` (the links planted by a
/// test are not among them).
fn temporaries(dir: &Path) -> Vec<String> {
    std::fs::read_dir(dir)
        .expect("read dir")
        .flatten()
        .filter(|e| e.file_type().is_ok_and(|t| !t.is_symlink()))
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(".pathwise-") || n.ends_with(".tmp"))
        .collect()
}

/// The temporary names the old scheme used for `name`, for the process the
/// shell is about to become (`exec` keeps `$$`): a link to the victim at
/// each, planted just before pathwise starts.
fn plant_old_temporaries(names: &[&str]) -> String {
    names
        .iter()
        .map(|n| format!("ln -s victim.toml \".{n}.$$.tmp\" && "))
        .collect()
}

#[test]
fn export_o_never_writes_through_a_link_at_the_old_temporary_name() {
    for force in [false, true] {
        let tmp = tempfile::tempdir().expect("temp dir");
        let dir = tmp.path();
        let v = victim(dir);
        if force {
            std::fs::write(dir.join("out.md"), "an earlier summary").expect("write");
        }
        let force_flag = if force { " --force" } else { "" };
        let line = format!(
            "{}exec \"$PW\" export {ID} -o out.md{force_flag}",
            plant_old_temporaries(&["out.md"])
        );
        let o = sh(dir, &line);
        assert!(o.status.success(), "force={force}: {}", stderr(&o));
        assert_victim_unchanged(&v);
        let out = std::fs::read_to_string(dir.join("out.md")).expect("the summary");
        assert!(out.starts_with("# Referral summary"), "{out}");
        assert!(
            std::fs::symlink_metadata(dir.join("out.md")).expect("meta").is_file(),
            "out.md is a regular file, not the planted link"
        );
        assert!(temporaries(dir).is_empty(), "left behind: {:?}", temporaries(dir));
    }
}

#[test]
fn a_link_at_the_target_is_not_followed_without_force() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let dir = tmp.path();
    let v = victim(dir);
    symlink("victim.toml", dir.join("out.md")).expect("link");
    let o = export_to(dir, "out.md", false);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    let e = stderr(&o);
    assert!(
        e.contains("pathwise export: out.md: is a symbolic link to victim.toml"),
        "{e}"
    );
    assert!(e.contains("--force"), "{e}");
    assert_victim_unchanged(&v);
    assert!(
        std::fs::symlink_metadata(dir.join("out.md"))
            .expect("meta")
            .is_symlink()
    );
    // with --force the file it points to is the one replaced, as asked
    let o = export_to(dir, "out.md", true);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        std::fs::symlink_metadata(dir.join("out.md"))
            .expect("meta")
            .is_symlink()
    );
    assert!(
        std::fs::read_to_string(&v)
            .expect("read")
            .starts_with("# Referral summary")
    );
    assert!(temporaries(dir).is_empty(), "left behind: {:?}", temporaries(dir));
}

/// A refusal: exit 2, the path named, and what is there left as it was.
fn assert_refused(dir: &Path, target: &str, says: &str, still: impl Fn(&Path) -> bool) {
    for force in [false, true] {
        let o = export_to(dir, target, force);
        let e = stderr(&o);
        assert_eq!(o.status.code(), Some(2), "{target} force={force}: {e}");
        assert!(
            e.contains(&format!("pathwise export: {target}: {says}")),
            "{target} force={force}: {e}"
        );
        assert!(still(&dir.join(target)), "{target} was replaced (force={force})");
        assert!(temporaries(dir).is_empty(), "left behind: {:?}", temporaries(dir));
    }
}

#[test]
fn a_device_a_fifo_a_directory_and_a_dangling_link_are_refused_and_left_alone() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let dir = tmp.path();

    // a device node, as /dev/full copied (root can; others skip this one)
    let full = dir.join("full");
    let made = Command::new("cp").arg("-a").arg("/dev/full").arg(&full).status();
    if made.is_ok_and(|s| s.success()) && std::fs::symlink_metadata(&full).is_ok_and(|m| m.file_type().is_char_device())
    {
        assert_refused(dir, "full", "is a device, not a regular file", |p| {
            std::fs::symlink_metadata(p).is_ok_and(|m| m.file_type().is_char_device())
        });
        // and a link to it
        symlink("full", dir.join("to-full.md")).expect("link");
        assert_refused(
            dir,
            "to-full.md",
            "is a symbolic link to full, which is a device",
            |p| {
                std::fs::symlink_metadata(p).is_ok_and(|m| m.is_symlink())
                    && std::fs::metadata(p).is_ok_and(|m| m.file_type().is_char_device())
            },
        );
    } else {
        assert!(
            std::env::var_os("CI").is_none(),
            "CI runs as root and can copy /dev/full"
        );
        eprintln!("skipping the device node: cannot create one here");
    }

    let fifo = dir.join("pipe.md");
    assert!(Command::new("mkfifo").arg(&fifo).status().expect("mkfifo").success());
    assert_refused(dir, "pipe.md", "is a named pipe (FIFO), not a regular file", |p| {
        std::fs::symlink_metadata(p).is_ok_and(|m| m.file_type().is_fifo())
    });

    std::fs::create_dir(dir.join("out")).expect("mkdir");
    std::fs::write(dir.join("out/keep"), "x").expect("write");
    let is_dir_kept = |p: &Path| p.is_dir() && p.join("keep").exists();
    assert_refused(dir, "out/", "is a directory", is_dir_kept);
    assert_refused(dir, "out", "is a directory", is_dir_kept);

    symlink("nowhere.md", dir.join("dangling.md")).expect("link");
    assert_refused(
        dir,
        "dangling.md",
        "is a symbolic link to nowhere.md, which does not exist",
        |p| std::fs::symlink_metadata(p).is_ok_and(|m| m.is_symlink()),
    );
    assert!(
        !dir.join("nowhere.md").exists(),
        "the link was followed to create its target"
    );
}

#[test]
fn a_refused_overwrite_exits_2_and_a_failed_write_exits_1() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let dir = tmp.path();
    std::fs::write(dir.join("summary.md"), "keep me").expect("write");
    let o = export_to(dir, "summary.md", false);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("pathwise export: summary.md: exists; pass --force to replace it"),
        "{}",
        stderr(&o)
    );
    assert_eq!(
        std::fs::read_to_string(dir.join("summary.md")).expect("read"),
        "keep me"
    );
    let o = export_to(dir, "no-such-folder/summary.md", false);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("pathwise export: no-such-folder/summary.md: cannot write"),
        "{}",
        stderr(&o)
    );
}

/// The console's `E`: into the current folder, under the first free name,
/// with links planted at every name the old scheme would have used.
#[test]
fn the_console_s_export_never_writes_through_planted_links() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let dir = tmp.path();
    let lib = dir.join("lib");
    std::fs::create_dir(&lib).expect("mkdir");
    std::fs::copy(
        Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("data/cases/{ID}.toml")),
        lib.join(format!("{ID}.toml")),
    )
    .expect("copy");
    let out = dir.join("out");
    std::fs::create_dir(&out).expect("mkdir");
    let v = victim(&out);
    // the first free name is taken by a link to nothing: the old scheme
    // chose it (it does not "exist") and wrote its temporary file through
    // a link; the new one must pass over it without creating its target
    symlink("created-through-a-link.md", out.join(format!("{ID}-referral.md"))).expect("link");
    let names: Vec<String> = std::iter::once(format!("{ID}-referral.md"))
        .chain((2..=6).map(|n| format!("{ID}-referral-{n}.md")))
        .collect();
    let names: Vec<&str> = names.iter().map(String::as_str).collect();
    let script = out.join("run.sh");
    std::fs::write(
        &script,
        format!(
            "cd '{}' && {}exec '{}' --library '{}'\n",
            out.display(),
            plant_old_temporaries(&names),
            bin(),
            lib.display()
        ),
    )
    .expect("write");
    let Some(t) = Tmux::start("export-e", 100, 30) else {
        return;
    };
    t.shell(&format!("clear; sh '{}'; echo EXIT=$?", script.display()));
    t.wait_for("the console", |s| s.contains("Cases 1/1"));
    t.send(&["E"]);
    let s = t.wait_for("the export message", |s| {
        s.contains("wrote") || s.contains("export failed")
    });
    assert!(s.contains(&format!("wrote ./{ID}-referral-2.md")), "{s}");
    t.send(&["q"]);
    t.wait_for("exit", |s| s.contains("EXIT=0"));
    assert_victim_unchanged(&v);
    assert!(
        !out.join("created-through-a-link.md").exists(),
        "a planted link was followed"
    );
    let written = out.join(format!("{ID}-referral-2.md"));
    assert!(std::fs::symlink_metadata(&written).expect("meta").is_file());
    assert!(
        std::fs::read_to_string(&written)
            .expect("read")
            .starts_with("# Referral summary")
    );
    assert!(temporaries(&out).is_empty(), "left behind: {:?}", temporaries(&out));
    // the planted links are untouched
    for n in &names {
        let planted = std::fs::read_dir(&out)
            .expect("read dir")
            .flatten()
            .map(|e| e.file_name())
            .filter(|f| f.to_string_lossy().starts_with(&format!(".{n}.")))
            .count();
        assert_eq!(planted, 1, "the link planted for {n} is still there");
    }
}
