//! The referral summary: one page a surgeon reads before a consult, as
//! Markdown or JSON, and the safe write of every file pathwise creates.
//! Both render the presenter's views (`crate::present`), so a summary
//! written while presenting is de-identified exactly as the screen is
//! (alias and age band only, dates as weeks from onset, notes hidden), and
//! every string from the case is already sanitised for a terminal.

mod json;
mod markdown;
mod write;

pub use json::json;
pub use markdown::markdown;
pub use write::{WriteError, write_free_name, write_new};

pub const DISCLAIMER: &str = "Decision support for case review and teaching, not a medical device: it does not diagnose or decide, and the clinician remains responsible.";
