//! Injections: a therapeutic injection whose result is known (failed, or
//! good relief that ended or is still in effect), one given too recently
//! for its result to be known, one declined or contraindicated, an
//! injection of another kind, or two diagnostic medial branch blocks.

use super::*;

/// Relief is known this many days after an injection (READINESS.md).
const RESULT_DAYS: i64 = 14;

pub(super) fn add(rng: &mut Rng, cx: &Ctx, d: &mut Draft) {
    let t = &cx.t;
    let base = if cx.s.imaging.advanced() {
        day(t.img_date, rng.range(7, 24)).min(day(t.last, -1))
    } else {
        t.at(rng.range(40, 80))
    };
    match cx.s.inject {
        Inject::None => {}
        Inject::Failed => d.injection.push(failed(rng, cx, base)),
        Inject::Relapsed => d.injection.push(relapsed(rng, cx, base)),
        Inject::Relief => d.injection.push(relief(rng, cx, base)),
        Inject::Pending => d.injection.push(pending(rng, cx)),
        Inject::Declined | Inject::Contraindicated => d.injection.push(not_given(rng, cx, base)),
        Inject::NonSteroid => d.injection.push(other_kind(rng, cx, base)),
        Inject::Blocks => d.injection.extend(blocks(rng, cx, base)),
    }
}

/// The customary therapeutic injection of the condition or region.
fn therapeutic(cx: &Ctx, date: Date) -> Injection {
    let (kind, level) = cx.c.steroid.unwrap_or(cx.r.steroid);
    Injection {
        date,
        kind,
        status: None,
        level: cx.f(level),
        guidance: if kind == "prp" { "ultrasound" } else { cx.r.guidance },
        relief_percent: None,
        relief_weeks: None,
        resumed_pt: None,
        note: None,
    }
}

/// No later than `days` before the last review, and not before care began.
fn known_by(cx: &Ctx, date: Date, days: i64) -> Date {
    date.min(day(cx.t.last, -days)).max(cx.t.c0)
}

fn failed(rng: &mut Rng, cx: &Ctx, base: Date) -> Injection {
    let mut i = therapeutic(cx, known_by(cx, base, RESULT_DAYS + rng.range(0, 10)));
    i.relief_percent = Some(rng.range(0, 40));
    i.relief_weeks = rng.chance(85).then(|| rng.pick(&[0.5, 1.0, 1.0, 2.0]));
    i.resumed_pt = Some(false);
    i.note = Some(
        rng.pick(&[
            "Pain returned to baseline within days.",
            "Brief relief from the local anaesthetic only.",
            "No change in walking or sleep.",
        ])
        .to_string(),
    );
    i
}

/// Good relief that lasted 4 weeks or more and has ended by the review.
fn relapsed(rng: &mut Rng, cx: &Ctx, base: Date) -> Injection {
    let weeks = rng.pick(&[4.0, 5.0, 6.0, 8.0]);
    let date = known_by(cx, base, 7 * weeks as i64 + rng.range(0, 7));
    if span_days(date, cx.t.last) < 7 * weeks as i64 {
        // no room for the relief to end before the review: it failed
        return failed(rng, cx, base);
    }
    let mut i = therapeutic(cx, date);
    i.relief_percent = Some(rng.range(55, 90));
    i.relief_weeks = Some(weeks);
    i.resumed_pt = Some(true);
    i.note = Some(
        rng.pick(&[
            "Good relief; PT resumed with higher loads until the pain came back.",
            "Relief let the patient return to the exercise programme for a while.",
            "Sleep improved while the relief lasted; symptoms have since returned.",
        ])
        .to_string(),
    );
    i
}

/// Good relief, known, that has not ended by the review.
fn relief(rng: &mut Rng, cx: &Ctx, base: Date) -> Injection {
    let earliest = day(cx.t.last, -70);
    let mut i = therapeutic(cx, known_by(cx, base.max(earliest), RESULT_DAYS + rng.range(0, 14)));
    i.relief_percent = Some(rng.range(55, 90));
    i.resumed_pt = Some(true);
    i.note = Some(
        rng.pick(&[
            "Relief let the patient return to the exercise programme.",
            "Good relief; PT resumed with higher loads.",
            "Sleep much better since the injection.",
        ])
        .to_string(),
    );
    i
}

/// Given within two weeks of the review: relief recorded at follow-up,
/// known only after the review.
fn pending(rng: &mut Rng, cx: &Ctx) -> Injection {
    let date = day(cx.t.last, -rng.range(2, RESULT_DAYS - 2)).max(cx.t.c0);
    let mut i = therapeutic(cx, date);
    i.relief_percent = Some(rng.range(20, 80));
    i.resumed_pt = rng.chance(50).then_some(true);
    i.note = Some("Relief recorded at the two-week telephone follow-up, after the review date.".to_string());
    i
}

fn not_given(rng: &mut Rng, cx: &Ctx, base: Date) -> Injection {
    let mut i = therapeutic(cx, base.min(cx.t.last));
    let contraindicated = cx.s.inject == Inject::Contraindicated;
    i.status = Some(if contraindicated { "contraindicated" } else { "declined" });
    let note = if contraindicated {
        rng.pick(&[
            "Not given: anticoagulation for atrial fibrillation cannot be interrupted.",
            "Not given: on a direct oral anticoagulant after a recent pulmonary embolism.",
        ])
    } else {
        rng.pick(&[
            "Offered; the patient declined after a previous steroid flare.",
            "Offered at review and declined: needle phobia.",
            "Declined; prefers to discuss surgery first.",
        ])
    };
    i.note = Some(note.to_string());
    i
}

/// Neither therapeutic nor diagnostic of anything: trigger points,
/// hyaluronic acid, a nerve block that gave little relief.
fn other_kind(rng: &mut Rng, cx: &Ctx, base: Date) -> Injection {
    let (kind, level) = cx.r.other_injection;
    Injection {
        date: known_by(cx, base, RESULT_DAYS),
        kind,
        status: None,
        level: cx.f(level),
        guidance: if kind == "trigger-point" {
            "landmark"
        } else {
            cx.r.guidance
        },
        relief_percent: Some(rng.range(10, 60)),
        relief_weeks: Some(rng.pick(&[1.0, 2.0, 3.0])),
        resumed_pt: None,
        note: Some("Offered while awaiting further review.".to_string()),
    }
}

/// Dual comparative medial branch blocks, both positive and both known.
fn blocks(rng: &mut Rng, cx: &Ctx, base: Date) -> Vec<Injection> {
    let level = cx.f(cx.c.block.unwrap_or("medial branches"));
    let gap = rng.range(7, 12);
    let first = known_by(cx, base, RESULT_DAYS + gap + rng.range(0, 10));
    let second = day(first, gap);
    let block = |date: Date, percent: i64, note: &str| Injection {
        date,
        kind: "medial-branch-block",
        status: None,
        level: level.clone(),
        guidance: "fluoroscopy",
        relief_percent: Some(percent),
        relief_weeks: None,
        resumed_pt: None,
        note: Some(note.to_string()),
    };
    vec![
        block(
            first,
            rng.range(80, 95),
            "Lidocaine: relief for about two hours on the pain diary.",
        ),
        block(
            second,
            rng.range(80, 90),
            "Bupivacaine: relief for about six hours on the pain diary, concordant with the longer-acting anaesthetic.",
        ),
    ]
}
