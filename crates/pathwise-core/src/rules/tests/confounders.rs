//! The five confounders, their details and their cost.

use super::*;

/// A PT course from 2026-01-01 with `keys`, two assessments (pain 6, 6
/// over twelve weeks), and `rest`.
fn with_pt(presentation: &str, keys: &str, rest: &str) -> Readiness {
    let c = case(
        "lumbar",
        "",
        presentation,
        &format!(
            "[[pt]]\nstart = 2026-01-01\n{keys}\n{rest}{}{}",
            assessment("2026-01-01", "pain = 6"),
            assessment("2026-03-26", "pain = 6")
        ),
    );
    eval(&c)
}

fn find(r: &Readiness, id: ConfounderId) -> Option<&Confounder> {
    r.confounders.iter().find(|c| c.id == id)
}

const ENDED: &str = "end = 2026-02-12\nsessions_planned = 12\nresponse = \"none\"\nmodalities = [\"exercise\"]";

#[test]
fn low_attendance_of_an_ended_course_is_low_adherence_and_costs_five_points() {
    let low = with_pt(
        "",
        &format!("{ENDED}\nsessions_attended = 5\nbarriers = [\"time\", \"cost\"]"),
        "",
    );
    let c = find(&low, ConfounderId::LowAdherence).expect("low adherence");
    assert_eq!(c.detail, "attended 5 of 12 sessions; barriers: time, cost");
    assert_eq!(c.evidence, [ev(EventKind::Pt, 0)]);
    let full = with_pt("", &format!("{ENDED}\nsessions_attended = 12"), "");
    assert!(find(&full, ConfounderId::LowAdherence).is_none());
    assert_eq!(full.score - low.score, 5);
}

#[test]
fn attendance_exactly_at_the_threshold_is_not_low() {
    let at_threshold = with_pt("", "end = 2026-02-12\nsessions_planned = 10\nsessions_attended = 7", "");
    assert!(!at_threshold.has_confounder(ConfounderId::LowAdherence));
    let below = with_pt("", "end = 2026-02-12\nsessions_planned = 10\nsessions_attended = 6", "");
    assert!(below.has_confounder(ConfounderId::LowAdherence));
}

#[test]
fn attendance_counts_only_once_the_course_has_ended() {
    let c = case(
        "lumbar",
        "2026-02-11",
        "",
        &format!(
            "[[pt]]\nstart = 2026-01-01\nend = 2026-02-12\nsessions_planned = 12\nsessions_attended = 3\n{}",
            assessment("2026-01-01", "pain = 6")
        ),
    );
    assert!(!eval(&c).has_confounder(ConfounderId::LowAdherence));
}

#[test]
fn poor_home_exercise_adherence_is_low_adherence() {
    let r = with_pt("", "hep_adherence = \"low\"", "");
    let c = find(&r, ConfounderId::LowAdherence).expect("low adherence");
    assert_eq!(c.detail, "home exercise adherence low");
    let r = with_pt("", "hep_adherence = \"partial\"", "");
    assert!(!r.has_confounder(ConfounderId::LowAdherence));
}

#[test]
fn poor_sleep_or_nutrition_is_lifestyle() {
    let r = with_pt(
        "",
        "",
        "[lifestyle]\nsleep = \"poor\"\nnutrition = \"fair\"\nnote = \"night shifts\"\n",
    );
    let c = find(&r, ConfounderId::Lifestyle).expect("lifestyle");
    assert_eq!(c.detail, "poor sleep (night shifts)");
    assert!(c.evidence.is_empty());
    let r = with_pt("", "", "[lifestyle]\nsleep = \"fair\"\nsmoking = true\n");
    assert!(!r.has_confounder(ConfounderId::Lifestyle));
}

#[test]
fn passive_modalities_only_without_a_good_response_is_plan_mismatch() {
    let r = with_pt("", "modalities = [\"heat\", \"tens\"]\nresponse = \"none\"", "");
    let c = find(&r, ConfounderId::PlanMismatch).expect("plan mismatch");
    assert_eq!(c.detail, "passive modalities only (heat, tens), response none");
    let r = with_pt("", "modalities = [\"ultrasound\"]", "");
    let c = find(&r, ConfounderId::PlanMismatch).expect("plan mismatch");
    assert_eq!(c.detail, "passive modalities only (ultrasound), response not recorded");
    let active = with_pt("", "modalities = [\"heat\", \"exercise\"]\nresponse = \"none\"", "");
    assert!(!active.has_confounder(ConfounderId::PlanMismatch));
    let helped = with_pt("", "modalities = [\"heat\"]\nresponse = \"good\"", "");
    assert!(!helped.has_confounder(ConfounderId::PlanMismatch));
    let unlisted = with_pt("", "response = \"none\"", "");
    assert!(!unlisted.has_confounder(ConfounderId::PlanMismatch));
}

#[test]
fn a_failed_course_without_imaging_or_revision_is_diagnosis_unconfirmed() {
    let r = with_pt("", "response = \"worse\"", "");
    let c = find(&r, ConfounderId::DiagnosisUnconfirmed).expect("diagnosis unconfirmed");
    assert_eq!(
        c.detail,
        "PT response worse, no advanced imaging or nerve study, and the diagnosis is still the initial \"Lumbar strain\""
    );
    assert_eq!(c.evidence, [ev(EventKind::Pt, 0)]);
    // an X-ray is not advanced imaging
    let xray = "[[workup]]\ndate = 2026-02-01\ntest = \"xray\"\nfindings = \"normal\"\n";
    assert!(with_pt("", "response = \"none\"", xray).has_confounder(ConfounderId::DiagnosisUnconfirmed));
    let mri = xray.replace("xray", "mri");
    assert!(!with_pt("", "response = \"none\"", &mri).has_confounder(ConfounderId::DiagnosisUnconfirmed));
    let partial = with_pt("", "response = \"partial\"", "");
    assert!(!partial.has_confounder(ConfounderId::DiagnosisUnconfirmed));
}

#[test]
fn a_working_diagnosis_counts_only_once_revised() {
    let revised = |on: &str| {
        with_pt(
            &format!("working_diagnosis = \"L5 radiculopathy\"\ndiagnosis_revised_on = {on}"),
            "response = \"none\"",
            "",
        )
    };
    assert!(!revised("2026-02-01").has_confounder(ConfounderId::DiagnosisUnconfirmed));
    // as_of is 2026-03-26: a revision after it is not in play
    let c = case(
        "lumbar",
        "2026-03-26",
        "working_diagnosis = \"L5 radiculopathy\"\ndiagnosis_revised_on = 2026-04-01",
        &format!(
            "[[pt]]\nstart = 2026-01-01\nresponse = \"none\"\n{}",
            assessment("2026-01-01", "pain = 6")
        ),
    );
    assert!(eval(&c).has_confounder(ConfounderId::DiagnosisUnconfirmed));
}

#[test]
fn diagnosis_unconfirmed_reads_the_latest_course_only() {
    let r = with_pt(
        "",
        "response = \"none\"",
        "[[pt]]\nstart = 2026-02-15\nresponse = \"good\"\n",
    );
    assert!(!r.has_confounder(ConfounderId::DiagnosisUnconfirmed));
}

#[test]
fn neuropathic_features_without_a_neuropathic_agent_are_untreated() {
    let ibuprofen = "[[medication]]\nstart = 2026-01-05\ndrug = \"ibuprofen\"\n";
    let r = with_pt("pain_quality = [\"aching\", \"tingling\"]", "", ibuprofen);
    let c = find(&r, ConfounderId::NeuropathicUntreated).expect("neuropathic untreated");
    assert_eq!(
        c.detail,
        "tingling pain; no anticonvulsant, SNRI or TCA tried (tried: ibuprofen)"
    );
    let gabapentin = "[[medication]]\nstart = 2026-01-05\ndrug = \"gabapentin\"\n";
    let r = with_pt("pain_quality = [\"tingling\"]", "", gabapentin);
    assert!(!r.has_confounder(ConfounderId::NeuropathicUntreated));
    let r = with_pt("pain_quality = [\"aching\"]", "", "");
    assert!(!r.has_confounder(ConfounderId::NeuropathicUntreated));
}

#[test]
fn confounders_come_in_table_order_and_the_score_floors_at_zero() {
    let r = with_pt(
        "pain_quality = [\"burning\"]",
        "hep_adherence = \"none\"\nmodalities = [\"heat\"]\nresponse = \"none\"",
        "[lifestyle]\nnutrition = \"poor\"\n",
    );
    let ids: Vec<ConfounderId> = r.confounders.iter().map(|c| c.id).collect();
    assert_eq!(ids, ConfounderId::ALL);
    // 40 for twelve weeks of failure, minus 5 × 5
    assert_eq!(r.score, 15);
    let c = case(
        "lumbar",
        "",
        "pain_quality = [\"burning\"]",
        "[[pt]]\nstart = 2026-01-01\nhep_adherence = \"none\"\nmodalities = [\"heat\"]\nresponse = \"none\"\n\
         [lifestyle]\nnutrition = \"poor\"\n",
    );
    let r = eval(&c);
    assert_eq!(r.confounders.len(), 5);
    assert_eq!(r.score, 0);
}

#[test]
fn confounders_reach_json_with_their_evidence_labels() {
    let c = case(
        "lumbar",
        "",
        "",
        &format!(
            "[[pt]]\nstart = 2026-01-01\nend = 2026-02-12\nsessions_planned = 12\nsessions_attended = 5\n\
             barriers = [\"time\", \"cost\"]\n[[pt]]\nstart = 2026-02-13\nhep_adherence = \"none\"\n{}",
            assessment("2026-01-01", "pain = 6")
        ),
    );
    let r = eval(&c);
    let v = to_json(&c, &r);
    assert_eq!(
        v["confounders"],
        serde_json::json!([{
            "id": "low-adherence",
            "detail": "PT from 2026-01-01 to 2026-02-12: attended 5 of 12 sessions; barriers: time, cost. \
                       PT from 2026-02-13 (ongoing): home exercise adherence none",
            "evidence": ["2026-01-01 pt", "2026-02-13 pt"]
        }])
    );
    assert_eq!(r.next_step, NextStep::ReEvaluatePt);
}
