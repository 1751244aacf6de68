//! Imaging, PT, injection, medication and nerve-study documentation.

use super::*;

fn workup(test: &str, extra: &str) -> String {
    format!("[[workup]]\ndate = 2026-02-01\ntest = \"{test}\"\nfindings = \"report\"\n{extra}\n")
}

fn on(region: &str, presentation: &str, rest: &str) -> Readiness {
    eval(&case(region, "", presentation, rest))
}

#[test]
fn imaging_on_file_depends_on_the_region() {
    let r = on("lumbar", "", &workup("mri", ""));
    let i = at(&r, CriterionId::ImagingOnFile);
    assert_eq!(
        (i.status, i.points, i.detail.as_str()),
        (Status::Met, 10.0, "MRI 2026-02-01")
    );
    let r = on("lumbar", "", &workup("ultrasound", ""));
    let i = at(&r, CriterionId::ImagingOnFile);
    assert_eq!(i.status, Status::NotMet);
    assert_eq!(
        i.detail,
        "no MRI, CT or CT myelogram on file (only ultrasound 2026-02-01)"
    );
    assert_eq!(
        at(
            &on("shoulder", "", &workup("ultrasound", "")),
            CriterionId::ImagingOnFile
        )
        .status,
        Status::Met
    );
    let none = on("knee", "", "");
    assert_eq!(
        at(&none, CriterionId::ImagingOnFile).detail,
        "no MRI, CT, CT myelogram or ultrasound on file"
    );
}

#[test]
fn a_nerve_study_counts_as_imaging_only_at_the_wrist_and_elbow() {
    let r = on("wrist-hand", "", &workup("ncs", "nerve = \"median\""));
    assert_eq!(at(&r, CriterionId::ImagingOnFile).status, Status::Met);
    let ns = at(&r, CriterionId::NerveStudy);
    assert_eq!((ns.status, ns.detail.as_str()), (Status::Met, "NCS 2026-02-01: median"));
    let r = on("lumbar", "", &workup("ncs-emg", "nerve = \"L5\""));
    assert_eq!(at(&r, CriterionId::ImagingOnFile).status, Status::NotMet);
    assert_eq!(at(&r, CriterionId::NerveStudy).status, Status::Met);
    assert_eq!(at(&r, CriterionId::NerveStudy).points, 0.0);
}

#[test]
fn pt_documented_needs_sessions_and_response() {
    let r = on("lumbar", "", PT);
    let pt = at(&r, CriterionId::PtDocumented);
    assert_eq!((pt.status, pt.points), (Status::Met, 5.0));
    assert_eq!(
        pt.detail,
        "PT from 2026-01-01 to 2026-02-12: attended 12 of 12 sessions, response none"
    );
    let r = on("lumbar", "", &PT.replace("response = \"none\"\n", ""));
    let pt = at(&r, CriterionId::PtDocumented);
    assert_eq!((pt.status, pt.points), (Status::NotMet, 0.0));
    assert_eq!(pt.detail, "PT from 2026-01-01 to 2026-02-12 records no response");
    let r = on("lumbar", "", "");
    assert_eq!(
        at(&r, CriterionId::PtDocumented).detail,
        "no conservative PT course on file"
    );
    // a post-op course is not conservative care
    let r = on("lumbar", "", &PT.replace("[[pt]]\n", "[[pt]]\nphase = \"post-op\"\n"));
    assert_eq!(at(&r, CriterionId::PtDocumented).status, Status::NotMet);
}

#[test]
fn injection_documented_met_not_met_and_not_applicable() {
    let one = "[[injection]]\ndate = 2026-02-20\nkind = \"joint-steroid\"\nrelief_weeks = 6\n";
    let i = at(&on("knee", "", one), CriterionId::InjectionDocumented).clone();
    assert_eq!((i.status, i.points), (Status::Met, 5.0));
    assert_eq!(i.detail, "joint-steroid 2026-02-20: relief for 6 weeks");
    let silent = "[[injection]]\ndate = 2026-03-01\nkind = \"prp\"\n";
    let i = at(
        &on("knee", "", &format!("{one}{silent}")),
        CriterionId::InjectionDocumented,
    )
    .clone();
    assert_eq!((i.status, i.points), (Status::NotMet, 0.0));
    assert_eq!(i.detail, "no relief recorded for prp 2026-03-01");
    assert_eq!(i.evidence, [ev(EventKind::Injection, 1)]);
    let i = at(&on("knee", "", ""), CriterionId::InjectionDocumented).clone();
    assert_eq!((i.status, i.points), (Status::NotApplicable, 0.0));
}

#[test]
fn medication_trial_met_and_not_met() {
    let r = on(
        "knee",
        "",
        "[[medication]]\nstart = 2026-01-05\ndrug = \"naproxen\"\nresponse = \"none\"\n",
    );
    let m = at(&r, CriterionId::MedicationTrial);
    assert_eq!((m.status, m.points), (Status::Met, 5.0));
    assert_eq!(m.detail, "naproxen from 2026-01-05, response none");
    let m = at(&on("knee", "", ""), CriterionId::MedicationTrial).clone();
    assert_eq!(
        (m.status, m.detail.as_str()),
        (Status::NotMet, "no medication trial on file")
    );
}

#[test]
fn a_nerve_study_is_indicated_by_numbness_or_spinal_weakness() {
    let r = on("lumbar", "", &assessment("2026-02-01", "numbness = [\"L5 dermatome\"]"));
    let ns = at(&r, CriterionId::NerveStudy);
    assert_eq!(ns.status, Status::NotMet);
    assert_eq!(
        ns.detail,
        "no NCS or EMG on file; indicated by numbness of L5 dermatome on 2026-02-01"
    );
    assert_eq!(ns.evidence, [ev(EventKind::Assessment, 0)]);
    let r = on(
        "cervical",
        "",
        &assessment("2026-02-01", "strength = { \"elbow flexion\" = 4 }"),
    );
    let ns = at(&r, CriterionId::NerveStudy);
    assert_eq!(ns.status, Status::NotMet);
    assert_eq!(
        ns.detail,
        "no NCS or EMG on file; indicated by weakness (elbow flexion 4/5) on 2026-02-01"
    );
}

#[test]
fn a_nerve_study_is_not_applicable_without_an_indication() {
    // weakness in a knee case does not call for a nerve study
    let r = on(
        "knee",
        "pain_quality = [\"aching\"]",
        &assessment("2026-02-01", "strength = { quadriceps = 4 }\nnumbness = []"),
    );
    let ns = at(&r, CriterionId::NerveStudy);
    assert_eq!(ns.status, Status::NotApplicable);
    assert_eq!(ns.detail, "not indicated: no neuropathic features or numbness");
    // but in a wrist-hand case it does
    let r = on(
        "wrist-hand",
        "",
        &assessment("2026-02-01", "strength = { \"thumb abduction\" = 4 }"),
    );
    assert_eq!(at(&r, CriterionId::NerveStudy).status, Status::NotMet);
}
