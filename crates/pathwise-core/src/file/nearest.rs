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

/// Up to `n` candidates near `word`, nearest first: those within the typo
/// distance of [`nearest`], or that start with the word or hold it.
pub fn nearest_all<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>, n: usize) -> Vec<&'a str> {
    let word = word.trim().to_lowercase();
    if word.is_empty() {
        return Vec::new();
    }
    let limit = (word.chars().count() / 4).max(1);
    let mut scored: Vec<(usize, &str)> = candidates
        .into_iter()
        .filter_map(|c| {
            let lower = c.to_lowercase();
            let d = distance(&word, &lower);
            if d <= limit {
                return Some((d, c));
            }
            if lower.contains(&word) {
                return Some((limit + 1 + lower.len() - word.len(), c));
            }
            // a typo in the first words of a long id: "knee-alc" for "knee-acl-rupture"
            let n = word.chars().count();
            let prefix = |len: usize| lower.chars().take(len).collect::<String>();
            let d = (n.saturating_sub(1)..=n + 1)
                .map(|len| distance(&word, &prefix(len)))
                .min()?;
            (d <= limit).then_some((2 * (limit + 1) + d + lower.len(), c))
        })
        .collect();
    scored.sort_by_key(|&(d, c)| (d, c));
    scored.into_iter().take(n).map(|(_, c)| c).collect()
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
    fn near_ids_are_ranked() {
        let ids = [
            "lumbar-s1-sequestered-fragment",
            "lumbar-strain-low-adherence",
            "knee-acl",
        ];
        assert_eq!(nearest_all("knee-alc", ids, 3), ["knee-acl"]);
        assert_eq!(nearest_all("lumbar-s1-seq", ids, 3), ["lumbar-s1-sequestered-fragment"]);
        assert_eq!(nearest_all("lumbar-stran", ids, 3), ["lumbar-strain-low-adherence"]);
        assert_eq!(
            nearest_all("lumbar", ids, 3),
            ["lumbar-strain-low-adherence", "lumbar-s1-sequestered-fragment"]
        );
        assert!(nearest_all("hip", ids, 3).is_empty());
    }

    #[test]
    fn distance_counts_a_swap_as_one() {
        assert_eq!(distance("ab", "ba"), 1);
        assert_eq!(distance("kitten", "sitting"), 3);
        assert_eq!(distance("", "abc"), 3);
    }
}
