//! The words of a verdict: criterion, confounder and caution ids, statuses, bands
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
    /// The fourteen criteria, in the order of READINESS.md.
    CriterionId [14] {
        RedFlags = "red-flags", "red flags";
        ProgressiveDeficit = "progressive-deficit", "progressive deficit";
        SevereWeakness = "severe-weakness", "severe weakness";
        Myelopathy = "myelopathy", "myelopathy";
        ConservativeFailure = "conservative-failure", "conservative care failed";
        Instability = "instability", "instability";
        StructuralLesion = "structural-lesion", "structural lesion";
        IntractablePain = "intractable-pain", "intractable pain";
        Entrapment = "entrapment", "entrapment neuropathy";
        ImagingOnFile = "imaging-on-file", "imaging on file";
        PtDocumented = "pt-documented", "PT documented";
        InjectionDocumented = "injection-documented", "injection documented";
        MedicationTrial = "medication-trial", "medication trial";
        NerveStudy = "nerve-study", "nerve study";
    }
);

impl CriterionId {
    /// The five surgical indications, in the order their points are given.
    pub const INDICATIONS: [CriterionId; 5] = [
        CriterionId::Myelopathy,
        CriterionId::Instability,
        CriterionId::StructuralLesion,
        CriterionId::IntractablePain,
        CriterionId::Entrapment,
    ];

    /// Red flags, progressive deficit and severe weakness: met means
    /// emergency or urgent, whatever the points.
    pub fn forces_urgent(self) -> bool {
        matches!(
            self,
            CriterionId::RedFlags | CriterionId::ProgressiveDeficit | CriterionId::SevereWeakness
        )
    }

    pub fn is_indication(self) -> bool {
        Self::INDICATIONS.contains(&self)
    }

    /// The guideline the criterion follows, exactly as READINESS.md writes it.
    pub fn basis(self) -> &'static str {
        match self {
            CriterionId::RedFlags => "NICE NG59 1.1.1; AHCPR 1994 red flags",
            CriterionId::ProgressiveDeficit => "Aetna CPB 0743; MRC grade agreement (O'Neill 2017)",
            CriterionId::SevereWeakness => "early surgery for dense motor deficit (0-2/5)",
            CriterionId::Myelopathy => "AO Spine DCM guideline (Fehlings 2017)",
            CriterionId::ConservativeFailure => "6-12 weeks of documented failure; MCID and 30 % rule (Ostelo 2008)",
            CriterionId::Instability => "Aetna CPB 0743: instability on flexion-extension films",
            CriterionId::StructuralLesion => "Aetna CPB 0743: lesion matching the findings",
            CriterionId::IntractablePain => "seed pathway: failed medication and injection",
            CriterionId::Entrapment => "AAOS carpal tunnel CPG 2016",
            CriterionId::ImagingOnFile => "surgeons review prior imaging",
            CriterionId::PtDocumented => "surgeons review documented PT",
            CriterionId::InjectionDocumented => "surgeons review injection results",
            CriterionId::MedicationTrial => "seed pathway: pharmacology before surgery",
            CriterionId::NerveStudy => "NCS/EMG localise and grade nerve compression",
        }
    }
}

ids!(
    /// Why PT may not be working, in the order of READINESS.md.
    ConfounderId [6] {
        LowAdherence = "low-adherence", "low adherence";
        Lifestyle = "lifestyle", "lifestyle";
        PlanMismatch = "plan-mismatch", "plan mismatch";
        Psychosocial = "psychosocial", "psychosocial risk";
        DiagnosisUnconfirmed = "diagnosis-unconfirmed", "diagnosis unconfirmed";
        NeuropathicUntreated = "neuropathic-untreated", "neuropathic pain untreated";
    }
);

ids!(
    /// What the surgeon needs to know, not scored, in the order of READINESS.md.
    CautionId [7] {
        RedFlagsNotScreened = "red-flags-not-screened", "red flags not screened";
        RecheckStrength = "recheck-strength", "re-examine strength";
        Smoking = "smoking", "smoking";
        GlycaemicControl = "glycaemic-control", "glycaemic control";
        HighBmi = "high-bmi", "high BMI";
        Anticoagulation = "anticoagulation", "anticoagulation";
        PendingOutcome = "pending-outcome", "outcome pending";
    }
);

ids!(
    /// The verdict, first that applies.
    Band [6] {
        PostOp = "post-op", "POST-OP";
        Emergency = "emergency", "EMERGENCY";
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
            Band::Emergency => "EMR",
            Band::Urgent => "URG",
            Band::Ready => "RDY",
            Band::Approaching => "APR",
            Band::NotReady => "NRD",
        }
    }

    /// Emergency or urgent: refer now, score 100.
    pub fn is_referral(self) -> bool {
        matches!(self, Band::Emergency | Band::Urgent)
    }
}

ids!(
    /// The next step on the pathway, first that applies.
    NextStep [11] {
        PostOpRehab = "post-op-rehab", "post-op rehabilitation";
        EmergencyReferral = "emergency-referral", "emergency referral";
        UrgentReferral = "urgent-referral", "urgent referral";
        SurgicalConsult = "surgical-consult", "surgical consult";
        Workup = "workup", "medical workup";
        PhysicalTherapy = "physical-therapy", "physical therapy";
        ContinueConservative = "continue-conservative", "continue conservative care";
        ReEvaluatePt = "re-evaluate-pt", "re-evaluate PT";
        Pharmacology = "pharmacology", "pharmacology";
        PainMedicine = "pain-medicine", "pain medicine";
        Injection = "injection", "injection";
    }
);
