//! Profiles: the built-in default, every v2 key, the three shipped
//! profiles, located errors, and a profile for another rules version.

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

const V2: &str = "rules_version = 2\n";

#[test]
fn builtin_is_the_embedded_default_and_matches_readiness_md() {
    let p = Profile::builtin();
    assert_eq!(p, Profile::version_2());
    assert_eq!(p.name, "default");
    assert_eq!(Profile::load(&data("default.toml")).expect("loads"), p);
    assert_eq!(
        (p.red_flag_window_weeks, p.mjoa_mcid, p.severe_weakness_grade),
        (6.0, 2.0, 2.0)
    );
    assert_eq!((p.min_weeks, p.full_weeks, p.lookback_weeks), (6.0, 12.0, 26.0));
    assert_eq!((p.pain_mcid, p.relative_mcid, p.intractable_pain), (2.0, 0.30, 7.0));
    assert_eq!(
        (
            p.injection_result_days,
            p.injection_relief_percent,
            p.injection_relief_weeks
        ),
        (14, 50.0, 4.0)
    );
    assert_eq!(
        (
            p.relief_assumed_weeks,
            p.block_positive_percent,
            p.medication_trial_days
        ),
        (12.0, 80.0, 14)
    );
    assert_eq!(
        (p.low_adherence_attendance, p.hba1c_caution, p.bmi_caution),
        (0.7, 8.0, 40.0)
    );
    assert_eq!(p.neuropathic_agent_regions, crate::case::Region::ALL);
    assert_eq!(p.points.confounder, 5.0);
}

#[test]
fn default_toml_writes_every_key() {
    let table: toml::Table = toml::from_str(BUILTIN_TOML).expect("TOML");
    let mut keys: Vec<String> = Vec::new();
    for (k, v) in &table {
        match v.as_table() {
            Some(t) => keys.extend(t.keys().map(|sub| format!("{k}.{sub}"))),
            None => keys.push(k.clone()),
        }
    }
    assert_eq!(keys.len(), 2 + 1 + 19 + 5 + 9, "{keys:?}");
}

#[test]
fn twelve_week_and_nice_ng59_override_and_inherit() {
    let p = Profile::load(&data("twelve-week.toml")).expect("loads");
    assert_eq!(
        (p.name.as_str(), p.min_weeks, p.full_weeks),
        ("twelve-week", 12.0, 12.0)
    );
    assert_eq!(p.points, Profile::builtin().points);
    let p = Profile::load(&data("nice-ng59.toml")).expect("loads");
    assert_eq!(p.name, "nice-ng59");
    assert!(!p.neuropathic_agents_in(crate::case::Region::Lumbar));
    assert!(p.neuropathic_agents_in(crate::case::Region::Cervical));
    assert_eq!(p.neuropathic_agent_regions.len(), 9);
    for (name, _) in SHIPPED {
        let p = Profile::resolve(Path::new(name)).expect("shipped by name");
        assert_eq!(p.name, *name);
    }
}

#[test]
fn twelve_week_profile_needs_12_weeks() {
    let body = format!(
        "{PT}{}{}",
        assessment("2026-01-01", "pain = 7"),
        assessment("2026-03-25", "pain = 7")
    );
    let c = case("lumbar", "", "", &body);
    let twelve = Profile::shipped("twelve-week").expect("shipped");
    assert_eq!(st(&eval(&c), CriterionId::ConservativeFailure), Status::Met);
    assert_eq!(st(&with(&c, &twelve), CriterionId::ConservativeFailure), Status::NotMet);
}

#[test]
fn keys_left_out_keep_the_default() {
    let p = Profile::from_toml(
        Path::new("x.toml"),
        &format!("{V2}min_weeks = 8\nmedication_trial_days = 21\n[points]\nconfounder = 0\n"),
    )
    .expect("valid");
    assert_eq!(
        (p.min_weeks, p.medication_trial_days, p.points.confounder),
        (8.0, 21, 0.0)
    );
    assert_eq!(p.points.conservative_failure, 40.0);
}

#[test]
fn a_misspelt_key_is_an_error_at_its_line_naming_the_allowed_keys() {
    let e = err(&format!("{V2}name = \"dept\"\nmin_week = 3\n"));
    assert_eq!((e.line, e.column), (Some(3), Some(1)));
    assert!(
        e.message.contains("unknown key") && e.message.contains("min_weeks"),
        "{}",
        e.message
    );
    assert!(!e.message.contains("failed_injection"), "{}", e.message);
    assert!(e.to_string().starts_with("dept.toml:3:1: "), "{e}");
    let e = err(&format!("{V2}[mcid]\nodi = 10\nodx = 3\n"));
    assert_eq!(e.line, Some(4));
}

#[test]
fn a_version_1_profile_is_refused_with_what_changed() {
    let e = err("rules_version = 1\nfailed_injection_relief_percent = 50\n");
    assert_eq!(e.line, Some(1));
    assert!(e.message.contains("rules version 1"), "{}", e.message);
    assert!(
        e.message
            .contains("`failed_injection_relief_percent` → `injection_relief_percent`"),
        "{}",
        e.message
    );
    // the v1 default, with no rules_version at all
    let e = err("name = \"old\"\nmin_weeks = 6.0\nfailed_injection_relief_weeks = 4.0\n");
    assert!(e.message.contains("rules_version = 2"), "{}", e.message);
    assert!(e.message.contains("renamed"), "{}", e.message);
    let e = err("rules_version = 3\n");
    assert!(e.message.contains("not known"), "{}", e.message);
    // a renamed key in a version 2 profile
    let e = err(&format!("{V2}failed_injection_relief_weeks = 4\n"));
    assert_eq!(e.line, Some(2));
    assert!(
        e.message.contains("renamed it `injection_relief_weeks`"),
        "{}",
        e.message
    );
}

#[test]
fn bad_values_are_errors_naming_the_key() {
    let e = err(&format!("{V2}[points]\nconfounder = -5\n"));
    assert_eq!(e.line, Some(3));
    assert!(
        e.message.contains("[points] `confounder` = -5 is out of range"),
        "{}",
        e.message
    );
    let e = err(&format!("{V2}injection_result_days = 10.5\n"));
    assert!(
        e.message.contains("`injection_result_days`: expected a whole number"),
        "{}",
        e.message
    );
    let e = err(&format!("{V2}neuropathic_agent_regions = [\"lumbar\", \"neck\"]\n"));
    assert_eq!(e.line, Some(2));
    assert!(
        e.message.contains("`neck`") && e.message.contains("wrist-hand"),
        "{}",
        e.message
    );
    let e = err(&format!("{V2}min_weeks = 14\n"));
    assert!(e.message.contains("must not exceed `full_weeks` = 12"), "{}", e.message);
}

#[test]
fn errors_never_carry_raw_controls_and_missing_files_say_so() {
    let e = err("\"a\\u001bb\" = 1\n");
    assert!(!e.to_string().chars().any(crate::text::is_unsafe));
    let e = Profile::load(&data("no-such-profile.toml")).expect_err("missing file");
    assert!(e.message.starts_with("cannot read"), "{}", e.message);
}
