//! The worked example of SCHEMA.md and READINESS.md, point by point, and
//! what-if and step-through evaluation of it.

use super::*;
use crate::case::Date;
use serde_json::json;

fn date(s: &str) -> Date {
    s.parse().expect("a date")
}

#[test]
fn worked_example_scores_95_ready_for_surgical_consult() {
    let case = example();
    let r = eval(&case);
    assert_eq!(r.score, 95);
    assert_eq!(r.band, Band::Ready);
    assert_eq!(r.next_step, NextStep::SurgicalConsult);
    assert_eq!(r.as_of, date("2026-05-04"));
    assert_eq!(r.period_end, date("2026-05-04"));
    let weeks = r.documented_weeks.expect("documented weeks");
    assert!((weeks - 97.0 / 7.0).abs() < 1e-12);
    assert_eq!(format!("{weeks:.1}"), "13.9");
    assert!(r.confounders.is_empty(), "{:?}", r.confounders);
    let ids: Vec<CriterionId> = r.criteria.iter().map(|c| c.id).collect();
    assert_eq!(ids, CriterionId::ALL);
    let want = [
        (CriterionId::RedFlags, Status::NotMet, 0.0),
        (CriterionId::ProgressiveDeficit, Status::Unknown, 0.0),
        (CriterionId::ConservativeFailure, Status::Met, 40.0),
        (CriterionId::Instability, Status::NotMet, 0.0),
        (CriterionId::StructuralLesion, Status::Met, 25.0),
        (CriterionId::IntractablePain, Status::Met, 5.0),
        (CriterionId::ImagingOnFile, Status::Met, 10.0),
        (CriterionId::PtDocumented, Status::Met, 5.0),
        (CriterionId::InjectionDocumented, Status::Met, 5.0),
        (CriterionId::MedicationTrial, Status::Met, 5.0),
        (CriterionId::NerveStudy, Status::NotMet, 0.0),
    ];
    for (id, status, points) in want {
        let c = at(&r, id);
        assert_eq!((c.status, c.points), (status, points), "{id}: {}", c.detail);
    }
}

#[test]
fn worked_example_details_carry_the_numbers_and_the_evidence() {
    let case = example();
    let r = eval(&case);
    let cf = at(&r, CriterionId::ConservativeFailure);
    assert_eq!(
        cf.detail,
        "no clinically important change over 13.9 weeks: pain 7 → 8, ODI 46 → 52"
    );
    assert_eq!(
        cf.evidence,
        [ev(EventKind::Assessment, 0), ev(EventKind::Assessment, 1)]
    );
    assert_eq!(
        at(&r, CriterionId::StructuralLesion).detail,
        "MRI 2026-03-12: disc-extrusion (severe) at L4-5"
    );
    assert_eq!(
        at(&r, CriterionId::NerveStudy).detail,
        "no NCS or EMG on file; indicated by burning and shooting pain"
    );
    assert_eq!(
        at(&r, CriterionId::PtDocumented).detail,
        "PT from 2026-01-27 to 2026-03-10: attended 11 of 12 sessions, response none"
    );
    assert!(r.next_step_reason.contains("13.9 weeks"), "{}", r.next_step_reason);
    assert!(r.next_step_reason.contains("structural lesion and intractable pain"));
}

#[test]
fn worked_example_json_follows_the_output_contract() {
    let case = example();
    let v = to_json(&case, &eval(&case));
    assert_eq!(v["id"], json!("l5-radiculopathy-extrusion"));
    assert_eq!(v["as_of"], json!("2026-05-04"));
    assert_eq!(v["score"], json!(95));
    assert_eq!(v["band"], json!("ready"));
    assert_eq!(v["next_step"], json!("surgical-consult"));
    assert_eq!(v["documented_weeks"], json!(13.9));
    assert_eq!(v["confounders"], json!([]));
    let criteria = v["criteria"].as_array().expect("criteria array");
    assert_eq!(criteria.len(), 11);
    let cf = &criteria[2];
    assert_eq!(cf["id"], json!("conservative-failure"));
    assert_eq!(cf["status"], json!("met"));
    assert_eq!(cf["points"].to_string(), "40");
    assert_eq!(
        cf["evidence"],
        json!(["2026-01-27 assessment", "2026-05-04 assessment"])
    );
    assert_eq!(criteria[8]["id"], json!("injection-documented"));
    assert_eq!(criteria[10]["status"], json!("not-met"));
    assert_eq!(criteria[10]["points"].to_string(), "0");
    let obj = v.as_object().expect("an object");
    let mut keys: Vec<&str> = obj.keys().map(String::as_str).collect();
    keys.sort_unstable();
    assert_eq!(
        keys,
        [
            "as_of",
            "band",
            "confounders",
            "criteria",
            "documented_weeks",
            "id",
            "next_step",
            "score"
        ]
    );
}

#[test]
fn excluding_the_injection_loses_intractable_pain_and_points() {
    let case = example();
    let full = eval(&case);
    let opts = Options {
        excluded: [ev(EventKind::Injection, 0)].into_iter().collect(),
        ..Options::default()
    };
    let r = evaluate(&case, &Profile::builtin(), &opts);
    let ip = at(&r, CriterionId::IntractablePain);
    assert_eq!(ip.status, Status::NotMet);
    assert!(ip.detail.contains("no injection on file"), "{}", ip.detail);
    assert_eq!(at(&r, CriterionId::InjectionDocumented).status, Status::NotApplicable);
    // 40 + 25 + 10 + 5 + 5: the further indication and the injection points go
    assert_eq!(r.score, 85);
    assert!(r.score < full.score);
    assert_eq!(r.band, Band::Ready);
}

#[test]
fn an_earlier_as_of_ignores_later_events() {
    let case = example();
    let opts = Options {
        as_of: Some(date("2026-03-13")),
        ..Options::default()
    };
    let r = evaluate(&case, &Profile::builtin(), &opts);
    assert_eq!(r.as_of, date("2026-03-13"));
    assert_eq!(r.period_end, date("2026-03-13"));
    // only the first assessment exists: weeks 0, failure cannot be judged
    assert_eq!(r.documented_weeks, Some(0.0));
    assert_eq!(at(&r, CriterionId::ConservativeFailure).status, Status::Unknown);
    assert_eq!(at(&r, CriterionId::IntractablePain).status, Status::Unknown);
    assert_eq!(at(&r, CriterionId::MedicationTrial).status, Status::NotMet);
    assert_eq!(at(&r, CriterionId::InjectionDocumented).status, Status::NotApplicable);
    assert_eq!(at(&r, CriterionId::StructuralLesion).status, Status::Met);
    assert_eq!(r.band, Band::Approaching);
    // 25 lesion + 10 imaging + 5 PT, minus neuropathic-untreated
    assert_eq!(r.score, 35);
    assert!(r.has_confounder(ConfounderId::NeuropathicUntreated));
}
