//! Criterion 5 `conservative-failure`, in its order: unknown, each not-met
//! reason (MCID, 30 % rule, weeks, good response, relief, pending, an
//! inadequate trial), met with its share of points; documented weeks.

use super::*;

fn cf(r: &Readiness) -> &Criterion {
    at(r, CriterionId::ConservativeFailure)
}

/// The PT course of [`PT`] and the given assessments.
fn course(rows: &[(&str, &str)], rest: &str) -> Readiness {
    let body: String = rows.iter().map(|(d, b)| assessment(d, b)).collect();
    eval(&case("lumbar", "", "", &format!("{PT}{body}{rest}")))
}

#[test]
fn unknown_without_conservative_treatment() {
    let r = eval(&case(
        "lumbar",
        "",
        "",
        &format!(
            "{}{}",
            assessment("2026-01-01", "pain = 7"),
            assessment("2026-03-01", "pain = 7")
        ),
    ));
    assert_eq!(cf(&r).status, Status::Unknown);
    assert_eq!(r.documented_weeks, 0.0);
    assert_eq!(r.next_step, NextStep::PhysicalTherapy);
}

#[test]
fn unknown_without_two_comparable_assessments() {
    let r = course(
        &[
            ("2026-01-01", "pain = 7"),
            ("2026-03-01", "function = { instrument = \"odi\", score = 40 }"),
        ],
        "",
    );
    assert_eq!(cf(&r).status, Status::Unknown);
    // two different instruments are not comparable either
    let r = course(
        &[
            ("2026-01-01", "function = { instrument = \"odi\", score = 40 }"),
            ("2026-03-01", "function = { instrument = \"psfs\", score = 4 }"),
        ],
        "",
    );
    assert_eq!(cf(&r).status, Status::Unknown);
}

#[test]
fn unknown_with_no_assessment_on_or_after_conservative_start() {
    let rest = pt("2026-03-05", "", "response = \"none\"");
    let r = eval(&case(
        "lumbar",
        "2026-03-20",
        "",
        &format!(
            "{rest}{}{}",
            assessment("2026-01-01", "pain = 7"),
            assessment("2026-03-01", "pain = 7")
        ),
    ));
    assert_eq!(cf(&r).status, Status::Unknown);
    // weeks are never negative
    assert_eq!(r.documented_weeks, 0.0);
}

#[test]
fn exactly_6_weeks_is_met_for_half_the_points_5_9_is_not() {
    let r = course(&[("2026-01-01", "pain = 7"), ("2026-02-12", "pain = 7")], "");
    assert_eq!(r.documented_weeks, 6.0);
    assert_eq!((cf(&r).status, cf(&r).points), (Status::Met, 20.0));
    let r = course(&[("2026-01-01", "pain = 7"), ("2026-02-11", "pain = 7")], "");
    assert_eq!(cf(&r).status, Status::NotMet);
    assert!(
        cf(&r).detail.contains("only 5.9 documented weeks; 6 required"),
        "{}",
        cf(&r).detail
    );
}

#[test]
fn full_points_from_12_weeks() {
    let r = course(&[("2026-01-01", "pain = 7"), ("2026-04-30", "pain = 8")], "");
    assert_eq!((cf(&r).status, cf(&r).points), (Status::Met, 40.0));
    let r = course(&[("2026-01-01", "pain = 7"), ("2026-03-05", "pain = 8")], "");
    assert!((cf(&r).points - 40.0 * 63.0 / 84.0).abs() < 1e-9, "{}", cf(&r).points);
}

#[test]
fn improvement_exactly_at_the_mcid_is_not_failure() {
    let r = course(&[("2026-01-01", "pain = 7"), ("2026-03-01", "pain = 5")], "");
    assert_eq!(cf(&r).status, Status::NotMet);
    assert!(
        cf(&r).detail.contains("clinically important improvement: pain 7 → 5"),
        "{}",
        cf(&r).detail
    );
    assert_eq!(r.next_step, NextStep::ContinueConservative);
    // one point less is failure (1 of 7 is under 30 %)
    assert_eq!(
        course(&[("2026-01-01", "pain = 7"), ("2026-03-01", "pain = 6")], "").criteria[4].status,
        Status::Met
    );
    // an instrument at its MCID: ODI 46 → 36
    let odi = |s: u8| format!("function = {{ instrument = \"odi\", score = {s} }}");
    let r = course(&[("2026-01-01", &odi(46)), ("2026-03-01", &odi(36))], "");
    assert_eq!(cf(&r).status, Status::NotMet);
}

#[test]
fn improvement_exactly_at_30_percent_is_not_failure() {
    // NDI 20 → 14: 6 points, under its MCID of 7.5, but 30 % of the room
    let ndi = |s: &str| format!("function = {{ instrument = \"ndi\", score = {s} }}");
    let r = course(&[("2026-01-01", &ndi("20")), ("2026-03-01", &ndi("14"))], "");
    assert_eq!(cf(&r).status, Status::NotMet, "{}", cf(&r).detail);
    let r = course(&[("2026-01-01", &ndi("20")), ("2026-03-01", &ndi("14.5"))], "");
    assert_eq!(cf(&r).status, Status::Met, "{}", cf(&r).detail);
    // higher-is-better: LEFS 40 → 52 is 12 of 40 = 30 % (and over its MCID of 9)
    // PSFS 6 → 7.2: 1.2 of 4 = 30 %, under its MCID of 2
    let psfs = |s: &str| format!("function = {{ instrument = \"psfs\", score = {s} }}");
    let r = course(&[("2026-01-01", &psfs("6")), ("2026-03-01", &psfs("7.2"))], "");
    assert_eq!(cf(&r).status, Status::NotMet, "{}", cf(&r).detail);
    // pain 0 has no room: no relative improvement, and no fall
    let r = course(&[("2026-01-01", "pain = 0"), ("2026-03-01", "pain = 0")], "");
    assert_eq!(cf(&r).status, Status::Met);
}

#[test]
fn a_good_pt_response_is_not_failure() {
    let good = PT.replace("response = \"none\"", "response = \"good\"");
    let r = eval(&case(
        "lumbar",
        "",
        "",
        &format!(
            "{good}{}{}",
            assessment("2026-01-01", "pain = 7"),
            assessment("2026-03-01", "pain = 7")
        ),
    ));
    assert_eq!(cf(&r).status, Status::NotMet);
    assert!(cf(&r).detail.contains("responded good"), "{}", cf(&r).detail);
}

#[test]
fn relief_in_effect_is_not_failure_until_it_ends() {
    // 80 % for 4 weeks from 2026-01-30: ends (and is known) on 2026-02-27
    let shot = inj(
        "2026-01-30",
        "epidural-steroid",
        "relief_percent = 80\nrelief_weeks = 4",
    );
    let rows = [
        ("2026-01-01", "pain = 7"),
        ("2026-02-26", "pain = 7"),
        ("2026-02-27", "pain = 7"),
    ];
    let c = {
        let body: String = rows.iter().map(|(d, b)| assessment(d, b)).collect();
        case("lumbar", "", "", &format!("{PT}{body}{shot}"))
    };
    let before = eval_as_of(&c, "2026-02-26");
    assert_eq!(cf(&before).status, Status::NotMet);
    assert!(
        cf(&before).detail.contains("relief in effect"),
        "{}",
        cf(&before).detail
    );
    assert_eq!(before.next_step, NextStep::ContinueConservative);
    // relief ending exactly on period end: ended
    let on = eval_as_of(&c, "2026-02-27");
    assert_eq!(cf(&on).status, Status::Met, "{}", cf(&on).detail);
    // good relief with no duration: in effect for 12 weeks
    let shot = inj("2026-01-30", "epidural-steroid", "relief_percent = 80");
    let r = course(&[("2026-01-01", "pain = 7"), ("2026-03-01", "pain = 7")], &shot);
    assert_eq!(cf(&r).status, Status::NotMet);
}

#[test]
fn a_pending_injection_result_is_not_failure_day_13_vs_14() {
    let shot = inj("2026-02-14", "epidural-steroid", "relief_percent = 20");
    let rows = [
        ("2026-01-01", "pain = 7"),
        ("2026-02-27", "pain = 7"),
        ("2026-02-28", "pain = 7"),
    ];
    let body: String = rows.iter().map(|(d, b)| assessment(d, b)).collect();
    let c = case("lumbar", "", "", &format!("{PT}{body}{shot}"));
    let day13 = eval_as_of(&c, "2026-02-27");
    assert_eq!(cf(&day13).status, Status::NotMet);
    assert!(cf(&day13).detail.contains("pending"), "{}", cf(&day13).detail);
    let day14 = eval_as_of(&c, "2026-02-28");
    assert_eq!(cf(&day14).status, Status::Met, "{}", cf(&day14).detail);
}

#[test]
fn an_inadequate_trial_is_not_failure() {
    let rows = [("2026-01-01", "pain = 7"), ("2026-03-01", "pain = 7")];
    let body: String = rows.iter().map(|(d, b)| assessment(d, b)).collect();
    let variants = [
        (
            "modalities = [\"exercise\"]",
            "modalities = [\"heat\", \"tens\"]",
            "passive modalities only",
        ),
        (
            "hep_adherence = \"good\"",
            "hep_adherence = \"low\"",
            "home exercise adherence low",
        ),
        (
            "sessions_attended = 12",
            "sessions_attended = 8",
            "attended 8 of 12 sessions",
        ),
    ];
    for (from, to, why) in variants {
        let c = case("lumbar", "", "", &format!("{}{body}", PT.replace(from, to)));
        let r = eval(&c);
        assert_eq!(cf(&r).status, Status::NotMet, "{to}");
        assert!(cf(&r).detail.contains(why), "{}", cf(&r).detail);
        assert_eq!(r.next_step, NextStep::ReEvaluatePt, "{to}");
    }
    // attendance of exactly 70 % is adequate
    let c = case(
        "lumbar",
        "",
        "",
        &format!(
            "{}{body}",
            PT.replace(
                "sessions_planned = 12\nsessions_attended = 12",
                "sessions_planned = 10\nsessions_attended = 7"
            )
        ),
    );
    assert_eq!(cf(&eval(&c)).status, Status::Met);
    // no PT course at all: medication only is not an adequate trial
    let c = case(
        "lumbar",
        "",
        "",
        &format!("{}{body}", med("2026-01-01", "naproxen", "response = \"none\"")),
    );
    let r = eval(&c);
    assert_eq!(cf(&r).status, Status::NotMet);
    assert!(cf(&r).detail.contains("no conservative PT course"), "{}", cf(&r).detail);
}

#[test]
fn an_absent_or_pending_value_does_not_make_a_trial_inadequate() {
    let bare = "[[pt]]\nstart = 2026-01-01\nend = 2026-02-12\nresponse = \"none\"\n";
    let body = format!(
        "{}{}",
        assessment("2026-01-01", "pain = 7"),
        assessment("2026-03-01", "pain = 7")
    );
    let r = eval(&case("lumbar", "", "", &format!("{bare}{body}")));
    assert_eq!(cf(&r).status, Status::Met, "{}", cf(&r).detail);
}

#[test]
fn the_clock_looks_back_at_most_26_weeks() {
    let rest = format!(
        "{}{}{}",
        pt("2026-01-01", "2026-02-01", "response = \"none\""),
        assessment("2026-01-01", "pain = 7"),
        assessment("2026-12-01", "pain = 7")
    );
    let r = eval(&case("lumbar", "", "", &rest));
    assert!((r.documented_weeks - 26.0).abs() < 1e-9, "{}", r.documented_weeks);
    assert_eq!(cf(&r).status, Status::Met);
}
