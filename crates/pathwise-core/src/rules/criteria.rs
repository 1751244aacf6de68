//! The urgent criteria, conservative failure and the three surgical
//! indications. Indication points are given afterwards, in `verdict`, since
//! they depend on which of the three is met first.

use super::period::{EPSILON, Window, injection_in_brackets};
use super::phrases::{and_list, count, num, test_name, weeks};
use super::{Criterion, CriterionId, Status};
use crate::case::*;

pub(crate) fn criterion(
    w: &Window,
    id: CriterionId,
    status: Status,
    points: f64,
    detail: String,
    evidence: Vec<EventRef>,
) -> Criterion {
    Criterion {
        id,
        status,
        points,
        detail,
        evidence: super::phrases::evidence(w.case, evidence),
    }
}

fn norm(s: &str) -> String {
    s.trim().to_lowercase()
}

pub(crate) fn red_flags(w: &Window) -> Criterion {
    let id = CriterionId::RedFlags;
    let flagged: Vec<_> = w
        .assessment
        .iter()
        .filter(|(_, a)| a.red_flags.as_ref().is_some_and(|f| !f.is_empty()))
        .collect();
    if flagged.is_empty() {
        let detail = match w.assessment.len() {
            0 => "no assessment on file".to_string(),
            n => format!("none recorded in {}", count(n, "assessment", "assessments")),
        };
        return criterion(w, id, Status::NotMet, 0.0, detail, Vec::new());
    }
    let parts: Vec<String> = flagged
        .iter()
        .map(|(_, a)| {
            let flags: Vec<&str> = a.red_flags.iter().flatten().map(|f| f.trim()).collect();
            format!("{} on {}", and_list(&flags), a.date)
        })
        .collect();
    let evidence = flagged.iter().map(|(r, _)| *r).collect();
    criterion(w, id, Status::Met, 0.0, parts.join("; "), evidence)
}

/// One muscle's grades, in assessment order.
struct Grades {
    name: String,
    key: String,
    seen: Vec<(EventRef, Date, u8)>,
}

fn muscle_grades(w: &Window) -> Vec<Grades> {
    let mut muscles: Vec<Grades> = Vec::new();
    for (r, a) in &w.assessment {
        for (name, &grade) in &a.strength {
            let key = norm(name);
            let i = match muscles.iter().position(|m| m.key == key) {
                Some(i) => i,
                None => {
                    muscles.push(Grades {
                        name: name.trim().to_string(),
                        key,
                        seen: Vec::new(),
                    });
                    muscles.len() - 1
                }
            };
            let seen = &mut muscles[i].seen;
            match seen.last_mut() {
                // the same muscle written twice in one assessment: the lower grade
                Some(last) if last.0 == *r => last.2 = last.2.min(grade),
                _ => seen.push((*r, a.date, grade)),
            }
        }
    }
    muscles
}

pub(crate) fn progressive_deficit(w: &Window) -> Criterion {
    let id = CriterionId::ProgressiveDeficit;
    let mut found = Vec::new();
    let mut evidence = Vec::new();
    let mut steady = Vec::new();
    let mut steady_evidence = Vec::new();
    let muscles = muscle_grades(w);
    for m in muscles.iter().filter(|m| m.seen.len() >= 2) {
        let mut best = m.seen[0];
        let mut decline = None;
        for &g in &m.seen[1..] {
            if g.2 < best.2 {
                decline = Some((best, g));
                break;
            }
            if g.2 > best.2 {
                best = g;
            }
        }
        let (first, last) = (m.seen[0], m.seen[m.seen.len() - 1]);
        match decline {
            Some((a, b)) => {
                found.push(format!("{} {} → {} ({} → {})", m.name, a.2, b.2, a.1, b.1));
                evidence.extend([a.0, b.0]);
            }
            None => {
                steady.push(format!("{} {} → {}", m.name, first.2, last.2));
                steady_evidence.extend([first.0, last.0]);
            }
        }
    }
    let numbness: Vec<_> = w
        .assessment
        .iter()
        .filter_map(|(r, a)| a.numbness.as_ref().map(|n| (*r, a.date, n)))
        .collect();
    'later: for (j, (rj, dj, areas)) in numbness.iter().enumerate() {
        for (ri, di, before) in numbness[..j].iter().rev() {
            let had: Vec<String> = before.iter().map(|s| norm(s)).collect();
            let new: Vec<&str> = areas
                .iter()
                .filter(|s| !had.contains(&norm(s)))
                .map(|s| s.trim())
                .collect();
            if !new.is_empty() {
                found.push(format!("new numbness: {} ({di} → {dj})", and_list(&new)));
                evidence.extend([*ri, *rj]);
                break 'later;
            }
        }
    }
    if !found.is_empty() {
        return criterion(w, id, Status::Met, 0.0, found.join("; "), evidence);
    }
    let graded_twice = !steady.is_empty();
    if !graded_twice && numbness.len() < 2 {
        let numb = match numbness.len() {
            0 => "no numbness recorded".to_string(),
            n => format!("numbness recorded in only {}", count(n, "assessment", "assessments")),
        };
        let detail = format!("no muscle graded twice and {numb}; two of either are needed to see a change");
        return criterion(w, id, Status::Unknown, 0.0, detail, Vec::new());
    }
    let mut parts = Vec::new();
    if graded_twice {
        parts.push(format!("no muscle weaker ({})", steady.join(", ")));
    }
    if numbness.len() >= 2 {
        parts.push(format!("no new numbness across {} assessments", numbness.len()));
        if let (Some(first), Some(last)) = (numbness.first(), numbness.last()) {
            steady_evidence.extend([first.0, last.0]);
        }
    }
    criterion(w, id, Status::NotMet, 0.0, parts.join("; "), steady_evidence)
}

pub(crate) fn conservative_failure(w: &Window) -> Criterion {
    let id = CriterionId::ConservativeFailure;
    let p = w.profile;
    let Some((start, _)) = w.conservative_start else {
        let detail = "no conservative treatment on file: no PT course, medication or injection";
        return criterion(w, id, Status::Unknown, 0.0, detail.to_string(), Vec::new());
    };
    let (Some(weeks_exact), false) = (w.documented_weeks, w.changes.is_empty()) else {
        let detail = match w.assessment.len() {
            0 => "no assessment on file: pain or a function score recorded twice is needed".to_string(),
            n => format!(
                "no two assessments record pain or the same function instrument ({} on file)",
                count(n, "assessment", "assessments")
            ),
        };
        return criterion(w, id, Status::Unknown, 0.0, detail, Vec::new());
    };
    let mut evidence: Vec<EventRef> = w.changes.iter().flat_map(|c| [c.from_ref, c.to_ref]).collect();
    let improved = w.improvements();
    if !improved.is_empty() {
        let parts: Vec<String> = improved
            .iter()
            .map(|c| {
                let (a, b) = (w.case.event_date(c.from_ref), w.case.event_date(c.to_ref));
                format!("{} ({a} → {b})", c.describe())
            })
            .collect();
        let evidence = improved.iter().flat_map(|c| [c.from_ref, c.to_ref]).collect();
        let detail = format!("clinically important improvement: {}", parts.join(", "));
        return criterion(w, id, Status::NotMet, 0.0, detail, evidence);
    }
    if let Some((r, _)) = w.assessment.last() {
        evidence.push(*r);
    }
    let changes: Vec<String> = w.changes.iter().map(|c| c.describe()).collect();
    if weeks_exact < p.min_weeks - EPSILON {
        let detail = if weeks_exact < 0.0 {
            let latest = w.assessment.last().map(|(_, a)| a.date).unwrap_or(start);
            format!(
                "the latest assessment ({latest}) predates conservative care ({start}); {} documented weeks required",
                num(p.min_weeks)
            )
        } else {
            format!(
                "only {} documented weeks; {} required",
                weeks(weeks_exact),
                num(p.min_weeks)
            )
        };
        return criterion(w, id, Status::NotMet, 0.0, detail, evidence);
    }
    let share = (weeks_exact / p.full_weeks).min(1.0);
    let detail = format!(
        "no clinically important change over {} weeks: {}",
        weeks(weeks_exact),
        changes.join(", ")
    );
    criterion(
        w,
        id,
        Status::Met,
        p.points.conservative_failure * share,
        detail,
        evidence,
    )
}

fn no_workup(w: &Window, id: CriterionId) -> Option<Criterion> {
    w.workup.is_empty().then(|| {
        let detail = "no workup on file: imaging or testing is needed to decide";
        criterion(w, id, Status::Unknown, 0.0, detail.to_string(), Vec::new())
    })
}

/// "MRI 2026-03-12, X-ray 2026-02-01 and 2 more".
pub(crate) fn workup_list(items: &[(EventRef, &Workup)]) -> String {
    const SHOWN: usize = 3;
    let mut names: Vec<String> = items
        .iter()
        .take(SHOWN)
        .map(|(_, x)| format!("{} {}", test_name(x.test), x.date))
        .collect();
    if items.len() > SHOWN {
        names.push(format!("{} more", items.len() - SHOWN));
    }
    and_list(&names)
}

fn at_level(x: &Workup) -> String {
    match x.level.as_deref().map(str::trim) {
        Some(level) if !level.is_empty() => format!(" at {level}"),
        _ => String::new(),
    }
}

pub(crate) fn instability(w: &Window) -> Criterion {
    let id = CriterionId::Instability;
    if let Some(c) = no_workup(w, id) {
        return c;
    }
    let unstable: Vec<_> = w.workup.iter().filter(|(_, x)| x.instability == Some(true)).collect();
    if unstable.is_empty() {
        let detail = format!("no instability shown on {}", workup_list(&w.workup));
        let evidence = w.workup.iter().map(|(r, _)| *r).collect();
        return criterion(w, id, Status::NotMet, 0.0, detail, evidence);
    }
    let parts: Vec<String> = unstable
        .iter()
        .map(|(_, x)| format!("{} {}: instability{}", test_name(x.test), x.date, at_level(x)))
        .collect();
    let evidence = unstable.iter().map(|(r, _)| *r).collect();
    criterion(w, id, Status::Met, 0.0, parts.join("; "), evidence)
}

fn is_structural(x: &Workup) -> bool {
    let counts = !matches!(
        x.lesion,
        None | Some(Lesion::Normal | Lesion::DiscBulge | Lesion::Other)
    );
    counts && x.severity == Some(Severity::Severe)
}

fn lesion_phrase(x: &Workup, sep: &str) -> String {
    let name = format!("{} {}", test_name(x.test), x.date);
    let Some(lesion) = x.lesion else {
        return format!("{name}{sep}no lesion graded");
    };
    if matches!(lesion, Lesion::DiscBulge | Lesion::Other) {
        return format!("{name}{sep}{lesion}{} (does not count)", at_level(x));
    }
    let severity = x.severity.map_or("severity not graded", |s| s.as_str());
    format!("{name}{sep}{lesion} ({severity}){}", at_level(x))
}

pub(crate) fn structural_lesion(w: &Window) -> Criterion {
    let id = CriterionId::StructuralLesion;
    if let Some(c) = no_workup(w, id) {
        return c;
    }
    let lesions: Vec<_> = w.workup.iter().filter(|(_, x)| is_structural(x)).collect();
    if !lesions.is_empty() {
        let parts: Vec<String> = lesions.iter().map(|(_, x)| lesion_phrase(x, ": ")).collect();
        let evidence = lesions.iter().map(|(r, _)| *r).collect();
        return criterion(w, id, Status::Met, 0.0, parts.join("; "), evidence);
    }
    let other: Vec<_> = w
        .workup
        .iter()
        .filter(|(_, x)| !matches!(x.lesion, None | Some(Lesion::Normal)))
        .collect();
    if other.is_empty() {
        let detail = format!("no structural lesion on {}", workup_list(&w.workup));
        let evidence = w.workup.iter().map(|(r, _)| *r).collect();
        return criterion(w, id, Status::NotMet, 0.0, detail, evidence);
    }
    let parts: Vec<String> = other.iter().map(|(_, x)| lesion_phrase(x, " ")).collect();
    let detail = format!("no severe structural lesion: {}", parts.join("; "));
    let evidence = other.iter().map(|(r, _)| *r).collect();
    criterion(w, id, Status::NotMet, 0.0, detail, evidence)
}

pub(crate) fn intractable_pain(w: &Window) -> Criterion {
    let id = CriterionId::IntractablePain;
    let p = w.profile;
    let pains: Vec<(EventRef, u8)> = w
        .assessment
        .iter()
        .filter_map(|(r, a)| a.pain.map(|n| (*r, n)))
        .collect();
    let [.., (r1, p1), (r2, p2)] = pains[..] else {
        let detail = match pains.len() {
            0 => "pain is never rated; the latest two ratings are needed",
            _ => "pain is rated only once; the latest two ratings are needed",
        };
        let evidence = pains.iter().map(|(r, _)| *r).collect();
        return criterion(w, id, Status::Unknown, 0.0, detail.to_string(), evidence);
    };
    let high = f64::from(p1) >= p.intractable_pain && f64::from(p2) >= p.intractable_pain;
    let failed_meds: Vec<_> = w
        .medication
        .iter()
        .filter(|(_, m)| {
            matches!(
                m.response,
                Some(MedResponse::None | MedResponse::Partial | MedResponse::Worse)
            )
        })
        .collect();
    let failed_inj: Vec<_> = w
        .injection
        .iter()
        .filter(|(_, i)| w.injection_failed(i) == Some(true))
        .collect();
    let mut evidence = vec![r1, r2];
    evidence.extend(failed_meds.iter().map(|(r, _)| *r));
    evidence.extend(failed_inj.iter().map(|(r, _)| *r));
    let meds: Vec<String> = failed_meds
        .iter()
        .map(|(_, m)| {
            let response = m.response.map_or("", |r| r.as_str());
            format!("{} (response {response})", m.drug.trim())
        })
        .collect();
    let injections: Vec<String> = failed_inj.iter().map(|(_, i)| injection_in_brackets(i)).collect();
    if high && !meds.is_empty() && !injections.is_empty() {
        let detail = format!(
            "pain {p1} and {p2} despite {} and {}",
            and_list(&meds),
            and_list(&injections)
        );
        return criterion(w, id, Status::Met, 0.0, detail, evidence);
    }
    let mut why = Vec::new();
    if !high {
        why.push(format!(
            "latest pain {p1} and {p2}; both must be {} or more",
            num(p.intractable_pain)
        ));
    }
    if meds.is_empty() {
        why.push(match w.medication.len() {
            0 => "no medication trial on file".to_string(),
            _ => "no medication trial with response none, partial or worse".to_string(),
        });
    }
    if injections.is_empty() {
        why.push(match w.injection.len() {
            0 => "no injection on file".to_string(),
            _ => format!(
                "no failed injection (relief under {}% or under {})",
                num(p.failed_injection_relief_percent),
                super::phrases::weeks_word(p.failed_injection_relief_weeks)
            ),
        });
    }
    criterion(w, id, Status::NotMet, 0.0, why.join("; "), evidence)
}
