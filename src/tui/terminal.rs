//! Taking and giving back the terminal. What was changed (raw mode; the
//! alternate screen, bracketed paste and the hidden cursor; mouse
//! reporting) is recorded as it is changed, and [`restore`] undoes exactly
//! that, so it is safe from any thread, any number of times, and writes
//! nothing when nothing was changed (no terminal, or a failed start).
//!
//! Every exit path goes through it: quit, error, panic (a hook), the
//! signals that end the process (TERM, HUP, INT, QUIT: the signal thread
//! calls [`end_unless_handed`], at any stage: before the first frame, while
//! loading, in the loop), and around `$EDITOR` and Ctrl-Z, when the
//! terminal is handed over and the main thread handles a signal itself.
//! Output to the terminal (a frame, a restore) holds one lock, so a restore
//! never lands inside a half-written frame.

use super::thrifty::Thrifty;
use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;
use ratatui::crossterm::{
    cursor,
    event::{DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste},
    execute,
    terminal::{self, EnterAlternateScreen, LeaveAlternateScreen},
};
use std::cell::Cell;
use std::io::{self, IsTerminal, Stdout, Write};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Mutex, MutexGuard, Once, TryLockError};
use std::time::{Duration, Instant};

pub type Term = Terminal<Thrifty<CrosstermBackend<Stdout>>>;

/// What pathwise has changed on the terminal, and so must undo.
static RAW: AtomicBool = AtomicBool::new(false);
static SCREEN: AtomicBool = AtomicBool::new(false);
static MOUSE: AtomicBool = AtomicBool::new(false);
/// The terminal belongs to an editor or the shell (Ctrl-Z) for now: the
/// main thread deals with signals itself.
static HANDED: AtomicBool = AtomicBool::new(false);

/// Held while anything is written to the terminal.
static OUTPUT: Mutex<()> = Mutex::new(());

thread_local! {
    /// This thread holds [`OUTPUT`] (a panic while drawing must not wait
    /// for itself).
    static HOLDING: Cell<bool> = const { Cell::new(false) };
}

/// The terminal's output lock, held while drawing (`None` inside: this
/// thread holds it already).
pub struct OutputGuard {
    guard: Option<MutexGuard<'static, ()>>,
}

impl Drop for OutputGuard {
    fn drop(&mut self) {
        if self.guard.take().is_some() {
            HOLDING.with(|h| h.set(false));
        }
    }
}

/// Takes the output lock (a frame is about to be written).
pub fn lock_output() -> OutputGuard {
    if HOLDING.with(Cell::get) {
        return OutputGuard { guard: None };
    }
    let guard = OUTPUT.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
    HOLDING.with(|h| h.set(true));
    OutputGuard { guard: Some(guard) }
}

/// Takes the lock, waiting at most `limit`: a terminal that stopped
/// reading (a frozen link) must not keep a signal from ending the process.
fn lock_output_within(limit: Duration) -> Option<OutputGuard> {
    if HOLDING.with(Cell::get) {
        return Some(OutputGuard { guard: None });
    }
    let until = Instant::now() + limit;
    loop {
        match OUTPUT.try_lock() {
            Ok(g) => {
                HOLDING.with(|h| h.set(true));
                return Some(OutputGuard { guard: Some(g) });
            }
            Err(TryLockError::Poisoned(p)) => {
                HOLDING.with(|h| h.set(true));
                return Some(OutputGuard {
                    guard: Some(p.into_inner()),
                });
            }
            Err(TryLockError::WouldBlock) if Instant::now() < until => std::thread::sleep(Duration::from_millis(5)),
            Err(TryLockError::WouldBlock) => return None,
        }
    }
}

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

/// Whether the console can run here: standard output must be a terminal
/// (redirected to a file, it would fill the file with escape sequences),
/// and the process must have a controlling terminal to read keys from and
/// set to raw mode. Checked before anything is written.
pub fn usable() -> Result<(), String> {
    if !io::stdout().is_terminal() {
        return Err("the console needs a terminal, and standard output is not one; \
                    for output to a file or a pipe use a subcommand (`pathwise list`, `show`, `export`, `--help`)"
            .into());
    }
    if let Err(e) = std::fs::File::open("/dev/tty") {
        return Err(format!(
            "the console needs a controlling terminal, and this process has none ({e}); \
             run it from a terminal, or use a subcommand"
        ));
    }
    Ok(())
}

/// Raw mode, alternate screen, bracketed paste, and mouse capture if asked.
/// Each change is recorded before it is made, so a failure part-way is
/// undone by [`restore`].
pub fn enter(mouse: bool) -> io::Result<()> {
    let _out = lock_output();
    enter_locked(mouse)
}

/// As [`enter`], after a stop from outside (`kill -STOP`, then `CONT`): the
/// terminal may have been reset meanwhile, so everything is set again.
pub fn reenter(mouse: bool) -> io::Result<()> {
    let _out = lock_output();
    if RAW.swap(false, Ordering::SeqCst) {
        // crossterm sets raw mode only when it believes it is not on
        let _ = terminal::disable_raw_mode();
    }
    SCREEN.store(false, Ordering::SeqCst);
    MOUSE.store(false, Ordering::SeqCst);
    enter_locked(mouse)
}

fn enter_locked(mouse: bool) -> io::Result<()> {
    if !RAW.load(Ordering::SeqCst) {
        terminal::enable_raw_mode()?;
        RAW.store(true, Ordering::SeqCst);
    }
    let mut out = io::stdout();
    if !SCREEN.swap(true, Ordering::SeqCst) {
        execute!(out, EnterAlternateScreen, EnableBracketedPaste, cursor::Hide)?;
    }
    if mouse && !MOUSE.swap(true, Ordering::SeqCst) {
        execute!(out, EnableClickCapture)?;
    }
    HANDED.store(false, Ordering::SeqCst);
    Ok(())
}

/// Undoes what was changed; the caller holds the output lock. Errors are
/// ignored: a terminal that is gone (a dropped SSH link) has nobody left
/// to tell.
fn undo() {
    let mut out = io::stdout();
    if MOUSE.swap(false, Ordering::SeqCst) {
        let _ = execute!(out, DisableMouseCapture);
    }
    if SCREEN.swap(false, Ordering::SeqCst) {
        let _ = execute!(out, DisableBracketedPaste, LeaveAlternateScreen, cursor::Show);
    }
    if RAW.swap(false, Ordering::SeqCst) {
        let _ = terminal::disable_raw_mode();
    }
    let _ = out.flush();
}

/// Gives the terminal back as it was.
pub fn restore() {
    let _out = lock_output();
    undo();
}

/// Gives the terminal back to an editor or the shell for a while: signals
/// that end the process are then the main thread's to handle.
pub fn hand_over() {
    let _out = lock_output();
    HANDED.store(true, Ordering::SeqCst);
    undo();
}

/// For the signal thread, on a signal that ends the process: unless the
/// terminal is handed over (then it returns, and the main thread handles
/// the signal), restores the terminal and exits with 128 + the signal's
/// number, at whatever stage the console is. The restore waits for a
/// frame being written to finish, but not for ever.
pub fn end_unless_handed(sig: i32) {
    let guard = lock_output_within(Duration::from_millis(500));
    if HANDED.load(Ordering::SeqCst) {
        return;
    }
    undo();
    drop(guard);
    std::process::exit(128 + sig);
}

pub fn set_mouse(on: bool) {
    let _out = lock_output();
    let mut out = io::stdout();
    if on {
        if !MOUSE.swap(true, Ordering::SeqCst) {
            let _ = execute!(out, EnableClickCapture);
        }
    } else if MOUSE.swap(false, Ordering::SeqCst) {
        let _ = execute!(out, DisableMouseCapture);
    }
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
