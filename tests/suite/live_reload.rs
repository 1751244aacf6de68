//! Live reload survives the library folder going away. After the folder
//! was moved away and another copy of it moved back (as a sync or a
//! restore does), reload never resumed, even after `r`: the watch stayed
//! on the folder that had gone. Now the folder's parent is watched too,
//! and the watch is set up again on the folder that comes back, and on
//! `r`.

use crate::common::Tmux;

use std::path::Path;
use std::time::{Duration, Instant};

fn copy_samples(to: &Path) {
    std::fs::create_dir_all(to).expect("mkdir");
    let samples = Path::new(env!("CARGO_MANIFEST_DIR")).join("data/cases");
    for id in [
        "shoulder-massive-rotator-cuff-tear",
        "lumbar-strain-low-adherence",
        "knee-acl-rupture-before-pt",
    ] {
        std::fs::copy(samples.join(format!("{id}.toml")), to.join(format!("{id}.toml"))).expect("copy");
    }
}

/// Retitles a case the way an editor saves: a sibling, then a rename.
fn retitle(file: &Path, prefix: &str) {
    let text = std::fs::read_to_string(file).expect("read");
    let tmp = file.with_extension("swp");
    std::fs::write(&tmp, text.replacen("title = \"", &format!("title = \"{prefix} "), 1)).expect("write");
    std::fs::rename(&tmp, file).expect("rename");
}

fn assert_reloads(t: &Tmux, file: &Path, prefix: &str) {
    retitle(file, prefix);
    let started = Instant::now();
    t.wait_for("the new title", |s| s.contains(prefix));
    assert!(
        started.elapsed() < Duration::from_secs(3),
        "reload took {:?}",
        started.elapsed()
    );
}

#[test]
fn a_library_folder_moved_away_and_back_is_watched_again() {
    let base = tempfile::tempdir().expect("temp dir");
    let lib = base.path().join("lib");
    copy_samples(&lib);
    let Some(t) = Tmux::start("moved", 160, 40) else { return };
    t.launch(&format!("--library {}", lib.display()));
    t.wait_for("the library", |s| s.contains("library: 3 cases"));
    let file = lib.join("knee-acl-rupture-before-pt.toml");
    assert_reloads(&t, &file, "FIRST");
    let away = base.path().join("lib.away");
    std::fs::rename(&lib, &away).expect("move away");
    t.wait_for("the library gone", |s| s.contains("Cases 0/0"));
    // changes in the folder while it is elsewhere are not this library's
    retitle(&away.join("knee-acl-rupture-before-pt.toml"), "AWAY");
    std::fs::rename(&away, &lib).expect("move back");
    let s = t.wait_for("the library back", |s| s.contains("library: 3 cases"));
    assert!(s.contains("AWAY"), "the folder is read as it came back:\n{s}");
    assert_reloads(&t, &file, "SECOND");
    // moved away, and a copy of it moved into its place
    std::fs::rename(&lib, &away).expect("move away");
    t.wait_for("the library gone", |s| s.contains("Cases 0/0"));
    let copy = base.path().join("lib.copy");
    copy_samples(&copy);
    std::fs::rename(&copy, &lib).expect("the copy moved in");
    t.wait_for("the copy", |s| s.contains("library: 3 cases") && !s.contains("SECOND"));
    assert_reloads(&t, &file, "COPY");
    // and once more, deleted and written anew
    std::fs::remove_dir_all(&lib).expect("remove");
    t.wait_for("the library gone", |s| s.contains("Cases 0/0"));
    copy_samples(&lib);
    t.wait_for("the library back", |s| s.contains("library: 3 cases"));
    assert_reloads(&t, &file, "THIRD");
    t.send(&["q"]);
    t.wait_for("exit", |s| s.contains("EXIT=0"));
}

#[test]
fn r_watches_a_library_folder_that_was_missing() {
    let base = tempfile::tempdir().expect("temp dir");
    // not even its parent is there at first, so nothing can tell when it comes
    let lib = base.path().join("not-yet/lib");
    let Some(t) = Tmux::start("missing", 160, 40) else {
        return;
    };
    t.launch(&format!("--library {}", lib.display()));
    t.wait_for("the empty library", |s| {
        s.contains("Cases 0/0") && s.contains("1 error (")
    });
    copy_samples(&lib);
    t.send(&["r"]);
    t.wait_for("the library", |s| s.contains("library: 3 cases"));
    assert_reloads(&t, &lib.join("knee-acl-rupture-before-pt.toml"), "WATCHED");
    t.send(&["q"]);
    t.wait_for("exit", |s| s.contains("EXIT=0"));
}
