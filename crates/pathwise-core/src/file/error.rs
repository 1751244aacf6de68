//! Errors a clinician can act on: the file, the line and column where there
//! is one, what was wrong and what is allowed there. One type for every
//! file pathwise reads (cases, profiles, themes, the config).

use crate::text;
use std::fmt;
use std::path::{Path, PathBuf};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileError {
    pub path: PathBuf,
    /// 1-based line and column, when the problem has a place in the file.
    pub line: Option<usize>,
    pub column: Option<usize>,
    /// Already safe for a terminal: no raw control characters.
    pub message: String,
}

impl FileError {
    pub fn new(path: &Path, message: impl AsRef<str>) -> Self {
        FileError {
            path: path.to_path_buf(),
            line: None,
            column: None,
            message: text::inline(message.as_ref()).into_owned(),
        }
    }

    /// An error at a byte offset of the file's text.
    pub fn at(path: &Path, source: &str, offset: usize, message: impl AsRef<str>) -> Self {
        let (line, column) = line_column(source, offset);
        FileError {
            line: Some(line),
            column: Some(column),
            ..FileError::new(path, message)
        }
    }

    /// The path as it may be printed (file names are data too).
    pub fn display_path(&self) -> String {
        text::inline(&self.path.to_string_lossy()).into_owned()
    }
}

impl fmt::Display for FileError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.display_path())?;
        if let (Some(line), Some(col)) = (self.line, self.column) {
            write!(f, ":{line}:{col}")?;
        }
        write!(f, ": {}", self.message)
    }
}

impl std::error::Error for FileError {}

/// 1-based line and column (in characters) of a byte offset.
pub fn line_column(source: &str, offset: usize) -> (usize, usize) {
    let mut offset = offset.min(source.len());
    while !source.is_char_boundary(offset) {
        offset -= 1;
    }
    let before = &source[..offset];
    let line = before.bytes().filter(|&b| b == b'\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let column = before[line_start..].chars().count() + 1;
    (line, column)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offsets_become_lines_and_columns() {
        let src = "a = 1\nbé = 2\n";
        assert_eq!(line_column(src, 0), (1, 1));
        assert_eq!(line_column(src, 6), (2, 1));
        assert_eq!(line_column(src, 9), (2, 3));
        assert_eq!(line_column(src, 999), (3, 1));
    }

    #[test]
    fn display_is_file_line_column_message() {
        let e = FileError::at(Path::new("cases/a.toml"), "x\ny = 1", 2, "bad \u{1b}[2J");
        assert_eq!(e.to_string(), "cases/a.toml:2:1: bad ^[[2J");
    }
}
