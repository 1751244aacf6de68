//! The one reader of every user TOML file (cases, profiles, themes, the
//! config): a non-blocking, size-limited read ([`read_limited`]), a walker
//! that reports every mistake in a file in one run ([`Doc`], [`Table`]),
//! and the located error they all produce ([`FileError`]).

mod doc;
mod error;
mod nearest;
mod read;
mod values;
mod walk;

pub use doc::Doc;
pub use error::{FileError, line_column};
pub use nearest::{nearest, nearest_all};
pub use read::read_limited;
pub use walk::{FIRST_DATE, LAST_DATE, Table, Word};

/// Reads and walks one file: its bytes as UTF-8 text, parsed, and handed
/// to `read` with the top-level table (which it asks for the keys it knows
/// and then finishes) and whether the text parsed whole. Returns the value,
/// or every error found, in the order of the file: `read` returns `None`
/// when it could not build a value, and any recorded error is a failure.
pub fn read_toml<T>(
    path: &std::path::Path,
    bytes: &[u8],
    read: impl for<'t, 's> FnOnce(&mut Doc<'s>, Table<'t, 's>, bool) -> Option<T>,
) -> Result<T, Vec<FileError>> {
    let source = utf8(path, bytes)?;
    let mut doc = Doc::new(path, source);
    let (map, whole) = doc.parse();
    let value = read(&mut doc, Table::root(&map), whole);
    match value {
        Some(v) if doc.errors.is_empty() => Ok(v),
        _ => Err(doc.into_errors()),
    }
}

/// The text of a file, or an error at the first byte that is not UTF-8.
pub fn utf8<'b>(path: &std::path::Path, bytes: &'b [u8]) -> Result<&'b str, Vec<FileError>> {
    std::str::from_utf8(bytes).map_err(|e| {
        let valid = &bytes[..e.valid_up_to()];
        let prefix = std::str::from_utf8(valid).unwrap_or_default();
        vec![FileError::at(
            path,
            prefix,
            prefix.len(),
            "the file is not valid UTF-8 text; save it as UTF-8",
        )]
    })
}
