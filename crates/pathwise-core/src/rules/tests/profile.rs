//! The profile file: the built-in default, inheritance, validation, errors.

use super::*;
use std::path::PathBuf;

fn data(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../data/profiles")
        .join(name)
}

fn err(text: &str) -> ProfileError {
    match Profile::from_toml(Path::new("dept.toml"), text) {
        Ok(p) => panic!("expected an error, got {p:?}"),
        Err(e) => e,
    }
}

#[test]
fn builtin_is_the_embedded_default_and_matches_readiness_md() {
    let p = Profile::builtin();
    assert_eq!(p, Profile::version_1());
    assert_eq!(p.name, "default");
    assert_eq!((p.min_weeks, p.full_weeks), (6.0, 12.0));
    assert_eq!(p.intractable_pain, 7.0);
    assert_eq!(p.mcid.of(crate::case::Instrument::Ndi), 7.5);
    assert_eq!(p.points.conservative_failure, 40.0);
    assert_eq!(p.points.confounder, 5.0);
    assert_eq!(Profile::default(), p);
}

#[test]
fn default_toml_holds_exactly_the_documented_keys() {
    let table: toml::Table = toml::from_str(BUILTIN_TOML).expect("default.toml is TOML");
    let mut keys: Vec<String> = Vec::new();
    for (k, v) in &table {
        match v.as_table() {
            Some(t) => keys.extend(t.keys().map(|sub| format!("{k}.{sub}"))),
            None => keys.push(k.clone()),
        }
    }
    keys.sort();
    let mut want = vec![
        "name",
        "description",
        "min_weeks",
        "full_weeks",
        "intractable_pain",
        "pain_mcid",
        "failed_injection_relief_percent",
        "failed_injection_relief_weeks",
        "low_adherence_attendance",
        "mcid.odi",
        "mcid.ndi",
        "mcid.quickdash",
        "mcid.lefs",
        "mcid.psfs",
        "points.conservative_failure",
        "points.first_indication",
        "points.further_indication",
        "points.imaging_on_file",
        "points.pt_documented",
        "points.injection_documented",
        "points.medication_trial",
        "points.nerve_study",
        "points.confounder",
    ];
    want.sort();
    assert_eq!(keys, want);
    // the file on disk is the one embedded
    let on_disk = Profile::load(&data("default.toml")).expect("default.toml loads");
    assert_eq!(on_disk, Profile::builtin());
}

#[test]
fn twelve_week_overrides_weeks_and_inherits_the_rest() {
    let p = Profile::load(&data("twelve-week.toml")).expect("twelve-week.toml loads");
    assert_eq!(p.name, "twelve-week");
    assert_eq!((p.min_weeks, p.full_weeks), (12.0, 12.0));
    let d = Profile::builtin();
    assert_eq!(p.mcid, d.mcid);
    assert_eq!(p.points, d.points);
    assert_eq!(p.pain_mcid, d.pain_mcid);
}

#[test]
fn keys_left_out_keep_the_default_and_integers_are_numbers() {
    let p = Profile::from_toml(Path::new("x.toml"), "min_weeks = 8\n[points]\nconfounder = 0\n")
        .expect("a partial profile is valid");
    assert_eq!(p.min_weeks, 8.0);
    assert_eq!(p.points.confounder, 0.0);
    assert_eq!(p.points.conservative_failure, 40.0);
    assert_eq!(p.name, "default");
}

#[test]
fn an_unknown_key_is_an_error_with_its_line_and_the_allowed_keys() {
    let e = err("name = \"dept\"\nmin_week = 3\n");
    assert_eq!((e.line, e.column), (Some(2), Some(1)));
    assert!(e.message.contains("unknown key"), "{}", e.message);
    assert!(e.message.contains("min_weeks"), "{}", e.message);
    assert!(e.to_string().starts_with("dept.toml:2:1: "), "{e}");
    let e = err("[mcid]\nodi = 10\nodx = 3\n");
    assert_eq!(e.line, Some(3));
}

#[test]
fn a_negative_number_is_an_error_naming_the_key() {
    let e = err("name = \"dept\"\n\n[points]\nconfounder = -5\n");
    assert_eq!(e.line, Some(4));
    assert!(e.message.contains("`points.confounder` = -5"), "{}", e.message);
    let e = err("pain_mcid = nan\n");
    assert_eq!(e.line, Some(1));
    assert!(e.message.contains("pain_mcid"), "{}", e.message);
}

#[test]
fn weeks_must_fit_together() {
    let e = err("description = \"x\"\nmin_weeks = 14\n");
    assert_eq!(e.line, Some(2));
    assert!(
        e.message.contains("`min_weeks` = 14 must not exceed `full_weeks` = 12"),
        "{}",
        e.message
    );
    let e = err("min_weeks = 0\nfull_weeks = 0\n");
    assert_eq!(e.line, Some(2));
    assert!(e.message.contains("full_weeks"), "{}", e.message);
}

#[test]
fn errors_never_carry_raw_controls_and_missing_files_say_so() {
    let e = err("\"a\\u001bb\" = 1\n");
    assert!(!e.message.chars().any(crate::text::is_unsafe), "{:?}", e.message);
    assert!(!e.to_string().chars().any(crate::text::is_unsafe));
    let e = Profile::load(&data("no-such-profile.toml")).expect_err("missing file");
    assert_eq!(e.line, None);
    assert!(e.message.starts_with("cannot read the profile"), "{}", e.message);
    assert!(e.to_string().contains("no-such-profile.toml: cannot read"), "{e}");
}
