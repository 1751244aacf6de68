//! Instability, structural lesion and intractable pain, and their points.

use super::*;

/// Twelve weeks of failed PT (pain 8, 8) plus `rest`.
fn failed_with(region: &str, rest: &str) -> Readiness {
    let c = case(
        region,
        "",
        "",
        &format!(
            "{PT}{}{}{rest}",
            assessment("2026-01-01", "pain = 8"),
            assessment("2026-03-26", "pain = 8")
        ),
    );
    eval(&c)
}

const UNSTABLE: &str = "[[workup]]\ndate = 2026-02-01\ntest = \"flexion-extension-xray\"\n\
    findings = \"6 mm translation\"\nlevel = \"L4-5\"\ninstability = true\n";

const EXTRUSION: &str = "[[workup]]\ndate = 2026-02-02\ntest = \"mri\"\nfindings = \"large extrusion\"\n\
    lesion = \"disc-extrusion\"\nseverity = \"severe\"\nlevel = \"L4-5\"\n";

#[test]
fn instability_met_earns_the_first_indication_points() {
    let r = failed_with("lumbar", UNSTABLE);
    let i = at(&r, CriterionId::Instability);
    assert_eq!((i.status, i.points), (Status::Met, 25.0));
    assert_eq!(i.detail, "flexion-extension X-ray 2026-02-01: instability at L4-5");
    // an X-ray is not advanced imaging: approaching, not ready
    assert_eq!(at(&r, CriterionId::ImagingOnFile).status, Status::NotMet);
    assert_eq!(r.band, Band::Approaching);
    assert_eq!(r.next_step, NextStep::Workup);
}

#[test]
fn a_second_indication_earns_the_further_points() {
    let r = failed_with("lumbar", &format!("{UNSTABLE}{EXTRUSION}"));
    assert_eq!(at(&r, CriterionId::Instability).points, 25.0);
    assert_eq!(at(&r, CriterionId::StructuralLesion).points, 5.0);
    // 40 + 25 + 5 + imaging 10 + PT 5
    assert_eq!(r.score, 85);
    assert_eq!(r.band, Band::Ready);
}

#[test]
fn instability_and_lesion_are_unknown_without_a_workup() {
    let r = failed_with("lumbar", "");
    for id in [CriterionId::Instability, CriterionId::StructuralLesion] {
        let c = at(&r, id);
        assert_eq!(c.status, Status::Unknown, "{id}");
        assert_eq!(c.detail, "no workup on file: imaging or testing is needed to decide");
    }
}

#[test]
fn instability_not_met_names_the_studies_read() {
    let r = failed_with("lumbar", EXTRUSION);
    let i = at(&r, CriterionId::Instability);
    assert_eq!(i.status, Status::NotMet);
    assert_eq!(i.detail, "no instability shown on MRI 2026-02-02");
    assert_eq!(i.evidence, [ev(EventKind::Workup, 0)]);
}

#[test]
fn structural_lesion_needs_a_severe_lesion_that_counts() {
    let r = failed_with("lumbar", EXTRUSION);
    let s = at(&r, CriterionId::StructuralLesion);
    assert_eq!((s.status, s.points), (Status::Met, 25.0));
    assert_eq!(s.detail, "MRI 2026-02-02: disc-extrusion (severe) at L4-5");
    let moderate = EXTRUSION.replace("severe", "moderate");
    let s = at(&failed_with("lumbar", &moderate), CriterionId::StructuralLesion).clone();
    assert_eq!(s.status, Status::NotMet);
    assert_eq!(
        s.detail,
        "no severe structural lesion: MRI 2026-02-02 disc-extrusion (moderate) at L4-5"
    );
    let bulge = EXTRUSION.replace("disc-extrusion", "disc-bulge");
    let s = at(&failed_with("lumbar", &bulge), CriterionId::StructuralLesion).clone();
    assert_eq!(s.status, Status::NotMet);
    assert!(s.detail.contains("disc-bulge at L4-5 (does not count)"), "{}", s.detail);
    let tear = "[[workup]]\ndate = 2026-02-02\ntest = \"ultrasound\"\nfindings = \"full tear\"\n\
        lesion = \"tendon-tear-full\"\nseverity = \"severe\"\n";
    assert_eq!(
        at(&failed_with("shoulder", tear), CriterionId::StructuralLesion).status,
        Status::Met
    );
}

const PREGABALIN: &str = "[[medication]]\nstart = 2026-01-10\ndrug = \"pregabalin\"\nresponse = \"partial\"\n";

fn injection(relief: &str) -> String {
    format!("[[injection]]\ndate = 2026-02-20\nkind = \"epidural-steroid\"\n{relief}\n")
}

#[test]
fn intractable_pain_met_despite_medication_and_a_failed_injection() {
    let r = failed_with(
        "lumbar",
        &format!("{PREGABALIN}{}", injection("relief_percent = 30\nrelief_weeks = 1")),
    );
    let ip = at(&r, CriterionId::IntractablePain);
    assert_eq!((ip.status, ip.points), (Status::Met, 25.0));
    assert_eq!(
        ip.detail,
        "pain 8 and 8 despite pregabalin (response partial) and epidural-steroid 2026-02-20 (30% relief for 1 week)"
    );
    assert_eq!(ip.evidence.len(), 4);
}

#[test]
fn a_failed_injection_is_one_with_either_relief_below_threshold() {
    // plenty of relief, but brief: failed
    let r = failed_with(
        "lumbar",
        &format!("{PREGABALIN}{}", injection("relief_percent = 80\nrelief_weeks = 2")),
    );
    assert_eq!(at(&r, CriterionId::IntractablePain).status, Status::Met);
    // 50% for 4 weeks is at the thresholds: not failed
    let r = failed_with(
        "lumbar",
        &format!("{PREGABALIN}{}", injection("relief_percent = 50\nrelief_weeks = 4")),
    );
    let ip = at(&r, CriterionId::IntractablePain);
    assert_eq!(ip.status, Status::NotMet);
    assert_eq!(ip.detail, "no failed injection (relief under 50% or under 4 weeks)");
    // no relief recorded: not evidence either way
    let r = failed_with("lumbar", &format!("{PREGABALIN}{}", injection("")));
    assert_eq!(at(&r, CriterionId::IntractablePain).status, Status::NotMet);
    assert_eq!(at(&r, CriterionId::InjectionDocumented).status, Status::NotMet);
}

#[test]
fn intractable_pain_needs_the_latest_two_ratings_high_and_a_failed_medication() {
    let c = case(
        "lumbar",
        "",
        "",
        &format!(
            "{PT}{}{}{}[[medication]]\nstart = 2026-01-10\ndrug = \"ibuprofen\"\nresponse = \"good\"\n{}",
            assessment("2026-01-01", "pain = 9"),
            assessment("2026-02-01", "pain = 8"),
            assessment("2026-03-26", "pain = 6"),
            injection("relief_percent = 10")
        ),
    );
    let r = eval(&c);
    let ip = at(&r, CriterionId::IntractablePain);
    assert_eq!(ip.status, Status::NotMet);
    assert_eq!(
        ip.detail,
        "latest pain 8 and 6; both must be 7 or more; no medication trial with response none, partial or worse"
    );
    // the latest two ratings and the failed injection, in date order
    assert_eq!(
        ip.evidence,
        [
            ev(EventKind::Assessment, 1),
            ev(EventKind::Injection, 0),
            ev(EventKind::Assessment, 2)
        ]
    );
}

#[test]
fn intractable_pain_is_unknown_with_one_rating() {
    let c = case(
        "lumbar",
        "",
        "",
        &format!("{PT}{}", assessment("2026-02-01", "pain = 9")),
    );
    let ip = at(&eval(&c), CriterionId::IntractablePain).clone();
    assert_eq!(ip.status, Status::Unknown);
    assert_eq!(ip.detail, "pain is rated only once; the latest two ratings are needed");
}
