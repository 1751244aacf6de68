//! Pharmacology: a first drug for the region, a neuropathic agent where the
//! scenario has one, sometimes a second plain drug.

use super::*;

type Drug = (&'static str, &'static str, &'static str, &'static str);

pub(super) fn add(rng: &mut Rng, cx: &Ctx, d: &mut Draft) {
    let (s, t) = (&cx.s, &cx.t);
    if s.meds == Meds::None {
        return;
    }
    let first_start = if t.meds_first {
        t.c0
    } else {
        day(t.c0, rng.range(0, t.span / 3))
    };
    let pool: &[Drug] = if cx.r.spinal && !cx.c.neuro && rng.chance(40) {
        RELAXANTS
    } else if !cx.r.spinal && rng.chance(30) {
        TOPICALS
    } else {
        NSAIDS
    };
    let m = rng.pick(pool);
    d.medication.push(med(rng, cx, m, first_start));
    if s.meds == Meds::Neuro {
        let start = if s.imaging.advanced() {
            day(t.img_date, rng.range(1, 14)).min(t.last)
        } else {
            t.at(rng.range(30, 70))
        };
        let m = rng.pick(NEURO_AGENTS);
        let mut agent = med(rng, cx, m, start);
        if !cx.c.neuro {
            // duloxetine or a TCA for chronic musculoskeletal pain
            agent.target = "general";
        }
        d.medication.push(agent);
    } else if rng.chance(25) {
        let start = t.at(rng.range(20, 80));
        let m = rng.pick(&[NSAIDS[6], RELAXANTS[0], TOPICALS[0]]);
        if m.0 != d.medication[0].drug {
            d.medication.push(med(rng, cx, m, start));
        }
    }
    // intractable pain needs a failed trial of at least two weeks on file
    if s.pain == Pain::Intractable && !matches!(d.medication[0].response, "none" | "partial" | "worse") {
        d.medication[0].response = "partial";
    }
}

fn response(rng: &mut Rng, pain: Pain) -> &'static str {
    match pain {
        Pain::Improving => rng.pick(&["good", "partial"]),
        Pain::Intractable => rng.pick(&["none", "partial"]),
        _ => rng.pick(&[
            "partial", "none", "partial", "good", "partial", "none", "good", "partial", "none", "worse",
        ]),
    }
}

const MED_NOTES: [&str; 5] = [
    "Taken regularly as prescribed.",
    "Taken only on bad days.",
    "Dose titrated up over two weeks.",
    "Helped sleep more than pain.",
    "Stopped early; the patient disliked taking tablets.",
];

/// One drug from `start`; an open prescription sometimes records when its
/// response was charted (`response_on`).
fn med(rng: &mut Rng, cx: &Ctx, m: Drug, start: Date) -> Medication {
    let last = cx.t.last;
    let end = day(start, rng.range(14, 70));
    let end = (end <= last && rng.chance(60)).then_some(end);
    let charted = day(start, rng.range(14, 42)).min(last);
    let response_on = (end.is_none() && charted > start && rng.chance(35)).then_some(charted);
    Medication {
        start,
        end,
        drug: m.0,
        // the formulary knows every drug here; leave class out half the time
        class: (rng.chance(50) || m.1 == "other").then_some(m.1),
        dose: m.2,
        target: m.3,
        response: response(rng, cx.s.pain),
        response_on,
        side_effects: rng.chance(20).then(|| rng.pick(SIDE_EFFECTS)),
        note: rng.chance(25).then(|| rng.pick(&MED_NOTES)),
    }
}
