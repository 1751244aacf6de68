//! Readiness for surgical consult: the rules of READINESS.md version 1.
//!
//! [`evaluate`] reads a [`Case`] as of its evaluation day (never the wall
//! clock) and returns a [`Readiness`]: every criterion with its status,
//! points, a one-line detail and the dated events it rests on; the
//! confounders present; the score, band and next step. All thresholds and
//! weights come from a [`Profile`]. No terminal code and no I/O live here,
//! except [`Profile::load`] reading a profile file.

mod confounders;
mod criteria;
mod documentation;
mod ids;
mod json;
pub mod pathway;
mod period;
mod phrases;
mod profile;
mod verdict;

#[cfg(test)]
mod tests;

pub use ids::{Band, ConfounderId, CriterionId, NextStep, Status};
pub use json::to_json;
pub use profile::{BUILTIN_TOML, MAX_PROFILE_BYTES, Mcid, Points, Profile, ProfileError};

use crate::case::{Case, Date, EventRef};
use period::Window;
use std::collections::BTreeSet;

/// How to evaluate: as of another day (step-through teaching), or with some
/// events left out of scoring entirely (what-if).
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// Evaluate as if the case's `as_of` were this day.
    pub as_of: Option<Date>,
    /// Events treated as if absent from the file.
    pub excluded: BTreeSet<EventRef>,
}

/// The verdict on one case.
#[derive(Debug, Clone, PartialEq)]
pub struct Readiness {
    /// The `as_of` used: `Options::as_of`, else the case's.
    pub as_of: Date,
    /// The day the rules ran as of: the day before a surgery, else `as_of`.
    pub period_end: Date,
    /// 0–100.
    pub score: u8,
    pub band: Band,
    pub next_step: NextStep,
    /// Why this step, in one line of plain words.
    pub next_step_reason: String,
    /// `None` with no conservative start or no assessment in play.
    pub documented_weeks: Option<f64>,
    /// All eleven, in the order of READINESS.md.
    pub criteria: Vec<Criterion>,
    /// Those present, in the order of READINESS.md.
    pub confounders: Vec<Confounder>,
}

impl Readiness {
    /// One criterion (every id is present).
    pub fn criterion(&self, id: CriterionId) -> Option<&Criterion> {
        self.criteria.iter().find(|c| c.id == id)
    }

    pub fn has_confounder(&self, id: ConfounderId) -> bool {
        self.confounders.iter().any(|c| c.id == id)
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Criterion {
    pub id: CriterionId,
    pub status: Status,
    pub points: f64,
    /// One line, with the numbers it rests on; for `unknown`, what is missing.
    pub detail: String,
    /// The dated events it used, in date order.
    pub evidence: Vec<EventRef>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Confounder {
    pub id: ConfounderId,
    pub detail: String,
    pub evidence: Vec<EventRef>,
}

/// Evaluates a case under a profile. For a post-op case everything is as of
/// the day before the first surgery: what the surgeon saw.
pub fn evaluate(case: &Case, profile: &Profile, opts: &Options) -> Readiness {
    let w = Window::new(case, profile, opts);
    let mut criteria = vec![
        criteria::red_flags(&w),
        criteria::progressive_deficit(&w),
        criteria::conservative_failure(&w),
        criteria::instability(&w),
        criteria::structural_lesion(&w),
        criteria::intractable_pain(&w),
        documentation::imaging_on_file(&w),
        documentation::pt_documented(&w),
        documentation::injection_documented(&w),
        documentation::medication_trial(&w),
        documentation::nerve_study(&w),
    ];
    verdict::give_indication_points(&w, &mut criteria);
    let confounders = confounders::confounders(&w);
    let score = verdict::score(&w, &criteria, &confounders);
    let band = verdict::band(&w, &criteria);
    let (next_step, next_step_reason) = verdict::next_step(&w, band, &criteria, &confounders);
    Readiness {
        as_of: w.as_of,
        period_end: w.period_end,
        score,
        band,
        next_step,
        next_step_reason,
        documented_weeks: w.documented_weeks,
        criteria,
        confounders,
    }
}
