//! Helpers for the draft: expected verdicts, courses, medications, measures over time.

use super::*;

/// The band the rules should give, from what the scenario put in play.
pub(super) fn expected_band(arch: Arch, s: &Scenario, c: &Cond) -> &'static str {
    match arch {
        Arch::RedFlags | Arch::Progressive => "urgent",
        Arch::ReadyLesion | Arch::ReadyInstability | Arch::ReadyIntractable => "ready",
        Arch::PostOp => "post-op",
        _ => {
            let failure = s.long && s.pain != Pain::Improving && s.pt != PtMode::None;
            let indication = matches!(s.imaging, Imaging::Severe | Imaging::PlainSevere)
                && !c.severe.is_empty()
                && c.lesion_severe != "other";
            if failure || indication {
                "approaching"
            } else {
                "not-ready"
            }
        }
    }
}

/// Sessions planned for a course: its frequency times its weeks.
pub(super) fn sessions(frequency: f64, start: Date, end: Date) -> u32 {
    let weeks = (span_days(start, end) as f64 / 7.0).max(1.0);
    (frequency * weeks).round().clamp(4.0, 36.0) as u32
}

/// A conservative course; `until` bounds an open course's planned length.
pub(super) fn course(
    rng: &mut Rng,
    r: &RegionInfo,
    s: &Scenario,
    start: Date,
    end: Option<Date>,
    until: Date,
    attendance_low: bool,
) -> PtCourse {
    let frequency = rng.pick(&[1.0, 1.5, 2.0, 2.0, 3.0]);
    let planned = sessions(frequency, start, end.unwrap_or(until));
    let (adherence, attended, barriers) = match s.pt {
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
    };
    let modalities = if s.pt == PtMode::Passive {
        rng.some_n(PASSIVE, 1, 3)
    } else {
        let mut m = vec!["exercise"];
        if rng.chance(60) {
            m.push("education");
        }
        m.extend(rng.some_n(PASSIVE, 0, 2));
        if rng.chance(10) {
            m.push("aquatic");
        }
        m
    };
    let response = if s.pt_good {
        "good"
    } else {
        rng.pick(&["none", "partial", "partial", "none", "worse"])
    };
    let note = if rng.chance(90) {
        Some(match s.pt {
            PtMode::Passive => rng
                .pick(&[
                    "Heat, TENS and massage at each visit; no exercise prescribed.",
                    "Passive treatment only; the patient preferred hands-on care.",
                    "Ultrasound and traction; home exercises not issued.",
                ])
                .to_string(),
            PtMode::LowAdherence => rng
                .pick(&[
                    "Home programme done about once a week.",
                    "Missed several sessions; exercises felt pointless to the patient.",
                    "Reports no time for the home exercises between shifts.",
                ])
                .to_string(),
            _ => rng.pick(r.pt_notes).to_string(),
        })
    } else {
        None
    };
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
        note,
    }
}

pub(super) fn med(
    rng: &mut Rng,
    s: &Scenario,
    m: (&'static str, &'static str, &'static str, &'static str),
    start: Date,
    last: Date,
) -> Medication {
    let len = rng.range(14, 70);
    let end = day(start, len);
    let response = match s.pain {
        Pain::Improving => rng.pick(&["good", "partial"]),
        Pain::Intractable => rng.pick(&["none", "partial"]),
        _ => rng.pick(&[
            "partial", "none", "partial", "good", "partial", "none", "good", "partial", "none", "worse",
        ]),
    };
    Medication {
        start,
        end: (end <= last && rng.chance(60)).then_some(end),
        drug: m.0,
        // the formulary knows every drug here; leave class out half the time
        class: (rng.chance(50) || m.1 == "other").then_some(m.1),
        dose: m.2,
        target: m.3,
        response,
        side_effects: rng.chance(20).then(|| rng.pick(SIDE_EFFECTS)),
        note: rng.chance(35).then(|| {
            rng.pick(&[
                "Taken regularly as prescribed.",
                "Taken only on bad days.",
                "Dose titrated up over two weeks.",
                "Helped sleep more than pain.",
                "Stopped early; the patient disliked taking tablets.",
            ])
        }),
    }
}

pub(super) fn nerve_findings(rng: &mut Rng, r: &RegionInfo, c: &Cond, side: &str) -> String {
    let nerve = fill(c.nerve, side, c.level);
    if r.spinal {
        format!(
            "{} {nerve} radiculopathy: {} No evidence of a generalised peripheral neuropathy.",
            capitalize(side),
            rng.pick(&[
                "chronic neurogenic changes in the myotome with no active denervation.",
                "active denervation in the myotome including the paraspinals.",
                "mild chronic reinnervation changes only.",
            ])
        )
    } else {
        format!(
            "{} {nerve} neuropathy at the {}: {}",
            capitalize(side),
            c.level,
            rng.pick(&[
                "moderate slowing across the site, no denervation.",
                "mild sensory slowing only.",
                "prolonged latencies with reduced amplitudes.",
            ])
        )
    }
}

pub(super) fn article(word: &str) -> &'static str {
    if word.starts_with(['a', 'e', 'i', 'o', 'u']) {
        "An"
    } else {
        "A"
    }
}

pub(super) fn injection_words(kind: &str) -> &'static str {
    match kind {
        "epidural-steroid" => "epidural steroid",
        "facet-steroid" => "facet joint steroid",
        "joint-steroid" => "joint steroid",
        "soft-tissue-steroid" => "guided steroid",
        "prp" => "platelet-rich plasma",
        _ => "guided",
    }
}

/// `n` increasing dates from `a` to `b` (inclusive), roughly evenly spaced.
pub(super) fn spread(rng: &mut Rng, a: Date, b: Date, n: usize) -> Vec<Date> {
    let total = span_days(a, b).max(0);
    if n <= 1 {
        return vec![b];
    }
    let mut out = Vec::with_capacity(n);
    let mut prev = -1i64;
    for k in 0..n {
        let ideal = total * k as i64 / (n as i64 - 1);
        let gap = total / (n as i64 - 1);
        let jitter = if k == 0 || k + 1 == n || gap < 6 {
            0
        } else {
            rng.range(-2, 2)
        };
        let mut d = (ideal + jitter).clamp(0, total);
        if d <= prev {
            d = prev + 1;
        }
        prev = d;
        out.push(day(a, d.min(total.max(d))));
    }
    out
}

pub(super) fn pain_series(rng: &mut Rng, p: Pain, n: usize) -> Vec<i64> {
    let (first, last) = match p {
        Pain::Flat => {
            let a = rng.range(4, 8);
            (a, (a + rng.range(-1, 2)).clamp(0, 10))
        }
        Pain::Capped => {
            let a = rng.range(4, 7);
            (a, (a + rng.range(-1, 1)).clamp(a - 1, 6))
        }
        Pain::Intractable => (rng.range(7, 8), rng.range(7, 9)),
        Pain::Improving => {
            let a = rng.range(5, 8);
            (a, (a - rng.range(3, 5)).max(0))
        }
        Pain::Worse => {
            let a = rng.range(5, 8);
            (a, (a + rng.range(0, 2)).min(10))
        }
    };
    let mut out = Vec::with_capacity(n);
    for k in 0..n {
        let v = if k == 0 {
            first
        } else if k + 1 == n {
            last
        } else {
            let base = first + (last - first) * k as i64 / (n as i64 - 1);
            base + rng.range(-1, 1)
        };
        let v = if p == Pain::Intractable {
            v.clamp(7, 10)
        } else {
            v.clamp(0, 10)
        };
        out.push(v);
    }
    out
}

/// Scores of the function instrument: no clinically important change unless
/// the case is improving.
pub(super) fn function_series(rng: &mut Rng, inst: Instrument, p: Pain, n: usize) -> Vec<i64> {
    let mcid_up = inst.mcid.ceil() as i64;
    let half = (inst.mcid / 2.0).floor() as i64;
    let b0 = rng.range(inst.start.0, inst.start.1);
    let b_last = match p {
        Pain::Improving => (b0 - mcid_up - rng.range(0, mcid_up)).max(0),
        Pain::Worse => (b0 + rng.range(0, 2 * mcid_up)).min(inst.hi),
        _ => (b0 + rng.range(-half, mcid_up)).clamp(0, inst.hi),
    };
    let to_score = |b: i64| {
        let b = b.clamp(0, inst.hi);
        if inst.higher_better { inst.hi - b } else { b }
    };
    let noise = (inst.mcid / 3.0).floor() as i64;
    (0..n)
        .map(|k| {
            if k == 0 {
                to_score(b0)
            } else if k + 1 == n {
                to_score(b_last)
            } else {
                to_score(b0 + (b_last - b0) * k as i64 / (n as i64 - 1) + rng.range(-noise, noise))
            }
        })
        .collect()
}

pub(super) fn pain_quality(rng: &mut Rng, neuro: bool, spinal: bool) -> Vec<&'static str> {
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

pub(super) const LIFESTYLE_GOOD_NOTES: &[&str] = &[
    "Walks the dog twice a day.",
    "Sleeps about seven hours; cooks at home most days.",
    "Plays five-a-side football weekly when well.",
    "Cycles to work; drinks little alcohol.",
    "Gardens at weekends; no sleep problems.",
];

pub(super) const LIFESTYLE_NOTES: &[&str] = &[
    "Sleeps four to five hours on rotating night shifts.",
    "Skips meals and relies on takeaways; recent weight gain of 8 kg.",
    "Caring for a newborn; broken sleep every night.",
    "Wakes with pain three times a night; drinks six cups of coffee a day.",
    "Lives alone, eats little fresh food since a bereavement.",
];
