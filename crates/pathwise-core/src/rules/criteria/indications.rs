//! The indications: 6 `instability`, 7 `structural-lesion`, 8
//! `intractable-pain` and 9 `entrapment`.

use super::super::phrases::{and_list, num, shot_with_relief, test_name};
use super::super::terms::lesions::{at_level, judge};
use super::super::terms::{Terms, at_least, care, is_entrapment_region, is_limb};
use super::super::{Criterion, CriterionId, Status};
use super::{Found, status};
use crate::case::*;

fn study(w: &Workup) -> String {
    format!("{} {}", test_name(w.test), w.date)
}

pub(crate) fn instability(t: &Terms, _: &[Criterion]) -> Found {
    let limb = is_limb(t.region());
    let exams: Vec<(EventRef, &Assessment)> = if limb { t.day.assessment.clone() } else { Vec::new() };
    let shown: Vec<String> = t
        .day
        .workup
        .iter()
        .filter(|(_, w)| w.instability == Some(true))
        .map(|(_, w)| format!("{}: instability{}", study(w), at_level(w)))
        .chain(
            exams
                .iter()
                .filter(|(_, a)| a.instability == Some(true))
                .map(|(_, a)| format!("unstable on examination on {}", a.date)),
        )
        .collect();
    if !shown.is_empty() {
        let mut evidence: Vec<EventRef> = t
            .day
            .workup
            .iter()
            .filter(|(_, w)| w.instability == Some(true))
            .map(|(r, _)| *r)
            .collect();
        evidence.extend(
            exams
                .iter()
                .filter(|(_, a)| a.instability == Some(true))
                .map(|(r, _)| *r),
        );
        return Found::met(shown.join("; "), evidence);
    }
    let films: Vec<&(EventRef, &Workup)> = t
        .day
        .workup
        .iter()
        .filter(|(_, w)| w.test == Test::FlexionExtensionXray || w.instability == Some(false))
        .collect();
    let stable: Vec<&(EventRef, &Assessment)> = exams.iter().filter(|(_, a)| a.instability == Some(false)).collect();
    if !films.is_empty() || !stable.is_empty() {
        let mut parts: Vec<String> = films.iter().map(|(_, w)| study(w)).collect();
        parts.extend(
            stable
                .iter()
                .map(|(_, a)| format!("a stable examination on {}", a.date)),
        );
        let mut evidence: Vec<EventRef> = films.iter().map(|(r, _)| *r).collect();
        evidence.extend(stable.iter().map(|(r, _)| *r));
        return Found::not_met(format!("no instability on {}", and_list(&parts)), evidence);
    }
    let detail = if t.region().is_spinal() {
        "flexion-extension X-rays would decide"
    } else if limb {
        "a stability examination would decide"
    } else {
        "a study showing instability would decide"
    };
    Found::unknown(detail, Vec::new())
}

pub(crate) fn structural_lesion(t: &Terms, _: &[Criterion]) -> Found {
    let met: Vec<String> = t.structural().map(|x| x.describe()).collect();
    if !met.is_empty() {
        let detail = if t.features.any() && t.structural().any(|x| x.compressive()) {
            format!("{}, with {}", met.join("; "), t.features.describe(false))
        } else {
            met.join("; ")
        };
        return Found::met(detail, t.structural().map(|x| x.at).collect());
    }
    if t.deciding.is_empty() && t.targets.is_empty() {
        let wanted = if is_entrapment_region(t.region()) {
            "no advanced imaging or nerve study on file: one would decide"
        } else {
            "no advanced imaging on file: MRI or CT would decide"
        };
        return Found::unknown(wanted, Vec::new());
    }
    let region = t.region();
    let mut parts = Vec::new();
    let mut evidence = Vec::new();
    for (r, w) in &t.day.workup {
        let why = match judge(region, &t.features, *r, w) {
            Ok(x) => format!("{}: a target, but neither severe nor compressive", x.describe()),
            Err("no lesion") => continue,
            Err(why) => format!(
                "{} {}{}: {why}",
                study(w),
                w.lesion.map_or("", |l| l.as_str()),
                at_level(w)
            ),
        };
        parts.push(why);
        evidence.push(*r);
    }
    if parts.is_empty() {
        let names: Vec<String> = t
            .deciding
            .iter()
            .map(|r| {
                t.day
                    .workup
                    .iter()
                    .find(|(x, _)| x == r)
                    .map_or(String::new(), |(_, w)| study(w))
            })
            .collect();
        return Found::not_met(
            format!("no structural lesion on {}", and_list(&names)),
            t.deciding.clone(),
        );
    }
    Found::not_met(format!("no lesion that counts: {}", parts.join("; ")), evidence)
}

pub(crate) fn intractable_pain(t: &Terms, _: &[Criterion]) -> Found {
    let p = t.profile();
    let pains: Vec<(EventRef, u8)> = t
        .day
        .assessment
        .iter()
        .filter_map(|(r, a)| a.pain.map(|n| (*r, n)))
        .collect();
    let [.., (r1, p1), (r2, p2)] = pains[..] else {
        return Found::unknown(
            "fewer than two pain ratings: the latest two are needed",
            pains.iter().map(|(r, _)| *r).collect(),
        );
    };
    let high = at_least(f64::from(p1), p.intractable_pain) && at_least(f64::from(p2), p.intractable_pain);
    let meds: Vec<_> = t.medication_trials().into_iter().filter(|m| m.failed()).collect();
    let failed: Vec<_> = t.failed_injections().collect();
    let refused: Vec<_> = t.not_given().collect();
    let mut evidence = vec![r1, r2];
    evidence.extend(meds.iter().map(|m| m.med.at));
    evidence.extend(failed.iter().map(|s| s.at));
    evidence.extend(refused.iter().map(|s| s.at));
    let med_words: Vec<String> = meds.iter().map(|m| m.describe()).collect();
    let mut shots: Vec<String> = failed.iter().map(|s| shot_with_relief(s)).collect();
    shots.extend(
        refused
            .iter()
            .map(|s| format!("{} {} ({})", s.kind(), s.date(), s.status())),
    );
    if high && !meds.is_empty() && !shots.is_empty() {
        let detail = format!(
            "pain {p1} and {p2} despite {} and {}",
            and_list(&med_words),
            and_list(&shots)
        );
        return Found::met(detail, evidence);
    }
    let mut why = Vec::new();
    if !high {
        why.push(format!(
            "latest pain {p1} and {p2}; both must be {} or more",
            num(p.intractable_pain)
        ));
    }
    if meds.is_empty() {
        why.push("no failed medication trial on file".to_string());
    }
    if shots.is_empty() {
        why.push("no failed, declined or contraindicated therapeutic injection".to_string());
    }
    Found::not_met(why.join("; "), evidence)
}

pub(crate) fn entrapment(t: &Terms, decided: &[Criterion]) -> Found {
    if !is_entrapment_region(t.region()) {
        return Found::not_applicable("applies to the elbow and wrist-hand only");
    }
    let studies: Vec<&(EventRef, &Workup)> = t.nerve_studies().collect();
    if studies.is_empty() {
        if t.features.any() {
            let detail = format!(
                "{} and no nerve study: NCS/EMG would decide",
                t.features.describe(false)
            );
            return Found::unknown(detail, t.features.evidence(false));
        }
        return Found::not_met("no neurological features and no nerve study", Vec::new());
    }
    let p = t.profile();
    let soft: Vec<_> = t
        .therapeutic()
        .filter(|s| s.kind() == InjectionKind::SoftTissueSteroid)
        .collect();
    let failed_soft: Vec<_> = soft.iter().filter(|s| care::failed(p, s)).collect();
    let relapsed: Vec<_> = soft.iter().filter(|s| care::relapsed(p, s)).collect();
    let failure = status(decided, CriterionId::ConservativeFailure) == Some(Status::Met);
    let mut notes = Vec::new();
    for (r, w) in &studies {
        let shows = matches!(w.lesion, Some(Lesion::NerveEntrapment | Lesion::NerveCompression));
        if !shows || w.concordant == Some(false) {
            notes.push(format!("{}: no concordant entrapment", study(w)));
            continue;
        }
        let lesion = w.lesion.map_or("", |l| l.as_str());
        let name = format!(
            "{}: {lesion} ({}){}",
            study(w),
            w.severity.map_or("not graded", |s| s.as_str()),
            at_level(w)
        );
        match w.severity {
            Some(Severity::Severe) => return Found::met(name, vec![*r]),
            Some(Severity::Moderate) => {
                let mut why: Vec<String> = failed_soft
                    .iter()
                    .map(|s| format!("failed {}", shot_with_relief(s)))
                    .collect();
                why.extend(
                    relapsed
                        .iter()
                        .map(|s| format!("relapse after {}", shot_with_relief(s))),
                );
                if failure {
                    why.push("conservative care failed".to_string());
                }
                if !why.is_empty() {
                    let mut evidence = vec![*r];
                    evidence.extend(failed_soft.iter().chain(relapsed.iter()).map(|s| s.at));
                    return Found::met(format!("{name} and {}", and_list(&why)), evidence);
                }
                notes.push(format!(
                    "{name}, without a failed or relapsed soft-tissue steroid or failed conservative care"
                ));
            }
            _ => notes.push(format!("{name}: not moderate or severe")),
        }
    }
    Found::not_met(notes.join("; "), studies.iter().map(|(r, _)| *r).collect())
}
