//! Archetypes: pathway situations of READINESS.md version 2, each designed
//! to get one band and one next step, and the scenario each one sets up.
//!
//! The families follow the rules' tables: referrals and post-op
//! (`referral`), the ready band (`ready`), the approaching band
//! (`approaching`) and the next steps of a case that is not ready
//! (`pathway`). [`DESIGN`] states what each archetype is designed to get;
//! the tests check it with the real engine.

mod approaching;
mod pathway;
mod ready;
mod referral;

use super::*;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Arch {
    Emergency,
    RedFlags,
    Progressive,
    DenseWeakness,
    PostOp,
    ReadyLesion,
    ReadyInstability,
    ReadyIntractable,
    ReadyMyelopathy,
    ReadyEntrapment,
    ReadyAcute,
    ImagingToCome,
    LesionBeforePt,
    Plateau,
    Lifestyle,
    NoPt,
    SuspectedMyelopathy,
    Improving,
    LowAdherence,
    Passive,
    Psychosocial,
    NoImaging,
    NoNerveStudy,
    NeuroUntreated,
    NoMeds,
    NoInjection,
    PositiveBlocks,
    NoTarget,
    Pending,
}

/// Each archetype: its name, the band and the next step it is designed to
/// get under the version 2 rules, and how many a block of [`BLOCK`] holds.
pub(super) const DESIGN: [(Arch, &str, &str, &str, usize); 29] = [
    (
        Arch::Emergency,
        "emergency-red-flags",
        "emergency",
        "emergency-referral",
        1,
    ),
    (Arch::RedFlags, "urgent-red-flags", "urgent", "urgent-referral", 2),
    (
        Arch::Progressive,
        "urgent-progressive-deficit",
        "urgent",
        "urgent-referral",
        2,
    ),
    (
        Arch::DenseWeakness,
        "urgent-severe-weakness",
        "urgent",
        "urgent-referral",
        1,
    ),
    (Arch::PostOp, "post-op", "post-op", "post-op-rehab", 3),
    (
        Arch::ReadyLesion,
        "ready-structural-lesion",
        "ready",
        "surgical-consult",
        3,
    ),
    (
        Arch::ReadyInstability,
        "ready-instability",
        "ready",
        "surgical-consult",
        2,
    ),
    (
        Arch::ReadyIntractable,
        "ready-intractable-pain",
        "ready",
        "surgical-consult",
        1,
    ),
    (
        Arch::ReadyMyelopathy,
        "ready-myelopathy",
        "ready",
        "surgical-consult",
        1,
    ),
    (
        Arch::ReadyEntrapment,
        "ready-entrapment",
        "ready",
        "surgical-consult",
        1,
    ),
    (Arch::ReadyAcute, "ready-acute-lesion", "ready", "surgical-consult", 1),
    (
        Arch::ImagingToCome,
        "approaching-imaging-to-come",
        "approaching",
        "workup",
        1,
    ),
    (
        Arch::LesionBeforePt,
        "approaching-lesion-before-pt",
        "approaching",
        "physical-therapy",
        1,
    ),
    (
        Arch::Plateau,
        "approaching-plateau",
        "approaching",
        "continue-conservative",
        2,
    ),
    (
        Arch::Lifestyle,
        "approaching-lifestyle",
        "approaching",
        "re-evaluate-pt",
        1,
    ),
    (Arch::NoPt, "no-pt-yet", "not-ready", "physical-therapy", 2),
    (
        Arch::SuspectedMyelopathy,
        "suspected-myelopathy",
        "not-ready",
        "workup",
        1,
    ),
    (Arch::Improving, "improving", "not-ready", "continue-conservative", 2),
    (Arch::LowAdherence, "low-adherence", "not-ready", "re-evaluate-pt", 2),
    (Arch::Passive, "passive-only-plan", "not-ready", "re-evaluate-pt", 1),
    (
        Arch::Psychosocial,
        "psychosocial-risk",
        "not-ready",
        "re-evaluate-pt",
        1,
    ),
    (Arch::NoImaging, "no-imaging", "not-ready", "workup", 1),
    (Arch::NoNerveStudy, "no-nerve-study", "not-ready", "workup", 1),
    (
        Arch::NeuroUntreated,
        "neuropathic-untreated",
        "not-ready",
        "pharmacology",
        1,
    ),
    (Arch::NoMeds, "no-medication", "not-ready", "pharmacology", 1),
    (Arch::NoInjection, "no-steroid-injection", "not-ready", "injection", 1),
    (Arch::PositiveBlocks, "positive-blocks", "not-ready", "pain-medicine", 1),
    (Arch::NoTarget, "failed-care-no-target", "not-ready", "pain-medicine", 1),
    (
        Arch::Pending,
        "injection-result-pending",
        "not-ready",
        "continue-conservative",
        1,
    ),
];

pub(super) fn archetype_at(seed: u64, index: usize) -> Arch {
    let block = index / BLOCK;
    let mut slots: Vec<Arch> = DESIGN
        .iter()
        .flat_map(|&(a, _, _, _, n)| std::iter::repeat_n(a, n))
        .collect();
    debug_assert_eq!(slots.len(), BLOCK);
    let mut rng = Rng::stream(seed ^ 0xA5A5_5A5A_0F0F_F0F0, block as u64);
    for i in (1..slots.len()).rev() {
        let j = rng.below(i + 1);
        slots.swap(i, j);
    }
    slots[index % BLOCK]
}

impl Arch {
    fn design(self) -> &'static (Arch, &'static str, &'static str, &'static str, usize) {
        // every archetype has its row; the first is never reached for a missing one
        DESIGN.iter().find(|d| d.0 == self).unwrap_or(&DESIGN[0])
    }

    pub(super) fn name(self) -> &'static str {
        self.design().1
    }

    /// The band the version 2 rules give (`Band::as_str`).
    pub(super) fn band(self) -> &'static str {
        self.design().2
    }

    /// The next step the version 2 rules give (`NextStep::as_str`).
    pub(super) fn next_step(self) -> &'static str {
        self.design().3
    }

    pub(super) fn tag(self) -> &'static str {
        match self {
            Arch::Emergency | Arch::RedFlags => "red-flags",
            Arch::Progressive => "progressive-deficit",
            Arch::DenseWeakness => "severe-weakness",
            Arch::PostOp => "post-op",
            Arch::ReadyLesion | Arch::ReadyInstability | Arch::ReadyIntractable => "surgical-candidate",
            Arch::ReadyMyelopathy | Arch::SuspectedMyelopathy => "myelopathy",
            Arch::ReadyEntrapment => "entrapment",
            Arch::ReadyAcute => "acute-injury",
            Arch::ImagingToCome | Arch::NoImaging => "no-imaging",
            Arch::LesionBeforePt | Arch::NoPt => "before-pt",
            Arch::Plateau => "plateau",
            Arch::Lifestyle => "lifestyle",
            Arch::Improving => "improving",
            Arch::LowAdherence => "adherence",
            Arch::Passive => "passive-plan",
            Arch::Psychosocial => "psychosocial",
            Arch::NoNerveStudy => "nerve-study",
            Arch::NeuroUntreated => "neuropathic",
            Arch::NoMeds => "no-medication",
            Arch::NoInjection => "no-injection",
            Arch::PositiveBlocks => "diagnostic-block",
            Arch::NoTarget => "no-surgical-target",
            Arch::Pending => "result-pending",
        }
    }

    /// Whether a condition of a region can carry this archetype as designed.
    pub(super) fn fits(self, r: &RegionInfo, c: &Cond) -> bool {
        let entrapment_nerve = r.nerve_imaging && c.neuro;
        match self {
            Arch::Emergency => !r.emergency_flags.is_empty() && !c.myelopathy,
            Arch::RedFlags => !r.red_flags.is_empty(),
            Arch::Progressive => (c.neuro && !c.muscles.is_empty()) || c.myelopathy,
            Arch::DenseWeakness => r.spinal && c.neuro && !c.myelopathy && !c.muscles.is_empty(),
            Arch::PostOp => c.surgical && !c.surgery.is_empty(),
            Arch::ReadyLesion => c.severe_target(r) && !c.myelopathy,
            Arch::ReadyInstability => c.unstable.is_some(),
            Arch::ReadyIntractable => (c.moderate_target(r) || c.severe_target(r)) && !c.myelopathy,
            Arch::ReadyMyelopathy | Arch::SuspectedMyelopathy => c.myelopathy,
            Arch::ReadyEntrapment => entrapment_nerve,
            Arch::ReadyAcute => c.acute.is_some(),
            Arch::LesionBeforePt => c.severe_target(r) && !c.myelopathy && !entrapment_nerve,
            Arch::Plateau => c.moderate_target(r) && !c.myelopathy,
            Arch::NoNerveStudy | Arch::NeuroUntreated => c.neuro && !c.myelopathy && !c.nerve.is_empty(),
            Arch::PositiveBlocks => c.block.is_some(),
            // no medication at all, not neuropathic pain left untreated
            Arch::NoMeds => !c.neuro && !c.myelopathy,
            _ => !c.myelopathy,
        }
    }

    /// The scenario this archetype sets up for a condition that fits it.
    pub(super) fn scenario(self, rng: &mut Rng, r: &RegionInfo, c: &Cond) -> Scenario {
        let base = Scenario::base(rng, r, c);
        match self {
            Arch::Emergency | Arch::RedFlags | Arch::Progressive | Arch::DenseWeakness | Arch::PostOp => {
                referral::scenario(rng, self, r, c, base)
            }
            Arch::ReadyLesion
            | Arch::ReadyInstability
            | Arch::ReadyIntractable
            | Arch::ReadyMyelopathy
            | Arch::ReadyEntrapment
            | Arch::ReadyAcute => ready::scenario(rng, self, r, c, base),
            Arch::ImagingToCome | Arch::LesionBeforePt | Arch::Plateau | Arch::Lifestyle => {
                approaching::scenario(rng, self, r, c, base)
            }
            _ => pathway::scenario(rng, self, r, c, base),
        }
    }
}
