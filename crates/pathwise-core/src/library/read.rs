//! Reading one case file from disk through the one file reader: opened
//! non-blocking, decided on the descriptor, refused unread past the limit.

use crate::case::{Case, MAX_FILE_BYTES, parse_case};
use crate::file::FileError;
use std::path::Path;

/// Reads at most the size limit and parses the file.
pub fn load_case_file(path: &Path) -> Result<Case, Vec<FileError>> {
    let bytes = read_limited(path).map_err(|e| vec![e])?;
    parse_case(path, &bytes)
}

/// A case file's bytes, or an error when it cannot be read or is too large.
pub fn read_limited(path: &Path) -> Result<Vec<u8>, FileError> {
    crate::file::read_limited(path, MAX_FILE_BYTES, "case files")
}
