//! The case domain: format v1, its words, the formulary, parsing and
//! validation. No terminal code lives here.

pub mod describe;
pub mod formulary;
mod model;
mod pack;
mod parse;
pub mod words;

pub use crate::file::{FileError, line_column};

/// The located error of a case file: the one error type of every file
/// pathwise reads.
pub type CaseError = FileError;
pub use model::*;
pub use pack::{Head, Packed};
pub use parse::{MAX_FILE_BYTES, SCHEMA_VERSION, parse_case};
pub use words::*;

/// Calendar dates, as TOML local dates are read.
pub use jiff::civil::Date;
