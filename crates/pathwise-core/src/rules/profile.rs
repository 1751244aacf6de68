//! The profile: every threshold and weight of the rules, read from a TOML
//! file a department can copy and change. The built-in profile is
//! `data/profiles/default.toml`, embedded at build time; a profile file
//! overrides only the keys it writes.

use crate::case::Instrument;
use serde::Deserialize;
use std::path::Path;
use toml::Spanned;

/// The profile that ships with the program (READINESS.md version 1).
pub const BUILTIN_TOML: &str = include_str!("../../../../data/profiles/default.toml");

/// Profile files larger than this are refused unread.
pub const MAX_PROFILE_BYTES: u64 = 1024 * 1024;

/// The profiles compiled in, by name.
pub const SHIPPED: &[(&str, &str)] = &[
    ("default", BUILTIN_TOML),
    (
        "twelve-week",
        include_str!("../../../../data/profiles/twelve-week.toml"),
    ),
];

#[derive(Debug, Clone, PartialEq)]
pub struct Profile {
    pub name: String,
    pub description: String,
    /// Fewer documented weeks than this: failure is not yet documented.
    pub min_weeks: f64,
    /// Documented weeks that earn the full conservative-failure points.
    pub full_weeks: f64,
    /// The pain rating (0–10) from which pain counts as intractable.
    pub intractable_pain: f64,
    /// The fall in pain that is a clinically important improvement.
    pub pain_mcid: f64,
    /// An injection with less peak relief than this (percent) failed.
    pub failed_injection_relief_percent: f64,
    /// An injection whose relief lasted fewer weeks than this failed.
    pub failed_injection_relief_weeks: f64,
    /// Attended / planned sessions below this is low adherence.
    pub low_adherence_attendance: f64,
    pub mcid: Mcid,
    pub points: Points,
}

/// Minimal clinically important differences of the function instruments.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Mcid {
    pub odi: f64,
    pub ndi: f64,
    pub quickdash: f64,
    pub lefs: f64,
    pub psfs: f64,
}

impl Mcid {
    pub fn of(&self, instrument: Instrument) -> f64 {
        match instrument {
            Instrument::Odi => self.odi,
            Instrument::Ndi => self.ndi,
            Instrument::Quickdash => self.quickdash,
            Instrument::Lefs => self.lefs,
            Instrument::Psfs => self.psfs,
        }
    }
}

/// The weights of the score.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Points {
    /// Earned in full at `full_weeks` of documented failure, in part before.
    pub conservative_failure: f64,
    /// For the first surgical indication met.
    pub first_indication: f64,
    /// For each further indication met.
    pub further_indication: f64,
    pub imaging_on_file: f64,
    pub pt_documented: f64,
    pub injection_documented: f64,
    pub medication_trial: f64,
    pub nerve_study: f64,
    /// Taken off for each confounder present.
    pub confounder: f64,
}

/// A profile that cannot be used: the same located error as a case file's
/// (file, line, column, a message safe for a terminal).
pub type ProfileError = crate::case::CaseError;

type Num = Option<Spanned<f64>>;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawProfile {
    name: Option<String>,
    description: Option<String>,
    min_weeks: Num,
    full_weeks: Num,
    intractable_pain: Num,
    pain_mcid: Num,
    failed_injection_relief_percent: Num,
    failed_injection_relief_weeks: Num,
    low_adherence_attendance: Num,
    mcid: Option<RawMcid>,
    points: Option<RawPoints>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawMcid {
    odi: Num,
    ndi: Num,
    quickdash: Num,
    lefs: Num,
    psfs: Num,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPoints {
    conservative_failure: Num,
    first_indication: Num,
    further_indication: Num,
    imaging_on_file: Num,
    pt_documented: Num,
    injection_documented: Num,
    medication_trial: Num,
    nerve_study: Num,
    confounder: Num,
}

impl Default for Profile {
    fn default() -> Self {
        Profile::builtin()
    }
}

impl Profile {
    /// The values of READINESS.md version 1, as `default.toml` writes them.
    /// Only a safety net: `builtin` reads the embedded file, and a test
    /// keeps the two equal.
    pub(super) fn version_1() -> Profile {
        Profile {
            name: "default".to_string(),
            description: "Thresholds and weights of READINESS.md version 1".to_string(),
            min_weeks: 6.0,
            full_weeks: 12.0,
            intractable_pain: 7.0,
            pain_mcid: 2.0,
            failed_injection_relief_percent: 50.0,
            failed_injection_relief_weeks: 4.0,
            low_adherence_attendance: 0.7,
            mcid: Mcid {
                odi: 10.0,
                ndi: 7.5,
                quickdash: 11.0,
                lefs: 9.0,
                psfs: 2.0,
            },
            points: Points {
                conservative_failure: 40.0,
                first_indication: 25.0,
                further_indication: 5.0,
                imaging_on_file: 10.0,
                pt_documented: 5.0,
                injection_documented: 5.0,
                medication_trial: 5.0,
                nerve_study: 0.0,
                confounder: 5.0,
            },
        }
    }

    /// The embedded `data/profiles/default.toml`.
    pub fn builtin() -> Profile {
        let base = Profile::version_1();
        Profile::over(base.clone(), Path::new("default.toml"), BUILTIN_TOML).unwrap_or(base)
    }

    /// A profile file's text: keys left out keep the built-in value;
    /// unknown keys and bad values are errors with their line and column.
    pub fn from_toml(path: &Path, text: &str) -> Result<Profile, ProfileError> {
        Profile::over(Profile::builtin(), path, text)
    }

    /// A profile file, or the name of a shipped one (`default`,
    /// `twelve-week`) when no such file exists, so `--profile twelve-week`
    /// works from any folder and after `cargo install`.
    pub fn resolve(arg: &Path) -> Result<Profile, ProfileError> {
        if !arg.exists() {
            let name = arg.to_string_lossy();
            if let Some((_, text)) = SHIPPED.iter().find(|(n, _)| *n == name) {
                return Profile::from_toml(Path::new(&format!("{name}.toml")), text);
            }
        }
        Profile::load(arg)
    }

    /// Reads and parses a profile file.
    pub fn load(path: &Path) -> Result<Profile, ProfileError> {
        let cannot = |e: std::io::Error| ProfileError::new(path, format!("cannot read the profile: {e}"));
        let size = std::fs::metadata(path).map_err(cannot)?.len();
        if size > MAX_PROFILE_BYTES {
            return Err(ProfileError::new(
                path,
                format!("the profile is {size} bytes; a profile may be at most {MAX_PROFILE_BYTES} bytes"),
            ));
        }
        let bytes = std::fs::read(path).map_err(cannot)?;
        match std::str::from_utf8(&bytes) {
            Ok(text) => Profile::from_toml(path, text),
            Err(e) => {
                let prefix = String::from_utf8_lossy(&bytes[..e.valid_up_to()]);
                Err(ProfileError::at(
                    path,
                    &prefix,
                    prefix.len(),
                    "the profile is not valid UTF-8 text; save it as UTF-8",
                ))
            }
        }
    }

    fn over(mut p: Profile, path: &Path, source: &str) -> Result<Profile, ProfileError> {
        let raw: RawProfile = toml::from_str(source).map_err(|e| toml_error(path, source, &e))?;
        let v = Values { path, source };
        if let Some(name) = raw.name {
            p.name = name;
        }
        if let Some(description) = raw.description {
            p.description = description;
        }
        v.set(&mut p.min_weeks, &raw.min_weeks, "min_weeks")?;
        v.set(&mut p.full_weeks, &raw.full_weeks, "full_weeks")?;
        v.set(&mut p.intractable_pain, &raw.intractable_pain, "intractable_pain")?;
        v.set(&mut p.pain_mcid, &raw.pain_mcid, "pain_mcid")?;
        v.set(
            &mut p.failed_injection_relief_percent,
            &raw.failed_injection_relief_percent,
            "failed_injection_relief_percent",
        )?;
        v.set(
            &mut p.failed_injection_relief_weeks,
            &raw.failed_injection_relief_weeks,
            "failed_injection_relief_weeks",
        )?;
        v.set(
            &mut p.low_adherence_attendance,
            &raw.low_adherence_attendance,
            "low_adherence_attendance",
        )?;
        if let Some(m) = &raw.mcid {
            let t = &mut p.mcid;
            v.set(&mut t.odi, &m.odi, "mcid.odi")?;
            v.set(&mut t.ndi, &m.ndi, "mcid.ndi")?;
            v.set(&mut t.quickdash, &m.quickdash, "mcid.quickdash")?;
            v.set(&mut t.lefs, &m.lefs, "mcid.lefs")?;
            v.set(&mut t.psfs, &m.psfs, "mcid.psfs")?;
        }
        if let Some(s) = &raw.points {
            let t = &mut p.points;
            v.set(
                &mut t.conservative_failure,
                &s.conservative_failure,
                "points.conservative_failure",
            )?;
            v.set(&mut t.first_indication, &s.first_indication, "points.first_indication")?;
            v.set(
                &mut t.further_indication,
                &s.further_indication,
                "points.further_indication",
            )?;
            v.set(&mut t.imaging_on_file, &s.imaging_on_file, "points.imaging_on_file")?;
            v.set(&mut t.pt_documented, &s.pt_documented, "points.pt_documented")?;
            v.set(
                &mut t.injection_documented,
                &s.injection_documented,
                "points.injection_documented",
            )?;
            v.set(&mut t.medication_trial, &s.medication_trial, "points.medication_trial")?;
            v.set(&mut t.nerve_study, &s.nerve_study, "points.nerve_study")?;
            v.set(&mut t.confounder, &s.confounder, "points.confounder")?;
        }
        // the weeks must make sense together: blame the key the file wrote
        let blame = raw.full_weeks.as_ref().or(raw.min_weeks.as_ref());
        if p.full_weeks <= 0.0 {
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
        Ok(p)
    }
}

struct Values<'a> {
    path: &'a Path,
    source: &'a str,
}

impl Values<'_> {
    fn error(&self, at: Option<&Spanned<f64>>, message: String) -> ProfileError {
        match at {
            Some(s) => ProfileError::at(self.path, self.source, s.span().start, message),
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
}

fn toml_error(path: &Path, source: &str, e: &toml::de::Error) -> ProfileError {
    let message = e
        .message()
        .trim()
        .replace("unknown field", "unknown key")
        .replace(", expected one of", "; allowed:")
        .replace(", expected", "; expected")
        .replace("expected f64", "expected a number");
    match e.span() {
        Some(span) => ProfileError::at(path, source, span.start, message),
        None => ProfileError::new(path, message),
    }
}
