//! Why PT may not be working: the confounders of READINESS.md, one function
//! per row of its table. Each present one costs `confounder` points.

use super::criteria::status;
use super::phrases::{and_list, comma_list, course_name, evidence};
use super::terms::{Terms, care};
use super::{Confounder, ConfounderId, Criterion, CriterionId, Status};
use crate::case::*;

/// Present: the detail and the events it rests on.
type Present = Option<(String, Vec<EventRef>)>;
type Rule = fn(&Terms, &[Criterion]) -> Present;

/// The table of READINESS.md, row by row.
const TABLE: [(ConfounderId, Rule); 6] = [
    (ConfounderId::LowAdherence, low_adherence),
    (ConfounderId::Lifestyle, lifestyle),
    (ConfounderId::PlanMismatch, plan_mismatch),
    (ConfounderId::Psychosocial, psychosocial),
    (ConfounderId::DiagnosisUnconfirmed, diagnosis_unconfirmed),
    (ConfounderId::NeuropathicUntreated, neuropathic_untreated),
];

/// Every confounder present, in the table's order.
pub(crate) fn evaluate(t: &Terms, criteria: &[Criterion]) -> Vec<Confounder> {
    TABLE
        .iter()
        .filter_map(|&(id, rule)| {
            rule(t, criteria).map(|(detail, refs)| Confounder {
                id,
                detail,
                evidence: evidence(t.day.case(), refs),
            })
        })
        .collect()
}

/// With several courses, each part names its course.
fn per_course(t: &Terms, name: String, text: String) -> String {
    if t.day.conservative().count() > 1 {
        format!("{name}: {text}")
    } else {
        text
    }
}

fn low_adherence(t: &Terms, _: &[Criterion]) -> Present {
    let mut parts = Vec::new();
    let mut refs = Vec::new();
    for c in t.day.conservative() {
        let why: Vec<String> = [care::low_attendance(t.profile(), c), care::low_adherence(c)]
            .into_iter()
            .flatten()
            .collect();
        if why.is_empty() {
            continue;
        }
        let mut text = comma_list(&why);
        if let Some(b) = c.barriers().known() {
            let words: Vec<&str> = b.iter().map(|s| s.trim()).filter(|s| !s.is_empty()).collect();
            if !words.is_empty() {
                text.push_str(&format!("; barriers: {}", comma_list(&words)));
            }
        }
        parts.push(per_course(t, course_name(c), text));
        refs.push(c.at);
    }
    (!parts.is_empty()).then(|| (parts.join(". "), refs))
}

fn lifestyle(t: &Terms, _: &[Criterion]) -> Present {
    let l = t.day.lifestyle()?;
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
    Some((detail, Vec::new()))
}

fn plan_mismatch(t: &Terms, _: &[Criterion]) -> Present {
    let mut parts = Vec::new();
    let mut refs = Vec::new();
    for c in t.day.conservative() {
        let Some(passive) = care::passive_only(c) else { continue };
        let response = match c.response() {
            super::known::Fact::Known(PtResponse::Good | PtResponse::Resolved) => continue,
            super::known::Fact::Known(r) => format!("response {r}"),
            super::known::Fact::Pending(_) => "response pending".to_string(),
            super::known::Fact::Absent => "response not recorded".to_string(),
        };
        parts.push(per_course(t, course_name(c), format!("{passive}, {response}")));
        refs.push(c.at);
    }
    (!parts.is_empty()).then(|| (parts.join(". "), refs))
}

fn psychosocial(t: &Terms, _: &[Criterion]) -> Present {
    let s = t.day.psychosocial()?;
    let mut why = Vec::new();
    if let Some(n) = s.start_back_psychosocial.filter(|&n| n >= 4) {
        why.push(format!("STarT Back psychosocial subscale {n} of 5 (high risk)"));
    }
    if s.fear_avoidance == Some(true) {
        why.push("high fear-avoidance beliefs".to_string());
    }
    if s.catastrophizing == Some(true) {
        why.push("pain catastrophizing".to_string());
    }
    if why.is_empty() {
        return None;
    }
    let detail = format!(
        "{}: a combined physical and psychological programme (NICE NG59 1.1.2, 1.2.7)",
        and_list(&why)
    );
    Some((detail, Vec::new()))
}

fn diagnosis_unconfirmed(t: &Terms, criteria: &[Criterion]) -> Present {
    let c = t.latest_pt?;
    let r = c
        .response()
        .known()
        .filter(|r| matches!(r, PtResponse::None | PtResponse::Worse))?;
    let imaging = status(criteria, CriterionId::ImagingOnFile) == Some(Status::Met);
    if imaging || t.nerve_studies().next().is_some() || t.day.working_diagnosis().is_some() {
        return None;
    }
    let detail = format!(
        "PT response {r}, no diagnostic imaging or nerve study, and the diagnosis is still the initial \"{}\"",
        t.day.presentation().initial_diagnosis.trim()
    );
    Some((detail, vec![c.at]))
}

fn neuropathic_untreated(t: &Terms, _: &[Criterion]) -> Present {
    let f = &t.features;
    if f.neuropathic.is_empty() || !t.profile().neuropathic_agents_in(t.region()) {
        return None;
    }
    if t.day.medication.iter().any(|m| m.class().is_neuropathic_agent()) {
        return None;
    }
    let mut detail = format!("{}; no anticonvulsant, SNRI or TCA tried", f.neuropathic_words());
    if !t.day.medication.is_empty() {
        let drugs: Vec<&str> = t.day.medication.iter().map(|m| m.drug()).collect();
        detail.push_str(&format!(" (tried: {})", comma_list(&drugs)));
    }
    Some((detail, t.day.medication.iter().map(|m| m.at).collect()))
}
