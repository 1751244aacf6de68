//! From criteria and confounders to the verdict: indication points, the
//! score, the band and the next step with its reason.

use super::documentation::nerve_study_indications;
use super::period::{EPSILON, Window};
use super::phrases::{and_list, weeks};
use super::{Band, Confounder, ConfounderId, Criterion, CriterionId, NextStep, Status};
use crate::case::{PtResponse, Region};

/// 25 for the first indication met, 5 for each further one.
pub(crate) fn give_indication_points(w: &Window, criteria: &mut [Criterion]) {
    let mut first = true;
    for c in criteria
        .iter_mut()
        .filter(|c| c.id.is_indication() && c.status == Status::Met)
    {
        c.points = if first {
            w.profile.points.first_indication
        } else {
            w.profile.points.further_indication
        };
        first = false;
    }
}

pub(crate) fn met(criteria: &[Criterion], id: CriterionId) -> bool {
    criteria.iter().any(|c| c.id == id && c.status == Status::Met)
}

fn detail(criteria: &[Criterion], id: CriterionId) -> &str {
    criteria.iter().find(|c| c.id == id).map_or("", |c| c.detail.as_str())
}

fn has(confounders: &[Confounder], id: ConfounderId) -> bool {
    confounders.iter().any(|c| c.id == id)
}

pub(crate) fn is_urgent(criteria: &[Criterion]) -> bool {
    criteria.iter().any(|c| c.id.forces_urgent() && c.status == Status::Met)
}

/// Points minus confounders, halves up, clamped to 0–100; urgent is 100.
pub(crate) fn score(w: &Window, criteria: &[Criterion], confounders: &[Confounder]) -> u8 {
    if is_urgent(criteria) {
        return 100;
    }
    let sum: f64 =
        criteria.iter().map(|c| c.points).sum::<f64>() - w.profile.points.confounder * confounders.len() as f64;
    (sum + 0.5 + EPSILON).floor().clamp(0.0, 100.0) as u8
}

pub(crate) fn band(w: &Window, criteria: &[Criterion]) -> Band {
    let failed = met(criteria, CriterionId::ConservativeFailure);
    let indicated = CriterionId::INDICATIONS.iter().any(|&id| met(criteria, id));
    if w.surgery.is_some() {
        Band::PostOp
    } else if is_urgent(criteria) {
        Band::Urgent
    } else if failed && indicated && met(criteria, CriterionId::ImagingOnFile) {
        Band::Ready
    } else if failed || indicated {
        Band::Approaching
    } else {
        Band::NotReady
    }
}

/// The next step, first that applies, and why in one line.
pub(crate) fn next_step(
    w: &Window,
    band: Band,
    criteria: &[Criterion],
    confounders: &[Confounder],
) -> (NextStep, String) {
    match band {
        Band::PostOp => return (NextStep::PostOpRehab, post_op(w)),
        Band::Urgent => return (NextStep::UrgentReferral, urgent(criteria)),
        Band::Ready => return (NextStep::SurgicalConsult, consult(w, criteria)),
        Band::Approaching | Band::NotReady => {}
    }
    if w.pt.is_empty() {
        let reason = "no conservative PT course on file: start physical therapy, the first line of care";
        return (NextStep::PhysicalTherapy, reason.to_string());
    }
    let improved = w.improvements();
    if !improved.is_empty() {
        let changes: Vec<String> = improved.iter().map(|c| c.describe()).collect();
        let reason = format!(
            "clinically important improvement ({}): continue conservative care",
            changes.join(", ")
        );
        return (NextStep::ContinueConservative, reason);
    }
    if let Some((_, c)) = w.latest_pt {
        if let Some(r @ (PtResponse::Good | PtResponse::Resolved)) = c.response {
            let reason = format!("the latest PT course responded {r}: continue conservative care");
            return (NextStep::ContinueConservative, reason);
        }
    }
    let pt_confounders: Vec<String> = confounders
        .iter()
        .filter(|c| {
            matches!(
                c.id,
                ConfounderId::LowAdherence | ConfounderId::PlanMismatch | ConfounderId::Lifestyle
            )
        })
        .map(|c| format!("{} ({})", c.id.label(), c.detail))
        .collect();
    if !pt_confounders.is_empty() {
        let second = w.courses.iter().find(|(_, c)| c.second_opinion == Some(true));
        let tail = match second {
            Some((_, c)) => format!("; a second opinion is on file (PT from {})", c.start),
            None => " and consider a second opinion".to_string(),
        };
        let reason = format!("{}: re-evaluate the PT plan{tail}", pt_confounders.join("; "));
        return (NextStep::ReEvaluatePt, reason);
    }
    let imaging = met(criteria, CriterionId::ImagingOnFile);
    let nerve = criteria
        .iter()
        .any(|c| c.id == CriterionId::NerveStudy && c.status == Status::NotMet);
    if !imaging || nerve {
        let mut why = Vec::new();
        if !imaging {
            why.push(format!(
                "no advanced imaging on file: {} before any decision on surgery",
                imaging_to_order(w.region())
            ));
        }
        if nerve {
            let (indications, _) = nerve_study_indications(w);
            why.push(format!(
                "{} without a nerve study: NCS/EMG to locate and grade nerve compression",
                indications.join(", ")
            ));
        }
        return (NextStep::Workup, why.join("; "));
    }
    if has(confounders, ConfounderId::NeuropathicUntreated) {
        let reason = format!(
            "neuropathic pain untreated ({}): an anticonvulsant such as gabapentin or pregabalin to open a therapeutic window for PT",
            confounders
                .iter()
                .find(|c| c.id == ConfounderId::NeuropathicUntreated)
                .map_or("", |c| c.detail.as_str())
        );
        return (NextStep::Pharmacology, reason);
    }
    if w.medication.is_empty() {
        let mut reason = "no medication trial on file: a trial to open a therapeutic window for PT".to_string();
        if w.case.presentation.localized_spasm == Some(true) {
            reason.push_str(" (a topical anti-inflammatory or muscle relaxant for the localized pain and spasm)");
        }
        return (NextStep::Pharmacology, reason);
    }
    let targeted = w
        .injection
        .iter()
        .any(|(_, i)| i.kind.is_corticosteroid() || i.kind.is_regenerative());
    if !targeted {
        let reason =
            "no corticosteroid or PRP injection on file: an image-guided injection for relief that lets PT resume";
        return (NextStep::Injection, reason.to_string());
    }
    (NextStep::ContinueConservative, otherwise(criteria))
}

/// The imaging to ask for, in the words of the workup step.
fn imaging_to_order(region: Region) -> &'static str {
    match region {
        Region::WristHand | Region::Elbow => "MRI, ultrasound or a nerve study",
        r if r.is_extremity() => "MRI, CT or ultrasound",
        _ => "MRI or CT",
    }
}

fn post_op(w: &Window) -> String {
    let surgery = w.surgery.and_then(|r| w.case.surgery.get(r.index));
    match surgery {
        Some(s) => format!(
            "surgery on {} ({}): a new structured PT regimen; readiness as of {}, the day before",
            s.date,
            s.procedure.trim(),
            w.period_end
        ),
        None => "surgery on file: a new structured PT regimen".to_string(),
    }
}

fn urgent(criteria: &[Criterion]) -> String {
    let parts: Vec<String> = [CriterionId::RedFlags, CriterionId::ProgressiveDeficit]
        .into_iter()
        .filter(|&id| met(criteria, id))
        .map(|id| format!("{} ({})", id.label(), detail(criteria, id)))
        .collect();
    format!(
        "{}: refer urgently, without waiting for conservative care",
        parts.join("; ")
    )
}

fn consult(w: &Window, criteria: &[Criterion]) -> String {
    let indications: Vec<&str> = CriterionId::INDICATIONS
        .iter()
        .filter(|&&id| met(criteria, id))
        .map(|id| id.label())
        .collect();
    let failed = match w.documented_weeks {
        Some(n) => format!("conservative care failed over {} weeks", weeks(n)),
        None => "conservative care failed".to_string(),
    };
    format!(
        "{failed}; {}; imaging on file: refer for a surgical consult",
        and_list(&indications)
    )
}

fn otherwise(criteria: &[Criterion]) -> String {
    let failure = CriterionId::ConservativeFailure;
    if met(criteria, failure) {
        return "conservative care failed but there is no instability, structural lesion or intractable pain: continue conservative care and reassess".to_string();
    }
    format!(
        "failure of conservative care not documented ({}): continue conservative care and keep documenting",
        detail(criteria, failure)
    )
}
