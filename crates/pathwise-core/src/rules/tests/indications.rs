//! The indications: 6 `instability`, 7 `structural-lesion`, 8
//! `intractable-pain`, 9 `entrapment`, and their points.

use super::*;

/// Evaluated on 2026-04-01, when every injection result is known.
fn on(region: &str, presentation: &str, rest: &str) -> Readiness {
    eval(&case(region, "2026-04-01", presentation, rest))
}

const TINGLING: &str = "pain_quality = [\"tingling\"]";

#[test]
fn instability_rows() {
    let fx = |extra: &str| workup("2026-01-20", "flexion-extension-xray", extra);
    // met by a workup
    let r = on("lumbar", "", &fx("instability = true\nlevel = \"L4-5\""));
    assert_eq!(st(&r, CriterionId::Instability), Status::Met);
    // met by a stability examination, in a limb only
    let exam = assessment("2026-01-20", "instability = true");
    assert_eq!(st(&on("knee", "", &exam), CriterionId::Instability), Status::Met);
    assert_eq!(st(&on("lumbar", "", &exam), CriterionId::Instability), Status::Unknown);
    // not met: flexion-extension films without instability; a stable finding
    assert_eq!(st(&on("lumbar", "", &fx("")), CriterionId::Instability), Status::NotMet);
    let stable = mri("2026-01-20", "ligament-tear", "mild") + "instability = false\n";
    assert_eq!(st(&on("knee", "", &stable), CriterionId::Instability), Status::NotMet);
    let exam = assessment("2026-01-20", "instability = false");
    assert_eq!(st(&on("shoulder", "", &exam), CriterionId::Instability), Status::NotMet);
    // unknown, with what would decide; an MRI alone does not decide
    let r = on("lumbar", "", &mri("2026-01-20", "disc-bulge", "mild"));
    assert_eq!(
        at(&r, CriterionId::Instability).detail,
        "flexion-extension X-rays would decide"
    );
    assert_eq!(
        at(&on("hip", "", ""), CriterionId::Instability).detail,
        "a stability examination would decide"
    );
    assert_eq!(st(&on("other", "", ""), CriterionId::Instability), Status::Unknown);
}

#[test]
fn structural_lesion_met_by_a_severe_target_or_moderate_compression_with_features() {
    let r = on("lumbar", "", &mri("2026-01-20", "tendon-tear-full", "severe"));
    assert_eq!(st(&r, CriterionId::StructuralLesion), Status::Met);
    let r = on("lumbar", TINGLING, &mri("2026-01-20", "disc-protrusion", "moderate"));
    assert_eq!(st(&r, CriterionId::StructuralLesion), Status::Met);
    // neurogenic claudication is a neurological feature
    let r = on(
        "lumbar",
        "neurogenic_claudication = true",
        &mri("2026-01-20", "stenosis-central", "moderate"),
    );
    assert_eq!(st(&r, CriterionId::StructuralLesion), Status::Met);
    // a moderate non-compressive target is on file but does not meet it
    let r = on("knee", "", &mri("2026-01-20", "meniscus-tear", "moderate"));
    assert_eq!(st(&r, CriterionId::StructuralLesion), Status::NotMet);
}

#[test]
fn structural_lesion_not_met_by_what_is_no_target() {
    let not_met = |region: &str, presentation: &str, rest: &str| {
        let r = on(region, presentation, rest);
        assert_eq!(
            st(&r, CriterionId::StructuralLesion),
            Status::NotMet,
            "{rest}: {}",
            at(&r, CriterionId::StructuralLesion).detail
        );
    };
    // compression that explains no symptom
    not_met("lumbar", "", &mri("2026-01-20", "disc-extrusion", "severe"));
    // discordant
    not_met(
        "lumbar",
        TINGLING,
        &(mri("2026-01-20", "disc-extrusion", "severe") + "concordant = false\n"),
    );
    // spinal arthrosis
    not_met("lumbar", "", &mri("2026-01-20", "arthrosis", "severe"));
    // mild, bulge, normal
    not_met("lumbar", TINGLING, &mri("2026-01-20", "disc-protrusion", "mild"));
    not_met("lumbar", TINGLING, &mri("2026-01-20", "disc-bulge", "severe"));
}

#[test]
fn only_a_study_that_can_show_it_decides() {
    // plain films show arthrosis in a limb: met (end-stage knee OA)
    let films = workup("2026-01-20", "xray", "lesion = \"arthrosis\"\nseverity = \"severe\"");
    let r = on("knee", "", &films);
    assert_eq!(st(&r, CriterionId::StructuralLesion), Status::Met);
    assert_eq!(st(&r, CriterionId::ImagingOnFile), Status::Met);
    // an X-ray cannot show a disc; a lab test nothing: unknown (no deciding study)
    let xray = workup(
        "2026-01-20",
        "xray",
        "lesion = \"disc-extrusion\"\nseverity = \"severe\"",
    );
    assert_eq!(
        st(&on("lumbar", TINGLING, &xray), CriterionId::StructuralLesion),
        Status::Unknown
    );
    let lab = workup("2026-01-20", "lab", "lesion = \"other\"");
    assert_eq!(
        st(&on("lumbar", "", &lab), CriterionId::StructuralLesion),
        Status::Unknown
    );
    // a nerve study shows entrapment, and decides in the wrist
    let ncs = workup(
        "2026-01-20",
        "ncs",
        "lesion = \"nerve-entrapment\"\nseverity = \"severe\"",
    );
    assert_eq!(
        st(&on("wrist-hand", TINGLING, &ncs), CriterionId::StructuralLesion),
        Status::Met
    );
    // ultrasound is advanced imaging in a limb, not in `other`
    let us = workup(
        "2026-01-20",
        "ultrasound",
        "lesion = \"tendon-tear-full\"\nseverity = \"severe\"",
    );
    assert_eq!(st(&on("shoulder", "", &us), CriterionId::StructuralLesion), Status::Met);
    assert_eq!(
        st(&on("other", "", &us), CriterionId::StructuralLesion),
        Status::Unknown
    );
}

/// Pain 8 and 8, a failed medication trial, and `shot`.
fn painful(shot: &str) -> Readiness {
    let rest = format!(
        "{}{shot}{}{}",
        med("2026-01-01", "naproxen", "end = 2026-02-01\nresponse = \"none\""),
        assessment("2026-01-05", "pain = 8"),
        assessment("2026-03-01", "pain = 8")
    );
    on("lumbar", "", &rest)
}

#[test]
fn intractable_pain_rows() {
    let failed = inj("2026-02-01", "epidural-steroid", "relief_percent = 20");
    assert_eq!(st(&painful(&failed), CriterionId::IntractablePain), Status::Met);
    // declined or contraindicated therapeutic injections count
    for status in ["declined", "contraindicated"] {
        let shot = inj("2026-02-01", "joint-steroid", &format!("status = \"{status}\""));
        assert_eq!(
            st(&painful(&shot), CriterionId::IntractablePain),
            Status::Met,
            "{status}"
        );
    }
    // a failed trigger-point injection or diagnostic block does not
    let tpi = inj("2026-02-01", "trigger-point", "relief_percent = 0");
    assert_eq!(st(&painful(&tpi), CriterionId::IntractablePain), Status::NotMet);
    let mbb = inj("2026-02-01", "medial-branch-block", "relief_percent = 10");
    assert_eq!(st(&painful(&mbb), CriterionId::IntractablePain), Status::NotMet);
    // unknown with fewer than two ratings
    let r = on("lumbar", "", &assessment("2026-01-05", "pain = 9"));
    assert_eq!(st(&r, CriterionId::IntractablePain), Status::Unknown);
    // pain below 7
    let rest = format!(
        "{}{failed}{}{}",
        med("2026-01-01", "naproxen", "end = 2026-02-01\nresponse = \"none\""),
        assessment("2026-01-05", "pain = 8"),
        assessment("2026-03-01", "pain = 6")
    );
    assert_eq!(
        st(&on("lumbar", "", &rest), CriterionId::IntractablePain),
        Status::NotMet
    );
    // a medication taken under 14 days is no trial
    let rest = format!(
        "{}{failed}{}{}",
        med("2026-01-01", "naproxen", "end = 2026-01-14\nresponse = \"none\""),
        assessment("2026-01-05", "pain = 8"),
        assessment("2026-03-01", "pain = 8")
    );
    assert_eq!(
        st(&on("lumbar", "", &rest), CriterionId::IntractablePain),
        Status::NotMet
    );
}

#[test]
fn indication_points_25_for_the_first_5_for_each_further() {
    let r = eval(&example());
    assert_eq!(at(&r, CriterionId::StructuralLesion).points, 25.0);
    assert_eq!(at(&r, CriterionId::IntractablePain).points, 5.0);
    assert_eq!(at(&r, CriterionId::Instability).points, 0.0);
}

const CTS_NCS: &str = "[[workup]]\ndate = 2026-01-20\ntest = \"ncs\"\nfindings = \"median entrapment\"\n\
    lesion = \"nerve-entrapment\"\nnerve = \"median\"\n";

#[test]
fn entrapment_severe_is_met_and_ready() {
    let rest = format!("{CTS_NCS}severity = \"severe\"\n");
    let r = on("wrist-hand", TINGLING, &rest);
    assert_eq!(st(&r, CriterionId::Entrapment), Status::Met);
    assert_eq!((r.band, r.next_step), (Band::Ready, NextStep::SurgicalConsult));
}

#[test]
fn entrapment_moderate_needs_a_failed_or_relapsed_steroid_or_failed_care() {
    let ncs = format!("{CTS_NCS}severity = \"moderate\"\n");
    assert_eq!(
        st(&on("wrist-hand", TINGLING, &ncs), CriterionId::Entrapment),
        Status::NotMet
    );
    let failed = inj("2026-01-25", "soft-tissue-steroid", "relief_percent = 20");
    assert_eq!(
        st(
            &on("wrist-hand", TINGLING, &format!("{ncs}{failed}")),
            CriterionId::Entrapment
        ),
        Status::Met
    );
    let relapse = inj(
        "2026-01-25",
        "soft-tissue-steroid",
        "relief_percent = 80\nrelief_weeks = 6",
    );
    assert_eq!(
        st(
            &on("elbow", TINGLING, &format!("{ncs}{relapse}")),
            CriterionId::Entrapment
        ),
        Status::Met
    );
    // failed conservative care
    let r = eval(&case(
        "wrist-hand",
        "",
        TINGLING,
        &format!(
            "{PT}{ncs}{}{}",
            assessment("2026-01-01", "pain = 6"),
            assessment("2026-03-01", "pain = 6")
        ),
    ));
    assert_eq!(st(&r, CriterionId::ConservativeFailure), Status::Met);
    assert_eq!(st(&r, CriterionId::Entrapment), Status::Met);
    // discordant never counts
    let ncs = format!("{CTS_NCS}severity = \"severe\"\nconcordant = false\n");
    assert_eq!(
        st(&on("wrist-hand", TINGLING, &ncs), CriterionId::Entrapment),
        Status::NotMet
    );
}

#[test]
fn entrapment_unknown_without_a_nerve_study_and_not_applicable_elsewhere() {
    assert_eq!(
        st(&on("wrist-hand", TINGLING, ""), CriterionId::Entrapment),
        Status::Unknown
    );
    assert_eq!(st(&on("elbow", "", ""), CriterionId::Entrapment), Status::NotMet);
    assert_eq!(
        st(&on("shoulder", TINGLING, ""), CriterionId::Entrapment),
        Status::NotApplicable
    );
}
