//! Writing a file pathwise creates (a referral summary): atomically,
//! never over an existing file without `force`.

use std::io::{self, Write as _};
use std::path::Path;

/// Writes `contents` to `path` through a temporary file in the same folder
/// and a rename, so a reader never sees half a file. Refuses to replace an
/// existing file unless `force`.
pub fn write_atomic(path: &Path, contents: &[u8], force: bool) -> io::Result<()> {
    if !force && path.exists() {
        return Err(io::Error::new(
            io::ErrorKind::AlreadyExists,
            format!("{} exists; pass --force to replace it", path.display()),
        ));
    }
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "export".into());
    let tmp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    let result = (|| {
        let mut f = std::fs::File::create(&tmp)?;
        f.write_all(contents)?;
        f.sync_all()?;
        std::fs::rename(&tmp, path)
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
}

/// A file name in `dir` for a case's summary that does not exist yet:
/// `ID-referral.md`, then `ID-referral-2.md`, …
pub fn free_name(dir: &Path, id: &str, ext: &str) -> std::path::PathBuf {
    let first = dir.join(format!("{id}-referral.{ext}"));
    if !first.exists() {
        return first;
    }
    (2..)
        .map(|n| dir.join(format!("{id}-referral-{n}.{ext}")))
        .find(|p| !p.exists())
        .unwrap_or(first)
}
