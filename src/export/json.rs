//! The summary as JSON, for other programs.

use super::DISCLAIMER;
use super::markdown::View;
use crate::case::Case;
use crate::case::describe::{NOTE_HIDDEN, deidentify};
use crate::rules::{Readiness, pathway, to_json};

/// The summary as JSON: the case's facts and the `score --json` verdict.
pub fn json(case: &Case, r: &Readiness, present: bool) -> serde_json::Value {
    let v = View { case, present };
    let plain = |s: &str| {
        if present {
            deidentify(case, s, false)
        } else {
            s.to_string()
        }
    };
    let events: Vec<serde_json::Value> = case
        .events()
        .into_iter()
        .map(|e| {
            let fields: serde_json::Map<String, serde_json::Value> = case
                .event_fields(e)
                .into_iter()
                .map(|f| {
                    let value = match f.value {
                        crate::case::describe::Value::Text(s) => plain(&s),
                        crate::case::describe::Value::Date(d) => v.date(d),
                        crate::case::describe::Value::Note(_) if present => NOTE_HIDDEN.to_string(),
                        crate::case::describe::Value::Note(s) => s,
                    };
                    (f.name.replace(' ', "_"), serde_json::Value::String(value))
                })
                .collect();
            serde_json::json!({
                "date": v.date(case.event_date(e)),
                "kind": e.kind.as_str(),
                "after_review_date": case.event_date(e) > case.as_of,
                "step": pathway::step_of(case, e).map(|s| s.as_str()),
                "fields": fields,
            })
        })
        .collect();
    let mut verdict = to_json(case, r);
    if present {
        // the verdict's dates and quoted notes, as the Markdown shows them
        let text = serde_json::to_string(&verdict).unwrap_or_default();
        verdict = serde_json::from_str(&deidentify(case, &text, false)).unwrap_or(verdict);
    }
    let p = &case.presentation;
    let mut patient = serde_json::json!({ "alias": case.patient.alias, "age": case.patient.age_label() });
    if !present {
        patient["sex"] = serde_json::json!(case.patient.sex.as_str());
        patient["occupation"] = serde_json::json!(case.patient.occupation);
    }
    serde_json::json!({
        "id": case.id,
        "title": plain(&case.title),
        "region": case.region.as_str(),
        "patient": patient,
        "onset": v.date(p.onset),
        "as_of": v.date(case.as_of),
        "complaint": plain(&p.complaint),
        "initial_diagnosis": plain(&p.initial_diagnosis),
        "working_diagnosis": p.working_diagnosis.as_deref().map(plain),
        "diagnosis_revised_on": p.diagnosis_revised_on.map(|d| v.date(d)),
        "summary": case.summary.as_deref().map(plain),
        "events": events,
        "readiness": verdict,
        "disclaimer": DISCLAIMER,
    })
}
