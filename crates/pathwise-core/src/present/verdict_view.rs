//! A verdict as a screen needs it: score, band and next step with its
//! reason, every criterion with its detail, the confounders and cautions,
//! each detail de-identified and each piece of evidence an index into
//! [`CaseView::events`](super::CaseView::events).

use super::{Presenter, Privacy};
use crate::case::EventRef;
use crate::rules::{Band, ConfounderId, CriterionId, NextStep, Readiness, Status};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct VerdictView {
    pub privacy: Privacy,
    /// 0–100.
    pub score: u8,
    pub band: Band,
    pub next_step: NextStep,
    /// Why this step, in one line (de-identified).
    pub next_step_reason: String,
    /// Weeks of documented conservative care, when the rules could count them.
    pub documented_weeks: Option<f64>,
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
    /// Warnings beside the score (rules version 2). Empty until the rules
    /// report them.
    pub cautions: Vec<CautionView>,
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
    /// What the criterion rests on in the guidance (rules version 2);
    /// `None` until the rules provide one.
    pub basis: Option<String>,
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

/// A caution (rules version 2): its id is the rules' kebab-case word.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CautionView {
    pub id: String,
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
                basis: None,
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
        cautions: Vec::new(),
    }
}
