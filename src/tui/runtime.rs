//! The event loop: terminal input, file changes, signals and the outcome
//! of every effect become messages on one channel; `update` applies each
//! and returns the next effect as data; the runtime carries effects out
//! (on threads of their own where they read or write files) and draws when
//! nothing else is waiting. The loop blocks on the channel, so an idle
//! console does no work. The runtime never changes the app's state: what
//! an effect did comes back as a message.

use super::app::{App, Effect, Msg, Settings};
use super::conference::{Joined, Publisher, Setup};
use super::glyphs::Glyphs;
use super::incoming::Incoming;
use super::keymap::Keymap;
use super::loader::Loader;
use super::signals::{self, ENDING};
use super::watch::Watch;
use super::{terminal, view};
use crate::conference::{Host, HostConfig, Limits, Waker};
use crate::context::{Context, Exit};
use crate::theme::{Depth, ThemeSet};
use ratatui::crossterm::event::{self, Event, KeyEventKind, MouseEventKind};
use ratatui::crossterm::{execute, terminal::BeginSynchronizedUpdate, terminal::EndSynchronizedUpdate};
use ratatui::layout::Rect;
use signal_hook::consts::{SIGCONT, SIGHUP, SIGINT, SIGQUIT, SIGTSTP};
use std::collections::{BTreeSet, VecDeque};
use std::io;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender, TryRecvError};
use std::thread;
use std::time::{Duration, Instant};

/// How long the input thread waits for a key before checking whether it
/// must hand the terminal to an editor. Only affects how quickly `e` or
/// Ctrl-Z takes effect; no redraw happens on these wake-ups.
const INPUT_POLL: Duration = Duration::from_millis(200);
/// File changes are gathered this long so an editor's save (write, rename,
/// chmod) reloads once.
const DEBOUNCE: Duration = Duration::from_millis(120);
/// While messages keep coming (a load), a frame is still drawn this often.
const FRAME_AT_LEAST: Duration = Duration::from_millis(100);

/// The console's conference, carried by the runtime.
enum Link {
    Host(Publisher),
    Join(Joined),
}

/// Lets the runtime stop the input thread while an editor or the shell
/// owns the terminal.
struct InputGate {
    paused: AtomicBool,
    idle: AtomicBool,
}

pub fn run(ctx: &Context, step: Option<&str>) -> Exit {
    run_with(ctx, step, None)
}

/// The console, hosting or following a conference when `conference` says
/// so: `pathwise host` prints the join command before the console takes
/// the screen; `pathwise join` follows with no library.
pub fn run_with(ctx: &Context, step: Option<&str>, conference: Option<Setup>) -> Exit {
    // before anything is written: no terminal, no escape sequences
    if let Err(e) = terminal::usable() {
        eprintln!("pathwise: {e}");
        return Exit::Usage;
    }
    let (tx, rx) = mpsc::channel();
    // before the terminal is touched, so a signal at any stage restores it
    if let Err(e) = signals::spawn(tx.clone()) {
        eprintln!("pathwise: cannot handle signals: {e}");
        return Exit::Usage;
    }
    let link = match conference {
        None => None,
        Some(Setup::Host { socket, group }) => {
            let wake_tx = tx.clone();
            let wake: Waker = Arc::new(move || {
                let _ = wake_tx.send(Incoming::Conference);
            });
            let config = HostConfig {
                socket,
                group,
                limits: Limits::default(),
                wake: Some(wake),
            };
            match Host::start(config) {
                Ok(host) => {
                    println!(
                        "Conference open. To follow, run on this machine:\n  {}",
                        host.join_command()
                    );
                    Some(Link::Host(Publisher::new(host)))
                }
                Err(e) => {
                    eprintln!("pathwise host: {e}");
                    return Exit::Usage;
                }
            }
        }
        Some(Setup::Join(follower)) => {
            let forward = tx.clone();
            match Joined::start(follower, move |m| forward.send(Incoming::App(m)).is_ok()) {
                Ok(j) => Some(Link::Join(j)),
                Err(e) => {
                    eprintln!("pathwise join: {e}");
                    return Exit::Usage;
                }
            }
        }
    };
    terminal::install_panic_hook();
    let mouse = ctx.config.mouse.unwrap_or(true);
    if let Err(e) = terminal::enter(mouse) {
        terminal::restore();
        eprintln!("pathwise: cannot use this terminal: {e}");
        return Exit::Usage;
    }
    let mut link = link;
    let mut ended = None;
    let result = Runtime::start(ctx, mouse, tx, rx, &mut link).and_then(|(mut rt, mut app, first)| {
        let mut startup = Vec::new();
        if let Some(id) = step {
            startup.push(Msg::Step(id.to_string()));
        }
        let exit = rt.run(&mut app, first, startup);
        ended = app.conference_ended().map(str::to_string);
        link = rt.conference.take();
        exit
    });
    terminal::restore();
    // goodbyes to the room (or to the host) once the terminal is back
    drop(link);
    if let Some(why) = ended {
        println!("pathwise join: {why}");
    }
    match result {
        Ok(exit) => exit,
        Err(e) => {
            eprintln!("pathwise: {e}");
            Exit::Invalid
        }
    }
}

struct Runtime {
    term: terminal::Term,
    rx: Receiver<Incoming>,
    gate: Arc<InputGate>,
    loader: Loader,
    watch: Option<Watch>,
    /// Messages that came in while the editor ran, in order.
    backlog: VecDeque<Incoming>,
    /// Hosting or following a conference.
    conference: Option<Link>,
}

/// How an editor session ended.
enum Edited {
    Closed(Result<(), String>),
    /// A signal that ends the console came while it ran.
    Ended(i32),
}

impl Runtime {
    fn start(
        ctx: &Context,
        mouse: bool,
        tx: Sender<Incoming>,
        rx: Receiver<Incoming>,
        link: &mut Option<Link>,
    ) -> io::Result<(Runtime, App, Vec<Effect>)> {
        let term = terminal::new_terminal()?;
        let size = term.size()?;
        let (keymap, key_problems) = Keymap::new(&ctx.config.keys);
        let settings = Settings {
            profile: ctx.profile.clone(),
            themes: ThemeSet::load(ctx.dirs.themes_dir().as_deref()),
            theme: ctx.global.theme.clone().or_else(|| ctx.config.theme.clone()),
            depth: Depth::from_env(),
            glyphs: Glyphs::detect(ctx.global.ascii),
            keymap,
            present: ctx.global.present,
            mouse,
            size: Rect::new(0, 0, size.width, size.height),
        };
        let (mut app, mut first) = match link.as_ref() {
            // a follower needs no library: its views come from the host
            Some(Link::Join(_)) => (App::follower(settings), Vec::new()),
            _ => {
                let (app, load) = App::starting(ctx.source(), settings);
                (app, vec![load])
            }
        };
        if let Some(Link::Host(p)) = link.as_ref() {
            app.host(p.host().join_command().to_string());
        }
        if let Some(p) = key_problems.first() {
            first.push(app.update(Msg::Notice(format!("config: {p}"))));
        }
        let gate = Arc::new(InputGate {
            paused: AtomicBool::new(false),
            idle: AtomicBool::new(false),
        });
        spawn_input(tx.clone(), gate.clone());
        let watch = Watch::new(app.library.source.watch_path(), tx.clone());
        let rt = Runtime {
            term,
            rx,
            gate,
            loader: Loader::new(ctx.profile.clone(), tx),
            watch,
            backlog: VecDeque::new(),
            conference: link.take(),
        };
        Ok((rt, app, first))
    }

    fn run(&mut self, app: &mut App, first: Vec<Effect>, startup: Vec<Msg>) -> io::Result<Exit> {
        // the first frame, at once: the layout, and the load's progress
        self.draw(app)?;
        for effect in first {
            if let Some(exit) = self.perform(app, effect)? {
                return Ok(exit);
            }
        }
        self.conferred(app);
        for msg in startup {
            let effect = self.update(app, msg);
            if let Some(exit) = self.perform(app, effect)? {
                return Ok(exit);
            }
        }
        self.event_loop(app)
    }

    /// `update`, then the conference: a host publishes what changed.
    fn update(&mut self, app: &mut App, msg: Msg) -> Effect {
        let effect = app.update(msg);
        self.conferred(app);
        effect
    }

    fn conferred(&mut self, app: &mut App) {
        if let Some(Link::Host(p)) = self.conference.as_mut() {
            p.after_update(app);
        }
    }

    fn draw(&mut self, app: &App) -> io::Result<()> {
        let _out = terminal::lock_output();
        // synchronized output: slow links and multiplexers never show a torn frame
        execute!(io::stdout(), BeginSynchronizedUpdate)?;
        self.term.draw(|f| view::draw(app, f))?;
        execute!(io::stdout(), EndSynchronizedUpdate)
    }

    /// The next thing to handle: what the editor left, what is waiting,
    /// or (after drawing if something changed) whatever comes next, up to
    /// `deadline`. `None` when the deadline passed.
    fn next(
        &mut self,
        app: &App,
        dirty: &mut bool,
        last_draw: &mut Instant,
        deadline: Option<Instant>,
    ) -> io::Result<Option<Incoming>> {
        if let Some(i) = self.backlog.pop_front() {
            return Ok(Some(i));
        }
        match self.rx.try_recv() {
            Ok(i) => {
                // a stream of messages (a load) still gets frames
                if *dirty && last_draw.elapsed() >= FRAME_AT_LEAST {
                    self.draw(app)?;
                    *dirty = false;
                    *last_draw = Instant::now();
                }
                return Ok(Some(i));
            }
            Err(TryRecvError::Disconnected) => return Err(io::Error::other("the event channel closed")),
            Err(TryRecvError::Empty) => {}
        }
        if *dirty {
            self.draw(app)?;
            *dirty = false;
            *last_draw = Instant::now();
        }
        match deadline {
            None => self
                .rx
                .recv()
                .map(Some)
                .map_err(|_| io::Error::other("the event channel closed")),
            Some(at) => match self.rx.recv_timeout(at.saturating_duration_since(Instant::now())) {
                Ok(i) => Ok(Some(i)),
                Err(RecvTimeoutError::Timeout) => Ok(None),
                Err(RecvTimeoutError::Disconnected) => Err(io::Error::other("the event channel closed")),
            },
        }
    }

    fn event_loop(&mut self, app: &mut App) -> io::Result<Exit> {
        let mut dirty = true;
        let mut last_draw = Instant::now();
        let mut pending: BTreeSet<PathBuf> = BTreeSet::new();
        let mut pending_folder = false;
        let mut deadline: Option<Instant> = None;
        loop {
            let Some(incoming) = self.next(app, &mut dirty, &mut last_draw, deadline)? else {
                // the debounce is over: the changed files, once
                deadline = None;
                let msg = Msg::FilesTouched {
                    paths: std::mem::take(&mut pending).into_iter().collect(),
                    folder: std::mem::take(&mut pending_folder),
                };
                let effect = self.update(app, msg);
                dirty = true;
                if let Some(exit) = self.perform(app, effect)? {
                    return Ok(exit);
                }
                continue;
            };
            let msg = match incoming {
                Incoming::Files { paths, folder } => {
                    pending.extend(paths);
                    pending_folder |= folder;
                    deadline.get_or_insert_with(|| Instant::now() + DEBOUNCE);
                    continue;
                }
                // the folder came back (or went): load what is there now, and
                // watch it when that is done
                Incoming::Root => Msg::FilesTouched {
                    paths: Vec::new(),
                    folder: true,
                },
                // only while the terminal was handed over; otherwise the
                // signal thread has restored it and exited already
                Incoming::Signal(sig) if ENDING.contains(&sig) => return Ok(Exit::Signal(sig)),
                Incoming::Signal(SIGCONT) => {
                    // stopped from outside (kill -STOP, job control): take the terminal back
                    terminal::reenter(app.mouse)?;
                    self.clear()?;
                    dirty = true;
                    continue;
                }
                Incoming::Signal(_) => continue,
                Incoming::InputFailed(e) => return Err(io::Error::other(e)),
                Incoming::LoaderFailed(e) => return Err(io::Error::other(format!("loading failed: {e}"))),
                Incoming::Loaded {
                    generation,
                    started,
                    files,
                } => {
                    // `r` and a folder that came back watch the folder there now;
                    // what changed while the files were read is caught up on
                    if let Some(w) = self.watch.as_mut().filter(|_| self.loader.is_current(generation)) {
                        w.arm(self.loader.catch_up(app.library.source.clone(), started, files));
                    }
                    continue;
                }
                Incoming::Watching { round, watcher } => {
                    if let Some(w) = self.watch.as_mut() {
                        w.install(round, watcher);
                    }
                    continue;
                }
                Incoming::Conference => {
                    if let Some(Link::Host(p)) = self.conference.as_mut() {
                        dirty |= p.pump(app);
                    }
                    continue;
                }
                Incoming::App(msg) => msg,
                Incoming::Term(Event::Key(k)) if k.kind == KeyEventKind::Release => continue,
                Incoming::Term(Event::Key(k)) => {
                    // debug builds only: lets the end-to-end tests prove the panic
                    // path restores the terminal; compiled out of release builds
                    #[cfg(debug_assertions)]
                    if k.code == event::KeyCode::Char('P') && std::env::var_os("PATHWISE_TEST_PANIC").is_some() {
                        panic!("PATHWISE_TEST_PANIC: a deliberate panic");
                    }
                    Msg::Key(k)
                }
                // a terminal that reports motion anyway: nothing to redraw for it
                Incoming::Term(Event::Mouse(m)) if m.kind == MouseEventKind::Moved => continue,
                Incoming::Term(Event::Mouse(m)) => Msg::Mouse(m),
                Incoming::Term(Event::Paste(p)) => Msg::Paste(p),
                Incoming::Term(Event::Resize(w, h)) => Msg::Resize(w, h),
                Incoming::Term(_) => continue,
            };
            let effect = self.update(app, msg);
            dirty = true;
            if let Some(exit) = self.perform(app, effect)? {
                return Ok(exit);
            }
        }
    }

    /// Carries out an effect; `Some` when the console must end.
    fn perform(&mut self, app: &mut App, effect: Effect) -> io::Result<Option<Exit>> {
        match effect {
            Effect::None => {}
            Effect::Quit => return Ok(Some(Exit::Ok)),
            Effect::SetMouse(on) => terminal::set_mouse(on),
            Effect::Load { generation } => {
                // the tree is watched again when every file is read
                if let Some(w) = self.watch.as_mut() {
                    w.disarm_tree();
                }
                self.loader.load(app.library.source.clone(), generation);
            }
            Effect::ReadFiles(paths) => self.loader.read(paths),
            Effect::Answer { stop, choice } => {
                if let Some(Link::Join(j)) = self.conference.as_ref() {
                    j.answer(stop, choice);
                }
            }
            Effect::Export { id, body } => self.loader.export(id, body),
            Effect::Suspend => self.suspend(app)?,
            Effect::Edit(path) => match self.edit(app, &path)? {
                Edited::Ended(sig) => return Ok(Some(Exit::Signal(sig))),
                Edited::Closed(result) => {
                    let next = self.update(app, Msg::EditorClosed { path, result });
                    return self.perform(app, next);
                }
            },
        }
        Ok(None)
    }

    fn clear(&mut self) -> io::Result<()> {
        let _out = terminal::lock_output();
        self.term.clear()
    }

    fn resume(&mut self, app: &App) -> io::Result<()> {
        terminal::enter(app.mouse)?;
        self.clear()?;
        resume_input(&self.gate);
        Ok(())
    }

    /// Ctrl-Z: give the terminal back, stop, and take it again on `fg`.
    fn suspend(&mut self, app: &App) -> io::Result<()> {
        pause_input(&self.gate);
        terminal::hand_over();
        let _ = signal_hook::low_level::raise(SIGTSTP);
        self.resume(app)
    }

    /// Runs `$VISUAL` or `$EDITOR` (else `vi`) on the file, with the
    /// terminal handed over for the duration. A signal that ends the
    /// console is passed on to the editor, and the console ends when the
    /// editor has (the terminal stays as the editor left it: given back).
    /// SIGINT is the editor's own (Ctrl-C typed in it reaches us too).
    fn edit(&mut self, app: &App, path: &Path) -> io::Result<Edited> {
        let editor = std::env::var("VISUAL")
            .ok()
            .filter(|s| !s.trim().is_empty())
            .or_else(|| std::env::var("EDITOR").ok().filter(|s| !s.trim().is_empty()))
            .unwrap_or_else(|| "vi".to_string());
        let mut words = editor.split_whitespace();
        let program = words.next().unwrap_or("vi").to_string();
        let args: Vec<String> = words.map(str::to_string).collect();
        pause_input(&self.gate);
        terminal::hand_over();
        let mut ended = None;
        let result = match std::process::Command::new(&program).args(&args).arg(path).spawn() {
            Err(e) => Err(format!("cannot run {program}: {e} (set $EDITOR)")),
            Ok(mut child) => loop {
                if let Some(status) = child.try_wait()? {
                    break if status.success() {
                        Ok(())
                    } else {
                        Err(format!("{program} exited with {status}"))
                    };
                }
                match self.rx.recv_timeout(Duration::from_millis(50)) {
                    Ok(Incoming::Signal(sig)) if ENDING.contains(&sig) && sig != SIGINT => {
                        // the child is not reaped yet, so its pid is still its own
                        let _ = rustix::process::kill_process(rustix::process::Pid::from_child(&child), to_rustix(sig));
                        ended = Some(sig);
                    }
                    Ok(Incoming::Signal(_)) | Err(RecvTimeoutError::Timeout) => {}
                    Ok(other) => self.backlog.push_back(other),
                    Err(RecvTimeoutError::Disconnected) => return Err(io::Error::other("the event channel closed")),
                }
            },
        };
        if let Some(sig) = ended {
            return Ok(Edited::Ended(sig));
        }
        self.resume(app)?;
        Ok(Edited::Closed(result))
    }
}

fn to_rustix(sig: i32) -> rustix::process::Signal {
    use rustix::process::Signal;
    match sig {
        SIGHUP => Signal::HUP,
        SIGQUIT => Signal::QUIT,
        SIGINT => Signal::INT,
        _ => Signal::TERM,
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
