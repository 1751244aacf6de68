//! The real `pathwise` binary: subcommands, exit codes (0 ok, 1 invalid
//! data, 2 usage), the `score --json` contract and terminal safety. Every
//! run is isolated from the developer's own config, library and data folder.

use serde_json::Value;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

/// The worked example of SCHEMA.md, verbatim.
const WORKED_EXAMPLE: &str = include_str!("../fixtures/schema-example.toml");

/// READINESS.md's criteria, in the contract's order.
/// The fourteen criteria of READINESS.md version 2, in its order.
const CRITERIA: [&str; 14] = [
    "red-flags",
    "progressive-deficit",
    "severe-weakness",
    "myelopathy",
    "conservative-failure",
    "instability",
    "structural-lesion",
    "intractable-pain",
    "entrapment",
    "imaging-on-file",
    "pt-documented",
    "injection-documented",
    "medication-trial",
    "nerve-study",
];

/// Every band and every next step of READINESS.md version 2.
const BANDS: [&str; 6] = ["post-op", "emergency", "urgent", "ready", "approaching", "not-ready"];
const NEXT_STEPS: [&str; 11] = [
    "post-op-rehab",
    "emergency-referral",
    "urgent-referral",
    "surgical-consult",
    "workup",
    "physical-therapy",
    "continue-conservative",
    "re-evaluate-pt",
    "pharmacology",
    "pain-medicine",
    "injection",
];

/// An OSC 52 clipboard write, as TOML escapes and as the characters.
const OSC52_TOML: &str = r"\u001b]52;c;aGVsbG8=\u0007";
const OSC52: &str = "\u{1b}]52;c;aGVsbG8=\u{7}";

struct Run {
    code: i32,
    stdout: String,
    stderr: String,
}

impl Run {
    fn show(&self) -> String {
        format!(
            "exit {}\n--- stdout\n{}\n--- stderr\n{}",
            self.code, self.stdout, self.stderr
        )
    }

    fn json(&self) -> Value {
        serde_json::from_str(&self.stdout).unwrap_or_else(|e| panic!("stdout is not JSON ({e}):\n{}", self.show()))
    }
}

fn crate_root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn sample_dir() -> PathBuf {
    crate_root().join("data").join("cases")
}

/// Runs the binary in `cwd` (a temp dir when `None`) with a config file
/// that does not exist, no PATHWISE_LIBRARY, and a home and data folder
/// inside a temp dir, so no developer setup leaks in.
fn run_in(cwd: Option<&Path>, args: &[&str]) -> Run {
    let home = tempfile::tempdir().expect("temp dir");
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_pathwise"));
    cmd.args(args)
        .env("PATHWISE_CONFIG", home.path().join("no-such-dir").join("config.toml"))
        .env_remove("PATHWISE_LIBRARY")
        .env("HOME", home.path())
        .env("XDG_DATA_HOME", home.path().join("data"))
        .env("XDG_CONFIG_HOME", home.path().join("config"))
        .current_dir(cwd.unwrap_or(home.path()));
    let out = cmd.output().expect("run pathwise");
    Run {
        code: out.status.code().expect("exited, not killed by a signal"),
        stdout: String::from_utf8(out.stdout).expect("stdout is UTF-8"),
        stderr: String::from_utf8(out.stderr).expect("stderr is UTF-8"),
    }
}

fn run(args: &[&str]) -> Run {
    run_in(None, args)
}

fn ok(args: &[&str]) -> Run {
    let r = run(args);
    assert_eq!(r.code, 0, "pathwise {args:?}\n{}", r.show());
    r
}

fn path_str(p: &Path) -> &str {
    p.to_str().expect("UTF-8 path")
}

/// The ids of the sample files, read from the files themselves.
fn sample_ids() -> Vec<String> {
    let mut ids: Vec<String> = fs::read_dir(sample_dir())
        .expect("data/cases")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
        .map(|p| {
            let text = fs::read_to_string(&p).expect("read sample");
            let line = text
                .lines()
                .find(|l| l.starts_with("id = \""))
                .unwrap_or_else(|| panic!("{} has no id line", p.display()));
            line.trim_start_matches("id = \"").trim_end_matches('"').to_string()
        })
        .collect();
    ids.sort();
    ids
}

/// `YYYY-MM-DD` anywhere in the text (the regex `\d{4}-\d{2}-\d{2}`).
fn find_date(text: &str) -> Option<&str> {
    let b = text.as_bytes();
    let shape = |w: &[u8]| {
        w.iter().enumerate().all(|(i, c)| {
            if i == 4 || i == 7 {
                *c == b'-'
            } else {
                c.is_ascii_digit()
            }
        })
    };
    (0..b.len().saturating_sub(9))
        .find(|&i| shape(&b[i..i + 10]))
        .map(|i| &text[i..i + 10])
}

/// The keys of the top-level JSON object, in the order they are written.
fn top_level_keys(json: &str) -> Vec<String> {
    let mut keys = Vec::new();
    let mut depth = 0;
    let mut chars = json.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '{' | '[' => depth += 1,
            '}' | ']' => depth -= 1,
            '"' => {
                let mut s = String::new();
                while let Some(c) = chars.next() {
                    match c {
                        '\\' => {
                            s.push(c);
                            s.extend(chars.next());
                        }
                        '"' => break,
                        c => s.push(c),
                    }
                }
                while chars.peek().is_some_and(|c| c.is_whitespace()) {
                    chars.next();
                }
                if depth == 1 && chars.peek() == Some(&':') {
                    keys.push(s);
                }
            }
            _ => {}
        }
    }
    keys
}

fn write_temp(dir: &Path, name: &str, text: &str) -> PathBuf {
    let path = dir.join(name);
    fs::write(&path, text).expect("write temp file");
    path
}

fn criterion<'a>(v: &'a Value, id: &str) -> &'a Value {
    v["criteria"]
        .as_array()
        .expect("criteria array")
        .iter()
        .find(|c| c["id"] == id)
        .unwrap_or_else(|| panic!("no criterion {id} in {v}"))
}

fn raw_controls(s: &str) -> Vec<char> {
    s.chars().filter(|c| c.is_control() && *c != '\n').collect()
}

// ---------------------------------------------------------------- list

#[test]
fn list_prints_every_sample_case_and_exits_0() {
    let ids = sample_ids();
    assert!(
        ids.len() >= 32,
        "the sample library holds at least 32 cases: {}",
        ids.len()
    );
    let r = ok(&["list"]);
    let listed: Vec<&str> = r
        .stdout
        .lines()
        .skip(1)
        .filter_map(|l| l.split_whitespace().next())
        .collect();
    let mut listed_sorted = listed.clone();
    listed_sorted.sort();
    assert_eq!(listed_sorted, ids, "{}", r.show());
    assert!(r.stderr.contains(&format!("{} cases", ids.len())), "{}", r.show());
}

#[test]
fn list_json_is_an_array_of_case_objects_with_id_title_region_band_score() {
    let r = ok(&["list", "--json"]);
    let v = r.json();
    let items = v.as_array().expect("a JSON array");
    assert!(items.len() >= 16, "only {} cases", items.len());
    for item in items {
        for key in ["id", "title", "region"] {
            assert!(item[key].as_str().is_some_and(|s| !s.is_empty()), "{key} in {item}");
        }
        let band = item["band"].as_str().expect("band");
        assert!(BANDS.contains(&band), "band {band} in {item}");
        let step = item["next_step"].as_str().expect("next step");
        assert!(NEXT_STEPS.contains(&step), "next step {step} in {item}");
        let score = item["score"].as_u64().expect("integer score");
        assert!(score <= 100, "{item}");
    }
}

// ---------------------------------------------------------------- show

const TRACKS: [&str; 7] = [
    "Physical therapy",
    "Workup",
    "Medication",
    "Injections",
    "Assessments",
    "Consults",
    "Surgery",
];

/// The dates of the event lines ("  2026-01-27  …") under each track
/// heading, in the order printed.
fn track_dates(out: &str) -> Vec<(String, Vec<String>)> {
    let mut tracks: Vec<(String, Vec<String>)> = Vec::new();
    for line in out.lines() {
        if TRACKS.contains(&line) {
            tracks.push((line.to_string(), Vec::new()));
        } else if let Some((_, dates)) = tracks.last_mut() {
            if let Some(rest) = line.strip_prefix("  ") {
                if !rest.starts_with(' ') {
                    if let Some(d) = find_date(rest).filter(|d| rest.starts_with(*d)) {
                        dates.push(d.to_string());
                    }
                }
            }
        }
    }
    tracks
}

#[test]
fn show_prints_alias_presentation_and_each_track_with_dates_in_order() {
    let id = "lumbar-s1-sequestered-fragment";
    let listed = ok(&["list", "--json"]).json();
    let alias = listed
        .as_array()
        .expect("array")
        .iter()
        .find(|c| c["id"] == id)
        .and_then(|c| c["alias"].as_str())
        .expect("the sample is listed with an alias")
        .to_string();
    let r = ok(&["show", id]);
    assert!(r.stdout.contains(&alias), "alias {alias}\n{}", r.show());
    assert!(r.stdout.lines().any(|l| l == "Presentation"), "{}", r.show());
    let tracks = track_dates(&r.stdout);
    let names: Vec<&str> = tracks.iter().map(|(n, _)| n.as_str()).collect();
    for heading in ["Physical therapy", "Workup", "Medication", "Injections", "Assessments"] {
        assert!(names.contains(&heading), "no {heading} track\n{}", r.show());
    }
    let order: Vec<usize> = names
        .iter()
        .map(|n| TRACKS.iter().position(|t| t == n).expect("known"))
        .collect();
    assert!(order.windows(2).all(|w| w[0] < w[1]), "tracks out of order: {names:?}");
    for (name, dates) in &tracks {
        assert!(!dates.is_empty(), "{name} shows no dated event\n{}", r.show());
        assert!(dates.windows(2).all(|w| w[0] <= w[1]), "{name}: {dates:?}");
    }
}

#[test]
fn show_sorts_events_written_out_of_order() {
    let dir = tempfile::tempdir().expect("temp dir");
    // the later assessment first in the file
    let first = "[[assessment]]\ndate = 2026-01-27\npain = 7\nfunction = { instrument = \"odi\", score = 46 }\n\n";
    let shuffled = format!("{}\n{first}", WORKED_EXAMPLE.replacen(first, "", 1));
    assert_ne!(shuffled, WORKED_EXAMPLE, "the substitution applied");
    let file = write_temp(dir.path(), "shuffled.toml", &shuffled);
    let r = ok(&["show", path_str(&file)]);
    let tracks = track_dates(&r.stdout);
    let (_, dates) = tracks
        .iter()
        .find(|(n, _)| n == "Assessments")
        .unwrap_or_else(|| panic!("no Assessments track\n{}", r.show()));
    assert_eq!(dates, &["2026-01-27", "2026-05-04"]);
}

/// Every note written in a sample (pt, medication, injection, assessment,
/// consult, surgery and lifestyle notes).
fn sample_notes(id: &str) -> Vec<String> {
    let path = sample_dir().join(format!("{id}.toml"));
    let bytes = fs::read(&path).expect("sample file named after its id");
    let case = pathwise::case::parse_case(&path, &bytes).expect("samples are valid");
    let mut notes: Vec<Option<String>> = Vec::new();
    notes.extend(case.pt.iter().map(|e| e.note.clone()));
    notes.extend(case.medication.iter().map(|e| e.note.clone()));
    notes.extend(case.injection.iter().map(|e| e.note.clone()));
    notes.extend(case.assessment.iter().map(|e| e.note.clone()));
    notes.extend(case.consult.iter().map(|e| e.note.clone()));
    notes.extend(case.surgery.iter().map(|e| e.note.clone()));
    notes.push(case.lifestyle.and_then(|l| l.note));
    notes.into_iter().flatten().filter(|n| n.len() >= 12).collect()
}

#[test]
fn show_present_hides_every_note() {
    let mut leaks = Vec::new();
    let mut notes_seen = 0;
    for id in sample_ids() {
        let r = ok(&["show", "--present", &id]);
        let notes = sample_notes(&id);
        notes_seen += notes.len();
        for note in notes {
            if r.stdout.contains(&note) {
                leaks.push(format!("{id}: {note}"));
            }
        }
        if r.stdout.contains("note ") {
            assert!(r.stdout.contains("hidden while presenting"), "{}", r.show());
        }
    }
    assert!(notes_seen > 0, "the samples hold notes to hide");
    assert!(leaks.is_empty(), "notes shown while presenting:\n{}", leaks.join("\n"));
}

#[test]
fn show_present_prints_no_calendar_date() {
    let mut leaks = Vec::new();
    for id in sample_ids() {
        let r = ok(&["show", "--present", &id]);
        assert!(r.stdout.contains("wk "), "week offsets expected\n{}", r.show());
        for line in r.stdout.lines() {
            if let Some(d) = find_date(line) {
                leaks.push(format!("{id}: {d} in `{}`", line.trim()));
            }
        }
    }
    assert!(
        leaks.is_empty(),
        "calendar dates shown while presenting:\n{}",
        leaks.join("\n")
    );
}

#[test]
fn show_without_present_prints_calendar_dates() {
    // the date check above must be able to see a date
    let r = ok(&["show", "lumbar-s1-sequestered-fragment"]);
    assert!(find_date(&r.stdout).is_some(), "{}", r.show());
}

// ---------------------------------------------------------------- score

#[test]
fn score_json_of_the_worked_example_matches_readiness_md() {
    let dir = tempfile::tempdir().expect("temp dir");
    let file = write_temp(dir.path(), "example.toml", WORKED_EXAMPLE);
    let r = ok(&["score", path_str(&file), "--json"]);
    let v = r.json();
    assert_eq!(v["id"], "l5-radiculopathy-extrusion");
    assert_eq!(v["as_of"], "2026-05-04");
    assert_eq!(v["score"], 95, "{}", r.stdout);
    assert_eq!(v["band"], "ready");
    assert_eq!(v["next_step"], "surgical-consult");
    assert_eq!(v["documented_weeks"].as_f64(), Some(13.9));
    let ids: Vec<&str> = v["criteria"]
        .as_array()
        .expect("criteria")
        .iter()
        .map(|c| c["id"].as_str().expect("id"))
        .collect();
    assert_eq!(ids, CRITERIA);
    assert_eq!(v["rules_version"], 2);
    assert_eq!(v["profile"], "default");
    assert_eq!(v["evaluated_on"], "2026-05-04");
    // READINESS.md: the extrusion explains the symptoms; no screen on file
    assert_eq!(criterion(&v, "nerve-study")["status"], "not-applicable");
    assert_eq!(criterion(&v, "red-flags")["status"], "unknown");
    let cautions: Vec<&str> = v["cautions"]
        .as_array()
        .expect("cautions")
        .iter()
        .map(|c| c["id"].as_str().expect("id"))
        .collect();
    assert_eq!(cautions, ["red-flags-not-screened"]);
    let points = |id: &str| criterion(&v, id)["points"].as_f64().expect("points");
    assert_eq!(points("conservative-failure"), 40.0);
    assert_eq!(points("structural-lesion"), 25.0);
    assert_eq!(points("intractable-pain"), 5.0);
    assert_eq!(points("imaging-on-file"), 10.0);
    assert_eq!(points("pt-documented"), 5.0);
    assert_eq!(points("injection-documented"), 5.0);
    assert_eq!(points("medication-trial"), 5.0);
    assert_eq!(v["confounders"], Value::Array(Vec::new()));
    for c in v["criteria"].as_array().expect("criteria") {
        for key in ["status", "points", "detail", "evidence", "basis"] {
            assert!(!c[key].is_null(), "{key} missing in {c}");
        }
    }
}

#[test]
fn score_json_keys_are_in_the_contract_order() {
    let dir = tempfile::tempdir().expect("temp dir");
    let file = write_temp(dir.path(), "example.toml", WORKED_EXAMPLE);
    let r = ok(&["score", path_str(&file), "--json"]);
    assert_eq!(
        top_level_keys(&r.stdout),
        [
            "id",
            "rules_version",
            "profile",
            "as_of",
            "evaluated_on",
            "score",
            "band",
            "next_step",
            "next_step_detail",
            "documented_weeks",
            "criteria",
            "confounders",
            "cautions"
        ],
        "{}",
        r.stdout
    );
}

#[test]
fn score_all_json_covers_every_band_and_next_step() {
    let r = ok(&["score", "--all", "--json"]);
    let v = r.json();
    let items = v.as_array().expect("array");
    assert_eq!(items.len(), sample_ids().len());
    let bands: Vec<&str> = items.iter().map(|c| c["band"].as_str().expect("band")).collect();
    let steps: Vec<&str> = items.iter().map(|c| c["next_step"].as_str().expect("step")).collect();
    for band in BANDS {
        assert!(bands.contains(&band), "no sample is {band}: {bands:?}");
    }
    for step in NEXT_STEPS {
        assert!(steps.contains(&step), "no sample has next step {step}: {steps:?}");
    }
    for item in items {
        let ids: Vec<&str> = item["criteria"]
            .as_array()
            .expect("criteria")
            .iter()
            .map(|c| c["id"].as_str().expect("id"))
            .collect();
        assert_eq!(ids, CRITERIA, "{}", item["id"]);
    }
}

#[test]
fn score_text_shows_score_band_and_next_step() {
    let dir = tempfile::tempdir().expect("temp dir");
    let file = write_temp(dir.path(), "example.toml", WORKED_EXAMPLE);
    let r = ok(&["score", path_str(&file)]);
    assert!(r.stdout.contains("95"), "{}", r.show());
    assert!(r.stdout.to_lowercase().contains("ready"), "{}", r.show());
    assert!(r.stdout.contains("Next step"), "{}", r.show());
    for id in CRITERIA {
        assert!(r.stdout.contains(id), "criterion {id} not shown\n{}", r.show());
    }
}

#[test]
fn score_of_an_invalid_file_prints_the_error_on_stderr_only_and_exits_1() {
    let dir = tempfile::tempdir().expect("temp dir");
    let bad = WORKED_EXAMPLE.replacen("pain = 8", "pain = 11", 1);
    assert_ne!(bad, WORKED_EXAMPLE);
    let file = write_temp(dir.path(), "bad.toml", &bad);
    let line = bad.lines().position(|l| l == "pain = 11").expect("line") + 1;
    for args in [vec!["score", path_str(&file)], vec!["score", path_str(&file), "--json"]] {
        let r = run(&args);
        assert_eq!(r.code, 1, "{}", r.show());
        assert_eq!(r.stdout, "", "nothing on stdout\n{}", r.show());
        let expected = format!("{}:{line}:", file.display());
        assert!(r.stderr.contains(&expected), "expected `{expected}`\n{}", r.show());
    }
}

#[test]
fn score_without_a_case_or_all_is_a_usage_error() {
    let r = run(&["score"]);
    assert_eq!(r.code, 2, "{}", r.show());
    assert_eq!(r.stdout, "");
    assert!(!r.stderr.is_empty());
}

#[test]
fn unknown_case_id_is_a_usage_error_with_a_message() {
    for sub in ["score", "show"] {
        let r = run(&[sub, "no-such-case"]);
        assert_eq!(r.code, 2, "{sub}\n{}", r.show());
        assert_eq!(r.stdout, "", "{sub}");
        assert!(r.stderr.contains("no-such-case"), "{sub}\n{}", r.show());
    }
}

#[test]
fn a_case_is_found_by_its_alias_and_a_typo_gets_the_nearest_ids() {
    let by_id = ok(&["score", "knee-acl-rupture-before-pt", "--json"]);
    let alias = {
        let v: serde_json::Value = serde_json::from_str(&ok(&["list", "--json"]).stdout).expect("json");
        let case = v
            .as_array()
            .and_then(|a| a.iter().find(|c| c["id"] == "knee-acl-rupture-before-pt"))
            .expect("listed")
            .clone();
        case["alias"].as_str().expect("alias").to_string()
    };
    // as people say it, in any case
    let by_alias = ok(&["score", &alias.to_uppercase(), "--json"]);
    assert_eq!(by_alias.stdout, by_id.stdout);
    let r = run(&["show", "knee-alc-rupture"]);
    assert_eq!(r.code, 2, "{}", r.show());
    assert!(
        r.stderr.contains("did you mean \"knee-acl-rupture-before-pt\""),
        "{}",
        r.show()
    );
}

#[test]
fn show_and_score_read_a_file_whose_name_is_not_utf8() {
    use std::os::unix::ffi::OsStrExt;
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join(std::ffi::OsStr::from_bytes(b"case-\xff.toml"));
    std::fs::write(&path, WORKED_EXAMPLE).expect("write");
    for sub in ["show", "score"] {
        let out = Command::new(env!("CARGO_BIN_EXE_pathwise"))
            .arg(sub)
            .arg(&path)
            .output()
            .expect("runs");
        assert_eq!(
            out.status.code(),
            Some(0),
            "{sub}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(String::from_utf8_lossy(&out.stdout).contains("Case A"), "{sub}");
    }
}

// ---------------------------------------------------------------- terminal safety

/// The worked example with an OSC 52 write (TOML escapes) in the title and
/// in the workup level, which the structural-lesion detail quotes.
fn hostile_case() -> String {
    let text = WORKED_EXAMPLE
        .replacen(
            "title = \"L5 radiculopathy, large L4-5 extrusion, 14 weeks failed care\"",
            &format!("title = \"Evil {OSC52_TOML} title\""),
            1,
        )
        .replacen("level = \"L4-5\"\n", &format!("level = \"L4-5{OSC52_TOML}\"\n"), 1);
    assert_eq!(text.matches(OSC52_TOML).count(), 2, "both substitutions applied");
    text
}

#[test]
fn escape_sequences_in_case_text_never_reach_stdout_raw() {
    let dir = tempfile::tempdir().expect("temp dir");
    let lib = dir.path().join("lib");
    fs::create_dir(&lib).expect("lib");
    let file = write_temp(&lib, "hostile.toml", &hostile_case());
    let file = path_str(&file);
    let lib = path_str(&lib);
    for args in [
        vec!["show", file],
        vec!["show", "l5-radiculopathy-extrusion", "--library", lib],
        vec!["list", "--library", lib],
        vec!["score", file],
    ] {
        let r = run(&args);
        assert_eq!(r.code, 0, "{args:?}\n{}", r.show());
        assert!(
            r.stdout.contains("52;c;aGVsbG8="),
            "{args:?}: the text is shown\n{}",
            r.show()
        );
        assert!(
            !r.stdout.contains('\u{1b}') && !r.stdout.contains('\u{7}'),
            "{args:?}: raw ESC or BEL on stdout: {:?}",
            r.stdout
        );
        assert!(raw_controls(&r.stderr).is_empty(), "{args:?}: raw control on stderr");
    }
}

#[test]
fn json_output_escapes_controls_and_round_trips_the_original_text() {
    let dir = tempfile::tempdir().expect("temp dir");
    let lib = dir.path().join("lib");
    fs::create_dir(&lib).expect("lib");
    let file = write_temp(&lib, "hostile.toml", &hostile_case());

    let r = ok(&["score", path_str(&file), "--json"]);
    assert!(raw_controls(&r.stdout).is_empty(), "raw control in {:?}", r.stdout);
    assert!(
        r.stdout.contains(r"\u001b") && r.stdout.contains(r"\u0007"),
        "{}",
        r.stdout
    );
    let v = r.json();
    let detail = criterion(&v, "structural-lesion")["detail"].as_str().expect("detail");
    assert!(
        detail.contains(&format!("L4-5{OSC52}")),
        "original text kept: {detail:?}"
    );

    let r = ok(&["list", "--json", "--library", path_str(&lib)]);
    assert!(raw_controls(&r.stdout).is_empty(), "raw control in {:?}", r.stdout);
    assert!(
        r.stdout.contains(r"\u001b") && r.stdout.contains(r"\u0007"),
        "{}",
        r.stdout
    );
    let v = r.json();
    assert_eq!(v[0]["title"].as_str(), Some(format!("Evil {OSC52} title").as_str()));
}

// ---------------------------------------------------------------- validate

#[test]
fn validate_data_folder_from_the_crate_root_exits_0() {
    let r = run_in(Some(crate_root()), &["validate", "data/"]);
    assert_eq!(r.code, 0, "{}", r.show());
    assert_eq!(r.stdout, "", "no errors to print\n{}", r.show());
}

/// A copy of the sample cases in a temp folder.
fn copy_samples(to: &Path) {
    fs::create_dir_all(to).expect("create copy");
    for entry in fs::read_dir(sample_dir()).expect("data/cases") {
        let path = entry.expect("entry").path();
        if path.is_file() {
            fs::copy(&path, to.join(path.file_name().expect("name"))).expect("copy");
        }
    }
}

#[test]
fn validate_reports_a_broken_file_as_file_line_col_message_and_exits_1() {
    let dir = tempfile::tempdir().expect("temp dir");
    let copy = dir.path().join("cases");
    copy_samples(&copy);
    let broken_text = WORKED_EXAMPLE
        .replacen("id = \"l5-radiculopathy-extrusion\"", "id = \"broken-case\"", 1)
        .replacen("region = \"lumbar\"", "region = \"lumbr\"", 1);
    let broken = write_temp(&copy, "broken.toml", &broken_text);
    let line = broken_text
        .lines()
        .position(|l| l == "region = \"lumbr\"")
        .expect("line")
        + 1;

    let r = run(&["validate", path_str(&copy)]);
    assert_eq!(r.code, 1, "{}", r.show());
    let prefix = format!("{}:{line}:", broken.display());
    let reported = r
        .stdout
        .lines()
        .find(|l| l.starts_with(&prefix))
        .unwrap_or_else(|| panic!("no `{prefix}col: message` line\n{}", r.show()));
    let rest = &reported[prefix.len()..];
    let (col, message) = rest.split_once(": ").expect("col: message");
    assert!(col.parse::<usize>().is_ok_and(|c| c >= 1), "column {col:?}");
    assert!(message.contains("lumbr") && message.contains("lumbar"), "{message}");
    assert_eq!(
        r.stdout.lines().count(),
        1,
        "only the broken file is reported\n{}",
        r.show()
    );
}

#[test]
fn list_of_a_library_with_a_broken_file_lists_the_good_cases_and_exits_1() {
    let dir = tempfile::tempdir().expect("temp dir");
    let copy = dir.path().join("cases");
    copy_samples(&copy);
    let broken = write_temp(
        &copy,
        "broken.toml",
        &WORKED_EXAMPLE.replacen("pain = 7", "pain = 70", 1),
    );
    let r = run(&["list", "--library", path_str(&copy)]);
    assert_eq!(r.code, 1, "{}", r.show());
    for id in sample_ids() {
        assert!(r.stdout.contains(&id), "{id} not listed\n{}", r.show());
    }
    assert!(!r.stdout.contains("l5-radiculopathy-extrusion"), "{}", r.show());
    assert!(
        r.stderr.contains(&*broken.to_string_lossy()),
        "the broken file is reported\n{}",
        r.show()
    );
}

#[test]
fn template_output_is_itself_a_valid_case() {
    let r = ok(&["template"]);
    assert!(r.stdout.contains("schema = 1"), "{}", r.show());
    let dir = tempfile::tempdir().expect("temp dir");
    let file = write_temp(dir.path(), "template-case.toml", &r.stdout);
    let v = run(&["validate", path_str(&file)]);
    assert_eq!(v.code, 0, "{}", v.show());
    assert_eq!(v.stdout, "", "{}", v.show());
    ok(&["score", path_str(&file), "--json"]).json();
}

// ---------------------------------------------------------------- profiles

#[test]
fn twelve_week_profile_turns_conservative_failure_under_12_weeks_to_not_met() {
    let all = ok(&["score", "--all", "--json"]).json();
    let pick = all
        .as_array()
        .expect("array")
        .iter()
        .find(|c| {
            let weeks = c["documented_weeks"].as_f64().unwrap_or(0.0);
            (6.0..12.0).contains(&weeks) && criterion(c, "conservative-failure")["status"] == "met"
        })
        .expect("a sample with 6 to 11 documented weeks and failure met by default");
    let id = pick["id"].as_str().expect("id");
    let profile = crate_root().join("data").join("profiles").join("twelve-week.toml");
    let r = ok(&["--profile", path_str(&profile), "score", id, "--json"]);
    let v = r.json();
    let c = criterion(&v, "conservative-failure");
    assert_eq!(c["status"], "not-met", "{id}: {c}");
    assert_eq!(c["points"].as_f64(), Some(0.0), "{id}: {c}");
    assert!(
        v["score"].as_i64() < pick["score"].as_i64() || pick["score"] == 100,
        "{id}: the score should drop from {} (got {})",
        pick["score"],
        v["score"]
    );
}

#[test]
fn bad_profile_exits_1_naming_its_path_and_line() {
    let dir = tempfile::tempdir().expect("temp dir");
    let profile = write_temp(
        dir.path(),
        "bad-profile.toml",
        "name = \"bad\"\nrules_version = 2\nmin_weks = 6.0\n",
    );
    let r = run(&["--profile", path_str(&profile), "score", "--all", "--json"]);
    assert_eq!(r.code, 1, "{}", r.show());
    assert_eq!(r.stdout, "", "{}", r.show());
    let expected = format!("{}:3:", profile.display());
    assert!(r.stderr.contains(&expected), "expected `{expected}`\n{}", r.show());
    assert!(
        r.stderr.contains("min_weks") && r.stderr.contains("min_weeks"),
        "{}",
        r.show()
    );
}

// ---------------------------------------------------------------- help, library

#[test]
fn help_works_on_every_subcommand() {
    let top = ok(&["--help"]);
    for sub in ["list", "show", "score", "validate", "template"] {
        assert!(top.stdout.contains(sub), "top-level help lists {sub}\n{}", top.show());
        let r = ok(&[sub, "--help"]);
        assert!(r.stdout.contains(&format!("pathwise {sub}")), "{sub}\n{}", r.show());
    }
}

#[test]
fn library_folder_that_does_not_exist_is_reported() {
    let dir = tempfile::tempdir().expect("temp dir");
    let missing = dir.path().join("no-such-library");
    let r = run(&["list", "--library", path_str(&missing)]);
    assert_ne!(r.code, 0, "{}", r.show());
    assert!(r.stderr.contains(path_str(&missing)), "{}", r.show());
    assert!(
        !r.stdout.contains("lumbar-s1-sequestered-fragment"),
        "no fallback to the samples"
    );
}

// ---------------------------------------------------------------- the checkers themselves

#[test]
fn date_and_key_order_checkers_see_what_they_look_for() {
    assert_eq!(find_date("wk 3 · 2026-01-27 pt"), Some("2026-01-27"));
    assert_eq!(find_date("wk 3, 2026-1-27, L4-5"), None);
    assert_eq!(
        top_level_keys(r#"{"b": {"x": 1, "y": [{"z": 2}]}, "a": "k\"ey: v", "c": []}"#),
        ["b", "a", "c"]
    );
}

/// A reader that stops early (`| head`) ends every streaming command
/// quietly with 0, the JSON ones as the text ones: the output is far larger
/// than the pipe and the buffered writer, so the write fails mid-stream.
#[test]
fn a_reader_that_stops_early_ends_the_streams_quietly() {
    use std::io::Read;
    use std::process::Stdio;
    let dir = tempfile::tempdir().expect("temp dir");
    pathwise::generate::generate(300, 7, dir.path()).expect("generate");
    let lib = path_str(dir.path());
    for args in [
        &["list"][..],
        &["list", "--json"],
        &["score", "--all"],
        &["score", "--all", "--json"],
    ] {
        let home = tempfile::tempdir().expect("temp dir");
        let mut child = Command::new(env!("CARGO_BIN_EXE_pathwise"))
            .arg("--library")
            .arg(lib)
            .args(args)
            .env("PATHWISE_CONFIG", home.path().join("none.toml"))
            .env_remove("PATHWISE_LIBRARY")
            .env("HOME", home.path())
            .env("XDG_DATA_HOME", home.path().join("data"))
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("run pathwise");
        let mut first = [0u8; 16];
        let mut stdout = child.stdout.take().expect("stdout");
        stdout.read_exact(&mut first).expect("some output");
        drop(stdout);
        let out = child.wait_with_output().expect("wait");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(0), "{args:?} after the reader left: {stderr}");
        assert!(!stderr.contains("cannot write"), "{args:?}: {stderr}");
    }
}
