//! Red flags and progressive deficit: met means urgent.

use super::*;

#[test]
fn red_flags_met_make_the_case_urgent() {
    let c = case(
        "lumbar",
        "2026-03-01",
        "",
        &format!(
            "{PT}{}{}",
            assessment("2026-01-01", "pain = 6"),
            assessment(
                "2026-02-20",
                "pain = 6\nred_flags = [\"saddle-anesthesia\", \"bladder-dysfunction\"]"
            )
        ),
    );
    let r = eval(&c);
    let rf = at(&r, CriterionId::RedFlags);
    assert_eq!(rf.status, Status::Met);
    assert_eq!(rf.detail, "saddle-anesthesia and bladder-dysfunction on 2026-02-20");
    assert_eq!(rf.evidence, [ev(EventKind::Assessment, 1)]);
    assert_eq!(rf.points, 0.0);
    assert_eq!(
        (r.band, r.score, r.next_step),
        (Band::Urgent, 100, NextStep::UrgentReferral)
    );
    assert!(
        r.next_step_reason
            .starts_with("red flags (saddle-anesthesia and bladder-dysfunction on 2026-02-20)"),
        "{}",
        r.next_step_reason
    );
}

#[test]
fn red_flags_not_met_say_how_many_assessments_were_read() {
    let r = eval(&example());
    let rf = at(&r, CriterionId::RedFlags);
    assert_eq!(rf.status, Status::NotMet);
    assert_eq!(rf.detail, "none recorded in 2 assessments");
}

#[test]
fn a_lower_grade_later_is_a_progressive_deficit_whatever_the_case_of_the_name() {
    let c = case(
        "lumbar",
        "",
        "",
        &format!(
            "{}{}",
            assessment("2026-03-01", "strength = { \"ankle dorsiflexion\" = 5 }"),
            assessment("2026-04-10", "strength = { \" Ankle Dorsiflexion \" = 4 }")
        ),
    );
    let r = eval(&c);
    let pd = at(&r, CriterionId::ProgressiveDeficit);
    assert_eq!(pd.status, Status::Met);
    assert_eq!(pd.detail, "ankle dorsiflexion 5 → 4 (2026-03-01 → 2026-04-10)");
    assert_eq!(
        pd.evidence,
        [ev(EventKind::Assessment, 0), ev(EventKind::Assessment, 1)]
    );
    assert_eq!(
        (r.band, r.score, r.next_step),
        (Band::Urgent, 100, NextStep::UrgentReferral)
    );
    assert!(
        r.next_step_reason
            .contains("progressive deficit (ankle dorsiflexion 5 → 4")
    );
}

#[test]
fn new_numbness_after_a_recorded_none_is_a_progressive_deficit() {
    let c = case(
        "lumbar",
        "",
        "",
        &format!(
            "{}{}",
            assessment("2026-03-01", "numbness = []"),
            assessment("2026-04-10", "numbness = [\"L5 dermatome\"]")
        ),
    );
    let r = eval(&c);
    let pd = at(&r, CriterionId::ProgressiveDeficit);
    assert_eq!(pd.status, Status::Met);
    assert_eq!(pd.detail, "new numbness: L5 dermatome (2026-03-01 → 2026-04-10)");
    assert_eq!(r.band, Band::Urgent);
}

#[test]
fn the_same_numb_area_written_differently_is_not_new() {
    let c = case(
        "lumbar",
        "",
        "",
        &format!(
            "{}{}",
            assessment("2026-03-01", "numbness = [\"L5 dermatome\"]"),
            assessment("2026-04-10", "numbness = [\" l5 DERMATOME \"]")
        ),
    );
    let pd = at(&eval(&c), CriterionId::ProgressiveDeficit).clone();
    assert_eq!(pd.status, Status::NotMet);
    assert_eq!(pd.detail, "no new numbness across 2 assessments");
}

#[test]
fn stronger_is_not_a_deficit_but_weaker_after_stronger_is() {
    let steady = case(
        "cervical",
        "",
        "",
        &format!(
            "{}{}",
            assessment("2026-03-01", "strength = { \"elbow flexion\" = 4 }"),
            assessment("2026-04-10", "strength = { \"elbow flexion\" = 5 }")
        ),
    );
    let pd = at(&eval(&steady), CriterionId::ProgressiveDeficit).clone();
    assert_eq!(pd.status, Status::NotMet);
    assert_eq!(pd.detail, "no muscle weaker (elbow flexion 4 → 5)");
    let relapse = case(
        "cervical",
        "",
        "",
        &format!(
            "{}{}{}",
            assessment("2026-03-01", "strength = { \"elbow flexion\" = 4 }"),
            assessment("2026-04-10", "strength = { \"elbow flexion\" = 5 }"),
            assessment("2026-04-20", "strength = { \"elbow flexion\" = 4 }")
        ),
    );
    let pd = at(&eval(&relapse), CriterionId::ProgressiveDeficit).clone();
    assert_eq!(pd.status, Status::Met);
    assert_eq!(pd.detail, "elbow flexion 5 → 4 (2026-04-10 → 2026-04-20)");
}

#[test]
fn progressive_deficit_is_unknown_without_two_gradings_or_two_numbness_records() {
    let r = eval(&example());
    let pd = at(&r, CriterionId::ProgressiveDeficit);
    assert_eq!(pd.status, Status::Unknown);
    assert!(pd.detail.starts_with("no muscle graded twice"), "{}", pd.detail);
    // a same-day grading later in the file is still "later"
    let same_day = case(
        "lumbar",
        "",
        "",
        &format!(
            "{}{}",
            assessment("2026-03-01", "strength = { \"hip flexion\" = 5 }"),
            assessment("2026-03-01", "strength = { \"hip flexion\" = 3 }")
        ),
    );
    assert_eq!(
        at(&eval(&same_day), CriterionId::ProgressiveDeficit).status,
        Status::Met
    );
}

#[test]
fn a_deficit_after_as_of_is_ignored() {
    let c = case(
        "lumbar",
        "2026-04-09",
        "",
        &format!(
            "{}{}",
            assessment("2026-03-01", "strength = { \"ankle dorsiflexion\" = 5 }"),
            assessment(
                "2026-04-10",
                "strength = { \"ankle dorsiflexion\" = 3 }\nred_flags = [\"gait-disturbance\"]"
            )
        ),
    );
    let r = eval(&c);
    assert_eq!(at(&r, CriterionId::ProgressiveDeficit).status, Status::Unknown);
    assert_eq!(at(&r, CriterionId::RedFlags).status, Status::NotMet);
    assert_ne!(r.band, Band::Urgent);
}
