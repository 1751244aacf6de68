//! The case domain: format v1, its words, the formulary, parsing and
//! validation. No terminal code lives here.

pub mod describe;
mod error;
pub mod formulary;
mod model;
mod parse;
mod raw;
pub mod words;

pub use error::{CaseError, line_column};
pub use model::*;
pub use parse::{MAX_FILE_BYTES, SCHEMA_VERSION, parse_case};
pub use words::*;

/// Calendar dates, as TOML local dates are read.
pub use jiff::civil::Date;
