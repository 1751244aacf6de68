//! The case filter: fzf's query syntax (space-separated terms that must all
//! match; `'exact`, `^prefix`, `suffix$`, `!exclude`), plus the field terms
//! `region:`, `band:` and `tag:`. Plain words match the beginnings of words
//! ([`wordmatch`]) and rank the results; when no case matches that way, the
//! list falls back to `fuzzy-matcher`'s skim scorer ([`Matcher::fuzzy`]), so
//! a typo still finds its case.
//!
//! What a case offers to the filter is folded and packed once per load into
//! one [`SearchIndex`]: every case's text in one string, its word starts in
//! one array, a few bytes of region and band.

use super::wordmatch::{self, Words};
use crate::case::Region;
use crate::rules::Band;
use fuzzy_matcher::FuzzyMatcher;
use fuzzy_matcher::skim::SkimMatcherV2;
use std::sync::OnceLock;

/// Where one case's fields meet in the index (a control character, which
/// folding turns into a space inside a field).
const SEP: char = '\x1f';

/// A case's indexed text is cut at this many bytes (word starts are u16).
const MAX_ROW_BYTES: usize = u16::MAX as usize;

/// The fuzzy fallback shows at most this many cases, best first.
pub const FUZZY_CAP: usize = 50;

/// The fuzzy fallback's first pass keeps this many candidates, those whose
/// letters lie closest together, for the skim scorer to rank.
const FUZZY_SCORED: usize = 250;

/// Above this many candidates a keystroke's work is split across cores.
pub const PARALLEL_FROM: usize = 20_000;

/// A `region:` or `band:` word and the set of values it accepts (bit i:
/// the i-th of `Region::ALL` or `Band::ALL`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Choice {
    pub word: String,
    pub mask: u32,
}

const _: () = assert!(Region::ALL.len() <= 32 && Band::ALL.len() <= 32);

/// Letters and digits only: `not-ready`, `NOT READY` and `notready` alike.
fn squeeze(s: &str) -> String {
    wordmatch::folded(s).chars().filter(|c| c.is_alphanumeric()).collect()
}

impl Choice {
    /// `region:` accepts the beginning of a region's word or of a part of
    /// it (`wrist`, `hand` and `wrist-hand` for wrist-hand).
    fn region(word: &str) -> Choice {
        let want = squeeze(word);
        let mask = Region::ALL.iter().enumerate().fold(0, |mask, (i, r)| {
            let name = r.as_str();
            let hit = squeeze(name).starts_with(&want) || name.split('-').any(|part| part.starts_with(&want));
            if hit { mask | 1 << i } else { mask }
        });
        Choice {
            word: word.to_string(),
            mask,
        }
    }

    /// `band:` accepts the beginning of any label the screen shows for a
    /// band: its word (`not-ready`), its label (`NOT READY`) or its badge
    /// (`NRD`), in any case.
    fn band(word: &str) -> Choice {
        let want = squeeze(word);
        let mask = Band::ALL.iter().enumerate().fold(0, |mask, (i, b)| {
            let hit = [b.as_str(), b.label(), b.short()]
                .iter()
                .any(|name| squeeze(name).starts_with(&want));
            if hit { mask | 1 << i } else { mask }
        });
        Choice {
            word: word.to_string(),
            mask,
        }
    }

    fn accepts(&self, value: u8) -> bool {
        self.mask & (1 << value) != 0
    }
}

#[derive(Debug, Clone, PartialEq)]
pub enum Term {
    /// A plain word: matches the beginnings of words.
    Word(String),
    Exact(String),
    Prefix(String),
    Suffix(String),
    /// `^word$`: the whole field equals the word.
    Equal(String),
    Exclude(String),
    Region(Choice),
    Band(Choice),
    Tag(String),
}

impl Term {
    fn parse(raw: &str) -> Term {
        let lower = wordmatch::folded(raw);
        if let Some(v) = lower.strip_prefix("region:") {
            return Term::Region(Choice::region(v));
        }
        if let Some(v) = lower.strip_prefix("band:") {
            return Term::Band(Choice::band(v));
        }
        if let Some(v) = lower.strip_prefix("tag:") {
            return Term::Tag(v.to_string());
        }
        if let Some(v) = lower.strip_prefix('!') {
            return Term::Exclude(v.trim_start_matches('\'').to_string());
        }
        if let Some(v) = lower.strip_prefix('\'') {
            return Term::Exact(v.to_string());
        }
        match (lower.strip_prefix('^'), lower.ends_with('$') && lower.len() > 1) {
            (Some(v), true) => Term::Equal(v.trim_end_matches('$').to_string()),
            (Some(v), false) => Term::Prefix(v.to_string()),
            (None, true) => Term::Suffix(lower.trim_end_matches('$').to_string()),
            (None, false) => Term::Word(lower),
        }
    }

    /// True when every case `narrower` accepts, this term accepts too: the
    /// new term can only remove matches.
    fn is_narrowed_by(&self, narrower: &Term) -> bool {
        match (self, narrower) {
            // a word prefix, substring or field prefix of b is implied when b extends a
            (Term::Word(a), Term::Word(b))
            | (Term::Exact(a), Term::Exact(b))
            | (Term::Prefix(a), Term::Prefix(b))
            | (Term::Tag(a), Term::Tag(b)) => b.starts_with(a.as_str()),
            (Term::Region(a), Term::Region(b)) | (Term::Band(a), Term::Band(b)) => b.mask & !a.mask == 0,
            _ => self == narrower,
        }
    }
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Query {
    pub terms: Vec<Term>,
}

impl Query {
    pub fn parse(text: &str) -> Query {
        Query {
            terms: text.split_whitespace().map(Term::parse).collect(),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.terms.is_empty()
    }

    /// True when every match of `self` ⊇ every match of `next`: each old
    /// term is narrowed by the term in the same place, and new terms only
    /// add conditions.
    pub fn is_narrowed_by(&self, next: &Query) -> bool {
        next.terms.len() >= self.terms.len() && self.terms.iter().zip(&next.terms).all(|(a, b)| a.is_narrowed_by(b))
    }

    /// True when matches are ranked by how well they match (the query has
    /// text terms), not only filtered.
    pub fn ranks(&self) -> bool {
        self.highlight_words().next().is_some()
    }

    /// True when the query has plain words, which the fuzzy fallback can
    /// match when nothing matches by word beginnings.
    pub fn has_words(&self) -> bool {
        self.terms.iter().any(|t| matches!(t, Term::Word(_)))
    }

    /// The plain, exact, prefix, suffix and equal words, for highlighting.
    pub fn highlight_words(&self) -> impl Iterator<Item = &str> {
        self.terms.iter().filter_map(|t| match t {
            Term::Word(w) | Term::Exact(w) | Term::Prefix(w) | Term::Suffix(w) | Term::Equal(w) => Some(w.as_str()),
            _ => None,
        })
    }
}

/// What a case offers to the filter, before it is packed into the index:
/// its fields (alias, title, id, region, diagnoses), its tags, region and
/// band.
#[derive(Debug, Clone)]
pub struct Haystack {
    pub fields: Vec<String>,
    pub tags: Vec<String>,
    pub region: Region,
    pub band: Band,
}

impl Haystack {
    pub fn new(fields: Vec<String>, region: Region, band: Band, tags: Vec<String>) -> Haystack {
        Haystack {
            fields,
            tags,
            region,
            band,
        }
    }
}

/// One case in the index: its place in the packed arrays.
#[derive(Debug, Clone, Copy)]
struct Entry {
    /// End of its text in `SearchIndex::text` (it starts where the
    /// previous case's ends).
    text_end: u32,
    /// End of its words in `starts`/`initials`.
    words_end: u32,
    /// Where its tags begin in its text (its length when it has none).
    tags_at: u16,
    region: u8,
    band: u8,
}

/// Every case's searchable text, folded and packed: 12 bytes a case plus
/// its text (fields joined by a separator) and 3 bytes a word.
#[derive(Debug, Clone, Default)]
pub struct SearchIndex {
    text: String,
    starts: Vec<u16>,
    initials: Vec<u8>,
    entries: Vec<Entry>,
}

/// One case's part of the index.
#[derive(Debug, Clone, Copy)]
struct RowText<'a> {
    text: &'a str,
    words: Words<'a>,
    tags_at: usize,
    region: u8,
    band: u8,
}

impl RowText<'_> {
    fn fields(&self) -> impl Iterator<Item = &str> {
        self.text.split(SEP)
    }

    fn tags(&self) -> impl Iterator<Item = &str> {
        let tags = &self.text[self.tags_at..];
        (!tags.is_empty()).then(|| tags.split(SEP)).into_iter().flatten()
    }
}

impl SearchIndex {
    pub fn push(&mut self, h: &Haystack) {
        let start = self.text.len();
        let mut tags_at = None;
        for (n, field) in h.fields.iter().chain(&h.tags).enumerate() {
            if n > 0 {
                self.text.push(SEP);
            }
            if n == h.fields.len() {
                tags_at = Some(self.text.len() - start);
            }
            wordmatch::fold(field, &mut self.text, None);
        }
        // offsets are u32: past 4 GiB of text (never in practice) a case
        // offers nothing more to the search
        let room = (u32::MAX as usize).saturating_sub(start);
        let mut end = self.text.len().min(start + MAX_ROW_BYTES.min(room));
        while !self.text.is_char_boundary(end) {
            end -= 1;
        }
        self.text.truncate(end);
        let len = end - start;
        wordmatch::word_starts(&self.text.as_bytes()[start..], &mut self.starts, &mut self.initials);
        let index_of = |v: usize| u8::try_from(v).unwrap_or(u8::MAX);
        self.entries.push(Entry {
            text_end: end as u32,
            words_end: self.starts.len() as u32,
            tags_at: tags_at.unwrap_or(len).min(len) as u16,
            region: index_of(Region::ALL.iter().position(|r| *r == h.region).unwrap_or(0)),
            band: index_of(Band::ALL.iter().position(|b| *b == h.band).unwrap_or(0)),
        });
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Bytes the index holds on the heap (its capacity).
    pub fn heap_bytes(&self) -> usize {
        self.text.capacity()
            + self.starts.capacity() * 2
            + self.initials.capacity()
            + self.entries.capacity() * std::mem::size_of::<Entry>()
    }

    /// Keeps the cases whose `keep` is true (the rest: true), in order:
    /// the packed arrays are copied once, without folding anything again.
    pub fn retain(&mut self, keep: &[bool]) {
        let mut out = SearchIndex::default();
        for i in 0..self.len() {
            if !keep.get(i).copied().unwrap_or(true) {
                continue;
            }
            let e = self.entries[i];
            let (t0, w0) = match i.checked_sub(1) {
                Some(p) => (self.entries[p].text_end as usize, self.entries[p].words_end as usize),
                None => (0, 0),
            };
            out.text.push_str(&self.text[t0..e.text_end as usize]);
            out.starts.extend_from_slice(&self.starts[w0..e.words_end as usize]);
            out.initials.extend_from_slice(&self.initials[w0..e.words_end as usize]);
            out.entries.push(Entry {
                text_end: out.text.len() as u32,
                words_end: out.starts.len() as u32,
                ..e
            });
        }
        *self = out;
    }

    /// Gives back the memory pushing over-allocated.
    pub fn shrink_to_fit(&mut self) {
        self.text.shrink_to_fit();
        self.starts.shrink_to_fit();
        self.initials.shrink_to_fit();
        self.entries.shrink_to_fit();
    }

    fn row(&self, i: usize) -> RowText<'_> {
        let e = self.entries[i];
        let (t0, w0) = match i.checked_sub(1) {
            Some(p) => (self.entries[p].text_end as usize, self.entries[p].words_end as usize),
            None => (0, 0),
        };
        let (t1, w1) = (e.text_end as usize, e.words_end as usize);
        let text = &self.text[t0..t1];
        RowText {
            text,
            words: Words {
                text: text.as_bytes(),
                starts: &self.starts[w0..w1],
                initials: &self.initials[w0..w1],
            },
            tags_at: usize::from(e.tags_at),
            region: e.region,
            band: e.band,
        }
    }
}

impl FromIterator<Haystack> for SearchIndex {
    fn from_iter<I: IntoIterator<Item = Haystack>>(iter: I) -> SearchIndex {
        let mut index = SearchIndex::default();
        for h in iter {
            index.push(&h);
        }
        index.shrink_to_fit();
        index
    }
}

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
fn span(text: &str, word: &str, limit: usize) -> Option<usize> {
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

#[cfg(test)]
mod tests {
    use super::*;

    fn hay(title: &str, region: Region, band: Band, tags: &[&str]) -> Haystack {
        let fields = vec![title.to_string(), region.as_str().to_string()];
        Haystack::new(fields, region, band, tags.iter().map(|t| t.to_string()).collect())
    }

    /// An index of the haystacks and a scorer for case `i`.
    fn index(hays: Vec<Haystack>) -> SearchIndex {
        hays.into_iter().collect()
    }

    fn score(idx: &SearchIndex, q: &str, i: usize) -> Option<i64> {
        Matcher.score(&Query::parse(q), idx, i)
    }

    #[test]
    fn parses_fzf_syntax_and_fields() {
        let q = Query::parse("rad 'disc ^l5 ext$ !cervical region:lumb band:ready tag:Disc ^knee$");
        let kinds: Vec<String> = q.terms.iter().map(|t| format!("{t:?}")).collect();
        assert_eq!(q.terms[0], Term::Word("rad".into()));
        assert_eq!(q.terms[1], Term::Exact("disc".into()));
        assert_eq!(q.terms[2], Term::Prefix("l5".into()));
        assert_eq!(q.terms[3], Term::Suffix("ext".into()));
        assert_eq!(q.terms[4], Term::Exclude("cervical".into()));
        assert!(matches!(&q.terms[5], Term::Region(c) if c.word == "lumb"), "{kinds:?}");
        assert!(matches!(&q.terms[6], Term::Band(c) if c.word == "ready"), "{kinds:?}");
        assert_eq!(q.terms[7], Term::Tag("disc".into()));
        assert_eq!(q.terms[8], Term::Equal("knee".into()));
    }

    #[test]
    fn all_terms_must_match() {
        let idx = index(vec![
            hay("L5 radiculopathy", Region::Lumbar, Band::Ready, &["disc"]),
            hay("C6 radiculopathy", Region::Cervical, Band::Approaching, &["disc"]),
        ]);
        assert!(score(&idx, "radic region:lumbar", 0).is_some());
        assert!(score(&idx, "radic region:lumbar", 1).is_none());
        assert!(score(&idx, "radic !cervical", 1).is_none());
        assert!(score(&idx, "band:appr tag:disc", 1).is_some());
        assert!(score(&idx, "^c6", 1).is_some());
        assert!(score(&idx, "^c6", 0).is_none());
        assert!(score(&idx, "^lumbar$", 0).is_some(), "a field equals the word");
        assert!(score(&idx, "pathy$", 0).is_some());
        assert!(score(&idx, "tag:", 0).is_some());
    }

    #[test]
    fn tags_are_their_own_fields() {
        let idx = index(vec![
            hay("Rotator cuff tear", Region::Shoulder, Band::Ready, &[]),
            hay(
                "Rotator cuff tear",
                Region::Shoulder,
                Band::Ready,
                &["teaching", "red-flag"],
            ),
        ]);
        assert!(score(&idx, "tag:", 0).is_none(), "no tags");
        assert!(score(&idx, "tag:flag", 1).is_some());
        assert!(score(&idx, "tag:rotator", 1).is_none(), "the title is no tag");
        assert!(score(&idx, "^red", 1).is_some(), "a tag is a field");
    }

    #[test]
    fn band_accepts_every_label_on_screen() {
        let idx = index(
            Band::ALL
                .iter()
                .map(|&b| hay("Lumbar stenosis", Region::Lumbar, b, &[]))
                .collect(),
        );
        let hits = |q: &str| -> Vec<Band> {
            (0..idx.len())
                .filter(|&i| score(&idx, q, i).is_some())
                .map(|i| Band::ALL[i])
                .collect()
        };
        for b in Band::ALL {
            for label in [
                b.as_str(),
                b.short(),
                &b.short().to_lowercase(),
                &b.as_str().to_uppercase(),
            ] {
                assert_eq!(hits(&format!("band:{label}")), vec![b], "band:{label}");
            }
        }
        assert_eq!(hits("band:rdy"), vec![Band::Ready]);
        assert_eq!(hits("band:apr"), vec![Band::Approaching]);
        assert_eq!(hits("band:URG"), vec![Band::Urgent]);
        assert_eq!(hits("band:NotReady"), vec![Band::NotReady], "the label, squeezed");
        assert_eq!(hits("band:post"), vec![Band::PostOp]);
        assert_eq!(hits("band:"), Band::ALL.to_vec(), "an empty word accepts all");
        assert!(hits("band:xyz").is_empty());
    }

    #[test]
    fn region_accepts_a_part_of_its_word() {
        let idx = index(Region::ALL.iter().map(|&r| hay("Pain", r, Band::Ready, &[])).collect());
        let hits = |q: &str| -> Vec<Region> {
            (0..idx.len())
                .filter(|&i| score(&idx, q, i).is_some())
                .map(|i| Region::ALL[i])
                .collect()
        };
        assert_eq!(hits("region:wrist"), vec![Region::WristHand]);
        assert_eq!(hits("region:hand"), vec![Region::WristHand]);
        assert_eq!(hits("region:Wrist-Hand"), vec![Region::WristHand]);
        assert_eq!(hits("region:foot"), vec![Region::AnkleFoot]);
        assert_eq!(hits("region:LUMB"), vec![Region::Lumbar]);
        assert_eq!(hits("region:h"), vec![Region::WristHand, Region::Hip]);
    }

    #[test]
    fn fuzzy_terms_match_words_not_scattered_letters() {
        let idx = index(vec![
            hay(
                "Massive retracted rotator cuff tear",
                Region::Shoulder,
                Band::Ready,
                &[],
            ),
            hay(
                "Right C7 radiculopathy with triceps weakness",
                Region::Cervical,
                Band::Urgent,
                &[],
            ),
        ]);
        assert!(score(&idx, "rot", 0).is_some());
        assert!(score(&idx, "rot", 1).is_none());
        assert!(score(&idx, "rc", 0).is_some(), "initials of rotator cuff");
        assert!(score(&idx, "radic", 1).is_some());
        assert!(score(&idx, "c7rad", 1).is_some());
        assert!(score(&idx, "RADIC", 1).is_some(), "any case");
    }

    #[test]
    fn better_matches_score_higher() {
        let idx = index(vec![
            hay("Rotator cuff tear", Region::Shoulder, Band::Ready, &[]),
            hay(
                "Right lateral epicondylar tendinopathy oa",
                Region::Elbow,
                Band::Ready,
                &[],
            ),
        ]);
        let good = score(&idx, "rotator", 0).expect("match");
        assert!(score(&idx, "rotator", 1).is_none_or(|w| w < good));
    }

    #[test]
    fn the_fuzzy_fallback_finds_a_typo_best_first() {
        let idx = index(vec![
            hay("Lumbar stenosis", Region::Lumbar, Band::Ready, &[]),
            hay("Massive rotator cuff tear", Region::Shoulder, Band::Ready, &[]),
            hay("Rotator cuff tear", Region::Shoulder, Band::Approaching, &[]),
            hay("Knee osteoarthritis", Region::Knee, Band::Ready, &[]),
        ]);
        let all: Vec<u32> = (0..4).collect();
        let ranks: Vec<u32> = (0..4).collect();
        let q = Query::parse("rotater");
        assert!(
            (0..4).all(|i| Matcher.score(&q, &idx, i).is_none()),
            "no word-prefix match"
        );
        let found = Matcher.fuzzy(&q, &idx, &all, &ranks);
        assert_eq!(found.best, [2, 1], "both rotator cuff cases, the tighter title first");
        assert_eq!(found.pass, [1, 2], "the candidates that passed, in their order");
        // other terms still hold
        let found = Matcher.fuzzy(&Query::parse("rotater band:apr"), &idx, &all, &ranks);
        assert_eq!(found.best, vec![2]);
        assert_eq!(
            Matcher.fuzzy(&Query::parse("band:xyz"), &idx, &all, &ranks),
            Fuzzy::default()
        );
    }

    #[test]
    fn narrowing_is_detected_only_when_safe() {
        let p = Query::parse;
        assert!(p("ro").is_narrowed_by(&p("rot")));
        assert!(p("rot").is_narrowed_by(&p("rot cuff")));
        assert!(!p("rot").is_narrowed_by(&p("ro")));
        assert!(!p("!cer").is_narrowed_by(&p("!cerv")));
        assert!(!p("disc$").is_narrowed_by(&p("disc$x")));
        assert!(p("").is_narrowed_by(&p("a")));
        assert!(p("band:").is_narrowed_by(&p("band:r")));
        assert!(p("band:r").is_narrowed_by(&p("band:rdy")));
        assert!(!p("band:rdy").is_narrowed_by(&p("band:")));
        assert!(!p("band:rdy").is_narrowed_by(&p("band:urg")));
        assert!(p("tag:te").is_narrowed_by(&p("tag:tea")));
    }

    #[test]
    fn highlights_matched_characters() {
        let m = Matcher;
        assert_eq!(m.highlights(&Query::parse("rc"), "Rotator cuff", false), vec![0, 8]);
        assert_eq!(
            m.highlights(&Query::parse("'cuff"), "Rotator cuff", false),
            vec![8, 9, 10, 11]
        );
        assert_eq!(
            m.highlights(&Query::parse("'cuff"), "Rötator cüff", false),
            vec![8, 9, 10, 11]
        );
        let fuzzy = m.highlights(&Query::parse("rotater"), "Rotator cuff tear", true);
        assert_eq!(fuzzy.len(), 7, "{fuzzy:?}");
        assert!(
            m.highlights(&Query::parse("rotater"), "Rotator cuff tear", false)
                .is_empty()
        );
    }

    #[test]
    fn a_huge_case_is_cut_and_its_neighbours_unharmed() {
        let huge = format!("{} rotator", "é".repeat(70_000));
        let idx = index(vec![
            hay(&huge, Region::Shoulder, Band::Ready, &["teaching"]),
            hay("Rotator cuff tear", Region::Shoulder, Band::Ready, &["teaching"]),
        ]);
        assert!(idx.row(0).text.len() <= MAX_ROW_BYTES);
        assert!(score(&idx, "eee", 0).is_some(), "its folded beginning is searched");
        assert!(score(&idx, "rotator", 0).is_none(), "past the cut it is not");
        assert!(score(&idx, "tag:teaching", 0).is_none(), "its tags were cut off too");
        assert!(score(&idx, "rotator tag:teaching", 1).is_some());
    }

    #[test]
    fn the_fuzzy_first_pass_keeps_exactly_the_tightest() {
        // enough rows that the first pass starts cutting windows short
        let words = [
            "rotator",
            "cuff",
            "tear",
            "radiculopathy",
            "stenosis",
            "lateral",
            "knee",
            "after",
        ];
        let hays: Vec<Haystack> = (0..3_000usize)
            .map(|i| {
                let title: Vec<&str> = (0..4 + i % 5)
                    .map(|k| words[(i * 7 + k * 3 + i / 11) % words.len()])
                    .collect();
                hay(&title.join(" "), Region::Shoulder, Band::Ready, &[])
            })
            .collect();
        let idx = index(hays);
        let all: Vec<u32> = (0..idx.len() as u32).collect();
        let ranks: Vec<u32> = all.iter().rev().copied().collect();
        for query in ["rotater", "lateal", "kne aftr"] {
            let q = Query::parse(query);
            let found = Matcher.fuzzy(&q, &idx, &all, &ranks);
            // the same without the cut: every window measured in full
            let words: Vec<&str> = query.split(' ').collect();
            let mut near: Vec<(u64, u32)> = all
                .iter()
                .filter_map(|&i| {
                    let text = idx.row(i as usize).text;
                    let total = words.iter().try_fold(0, |t, w| Some(t + span(text, w, usize::MAX)?))?;
                    Some(((total as u64) << 32 | u64::from(ranks[i as usize]), i))
                })
                .collect();
            let pass: Vec<u32> = near.iter().map(|&(_, i)| i).collect();
            near.sort_unstable();
            near.truncate(FUZZY_SCORED);
            let skim = SkimMatcherV2::default().respect_case();
            let mut best: Vec<(i64, u32, u32)> = near
                .iter()
                .filter_map(|&(_, i)| {
                    let text = idx.row(i as usize).text.replace(SEP, " ");
                    let score = words.iter().try_fold(0, |t, w| Some(t + skim.fuzzy_match(&text, w)?))?;
                    Some((-score, ranks[i as usize], i))
                })
                .collect();
            best.sort_unstable();
            best.truncate(FUZZY_CAP);
            assert!(pass.len() > 4 * FUZZY_SCORED, "{query}: the cut is exercised");
            assert_eq!(found.pass, pass, "{query}");
            assert_eq!(found.best, best.iter().map(|b| b.2).collect::<Vec<_>>(), "{query}");
        }
    }

    #[test]
    fn spans_are_the_tightest_window() {
        assert_eq!(span("rotator cuff tear", "rotater", usize::MAX), Some(17));
        assert_eq!(span("a xx abc", "abc", usize::MAX), Some(3));
        assert_eq!(span("abc", "abd", usize::MAX), None);
        assert_eq!(
            span("rotator cuff tear", "rotater", 10),
            Some(11),
            "wider than the limit"
        );
        assert_eq!(
            span("rötator cuff tëar", "rotater", usize::MAX),
            None,
            "not folded here"
        );
        assert_eq!(span("ωx ω", "ωω", usize::MAX), Some(6), "not ASCII: bytes");
    }
}
