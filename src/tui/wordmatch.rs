//! The fuzzy term of the case search: a pattern matches when it can be cut
//! into pieces that begin consecutive words ("rc" → Rotator Cuff, "c7rad" →
//! C7 RADiculopathy, "spondy" → SPONDYlolisthesis). Unlike a bare
//! subsequence, letters scattered across a long text do not match, and the
//! check is a walk over word starts, cheap enough for 100,000 cases per
//! keystroke.

/// Text prepared once per load: lower-cased, with the byte offset of every
/// word start.
#[derive(Debug, Clone, Default)]
pub struct Prepared {
    pub lower: String,
    starts: Vec<u32>,
}

/// Letters and digits belong to words; anything else separates them.
fn in_word(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b >= 0x80
}

impl Prepared {
    pub fn new(text: &str) -> Prepared {
        let lower = text.to_lowercase();
        let bytes = lower.as_bytes();
        let starts = (0..bytes.len())
            .filter(|&i| in_word(bytes[i]) && (i == 0 || !in_word(bytes[i - 1])))
            // a digit run after letters starts a word too: "c7" → c, 7
            .chain((1..bytes.len()).filter(|&i| bytes[i].is_ascii_digit() && bytes[i - 1].is_ascii_alphabetic()))
            .map(|i| i as u32)
            .collect::<std::collections::BTreeSet<u32>>()
            .into_iter()
            .collect();
        Prepared { lower, starts }
    }
}

/// A match: its score (higher is better) and the byte ranges of its pieces
/// in the prepared text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Match {
    pub score: i64,
    pub pieces: Vec<(usize, usize)>,
}

/// Work limit for pathological patterns (many words starting alike).
const MAX_STEPS: u32 = 4096;

/// Matches a lower-case pattern against prepared text.
pub fn find(p: &Prepared, pattern: &str) -> Option<Match> {
    let pat = pattern.as_bytes();
    if pat.is_empty() {
        return Some(Match {
            score: 0,
            pieces: Vec::new(),
        });
    }
    let mut pieces = Vec::with_capacity(4);
    let mut steps = 0;
    if !search(p, pat, 0, 0, &mut pieces, &mut steps) {
        return None;
    }
    let first = pieces.first().map_or(0, |&(s, _)| s) as i64;
    let score = 10_000 - 200 * (pieces.len() as i64 - 1) - first.min(5_000) + 20 * pat.len() as i64;
    Some(Match { score, pieces })
}

fn search(p: &Prepared, pat: &[u8], pi: usize, wi: usize, pieces: &mut Vec<(usize, usize)>, steps: &mut u32) -> bool {
    if pi == pat.len() {
        return true;
    }
    let text = p.lower.as_bytes();
    // the first piece may begin any word; each later one begins the very
    // next word, so initials stay within one phrase ("rc": Rotator Cuff)
    let last = if pi == 0 {
        p.starts.len()
    } else {
        (wi + 1).min(p.starts.len())
    };
    for w in wi..last {
        *steps += 1;
        if *steps > MAX_STEPS {
            return false;
        }
        let s = p.starts[w] as usize;
        let k = pat[pi..].iter().zip(&text[s..]).take_while(|(a, b)| a == b).count();
        // longest piece first: fewest pieces, best score
        for len in (1..=k).rev() {
            pieces.push((s, len));
            let next = p.starts[w + 1..]
                .iter()
                .position(|&x| x as usize >= s + len)
                .map_or(p.starts.len(), |i| w + 1 + i);
            if search(p, pat, pi + len, next, pieces, steps) {
                return true;
            }
            pieces.pop();
        }
    }
    false
}

/// Character positions (in `text`) a pattern's match covers, for
/// highlighting; empty when it does not match `text` itself or when
/// lower-casing changed byte offsets.
pub fn positions(text: &str, pattern: &str) -> Vec<usize> {
    let p = Prepared::new(text);
    if p.lower.len() != text.len() {
        return Vec::new();
    }
    let Some(m) = find(&p, pattern) else { return Vec::new() };
    let mut out = Vec::new();
    for (start, len) in m.pieces {
        let first = text[..start].chars().count();
        let n = text[start..start + len].chars().count();
        out.extend(first..first + n);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn m(text: &str, pat: &str) -> Option<Match> {
        find(&Prepared::new(text), pat)
    }

    #[test]
    fn pieces_begin_words_in_order() {
        assert!(m("Massive rotator cuff tear", "rot").is_some());
        assert!(m("Massive rotator cuff tear", "rc").is_some());
        assert!(m("Massive rotator cuff tear", "rotcuf").is_some());
        assert!(
            m("Right C7 radiculopathy with triceps weakness", "rot").is_none(),
            "scattered letters"
        );
        assert!(m("Right C7 radiculopathy", "c7rad").is_some());
        assert!(
            m("Right C7 radiculopathy", "7").is_some(),
            "digits after letters start a word"
        );
        assert!(
            m("lumbar spondylolisthesis", "lolis").is_none(),
            "mid-word needs 'exact"
        );
        assert!(m("cuff rotator", "rc").is_none(), "order matters");
        assert!(m("aa ab", "aab").is_some(), "backtracks from the greedy piece");
        assert!(
            m("right elbow over the triceps", "rot").is_none(),
            "initials of words far apart"
        );
        assert!(m("rotator cuff", "rcuff").is_some());
    }

    #[test]
    fn better_matches_score_higher() {
        let title = m("Rotator cuff tear", "rot").unwrap().score;
        let later = m("Knee pain after a fall, rotator cuff spared", "rot").unwrap().score;
        let split = m("Right otter", "rot").unwrap().score;
        assert!(title > later, "earlier is better");
        assert!(title > split, "one piece beats two");
    }

    #[test]
    fn positions_for_highlighting() {
        assert_eq!(positions("Rotator cuff", "rc"), vec![0, 8]);
        assert_eq!(positions("Rotator cuff", "rotcu"), vec![0, 1, 2, 8, 9]);
        assert!(positions("Rotator cuff", "xyz").is_empty());
    }

    #[test]
    fn pathological_patterns_give_up_instead_of_hanging() {
        // every split of the a's is tried before the b fails: bounded by MAX_STEPS
        let text = "aa ".repeat(300);
        assert!(m(&text, &format!("{}b", "a".repeat(40))).is_none());
    }
}
