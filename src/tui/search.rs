//! The case filter: fzf's query syntax (space-separated terms that must all
//! match; `'exact`, `^prefix`, `suffix$`, `!exclude`), plus the field terms
//! `region:`, `band:` and `tag:`. Plain terms match fuzzily and rank the
//! results. A query that only narrows the previous one re-scores just the
//! previous matches.

use super::wordmatch::{self, Prepared};

#[derive(Debug, Clone, PartialEq)]
pub enum Term {
    Fuzzy(String),
    Exact(String),
    Prefix(String),
    Suffix(String),
    /// `^word$`: the whole field equals the word.
    Equal(String),
    Exclude(String),
    Region(String),
    Band(String),
    Tag(String),
}

impl Term {
    fn parse(raw: &str) -> Term {
        let lower = raw.to_lowercase();
        if let Some(v) = lower.strip_prefix("region:") {
            return Term::Region(v.to_string());
        }
        if let Some(v) = lower.strip_prefix("band:") {
            return Term::Band(v.to_string());
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
            (None, false) => Term::Fuzzy(lower),
        }
    }

    /// True when every case this term accepts, `narrower` also accepted
    /// before: the new term can only remove matches.
    fn is_narrowed_by(&self, narrower: &Term) -> bool {
        match (self, narrower) {
            (Term::Fuzzy(a), Term::Fuzzy(b)) | (Term::Exact(a), Term::Exact(b)) => {
                // a subsequence/substring of b is implied when b extends a
                b.starts_with(a.as_str())
            }
            (Term::Prefix(a), Term::Prefix(b)) => b.starts_with(a.as_str()),
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

    /// The fuzzy and exact words, for highlighting.
    pub fn highlight_words(&self) -> impl Iterator<Item = &str> {
        self.terms.iter().filter_map(|t| match t {
            Term::Fuzzy(w) | Term::Exact(w) | Term::Prefix(w) | Term::Suffix(w) | Term::Equal(w) => Some(w.as_str()),
            _ => None,
        })
    }
}

/// What a case offers to the filter, prepared once per load.
#[derive(Debug, Clone, Default)]
pub struct Haystack {
    /// alias, title, id, region, diagnoses and tags, joined, lower-cased,
    /// with its word starts.
    pub text: Prepared,
    /// The fields on their own (lower-cased), for prefix, suffix and
    /// equality terms.
    pub fields: Vec<String>,
    pub region: &'static str,
    pub band: &'static str,
    pub tags: Vec<String>,
}

impl Haystack {
    pub fn new(fields: Vec<String>, region: &'static str, band: &'static str, tags: Vec<String>) -> Haystack {
        let text = Prepared::new(&fields.join(" "));
        let fields = fields.into_iter().map(|f| f.to_lowercase()).collect();
        Haystack {
            text,
            fields,
            region,
            band,
            tags,
        }
    }
}

/// Scores cases against a query. Stateless: kept as a type so the list
/// and the benchmarks share one entry point.
#[derive(Debug, Default)]
pub struct Matcher;

impl Matcher {
    /// The case's score for the query, or `None` when a term rejects it.
    pub fn score(&self, q: &Query, h: &Haystack) -> Option<i64> {
        let mut total = 0i64;
        for term in &q.terms {
            match term {
                Term::Fuzzy(w) => total += wordmatch::find(&h.text, w)?.score,
                Term::Exact(w) => {
                    if !h.text.lower.contains(w.as_str()) {
                        return None;
                    }
                    total += 10 * w.len() as i64;
                }
                Term::Prefix(w) => {
                    if !h.fields.iter().any(|f| f.starts_with(w.as_str())) {
                        return None;
                    }
                    total += 10 * w.len() as i64;
                }
                Term::Suffix(w) => {
                    if !h.fields.iter().any(|f| f.ends_with(w.as_str())) {
                        return None;
                    }
                    total += 10 * w.len() as i64;
                }
                Term::Equal(w) => {
                    if !h.fields.iter().any(|f| f == w) {
                        return None;
                    }
                    total += 20 * w.len() as i64;
                }
                Term::Exclude(w) => {
                    if !w.is_empty() && h.text.lower.contains(w.as_str()) {
                        return None;
                    }
                }
                Term::Region(w) => {
                    if !h.region.starts_with(w.as_str()) {
                        return None;
                    }
                }
                Term::Band(w) => {
                    if !h.band.starts_with(w.as_str()) {
                        return None;
                    }
                }
                Term::Tag(w) => {
                    if !h.tags.iter().any(|t| t.contains(w.as_str())) {
                        return None;
                    }
                }
            }
        }
        Some(total)
    }

    /// Character positions of `text` to highlight for the query.
    pub fn highlights(&self, q: &Query, text: &str) -> Vec<usize> {
        let mut out = Vec::new();
        let lower = text.to_lowercase();
        for term in &q.terms {
            match term {
                Term::Fuzzy(w) => out.extend(wordmatch::positions(text, w)),
                // lower-casing can change byte lengths; only map when it does not
                Term::Exact(w) | Term::Prefix(w) | Term::Suffix(w) | Term::Equal(w)
                    if !w.is_empty() && lower.len() == text.len() =>
                {
                    if let Some(byte) = lower.find(w.as_str()) {
                        let start = text[..byte].chars().count();
                        out.extend(start..start + w.chars().count());
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

#[cfg(test)]
mod tests {
    use super::*;

    fn hay(title: &str, region: &'static str, band: &'static str, tags: &[&str]) -> Haystack {
        let mut fields = vec![title.to_string(), region.to_string()];
        fields.extend(tags.iter().map(|t| t.to_string()));
        Haystack::new(fields, region, band, tags.iter().map(|t| t.to_string()).collect())
    }

    #[test]
    fn parses_fzf_syntax_and_fields() {
        let q = Query::parse("rad 'disc ^l5 ext$ !cervical region:lumb band:ready tag:Disc ^knee$");
        assert_eq!(
            q.terms,
            vec![
                Term::Fuzzy("rad".into()),
                Term::Exact("disc".into()),
                Term::Prefix("l5".into()),
                Term::Suffix("ext".into()),
                Term::Exclude("cervical".into()),
                Term::Region("lumb".into()),
                Term::Band("ready".into()),
                Term::Tag("disc".into()),
                Term::Equal("knee".into()),
            ]
        );
    }

    #[test]
    fn all_terms_must_match() {
        let m = Matcher;
        let a = hay("L5 radiculopathy", "lumbar", "ready", &["disc"]);
        let b = hay("C6 radiculopathy", "cervical", "approaching", &["disc"]);
        let q = Query::parse("radic region:lumbar");
        assert!(m.score(&q, &a).is_some());
        assert!(m.score(&q, &b).is_none());
        assert!(m.score(&Query::parse("radic !cervical"), &b).is_none());
        assert!(m.score(&Query::parse("band:appr tag:disc"), &b).is_some());
        assert!(m.score(&Query::parse("^c6"), &b).is_some());
        assert!(m.score(&Query::parse("^c6"), &a).is_none());
    }

    #[test]
    fn fuzzy_terms_match_words_not_scattered_letters() {
        let m = Matcher;
        let q = |s| Query::parse(s);
        let cuff = hay("Massive retracted rotator cuff tear", "shoulder", "ready", &[]);
        let c7 = hay(
            "Right C7 radiculopathy with triceps weakness",
            "cervical",
            "urgent",
            &[],
        );
        assert!(m.score(&q("rot"), &cuff).is_some());
        assert!(m.score(&q("rot"), &c7).is_none());
        assert!(m.score(&q("rc"), &cuff).is_some(), "initials of rotator cuff");
        assert!(m.score(&q("radic"), &c7).is_some());
        assert!(m.score(&q("c7rad"), &c7).is_some());
    }

    #[test]
    fn better_matches_score_higher() {
        let m = Matcher;
        let q = Query::parse("rotator");
        let good = m
            .score(&q, &hay("Rotator cuff tear", "shoulder", "ready", &[]))
            .expect("match");
        let weak = m.score(
            &q,
            &hay("Right lateral epicondylar tendinopathy oa", "elbow", "ready", &[]),
        );
        assert!(weak.is_none_or(|w| w < good));
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
    }

    #[test]
    fn highlights_fuzzy_positions() {
        let m = Matcher;
        assert_eq!(m.highlights(&Query::parse("rc"), "Rotator cuff"), vec![0, 8]);
        assert_eq!(m.highlights(&Query::parse("'cuff"), "Rotator cuff"), vec![8, 9, 10, 11]);
    }
}
