//! The regions and conditions cases are made of: instruments, injections,
//! findings and words per condition.

mod lower;
mod spine;
mod upper;

#[derive(Clone, Copy)]
pub(super) struct Instrument {
    pub(super) name: &'static str,
    pub(super) hi: i64,
    pub(super) higher_better: bool,
    pub(super) mcid: f64,
    /// Starting "badness" (distance from the best score).
    pub(super) start: (i64, i64),
}

pub(super) const ODI: Instrument = Instrument {
    name: "odi",
    hi: 100,
    higher_better: false,
    mcid: 10.0,
    start: (28, 60),
};
pub(super) const NDI: Instrument = Instrument {
    name: "ndi",
    hi: 50,
    higher_better: false,
    mcid: 7.5,
    start: (12, 30),
};
pub(super) const QUICKDASH: Instrument = Instrument {
    name: "quickdash",
    hi: 100,
    higher_better: false,
    mcid: 11.0,
    start: (30, 65),
};
pub(super) const LEFS: Instrument = Instrument {
    name: "lefs",
    hi: 80,
    higher_better: true,
    mcid: 9.0,
    start: (25, 50),
};
pub(super) const PSFS: Instrument = Instrument {
    name: "psfs",
    hi: 10,
    higher_better: true,
    mcid: 2.0,
    start: (4, 7),
};

pub(super) struct RegionInfo {
    pub(super) region: &'static str,
    pub(super) weight: u32,
    pub(super) site: &'static str,
    pub(super) instrument: Instrument,
    pub(super) spinal: bool,
    /// A nerve study counts as imaging here (elbow, wrist-hand).
    pub(super) nerve_imaging: bool,
    /// The usual corticosteroid injection: kind and level template.
    pub(super) steroid: (&'static str, &'static str),
    pub(super) guidance: &'static str,
    pub(super) surgeon: &'static str,
    /// Red flags of an urgent category (cord, infection, malignancy,
    /// fracture, mechanical) with the note that records them.
    pub(super) red_flags: &'static [(&'static [&'static str], &'static str)],
    /// Red flags of an emergency category (cauda equina, a threatened
    /// limb); empty where none fits the region.
    pub(super) emergency_flags: &'static [(&'static [&'static str], &'static str)],
    pub(super) exam: &'static [&'static str],
    pub(super) pt_notes: &'static [&'static str],
    pub(super) xray: &'static str,
    /// The lesion the plain films show (`arthrosis`, graded mild, or `normal`).
    pub(super) xray_lesion: &'static str,
    /// Advanced imaging that shows no surgical target: test, lesion, findings.
    pub(super) clear: (&'static str, &'static str, &'static str),
    /// Injections that are neither corticosteroid nor PRP.
    pub(super) other_injection: (&'static str, &'static str),
    pub(super) conds: &'static [Cond],
}

#[derive(Clone, Copy)]
pub(super) struct Cond {
    pub(super) slug: &'static str,
    pub(super) title: &'static str,
    pub(super) complaint: &'static str,
    pub(super) initial: &'static str,
    pub(super) working: &'static str,
    pub(super) tags: &'static [&'static str],
    pub(super) ages: (i64, i64),
    pub(super) neuro: bool,
    pub(super) surgical: bool,
    pub(super) site: Option<&'static str>,
    pub(super) test: &'static str,
    pub(super) lesion_severe: &'static str,
    pub(super) lesion_moderate: &'static str,
    pub(super) level: &'static str,
    pub(super) severe: &'static str,
    pub(super) moderate: &'static str,
    /// The lesion graded mild (no surgical target); for a condition whose
    /// test is a nerve study, the findings of a mild nerve study.
    pub(super) mild: &'static str,
    /// Cervical myelopathy: myelopathy signs and mJOA are charted.
    pub(super) myelopathy: bool,
    /// Neurogenic claudication (spinal stenosis).
    pub(super) claudication: bool,
    /// Findings of an acute traumatic lesion, when one can occur.
    pub(super) acute: Option<&'static str>,
    /// The diagnostic medial branch block level, for facet pain.
    pub(super) block: Option<&'static str>,
    /// The test and findings that show instability, when it can occur.
    pub(super) unstable: Option<(&'static str, &'static str)>,
    pub(super) surgery: &'static str,
    pub(super) nerve: &'static str,
    pub(super) muscles: &'static [&'static str],
    pub(super) numbness: &'static [&'static str],
    pub(super) steroid: Option<(&'static str, &'static str)>,
    /// Examination findings typical of the condition.
    pub(super) exam: &'static [&'static str],
}

pub(super) const C: Cond = Cond {
    slug: "",
    title: "",
    complaint: "",
    initial: "",
    working: "",
    tags: &[],
    ages: (25, 75),
    neuro: false,
    surgical: true,
    site: None,
    test: "mri",
    lesion_severe: "other",
    lesion_moderate: "other",
    level: "",
    severe: "",
    moderate: "",
    mild: "",
    myelopathy: false,
    claudication: false,
    acute: None,
    block: None,
    unstable: None,
    surgery: "",
    nerve: "",
    muscles: &[],
    numbness: &[],
    steroid: None,
    exam: &[],
};

pub(super) static REGIONS: &[RegionInfo] = &[
    spine::LUMBAR,
    spine::CERVICAL,
    spine::THORACIC,
    upper::SHOULDER,
    upper::ELBOW,
    upper::WRIST_HAND,
    lower::HIP,
    lower::KNEE,
    lower::ANKLE_FOOT,
    lower::OTHER,
];

/// The compressive lesions of READINESS.md.
pub(super) fn is_compressive(lesion: &str) -> bool {
    matches!(
        lesion,
        "disc-protrusion"
            | "disc-extrusion"
            | "disc-sequestration"
            | "stenosis-central"
            | "stenosis-foraminal"
            | "nerve-compression"
            | "nerve-entrapment"
            | "cord-compression"
    )
}

impl RegionInfo {
    /// `shoulder`, `elbow`, `wrist-hand`, `hip`, `knee`, `ankle-foot`.
    pub(super) fn is_limb(&self) -> bool {
        !self.spinal && self.region != "other"
    }
}

impl Cond {
    /// Whether `lesion`, graded moderate or severe, is a target lesion in
    /// this region for this condition (compression needs neurological
    /// features; spinal arthrosis is never one).
    pub(super) fn targets(&self, r: &RegionInfo, lesion: &str) -> bool {
        let surgical_word = !matches!(lesion, "other" | "disc-bulge" | "normal");
        let spinal_arthrosis = r.spinal && lesion == "arthrosis";
        surgical_word && !spinal_arthrosis && (!is_compressive(lesion) || self.neuro || self.claudication)
    }

    /// The severe finding is a target lesion.
    pub(super) fn severe_target(&self, r: &RegionInfo) -> bool {
        !self.severe.is_empty() && self.targets(r, self.lesion_severe)
    }

    /// The moderate finding is a target that does not meet structural
    /// lesion on its own (neither severe nor compressive).
    pub(super) fn moderate_target(&self, r: &RegionInfo) -> bool {
        !self.moderate.is_empty() && self.targets(r, self.lesion_moderate) && !is_compressive(self.lesion_moderate)
    }

    /// The moderate finding is no target at all.
    pub(super) fn moderate_quiet(&self, r: &RegionInfo) -> bool {
        !self.moderate.is_empty() && !self.targets(r, self.lesion_moderate)
    }

    /// The moderate finding can be mirrored to the other side: imaging that
    /// does not match the symptoms (`concordant = false`).
    pub(super) fn discordant_ok(&self, r: &RegionInfo) -> bool {
        r.spinal && self.moderate.to_lowercase().contains("{side}")
    }

    /// The condition's own test is a nerve study (its lesion is the study).
    pub(super) fn test_is_nerve_study(&self) -> bool {
        matches!(self.test, "ncs" | "emg" | "ncs-emg")
    }
}
