//! Which step of the pathway an event belongs to, for teaching views
//! ("step 3 · workup") and for comparing a student's answer with what
//! actually happened next.

use super::NextStep;
use crate::case::{Case, EventKind, EventRef, InjectionKind, Phase, Specialty};

impl NextStep {
    /// The step's number on the pathway of READINESS.md (1–7); emergency
    /// and urgent referral, pain medicine and continuing conservative care
    /// sit beside it.
    pub fn pathway_number(self) -> Option<u8> {
        match self {
            NextStep::PhysicalTherapy => Some(1),
            NextStep::ReEvaluatePt => Some(2),
            NextStep::Workup => Some(3),
            NextStep::Pharmacology => Some(4),
            NextStep::Injection => Some(5),
            NextStep::SurgicalConsult => Some(6),
            NextStep::PostOpRehab => Some(7),
            NextStep::EmergencyReferral
            | NextStep::UrgentReferral
            | NextStep::PainMedicine
            | NextStep::ContinueConservative => None,
        }
    }
}

/// The pathway step an event enacts, or `None` for assessments (they
/// document the course rather than change it).
pub fn step_of(case: &Case, r: EventRef) -> Option<NextStep> {
    Some(match r.kind {
        EventKind::Pt => {
            let c = &case.pt[r.index];
            let earlier_conservative = case.pt[..r.index].iter().any(|p| p.phase == Phase::Conservative);
            match c.phase {
                Phase::PostOp => NextStep::PostOpRehab,
                // a second course, or a re-evaluation by another therapist
                _ if earlier_conservative || c.second_opinion == Some(true) => NextStep::ReEvaluatePt,
                _ => NextStep::PhysicalTherapy,
            }
        }
        EventKind::Workup => NextStep::Workup,
        EventKind::Medication => NextStep::Pharmacology,
        // radiofrequency ablation after positive blocks is pain medicine
        EventKind::Injection => match case.injection[r.index].kind {
            InjectionKind::RadiofrequencyAblation => NextStep::PainMedicine,
            _ => NextStep::Injection,
        },
        EventKind::Consult => match case.consult[r.index].specialty {
            Some(s) if s.is_surgical() => NextStep::SurgicalConsult,
            Some(Specialty::PainMedicine) => NextStep::PainMedicine,
            // a physiatrist, pain or sports physician re-evaluating the plan
            _ => NextStep::ReEvaluatePt,
        },
        EventKind::Surgery => NextStep::SurgicalConsult,
        EventKind::Assessment => return None,
    })
}

/// "step 3 · workup", as the detail pane shows it.
pub fn step_label(step: NextStep) -> String {
    match step.pathway_number() {
        Some(n) => format!("step {n} · {}", step.label()),
        None => step.label().to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::case::parse_case;
    use std::path::Path;

    #[test]
    fn events_map_to_their_pathway_step() {
        let text = include_str!("../../../../data/cases/lumbar-foot-drop-microdiscectomy.toml");
        let case = parse_case(Path::new("x.toml"), text.as_bytes()).expect("valid sample");
        let steps: Vec<Option<NextStep>> = case.events().into_iter().map(|r| step_of(&case, r)).collect();
        assert!(steps.contains(&Some(NextStep::PhysicalTherapy)));
        assert!(steps.contains(&Some(NextStep::Workup)));
        assert!(steps.contains(&Some(NextStep::PostOpRehab)));
        assert!(steps.contains(&None), "assessments are not steps");
        assert_eq!(step_label(NextStep::Workup), "step 3 · medical workup");
    }
}
