use super::index::{MAX_ROW_BYTES, SEP};
use super::matcher::span;
use super::*;
use fuzzy_matcher::FuzzyMatcher;
use fuzzy_matcher::skim::SkimMatcherV2;

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
