//! The console's state and `update`: a message in, the state changed, and
//! any side effect returned as data for the runtime to carry out. Derived
//! data (scores, search haystacks, the filtered list, the event order) is
//! computed here when its inputs change, never while drawing.

use super::cases::{CaseList, Row, Rows};
use super::glyphs::Glyphs;
use super::keymap::{Action, KeyMode, Keymap};
use super::layout::{self, Mode, Pane, Panes};
use super::search::{Haystack, Matcher};
use super::step::Step;
use crate::case::{Case, EventRef};
use crate::library::{Change, Library};
use crate::rules::{Band, Options, Profile, Readiness, evaluate};
use crate::theme::{Depth, Theme, ThemeSet};
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers, MouseEvent};
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
    /// Ctrl-Z: hand the terminal back and stop until `fg`.
    Suspend,
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
    pub rows: Rows,
    pub list: CaseList,
    pub(super) matcher: Matcher,
    pub view: CaseView,
    pub focus: Pane,
    pub overlay: Option<Overlay>,
    pub overlay_scroll: u16,
    pub zoom: bool,
    pub present: bool,
    pub themes: ThemeSet,
    pub theme: Theme,
    pub(super) theme_name: String,
    /// The theme in use before presenting, restored after.
    pub(super) theme_before_present: Option<String>,
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
            rows: Rows::default(),
            list: CaseList::default(),
            matcher: Matcher,
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

    /// Characters of a (sanitised, fitted) title matched by the query (by
    /// the fuzzy fallback's letters when the list shows fuzzy matches).
    pub fn highlights(&self, title: &str) -> Vec<usize> {
        self.matcher.highlights(self.list.parsed(), title, self.list.fuzzy)
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
    pub(super) fn refresh_case_view(&mut self, keep: bool) {
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

    pub(super) fn case_changed(&mut self) {
        self.refresh_case_view(false);
    }

    pub(super) fn list_height(&self) -> usize {
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
                self.key(&k)
            }
        }
    }

    /// The key mode the console is in: what a key means now.
    pub fn key_mode(&self) -> KeyMode {
        if self.overlay.is_some() {
            KeyMode::Overlay
        } else if self.list.searching {
            KeyMode::Search
        } else if self.view.step.is_some() {
            KeyMode::Step
        } else {
            KeyMode::Browse
        }
    }

    /// A key: the actions it may mean in this mode, tried in the keymap's
    /// order until one applies; in the search box an unbound printable
    /// key is typed.
    fn key(&mut self, k: &KeyEvent) -> Effect {
        let mode = self.key_mode();
        for a in self.keymap.lookup(mode, k) {
            if let Some(effect) = self.act(mode, a) {
                return effect;
            }
        }
        let plain = !k.modifiers.intersects(KeyModifiers::CONTROL | KeyModifiers::ALT);
        if let (KeyMode::Search, KeyCode::Char(c), true) = (mode, k.code, plain) {
            self.list.query.push(c);
            self.refilter();
        }
        Effect::None
    }

    /// One action in a mode; `None` when it does not apply there now (a
    /// step key before its moment), so the next meaning of the key is tried.
    fn act(&mut self, mode: KeyMode, a: Action) -> Option<Effect> {
        match a {
            Action::ForceQuit => Some(Effect::Quit),
            Action::Suspend => Some(Effect::Suspend),
            Action::SearchAccept
            | Action::SearchCancel
            | Action::SearchBackspace
            | Action::SearchDeleteWord
            | Action::SearchClear
            | Action::SearchDown
            | Action::SearchUp => {
                self.search_action(a);
                Some(Effect::None)
            }
            Action::Answer(_)
            | Action::ChoiceUp
            | Action::ChoiceDown
            | Action::StepGo
            | Action::StepNext
            | Action::StepExit => self.step_action(a).then_some(Effect::None),
            Action::Close => {
                self.overlay = None;
                Some(Effect::None)
            }
            _ if mode == KeyMode::Overlay => Some(self.overlay_action(a)),
            _ => Some(self.browse_action(a)),
        }
    }

    /// What the search box does with its keys.
    fn search_action(&mut self, a: Action) {
        match a {
            Action::SearchClear => {
                self.list.query.clear();
                self.refilter();
            }
            Action::SearchDeleteWord => {
                self.list.delete_word();
                self.refilter();
            }
            Action::SearchBackspace => {
                self.list.query.pop();
                self.refilter();
            }
            Action::SearchAccept => self.list.searching = false,
            Action::SearchCancel => {
                // the case the user was looking at stays selected
                self.list.searching = false;
                let keep = self.selected_index();
                self.list.query.clear();
                self.list.refilter(&self.rows, &self.matcher, false);
                if let Some(i) = keep {
                    self.list.select_row(i);
                }
                let height = self.list_height();
                self.list.scroll_into_view(height);
                if self.selected_index() != keep {
                    self.case_changed();
                }
            }
            Action::SearchDown => self.move_list(1),
            Action::SearchUp => self.move_list(-1),
            _ => {}
        }
    }

    pub(super) fn refilter(&mut self) {
        let before = self.selected_index();
        self.list.refilter(&self.rows, &self.matcher, false);
        let height = self.list_height();
        self.list.scroll_into_view(height);
        if self.selected_index() != before {
            self.case_changed();
        }
    }
}

/// The list's view of a case: its haystack for search and its sort keys.
pub fn row_for(case: &Case, r: &Readiness) -> Row {
    let mut fields = vec![
        case.patient.alias.clone(),
        case.title.clone(),
        case.id.clone(),
        case.region.as_str().to_string(),
        case.presentation.initial_diagnosis.clone(),
    ];
    if let Some(w) = &case.presentation.working_diagnosis {
        fields.push(w.clone());
    }
    Row {
        hay: Haystack::new(fields, case.region, r.band, case.tags.clone()),
        score: r.score,
        band_rank: match r.band {
            Band::Urgent => 0,
            Band::Ready => 1,
            Band::Approaching => 2,
            Band::NotReady => 3,
            Band::PostOp => 4,
        },
        title_key: case.title.to_lowercase(),
        onset: case.presentation.onset,
    }
}
