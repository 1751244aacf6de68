//! The console's state and `update`: a message in, the state changed, and
//! any side effect returned as data for the runtime to carry out. Derived
//! data (scores, search haystacks, the filtered list, the event order) is
//! computed here when its inputs change, never while drawing.

use super::cases::{CaseList, Row, Rows};
use super::glyphs::Glyphs;
use super::keymap::{Action, KeyMode, Keymap};
use super::layout::{self, Mode, Pane, Panes};
use super::loading::Loading;
use super::search::{Haystack, Matcher};
use super::step::Step;
use crate::case::{Case, CaseError, Date, EventRef, Head, Packed};
use crate::library::{Change, Library, Loaded};
use crate::present::{self, Privacy, VerdictView};
use crate::rules::{Band, Brief, Options, Profile, Readiness, evaluate};
use crate::theme::{Depth, Theme, ThemeSet};
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers, MouseEvent};
use ratatui::layout::Rect;
use std::collections::{BTreeSet, HashMap};
use std::path::{Path, PathBuf};

/// Everything that can happen to the console: input, and the outcome of
/// every effect the runtime carried out. `update` applies each; the runtime
/// never changes the state itself.
#[derive(Debug, Clone)]
pub enum Msg {
    Key(KeyEvent),
    Mouse(MouseEvent),
    Paste(String),
    Resize(u16, u16),
    /// How a load asked for with [`Effect::Load`] is going.
    Load(LoadEvent),
    /// Files changed on disk (debounced): case files, and whether a
    /// folder changed (the library folder itself too), which reloads all.
    FilesTouched {
        paths: Vec<PathBuf>,
        folder: bool,
    },
    /// Files read again after [`Effect::ReadFiles`] (packed off the event
    /// thread).
    FilesChanged(Vec<Change<Packed>>),
    /// The referral summary was written (the path) or not (why).
    Exported(Result<PathBuf, String>),
    /// `$EDITOR` has returned: the file it had, and how it ended.
    EditorClosed {
        path: PathBuf,
        result: Result<(), String>,
    },
    /// Something to tell the user (a problem with the config).
    Notice(String),
    /// Open step-through on this case (`pathwise --step ID`), once loaded.
    Step(String),
    /// Conference mode: a state from the host (following), what the
    /// host heard from the room (hosting), or the end of following.
    Conference(super::conference::ConferenceMsg),
}

/// A load's progress, tagged with the generation [`Effect::Load`] gave it;
/// messages of a superseded load are ignored.
#[derive(Debug, Clone)]
pub enum LoadEvent {
    /// The files are found: how many, and the problems met looking.
    Found {
        generation: u64,
        total: usize,
        errors: Vec<CaseError>,
    },
    /// More files read, parsed and scored, in path order.
    Batch {
        generation: u64,
        cases: Vec<Arrived>,
        errors: Vec<CaseError>,
    },
    /// Files read so far.
    Progress { generation: u64, read: usize },
    /// Every file is read: the ids more than one case uses (worked out
    /// off the event thread), whose cases are withheld.
    Done {
        generation: u64,
        duplicates: HashMap<String, Vec<PathBuf>>,
    },
}

/// One case as the loader hands it over: packed, scored and with its list
/// row, all done off the event thread.
#[derive(Debug, Clone)]
pub struct Arrived {
    pub loaded: Loaded<Packed>,
    pub readiness: Brief,
    pub row: Row,
}

impl Arrived {
    /// A loaded case, scored, packed and with its row.
    pub fn new(path: PathBuf, case: &Case, profile: &Profile) -> Arrived {
        let brief = evaluate(case, profile, &Options::default()).brief();
        let packed = Packed::new(case);
        let row = row_from(&packed.head(), brief);
        Arrived {
            loaded: Loaded { path, case: packed },
            readiness: brief,
            row,
        }
    }
}

/// The selected case unpacked, with its full verdict: what the panes show.
/// Made again whenever the selection or the library changes.
#[derive(Debug, Clone)]
pub(super) struct Chosen {
    pub(super) index: usize,
    pub(super) revision: u64,
    pub(super) case: Case,
    pub(super) readiness: Readiness,
}

/// Side effects `update` asks the runtime for. Each one's outcome comes
/// back as a [`Msg`].
#[derive(Debug, Clone, PartialEq)]
pub enum Effect {
    None,
    Quit,
    /// Ctrl-Z: hand the terminal back and stop until `fg`.
    Suspend,
    Edit(PathBuf),
    SetMouse(bool),
    /// Load the whole library (again) as `generation`, off the event
    /// thread, and (re-)arm the watch on its folder.
    Load {
        generation: u64,
    },
    /// Read these case files again.
    ReadFiles(Vec<PathBuf>),
    /// Write this referral summary under a free name in the current folder.
    Export {
        id: String,
        body: String,
    },
    /// Following a conference: send this answer (a choice's index) to the
    /// stop `stop` of the host's step-through.
    Answer {
        stop: u32,
        choice: usize,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Overlay {
    Help,
    Errors,
    /// The conference: the join command and who sees what.
    Conference,
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
    pub(super) revision: u64,
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
    /// Every case packed (about 2 KB a case); the selected one is unpacked
    /// in `chosen`.
    pub library: Library<Packed>,
    /// Bumped each time the library changes under the views.
    pub(super) revision: u64,
    /// One per library case, same order: the list's words, presented;
    /// `None` for rows far from the list's window ([`App::label_rows`]).
    /// (Boxed: a slot per case costs 8 bytes, not 48.)
    pub labels: Vec<Option<Box<ListLabel>>>,
    /// The library generation and privacy `labels` were presented for.
    pub(super) labels_for: Option<(u64, Privacy)>,
    pub profile: Profile,
    /// One per library case, same order: score, band and next step. The
    /// selected case's full verdict is in `chosen`.
    pub readiness: Vec<Brief>,
    /// The selected case, unpacked and evaluated ([`App::selected`]).
    pub(super) chosen: Option<Chosen>,
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
    /// The load in progress, if any.
    pub loading: Option<Loading>,
    /// The generation of the last load asked for.
    pub(super) generation: u64,
    /// File changes that came in while a load ran, applied after it.
    pub(super) deferred: BTreeSet<PathBuf>,
    pub(super) deferred_reload: bool,
    /// `--step ID`, waiting for its case to load.
    pub(super) pending_step: Option<String>,
    /// The file `$EDITOR` last had, until it is read again.
    pub(super) edited: Option<PathBuf>,
    /// `:`: the case id or alias being typed.
    pub goto: Option<String>,
    /// Conference mode: hosting (this console drives) or following (the
    /// views come from the host's states, not from a library).
    pub conference: Option<super::conference::Conference>,
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
            revision: 0,
            labels: Vec::new(),
            labels_for: None,
            profile: s.profile,
            readiness: Vec::new(),
            chosen: None,
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
            loading: None,
            generation: 0,
            deferred: BTreeSet::new(),
            deferred_reload: false,
            pending_step: None,
            edited: None,
            goto: None,
            conference: None,
        };
        app.library = library.packed();
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
        let need = |w| super::timeline::need(self, w);
        if self.is_follower() {
            return layout::compute_without_list(self.size, self.focus, self.zoom, &need);
        }
        layout::compute(self.size, self.focus, self.zoom, &need)
    }

    /// The tabs at 80-99 columns: a follower has no case list.
    pub fn tab_panes(&self) -> &'static [Pane] {
        if self.is_follower() {
            &layout::FOLLOWER_TABS
        } else {
            &Pane::ALL
        }
    }

    pub fn selected_index(&self) -> Option<usize> {
        self.list.selected_row()
    }

    pub fn selected(&self) -> Option<(&Case, &Readiness)> {
        let i = self.selected_index()?;
        let c = self.chosen.as_ref()?;
        // `choose` runs wherever the selection or the library changes
        debug_assert!(c.index == i && c.revision == self.revision, "the chosen case is stale");
        (c.index == i && c.revision == self.revision).then_some((&c.case, &c.readiness))
    }

    /// Unpacks and evaluates the selected case, when the selection or the
    /// library changed since it last did.
    pub(super) fn choose(&mut self) {
        let want = self.selected_index();
        let current = self.chosen.as_ref().map(|c| (c.index, c.revision));
        if want.map(|i| (i, self.revision)) == current {
            return;
        }
        self.chosen = want.map(|i| {
            let case = self.library.cases[i].case.unpack();
            let readiness = evaluate(&case, &self.profile, &Options::default());
            Chosen {
                index: i,
                revision: self.revision,
                case,
                readiness,
            }
        });
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
    /// They are the events of the case in view (`view.events` and `chosen`
    /// are made together), also while an update has moved the selection
    /// and not yet shown the case (the layout asks the timeline's height).
    pub fn timeline_events(&self) -> &[EventRef] {
        match (&self.view.step, self.chosen.as_ref().map(|c| &c.case)) {
            (Some(step), Some(case)) => {
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

    /// Characters of a (sanitised, fitted) title matched by the query (by
    /// the fuzzy fallback's letters when the list shows fuzzy matches).
    pub fn highlights(&self, title: &str) -> Vec<usize> {
        self.matcher.highlights(self.list.parsed(), title, self.list.fuzzy)
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
    pub(super) fn take_scores(&mut self) -> (Option<String>, HashMap<PathBuf, Brief>) {
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

    /// The changes that differ from what the library holds for their file.
    fn actual_changes(&self, changes: Vec<Change<Packed>>) -> Vec<Change<Packed>> {
        let loaded: HashMap<&Path, &Packed> = self
            .library
            .cases
            .iter()
            .chain(&self.library.withheld)
            .map(|l| (l.path.as_path(), &l.case))
            .collect();
        changes
            .into_iter()
            .filter(|(path, state)| {
                let errors = || self.library.errors.iter().filter(|e| &e.path == path);
                let same = match state {
                    Some(Ok(case)) => loaded.get(path.as_path()).is_some_and(|c| *c == case),
                    Some(Err(errs)) => !loaded.contains_key(path.as_path()) && errors().eq(errs.iter()),
                    None => !loaded.contains_key(path.as_path()) && errors().next().is_none(),
                };
                !same
            })
            .collect()
    }

    /// After the library changed: cases whose files did not change keep
    /// their scores, the rest are scored; the selection follows the case
    /// id, and its event selection is kept where it still exists.
    pub(super) fn install(
        &mut self,
        keep_id: Option<String>,
        mut previous: HashMap<PathBuf, Brief>,
        changed: &[PathBuf],
    ) {
        let opts = Options::default();
        self.readiness = self
            .library
            .cases
            .iter()
            .map(|l| match previous.remove(&l.path) {
                Some(r) if !changed.contains(&l.path) => r,
                _ => evaluate(&l.case.unpack(), &self.profile, &opts).brief(),
            })
            .collect();
        self.revision += 1;
        self.rows = self
            .library
            .cases
            .iter()
            .zip(&self.readiness)
            .map(|(l, r)| row_from(&l.case.head(), *r))
            .collect();
        self.relist(keep_id);
    }

    /// After the rows changed: filters and sorts again, and selects the
    /// case with `keep_id` if it is still listed.
    pub(super) fn relist(&mut self, keep_id: Option<String>) {
        self.list.refilter(&self.rows, &self.matcher, true);
        let same = keep_id.and_then(|id| self.library.cases.iter().position(|l| l.case.id() == id));
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
        self.choose();
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
        self.settle_conference();
        effect
    }

    fn apply(&mut self, msg: Msg) -> Effect {
        // conference messages, and a follower's keys and clicks
        let msg = match self.conference_apply(msg) {
            Ok(effect) => return effect,
            Err(msg) => msg,
        };
        match msg {
            Msg::Resize(w, h) => {
                self.size = Rect::new(0, 0, w, h);
                let height = self.list_height();
                self.list.scroll_into_view(height);
                Effect::None
            }
            Msg::Load(event) => self.load_event(event),
            Msg::FilesTouched { paths, folder } => self.files_touched(paths, folder),
            Msg::FilesChanged(changes) => {
                // a file saved unchanged (or looked at again after a load) is no news
                let edited = self.edited.take().filter(|p| changes.iter().any(|(c, _)| c == p));
                let changes = self.actual_changes(changes);
                if changes.is_empty() {
                    if let Some(p) = edited {
                        let name = p
                            .file_name()
                            .map(|n| n.to_string_lossy().into_owned())
                            .unwrap_or_default();
                        self.flash = Some(format!("no change to {}", crate::text::inline(&name)));
                    }
                    return Effect::None;
                }
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
            Msg::Exported(result) => {
                // the file is named after the case id: not on a shared screen
                self.flash = Some(match result {
                    Ok(_) if self.present => {
                        "wrote the referral summary (file name hidden while presenting)".to_string()
                    }
                    Ok(path) => format!("wrote {}", crate::text::inline(&path.to_string_lossy())),
                    Err(_) if self.present => "export failed (details hidden while presenting)".to_string(),
                    Err(e) => format!("export failed: {}", crate::text::inline(&e)),
                });
                Effect::None
            }
            Msg::EditorClosed { path, result } => {
                self.edited = Some(path.clone());
                let effect = self.files_touched(vec![path], false);
                if let Err(e) = result {
                    self.flash = Some(crate::text::inline(&e).into_owned());
                }
                effect
            }
            Msg::Notice(text) => {
                self.flash = Some(crate::text::inline(&text).into_owned());
                Effect::None
            }
            Msg::Step(id) => {
                if self.loading.is_some() {
                    self.pending_step = Some(id);
                } else {
                    self.step_now(&id);
                }
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
            // taken by `conference_apply`
            Msg::Conference(_) => Effect::None,
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
        } else if self.view.step.is_some() || self.remote_at_stop() {
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
    row_from(&Packed::new(case).head(), r.brief())
}

/// [`row_for`] from what a packed case holds at its head.
pub fn row_from(head: &Head, r: Brief) -> Row {
    let mut fields = vec![
        head.alias.to_string(),
        head.title.to_string(),
        head.id.to_string(),
        head.region.as_str().to_string(),
        head.initial_diagnosis.to_string(),
    ];
    if let Some(w) = head.working_diagnosis {
        fields.push(w.to_string());
    }
    let tags = head.tags().map(str::to_string).collect();
    Row {
        hay: Haystack::new(fields, head.region, r.band, tags),
        score: r.score,
        band_rank: match r.band {
            Band::Emergency | Band::Urgent => 0,
            Band::Ready => 1,
            Band::Approaching => 2,
            Band::NotReady => 3,
            Band::PostOp => 4,
        },
        title_key: head.title.to_lowercase(),
        onset: head.onset,
    }
}
