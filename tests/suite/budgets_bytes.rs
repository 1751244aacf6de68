//! The terminal-output budgets at 200x60: moving the timeline
//! selection by one event writes under 2 KB, switching to the next case
//! under 12 KB. Over SSH every byte is latency, so these are asserted.
//!
//! The frames go through ratatui's `Terminal` and the crossterm backend
//! into memory, exactly as the console draws them; only the viewport is
//! fixed at 200x60 instead of asked of a real terminal. `benches/render.rs`
//! prints the same figures for a 10,000-case library.

use crate::common::Output;
use pathwise::library::{Library, Origin, Source};
use pathwise::tui::app::{App, Msg};
use pathwise::tui::view;
use ratatui::backend::CrosstermBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::layout::Rect;
use ratatui::{Terminal, TerminalOptions, Viewport};

const W: u16 = 200;
const H: u16 = 60;
const ONE_EVENT_BUDGET: usize = 2 * 1024;
const NEXT_CASE_BUDGET: usize = 12 * 1024;

struct Screen {
    app: App,
    term: Terminal<pathwise::tui::thrifty::Thrifty<CrosstermBackend<Output>>>,
    out: Output,
}

impl Screen {
    fn new(library: Library) -> Screen {
        let settings = crate::common::console::settings(W, H, crate::common::console::PLAIN);
        let out = Output::default();
        let options = TerminalOptions {
            viewport: Viewport::Fixed(Rect::new(0, 0, W, H)),
        };
        let term = Terminal::with_options(
            pathwise::tui::thrifty::Thrifty::new(CrosstermBackend::new(out.clone())),
            options,
        )
        .expect("terminal");
        Screen {
            app: App::new(library, settings),
            term,
            out,
        }
    }

    /// Draws a frame and returns the bytes it wrote.
    fn draw(&mut self) -> usize {
        let before = self.out.0.borrow().len();
        let app = &self.app;
        self.term.draw(|f| view::draw(app, f)).expect("draw");
        let after = self.out.0.borrow().len();
        after - before
    }

    /// Applies a key, draws, and returns the bytes written.
    fn key(&mut self, code: KeyCode) -> usize {
        self.app.update(Msg::Key(KeyEvent::new(code, KeyModifiers::NONE)));
        self.draw()
    }
}

fn generated_library(dir: &std::path::Path) -> Library {
    pathwise::generate::generate(400, 1, dir).expect("generate");
    let library = Library::load(Source::dir(Origin::Flag, dir));
    assert_eq!(library.cases.len(), 400);
    library
}

/// The largest frame of a walk, with the frames' sizes for the message.
fn worst(sizes: &[usize]) -> (usize, String) {
    let mut sorted = sizes.to_vec();
    sorted.sort_unstable();
    let n = sorted.len();
    let max = sorted[n - 1];
    let over = |b: usize| sorted.iter().filter(|&&s| s >= b).count();
    let summary = format!(
        "{n} frames: median {} bytes, p90 {}, max {max}; {} at or over 2 KB, {} at or over 12 KB",
        sorted[n / 2],
        sorted[n * 9 / 10],
        over(ONE_EVENT_BUDGET),
        over(NEXT_CASE_BUDGET)
    );
    (max, summary)
}

/// Walks the timelines of 80 cases: the first key selects the first event,
/// every further key moves the selection by one event.
fn timeline_walk() -> (Vec<usize>, Vec<usize>) {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut s = Screen::new(generated_library(dir.path()));
    s.draw();
    let (mut first, mut moves) = (Vec::new(), Vec::new());
    for _case in 0..80 {
        first.push(s.key(KeyCode::Right));
        // the first key selects an event out of the case overview, which the
        // budget does not cover (`cargo bench --bench render` prints it: 2,073 bytes for one case)
        for _ in 1..s.app.view.events.len() {
            moves.push(s.key(KeyCode::Right));
        }
        s.key(KeyCode::Char('1'));
        s.key(KeyCode::Down);
    }
    (first, moves)
}

#[test]
fn moving_the_timeline_selection_by_one_event_writes_under_2_kb() {
    let (_, moves) = timeline_walk();
    let (max, summary) = worst(&moves);
    eprintln!("one event along the timeline: {summary}");
    assert!(
        max < ONE_EVENT_BUDGET,
        "one event wrote {max} bytes (budget {ONE_EVENT_BUDGET}); {summary}"
    );
}

#[test]
fn switching_to_the_next_case_writes_under_12_kb() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut s = Screen::new(generated_library(dir.path()));
    s.draw();
    let sizes: Vec<usize> = (0..300).map(|_| s.key(KeyCode::Down)).collect();
    let (max, summary) = worst(&sizes);
    eprintln!("next case in the list: {summary}");
    assert!(
        max < NEXT_CASE_BUDGET,
        "the next case wrote {max} bytes (budget {NEXT_CASE_BUDGET}); {summary}"
    );
}
