//! Bad inputs through the library API: every error names the file, the line
//! where TOML gives one, and what is allowed there. Case text is built from
//! one small valid base with targeted substitutions.

use pathwise::case::{Case, CaseError, MedClass, parse_case};
use pathwise::library::{Library, Origin, Source, load_path};
use std::fs;
use std::path::{Path, PathBuf};

/// A small valid case touching every table the bad inputs below need.
/// Every substituted snippet occurs exactly once (checked by `variant`).
const BASE: &str = r#"schema = 1
id = "loader-base"
title = "Loader base case"
region = "lumbar"
tags = ["test"]

[patient]
alias = "Case L"
age = 46
sex = "female"

[presentation]
onset = 2026-01-20
complaint = "Low back pain radiating to the left foot"
initial_diagnosis = "Lumbar strain"
pain_quality = ["burning"]

[[pt]]
start = 2026-01-27
end = 2026-03-10
sessions_planned = 12
sessions_attended = 11
modalities = ["exercise"]
response = "none"

[[workup]]
date = 2026-03-12
test = "mri"
findings = "Large L4-5 extrusion"
lesion = "disc-extrusion"
severity = "severe"

[[medication]]
start = 2026-03-14
drug = "pregabalin"
response = "partial"

[[injection]]
date = 2026-04-02
kind = "epidural-steroid"
relief_percent = 30

[[assessment]]
date = 2026-01-27
pain = 7
function = { instrument = "odi", score = 46 }

[[assessment]]
date = 2026-05-04
pain = 8
strength = { "ankle dorsiflexion" = 4 }
"#;

/// BASE with `from` (which must occur exactly once) replaced by `to`.
fn variant(from: &str, to: &str) -> String {
    assert_eq!(
        BASE.matches(from).count(),
        1,
        "`{from}` must occur exactly once in BASE for a targeted substitution"
    );
    BASE.replacen(from, to, 1)
}

/// A case id made from a file name: `good-1` → `id = "good-1"`.
fn with_id(id: &str) -> String {
    variant(r#"id = "loader-base""#, &format!(r#"id = "{id}""#))
}

/// The 1-based line of the only occurrence of `needle` in `text`.
fn line_of(text: &str, needle: &str) -> usize {
    assert_eq!(
        text.matches(needle).count(),
        1,
        "`{needle}` must occur once in:\n{text}"
    );
    let at = text.find(needle).expect("counted above");
    text[..at].matches('\n').count() + 1
}

/// Parses text that must be valid, with the errors in the panic message.
fn valid(name: &str, text: &str) -> Case {
    let path = PathBuf::from(format!("cases/{name}.toml"));
    match parse_case(&path, text.as_bytes()) {
        Ok(case) => case,
        Err(errors) => panic!("{name} should be valid, got:\n{}", joined(&errors)),
    }
}

/// Parses text that must be invalid; returns its errors.
fn invalid(path: &Path, bytes: &[u8]) -> Vec<CaseError> {
    match parse_case(path, bytes) {
        Ok(case) => panic!("{} should be rejected, parsed as {case:?}", path.display()),
        Err(errors) => {
            assert!(!errors.is_empty(), "{}: rejected with no error", path.display());
            errors
        }
    }
}

fn joined(errors: &[CaseError]) -> String {
    errors.iter().map(|e| format!("{e}\n")).collect()
}

fn has_control(s: &str) -> bool {
    s.chars().any(char::is_control)
}

#[test]
fn base_case_is_valid() {
    let case = valid("base", BASE);
    assert_eq!(case.id, "loader-base");
    assert_eq!(case.pt.len(), 1);
    assert_eq!(case.assessment.len(), 2);
}

/// Where the error must point.
enum At {
    /// The line of this text in the bad variant.
    LineOf(&'static str),
    /// The whole file (no line to give).
    File,
}

struct BadInput {
    name: &'static str,
    from: &'static str,
    to: &'static str,
    /// A substitution of the same spot that is valid (the boundary), proving
    /// the bad one fails for the stated reason.
    valid_to: Option<&'static str>,
    at: At,
    /// Every one of these must appear in the message.
    says: &'static [&'static str],
}

const BAD_INPUTS: &[BadInput] = &[
    BadInput {
        name: "unknown-top-level-key",
        from: "region = \"lumbar\"\n",
        to: "region = \"lumbar\"\ncolour = \"red\"\n",
        valid_to: None,
        at: At::LineOf("colour = \"red\""),
        says: &["unknown key", "`colour`", "allowed", "`title`", "`as_of`"],
    },
    BadInput {
        name: "typo-key-in-pt",
        from: "sessions_planned = 12",
        to: "sesions_planned = 12",
        valid_to: None,
        at: At::LineOf("sesions_planned = 12"),
        says: &[
            "unknown key",
            "`sesions_planned`",
            "allowed",
            "`sessions_planned`",
            "`response`",
        ],
    },
    BadInput {
        name: "wrong-enum-word",
        from: "region = \"lumbar\"",
        to: "region = \"lumbr\"",
        valid_to: Some("region = \"wrist-hand\""),
        at: At::LineOf("region = \"lumbr\""),
        says: &["`lumbr`", "allowed", "`lumbar`", "`cervical`", "`ankle-foot`"],
    },
    BadInput {
        name: "missing-title",
        from: "title = \"Loader base case\"\n",
        to: "",
        valid_to: None,
        at: At::File,
        says: &["missing", "`title`"],
    },
    BadInput {
        name: "wrong-type-age",
        from: "age = 46",
        to: "age = \"forty\"",
        valid_to: Some("age = 40"),
        at: At::LineOf("age = \"forty\""),
        says: &["forty", "expected"],
    },
    BadInput {
        name: "pain-11",
        from: "pain = 7",
        to: "pain = 11",
        valid_to: Some("pain = 10"),
        at: At::LineOf("pain = 11"),
        says: &["pain", "11", "0 to 10"],
    },
    BadInput {
        name: "mrc-grade-6",
        from: "\"ankle dorsiflexion\" = 4",
        to: "\"ankle dorsiflexion\" = 6",
        valid_to: Some("\"ankle dorsiflexion\" = 5"),
        at: At::LineOf("\"ankle dorsiflexion\" = 6"),
        says: &["ankle dorsiflexion", "6", "0 to 5"],
    },
    BadInput {
        name: "age-130",
        from: "age = 46",
        to: "age = 130",
        valid_to: Some("age = 120"),
        at: At::LineOf("age = 130"),
        says: &["age", "130", "0 to 120"],
    },
    BadInput {
        name: "relief-percent-101",
        from: "relief_percent = 30",
        to: "relief_percent = 101",
        valid_to: Some("relief_percent = 100"),
        at: At::LineOf("relief_percent = 101"),
        says: &["relief_percent", "101", "0 to 100"],
    },
    BadInput {
        name: "odi-score-120",
        from: "score = 46",
        to: "score = 120",
        valid_to: Some("score = 100"),
        at: At::LineOf("score = 120"),
        says: &["odi", "120", "0 to 100"],
    },
    BadInput {
        name: "attended-exceeds-planned",
        from: "sessions_attended = 11",
        to: "sessions_attended = 13",
        valid_to: Some("sessions_attended = 12"),
        at: At::LineOf("sessions_attended = 13"),
        says: &["sessions_attended", "13", "sessions_planned", "12"],
    },
    BadInput {
        name: "schema-2",
        from: "schema = 1",
        to: "schema = 2",
        valid_to: None,
        at: At::LineOf("schema = 2"),
        says: &["schema = 2", "schema = 1"],
    },
    BadInput {
        name: "missing-schema",
        from: "schema = 1\n",
        to: "",
        valid_to: None,
        at: At::File,
        says: &["missing", "schema = 1"],
    },
    BadInput {
        name: "unknown-drug-without-class",
        from: "drug = \"pregabalin\"",
        to: "drug = \"unobtainium\"",
        valid_to: Some("drug = \"unobtainium\"\nclass = \"other\""),
        at: At::LineOf("drug = \"unobtainium\""),
        says: &["unobtainium", "`class`", "anticonvulsant"],
    },
    BadInput {
        name: "date-with-time",
        from: "onset = 2026-01-20",
        to: "onset = 2026-01-20T10:00:00",
        valid_to: Some("onset = 2026-01-19"),
        at: At::LineOf("onset = 2026-01-20T10:00:00"),
        says: &["onset", "2026-01-20T10:00:00", "time"],
    },
    BadInput {
        name: "raw-escape-in-string",
        from: "title = \"Loader base case\"",
        to: "title = \"Loader \u{1b}]52;c;aGk=\u{7} case\"",
        // the same characters written with TOML escapes are fine
        valid_to: Some(r#"title = "Loader \u001b]52;c;aGk=\u0007 case""#),
        at: At::LineOf("title = \"Loader \u{1b}"),
        says: &[],
    },
];

#[test]
fn each_bad_input_is_rejected_with_file_line_and_what_is_allowed() {
    valid("base", BASE);
    let mut failures = Vec::new();
    for bad in BAD_INPUTS {
        if let Some(ok) = bad.valid_to {
            valid(&format!("{}-valid", bad.name), &variant(bad.from, ok));
        }
        let text = variant(bad.from, bad.to);
        let path = PathBuf::from(format!("cases/{}.toml", bad.name));
        let errors = invalid(&path, text.as_bytes());
        let mut problems = Vec::new();
        // one mistake may be seen more than once (a string with two raw
        // escapes), but only at the place of the mistake
        let e = &errors[0];
        if errors.iter().any(|other| other.line != e.line) {
            problems.push(format!("expected errors at one line only, got {}", errors.len()));
        }
        let shown = e.to_string();
        if e.path != path {
            problems.push(format!("error names {} instead of the file", e.path.display()));
        }
        match bad.at {
            At::LineOf(needle) => {
                let line = line_of(&text, needle);
                if e.line != Some(line) {
                    problems.push(format!("expected line {line}, got {:?}", e.line));
                }
                let prefix = format!("{}:{line}:", path.display());
                if !shown.starts_with(&prefix) {
                    problems.push(format!("display should start with `{prefix}`"));
                }
            }
            At::File => {
                if !shown.starts_with(&format!("{}:", path.display())) {
                    problems.push("display should start with the path".to_string());
                }
            }
        }
        for word in bad.says {
            if !e.message.contains(word) {
                problems.push(format!("message lacks `{word}`"));
            }
        }
        if has_control(&shown) {
            problems.push("message holds a raw control character".to_string());
        }
        if !problems.is_empty() {
            failures.push(format!(
                "{}: {}\n  got: {}",
                bad.name,
                problems.join("; "),
                joined(&errors)
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn raw_escape_byte_in_a_string_is_invalid_toml_and_never_echoed_raw() {
    let text = variant(
        "title = \"Loader base case\"",
        "title = \"a\u{1b}[2J\u{1b}]52;c;aGk=\u{7}b\"",
    );
    let path = Path::new("cases/escape.toml");
    let errors = invalid(path, text.as_bytes());
    for e in &errors {
        assert!(!has_control(&e.message), "raw control in message: {:?}", e.message);
        assert!(
            !has_control(&e.to_string()),
            "raw control in display: {:?}",
            e.to_string()
        );
        assert_eq!(e.path, path);
    }
    assert_eq!(errors[0].line, Some(line_of(&text, "title = ")));
}

#[test]
fn non_utf8_bytes_are_reported_with_their_line() {
    let text = variant(
        "complaint = \"Low back pain radiating to the left foot\"",
        "complaint = \"Low back pain radiating to the left foot MARK\"",
    );
    let line = line_of(&text, "MARK");
    let mut bytes = text.into_bytes();
    let at = bytes.windows(4).position(|w| w == b"MARK").expect("marker");
    bytes.splice(at..at + 4, [0xff, 0xfe]);
    let path = Path::new("cases/latin1.toml");
    let errors = invalid(path, &bytes);
    assert_eq!(errors.len(), 1, "{}", joined(&errors));
    let e = &errors[0];
    assert_eq!(e.path, path);
    assert_eq!(e.line, Some(line), "{e}");
    assert!(e.message.contains("UTF-8"), "{e}");
    assert!(e.to_string().starts_with(&format!("cases/latin1.toml:{line}:")), "{e}");
}

#[test]
fn control_characters_written_as_toml_escapes_are_kept_in_the_case() {
    let case = valid(
        "escaped",
        &variant("title = \"Loader base case\"", r#"title = "a\u001b]52;c;aGk=\u0007b""#),
    );
    assert_eq!(case.title, "a\u{1b}]52;c;aGk=\u{7}b");
}

/// Writes `text` to `dir/rel`, creating folders.
fn write(dir: &Path, rel: &str, text: impl AsRef<[u8]>) -> PathBuf {
    let path = dir.join(rel);
    fs::create_dir_all(path.parent().expect("has a parent")).expect("create folder");
    fs::write(&path, text).expect("write file");
    path
}

#[test]
fn oversized_file_is_rejected_with_the_1_mib_limit_and_others_still_load() {
    let dir = tempfile::tempdir().expect("temp dir");
    // a valid case padded with comments past 1 MiB: only the size is wrong
    let mut big = with_id("big-case");
    let pad = format!("# {}\n", "x".repeat(1000));
    while big.len() <= 1024 * 1024 {
        big.push_str(&pad);
    }
    let big_path = write(dir.path(), "big.toml", &big);
    write(dir.path(), "small.toml", with_id("small-case"));
    let (cases, errors, _) = load_path(dir.path());
    let ids: Vec<&str> = cases.iter().map(|l| l.case.id.as_str()).collect();
    assert_eq!(ids, ["small-case"]);
    assert_eq!(errors.len(), 1, "{}", joined(&errors));
    assert_eq!(errors[0].path, big_path);
    assert!(errors[0].message.contains("1 MiB"), "{}", errors[0]);
    assert!(errors[0].to_string().contains("big.toml"), "{}", errors[0]);
}

#[test]
fn duplicate_ids_are_both_reported_naming_each_other_and_neither_loads() {
    let dir = tempfile::tempdir().expect("temp dir");
    let a = write(dir.path(), "a.toml", with_id("same-id"));
    let b = write(dir.path(), "sub/b.toml", with_id("same-id"));
    write(dir.path(), "other.toml", with_id("other-id"));
    let (cases, errors, withheld) = load_path(dir.path());
    let ids: Vec<&str> = cases.iter().map(|l| l.case.id.as_str()).collect();
    assert_eq!(ids, ["other-id"], "neither duplicate may load");
    assert_eq!(withheld.len(), 2);
    assert_eq!(errors.len(), 2, "{}", joined(&errors));
    for (this, other) in [(&a, &b), (&b, &a)] {
        let e = errors
            .iter()
            .find(|e| &e.path == this)
            .unwrap_or_else(|| panic!("no error for {}:\n{}", this.display(), joined(&errors)));
        assert!(e.message.contains("same-id"), "{e}");
        assert!(
            e.message.contains(&*other.to_string_lossy()),
            "error for {} should name {}: {e}",
            this.display(),
            other.display()
        );
    }
}

#[test]
fn folder_with_three_good_and_two_bad_files_loads_three_and_reports_two() {
    let dir = tempfile::tempdir().expect("temp dir");
    write(dir.path(), "good-1.toml", with_id("good-1"));
    write(dir.path(), "good-2.toml", with_id("good-2"));
    write(dir.path(), "deeper/good-3.toml", with_id("good-3"));
    write(dir.path(), "notes.txt", "not a case");
    let bad_top = write(
        dir.path(),
        "bad-region.toml",
        variant("region = \"lumbar\"", "region = \"lumbr\""),
    );
    let bad_sub_text = variant("pain = 7", "pain = 11");
    let bad_sub = write(dir.path(), "deeper/still/bad-pain.toml", &bad_sub_text);
    let library = Library::load(Source::dir(Origin::Flag, dir.path()));
    let mut ids: Vec<&str> = library.cases.iter().map(|l| l.case.id.as_str()).collect();
    ids.sort();
    assert_eq!(ids, ["good-1", "good-2", "good-3"]);
    assert_eq!(library.failed_files(), 2, "{}", joined(&library.errors));
    let mut bad_paths: Vec<&Path> = library.errors.iter().map(|e| e.path.as_path()).collect();
    bad_paths.sort();
    bad_paths.dedup();
    let mut expected = vec![bad_top.as_path(), bad_sub.as_path()];
    expected.sort();
    assert_eq!(bad_paths, expected);
    let sub_error = library.errors.iter().find(|e| e.path == bad_sub).expect("reported");
    assert_eq!(sub_error.line, Some(line_of(&bad_sub_text, "pain = 11")), "{sub_error}");
}

#[test]
fn symlink_loop_is_reported_not_fatal() {
    let dir = tempfile::tempdir().expect("temp dir");
    let root = dir.path().join("library");
    write(&root, "good.toml", with_id("good"));
    write(&root, "sub/also-good.toml", with_id("also-good"));
    let link = root.join("sub").join("back-to-root");
    std::os::unix::fs::symlink(&root, &link).expect("symlink");
    let (cases, errors, withheld) = load_path(&root);
    let mut ids: Vec<&str> = cases.iter().map(|l| l.case.id.as_str()).collect();
    ids.sort();
    // each case once: the loop is not followed round again
    assert_eq!(ids, ["also-good", "good"], "{}", joined(&errors));
    assert!(withheld.is_empty(), "the loop must not make duplicates");
    assert!(
        errors.iter().any(|e| e.path == link && e.message.contains("loop")),
        "the loop should be reported at {}:\n{}",
        link.display(),
        joined(&errors)
    );
}

#[test]
fn events_in_any_order_come_out_sorted_by_date() {
    // later events written first, earlier ones appended at the end
    let mut text = variant("date = 2026-01-27\npain = 7", "date = 2026-04-20\npain = 7");
    text.push_str(
        r#"
[[assessment]]
date = 2026-01-21
pain = 6

[[pt]]
start = 2026-01-21
end = 2026-01-25

[[injection]]
date = 2026-03-01
kind = "facet-steroid"

[[medication]]
start = 2026-01-22
drug = "naproxen"
"#,
    );
    let case = valid("shuffled", &text);
    let assess: Vec<String> = case.assessment.iter().map(|a| a.date.to_string()).collect();
    assert_eq!(assess, ["2026-01-21", "2026-04-20", "2026-05-04"]);
    let pt: Vec<String> = case.pt.iter().map(|p| p.start.to_string()).collect();
    assert_eq!(pt, ["2026-01-21", "2026-01-27"]);
    let inj: Vec<String> = case.injection.iter().map(|i| i.date.to_string()).collect();
    assert_eq!(inj, ["2026-03-01", "2026-04-02"]);
    let med: Vec<String> = case.medication.iter().map(|m| m.start.to_string()).collect();
    assert_eq!(med, ["2026-01-22", "2026-03-14"]);
    let dates: Vec<_> = case.events().into_iter().map(|r| case.event_date(r)).collect();
    assert!(dates.windows(2).all(|w| w[0] <= w[1]), "events out of order: {dates:?}");
    assert_eq!(dates.len(), 10);
}

#[test]
fn as_of_defaults_to_the_latest_date_anywhere_in_the_file() {
    let base = valid("base", BASE);
    assert_eq!(base.as_of.to_string(), "2026-05-04", "latest assessment");
    assert!(!base.as_of_explicit);

    // a medication end after every other date
    let ended = valid(
        "med-end",
        &variant("drug = \"pregabalin\"", "drug = \"pregabalin\"\nend = 2026-06-01"),
    );
    assert_eq!(ended.as_of.to_string(), "2026-06-01");

    // a diagnosis revision after every other date
    let revised = valid(
        "revised",
        &variant(
            "initial_diagnosis = \"Lumbar strain\"",
            "initial_diagnosis = \"Lumbar strain\"\nworking_diagnosis = \"L5 radiculopathy\"\ndiagnosis_revised_on = 2026-07-15",
        ),
    );
    assert_eq!(revised.as_of.to_string(), "2026-07-15");

    // an explicit as_of wins, even before later events
    let explicit = valid(
        "explicit",
        &variant("tags = [\"test\"]", "tags = [\"test\"]\nas_of = 2026-04-01"),
    );
    assert_eq!(explicit.as_of.to_string(), "2026-04-01");
    assert!(explicit.as_of_explicit);
}

#[test]
fn formulary_infers_class_from_drug_name_in_a_parsed_file() {
    let cases = [
        ("diclofenac gel 1%", MedClass::TopicalNsaid),
        ("diclofenac 50 mg", MedClass::Nsaid),
        ("  Diclofenac Gel 1%  ", MedClass::TopicalNsaid),
        ("pregabalin", MedClass::Anticonvulsant),
    ];
    for (drug, class) in cases {
        let text = variant("drug = \"pregabalin\"", &format!("drug = \"{drug}\""));
        let case = valid("formulary", &text);
        let m = &case.medication[0];
        assert_eq!(m.class, class, "class of {drug:?}");
        assert!(m.class_inferred, "{drug:?}: class should be marked as inferred");
    }
    // an explicit class is kept, not inferred
    let text = variant(
        "drug = \"pregabalin\"",
        "drug = \"diclofenac gel 1%\"\nclass = \"nsaid\"",
    );
    let m = &valid("explicit-class", &text).medication[0];
    assert_eq!(m.class, MedClass::Nsaid);
    assert!(!m.class_inferred);
}

/// A template copied with nine different mistakes (a wrong word, a wrong
/// type, a missing key, an unknown key, a value out of range, a key that
/// needs another, …) is reported whole in one run of `validate`, each
/// located, each with the nearest allowed word where one is close.
#[test]
fn validate_reports_all_nine_mistakes_of_a_file_in_one_run() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/nine-mistakes.toml");
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_pathwise"))
        .arg("validate")
        .arg(&path)
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(1));
    let stdout = String::from_utf8_lossy(&out.stdout);
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(lines.len(), 9, "{stdout}");
    let shown = path.display().to_string();
    for l in &lines {
        let rest = l.strip_prefix(&format!("{shown}:")).unwrap_or_else(|| panic!("{l}"));
        let mut parts = rest.splitn(3, ':');
        let line: usize = parts.next().and_then(|n| n.parse().ok()).expect("a line");
        let col: usize = parts.next().and_then(|n| n.parse().ok()).expect("a column");
        assert!(line > 0 && col > 0, "{l}");
    }
    let expect = [
        ("`region`: unknown word `lumbr`", Some("did you mean `lumbar`?")),
        ("[patient] `age`: expected a whole number, found a string \"46\"", None),
        ("missing required key `initial_diagnosis` in [presentation]", None),
        (
            "[presentation] `pain_quality`: unknown word `shootin`",
            Some("did you mean `shooting`?"),
        ),
        (
            "unknown key `sesions_planned` in [[pt]] #2",
            Some("did you mean `sessions_planned`?"),
        ),
        (
            "[[pt]] #2 `hep_adherence`: unknown word `mostly`; allowed: `none`, `low`, `partial`, `good`",
            None,
        ),
        ("[[workup]] #1 `severity` grades `lesion`", None),
        ("[[assessment]] #1 `pain` = 11 is out of range; allowed: 0 to 10", None),
        (
            "unknown key `unit` in [[assessment]] #1 `function`; allowed: `instrument`, `score`",
            None,
        ),
    ];
    for (said, near) in expect {
        let line = lines
            .iter()
            .find(|l| l.contains(said))
            .unwrap_or_else(|| panic!("no error says {said:?}:\n{stdout}"));
        if let Some(near) = near {
            assert!(line.contains(near), "{line}");
        }
    }
}

#[test]
fn a_duplicate_key_is_named_and_deep_nesting_is_located() {
    let dup = invalid(
        Path::new("dup.toml"),
        b"schema = 1\nid = \"a\"\ntitle = \"x\"\nid = \"b\"\n",
    );
    let e = dup
        .iter()
        .find(|e| e.message.contains("duplicate key"))
        .expect("duplicate key");
    assert!(e.message.contains("duplicate key `id`"), "{e}");
    assert_eq!((e.line, e.column), (Some(4), Some(1)));
    // a syntax error leaves no claim of missing keys behind it
    assert!(
        !dup.iter().any(|e| e.message.contains("missing required key")),
        "{dup:?}"
    );
    let deep = format!("schema = 1\nx = {}{}\n", "[".repeat(200), "]".repeat(200));
    let errors = invalid(Path::new("deep.toml"), deep.as_bytes());
    let e = errors
        .iter()
        .find(|e| e.message.contains("nested too deeply"))
        .expect("nesting");
    assert_eq!(e.line, Some(2), "{e}");
    assert!(e.column.is_some(), "{e}");
}
