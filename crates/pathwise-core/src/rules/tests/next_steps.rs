//! Each next step, first that applies, and the reason it gives.

use super::*;

/// Twelve weeks of failed PT (pain 6, 6) in `region`, plus `rest`.
fn failing(region: &str, presentation: &str, rest: &str) -> Readiness {
    let c = case(
        region,
        "",
        presentation,
        &format!(
            "{PT}{rest}{}{}",
            assessment("2026-01-01", "pain = 6"),
            assessment("2026-03-26", "pain = 6")
        ),
    );
    eval(&c)
}

const MRI: &str = "[[workup]]\ndate = 2026-01-20\ntest = \"mri\"\nfindings = \"mild degeneration\"\n";
const NAPROXEN: &str = "[[medication]]\nstart = 2026-01-05\ndrug = \"naproxen\"\nresponse = \"none\"\n";
const STEROID: &str =
    "[[injection]]\ndate = 2026-02-20\nkind = \"facet-steroid\"\nrelief_percent = 60\nrelief_weeks = 6\n";

#[test]
fn no_pt_course_means_physical_therapy_first() {
    let c = case(
        "lumbar",
        "",
        "",
        &format!(
            "{NAPROXEN}{}{}",
            assessment("2026-01-01", "pain = 6"),
            assessment("2026-01-20", "pain = 6")
        ),
    );
    let r = eval(&c);
    assert_eq!(r.next_step, NextStep::PhysicalTherapy);
    assert_eq!(
        r.next_step_reason,
        "no conservative PT course on file: start physical therapy, the first line of care"
    );
}

#[test]
fn improvement_or_a_good_response_means_continue_conservative_care() {
    let c = case(
        "lumbar",
        "",
        "",
        &format!(
            "{PT}{}{}",
            assessment("2026-01-01", "pain = 8"),
            assessment("2026-03-26", "pain = 4")
        ),
    );
    let r = eval(&c);
    assert_eq!(r.next_step, NextStep::ContinueConservative);
    assert_eq!(
        r.next_step_reason,
        "clinically important improvement (pain 8 → 4): continue conservative care"
    );
    let r = failing("lumbar", "", "[[pt]]\nstart = 2026-02-13\nresponse = \"good\"\n");
    assert_eq!(r.next_step, NextStep::ContinueConservative);
    assert_eq!(
        r.next_step_reason,
        "the latest PT course responded good: continue conservative care"
    );
}

#[test]
fn a_confounder_of_pt_means_re_evaluate_and_a_second_opinion() {
    let r = failing("lumbar", "", "[lifestyle]\nsleep = \"poor\"\n");
    assert_eq!(r.next_step, NextStep::ReEvaluatePt);
    assert_eq!(
        r.next_step_reason,
        "lifestyle (poor sleep): re-evaluate the PT plan and consider a second opinion"
    );
    let second = "[[pt]]\nstart = 2026-02-15\nsecond_opinion = true\nresponse = \"none\"\n";
    let r = failing("lumbar", "", &format!("{second}[lifestyle]\nsleep = \"poor\"\n"));
    assert_eq!(r.next_step, NextStep::ReEvaluatePt);
    assert!(
        r.next_step_reason
            .ends_with("re-evaluate the PT plan; a second opinion is on file (PT from 2026-02-15)"),
        "{}",
        r.next_step_reason
    );
}

#[test]
fn missing_imaging_or_nerve_study_means_workup() {
    let r = failing("lumbar", "", NAPROXEN);
    assert_eq!((r.band, r.next_step), (Band::Approaching, NextStep::Workup));
    assert_eq!(
        r.next_step_reason,
        "no advanced imaging on file: MRI or CT before any decision on surgery"
    );
    let r = failing("lumbar", "pain_quality = [\"shooting\"]", &format!("{MRI}{NAPROXEN}"));
    assert_eq!(r.next_step, NextStep::Workup);
    assert_eq!(
        r.next_step_reason,
        "shooting pain without a nerve study: NCS/EMG to locate and grade nerve compression"
    );
}

#[test]
fn untreated_neuropathic_pain_or_no_medication_means_pharmacology() {
    let ncs = "[[workup]]\ndate = 2026-01-25\ntest = \"ncs-emg\"\nfindings = \"L5\"\n";
    let r = failing(
        "lumbar",
        "pain_quality = [\"burning\"]",
        &format!("{MRI}{ncs}{NAPROXEN}"),
    );
    assert_eq!(r.next_step, NextStep::Pharmacology);
    assert!(
        r.next_step_reason
            .starts_with("neuropathic pain untreated (burning pain;"),
        "{}",
        r.next_step_reason
    );
    assert!(r.next_step_reason.contains("gabapentin or pregabalin"));
    let r = failing("lumbar", "localized_spasm = true", MRI);
    assert_eq!(r.next_step, NextStep::Pharmacology);
    assert_eq!(
        r.next_step_reason,
        "no medication trial on file: a trial to open a therapeutic window for PT \
         (a topical anti-inflammatory or muscle relaxant for the localized pain and spasm)"
    );
}

#[test]
fn no_corticosteroid_or_prp_means_injection() {
    let r = failing("lumbar", "", &format!("{MRI}{NAPROXEN}"));
    assert_eq!(r.next_step, NextStep::Injection);
    let trigger = "[[injection]]\ndate = 2026-02-20\nkind = \"trigger-point\"\nrelief_percent = 10\n";
    let r = failing("lumbar", "", &format!("{MRI}{NAPROXEN}{trigger}"));
    assert_eq!(r.next_step, NextStep::Injection);
    assert!(
        r.next_step_reason
            .starts_with("no corticosteroid or PRP injection on file")
    );
}

#[test]
fn with_every_step_on_file_and_no_indication_continue_conservative_care() {
    let r = failing("lumbar", "", &format!("{MRI}{NAPROXEN}{STEROID}"));
    assert_eq!(
        (r.band, r.next_step),
        (Band::Approaching, NextStep::ContinueConservative)
    );
    assert!(
        r.next_step_reason
            .starts_with("conservative care failed but there is no instability")
    );
    // 40 + imaging 10 + PT 5 + injection 5 + medication 5
    assert_eq!(r.score, 65);
    assert!(r.confounders.is_empty());
}
