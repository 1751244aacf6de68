//! Cautions: what the surgeon needs to know, one function per row of the
//! table of READINESS.md. They change neither the score, the band nor the
//! next step.

use super::criteria::{drops, status};
use super::known::Outcome;
use super::phrases::{and_list, evidence, num};
use super::terms::Terms;
use super::{Caution, CautionId, Criterion, CriterionId, Status};
use crate::case::*;

type Present = Option<(String, Vec<EventRef>)>;
type Rule = fn(&Terms, &[Criterion]) -> Present;

/// The table of READINESS.md, row by row.
const TABLE: [(CautionId, Rule); 7] = [
    (CautionId::RedFlagsNotScreened, red_flags_not_screened),
    (CautionId::RecheckStrength, recheck_strength),
    (CautionId::Smoking, smoking),
    (CautionId::GlycaemicControl, glycaemic_control),
    (CautionId::HighBmi, high_bmi),
    (CautionId::Anticoagulation, anticoagulation),
    (CautionId::PendingOutcome, pending_outcome),
];

/// Every caution present, in the table's order.
pub(crate) fn evaluate(t: &Terms, criteria: &[Criterion]) -> Vec<Caution> {
    TABLE
        .iter()
        .filter_map(|&(id, rule)| {
            rule(t, criteria).map(|(detail, refs)| Caution {
                id,
                detail,
                evidence: evidence(t.day.case(), refs),
            })
        })
        .collect()
}

fn red_flags_not_screened(t: &Terms, criteria: &[Criterion]) -> Present {
    (status(criteria, CriterionId::RedFlags) == Some(Status::Unknown)).then(|| {
        let weeks = num(t.profile().red_flag_window_weeks);
        (format!("no red-flag screen in the last {weeks} weeks"), Vec::new())
    })
}

fn recheck_strength(t: &Terms, criteria: &[Criterion]) -> Present {
    if status(criteria, CriterionId::ProgressiveDeficit) != Some(Status::Unknown) {
        return None;
    }
    let unconfirmed: Vec<_> = drops(t).into_iter().filter(|d| !d.confirmed).collect();
    if unconfirmed.is_empty() {
        return None;
    }
    let parts: Vec<String> = unconfirmed.iter().map(|d| d.describe()).collect();
    let detail = format!("{}: re-examine within 2 weeks", parts.join(", "));
    Some((detail, unconfirmed.iter().flat_map(|d| d.evidence()).collect()))
}

fn smoking(t: &Terms, _: &[Criterion]) -> Present {
    (t.day.lifestyle()?.smoking == Some(true)).then(|| {
        let detail = "smoker: nicotine cessation before elective surgery (fusion especially)";
        (detail.to_string(), Vec::new())
    })
}

fn glycaemic_control(t: &Terms, _: &[Criterion]) -> Present {
    let h = t
        .day
        .patient()
        .hba1c
        .filter(|&h| h >= t.profile().hba1c_caution - 1e-9)?;
    let detail = format!("HbA1c {}%: optimise glycaemic control before elective surgery", num(h));
    Some((detail, Vec::new()))
}

fn high_bmi(t: &Terms, _: &[Criterion]) -> Present {
    let b = t.day.patient().bmi.filter(|&b| b >= t.profile().bmi_caution - 1e-9)?;
    let detail = format!("BMI {}: higher surgical risk; weight management", num(b));
    Some((detail, Vec::new()))
}

fn anticoagulation(t: &Terms, _: &[Criterion]) -> Present {
    (t.day.patient().anticoagulant == Some(true)).then(|| {
        let detail =
            "on anticoagulant or antiplatelet therapy: plan peri-procedural anticoagulation for injections and surgery";
        (detail.to_string(), Vec::new())
    })
}

/// "pt 2026-04-01: sessions attended and response known on 2026-05-20".
fn pending_outcome(t: &Terms, _: &[Criterion]) -> Present {
    let mut groups: Vec<(EventRef, Vec<(Outcome, Date)>)> = Vec::new();
    for (r, o, on) in t.day.pending() {
        match groups.last_mut() {
            Some((last, fields)) if *last == r => fields.push((o, on)),
            _ => groups.push((r, vec![(o, on)])),
        }
    }
    if groups.is_empty() {
        return None;
    }
    let parts: Vec<String> = groups
        .iter()
        .map(|(r, fields)| {
            let name = format!("{} {}", r.kind.as_str(), t.day.date(*r));
            let days: Vec<Date> = fields.iter().map(|f| f.1).collect();
            if days.iter().all(|d| *d == days[0]) {
                let words: Vec<&str> = fields.iter().map(|f| field_words(f.0)).collect();
                format!("{name}: {} known on {}", and_list(&words), days[0])
            } else {
                let each: Vec<String> = fields
                    .iter()
                    .map(|(o, d)| format!("{} known on {d}", field_words(*o)))
                    .collect();
                format!("{name}: {}", each.join(", "))
            }
        })
        .collect();
    let refs = groups.iter().map(|(r, _)| *r).collect();
    Some((format!("not yet known: {}", parts.join("; ")), refs))
}

fn field_words(o: Outcome) -> &'static str {
    match o {
        Outcome::PtSessionsAttended => "sessions attended",
        Outcome::PtHepAdherence => "home exercise adherence",
        Outcome::PtBarriers => "barriers",
        Outcome::PtResponse | Outcome::MedicationResponse => "response",
        Outcome::MedicationSideEffects => "side effects",
        Outcome::ReliefPercent => "relief",
        Outcome::ReliefWeeks => "duration of relief",
    }
}
