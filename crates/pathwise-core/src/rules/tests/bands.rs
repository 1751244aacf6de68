//! Bands, post-op evaluation, the score's rounding and the words of the ids.

use super::*;
use crate::case::Date;
use serde_json::json;

fn date(s: &str) -> Date {
    s.parse().expect("a date")
}

/// The SCHEMA.md example with `extra` appended and `as_of` replaced.
fn example_with(as_of: &str, extra: &str) -> Case {
    parse(&format!(
        "{}{extra}",
        EXAMPLE.replace("as_of = 2026-05-04", &format!("as_of = {as_of}"))
    ))
}

const LATER: &str = "\n[[surgery]]\ndate = 2026-05-10\nprocedure = \"L4-5 microdiscectomy\"\n\n\
    [[pt]]\nstart = 2026-05-20\nphase = \"post-op\"\n\n\
    [[assessment]]\ndate = 2026-05-25\npain = 2\n";

#[test]
fn a_post_op_case_is_scored_as_the_day_before_surgery() {
    let case = example_with("2026-06-01", LATER);
    let r = eval(&case);
    assert_eq!((r.band, r.next_step), (Band::PostOp, NextStep::PostOpRehab));
    assert_eq!(r.as_of, date("2026-06-01"));
    assert_eq!(r.period_end, date("2026-05-09"));
    // what the surgeon saw: the pre-operative 95, not the post-operative pain 2
    assert_eq!(r.score, 95);
    assert_eq!(at(&r, CriterionId::ConservativeFailure).status, Status::Met);
    assert_eq!(format!("{:.1}", r.documented_weeks.unwrap_or_default()), "13.9");
    assert_eq!(
        r.next_step_reason,
        "surgery on 2026-05-10 (L4-5 microdiscectomy): a new structured PT regimen; readiness as of 2026-05-09, the day before"
    );
    let v = to_json(&case, &r);
    assert_eq!(
        (v["band"].clone(), v["as_of"].clone()),
        (json!("post-op"), json!("2026-06-01"))
    );
}

#[test]
fn an_assessment_on_the_day_of_surgery_is_after_period_end() {
    let case = example_with(
        "2026-05-04",
        "\n[[surgery]]\ndate = 2026-05-04\nprocedure = \"microdiscectomy\"\n",
    );
    let r = eval(&case);
    assert_eq!(r.band, Band::PostOp);
    assert_eq!(r.period_end, date("2026-05-03"));
    assert_eq!(at(&r, CriterionId::ConservativeFailure).status, Status::Unknown);
    assert_eq!(at(&r, CriterionId::IntractablePain).status, Status::Unknown);
    // lesion 25, imaging 10, PT 5, injection 5, medication 5
    assert_eq!(r.score, 50);
}

#[test]
fn a_post_op_case_that_was_urgent_scores_100() {
    let case = example_with(
        "2026-06-01",
        "\n[[assessment]]\ndate = 2026-05-05\nred_flags = [\"cauda-equina\"]\n\n[[surgery]]\ndate = 2026-05-06\nprocedure = \"decompression\"\n",
    );
    let r = eval(&case);
    assert_eq!(
        (r.band, r.score, r.next_step),
        (Band::PostOp, 100, NextStep::PostOpRehab)
    );
    assert_eq!(at(&r, CriterionId::RedFlags).status, Status::Met);
}

#[test]
fn a_surgery_after_as_of_or_left_out_does_not_make_the_case_post_op() {
    let case = example_with("2026-05-04", LATER);
    let r = eval(&case);
    assert_eq!((r.band, r.score), (Band::Ready, 95));
    let case = example_with("2026-06-01", LATER);
    let opts = Options {
        excluded: [ev(EventKind::Surgery, 0), ev(EventKind::Assessment, 2)]
            .into_iter()
            .collect(),
        ..Options::default()
    };
    let r = evaluate(&case, &Profile::builtin(), &opts);
    assert_eq!(r.band, Band::Ready);
    assert_eq!(r.period_end, date("2026-06-01"));
}

#[test]
fn an_indication_without_documented_failure_is_approaching() {
    let c = case(
        "shoulder",
        "",
        "",
        &format!(
            "{PT}[[workup]]\ndate = 2026-01-20\ntest = \"mri\"\nfindings = \"massive tear\"\n\
             lesion = \"tendon-tear-full\"\nseverity = \"severe\"\n{}{}",
            assessment("2026-01-01", "pain = 6"),
            assessment("2026-01-29", "pain = 6")
        ),
    );
    let r = eval(&c);
    assert_eq!(at(&r, CriterionId::ConservativeFailure).status, Status::NotMet);
    assert_eq!(r.band, Band::Approaching);
}

#[test]
fn nothing_met_is_not_ready() {
    let c = case(
        "knee",
        "",
        "",
        &format!(
            "{PT}{}{}",
            assessment("2026-01-01", "pain = 6"),
            assessment("2026-01-29", "pain = 6")
        ),
    );
    let r = eval(&c);
    assert_eq!(r.band, Band::NotReady);
    // PT 5, minus diagnosis-unconfirmed
    assert_eq!(r.score, 0);
    assert!(r.has_confounder(ConfounderId::DiagnosisUnconfirmed));
}

#[test]
fn the_score_rounds_halves_up_and_json_points_keep_one_decimal() {
    let profile = Profile::from_toml(
        Path::new("half.toml"),
        "[points]\nconservative_failure = 41\nconfounder = 0\n",
    )
    .expect("a valid profile");
    let c = case(
        "knee",
        "",
        "",
        &format!(
            "{PT}{}{}",
            assessment("2026-01-01", "pain = 6"),
            assessment("2026-02-12", "pain = 6")
        ),
    );
    let r = with(&c, &profile);
    // 41 × 6/12 = 20.5, plus PT 5: 25.5 → 26
    assert_eq!(at(&r, CriterionId::ConservativeFailure).points, 20.5);
    assert_eq!(r.score, 26);
    assert_eq!(to_json(&c, &r)["criteria"][2]["points"].to_string(), "20.5");
    // 64 days: 9.14 weeks, 30.476 points
    let c = case(
        "knee",
        "",
        "",
        &format!(
            "{PT}{}{}",
            assessment("2026-01-01", "pain = 6"),
            assessment("2026-03-06", "pain = 6")
        ),
    );
    let r = eval(&c);
    let v = to_json(&c, &r);
    assert_eq!(v["criteria"][2]["points"].to_string(), "30.5");
    assert_eq!(v["documented_weeks"].to_string(), "9.1");
    assert_eq!(v["score"], json!(30));
}

#[test]
fn ids_speak_the_words_of_readiness_md() {
    let ids: Vec<&str> = CriterionId::ALL.iter().map(|c| c.as_str()).collect();
    assert_eq!(
        ids,
        [
            "red-flags",
            "progressive-deficit",
            "conservative-failure",
            "instability",
            "structural-lesion",
            "intractable-pain",
            "imaging-on-file",
            "pt-documented",
            "injection-documented",
            "medication-trial",
            "nerve-study"
        ]
    );
    assert_eq!(CriterionId::ConservativeFailure.label(), "conservative care failed");
    let c: Vec<&str> = ConfounderId::ALL.iter().map(|c| c.as_str()).collect();
    assert_eq!(
        c,
        [
            "low-adherence",
            "lifestyle",
            "plan-mismatch",
            "diagnosis-unconfirmed",
            "neuropathic-untreated"
        ]
    );
    let bands: Vec<(&str, &str, &str)> = Band::ALL.iter().map(|b| (b.as_str(), b.label(), b.short())).collect();
    assert_eq!(
        bands,
        [
            ("post-op", "POST-OP", "POP"),
            ("urgent", "URGENT", "URG"),
            ("ready", "READY", "RDY"),
            ("approaching", "APPROACHING", "APR"),
            ("not-ready", "NOT READY", "NRD")
        ]
    );
    let steps: Vec<&str> = NextStep::ALL.iter().map(|s| s.as_str()).collect();
    assert_eq!(
        steps,
        [
            "post-op-rehab",
            "urgent-referral",
            "surgical-consult",
            "physical-therapy",
            "continue-conservative",
            "re-evaluate-pt",
            "workup",
            "pharmacology",
            "injection"
        ]
    );
    assert_eq!(NextStep::Workup.label(), "medical workup");
    assert_eq!(NextStep::ReEvaluatePt.label(), "re-evaluate PT");
    let marks: Vec<(&str, &str, &str)> = Status::ALL
        .iter()
        .map(|s| (s.as_str(), s.symbol(true), s.symbol(false)))
        .collect();
    assert_eq!(
        marks,
        [
            ("met", "✓", "+"),
            ("not-met", "✗", "x"),
            ("unknown", "?", "?"),
            ("not-applicable", "–", "-")
        ]
    );
}
