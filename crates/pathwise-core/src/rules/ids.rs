//! The words of a verdict: criterion and confounder ids, statuses, bands
//! and next steps, each with the kebab-case id `score --json` prints and
//! the short human label the panel shows.

use std::fmt;

macro_rules! ids {
    (
        $(#[$meta:meta])*
        $name:ident [$n:literal] {
            $($variant:ident = $id:literal, $label:literal;)+
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum $name {
            $($variant),+
        }

        impl $name {
            /// Every value, in the order of READINESS.md.
            pub const ALL: [$name; $n] = [$($name::$variant),+];

            /// The kebab-case id, as `score --json` prints it.
            pub fn as_str(self) -> &'static str {
                match self {
                    $($name::$variant => $id),+
                }
            }

            /// The short label a reader sees.
            pub fn label(self) -> &'static str {
                match self {
                    $($name::$variant => $label),+
                }
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.as_str())
            }
        }
    };
}

ids!(
    /// How a criterion stands for the case.
    Status [4] {
        Met = "met", "met";
        NotMet = "not-met", "not met";
        Unknown = "unknown", "unknown";
        NotApplicable = "not-applicable", "not applicable";
    }
);

impl Status {
    /// A one-character mark: ✓ ✗ ? – (ASCII: + x ? -).
    pub fn symbol(self, unicode: bool) -> &'static str {
        match (self, unicode) {
            (Status::Met, true) => "✓",
            (Status::NotMet, true) => "✗",
            (Status::Unknown, _) => "?",
            (Status::NotApplicable, true) => "–",
            (Status::Met, false) => "+",
            (Status::NotMet, false) => "x",
            (Status::NotApplicable, false) => "-",
        }
    }
}

ids!(
    /// The eleven criteria, in the order of READINESS.md.
    CriterionId [11] {
        RedFlags = "red-flags", "red flags";
        ProgressiveDeficit = "progressive-deficit", "progressive deficit";
        ConservativeFailure = "conservative-failure", "conservative care failed";
        Instability = "instability", "instability";
        StructuralLesion = "structural-lesion", "structural lesion";
        IntractablePain = "intractable-pain", "intractable pain";
        ImagingOnFile = "imaging-on-file", "imaging on file";
        PtDocumented = "pt-documented", "PT documented";
        InjectionDocumented = "injection-documented", "injection documented";
        MedicationTrial = "medication-trial", "medication trial";
        NerveStudy = "nerve-study", "nerve study";
    }
);

impl CriterionId {
    /// The three surgical indications, in the order their points are given.
    pub const INDICATIONS: [CriterionId; 3] = [
        CriterionId::Instability,
        CriterionId::StructuralLesion,
        CriterionId::IntractablePain,
    ];

    /// Red flags and progressive deficit: met means urgent.
    pub fn forces_urgent(self) -> bool {
        matches!(self, CriterionId::RedFlags | CriterionId::ProgressiveDeficit)
    }

    pub fn is_indication(self) -> bool {
        Self::INDICATIONS.contains(&self)
    }
}

ids!(
    /// Why PT may not be working, in the order of READINESS.md.
    ConfounderId [5] {
        LowAdherence = "low-adherence", "low adherence";
        Lifestyle = "lifestyle", "lifestyle";
        PlanMismatch = "plan-mismatch", "plan mismatch";
        DiagnosisUnconfirmed = "diagnosis-unconfirmed", "diagnosis unconfirmed";
        NeuropathicUntreated = "neuropathic-untreated", "neuropathic pain untreated";
    }
);

ids!(
    /// The verdict, first that applies.
    Band [5] {
        PostOp = "post-op", "POST-OP";
        Urgent = "urgent", "URGENT";
        Ready = "ready", "READY";
        Approaching = "approaching", "APPROACHING";
        NotReady = "not-ready", "NOT READY";
    }
);

impl Band {
    /// A three-letter badge for narrow lists.
    pub fn short(self) -> &'static str {
        match self {
            Band::PostOp => "POP",
            Band::Urgent => "URG",
            Band::Ready => "RDY",
            Band::Approaching => "APR",
            Band::NotReady => "NRD",
        }
    }
}

ids!(
    /// The next step on the pathway, first that applies.
    NextStep [9] {
        PostOpRehab = "post-op-rehab", "post-op rehabilitation";
        UrgentReferral = "urgent-referral", "urgent referral";
        SurgicalConsult = "surgical-consult", "surgical consult";
        PhysicalTherapy = "physical-therapy", "physical therapy";
        ContinueConservative = "continue-conservative", "continue conservative care";
        ReEvaluatePt = "re-evaluate-pt", "re-evaluate PT";
        Workup = "workup", "medical workup";
        Pharmacology = "pharmacology", "pharmacology";
        Injection = "injection", "injection";
    }
);
