//! The console's state and `update`: a message in, the state changed, and
//! any side effect returned as data for the runtime to carry out. Derived
//! data (scores, search haystacks, the filtered list, the event order) is
//! computed here when its inputs change, never while drawing.

use super::cases::{CaseList, Row};
use super::glyphs::Glyphs;
use super::keymap::{Action, Keymap};
use super::layout::{self, Mode, Pane, Panes};
use super::search::{Haystack, Matcher};
use super::step::{CHOICES, Step};
use super::timeline;
use crate::case::{Case, EventRef};
use crate::library::{Change, Library};
use crate::rules::{Band, Options, Profile, Readiness, evaluate};
use crate::theme::{Depth, Theme, ThemeSet};
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers, MouseButton, MouseEvent, MouseEventKind};
use ratatui::layout::Rect;
use std::collections::{BTreeSet, HashMap};
use std::path::PathBuf;

/// Everything that can happen to the console.
#[derive(Debug, Clone)]
pub enum Msg {
    Key(KeyEvent),
    Mouse(MouseEvent),
    Paste(String),
    Resize(u16, u16),
    /// The whole library was loaded again.
    Reloaded {
        library: Library,
        changed: Vec<PathBuf>,
    },
    /// Some case files changed on disk; the runtime has read them again.
    FilesChanged(Vec<Change>),
}

/// Side effects `update` asks the runtime for.
#[derive(Debug, Clone, PartialEq)]
pub enum Effect {
    None,
    Quit,
    Edit(PathBuf),
    Reload,
    SetMouse(bool),
    /// Write the selected case's referral summary (de-identified when presenting).
    Export {
        index: usize,
        present: bool,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Overlay {
    Help,
    Errors,
}

/// The selected case's view state: reset when the case changes.
#[derive(Debug, Clone, Default)]
pub struct CaseView {
    /// Every event in date order.
    pub events: Vec<EventRef>,
    /// Index into `events`.
    pub event: Option<usize>,
    pub detail_scroll: u16,
    /// Index into the readiness criteria.
    pub criterion: usize,
    pub readiness_scroll: u16,
    /// What-if: events left out of scoring, and the verdict without them.
    pub excluded: BTreeSet<EventRef>,
    pub what_if: Option<Readiness>,
    /// Step-through, while it runs.
    pub step: Option<Step>,
}

pub struct App {
    pub library: Library,
    pub profile: Profile,
    /// One per library case, same order.
    pub readiness: Vec<Readiness>,
    pub rows: Vec<Row>,
    pub list: CaseList,
    matcher: Matcher,
    pub view: CaseView,
    pub focus: Pane,
    pub overlay: Option<Overlay>,
    pub overlay_scroll: u16,
    pub zoom: bool,
    pub present: bool,
    pub themes: ThemeSet,
    pub theme: Theme,
    theme_name: String,
    /// The theme in use before presenting, restored after.
    theme_before_present: Option<String>,
    pub theme_chosen: bool,
    pub depth: Depth,
    pub glyphs: Glyphs,
    pub keymap: Keymap,
    pub mouse: bool,
    pub size: Rect,
    /// A message shown in the status line until the next key.
    pub flash: Option<String>,
}

pub struct Settings {
    pub profile: Profile,
    pub themes: ThemeSet,
    pub theme: Option<String>,
    pub depth: Depth,
    pub glyphs: Glyphs,
    pub keymap: Keymap,
    pub present: bool,
    pub mouse: bool,
    pub size: Rect,
}

impl App {
    pub fn new(library: Library, s: Settings) -> App {
        let theme_chosen = s.theme.is_some();
        let name = s.theme.unwrap_or_else(|| crate::theme::DEFAULT.to_string());
        let (theme, problem) = s.themes.resolve_or_default(&name, s.depth);
        let mut app = App {
            library: Library::empty(),
            profile: s.profile,
            readiness: Vec::new(),
            rows: Vec::new(),
            list: CaseList::default(),
            matcher: Matcher::default(),
            view: CaseView::default(),
            focus: Pane::List,
            overlay: None,
            overlay_scroll: 0,
            zoom: false,
            present: false,
            theme_name: theme.name.clone(),
            theme,
            themes: s.themes,
            theme_before_present: None,
            theme_chosen,
            depth: s.depth,
            glyphs: s.glyphs,
            keymap: s.keymap,
            mouse: s.mouse,
            size: s.size,
            flash: problem.map(|e| format!("theme problem, using default: {e}")),
        };
        app.library = library;
        app.install(None, HashMap::new(), &[]);
        if s.present {
            app.toggle_present();
        }
        app
    }

    pub fn mode(&self) -> Mode {
        Mode::for_size(self.size)
    }

    pub fn panes(&self) -> Panes {
        layout::compute(self.size, self.focus, self.zoom)
    }

    pub fn selected_index(&self) -> Option<usize> {
        self.list.selected_row()
    }

    pub fn selected(&self) -> Option<(&Case, &Readiness)> {
        let i = self.selected_index()?;
        Some((&self.library.cases[i].case, &self.readiness[i]))
    }

    /// The verdict on screen: as of the step-through's "now", or with the
    /// what-if exclusions, or as recorded.
    pub fn verdict(&self) -> Option<(&Case, &Readiness)> {
        let (case, base) = self.selected()?;
        let r = match (&self.view.step, &self.view.what_if) {
            (Some(step), _) => &step.readiness,
            (None, Some(w)) => w,
            (None, None) => base,
        };
        Some((case, r))
    }

    /// The events the timeline shows: in step-through, only those up to now.
    pub fn timeline_events(&self) -> &[EventRef] {
        match (&self.view.step, self.selected()) {
            (Some(step), Some((case, _))) => {
                let n = self.view.events.partition_point(|r| case.event_date(*r) <= step.now());
                &self.view.events[..n]
            }
            _ => &self.view.events,
        }
    }

    pub fn selected_event(&self) -> Option<EventRef> {
        self.view.event.and_then(|i| self.view.events.get(i).copied())
    }

    /// Case text for one line of the screen: sanitised; while presenting,
    /// with calendar dates turned into weeks from onset and note text
    /// (which rule details may quote) hidden; in ASCII mode, transliterated.
    pub fn inline(&self, case: &Case, s: &str) -> String {
        self.shown(case, crate::text::inline(s).into_owned(), false)
    }

    /// Case text that may wrap (newlines kept), treated like [`App::inline`].
    pub fn block(&self, case: &Case, s: &str) -> String {
        self.shown(case, crate::text::block(s).into_owned(), true)
    }

    fn shown(&self, case: &Case, mut s: String, block: bool) -> String {
        if self.present {
            s = crate::case::describe::deidentify(case, &s, block);
        }
        if self.glyphs.ascii {
            s = super::glyphs::to_ascii(&s).into_owned();
        }
        s
    }

    /// Characters of a (sanitised, fitted) title matched by the query.
    pub fn highlights(&self, title: &str) -> Vec<usize> {
        self.matcher.highlights(self.list.parsed(), title)
    }

    /// Evidence of the focused criterion, highlighted on the timeline while
    /// the readiness pane has focus.
    pub fn evidence(&self) -> &[EventRef] {
        if self.focus != Pane::Readiness {
            return &[];
        }
        self.verdict()
            .and_then(|(_, r)| r.criteria.get(self.view.criterion))
            .map_or(&[], |c| c.evidence.as_slice())
    }

    /// The selected case's id and the scores by path, before the library
    /// changes under them.
    fn take_scores(&mut self) -> (Option<String>, HashMap<PathBuf, Readiness>) {
        let keep_id = self.selected().map(|(c, _)| c.id.clone());
        let previous = self
            .library
            .cases
            .iter()
            .map(|l| l.path.clone())
            .zip(self.readiness.drain(..))
            .collect();
        (keep_id, previous)
    }

    /// After the library changed: cases whose files did not change keep
    /// their scores, the rest are scored; the selection follows the case
    /// id, and its event selection is kept where it still exists.
    fn install(&mut self, keep_id: Option<String>, mut previous: HashMap<PathBuf, Readiness>, changed: &[PathBuf]) {
        let opts = Options::default();
        self.readiness = self
            .library
            .cases
            .iter()
            .map(|l| match previous.remove(&l.path) {
                Some(r) if !changed.contains(&l.path) => r,
                _ => evaluate(&l.case, &self.profile, &opts),
            })
            .collect();
        self.rows = self
            .library
            .cases
            .iter()
            .zip(&self.readiness)
            .map(|(l, r)| row_for(&l.case, r))
            .collect();
        self.list.refilter(&self.rows, &self.matcher, true);
        let same = keep_id.and_then(|id| self.library.cases.iter().position(|l| l.case.id == id));
        match same {
            Some(i) if self.list.select_row(i) => self.refresh_case_view(true),
            _ => self.refresh_case_view(false),
        }
        let height = self.list_height();
        self.list.scroll_into_view(height);
    }

    /// Rebuilds the selected case's event order; `keep` holds on to the
    /// event and scroll positions (a reload of the same case).
    fn refresh_case_view(&mut self, keep: bool) {
        let events = self.selected().map(|(c, _)| c.events()).unwrap_or_default();
        if keep {
            let n = events.len();
            self.view.events = events;
            self.view.event = self.view.event.filter(|&e| e < n);
        } else {
            self.view = CaseView {
                events,
                ..CaseView::default()
            };
        }
    }

    fn case_changed(&mut self) {
        self.refresh_case_view(false);
    }

    fn list_height(&self) -> usize {
        self.panes().list.map_or(10, |r| r.height.saturating_sub(3) as usize)
    }

    /// Applies one message.
    pub fn update(&mut self, msg: Msg) -> Effect {
        match msg {
            Msg::Resize(w, h) => {
                self.size = Rect::new(0, 0, w, h);
                let height = self.list_height();
                self.list.scroll_into_view(height);
                Effect::None
            }
            Msg::Reloaded { library, changed } => {
                let failed = library.failed_files();
                let n = changed.len();
                let (keep_id, previous) = self.take_scores();
                self.library = library;
                self.install(keep_id, previous, &changed);
                if n > 0 {
                    self.flash = Some(match failed {
                        0 => format!("reloaded {n} changed file{}", if n == 1 { "" } else { "s" }),
                        f => format!(
                            "reloaded; {f} file{} failed to load (! shows them)",
                            if f == 1 { "" } else { "s" }
                        ),
                    });
                }
                Effect::None
            }
            Msg::FilesChanged(changes) => {
                let before = self.library.failed_files();
                let (keep_id, previous) = self.take_scores();
                let rescore = self.library.apply(changes);
                self.install(keep_id, previous, &rescore);
                let after = self.library.failed_files();
                self.flash = Some(match after {
                    0 => "reloaded from disk".to_string(),
                    n if n > before => format!("a file failed to load ({n} in all; ! shows them)"),
                    n => format!(
                        "reloaded; {n} file{} failing (! shows them)",
                        if n == 1 { "" } else { "s" }
                    ),
                });
                Effect::None
            }
            Msg::Paste(text) => {
                if self.list.searching {
                    self.list.query.extend(text.chars().filter(|c| !c.is_control()));
                    self.refilter();
                }
                Effect::None
            }
            Msg::Mouse(m) => self.mouse_event(m),
            Msg::Key(k) => {
                self.flash = None;
                if self.list.searching && self.search_key(&k) {
                    return Effect::None;
                }
                if self.overlay.is_none() && self.view.step.is_some() && self.step_key(&k) {
                    return Effect::None;
                }
                match self.keymap.action(&k) {
                    Some(a) => self.action(a),
                    None => Effect::None,
                }
            }
        }
    }

    /// Keys typed into the search box; false for keys it does not take.
    fn search_key(&mut self, k: &KeyEvent) -> bool {
        let ctrl = k.modifiers.contains(KeyModifiers::CONTROL);
        match k.code {
            KeyCode::Char('u') if ctrl => {
                self.list.query.clear();
                self.refilter();
            }
            KeyCode::Char('w') if ctrl => {
                let trimmed = self.list.query.trim_end().len();
                let cut = self.list.query[..trimmed].rfind(' ').map_or(0, |i| i + 1);
                self.list.query.truncate(cut);
                self.refilter();
            }
            KeyCode::Char(c) if !ctrl => {
                self.list.query.push(c);
                self.refilter();
            }
            KeyCode::Backspace => {
                self.list.query.pop();
                self.refilter();
            }
            KeyCode::Enter => {
                self.list.searching = false;
            }
            KeyCode::Esc => {
                self.list.searching = false;
                self.list.query.clear();
                self.refilter();
            }
            _ => return false,
        }
        true
    }

    /// Keys the step-through takes: a number or Enter answers, Enter or →
    /// moves on after the reveal, ↑/↓ move the choice, Esc leaves.
    fn step_key(&mut self, k: &KeyEvent) -> bool {
        let Some(i) = self.selected_index() else { return false };
        let Some(step) = self.view.step.as_mut() else {
            return false;
        };
        let case = &self.library.cases[i].case;
        match k.code {
            // Esc first returns from an event's detail to the question
            KeyCode::Esc if self.view.event.is_some() => self.view.event = None,
            KeyCode::Esc => {
                self.view.step = None;
                self.flash = Some("step-through ended".into());
            }
            KeyCode::Char(c @ '1'..='8') if step.answered.is_none() && !step.finished => {
                let n = c as usize - '1' as usize;
                step.choice = n;
                step.answer(case, CHOICES[n]);
            }
            KeyCode::Up | KeyCode::Char('k') if step.answered.is_none() => step.choice = step.choice.saturating_sub(1),
            KeyCode::Down | KeyCode::Char('j') if step.answered.is_none() => {
                step.choice = (step.choice + 1).min(CHOICES.len() - 1)
            }
            KeyCode::Enter if step.answered.is_none() && !step.finished => {
                let choice = CHOICES[step.choice];
                step.answer(case, choice);
            }
            KeyCode::Enter | KeyCode::Right if step.answered.is_some() => {
                step.advance(case, &self.profile);
                self.view.event = None;
            }
            _ => return false,
        }
        self.view.detail_scroll = 0;
        true
    }

    /// Selects the case with `id` and starts its step-through
    /// (`pathwise --step ID`). False when no such case is listed.
    pub fn open_step(&mut self, id: &str) -> bool {
        let Some(i) = self.library.cases.iter().position(|l| l.case.id == id) else {
            return false;
        };
        if !self.list.select_row(i) {
            return false;
        }
        self.case_changed();
        self.start_step();
        self.view.step.is_some()
    }

    fn start_step(&mut self) {
        if self.view.step.is_some() {
            self.view.step = None;
            self.flash = Some("step-through ended".into());
            return;
        }
        let Some((case, _)) = self.selected() else { return };
        match Step::start(case, &self.profile) {
            Some(step) => {
                self.view.step = Some(step);
                self.view.event = None;
                self.view.excluded.clear();
                self.view.what_if = None;
                self.zoom = false;
                if self.focus == Pane::List {
                    self.focus = Pane::Timeline;
                }
                self.flash = Some("step-through: what should come next? 1-8 or ↑↓ Enter; Esc ends".into());
            }
            None => self.flash = Some("this case records no step to walk through".into()),
        }
    }

    /// What-if: toggles the selected event out of scoring and re-scores.
    fn toggle_excluded(&mut self, restore_all: bool) {
        if self.view.step.is_some() {
            self.flash = Some("what-if is off during step-through".into());
            return;
        }
        if restore_all {
            self.view.excluded.clear();
        } else if let Some(e) = self.selected_event() {
            if !self.view.excluded.remove(&e) {
                self.view.excluded.insert(e);
            }
        } else {
            self.flash = Some("select an event on the timeline first (←/→)".into());
            return;
        }
        self.view.what_if = match (self.view.excluded.is_empty(), self.selected()) {
            (false, Some((case, _))) => {
                let opts = Options {
                    excluded: self.view.excluded.clone(),
                    ..Options::default()
                };
                Some(evaluate(case, &self.profile, &opts))
            }
            _ => None,
        };
    }

    fn refilter(&mut self) {
        let before = self.selected_index();
        self.list.refilter(&self.rows, &self.matcher, false);
        let height = self.list_height();
        self.list.scroll_into_view(height);
        if self.selected_index() != before {
            self.case_changed();
        }
    }

    fn move_list(&mut self, delta: isize) {
        let before = self.selected_index();
        self.list.move_by(delta);
        let height = self.list_height();
        self.list.scroll_into_view(height);
        if self.selected_index() != before {
            self.case_changed();
        }
    }

    fn move_event(&mut self, delta: isize) {
        let n = self.timeline_events().len();
        if n == 0 {
            return;
        }
        self.view.event = Some(match self.view.event {
            None if delta < 0 => n - 1,
            None => 0,
            Some(i) => i.saturating_add_signed(delta).min(n - 1),
        });
        self.view.detail_scroll = 0;
    }

    fn move_criterion(&mut self, delta: isize) {
        let n = self.verdict().map_or(0, |(_, r)| r.criteria.len());
        if n > 0 {
            self.view.criterion = self.view.criterion.saturating_add_signed(delta).min(n - 1);
        }
    }

    fn page(&self) -> isize {
        self.panes()
            .get(self.focus)
            .map_or(10, |r| r.height.saturating_sub(2).max(1) as isize)
    }

    fn move_focused(&mut self, delta: isize) {
        match self.focus {
            Pane::List => self.move_list(delta),
            Pane::Timeline => self.move_event(delta),
            Pane::Detail => {
                self.view.detail_scroll = self.view.detail_scroll.saturating_add_signed(delta as i16);
            }
            Pane::Readiness => self.move_criterion(delta),
        }
    }

    fn focus_on(&mut self, pane: Pane) {
        self.focus = pane;
        if pane == Pane::Timeline && self.view.event.is_none() && !self.view.events.is_empty() {
            self.view.event = Some(0);
        }
    }

    fn action(&mut self, a: Action) -> Effect {
        if let Some(overlay) = self.overlay {
            return self.overlay_action(overlay, a);
        }
        match a {
            Action::Quit => return Effect::Quit,
            Action::Down => self.move_focused(1),
            Action::Up => self.move_focused(-1),
            Action::NextEvent => self.move_event(1),
            Action::PrevEvent => self.move_event(-1),
            Action::NextPane => self.focus_on(self.focus.next()),
            Action::PrevPane => self.focus_on(self.focus.prev()),
            Action::FocusList => self.focus_on(Pane::List),
            Action::FocusTimeline => self.focus_on(Pane::Timeline),
            Action::FocusDetail => self.focus_on(Pane::Detail),
            Action::FocusReadiness => self.focus_on(Pane::Readiness),
            Action::Search => {
                self.focus = Pane::List;
                self.zoom = false;
                self.list.searching = true;
            }
            Action::Back => self.back(),
            Action::Top | Action::Bottom => {
                let end = a == Action::Bottom;
                match self.focus {
                    Pane::List => {
                        let before = self.selected_index();
                        self.list.to_end(end);
                        let h = self.list_height();
                        self.list.scroll_into_view(h);
                        if self.selected_index() != before {
                            self.case_changed();
                        }
                    }
                    Pane::Timeline => {
                        let n = self.view.events.len();
                        if n > 0 {
                            self.view.event = Some(if end { n - 1 } else { 0 });
                        }
                    }
                    Pane::Detail => self.view.detail_scroll = if end { u16::MAX / 2 } else { 0 },
                    Pane::Readiness => self.move_criterion(if end { isize::MAX / 2 } else { isize::MIN / 2 }),
                }
            }
            Action::PageDown => {
                let p = self.page();
                self.move_focused(p);
            }
            Action::PageUp => {
                let p = self.page();
                self.move_focused(-p);
            }
            Action::Open => match self.focus {
                Pane::List => self.focus_on(Pane::Timeline),
                Pane::Readiness => {
                    let first = self.evidence().first().copied();
                    if let Some(e) = first {
                        self.view.event = self.view.events.iter().position(|x| *x == e);
                        self.focus = Pane::Timeline;
                    } else {
                        self.flash = Some("this criterion rests on no dated event".into());
                    }
                }
                _ => {}
            },
            Action::Sort => {
                self.list.sort = self.list.sort.next();
                self.list.refilter(&self.rows, &self.matcher, true);
                self.flash = Some(format!("sorted by {}", self.list.sort.label()));
            }
            Action::Help => {
                self.overlay = Some(Overlay::Help);
                self.overlay_scroll = 0;
            }
            Action::Errors => {
                self.overlay = Some(Overlay::Errors);
                self.overlay_scroll = 0;
            }
            Action::Theme => self.next_theme(),
            Action::Present => self.toggle_present(),
            Action::Zoom => self.zoom = !self.zoom,
            Action::Edit => {
                return match (self.selected_index(), &self.library.source.dir) {
                    (Some(i), Some(_)) => Effect::Edit(self.library.cases[i].path.clone()),
                    (Some(_), None) => {
                        self.flash =
                            Some("built-in samples are read-only; `pathwise --library DIR` opens your own".into());
                        Effect::None
                    }
                    (None, _) => Effect::None,
                };
            }
            Action::Reload => return Effect::Reload,
            Action::Step => self.start_step(),
            Action::WhatIf => self.toggle_excluded(false),
            Action::RestoreAll => self.toggle_excluded(true),
            Action::Export => {
                return match self.selected_index() {
                    Some(index) => Effect::Export {
                        index,
                        present: self.present,
                    },
                    None => Effect::None,
                };
            }
            Action::Mouse => {
                self.mouse = !self.mouse;
                self.flash = Some(
                    if self.mouse {
                        "mouse on"
                    } else {
                        "mouse off: the terminal selects text"
                    }
                    .into(),
                );
                return Effect::SetMouse(self.mouse);
            }
        }
        Effect::None
    }

    fn overlay_action(&mut self, overlay: Overlay, a: Action) -> Effect {
        match a {
            Action::Quit => return Effect::Quit,
            Action::Back => self.overlay = None,
            Action::Help if overlay == Overlay::Help => self.overlay = None,
            Action::Errors if overlay == Overlay::Errors => self.overlay = None,
            Action::Help => self.overlay = Some(Overlay::Help),
            Action::Errors => self.overlay = Some(Overlay::Errors),
            Action::Down => self.overlay_scroll = self.overlay_scroll.saturating_add(1),
            Action::Up => self.overlay_scroll = self.overlay_scroll.saturating_sub(1),
            Action::PageDown => self.overlay_scroll = self.overlay_scroll.saturating_add(10),
            Action::PageUp => self.overlay_scroll = self.overlay_scroll.saturating_sub(10),
            Action::Top => self.overlay_scroll = 0,
            Action::Bottom => self.overlay_scroll = u16::MAX / 2,
            _ => {}
        }
        Effect::None
    }

    /// Esc: close the search, leave zoom, step back toward the list.
    fn back(&mut self) {
        if self.zoom {
            self.zoom = false;
        } else if !self.list.query.is_empty() && self.focus == Pane::List {
            self.list.query.clear();
            self.refilter();
        } else if self.focus == Pane::Readiness || self.focus == Pane::Detail {
            self.focus = Pane::Timeline;
        } else if self.focus == Pane::Timeline {
            if self.view.event.is_some() {
                self.view.event = None;
            } else {
                self.focus = Pane::List;
            }
        }
    }

    fn set_theme(&mut self, name: &str) {
        let (theme, problem) = self.themes.resolve_or_default(name, self.depth);
        self.theme_name = theme.name.clone();
        self.theme = theme;
        self.flash = Some(match problem {
            Some(e) => format!("theme problem, using default: {e}"),
            None => format!("theme: {}", self.theme_name),
        });
    }

    fn next_theme(&mut self) {
        let names = self.themes.names();
        let i = names
            .iter()
            .position(|n| *n == self.theme_name)
            .map_or(0, |i| (i + 1) % names.len());
        let next = names[i].to_string();
        self.theme_chosen = true;
        self.set_theme(&next);
    }

    fn toggle_present(&mut self) {
        self.present = !self.present;
        if self.present {
            if !self.theme_chosen {
                self.theme_before_present = Some(self.theme_name.clone());
                self.set_theme("high-contrast");
            }
            self.flash = Some("presenting: de-identified, dates as weeks from onset, notes hidden".into());
        } else {
            if let Some(name) = self.theme_before_present.take() {
                self.set_theme(&name);
            }
            self.flash = Some("presentation mode off".into());
        }
    }

    fn mouse_event(&mut self, m: MouseEvent) -> Effect {
        if self.overlay.is_some() {
            match m.kind {
                MouseEventKind::ScrollDown => self.overlay_scroll = self.overlay_scroll.saturating_add(3),
                MouseEventKind::ScrollUp => self.overlay_scroll = self.overlay_scroll.saturating_sub(3),
                MouseEventKind::Down(MouseButton::Left) => self.overlay = None,
                _ => {}
            }
            return Effect::None;
        }
        let panes = self.panes();
        let Some(pane) = panes.at(m.column, m.row) else {
            return Effect::None;
        };
        match m.kind {
            MouseEventKind::ScrollDown | MouseEventKind::ScrollUp => {
                let d: isize = if m.kind == MouseEventKind::ScrollDown { 3 } else { -3 };
                let focus = self.focus;
                self.focus = pane;
                self.move_focused(if pane == Pane::Timeline { d.signum() } else { d });
                self.focus = focus;
            }
            MouseEventKind::Down(MouseButton::Left) => {
                self.focus = pane;
                let Some(area) = panes.get(pane) else {
                    return Effect::None;
                };
                match pane {
                    Pane::List => {
                        // rows start below the border and the search line
                        let first = area.y + 2;
                        if m.row >= first {
                            let pos = self.list.offset + (m.row - first) as usize;
                            if pos < self.list.visible.len() {
                                let before = self.selected_index();
                                self.list.selected = pos;
                                if self.selected_index() != before {
                                    self.case_changed();
                                }
                            }
                        }
                    }
                    Pane::Timeline => {
                        if let Some((case, _)) = self.selected() {
                            let events = self.timeline_events();
                            let geo = timeline::Geometry::new(case, events, area);
                            if let Some(hit) = geo.hit(case, events, m.column, m.row) {
                                self.view.event = Some(hit);
                                self.view.detail_scroll = 0;
                            }
                        }
                    }
                    Pane::Readiness => {
                        if let Some(i) = super::readiness::criterion_at(self, area, m.row) {
                            self.view.criterion = i;
                        }
                    }
                    Pane::Detail => {}
                }
            }
            _ => {}
        }
        Effect::None
    }
}

/// The list's view of a case: its haystack for search and its sort keys.
pub fn row_for(case: &Case, r: &Readiness) -> Row {
    let lower = |s: &str| s.to_lowercase();
    let mut fields = vec![
        lower(&case.patient.alias),
        lower(&case.title),
        case.id.clone(),
        case.region.as_str().to_string(),
        lower(&case.presentation.initial_diagnosis),
    ];
    if let Some(w) = &case.presentation.working_diagnosis {
        fields.push(lower(w));
    }
    let tags: Vec<String> = case.tags.iter().map(|t| lower(t)).collect();
    fields.extend(tags.iter().cloned());
    Row {
        hay: Haystack {
            text: fields.join(" "),
            fields,
            region: case.region.as_str(),
            band: r.band.as_str(),
            tags,
        },
        score: r.score,
        band_rank: match r.band {
            Band::Urgent => 0,
            Band::Ready => 1,
            Band::Approaching => 2,
            Band::NotReady => 3,
            Band::PostOp => 4,
        },
        title_key: lower(&case.title),
        onset: case.presentation.onset,
    }
}
