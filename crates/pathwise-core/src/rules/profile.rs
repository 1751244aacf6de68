//! The profile: every threshold and weight of the rules (READINESS.md
//! version 2), read from a TOML file a department can copy and change. The
//! built-in profile is `data/profiles/default.toml`, embedded at build time;
//! a profile file overrides only the keys it writes, and must say
//! `rules_version = 2`. The values and their defaults are here; reading a
//! file, the shipped profiles by name and the embedded default are in
//! `profile_file.rs`.

use crate::case::{Instrument, Region};

/// The version of READINESS.md these rules implement.
pub const RULES_VERSION: i64 = 2;

/// The profile that ships with the program.
pub const BUILTIN_TOML: &str = include_str!("../../../../data/profiles/default.toml");

/// Profile files larger than this are refused unread.
pub const MAX_PROFILE_BYTES: u64 = 1024 * 1024;

/// The profiles compiled in, by name (`--profile NAME`).
pub const SHIPPED: &[(&str, &str)] = &[
    ("default", BUILTIN_TOML),
    (
        "twelve-week",
        include_str!("../../../../data/profiles/twelve-week.toml"),
    ),
    ("nice-ng59", include_str!("../../../../data/profiles/nice-ng59.toml")),
];

#[derive(Debug, Clone, PartialEq)]
pub struct Profile {
    pub name: String,
    pub description: String,
    /// An empty red-flag screen older than this is no screen.
    pub red_flag_window_weeks: f64,
    /// A fall in mJOA of at least this is a progressive deficit.
    pub mjoa_mcid: f64,
    /// An MRC grade at or below this, in the spine, is severe weakness.
    pub severe_weakness_grade: f64,
    /// Fewer documented weeks than this: failure is not yet documented.
    pub min_weeks: f64,
    /// Documented weeks that earn the full conservative-failure points.
    pub full_weeks: f64,
    /// The clock of documented weeks looks back at most this far.
    pub lookback_weeks: f64,
    /// The fall in pain that is a clinically important improvement.
    pub pain_mcid: f64,
    /// The share of the room to improve that is an important improvement.
    pub relative_mcid: f64,
    /// The pain rating (0–10) from which pain counts as intractable.
    pub intractable_pain: f64,
    /// Days after an injection when its peak relief is known.
    pub injection_result_days: i64,
    /// Less peak relief than this (percent): the injection failed.
    pub injection_relief_percent: f64,
    /// Relief that lasted fewer weeks than this: the injection failed.
    pub injection_relief_weeks: f64,
    /// Relief with no recorded duration is taken to last this long.
    pub relief_assumed_weeks: f64,
    /// A diagnostic block with at least this relief (percent) is positive.
    pub block_positive_percent: f64,
    /// Days a medication must be taken to count as a trial.
    pub medication_trial_days: i64,
    /// Attended / planned sessions below this is low adherence.
    pub low_adherence_attendance: f64,
    /// HbA1c (%) from which glycaemic control is a caution.
    pub hba1c_caution: f64,
    /// BMI from which weight is a caution.
    pub bmi_caution: f64,
    /// Regions where untreated neuropathic pain is a confounder.
    pub neuropathic_agent_regions: Vec<Region>,
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

impl Default for Profile {
    fn default() -> Self {
        Profile::builtin()
    }
}

impl Profile {
    /// The values of READINESS.md version 2, as `default.toml` writes them.
    /// Only a safety net: `builtin` reads the embedded file, and a test
    /// keeps the two equal.
    pub fn version_2() -> Profile {
        Profile {
            name: "default".to_string(),
            description: "Thresholds and weights of READINESS.md version 2".to_string(),
            red_flag_window_weeks: 6.0,
            mjoa_mcid: 2.0,
            severe_weakness_grade: 2.0,
            min_weeks: 6.0,
            full_weeks: 12.0,
            lookback_weeks: 26.0,
            pain_mcid: 2.0,
            relative_mcid: 0.30,
            intractable_pain: 7.0,
            injection_result_days: 14,
            injection_relief_percent: 50.0,
            injection_relief_weeks: 4.0,
            relief_assumed_weeks: 12.0,
            block_positive_percent: 80.0,
            medication_trial_days: 14,
            low_adherence_attendance: 0.7,
            hba1c_caution: 8.0,
            bmi_caution: 40.0,
            neuropathic_agent_regions: Region::ALL.to_vec(),
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

    /// Whether untreated neuropathic pain counts in this region.
    pub fn neuropathic_agents_in(&self, region: Region) -> bool {
        self.neuropathic_agent_regions.contains(&region)
    }
}
