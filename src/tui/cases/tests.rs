use super::*;
use crate::case::Region;
use crate::rules::Band;

fn row(title: &str, score: u8) -> Row {
    Row {
        hay: Haystack::new(vec![title.to_string()], Region::Lumbar, Band::Ready, vec![]),
        score,
        band_rank: 0,
        title_key: title.to_lowercase(),
        onset: Date::constant(2026, 1, 1),
    }
}

fn rows(titles: &[&str]) -> Rows {
    titles.iter().enumerate().map(|(i, t)| row(t, 90 - i as u8)).collect()
}

/// The list for `query` typed into a fresh list in one go.
fn fresh(rows: &Rows, query: &str) -> CaseList {
    let mut l = CaseList::default();
    l.refilter(rows, &Matcher, true);
    l.query = query.into();
    l.refilter(rows, &Matcher, false);
    l
}

#[test]
fn queries_filter_and_reloads_keep_the_selection() {
    let rows: Rows = vec![
        row("Rotator cuff tear", 80),
        row("Lumbar stenosis", 90),
        row("Rotator cuff tendinopathy", 40),
    ]
    .into_iter()
    .collect();
    let m = Matcher;
    let mut l = CaseList::default();
    l.refilter(&rows, &m, true);
    assert_eq!(l.visible, vec![1, 0, 2], "sorted by readiness");
    l.move_by(2);
    assert_eq!(l.selected_row(), Some(2));
    l.refilter(&rows, &m, true);
    assert_eq!(l.selected_row(), Some(2), "a reload keeps the selection");
    l.query = "rot".into();
    l.refilter(&rows, &m, false);
    assert_eq!(l.visible.len(), 2);
    assert_eq!(l.selected, 0, "a new query selects the best match");
    l.query = "rotxyz".into();
    l.refilter(&rows, &m, false);
    assert!(l.visible.is_empty() && l.selected_row().is_none() && !l.fuzzy);
    l.query.clear();
    l.refilter(&rows, &m, false);
    assert_eq!(l.visible.len(), 3);
}

#[test]
fn sort_orders() {
    let rows: Rows = vec![row("b", 10), row("a", 20), row("c", 30)].into_iter().collect();
    let m = Matcher;
    let mut l = CaseList {
        sort: Sort::Title,
        ..CaseList::default()
    };
    l.refilter(&rows, &m, true);
    assert_eq!(l.visible, vec![1, 0, 2]);
}

#[test]
fn backspace_and_delete_word_go_back_to_the_shorter_query() {
    let rows = rows(&[
        "Rotator cuff tear",
        "Lumbar radiculopathy",
        "Rotator cuff tendinopathy",
        "Cervical radiculopathy",
        "Rheumatoid arthritis of the wrist",
    ]);
    let mut l = fresh(&rows, "");
    for ch in "rad cer".chars() {
        l.query.push(ch);
        l.refilter(&rows, &Matcher, false);
    }
    assert_eq!(l.visible, fresh(&rows, "rad cer").visible);
    assert_eq!(l.history.len(), 6, "every shorter query is kept");
    l.query.pop();
    l.refilter(&rows, &Matcher, false);
    assert_eq!(l.visible, fresh(&rows, "rad ce").visible);
    assert_eq!(l.history.len(), 5, "the state came back from the history");
    l.delete_word();
    l.refilter(&rows, &Matcher, false);
    assert_eq!(l.query, "rad ");
    assert_eq!(l.visible, fresh(&rows, "rad ").visible);
    assert_eq!(l.visible, fresh(&rows, "rad").visible);
    l.query.truncate(0);
    l.refilter(&rows, &Matcher, false);
    assert_eq!(l.visible, fresh(&rows, "").visible);
    assert!(l.history.is_empty());
}

#[test]
fn a_typo_shows_fuzzy_matches_and_a_word_prefix_hit_never_does() {
    let rows = rows(&[
        "Lumbar stenosis",
        "Massive rotator cuff tear",
        "Knee osteoarthritis",
        "Rotator cuff tear",
    ]);
    let mut l = fresh(&rows, "");
    for ch in "rotater".chars() {
        l.query.push(ch);
        l.refilter(&rows, &Matcher, false);
        let word_hits = (0..rows.len())
            .filter(|&i| Matcher.score(l.parsed(), rows.index(), i).is_some())
            .count();
        assert_eq!(l.fuzzy, word_hits == 0, "{:?}", l.query);
        if !l.fuzzy {
            assert_eq!(l.visible.len(), word_hits, "only word-prefix matches, no fuzzy rows");
        }
    }
    assert!(l.fuzzy, "\"rotater\" matches no word beginning");
    assert_eq!(l.visible, vec![3, 1], "both rotator cuff cases, the tighter first");
    assert_eq!(l.selected_row(), Some(3), "the best is selected");
    l.query.pop();
    l.refilter(&rows, &Matcher, false);
    assert!(l.fuzzy && l.visible == fresh(&rows, "rotate").visible);
    l.query.truncate(4);
    l.refilter(&rows, &Matcher, false);
    assert!(!l.fuzzy && l.visible == vec![3, 1]);
}

/// Rows kept by `retain_where` search like rows that never had the others.
mod retain {
    use super::super::*;
    use crate::case::Region;
    use crate::rules::Band;
    use crate::tui::search::{Haystack, Matcher};

    fn row(title: &str) -> Row {
        Row {
            hay: Haystack::new(vec![title.to_string()], Region::Lumbar, Band::Ready, vec!["tag".into()]),
            score: 50,
            band_rank: 1,
            title_key: title.to_lowercase(),
            onset: crate::case::Date::constant(2026, 1, 1),
        }
    }

    /// Withholding rows (duplicate ids) leaves the index a fresh build of
    /// the rows kept would make: the same search finds the same rows.
    #[test]
    fn retained_rows_search_like_rows_built_without_the_others() {
        let titles = [
            "rotator cuff tear",
            "lumbar stenosis",
            "rotator cuff tendinopathy",
            "knee",
        ];
        let mut rows: Rows = titles.iter().map(|t| row(t)).collect();
        rows.retain_where(&[true, false, true, true]);
        let fresh: Rows = [titles[0], titles[2], titles[3]].iter().map(|t| row(t)).collect();
        for q in ["rot", "cuff", "knee", "lumbar", "tag:tag"] {
            let mut a = CaseList {
                query: q.to_string(),
                ..CaseList::default()
            };
            a.refilter(&rows, &Matcher, true);
            let mut b = CaseList {
                query: q.to_string(),
                ..CaseList::default()
            };
            b.refilter(&fresh, &Matcher, true);
            assert_eq!(a.visible, b.visible, "{q}");
        }
        assert_eq!(rows.len(), 3);
    }
}
