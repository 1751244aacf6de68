//! The confounders table: each row present and absent; 5 points each.

use super::*;

fn has(r: &Readiness, id: ConfounderId) -> bool {
    r.has_confounder(id)
}

#[test]
fn low_adherence_from_known_adherence_or_attendance_with_barriers() {
    let low = PT.replace(
        "hep_adherence = \"good\"",
        "hep_adherence = \"none\"\nbarriers = [\"time\", \"distance\"]",
    );
    assert!(!has(&eval(&failed("", "")), ConfounderId::LowAdherence));
    let r = eval(&case(
        "lumbar",
        "",
        "",
        &format!("{low}{}", assessment("2026-03-01", "pain = 5")),
    ));
    let c = r
        .confounders
        .iter()
        .find(|c| c.id == ConfounderId::LowAdherence)
        .map(|c| c.detail.clone())
        .unwrap_or_default();
    assert!(
        c.contains("home exercise adherence none") && c.contains("barriers: time, distance"),
        "{c}"
    );
    let few = PT.replace("sessions_attended = 12", "sessions_attended = 5");
    assert!(has(&eval(&case("lumbar", "", "", &few)), ConfounderId::LowAdherence));
    // an ongoing course's attendance does not count yet
    let ongoing = "[[pt]]\nstart = 2026-01-01\nsessions_planned = 12\nsessions_attended = 2\n";
    assert!(!has(
        &eval(&case("lumbar", "2026-02-01", "", ongoing)),
        ConfounderId::LowAdherence
    ));
}

#[test]
fn lifestyle_when_sleep_or_nutrition_is_poor() {
    let r = eval(&case("lumbar", "", "", "[lifestyle]\nsleep = \"poor\"\n"));
    assert!(has(&r, ConfounderId::Lifestyle));
    let r = eval(&case(
        "lumbar",
        "",
        "",
        "[lifestyle]\nnutrition = \"poor\"\nsleep = \"good\"\n",
    ));
    assert!(has(&r, ConfounderId::Lifestyle));
    let r = eval(&case(
        "lumbar",
        "",
        "",
        "[lifestyle]\nsleep = \"fair\"\nsmoking = true\n",
    ));
    assert!(!has(&r, ConfounderId::Lifestyle));
}

#[test]
fn plan_mismatch_for_a_passive_plan_without_a_good_response() {
    let passive = PT.replace("modalities = [\"exercise\"]", "modalities = [\"heat\", \"ultrasound\"]");
    assert!(has(
        &eval(&case("lumbar", "", "", &passive)),
        ConfounderId::PlanMismatch
    ));
    let helped = passive.replace("response = \"none\"", "response = \"good\"");
    assert!(!has(
        &eval(&case("lumbar", "", "", &helped)),
        ConfounderId::PlanMismatch
    ));
    // a pending good response is no evidence: still a mismatch
    assert!(has(
        &eval_as_of(&case("lumbar", "", "", &helped), "2026-02-01"),
        ConfounderId::PlanMismatch
    ));
    let mixed = PT.replace("modalities = [\"exercise\"]", "modalities = [\"heat\", \"education\"]");
    assert!(!has(&eval(&case("lumbar", "", "", &mixed)), ConfounderId::PlanMismatch));
}

#[test]
fn psychosocial_risk_from_start_back_or_yellow_flags() {
    let psy = |lines: &str| eval(&case("lumbar", "", "", &format!("[psychosocial]\n{lines}\n")));
    assert!(has(
        &psy("start_back_total = 6\nstart_back_psychosocial = 4"),
        ConfounderId::Psychosocial
    ));
    assert!(!has(
        &psy("start_back_total = 6\nstart_back_psychosocial = 3"),
        ConfounderId::Psychosocial
    ));
    assert!(has(&psy("fear_avoidance = true"), ConfounderId::Psychosocial));
    assert!(has(&psy("catastrophizing = true"), ConfounderId::Psychosocial));
    assert!(!has(&psy("catastrophizing = false"), ConfounderId::Psychosocial));
}

#[test]
fn diagnosis_unconfirmed_after_no_response_without_imaging_or_a_revised_diagnosis() {
    let r = eval(&failed("", ""));
    assert!(has(&r, ConfounderId::DiagnosisUnconfirmed));
    assert!(!has(
        &eval(&failed("", &workup("2026-02-01", "mri", ""))),
        ConfounderId::DiagnosisUnconfirmed
    ));
    assert!(!has(
        &eval(&failed("", &workup("2026-02-01", "emg", ""))),
        ConfounderId::DiagnosisUnconfirmed
    ));
    let revised = "working_diagnosis = \"SI joint pain\"\ndiagnosis_revised_on = 2026-02-01";
    assert!(!has(&eval(&failed(revised, "")), ConfounderId::DiagnosisUnconfirmed));
    // a revision after period end does not count yet
    let c = failed(
        "working_diagnosis = \"SI joint pain\"\ndiagnosis_revised_on = 2026-03-01",
        "",
    );
    assert!(has(&eval_as_of(&c, "2026-02-28"), ConfounderId::DiagnosisUnconfirmed));
}

#[test]
fn neuropathic_untreated_by_region_and_profile() {
    let burning = "pain_quality = [\"burning\"]";
    assert!(has(&eval(&failed(burning, "")), ConfounderId::NeuropathicUntreated));
    let gaba = med("2026-01-10", "gabapentin", "");
    assert!(!has(&eval(&failed(burning, &gaba)), ConfounderId::NeuropathicUntreated));
    let nice = Profile::shipped("nice-ng59").expect("shipped");
    assert!(!with(&failed(burning, ""), &nice).has_confounder(ConfounderId::NeuropathicUntreated));
    let c = case("cervical", "", burning, PT);
    assert!(with(&c, &nice).has_confounder(ConfounderId::NeuropathicUntreated));
}

#[test]
fn each_confounder_costs_5_points() {
    let plain = eval(&failed("", &workup("2026-02-01", "mri", "")));
    let poor = eval(&failed(
        "",
        &format!("{}[lifestyle]\nsleep = \"poor\"\n", workup("2026-02-01", "mri", "")),
    ));
    assert_eq!(plain.score - poor.score, 5);
}
