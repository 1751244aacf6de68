//! Fuzzing the loader with property tests: arbitrary bytes, and the sample
//! cases structurally mutated, go through `parse_case`; every input that
//! parses is scored and drawn in the console, every input that fails must
//! come back as located, terminal-safe error values. No panic, no hang.
//!
//! Each of the four properties runs `DEFAULT_CASES` = 256 inputs in CI
//! (about 20 s for the whole file in a debug build). `PATHWISE_FUZZ_CASES=20000
//! cargo test --release --test fuzz_loader -- --nocapture` runs many more
//! and prints the counts and the time (80,000 inputs, 24,000 of them valid
//! cases scored and drawn, in about 90 s). Failures found are kept by proptest in
//! `tests/fuzz_loader.proptest-regressions` (replayed first on every run),
//! and the nasty inputs worth keeping by hand live in `tests/fuzz_corpus/`
//! (`ok-*` must load, `bad-*` must be rejected), checked by plain tests.

use crate::common::console::{PLAIN, key as press, settings as console_settings};
use pathwise::case::{Case, CaseError, parse_case};
use pathwise::library::{Library, Loaded, Origin, Source};
use pathwise::rules::{Options, Profile, evaluate, to_json};
use pathwise::text::is_unsafe;
use pathwise::tui::app::App;
use pathwise::tui::view;
use proptest::prelude::*;
use proptest::sample::Index;
use proptest::test_runner::{FileFailurePersistence, TestRunner};
use ratatui::buffer::Buffer;
use ratatui::crossterm::event::KeyCode;
use std::cell::Cell;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;
use std::time::{Duration, Instant};

/// Inputs per property in CI; `PATHWISE_FUZZ_CASES` overrides it.
const DEFAULT_CASES: u32 = 256;

/// One input taking longer than this is a hang (debug build, slow CI).
const NO_HANG: Duration = Duration::from_secs(10);

fn fuzz_cases() -> u32 {
    std::env::var("PATHWISE_FUZZ_CASES")
        .ok()
        .and_then(|s| s.trim().parse().ok())
        .unwrap_or(DEFAULT_CASES)
}

fn config() -> ProptestConfig {
    ProptestConfig {
        cases: fuzz_cases(),
        source_file: Some(file!()),
        failure_persistence: Some(Box::new(FileFailurePersistence::WithSource("proptest-regressions"))),
        max_shrink_iters: 2048,
        ..ProptestConfig::default()
    }
}

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// The sample cases and the template, read once: the valid starting points.
fn samples() -> &'static [(String, String)] {
    static SAMPLES: OnceLock<Vec<(String, String)>> = OnceLock::new();
    SAMPLES.get_or_init(|| {
        let mut out: Vec<(String, String)> = std::fs::read_dir(root().join("data/cases"))
            .expect("data/cases")
            .map(|e| e.expect("entry").path())
            .filter(|p| p.extension().is_some_and(|e| e == "toml"))
            .map(|p| {
                let name = p.file_name().expect("name").to_string_lossy().into_owned();
                (name, std::fs::read_to_string(&p).expect("sample"))
            })
            .collect();
        out.push((
            "template.toml".into(),
            include_str!("../../data/template.toml").to_string(),
        ));
        out.sort();
        assert!(out.len() > 10, "the samples are there");
        out
    })
}

// ---------------------------------------------------------------- checks

/// What happened to one input.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Outcome {
    Parsed,
    Rejected,
}

/// The whole pipeline for one input: parse; then score, JSON and console
/// for a case, or the error checks (and the errors overlay) for a
/// rejection.
fn check_input(path: &Path, bytes: &[u8], console: bool) -> Outcome {
    let started = Instant::now();
    let outcome = match parse_case(path, bytes) {
        Ok(case) => {
            check_case(path, &case, console);
            Outcome::Parsed
        }
        Err(errors) => {
            check_errors(path, &errors);
            if console {
                errors_overlay_is_safe(&errors);
            }
            Outcome::Rejected
        }
    };
    let took = started.elapsed();
    assert!(
        took < NO_HANG,
        "one input took {took:?} ({} bytes): a hang",
        bytes.len()
    );
    outcome
}

fn check_errors(path: &Path, errors: &[CaseError]) {
    assert!(!errors.is_empty(), "a rejection with no error");
    for e in errors {
        assert_eq!(e.path, path, "the error names the file: {e:?}");
        assert!(!e.message.trim().is_empty(), "an error with no message: {e:?}");
        assert!(
            !e.message.chars().any(is_unsafe),
            "raw control in an error message: {:?}",
            e.message
        );
        let shown = e.to_string();
        assert!(
            !shown.chars().any(is_unsafe),
            "raw control in a printed error: {shown:?}"
        );
        if let (Some(line), Some(col)) = (e.line, e.column) {
            assert!(line >= 1 && col >= 1, "1-based place: {e:?}");
        }
    }
}

fn check_case(path: &Path, case: &Case, console: bool) {
    let profile = Profile::builtin();
    let r = evaluate(case, &profile, &Options::default());
    assert!(r.score <= 100, "score {} for {}", r.score, case.id);
    assert_eq!(r.criteria.len(), 14, "the fourteen criteria");
    // step-through teaching: as of onset, and with the first event left out
    let early = Options {
        as_of: Some(case.presentation.onset),
        ..Options::default()
    };
    let r2 = evaluate(case, &profile, &early);
    assert!(r2.score <= 100 && r2.criteria.len() == 14);
    if let Some(first) = case.events().first() {
        let mut what_if = Options::default();
        what_if.excluded.insert(*first);
        let r3 = evaluate(case, &profile, &what_if);
        assert!(r3.score <= 100 && r3.criteria.len() == 14);
    }
    // `score --json`: terminal-safe and still the same data
    let value = to_json(case, &r);
    let json = pathwise::rules::to_json_string(&value);
    assert!(
        !json.chars().any(|c| c != '\n' && is_unsafe(c)),
        "raw control in JSON: {json}"
    );
    let back: serde_json::Value = serde_json::from_str(&json).expect("valid JSON");
    assert_eq!(back, value, "the safe JSON round-trips");
    if console {
        console_is_safe(path, case);
    }
}

/// Renders the screen and fails on any cell holding an unsafe character.
fn screen_is_safe(app: &App, step: &str) {
    let mut buf = Buffer::empty(app.size);
    view::render(app, app.size, &mut buf);
    for y in 0..buf.area.height {
        for x in 0..buf.area.width {
            let s = buf[(x, y)].symbol();
            assert!(
                !s.chars().any(is_unsafe),
                "raw control in cell ({x},{y}) after {step}: {s:?}"
            );
        }
    }
}

/// The console over a library holding just this case, at 80x24 and
/// 200x60: the list, a walk along the timeline, the detail and readiness
/// panes, presentation mode and zoom.
fn console_is_safe(path: &Path, case: &Case) {
    let library = Library {
        source: Source::dir(Origin::Flag, "/fuzz"),
        cases: vec![Loaded {
            path: path.to_path_buf(),
            case: case.clone(),
        }],
        errors: Vec::new(),
        withheld: Vec::new(),
    };
    for (w, h) in [(80, 24), (200, 60)] {
        let mut app = App::new(library.clone(), console_settings(w, h, PLAIN));
        screen_is_safe(&app, "start");
        press(&mut app, KeyCode::Char('2'));
        let walk = app.view.events.len().min(5);
        for i in 0..walk {
            press(&mut app, KeyCode::Right);
            screen_is_safe(&app, &format!("right #{i}"));
        }
        for k in ['3', '4', 'p', 'z'] {
            press(&mut app, KeyCode::Char(k));
            screen_is_safe(&app, &format!("key {k}"));
        }
    }
}

fn errors_overlay_is_safe(errors: &[CaseError]) {
    let library = Library {
        source: Source::dir(Origin::Flag, "/fuzz"),
        cases: Vec::new(),
        errors: errors.to_vec(),
        withheld: Vec::new(),
    };
    let mut app = App::new(library, console_settings(80, 24, PLAIN));
    press(&mut app, KeyCode::Char('!'));
    screen_is_safe(&app, "errors overlay");
}

// ------------------------------------------------------------- mutations

/// Every enumerated word of the format, so a replaced value is often
/// valid and the mutated case goes on to scoring and drawing.
const WORDS: &[&str] = &[
    "cervical",
    "thoracic",
    "lumbar",
    "shoulder",
    "elbow",
    "wrist-hand",
    "hip",
    "knee",
    "ankle-foot",
    "other",
    "female",
    "male",
    "unknown",
    "aching",
    "sharp",
    "burning",
    "tingling",
    "shooting",
    "electric",
    "cramping",
    "stiffness",
    "poor",
    "fair",
    "good",
    "conservative",
    "post-op",
    "exercise",
    "manual",
    "heat",
    "ice",
    "tens",
    "ultrasound",
    "traction",
    "dry-needling",
    "education",
    "aquatic",
    "taping",
    "none",
    "low",
    "partial",
    "worse",
    "resolved",
    "xray",
    "flexion-extension-xray",
    "mri",
    "ct",
    "ct-myelogram",
    "ncs",
    "emg",
    "ncs-emg",
    "bone-scan",
    "lab",
    "normal",
    "disc-bulge",
    "disc-protrusion",
    "disc-extrusion",
    "disc-sequestration",
    "stenosis-central",
    "stenosis-foraminal",
    "spondylolisthesis",
    "fracture",
    "tendon-tear-partial",
    "tendon-tear-full",
    "ligament-tear",
    "labral-tear",
    "meniscus-tear",
    "cartilage-defect",
    "arthrosis",
    "nerve-compression",
    "nerve-entrapment",
    "mild",
    "moderate",
    "severe",
    "anticonvulsant",
    "nsaid",
    "topical-nsaid",
    "muscle-relaxant",
    "snri",
    "tca",
    "acetaminophen",
    "opioid",
    "oral-steroid",
    "neuropathic",
    "localized",
    "spasm",
    "inflammatory",
    "general",
    "epidural-steroid",
    "facet-steroid",
    "joint-steroid",
    "soft-tissue-steroid",
    "medial-branch-block",
    "radiofrequency-ablation",
    "nerve-block",
    "trigger-point",
    "prp",
    "fluoroscopy",
    "landmark",
    "odi",
    "ndi",
    "quickdash",
    "lefs",
    "psfs",
    "spine-surgery",
    "orthopedic-surgery",
    "neurosurgery",
    "pain-medicine",
    "physiatry",
    "neurology",
    "rheumatology",
    "sports-medicine",
    "physical-therapy",
    "saddle-anesthesia",
    "bladder-dysfunction",
    "gait-disturbance",
    "pregabalin",
    "gabapentin",
    "diclofenac gel 1%",
    "cyclobenzaprine",
];

/// Numbers at and past the edges the format allows.
const EXTREMES: &[&str] = &[
    "-1",
    "0",
    "-0",
    "1e308",
    "-1e308",
    "9999999999999",
    "9223372036854775807",
    "-9223372036854775808",
    "99999999999999999999",
    "inf",
    "-inf",
    "nan",
    "0.0000001",
    "5e-324",
    "5",
    "6",
    "10",
    "11",
    "50",
    "51",
    "80",
    "81",
    "100",
    "101",
    "120",
    "121",
    "10000",
    "10001",
];

/// A piece of a TOML basic string: plain words, wide and combining
/// characters, every C0/C1 control and DEL as a `\u001b`-style escape,
/// raw C1 and bidi characters (TOML allows them unescaped), and whole
/// escape sequences an attacker would write.
fn string_piece() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => "[a-zA-Z0-9 ,.;:()/-]{0,16}",
        2 => (0u32..0x20).prop_map(|c| format!("\\u{c:04x}")),
        1 => Just("\\u007f".to_string()),
        2 => (0x80u32..0xa0).prop_map(|c| format!("\\u{c:04x}")),
        2 => prop::sample::select(vec![
            '\u{202a}', '\u{202b}', '\u{202c}', '\u{202d}', '\u{202e}', '\u{2066}', '\u{2067}', '\u{2068}',
            '\u{2069}', '\u{200e}', '\u{200f}', '\u{061c}', '\u{85}', '\u{9b}', '\u{9d}', '\u{ad}', '\u{feff}',
            '\u{200b}', '\u{200d}', '\u{301}', '漢', '字', '😀', 'é', '\u{fffd}',
        ])
        .prop_map(String::from),
        2 => prop::sample::select(vec![
            "\\u001b]52;c;cm0gLXJmIH4=\\u0007",
            "\\u001b[2J\\u001b[H",
            "\\u001b]0;PWNED\\u0007",
            "\\u009b31m",
            "\\u001bP+q544e\\u001b\\\\",
            "\\n",
            "\\r\\n",
            "\\t",
            "\\\"",
            "\\\\",
            "\\U0001F600",
            "\\u202e",
            "\\u2066",
            "2026-03-14",
            "9999-12-31",
        ])
        .prop_map(String::from),
        1 => (1usize..400).prop_map(|n| "long ".repeat(n)),
    ]
}

fn toml_string() -> impl Strategy<Value = String> {
    prop::collection::vec(string_piece(), 0..6).prop_map(|parts| format!("\"{}\"", parts.concat()))
}

/// A TOML value of any type: the right one sometimes, often the wrong one.
fn toml_value() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => prop::sample::select(WORDS).prop_map(|w| format!("\"{w}\"")),
        2 => prop::sample::select(EXTREMES).prop_map(String::from),
        2 => any::<i64>().prop_map(|n| n.to_string()),
        1 => any::<f64>().prop_map(|f| format!("{f:e}")),
        1 => any::<bool>().prop_map(|b| b.to_string()),
        2 => (0u16..=9999, 0u8..=13, 0u8..=32).prop_map(|(y, m, d)| format!("{y:04}-{m:02}-{d:02}")),
        1 => prop::sample::select(vec![
            "0000-01-01",
            "9999-12-31",
            "2024-02-29",
            "2026-02-29",
            "2026-03-14T10:00:00",
            "2026-03-14T10:00:00Z",
            "10:00:00",
        ])
        .prop_map(String::from),
        3 => toml_string(),
        1 => prop::sample::select(vec![
            "[]",
            "[1, \"a\", 2026-01-01]",
            "[[[[]]]]",
            "{}",
            "{ instrument = \"odi\", score = 1e308 }",
            "{ instrument = \"psfs\", score = -1 }",
            "{ \"\\u001b[2J\" = 5 }",
            "[\"\\u001b]0;PWNED\\u0007\", \"\\u202e\"]",
        ])
        .prop_map(String::from),
    ]
}

#[derive(Debug, Clone)]
enum Mutation {
    DeleteLine(Index),
    DuplicateLine(Index),
    SwapLines(Index, Index),
    /// Replaces the value of a `key = value` line.
    ReplaceValue(Index, String),
    /// Inserts TOML-string text inside a quoted string of a line.
    InsertIntoString(Index, Index, String),
    /// Replaces one run of digits of a line with an extreme number.
    ExtremeNumber(Index, Index, &'static str),
    /// Reorders the tables (`[patient]`, `[[pt]]`, …) of the file.
    ShuffleTables(Vec<Index>),
    /// Splices raw bytes (invalid UTF-8, raw ESC) in at a byte offset.
    RawBytes(Index, Vec<u8>),
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        1 => any::<Index>().prop_map(Mutation::DeleteLine),
        1 => any::<Index>().prop_map(Mutation::DuplicateLine),
        1 => (any::<Index>(), any::<Index>()).prop_map(|(a, b)| Mutation::SwapLines(a, b)),
        3 => (any::<Index>(), toml_value()).prop_map(|(i, v)| Mutation::ReplaceValue(i, v)),
        8 => (any::<Index>(), any::<Index>(), prop::collection::vec(string_piece(), 1..4))
            .prop_map(|(i, p, s)| Mutation::InsertIntoString(i, p, s.concat())),
        3 => (any::<Index>(), any::<Index>(), prop::sample::select(EXTREMES))
            .prop_map(|(i, r, e)| Mutation::ExtremeNumber(i, r, e)),
        3 => prop::collection::vec(any::<Index>(), 1..12).prop_map(Mutation::ShuffleTables),
        1 => (any::<Index>(), prop::collection::vec(any::<u8>(), 1..8))
            .prop_map(|(i, b)| Mutation::RawBytes(i, b)),
    ]
}

fn pick(candidates: &[usize], i: &Index) -> Option<usize> {
    (!candidates.is_empty()).then(|| candidates[i.index(candidates.len())])
}

/// The byte offsets inside the first basic string of `line` where text
/// can be inserted without splitting an escape (`\u001b`, `\"`), up to
/// and including the closing quote.
fn string_spots(line: &str) -> Vec<usize> {
    let open = line.find('"').expect("a quote");
    let b = line.as_bytes();
    let mut spots = Vec::new();
    let mut k = open + 1;
    while k < b.len() {
        spots.push(k);
        match b[k] {
            b'"' => break,
            b'\\' => {
                k += match b.get(k + 1) {
                    Some(b'u') => 6,
                    Some(b'U') => 10,
                    _ => 2,
                }
            }
            _ => k += line[k..].chars().next().map_or(1, char::len_utf8),
        }
    }
    spots
}

fn is_code(line: &str) -> bool {
    let t = line.trim_start();
    !t.is_empty() && !t.starts_with('#')
}

/// Applies one mutation to the file's bytes. Line mutations work on the
/// text (the bytes are valid UTF-8 until a `RawBytes` splice, and a lossy
/// view afterwards is good enough to keep mutating).
fn apply(bytes: Vec<u8>, m: &Mutation) -> Vec<u8> {
    if let Mutation::RawBytes(at, raw) = m {
        let mut bytes = bytes;
        let pos = at.index(bytes.len() + 1);
        bytes.splice(pos..pos, raw.iter().copied());
        return bytes;
    }
    let text = String::from_utf8_lossy(&bytes).into_owned();
    let mut lines: Vec<String> = text.split('\n').map(str::to_string).collect();
    let all: Vec<usize> = (0..lines.len()).collect();
    match m {
        Mutation::DeleteLine(i) => {
            if let Some(n) = pick(&all, i) {
                lines.remove(n);
            }
        }
        Mutation::DuplicateLine(i) => {
            if let Some(n) = pick(&all, i) {
                let copy = lines[n].clone();
                lines.insert(n, copy);
            }
        }
        Mutation::SwapLines(a, b) => {
            if let (Some(x), Some(y)) = (pick(&all, a), pick(&all, b)) {
                lines.swap(x, y);
            }
        }
        Mutation::ReplaceValue(i, value) => {
            let with_value: Vec<usize> = all
                .iter()
                .copied()
                .filter(|&n| is_code(&lines[n]) && !lines[n].trim_start().starts_with('[') && lines[n].contains(" = "))
                .collect();
            if let Some(n) = pick(&with_value, i) {
                let eq = lines[n].find(" = ").expect("has ' = '");
                lines[n] = format!("{}{value}", &lines[n][..eq + 3]);
            }
        }
        Mutation::InsertIntoString(i, at, piece) => {
            let quoted: Vec<usize> = all
                .iter()
                .copied()
                .filter(|&n| is_code(&lines[n]) && lines[n].matches('"').count() >= 2)
                .collect();
            if let Some(n) = pick(&quoted, i) {
                let line = &lines[n];
                let spots = string_spots(line);
                let spot = spots[at.index(spots.len())];
                let mut new = line.clone();
                new.insert_str(spot, piece);
                lines[n] = new;
            }
        }
        Mutation::ExtremeNumber(i, run, value) => {
            let digit_runs = |line: &str| -> Vec<(usize, usize)> {
                let start = line.find('=').map_or(line.len(), |e| e + 1);
                let b = line.as_bytes();
                let mut runs = Vec::new();
                let mut k = start;
                while k < b.len() {
                    if b[k].is_ascii_digit() {
                        let s = k;
                        while k < b.len() && (b[k].is_ascii_digit() || b[k] == b'.') {
                            k += 1;
                        }
                        runs.push((s, k));
                    } else {
                        k += 1;
                    }
                }
                runs
            };
            let numeric: Vec<usize> = all
                .iter()
                .copied()
                .filter(|&n| is_code(&lines[n]) && !digit_runs(&lines[n]).is_empty())
                .collect();
            if let Some(n) = pick(&numeric, i) {
                let runs = digit_runs(&lines[n]);
                let (s, e) = runs[run.index(runs.len())];
                lines[n].replace_range(s..e, value);
            }
        }
        Mutation::ShuffleTables(swaps) => {
            // chunks: the top-level keys, then one chunk per table header
            let mut chunks: Vec<Vec<String>> = vec![Vec::new()];
            for l in lines.drain(..) {
                if l.trim_start().starts_with('[') {
                    chunks.push(Vec::new());
                }
                chunks.last_mut().expect("a chunk").push(l);
            }
            let tables = chunks.len() - 1;
            if tables > 1 {
                for (k, s) in swaps.iter().enumerate() {
                    let a = 1 + k % tables;
                    let b = 1 + s.index(tables);
                    chunks.swap(a, b);
                }
            }
            lines = chunks.concat();
        }
        Mutation::RawBytes(..) => unreachable!("handled above"),
    }
    lines.join("\n").into_bytes()
}

// ------------------------------------------------------------ properties

/// Runs a property with the file's config, and prints what ran.
fn run<S: Strategy>(name: &str, strategy: S, test: impl Fn(S::Value) -> Outcome)
where
    S::Value: std::fmt::Debug,
{
    let parsed = Cell::new(0usize);
    let rejected = Cell::new(0usize);
    let started = Instant::now();
    let mut runner = TestRunner::new(config());
    let result = runner.run(&strategy, |input| {
        match test(input) {
            Outcome::Parsed => parsed.set(parsed.get() + 1),
            Outcome::Rejected => rejected.set(rejected.get() + 1),
        }
        Ok(())
    });
    eprintln!(
        "fuzz_loader {name}: {} inputs ({} parsed and drawn, {} rejected) in {:.1?}",
        parsed.get() + rejected.get(),
        parsed.get(),
        rejected.get(),
        started.elapsed()
    );
    if let Err(e) = result {
        panic!("{name}: {e}");
    }
}

/// (a) Arbitrary bytes up to 4 KB: never a panic; every rejection is a
/// non-empty list of errors with terminal-safe messages.
#[test]
fn arbitrary_bytes_never_panic_and_errors_are_safe() {
    let path = PathBuf::from("fuzz/arbitrary.toml");
    run(
        "arbitrary bytes",
        prop::collection::vec(any::<u8>(), 0..4096),
        |bytes| check_input(&path, &bytes, true),
    );
}

/// Every key of the format, and its table headers: the soup below is made
/// of them, so it reaches the validator and not only the TOML parser.
const KEYS: &[&str] = &[
    "id",
    "title",
    "region",
    "tags",
    "summary",
    "teaching_points",
    "as_of",
    "alias",
    "age",
    "sex",
    "occupation",
    "onset",
    "complaint",
    "initial_diagnosis",
    "working_diagnosis",
    "diagnosis_revised_on",
    "pain_quality",
    "localized_spasm",
    "sleep",
    "nutrition",
    "smoking",
    "note",
    "start",
    "end",
    "phase",
    "provider",
    "second_opinion",
    "sessions_planned",
    "sessions_attended",
    "frequency_per_week",
    "modalities",
    "hep_adherence",
    "barriers",
    "response",
    "date",
    "test",
    "site",
    "findings",
    "lesion",
    "level",
    "severity",
    "instability",
    "nerve",
    "drug",
    "class",
    "dose",
    "target",
    "side_effects",
    "kind",
    "guidance",
    "relief_percent",
    "relief_weeks",
    "resumed_pt",
    "pain",
    "function",
    "strength",
    "numbness",
    "red_flags",
    "specialty",
    "outcome",
    "procedure",
];

const HEADERS: &[&str] = &[
    "[patient]",
    "[presentation]",
    "[lifestyle]",
    "[[pt]]",
    "[[workup]]",
    "[[medication]]",
    "[[injection]]",
    "[[assessment]]",
    "[[consult]]",
    "[[surgery]]",
];

#[derive(Debug, Clone)]
enum SoupLine {
    Header(&'static str),
    KeyValue(&'static str, String),
    Noise(Vec<u8>),
}

fn soup_line() -> impl Strategy<Value = SoupLine> {
    prop_oneof![
        2 => prop::sample::select(HEADERS).prop_map(SoupLine::Header),
        8 => (prop::sample::select(KEYS), toml_value()).prop_map(|(k, v)| SoupLine::KeyValue(k, v)),
        1 => prop::collection::vec(any::<u8>(), 0..64).prop_map(SoupLine::Noise),
    ]
}

/// Lines of the format's own keys, headers and values in random order,
/// with some noise: never a panic, and what parses is scored and drawn.
#[test]
fn toml_soup_of_the_formats_keys_never_panics() {
    let path = PathBuf::from("fuzz/soup.toml");
    run("key soup", prop::collection::vec(soup_line(), 0..40), |lines| {
        let mut bytes = b"schema = 1\n".to_vec();
        for l in &lines {
            match l {
                SoupLine::Header(h) => bytes.extend_from_slice(h.as_bytes()),
                SoupLine::KeyValue(k, v) => bytes.extend_from_slice(format!("{k} = {v}").as_bytes()),
                SoupLine::Noise(n) => bytes.extend_from_slice(n),
            }
            bytes.push(b'\n');
        }
        check_input(&path, &bytes, true)
    });
}

/// (b) Structurally mutated valid cases: what parses is scored (0-100,
/// fourteen criteria), turned into safe JSON and drawn at 80x24 and 200x60
/// with no raw control in any cell; what fails names the file and says
/// why without a raw control.
#[test]
fn mutated_samples_score_and_draw_safely_or_fail_cleanly() {
    let strategy = (any::<Index>(), prop::collection::vec(mutation(), 1..5));
    run("mutated samples", strategy, |(sample, mutations)| {
        let (name, text) = &samples()[sample.index(samples().len())];
        let mut bytes = text.clone().into_bytes();
        for m in &mutations {
            bytes = apply(bytes, m);
        }
        check_input(&PathBuf::from(format!("mutated/{name}")), &bytes, true)
    });
}

/// Keys whose values are free text (or lists of it): anything written in
/// them with TOML escapes must load and be shown neutralised.
const FREE_TEXT: &[&str] = &[
    "title",
    "tags",
    "summary",
    "teaching_points",
    "alias",
    "occupation",
    "complaint",
    "initial_diagnosis",
    "working_diagnosis",
    "note",
    "provider",
    "barriers",
    "site",
    "findings",
    "level",
    "nerve",
    "dose",
    "side_effects",
    "numbness",
    "red_flags",
    "strength",
    "outcome",
    "procedure",
];

/// Inserts `piece` into the first string of a free-text line of `text`.
fn insert_free_text(text: &str, line: &Index, at: &Index, piece: &str) -> String {
    let mut lines: Vec<String> = text.split('\n').map(str::to_string).collect();
    let free: Vec<usize> = (0..lines.len())
        .filter(|&n| {
            let l = lines[n].trim_start();
            let key = l.split(" = ").next().unwrap_or("");
            let continuation = l.starts_with('"') && !l.contains(" = ");
            (FREE_TEXT.contains(&key) || continuation) && l.matches('"').count() >= 2
        })
        .collect();
    let n = pick(&free, line).expect("every sample has free text");
    let l = &lines[n];
    let spots = string_spots(l);
    let mut new = l.clone();
    new.insert_str(spots[at.index(spots.len())], piece);
    lines[n] = new;
    lines.join("\n")
}

/// Escape sequences, controls, bidi and wide characters written into any
/// free-text field always load (the format allows any Unicode there), and
/// every screen and the JSON show them neutralised.
#[test]
fn hostile_free_text_always_loads_and_draws_safely() {
    let strategy = (
        any::<Index>(),
        prop::collection::vec(
            (
                any::<Index>(),
                any::<Index>(),
                prop::collection::vec(string_piece(), 1..5),
            ),
            1..4,
        ),
    );
    run("hostile free text", strategy, |(sample, inserts)| {
        let (name, text) = &samples()[sample.index(samples().len())];
        let mut text = text.clone();
        for (line, at, pieces) in &inserts {
            text = insert_free_text(&text, line, at, &pieces.concat());
        }
        let path = PathBuf::from(format!("free-text/{name}"));
        let outcome = check_input(&path, text.as_bytes(), true);
        assert_eq!(
            outcome,
            Outcome::Parsed,
            "free text must load: {:?}\n{text}",
            parse_case(&path, text.as_bytes()).err()
        );
        outcome
    });
}

/// The mutator itself: without mutations every sample loads, so the
/// property above starts from valid cases.
#[test]
fn every_sample_loads_unmutated() {
    for (name, text) in samples() {
        let path = PathBuf::from(name);
        assert_eq!(
            check_input(&path, text.as_bytes(), false),
            Outcome::Parsed,
            "{name} is valid"
        );
    }
}

// ---------------------------------------------------------------- corpus

fn corpus() -> Vec<PathBuf> {
    let dir = root().join("tests/fuzz_corpus");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("tests/fuzz_corpus")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
        .collect();
    files.sort();
    assert!(files.len() >= 10, "the corpus holds {} files", files.len());
    files
}

/// Every corpus input through parse, evaluate and the console: `ok-*`
/// files must load, `bad-*` files must be rejected with safe errors.
#[test]
fn corpus_inputs_parse_score_and_draw_safely() {
    for path in corpus() {
        let name = path.file_name().expect("name").to_string_lossy().into_owned();
        let bytes = std::fs::read(&path).expect("read");
        let outcome = check_input(&path, &bytes, true);
        if name.starts_with("ok-") {
            assert_eq!(
                outcome,
                Outcome::Parsed,
                "{name} should load: {:?}",
                parse_case(&path, &bytes).err()
            );
        } else {
            assert!(name.starts_with("bad-"), "corpus files are named ok-* or bad-*: {name}");
            assert_eq!(outcome, Outcome::Rejected, "{name} should be rejected");
        }
    }
}

/// Errors that echo hostile data show it escaped, and carry a place.
#[test]
fn corpus_errors_are_located_and_echo_data_escaped() {
    let dir = root().join("tests/fuzz_corpus");
    let located = |file: &str| {
        let path = dir.join(file);
        let errors = parse_case(&path, &std::fs::read(&path).expect("read")).expect_err(file);
        for e in &errors {
            assert!(e.line.is_some() && e.column.is_some(), "{file}: no place in {e}");
        }
        errors
    };
    let all: String = located("bad-hostile-values-echoed-in-errors.toml")
        .iter()
        .map(|e| e.to_string())
        .collect();
    assert!(
        all.contains("^[]0;PWNED^G^[[2J\\u{9b}31m\\u{202e}"),
        "the bad value is shown escaped: {all}"
    );
    for file in [
        "bad-raw-control-bytes.toml",
        "bad-not-utf8.toml",
        "bad-invalid-dates.toml",
        "bad-nan-and-inf.toml",
        "bad-i64-extremes.toml",
        "bad-deeply-nested-arrays.toml",
        "bad-repeated-table-header.toml",
    ] {
        located(file);
    }
    let not_utf8 = located("bad-not-utf8.toml");
    assert_eq!(not_utf8[0].line, Some(3), "the bad byte is on the title line");
}

/// The corpus through the real binary: `validate`, `list`, `score --all
/// --json` and `show` of each loadable file end without a panic and print
/// no raw control character.
#[test]
fn corpus_through_the_binary() {
    let dir = root().join("tests/fuzz_corpus");
    let home = tempfile::tempdir().expect("temp dir");
    let run = |args: &[&str]| {
        let out = Command::new(env!("CARGO_BIN_EXE_pathwise"))
            .args(args)
            .env("PATHWISE_CONFIG", home.path().join("none").join("config.toml"))
            .env_remove("PATHWISE_LIBRARY")
            .env("HOME", home.path())
            .env("XDG_DATA_HOME", home.path().join("data"))
            .env("XDG_CONFIG_HOME", home.path().join("config"))
            .output()
            .expect("run pathwise");
        let code = out.status.code().expect("exited, not killed");
        assert!(
            code == 0 || code == 1,
            "{args:?} exited {code}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        for (stream, bytes) in [("stdout", &out.stdout), ("stderr", &out.stderr)] {
            let s = String::from_utf8(bytes.clone()).expect("UTF-8 output");
            let bad: Vec<char> = s.chars().filter(|&c| c != '\n' && is_unsafe(c)).collect();
            assert!(bad.is_empty(), "{args:?} {stream} holds raw controls {bad:?}");
        }
        (code, String::from_utf8_lossy(&out.stdout).into_owned())
    };
    let d = dir.to_str().expect("UTF-8 path");
    let (code, report) = run(&["validate", d]);
    assert_eq!(code, 1, "the bad files are reported");
    assert!(report.contains("bad-empty.toml"), "{report}");
    run(&["list", "--library", d]);
    let (_, json) = run(&["score", "--all", "--json", "--library", d]);
    let scored: serde_json::Value = serde_json::from_str(&json).expect("JSON");
    let ok_files = corpus()
        .iter()
        .filter(|p| p.file_name().is_some_and(|n| n.to_string_lossy().starts_with("ok-")))
        .count();
    assert_eq!(
        scored.as_array().map(Vec::len),
        Some(ok_files),
        "every ok-* case scored"
    );
    for p in corpus() {
        if p.file_name().is_some_and(|n| n.to_string_lossy().starts_with("ok-")) {
            let f = p.to_str().expect("UTF-8 path");
            assert_eq!(run(&["show", f]).0, 0, "show {f}");
            assert_eq!(run(&["show", "--present", f]).0, 0, "show --present {f}");
            assert_eq!(run(&["score", f]).0, 0, "score {f}");
        }
    }
}
