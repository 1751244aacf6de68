//! The Terms section of READINESS.md: what the words of the rules mean,
//! computed once per evaluation from the known-on [`Day`] and read by every
//! criterion, confounder, caution, band and next-step rule.

pub(crate) mod care;
pub(crate) mod features;
mod improvement;
pub(crate) mod lesions;

pub(crate) use care::{Inadequate, MedTrial};
pub(crate) use features::{Features, Grades};
pub(crate) use improvement::Change;
pub(crate) use lesions::Target;

use super::known::{Course, Day, Shot};
use crate::case::*;

/// Tolerance for "at least": a value exactly at its threshold counts even
/// when decimals do not subtract exactly in binary.
pub(crate) const EPSILON: f64 = 1e-9;

/// `a ≥ b`, decimals compared with [`EPSILON`].
pub(crate) fn at_least(a: f64, b: f64) -> bool {
    a >= b - EPSILON
}

/// `shoulder`, `elbow`, `wrist-hand`, `hip`, `knee`, `ankle-foot`
/// (`other` is neither spinal nor limb).
pub(crate) fn is_limb(region: Region) -> bool {
    !region.is_spinal() && region != Region::Other
}

/// Elbow and wrist-hand, where a nerve study decides entrapment.
pub(crate) fn is_entrapment_region(region: Region) -> bool {
    matches!(region, Region::Elbow | Region::WristHand)
}

/// MRI, CT, CT myelogram; ultrasound in a limb region only.
pub(crate) fn is_advanced_imaging(test: Test, region: Region) -> bool {
    match test {
        Test::Mri | Test::Ct | Test::CtMyelogram => true,
        Test::Ultrasound => is_limb(region),
        _ => false,
    }
}

pub(crate) fn is_plain_films(test: Test) -> bool {
    matches!(test, Test::Xray | Test::FlexionExtensionXray)
}

/// Done, and a corticosteroid or PRP.
pub(crate) fn is_therapeutic_kind(kind: InjectionKind) -> bool {
    kind.is_corticosteroid() || kind.is_regenerative()
}

pub(crate) fn is_diagnostic_block(kind: InjectionKind) -> bool {
    matches!(kind, InjectionKind::MedialBranchBlock | InjectionKind::NerveBlock)
}

/// Everything the rules read, on the evaluation day.
pub(crate) struct Terms<'a> {
    pub day: Day<'a>,
    /// Each muscle graded in play, its grades in assessment order.
    pub muscles: Vec<Grades>,
    pub features: Features<'a>,
    /// Target lesions in play, in date order.
    pub targets: Vec<Target<'a>>,
    /// Advanced imaging in play (in elbow and wrist-hand, a nerve study too).
    pub deciding: Vec<EventRef>,
    pub latest_pt: Option<Course<'a>>,
    /// Conservative start, and the event it is (none: the look-back).
    pub start: Option<(Date, Option<EventRef>)>,
    /// Exact documented weeks (never negative).
    pub weeks: f64,
    /// Pain, then each function instrument, recorded in two assessments or more.
    pub changes: Vec<Change>,
    /// Why the trial was not adequate (empty: adequate).
    pub inadequate: Vec<Inadequate>,
}

impl<'a> Terms<'a> {
    pub fn new(day: Day<'a>) -> Terms<'a> {
        let muscles = features::muscle_grades(&day);
        let features = Features::new(&day, &muscles);
        let targets = lesions::targets(&day, &features);
        let deciding = lesions::deciding(&day);
        let latest_pt = care::latest_pt(&day);
        let start = improvement::conservative_start(&day);
        let weeks = improvement::documented_weeks(&day, start.map(|(d, _)| d));
        let changes = improvement::changes(&day);
        let inadequate = care::inadequate(&day, latest_pt.as_ref());
        Terms {
            day,
            muscles,
            features,
            targets,
            deciding,
            latest_pt,
            start,
            weeks,
            changes,
            inadequate,
        }
    }

    pub fn region(&self) -> Region {
        self.day.region()
    }

    pub fn profile(&self) -> &'a super::Profile {
        self.day.profile
    }

    /// Clinically important improvements, any measure.
    pub fn improvements(&self) -> impl Iterator<Item = &Change> {
        self.changes.iter().filter(|c| c.important)
    }

    pub fn improved(&self) -> bool {
        self.improvements().next().is_some()
    }

    /// The latest PT course's known response, when `good` or `resolved`.
    pub fn pt_helping(&self) -> Option<PtResponse> {
        let r = self.latest_pt?.response().known()?;
        matches!(r, PtResponse::Good | PtResponse::Resolved).then_some(r)
    }

    pub fn advanced_imaging(&self) -> impl Iterator<Item = &(EventRef, &'a Workup)> {
        let region = self.region();
        self.day
            .workup
            .iter()
            .filter(move |(_, w)| is_advanced_imaging(w.test, region))
    }

    pub fn nerve_studies(&self) -> impl Iterator<Item = &(EventRef, &'a Workup)> {
        self.day.workup.iter().filter(|(_, w)| w.test.is_nerve_study())
    }

    pub fn therapeutic(&self) -> impl Iterator<Item = &Shot<'a>> {
        self.day
            .injection
            .iter()
            .filter(|s| s.done() && is_therapeutic_kind(s.kind()))
    }

    pub fn failed_injections(&self) -> impl Iterator<Item = &Shot<'a>> {
        let p = self.profile();
        self.therapeutic().filter(move |s| care::failed(p, s))
    }

    pub fn relief_in_effect(&self) -> impl Iterator<Item = &Shot<'a>> {
        let p = self.profile();
        self.therapeutic().filter(move |s| care::relief_in_effect(p, s))
    }

    /// Therapeutic injections whose recorded result is not known yet.
    pub fn result_pending(&self) -> impl Iterator<Item = &Shot<'a>> {
        self.therapeutic().filter(|s| care::result_pending(s))
    }

    pub fn positive_blocks(&self) -> impl Iterator<Item = &Shot<'a>> {
        let p = self.profile();
        self.day.injection.iter().filter(move |s| {
            s.done()
                && is_diagnostic_block(s.kind())
                && s.relief_percent()
                    .known()
                    .is_some_and(|r| at_least(f64::from(r), p.block_positive_percent))
        })
    }

    /// Injections of a therapeutic kind that were declined or contraindicated.
    pub fn not_given(&self) -> impl Iterator<Item = &Shot<'a>> {
        self.day
            .injection
            .iter()
            .filter(|s| !s.done() && is_therapeutic_kind(s.kind()))
    }

    pub fn medication_trials(&self) -> Vec<MedTrial<'a>> {
        care::medication_trials(&self.day)
    }

    /// A target lesion meets structural-lesion when severe, or compressive.
    pub fn structural(&self) -> impl Iterator<Item = &Target<'a>> {
        self.targets.iter().filter(|t| t.meets_structural())
    }
}
