//! Confounders: why PT may not be working. Each present one costs points
//! and may send the next step back to re-evaluating PT.

use super::documentation::{attendance, course_name};
use super::period::Window;
use super::phrases::{and_list, comma_list, evidence};
use super::{Confounder, ConfounderId};
use crate::case::*;

fn confounder(w: &Window, id: ConfounderId, detail: String, refs: Vec<EventRef>) -> Confounder {
    Confounder {
        id,
        detail,
        evidence: evidence(w.case, refs),
    }
}

/// Every confounder present, in the order of READINESS.md.
pub(crate) fn confounders(w: &Window) -> Vec<Confounder> {
    [
        low_adherence(w),
        lifestyle(w),
        plan_mismatch(w),
        diagnosis_unconfirmed(w),
        neuropathic_untreated(w),
    ]
    .into_iter()
    .flatten()
    .collect()
}

/// With several courses, each part names its course, one sentence each.
fn join_courses(parts: &[String]) -> String {
    parts.join(". ")
}

/// With several courses, each part names its course.
fn per_course(w: &Window, c: &PtCourse, text: String) -> String {
    if w.pt.len() > 1 {
        format!("{}: {text}", course_name(w, c))
    } else {
        text
    }
}

fn low_adherence(w: &Window) -> Option<Confounder> {
    let mut parts = Vec::new();
    let mut refs = Vec::new();
    for (r, c) in &w.pt {
        let mut why = Vec::new();
        let ended = c.end.is_some_and(|e| e <= w.period_end);
        if let (true, Some(attended), Some(planned)) = (ended, c.sessions_attended, c.sessions_planned) {
            if planned > 0 && f64::from(attended) / f64::from(planned) < w.profile.low_adherence_attendance {
                why.extend(attendance(c));
            }
        }
        if let Some(a @ (Adherence::None | Adherence::Low)) = c.hep_adherence {
            why.push(format!("home exercise adherence {a}"));
        }
        if why.is_empty() {
            continue;
        }
        let mut text = comma_list(&why);
        let barriers: Vec<&str> = c.barriers.iter().map(|b| b.trim()).filter(|b| !b.is_empty()).collect();
        if !barriers.is_empty() {
            text.push_str(&format!("; barriers: {}", comma_list(&barriers)));
        }
        parts.push(per_course(w, c, text));
        refs.push(*r);
    }
    (!parts.is_empty()).then(|| confounder(w, ConfounderId::LowAdherence, join_courses(&parts), refs))
}

fn lifestyle(w: &Window) -> Option<Confounder> {
    let l = w.case.lifestyle.as_ref()?;
    let mut poor = Vec::new();
    if l.sleep == Some(Rating::Poor) {
        poor.push("poor sleep");
    }
    if l.nutrition == Some(Rating::Poor) {
        poor.push("poor nutrition");
    }
    if poor.is_empty() {
        return None;
    }
    let mut detail = and_list(&poor);
    if let Some(note) = l.note.as_deref().map(str::trim).filter(|n| !n.is_empty()) {
        detail.push_str(&format!(" ({note})"));
    }
    Some(confounder(w, ConfounderId::Lifestyle, detail, Vec::new()))
}

fn plan_mismatch(w: &Window) -> Option<Confounder> {
    let mut parts = Vec::new();
    let mut refs = Vec::new();
    for (r, c) in &w.pt {
        let passive_only = !c.modalities.is_empty() && !c.modalities.iter().any(|m| m.is_active());
        let helped = matches!(c.response, Some(PtResponse::Good | PtResponse::Resolved));
        if !passive_only || helped {
            continue;
        }
        let modalities: Vec<&str> = c.modalities.iter().map(|m| m.as_str()).collect();
        let response = match c.response {
            Some(r) => format!("response {r}"),
            None => "response not recorded".to_string(),
        };
        let text = format!("passive modalities only ({}), {response}", comma_list(&modalities));
        parts.push(per_course(w, c, text));
        refs.push(*r);
    }
    (!parts.is_empty()).then(|| confounder(w, ConfounderId::PlanMismatch, join_courses(&parts), refs))
}

fn diagnosis_unconfirmed(w: &Window) -> Option<Confounder> {
    let (r, latest) = w.latest_pt?;
    let response = latest
        .response
        .filter(|r| matches!(r, PtResponse::None | PtResponse::Worse))?;
    if !w.advanced_imaging().is_empty() || !w.nerve_studies().is_empty() || w.working_diagnosis().is_some() {
        return None;
    }
    let detail = format!(
        "PT response {response}, no advanced imaging or nerve study, and the diagnosis is still the initial \"{}\"",
        w.case.presentation.initial_diagnosis.trim()
    );
    Some(confounder(w, ConfounderId::DiagnosisUnconfirmed, detail, vec![r]))
}

fn neuropathic_untreated(w: &Window) -> Option<Confounder> {
    let features = w.neuropathic_features();
    if features.is_empty() || !w.neuropathic_agents().is_empty() {
        return None;
    }
    let words: Vec<&str> = features.iter().map(|q| q.as_str()).collect();
    let mut detail = format!("{} pain; no anticonvulsant, SNRI or TCA tried", and_list(&words));
    if !w.medication.is_empty() {
        let drugs: Vec<&str> = w.medication.iter().map(|(_, m)| m.drug.trim()).collect();
        detail.push_str(&format!(" (tried: {})", comma_list(&drugs)));
    }
    let refs = w.medication.iter().map(|(r, _)| *r).collect();
    Some(confounder(w, ConfounderId::NeuropathicUntreated, detail, refs))
}
