//! The console's state and `update`: a message in, the state changed, and
//! any side effect returned as data for the runtime to carry out. Derived
//! data (scores, search haystacks, the filtered list, the event order) is
//! computed here when its inputs change, never while drawing.

use super::cases::{CaseList, Row};
use super::glyphs::Glyphs;
use super::keymap::{Action, KeyMode, Keymap};
use super::layout::{self, Mode, Pane, Panes};
use super::search::{Haystack, Matcher};
use super::step::Step;
use crate::case::{Case, Date, EventRef};
use crate::library::{Change, Library};
use crate::present::{self, Privacy, VerdictView};
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
    /// The selected case as the presenter shows it (de-identified while
    /// presenting), its events in the order of `events`. Built in
    /// `update` when the selection, the privacy or the verdict changes;
    /// the panes draw only this and `verdict`, never the case's own text.
    pub shown: Option<present::CaseView>,
    /// The verdict on screen ([`App::verdict`]), presented.
    pub verdict: Option<VerdictView>,
    /// The step-through's stops as the presenter labels them.
    pub stop_labels: Vec<String>,
    /// What happened after each answered stop, as the presenter labels it
    /// ("2026-03-12 MRI lumbar spine (step 3 · medical workup)"); built
    /// once answered, when the event is no longer after "now" for the
    /// screen.
    pub happened_labels: Vec<Option<String>>,
    /// What `shown`, `verdict` and `stop_labels` were built from.
    pub(super) presented: Option<Presented>,
    /// Every event in date order.
    pub events: Vec<EventRef>,
    /// Index into `events`.
    pub event: Option<usize>,
    pub detail_scroll: u16,
    /// Index into the readiness criteria.
    pub criterion: usize,
    /// The readiness body's scroll, its own: not tied to `criterion`.
    pub readiness_scroll: u16,
    /// Enter on a criterion: which of its evidence events is shown.
    pub evidence_walk: Option<usize>,
    /// What-if: events left out of scoring, and the verdict without them.
    pub excluded: BTreeSet<EventRef>,
    pub what_if: Option<Readiness>,
    /// Step-through, while it runs.
    pub step: Option<Step>,
}

/// The inputs of the presented views: when any changes, they are rebuilt.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Presented {
    pub(super) generation: u64,
    pub(super) case: usize,
    pub(super) privacy: Privacy,
    pub(super) verdict: VerdictSource,
}

/// Which readiness [`App::verdict`] shows.
#[derive(Debug, Clone, PartialEq)]
pub(super) enum VerdictSource {
    Recorded,
    /// The step-through at a stop (its index), the stops themselves, and
    /// how many stops are answered.
    Step(usize, Vec<Date>, usize),
    WhatIf(BTreeSet<EventRef>),
}

/// A case's row in the list, as presented: alias and title.
#[derive(Debug, Clone, Default)]
pub struct ListLabel {
    pub alias: String,
    pub title: String,
}

pub struct App {
    pub library: Library,
    /// Bumped each time the library changes under the views.
    pub(super) generation: u64,
    /// One per library case, same order: the list's words, presented;
    /// `None` for rows far from the list's window ([`App::label_rows`]).
    pub labels: Vec<Option<ListLabel>>,
    /// The library generation and privacy `labels` were presented for.
    pub(super) labels_for: Option<(u64, Privacy)>,
    pub profile: Profile,
    /// One per library case, same order.
    pub readiness: Vec<Readiness>,
    pub rows: Vec<Row>,
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
    /// `:`: the case id or alias being typed.
    pub goto: Option<String>,
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
            generation: 0,
            labels: Vec::new(),
            labels_for: None,
            profile: s.profile,
            readiness: Vec::new(),
            rows: Vec::new(),
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
            goto: None,
        };
        app.library = library;
        app.install(None, HashMap::new(), &[]);
        if s.present {
            app.toggle_present();
        }
        app.present_views();
        app
    }

    pub fn privacy(&self) -> Privacy {
        Privacy::presenting(self.present)
    }

    pub fn mode(&self) -> Mode {
        Mode::for_size(self.size)
    }

    pub fn panes(&self) -> Panes {
        layout::compute(self.size, self.focus, self.zoom, &|w| super::timeline::need(self, w))
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

    /// Presented text as drawn: transliterated to ASCII in ASCII mode.
    pub fn ascii<'s>(&self, s: &'s str) -> std::borrow::Cow<'s, str> {
        if self.glyphs.ascii {
            super::glyphs::to_ascii(s)
        } else {
            std::borrow::Cow::Borrowed(s)
        }
    }

    /// Characters of a (sanitised, fitted) title matched by the query.
    pub fn highlights(&self, title: &str) -> Vec<usize> {
        self.matcher.highlights(self.list.parsed(), title)
    }

    /// Evidence of the focused criterion, highlighted on the timeline while
    /// the readiness pane has focus.
    pub fn evidence(&self) -> &[EventRef] {
        if self.focus != Pane::Readiness && self.view.evidence_walk.is_none() {
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
        self.generation += 1;
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
        self.panes().list.map_or(10, |r| super::case_list::cases_shown(self, r))
    }

    /// Applies one message, then brings the presented views up to date.
    pub fn update(&mut self, msg: Msg) -> Effect {
        let effect = self.apply(msg);
        self.present_views();
        self.settle_scrolls();
        effect
    }

    fn apply(&mut self, msg: Msg) -> Effect {
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
                if let Some(g) = self.goto.as_mut() {
                    g.extend(text.chars().filter(|c| !c.is_control()));
                } else if self.list.searching {
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
        } else if self.goto.is_some() {
            KeyMode::Goto
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
        match (mode, k.code, plain) {
            (KeyMode::Search, KeyCode::Char(c), true) => {
                self.list.query.push(c);
                self.refilter();
            }
            (KeyMode::Goto, KeyCode::Char(c), true) => self.goto.get_or_insert_default().push(c),
            _ => {}
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
            Action::GotoAccept | Action::GotoCancel | Action::GotoBackspace => {
                self.goto_action(a);
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
                let trimmed = self.list.query.trim_end().len();
                let cut = self.list.query[..trimmed].rfind(' ').map_or(0, |i| i + 1);
                self.list.query.truncate(cut);
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
    let tags: Vec<String> = case.tags.iter().map(|t| t.to_lowercase()).collect();
    fields.extend(tags.iter().cloned());
    Row {
        hay: Haystack::new(fields, case.region.as_str(), r.band.as_str(), tags),
        score: r.score,
        band_rank: match r.band {
            Band::Emergency | Band::Urgent => 0,
            Band::Ready => 1,
            Band::Approaching => 2,
            Band::NotReady => 3,
            Band::PostOp => 4,
        },
        title_key: case.title.to_lowercase(),
        onset: case.presentation.onset,
    }
}
