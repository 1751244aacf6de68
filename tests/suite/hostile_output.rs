//! A hostile case through every output path. Every free-text field of the
//! case holds an OSC 52 clipboard write, cursor movement and a screen
//! clear, a title change, a C1 CSI, DEL, NUL and bidi overrides (written
//! with TOML escapes, as the format allows); a broken file has a hostile
//! file name, and bad values echoed in error messages are hostile too.
//! Whatever pathwise prints or draws must hold none of these characters
//! raw, and must show them as visible escapes (`^[`, `\u{9b}`), not drop
//! them silently.

use crate::common::Tmux;
use crate::common::console::{Opts, app_with, key};

use pathwise::case::parse_case;
use pathwise::library::{Library, Origin, Source};
use pathwise::rules::{Options, Profile, evaluate, to_json};
use pathwise::text::{is_bidi_control, is_unsafe};
use pathwise::theme::Depth;
use pathwise::tui::app::{App, Msg};
use pathwise::tui::view;
use ratatui::buffer::Buffer;
use ratatui::crossterm::event::KeyCode;
use serde_json::Value;
use std::ffi::OsString;
use std::os::unix::ffi::OsStringExt;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::thread::sleep;
use std::time::{Duration, Instant};

/// The attack, as TOML escapes: an OSC 52 clipboard write ("rm -rf ~"),
/// clear screen and cursor home, an OSC 0 title change, a C1 CSI, DEL,
/// bidi overrides (RLO, LRI), NUL and a CR LF. Each control is followed by
/// a marker word so a control dropped instead of escaped is detectable.
const PAYLOAD: &str = r"\u001b]52;c;cm0gLXJmIH4=\u0007|\u001b[2J\u001b[H|\u001b]0;PWNED\u0007|\u009b31m|\u007f|\u202eRLO|\u2066LRI|\u0000NUL|\r\nCRLF";

/// The same characters, as they are once parsed.
const RAW: &str = "\u{1b}]52;c;cm0gLXJmIH4=\u{7}|\u{1b}[2J\u{1b}[H|\u{1b}]0;PWNED\u{7}|\u{9b}31m|\u{7f}|\u{202e}RLO|\u{2066}LRI|\u{0}NUL|\r\nCRLF";

/// What the payload must look like on screen: escaped, visibly.
const VISIBLE: &[&str] = &[
    "^[]52;c;cm0gLXJmIH4=^G",
    "^[[2J^[[H",
    "^[]0;PWNED^G",
    "\\u{9b}31m",
    "|^?|",
    "\\u{202e}RLO",
    "\\u{2066}LRI",
    "^@NUL",
];

/// What it would look like had a control been dropped instead of escaped
/// (ratatui silently drops control characters from what it draws).
const DROPPED: &[&str] = &["|[2J", "|]0;PWNED", "|31m", "||", "|RLO", "|LRI", "|NUL"];

/// A valid case with the payload in every free-text field. `{P}` is
/// replaced by the payload; each field starts with its own label.
const HOSTILE_CASE: &str = r#"schema = 1
id = "hostile"
title = "TITLE {P}"
region = "lumbar"
tags = ["TAG {P}", "disc"]
summary = "SUMMARY {P}"
teaching_points = ["TEACH {P}"]
as_of = 2026-05-04

[patient]
alias = "ALIAS {P}"
age = 46
sex = "female"
occupation = "OCCUPATION {P}"

[presentation]
onset = 2026-01-20
complaint = "COMPLAINT {P}"
initial_diagnosis = "INITIALDX {P}"
working_diagnosis = "WORKINGDX {P}"
diagnosis_revised_on = 2026-03-12
pain_quality = ["burning", "shooting"]

[lifestyle]
sleep = "poor"
note = "LIFESTYLE {P}"

[[pt]]
start = 2026-01-27
end = 2026-03-10
provider = "PROVIDER {P}"
sessions_planned = 12
sessions_attended = 11
modalities = ["exercise", "manual"]
hep_adherence = "good"
barriers = ["BARRIER {P}", "time"]
response = "none"
note = "PTNOTE {P}"

[[workup]]
date = 2026-03-12
test = "mri"
site = "SITE {P}"
findings = "FINDINGS {P}"
lesion = "disc-extrusion"
level = "LEVEL {P}"
severity = "severe"
nerve = "NERVE {P}"

[[medication]]
start = 2026-03-14
drug = "DRUG {P}"
class = "anticonvulsant"
dose = "DOSE {P}"
target = "neuropathic"
response = "partial"
side_effects = "SIDEFX {P}"
note = "MEDNOTE {P}"

[[injection]]
date = 2026-04-02
kind = "epidural-steroid"
level = "INJLEVEL {P}"
relief_percent = 30
relief_weeks = 1
note = "INJNOTE {P}"

[[assessment]]
date = 2026-01-27
pain = 7
function = { instrument = "odi", score = 46 }
strength = { "MUSCLE {P}" = 5 }
numbness = ["NUMB {P}"]
note = "ASSESSNOTE {P}"

[[assessment]]
date = 2026-05-04
pain = 8
function = { instrument = "odi", score = 52 }
strength = { "MUSCLE {P}" = 4 }
red_flags = ["REDFLAG {P}"]

[[consult]]
date = 2026-04-20
specialty = "spine-surgery"
outcome = "OUTCOME {P}"
note = "CONSULTNOTE {P}"

[[surgery]]
date = 2026-06-01
procedure = "PROCEDURE {P}"
note = "SURGERYNOTE {P}"
"#;

/// The name of the broken file: an SGR colour change, a newline, a bidi
/// override and BEL (Linux file names may hold all of them).
const HOSTILE_NAME: &[u8] = b"bad\x1b[31m\nname\xe2\x80\xae\x07.toml";
/// How that name must be shown.
const HOSTILE_NAME_SHOWN: &str = "bad^[[31m^Jname\\u{202e}^G.toml";

fn hostile_case_text() -> String {
    HOSTILE_CASE.replace("{P}", PAYLOAD)
}

/// A library folder (whose own name is hostile) with the hostile case, a
/// broken file with a hostile name whose bad value is hostile, a file
/// whose unknown key is hostile, and one naming an unknown hostile drug.
struct Hostile {
    _tmp: tempfile::TempDir,
    dir: PathBuf,
    /// A plain-named symlink to `dir`, for typing into a shell.
    link: PathBuf,
    case_file: PathBuf,
    broken_file: PathBuf,
}

fn hostile_library() -> Hostile {
    let tmp = tempfile::tempdir().expect("temp dir");
    let dir = tmp.path().join("lib\u{1b}]0;PWNED\u{7}\u{202e}");
    std::fs::create_dir(&dir).expect("hostile folder name");
    let case_file = dir.join("hostile.toml");
    std::fs::write(&case_file, hostile_case_text()).expect("write");
    let broken_file = dir.join(OsString::from_vec(HOSTILE_NAME.to_vec()));
    let broken = hostile_case_text()
        .replace("id = \"hostile\"", "id = \"broken\"")
        .replace("region = \"lumbar\"", &format!("region = \"REGION {PAYLOAD}\""));
    std::fs::write(&broken_file, broken).expect("a file name with ESC and a newline");
    let unknown_key = hostile_case_text()
        .replace("id = \"hostile\"", "id = \"unknown-key\"")
        .replace("[patient]\n", &format!("[patient]\n\"KEY {PAYLOAD}\" = 1\n"));
    std::fs::write(dir.join("unknown-key.toml"), unknown_key).expect("write");
    let unknown_drug = hostile_case_text()
        .replace("id = \"hostile\"", "id = \"unknown-drug\"")
        .replace("class = \"anticonvulsant\"\n", "");
    std::fs::write(dir.join("unknown-drug.toml"), unknown_drug).expect("write");
    let link = tmp.path().join("plain-link");
    std::os::unix::fs::symlink(&dir, &link).expect("symlink");
    Hostile {
        _tmp: tmp,
        dir,
        link,
        case_file,
        broken_file,
    }
}

/// The characters that must never come out raw: C0 controls but tab and
/// newline, DEL, C1 controls, and bidi controls.
fn forbidden(c: char) -> bool {
    (c.is_control() && c != '\n' && c != '\t') || is_bidi_control(c)
}

fn assert_clean(what: &str, s: &str) {
    let bad: Vec<(usize, char)> = s.char_indices().filter(|&(_, c)| forbidden(c)).collect();
    assert!(
        bad.is_empty(),
        "{what}: raw control characters {bad:?} in:\n{}",
        s.escape_debug()
    );
}

fn assert_visible(what: &str, s: &str) {
    for v in VISIBLE {
        assert!(s.contains(v), "{what}: the payload is not shown as {v:?}:\n{s}");
    }
    for d in DROPPED {
        assert!(
            !s.contains(d),
            "{what}: a control was dropped instead of escaped ({d:?}):\n{s}"
        );
    }
}

// ------------------------------------------------------------ the binary

struct Run {
    code: i32,
    stdout: String,
    stderr: String,
}

/// Runs the binary isolated from the developer's setup; stdout and stderr
/// must be UTF-8 and hold no raw control.
fn pathwise(args: &[&std::ffi::OsStr], config: Option<&Path>) -> Run {
    let home = tempfile::tempdir().expect("temp dir");
    let config = config.map_or_else(|| home.path().join("none").join("config.toml"), Path::to_path_buf);
    let out = Command::new(env!("CARGO_BIN_EXE_pathwise"))
        .args(args)
        .env("PATHWISE_CONFIG", config)
        .env_remove("PATHWISE_LIBRARY")
        .env("HOME", home.path())
        .env("XDG_DATA_HOME", home.path().join("data"))
        .env("XDG_CONFIG_HOME", home.path().join("config"))
        .current_dir(home.path())
        .output()
        .expect("run pathwise");
    let run = Run {
        code: out.status.code().expect("exited, not killed by a signal"),
        stdout: String::from_utf8(out.stdout).expect("stdout is UTF-8"),
        stderr: String::from_utf8(out.stderr).expect("stderr is UTF-8"),
    };
    let what = format!("{args:?}");
    assert_clean(&format!("{what} stdout"), &run.stdout);
    assert_clean(&format!("{what} stderr"), &run.stderr);
    assert_ne!(run.code, 101, "{what} panicked:\n{}", run.stderr);
    run
}

fn os(s: &str) -> &std::ffi::OsStr {
    std::ffi::OsStr::new(s)
}

fn lib_args<'a>(h: &'a Hostile, rest: &[&'a str]) -> Vec<&'a std::ffi::OsStr> {
    let mut v: Vec<&std::ffi::OsStr> = rest.iter().map(|s| os(s)).collect();
    v.push(os("--library"));
    v.push(h.dir.as_os_str());
    v
}

/// The hostile case as parsed, scored in-process: what the JSON must hold.
fn expected_json() -> Value {
    let case =
        parse_case(Path::new("hostile.toml"), hostile_case_text().as_bytes()).expect("the hostile case is valid");
    assert!(case.title.contains(RAW), "TOML escapes decode to the raw controls");
    let r = evaluate(&case, &Profile::builtin(), &Options::default());
    to_json(&case, &r)
}

#[test]
fn list_prints_escapes_not_controls() {
    let h = hostile_library();
    let r = pathwise(&lib_args(&h, &["list"]), None);
    assert_eq!(r.code, 1, "broken files make the exit code 1:\n{}", r.stderr);
    // a table row: one line, so the newline in the data is escaped too
    let row = r
        .stdout
        .lines()
        .find(|l| l.starts_with("hostile "))
        .expect("the hostile row");
    assert!(row.contains("TITLE ^[]52;c;"), "{row}");
    assert!(
        row.contains("^M^JCRLF"),
        "newlines in a title are escaped in a table: {row}"
    );
    assert_visible("list", row);
    assert!(r.stderr.contains(HOSTILE_NAME_SHOWN), "{}", r.stderr);
    assert!(
        r.stderr.contains("lib^[]0;PWNED^G\\u{202e}"),
        "the folder name: {}",
        r.stderr
    );
}

#[test]
fn list_json_is_safe_and_round_trips_the_strings() {
    let h = hostile_library();
    let r = pathwise(&lib_args(&h, &["list", "--json"]), None);
    assert!(r.stdout.contains("\\u001b") && r.stdout.contains("\\u009b") && r.stdout.contains("\\u202e"));
    let items: Value = serde_json::from_str(&r.stdout).expect("valid JSON");
    let item = items
        .as_array()
        .expect("an array")
        .iter()
        .find(|i| i["id"] == "hostile")
        .expect("the hostile case");
    assert_eq!(item["title"], format!("TITLE {RAW}"));
    assert_eq!(item["alias"], format!("ALIAS {RAW}"));
    assert_eq!(item["tags"][0], format!("TAG {RAW}"));
}

#[test]
fn show_prints_escapes_not_controls() {
    let h = hostile_library();
    let r = pathwise(&lib_args(&h, &["show", "hostile"]), None);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_visible("show", &r.stdout);
    for label in [
        "TITLE",
        "ALIAS",
        "OCCUPATION",
        "TAG",
        "COMPLAINT",
        "INITIALDX",
        "WORKINGDX",
        "LIFESTYLE",
        "SUMMARY",
        "PROVIDER",
        "BARRIER",
        "PTNOTE",
        "SITE",
        "FINDINGS",
        "LEVEL",
        "NERVE",
        "DRUG",
        "DOSE",
        "SIDEFX",
        "MEDNOTE",
        "INJLEVEL",
        "INJNOTE",
        "MUSCLE",
        "NUMB",
        "ASSESSNOTE",
        "REDFLAG",
        "OUTCOME",
        "CONSULTNOTE",
        "PROCEDURE",
        "SURGERYNOTE",
        "TEACH",
    ] {
        assert!(
            r.stdout.contains(&format!("{label} ^[]52;c;")),
            "{label} is shown, escaped:\n{}",
            r.stdout
        );
    }
    // the case file named by path, as a script would
    let r = pathwise(&[os("show"), h.case_file.as_os_str()], None);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_visible("show FILE", &r.stdout);
}

#[test]
fn show_present_prints_escapes_not_controls() {
    let h = hostile_library();
    let r = pathwise(&lib_args(&h, &["show", "--present", "hostile"]), None);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stdout.contains("TITLE ^[]52;c;"), "{}", r.stdout);
    assert_visible("show --present", &r.stdout);
    assert!(!r.stdout.contains("PTNOTE"), "notes are hidden when presenting");
}

#[test]
fn score_prints_escapes_not_controls() {
    let h = hostile_library();
    let r = pathwise(&lib_args(&h, &["score", "hostile"]), None);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stdout.contains("ALIAS ^[]52;c;"), "{}", r.stdout);
    let r = pathwise(&lib_args(&h, &["--ascii", "score", "hostile"]), None);
    assert_eq!(r.code, 0, "{}", r.stderr);
}

#[test]
fn export_writes_escapes_not_controls_in_markdown_and_json() {
    let h = hostile_library();
    for present in [false, true] {
        let mut args = vec!["export", "hostile", "--format", "markdown"];
        if present {
            args.insert(0, "--present");
        }
        let r = pathwise(&lib_args(&h, &args), None);
        assert_eq!(r.code, 0, "{}", r.stderr);
        assert!(
            r.stdout.contains("^[]52;c;"),
            "the payload is shown, escaped:\n{}",
            r.stdout
        );
        let mut json = args.clone();
        let last = json.len() - 1;
        json[last] = "json";
        let r = pathwise(&lib_args(&h, &json), None);
        assert_eq!(r.code, 0, "{}", r.stderr);
        let v: Value = serde_json::from_str(&r.stdout).expect("valid JSON");
        // the summary serialises the presented views: text as drawn, escaped
        assert!(
            v["title"]
                .as_str()
                .is_some_and(|t| t.contains("TITLE ^[]52;c;") && !t.chars().any(is_unsafe)),
            "JSON holds the presented text: {}",
            v["title"]
        );
    }
    // written to a file, the summary is as clean as on standard output
    let out = h._tmp.path().join("summary.md");
    let r = pathwise(
        &lib_args(&h, &["export", "hostile", "-o", out.to_str().expect("utf-8 path")]),
        None,
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_clean("export -o", &std::fs::read_to_string(&out).expect("written"));
}

#[test]
fn score_json_is_safe_and_round_trips_the_strings() {
    let h = hostile_library();
    let r = pathwise(&lib_args(&h, &["score", "--json", "hostile"]), None);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let got: Value = serde_json::from_str(&r.stdout).expect("valid JSON");
    assert_eq!(got, expected_json(), "the JSON holds the original strings");
    assert!(
        r.stdout.contains("REDFLAG \\u001b]52;c;"),
        "a rule detail quotes the data, escaped:\n{}",
        r.stdout
    );
}

#[test]
fn score_all_json_is_safe_and_round_trips_the_strings() {
    let h = hostile_library();
    let r = pathwise(&lib_args(&h, &["score", "--all", "--json"]), None);
    assert_eq!(r.code, 1, "broken files are reported");
    let all: Value = serde_json::from_str(&r.stdout).expect("valid JSON");
    let got = all
        .as_array()
        .expect("array")
        .iter()
        .find(|c| c["id"] == "hostile")
        .expect("the hostile case");
    assert_eq!(got, &expected_json());
    assert!(r.stderr.contains(HOSTILE_NAME_SHOWN), "{}", r.stderr);
}

#[test]
fn validate_echoes_file_names_and_bad_values_escaped() {
    let h = hostile_library();
    let r = pathwise(&[os("validate"), h.dir.as_os_str()], None);
    assert_eq!(r.code, 1);
    let out = &r.stdout;
    let line = out
        .lines()
        .find(|l| l.contains(HOSTILE_NAME_SHOWN))
        .unwrap_or_else(|| panic!("the hostile file name, escaped, on one line:\n{out}"));
    assert!(
        line.contains("lib^[]0;PWNED^G\\u{202e}/"),
        "the folder, escaped: {line}"
    );
    assert!(line.contains("REGION ^[]52;c;"), "the bad value, escaped: {line}");
    let key = out
        .lines()
        .find(|l| l.contains("unknown-key.toml"))
        .expect("unknown key");
    assert!(key.contains("KEY ^[]52"), "the unknown key, escaped: {key}");
    let drug = out
        .lines()
        .find(|l| l.contains("unknown-drug.toml"))
        .expect("unknown drug");
    assert!(drug.contains("DRUG ^[]52;c;"), "the drug, escaped: {drug}");
    assert_visible("validate (drug)", drug);
    // the broken file named directly, by `validate` and by `show`
    let r = pathwise(&[os("validate"), h.broken_file.as_os_str()], None);
    assert!(r.stdout.contains(HOSTILE_NAME_SHOWN), "{}", r.stdout);
    let r = pathwise(&[os("show"), h.broken_file.as_os_str()], None);
    assert_eq!(r.code, 1);
    assert!(r.stderr.contains(HOSTILE_NAME_SHOWN), "{}", r.stderr);
}

/// An error message may quote an unknown key: it must quote it whole, with
/// the table it was found in after it, not spliced into it.
#[test]
fn an_unknown_key_is_echoed_whole() {
    let h = hostile_library();
    let r = pathwise(&[os("validate"), h.dir.join("unknown-key.toml").as_os_str()], None);
    assert!(
        r.stdout.contains("unknown key `KEY ^[]52;c;cm0gLXJmIH4=^G|"),
        "the key is quoted whole:\n{}",
        r.stdout
    );
}

#[test]
fn arguments_profiles_and_configs_named_by_the_user_are_echoed_escaped() {
    let h = hostile_library();
    // an id that is not in the library
    let r = pathwise(&lib_args(&h, &["show", "nope\u{1b}]0;PWNED\u{7}\u{202e}"]), None);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("nope^[]0;PWNED^G\\u{202e}"), "{}", r.stderr);
    // a profile that does not exist, under a hostile name
    let profile = h.dir.join("no\u{1b}[2Jprofile.toml");
    let r = pathwise(
        &[os("score"), os("--profile"), profile.as_os_str(), os("hostile")],
        None,
    );
    assert_eq!(r.code, 1);
    assert!(r.stderr.contains("no^[[2Jprofile.toml"), "{}", r.stderr);
    // a broken config file under a hostile name, with a hostile bad value
    let config = h.dir.join("config\u{1b}]0;PWNED\u{7}.toml");
    std::fs::write(&config, format!("theme = 1\n\"{PAYLOAD}\" = 2\n")).expect("write");
    let r = pathwise(&[os("list")], Some(&config));
    assert_eq!(r.code, 1);
    assert!(r.stderr.contains("config^[]0;PWNED^G.toml"), "{}", r.stderr);
}

// ------------------------------------------------------ the console, in-process

fn keys(a: &mut App, s: &str) {
    for c in s.chars() {
        key(a, KeyCode::Char(c));
    }
}

/// Renders, fails on any cell holding an unsafe character, and returns
/// the screen as text.
fn screen(a: &App, step: &str) -> String {
    let mut buf = Buffer::empty(a.size);
    view::render(a, a.size, &mut buf);
    let mut out = String::new();
    for y in 0..buf.area.height {
        for x in 0..buf.area.width {
            let s = buf[(x, y)].symbol();
            assert!(
                !s.chars().any(is_unsafe),
                "raw control in cell ({x},{y}) after {step}: {s:?}"
            );
            out.push_str(s);
        }
        out.push('\n');
    }
    out
}

/// Every pane, every event, every criterion, zoomed and not, help and
/// errors, presenting and not: the screens seen, for the caller to check.
fn walk_console(library: &Library, w: u16, h: u16, ascii: bool, present: bool) -> Vec<String> {
    let mut a = app_with(
        library.clone(),
        w,
        h,
        Opts {
            depth: Depth::TrueColor,
            ascii,
            present,
        },
    );
    let mut seen = vec![screen(&a, "start")];
    let (id, _) = a.selected().map(|(c, r)| (c.id.clone(), r.score)).expect("a case");
    assert_eq!(id, "hostile");
    // the case overview in the detail pane (no event selected)
    keys(&mut a, "3");
    seen.push(screen(&a, "detail overview"));
    keys(&mut a, "z");
    seen.push(screen(&a, "detail overview zoomed"));
    keys(&mut a, "z2");
    let n = a.view.events.len();
    assert_eq!(n, 8, "the hostile case has its eight events");
    // focusing the timeline selects the first event; Right walks on
    for i in 0..n {
        assert_eq!(a.view.event, Some(i));
        seen.push(screen(&a, &format!("event {i}")));
        keys(&mut a, "3z");
        seen.push(screen(&a, &format!("event {i} detail zoomed")));
        keys(&mut a, "z2");
        key(&mut a, KeyCode::Right);
    }
    keys(&mut a, "4");
    for i in 0..12 {
        seen.push(screen(&a, &format!("criterion {i}")));
        keys(&mut a, "j");
    }
    keys(&mut a, "z");
    seen.push(screen(&a, "readiness zoomed"));
    keys(&mut a, "z1");
    seen.push(screen(&a, "list"));
    keys(&mut a, "?");
    seen.push(screen(&a, "help"));
    key(&mut a, KeyCode::Esc);
    keys(&mut a, "!");
    for i in 0..8 {
        seen.push(screen(&a, &format!("errors overlay {i}")));
        keys(&mut a, "j");
    }
    key(&mut a, KeyCode::Esc);
    // search for the case, and paste hostile text into the search box
    keys(&mut a, "/TITLE");
    seen.push(screen(&a, "search"));
    // pasted text is the user's, not the file's: its controls are dropped
    // (so it is checked for raw characters only, not for visible escapes)
    a.update(Msg::Paste(RAW.to_string()));
    screen(&a, "pasted into search");
    key(&mut a, KeyCode::Esc);
    a.update(Msg::Resize(w.saturating_sub(1).max(1), h));
    seen.push(screen(&a, "resized"));
    seen
}

fn console_library(h: &Hostile) -> Library {
    let lib = Library::load(Source::dir(Origin::Flag, &h.dir));
    assert_eq!(lib.cases.len(), 1, "{:?}", lib.errors);
    assert_eq!(lib.failed_files(), 3, "{:?}", lib.errors);
    lib
}

#[test]
fn every_pane_renders_escapes_and_no_cell_holds_a_control() {
    let h = hostile_library();
    let lib = console_library(&h);
    for (w, ht) in [(80, 24), (120, 40), (200, 60)] {
        let seen = walk_console(&lib, w, ht, false, false).join("\n");
        assert!(!seen.contains("PWNED\u{7}"));
        if w == 200 {
            assert_visible("console 200x60", &seen);
            for label in [
                "TITLE", "ALIAS", "SUMMARY", "FINDINGS", "DRUG", "MUSCLE", "REDFLAG", "TEACH", "PTNOTE",
            ] {
                // long text wraps, so the label and its payload may sit on two lines
                assert!(seen.contains(label), "{label} is drawn");
                assert!(!seen.contains(&format!("{label} ]52")), "{label}: ESC dropped");
            }
            assert!(
                seen.contains(HOSTILE_NAME_SHOWN),
                "the errors overlay shows the file name escaped"
            );
            assert!(seen.contains("REGION ^[]52;c;"), "and the bad value, escaped");
        }
    }
}

#[test]
fn presenting_and_ascii_consoles_render_no_control() {
    let h = hostile_library();
    let lib = console_library(&h);
    for (ascii, present) in [(false, true), (true, false), (true, true)] {
        let seen = walk_console(&lib, 200, 60, ascii, present).join("\n");
        assert!(seen.contains("TITLE ^[]52;c;"), "ascii {ascii} present {present}");
        if ascii {
            assert!(seen.is_ascii(), "ASCII mode draws only ASCII");
        }
        if present {
            assert!(!seen.contains("PTNOTE"), "notes hidden when presenting");
        }
    }
}

// ------------------------------------------------------- the console, in tmux

#[test]
fn in_tmux_the_title_and_clipboard_are_untouched() {
    let h = hostile_library();
    let Some(t) = Tmux::start("hostile", 160, 48) else {
        return;
    };
    // tmux takes OSC 52 from programs into its paste buffers only when asked
    let on = t.run(&["set-option", "-s", "set-clipboard", "on"]);
    assert!(on.status.success(), "{}", String::from_utf8_lossy(&on.stderr));
    // the controls: a title and a clipboard write from the shell do land, so
    // the checks below can see an injection
    t.shell("printf '\\033]2;CANARY-TITLE\\033\\\\'; printf '\\033]52;c;Q0FOQVJZLUNMSVA=\\007'; clear");
    let until = Instant::now() + Duration::from_secs(5);
    while (t.pane_title() != "CANARY-TITLE" || t.paste_buffer() != "CANARY-CLIP") && Instant::now() < until {
        sleep(Duration::from_millis(50));
    }
    assert_eq!(t.pane_title(), "CANARY-TITLE", "tmux takes titles from the pane");
    assert_eq!(t.paste_buffer(), "CANARY-CLIP", "tmux takes OSC 52 into its buffer");
    let bin = env!("CARGO_BIN_EXE_pathwise");
    t.shell(&format!("clear; {bin} --library {}; echo EXIT=$?", h.link.display()));
    t.wait_for("the console", |s| s.contains("Cases 1/1"));
    for step in ["3", "2"] {
        t.send(&[step]);
    }
    for _ in 0..14 {
        t.send(&["Right"]);
        sleep(Duration::from_millis(30));
    }
    t.wait_for("an event", |s| s.contains("^[]52;c;"));
    t.send(&["4", "j", "j", "j", "z"]);
    t.wait_for("zoomed readiness", |s| s.contains("ZOOM"));
    t.send(&["z", "?"]);
    t.wait_for("help", |s| s.contains("move down in the focused pane"));
    t.send(&["Escape"]);
    t.wait_for("help closed", |s| !s.contains("move down in the focused pane"));
    t.send(&["!"]);
    let s = t.wait_for("the errors", |s| s.contains("Load errors"));
    assert!(s.contains("bad^[[31m^Jname"), "the hostile file name, escaped:\n{s}");
    t.send(&["Escape"]);
    t.wait_for("errors closed", |s| !s.contains("Load errors"));
    t.send(&["p"]);
    t.wait_for("presenting", |s| s.contains("PRESENTING"));
    let s = t.screen();
    assert!(s.contains("^[]52;c;"), "the payload is on screen, escaped:\n{s}");
    assert_eq!(t.pane_title(), "CANARY-TITLE", "the case changed the pane title");
    assert_eq!(t.paste_buffer(), "CANARY-CLIP", "the case wrote to the clipboard");
    t.send(&["q"]);
    t.wait_for("exit", |s| s.contains("EXIT=1") || s.contains("EXIT=0"));
    assert_eq!(t.pane_title(), "CANARY-TITLE", "the pane title after quitting");
    let buffers = t.run(&["list-buffers"]);
    assert_eq!(
        String::from_utf8_lossy(&buffers.stdout).lines().count(),
        1,
        "one paste buffer, the control's"
    );
    assert!(!t.paste_buffer().contains("rm -rf"));
}

/// A calendar date typed into free text is an identifier on a shared
/// screen: presentation mode turns every one into a week offset, in every
/// pane (the title of the timeline pane included).
#[test]
fn presenting_shows_no_calendar_date_typed_into_free_text() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let text = HOSTILE_CASE.replace("{P}", "seen 2026-03-14");
    std::fs::write(tmp.path().join("dated.toml"), text).expect("write");
    let lib = Library::load(Source::dir(Origin::Flag, tmp.path()));
    assert_eq!(lib.cases.len(), 1, "{:?}", lib.errors);
    let has_date = |s: &str| {
        let b = s.as_bytes();
        (0..b.len().saturating_sub(9)).any(|i| {
            b[i..i + 4].iter().all(u8::is_ascii_digit)
                && b[i + 4] == b'-'
                && b[i + 5..i + 7].iter().all(u8::is_ascii_digit)
                && b[i + 7] == b'-'
                && b[i + 8..i + 10].iter().all(u8::is_ascii_digit)
        })
    };
    for (w, h) in [(80, 24), (200, 60)] {
        for (n, s) in walk_console(&lib, w, h, false, true).iter().enumerate() {
            let dated: Vec<&str> = s.lines().filter(|l| has_date(l)).collect();
            assert!(
                dated.is_empty(),
                "{w}x{h} screen {n} shows a calendar date:\n{}",
                dated.join("\n")
            );
        }
    }
}
