//! The case list pane's state: the query, the filtered and ranked rows,
//! the selection and the scroll. Filtering works on haystacks prepared once
//! per load; a keystroke that narrows the query re-scores only the rows
//! that matched before.

use super::search::{Haystack, Matcher, Query};
use crate::case::Date;
use std::cmp::Ordering;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sort {
    Readiness,
    Title,
    Onset,
}

impl Sort {
    pub fn next(self) -> Sort {
        match self {
            Sort::Readiness => Sort::Title,
            Sort::Title => Sort::Onset,
            Sort::Onset => Sort::Readiness,
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Sort::Readiness => "readiness",
            Sort::Title => "title",
            Sort::Onset => "onset",
        }
    }
}

/// What the list needs to know of each case to filter and sort it.
#[derive(Debug, Clone)]
pub struct Row {
    pub hay: Haystack,
    pub score: u8,
    /// Urgent first, then ready, approaching, not ready, post-op: the
    /// order a reviewer works through.
    pub band_rank: u8,
    pub title_key: String,
    pub onset: Date,
}

#[derive(Debug, Clone)]
pub struct CaseList {
    pub query: String,
    pub searching: bool,
    parsed: Query,
    /// Indices into the rows, in display order.
    pub visible: Vec<usize>,
    /// Match score of each visible row (parallel to `visible`).
    match_scores: Vec<i64>,
    pub selected: usize,
    pub offset: usize,
    pub sort: Sort,
}

impl Default for CaseList {
    fn default() -> Self {
        CaseList {
            query: String::new(),
            searching: false,
            parsed: Query::default(),
            visible: Vec::new(),
            match_scores: Vec::new(),
            selected: 0,
            offset: 0,
            sort: Sort::Readiness,
        }
    }
}

impl CaseList {
    pub fn parsed(&self) -> &Query {
        &self.parsed
    }

    /// The row index of the selection, if any row is visible.
    pub fn selected_row(&self) -> Option<usize> {
        self.visible.get(self.selected).copied()
    }

    /// Re-filters after the query or the rows changed. `rows_changed`
    /// forces a full pass (a reload); otherwise a narrowing query only
    /// re-scores the previous matches.
    pub fn refilter(&mut self, rows: &[Row], matcher: &Matcher, rows_changed: bool) {
        // a new query puts the best match on top and selects it, as fzf does;
        // a reload or re-sort keeps the case that was selected
        let keep = if rows_changed { self.selected_row() } else { None };
        let next = Query::parse(&self.query);
        let narrowing = !rows_changed && self.parsed.is_narrowed_by(&next) && !self.visible.is_empty();
        let candidates: Box<dyn Iterator<Item = usize>> = if narrowing {
            Box::new(std::mem::take(&mut self.visible).into_iter())
        } else {
            Box::new(0..rows.len())
        };
        let mut scored: Vec<(usize, i64)> = candidates
            .filter_map(|i| matcher.score(&next, &rows[i].hay).map(|s| (i, s)))
            .collect();
        let ranked = next.highlight_words().next().is_some();
        let sort = self.sort;
        scored.sort_by(|a, b| {
            let by_match = if ranked { b.1.cmp(&a.1) } else { Ordering::Equal };
            by_match
                .then_with(|| compare(sort, &rows[a.0], &rows[b.0]))
                .then(a.0.cmp(&b.0))
        });
        self.visible = scored.iter().map(|(i, _)| *i).collect();
        self.match_scores = scored.into_iter().map(|(_, s)| s).collect();
        self.parsed = next;
        self.selected = keep
            .and_then(|k| self.visible.iter().position(|&i| i == k))
            .unwrap_or(0);
        self.clamp();
    }

    /// Selects the row showing `row`, if it is visible.
    pub fn select_row(&mut self, row: usize) -> bool {
        match self.visible.iter().position(|&i| i == row) {
            Some(pos) => {
                self.selected = pos;
                true
            }
            None => false,
        }
    }

    pub fn move_by(&mut self, delta: isize) {
        if self.visible.is_empty() {
            return;
        }
        let last = self.visible.len() - 1;
        self.selected = self.selected.saturating_add_signed(delta).min(last);
    }

    pub fn to_end(&mut self, end: bool) {
        self.selected = if end { self.visible.len().saturating_sub(1) } else { 0 };
    }

    fn clamp(&mut self) {
        self.selected = self.selected.min(self.visible.len().saturating_sub(1));
    }

    /// Keeps the selection inside a window of `height` rows.
    pub fn scroll_into_view(&mut self, height: usize) {
        if height == 0 {
            return;
        }
        if self.selected < self.offset {
            self.offset = self.selected;
        } else if self.selected >= self.offset + height {
            self.offset = self.selected + 1 - height;
        }
        let max_offset = self.visible.len().saturating_sub(height);
        self.offset = self.offset.min(max_offset);
    }
}

fn compare(sort: Sort, a: &Row, b: &Row) -> Ordering {
    match sort {
        Sort::Readiness => a
            .band_rank
            .cmp(&b.band_rank)
            .then(b.score.cmp(&a.score))
            .then_with(|| a.title_key.cmp(&b.title_key)),
        Sort::Title => a.title_key.cmp(&b.title_key),
        Sort::Onset => b.onset.cmp(&a.onset).then_with(|| a.title_key.cmp(&b.title_key)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(title: &str, score: u8) -> Row {
        Row {
            hay: Haystack {
                text: title.to_lowercase(),
                fields: vec![title.to_lowercase()],
                region: "lumbar",
                band: "ready",
                tags: vec![],
            },
            score,
            band_rank: 0,
            title_key: title.to_lowercase(),
            onset: Date::constant(2026, 1, 1),
        }
    }

    #[test]
    fn queries_filter_and_reloads_keep_the_selection() {
        let rows = vec![
            row("Rotator cuff tear", 80),
            row("Lumbar stenosis", 90),
            row("Rotator cuff tendinopathy", 40),
        ];
        let m = Matcher::default();
        let mut l = CaseList::default();
        l.refilter(&rows, &m, true);
        assert_eq!(l.visible, vec![1, 0, 2], "sorted by readiness");
        l.move_by(2);
        assert_eq!(l.selected_row(), Some(2));
        l.refilter(&rows, &m, true);
        assert_eq!(l.selected_row(), Some(2), "a reload keeps the selection");
        l.query = "rot".into();
        l.refilter(&rows, &m, false);
        assert_eq!(l.visible.len(), 2);
        assert_eq!(l.selected, 0, "a new query selects the best match");
        l.query = "rotxyz".into();
        l.refilter(&rows, &m, false);
        assert!(l.visible.is_empty() && l.selected_row().is_none());
        l.query.clear();
        l.refilter(&rows, &m, false);
        assert_eq!(l.visible.len(), 3);
    }

    #[test]
    fn sort_orders() {
        let rows = vec![row("b", 10), row("a", 20), row("c", 30)];
        let m = Matcher::default();
        let mut l = CaseList {
            sort: Sort::Title,
            ..CaseList::default()
        };
        l.refilter(&rows, &m, true);
        assert_eq!(l.visible, vec![1, 0, 2]);
    }
}
