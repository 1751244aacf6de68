//! The console: a split-pane terminal app over the case library and the
//! readiness rules. `app` holds the state and `update`; `view` and the pane
//! modules draw it; `runtime` owns the terminal and the event loop.

mod actions;
pub mod app;
pub mod case_list;
pub mod cases;
pub mod conference;
pub mod detail;
pub mod glyphs;
mod goto;
mod incoming;
pub mod keymap;
pub mod layout;
mod loader;
pub mod loading;
mod mouse;
pub mod overlay;
pub mod readiness;
mod runtime;
pub mod scroll;
pub mod search;
mod settle;
mod signals;
pub mod status;
pub mod step;
pub mod summary;
mod teaching;
pub mod terminal;
pub mod textfit;
pub mod thrifty;
pub mod timeline;
pub mod view;
mod views;
mod watch;
pub mod wide;
pub mod wordmatch;

pub use runtime::{run, run_with};
