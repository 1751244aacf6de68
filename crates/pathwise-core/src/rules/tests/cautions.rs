//! The cautions table: each row; none changes the score, band or next step.

use super::*;

fn ids(r: &Readiness) -> Vec<CautionId> {
    r.cautions.iter().map(|c| c.id).collect()
}

#[test]
fn red_flags_not_screened_when_red_flags_is_unknown() {
    assert_eq!(ids(&eval(&example())), [CautionId::RedFlagsNotScreened]);
    let screened = EXAMPLE.replace(
        "strength = { \"ankle dorsiflexion\" = 5 }",
        "strength = { \"ankle dorsiflexion\" = 5 }\nred_flags = []",
    );
    assert!(ids(&eval(&parse(&screened))).is_empty());
}

#[test]
fn recheck_strength_for_an_unconfirmed_drop() {
    let rows: String = [("2026-01-05", 5), ("2026-02-02", 5), ("2026-03-02", 4)]
        .iter()
        .map(|(d, g)| assessment(d, &format!("strength = {{ \"EHL\" = {g} }}\nred_flags = []")))
        .collect();
    let r = eval(&case("lumbar", "", "", &rows));
    assert_eq!(ids(&r), [CautionId::RecheckStrength]);
    assert_eq!(r.cautions[0].evidence.len(), 3);
}

#[test]
fn smoking_glycaemic_control_high_bmi_and_anticoagulation() {
    let patient = |lines: &str| {
        let text = EXAMPLE.replace("sex = \"female\"", &format!("sex = \"female\"\n{lines}"));
        eval(&parse(&text))
    };
    let base = eval(&example());
    let r = patient("hba1c = 8.0\nbmi = 40\nanticoagulant = true");
    assert_eq!(
        ids(&r),
        [
            CautionId::RedFlagsNotScreened,
            CautionId::GlycaemicControl,
            CautionId::HighBmi,
            CautionId::Anticoagulation
        ]
    );
    assert_eq!((r.score, r.band, r.next_step), (base.score, base.band, base.next_step));
    let r = patient("hba1c = 7.9\nbmi = 39.9\nanticoagulant = false");
    assert_eq!(ids(&r), [CautionId::RedFlagsNotScreened]);
    let smoker = eval(&parse(&format!("{EXAMPLE}\n[lifestyle]\nsmoking = true\n")));
    assert_eq!(ids(&smoker), [CautionId::RedFlagsNotScreened, CautionId::Smoking]);
    assert_eq!(smoker.score, base.score);
}

#[test]
fn pending_outcome_lists_every_event_and_the_day_it_is_known() {
    let r = eval_as_of(&example(), "2026-04-10");
    let c = r.cautions.iter().find(|c| c.id == CautionId::PendingOutcome).cloned();
    let c = c.unwrap_or_else(|| panic!("no pending caution: {:?}", r.cautions));
    // the medication (review day) and the injection (peak relief on day 14)
    assert_eq!(c.evidence, [ev(EventKind::Medication, 0), ev(EventKind::Injection, 0)]);
    assert!(
        c.detail.contains("injection 2026-04-02: relief known on 2026-04-16"),
        "{}",
        c.detail
    );
    assert!(
        c.detail.contains("medication 2026-03-14: response known on 2026-05-04"),
        "{}",
        c.detail
    );
    assert!(!eval(&example()).has_caution(CautionId::PendingOutcome));
}
