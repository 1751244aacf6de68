//! The word-prefix term of the case search: a pattern matches when it can
//! be cut into pieces that begin consecutive words ("rc" → Rotator Cuff,
//! "c7rad" → C7 RADiculopathy, "spondy" → SPONDYlolisthesis). Unlike a bare
//! subsequence, letters scattered across a long text do not match, and the
//! check is a walk over word starts, cheap enough for 100,000 cases per
//! keystroke.
//!
//! Text and patterns are compared folded ([`fold`]): lower-cased, Latin
//! accents dropped ("Müller" is found by "muller"), so the walk compares
//! bytes.

/// Folds `s` into `out`: lower case, Latin letters without their accents
/// (é → e, ß → ss, æ → ae), combining marks dropped, control characters as
/// spaces, typographic dashes and quotes as ASCII. When `map` is given, it
/// receives, for each byte pushed, the index of the character of `s` it
/// came from (to highlight the original text).
pub fn fold(s: &str, out: &mut String, mut map: Option<&mut Vec<u32>>) {
    for (ci, c) in s.chars().enumerate() {
        let before = out.len();
        if c.is_ascii() {
            out.push(if c.is_ascii_control() {
                ' '
            } else {
                c.to_ascii_lowercase()
            });
        } else {
            for lc in c.to_lowercase() {
                match fold_lower(lc) {
                    Some(ascii) => out.push_str(ascii),
                    None if is_combining(lc) => {}
                    None if lc.is_control() => out.push(' '),
                    None => out.push(lc),
                }
            }
        }
        if let Some(map) = map.as_deref_mut() {
            map.extend(std::iter::repeat_n(ci as u32, out.len() - before));
        }
    }
}

/// [`fold`] into a new string.
pub fn folded(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    fold(s, &mut out, None);
    out
}

fn is_combining(c: char) -> bool {
    matches!(c, '\u{300}'..='\u{36f}' | '\u{1ab0}'..='\u{1aff}' | '\u{20d0}'..='\u{20ff}')
}

/// The ASCII spelling of a lower-case Latin letter with an accent, or of a
/// typographic mark.
fn fold_lower(c: char) -> Option<&'static str> {
    Some(match c {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' | 'ă' | 'ą' => "a",
        'æ' => "ae",
        'ç' | 'ć' | 'ĉ' | 'ċ' | 'č' => "c",
        'ď' | 'đ' | 'ð' => "d",
        'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ĕ' | 'ė' | 'ę' | 'ě' => "e",
        'ĝ' | 'ğ' | 'ġ' | 'ģ' => "g",
        'ĥ' | 'ħ' => "h",
        'ì' | 'í' | 'î' | 'ï' | 'ĩ' | 'ī' | 'ĭ' | 'į' | 'ı' => "i",
        'ĵ' => "j",
        'ķ' => "k",
        'ĺ' | 'ļ' | 'ľ' | 'ŀ' | 'ł' => "l",
        'ñ' | 'ń' | 'ņ' | 'ň' => "n",
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' | 'ŏ' | 'ő' => "o",
        'œ' => "oe",
        'ŕ' | 'ŗ' | 'ř' => "r",
        'ś' | 'ŝ' | 'ş' | 'š' | 'ș' => "s",
        'ß' => "ss",
        'ţ' | 'ť' | 'ŧ' | 'ț' => "t",
        'þ' => "th",
        'ù' | 'ú' | 'û' | 'ü' | 'ũ' | 'ū' | 'ŭ' | 'ů' | 'ű' | 'ų' => "u",
        'ŵ' => "w",
        'ý' | 'ÿ' | 'ŷ' => "y",
        'ź' | 'ż' | 'ž' => "z",
        '\u{2010}'..='\u{2015}' | '\u{2212}' => "-",
        '\u{2018}' | '\u{2019}' | '\u{2032}' => "'",
        '\u{201c}' | '\u{201d}' => "\"",
        '\u{a0}' | '\u{2000}'..='\u{200b}' | '\u{202f}' | '\u{3000}' => " ",
        _ => return None,
    })
}

/// Letters and digits belong to words; anything else separates them.
fn in_word(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b >= 0x80
}

/// Appends the word starts of folded `text` (byte offsets, at most
/// `u16::MAX`: the caller keeps texts that short) and each word's first
/// byte. A digit run after letters starts a word too: "c7" → c, 7.
pub fn word_starts(text: &[u8], starts: &mut Vec<u16>, initials: &mut Vec<u8>) {
    let mut prev = b' ';
    for (i, &b) in text.iter().enumerate() {
        let start = in_word(b) && (!in_word(prev) || (b.is_ascii_digit() && prev.is_ascii_alphabetic()));
        if start {
            starts.push(i as u16);
            initials.push(b);
        }
        prev = b;
    }
}

/// A folded text with its word starts: what the walk reads.
#[derive(Debug, Clone, Copy)]
pub struct Words<'a> {
    pub text: &'a [u8],
    pub starts: &'a [u16],
    /// The first byte of each word, beside `starts`: most words are
    /// rejected on it without reading the text.
    pub initials: &'a [u8],
}

/// One text prepared on its own (a title to highlight, a test).
#[derive(Debug, Clone, Default)]
pub struct Prepared {
    pub lower: String,
    starts: Vec<u16>,
    initials: Vec<u8>,
    /// For each byte of `lower`, the character of the original it came from.
    map: Vec<u32>,
}

impl Prepared {
    pub fn new(text: &str) -> Prepared {
        let mut p = Prepared::default();
        fold(text, &mut p.lower, Some(&mut p.map));
        // the walk addresses words with u16 offsets
        let mut end = p.lower.len().min(usize::from(u16::MAX));
        while !p.lower.is_char_boundary(end) {
            end -= 1;
        }
        p.lower.truncate(end);
        p.map.truncate(end);
        word_starts(p.lower.as_bytes(), &mut p.starts, &mut p.initials);
        p
    }

    pub fn words(&self) -> Words<'_> {
        Words {
            text: self.lower.as_bytes(),
            starts: &self.starts,
            initials: &self.initials,
        }
    }

    /// The characters of the original text that bytes `start..start + len`
    /// of the folded text came from.
    pub fn chars_of(&self, start: usize, len: usize) -> impl Iterator<Item = usize> + '_ {
        let mut last = None;
        self.map[start.min(self.map.len())..(start + len).min(self.map.len())]
            .iter()
            .filter_map(move |&c| (last.replace(c) != Some(c)).then_some(c as usize))
    }
}

/// A match: its score (higher is better) and the byte ranges of its pieces
/// in the folded text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Match {
    pub score: i64,
    pub pieces: Vec<(usize, usize)>,
}

/// Work limit for pathological patterns (many words starting alike).
const MAX_STEPS: u32 = 4096;

/// Where the walk records its pieces: a vector for highlighting, nothing
/// for scoring (no allocation per case).
trait Pieces {
    fn push(&mut self, start: usize, len: usize);
    fn pop(&mut self);
}

impl Pieces for Vec<(usize, usize)> {
    fn push(&mut self, start: usize, len: usize) {
        Vec::push(self, (start, len));
    }
    fn pop(&mut self) {
        Vec::pop(self);
    }
}

struct NoPieces;

impl Pieces for NoPieces {
    fn push(&mut self, _: usize, _: usize) {}
    fn pop(&mut self) {}
}

/// The score of a match with `pieces` pieces, the first at byte `first`.
fn score_of(pieces: usize, first: usize, pattern_len: usize) -> i64 {
    10_000 - 200 * (pieces as i64 - 1) - (first as i64).min(5_000) + 20 * pattern_len as i64
}

/// Matches a folded pattern; the score only, without allocating.
pub fn score(w: Words<'_>, pattern: &[u8]) -> Option<i64> {
    if pattern.is_empty() {
        return Some(0);
    }
    let mut steps = 0;
    let (n, first) = walk(w, pattern, 0, 0, 1, &mut NoPieces, &mut steps)?;
    Some(score_of(n, first, pattern.len()))
}

/// Matches a folded pattern, with the pieces for highlighting.
pub fn find(w: Words<'_>, pattern: &str) -> Option<Match> {
    let pat = pattern.as_bytes();
    let mut pieces = Vec::with_capacity(4);
    if pat.is_empty() {
        return Some(Match { score: 0, pieces });
    }
    let mut steps = 0;
    let (n, first) = walk(w, pat, 0, 0, 1, &mut pieces, &mut steps)?;
    Some(Match {
        score: score_of(n, first, pat.len()),
        pieces,
    })
}

/// Depth-first over the ways to cut `pat[pi..]` into word beginnings from
/// word `wi` on; the first way found wins (longest piece first). Returns
/// the number of pieces and where the first one starts.
fn walk<P: Pieces>(
    w: Words<'_>,
    pat: &[u8],
    pi: usize,
    wi: usize,
    depth: usize,
    pieces: &mut P,
    steps: &mut u32,
) -> Option<(usize, usize)> {
    // the first piece may begin any word; each later one begins the very
    // next word, so initials stay within one phrase ("rc": Rotator Cuff)
    let head = pat[pi];
    if pi > 0 {
        if w.initials.get(wi) != Some(&head) {
            return None;
        }
        return piece(w, pat, pi, wi, depth, pieces, steps);
    }
    for word in memchr::memchr_iter(head, &w.initials[wi..]) {
        if let Some(found) = piece(w, pat, pi, wi + word, depth, pieces, steps) {
            return Some(found);
        }
        if *steps > MAX_STEPS {
            return None;
        }
    }
    None
}

/// The pieces of `pat[pi..]` that begin with word `word`, longest first.
fn piece<P: Pieces>(
    w: Words<'_>,
    pat: &[u8],
    pi: usize,
    word: usize,
    depth: usize,
    pieces: &mut P,
    steps: &mut u32,
) -> Option<(usize, usize)> {
    *steps += 1;
    if *steps > MAX_STEPS {
        return None;
    }
    let s = usize::from(w.starts[word]);
    let k = pat[pi..].iter().zip(&w.text[s..]).take_while(|(a, b)| a == b).count();
    // longest piece first: fewest pieces, best score
    for len in (1..=k).rev() {
        if pi + len == pat.len() {
            pieces.push(s, len);
            return Some((depth, s));
        }
        let next = w.starts[word + 1..]
            .iter()
            .position(|&x| usize::from(x) >= s + len)
            .map_or(w.starts.len(), |i| word + 1 + i);
        pieces.push(s, len);
        if let Some((n, _)) = walk(w, pat, pi + len, next, depth + 1, pieces, steps) {
            return Some((n, s));
        }
        pieces.pop();
    }
    None
}

/// Character positions (in `text`) a pattern's match covers, for
/// highlighting; empty when it does not match `text` itself.
pub fn positions(text: &str, pattern: &str) -> Vec<usize> {
    let p = Prepared::new(text);
    let Some(m) = find(p.words(), pattern) else {
        return Vec::new();
    };
    m.pieces
        .iter()
        .flat_map(|&(start, len)| p.chars_of(start, len))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn m(text: &str, pat: &str) -> Option<Match> {
        find(Prepared::new(text).words(), pat)
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
    fn scoring_alone_agrees_with_the_match() {
        for (text, pat) in [
            ("Massive rotator cuff tear", "rc"),
            ("aa ab", "aab"),
            ("Right C7 radiculopathy", "c7rad"),
            ("Knee pain after a fall, rotator cuff spared", "rot"),
            ("cuff rotator", "rc"),
        ] {
            let p = Prepared::new(text);
            assert_eq!(
                score(p.words(), pat.as_bytes()),
                find(p.words(), pat).map(|m| m.score),
                "{text} / {pat}"
            );
        }
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
        // folding changes byte lengths; positions are the original's characters
        assert_eq!(positions("Über Straße", "ubstr"), vec![0, 1, 5, 6, 7]);
        assert_eq!(positions("Encéphalite", "ence"), vec![0, 1, 2, 3]);
    }

    #[test]
    fn folding_drops_case_and_accents() {
        assert_eq!(folded("Müller-Lyer ÉCHO Straße Æsop"), "muller-lyer echo strasse aesop");
        assert_eq!(folded("e\u{301}cho"), "echo", "a combining accent");
        assert_eq!(folded("L4\u{2013}5 \u{201c}disc\u{201d}\t"), "l4-5 \"disc\" ");
        assert_eq!(folded("Ωμέγα"), "ωμέγα", "other scripts are lower-cased only");
        assert!(m("Dr. Müller's hip", "muller").is_some());
    }

    #[test]
    fn pathological_patterns_give_up_instead_of_hanging() {
        // every split of the a's is tried before the b fails: bounded by MAX_STEPS
        let text = "aa ".repeat(300);
        assert!(m(&text, &format!("{}b", "a".repeat(40))).is_none());
    }
}
