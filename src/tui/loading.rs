//! Loading the library without blocking the console. `update` asks for a
//! load with [`Effect::Load`]; the runtime's loader thread reads, parses
//! and scores the files and sends back what it found, batches of cases in
//! path order and its progress, as [`LoadEvent`]s, which are applied here.
//!
//! The first load lists cases as they arrive, so they can be selected and
//! searched before the last file is read. A reload (`r`, a folder that
//! changed or came back) keeps the library on screen and swaps the new one
//! in when it is complete, keeping the selected case. A newer load makes
//! an older one's messages stale; file changes that come in meanwhile are
//! applied after it.

use super::app::{App, Arrived, Effect, LoadEvent, Settings};
use super::cases::Rows;
use crate::case::{CaseError, Packed};
use crate::library::{Library, Source, is_case_file};
use crate::rules::Brief;
use std::collections::HashMap;
use std::path::PathBuf;

/// A load in progress.
#[derive(Debug, Clone)]
pub struct Loading {
    pub generation: u64,
    /// Files read so far, and of how many (`None` while the files are
    /// still being found).
    pub read: usize,
    pub total: Option<usize>,
    /// Cases are listed as they arrive (the first load); otherwise they are
    /// staged and swapped in at the end.
    pub live: bool,
    staged: Option<Staged>,
}

#[derive(Debug, Clone)]
struct Staged {
    library: Library<Packed>,
    readiness: Vec<Brief>,
    rows: Rows,
}

impl Staged {
    fn push(&mut self, cases: Vec<Arrived>, errors: Vec<CaseError>) {
        for a in cases {
            self.library.cases.push(a.loaded);
            self.readiness.push(a.readiness);
            self.rows.push(a.row);
        }
        self.library.errors.extend(errors);
    }
}

/// Withholds the cases whose id another also uses, keeping the scores and
/// rows in step; false when there were none (nothing changed).
fn withhold(
    library: &mut Library<Packed>,
    readiness: &mut Vec<Brief>,
    rows: &mut Rows,
    duplicates: &HashMap<String, Vec<PathBuf>>,
) -> bool {
    if duplicates.is_empty() {
        return false;
    }
    let keep: Vec<bool> = library
        .cases
        .iter()
        .map(|l| !duplicates.contains_key(l.case.id()))
        .collect();
    let mut k = keep.iter();
    readiness.retain(|_| *k.next().unwrap_or(&true));
    rows.retain_where(&keep);
    library.withhold(duplicates);
    true
}

impl App {
    /// A console whose library is still to be read: empty, and the effect
    /// that loads it.
    pub fn starting(source: Source, settings: Settings) -> (App, Effect) {
        let mut app = App::new(Library::begin(source, Vec::new()), settings);
        let effect = app.start_load(true);
        (app, effect)
    }

    /// Files read and found, while a load runs: `(read, total)`, the total
    /// `None` while files are still being found.
    pub fn load_progress(&self) -> Option<(usize, Option<usize>)> {
        self.loading.as_ref().map(|l| (l.read, l.total))
    }

    /// Asks for a load of the whole library, superseding any running.
    pub(super) fn start_load(&mut self, live: bool) -> Effect {
        self.generation += 1;
        self.loading = Some(Loading {
            generation: self.generation,
            read: 0,
            total: None,
            live: live || self.library.cases.is_empty(),
            staged: None,
        });
        // it reads every file anyway
        self.deferred.clear();
        self.deferred_reload = false;
        Effect::Load {
            generation: self.generation,
        }
    }

    pub(super) fn load_event(&mut self, event: LoadEvent) -> Effect {
        let generation = match &event {
            LoadEvent::Found { generation, .. }
            | LoadEvent::Batch { generation, .. }
            | LoadEvent::Progress { generation, .. }
            | LoadEvent::Done { generation, .. } => *generation,
        };
        let Some(loading) = self.loading.as_mut().filter(|l| l.generation == generation) else {
            return Effect::None;
        };
        match event {
            LoadEvent::Found { total, errors, .. } => {
                loading.total = Some(total);
                let source = self.library.source.clone();
                if loading.live {
                    self.library = Library::begin(source, errors);
                    self.readiness.clear();
                    self.rows.clear();
                    self.relist(None);
                } else {
                    loading.staged = Some(Staged {
                        library: Library::begin(source, errors),
                        readiness: Vec::new(),
                        rows: Rows::default(),
                    });
                }
            }
            LoadEvent::Batch { cases, errors, .. } => {
                if loading.live {
                    self.arrive(cases, errors);
                } else if let Some(staged) = loading.staged.as_mut() {
                    staged.push(cases, errors);
                }
            }
            LoadEvent::Progress { read, .. } => loading.read = loading.read.max(read),
            LoadEvent::Done { duplicates, .. } => return self.load_done(&duplicates),
        }
        Effect::None
    }

    /// Lists cases as they arrive: the selection stays on its case.
    fn arrive(&mut self, cases: Vec<Arrived>, errors: Vec<CaseError>) {
        for a in cases {
            self.library.cases.push(a.loaded);
            self.readiness.push(a.readiness);
            self.rows.push(a.row);
        }
        self.library.errors.extend(errors);
        let before = self.selected_index();
        // the rows only grew: the row selected keeps its index
        self.list.refilter(&self.rows, &self.matcher, true);
        if self.selected_index() != before {
            self.case_changed();
        }
        let height = self.list_height();
        self.list.scroll_into_view(height);
    }

    fn load_done(&mut self, duplicates: &HashMap<String, Vec<PathBuf>>) -> Effect {
        let Some(loading) = self.loading.take() else {
            return Effect::None;
        };
        let keep_id = self.selected().map(|(c, _)| c.id.clone());
        if loading.live {
            // the list is up to date with the last batch, unless cases go
            if withhold(&mut self.library, &mut self.readiness, &mut self.rows, duplicates) {
                // another case may now stand at the selected index
                self.revision += 1;
                self.relist(keep_id);
            }
        } else if let Some(mut staged) = loading.staged {
            withhold(&mut staged.library, &mut staged.readiness, &mut staged.rows, duplicates);
            self.library = staged.library;
            self.readiness = staged.readiness;
            self.rows = staged.rows;
            // a new library: what was presented of the old one is stale
            self.revision += 1;
            self.relist(keep_id);
        }
        let n = self.library.cases.len();
        let failed = self.library.failed_files();
        let cases = format!("{n} case{}", if n == 1 { "" } else { "s" });
        let problems = format!(
            "{failed} file{} failed to load (! shows them)",
            if failed == 1 { "" } else { "s" }
        );
        // the first load says nothing when all is well: the status line
        // shows the count, and the key hints stay in view
        self.flash = match (loading.live, failed) {
            (true, 0) => self.flash.take(),
            (true, _) => Some(format!("loaded {cases}; {problems}")),
            (false, 0) => Some(format!("reloaded {cases}")),
            (false, _) => Some(format!("reloaded {cases}; {problems}")),
        };
        if let Some(id) = self.pending_step.take() {
            self.step_now(&id);
        }
        if std::mem::take(&mut self.deferred_reload) {
            self.deferred.clear();
            return self.start_load(false);
        }
        let files: Vec<PathBuf> = std::mem::take(&mut self.deferred).into_iter().collect();
        if files.is_empty() {
            Effect::None
        } else {
            Effect::ReadFiles(files)
        }
    }

    /// Files changed on disk: read again, or everything when a folder
    /// changed; held back until a running load is done.
    pub(super) fn files_touched(&mut self, paths: Vec<PathBuf>, folder: bool) -> Effect {
        let paths: Vec<PathBuf> = paths.into_iter().filter(|p| is_case_file(p)).collect();
        if self.loading.is_some() {
            self.deferred.extend(paths);
            self.deferred_reload |= folder;
            return Effect::None;
        }
        if folder {
            return self.start_load(false);
        }
        if paths.is_empty() {
            Effect::None
        } else {
            Effect::ReadFiles(paths)
        }
    }
}
