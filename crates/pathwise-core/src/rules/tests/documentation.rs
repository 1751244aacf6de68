//! What a surgeon reviews: 10 `imaging-on-file`, 11 `pt-documented`, 12
//! `injection-documented`, 13 `medication-trial`, 14 `nerve-study`.

use super::*;

fn on(region: &str, presentation: &str, rest: &str) -> Readiness {
    eval(&case(region, "", presentation, rest))
}

#[test]
fn imaging_on_file_rows() {
    let met = |region: &str, rest: &str| {
        let r = on(region, "", rest);
        assert_eq!(st(&r, CriterionId::ImagingOnFile), Status::Met, "{region} {rest}");
        assert_eq!(at(&r, CriterionId::ImagingOnFile).points, 10.0);
    };
    met("lumbar", &workup("2026-01-20", "mri", ""));
    met("lumbar", &workup("2026-01-20", "ct-myelogram", ""));
    met("knee", &workup("2026-01-20", "ultrasound", ""));
    met("wrist-hand", &workup("2026-01-20", "ncs-emg", ""));
    met("lumbar", &workup("2026-01-20", "flexion-extension-xray", ""));
    met(
        "lumbar",
        &workup(
            "2026-01-20",
            "xray",
            "lesion = \"spondylolisthesis\"\nseverity = \"moderate\"",
        ),
    );
    let not_met = |region: &str, rest: &str| {
        let r = on(region, "", rest);
        assert_eq!(st(&r, CriterionId::ImagingOnFile), Status::NotMet, "{region} {rest}");
    };
    not_met("lumbar", "");
    not_met("lumbar", &workup("2026-01-20", "lab", ""));
    not_met(
        "lumbar",
        &workup("2026-01-20", "xray", "lesion = \"arthrosis\"\nseverity = \"mild\""),
    );
    not_met("other", &workup("2026-01-20", "ultrasound", ""));
    not_met("lumbar", &workup("2026-01-20", "emg", ""));
}

#[test]
fn pt_documented_rows() {
    let r = eval(&example());
    assert_eq!(
        (
            st(&r, CriterionId::PtDocumented),
            at(&r, CriterionId::PtDocumented).points
        ),
        (Status::Met, 5.0)
    );
    // an ongoing course whose outcome is known only on the review day
    let c = case(
        "lumbar",
        "2026-04-01",
        "",
        &pt("2026-01-05", "", "sessions_attended = 8\nresponse = \"partial\""),
    );
    assert_eq!(st(&eval(&c), CriterionId::PtDocumented), Status::Met);
    let r = eval_as_of(&c, "2026-03-01");
    assert_eq!(st(&r, CriterionId::PtDocumented), Status::NotMet);
    assert!(
        at(&r, CriterionId::PtDocumented)
            .detail
            .contains("outcome pending (known on 2026-04-01)")
    );
    // missing a value; no course
    let c = case("lumbar", "", "", &pt("2026-01-05", "2026-02-05", "response = \"none\""));
    assert_eq!(st(&eval(&c), CriterionId::PtDocumented), Status::NotMet);
    assert_eq!(st(&on("lumbar", "", ""), CriterionId::PtDocumented), Status::NotMet);
    // the latest course decides, not an earlier one
    let rest = format!(
        "{}{}",
        pt("2026-01-05", "2026-02-05", "sessions_attended = 8\nresponse = \"none\""),
        pt("2026-02-10", "2026-03-05", "")
    );
    assert_eq!(st(&on("lumbar", "", &rest), CriterionId::PtDocumented), Status::NotMet);
}

#[test]
fn injection_documented_rows() {
    assert_eq!(
        st(&on("lumbar", "", ""), CriterionId::InjectionDocumented),
        Status::NotApplicable
    );
    let declined = inj("2026-01-20", "epidural-steroid", "status = \"declined\"");
    assert_eq!(
        st(&on("lumbar", "", &declined), CriterionId::InjectionDocumented),
        Status::NotApplicable
    );
    let shot = inj("2026-01-20", "trigger-point", "relief_percent = 10");
    let c = case("lumbar", "2026-03-01", "", &shot);
    let r = eval(&c);
    assert_eq!(
        (
            st(&r, CriterionId::InjectionDocumented),
            at(&r, CriterionId::InjectionDocumented).points
        ),
        (Status::Met, 5.0)
    );
    let r = eval_as_of(&c, "2026-02-02");
    assert_eq!(st(&r, CriterionId::InjectionDocumented), Status::NotMet);
    assert!(
        at(&r, CriterionId::InjectionDocumented)
            .detail
            .contains("result pending (known on 2026-02-03)")
    );
    let silent = inj("2026-01-20", "epidural-steroid", "");
    assert_eq!(
        st(&on("lumbar", "", &silent), CriterionId::InjectionDocumented),
        Status::NotMet
    );
}

#[test]
fn medication_trial_rows() {
    let trial = |extra: &str, as_of: &str| {
        st(
            &eval(&case("lumbar", as_of, "", &med("2026-01-01", "pregabalin", extra))),
            CriterionId::MedicationTrial,
        )
    };
    assert_eq!(trial("end = 2026-01-15\nresponse = \"good\"", ""), Status::Met);
    assert_eq!(trial("end = 2026-01-14\nresponse = \"good\"", ""), Status::NotMet);
    assert_eq!(trial("end = 2026-02-15", ""), Status::NotMet);
    // ongoing: period end counts as its end
    assert_eq!(trial("response = \"none\"", "2026-01-15"), Status::Met);
    assert_eq!(trial("response = \"none\"", "2026-01-14"), Status::NotMet);
    assert_eq!(st(&on("lumbar", "", ""), CriterionId::MedicationTrial), Status::NotMet);
}

#[test]
fn nerve_study_met_when_one_is_in_play() {
    let r = on("lumbar", "", &workup("2026-01-20", "emg", "nerve = \"L5\""));
    assert_eq!(st(&r, CriterionId::NerveStudy), Status::Met);
}

#[test]
fn nerve_study_indicated_in_the_spine_only_when_imaging_does_not_explain_it() {
    let weak = assessment("2026-01-20", "strength = { \"great toe extension\" = 4 }");
    assert_eq!(st(&on("lumbar", "", &weak), CriterionId::NerveStudy), Status::NotMet);
    let explained = format!("{weak}{}", mri("2026-01-10", "disc-protrusion", "moderate"));
    assert_eq!(
        st(&on("lumbar", "", &explained), CriterionId::NerveStudy),
        Status::NotApplicable
    );
    // a non-compressive finding explains nothing
    let bulge = format!("{weak}{}", mri("2026-01-10", "disc-bulge", "moderate"));
    assert_eq!(st(&on("lumbar", "", &bulge), CriterionId::NerveStudy), Status::NotMet);
    assert_eq!(
        st(&on("cervical", "", ""), CriterionId::NerveStudy),
        Status::NotApplicable
    );
}

#[test]
fn nerve_study_in_elbow_wrist_and_other_regions() {
    let weak = assessment("2026-01-20", "strength = { \"abductor pollicis\" = 4 }");
    assert_eq!(
        st(&on("wrist-hand", "", &weak), CriterionId::NerveStudy),
        Status::NotMet
    );
    // other regions: neuropathic pain or numbness only, not weakness
    assert_eq!(
        st(&on("shoulder", "", &weak), CriterionId::NerveStudy),
        Status::NotApplicable
    );
    assert_eq!(
        st(&on("hip", "pain_quality = [\"burning\"]", ""), CriterionId::NerveStudy),
        Status::NotMet
    );
    let numb = assessment("2026-01-20", "numbness = [\"lateral thigh\"]");
    assert_eq!(st(&on("hip", "", &numb), CriterionId::NerveStudy), Status::NotMet);
    // cleared numbness is no feature
    let cleared = format!("{numb}{}", assessment("2026-02-20", "numbness = []"));
    assert_eq!(
        st(&on("hip", "", &cleared), CriterionId::NerveStudy),
        Status::NotApplicable
    );
}
