//! The library changing under the list: a reload's changes applied, the
//! cases scored again where their files changed, the list filtered and
//! sorted again with the selection following its case.

use super::{App, CaseView, row_from};
use crate::case::Packed;
use crate::library::Change;
use crate::rules::{Brief, Options, evaluate};
use std::collections::HashMap;
use std::path::{Path, PathBuf};

impl App {
    /// The selected case's id and the scores by path, before the library
    /// changes under them.
    pub(in crate::tui) fn take_scores(&mut self) -> (Option<String>, HashMap<PathBuf, Brief>) {
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
    pub(super) fn actual_changes(&self, changes: Vec<Change<Packed>>) -> Vec<Change<Packed>> {
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
    pub(in crate::tui) fn install(
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
    pub(in crate::tui) fn relist(&mut self, keep_id: Option<String>) {
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
    pub(in crate::tui) fn refresh_case_view(&mut self, keep: bool) {
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

    pub(in crate::tui) fn case_changed(&mut self) {
        self.refresh_case_view(false);
    }

    pub(in crate::tui) fn list_height(&self) -> usize {
        self.panes()
            .list
            .map_or(10, |r| crate::tui::case_list::cases_shown(self, r))
    }
}
