//! Signals. Those that end the process (TERM, HUP, INT, QUIT) restore the
//! terminal and exit with 128 + the signal's number straight from the
//! signal thread, whatever the main thread is doing: starting, loading,
//! drawing or waiting. Only while the terminal is handed over (to
//! `$EDITOR`, or the shell after Ctrl-Z) do they go to the main thread,
//! which knows what else to end first. CONT (after a stop from outside)
//! always goes to the main thread, to take the terminal back.

use super::incoming::Incoming;
use super::terminal;
use signal_hook::consts::{SIGCONT, SIGHUP, SIGINT, SIGQUIT, SIGTERM};
use std::io;
use std::sync::mpsc::Sender;
use std::thread;

/// The signals that end the console.
pub const ENDING: [i32; 4] = [SIGTERM, SIGHUP, SIGINT, SIGQUIT];

/// Starts listening. Called before the terminal is touched, so that no
/// signal finds it changed and unguarded.
pub fn spawn(tx: Sender<Incoming>) -> io::Result<()> {
    let mut signals = signal_hook::iterator::Signals::new([SIGTERM, SIGHUP, SIGINT, SIGQUIT, SIGCONT])?;
    thread::Builder::new().name("pathwise-signals".into()).spawn(move || {
        for sig in signals.forever() {
            if ENDING.contains(&sig) {
                // returns only while the terminal is handed over
                terminal::end_unless_handed(sig);
            }
            // after the loop has ended, nobody listens: the terminal is
            // restored and the process is about to exit anyway
            let _ = tx.send(Incoming::Signal(sig));
        }
    })?;
    Ok(())
}
