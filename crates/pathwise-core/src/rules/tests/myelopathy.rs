//! Criterion 4 `myelopathy`: cord compression with signs or mJOA ≤ 17, in
//! the cervical and thoracic spine; graded by mJOA; ready without waiting.

use super::*;

fn cervical(region: &str, rest: &str) -> Readiness {
    eval(&case(region, "", "", rest))
}

const CORD: &str = "[[workup]]\ndate = 2026-01-20\ntest = \"mri\"\nfindings = \"cord compression C5-6\"\n\
    lesion = \"cord-compression\"\nlevel = \"C5-6\"\nseverity = \"mild\"\n";

#[test]
fn cord_compression_with_signs_is_met_and_ready_without_conservative_care() {
    let r = cervical(
        "cervical",
        &format!(
            "{CORD}{}",
            assessment("2026-01-25", "myelopathy_signs = [\"hoffmann\"]\nmjoa = 16")
        ),
    );
    let c = at(&r, CriterionId::Myelopathy);
    assert_eq!(c.status, Status::Met);
    assert!(c.detail.contains("mild (mJOA 16)"), "{}", c.detail);
    assert_eq!((r.band, r.next_step), (Band::Ready, NextStep::SurgicalConsult));
    assert!(
        r.next_step_reason.contains("structured rehabilitation"),
        "{}",
        r.next_step_reason
    );
    // first indication: 25, imaging 10; the cord compression is a target too
    assert_eq!(c.points, 25.0);
}

#[test]
fn the_grade_follows_the_latest_mjoa() {
    for (mjoa, grade) in [
        (17, "mild"),
        (15, "mild"),
        (14, "moderate"),
        (12, "moderate"),
        (11, "severe"),
    ] {
        let r = cervical(
            "thoracic",
            &format!("{CORD}{}", assessment("2026-01-25", &format!("mjoa = {mjoa}"))),
        );
        let c = at(&r, CriterionId::Myelopathy);
        assert_eq!(c.status, Status::Met, "{mjoa}");
        assert!(c.detail.contains(&format!("{grade} (mJOA {mjoa})")), "{}", c.detail);
    }
}

#[test]
fn signs_without_advanced_imaging_are_unknown_and_ask_for_an_mri() {
    let rest = format!(
        "{}{}",
        workup("2026-01-10", "xray", ""),
        assessment("2026-01-25", "myelopathy_signs = [\"clonus\"]")
    );
    let r = cervical("cervical", &rest);
    assert_eq!(st(&r, CriterionId::Myelopathy), Status::Unknown);
    assert_eq!(r.next_step, NextStep::Workup);
    assert!(
        r.next_step_reason
            .contains("MRI of the spine before any further therapy"),
        "{}",
        r.next_step_reason
    );
}

#[test]
fn discordant_cord_compression_or_no_signs_is_not_met() {
    let discordant = CORD.replace("severity = \"mild\"", "severity = \"mild\"\nconcordant = false");
    let r = cervical(
        "cervical",
        &format!("{discordant}{}", assessment("2026-01-25", "mjoa = 15")),
    );
    assert_eq!(st(&r, CriterionId::Myelopathy), Status::NotMet);
    let r = cervical(
        "cervical",
        &format!("{CORD}{}", assessment("2026-01-25", "mjoa = 18\npain = 4")),
    );
    assert_eq!(st(&r, CriterionId::Myelopathy), Status::NotMet);
    // signs, and an MRI without cord compression
    let r = cervical(
        "cervical",
        &format!(
            "{}{}",
            mri("2026-01-20", "disc-bulge", "mild"),
            assessment("2026-01-25", "myelopathy_signs = [\"babinski\"]")
        ),
    );
    assert_eq!(st(&r, CriterionId::Myelopathy), Status::NotMet);
}

#[test]
fn myelopathy_is_not_applicable_outside_cervical_and_thoracic() {
    let r = cervical(
        "lumbar",
        &format!(
            "{CORD}{}",
            assessment("2026-01-25", "myelopathy_signs = [\"hoffmann\"]")
        ),
    );
    assert_eq!(st(&r, CriterionId::Myelopathy), Status::NotApplicable);
}
