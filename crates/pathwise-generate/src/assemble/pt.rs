//! Physical therapy: one or two conservative courses (the second after a
//! second opinion), as the scenario's PT mode has them.

use super::*;

pub(super) fn add(rng: &mut Rng, cx: &Ctx, d: &mut Draft) {
    let s = &cx.s;
    if s.pt == PtMode::None {
        return;
    }
    let (span, last, start) = (cx.t.span, cx.t.last, cx.t.pt_start);
    let two = s.long && span >= 90 && rng.chance(40);
    let first_len = if two {
        rng.range(35, (span / 2).max(36))
    } else {
        rng.range(span * 6 / 10, span)
    };
    let first_end = day(start, first_len).min(last);
    // low adherence by attendance needs an ended course
    let attendance_low = s.pt == PtMode::LowAdherence && rng.chance(50);
    let open = !two && !attendance_low && rng.chance(25);
    let end = if open { None } else { Some(first_end) };
    d.pt.push(course(rng, cx, start, end, attendance_low));
    if two {
        let start2 = day(first_end, rng.range(5, 14)).min(day(last, -14));
        let end2 = if rng.chance(30) { None } else { Some(last) };
        let mut c2 = course(rng, cx, start2, end2, false);
        c2.provider = rng.pick(PROVIDERS);
        c2.second_opinion = Some(true);
        c2.note = Some(format!("Second opinion: {}", lower_first(rng.pick(cx.r.pt_notes))));
        d.pt.push(c2);
    }
}

/// Sessions planned for a course: its frequency times its weeks.
pub(super) fn sessions(frequency: f64, start: Date, end: Date) -> u32 {
    let weeks = (span_days(start, end) as f64 / 7.0).max(1.0);
    (frequency * weeks).round().clamp(4.0, 36.0) as u32
}

/// Adherence, attendance and barriers for the PT mode.
fn adherence(
    rng: &mut Rng,
    mode: PtMode,
    planned: u32,
    attendance_low: bool,
) -> (Option<&'static str>, u32, Vec<&'static str>) {
    match mode {
        PtMode::LowAdherence if attendance_low => (
            Some("partial"),
            planned * rng.range(30, 60) as u32 / 100,
            rng.some_n(BARRIERS, 1, 3),
        ),
        PtMode::LowAdherence => (
            Some(rng.pick(&["low", "low", "none"])),
            (planned * rng.range(50, 100) as u32 / 100).max(1),
            rng.some_n(BARRIERS, 1, 3),
        ),
        PtMode::Passive => (None, (planned * rng.range(75, 100) as u32).div_ceil(100), Vec::new()),
        _ => (
            Some(rng.pick(&["good", "good", "partial"])),
            (planned * rng.range(75, 100) as u32).div_ceil(100),
            if rng.chance(15) {
                vec![rng.pick(BARRIERS)]
            } else {
                Vec::new()
            },
        ),
    }
}

fn modalities(rng: &mut Rng, mode: PtMode) -> Vec<&'static str> {
    if mode == PtMode::Passive {
        return rng.some_n(PASSIVE, 1, 3);
    }
    let mut m = vec!["exercise"];
    if rng.chance(60) {
        m.push("education");
    }
    m.extend(rng.some_n(PASSIVE, 0, 2));
    if rng.chance(10) {
        m.push("aquatic");
    }
    m
}

fn course_note(rng: &mut Rng, cx: &Ctx) -> Option<String> {
    let note = match cx.s.pt {
        PtMode::Passive => rng.pick(&[
            "Heat, TENS and massage at each visit; no exercise prescribed.",
            "Passive treatment only; the patient preferred hands-on care.",
            "Ultrasound and traction; home exercises not issued.",
        ]),
        PtMode::LowAdherence => rng.pick(&[
            "Home programme done about once a week.",
            "Missed several sessions; exercises felt pointless to the patient.",
            "Reports no time for the home exercises between shifts.",
        ]),
        _ => rng.pick(cx.r.pt_notes),
    };
    rng.chance(90).then(|| note.to_string())
}

/// A conservative course; an open one is planned up to the last review and
/// records when its outcome was charted (`response_on`).
fn course(rng: &mut Rng, cx: &Ctx, start: Date, end: Option<Date>, attendance_low: bool) -> PtCourse {
    let last = cx.t.last;
    let frequency = rng.pick(&[1.0, 1.5, 2.0, 2.0, 3.0]);
    let planned = sessions(frequency, start, end.unwrap_or(last));
    let (adherence, attended, barriers) = adherence(rng, cx.s.pt, planned, attendance_low);
    let modalities = modalities(rng, cx.s.pt);
    let response = if cx.s.pt_good {
        rng.pick(&["good", "good", "resolved"])
    } else {
        rng.pick(&["none", "partial", "partial", "none", "worse"])
    };
    let response_on = (end.is_none() && rng.chance(70)).then(|| day(last, -rng.range(0, 3)).max(start));
    PtCourse {
        start,
        end,
        post_op: false,
        provider: rng.pick(PROVIDERS),
        second_opinion: None,
        planned,
        attended: attended.min(planned),
        frequency,
        modalities,
        adherence,
        barriers,
        response,
        response_on,
        note: course_note(rng, cx),
    }
}
