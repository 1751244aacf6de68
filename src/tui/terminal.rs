//! Taking and giving back the terminal. Every exit path — quit, error,
//! panic, SIGTERM, SIGHUP, suspend — goes through [`restore`], which undoes
//! raw mode, the alternate screen, mouse capture and bracketed paste.

use super::thrifty::Thrifty;
use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;
use ratatui::crossterm::{
    cursor,
    event::{DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste},
    execute,
    terminal::{self, EnterAlternateScreen, LeaveAlternateScreen},
};
use std::io::{self, Stdout, Write};
use std::sync::Once;

pub type Term = Terminal<Thrifty<CrosstermBackend<Stdout>>>;

/// Mouse reporting for clicks, drags and the wheel, in SGR encoding, but
/// not for bare motion: crossterm's `EnableMouseCapture` also asks for
/// every pointer movement (mode 1003), which over SSH means a stream of
/// events and redraws while the pointer merely crosses the window.
struct EnableClickCapture;

impl ratatui::crossterm::Command for EnableClickCapture {
    fn write_ansi(&self, f: &mut impl std::fmt::Write) -> std::fmt::Result {
        f.write_str("\x1b[?1000h\x1b[?1002h\x1b[?1006h")
    }
}

/// Raw mode, alternate screen, bracketed paste, and mouse capture if asked.
pub fn enter(mouse: bool) -> io::Result<()> {
    terminal::enable_raw_mode()?;
    let mut out = io::stdout();
    execute!(out, EnterAlternateScreen, EnableBracketedPaste, cursor::Hide)?;
    if mouse {
        execute!(out, EnableClickCapture)?;
    }
    Ok(())
}

/// Gives the terminal back as it was. Safe to call more than once and on a
/// terminal that is already gone (a dropped SSH link): errors are ignored
/// because there is nobody left to tell.
pub fn restore() {
    let mut out = io::stdout();
    let _ = execute!(
        out,
        DisableMouseCapture,
        DisableBracketedPaste,
        LeaveAlternateScreen,
        cursor::Show
    );
    let _ = terminal::disable_raw_mode();
    let _ = out.flush();
}

pub fn set_mouse(on: bool) {
    let mut out = io::stdout();
    let _ = if on {
        execute!(out, EnableClickCapture)
    } else {
        execute!(out, DisableMouseCapture)
    };
}

/// Restores the terminal before the panic message is printed, so the
/// message is readable and the shell is usable.
pub fn install_panic_hook() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            restore();
            previous(info);
        }));
    });
}

pub fn new_terminal() -> io::Result<Term> {
    Terminal::new(Thrifty::new(CrosstermBackend::new(io::stdout())))
}
