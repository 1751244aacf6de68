//! "Time: what is known on the evaluation day": period end, the review day,
//! in play, known on; the presenter's pending API; and that every rule
//! reads outcomes through the one view (an outcome not yet known changes
//! nothing and shows as pending).

use super::*;
use crate::rules::known::{Day, Fact, Knowledge, Outcome, outcome};

fn day_of<'a>(case: &'a Case, profile: &'a Profile, as_of: Option<&str>) -> Day<'a> {
    let opts = Options {
        as_of: as_of.map(date),
        ..Options::default()
    };
    Day::new(case, profile, &opts)
}

/// Everything scored, without the words: what "changes nothing" compares.
fn verdict(r: &Readiness) -> (Vec<Status>, Vec<String>, u8, Band, NextStep, String) {
    let points: Vec<String> = r.criteria.iter().map(|c| format!("{:.3}", c.points)).collect();
    let conf: Vec<&str> = r.confounders.iter().map(|c| c.id.as_str()).collect();
    (statuses(r), points, r.score, r.band, r.next_step, conf.join(","))
}

#[test]
fn period_end_is_as_of_or_the_day_before_the_first_surgery() {
    let p = Profile::builtin();
    let c = case(
        "lumbar",
        "2026-06-01",
        "",
        "[[surgery]]\ndate = 2026-05-10\nprocedure = \"a\"\n\n[[surgery]]\ndate = 2026-05-20\nprocedure = \"b\"\n",
    );
    let d = day_of(&c, &p, None);
    assert_eq!((d.period_end, d.review_day), (date("2026-05-09"), date("2026-05-09")));
    // step-through before the surgery: period end moves, the review day stays
    let d = day_of(&c, &p, Some("2026-04-01"));
    assert_eq!((d.period_end, d.review_day), (date("2026-04-01"), date("2026-05-09")));
    assert!(d.surgery.is_none());
}

#[test]
fn pt_outcomes_are_known_on_response_on_else_end_else_the_review_day() {
    let p = Profile::builtin();
    let rest = format!(
        "{}{}{}",
        pt(
            "2026-01-05",
            "2026-03-01",
            "response_on = 2026-02-01\nresponse = \"none\""
        ),
        pt("2026-01-06", "2026-03-02", "response = \"none\"\nsessions_attended = 3"),
        pt("2026-01-07", "", "response = \"good\"")
    );
    let c = case("lumbar", "2026-04-01", "", &rest);
    let r0 = ev(EventKind::Pt, 0);
    let (r1, r2) = (ev(EventKind::Pt, 1), ev(EventKind::Pt, 2));
    let d = day_of(&c, &p, Some("2026-01-31"));
    assert_eq!(
        d.outcome(r0, Outcome::PtResponse),
        Knowledge::Pending {
            known_on: date("2026-02-01")
        }
    );
    let d = day_of(&c, &p, Some("2026-02-01"));
    assert_eq!(d.outcome(r0, Outcome::PtResponse), Knowledge::Known);
    assert_eq!(
        d.outcome(r1, Outcome::PtSessionsAttended),
        Knowledge::Pending {
            known_on: date("2026-03-02")
        }
    );
    assert_eq!(d.outcome(r1, Outcome::PtHepAdherence), Knowledge::NotRecorded);
    // an ongoing course: known on the file's as_of, whatever the step-through day
    assert_eq!(
        d.outcome(r2, Outcome::PtResponse),
        Knowledge::Pending {
            known_on: date("2026-04-01")
        }
    );
    let d = day_of(&c, &p, None);
    assert_eq!(d.outcome(r2, Outcome::PtResponse), Knowledge::Known);
    assert_eq!(d.courses[2].response(), Fact::Known(crate::case::PtResponse::Good));
}

#[test]
fn medication_response_and_side_effects_follow_the_same_rule() {
    let p = Profile::builtin();
    let rest = med(
        "2026-01-05",
        "naproxen",
        "end = 2026-02-05\nresponse = \"none\"\nside_effects = \"dyspepsia\"",
    );
    let c = case("lumbar", "2026-03-01", "", &rest);
    let m = ev(EventKind::Medication, 0);
    let d = day_of(&c, &p, Some("2026-02-04"));
    let pending = Knowledge::Pending {
        known_on: date("2026-02-05"),
    };
    assert_eq!(d.outcome(m, Outcome::MedicationResponse), pending);
    assert_eq!(d.outcome(m, Outcome::MedicationSideEffects), pending);
    let d = day_of(&c, &p, Some("2026-02-05"));
    assert_eq!(d.outcome(m, Outcome::MedicationResponse), Knowledge::Known);
}

#[test]
fn injection_relief_is_known_14_days_after_day_13_is_pending() {
    let p = Profile::builtin();
    let rest = inj(
        "2026-02-01",
        "epidural-steroid",
        "relief_percent = 80\nrelief_weeks = 3",
    );
    let c = case("lumbar", "2026-04-01", "", &rest);
    let i = ev(EventKind::Injection, 0);
    let d13 = day_of(&c, &p, Some("2026-02-14"));
    assert_eq!(
        d13.outcome(i, Outcome::ReliefPercent),
        Knowledge::Pending {
            known_on: date("2026-02-15")
        }
    );
    let d14 = day_of(&c, &p, Some("2026-02-15"));
    assert_eq!(d14.outcome(i, Outcome::ReliefPercent), Knowledge::Known);
    // 3 weeks of relief are known on the day they end: day 21
    assert_eq!(
        d14.outcome(i, Outcome::ReliefWeeks),
        Knowledge::Pending {
            known_on: date("2026-02-22")
        }
    );
    let d21 = day_of(&c, &p, Some("2026-02-22"));
    assert_eq!(d21.outcome(i, Outcome::ReliefWeeks), Knowledge::Known);
    // fractional weeks: the first day d with d − date ≥ 7 × weeks
    let c = case(
        "lumbar",
        "2026-04-01",
        "",
        &inj("2026-02-01", "epidural-steroid", "relief_weeks = 1.5"),
    );
    let d = day_of(&c, &p, Some("2026-02-11"));
    assert_eq!(
        d.outcome(i, Outcome::ReliefWeeks),
        Knowledge::Pending {
            known_on: date("2026-02-12")
        }
    );
}

#[test]
fn the_presenter_api_answers_for_any_event_and_field() {
    let c = example();
    let p = Profile::builtin();
    let opts = Options {
        as_of: Some(date("2026-04-10")),
        ..Options::default()
    };
    let i = ev(EventKind::Injection, 0);
    assert_eq!(
        outcome(&c, &p, &opts, i, Outcome::ReliefPercent),
        Knowledge::Pending {
            known_on: date("2026-04-16")
        }
    );
    assert_eq!(outcome(&c, &p, &opts, i, Outcome::ReliefWeeks), Knowledge::Known);
    // a field of another table, or an event that does not exist
    assert_eq!(outcome(&c, &p, &opts, i, Outcome::PtResponse), Knowledge::NotRecorded);
    assert_eq!(
        outcome(&c, &p, &opts, ev(EventKind::Pt, 9), Outcome::PtResponse),
        Knowledge::NotRecorded
    );
    assert_eq!(
        Outcome::of_kind(EventKind::Injection),
        [Outcome::ReliefPercent, Outcome::ReliefWeeks]
    );
    assert_eq!(Outcome::PtSessionsAttended.key(), "sessions_attended");
    // another day: the file's as_of
    let d = Day::new(&c, &p, &opts);
    assert_eq!(d.outcome_on(i, Outcome::ReliefPercent, c.as_of), Knowledge::Known);
}

#[test]
fn an_outcome_not_yet_known_changes_nothing_and_shows_as_pending() {
    // each outcome in the file, and the same file without it, on a day
    // before it is known: the same verdict, and the detail says pending
    let cases = [
        ("response = \"none\"\n", "2026-03-05", CriterionId::PtDocumented),
        ("sessions_attended = 11\n", "2026-03-05", CriterionId::PtDocumented),
        ("hep_adherence = \"low\"\n", "2026-03-05", CriterionId::PtDocumented),
        ("response = \"partial\"\n", "2026-05-03", CriterionId::MedicationTrial),
        ("relief_percent = 30\n", "2026-04-08", CriterionId::InjectionDocumented),
        ("relief_weeks = 1\n", "2026-04-08", CriterionId::InjectionDocumented),
    ];
    // the medication's response is recorded on the review day; adherence low
    let text = EXAMPLE
        .replace("[[medication]]", "[[medication]]\nresponse_on = 2026-05-04")
        .replace("hep_adherence = \"good\"", "hep_adherence = \"low\"");
    let with_it = parse(&text);
    for (line, day, id) in cases {
        assert!(text.contains(line), "{line}");
        let without = parse(&text.replacen(line, "", 1));
        let (a, b) = (eval_as_of(&with_it, day), eval_as_of(&without, day));
        assert_eq!(verdict(&a), verdict(&b), "{line} on {day}");
        let detail = &at(&a, id).detail;
        assert!(detail.contains("pending"), "{line}: {detail}");
        assert!(a.has_caution(CautionId::PendingOutcome), "{line}");
    }
    // once known, the low adherence is evidence: a confounder
    assert!(eval(&with_it).has_confounder(ConfounderId::LowAdherence));
}

#[test]
fn excluded_events_are_out_of_play() {
    let c = example();
    let p = Profile::builtin();
    let opts = Options {
        excluded: [ev(EventKind::Workup, 0)].into_iter().collect(),
        ..Options::default()
    };
    let d = Day::new(&c, &p, &opts);
    assert!(d.workup.is_empty());
    let r = evaluate(&c, &p, &opts);
    assert_eq!(st(&r, CriterionId::ImagingOnFile), Status::NotMet);
    assert_eq!(st(&r, CriterionId::StructuralLesion), Status::Unknown);
}

#[test]
fn assessments_before_onset_are_not_in_play() {
    let c = case(
        "lumbar",
        "",
        "",
        &format!(
            "{}{}",
            assessment("2025-12-01", "pain = 9"),
            assessment("2026-01-02", "pain = 5")
        ),
    );
    let p = Profile::builtin();
    let d = day_of(&c, &p, None);
    assert_eq!(d.assessment.len(), 1);
}
