//! Scoring a case against a query: the terms' checks, word ranking and
//! the fuzzy fallback, split across cores for large libraries.

use super::index::{RowText, SEP};
use super::{FUZZY_CAP, FUZZY_SCORED, PARALLEL_FROM, Query, SearchIndex, Term};
use crate::tui::wordmatch;
use fuzzy_matcher::FuzzyMatcher;
use fuzzy_matcher::skim::SkimMatcherV2;
use std::sync::OnceLock;

/// How many threads a keystroke's work may use: the cores, at most four.
pub fn threads() -> usize {
    static N: OnceLock<usize> = OnceLock::new();
    *N.get_or_init(|| std::thread::available_parallelism().map_or(1, |n| n.get()).clamp(1, 4))
}

/// Keeps the [`FUZZY_SCORED`] smallest keys (in no order).
fn tightest(near: &mut Vec<(u64, u32)>) {
    if near.len() > FUZZY_SCORED {
        near.select_nth_unstable(FUZZY_SCORED);
        near.truncate(FUZZY_SCORED);
    }
}

/// `f` over `items`, split into one chunk per core when there are many;
/// the chunks' results in order.
pub fn par_chunks<T: Send>(items: &[u32], f: impl Fn(&[u32]) -> T + Sync) -> Vec<T> {
    par_chunks_from(PARALLEL_FROM, items, f)
}

/// [`par_chunks`], split from `min` items on (for work that costs more a
/// item).
fn par_chunks_from<T: Send>(min: usize, items: &[u32], f: impl Fn(&[u32]) -> T + Sync) -> Vec<T> {
    let n = if items.len() >= min { threads() } else { 1 };
    if n == 1 {
        return vec![f(items)];
    }
    let size = items.len().div_ceil(n);
    let f = &f;
    std::thread::scope(|s| {
        let mut chunks = items.chunks(size);
        let first = chunks.next().unwrap_or_default();
        let others: Vec<_> = chunks.map(|c| s.spawn(move || f(c))).collect();
        let mut out = vec![f(first)];
        // a scorer does not panic; if one did, its chunk is left out
        out.extend(others.into_iter().filter_map(|h| h.join().ok()));
        out
    })
}

/// What the fuzzy fallback found.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Fuzzy {
    /// The best matches, best first.
    pub best: Vec<u32>,
    /// Every candidate whose text holds the plain words' letters in order
    /// (and that the other terms accept).
    pub pass: Vec<u32>,
}

/// Scores cases against a query. Stateless: kept as a type so the list
/// and the benchmarks share one entry point.
#[derive(Debug, Default)]
pub struct Matcher;

impl Matcher {
    /// Case `i`'s score for the query, or `None` when a term rejects it.
    pub fn score(&self, q: &Query, index: &SearchIndex, i: usize) -> Option<i64> {
        let row = index.row(i);
        q.terms
            .iter()
            .try_fold(0, |total, term| Some(total + check(term, &row)?))
    }

    /// The fuzzy fallback, for a query no case matches by word beginnings:
    /// the candidates that every other term accepts and that hold each
    /// plain word's letters in order (where skim matches at all), ranked by
    /// `fuzzy-matcher`'s skim scorer, best first, at most [`FUZZY_CAP`].
    /// Skim costs some microseconds a case, too much for 100,000 in a
    /// frame: a first pass keeps the [`FUZZY_SCORED`] cases whose letters
    /// lie closest together, and skim ranks those. Ties go to the earlier
    /// rank. Also returns every candidate that passed the first pass, in
    /// the candidates' order: a longer query's candidates (its letters in
    /// order imply the shorter's).
    pub fn fuzzy(&self, q: &Query, index: &SearchIndex, candidates: &[u32], ranks: &[u32]) -> Fuzzy {
        let words: Vec<&str> = q
            .terms
            .iter()
            .filter_map(|t| match t {
                Term::Word(w) if !w.is_empty() => Some(w.as_str()),
                _ => None,
            })
            .collect();
        if words.is_empty() {
            return Fuzzy::default();
        }
        // first pass, per chunk: the rows that pass, and the tightest of them
        // by (total span of the words' letters, rank)
        let parts = par_chunks(candidates, |chunk| {
            let mut pass = Vec::new();
            let mut near: Vec<(u64, u32)> = Vec::new();
            // once FUZZY_SCORED rows are kept, a wider window cannot be among
            // the tightest: its end still tells whether it passes, but its
            // start is not looked for past the widest kept
            let mut limit = usize::MAX;
            'rows: for &i in chunk {
                let row = index.row(i as usize);
                let others = q
                    .terms
                    .iter()
                    .all(|t| matches!(t, Term::Word(_)) || check(t, &row).is_some());
                if !others {
                    continue;
                }
                let mut total = 0usize;
                for w in &words {
                    match span(row.text, w, limit.saturating_sub(total)) {
                        Some(s) => total = total.saturating_add(s),
                        None => continue 'rows,
                    }
                }
                pass.push(i);
                if total <= limit {
                    let total = total.min(u32::MAX as usize) as u64;
                    near.push((total << 32 | u64::from(ranks[i as usize]), i));
                    if near.len() >= 4 * FUZZY_SCORED {
                        tightest(&mut near);
                        limit = near.iter().map(|&(k, _)| (k >> 32) as usize).max().unwrap_or(limit);
                    }
                }
            }
            tightest(&mut near);
            (pass, near)
        });
        let mut pass = Vec::new();
        let mut near = Vec::new();
        for (p, n) in parts {
            pass.extend(p);
            near.extend(n);
        }
        tightest(&mut near);
        // second pass: skim's score, the choices split across cores too
        let rows: Vec<u32> = near.into_iter().map(|(_, i)| i).collect();
        let mut scored: Vec<(u64, u32)> = par_chunks_from(64, &rows, |chunk| {
            let skim = SkimMatcherV2::default().respect_case();
            let mut choice = String::new();
            chunk
                .iter()
                .filter_map(|&i| {
                    choice.clear();
                    let text = index.row(i as usize).text;
                    choice.extend(text.chars().map(|c| if c == SEP { ' ' } else { c }));
                    let score = words
                        .iter()
                        .try_fold(0i64, |sum, w| Some(sum + skim.fuzzy_match(&choice, w)?))?;
                    let inverted = u64::from(u32::MAX) - score.clamp(0, i64::from(u32::MAX)) as u64;
                    Some((inverted << 32 | u64::from(ranks[i as usize]), i))
                })
                .collect::<Vec<_>>()
        })
        .concat();
        scored.sort_unstable();
        scored.truncate(FUZZY_CAP);
        Fuzzy {
            best: scored.into_iter().map(|(_, i)| i).collect(),
            pass,
        }
    }

    /// Character positions of `text` to highlight for the query; `fuzzy`
    /// when the list shows fuzzy matches (plain words then highlight skim's
    /// letters).
    pub fn highlights(&self, q: &Query, text: &str, fuzzy: bool) -> Vec<usize> {
        let p = wordmatch::Prepared::new(text);
        let mut out = Vec::new();
        for term in &q.terms {
            match term {
                Term::Word(w) if fuzzy && !w.is_empty() => {
                    let skim = SkimMatcherV2::default().respect_case();
                    if let Some((_, chars)) = skim.fuzzy_indices(&p.lower, w) {
                        let bytes: Vec<(usize, char)> = p.lower.char_indices().collect();
                        for c in chars {
                            if let Some(&(b, ch)) = bytes.get(c) {
                                out.extend(p.chars_of(b, ch.len_utf8()));
                            }
                        }
                    }
                }
                Term::Word(w) => {
                    if let Some(m) = wordmatch::find(p.words(), w) {
                        for (start, len) in m.pieces {
                            out.extend(p.chars_of(start, len));
                        }
                    }
                }
                Term::Exact(w) | Term::Prefix(w) | Term::Suffix(w) | Term::Equal(w) if !w.is_empty() => {
                    if let Some(byte) = p.lower.find(w.as_str()) {
                        out.extend(p.chars_of(byte, w.len()));
                    }
                }
                _ => {}
            }
        }
        out.sort_unstable();
        out.dedup();
        out
    }
}

/// One term against one case: its part of the score, or `None` when it
/// rejects the case.
fn check(term: &Term, row: &RowText<'_>) -> Option<i64> {
    let hit = |ok: bool, score: usize| ok.then_some(score as i64);
    match term {
        Term::Word(w) => wordmatch::score(row.words, w.as_bytes()),
        Term::Exact(w) => hit(row.text.contains(w.as_str()), 10 * w.len()),
        Term::Prefix(w) => hit(row.fields().any(|f| f.starts_with(w.as_str())), 10 * w.len()),
        Term::Suffix(w) => hit(row.fields().any(|f| f.ends_with(w.as_str())), 10 * w.len()),
        Term::Equal(w) => hit(row.fields().any(|f| f == w), 20 * w.len()),
        Term::Exclude(w) => hit(w.is_empty() || !row.text.contains(w.as_str()), 0),
        Term::Region(c) => hit(c.accepts(row.region), 0),
        Term::Band(c) => hit(c.accepts(row.band), 0),
        Term::Tag(w) => hit(row.tags().any(|t| t.contains(w.as_str())), 0),
    }
}

/// The fewest bytes of `text` that hold the letters of `word` in order
/// (leftmost end, then the latest start before it), or `None` when `text`
/// does not hold them: where skim matches at all, and a cheap guess at how
/// well. Past `limit` bytes the window is not followed further: the answer
/// is then `limit + 1`.
pub(super) fn span(text: &str, word: &str, limit: usize) -> Option<usize> {
    let wide = limit.saturating_add(1);
    if word.is_ascii() {
        // bytes are characters here: memchr finds each letter (the gaps are
        // some bytes long: twice as fast as a loop over every byte)
        let (t, w) = (text.as_bytes(), word.as_bytes());
        let mut end = 0;
        for &c in w {
            end += memchr::memchr(c, &t[end..])? + 1;
        }
        let mut start = end;
        for &c in w.iter().rev() {
            start = memchr::memrchr(c, &t[..start])?;
            if end - start > limit {
                return Some(wide);
            }
        }
        return Some(end - start);
    }
    let mut end = 0;
    for ch in word.chars() {
        end += text[end..].find(ch)? + ch.len_utf8();
    }
    let mut start = end;
    for ch in word.chars().rev() {
        start = text[..start].rfind(ch)?;
        if end - start > limit {
            return Some(wide);
        }
    }
    Some(end - start)
}
