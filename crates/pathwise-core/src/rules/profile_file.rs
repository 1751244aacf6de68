//! Reading a profile file over a base profile through the one file reader:
//! every key checked, every mistake located at file:line:col in one run,
//! and a profile for another rules version refused with what changed.

use super::profile::{BUILTIN_TOML, MAX_PROFILE_BYTES, Profile, ProfileError, RULES_VERSION, SHIPPED};
use crate::case::Region;
use crate::file::{Doc, FileError, Table, read_toml};
use std::path::Path;

/// Where a profile comes from: the embedded default, a shipped one by
/// name, or a file.
impl Profile {
    /// The embedded `data/profiles/default.toml`.
    pub fn builtin() -> Profile {
        let base = Profile::version_2();
        over(base.clone(), Path::new("default.toml"), BUILTIN_TOML.as_bytes()).unwrap_or(base)
    }

    /// A shipped profile by name.
    pub fn shipped(name: &str) -> Option<Profile> {
        let (_, text) = SHIPPED.iter().find(|(n, _)| *n == name)?;
        Profile::from_toml(Path::new(&format!("{name}.toml")), text).ok()
    }

    /// A profile file's text: keys left out keep the built-in value;
    /// unknown keys, bad values and another rules version are errors.
    pub fn from_toml(path: &Path, text: &str) -> Result<Profile, ProfileError> {
        over(Profile::builtin(), path, text.as_bytes()).map_err(first)
    }

    /// A profile file, or the name of a shipped one (`default`,
    /// `twelve-week`, `nice-ng59`) when no such file exists, so
    /// `--profile nice-ng59` works from any folder and after `cargo install`.
    pub fn resolve(arg: &Path) -> Result<Profile, ProfileError> {
        if !arg.exists() {
            let name = arg.to_string_lossy();
            if let Some((_, text)) = SHIPPED.iter().find(|(n, _)| *n == name) {
                return Profile::from_toml(Path::new(&format!("{name}.toml")), text);
            }
        }
        Profile::load(arg)
    }

    /// Reads and parses a profile file; the first problem (see
    /// [`Profile::check`] for all of them).
    pub fn load(path: &Path) -> Result<Profile, ProfileError> {
        Profile::check(path).map_err(first)
    }

    /// Reads and parses a profile file through the one file reader: every
    /// problem in it, in the order of the file.
    pub fn check(path: &Path) -> Result<Profile, Vec<ProfileError>> {
        let bytes = crate::file::read_limited(path, MAX_PROFILE_BYTES, "profiles").map_err(|e| vec![e])?;
        over(Profile::builtin(), path, &bytes)
    }
}

/// The first of a file's errors (there is always one).
fn first(errors: Vec<ProfileError>) -> ProfileError {
    errors
        .into_iter()
        .next()
        .unwrap_or_else(|| ProfileError::new(Path::new("profile"), "unreadable"))
}

/// Keys of version 1 that version 2 renamed.
const RENAMED: [(&str, &str); 2] = [
    ("failed_injection_relief_percent", "injection_relief_percent"),
    ("failed_injection_relief_weeks", "injection_relief_weeks"),
];

/// What a version 1 profile needs to become a version 2 one.
fn what_changed() -> String {
    let renamed: Vec<String> = RENAMED.iter().map(|(a, b)| format!("`{a}` → `{b}`")).collect();
    format!(
        "rules version 2 renamed {}; it added the keys `red_flag_window_weeks`, `mjoa_mcid`, \
         `severe_weakness_grade`, `lookback_weeks`, `relative_mcid`, `injection_result_days`, \
         `relief_assumed_weeks`, `block_positive_percent`, `medication_trial_days`, `hba1c_caution`, \
         `bmi_caution` and `neuropathic_agent_regions` (each keeps its default when left out); and it \
         changed the rules (outcomes count only once known, red flags need a recent screen, new \
         criteria severe-weakness, myelopathy and entrapment, an emergency band, cautions). Check the \
         thresholds against docs/readiness.md, then write `rules_version = 2`",
        renamed.join(" and ")
    )
}

/// The largest a threshold or weight may be: anything more is a typo.
const MAX_VALUE: f64 = 1_000_000.0;

/// `rules_version = 2`, checked first: a profile for other rules would
/// fail on its keys, so say what changed and stop.
fn version_ok(doc: &mut Doc, top: &mut Table) -> bool {
    if !top.has("rules_version") {
        doc.errors.push(FileError::new(
            doc.path,
            format!(
                "the profile does not say which rules version it is for; profiles are for rules version 2 \
                 and must say `rules_version = 2` (a version 1 profile needs changes: {})",
                what_changed()
            ),
        ));
        return false;
    }
    let span = top.span("rules_version").unwrap_or(0..0);
    match top.int(doc, "rules_version", i64::MIN, i64::MAX) {
        Some(RULES_VERSION) => true,
        Some(1) => {
            doc.error_at(
                span,
                format!(
                    "this profile is for rules version 1; pathwise applies rules version 2: {}",
                    what_changed()
                ),
            );
            false
        }
        Some(other) => {
            doc.error_at(
                span,
                format!("`rules_version` = {other} is not known: this pathwise applies rules version 2"),
            );
            false
        }
        None => false,
    }
}

/// A threshold or weight: a finite number of 0 or more.
fn set(doc: &mut Doc, t: &mut Table, slot: &mut f64, key: &'static str) {
    if let Some(n) = t.number(doc, key, 0.0, MAX_VALUE) {
        *slot = n;
    }
}

/// A number of days: a whole number of at most a century.
fn set_days(doc: &mut Doc, t: &mut Table, slot: &mut i64, key: &'static str) {
    if let Some(n) = t.int(doc, key, 0, 36_500) {
        *slot = n;
    }
}

fn thresholds(doc: &mut Doc, t: &mut Table, p: &mut Profile) {
    macro_rules! set {
        ($($key:ident),+) => { $( set(doc, t, &mut p.$key, stringify!($key)); )+ };
    }
    set!(
        red_flag_window_weeks,
        mjoa_mcid,
        severe_weakness_grade,
        min_weeks,
        full_weeks,
        lookback_weeks,
        pain_mcid,
        relative_mcid,
        intractable_pain,
        injection_relief_percent,
        injection_relief_weeks,
        relief_assumed_weeks,
        block_positive_percent,
        low_adherence_attendance,
        hba1c_caution,
        bmi_caution
    );
    set_days(doc, t, &mut p.injection_result_days, "injection_result_days");
    set_days(doc, t, &mut p.medication_trial_days, "medication_trial_days");
    if t.has("neuropathic_agent_regions") {
        p.neuropathic_agent_regions = t.words::<Region>(doc, "neuropathic_agent_regions");
    }
}

fn tables(doc: &mut Doc, top: &mut Table, p: &mut Profile) {
    if let Some(mut m) = top.table(doc, "mcid") {
        macro_rules! mcid {
            ($($key:ident),+) => { $( set(doc, &mut m, &mut p.mcid.$key, stringify!($key)); )+ };
        }
        mcid!(odi, ndi, quickdash, lefs, psfs);
        m.finish(doc);
    }
    if let Some(mut s) = top.table(doc, "points") {
        macro_rules! points {
            ($($key:ident),+) => { $( set(doc, &mut s, &mut p.points.$key, stringify!($key)); )+ };
        }
        points!(
            conservative_failure,
            first_indication,
            further_indication,
            imaging_on_file,
            pt_documented,
            injection_documented,
            medication_trial,
            nerve_study,
            confounder
        );
        s.finish(doc);
    }
}

/// The version 1 names are read only to say what they are called now.
fn renamed(doc: &mut Doc, top: &mut Table) {
    for (old, new) in RENAMED {
        if let Some(span) = top.retired(old) {
            doc.error_at(
                span,
                format!("`{old}` is a rules version 1 key: version 2 renamed it `{new}`"),
            );
        }
    }
}

/// The weeks must make sense together: blame the key the file wrote.
fn weeks_fit(doc: &mut Doc, top: &mut Table, p: &Profile) {
    let at = |top: &mut Table, first: &'static str, then: &'static str| {
        top.span(first).or_else(|| top.span(then)).unwrap_or(0..0)
    };
    if p.full_weeks <= 0.0 {
        let span = at(top, "full_weeks", "min_weeks");
        doc.error_at(span, format!("`full_weeks` = {} must be more than 0", p.full_weeks));
    } else if p.min_weeks > p.full_weeks {
        let span = at(top, "min_weeks", "full_weeks");
        doc.error_at(
            span,
            format!(
                "`min_weeks` = {} must not exceed `full_weeks` = {}",
                p.min_weeks, p.full_weeks
            ),
        );
    }
}

/// The profile a file describes over `base`, or every mistake in it.
pub(super) fn over(base: Profile, path: &Path, bytes: &[u8]) -> Result<Profile, Vec<FileError>> {
    read_toml(path, bytes, |doc, mut top, _| {
        if !version_ok(doc, &mut top) {
            return None;
        }
        let mut p = base;
        if let Some(name) = top.string(doc, "name") {
            p.name = name;
        }
        if let Some(description) = top.string(doc, "description") {
            p.description = description;
        }
        thresholds(doc, &mut top, &mut p);
        tables(doc, &mut top, &mut p);
        renamed(doc, &mut top);
        weeks_fit(doc, &mut top, &p);
        top.finish(doc);
        Some(p)
    })
}
