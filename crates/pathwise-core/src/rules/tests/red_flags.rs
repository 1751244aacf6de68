//! Criterion 1 `red-flags` and the red-flag table: every category, the
//! latest screen, the 6-week window.

use super::*;
use crate::rules::red_flags::Category;

/// A lumbar case with assessments (date, red_flags line) and `as_of`.
fn screened(as_of: &str, screens: &[(&str, &str)]) -> Readiness {
    let body: String = screens.iter().map(|(d, f)| assessment(d, f)).collect();
    eval(&case("lumbar", as_of, "", &body))
}

#[test]
fn each_word_has_its_category_and_urgency() {
    let want = [
        ("saddle-anesthesia", Category::CaudaEquina, true),
        ("Bladder-Dysfunction ", Category::CaudaEquina, true),
        ("bowel-dysfunction", Category::CaudaEquina, true),
        ("bilateral-sciatica", Category::CaudaEquina, true),
        ("sexual-dysfunction", Category::CaudaEquina, true),
        ("neurovascular-compromise", Category::LimbThreat, true),
        ("compartment-syndrome", Category::LimbThreat, true),
        ("septic-joint", Category::LimbThreat, true),
        ("bilateral-weakness", Category::Cord, false),
        ("gait-disturbance", Category::Cord, false),
        ("hand-clumsiness", Category::Cord, false),
        ("fever", Category::Infection, false),
        ("iv-drug-use", Category::Infection, false),
        ("immunosuppression", Category::Infection, false),
        ("recent-infection", Category::Infection, false),
        ("cancer-history", Category::Malignancy, false),
        ("weight-loss", Category::Malignancy, false),
        ("night-pain", Category::Malignancy, false),
        ("major-trauma", Category::Fracture, false),
        ("osteoporosis", Category::Fracture, false),
        ("long-term-steroids", Category::Fracture, false),
        ("locked-joint", Category::Mechanical, false),
        ("unexplained-bruising", Category::Other, false),
    ];
    for (word, category, emergency) in want {
        assert_eq!(Category::of(word), category, "{word}");
        assert_eq!(category.is_emergency(), emergency, "{word}");
    }
}

#[test]
fn a_flag_of_each_category_meets_red_flags_with_its_band() {
    let cases = [
        ("saddle-anesthesia", Band::Emergency, NextStep::EmergencyReferral),
        ("compartment-syndrome", Band::Emergency, NextStep::EmergencyReferral),
        ("gait-disturbance", Band::Urgent, NextStep::UrgentReferral),
        ("fever", Band::Urgent, NextStep::UrgentReferral),
        ("weight-loss", Band::Urgent, NextStep::UrgentReferral),
        ("osteoporosis", Band::Urgent, NextStep::UrgentReferral),
        ("locked-joint", Band::Urgent, NextStep::UrgentReferral),
        ("tingling-groin", Band::Urgent, NextStep::UrgentReferral),
    ];
    for (word, band, step) in cases {
        let r = screened("", &[("2026-02-01", &format!("red_flags = [\"{word}\"]"))]);
        assert_eq!(st(&r, CriterionId::RedFlags), Status::Met, "{word}");
        assert_eq!((r.band, r.next_step, r.score), (band, step, 100), "{word}");
        assert!(at(&r, CriterionId::RedFlags).detail.contains(word), "{word}");
    }
}

#[test]
fn an_empty_screen_exactly_6_weeks_old_is_not_met_43_days_is_unknown() {
    let r = screened("2026-02-12", &[("2026-01-01", "red_flags = []")]);
    assert_eq!(st(&r, CriterionId::RedFlags), Status::NotMet);
    assert!(!r.has_caution(CautionId::RedFlagsNotScreened));
    let r = screened("2026-02-13", &[("2026-01-01", "red_flags = []")]);
    assert_eq!(st(&r, CriterionId::RedFlags), Status::Unknown);
    assert!(r.has_caution(CautionId::RedFlagsNotScreened));
}

#[test]
fn no_screen_is_unknown_not_no_red_flags() {
    let r = screened("", &[("2026-02-01", "pain = 5")]);
    assert_eq!(st(&r, CriterionId::RedFlags), Status::Unknown);
    assert_eq!(at(&r, CriterionId::RedFlags).detail, "no red-flag screen on file");
    let r = eval(&case("lumbar", "2026-02-01", "", ""));
    assert_eq!(st(&r, CriterionId::RedFlags), Status::Unknown);
}

#[test]
fn a_flag_a_later_screen_no_longer_lists_has_resolved() {
    let r = screened(
        "",
        &[
            ("2026-01-10", "red_flags = [\"fever\"]"),
            ("2026-02-01", "red_flags = []"),
        ],
    );
    assert_eq!(st(&r, CriterionId::RedFlags), Status::NotMet);
    assert_eq!(r.band, Band::NotReady);
    // an assessment without the key is no screen: the flag stands
    let r = screened(
        "",
        &[("2026-01-10", "red_flags = [\"fever\"]"), ("2026-02-01", "pain = 4")],
    );
    assert_eq!(st(&r, CriterionId::RedFlags), Status::Met);
}

#[test]
fn a_flag_on_an_old_screen_still_counts() {
    let r = screened("2026-12-01", &[("2026-01-10", "red_flags = [\"cancer-history\"]")]);
    assert_eq!(st(&r, CriterionId::RedFlags), Status::Met);
}

#[test]
fn an_emergency_word_beside_an_urgent_one_is_an_emergency() {
    let r = screened("", &[("2026-02-01", "red_flags = [\"fever\", \"saddle-anesthesia\"]")]);
    assert_eq!(r.band, Band::Emergency);
    assert!(
        r.next_step_reason.contains("same-day emergency assessment"),
        "{}",
        r.next_step_reason
    );
}
