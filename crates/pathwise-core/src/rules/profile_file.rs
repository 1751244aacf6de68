//! Reading a profile file over a base profile: every key checked, errors
//! located at file:line:col, and a profile for another rules version refused
//! with what changed.

use super::profile::{Num, Profile, ProfileError, RULES_VERSION, RawProfile};
use crate::case::Region;
use std::path::Path;
use toml::Spanned;

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

struct Values<'a> {
    path: &'a Path,
    source: &'a str,
}

impl Values<'_> {
    fn at(&self, offset: usize, message: String) -> ProfileError {
        ProfileError::at(self.path, self.source, offset, message)
    }

    fn error(&self, at: Option<&Spanned<f64>>, message: String) -> ProfileError {
        match at {
            Some(s) => self.at(s.span().start, message),
            None => ProfileError::new(self.path, message),
        }
    }

    fn set(&self, slot: &mut f64, value: &Num, key: &str) -> Result<(), ProfileError> {
        let Some(spanned) = value else {
            return Ok(());
        };
        let n = *spanned.get_ref();
        if !n.is_finite() || n < 0.0 {
            return Err(self.error(
                Some(spanned),
                format!("`{key}` = {n} must be a finite number of 0 or more"),
            ));
        }
        *slot = n;
        Ok(())
    }

    fn set_days(&self, slot: &mut i64, value: &Num, key: &str) -> Result<(), ProfileError> {
        let mut n = *slot as f64;
        self.set(&mut n, value, key)?;
        if n.fract() != 0.0 || n > 36_500.0 {
            return Err(self.error(
                value.as_ref(),
                format!("`{key}` = {n} must be a whole number of days (at most 36500)"),
            ));
        }
        *slot = n as i64;
        Ok(())
    }
}

fn version(v: &Values, raw: &RawProfile) -> Result<(), ProfileError> {
    match &raw.rules_version {
        Some(s) if *s.get_ref() == RULES_VERSION => {}
        Some(s) if *s.get_ref() == 1 => {
            return Err(v.at(
                s.span().start,
                format!(
                    "this profile is for rules version 1; pathwise applies rules version 2: {}",
                    what_changed()
                ),
            ));
        }
        Some(s) => {
            return Err(v.at(
                s.span().start,
                format!(
                    "`rules_version` = {} is not known: this pathwise applies rules version 2",
                    s.get_ref()
                ),
            ));
        }
        None => {
            return Err(ProfileError::new(
                v.path,
                format!(
                    "the profile does not say which rules version it is for; profiles are for rules version 2 \
                     and must say `rules_version = 2` (a version 1 profile needs changes: {})",
                    what_changed()
                ),
            ));
        }
    }
    let legacy = [
        (RENAMED[0], &raw.failed_injection_relief_percent),
        (RENAMED[1], &raw.failed_injection_relief_weeks),
    ];
    for ((old, new), value) in legacy {
        if let Some(s) = value {
            return Err(v.at(
                s.span().start,
                format!("`{old}` is a rules version 1 key: version 2 renamed it `{new}`"),
            ));
        }
    }
    Ok(())
}

fn regions(v: &Values, raw: &RawProfile, p: &mut Profile) -> Result<(), ProfileError> {
    let Some(list) = &raw.neuropathic_agent_regions else {
        return Ok(());
    };
    let mut out = Vec::new();
    for word in list.get_ref() {
        match Region::from_word(word.get_ref().trim()) {
            Some(r) => out.push(r),
            None => {
                let allowed: Vec<&str> = Region::ALL.iter().map(|r| r.as_str()).collect();
                return Err(v.at(
                    word.span().start,
                    format!(
                        "unknown region {:?} in `neuropathic_agent_regions`; allowed: {}",
                        word.get_ref(),
                        allowed.join(", ")
                    ),
                ));
            }
        }
    }
    p.neuropathic_agent_regions = out;
    Ok(())
}

pub(super) fn over(mut p: Profile, path: &Path, source: &str) -> Result<Profile, ProfileError> {
    let raw: RawProfile = toml::from_str(source).map_err(|e| toml_error(path, source, &e))?;
    let v = Values { path, source };
    version(&v, &raw)?;
    if let Some(name) = &raw.name {
        p.name = name.clone();
    }
    if let Some(description) = &raw.description {
        p.description = description.clone();
    }
    macro_rules! set {
        ($($key:ident),+) => { $( v.set(&mut p.$key, &raw.$key, stringify!($key))?; )+ };
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
    v.set_days(
        &mut p.injection_result_days,
        &raw.injection_result_days,
        "injection_result_days",
    )?;
    v.set_days(
        &mut p.medication_trial_days,
        &raw.medication_trial_days,
        "medication_trial_days",
    )?;
    regions(&v, &raw, &mut p)?;
    if let Some(m) = &raw.mcid {
        macro_rules! mcid {
            ($($key:ident),+) => { $( v.set(&mut p.mcid.$key, &m.$key, concat!("mcid.", stringify!($key)))?; )+ };
        }
        mcid!(odi, ndi, quickdash, lefs, psfs);
    }
    if let Some(s) = &raw.points {
        macro_rules! points {
            ($($key:ident),+) => { $( v.set(&mut p.points.$key, &s.$key, concat!("points.", stringify!($key)))?; )+ };
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
    }
    weeks_fit(&v, &raw, &p)?;
    Ok(p)
}

/// The weeks must make sense together: blame the key the file wrote.
fn weeks_fit(v: &Values, raw: &RawProfile, p: &Profile) -> Result<(), ProfileError> {
    if p.full_weeks <= 0.0 {
        let blame = raw.full_weeks.as_ref().or(raw.min_weeks.as_ref());
        return Err(v.error(blame, format!("`full_weeks` = {} must be more than 0", p.full_weeks)));
    }
    if p.min_weeks > p.full_weeks {
        let blame = raw.min_weeks.as_ref().or(raw.full_weeks.as_ref());
        return Err(v.error(
            blame,
            format!(
                "`min_weeks` = {} must not exceed `full_weeks` = {}",
                p.min_weeks, p.full_weeks
            ),
        ));
    }
    Ok(())
}

fn toml_error(path: &Path, source: &str, e: &toml::de::Error) -> ProfileError {
    let mut message = e
        .message()
        .trim()
        .replace("unknown field", "unknown key")
        .replace(", expected one of", "; allowed:")
        .replace(", expected", "; expected")
        .replace("expected f64", "expected a number")
        .replace("expected i64", "expected a whole number");
    // the version 1 names are accepted only to explain the rename
    for (old, _) in RENAMED {
        message = message
            .replace(&format!(", `{old}`"), "")
            .replace(&format!("`{old}`, "), "");
    }
    match e.span() {
        Some(span) => ProfileError::at(path, source, span.start, message),
        None => ProfileError::new(path, message),
    }
}
