//! Consults and surgery: the referral the review makes, consults along the
//! way, studies booked after the review (greyed), surgery with its
//! post-operative course, and the first primary-care visit.

use super::assessment::Series;
use super::series::spread;
use super::*;

pub(super) fn add(rng: &mut Rng, cx: &Ctx, d: &mut Draft) {
    let last = cx.t.last;
    match cx.arch {
        Arch::Emergency | Arch::RedFlags | Arch::Progressive | Arch::DenseWeakness => referral(rng, cx, d),
        Arch::ReadyLesion | Arch::ReadyInstability | Arch::ReadyIntractable | Arch::ReadyAcute => ready(rng, cx, d),
        Arch::ReadyMyelopathy | Arch::ReadyEntrapment => {
            let outcome = "Seen at review: referral for a surgical opinion.".to_string();
            d.consult.push(consult(
                last,
                rng.pick(&["physiatry", "sports-medicine"]),
                outcome,
                false,
            ));
        }
        Arch::SuspectedMyelopathy => {
            let outcome =
                "Suspected cervical myelopathy: MRI of the cervical spine requested; PT on hold; no neck manipulation.";
            d.consult.push(consult(last, "physiatry", outcome.to_string(), false));
        }
        Arch::PositiveBlocks => blocks(rng, cx, d),
        Arch::NoTarget if rng.chance(50) => {
            let outcome = "Interventional and multidisciplinary pain management; not a surgical candidate.".to_string();
            d.consult
                .push(consult(day(last, rng.range(7, 21)), "pain-medicine", outcome, true));
        }
        Arch::LowAdherence | Arch::Lifestyle | Arch::Passive | Arch::Psychosocial | Arch::Plateau if rng.chance(25) => {
            let outcome = match cx.arch {
                Arch::Plateau => "Agreed to continue the programme and review in six weeks.",
                _ => "Advised a revised, supervised exercise plan.",
            };
            let specialty = rng.pick(&["physiatry", "sports-medicine", "physical-therapy"]);
            d.consult.push(consult(
                cx.t.at(rng.range(40, 95)),
                specialty,
                outcome.to_string(),
                false,
            ));
        }
        _ => {}
    }
    let booked = cx.arch == Arch::ImagingToCome && rng.chance(50);
    if (cx.s.future_mri || booked) && !d.imaged() {
        d.workup.push(workup::future_mri(cx, day(last, rng.range(1, 10))));
    }
}

fn consult(date: Date, specialty: &'static str, outcome: String, future: bool) -> Consult {
    Consult {
        date,
        specialty,
        outcome,
        future,
    }
}

/// Seen the same day for red flags or a deficit; sometimes urgent surgery
/// follows after the review.
fn referral(rng: &mut Rng, cx: &Ctx, d: &mut Draft) {
    let (r, last) = (cx.r, cx.t.last);
    let specialty = if r.spinal {
        rng.pick(&["spine-surgery", "neurosurgery"])
    } else {
        r.surgeon
    };
    let outcome = match (cx.s.flags, r.spinal) {
        (Flags::Emergency, true) => "Seen the same day: emergency MRI and decompression to be considered.",
        (Flags::Emergency, false) => "Seen the same day in the emergency department.",
        (_, true) => "Seen the same day: urgent MRI and decompression to be considered.",
        _ => "Seen the same day for urgent investigation.",
    };
    d.consult.push(consult(last, specialty, outcome.to_string(), false));
    if r.spinal && cx.c.surgical && !cx.c.surgery.is_empty() && rng.chance(35) {
        d.surgery.push(Surgery {
            date: day(last, rng.range(1, 3)),
            procedure: format!("Urgent {}", lower_first(&cx.f(cx.c.surgery))),
            note: None,
            future: true,
        });
    }
}

fn ready(rng: &mut Rng, cx: &Ctx, d: &mut Draft) {
    if rng.chance(30) {
        if let Some(first) = d.injection.first() {
            let outcome = format!("Recommended a {} injection.", injection_words(first.kind));
            let date = day(first.date, -rng.range(3, 10)).max(cx.t.c0);
            d.consult.push(consult(date, "pain-medicine", outcome, false));
        }
    }
    if rng.chance(45) {
        let date = day(cx.t.last, rng.range(7, 28));
        d.consult.push(consult(
            date,
            cx.r.surgeon,
            "Surgical opinion booked.".to_string(),
            true,
        ));
    }
}

fn blocks(rng: &mut Rng, cx: &Ctx, d: &mut Draft) {
    if let Some(first) = d.injection.first() {
        let date = day(first.date, -rng.range(5, 14)).max(cx.t.c0);
        let outcome = "Dual comparative medial branch blocks; radiofrequency ablation if both are positive.";
        d.consult
            .push(consult(date, "pain-medicine", outcome.to_string(), false));
    }
    if rng.chance(60) {
        let outcome = "Both blocks positive: medial branch radiofrequency ablation to be booked.";
        d.consult
            .push(consult(cx.t.last, "pain-medicine", outcome.to_string(), false));
    }
}

/// Listed, operated on, then a structured post-operative PT course; the
/// case is reviewed at its last post-operative assessment.
pub(super) fn surgery(rng: &mut Rng, cx: &Ctx, series: &Series, d: &mut Draft) {
    let last = cx.t.last;
    let sx = day(last, rng.range(10, 35));
    let procedure = cx.f(cx.c.surgery);
    let listed = format!("Listed for {}.", lower_first(&procedure));
    d.consult
        .push(consult(day(last, rng.range(2, 8)), cx.r.surgeon, listed, false));
    let note = rng.pick(&[
        "Uncomplicated; discharged the next day.",
        "Procedure as planned; day case.",
        "No intraoperative complications.",
    ]);
    d.surgery.push(Surgery {
        date: sx,
        procedure: procedure.clone(),
        note: Some(note.to_string()),
        future: false,
    });
    d.medication.push(Medication {
        start: sx,
        end: Some(day(sx, rng.range(7, 21))),
        drug: "acetaminophen",
        class: Some("acetaminophen"),
        dose: "1 g four times daily",
        target: "general",
        response: "good",
        response_on: None,
        side_effects: None,
        note: Some("Post-operative analgesia."),
    });
    let post_start = day(sx, rng.range(10, 21));
    let post_last = day(post_start, rng.range(42, 84));
    let dates = spread(rng, post_start, post_last, series.post_n);
    post_op_assessments(rng, cx, series, &dates, d);
    let end = dates.last().copied().unwrap_or(post_last);
    d.pt.push(post_op_course(rng, cx, &procedure, post_start, post_last, end));
    d.as_of = end;
}

fn post_op_assessments(rng: &mut Rng, cx: &Ctx, series: &Series, dates: &[Date], d: &mut Draft) {
    let inst = cx.r.instrument;
    let m = dates.len() as i64;
    let (p_from, f_from) = (series.last_pain, series.last_function);
    for (k, &date) in dates.iter().enumerate() {
        let t = k as i64 + 1;
        let latest = t == m;
        let pain = (p_from - (p_from - rng.range(0, 2)) * t / m).clamp(0, 10);
        let goal = if inst.higher_better {
            inst.hi - rng.range(2, 8) * inst.hi / 40
        } else {
            rng.range(2, 8) * inst.hi / 40
        };
        let grade = if latest { 5 } else { 4.max(series.base_grade) };
        let strength = if series.record_strength {
            series.muscles.iter().map(|m| (m.clone(), grade)).collect()
        } else {
            Vec::new()
        };
        let note = latest.then(|| rng.pick(&POST_OP_NOTES).to_string());
        d.assessment.push(Assessment {
            date,
            pain,
            function: Some((f_from + (goal - f_from) * t / m).clamp(0, inst.hi)),
            strength,
            numbness: (series.numbness && latest).then(Vec::new),
            red_flags: latest.then(Vec::new),
            mjoa: None,
            myelopathy_signs: Vec::new(),
            instability: None,
            note,
        });
    }
}

const POST_OP_NOTES: [&str; 4] = [
    "Back at work on modified duties.",
    "Walking without an aid; sleeping through the night.",
    "Full range regained; strength improving.",
    "Pleased with progress; independent with the home programme.",
];

fn post_op_course(rng: &mut Rng, cx: &Ctx, procedure: &str, start: Date, planned_to: Date, end: Date) -> PtCourse {
    let frequency = rng.pick(&[2.0, 2.0, 1.5, 3.0]);
    let planned = pt::sessions(frequency, start, planned_to);
    let open = rng.chance(30);
    PtCourse {
        start,
        end: (!open).then_some(end),
        post_op: true,
        provider: rng.pick(PROVIDERS),
        second_opinion: None,
        planned,
        attended: (planned * rng.range(80, 100) as u32 / 100).max(1),
        frequency,
        modalities: vec!["exercise", "education"],
        adherence: Some("good"),
        barriers: Vec::new(),
        response: "good",
        response_on: open.then_some(end),
        note: Some(format!(
            "Post-operative protocol after {}: {}",
            lower_first(procedure),
            lower_first(rng.pick(cx.r.pt_notes))
        )),
    }
}

/// The first primary-care visit (written now, or kept to pad a short
/// file) and the examination notes left over.
pub(super) fn padding(rng: &mut Rng, cx: &Ctx, series: &Series, d: &mut Draft) {
    let no_pt = cx.s.pt == PtMode::None;
    let outcome = if no_pt {
        "Primary care: advice and simple analgesia; physical therapy not yet arranged.".to_string()
    } else {
        format!(
            "Primary care: {} and referral to physical therapy.",
            rng.pick(&["advice to keep active", "simple analgesia", "activity modification"])
        )
    };
    let visit = consult(
        day(cx.t.onset, rng.range(1, cx.t.delay.max(1))),
        "other",
        outcome,
        false,
    );
    if no_pt || rng.chance(50) {
        d.consult.insert(0, visit);
    } else {
        d.first_visit = Some(visit);
    }
    d.spare_notes = series.spare_notes.clone();
}
