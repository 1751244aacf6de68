//! Readiness for surgical consult: the rules of READINESS.md version 2.
//!
//! [`evaluate`] reads a [`Case`] through the known-on view ([`known::Day`]:
//! period end, review day, what is in play, which outcomes are known or
//! pending) and returns a [`Readiness`]: the fourteen criteria with status,
//! points, a one-line detail, evidence and basis; the confounders and
//! cautions present; the score, band and next step. All thresholds and
//! weights come from a [`Profile`]. Nothing reads the wall clock, and no
//! terminal code or I/O lives here, except [`Profile::load`].
//!
//! The layout follows READINESS.md: `known` (Time), `terms` (Terms),
//! `red_flags`, `criteria` (one function per row of the criteria table),
//! `confounders`, `cautions`, `band` and `next_step` (their tables as data),
//! `ids` (ids, labels, basis strings), `profile`, `json` (the output contract).

mod band;
mod cautions;
mod confounders;
mod criteria;
mod ids;
mod json;
pub mod known;
mod next_step;
pub mod pathway;
mod phrases;
mod profile;
mod profile_file;
pub mod red_flags;
mod terms;

#[cfg(test)]
mod tests;

pub use ids::{Band, CautionId, ConfounderId, CriterionId, NextStep, Status};
pub use json::{
    CriterionJson, Evidence, NoteJson, ReadinessJson, array_element, to_json, to_json_string, write_json,
    write_json_array, write_json_seq,
};
pub use known::{Knowledge, Outcome};
pub use profile::{BUILTIN_TOML, MAX_PROFILE_BYTES, Mcid, Points, Profile, ProfileError, RULES_VERSION, SHIPPED};

use crate::case::{Case, Date, EventRef};
use std::collections::BTreeSet;

/// How to evaluate: as of another day (step-through teaching), or with some
/// events left out of scoring entirely (what-if).
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// Evaluate as if the case's `as_of` were this day (period end follows;
    /// the review day stays the file's).
    pub as_of: Option<Date>,
    /// Events treated as if absent from the file.
    pub excluded: BTreeSet<EventRef>,
}

/// The verdict on one case.
#[derive(Debug, Clone, PartialEq)]
pub struct Readiness {
    /// The profile's `name`.
    pub profile: String,
    /// The `as_of` used: `Options::as_of`, else the case's.
    pub as_of: Date,
    /// The evaluation day: the day before a surgery on or before `as_of`,
    /// else `as_of` (`evaluated_on` in JSON).
    pub period_end: Date,
    /// 0–100.
    pub score: u8,
    pub band: Band,
    pub next_step: NextStep,
    /// The next step's one-line detail, in plain words (`next_step_detail`).
    pub next_step_reason: String,
    /// Exact documented weeks, never negative (JSON shows one decimal).
    pub documented_weeks: f64,
    /// All fourteen, in the order of READINESS.md.
    pub criteria: Vec<Criterion>,
    /// Those present, in the order of READINESS.md.
    pub confounders: Vec<Confounder>,
    /// Those present, in the order of READINESS.md; not scored.
    pub cautions: Vec<Caution>,
}

impl Readiness {
    /// One criterion (every id is present).
    pub fn criterion(&self, id: CriterionId) -> Option<&Criterion> {
        self.criteria.iter().find(|c| c.id == id)
    }

    pub fn has_confounder(&self, id: ConfounderId) -> bool {
        self.confounders.iter().any(|c| c.id == id)
    }

    pub fn has_caution(&self, id: CautionId) -> bool {
        self.cautions.iter().any(|c| c.id == id)
    }

    /// The `score --json` object, borrowing the case and this verdict.
    pub fn json<'a>(&'a self, case: &'a Case) -> ReadinessJson<'a> {
        ReadinessJson::new(case, self)
    }
}

/// What a list shows of a verdict: the score, band and next step. A console
/// keeps one per case (3 bytes) and evaluates the full [`Readiness`] of the
/// case it shows, which holds fourteen criteria and their details (2.7 KB
/// a generated case).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Brief {
    pub score: u8,
    pub band: Band,
    pub next_step: NextStep,
}

impl Readiness {
    pub fn brief(&self) -> Brief {
        Brief {
            score: self.score,
            band: self.band,
            next_step: self.next_step,
        }
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

impl Criterion {
    /// The guideline the criterion follows.
    pub fn basis(&self) -> &'static str {
        self.id.basis()
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Confounder {
    pub id: ConfounderId,
    pub detail: String,
    pub evidence: Vec<EventRef>,
}

/// Something the surgeon needs to know; it changes no score, band or step.
#[derive(Debug, Clone, PartialEq)]
pub struct Caution {
    pub id: CautionId,
    pub detail: String,
    pub evidence: Vec<EventRef>,
}

/// Evaluates a case under a profile. For a post-op case everything is as of
/// the day before the first surgery: what the surgeon saw.
pub fn evaluate(case: &Case, profile: &Profile, opts: &Options) -> Readiness {
    let t = terms::Terms::new(known::Day::new(case, profile, opts));
    let criteria = criteria::evaluate(&t);
    let confounders = confounders::evaluate(&t, &criteria);
    let cautions = cautions::evaluate(&t, &criteria);
    let mut v = band::Verdict {
        t: &t,
        criteria: &criteria,
        confounders: &confounders,
        band: Band::NotReady,
    };
    let (band, before_surgery) = band::band(&v);
    v.band = band;
    let score = band::score(&v, before_surgery);
    let (next_step, next_step_reason) = next_step::next_step(&v);
    Readiness {
        profile: profile.name.clone(),
        as_of: t.day.as_of,
        period_end: t.day.period_end,
        score,
        band,
        next_step,
        next_step_reason,
        documented_weeks: t.weeks,
        criteria,
        confounders,
        cautions,
    }
}
