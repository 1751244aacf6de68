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
mod conference;
mod console;
mod e2e_tmux;
mod e2e_verdict;
mod export_write;
mod fs_faults;
mod fuzz_loader;
mod hostile_output;
mod live_reload;
mod loader;
mod loading;
mod memory;
mod no_write;
mod presenting;
mod screen_replay;
mod search;
mod signals;
mod step_through;
mod teaching;
mod timeline;
mod verdict;
