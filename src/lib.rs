//! pathwise: review musculoskeletal cases along the care pathway after
//! physical therapy. The library holds the domain (cases, the library on
//! disk, the readiness rules) and the front ends (CLI and console) that
//! call it.

pub mod case;
pub mod cli;
pub mod config;
pub mod export;
pub mod generate;
pub mod library;
pub mod rules;
pub mod text;
pub mod theme;
pub mod tui;
