//! The ready band: imaging on file with myelopathy, entrapment, an acute
//! traumatic lesion, or documented failure with instability, a structural
//! lesion or intractable pain over a target lesion.

use super::*;

pub(super) fn scenario(rng: &mut Rng, arch: Arch, r: &RegionInfo, c: &Cond, s: Scenario) -> Scenario {
    match arch {
        Arch::ReadyMyelopathy => myelopathy(rng, s),
        Arch::ReadyEntrapment => entrapment(rng, s),
        Arch::ReadyAcute => acute(rng, s),
        _ => failed_care(rng, arch, r, c, s),
    }
}

/// Documented failure of an adequate trial: at least 7 weeks, no
/// improvement, no relief in effect and no result pending.
fn failed_care(rng: &mut Rng, arch: Arch, r: &RegionInfo, c: &Cond, mut s: Scenario) -> Scenario {
    s.long = true;
    s.lifestyle_poor = rng.chance(8);
    s.nerve_study = s.nerve_study && rng.chance(70);
    s.meds = any_meds(rng);
    s.inject = rng.pick(&[Inject::None, Inject::Failed, Inject::Failed, Inject::Relapsed]);
    s.pain = Pain::Flat;
    match arch {
        Arch::ReadyInstability => {
            s.imaging = Imaging::Unstable;
            s.exam_unstable = r.is_limb();
        }
        Arch::ReadyIntractable => {
            // a target that is neither severe nor compressive where there is
            // one, so intractable pain is what makes the case ready
            s.imaging = if c.moderate_target(r) {
                Imaging::Moderate
            } else {
                Imaging::Severe
            };
            s.meds = if c.neuro || rng.chance(30) {
                Meds::Neuro
            } else {
                Meds::Plain
            };
            s.inject = rng.pick(&[
                Inject::Failed,
                Inject::Failed,
                Inject::Failed,
                Inject::Declined,
                Inject::Contraindicated,
            ]);
            s.pain = Pain::Intractable;
        }
        _ => {
            let plain = c.lesion_severe == "arthrosis" && !r.spinal && rng.chance(30);
            s.imaging = if plain { Imaging::PlainSevere } else { Imaging::Severe };
        }
    }
    s
}

/// Cord compression on MRI with myelopathy signs and an mJOA of 17 or less:
/// no wait for conservative care.
fn myelopathy(rng: &mut Rng, mut s: Scenario) -> Scenario {
    s.long = rng.chance(50);
    s.pt = if rng.chance(80) { PtMode::Normal } else { PtMode::None };
    s.imaging = rng.pick(&[Imaging::Severe, Imaging::Moderate]);
    s.nerve_study = false;
    s.meds = rng.pick(&[Meds::Plain, Meds::Neuro]);
    s.myelopathy = true;
    s
}

/// A severe entrapment on the nerve study, or a moderate one after a failed
/// carpal or cubital tunnel steroid injection.
fn entrapment(rng: &mut Rng, mut s: Scenario) -> Scenario {
    s.long = true;
    s.imaging = rng.pick(&[Imaging::Severe, Imaging::Moderate]);
    s.inject = if s.imaging == Imaging::Moderate {
        Inject::Failed
    } else {
        rng.pick(&[Inject::None, Inject::Failed])
    };
    s.meds = rng.pick(&[Meds::Plain, Meds::Neuro]);
    s
}

/// An acute traumatic lesion seen within weeks of the injury.
fn acute(rng: &mut Rng, mut s: Scenario) -> Scenario {
    s.long = false;
    s.acute = true;
    s.pt = if rng.chance(40) { PtMode::None } else { PtMode::Normal };
    s.imaging = Imaging::Severe;
    s.nerve_study = false;
    s.meds = rng.pick(&[Meds::None, Meds::Plain]);
    s.pain = Pain::Flat;
    s.exam_unstable = rng.chance(30);
    s
}
