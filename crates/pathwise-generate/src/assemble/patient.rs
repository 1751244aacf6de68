//! The patient and the presentation: who, what they complain of, how they
//! live, their psychosocial risk and what a surgeon would need to know
//! (HbA1c, BMI, anticoagulation).

use super::*;

const SEXES: [&str; 20] = [
    "female", "male", "female", "male", "female", "male", "female", "male", "female", "male", "female", "male",
    "female", "male", "female", "male", "female", "male", "other", "unknown",
];

/// A draft with the patient, presentation, lifestyle and psychosocial
/// tables filled in and every event table empty.
pub(super) fn draft(rng: &mut Rng, cx: &Ctx, index: usize) -> Draft {
    let patient = patient(rng, cx, index);
    let pain_quality = pain_quality(rng, cx.c.neuro, cx.r.spinal);
    let localized_spasm = (cx.r.spinal && !cx.c.neuro && rng.chance(50)).then_some(true);
    let lifestyle = lifestyle(rng, cx);
    let psychosocial = psychosocial(rng, cx);
    Draft {
        id: format!("gen-{index:06}-{}-{}", cx.r.region, cx.c.slug),
        title: String::new(),
        region: cx.r.region,
        tags: Vec::new(),
        summary: String::new(),
        teaching: Vec::new(),
        as_of: cx.t.last,
        patient,
        onset: cx.t.onset,
        complaint: cx.f(cx.c.complaint),
        initial: cx.f(cx.c.initial),
        working: None,
        pain_quality,
        localized_spasm,
        claudication: cx.c.claudication.then_some(true),
        lifestyle,
        psychosocial,
        instrument: cx.r.instrument.name,
        pt: Vec::new(),
        workup: Vec::new(),
        medication: Vec::new(),
        injection: Vec::new(),
        consult: Vec::new(),
        surgery: Vec::new(),
        assessment: Vec::new(),
        first_visit: None,
        spare_notes: Vec::new(),
    }
}

fn patient(rng: &mut Rng, cx: &Ctx, index: usize) -> Patient {
    let age = rng.range(cx.c.ages.0, cx.c.ages.1);
    let sex = rng.pick(&SEXES);
    let occupation = rng.chance(85).then(|| {
        let job = rng.pick(OCCUPATIONS);
        if age >= 67 {
            format!("retired {job}")
        } else if age < 19 {
            "student".to_string()
        } else {
            job.to_string()
        }
    });
    // what the surgeon needs to know: cautions, never a change of verdict
    let hba1c = rng.chance(18).then(|| f64::from(rng.range(52, 102) as u32) / 10.0);
    let bmi = rng.chance(30).then(|| f64::from(rng.range(190, 460) as u32) / 10.0);
    let contraindicated = cx.s.inject == Inject::Contraindicated;
    let anticoagulant = if contraindicated || rng.chance(6) {
        Some(true)
    } else {
        rng.chance(10).then_some(false)
    };
    Patient {
        alias: format!("Case {}", index + 1),
        age,
        sex,
        occupation,
        hba1c,
        bmi,
        anticoagulant,
    }
}

fn pain_quality(rng: &mut Rng, neuro: bool, spinal: bool) -> Vec<&'static str> {
    let mut q = Vec::new();
    if neuro {
        q.extend(rng.some_n(&["burning", "tingling", "shooting", "electric"], 1, 2));
        if rng.chance(50) {
            q.push("aching");
        }
    } else {
        q.extend(rng.some_n(&["aching", "sharp", "stiffness", "cramping"], 1, 2));
        if spinal && rng.chance(20) {
            q.push("stiffness");
            q.dedup();
        }
    }
    q
}

fn lifestyle(rng: &mut Rng, cx: &Ctx) -> Option<Lifestyle> {
    if cx.s.lifestyle_poor {
        let (sleep, nutrition) = rng.pick(&[("poor", "fair"), ("poor", "poor"), ("fair", "poor"), ("poor", "good")]);
        return Some(Lifestyle {
            sleep,
            nutrition,
            smoking: rng.chance(40),
            note: Some(rng.pick(LIFESTYLE_NOTES)),
        });
    }
    rng.chance(80).then(|| Lifestyle {
        sleep: rng.pick(&["good", "fair"]),
        nutrition: rng.pick(&["good", "fair", "good"]),
        smoking: rng.chance(15),
        note: rng.chance(50).then(|| rng.pick(LIFESTYLE_GOOD_NOTES)),
    })
}

/// STarT Back for the spine and pelvis; fear avoidance and catastrophizing
/// wherever they are high.
fn psychosocial(rng: &mut Rng, cx: &Ctx) -> Option<Psychosocial> {
    let start_back = cx.r.spinal || cx.r.region == "other";
    match cx.s.psycho {
        Psycho::None => None,
        Psycho::Low => {
            let total = rng.range(0, 3);
            Some(Psychosocial {
                total: Some(total),
                subscale: Some(rng.range(0, total.min(2))),
                fear_avoidance: false,
                catastrophizing: false,
                note: rng.chance(40).then(|| rng.pick(PSYCHOSOCIAL_LOW_NOTES)),
            })
        }
        Psycho::High => {
            let subscale = rng.range(4, 5);
            let fear = rng.chance(70);
            Some(Psychosocial {
                total: start_back.then(|| rng.range(subscale + 1, 9)),
                subscale: start_back.then_some(subscale),
                fear_avoidance: fear || !start_back,
                catastrophizing: rng.chance(50),
                note: Some(rng.pick(PSYCHOSOCIAL_HIGH_NOTES)),
            })
        }
    }
}
