//! Criteria 2 `progressive-deficit` and 3 `severe-weakness`: confirmed,
//! non-recovered drops, new numbness, mJOA decline; dense weakness.

use super::*;

/// A lumbar case with assessments (date, body).
fn assessed(region: &str, rows: &[(&str, &str)]) -> Readiness {
    let body: String = rows.iter().map(|(d, b)| assessment(d, b)).collect();
    eval(&case(region, "", "", &body))
}

fn grades(region: &str, gs: &[u8]) -> Readiness {
    let dates = ["2026-01-05", "2026-02-02", "2026-03-02", "2026-03-16"];
    let rows: Vec<(&str, String)> = gs
        .iter()
        .zip(dates)
        .map(|(g, d)| (d, format!("strength = {{ \"Ankle dorsiflexion \" = {g} }}")))
        .collect();
    let rows: Vec<(&str, &str)> = rows.iter().map(|(d, b)| (*d, b.as_str())).collect();
    assessed(region, &rows)
}

#[test]
fn strength_5_4_5_recovered_is_not_met() {
    let r = grades("lumbar", &[5, 4, 5]);
    assert_eq!(st(&r, CriterionId::ProgressiveDeficit), Status::NotMet);
    assert!(!r.has_caution(CautionId::RecheckStrength));
    assert_ne!(r.band, Band::Urgent);
}

#[test]
fn strength_5_4_4_confirmed_is_met_and_urgent() {
    let r = grades("lumbar", &[5, 4, 4]);
    assert_eq!(st(&r, CriterionId::ProgressiveDeficit), Status::Met);
    assert_eq!(
        (r.band, r.score, r.next_step),
        (Band::Urgent, 100, NextStep::UrgentReferral)
    );
    assert!(
        r.next_step_reason.contains("urgent surgical referral"),
        "{}",
        r.next_step_reason
    );
}

#[test]
fn strength_5_5_4_unconfirmed_is_unknown_with_a_recheck_caution() {
    let r = grades("lumbar", &[5, 5, 4]);
    let c = at(&r, CriterionId::ProgressiveDeficit);
    assert_eq!(c.status, Status::Unknown);
    assert!(c.detail.contains("re-examine strength within 2 weeks"), "{}", c.detail);
    assert!(r.has_caution(CautionId::RecheckStrength));
    let caution = r
        .cautions
        .iter()
        .find(|c| c.id == CautionId::RecheckStrength)
        .map(|c| c.detail.clone());
    let caution = caution.unwrap_or_default();
    assert!(
        caution.contains("Ankle dorsiflexion") && caution.contains("re-examine within 2 weeks"),
        "{caution}"
    );
    assert_ne!(r.band, Band::Urgent);
}

#[test]
fn a_single_drop_of_two_grades_or_to_3_is_confirmed() {
    assert_eq!(
        st(&grades("lumbar", &[5, 3]), CriterionId::ProgressiveDeficit),
        Status::Met
    );
    assert_eq!(
        st(&grades("lumbar", &[4, 3]), CriterionId::ProgressiveDeficit),
        Status::Met
    );
    assert_eq!(
        st(&grades("lumbar", &[5, 4]), CriterionId::ProgressiveDeficit),
        Status::Unknown
    );
}

#[test]
fn a_partial_recovery_is_no_drop() {
    // 5 → 3 → 4: the latest is higher than an earlier grade
    let r = grades("lumbar", &[5, 3, 4]);
    assert_eq!(st(&r, CriterionId::ProgressiveDeficit), Status::NotMet);
}

#[test]
fn numbness_in_a_new_area_is_met_numbness_that_returns_is_not() {
    let r = assessed(
        "lumbar",
        &[
            ("2026-01-05", "numbness = []"),
            ("2026-02-02", "numbness = [\"L5 dermatome\"]"),
        ],
    );
    assert_eq!(st(&r, CriterionId::ProgressiveDeficit), Status::Met);
    let r = assessed(
        "lumbar",
        &[
            ("2026-01-05", "numbness = [\"L5 dermatome\"]"),
            ("2026-02-02", "numbness = []"),
            ("2026-03-02", "numbness = [\" l5 DERMATOME\"]"),
        ],
    );
    assert_eq!(st(&r, CriterionId::ProgressiveDeficit), Status::NotMet);
    // one assessment recording numbness: nothing earlier to compare
    let r = assessed("lumbar", &[("2026-01-05", "numbness = [\"L5 dermatome\"]")]);
    assert_eq!(st(&r, CriterionId::ProgressiveDeficit), Status::Unknown);
}

#[test]
fn mjoa_falling_exactly_2_is_met_falling_1_is_not() {
    let r = assessed("cervical", &[("2026-01-05", "mjoa = 16"), ("2026-02-02", "mjoa = 14")]);
    assert_eq!(st(&r, CriterionId::ProgressiveDeficit), Status::Met);
    assert_eq!(r.band, Band::Urgent);
    let r = assessed("cervical", &[("2026-01-05", "mjoa = 16"), ("2026-02-02", "mjoa = 15")]);
    assert_eq!(st(&r, CriterionId::ProgressiveDeficit), Status::NotMet);
}

#[test]
fn nothing_graded_twice_is_unknown() {
    let r = assessed(
        "lumbar",
        &[("2026-01-05", "strength = { hip = 4 }"), ("2026-02-02", "pain = 3")],
    );
    assert_eq!(st(&r, CriterionId::ProgressiveDeficit), Status::Unknown);
    assert!(!r.has_caution(CautionId::RecheckStrength));
}

#[test]
fn severe_weakness_rows() {
    // met: a latest grade of 2 or less in the spine, urgent
    let r = grades("lumbar", &[2]);
    assert_eq!(st(&r, CriterionId::SevereWeakness), Status::Met);
    assert_eq!((r.band, r.score), (Band::Urgent, 100));
    // not met at 3
    assert_eq!(st(&grades("lumbar", &[3]), CriterionId::SevereWeakness), Status::NotMet);
    // the latest grade counts: 2 → 4 recovered
    assert_eq!(
        st(&grades("cervical", &[2, 4]), CriterionId::SevereWeakness),
        Status::NotMet
    );
    // unknown with no strength graded
    let r = assessed("thoracic", &[("2026-01-05", "pain = 5")]);
    assert_eq!(st(&r, CriterionId::SevereWeakness), Status::Unknown);
    // not applicable outside the spine
    assert_eq!(
        st(&grades("knee", &[1]), CriterionId::SevereWeakness),
        Status::NotApplicable
    );
}
