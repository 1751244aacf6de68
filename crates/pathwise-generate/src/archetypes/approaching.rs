//! The approaching band: an indication without failure, or documented
//! failure with a target lesion on file or imaging still to come.

use super::*;

pub(super) fn scenario(rng: &mut Rng, arch: Arch, r: &RegionInfo, c: &Cond, mut s: Scenario) -> Scenario {
    match arch {
        Arch::LesionBeforePt => {
            // a severe lesion on imaging before any PT: structural lesion met
            s.long = false;
            s.pt = PtMode::None;
            let plain = c.lesion_severe == "arthrosis" && !r.spinal && rng.chance(30);
            s.imaging = if plain { Imaging::PlainSevere } else { Imaging::Severe };
            s.nerve_study = s.nerve_study && rng.chance(20);
            s.meds = rng.pick(&[Meds::None, Meds::Plain, Meds::Plain]);
            s.pain = Pain::Flat;
        }
        Arch::Plateau => {
            // failure over a target that meets no indication, every
            // treatment tried: nothing left but to continue and reassess
            s.long = true;
            s.imaging = Imaging::Moderate;
            s.inject = rng.pick(&[Inject::Failed, Inject::Failed, Inject::Relapsed, Inject::Declined]);
        }
        _ => {
            // failure documented before any advanced imaging
            s.long = true;
            s.lifestyle_poor = arch == Arch::Lifestyle;
            s.imaging = rng.pick(&[Imaging::None, Imaging::Plain]);
            s.nerve_study = false;
            s.meds = any_meds(rng);
            s.inject = rng.pick(&[Inject::None, Inject::None, Inject::NonSteroid]);
            s.pain = Pain::Flat;
        }
    }
    s
}
