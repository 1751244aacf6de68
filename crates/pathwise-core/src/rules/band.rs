//! The bands of READINESS.md, first that applies, as a table; and the
//! score. Band and next step read the criteria, the confounders and the
//! terms through one [`Verdict`].

use super::red_flags::{Category, flags, latest_screen};
use super::terms::{EPSILON, Terms};
use super::{Band, Confounder, ConfounderId, Criterion, CriterionId, Status};

/// What the band and next-step tables read.
pub(crate) struct Verdict<'v, 'a> {
    pub t: &'v Terms<'a>,
    pub criteria: &'v [Criterion],
    pub confounders: &'v [Confounder],
    pub band: Band,
}

impl Verdict<'_, '_> {
    pub fn status(&self, id: CriterionId) -> Status {
        super::criteria::status(self.criteria, id).unwrap_or(Status::Unknown)
    }
    pub fn met(&self, id: CriterionId) -> bool {
        self.status(id) == Status::Met
    }
    pub fn criterion(&self, id: CriterionId) -> Option<&Criterion> {
        self.criteria.iter().find(|c| c.id == id)
    }
    pub fn has(&self, id: ConfounderId) -> bool {
        self.confounders.iter().any(|c| c.id == id)
    }
    /// The categories of the red flags met, in the table's order.
    pub fn flag_categories(&self) -> Vec<Category> {
        if !self.met(CriterionId::RedFlags) {
            return Vec::new();
        }
        let mut out: Vec<Category> = latest_screen(&self.t.day)
            .map(|(_, a)| flags(a).into_iter().map(|(_, c)| c).collect())
            .unwrap_or_default();
        out.dedup();
        out
    }
    pub fn indications_met(&self) -> Vec<CriterionId> {
        CriterionId::INDICATIONS
            .into_iter()
            .filter(|&id| self.met(id))
            .collect()
    }
}

type Applies = fn(&Verdict) -> bool;

/// The table of READINESS.md, first row that applies; else `not-ready`.
const BANDS: [(Band, Applies); 5] = [
    (Band::PostOp, |v| v.t.day.surgery.is_some()),
    (Band::Emergency, |v| {
        v.flag_categories().iter().any(|c| c.is_emergency())
    }),
    (Band::Urgent, |v| {
        CriterionId::ALL.iter().any(|&id| id.forces_urgent() && v.met(id))
    }),
    (Band::Ready, ready),
    (Band::Approaching, approaching),
];

fn ready(v: &Verdict) -> bool {
    use CriterionId::*;
    let failed_with = v.met(ConservativeFailure)
        && (v.met(Instability) || v.met(StructuralLesion) || (v.met(IntractablePain) && !v.t.targets.is_empty()));
    let acute = v.met(StructuralLesion) && v.t.structural().any(|x| x.acute());
    v.met(ImagingOnFile) && (v.met(Myelopathy) || v.met(Entrapment) || acute || failed_with)
}

fn approaching(v: &Verdict) -> bool {
    let failed = v.met(CriterionId::ConservativeFailure);
    let lesion_to_come = !v.t.targets.is_empty() || v.status(CriterionId::StructuralLesion) == Status::Unknown;
    !v.indications_met().is_empty() || (failed && lesion_to_come)
}

/// The band, and the band the case had on its evaluation day before any
/// surgery (the same unless post-op).
pub(crate) fn band(v: &Verdict) -> (Band, Band) {
    let first = |rows: &[(Band, Applies)]| rows.iter().find(|(_, f)| f(v)).map_or(Band::NotReady, |(b, _)| *b);
    (first(&BANDS), first(&BANDS[1..]))
}

/// Points minus confounders, halves up, clamped to 0–100; 100 when the case
/// is (or, post-op, was) emergency or urgent.
pub(crate) fn score(v: &Verdict, before_surgery: Band) -> u8 {
    if before_surgery.is_referral() {
        return 100;
    }
    let points: f64 = v.criteria.iter().map(|c| c.points).sum();
    let sum = points - v.t.profile().points.confounder * v.confounders.len() as f64;
    (sum + 0.5 + EPSILON).floor().clamp(0.0, 100.0) as u8
}
