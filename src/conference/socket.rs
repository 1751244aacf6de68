//! Where the socket lives, and who may reach it.
//!
//! By default it is `conference.sock` in a private folder: `pathwise/`
//! under `$XDG_RUNTIME_DIR`, else `pathwise-<uid>` under the temp folder,
//! created with mode 0700 and refused when it is a symlink, not the
//! user's, or writable by group or others. The socket itself is 0600.
//! With `--socket PATH` the folder is the caller's choice; it must belong
//! to the user (or root) and be writable by no one else unless it has the
//! sticky bit (as /tmp has), so no one can swap the socket for theirs.
//! With `--group NAME` the socket is 0660 and belongs to that group.
//!
//! The socket is bound under a temporary name and renamed into place only
//! after its mode and group are set, so no one connects to it before.

use std::fs;
use std::io::{self, ErrorKind};
use std::os::unix::fs::{DirBuilderExt, FileTypeExt, MetadataExt, PermissionsExt};
use std::os::unix::net::{UnixListener, UnixStream};
use std::path::{Path, PathBuf};

/// The socket's name in the default folder.
pub const SOCKET_NAME: &str = "conference.sock";

/// The longest socket path the kernel takes (`sun_path`, less its NUL).
pub const MAX_SOCKET_PATH: usize = 107;

fn err(kind: ErrorKind, msg: String) -> io::Error {
    io::Error::new(kind, msg)
}

/// The user this process runs as (the owner of `/proc/self`).
pub fn current_uid() -> io::Result<u32> {
    Ok(fs::metadata("/proc/self")?.uid())
}

/// A group's id: a number as it is, a name from `/etc/group`, else from
/// `getent group` (groups from a directory service).
pub fn group_id(name: &str) -> io::Result<u32> {
    if let Ok(gid) = name.parse::<u32>() {
        return Ok(gid);
    }
    let valid = !name.is_empty()
        && name.len() <= 64
        && name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'-' | b'.'));
    if !valid {
        return Err(err(ErrorKind::InvalidInput, format!("{name:?} is not a group name")));
    }
    let in_file = fs::read_to_string("/etc/group")
        .ok()
        .and_then(|text| group_in(&text, name));
    if let Some(gid) = in_file {
        return Ok(gid);
    }
    let getent = std::process::Command::new("getent").args(["group", name]).output();
    if let Ok(out) = getent {
        if let Some(gid) = group_in(&String::from_utf8_lossy(&out.stdout), name) {
            return Ok(gid);
        }
    }
    Err(err(
        ErrorKind::NotFound,
        format!("there is no group named {name} (looked in /etc/group and with getent)"),
    ))
}

/// The gid of `name` in text in `/etc/group`'s format.
pub fn group_in(text: &str, name: &str) -> Option<u32> {
    text.lines().find_map(|l| {
        let mut f = l.split(':');
        (f.next()? == name).then_some(())?;
        f.next()?;
        f.next()?.trim().parse().ok()
    })
}

/// The name of a gid in `/etc/group`, if it has one there.
pub fn group_name(gid: u32) -> Option<String> {
    let text = fs::read_to_string("/etc/group").ok()?;
    text.lines().find_map(|l| {
        let f: Vec<&str> = l.split(':').collect();
        (f.len() >= 3 && f[2].trim().parse() == Ok(gid)).then(|| f[0].to_string())
    })
}

/// Checks a folder pathwise made (or would make) for itself: a real
/// folder (not a symlink), the user's, and not writable by group or
/// others. A folder that passes but is readable by others is made 0700.
pub fn check_private_folder(dir: &Path, uid: u32) -> io::Result<()> {
    let m = fs::symlink_metadata(dir)?;
    let shown = dir.display();
    if m.file_type().is_symlink() {
        return Err(err(
            ErrorKind::PermissionDenied,
            format!("{shown} is a symlink; pathwise keeps its socket only in a real folder of yours"),
        ));
    }
    if !m.is_dir() {
        return Err(err(ErrorKind::InvalidInput, format!("{shown} is not a folder")));
    }
    if m.uid() != uid {
        return Err(err(
            ErrorKind::PermissionDenied,
            format!("{shown} belongs to user {}, not to you ({uid})", m.uid()),
        ));
    }
    if m.mode() & 0o022 != 0 {
        return Err(err(
            ErrorKind::PermissionDenied,
            format!(
                "{shown} can be written by others (mode {:o}); remove it or run chmod 700 on it",
                m.mode() & 0o777
            ),
        ));
    }
    if m.mode() & 0o777 != 0o700 {
        fs::set_permissions(dir, fs::Permissions::from_mode(0o700))?;
    }
    Ok(())
}

/// The private folder for the default socket, made if missing.
pub fn default_folder() -> io::Result<PathBuf> {
    let uid = current_uid()?;
    let dir = default_dir(uid);
    private_folder(&dir, uid)?;
    Ok(dir)
}

/// `$XDG_RUNTIME_DIR/pathwise`, else `pathwise-<uid>` in the temp folder.
fn default_dir(uid: u32) -> PathBuf {
    let runtime = std::env::var_os("XDG_RUNTIME_DIR")
        .map(PathBuf::from)
        .filter(|p| p.is_absolute() && p.is_dir());
    match runtime {
        Some(r) => r.join("pathwise"),
        None => std::env::temp_dir().join(format!("pathwise-{uid}")),
    }
}

/// Where the default socket is (`pathwise join` without a socket), made
/// nowhere: the host makes its folder.
pub fn default_path() -> io::Result<PathBuf> {
    Ok(default_dir(current_uid()?).join(SOCKET_NAME))
}

/// Makes `dir` with mode 0700 unless it exists, then checks it.
pub fn private_folder(dir: &Path, uid: u32) -> io::Result<()> {
    match fs::DirBuilder::new().mode(0o700).create(dir) {
        Ok(()) => {}
        Err(e) if e.kind() == ErrorKind::AlreadyExists => {}
        Err(e) => return Err(err(e.kind(), format!("cannot make {}: {e}", dir.display()))),
    }
    check_private_folder(dir, uid)
}

/// Checks the folder of a `--socket` path: the user's or root's, and
/// writable by no one else unless sticky.
pub fn check_shared_folder(dir: &Path, uid: u32) -> io::Result<()> {
    let m = fs::metadata(dir).map_err(|e| err(e.kind(), format!("{}: {e}", dir.display())))?;
    let shown = dir.display();
    if !m.is_dir() {
        return Err(err(ErrorKind::InvalidInput, format!("{shown} is not a folder")));
    }
    if m.uid() != uid && m.uid() != 0 {
        return Err(err(
            ErrorKind::PermissionDenied,
            format!(
                "{shown} belongs to user {}: put the socket in a folder of yours",
                m.uid()
            ),
        ));
    }
    let sticky = m.mode() & 0o1000 != 0;
    if m.mode() & 0o022 != 0 && !sticky {
        return Err(err(
            ErrorKind::PermissionDenied,
            format!(
                "{shown} can be written by others (mode {:o}) and has no sticky bit, so someone could \
                 replace the socket: use a folder only you can write (chmod go-w) or set the sticky bit (chmod +t)",
                m.mode() & 0o7777
            ),
        ));
    }
    Ok(())
}

/// A bound socket, and what its file was when bound (to remove only it).
#[derive(Debug)]
pub struct Bound {
    pub path: PathBuf,
    dev: u64,
    ino: u64,
}

impl Bound {
    /// Removes the socket file, unless something else is there now.
    pub fn remove(&self) {
        if let Ok(m) = fs::symlink_metadata(&self.path) {
            if m.dev() == self.dev && m.ino() == self.ino {
                let _ = fs::remove_file(&self.path);
            }
        }
    }
}

/// Binds the host's socket: at `socket` (its folder checked as shared)
/// or at the default place, 0660 and `group`'s when a group is given,
/// else 0600.
pub fn bind(socket: Option<&Path>, group: Option<&str>) -> io::Result<(UnixListener, Bound)> {
    let uid = current_uid()?;
    let gid = group.map(group_id).transpose()?;
    let path = match socket {
        Some(p) => {
            let name = p
                .file_name()
                .ok_or_else(|| err(ErrorKind::InvalidInput, format!("{} names no file", p.display())))?;
            let parent = match p.parent() {
                Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
                _ => PathBuf::from("."),
            };
            let parent = parent
                .canonicalize()
                .map_err(|e| err(e.kind(), format!("{}: {e}", parent.display())))?;
            check_shared_folder(&parent, uid)?;
            parent.join(name)
        }
        None if gid.is_some() => {
            return Err(err(
                ErrorKind::InvalidInput,
                "--group needs --socket: the default folder is private (0700), so a group could not reach it"
                    .to_string(),
            ));
        }
        None => default_folder()?.join(SOCKET_NAME),
    };
    if path.as_os_str().len() > MAX_SOCKET_PATH {
        return Err(err(
            ErrorKind::InvalidInput,
            format!(
                "{} is longer than the {MAX_SOCKET_PATH} bytes a socket path may have",
                path.display()
            ),
        ));
    }
    refuse_live_or_foreign(&path)?;
    let dir = path.parent().unwrap_or(Path::new("."));
    let mut tmp_name = [0u8; 4];
    {
        use std::io::Read;
        fs::File::open("/dev/urandom")?.read_exact(&mut tmp_name)?;
    }
    let tmp = dir.join(format!(
        ".pathwise-{}-{:08x}.tmp",
        std::process::id(),
        u32::from_ne_bytes(tmp_name)
    ));
    let listener = UnixListener::bind(&tmp).map_err(|e| err(e.kind(), format!("{}: {e}", tmp.display())))?;
    let finish = || -> io::Result<()> {
        let mode = if gid.is_some() { 0o660 } else { 0o600 };
        if let (Some(gid), Some(name)) = (gid, group) {
            std::os::unix::fs::chown(&tmp, None, Some(gid)).map_err(|e| {
                err(
                    e.kind(),
                    format!("cannot give the socket to group {name} ({e}): are you a member of it?"),
                )
            })?;
        }
        fs::set_permissions(&tmp, fs::Permissions::from_mode(mode))?;
        fs::rename(&tmp, &path).map_err(|e| err(e.kind(), format!("{}: {e}", path.display())))
    };
    if let Err(e) = finish() {
        let _ = fs::remove_file(&tmp);
        return Err(e);
    }
    let m = fs::symlink_metadata(&path)?;
    Ok((
        listener,
        Bound {
            path,
            dev: m.dev(),
            ino: m.ino(),
        },
    ))
}

/// A socket where a host answers is in use; one where none answers is
/// left over from a host that died and will be replaced; anything else is
/// not ours to replace.
fn refuse_live_or_foreign(path: &Path) -> io::Result<()> {
    let Ok(m) = fs::symlink_metadata(path) else {
        return Ok(());
    };
    let shown = path.display();
    if !m.file_type().is_socket() {
        return Err(err(
            ErrorKind::AlreadyExists,
            format!("{shown} exists and is not a socket; choose another --socket"),
        ));
    }
    match UnixStream::connect(path) {
        Ok(_) => Err(err(
            ErrorKind::AddrInUse,
            format!("a conference is already running on {shown}; choose another --socket"),
        )),
        Err(_) => Ok(()),
    }
}

/// A path as a shell word: as it is when it is plain, else single-quoted.
pub fn shell_word(s: &str) -> String {
    let plain = !s.is_empty()
        && s.bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"_./-+:@%,=".contains(&b));
    if plain {
        s.to_string()
    } else {
        format!("'{}'", s.replace('\'', "'\\''"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn groups_are_read_from_the_group_file_format() {
        let text = "root:x:0:\nwheel:x:10:ana,ben\northo:*:1207:ana\nbroken\n";
        assert_eq!(group_in(text, "root"), Some(0));
        assert_eq!(group_in(text, "ortho"), Some(1207));
        assert_eq!(group_in(text, "orth"), None);
        assert_eq!(group_in(text, "broken"), None);
        assert_eq!(group_id("1207").unwrap(), 1207);
        assert!(group_id("no such group, surely").is_err());
        assert!(group_id("pathwise-no-such-group-xyz").is_err());
    }

    #[test]
    fn paths_become_shell_words() {
        assert_eq!(
            shell_word("/run/user/1000/pathwise/conference.sock"),
            "/run/user/1000/pathwise/conference.sock"
        );
        assert_eq!(shell_word("/srv/my conf/x.sock"), "'/srv/my conf/x.sock'");
        assert_eq!(shell_word("/tmp/it's"), "'/tmp/it'\\''s'");
        assert_eq!(shell_word("/tmp/$(rm -rf ~)"), "'/tmp/$(rm -rf ~)'");
    }
}
