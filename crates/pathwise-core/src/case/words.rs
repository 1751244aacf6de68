//! The enumerated words of case format v1. Each enum knows its kebab-case
//! word and the full list of words, so errors can say what is allowed and the
//! console can print the same words the clinician typed.

use serde::Deserialize;

macro_rules! words {
    ($(#[$meta:meta])* $name:ident { $($variant:ident = $word:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Deserialize)]
        pub enum $name {
            $(#[serde(rename = $word)] $variant),+
        }

        impl $name {
            /// Every variant, in the order the schema lists them.
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// Every word, in the same order.
            pub const WORDS: &'static [&'static str] = &[$($word),+];

            /// The word as written in a case file.
            pub fn as_str(self) -> &'static str {
                match self {
                    $($name::$variant => $word),+
                }
            }

            /// Parses the word exactly as written in a case file.
            pub fn from_word(word: &str) -> Option<Self> {
                match word {
                    $($word => Some($name::$variant),)+
                    _ => None,
                }
            }
        }

        impl crate::file::Word for $name {
            fn from_word(word: &str) -> Option<Self> {
                $name::from_word(word)
            }

            fn words() -> &'static [&'static str] {
                $name::WORDS
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }
    };
}

words!(
    /// Body region of the complaint.
    Region {
        Cervical = "cervical",
        Thoracic = "thoracic",
        Lumbar = "lumbar",
        Shoulder = "shoulder",
        Elbow = "elbow",
        WristHand = "wrist-hand",
        Hip = "hip",
        Knee = "knee",
        AnkleFoot = "ankle-foot",
        Other = "other",
    }
);

impl Region {
    pub fn is_spinal(self) -> bool {
        matches!(self, Region::Cervical | Region::Thoracic | Region::Lumbar)
    }

    pub fn is_extremity(self) -> bool {
        !self.is_spinal()
    }
}

words!(Sex {
    Female = "female",
    Male = "male",
    Other = "other",
    Unknown = "unknown",
});

words!(PainQuality {
    Aching = "aching",
    Sharp = "sharp",
    Burning = "burning",
    Tingling = "tingling",
    Shooting = "shooting",
    Electric = "electric",
    Cramping = "cramping",
    Stiffness = "stiffness",
});

impl PainQuality {
    pub fn is_neuropathic(self) -> bool {
        matches!(
            self,
            PainQuality::Burning | PainQuality::Tingling | PainQuality::Shooting | PainQuality::Electric
        )
    }
}

words!(Rating {
    Poor = "poor",
    Fair = "fair",
    Good = "good",
});

words!(Phase {
    Conservative = "conservative",
    PostOp = "post-op",
});

words!(Modality {
    Exercise = "exercise",
    Manual = "manual",
    Heat = "heat",
    Ice = "ice",
    Tens = "tens",
    Ultrasound = "ultrasound",
    Traction = "traction",
    DryNeedling = "dry-needling",
    Education = "education",
    Aquatic = "aquatic",
    Taping = "taping",
    Other = "other",
});

impl Modality {
    pub fn is_active(self) -> bool {
        matches!(self, Modality::Exercise | Modality::Aquatic | Modality::Education)
    }
}

words!(Adherence {
    None = "none",
    Low = "low",
    Partial = "partial",
    Good = "good",
});

words!(PtResponse {
    Worse = "worse",
    None = "none",
    Partial = "partial",
    Good = "good",
    Resolved = "resolved",
});

words!(Test {
    Xray = "xray",
    FlexionExtensionXray = "flexion-extension-xray",
    Mri = "mri",
    Ct = "ct",
    CtMyelogram = "ct-myelogram",
    Ultrasound = "ultrasound",
    Ncs = "ncs",
    Emg = "emg",
    NcsEmg = "ncs-emg",
    BoneScan = "bone-scan",
    Lab = "lab",
    Other = "other",
});

impl Test {
    pub fn is_nerve_study(self) -> bool {
        matches!(self, Test::Ncs | Test::Emg | Test::NcsEmg)
    }

    /// Advanced imaging depends on the region: ultrasound counts only for
    /// extremities, where it images tendons and ligaments.
    pub fn is_advanced_imaging(self, region: Region) -> bool {
        match self {
            Test::Mri | Test::Ct | Test::CtMyelogram => true,
            Test::Ultrasound => region.is_extremity(),
            _ => false,
        }
    }

    /// A short label for timeline markers.
    pub fn label(self) -> &'static str {
        match self {
            Test::Xray => "XR",
            Test::FlexionExtensionXray => "F/E XR",
            Test::Mri => "MRI",
            Test::Ct => "CT",
            Test::CtMyelogram => "CT myelo",
            Test::Ultrasound => "US",
            Test::Ncs => "NCS",
            Test::Emg => "EMG",
            Test::NcsEmg => "NCS/EMG",
            Test::BoneScan => "bone scan",
            Test::Lab => "lab",
            Test::Other => "test",
        }
    }
}

words!(Lesion {
    Normal = "normal",
    DiscBulge = "disc-bulge",
    DiscProtrusion = "disc-protrusion",
    DiscExtrusion = "disc-extrusion",
    DiscSequestration = "disc-sequestration",
    StenosisCentral = "stenosis-central",
    StenosisForaminal = "stenosis-foraminal",
    Spondylolisthesis = "spondylolisthesis",
    Fracture = "fracture",
    TendonTearPartial = "tendon-tear-partial",
    TendonTearFull = "tendon-tear-full",
    LigamentTear = "ligament-tear",
    LabralTear = "labral-tear",
    MeniscusTear = "meniscus-tear",
    CartilageDefect = "cartilage-defect",
    Arthrosis = "arthrosis",
    NerveCompression = "nerve-compression",
    NerveEntrapment = "nerve-entrapment",
    CordCompression = "cord-compression",
    Other = "other",
});

words!(Severity {
    Mild = "mild",
    Moderate = "moderate",
    Severe = "severe",
});

words!(MedClass {
    Anticonvulsant = "anticonvulsant",
    Nsaid = "nsaid",
    TopicalNsaid = "topical-nsaid",
    MuscleRelaxant = "muscle-relaxant",
    Snri = "snri",
    Tca = "tca",
    Acetaminophen = "acetaminophen",
    Opioid = "opioid",
    OralSteroid = "oral-steroid",
    Other = "other",
});

impl MedClass {
    pub fn is_neuropathic_agent(self) -> bool {
        matches!(self, MedClass::Anticonvulsant | MedClass::Snri | MedClass::Tca)
    }
}

words!(Target {
    Neuropathic = "neuropathic",
    Localized = "localized",
    Spasm = "spasm",
    Inflammatory = "inflammatory",
    General = "general",
});

words!(MedResponse {
    Worse = "worse",
    None = "none",
    Partial = "partial",
    Good = "good",
});

words!(InjectionKind {
    EpiduralSteroid = "epidural-steroid",
    FacetSteroid = "facet-steroid",
    JointSteroid = "joint-steroid",
    SoftTissueSteroid = "soft-tissue-steroid",
    MedialBranchBlock = "medial-branch-block",
    RadiofrequencyAblation = "radiofrequency-ablation",
    NerveBlock = "nerve-block",
    TriggerPoint = "trigger-point",
    Prp = "prp",
    Other = "other",
});

impl InjectionKind {
    pub fn is_corticosteroid(self) -> bool {
        matches!(
            self,
            InjectionKind::EpiduralSteroid
                | InjectionKind::FacetSteroid
                | InjectionKind::JointSteroid
                | InjectionKind::SoftTissueSteroid
        )
    }

    pub fn is_regenerative(self) -> bool {
        self == InjectionKind::Prp
    }

    /// A short label for timeline markers.
    pub fn label(self) -> &'static str {
        match self {
            InjectionKind::EpiduralSteroid => "ESI",
            InjectionKind::FacetSteroid => "facet",
            InjectionKind::JointSteroid => "joint CSI",
            InjectionKind::SoftTissueSteroid => "CSI",
            InjectionKind::MedialBranchBlock => "MBB",
            InjectionKind::RadiofrequencyAblation => "RFA",
            InjectionKind::NerveBlock => "block",
            InjectionKind::TriggerPoint => "TPI",
            InjectionKind::Prp => "PRP",
            InjectionKind::Other => "inj",
        }
    }
}

words!(
    /// Whether an injection was given (rev 2): only a done one may record relief.
    InjectionStatus {
        Done = "done",
        Declined = "declined",
        Contraindicated = "contraindicated",
    }
);

words!(
    /// Upper motor neuron signs of cervical myelopathy (rev 2).
    MyelopathySign {
        Hoffmann = "hoffmann",
        Hyperreflexia = "hyperreflexia",
        Clonus = "clonus",
        Babinski = "babinski",
        GaitAtaxia = "gait-ataxia",
        HandClumsiness = "hand-clumsiness",
        Lhermitte = "lhermitte",
    }
);

words!(Guidance {
    Fluoroscopy = "fluoroscopy",
    Ct = "ct",
    Ultrasound = "ultrasound",
    Landmark = "landmark",
});

words!(Instrument {
    Odi = "odi",
    Ndi = "ndi",
    Quickdash = "quickdash",
    Lefs = "lefs",
    Psfs = "psfs",
});

impl Instrument {
    /// The instrument's score range (inclusive).
    pub fn range(self) -> (f64, f64) {
        match self {
            Instrument::Odi | Instrument::Quickdash => (0.0, 100.0),
            Instrument::Ndi => (0.0, 50.0),
            Instrument::Lefs => (0.0, 80.0),
            Instrument::Psfs => (0.0, 10.0),
        }
    }

    pub fn higher_is_better(self) -> bool {
        matches!(self, Instrument::Lefs | Instrument::Psfs)
    }

    /// The name clinicians write in notes.
    pub fn display_name(self) -> &'static str {
        match self {
            Instrument::Odi => "ODI",
            Instrument::Ndi => "NDI",
            Instrument::Quickdash => "QuickDASH",
            Instrument::Lefs => "LEFS",
            Instrument::Psfs => "PSFS",
        }
    }
}

words!(Specialty {
    SpineSurgery = "spine-surgery",
    OrthopedicSurgery = "orthopedic-surgery",
    Neurosurgery = "neurosurgery",
    PainMedicine = "pain-medicine",
    Physiatry = "physiatry",
    Neurology = "neurology",
    Rheumatology = "rheumatology",
    SportsMedicine = "sports-medicine",
    PhysicalTherapy = "physical-therapy",
    Other = "other",
});

impl Specialty {
    pub fn is_surgical(self) -> bool {
        matches!(
            self,
            Specialty::SpineSurgery | Specialty::OrthopedicSurgery | Specialty::Neurosurgery
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_round_trip() {
        for r in Region::ALL {
            assert_eq!(Region::from_word(r.as_str()), Some(*r));
        }
        assert_eq!(Region::WristHand.as_str(), "wrist-hand");
        assert_eq!(Region::from_word("Lumbar"), None);
    }

    #[test]
    fn classifications_follow_the_schema() {
        assert!(Test::Ultrasound.is_advanced_imaging(Region::Shoulder));
        assert!(!Test::Ultrasound.is_advanced_imaging(Region::Lumbar));
        assert!(Test::CtMyelogram.is_advanced_imaging(Region::Lumbar));
        assert!(!Test::FlexionExtensionXray.is_advanced_imaging(Region::Lumbar));
        assert!(Test::NcsEmg.is_nerve_study());
        let active: Vec<_> = Modality::ALL.iter().filter(|m| m.is_active()).collect();
        assert_eq!(active, [&Modality::Exercise, &Modality::Education, &Modality::Aquatic]);
        assert!(Instrument::Lefs.higher_is_better() && !Instrument::Odi.higher_is_better());
        assert!(InjectionKind::SoftTissueSteroid.is_corticosteroid());
        assert!(!InjectionKind::Prp.is_corticosteroid());
    }
}
