//! The pathwise domain: the case file format and its validation, the case
//! library on disk, the readiness rules, and the one sanitiser every string
//! from a file passes through. Nothing here draws to a terminal; the
//! console, the command line and the benchmarks all build on this crate.

pub mod case;
pub mod file;
pub mod library;
pub mod par;
pub mod rules;
pub mod text;
