//! The pathwise domain: the case file format and its validation, the case
//! library on disk, the readiness rules, the one sanitiser every string
//! from a file passes through, and the presenter that turns a case and its
//! verdict into display fields, de-identified for shared screens. Nothing
//! here draws to a terminal; the console, the command line and the
//! benchmarks all build on this crate.

pub mod case;
pub mod file;
pub mod library;
pub mod par;
pub mod present;
pub mod rules;
pub mod text;
