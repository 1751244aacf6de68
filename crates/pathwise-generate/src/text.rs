//! Titles, summaries and teaching points.

use super::*;

pub(super) fn title_for(
    rng: &mut Rng,
    arch: Arch,
    cond: &str,
    weeks: i64,
    surgery: &str,
    muscle: Option<&str>,
) -> String {
    let muscle = muscle.unwrap_or("leg");
    let options: Vec<String> = match arch {
        Arch::RedFlags => vec![
            format!("{cond} with new red flags at review"),
            format!("{cond}: red flags after {weeks} weeks"),
        ],
        Arch::Progressive => vec![
            format!("{cond} with worsening {muscle} weakness"),
            format!("{cond}, deficit progressing during PT"),
        ],
        Arch::ReadyLesion => vec![
            format!("{cond}, {weeks} weeks of failed conservative care"),
            format!("{cond} unchanged after {weeks} weeks of PT"),
        ],
        Arch::ReadyInstability => vec![
            format!("{cond}, instability on imaging after {weeks} weeks"),
            format!("{cond} with dynamic instability, failed PT"),
        ],
        Arch::ReadyIntractable => vec![
            format!("{cond}, intractable pain despite medication and injection"),
            format!("{cond}: pain 7+ after a failed injection"),
        ],
        Arch::PostOp => vec![
            format!("{cond}, {} and post-op rehab", lower_first(surgery)),
            format!("{cond} after {}", lower_first(surgery)),
        ],
        Arch::NoPt => vec![
            format!("{cond}, seen before any physical therapy"),
            format!("{cond}: first visit, no PT yet"),
        ],
        Arch::Improving => vec![
            format!("{cond} improving with PT"),
            format!("{cond}, steady gains over {weeks} weeks"),
        ],
        Arch::LowAdherence => vec![
            format!("{cond}, home programme rarely done"),
            format!("{cond} with missed PT sessions"),
        ],
        Arch::Lifestyle => vec![
            format!("{cond} with poor sleep slowing recovery"),
            format!("{cond}, shift work and poor diet"),
        ],
        Arch::Passive => vec![
            format!("{cond} on a passive-only PT plan"),
            format!("{cond}: heat and TENS without exercise"),
        ],
        Arch::NoImaging => vec![
            format!("{cond}, no advanced imaging yet"),
            format!("{cond} without MRI after {weeks} weeks"),
        ],
        Arch::NoNerveStudy => vec![
            format!("{cond}, neuropathic signs without a nerve study"),
            format!("{cond}: numbness but no NCS/EMG"),
        ],
        Arch::NoMeds => vec![
            format!("{cond}, no medication trial yet"),
            format!("{cond} managed without medication"),
        ],
        Arch::NeuroUntreated => vec![
            format!("{cond}, neuropathic pain on NSAIDs only"),
            format!("{cond}: burning pain without a neuropathic agent"),
        ],
        Arch::NoInjection => vec![
            format!("{cond}, no targeted injection yet"),
            format!("{cond}: medication and PT, no injection"),
        ],
        Arch::Plateau => vec![
            format!("{cond}, {weeks} weeks of care without change"),
            format!("{cond} plateaued despite full conservative care"),
        ],
    };
    options[rng.below(options.len())].clone()
}

#[allow(clippy::too_many_arguments)]
pub(super) fn summary_for(
    rng: &mut Rng,
    arch: Arch,
    s: &Scenario,
    age: i64,
    occupation: Option<&str>,
    complaint: &str,
    pt: &[PtCourse],
    workup: &[Workup],
    injection: &[Injection],
) -> String {
    let who = match occupation {
        Some(o) => format!("A {age}-year-old {o}"),
        None => format!("A patient aged {age}"),
    };
    let mut out = format!("{who} presented with {}.", lower_first(complaint));
    match pt.iter().find(|p| !p.post_op) {
        Some(p) => {
            let when = match p.end {
                Some(e) => format!("over {} weeks", (span_days(p.start, e) as f64 / 7.0).round()),
                None => "so far".to_string(),
            };
            let _ = write!(
                out,
                " {} of {} planned sessions of {} were attended {when}",
                p.attended,
                p.planned,
                modality_words(&p.modalities),
            );
            if pt.iter().filter(|c| !c.post_op).count() > 1 {
                out.push_str(" before a second course elsewhere");
            }
            out.push_str(match p.response {
                "good" | "resolved" => ", with steady improvement.",
                "partial" => ", with only partial benefit.",
                "worse" => ", and symptoms worsened.",
                _ => ", without meaningful change.",
            });
        }
        None => out.push_str(" No physical therapy has been started yet."),
    }
    let shown = workup
        .iter()
        .find(|w| !w.future && w.test != "xray" && w.lesion.is_some())
        .or_else(|| workup.iter().rev().find(|w| !w.future && w.test != "xray"));
    if let Some(w) = shown {
        let first = w
            .findings
            .split(". ")
            .next()
            .unwrap_or(&w.findings)
            .trim_end_matches('.');
        let _ = write!(out, " {}: {}.", test_words(w.test), lower_first(first));
    } else if workup.iter().any(|w| !w.future && w.test == "xray") {
        out.push_str(" Only plain radiographs have been taken.");
    } else {
        out.push_str(" No imaging has been done.");
    }
    if let Some(i) = injection.first() {
        let _ = write!(
            out,
            " {} {} injection gave {}.",
            article(injection_words(i.kind)),
            injection_words(i.kind),
            match i.relief_percent {
                Some(p) if p >= 50 => format!("{p} percent relief"),
                Some(p) => format!("only {p} percent relief"),
                None => "relief that was not recorded".to_string(),
            }
        );
    }
    let closing_pain = match (s.pain, pt.is_empty()) {
        (Pain::Improving, _) => "Pain and function scores have improved at each review.",
        (Pain::Worse, _) => "Pain and function scores have worsened.",
        (Pain::Intractable, _) => "Pain has stayed at 7 or more out of 10 throughout.",
        _ => "Pain and function scores have changed little.",
    };
    let _ = write!(out, " {closing_pain}");
    let closing: &[&str] = match arch {
        Arch::RedFlags => {
            &["At review new red-flag symptoms were reported and an urgent referral was made the same day."]
        }
        Arch::Progressive => &["Serial examination shows a worsening motor deficit despite treatment."],
        Arch::ReadyLesion | Arch::ReadyInstability | Arch::ReadyIntractable => &[
            "Conservative care has failed and the question is now a surgical opinion.",
            "Symptoms are unchanged and the patient asks about surgery.",
        ],
        Arch::PostOp => &["After surgery a structured post-operative PT course followed."],
        Arch::NoPt => &["The question is what to start with."],
        Arch::Improving => &["Pain and function are improving and the patient is keen to continue."],
        Arch::LowAdherence => &["Attendance and home exercise have been the main problem."],
        Arch::Lifestyle => &["Poor sleep and diet are holding back recovery."],
        Arch::Passive => &["The plan has relied on passive treatment without an active programme."],
        Arch::NoImaging => &["No advanced imaging has been ordered yet."],
        Arch::NoNerveStudy => &["Neuropathic symptoms have not been localised with a nerve study."],
        Arch::NoMeds => &["No medication has been tried so far."],
        Arch::NeuroUntreated => &["The neuropathic pain has not been treated with a neuropathic agent."],
        Arch::NoInjection => &["No targeted injection has been offered."],
        Arch::Plateau => &["Progress has plateaued despite a complete conservative programme."],
    };
    let _ = write!(out, " {}", rng.pick(closing));
    if s.lifestyle_poor && arch != Arch::Lifestyle {
        out.push_str(" Sleep is also poor.");
    }
    out
}

pub(super) fn modality_words(m: &[&str]) -> String {
    let active = m.iter().any(|x| matches!(*x, "exercise" | "aquatic" | "education"));
    if active {
        "exercise-based PT".to_string()
    } else {
        format!("{} only", m.join(", "))
    }
}

pub(super) fn test_words(t: &str) -> &'static str {
    match t {
        "mri" => "MRI",
        "ct" => "CT",
        "ultrasound" => "Ultrasound",
        "ncs-emg" => "NCS/EMG",
        "emg" => "EMG",
        "ncs" => "NCS",
        "flexion-extension-xray" => "Flexion-extension radiographs",
        "xray" => "Radiographs",
        _ => "Testing",
    }
}

pub(super) fn teaching_for(arch: Arch) -> &'static [&'static str] {
    match arch {
        Arch::RedFlags => &[
            "Red flags override the pathway: refer urgently without waiting for weeks of conservative care.",
            "Ask about bladder, bowel, saddle sensation, gait and systemic symptoms at every review, and record the answer.",
            "A red flag recorded on any assessment in play makes the band urgent with a score of 100.",
        ],
        Arch::Progressive => &[
            "A muscle graded lower at a later visit is a progressive deficit and an indication for prompt surgical review.",
            "Grade the same muscles at every visit so that a decline can be seen.",
            "A new area of numbness that was not recorded before also counts as progression.",
        ],
        Arch::ReadyLesion => &[
            "Surgeons typically ask for 6 to 12 weeks of documented failure of conservative care.",
            "A severe structural lesion on advanced imaging with documented failure meets the criteria for a surgical consult.",
            "Serial pain and function scores are what document failure; keep recording them.",
        ],
        Arch::ReadyInstability => &[
            "Instability is shown on dynamic or stress imaging; a static MRI alone can miss it.",
            "Structural instability with failed conservative care is an indication for a surgical opinion.",
            "Record the translation or laxity in numbers so a surgeon can compare.",
        ],
        Arch::ReadyIntractable => &[
            "Intractable pain means ratings of 7 or more despite a medication trial and a failed injection.",
            "A failed injection is one with under 50 percent relief or relief of under four weeks.",
            "Document relief in percent and weeks after every injection.",
        ],
        Arch::PostOp => &[
            "For a post-op case the rules show what the surgeon saw: the criteria as of the day before surgery.",
            "Post-operative rehabilitation is a new structured PT course; it does not count as conservative care.",
            "Compare the post-operative function scores with the pre-operative baseline.",
        ],
        Arch::NoPt => &[
            "Physical therapy is the conservative first line; start it before anything else unless there are red flags.",
            "An early structural finding does not replace a trial of conservative care.",
        ],
        Arch::Improving => &[
            "A fall in pain of 2 points or an MCID change in function is a clinically important improvement: keep going.",
            "Documented improvement means conservative care has not failed, whatever the imaging shows.",
        ],
        Arch::LowAdherence => &[
            "When PT is not working, check adherence first: time, distance and boredom are common barriers.",
            "Attendance below 70 percent of planned sessions is low adherence.",
            "A second opinion or a changed schedule often fixes adherence before any escalation.",
        ],
        Arch::Lifestyle => &[
            "Poor sleep and poor nutrition slow tissue recovery and raise pain sensitivity.",
            "Address lifestyle before concluding that PT has failed.",
        ],
        Arch::Passive => &[
            "A plan of passive modalities only is a plan mismatch: add active exercise.",
            "Heat, TENS and ultrasound can ease symptoms but do not restore capacity on their own.",
        ],
        Arch::NoImaging => &[
            "Plain radiographs are not advanced imaging; MRI or CT shows soft tissue, discs and subtle fractures.",
            "Order advanced imaging when PT is not working, before any decision on surgery.",
        ],
        Arch::NoNerveStudy => &[
            "Burning, tingling or shooting pain, numbness or weakness call for NCS/EMG to locate and grade the nerve lesion.",
            "A nerve study separates a root lesion from a peripheral entrapment.",
        ],
        Arch::NoMeds => &[
            "A medication trial can open a therapeutic window so that PT can progress.",
            "Topical anti-inflammatories or muscle relaxants suit localized pain and spasm.",
        ],
        Arch::NeuroUntreated => &[
            "Neuropathic pain responds poorly to NSAIDs; gabapentin, pregabalin, an SNRI or a TCA are the agents to try.",
            "Name the pain quality: burning, tingling, shooting and electric pain are neuropathic features.",
        ],
        Arch::NoInjection => &[
            "An image-guided corticosteroid injection can give weeks or months of relief and let PT resume.",
            "PRP is an option for tendons and ligaments where steroid is best avoided.",
        ],
        Arch::Plateau => &[
            "Failure of conservative care without instability, a severe lesion or intractable pain is not yet a surgical indication.",
            "Keep documenting: the picture may change, and the record is what a surgeon reviews.",
        ],
    }
}

pub(super) const GENERAL_TEACHING: &[&str] = &[
    "Every point of the readiness score names the rule and the dated events it rests on.",
    "Scoring is as of the review date: later events are shown greyed and ignored.",
    "Use the same function instrument at every visit so changes can be compared.",
    "Record sessions attended and the response for every PT course.",
];

pub(super) const EXTRA_TEACHING: &[&str] = &[
    "Review the whole pathway in order: physical therapy, re-evaluation, workup, pharmacology, injection, surgical consult and post-operative rehabilitation.",
    "When a case stalls, look for a wrong or incomplete diagnosis, poor adherence, lifestyle factors or an unsuitable plan before escalating care.",
    "A second opinion from another therapist or specialist is cheap compared with the cost of an unnecessary operation.",
    "Function instruments have a minimal clinically important difference: ODI 10, NDI 7.5, QuickDASH 11, LEFS 9 and PSFS 2 points.",
];

// ---------------------------------------------------------------------------
// Writing TOML.
