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
    /// Red flags with the note that records them.
    pub(super) red_flags: &'static [(&'static [&'static str], &'static str)],
    pub(super) exam: &'static [&'static str],
    pub(super) pt_notes: &'static [&'static str],
    pub(super) xray: &'static str,
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
