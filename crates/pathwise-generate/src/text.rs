//! Titles and summaries: the words of a case, from its archetype and what
//! was drawn on each track.

use super::*;

/// Two title templates per archetype: `{cond}`, `{weeks}`, `{muscle}` and
/// `{surgery}` are filled in.
const TITLES: [(Arch, [&str; 2]); 29] = [
    (
        Arch::Emergency,
        [
            "{cond}: emergency red flags at review",
            "{cond} with new emergency symptoms",
        ],
    ),
    (
        Arch::RedFlags,
        [
            "{cond} with new red flags at review",
            "{cond}: red flags after {weeks} weeks",
        ],
    ),
    (
        Arch::Progressive,
        [
            "{cond} with worsening {muscle} weakness",
            "{cond}, deficit progressing during care",
        ],
    ),
    (
        Arch::DenseWeakness,
        ["{cond} with dense {muscle} weakness", "{cond}: {muscle} 2/5 or weaker"],
    ),
    (
        Arch::PostOp,
        ["{cond}, {surgery} and post-op rehab", "{cond} after {surgery}"],
    ),
    (
        Arch::ReadyLesion,
        [
            "{cond}, {weeks} weeks of failed conservative care",
            "{cond} unchanged after {weeks} weeks of PT",
        ],
    ),
    (
        Arch::ReadyInstability,
        [
            "{cond}, instability after {weeks} weeks of care",
            "{cond} with documented instability, failed PT",
        ],
    ),
    (
        Arch::ReadyIntractable,
        [
            "{cond}, intractable pain despite medication",
            "{cond}: pain 7 or more through every treatment tried",
        ],
    ),
    (
        Arch::ReadyMyelopathy,
        [
            "{cond}: cord compression with myelopathy signs",
            "{cond}, mJOA recorded, cord compressed on MRI",
        ],
    ),
    (
        Arch::ReadyEntrapment,
        [
            "{cond} confirmed on nerve conduction studies",
            "{cond}: entrapment graded on NCS/EMG",
        ],
    ),
    (
        Arch::ReadyAcute,
        [
            "{cond}: acute traumatic lesion on imaging",
            "{cond} weeks after an injury",
        ],
    ),
    (
        Arch::ImagingToCome,
        [
            "{cond}, {weeks} weeks of failed care, no MRI yet",
            "{cond} failing PT before advanced imaging",
        ],
    ),
    (
        Arch::LesionBeforePt,
        [
            "{cond} on imaging before any PT",
            "{cond}: a lesion seen, PT not started",
        ],
    ),
    (
        Arch::Plateau,
        [
            "{cond}, {weeks} weeks of care without change",
            "{cond} plateaued despite full conservative care",
        ],
    ),
    (
        Arch::Lifestyle,
        [
            "{cond} with poor sleep slowing recovery",
            "{cond}, shift work and poor diet",
        ],
    ),
    (
        Arch::NoPt,
        [
            "{cond}, seen before any physical therapy",
            "{cond}: first visit, no PT yet",
        ],
    ),
    (
        Arch::SuspectedMyelopathy,
        [
            "{cond}: myelopathy signs, MRI not yet done",
            "{cond}, Hoffmann sign found in PT",
        ],
    ),
    (
        Arch::Improving,
        ["{cond} improving with care", "{cond}, steady gains over {weeks} weeks"],
    ),
    (
        Arch::LowAdherence,
        ["{cond}, home programme rarely done", "{cond} with missed PT sessions"],
    ),
    (
        Arch::Passive,
        [
            "{cond} on a passive-only PT plan",
            "{cond}: heat and TENS without exercise",
        ],
    ),
    (
        Arch::Psychosocial,
        [
            "{cond} with high psychosocial risk",
            "{cond}: fear of movement holding back PT",
        ],
    ),
    (
        Arch::NoImaging,
        [
            "{cond}, no diagnostic imaging yet",
            "{cond} without MRI after {weeks} weeks",
        ],
    ),
    (
        Arch::NoNerveStudy,
        [
            "{cond}, features the imaging does not explain",
            "{cond}: neurological signs but no NCS/EMG",
        ],
    ),
    (
        Arch::NeuroUntreated,
        [
            "{cond}, neuropathic pain on NSAIDs only",
            "{cond}: burning pain without a neuropathic agent",
        ],
    ),
    (
        Arch::NoMeds,
        ["{cond}, no medication trial yet", "{cond} managed without medication"],
    ),
    (
        Arch::NoInjection,
        [
            "{cond}, no targeted injection yet",
            "{cond}: medication and PT, no injection",
        ],
    ),
    (
        Arch::PositiveBlocks,
        [
            "{cond}: two positive medial branch blocks",
            "{cond}, facet pain confirmed by diagnostic blocks",
        ],
    ),
    (
        Arch::NoTarget,
        [
            "{cond}: failed care, no surgical target",
            "{cond}, injection failed, imaging without a target",
        ],
    ),
    (
        Arch::Pending,
        [
            "{cond}, injection result not yet known",
            "{cond}: reviewed days after an injection",
        ],
    ),
];

pub(super) fn title_for(
    rng: &mut Rng,
    arch: Arch,
    cond: &str,
    weeks: i64,
    surgery: &str,
    muscle: Option<&str>,
) -> String {
    let options = TITLES
        .iter()
        .find(|(a, _)| *a == arch)
        .map_or(["{cond}", "{cond}"], |t| t.1);
    options[rng.below(options.len())]
        .replace("{cond}", cond)
        .replace("{weeks}", &weeks.to_string())
        .replace("{muscle}", muscle.unwrap_or("leg"))
        .replace("{surgery}", &lower_first(surgery))
}

/// A short narrative: who, what was done on each track, how it went.
pub(super) fn summary_for(rng: &mut Rng, cx: &Ctx, d: &Draft) -> String {
    let p = &d.patient;
    let who = match &p.occupation {
        Some(o) => format!("A {}-year-old {o}", p.age),
        None => format!("A patient aged {}", p.age),
    };
    let mut out = format!("{who} presented with {}.", lower_first(&d.complaint));
    pt_words(&mut out, &d.pt);
    workup_words(&mut out, &d.workup);
    if let Some(i) = d.injection.first() {
        out.push(' ');
        out.push_str(&injection_sentence(i));
    }
    let closing_pain = match cx.s.pain {
        Pain::Improving => "Pain and function scores have improved at each review.",
        Pain::Worse => "Pain and function scores have worsened.",
        Pain::Intractable => "Pain has stayed at 7 or more out of 10 throughout.",
        _ => "Pain and function scores have changed little.",
    };
    let _ = write!(out, " {closing_pain} {}", rng.pick(closing(cx.arch)));
    if cx.s.lifestyle_poor && cx.arch != Arch::Lifestyle {
        out.push_str(" Sleep is also poor.");
    }
    out
}

fn pt_words(out: &mut String, pt: &[PtCourse]) {
    let Some(p) = pt.iter().find(|p| !p.post_op) else {
        out.push_str(" No physical therapy has been started yet.");
        return;
    };
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

fn workup_words(out: &mut String, workup: &[Workup]) {
    let now: Vec<&Workup> = workup.iter().filter(|w| !w.future).collect();
    let shown = now
        .iter()
        .find(|w| w.test != "xray" && w.lesion.is_some())
        .or_else(|| now.iter().rev().find(|w| w.test != "xray"));
    if let Some(w) = shown {
        let first = w
            .findings
            .split(". ")
            .next()
            .unwrap_or(&w.findings)
            .trim_end_matches('.');
        let _ = write!(out, " {}: {}.", test_words(w.test), lower_first(first));
    } else if now.iter().any(|w| w.test == "xray") {
        out.push_str(" Only plain radiographs have been taken.");
    } else {
        out.push_str(" No imaging has been done.");
    }
}

fn injection_sentence(i: &Injection) -> String {
    let words = injection_words(i.kind);
    match (i.status, i.relief_percent) {
        (Some(status), _) => format!("{} {words} injection was {status}.", article(words)),
        (None, _) if i.kind == "medial-branch-block" => {
            "Two diagnostic medial branch blocks each gave 80 percent relief or more.".to_string()
        }
        (None, Some(p)) if p >= 50 => format!("{} {words} injection gave {p} percent relief.", article(words)),
        (None, Some(p)) => format!("{} {words} injection gave only {p} percent relief.", article(words)),
        (None, None) => format!(
            "{} {words} injection was given; relief was not recorded.",
            article(words)
        ),
    }
}

fn closing(arch: Arch) -> &'static [&'static str] {
    match arch {
        Arch::Emergency => {
            &["At review new emergency symptoms were reported and the patient was sent in the same day."]
        }
        Arch::RedFlags => {
            &["At review new red-flag symptoms were reported and an urgent referral was made the same day."]
        }
        Arch::Progressive => &["Serial examination shows a worsening neurological deficit despite treatment."],
        Arch::DenseWeakness => &["The examination now finds a dense motor deficit."],
        Arch::PostOp => &["After surgery a structured post-operative PT course followed."],
        Arch::ReadyLesion | Arch::ReadyInstability | Arch::ReadyIntractable => &[
            "Conservative care has failed and the question is now a surgical opinion.",
            "Symptoms are unchanged and the patient asks about surgery.",
        ],
        Arch::ReadyMyelopathy => &["Myelopathy signs and cord compression: the question is surgical timing."],
        Arch::ReadyEntrapment => &["The nerve study grades the entrapment and the question is release."],
        Arch::ReadyAcute => &["The injury is recent and the lesion is one that is repaired early."],
        Arch::ImagingToCome => &["Care has failed for weeks and no advanced imaging has been done."],
        Arch::LesionBeforePt => &["A lesion is on file but conservative care has not begun."],
        Arch::Plateau => &["Progress has plateaued despite a complete conservative programme."],
        Arch::Lifestyle => &["Poor sleep and diet are holding back recovery."],
        Arch::NoPt => &["The question is what to start with."],
        Arch::SuspectedMyelopathy => &["Upper motor neurone signs have been found and the cord has not been imaged."],
        Arch::Improving => &["What has been started is working and the patient is keen to continue."],
        Arch::LowAdherence => &["Attendance and home exercise have been the main problem."],
        Arch::Passive => &["The plan has relied on passive treatment without an active programme."],
        Arch::Psychosocial => &["Fear of movement and worry about the scan are shaping how the patient copes."],
        Arch::NoImaging => &["No diagnostic imaging has been ordered yet."],
        Arch::NoNerveStudy => &["The neurological features have not been localised with a nerve study."],
        Arch::NeuroUntreated => &["The neuropathic pain has not been treated with a neuropathic agent."],
        Arch::NoMeds => &["No medication has been tried so far."],
        Arch::NoInjection => &["No targeted injection has been offered."],
        Arch::PositiveBlocks => &["The blocks point to the facet joints as the source of the pain."],
        Arch::NoTarget => &["Care has failed, but the imaging shows nothing a surgeon could fix."],
        Arch::Pending => &["The review came before the injection's result could be known."],
    }
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
        "medial-branch-block" => "medial branch block",
        "nerve-block" => "nerve block",
        "trigger-point" => "trigger point",
        _ => "guided",
    }
}
