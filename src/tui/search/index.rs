//! The packed index every keystroke searches: each case's folded text,
//! its word starts and initials, its region and band.

use crate::case::Region;
use crate::rules::Band;
use crate::tui::wordmatch::{self, Words};

/// Where one case's fields meet in the index (a control character, which
/// folding turns into a space inside a field).
pub(super) const SEP: char = '\x1f';

/// A case's indexed text is cut at this many bytes (word starts are u16).
pub(super) const MAX_ROW_BYTES: usize = u16::MAX as usize;

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
pub(super) struct RowText<'a> {
    pub(super) text: &'a str,
    pub(super) words: Words<'a>,
    pub(super) tags_at: usize,
    pub(super) region: u8,
    pub(super) band: u8,
}

impl RowText<'_> {
    pub(super) fn fields(&self) -> impl Iterator<Item = &str> {
        self.text.split(SEP)
    }

    pub(super) fn tags(&self) -> impl Iterator<Item = &str> {
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

    pub(super) fn row(&self, i: usize) -> RowText<'_> {
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
