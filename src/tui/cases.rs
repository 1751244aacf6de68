//! The case list pane's state: the query, the filtered and ranked rows,
//! the selection and the scroll. Filtering works on haystacks prepared once
//! per load; a keystroke that narrows the query re-scores only the rows
//! that matched before.

use super::search::{Haystack, Matcher, Query};
use crate::case::Date;
use std::cmp::Ordering;

/// Above this many candidates a keystroke scores on two threads.
const PARALLEL_FROM: usize = 20_000;

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
    /// Each row's rank in the current sort order.
    ranks: Vec<u32>,
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
            ranks: Vec::new(),
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
        if rows_changed || self.ranks.len() != rows.len() {
            self.rerank(rows);
        }
        let next = Query::parse(&self.query);
        let narrowing = !rows_changed && self.parsed.is_narrowed_by(&next) && !self.visible.is_empty();
        let candidates: Vec<u32> = if narrowing {
            std::mem::take(&mut self.visible)
                .into_iter()
                .map(|i| i as u32)
                .collect()
        } else {
            (0..rows.len() as u32).collect()
        };
        let ranked = next.highlight_words().next().is_some();
        let ranks = &self.ranks;
        // one u64 per match: the match score (when the query ranks) above the
        // sort order, so a plain integer sort orders the list
        let score_part = |chunk: &[u32]| -> Vec<(u64, u32)> {
            chunk
                .iter()
                .filter_map(|&i| {
                    let s = matcher.score(&next, &rows[i as usize].hay)?;
                    let rank = u64::from(ranks[i as usize]);
                    let key = if ranked {
                        (u64::from(u32::MAX) - s.clamp(0, i64::from(u32::MAX)) as u64) << 32 | rank
                    } else {
                        rank
                    };
                    Some((key, i))
                })
                .collect()
        };
        let mut keyed = if candidates.len() >= PARALLEL_FROM {
            // both cores for a big library: each scores half
            let (a, b) = candidates.split_at(candidates.len() / 2);
            std::thread::scope(|s| {
                let other = s.spawn(|| score_part(b));
                let mut first = score_part(a);
                first.extend(other.join().unwrap_or_default());
                first
            })
        } else {
            score_part(&candidates)
        };
        keyed.sort_unstable_by_key(|k| k.0);
        self.visible = keyed.into_iter().map(|(_, i)| i as usize).collect();
        self.parsed = next;
        self.selected = keep
            .and_then(|k| self.visible.iter().position(|&i| i == k))
            .unwrap_or(0);
        self.clamp();
    }

    /// Each row's place in the current sort order, computed when the rows
    /// or the order change, so a keystroke sorts integers, not strings.
    fn rerank(&mut self, rows: &[Row]) {
        let mut order: Vec<usize> = (0..rows.len()).collect();
        let sort = self.sort;
        order.sort_by(|&a, &b| compare(sort, &rows[a], &rows[b]).then(a.cmp(&b)));
        self.ranks = vec![0; rows.len()];
        for (rank, i) in order.into_iter().enumerate() {
            self.ranks[i] = rank as u32;
        }
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
            hay: Haystack::new(vec![title.to_string()], "lumbar", "ready", vec![]),
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
        let m = Matcher;
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
        let m = Matcher;
        let mut l = CaseList {
            sort: Sort::Title,
            ..CaseList::default()
        };
        l.refilter(&rows, &m, true);
        assert_eq!(l.visible, vec![1, 0, 2]);
    }
}
