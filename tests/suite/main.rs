//! Every integration test, as one test binary (one link, not thirteen):
//! the library API, the real binary's command line, the console
//! in-process and in tmux, teaching modes, hostile input and faults.

mod common;

mod budgets_bytes;
mod cli;
mod cli_profiles;
mod cli_themes;
mod console;
mod e2e_tmux;
mod fs_faults;
mod fuzz_loader;
mod hostile_output;
mod loader;
mod no_write;
mod search;
mod teaching;
