//! Drawing one frame with a 10,000-case library, and the bytes a
//! frame writes to the terminal.
//!
//! - `frame/WxH`: `pathwise::tui::view::render` of the whole screen into a
//!   ratatui `Buffer`, the case list focused on the first case;
//! - `frame/WxH/search`: the same while a search for "rad" is open (the
//!   visible titles get highlights);
//! - `frame/WxH/timeline`: with the timeline focused and an event selected;
//! - `draw/200x60/*`: a full `Terminal::draw` through the crossterm backend
//!   into a `Vec<u8>` after one key (render + diff + escape sequences).
//!
//! Bytes are not timings: the setup prints them once (the first frame, one
//! event along the timeline, the next case in the list). The same
//! measurement, with the budgets asserted, is `tests/budgets_bytes.rs`.

use criterion::{BatchSize, Criterion, criterion_group, criterion_main};
use pathwise::library::{Library, Origin, Source};
use pathwise::rules::Profile;
use pathwise::theme::{Depth, ThemeSet};
use pathwise::tui::app::{App, Msg, Settings};
use pathwise::tui::glyphs::Glyphs;
use pathwise::tui::keymap::Keymap;
use pathwise::tui::view;
use ratatui::backend::CrosstermBackend;
use ratatui::buffer::Buffer;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::layout::Rect;
use ratatui::{Terminal, TerminalOptions, Viewport};
use std::cell::RefCell;
use std::hint::black_box;
use std::io::{self, Write};
use std::rc::Rc;
use std::time::Duration;

fn app(library: Library, w: u16, h: u16) -> App {
    let settings = Settings {
        profile: Profile::builtin(),
        themes: ThemeSet::builtin(),
        theme: None,
        depth: Depth::TrueColor,
        glyphs: Glyphs { ascii: false },
        keymap: Keymap::new(&Default::default()).0,
        present: false,
        mouse: true,
        size: Rect::new(0, 0, w, h),
    };
    App::new(library, settings)
}

fn key(app: &mut App, code: KeyCode) {
    app.update(Msg::Key(KeyEvent::new(code, KeyModifiers::NONE)));
}

/// The terminal's output: a `Vec<u8>` the measurement can still read
/// while the backend owns the writer (ratatui keeps `writer()` unstable).
#[derive(Clone, Default)]
struct Output(Rc<RefCell<Vec<u8>>>);

impl Write for Output {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.0.borrow_mut().extend_from_slice(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

struct VecTerminal {
    term: Terminal<pathwise::tui::thrifty::Thrifty<CrosstermBackend<Output>>>,
    out: Output,
}

/// A terminal writing into memory. A fixed viewport of the screen's size:
/// `Terminal::new` would ask the real terminal for its size, which a
/// benchmark or CI does not have; the drawing and diffing are the same.
fn terminal(w: u16, h: u16) -> VecTerminal {
    let options = TerminalOptions {
        viewport: Viewport::Fixed(Rect::new(0, 0, w, h)),
    };
    let out = Output::default();
    let term = Terminal::with_options(
        pathwise::tui::thrifty::Thrifty::new(CrosstermBackend::new(out.clone())),
        options,
    )
    .expect("terminal");
    VecTerminal { term, out }
}

/// Draws and returns the bytes this frame wrote.
fn draw(t: &mut VecTerminal, app: &App) -> usize {
    let before = t.out.0.borrow().len();
    t.term.draw(|f| view::draw(app, f)).expect("draw");
    let after = t.out.0.borrow().len();
    after - before
}

fn bytes_report(library: &Library) {
    let (w, h) = (200, 60);
    let mut a = app(library.clone(), w, h);
    let mut term = terminal(w, h);
    let full = draw(&mut term, &a);
    key(&mut a, KeyCode::Right);
    let first_event = draw(&mut term, &a);
    key(&mut a, KeyCode::Right);
    let next_event = draw(&mut term, &a);
    key(&mut a, KeyCode::Char('1'));
    draw(&mut term, &a);
    key(&mut a, KeyCode::Down);
    let next_case = draw(&mut term, &a);
    key(&mut a, KeyCode::Down);
    let next_case_again = draw(&mut term, &a);
    eprintln!("bytes written to the terminal at {w}x{h}, 10,000 cases:");
    eprintln!("  first frame (full redraw)        {full:>7}");
    eprintln!("  select the first event (Right)   {first_event:>7}   budget < 2048 for one event");
    eprintln!("  next event (Right)               {next_event:>7}   budget < 2048");
    eprintln!("  next case in the list (Down)     {next_case:>7}   budget < 12288");
    eprintln!("  and the case after (Down)        {next_case_again:>7}   budget < 12288");
}

fn bench(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("temp dir");
    pathwise::generate::generate(10_000, 1, dir.path()).expect("generate the library");
    let library = Library::load(Source::dir(Origin::Flag, dir.path()));
    assert_eq!(library.cases.len(), 10_000);
    bytes_report(&library);

    let mut g = c.benchmark_group("render_10k");
    g.sample_size(50).measurement_time(Duration::from_secs(4));
    for (w, h) in [(80u16, 24u16), (200, 60)] {
        let area = Rect::new(0, 0, w, h);
        let mut buf = Buffer::empty(area);
        let mut a = app(library.clone(), w, h);
        g.bench_function(format!("frame/{w}x{h}"), |b| {
            b.iter(|| {
                buf.reset();
                view::render(&a, area, &mut buf);
                black_box(&buf);
            })
        });
        for k in [
            KeyCode::Char('/'),
            KeyCode::Char('r'),
            KeyCode::Char('a'),
            KeyCode::Char('d'),
        ] {
            key(&mut a, k);
        }
        g.bench_function(format!("frame/{w}x{h}/search"), |b| {
            b.iter(|| {
                buf.reset();
                view::render(&a, area, &mut buf);
                black_box(&buf);
            })
        });
        let mut a = app(library.clone(), w, h);
        key(&mut a, KeyCode::Char('2'));
        key(&mut a, KeyCode::Right);
        g.bench_function(format!("frame/{w}x{h}/timeline"), |b| {
            b.iter(|| {
                buf.reset();
                view::render(&a, area, &mut buf);
                black_box(&buf);
            })
        });
    }

    // a whole terminal draw after one key: update, render, diff, write
    let (w, h) = (200, 60);
    let mut a = app(library.clone(), w, h);
    let mut term = terminal(w, h);
    let out = term.out.clone();
    let mut forward = false;
    key(&mut a, KeyCode::Right);
    draw(&mut term, &a);
    g.bench_function("draw/200x60/next_event", |b| {
        b.iter_batched(
            || out.0.borrow_mut().clear(),
            |_| {
                // back and forth, so that every key moves the selection
                forward = !forward;
                key(&mut a, if forward { KeyCode::Right } else { KeyCode::Left });
                black_box(draw(&mut term, &a))
            },
            BatchSize::SmallInput,
        )
    });
    key(&mut a, KeyCode::Char('1'));
    draw(&mut term, &a);
    g.bench_function("draw/200x60/next_case", |b| {
        b.iter_batched(
            || out.0.borrow_mut().clear(),
            |_| {
                forward = !forward;
                key(&mut a, if forward { KeyCode::Down } else { KeyCode::Up });
                black_box(draw(&mut term, &a))
            },
            BatchSize::SmallInput,
        )
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
