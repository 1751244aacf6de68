//! Referrals and post-op: red flags by urgency, a progressive or dense
//! deficit, and surgery on file.

use super::*;

pub(super) fn scenario(rng: &mut Rng, arch: Arch, r: &RegionInfo, c: &Cond, s: Scenario) -> Scenario {
    match arch {
        Arch::PostOp => post_op(rng, r, c, s),
        _ => referral(rng, arch, c, s),
    }
}

/// Red flags or a deficit at the latest review, whatever came before.
fn referral(rng: &mut Rng, arch: Arch, c: &Cond, mut s: Scenario) -> Scenario {
    s.long = rng.chance(40);
    s.pt = if rng.chance(85) { PtMode::Normal } else { PtMode::None };
    s.imaging = rng.pick(&[Imaging::None, Imaging::Plain, Imaging::Moderate, Imaging::Moderate]);
    s.nerve_study = s.nerve_study && rng.chance(30);
    s.meds = any_meds(rng);
    s.inject = if s.imaging == Imaging::Moderate && rng.chance(30) {
        Inject::Failed
    } else {
        Inject::None
    };
    s.pain = Pain::Worse;
    s.flags = match arch {
        Arch::Emergency => Flags::Emergency,
        Arch::RedFlags => Flags::Urgent,
        _ => Flags::None,
    };
    s.deficit = match arch {
        Arch::Progressive => Deficit::Progressive,
        Arch::DenseWeakness => Deficit::Dense,
        _ => Deficit::None,
    };
    s.weak = s.weak || s.deficit != Deficit::None;
    s.future_mri = !matches!(s.imaging, Imaging::Moderate) && !c.severe.is_empty();
    s
}

/// A surgical course: failed care, a lesion, surgery and post-op rehab.
fn post_op(rng: &mut Rng, r: &RegionInfo, c: &Cond, mut s: Scenario) -> Scenario {
    s.long = true;
    s.lifestyle_poor = rng.chance(8);
    s.imaging = if c.unstable.is_some() && rng.chance(30) {
        Imaging::Unstable
    } else if c.severe.is_empty() {
        Imaging::Moderate
    } else if c.lesion_severe == "arthrosis" && !r.spinal && rng.chance(20) {
        Imaging::PlainSevere
    } else {
        Imaging::Severe
    };
    s.nerve_study = s.nerve_study && rng.chance(70);
    s.meds = any_meds(rng);
    s.inject = rng.pick(&[Inject::None, Inject::Failed, Inject::Failed, Inject::Relapsed]);
    s.pain = Pain::Flat;
    s.surgery = true;
    if c.neuro && !c.muscles.is_empty() && rng.chance(25) {
        s.deficit = Deficit::Progressive;
        s.weak = true;
    }
    s
}
