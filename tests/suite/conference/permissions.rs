//! The socket's folder and file: the default folder is made 0700 and a
//! folder that is a symlink, someone else's, or writable by others is
//! refused; the socket is 0600, or 0660 and the group's with `--group`.

use super::child::ChildHost;
use pathwise::conference::socket::{check_shared_folder, current_uid, group_name, private_folder};
use pathwise::conference::{Follower, Host, HostConfig};
use std::fs;
use std::os::unix::fs::{MetadataExt, PermissionsExt};

fn mode(p: &std::path::Path) -> u32 {
    fs::symlink_metadata(p).unwrap().mode() & 0o7777
}

#[test]
fn the_default_socket_is_0600_in_a_0700_folder_under_the_runtime_folder() {
    let runtime = tempfile::tempdir().unwrap();
    let host = ChildHost::spawn(&[("XDG_RUNTIME_DIR", runtime.path().to_str().unwrap())]);
    let folder = runtime.path().join("pathwise");
    assert_eq!(host.socket, folder.join("conference.sock"));
    assert_eq!(mode(&folder), 0o700);
    assert_eq!(mode(&host.socket), 0o600);
    assert!(
        host.join_command
            .ends_with(&format!("--socket {}", host.socket.display())),
        "{}",
        host.join_command
    );
    let _f = Follower::connect(&host.socket, &host.code, "Ana").unwrap();
    drop(_f);
    host.stop();
}

#[test]
fn a_default_folder_that_is_unsafe_is_refused() {
    let uid = current_uid().unwrap();
    let tmp = tempfile::tempdir().unwrap();
    // made with 0700
    let made = tmp.path().join("made");
    private_folder(&made, uid).unwrap();
    assert_eq!(mode(&made), 0o700);
    // one that exists and is only readable by others is tightened
    let loose = tmp.path().join("loose");
    fs::create_dir(&loose).unwrap();
    fs::set_permissions(&loose, fs::Permissions::from_mode(0o755)).unwrap();
    private_folder(&loose, uid).unwrap();
    assert_eq!(mode(&loose), 0o700);
    // a symlink to a good folder
    let link = tmp.path().join("link");
    std::os::unix::fs::symlink(&made, &link).unwrap();
    let e = private_folder(&link, uid).unwrap_err();
    assert!(e.to_string().contains("symlink"), "{e}");
    // writable by group or others
    for m in [0o770, 0o707, 0o777] {
        let d = tmp.path().join(format!("w{m:o}"));
        fs::create_dir(&d).unwrap();
        fs::set_permissions(&d, fs::Permissions::from_mode(m)).unwrap();
        let e = private_folder(&d, uid).unwrap_err();
        assert!(e.to_string().contains("can be written by others"), "{m:o}: {e}");
    }
    // someone else's: as root the test can make one
    let theirs = tmp.path().join("theirs");
    fs::create_dir(&theirs).unwrap();
    fs::set_permissions(&theirs, fs::Permissions::from_mode(0o700)).unwrap();
    if uid == 0 {
        std::os::unix::fs::chown(&theirs, Some(65534), None).unwrap();
        let e = private_folder(&theirs, uid).unwrap_err();
        assert!(e.to_string().contains("belongs to user 65534"), "{e}");
    } else {
        // as another user, a folder of root's stands in
        let e = private_folder(std::path::Path::new("/root"), uid);
        assert!(e.is_err());
    }
    // not a folder at all
    let file = tmp.path().join("file");
    fs::write(&file, "").unwrap();
    assert!(private_folder(&file, uid).is_err());
}

#[test]
fn a_shared_folder_must_not_let_others_replace_the_socket() {
    let uid = current_uid().unwrap();
    let tmp = tempfile::tempdir().unwrap();
    let open = tmp.path().join("open");
    fs::create_dir(&open).unwrap();
    fs::set_permissions(&open, fs::Permissions::from_mode(0o777)).unwrap();
    let e = check_shared_folder(&open, uid).unwrap_err();
    assert!(e.to_string().contains("sticky"), "{e}");
    let e = Host::start(HostConfig {
        socket: Some(open.join("c.sock")),
        ..Default::default()
    })
    .err()
    .unwrap();
    assert!(e.to_string().contains("sticky"), "{e}");
    // with the sticky bit, as /tmp has, it is fine
    fs::set_permissions(&open, fs::Permissions::from_mode(0o1777)).unwrap();
    check_shared_folder(&open, uid).unwrap();
    // a department folder: group may enter, not write
    let dept = tmp.path().join("dept");
    fs::create_dir(&dept).unwrap();
    fs::set_permissions(&dept, fs::Permissions::from_mode(0o750)).unwrap();
    check_shared_folder(&dept, uid).unwrap();
}

#[test]
fn with_a_group_the_socket_is_0660_and_the_groups() {
    let tmp = tempfile::tempdir().unwrap();
    let probe = tmp.path().join("probe");
    fs::write(&probe, "").unwrap();
    let gid = fs::metadata(&probe).unwrap().gid();
    let dir = tmp.path().join("dept");
    fs::create_dir(&dir).unwrap();
    fs::set_permissions(&dir, fs::Permissions::from_mode(0o750)).unwrap();
    // by name (from /etc/group) where the primary group has one, and by number
    let mut groups = vec![gid.to_string()];
    match group_name(gid) {
        Some(name) => groups.push(name),
        None => {
            assert!(std::env::var_os("CI").is_none(), "gid {gid} has no name in /etc/group");
            eprintln!("gid {gid} has no name in /etc/group: by number only");
        }
    }
    for group in groups {
        let socket = dir.join("conf.sock");
        let host = Host::start(HostConfig {
            socket: Some(socket.clone()),
            group: Some(group.clone()),
            ..Default::default()
        })
        .unwrap();
        let m = fs::symlink_metadata(&socket).unwrap();
        assert_eq!(m.mode() & 0o7777, 0o660, "{group}");
        assert_eq!(m.gid(), gid, "{group}");
        // nothing is left under a temporary name
        let names: Vec<_> = fs::read_dir(&dir).unwrap().map(|e| e.unwrap().file_name()).collect();
        assert_eq!(names, vec![std::ffi::OsString::from("conf.sock")]);
        let _f = Follower::connect(&socket, &host.code(), "Ana").unwrap();
    }
    // a group with no default socket to go with it
    let e = Host::start(HostConfig {
        group: Some(gid.to_string()),
        ..Default::default()
    })
    .err()
    .unwrap();
    assert!(e.to_string().contains("--group needs --socket"), "{e}");
    let e = Host::start(HostConfig {
        socket: Some(dir.join("x.sock")),
        group: Some("no-such-group-pathwise".into()),
        ..Default::default()
    })
    .err()
    .unwrap();
    assert!(e.to_string().contains("no group named"), "{e}");
}
