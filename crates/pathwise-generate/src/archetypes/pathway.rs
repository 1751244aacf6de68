//! Not ready: the next step on the pathway, row by row of the next-step
//! table (physical therapy, the myelopathy workup, continuing what works,
//! re-evaluating PT, workup, pharmacology, pain medicine, injection, and
//! continuing when everything is in hand).

use super::*;

pub(super) fn scenario(rng: &mut Rng, arch: Arch, r: &RegionInfo, c: &Cond, mut s: Scenario) -> Scenario {
    match arch {
        Arch::NoPt => {
            s.long = false;
            s.pt = PtMode::None;
            s.imaging = quiet_imaging(rng, r, c, true);
            s.nerve_study = s.nerve_study && rng.chance(20);
            s.meds = rng.pick(&[Meds::None, Meds::Plain, Meds::Plain]);
            s.pain = rng.pick(&[Pain::Flat, Pain::Worse]);
        }
        Arch::SuspectedMyelopathy => {
            // signs charted, no MRI yet (it is booked after the review)
            s.long = false;
            s.pt = if rng.chance(70) { PtMode::Normal } else { PtMode::None };
            s.imaging = rng.pick(&[Imaging::None, Imaging::Plain]);
            s.nerve_study = false;
            s.meds = Meds::Plain;
            s.myelopathy = true;
            s.future_mri = true;
        }
        Arch::Improving => improving(rng, r, c, &mut s),
        Arch::LowAdherence | Arch::Passive | Arch::Psychosocial => re_evaluate(rng, arch, r, c, &mut s),
        Arch::NoImaging => {
            s.long = false;
            s.imaging = rng.pick(&[Imaging::None, Imaging::Plain]);
            s.nerve_study = s.nerve_study && !r.nerve_imaging && rng.chance(30);
            s.meds = any_meds(rng);
            s.inject = rng.pick(&[Inject::None, Inject::None, Inject::NonSteroid]);
            s.pain = Pain::Flat;
        }
        _ => treatment(rng, arch, r, c, &mut s),
    }
    s
}

/// Clinically important improvement, a good PT response, or relief in effect.
fn improving(rng: &mut Rng, r: &RegionInfo, c: &Cond, s: &mut Scenario) {
    s.imaging = quiet_imaging(rng, r, c, true);
    s.meds = any_meds(rng);
    match rng.below(3) {
        0 => {
            s.pain = Pain::Improving;
            s.pt_good = rng.chance(50);
        }
        1 => {
            s.pt_good = true;
            s.pain = Pain::Flat;
        }
        _ => {
            s.long = true;
            s.inject = Inject::Relief;
        }
    }
    if c.neuro && !c.muscles.is_empty() && rng.chance(40) {
        s.deficit = Deficit::Recovered;
    }
}

/// Why PT may not be working: adherence, a passive plan, psychosocial risk.
fn re_evaluate(rng: &mut Rng, arch: Arch, r: &RegionInfo, c: &Cond, s: &mut Scenario) {
    s.meds = any_meds(rng);
    match arch {
        Arch::Psychosocial => {
            s.psycho = Psycho::High;
            s.imaging = Imaging::Clear;
            s.inject = rng.pick(&[Inject::None, Inject::Failed, Inject::NonSteroid]);
        }
        _ => {
            s.pt = if arch == Arch::Passive {
                PtMode::Passive
            } else {
                PtMode::LowAdherence
            };
            s.lifestyle_poor = rng.chance(10);
            s.imaging = quiet_imaging(rng, r, c, true);
            s.inject = rng.pick(&[
                Inject::None,
                Inject::None,
                Inject::Failed,
                Inject::Relapsed,
                Inject::NonSteroid,
            ]);
        }
    }
}

/// Imaging on file without a target, so failure alone never makes the case
/// approaching; what is missing or pending decides the step.
fn treatment(rng: &mut Rng, arch: Arch, r: &RegionInfo, c: &Cond, s: &mut Scenario) {
    s.imaging = Imaging::Clear;
    match arch {
        Arch::NoNerveStudy => {
            s.nerve_study = false;
            s.inject = rng.pick(&[Inject::None, Inject::Failed, Inject::Relapsed]);
        }
        Arch::NeuroUntreated => {
            s.meds = Meds::Plain;
            s.inject = rng.pick(&[Inject::None, Inject::Failed, Inject::Relapsed]);
        }
        Arch::NoMeds => {
            s.meds = Meds::None;
            s.inject = rng.pick(&[Inject::None, Inject::Failed, Inject::Relapsed, Inject::NonSteroid]);
        }
        Arch::NoInjection => {
            s.meds = if c.neuro || rng.chance(20) {
                Meds::Neuro
            } else {
                Meds::Plain
            };
            s.inject = rng.pick(&[Inject::None, Inject::None, Inject::NonSteroid]);
            s.pain = Pain::Flat;
        }
        Arch::PositiveBlocks => {
            s.long = true;
            s.imaging = Imaging::Moderate;
            s.inject = Inject::Blocks;
        }
        Arch::NoTarget => {
            s.long = true;
            if c.moderate_quiet(r) && rng.chance(50) {
                s.imaging = Imaging::Moderate;
            }
            s.inject = Inject::Failed;
        }
        _ => {
            // the injection's result is not known yet
            if c.moderate_target(r) && rng.chance(40) {
                s.imaging = Imaging::Moderate;
            }
            s.inject = Inject::Pending;
            if r.spinal && c.neuro && !c.muscles.is_empty() && rng.chance(40) {
                s.deficit = Deficit::Unconfirmed;
            }
        }
    }
}
