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

use super::wordmatch;
use crate::case::Region;
use crate::rules::Band;

mod index;
mod matcher;
#[cfg(test)]
mod tests;

pub use index::{Haystack, SearchIndex};
pub use matcher::{Fuzzy, Matcher, par_chunks, threads};

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
