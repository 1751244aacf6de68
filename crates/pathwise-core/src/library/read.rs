//! Reading one case file from disk, refusing oversized files unread.

use crate::case::{Case, CaseError, MAX_FILE_BYTES, parse_case};
use std::fs::File;
use std::io::Read;
use std::path::Path;

/// Reads at most the size limit and parses the file.
pub fn load_case_file(path: &Path) -> Result<Case, Vec<CaseError>> {
    let bytes = read_limited(path).map_err(|e| vec![e])?;
    parse_case(path, &bytes)
}

/// The file's bytes, or an error when it cannot be read or is too large.
/// The length is checked before reading, and the read is capped, so a file
/// that grows while it is read cannot make us hold more than the limit.
pub fn read_limited(path: &Path) -> Result<Vec<u8>, CaseError> {
    // opening a FIFO blocks until a writer comes: look before opening
    match std::fs::metadata(path) {
        Ok(m) if !m.is_file() => {
            return Err(CaseError::new(
                path,
                "not a regular file (a pipe, socket or device); skipped",
            ));
        }
        Err(e) => return Err(CaseError::new(path, format!("cannot read: {e}"))),
        Ok(_) => {}
    }
    let file = File::open(path).map_err(|e| CaseError::new(path, format!("cannot read: {e}")))?;
    let len = file
        .metadata()
        .map_err(|e| CaseError::new(path, format!("cannot read: {e}")))?
        .len();
    if len > MAX_FILE_BYTES {
        return Err(too_large(path, len));
    }
    let mut bytes = Vec::with_capacity(len as usize);
    file.take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| CaseError::new(path, format!("cannot read: {e}")))?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(too_large(path, bytes.len() as u64));
    }
    Ok(bytes)
}

fn too_large(path: &Path, len: u64) -> CaseError {
    CaseError::new(
        path,
        format!(
            "the file is {:.1} MiB; case files are limited to 1 MiB (is it really a case file?)",
            len as f64 / (1024.0 * 1024.0)
        ),
    )
}
