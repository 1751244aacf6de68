//! The generator's tests.

use super::*;
use pathwise_core::case::{Case, parse_case};
use pathwise_core::rules::{Band, NextStep, Options, Profile, evaluate};
use std::collections::BTreeSet;

fn parse(g: &Generated) -> Case {
    match parse_case(Path::new(&g.id), g.text.as_bytes()) {
        Ok(c) => c,
        Err(errs) => {
            let msgs: Vec<String> = errs.iter().map(|e| e.to_string()).collect();
            panic!("{} does not parse: {}\n{}", g.id, msgs.join("; "), g.text);
        }
    }
}

#[test]
fn every_file_of_a_300_case_library_parses() {
    let dir = tempfile::tempdir().expect("temp dir");
    let paths = generate(300, 7, dir.path()).expect("generate");
    assert_eq!(paths.len(), 300);
    let mut ids = BTreeSet::new();
    for p in &paths {
        assert_eq!(
            p.parent().and_then(|d| d.file_name()).and_then(|n| n.to_str()),
            Some("000")
        );
        let bytes = fs::read(p).expect("read");
        let case = match parse_case(p, &bytes) {
            Ok(c) => c,
            Err(errs) => panic!(
                "{}: {:?}",
                p.display(),
                errs.iter().map(|e| e.to_string()).collect::<Vec<_>>()
            ),
        };
        assert_eq!(
            Some(format!("{}.toml", case.id).as_str()),
            p.file_name().and_then(|n| n.to_str())
        );
        assert!(case.id.starts_with("gen-"), "{}", case.id);
        assert!(ids.insert(case.id.clone()), "duplicate id {}", case.id);
        assert!(
            (3..=12).contains(&case.assessment.len()),
            "{}: {} assessments",
            case.id,
            case.assessment.len()
        );
    }
    // the library loads whole, with no error and no duplicate
    let (cases, errors, withheld) = pathwise_core::library::load_path(dir.path());
    assert_eq!((cases.len(), errors.len(), withheld.len()), (300, 0, 0));
}

#[test]
fn folders_hold_at_most_a_thousand_files() {
    let dir = tempfile::tempdir().expect("temp dir");
    let paths = generate(1001, 3, dir.path()).expect("generate");
    let in_first = paths
        .iter()
        .filter(|p| p.parent() == Some(&dir.path().join("000")))
        .count();
    assert_eq!(in_first, 1000);
    assert_eq!(paths[1000].parent(), Some(dir.path().join("001").as_path()));
    let name = paths[1000].file_name().and_then(|n| n.to_str()).unwrap_or_default();
    assert!(name.starts_with("gen-001000-") && name.ends_with(".toml"), "{name}");
}

#[test]
fn same_seed_same_bytes_other_seed_different() {
    let a = tempfile::tempdir().expect("temp dir");
    let b = tempfile::tempdir().expect("temp dir");
    let c = tempfile::tempdir().expect("temp dir");
    let pa = generate(60, 42, a.path()).expect("generate");
    let pb = generate(60, 42, b.path()).expect("generate");
    let pc = generate(60, 43, c.path()).expect("generate");
    let mut differ = 0;
    for ((x, y), z) in pa.iter().zip(&pb).zip(&pc) {
        assert_eq!(x.strip_prefix(a.path()).ok(), y.strip_prefix(b.path()).ok());
        let bx = fs::read(x).expect("read");
        assert_eq!(bx, fs::read(y).expect("read"), "{}", x.display());
        if bx != fs::read(z).expect("read") {
            differ += 1;
        }
    }
    assert_eq!(differ, 60, "another seed gives other files");
    // and in memory, further into the library
    for i in [0, 999, 12_345] {
        assert_eq!(case(5, i).text, case(5, i).text);
        assert_ne!(case(5, i).text, case(6, i).text);
    }
}

#[test]
fn every_band_next_step_and_region_occurs_in_500_cases() {
    let profile = Profile::builtin();
    let opts = Options::default();
    let mut bands = BTreeSet::new();
    let mut steps = BTreeSet::new();
    let mut regions = BTreeSet::new();
    for i in 0..500 {
        let g = case(1, i);
        let c = parse(&g);
        let r = evaluate(&c, &profile, &opts);
        bands.insert(r.band.as_str());
        steps.insert(r.next_step.as_str());
        regions.insert(c.region.as_str());
    }
    for b in Band::ALL {
        assert!(bands.contains(b.as_str()), "band {b} missing");
    }
    for s in NextStep::ALL {
        assert!(steps.contains(s.as_str()), "next step {s} missing");
    }
    assert_eq!(regions.len(), pathwise_core::case::Region::ALL.len(), "{regions:?}");
}

#[test]
fn every_archetype_scores_as_designed() {
    let profile = Profile::builtin();
    let opts = Options::default();
    for seed in [1, 2, 99] {
        for i in 0..800 {
            let g = case(seed, i);
            let c = parse(&g);
            let r = evaluate(&c, &profile, &opts);
            assert_eq!(
                (r.band.as_str(), r.next_step.as_str()),
                (g.band, g.next_step),
                "seed {seed}, {} ({}): {}\n{}",
                g.id,
                g.archetype,
                r.next_step_reason,
                g.text
            );
        }
    }
}

#[test]
fn sizes_are_between_2_and_8_kb() {
    let mut smallest = usize::MAX;
    let mut largest = 0;
    for i in 0..1000 {
        let n = case(11, i).text.len();
        smallest = smallest.min(n);
        largest = largest.max(n);
    }
    assert!(smallest >= 2048, "smallest file {smallest} bytes");
    assert!(largest <= 8192, "largest file {largest} bytes");
}

#[test]
fn strings_are_escaped() {
    assert_eq!(quote("a \"b\" \\ c\n\u{1b}"), "\"a \\\"b\\\" \\\\ c\\n\\u001B\"");
    let v: toml::Table = toml::from_str(&format!("x = {}", quote("tab\there \"q\" é\u{7f}"))).expect("parse");
    assert_eq!(v["x"].as_str(), Some("tab\there \"q\" é\u{7f}"));
}
