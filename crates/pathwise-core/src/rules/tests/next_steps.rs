//! The next-step table: every row, first that applies, with its detail.

use super::*;

#[test]
fn post_op_emergency_urgent_and_consult_follow_the_band() {
    let r = eval(&case(
        "lumbar",
        "2026-03-01",
        "",
        "[[surgery]]\ndate = 2026-02-01\nprocedure = \"fusion\"\n",
    ));
    assert_eq!(r.next_step, NextStep::PostOpRehab);
    let r = eval(&case(
        "lumbar",
        "",
        "",
        &assessment("2026-02-01", "red_flags = [\"saddle-anesthesia\"]"),
    ));
    assert_eq!(r.next_step, NextStep::EmergencyReferral);
    assert!(
        r.next_step_reason.contains("cauda equina") && r.next_step_reason.contains("same-day emergency assessment")
    );
    let r = eval(&case(
        "lumbar",
        "",
        "",
        &assessment("2026-02-01", "red_flags = [\"fever\"]"),
    ));
    assert_eq!(r.next_step, NextStep::UrgentReferral);
    assert!(
        r.next_step_reason.contains("urgent imaging and medical referral"),
        "{}",
        r.next_step_reason
    );
    let r = eval(&case(
        "lumbar",
        "",
        "",
        &assessment("2026-02-01", "red_flags = [\"gait-disturbance\"]"),
    ));
    assert!(
        r.next_step_reason.contains("urgent surgical referral"),
        "{}",
        r.next_step_reason
    );
    assert_eq!(eval(&example()).next_step, NextStep::SurgicalConsult);
}

#[test]
fn workup_first_when_myelopathy_is_unknown() {
    let r = eval(&case(
        "cervical",
        "",
        "",
        &assessment("2026-02-01", "myelopathy_signs = [\"hoffmann\"]"),
    ));
    assert_eq!(r.next_step, NextStep::Workup);
    assert!(
        r.next_step_reason.contains("MRI of the spine"),
        "{}",
        r.next_step_reason
    );
}

#[test]
fn physical_therapy_without_a_conservative_course() {
    let r = eval(&case("lumbar", "", "", &assessment("2026-02-01", "pain = 6")));
    assert_eq!(r.next_step, NextStep::PhysicalTherapy);
}

#[test]
fn continue_conservative_when_something_is_working() {
    let r = eval(&case(
        "lumbar",
        "",
        "",
        &format!(
            "{PT}{}{}",
            assessment("2026-01-01", "pain = 8"),
            assessment("2026-03-01", "pain = 4")
        ),
    ));
    assert_eq!(r.next_step, NextStep::ContinueConservative);
    assert!(r.next_step_reason.contains("pain 8 → 4"), "{}", r.next_step_reason);
    let good = PT.replace("response = \"none\"", "response = \"resolved\"");
    assert_eq!(
        eval(&case("lumbar", "", "", &good)).next_step,
        NextStep::ContinueConservative
    );
    let shot = inj("2026-02-01", "epidural-steroid", "relief_percent = 70");
    let r = eval(&case("lumbar", "2026-03-01", "", &format!("{PT}{shot}")));
    assert_eq!(r.next_step, NextStep::ContinueConservative);
    assert!(
        r.next_step_reason.contains("relief in effect"),
        "{}",
        r.next_step_reason
    );
}

#[test]
fn re_evaluate_pt_for_a_confounder_or_an_inadequate_trial() {
    let low = PT.replace("hep_adherence = \"good\"", "hep_adherence = \"low\"");
    let r = eval(&case("lumbar", "", "", &low));
    assert_eq!(r.next_step, NextStep::ReEvaluatePt);
    assert!(r.next_step_reason.contains("second opinion"), "{}", r.next_step_reason);
    let r = eval(&case(
        "lumbar",
        "",
        "",
        &format!("{PT}[psychosocial]\nfear_avoidance = true\n"),
    ));
    assert_eq!(r.next_step, NextStep::ReEvaluatePt);
    let second = low.replace("[[pt]]", "[[pt]]\nsecond_opinion = true");
    let r = eval(&case("lumbar", "", "", &second));
    assert!(
        r.next_step_reason.contains("a second opinion is on file"),
        "{}",
        r.next_step_reason
    );
}

#[test]
fn workup_for_imaging_or_a_nerve_study() {
    let r = eval(&failed("", ""));
    assert_eq!(r.next_step, NextStep::Workup);
    assert!(
        r.next_step_reason.contains("MRI of the lumbar spine"),
        "{}",
        r.next_step_reason
    );
    let r = eval(&case("knee", "", "", PT));
    assert!(
        r.next_step_reason.contains("MRI or ultrasound of the knee"),
        "{}",
        r.next_step_reason
    );
    let weak = format!(
        "{}{}",
        mri("2026-01-20", "disc-bulge", "mild"),
        assessment("2026-02-01", "strength = { EHL = 4 }")
    );
    let r = eval(&failed("", &weak));
    assert_eq!(r.next_step, NextStep::Workup);
    assert!(r.next_step_reason.contains("NCS/EMG"), "{}", r.next_step_reason);
}

#[test]
fn pharmacology_for_untreated_neuropathic_pain_or_no_medication() {
    let imaged = mri("2026-01-20", "disc-bulge", "mild");
    let r = eval(&failed("", &imaged));
    assert_eq!(r.next_step, NextStep::Pharmacology);
    let r = eval(&failed(
        "pain_quality = [\"burning\"]",
        &format!("{imaged}{}", med("2026-01-05", "naproxen", "")),
    ));
    assert_eq!(st(&r, CriterionId::NerveStudy), Status::NotMet);
    let emg = workup("2026-01-22", "emg", "");
    let r = eval(&failed(
        "pain_quality = [\"burning\"]",
        &format!("{imaged}{emg}{}", med("2026-01-05", "naproxen", "")),
    ));
    assert_eq!(r.next_step, NextStep::Pharmacology);
    assert!(r.next_step_reason.contains("anticonvulsant"), "{}", r.next_step_reason);
}

#[test]
fn pain_medicine_after_positive_blocks_or_failure_without_a_target() {
    let imaged = format!(
        "{PT}{}{}",
        mri("2026-01-20", "arthrosis", "moderate"),
        med("2026-01-05", "naproxen", "response = \"none\"")
    );
    let blocks = inj("2026-02-01", "medial-branch-block", "relief_percent = 90");
    let r = eval(&case("lumbar", "2026-03-01", "", &format!("{imaged}{blocks}")));
    assert_eq!(r.next_step, NextStep::PainMedicine);
    assert!(
        r.next_step_reason.contains("radiofrequency ablation"),
        "{}",
        r.next_step_reason
    );
    // radiofrequency ablation on file (any status): no longer
    let rfa = inj("2026-02-20", "radiofrequency-ablation", "status = \"declined\"");
    let r = eval(&case("lumbar", "2026-03-01", "", &format!("{imaged}{blocks}{rfa}")));
    assert_ne!(r.next_step, NextStep::PainMedicine);
    // a block under 80 % is not positive
    let weak = inj("2026-02-01", "medial-branch-block", "relief_percent = 70");
    assert_ne!(
        eval(&case("lumbar", "2026-03-01", "", &format!("{imaged}{weak}"))).next_step,
        NextStep::PainMedicine
    );
    // failure, a failed injection, no target
    let shot = inj("2026-01-25", "facet-steroid", "relief_percent = 10");
    let r = eval(&failed("", &format!("{}{shot}", imaged.replace(PT, ""))));
    assert_eq!(st(&r, CriterionId::ConservativeFailure), Status::Met);
    assert_eq!(r.next_step, NextStep::PainMedicine);
    assert!(
        r.next_step_reason.contains("not a surgical candidate"),
        "{}",
        r.next_step_reason
    );
}

#[test]
fn injection_when_none_given_declined_or_contraindicated() {
    let imaged = format!(
        "{}{}",
        mri("2026-01-20", "disc-bulge", "mild"),
        med("2026-01-05", "naproxen", "response = \"none\"")
    );
    let r = eval(&failed("", &imaged));
    assert_eq!(r.next_step, NextStep::Injection);
    let declined = inj("2026-02-01", "trigger-point", "status = \"contraindicated\"");
    let r = eval(&failed("", &format!("{imaged}{declined}")));
    assert_eq!(r.next_step, NextStep::ContinueConservative);
}

#[test]
fn continue_conservative_otherwise() {
    let imaged = format!(
        "{}{}{}",
        mri("2026-01-20", "disc-bulge", "mild"),
        med("2026-01-05", "naproxen", "response = \"none\""),
        inj("2026-01-25", "epidural-steroid", "relief_percent = 40")
    );
    // not yet failure: 5.9 weeks
    let body = format!(
        "{PT}{imaged}{}{}",
        assessment("2026-01-01", "pain = 7"),
        assessment("2026-02-11", "pain = 7")
    );
    let r = eval(&case("lumbar", "2026-03-01", "", &body));
    assert_eq!(r.next_step, NextStep::ContinueConservative);
    assert!(r.next_step_reason.contains("not documented"), "{}", r.next_step_reason);
}
