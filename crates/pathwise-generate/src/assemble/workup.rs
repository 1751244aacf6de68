//! Workup: plain films, the study of the lesion (or a clear one), a study
//! showing instability, and a nerve study; the working diagnosis follows
//! the study that shows the lesion.

use super::*;

pub(super) fn add(rng: &mut Rng, cx: &Ctx, d: &mut Draft) {
    let s = &cx.s;
    let want_plain = matches!(s.imaging, Imaging::Plain | Imaging::PlainSevere)
        || (matches!(s.imaging, Imaging::Clear | Imaging::Moderate | Imaging::Severe) && rng.chance(30));
    if want_plain {
        d.workup.push(plain_films(cx));
    }
    match s.imaging {
        Imaging::Clear => d.workup.push(clear_study(rng, cx)),
        Imaging::Moderate | Imaging::Severe | Imaging::Unstable => d.workup.push(lesion_study(rng, cx)),
        _ => {}
    }
    if s.imaging == Imaging::Unstable {
        d.workup.extend(unstable_study(rng, cx));
    }
    let lesion_is_nerve_study = cx.c.test_is_nerve_study() && matches!(s.imaging, Imaging::Moderate | Imaging::Severe);
    if s.nerve_study && !lesion_is_nerve_study && !cx.c.nerve.is_empty() {
        d.workup.push(nerve_study(rng, cx));
    }
    d.working = working_diagnosis(cx);
}

/// The working diagnosis, once a study shows the lesion.
fn working_diagnosis(cx: &Ctx) -> Option<(String, Date)> {
    if cx.c.working == cx.c.initial {
        return None;
    }
    match cx.s.imaging {
        Imaging::Moderate | Imaging::Severe | Imaging::Unstable => Some((cx.f(cx.c.working), cx.t.img_date)),
        Imaging::PlainSevere => Some((cx.f(cx.c.working), cx.t.xray_date)),
        _ => None,
    }
}

fn plain_films(cx: &Ctx) -> Workup {
    let severe = cx.s.imaging == Imaging::PlainSevere;
    let findings = if severe {
        format!("Weight-bearing radiographs: {}", lower_first(&cx.f(cx.c.severe)))
    } else {
        cx.f(cx.r.xray)
    };
    let mut w = Workup::new(cx.t.xray_date, "xray", cx.site(), findings);
    if severe {
        w.lesion = Some(cx.c.lesion_severe);
        w.severity = Some("severe");
        w.concordant = Some(true);
    } else {
        w.lesion = Some(cx.r.xray_lesion);
        w.severity = (cx.r.xray_lesion != "normal").then_some("mild");
    }
    w
}

/// The test that images the lesion: the condition's, unless it is a nerve
/// study where advanced imaging is meant (then MRI or ultrasound).
fn imaging_test(cx: &Ctx) -> &'static str {
    if cx.c.test_is_nerve_study() {
        cx.r.clear.0
    } else {
        cx.c.test
    }
}

/// Advanced imaging that shows no target: the lesion graded mild, the
/// lesion on the other side (discordant), a finding that is no surgical
/// lesion, or a normal study.
fn clear_study(rng: &mut Rng, cx: &Ctx) -> Workup {
    let (c, r) = (cx.c, cx.r);
    let mut options = vec![0];
    if !c.mild.is_empty() && !c.test_is_nerve_study() {
        options.extend([1, 1]);
    }
    if c.discordant_ok(r) {
        options.push(2);
    }
    if c.moderate_quiet(r) {
        options.extend([3, 3]);
    }
    let test = imaging_test(cx);
    let mut w = Workup::new(cx.t.img_date, test, cx.site(), String::new());
    match rng.pick(&options) {
        1 => {
            w.findings = cx.f(c.mild);
            w.lesion = Some(c.lesion_moderate);
            w.severity = (c.lesion_moderate != "other").then_some("mild");
            w.level = Some(cx.f(c.level));
        }
        2 => {
            w.findings = format!(
                "{} The finding is on the side opposite the symptoms.",
                cx.mirrored(c.moderate)
            );
            w.lesion = Some(c.lesion_moderate);
            w.severity = Some("moderate");
            w.level = Some(cx.f(c.level));
            w.concordant = Some(false);
        }
        3 => {
            w.findings = cx.f(c.moderate);
            w.lesion = Some(c.lesion_moderate);
            w.severity = graded(c.lesion_moderate, "moderate");
            w.level = Some(cx.f(c.level));
        }
        _ => {
            w.test = r.clear.0;
            w.findings = cx.f(r.clear.2);
            w.lesion = Some(r.clear.1);
            w.severity = graded(r.clear.1, "mild");
        }
    }
    w
}

/// A severity for a lesion that can be graded (a disc bulge is mild).
fn graded(lesion: &str, severity: &'static str) -> Option<&'static str> {
    match lesion {
        "other" | "normal" => None,
        "disc-bulge" => Some("mild"),
        _ => Some(severity),
    }
}

/// The study of the lesion, moderate or severe (acute when the scenario
/// says so).
fn lesion_study(rng: &mut Rng, cx: &Ctx) -> Workup {
    let c = cx.c;
    let severe = cx.s.imaging == Imaging::Severe;
    let (text, lesion) = match (severe, cx.s.acute, c.acute) {
        (true, true, Some(acute)) => (acute, c.lesion_severe),
        (true, _, _) => (c.severe, c.lesion_severe),
        _ => (c.moderate, c.lesion_moderate),
    };
    let mut w = Workup::new(cx.t.img_date, c.test, cx.site(), cx.f(text));
    w.lesion = Some(lesion);
    w.level = Some(cx.f(c.level));
    w.severity = graded(lesion, if severe { "severe" } else { "moderate" });
    w.nerve = c.test_is_nerve_study().then(|| cx.f(c.nerve));
    let target = c.targets(cx.r, lesion);
    w.concordant = (target && rng.chance(60)).then_some(true);
    w.acute = (severe && cx.s.acute).then_some(true);
    w
}

fn unstable_study(rng: &mut Rng, cx: &Ctx) -> Option<Workup> {
    let (test, text) = cx.c.unstable?;
    let date = day(cx.t.img_date, rng.range(0, 10)).min(cx.t.last);
    let mut w = Workup::new(date, test, cx.site(), cx.f(text));
    w.lesion = Some(cx.c.lesion_moderate);
    w.level = Some(cx.f(cx.c.level));
    w.severity = graded(cx.c.lesion_moderate, "moderate");
    w.instability = Some(true);
    Some(w)
}

/// NCS/EMG: a radiculopathy for the spine; a mild entrapment (no target,
/// no indication) where the condition's lesion is not the study itself.
fn nerve_study(rng: &mut Rng, cx: &Ctx) -> Workup {
    let date = day(cx.t.img_date, rng.range(3, 20)).min(cx.t.last);
    let test = rng.pick(&["ncs-emg", "ncs-emg", "emg"]);
    let spinal = cx.r.spinal;
    let site = if spinal {
        format!("{} limb and paraspinals", cx.side)
    } else {
        cx.site()
    };
    let mut w = Workup::new(date, test, site, String::new());
    w.nerve = Some(cx.f(cx.c.nerve));
    if spinal || cx.c.mild.is_empty() {
        w.findings = nerve_findings(rng, cx);
    } else {
        w.test = "ncs-emg";
        w.findings = cx.f(cx.c.mild);
        w.lesion = Some(cx.c.lesion_moderate);
        w.level = Some(cx.f(cx.c.level));
        w.severity = Some("mild");
    }
    w
}

fn nerve_findings(rng: &mut Rng, cx: &Ctx) -> String {
    let nerve = cx.f(cx.c.nerve);
    let side = capitalize(cx.side);
    if cx.r.spinal {
        format!(
            "{side} {nerve} radiculopathy: {} No evidence of a generalised peripheral neuropathy.",
            rng.pick(&[
                "chronic neurogenic changes in the myotome with no active denervation.",
                "active denervation in the myotome including the paraspinals.",
                "mild chronic reinnervation changes only.",
            ])
        )
    } else {
        format!(
            "{side} {nerve} neuropathy at the {}: {}",
            cx.c.level,
            rng.pick(&[
                "mild sensory slowing only.",
                "borderline sensory latency, motor conduction normal.",
            ])
        )
    }
}

/// Advanced imaging of the lesion booked after the review (greyed).
pub(super) fn future_mri(cx: &Ctx, date: Date) -> Workup {
    let c = cx.c;
    let test = if c.test_is_nerve_study() { "mri" } else { c.test };
    let text = if c.severe.is_empty() { c.moderate } else { c.severe };
    let mut w = Workup::new(date, test, cx.site(), cx.f(text));
    w.lesion = Some(if c.severe.is_empty() {
        c.lesion_moderate
    } else {
        c.lesion_severe
    });
    w.level = Some(cx.f(c.level));
    w.severity = (!c.severe.is_empty())
        .then_some("severe")
        .filter(|_| c.lesion_severe != "other");
    w.future = true;
    w
}
