//! One file being read: its text, the parse of it (with every syntax
//! error, in words a clinician editing by hand can act on) and every error
//! found so far.

use super::FileError;
use std::ops::Range;
use std::path::Path;
use toml::de::DeTable;

/// One file being read: its text and every error found so far.
pub struct Doc<'s> {
    pub path: &'s Path,
    pub source: &'s str,
    pub errors: Vec<FileError>,
    /// False after a syntax error: the parser skipped part of the text, so
    /// a key missing from what it kept may well be in the file.
    pub(super) whole: bool,
}

impl<'s> Doc<'s> {
    pub fn new(path: &'s Path, source: &'s str) -> Doc<'s> {
        Doc {
            path,
            source,
            errors: Vec::new(),
            whole: true,
        }
    }

    /// Parses the text. Syntax errors are all recorded (the parser
    /// recovers and goes on); the document is returned with what could be
    /// read, and whether it is whole.
    pub fn parse(&mut self) -> (DeTable<'s>, bool) {
        let (table, errors) = DeTable::parse_recoverable(self.source);
        let whole = errors.is_empty();
        self.whole = whole;
        for e in errors {
            let err = syntax_error(self.path, self.source, &e);
            self.errors.push(err);
        }
        (table.into_inner(), whole)
    }

    pub fn error_at(&mut self, span: Range<usize>, message: impl AsRef<str>) {
        self.errors
            .push(FileError::at(self.path, self.source, span.start, message));
    }

    /// The errors in the order of the file.
    pub fn into_errors(mut self) -> Vec<FileError> {
        self.errors
            .sort_by_key(|e| (e.line.unwrap_or(0), e.column.unwrap_or(0)));
        self.errors.dedup();
        self.errors
    }
}

/// A syntax error in the words a clinician editing by hand can act on.
pub(super) fn syntax_error(path: &Path, source: &str, e: &toml::de::Error) -> FileError {
    let raw = e.message().trim();
    let message = match raw {
        m if m.starts_with("duplicate key") => match e.span().and_then(|s| source.get(s)) {
            Some(key) => format!(
                "duplicate key `{}`: it is already set above; keep one",
                key.trim().trim_matches('"')
            ),
            None => m.to_string(),
        },
        m if m.contains("recurs") || m.contains("too deep") => {
            "nested too deeply (arrays or tables inside one another); a case file needs at most a few levels"
                .to_string()
        }
        m => m
            .replace(
                "invalid basic string",
                "a string cannot hold raw control characters; write them as escapes like \\u001b",
            )
            .replace(", expected", "; expected"),
    };
    match e.span() {
        Some(span) => FileError::at(path, source, span.start, message),
        None => match deepest_nesting(source) {
            Some(at) if message.starts_with("nested too deeply") => FileError::at(path, source, at, message),
            _ => FileError::new(path, message),
        },
    }
}

/// Where brackets first nest deeper than any file needs, for a nesting
/// error the parser reports without a place.
fn deepest_nesting(source: &str) -> Option<usize> {
    let mut depth = 0usize;
    for (i, b) in source.bytes().enumerate() {
        match b {
            b'[' | b'{' => {
                depth += 1;
                if depth > 32 {
                    return Some(i);
                }
            }
            b']' | b'}' => depth = depth.saturating_sub(1),
            b'\n' => {}
            _ => {}
        }
    }
    None
}
