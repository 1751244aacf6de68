//! The fourteen criteria of READINESS.md, one function each, in the table's
//! order. Each reads the case only through [`Terms`] (and so through the
//! known-on view); a criterion may read those before it (entrapment reads
//! conservative failure). A new criterion is one function and one row.

mod deficit;
mod documentation;
mod failure;
mod indications;
mod myelopathy;
mod red_flags;

pub(crate) use deficit::drops;
pub(crate) use myelopathy::grade as myelopathy_grade;

use super::phrases::evidence;
use super::terms::Terms;
use super::{Criterion, CriterionId, Status};
use crate::case::EventRef;

/// What a criterion found, before its id and the evidence order are added.
pub(crate) struct Found {
    pub status: Status,
    pub points: f64,
    pub detail: String,
    pub evidence: Vec<EventRef>,
}

impl Found {
    pub fn new(status: Status, detail: impl Into<String>, evidence: Vec<EventRef>) -> Found {
        Found {
            status,
            points: 0.0,
            detail: detail.into(),
            evidence,
        }
    }
    pub fn met(detail: impl Into<String>, evidence: Vec<EventRef>) -> Found {
        Found::new(Status::Met, detail, evidence)
    }
    pub fn not_met(detail: impl Into<String>, evidence: Vec<EventRef>) -> Found {
        Found::new(Status::NotMet, detail, evidence)
    }
    pub fn unknown(detail: impl Into<String>, evidence: Vec<EventRef>) -> Found {
        Found::new(Status::Unknown, detail, evidence)
    }
    pub fn not_applicable(detail: impl Into<String>) -> Found {
        Found::new(Status::NotApplicable, detail, Vec::new())
    }
    /// The points it earns when met.
    pub fn worth(mut self, points: f64) -> Found {
        if self.status == Status::Met {
            self.points = points;
        }
        self
    }
}

/// A criterion's rule: the terms, and the criteria decided before it.
pub(crate) type Rule = fn(&Terms, &[Criterion]) -> Found;

/// The table of READINESS.md, row by row.
pub(crate) const TABLE: [(CriterionId, Rule); 14] = [
    (CriterionId::RedFlags, red_flags::red_flags),
    (CriterionId::ProgressiveDeficit, deficit::progressive_deficit),
    (CriterionId::SevereWeakness, deficit::severe_weakness),
    (CriterionId::Myelopathy, myelopathy::myelopathy),
    (CriterionId::ConservativeFailure, failure::conservative_failure),
    (CriterionId::Instability, indications::instability),
    (CriterionId::StructuralLesion, indications::structural_lesion),
    (CriterionId::IntractablePain, indications::intractable_pain),
    (CriterionId::Entrapment, indications::entrapment),
    (CriterionId::ImagingOnFile, documentation::imaging_on_file),
    (CriterionId::PtDocumented, documentation::pt_documented),
    (CriterionId::InjectionDocumented, documentation::injection_documented),
    (CriterionId::MedicationTrial, documentation::medication_trial),
    (CriterionId::NerveStudy, documentation::nerve_study),
];

/// Every criterion in the table's order, with indication points given:
/// `first_indication` for the first met, `further_indication` for each other.
pub(crate) fn evaluate(t: &Terms) -> Vec<Criterion> {
    let mut out: Vec<Criterion> = Vec::with_capacity(TABLE.len());
    for (id, rule) in TABLE {
        let f = rule(t, &out);
        out.push(Criterion {
            id,
            status: f.status,
            points: f.points,
            detail: f.detail,
            evidence: evidence(t.day.case(), f.evidence),
        });
    }
    let points = t.profile().points;
    let mut first = true;
    for c in out
        .iter_mut()
        .filter(|c| c.id.is_indication() && c.status == Status::Met)
    {
        c.points = if first {
            points.first_indication
        } else {
            points.further_indication
        };
        first = false;
    }
    out
}

/// The status of a criterion already decided.
pub(crate) fn status(decided: &[Criterion], id: CriterionId) -> Option<Status> {
    decided.iter().find(|c| c.id == id).map(|c| c.status)
}
