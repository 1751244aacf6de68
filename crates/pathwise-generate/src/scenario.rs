//! Archetypes (pathway situations) and the scenario each one sets up.

use super::*;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Arch {
    RedFlags,
    Progressive,
    ReadyLesion,
    ReadyInstability,
    ReadyIntractable,
    PostOp,
    NoPt,
    Improving,
    LowAdherence,
    Lifestyle,
    Passive,
    NoImaging,
    NoNerveStudy,
    NoMeds,
    NeuroUntreated,
    NoInjection,
    Plateau,
}

/// How many of each archetype a block of [`BLOCK`] cases holds.
pub(super) const SCHEDULE: [(Arch, usize); 17] = [
    (Arch::RedFlags, 2),
    (Arch::Progressive, 2),
    (Arch::ReadyLesion, 3),
    (Arch::ReadyInstability, 2),
    (Arch::ReadyIntractable, 2),
    (Arch::PostOp, 3),
    (Arch::NoPt, 2),
    (Arch::Improving, 3),
    (Arch::LowAdherence, 3),
    (Arch::Lifestyle, 2),
    (Arch::Passive, 2),
    (Arch::NoImaging, 3),
    (Arch::NoNerveStudy, 2),
    (Arch::NoMeds, 2),
    (Arch::NeuroUntreated, 2),
    (Arch::NoInjection, 2),
    (Arch::Plateau, 3),
];

pub(super) fn archetype_at(seed: u64, index: usize) -> Arch {
    let block = index / BLOCK;
    let mut slots: Vec<Arch> = SCHEDULE.iter().flat_map(|&(a, n)| std::iter::repeat_n(a, n)).collect();
    debug_assert_eq!(slots.len(), BLOCK);
    let mut rng = Rng::stream(seed ^ 0xA5A5_5A5A_0F0F_F0F0, block as u64);
    for i in (1..slots.len()).rev() {
        let j = rng.below(i + 1);
        slots.swap(i, j);
    }
    slots[index % BLOCK]
}

impl Arch {
    pub(super) fn name(self) -> &'static str {
        match self {
            Arch::RedFlags => "urgent-red-flags",
            Arch::Progressive => "urgent-progressive-deficit",
            Arch::ReadyLesion => "ready-structural-lesion",
            Arch::ReadyInstability => "ready-instability",
            Arch::ReadyIntractable => "ready-intractable-pain",
            Arch::PostOp => "post-op",
            Arch::NoPt => "no-pt-yet",
            Arch::Improving => "improving",
            Arch::LowAdherence => "low-adherence",
            Arch::Lifestyle => "lifestyle",
            Arch::Passive => "passive-only-plan",
            Arch::NoImaging => "no-imaging",
            Arch::NoNerveStudy => "no-nerve-study",
            Arch::NoMeds => "no-medication",
            Arch::NeuroUntreated => "neuropathic-untreated",
            Arch::NoInjection => "no-steroid-injection",
            Arch::Plateau => "plateau",
        }
    }

    pub(super) fn next_step(self) -> &'static str {
        match self {
            Arch::RedFlags | Arch::Progressive => "urgent-referral",
            Arch::ReadyLesion | Arch::ReadyInstability | Arch::ReadyIntractable => "surgical-consult",
            Arch::PostOp => "post-op-rehab",
            Arch::NoPt => "physical-therapy",
            Arch::Improving | Arch::Plateau => "continue-conservative",
            Arch::LowAdherence | Arch::Lifestyle | Arch::Passive => "re-evaluate-pt",
            Arch::NoImaging | Arch::NoNerveStudy => "workup",
            Arch::NoMeds | Arch::NeuroUntreated => "pharmacology",
            Arch::NoInjection => "injection",
        }
    }

    pub(super) fn tag(self) -> &'static str {
        match self {
            Arch::RedFlags => "red-flags",
            Arch::Progressive => "progressive-deficit",
            Arch::ReadyLesion | Arch::ReadyInstability | Arch::ReadyIntractable => "surgical-candidate",
            Arch::PostOp => "post-op",
            Arch::NoPt => "before-pt",
            Arch::Improving => "improving",
            Arch::LowAdherence => "adherence",
            Arch::Lifestyle => "lifestyle",
            Arch::Passive => "passive-plan",
            Arch::NoImaging => "no-imaging",
            Arch::NoNerveStudy => "nerve-study",
            Arch::NoMeds => "no-medication",
            Arch::NeuroUntreated => "neuropathic",
            Arch::NoInjection => "no-injection",
            Arch::Plateau => "plateau",
        }
    }

    /// Whether a condition can carry this archetype.
    pub(super) fn fits(self, c: &Cond) -> bool {
        match self {
            Arch::Progressive | Arch::NoNerveStudy | Arch::NeuroUntreated => c.neuro,
            Arch::ReadyLesion | Arch::PostOp => c.surgical,
            Arch::ReadyInstability => c.unstable.is_some(),
            _ => true,
        }
    }
}

// ---------------------------------------------------------------------------
// Regions and conditions.

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum PtMode {
    None,
    Normal,
    LowAdherence,
    Passive,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Imaging {
    None,
    Plain,
    /// Plain films that show a severe arthrosis: an indication without
    /// advanced imaging.
    PlainSevere,
    Moderate,
    Severe,
    Unstable,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Meds {
    None,
    Plain,
    Neuro,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Inject {
    None,
    Failed,
    Helped,
    NonSteroid,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Pain {
    Flat,
    /// Flat, with the latest rating at most 6 so pain is never intractable.
    Capped,
    Intractable,
    Improving,
    Worse,
}

pub(super) struct Scenario {
    pub(super) long: bool,
    pub(super) pt: PtMode,
    pub(super) pt_good: bool,
    pub(super) lifestyle_poor: bool,
    pub(super) imaging: Imaging,
    /// Add a nerve study when the lesion test is not one already.
    pub(super) nerve_study: bool,
    /// Imaging of the nerve by ultrasound instead of a nerve study.
    pub(super) nerve_ultrasound: bool,
    pub(super) meds: Meds,
    pub(super) inject: Inject,
    pub(super) pain: Pain,
    pub(super) red_flags: bool,
    pub(super) progressive: bool,
    pub(super) surgery: bool,
    /// Strength below 5 may be recorded.
    pub(super) weak: bool,
}

pub(super) fn scenario(rng: &mut Rng, arch: Arch, r: &RegionInfo, c: &Cond) -> Scenario {
    let neuro = c.neuro;
    // weakness below 5 counts as a nerve-study indication in these regions
    let weak_ok = neuro || !(r.spinal || r.nerve_imaging);
    let any_meds = |rng: &mut Rng| rng.pick(&[Meds::None, Meds::Plain, Meds::Plain, Meds::Neuro]);
    let mut s = Scenario {
        long: rng.chance(60),
        pt: PtMode::Normal,
        pt_good: false,
        lifestyle_poor: false,
        imaging: Imaging::Moderate,
        nerve_study: neuro,
        nerve_ultrasound: false,
        meds: if neuro { Meds::Neuro } else { Meds::Plain },
        inject: Inject::None,
        pain: Pain::Flat,
        red_flags: false,
        progressive: false,
        surgery: false,
        weak: weak_ok && rng.chance(50),
    };
    match arch {
        Arch::RedFlags | Arch::Progressive => {
            s.long = rng.chance(40);
            s.pt = if rng.chance(85) { PtMode::Normal } else { PtMode::None };
            s.imaging = rng.pick(&[Imaging::None, Imaging::Plain, Imaging::Moderate, Imaging::Moderate]);
            s.nerve_study = neuro && rng.chance(30);
            s.meds = any_meds(rng);
            s.inject = if s.imaging == Imaging::Moderate && rng.chance(30) {
                Inject::Failed
            } else {
                Inject::None
            };
            s.pain = Pain::Worse;
            s.red_flags = arch == Arch::RedFlags;
            s.progressive = arch == Arch::Progressive;
            s.weak = s.weak || s.progressive;
        }
        Arch::ReadyLesion | Arch::ReadyInstability | Arch::ReadyIntractable | Arch::PostOp => {
            s.long = true;
            s.pt = rng.pick(&[
                PtMode::Normal,
                PtMode::Normal,
                PtMode::Normal,
                PtMode::Normal,
                PtMode::Normal,
                PtMode::Normal,
                PtMode::Normal,
                PtMode::LowAdherence,
                PtMode::Passive,
            ]);
            s.lifestyle_poor = rng.chance(8);
            s.imaging = match arch {
                Arch::ReadyInstability => Imaging::Unstable,
                Arch::ReadyIntractable => Imaging::Moderate,
                _ => Imaging::Severe,
            };
            s.nerve_study = neuro && rng.chance(70);
            s.meds = if arch == Arch::ReadyIntractable {
                if neuro || rng.chance(30) {
                    Meds::Neuro
                } else {
                    Meds::Plain
                }
            } else {
                any_meds(rng)
            };
            s.inject = if arch == Arch::ReadyIntractable {
                Inject::Failed
            } else {
                rng.pick(&[Inject::None, Inject::Failed, Inject::Failed, Inject::Helped])
            };
            s.pain = if arch == Arch::ReadyIntractable {
                Pain::Intractable
            } else {
                Pain::Flat
            };
            s.surgery = arch == Arch::PostOp;
            s.progressive = arch == Arch::PostOp && neuro && rng.chance(25);
            s.weak = s.weak || s.progressive;
        }
        Arch::NoPt => {
            s.long = false;
            s.pt = PtMode::None;
            s.imaging = if c.surgical && rng.chance(25) {
                Imaging::Severe
            } else {
                rng.pick(&[Imaging::None, Imaging::Plain, Imaging::Moderate])
            };
            s.nerve_study = neuro && rng.chance(20);
            s.meds = rng.pick(&[Meds::None, Meds::Plain, Meds::Plain]);
            if s.imaging == Imaging::None && rng.chance(60) {
                s.imaging = Imaging::Plain;
            }
            s.pain = rng.pick(&[Pain::Flat, Pain::Worse]);
        }
        Arch::Improving => {
            s.pt_good = true;
            s.imaging = if c.surgical && rng.chance(20) {
                Imaging::Severe
            } else {
                rng.pick(&[Imaging::None, Imaging::Plain, Imaging::Moderate])
            };
            s.nerve_study = neuro && rng.chance(40);
            s.meds = any_meds(rng);
            s.inject = if s.imaging == Imaging::None {
                Inject::None
            } else {
                rng.pick(&[Inject::None, Inject::None, Inject::Helped])
            };
            s.pain = Pain::Improving;
        }
        Arch::LowAdherence | Arch::Lifestyle | Arch::Passive => {
            s.pt = match arch {
                Arch::LowAdherence => PtMode::LowAdherence,
                Arch::Passive => PtMode::Passive,
                _ => PtMode::Normal,
            };
            s.lifestyle_poor = arch == Arch::Lifestyle || rng.chance(10);
            s.imaging = rng.pick(&[Imaging::None, Imaging::Plain, Imaging::Moderate, Imaging::Moderate]);
            s.nerve_study = neuro && rng.chance(50);
            s.meds = any_meds(rng);
            s.inject = if s.imaging == Imaging::Moderate {
                rng.pick(&[Inject::None, Inject::Failed, Inject::Helped, Inject::NonSteroid])
            } else {
                Inject::None
            };
            s.pain = if s.inject == Inject::None {
                Pain::Flat
            } else {
                Pain::Capped
            };
        }
        Arch::NoImaging => {
            s.imaging = if c.lesion_severe == "arthrosis" && c.surgical && rng.chance(40) {
                Imaging::PlainSevere
            } else {
                rng.pick(&[Imaging::None, Imaging::Plain])
            };
            s.nerve_study = !r.nerve_imaging && neuro && rng.chance(30);
            s.meds = any_meds(rng);
            s.inject = if rng.chance(25) {
                Inject::NonSteroid
            } else {
                Inject::None
            };
            s.pain = if s.inject == Inject::None {
                Pain::Flat
            } else {
                Pain::Capped
            };
        }
        Arch::NoNerveStudy => {
            s.nerve_study = false;
            s.nerve_ultrasound = r.nerve_imaging;
            s.meds = any_meds(rng);
            s.inject = rng.pick(&[Inject::None, Inject::Failed, Inject::Helped]);
            s.pain = Pain::Capped;
            s.weak = s.weak || rng.chance(50);
        }
        Arch::NoMeds => {
            s.meds = Meds::None;
            s.inject = rng.pick(&[Inject::None, Inject::None, Inject::Failed, Inject::Helped]);
            s.pain = Pain::Capped;
        }
        Arch::NeuroUntreated => {
            s.meds = Meds::Plain;
            s.inject = rng.pick(&[Inject::None, Inject::Failed, Inject::Helped]);
            s.pain = Pain::Capped;
        }
        Arch::NoInjection => {
            s.meds = if neuro || rng.chance(20) {
                Meds::Neuro
            } else {
                Meds::Plain
            };
            s.inject = if rng.chance(30) {
                Inject::NonSteroid
            } else {
                Inject::None
            };
            s.pain = Pain::Capped;
        }
        Arch::Plateau => {
            s.long = true;
            s.meds = if neuro || rng.chance(20) {
                Meds::Neuro
            } else {
                Meds::Plain
            };
            s.inject = rng.pick(&[Inject::Failed, Inject::Helped]);
            s.pain = Pain::Capped;
        }
    }
    s
}

// ---------------------------------------------------------------------------
// The draft: the case as it will be written.
