//! `pathwise host` and `pathwise join`: the console hosting a conference,
//! and a console following one (docs/conference.md).

use crate::conference::{Follower, JOIN_CODE_ENV, socket};
use crate::context::{Context, Exit};
use crate::tui::conference::Setup;
use std::path::PathBuf;

/// The console, hosting: it prints the join command, then takes the
/// screen; the room follows it de-identified.
pub fn host(ctx: &Context, socket: Option<PathBuf>, group: Option<String>) -> Exit {
    crate::tui::run_with(ctx, None, Some(Setup::Host { socket, group }))
}

/// The console, following the conference at `socket` with its code.
pub fn join(ctx: &Context, socket: Option<PathBuf>, code: Option<String>, name: Option<String>) -> Exit {
    // no terminal, no connection: the host's status line would say
    // someone joined and left at once
    if let Err(e) = crate::tui::terminal::usable() {
        eprintln!("pathwise: {e}");
        return Exit::Usage;
    }
    let from_env = || std::env::var(JOIN_CODE_ENV).ok();
    let Some(code) = code.or_else(from_env).filter(|c| !c.trim().is_empty()) else {
        eprintln!(
            "pathwise join: no join code: run the command `pathwise host` printed ({JOIN_CODE_ENV}=… pathwise join --socket …), or give --code"
        );
        return Exit::Usage;
    };
    let socket = match socket.map_or_else(socket::default_path, Ok) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("pathwise join: {e}");
            return Exit::Usage;
        }
    };
    let name = name
        .or_else(|| std::env::var("USER").ok())
        .or_else(|| std::env::var("LOGNAME").ok())
        .unwrap_or_default();
    match Follower::connect(&socket, &code, &name) {
        Ok(follower) => crate::tui::run_with(ctx, None, Some(Setup::Join(follower))),
        Err(e) => {
            eprintln!("pathwise join: {e}");
            Exit::Usage
        }
    }
}
