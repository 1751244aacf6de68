//! Helpers shared by the test modules: the console in-process (settings,
//! keys, the screen as text) and a private tmux server for the real binary.

pub mod console;
pub mod tmux;

pub use tmux::Tmux;
