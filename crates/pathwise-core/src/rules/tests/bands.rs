//! The bands, first that applies: every route; the score's rounding and
//! clamping; post-op as the day before surgery.

use super::*;

/// The SCHEMA.md example with `extra` appended and `as_of` replaced.
fn example_with(as_of: &str, extra: &str) -> Case {
    parse(&format!(
        "{}{extra}",
        EXAMPLE.replace("as_of = 2026-05-04", &format!("as_of = {as_of}"))
    ))
}

const LATER: &str = "\n[[surgery]]\ndate = 2026-05-10\nprocedure = \"L4-5 microdiscectomy\"\n\n\
    [[pt]]\nstart = 2026-05-20\nphase = \"post-op\"\nresponse = \"good\"\n\n\
    [[assessment]]\ndate = 2026-05-25\npain = 2\n";

#[test]
fn post_op_is_scored_as_the_day_before_surgery() {
    let r = eval(&example_with("2026-06-01", LATER));
    assert_eq!(
        (r.band, r.next_step, r.score),
        (Band::PostOp, NextStep::PostOpRehab, 95)
    );
    assert_eq!(r.period_end, date("2026-05-09"));
    assert_eq!(
        r.next_step_reason,
        "surgery on 2026-05-10 (L4-5 microdiscectomy): a new structured PT regimen; readiness as of 2026-05-09, the day before"
    );
    // a surgery after as_of (or stepped through before it) is not post-op
    assert_eq!(eval(&example_with("2026-05-04", LATER)).band, Band::Ready);
    assert_eq!(
        eval_as_of(&example_with("2026-06-01", LATER), "2026-05-09").band,
        Band::Ready
    );
}

#[test]
fn post_op_scores_100_when_it_was_urgent_then() {
    let extra = "\n[[assessment]]\ndate = 2026-05-05\nred_flags = [\"saddle-anesthesia\"]\n\n\
        [[surgery]]\ndate = 2026-05-06\nprocedure = \"decompression\"\n";
    let r = eval(&example_with("2026-06-01", extra));
    assert_eq!((r.band, r.score), (Band::PostOp, 100));
}

#[test]
fn emergency_and_urgent_score_100() {
    let r = eval(&case(
        "lumbar",
        "",
        "",
        &assessment("2026-02-01", "red_flags = [\"bowel-dysfunction\"]"),
    ));
    assert_eq!((r.band, r.score), (Band::Emergency, 100));
    let r = eval(&case(
        "lumbar",
        "",
        "",
        &assessment("2026-02-01", "red_flags = [\"night-pain\"]"),
    ));
    assert_eq!((r.band, r.score), (Band::Urgent, 100));
}

/// Imaging, failed care and `rest`.
fn ready_with(region: &str, presentation: &str, rest: &str) -> Readiness {
    let body = format!(
        "{PT}{}{}{rest}",
        assessment("2026-01-01", "pain = 8"),
        assessment("2026-03-01", "pain = 8")
    );
    eval(&case(region, "2026-04-01", presentation, &body))
}

#[test]
fn ready_by_failure_and_instability() {
    let r = ready_with(
        "lumbar",
        "",
        &workup("2026-01-20", "flexion-extension-xray", "instability = true"),
    );
    assert_eq!((r.band, st(&r, CriterionId::Instability)), (Band::Ready, Status::Met));
}

#[test]
fn ready_by_failure_and_structural_lesion() {
    let r = ready_with(
        "knee",
        "",
        &workup("2026-01-20", "xray", "lesion = \"arthrosis\"\nseverity = \"severe\""),
    );
    assert_eq!(r.band, Band::Ready);
}

#[test]
fn ready_by_failure_and_intractable_pain_only_with_a_target_lesion() {
    let care = format!(
        "{}{}",
        med("2026-01-01", "naproxen", "end = 2026-02-01\nresponse = \"none\""),
        inj("2026-02-01", "facet-steroid", "relief_percent = 20")
    );
    // a moderate tendon tear: a target, neither severe nor compressive
    let r = ready_with(
        "shoulder",
        "",
        &format!("{care}{}", mri("2026-01-20", "tendon-tear-partial", "moderate")),
    );
    assert_eq!(st(&r, CriterionId::IntractablePain), Status::Met);
    assert_eq!(st(&r, CriterionId::StructuralLesion), Status::NotMet);
    assert_eq!(r.band, Band::Ready);
    // axial pain, spinal arthrosis: no target, so approaching (pain medicine)
    let r = ready_with(
        "lumbar",
        "",
        &format!("{care}{}", mri("2026-01-20", "arthrosis", "moderate")),
    );
    assert_eq!(st(&r, CriterionId::IntractablePain), Status::Met);
    assert_eq!((r.band, r.next_step), (Band::Approaching, NextStep::PainMedicine));
}

#[test]
fn ready_by_an_acute_lesion_without_waiting() {
    let tear = mri("2026-01-05", "tendon-tear-full", "severe") + "acute = true\n";
    let r = eval(&case("shoulder", "2026-01-10", "", &tear));
    assert_eq!((r.band, r.next_step), (Band::Ready, NextStep::SurgicalConsult));
    let r = eval(&case(
        "shoulder",
        "2026-01-10",
        "",
        &mri("2026-01-05", "tendon-tear-full", "severe"),
    ));
    assert_eq!(r.band, Band::Approaching);
}

#[test]
fn ready_needs_imaging_on_file() {
    // severe entrapment on a nerve study is imaging in the wrist
    let ncs = workup(
        "2026-01-20",
        "ncs",
        "lesion = \"nerve-entrapment\"\nseverity = \"severe\"",
    );
    assert_eq!(
        eval(&case("wrist-hand", "", "pain_quality = [\"tingling\"]", &ncs)).band,
        Band::Ready
    );
    // in the shoulder it is no imaging: a lesion it shows is an indication,
    // so approaching, never ready
    let r = eval(&case("shoulder", "", "pain_quality = [\"tingling\"]", &ncs));
    assert_eq!(st(&r, CriterionId::ImagingOnFile), Status::NotMet);
    assert_eq!(st(&r, CriterionId::Entrapment), Status::NotApplicable);
    assert_eq!(r.band, Band::Approaching);
}

#[test]
fn approaching_by_an_indication_or_failure_with_a_lesion_to_come() {
    // an indication without failure
    let r = eval(&case(
        "lumbar",
        "",
        "",
        &workup("2026-01-20", "flexion-extension-xray", "instability = true"),
    ));
    assert_eq!(r.band, Band::Approaching);
    // failure with imaging still to come (structural lesion unknown)
    let r = ready_with("lumbar", "", "");
    assert_eq!(st(&r, CriterionId::StructuralLesion), Status::Unknown);
    assert_eq!(r.band, Band::Approaching);
    // failure with a target on file that meets nothing
    let r = ready_with("knee", "", &mri("2026-01-20", "meniscus-tear", "moderate"));
    assert_eq!(r.band, Band::Approaching);
    // failure, imaging showing no target: not ready
    let r = ready_with("lumbar", "", &mri("2026-01-20", "disc-bulge", "mild"));
    assert_eq!(r.band, Band::NotReady);
}

#[test]
fn not_ready_otherwise() {
    assert_eq!(eval(&case("lumbar", "", "", "")).band, Band::NotReady);
}

#[test]
fn score_rounds_halves_up_and_clamps_at_0() {
    // 9.5 weeks of failure: 40 × 9.5 / 12 = 31.67; + PT 5 = 36.67 → 37; − 5 → 32
    let body = format!(
        "{PT}{}{}",
        assessment("2026-01-01", "pain = 7"),
        assessment("2026-03-08", "pain = 7")
    );
    let r = eval(&case("lumbar", "", "", &body));
    let sum: f64 = r.criteria.iter().map(|c| c.points).sum::<f64>() - 5.0 * r.confounders.len() as f64;
    assert_eq!(f64::from(r.score), (sum + 0.5).floor());
    // a half rounds up: PT documented worth 5.5 alone scores 6
    let mut p = Profile::builtin();
    p.points.pt_documented = 5.5;
    p.points.conservative_failure = 0.0;
    p.points.confounder = 0.0;
    assert_eq!(with(&case("lumbar", "", "", PT), &p).score, 6);
    // clamped at 0
    let mut p = Profile::builtin();
    p.points.confounder = 50.0;
    assert_eq!(
        with(
            &case(
                "lumbar",
                "",
                "",
                "[lifestyle]\nsleep = \"poor\"\nnutrition = \"poor\"\n"
            ),
            &p
        )
        .score,
        0
    );
}

#[test]
fn band_words_and_badges() {
    assert_eq!(Band::ALL.len(), 6);
    assert_eq!(Band::Emergency.as_str(), "emergency");
    assert_eq!(Band::Emergency.short(), "EMR");
    let shorts: std::collections::BTreeSet<&str> = Band::ALL.iter().map(|b| b.short()).collect();
    assert_eq!(shorts.len(), 6);
    assert_eq!(NextStep::PainMedicine.as_str(), "pain-medicine");
    assert_eq!(NextStep::EmergencyReferral.label(), "emergency referral");
    assert_eq!(CautionId::ALL.len(), 7);
    assert_eq!(ConfounderId::Psychosocial.as_str(), "psychosocial");
}
