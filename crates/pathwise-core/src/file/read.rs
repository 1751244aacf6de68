//! Reading a user file (a case, a profile, a theme, the config) without
//! ever blocking and without holding more than a limit in memory.
//!
//! The file is opened non-blocking and every decision is taken on the
//! opened descriptor, never on a path looked at earlier: a named pipe, a
//! device or a `/proc` file swapped in under the name between a check and
//! the open cannot make pathwise wait, and a file that grows while it is
//! read cannot make it hold more than the limit.

use super::FileError;
use std::fs::{File, OpenOptions};
use std::io::{ErrorKind, Read};
use std::os::unix::fs::{FileTypeExt, OpenOptionsExt};
use std::path::Path;

/// The bytes of a regular file of at most `limit` bytes. `what` names the
/// kind of file in messages ("case files", "profiles").
pub fn read_limited(path: &Path, limit: u64, what: &str) -> Result<Vec<u8>, FileError> {
    let cannot = |e: std::io::Error| FileError::new(path, format!("cannot read: {e}"));
    let file = OpenOptions::new()
        .read(true)
        // a FIFO opens at once instead of waiting for a writer; reads of
        // anything that would wait fail at once instead
        .custom_flags(libc::O_NONBLOCK | libc::O_NOCTTY)
        .open(path)
        .map_err(cannot)?;
    let meta = file.metadata().map_err(cannot)?;
    let kind = meta.file_type();
    if !kind.is_file() {
        let is = if kind.is_dir() {
            "a folder"
        } else if kind.is_fifo() {
            "a named pipe"
        } else if kind.is_socket() {
            "a socket"
        } else {
            "a device"
        };
        return Err(FileError::new(path, format!("not a regular file ({is}); skipped")));
    }
    if meta.len() > limit {
        return Err(too_large(path, meta.len(), limit, what));
    }
    read_capped(file, meta.len(), limit).map_err(|e| match e {
        Capped::TooLarge(n) => too_large(path, n, limit, what),
        Capped::Io(e) if e.kind() == ErrorKind::WouldBlock => FileError::new(
            path,
            "cannot read: the file would make pathwise wait (a special file such as /proc/kmsg); skipped",
        ),
        Capped::Io(e) => cannot(e),
    })
}

enum Capped {
    TooLarge(u64),
    Io(std::io::Error),
}

fn read_capped(file: File, len: u64, limit: u64) -> Result<Vec<u8>, Capped> {
    let mut bytes = Vec::with_capacity(usize::try_from(len).unwrap_or(0));
    file.take(limit + 1).read_to_end(&mut bytes).map_err(Capped::Io)?;
    if bytes.len() as u64 > limit {
        return Err(Capped::TooLarge(bytes.len() as u64));
    }
    Ok(bytes)
}

fn too_large(path: &Path, len: u64, limit: u64, what: &str) -> FileError {
    FileError::new(
        path,
        format!(
            "the file is {} ({} bytes), {} over the {} limit for {what}; is it really one?",
            size(len),
            thousands(len),
            size(len.saturating_sub(limit)),
            size(limit)
        ),
    )
}

/// "1.0 MiB", "212 KiB", "24 bytes".
fn size(n: u64) -> String {
    const KIB: u64 = 1024;
    const MIB: u64 = 1024 * 1024;
    const GIB: u64 = 1024 * MIB;
    if n >= GIB {
        format!("{:.1} GiB", n as f64 / GIB as f64)
    } else if n >= MIB && n % MIB == 0 {
        format!("{} MiB", n / MIB)
    } else if n >= MIB {
        format!("{:.1} MiB", n as f64 / MIB as f64)
    } else if n >= KIB {
        format!("{} KiB", n.div_ceil(KIB))
    } else if n == 1 {
        "1 byte".to_string()
    } else {
        format!("{n} bytes")
    }
}

fn thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_read_as_people_write_them() {
        assert_eq!(size(1024 * 1024), "1 MiB");
        assert_eq!(size(24), "24 bytes");
        assert_eq!(size(1), "1 byte");
        assert_eq!(size(1500), "2 KiB");
        assert_eq!(thousands(1_048_600), "1,048,600");
        assert_eq!(thousands(999), "999");
    }

    #[test]
    fn an_oversized_file_says_by_how_much() {
        let dir = tempfile::tempdir().expect("temp dir");
        let p = dir.path().join("big.toml");
        std::fs::write(&p, vec![b'#'; 1024 * 1024 + 24]).expect("write");
        let e = read_limited(&p, 1024 * 1024, "case files").expect_err("too large");
        assert!(
            e.message.contains("24 bytes over the 1 MiB limit for case files"),
            "{}",
            e.message
        );
        assert!(e.message.contains("1,048,600 bytes"), "{}", e.message);
    }

    #[test]
    fn a_named_pipe_is_refused_without_waiting() {
        let dir = tempfile::tempdir().expect("temp dir");
        let p = dir.path().join("fifo.toml");
        let made = std::process::Command::new("mkfifo").arg(&p).status();
        if !made.is_ok_and(|s| s.success()) {
            return; // no mkfifo here; tests/suite/fs_faults covers pipes too
        }
        let e = read_limited(&p, 1024, "case files").expect_err("a pipe");
        assert!(e.message.contains("named pipe"), "{}", e.message);
    }

    #[test]
    fn devices_and_folders_are_refused() {
        let e = read_limited(Path::new("/dev/zero"), 1024, "case files").expect_err("a device");
        assert!(e.message.contains("a device"), "{}", e.message);
        let e = read_limited(Path::new("/"), 1024, "case files").expect_err("a folder");
        assert!(e.message.contains("a folder"), "{}", e.message);
    }
}
