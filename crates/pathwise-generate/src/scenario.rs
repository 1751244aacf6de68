//! The knobs an archetype sets: what the case holds on each track of the
//! pathway, before dates and words are drawn.

use super::*;

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
    /// Plain films showing mild change: not diagnostic imaging.
    Plain,
    /// Plain films showing a severe arthrosis: a target without advanced
    /// imaging (limbs).
    PlainSevere,
    /// Advanced imaging (a deciding study) that shows no target: a mild
    /// lesion, a discordant one, no surgical lesion or nothing at all.
    Clear,
    Moderate,
    Severe,
    Unstable,
}

impl Imaging {
    /// Advanced imaging (or the condition's nerve study) of the lesion.
    pub(super) fn advanced(self) -> bool {
        matches!(
            self,
            Imaging::Clear | Imaging::Moderate | Imaging::Severe | Imaging::Unstable
        )
    }
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
    /// A therapeutic injection with known relief below 50 percent.
    Failed,
    /// Good relief that has ended: neither failed nor in effect.
    Relapsed,
    /// Good relief still in effect on the review day.
    Relief,
    /// Given within 14 days of the review: the result is not known yet.
    Pending,
    Declined,
    Contraindicated,
    /// Neither therapeutic nor a positive block (trigger point, hyaluronic
    /// acid, a nerve block with little relief).
    NonSteroid,
    /// Two positive diagnostic medial branch blocks.
    Blocks,
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

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Flags {
    None,
    Urgent,
    Emergency,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Deficit {
    None,
    /// A confirmed drop, new numbness or an mJOA decline.
    Progressive,
    /// A grade of 2 or less (spine).
    Dense,
    /// 5 → 4 → 5: recovered, so neither a drop nor a feature.
    Recovered,
    /// The latest grade one below all earlier ones: re-examine.
    Unconfirmed,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Psycho {
    None,
    Low,
    High,
}

pub(super) struct Scenario {
    /// Documented care over 7 weeks or more (else under 6).
    pub(super) long: bool,
    pub(super) pt: PtMode,
    pub(super) pt_good: bool,
    pub(super) lifestyle_poor: bool,
    pub(super) psycho: Psycho,
    pub(super) imaging: Imaging,
    /// The lesion is an acute traumatic one.
    pub(super) acute: bool,
    /// Add a nerve study when the lesion's test is not one already.
    pub(super) nerve_study: bool,
    pub(super) meds: Meds,
    pub(super) inject: Inject,
    pub(super) pain: Pain,
    pub(super) flags: Flags,
    pub(super) deficit: Deficit,
    /// Myelopathy signs and mJOA are charted.
    pub(super) myelopathy: bool,
    /// A limb stability examination finds the joint unstable.
    pub(super) exam_unstable: bool,
    pub(super) surgery: bool,
    /// Strength below 5 may be recorded.
    pub(super) weak: bool,
    /// Advanced imaging is booked, dated after the review.
    pub(super) future_mri: bool,
}

impl Scenario {
    /// The defaults: an adequate PT course, imaging that shows no target,
    /// a nerve study and a neuropathic agent where the condition has
    /// neurological features, no injection, pain that is not intractable.
    pub(super) fn base(rng: &mut Rng, r: &RegionInfo, c: &Cond) -> Scenario {
        // weakness is a neurological feature: outside neurological
        // conditions keep it to limbs where it indicates no nerve study
        let weak_ok = c.neuro || !(r.spinal || r.nerve_imaging);
        let spinal_like = r.spinal || r.region == "other";
        Scenario {
            long: rng.chance(60),
            pt: PtMode::Normal,
            pt_good: false,
            lifestyle_poor: false,
            psycho: if spinal_like && rng.chance(20) {
                Psycho::Low
            } else {
                Psycho::None
            },
            imaging: Imaging::Clear,
            acute: false,
            nerve_study: c.neuro && !c.nerve.is_empty(),
            meds: if c.neuro { Meds::Neuro } else { Meds::Plain },
            inject: Inject::None,
            pain: Pain::Capped,
            flags: Flags::None,
            deficit: Deficit::None,
            myelopathy: c.myelopathy,
            exam_unstable: false,
            surgery: false,
            weak: weak_ok && rng.chance(50),
            future_mri: false,
        }
    }
}

/// Imaging that meets no indication for the condition: none, mild plain
/// films, a clear study, or a moderate lesion that is a target but neither
/// severe nor compressive (only where failure cannot be met).
pub(super) fn quiet_imaging(rng: &mut Rng, r: &RegionInfo, c: &Cond, target_ok: bool) -> Imaging {
    let mut options = vec![Imaging::None, Imaging::Plain, Imaging::Clear, Imaging::Clear];
    if target_ok && c.moderate_target(r) {
        options.push(Imaging::Moderate);
    }
    if c.moderate_quiet(r) {
        options.push(Imaging::Moderate);
    }
    rng.pick(&options)
}

/// A plain medication pool or a neuropathic agent as the condition needs.
pub(super) fn any_meds(rng: &mut Rng) -> Meds {
    rng.pick(&[Meds::None, Meds::Plain, Meds::Plain, Meds::Neuro])
}
