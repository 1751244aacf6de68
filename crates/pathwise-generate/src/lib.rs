//! Synthetic case libraries for tests, benchmarks and demonstrations:
//! `pathwise generate --count N --seed S DIR`.
//!
//! Every file is a valid case of format v1, written as TOML text here (the
//! case types are only used to read). A library is deterministic for its
//! seed: the same seed writes the same bytes on every machine, because all
//! choices come from a small built-in generator (splitmix64) and no hash
//! map or clock is consulted.
//!
//! Cases are built from *archetypes*, each a pathway situation of
//! READINESS.md (red flags, a progressive deficit, ready with a structural
//! lesion, low adherence, no imaging yet, …) set in a region and a
//! condition with its own words, imaging, injections and surgery. The
//! archetypes are dealt in blocks of [`BLOCK`] cases that each hold every
//! archetype, so any library of a block or more shows every band and every
//! next step. Files are spread over sub-folders of at most
//! [`FOLDER_SIZE`] files (`DIR/000/`, `DIR/001/`, …) and named by their id.

use jiff::ToSpan;
use jiff::civil::Date;
use std::fmt::Write as _;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

mod build;
mod drafts;
mod regions;
mod render;
mod scenario;
mod series;
mod text;

use build::*;
use drafts::*;
use regions::*;
use render::*;
use scenario::*;
use series::*;
use text::*;

/// Files per sub-folder.
pub const FOLDER_SIZE: usize = 1000;

/// Every archetype occurs at least once in each block of this many cases.
pub const BLOCK: usize = 40;

/// One generated case: its id, the file's text, and what the rules are
/// expected to say of it.
#[derive(Debug, Clone)]
pub struct Generated {
    pub id: String,
    pub text: String,
    /// The archetype, e.g. "ready-structural-lesion".
    pub archetype: &'static str,
    /// The band the readiness rules should give (`Band::as_str`).
    pub band: &'static str,
    /// The next step the readiness rules should give (`NextStep::as_str`).
    pub next_step: &'static str,
}

/// Writes `count` case files under `dir` for `seed` and returns their paths
/// in index order.
pub fn generate(count: usize, seed: u64, dir: &Path) -> io::Result<Vec<PathBuf>> {
    let mut paths = Vec::with_capacity(count);
    let mut folder = None;
    for index in 0..count {
        let sub = dir.join(folder_name(index));
        if folder.as_ref() != Some(&sub) {
            fs::create_dir_all(&sub)?;
            folder = Some(sub.clone());
        }
        let g = case(seed, index);
        let path = sub.join(format!("{}.toml", g.id));
        fs::write(&path, g.text.as_bytes())?;
        paths.push(path);
    }
    Ok(paths)
}

/// The sub-folder a case index goes in: `000` for the first thousand.
pub fn folder_name(index: usize) -> String {
    format!("{:03}", index / FOLDER_SIZE)
}

/// The case at `index` of the library for `seed`, without touching disk.
pub fn case(seed: u64, index: usize) -> Generated {
    let arch = archetype_at(seed, index);
    let mut rng = Rng::stream(seed, index as u64);
    let mut draft = build(&mut rng, index, arch);
    let mut text = render(&draft);
    // keep every file within 2–8 KB: pad short ones with teaching text,
    // trim notes from long ones (neither changes the verdict)
    let mut pad = 0;
    while text.len() < MIN_BYTES && pad < EXTRA_TEACHING.len() {
        // first what a fuller record would hold: the first visit in primary
        // care, then examination notes, and only then more teaching text
        if let Some(gp) = draft.first_visit.take() {
            draft.consult.insert(0, gp);
        } else if let Some(note) = draft.unused_note() {
            if let Some(a) = draft.assessment.iter_mut().find(|a| a.note.is_none()) {
                a.note = Some(note);
            }
        } else {
            draft
                .teaching
                .push(EXTRA_TEACHING[(index + pad) % EXTRA_TEACHING.len()].to_string());
            pad += 1;
        }
        text = render(&draft);
    }
    while text.len() > MAX_BYTES {
        if let Some(a) = draft.assessment.iter_mut().rev().find(|a| a.note.is_some()) {
            a.note = None;
        } else if let Some(p) = draft.pt.iter_mut().find(|p| p.note.is_some()) {
            p.note = None;
        } else if draft.teaching.len() > 1 {
            draft.teaching.pop();
        } else {
            break;
        }
        text = render(&draft);
    }
    Generated {
        id: draft.id.clone(),
        text,
        archetype: arch.name(),
        band: draft.expect_band,
        next_step: arch.next_step(),
    }
}

const MIN_BYTES: usize = 2300;
const MAX_BYTES: usize = 7900;

// ---------------------------------------------------------------------------
// Randomness: splitmix64, enough for varied data and stable across platforms.

struct Rng(u64);

impl Rng {
    fn new(seed: u64) -> Rng {
        let mut r = Rng(seed);
        r.next();
        r
    }

    /// An independent stream per case, so a case does not depend on the
    /// ones before it.
    fn stream(seed: u64, stream: u64) -> Rng {
        let mut base = Rng::new(seed);
        let a = base.next();
        Rng::new(a ^ stream.wrapping_add(1).wrapping_mul(0xD1B5_4A32_D192_ED03))
    }

    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// 0 ≤ n < bound.
    fn below(&mut self, bound: usize) -> usize {
        if bound <= 1 {
            return 0;
        }
        ((u128::from(self.next()) * bound as u128) >> 64) as usize
    }

    /// lo ≤ n ≤ hi.
    fn range(&mut self, lo: i64, hi: i64) -> i64 {
        if hi <= lo {
            return lo;
        }
        lo + self.below((hi - lo + 1) as usize) as i64
    }

    fn chance(&mut self, percent: u32) -> bool {
        self.below(100) < percent as usize
    }

    fn pick<T: Copy>(&mut self, items: &[T]) -> T {
        items[self.below(items.len())]
    }

    /// Between `lo` and `hi` distinct items, in list order.
    fn some_n<T: Copy>(&mut self, items: &[T], lo: i64, hi: i64) -> Vec<T> {
        let k = self.range(lo, hi) as usize;
        self.some(items, k)
    }

    /// The items in a random order.
    fn shuffled<T: Copy>(&mut self, items: &[T]) -> Vec<T> {
        let mut v = items.to_vec();
        for i in (1..v.len()).rev() {
            let j = self.below(i + 1);
            v.swap(i, j);
        }
        v
    }

    /// `k` distinct items, in list order.
    fn some<T: Copy>(&mut self, items: &[T], k: usize) -> Vec<T> {
        let mut idx: Vec<usize> = (0..items.len()).collect();
        for i in (1..idx.len()).rev() {
            let j = self.below(i + 1);
            idx.swap(i, j);
        }
        let mut chosen: Vec<usize> = idx.into_iter().take(k.min(items.len())).collect();
        chosen.sort_unstable();
        chosen.into_iter().map(|i| items[i]).collect()
    }
}

// ---------------------------------------------------------------------------
// Archetypes.

#[cfg(test)]
mod tests {
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
}
