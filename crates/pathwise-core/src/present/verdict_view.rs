//! A verdict as a screen needs it: score, band and next step with its
//! reason, every criterion with its detail, the confounders and cautions,
//! each detail de-identified and each piece of evidence an index into
//! [`CaseView::events`](super::CaseView::events).

use super::{Presenter, Privacy};
use crate::case::EventRef;
use crate::rules::{Band, CautionId, ConfounderId, CriterionId, NextStep, RULES_VERSION, Readiness, Status};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct VerdictView {
    pub privacy: Privacy,
    /// The version of READINESS.md the verdict follows, and the profile.
    pub rules_version: i64,
    pub profile: String,
    /// 0–100.
    pub score: u8,
    /// A view read back without its answer (a conference sends none while
    /// a step-through stop asks) holds these placeholders.
    #[serde(default = "placeholder_band")]
    pub band: Band,
    #[serde(default = "placeholder_step")]
    pub next_step: NextStep,
    /// Why this step, in one line (de-identified).
    #[serde(default)]
    pub next_step_reason: String,
    /// Weeks of documented conservative care (0 without any).
    pub documented_weeks: f64,
    /// The day the verdict was evaluated as of: "2026-05-04", or "wk 14".
    pub as_of: String,
    /// The same day, in days from onset.
    pub as_of_day: i64,
    /// A post-op case is scored as of the day before its surgery.
    pub scored_before_surgery: bool,
    /// Every criterion, in the rules' order.
    pub criteria: Vec<CriterionView>,
    /// Those present, in the rules' order.
    pub confounders: Vec<ConfounderView>,
    /// What the surgeon needs to know beside the verdict; not scored.
    pub cautions: Vec<CautionView>,
}

fn placeholder_band() -> Band {
    Band::NotReady
}

fn placeholder_step() -> NextStep {
    NextStep::ContinueConservative
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CriterionView {
    pub id: CriterionId,
    /// "conservative care failed".
    pub label: String,
    pub status: Status,
    pub points: f64,
    /// One line, with the numbers it rests on (de-identified).
    pub detail: String,
    /// The guideline the criterion follows (READINESS.md's basis table).
    pub basis: String,
    /// Indices into `CaseView::events`, in date order.
    pub evidence: Vec<usize>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ConfounderView {
    pub id: ConfounderId,
    /// "low adherence".
    pub label: String,
    pub detail: String,
    pub evidence: Vec<usize>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CautionView {
    pub id: CautionId,
    pub label: String,
    pub detail: String,
    pub evidence: Vec<usize>,
}

pub(super) fn build(p: &Presenter, r: &Readiness) -> VerdictView {
    let order = p.case().events();
    let evidence =
        |refs: &[EventRef]| -> Vec<usize> { refs.iter().filter_map(|e| order.iter().position(|o| o == e)).collect() };
    VerdictView {
        privacy: p.privacy(),
        rules_version: RULES_VERSION,
        profile: p.text(&r.profile),
        score: r.score,
        band: r.band,
        next_step: r.next_step,
        next_step_reason: p.text(&r.next_step_reason),
        documented_weeks: r.documented_weeks,
        as_of: p.date(r.as_of),
        as_of_day: p.day(r.as_of),
        scored_before_surgery: r.period_end != r.as_of,
        criteria: r
            .criteria
            .iter()
            .map(|c| CriterionView {
                id: c.id,
                label: c.id.label().to_string(),
                status: c.status,
                points: c.points,
                detail: p.text(&c.detail),
                basis: c.id.basis().to_string(),
                evidence: evidence(&c.evidence),
            })
            .collect(),
        confounders: r
            .confounders
            .iter()
            .map(|c| ConfounderView {
                id: c.id,
                label: c.id.label().to_string(),
                detail: p.text(&c.detail),
                evidence: evidence(&c.evidence),
            })
            .collect(),
        cautions: r
            .cautions
            .iter()
            .map(|c| CautionView {
                id: c.id,
                label: c.id.label().to_string(),
                detail: p.text(&c.detail),
                evidence: evidence(&c.evidence),
            })
            .collect(),
    }
}
