//! The worked example of SCHEMA.md, exactly as READINESS.md scores it: 95,
//! ready, surgical consult, nerve study not applicable, red flags unknown,
//! the caution red-flags-not-screened; and what-if and step-through on it.

use super::*;

#[test]
fn worked_example_scores_95_ready_for_surgical_consult() {
    let case = example();
    let r = eval(&case);
    assert_eq!(
        (r.score, r.band, r.next_step),
        (95, Band::Ready, NextStep::SurgicalConsult)
    );
    assert_eq!((r.as_of, r.period_end), (date("2026-05-04"), date("2026-05-04")));
    assert!((r.documented_weeks - 97.0 / 7.0).abs() < 1e-12);
    assert!(r.confounders.is_empty(), "{:?}", r.confounders);
    let cautions: Vec<CautionId> = r.cautions.iter().map(|c| c.id).collect();
    assert_eq!(cautions, [CautionId::RedFlagsNotScreened]);
    assert_eq!(r.profile, "default");
    let ids: Vec<CriterionId> = r.criteria.iter().map(|c| c.id).collect();
    assert_eq!(ids, CriterionId::ALL);
    use CriterionId::*;
    use Status::*;
    let want = [
        (RedFlags, Unknown, 0.0),
        (ProgressiveDeficit, Unknown, 0.0),
        (SevereWeakness, NotMet, 0.0),
        (Myelopathy, NotApplicable, 0.0),
        (ConservativeFailure, Met, 40.0),
        (Instability, Unknown, 0.0),
        (StructuralLesion, Met, 25.0),
        (IntractablePain, Met, 5.0),
        (Entrapment, NotApplicable, 0.0),
        (ImagingOnFile, Met, 10.0),
        (PtDocumented, Met, 5.0),
        (InjectionDocumented, Met, 5.0),
        (MedicationTrial, Met, 5.0),
        (NerveStudy, NotApplicable, 0.0),
    ];
    for (id, status, points) in want {
        let c = at(&r, id);
        assert_eq!((c.status, c.points), (status, points), "{id}: {}", c.detail);
    }
}

#[test]
fn worked_example_details_and_evidence() {
    let case = example();
    let r = eval(&case);
    let cf = at(&r, CriterionId::ConservativeFailure);
    assert_eq!(cf.detail, "no clinically important change over 13.9 weeks");
    assert_eq!(
        cf.evidence,
        [ev(EventKind::Assessment, 0), ev(EventKind::Assessment, 1)]
    );
    assert_eq!(
        at(&r, CriterionId::NerveStudy).detail,
        "not indicated: MRI 2026-03-12: disc-extrusion (severe) at L4-5 explains the features"
    );
    assert_eq!(
        at(&r, CriterionId::PtDocumented).detail,
        "PT from 2026-01-27 to 2026-03-10: attended 11 of 12 sessions, response none"
    );
    assert_eq!(at(&r, CriterionId::RedFlags).detail, "no red-flag screen on file");
    assert_eq!(r.cautions[0].detail, "no red-flag screen in the last 6 weeks");
    assert!(r.next_step_reason.contains("13.9 weeks"), "{}", r.next_step_reason);
    assert!(r.next_step_reason.contains("structural lesion and intractable pain"));
}

#[test]
fn every_criterion_carries_its_basis() {
    let r = eval(&example());
    let basis: Vec<&str> = r.criteria.iter().map(|c| c.basis()).collect();
    assert_eq!(basis[0], "NICE NG59 1.1.1; AHCPR 1994 red flags");
    assert_eq!(
        basis[4],
        "6-12 weeks of documented failure; MCID and 30 % rule (Ostelo 2008)"
    );
    assert_eq!(basis[13], "NCS/EMG localise and grade nerve compression");
    assert!(basis.iter().all(|b| !b.is_empty()));
}

#[test]
fn what_if_without_the_injection_loses_intractable_pain() {
    let case = example();
    let opts = Options {
        excluded: [ev(EventKind::Injection, 0)].into_iter().collect(),
        ..Options::default()
    };
    let r = evaluate(&case, &Profile::builtin(), &opts);
    assert_eq!(st(&r, CriterionId::IntractablePain), Status::NotMet);
    assert_eq!(st(&r, CriterionId::InjectionDocumented), Status::NotApplicable);
    // 40 + 25 + 10 + 5 + 5
    assert_eq!((r.score, r.band), (85, Band::Ready));
}

#[test]
fn step_through_before_the_mri_is_physical_therapy_pending() {
    let case = example();
    let r = eval_as_of(&case, "2026-03-01");
    assert_eq!((r.as_of, r.period_end), (date("2026-03-01"), date("2026-03-01")));
    // the course runs to 2026-03-10: its outcome is pending
    assert_eq!(st(&r, CriterionId::PtDocumented), Status::NotMet);
    assert!(at(&r, CriterionId::PtDocumented).detail.contains("pending"));
    assert_eq!(st(&r, CriterionId::StructuralLesion), Status::Unknown);
    assert_eq!(st(&r, CriterionId::NerveStudy), Status::NotMet);
    assert_eq!(r.documented_weeks, 0.0);
    assert!(r.has_caution(CautionId::PendingOutcome));
}
