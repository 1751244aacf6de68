//! Writing a file pathwise creates (a referral summary), safely in a folder
//! others may write to as well.
//!
//! - The contents go to a temporary file created exclusively (`O_EXCL`, so
//!   never through a link planted at its name) under an unpredictable name
//!   in the target's folder, and are flushed to disk before the file takes
//!   its name, so a reader never sees half a file.
//! - A new file takes its name without replacing anything
//!   (`renameat2(RENAME_NOREPLACE)`, or a hard link): a file, a link or
//!   anything else that appears at the name in the meantime is left alone.
//! - An existing name is never replaced without `force`, and a symbolic
//!   link there is never followed without it. With `force`, only a regular
//!   file is replaced (the one named, or the one a link names), never a
//!   folder, a device, a named pipe or a socket.

use std::fmt;
use std::fs::{self, Permissions};
use std::io::{self, Write as _};
use std::os::unix::ffi::OsStrExt;
use std::os::unix::fs::{FileTypeExt, PermissionsExt};
use std::path::{Path, PathBuf};

/// Why a file was not written. Every message names the path.
#[derive(Debug)]
pub enum WriteError {
    /// Something is at the name and `force` was not given.
    Exists { path: PathBuf, what: String },
    /// What is at the name (or what a link there points to) is not a
    /// regular file; it is never replaced.
    NotRegular { path: PathBuf, what: String },
    /// The name does not name a file (`out/`, `..`).
    NotAFileName { path: PathBuf },
    /// Writing failed (no such folder, no permission, disk full).
    Io { path: PathBuf, error: io::Error },
}

impl WriteError {
    /// True when pathwise refused to write where it was asked to (the
    /// command line must change: another name, or `--force`), as opposed
    /// to the system failing to write.
    pub fn refused(&self) -> bool {
        !matches!(self, WriteError::Io { .. })
    }

    fn io(path: &Path, error: io::Error) -> WriteError {
        WriteError::Io {
            path: path.to_path_buf(),
            error,
        }
    }
}

impl fmt::Display for WriteError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            WriteError::Exists { path, what } | WriteError::NotRegular { path, what } => {
                write!(f, "{}: {what}", path.display())
            }
            WriteError::NotAFileName { path } => write!(f, "{}: is not a file name", path.display()),
            WriteError::Io { path, error } => write!(f, "{}: cannot write: {error}", path.display()),
        }
    }
}

impl std::error::Error for WriteError {}

/// What a non-regular file is, in words.
fn kind_of(t: fs::FileType) -> &'static str {
    if t.is_dir() {
        "a directory"
    } else if t.is_fifo() {
        "a named pipe (FIFO)"
    } else if t.is_socket() {
        "a socket"
    } else if t.is_block_device() || t.is_char_device() {
        "a device"
    } else if t.is_symlink() {
        "a symbolic link"
    } else {
        "not a regular file"
    }
}

/// The folder a path's file lives in (`.` for a bare name).
fn folder_of(path: &Path) -> &Path {
    path.parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."))
}

/// Writes `contents` to `path` through an exclusively created temporary
/// file in the same folder. Without `force`, refuses when anything is at
/// `path`; with it, replaces a regular file, or the regular file a
/// symbolic link at `path` points to, and nothing else.
pub fn write_new(path: &Path, contents: &[u8], force: bool) -> Result<(), WriteError> {
    if path.file_name().is_none() || path.as_os_str().as_bytes().ends_with(b"/") {
        return Err(match fs::symlink_metadata(path) {
            Ok(m) if m.is_dir() => WriteError::NotRegular {
                path: path.to_path_buf(),
                what: "is a directory".into(),
            },
            _ => WriteError::NotAFileName {
                path: path.to_path_buf(),
            },
        });
    }
    let meta = match fs::symlink_metadata(path) {
        Ok(m) => m,
        Err(e) if e.kind() == io::ErrorKind::NotFound => {
            return create_new(path, contents).map_err(|e| match e.kind() {
                // something took the name while we wrote: look again
                io::ErrorKind::AlreadyExists => refusal(path, force).unwrap_or_else(|| WriteError::io(path, e)),
                _ => WriteError::io(path, e),
            });
        }
        Err(e) => return Err(WriteError::io(path, e)),
    };
    if let Some(refused) = refusal(path, force) {
        return Err(refused);
    }
    // force, and a regular file is there or a link to one
    let target = if meta.file_type().is_symlink() {
        fs::canonicalize(path).map_err(|e| WriteError::io(path, e))?
    } else {
        path.to_path_buf()
    };
    let keep = fs::metadata(&target).map(|m| m.permissions()).ok();
    replace(&target, contents, keep).map_err(|e| WriteError::io(path, e))
}

/// Why `path`, which exists, may not be written; `None` when `force`
/// allows it (a regular file, or a link to one).
fn refusal(path: &Path, force: bool) -> Option<WriteError> {
    let at = path.to_path_buf();
    let meta = match fs::symlink_metadata(path) {
        Ok(m) => m,
        Err(_) => return None,
    };
    let t = meta.file_type();
    if t.is_symlink() {
        let to = fs::read_link(path).map(|l| l.display().to_string()).unwrap_or_default();
        return match fs::metadata(path) {
            Err(_) => Some(WriteError::NotRegular {
                path: at,
                what: format!("is a symbolic link to {to}, which does not exist; not followed"),
            }),
            Ok(m) if !m.is_file() => Some(WriteError::NotRegular {
                path: at,
                what: format!(
                    "is a symbolic link to {to}, which is {}; not replaced",
                    kind_of(m.file_type())
                ),
            }),
            Ok(_) if !force => Some(WriteError::Exists {
                path: at,
                what: format!("is a symbolic link to {to}; not followed (pass --force to replace {to})"),
            }),
            Ok(_) => None,
        };
    }
    if !t.is_file() {
        return Some(WriteError::NotRegular {
            path: at,
            what: if t.is_dir() {
                "is a directory".to_string()
            } else {
                format!("is {}, not a regular file; not replaced", kind_of(t))
            },
        });
    }
    (!force).then(|| WriteError::Exists {
        path: at,
        what: "exists; pass --force to replace it".into(),
    })
}

/// A temporary file in `dir`, created exclusively under a random name,
/// holding `contents`, flushed to disk.
fn temporary(dir: &Path, contents: &[u8], permissions: Option<Permissions>) -> io::Result<tempfile::NamedTempFile> {
    let mut b = tempfile::Builder::new();
    b.prefix(".pathwise-").suffix(".tmp").rand_bytes(12);
    // as a file created the ordinary way: 0666 less the umask
    b.permissions(permissions.unwrap_or_else(|| Permissions::from_mode(0o666)));
    let mut tmp = b.tempfile_in(dir)?;
    tmp.write_all(contents)?;
    tmp.as_file().sync_all()?;
    Ok(tmp)
}

/// Creates `path`, which must not exist; fails with `AlreadyExists` when
/// anything (a dangling link too) is there by the time it is named.
fn create_new(path: &Path, contents: &[u8]) -> io::Result<()> {
    let tmp = temporary(folder_of(path), contents, None)?;
    tmp.persist_noclobber(path).map(drop).map_err(|e| e.error)
}

/// Replaces the regular file `path` (a rename over it: its directory entry
/// is replaced, nothing is written through it), keeping its permissions.
fn replace(path: &Path, contents: &[u8], permissions: Option<Permissions>) -> io::Result<()> {
    let tmp = temporary(folder_of(path), contents, None)?;
    if let Some(p) = permissions {
        tmp.as_file().set_permissions(p)?;
    }
    tmp.persist(path).map(drop).map_err(|e| e.error)
}

/// Writes a case's summary into `dir` under the first free name of
/// `ID-referral.EXT`, `ID-referral-2.EXT`, …, each tried exclusively, so
/// nothing already there (a file, a link, a link to nothing) is replaced
/// or followed, and two exports at once never take the same name.
pub fn write_free_name(dir: &Path, id: &str, ext: &str, contents: &[u8]) -> Result<PathBuf, WriteError> {
    const TRIES: usize = 1000;
    let first = dir.join(format!("{id}-referral.{ext}"));
    let mut tmp = temporary(dir, contents, None).map_err(|e| WriteError::io(&first, e))?;
    for n in 1..=TRIES {
        let name = if n == 1 {
            first.clone()
        } else {
            dir.join(format!("{id}-referral-{n}.{ext}"))
        };
        match tmp.persist_noclobber(&name) {
            Ok(_) => return Ok(name),
            Err(e) if e.error.kind() == io::ErrorKind::AlreadyExists => tmp = e.file,
            Err(e) => return Err(WriteError::io(&name, e.error)),
        }
    }
    Err(WriteError::Exists {
        path: first,
        what: format!("and {TRIES} other names like it exist; nothing written"),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn leftovers(dir: &Path) -> Vec<String> {
        fs::read_dir(dir)
            .expect("read dir")
            .flatten()
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .filter(|n| n.starts_with(".pathwise-"))
            .collect()
    }

    #[test]
    fn a_new_file_is_written_and_an_existing_one_kept_without_force() {
        let dir = tempfile::tempdir().expect("temp dir");
        let p = dir.path().join("a.md");
        write_new(&p, b"one", false).expect("new");
        assert_eq!(fs::read(&p).expect("read"), b"one");
        let e = write_new(&p, b"two", false).expect_err("exists");
        assert!(e.refused() && e.to_string().contains("a.md: exists"), "{e}");
        assert_eq!(fs::read(&p).expect("read"), b"one");
        write_new(&p, b"two", true).expect("forced");
        assert_eq!(fs::read(&p).expect("read"), b"two");
        assert!(leftovers(dir.path()).is_empty());
    }

    #[test]
    fn force_keeps_the_replaced_file_s_permissions() {
        let dir = tempfile::tempdir().expect("temp dir");
        let p = dir.path().join("a.md");
        fs::write(&p, "old").expect("write");
        fs::set_permissions(&p, Permissions::from_mode(0o640)).expect("chmod");
        write_new(&p, b"new", true).expect("forced");
        assert_eq!(fs::metadata(&p).expect("meta").permissions().mode() & 0o777, 0o640);
    }

    #[test]
    fn free_names_skip_files_and_links_alike() {
        let dir = tempfile::tempdir().expect("temp dir");
        let victim = dir.path().join("victim.toml");
        fs::write(&victim, "case").expect("write");
        std::os::unix::fs::symlink(&victim, dir.path().join("c1-referral.md")).expect("link");
        std::os::unix::fs::symlink(dir.path().join("missing"), dir.path().join("c1-referral-2.md")).expect("link");
        let p = write_free_name(dir.path(), "c1", "md", b"summary").expect("written");
        assert_eq!(p, dir.path().join("c1-referral-3.md"));
        assert_eq!(fs::read(&victim).expect("read"), b"case");
        assert!(!dir.path().join("missing").exists());
        assert!(leftovers(dir.path()).is_empty());
    }
}
