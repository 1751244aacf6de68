//! The console's state. `update` (in `update.rs`) takes a message in,
//! changes the state and returns any side effect as data for the runtime
//! to carry out (`msg.rs`); `library.rs` is the library changing under the
//! list. Derived data (scores, search haystacks, the filtered list, the
//! event order) is computed when its inputs change, never while drawing.

mod library;
mod msg;
mod update;

pub use msg::{Arrived, Effect, LoadEvent, Msg};

use super::cases::{CaseList, Row, Rows};
use super::glyphs::Glyphs;
use super::keymap::Keymap;
use super::layout::{self, Mode, Need, Pane, Panes};
use super::loading::Loading;
use super::search::{Haystack, Matcher};
use super::step::Step;
use super::timeline::geometry;
use crate::case::{Case, Date, EventRef, Head, Packed};
use crate::library::Library;
use crate::present::{self, Privacy, VerdictView};
use crate::rules::{Band, Brief, Options, Profile, Readiness, evaluate};
use crate::theme::{Depth, Theme, ThemeSet};
use ratatui::layout::Rect;
use std::collections::{BTreeSet, HashMap};
use std::path::PathBuf;

/// The selected case unpacked, with its full verdict: what the panes show.
/// Made again whenever the selection or the library changes.
#[derive(Debug, Clone)]
pub(super) struct Chosen {
    pub(super) index: usize,
    pub(super) revision: u64,
    pub(super) case: Case,
    pub(super) readiness: Readiness,
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
        // what the timeline needs depends on the presented case alone
        let need = |w| match &self.view.shown {
            Some(view) => geometry::need(view, self.timeline_shown(), w),
            None => Need::EMPTY,
        };
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
