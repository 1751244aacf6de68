//! Every integration test, as one test binary (one link, not thirteen):
//! the library API, the real binary's command line, the console
//! in-process and in tmux, teaching modes, presentation mode through every
//! front end, hostile input and faults.

mod common;

mod budgets_bytes;
mod cli;
mod cli_profiles;
mod cli_themes;
mod colours;
mod console;
mod e2e_tmux;
mod e2e_verdict;
mod fs_faults;
mod fuzz_loader;
mod hostile_output;
mod loader;
mod no_write;
mod presenting;
mod step_through;
mod teaching;
mod timeline;
mod verdict;
