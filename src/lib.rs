//! pathwise: review musculoskeletal cases along the care pathway after
//! physical therapy. This crate holds the front ends (the command line and
//! the console) and their themes; the domain (cases, the library on disk,
//! the readiness rules, the presenter) is the `pathwise-core` crate,
//! re-exported here.

pub use pathwise_core::{case, file, library, par, present, rules, text};
pub use pathwise_generate as generate;

pub mod cli;
pub mod conference;
pub mod config;
pub mod context;
pub mod export;
pub mod theme;
pub mod tui;
