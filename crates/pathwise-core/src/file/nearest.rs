//! "Did you mean …?": the allowed word nearest to a misspelt one.

/// The candidate closest to `word` by edit distance (a swap of two
/// neighbouring letters counts as one edit), when it is close enough to be
/// a likely typo: at most one edit in four letters, and never a tie broken
/// at random (the first candidate in the list wins a tie).
pub fn nearest<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let word = word.trim().to_lowercase();
    let limit = (word.chars().count() / 4).max(1);
    let mut best: Option<(usize, &str)> = None;
    for c in candidates {
        let d = distance(&word, &c.to_lowercase());
        if d <= limit && best.is_none_or(|(b, _)| d < b) {
            best = Some((d, c));
        }
    }
    best.map(|(_, c)| c)
}

/// Optimal string alignment distance: insertions, deletions, substitutions
/// and transpositions of neighbours, each costing one.
fn distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let w = b.len() + 1;
    let mut d = vec![0usize; (a.len() + 1) * w];
    for i in 0..=a.len() {
        d[i * w] = i;
    }
    for (j, cell) in d.iter_mut().enumerate().take(w) {
        *cell = j;
    }
    for i in 1..=a.len() {
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut v = (d[(i - 1) * w + j] + 1)
                .min(d[i * w + j - 1] + 1)
                .min(d[(i - 1) * w + j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                v = v.min(d[(i - 2) * w + j - 2] + 1);
            }
            d[i * w + j] = v;
        }
    }
    d[a.len() * w + b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typos_find_their_word_and_strangers_find_none() {
        let keys = ["start", "end", "sessions_planned", "sessions_attended", "response"];
        assert_eq!(nearest("sesions_planned", keys), Some("sessions_planned"));
        assert_eq!(nearest("respnose", keys), Some("response"));
        assert_eq!(nearest("ned", keys), Some("end"));
        assert_eq!(nearest("Start", keys), Some("start"));
        assert_eq!(nearest("frequency", keys), None);
        assert_eq!(nearest("lumbr", ["cervical", "thoracic", "lumbar"]), Some("lumbar"));
        assert_eq!(nearest("x", ["y"]), Some("y"));
        assert_eq!(nearest("xx", ["abcd"]), None);
    }

    #[test]
    fn distance_counts_a_swap_as_one() {
        assert_eq!(distance("ab", "ba"), 1);
        assert_eq!(distance("kitten", "sitting"), 3);
        assert_eq!(distance("", "abc"), 3);
    }
}
