//! The event loop: terminal input, file changes and signals become
//! messages on one channel; `update` applies each; the view draws only
//! when something changed. The loop blocks on the channel, so an idle
//! console does no work.

use super::app::{App, Effect, Msg, Settings};
use super::glyphs::Glyphs;
use super::keymap::Keymap;
use super::{terminal, view};
use crate::context::{Context, Exit};
use crate::library::{self, Change, Library};
use crate::theme::{Depth, ThemeSet};
use notify::{RecursiveMode, Watcher};
use ratatui::crossterm::event::{self, Event, KeyCode, KeyEventKind, KeyModifiers};
use ratatui::crossterm::{execute, terminal::BeginSynchronizedUpdate, terminal::EndSynchronizedUpdate};
use ratatui::layout::Rect;
use signal_hook::consts::{SIGCONT, SIGHUP, SIGINT, SIGTERM, SIGTSTP};
use std::collections::BTreeSet;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::thread;
use std::time::{Duration, Instant};

/// How long the input thread waits for a key before checking whether it
/// must hand the terminal to an editor. Only affects how quickly `e` or
/// Ctrl-Z takes effect; no redraw happens on these wake-ups.
const INPUT_POLL: Duration = Duration::from_millis(200);
/// File changes are gathered this long so an editor's save (write, rename,
/// chmod) reloads once.
const DEBOUNCE: Duration = Duration::from_millis(120);

enum Incoming {
    Term(Event),
    Files(Vec<PathBuf>),
    Signal(i32),
    InputFailed(String),
}

/// Lets the runtime stop the input thread while an editor or the shell
/// owns the terminal.
struct InputGate {
    paused: AtomicBool,
    idle: AtomicBool,
}

pub fn run(ctx: &Context, step: Option<&str>) -> Exit {
    terminal::install_panic_hook();
    let mouse = ctx.config.mouse.unwrap_or(true);
    if let Err(e) = terminal::enter(mouse) {
        terminal::restore();
        eprintln!("pathwise: cannot use this terminal: {e}");
        return Exit::Usage;
    }
    let result = run_inside(ctx, mouse, step);
    terminal::restore();
    match result {
        Ok(exit) => exit,
        Err(e) => {
            eprintln!("pathwise: {e}");
            Exit::Invalid
        }
    }
}

fn run_inside(ctx: &Context, mouse: bool, step: Option<&str>) -> io::Result<Exit> {
    let mut term = terminal::new_terminal()?;
    let size = term.size()?;
    let area = Rect::new(0, 0, size.width, size.height);
    let glyphs = Glyphs::detect(ctx.global.ascii);
    let source = ctx.source();
    // a first frame before loading, so a big library never shows a blank screen
    term.draw(|f| {
        let msg = format!("pathwise {} loading {source}", glyphs.dot());
        f.buffer_mut()
            .set_string(1, 0, crate::text::inline(&msg), ratatui::style::Style::default());
    })?;
    let library = Library::load(source);
    let (keymap, key_problems) = Keymap::new(&ctx.config.keys);
    let themes = ThemeSet::load(ctx.dirs.themes_dir().as_deref());
    let settings = Settings {
        profile: ctx.profile.clone(),
        themes,
        theme: ctx.global.theme.clone().or_else(|| ctx.config.theme.clone()),
        depth: Depth::from_env(),
        glyphs,
        keymap,
        present: ctx.global.present,
        mouse,
        size: area,
    };
    let mut app = App::new(library, settings);
    if let Some(p) = key_problems.first() {
        app.flash = Some(format!("config: {p}"));
    }
    if let Some(id) = step {
        if !app.open_step(id) {
            app.flash = Some(format!(
                "--step: no case \"{}\" with a step to walk through",
                crate::text::inline(id)
            ));
        }
    }
    let (tx, rx) = mpsc::channel();
    let gate = Arc::new(InputGate {
        paused: AtomicBool::new(false),
        idle: AtomicBool::new(false),
    });
    spawn_input(tx.clone(), gate.clone());
    spawn_signals(tx.clone());
    let _watcher = app.library.source.watch_path().and_then(|p| watch(p, tx.clone()));
    event_loop(&mut term, &mut app, &rx, &gate)
}

fn draw(term: &mut terminal::Term, app: &App) -> io::Result<()> {
    // synchronized output: slow links and multiplexers never show a torn frame
    execute!(io::stdout(), BeginSynchronizedUpdate)?;
    term.draw(|f| view::draw(app, f))?;
    execute!(io::stdout(), EndSynchronizedUpdate)
}

fn event_loop(term: &mut terminal::Term, app: &mut App, rx: &Receiver<Incoming>, gate: &InputGate) -> io::Result<Exit> {
    let mut dirty = true;
    let mut pending: BTreeSet<PathBuf> = BTreeSet::new();
    let mut deadline: Option<Instant> = None;
    loop {
        if dirty {
            draw(term, app)?;
            dirty = false;
        }
        let incoming = match deadline {
            None => rx.recv().ok(),
            Some(at) => match rx.recv_timeout(at.saturating_duration_since(Instant::now())) {
                Ok(m) => Some(m),
                Err(RecvTimeoutError::Timeout) => None,
                Err(RecvTimeoutError::Disconnected) => return Ok(Exit::Ok),
            },
        };
        let Some(incoming) = incoming else {
            if deadline.is_some() {
                deadline = None;
                let paths: Vec<PathBuf> = std::mem::take(&mut pending).into_iter().collect();
                reload_paths(app, paths);
                dirty = true;
                continue;
            }
            return Ok(Exit::Ok);
        };
        let msg = match incoming {
            Incoming::Files(paths) => {
                pending.extend(paths);
                deadline.get_or_insert_with(|| Instant::now() + DEBOUNCE);
                continue;
            }
            Incoming::Signal(sig @ (SIGTERM | SIGHUP | SIGINT)) => return Ok(Exit::Signal(sig)),
            Incoming::Signal(SIGCONT) => {
                // stopped from outside (kill -STOP, job control): take the terminal back
                resume(term, app, gate)?;
                dirty = true;
                continue;
            }
            Incoming::Signal(_) => continue,
            Incoming::InputFailed(e) => return Err(io::Error::other(e)),
            Incoming::Term(Event::Key(k)) if k.kind == KeyEventKind::Release => continue,
            Incoming::Term(Event::Key(k))
                if k.code == KeyCode::Char('z') && k.modifiers.contains(KeyModifiers::CONTROL) =>
            {
                suspend(term, app, gate)?;
                dirty = true;
                continue;
            }
            Incoming::Term(Event::Key(k)) => {
                // debug builds only: lets the end-to-end tests prove the panic
                // path restores the terminal; compiled out of release builds
                #[cfg(debug_assertions)]
                if k.code == KeyCode::Char('P') && std::env::var_os("PATHWISE_TEST_PANIC").is_some() {
                    panic!("PATHWISE_TEST_PANIC: a deliberate panic");
                }
                Msg::Key(k)
            }
            // a terminal that reports motion anyway: nothing to redraw for it
            Incoming::Term(Event::Mouse(m)) if m.kind == ratatui::crossterm::event::MouseEventKind::Moved => continue,
            Incoming::Term(Event::Mouse(m)) => Msg::Mouse(m),
            Incoming::Term(Event::Paste(p)) => Msg::Paste(p),
            Incoming::Term(Event::Resize(w, h)) => Msg::Resize(w, h),
            Incoming::Term(_) => continue,
        };
        let effect = app.update(msg);
        dirty = true;
        match effect {
            Effect::None => {}
            Effect::Quit => return Ok(Exit::Ok),
            Effect::SetMouse(on) => terminal::set_mouse(on),
            Effect::Reload => {
                let library = Library::load(app.library.source.clone());
                let changed: Vec<PathBuf> = library.cases.iter().map(|l| l.path.clone()).collect();
                app.update(Msg::Reloaded { library, changed });
                app.flash = Some(format!("reloaded {} cases", app.library.cases.len()));
            }
            Effect::Export { index, present } => {
                let case = &app.library.cases[index].case;
                let r = &app.readiness[index];
                let body = crate::export::markdown(case, r, present);
                app.flash = Some(
                    match crate::export::write_free_name(Path::new("."), &case.id, "md", body.as_bytes()) {
                        Ok(path) => format!("wrote {}", crate::text::inline(&path.to_string_lossy())),
                        Err(e) => format!("export failed: {}", crate::text::inline(&e.to_string())),
                    },
                );
            }
            Effect::Edit(path) => {
                let outcome = edit(term, app, gate, &path)?;
                reload_paths(app, vec![path]);
                if let Err(e) = outcome {
                    app.flash = Some(e);
                }
            }
        }
    }
}

/// Re-reads changed files (in the runtime: this is I/O) and hands the
/// results to `update`. A folder change reloads everything.
fn reload_paths(app: &mut App, paths: Vec<PathBuf>) {
    if paths.iter().any(|p| p.is_dir()) {
        let library = Library::load(app.library.source.clone());
        let changed = library.cases.iter().map(|l| l.path.clone()).collect();
        app.update(Msg::Reloaded { library, changed });
        return;
    }
    let changes: Vec<Change> = paths
        .into_iter()
        .filter(|p| library::is_case_file(p))
        .map(|p| {
            let state = if p.exists() {
                Some(library::load_case_file(&p))
            } else {
                None
            };
            (p, state)
        })
        .collect();
    if !changes.is_empty() {
        app.update(Msg::FilesChanged(changes));
    }
}

fn pause_input(gate: &InputGate) {
    gate.paused.store(true, Ordering::SeqCst);
    // the input thread notices within one poll interval
    let until = Instant::now() + INPUT_POLL * 3;
    while !gate.idle.load(Ordering::SeqCst) && Instant::now() < until {
        thread::sleep(Duration::from_millis(5));
    }
}

fn resume_input(gate: &InputGate) {
    gate.paused.store(false, Ordering::SeqCst);
}

fn resume(term: &mut terminal::Term, app: &App, gate: &InputGate) -> io::Result<()> {
    terminal::enter(app.mouse)?;
    term.clear()?;
    resume_input(gate);
    Ok(())
}

/// Ctrl-Z: give the terminal back, stop, and take it again on `fg`.
fn suspend(term: &mut terminal::Term, app: &App, gate: &InputGate) -> io::Result<()> {
    pause_input(gate);
    terminal::restore();
    let _ = signal_hook::low_level::raise(SIGTSTP);
    resume(term, app, gate)
}

/// Runs `$VISUAL` or `$EDITOR` (else `vi`) on the file, with the terminal
/// handed over for the duration.
fn edit(term: &mut terminal::Term, app: &App, gate: &InputGate, path: &Path) -> io::Result<Result<(), String>> {
    let editor = std::env::var("VISUAL")
        .ok()
        .filter(|s| !s.trim().is_empty())
        .or_else(|| std::env::var("EDITOR").ok().filter(|s| !s.trim().is_empty()))
        .unwrap_or_else(|| "vi".to_string());
    let mut words = editor.split_whitespace();
    let program = words.next().unwrap_or("vi").to_string();
    let args: Vec<String> = words.map(str::to_string).collect();
    pause_input(gate);
    terminal::restore();
    let status = std::process::Command::new(&program).args(&args).arg(path).status();
    resume(term, app, gate)?;
    Ok(match status {
        Ok(s) if s.success() => Ok(()),
        Ok(s) => Err(format!("{program} exited with {s}")),
        Err(e) => Err(format!("cannot run {program}: {e} (set $EDITOR)")),
    })
}

fn spawn_input(tx: Sender<Incoming>, gate: Arc<InputGate>) {
    thread::spawn(move || {
        loop {
            if gate.paused.load(Ordering::SeqCst) {
                gate.idle.store(true, Ordering::SeqCst);
                thread::sleep(Duration::from_millis(20));
                continue;
            }
            gate.idle.store(false, Ordering::SeqCst);
            match event::poll(INPUT_POLL) {
                Ok(true) => match event::read() {
                    Ok(ev) => {
                        if tx.send(Incoming::Term(ev)).is_err() {
                            return;
                        }
                    }
                    Err(e) => {
                        let _ = tx.send(Incoming::InputFailed(e.to_string()));
                        return;
                    }
                },
                Ok(false) => {}
                Err(e) => {
                    let _ = tx.send(Incoming::InputFailed(e.to_string()));
                    return;
                }
            }
        }
    });
}

fn spawn_signals(tx: Sender<Incoming>) {
    let Ok(mut signals) = signal_hook::iterator::Signals::new([SIGTERM, SIGHUP, SIGINT, SIGCONT]) else {
        return;
    };
    thread::spawn(move || {
        for sig in signals.forever() {
            if tx.send(Incoming::Signal(sig)).is_err() {
                return;
            }
        }
    });
}

fn watch(dir: &Path, tx: Sender<Incoming>) -> Option<notify::RecommendedWatcher> {
    let mut watcher = notify::recommended_watcher(move |res: notify::Result<notify::Event>| {
        if let Ok(ev) = res {
            if matches!(ev.kind, notify::EventKind::Access(_)) {
                return;
            }
            let paths: Vec<PathBuf> = ev
                .paths
                .into_iter()
                .filter(|p| library::is_case_file(p) || p.is_dir())
                .collect();
            if !paths.is_empty() {
                let _ = tx.send(Incoming::Files(paths));
            }
        }
    })
    .ok()?;
    watcher.watch(dir, RecursiveMode::Recursive).ok()?;
    Some(watcher)
}
