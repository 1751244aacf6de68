//! The referral summary: one page a surgeon reads before a consult, as
//! Markdown or JSON, and the safe write of every file pathwise creates.
//! With `present`, the summary is de-identified exactly as presentation
//! mode is (alias and age band only, dates as weeks from onset, notes
//! hidden). Every string from the case is sanitised, since the file may
//! well be printed to a terminal.

mod json;
mod markdown;
mod write;

pub use json::json;
pub use markdown::markdown;
pub use write::{WriteError, write_free_name, write_new};

pub const DISCLAIMER: &str = "Decision support for case review and teaching, not a medical device: it does not diagnose or decide, and the clinician remains responsible.";
