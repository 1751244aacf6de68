//! What arrives on the event loop's one channel: terminal input, file
//! changes, signals, the loader's and the conference's news, and every
//! effect's outcome. Its own module, so the threads that send (the loader,
//! the watch, the signal thread) and the runtime that receives share the
//! type without depending on one another.

use super::app::Msg;
use ratatui::crossterm::event::Event;
use std::path::PathBuf;
use std::time::SystemTime;

/// What arrives on the channel.
pub(super) enum Incoming {
    Term(Event),
    /// Changed case files, and whether a folder changed.
    Files {
        paths: Vec<PathBuf>,
        folder: bool,
    },
    /// The library folder itself came, went or moved.
    Root,
    Signal(i32),
    InputFailed(String),
    /// An effect's outcome, for `update`.
    App(Msg),
    LoaderFailed(String),
    /// A full load has read every file (after its `Done`): the files, and
    /// when it started, so changes made meanwhile can be caught up on.
    Loaded {
        generation: u64,
        started: SystemTime,
        files: Vec<PathBuf>,
    },
    /// A watch on the library's tree, set up off the event thread.
    Watching {
        round: u64,
        watcher: Option<notify::RecommendedWatcher>,
    },
    /// The conference host has events for the console (its wake hook).
    Conference,
}
