//! The case list pane's state: the query, the filtered and ranked rows,
//! the selection and the scroll. Filtering works on an index prepared once
//! per load ([`Rows`]). Every keystroke starts from the nearest state
//! already computed: typing narrows the previous matches; a backspace or
//! Ctrl-W goes back to the state the shorter query had (each state along
//! the typed query is kept), so it costs no scoring at all.

use super::search::{self, Fuzzy, Haystack, Matcher, Query, SearchIndex};
use crate::case::Date;
use std::cmp::Ordering;

/// The states kept along the typed query hold at most this many row
/// indices per row of the library (4 bytes each); past it the shortest
/// queries' states are dropped (a backspace to them scores again).
const HISTORY_PER_ROW: usize = 8;

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

/// What the list needs to know of each case to filter and sort it, as
/// `row_for` builds it; [`Rows`] packs them.
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

/// A case's sort keys.
#[derive(Debug, Clone)]
struct SortKey {
    score: u8,
    band_rank: u8,
    title_key: Box<str>,
    onset: Date,
}

/// Every case's sort keys and the search index over their text, built
/// once per load (`collect()` the rows).
#[derive(Debug, Clone, Default)]
pub struct Rows {
    keys: Vec<SortKey>,
    index: SearchIndex,
}

impl FromIterator<Row> for Rows {
    fn from_iter<I: IntoIterator<Item = Row>>(iter: I) -> Rows {
        let mut rows = Rows::default();
        for r in iter {
            rows.push(r);
        }
        rows.index.shrink_to_fit();
        rows.keys.shrink_to_fit();
        rows
    }
}

impl Rows {
    /// One more case at the end (a load's next batch).
    pub fn push(&mut self, r: Row) {
        self.index.push(&r.hay);
        self.keys.push(SortKey {
            score: r.score,
            band_rank: r.band_rank,
            title_key: r.title_key.into_boxed_str(),
            onset: r.onset,
        });
    }

    pub fn clear(&mut self) {
        *self = Rows::default();
    }

    /// Keeps the cases whose `keep` is true, in order (withheld duplicates
    /// leave the list).
    pub fn retain_where(&mut self, keep: &[bool]) {
        self.index.retain(keep);
        let mut k = keep.iter();
        self.keys.retain(|_| *k.next().unwrap_or(&true));
    }

    pub fn len(&self) -> usize {
        self.keys.len()
    }

    pub fn is_empty(&self) -> bool {
        self.keys.is_empty()
    }

    pub fn index(&self) -> &SearchIndex {
        &self.index
    }

    /// Bytes on the heap: the search index and the sort keys.
    pub fn heap_bytes(&self) -> usize {
        self.index.heap_bytes()
            + self.keys.capacity() * std::mem::size_of::<SortKey>()
            + self.keys.iter().map(|k| k.title_key.len()).sum::<usize>()
    }
}

/// The list for one query, kept while a longer query is typed.
#[derive(Debug, Clone)]
struct State {
    query: String,
    parsed: Query,
    visible: Vec<u32>,
    /// When the fuzzy fallback ran: the rows that passed its first pass.
    pass: Option<Vec<u32>>,
}

impl State {
    fn len(&self) -> usize {
        self.visible.len() + self.pass.as_ref().map_or(0, Vec::len)
    }
}

#[derive(Debug, Clone)]
pub struct CaseList {
    pub query: String,
    pub searching: bool,
    parsed: Query,
    /// The query `visible` was computed for.
    shown: String,
    /// Indices into the rows, in display order.
    pub visible: Vec<usize>,
    /// True when no case matched by word beginnings and `visible` holds
    /// the fuzzy fallback's best matches.
    pub fuzzy: bool,
    /// When the fuzzy fallback ran: the rows that passed its first pass,
    /// the candidates for a longer query's fallback.
    pass: Option<Vec<u32>>,
    /// Each row's rank in the current sort order.
    ranks: Vec<u32>,
    /// The rows in the current sort order (the inverse of `ranks`).
    order: Vec<u32>,
    /// The states of shorter queries that `shown` extends, shortest first.
    history: Vec<State>,
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
            shown: String::new(),
            visible: Vec::new(),
            fuzzy: false,
            pass: None,
            ranks: Vec::new(),
            order: Vec::new(),
            history: Vec::new(),
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

    /// Ctrl-W in the search box: deletes the last word of the query and the
    /// spaces after it.
    pub fn delete_word(&mut self) {
        let trimmed = self.query.trim_end().len();
        let cut = self.query[..trimmed].rfind(' ').map_or(0, |i| i + 1);
        self.query.truncate(cut);
    }

    /// Bytes the list's state holds on the heap: ranks, order, the visible
    /// rows and the states kept along the typed query.
    pub fn heap_bytes(&self) -> usize {
        (self.ranks.capacity() + self.order.capacity()) * 4
            + self.visible.capacity() * std::mem::size_of::<usize>()
            + self.pass.as_ref().map_or(0, |p| p.capacity() * 4)
            + self
                .history
                .iter()
                .map(|s| (s.visible.capacity() + s.pass.as_ref().map_or(0, Vec::capacity)) * 4 + s.query.capacity())
                .sum::<usize>()
    }

    /// Re-filters after the query or the rows changed. `rows_changed`
    /// forces a full pass (a reload or a new sort order); otherwise the
    /// list starts from the nearest state already computed.
    pub fn refilter(&mut self, rows: &Rows, matcher: &Matcher, rows_changed: bool) {
        // a new query puts the best match on top and selects it, as fzf does;
        // a reload or re-sort keeps the case that was selected
        let keep = if rows_changed { self.selected_row() } else { None };
        let stale = rows_changed || self.ranks.len() != rows.len();
        if stale {
            self.rerank(rows);
            self.history.clear();
        } else if self.shown == self.query {
            self.clamp();
            return;
        } else if self.query.starts_with(self.shown.as_str()) && !self.shown.is_empty() {
            // typing on: the current state is the one to come back to
            self.history.push(State {
                query: std::mem::take(&mut self.shown),
                parsed: std::mem::take(&mut self.parsed),
                visible: self.visible.iter().map(|&i| i as u32).collect(),
                pass: self.pass.take(),
            });
            self.trim_history(rows.len());
        }
        while self
            .history
            .last()
            .is_some_and(|s| !self.query.starts_with(s.query.as_str()))
        {
            self.history.pop();
        }
        if self.history.last().is_some_and(|s| s.query == self.query) {
            if let Some(s) = self.history.pop() {
                let visible = s.visible.into_iter().map(|i| i as usize).collect();
                self.set(s.query, s.parsed, visible, s.pass);
            }
        } else {
            let next = Query::parse(&self.query);
            let (visible, pass) = self.compute(rows, matcher, &next);
            self.set(self.query.clone(), next, visible, pass);
        }
        self.selected = keep
            .and_then(|k| self.visible.iter().position(|&i| i == k))
            .unwrap_or(0);
        self.clamp();
    }

    fn set(&mut self, query: String, parsed: Query, visible: Vec<usize>, pass: Option<Vec<u32>>) {
        self.shown = query;
        self.parsed = parsed;
        // fuzzy matches are shown when the fallback ran and found some
        self.fuzzy = pass.is_some() && !visible.is_empty();
        self.visible = visible;
        self.pass = pass;
    }

    /// Keeps the kept states within `HISTORY_PER_ROW` indices a row.
    fn trim_history(&mut self, rows: usize) {
        let cap = HISTORY_PER_ROW * rows.max(1_000);
        let mut total: usize = self.history.iter().map(State::len).sum();
        while total > cap && !self.history.is_empty() {
            total -= self.history.remove(0).len();
        }
    }

    /// The visible rows for `next`, scored from the longest kept query that
    /// `next` narrows (or from every row), and, when the fuzzy fallback
    /// ran, the rows that passed its first pass.
    fn compute(&self, rows: &Rows, matcher: &Matcher, next: &Query) -> (Vec<usize>, Option<Vec<u32>>) {
        if next.is_empty() {
            return (self.order.iter().map(|&i| i as usize).collect(), None);
        }
        let base = self.history.iter().rev().find(|s| s.parsed.is_narrowed_by(next));
        // candidates in row order, so the index is read front to back (in
        // rank order it is read at random: at 100,000 cases, 35 MB that miss
        // the cache, four times slower)
        let candidates: Vec<u32> = match base {
            // nothing matched by word beginnings there, so nothing does here
            Some(s) if s.pass.is_some() => Vec::new(),
            Some(s) => in_row_order(&s.visible, rows.len()),
            None => (0..rows.len() as u32).collect(),
        };
        let ranked = next.ranks();
        let ranks = &self.ranks;
        let index = rows.index();
        // one u64 per match: the match score (when the query ranks) above the
        // rank in the sort order, so a plain integer sort orders the list
        let parts = search::par_chunks(&candidates, |chunk| {
            let mut keys: Vec<u64> = chunk
                .iter()
                .filter_map(|&i| {
                    let s = matcher.score(next, index, i as usize)?;
                    let rank = u64::from(ranks[i as usize]);
                    Some(if ranked {
                        (u64::from(u32::MAX) - s.clamp(0, i64::from(u32::MAX)) as u64) << 32 | rank
                    } else {
                        rank
                    })
                })
                .collect();
            keys.sort_unstable();
            keys
        });
        let keys = parts.into_iter().reduce(merge).unwrap_or_default();
        if keys.is_empty() && next.has_words() {
            // the fallback's candidates: those of the longest query it ran for
            // that `next` narrows, else every row
            let kept = self
                .history
                .iter()
                .rev()
                .filter(|s| s.parsed.is_narrowed_by(next))
                .find_map(|s| s.pass.as_ref());
            let all: Vec<u32>;
            let candidates = match kept {
                Some(pass) => pass,
                None => {
                    all = (0..rows.len() as u32).collect();
                    &all
                }
            };
            let Fuzzy { best, pass } = matcher.fuzzy(next, index, candidates, ranks);
            return (best.into_iter().map(|i| i as usize).collect(), Some(pass));
        }
        let order = &self.order;
        let visible = keys
            .iter()
            .map(|&k| order[(k & 0xffff_ffff) as usize] as usize)
            .collect();
        (visible, None)
    }

    /// Each row's place in the current sort order, computed when the rows
    /// or the order change, so a keystroke sorts integers, not strings.
    fn rerank(&mut self, rows: &Rows) {
        let mut order: Vec<u32> = (0..rows.len() as u32).collect();
        let sort = self.sort;
        let keys = &rows.keys;
        order.sort_by(|&a, &b| compare(sort, &keys[a as usize], &keys[b as usize]).then(a.cmp(&b)));
        self.ranks = vec![0; rows.len()];
        for (rank, &i) in order.iter().enumerate() {
            self.ranks[i as usize] = rank as u32;
        }
        self.order = order;
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

fn compare(sort: Sort, a: &SortKey, b: &SortKey) -> Ordering {
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

/// The rows of `set` in ascending order, through a bitmap of `n` bits (no
/// sort).
fn in_row_order(set: &[u32], n: usize) -> Vec<u32> {
    let mut bits = vec![0u64; n.div_ceil(64)];
    for &i in set {
        bits[i as usize / 64] |= 1 << (i % 64);
    }
    let mut out = Vec::with_capacity(set.len());
    for (w, &word) in bits.iter().enumerate() {
        let mut word = word;
        while word != 0 {
            out.push((w * 64) as u32 + word.trailing_zeros());
            word &= word - 1;
        }
    }
    out
}

/// Two sorted key lists as one.
fn merge(a: Vec<u64>, b: Vec<u64>) -> Vec<u64> {
    let mut out = Vec::with_capacity(a.len() + b.len());
    let (mut i, mut j) = (0, 0);
    while i < a.len() && j < b.len() {
        if a[i] <= b[j] {
            out.push(a[i]);
            i += 1;
        } else {
            out.push(b[j]);
            j += 1;
        }
    }
    out.extend_from_slice(&a[i..]);
    out.extend_from_slice(&b[j..]);
    out
}

#[cfg(test)]
mod tests;
